"""End to end: the real action server and Rasa server, asked over HTTP like a chat widget would.

The servers are `default_stack` (tests/e2e/conftest.py), shared with other modules: the senders here are this
module's own."""
import json
import urllib.error
import urllib.request

import pytest

from bot.servers import ask, stop
from tests.e2e.bad_messages import BAD_MESSAGES, ODD_MESSAGES


@pytest.fixture(scope="module")
def bot(default_stack):
    return default_stack


def texts(messages):
    return " ".join(m.get("text") or "" for m in messages)


def test_a_question_gets_a_sourced_answer(bot):
    reply = texts(ask(bot["port"], "e2e-1", "Welk crebonummer heeft de Marketing & Communication Specialist?"))
    assert "25727" in reply and "Bron: Kwalificatiedossier Business Services" in reply


def test_a_follow_up_leans_on_the_conversation(bot):
    ask(bot["port"], "e2e-2", "Wat is P5-K1-W2 bij business services?")
    reply = texts(ask(bot["port"], "e2e-2", "wat is het resultaat?"))
    assert "Aanvragen en opdrachten zijn correct en volgens procedures uitgevoerd." in reply


def test_ambiguous_short_code_offers_a_button_per_candidate(bot):
    messages = ask(bot["port"], "e2e-3", "wat doet een marketing & communication specialist bij W3?")
    buttons = [b["title"] for m in messages for b in m.get("buttons") or []]
    assert buttons == ["B1-K1-W3 Verwerkt gegevens", "P6-K1-W3 Voert marktonderzoeken uit"]


@pytest.mark.parametrize("message, expected", BAD_MESSAGES + [(m, None) for m in ODD_MESSAGES])
def test_bad_messages_get_a_polite_reply(bot, message, expected):
    reply = texts(ask(bot["port"], "e2e-bad", message))
    assert reply  # never silence
    if expected:
        assert expected in reply


def test_a_body_that_is_not_json_gets_a_400_with_dutch_explanation(bot):
    request = urllib.request.Request(f"http://127.0.0.1:{bot['port']}/webhooks/rest/webhook", data=b"\xff\xfe{",
                                     headers={"Content-Type": "application/json"})
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(request, timeout=10)
    assert error.value.code == 400 and "JSON" in json.loads(error.value.read())["error"]


def test_action_server_down_gives_an_apology_not_silence(bot):
    stop(bot["actions"])  # last test of the module: the action server stays down (conftest revives it)
    reply = texts(ask(bot["port"], "e2e-down", "Welk niveau is de Office & Management Support Specialist?"))
    assert reply.startswith("Sorry, er ging bij mij iets mis")
    assert "no reply for sender e2e-down" in (bot["logs"] / "rasa.log").read_text()
