""""verwijder mijn gesprek" and redaction in the channel guard, with Rasa's part played by coroutines."""
import asyncio
import logging

import pytest

from bot.channels import wording
from bot.channels.guard import guarded_turn
from bot.channels.rest import _Collector
from bot.privacy.command import CANCEL, CONFIRM, ERASE, recognise

COMMANDS = ["verwijder mijn gesprek", "Verwijder mijn gesprek!", "wis mijn gesprek", "verwijder dit gesprek",
            "verwijder al mijn gegevens", "Kun je mijn gesprek verwijderen?", "mijn gesprek verwijderen graag",
            "wil je alsjeblieft mijn gegevens wissen", "ik wil mijn gesprek laten verwijderen", "Verwijder m'n chat.",
            "delete my conversation", "verwijder mijn gesprekken aub"]
NOT_COMMANDS = ["hoe verwijder ik een werkproces?", "verwijder W3", "mijn gesprek was fijn",
                "welke gegevens verwerkt een Office & Management Support Specialist?",
                "verwijder mijn gesprek en zeg welk niveau W3 heeft", "wat is een gesprek?", "/kwalibot_iets_anders", ""]


@pytest.mark.parametrize("text", COMMANDS)
def test_the_command_is_recognised_in_its_usual_wordings(text):
    assert recognise(text) == ERASE


@pytest.mark.parametrize("text", NOT_COMMANDS)
def test_questions_and_other_sentences_are_not_the_command(text):
    assert recognise(text) is None


@pytest.mark.parametrize("payload", [CONFIRM, CANCEL])
def test_the_reserved_button_payloads_are_recognised(payload):
    assert recognise(payload) == payload


def turn(message, erase=None, sender="web-1"):
    out, received, erased = _Collector(), [], []

    async def rasa(user_message):
        received.append(user_message)
        await user_message.output_channel.send_text_message(user_message.sender_id, "antwoord")

    async def eraser(sender_id):
        erased.append(sender_id)
        return 7

    asyncio.run(guarded_turn(rasa, message, out, sender, "test", None, erase or eraser))
    return out.messages, received, erased


def test_the_command_is_answered_with_a_confirmation_question_and_never_reaches_rasa():
    [reply], received, erased = turn("verwijder mijn gesprek")
    assert reply["text"] == wording.ERASE_QUESTION
    assert reply["buttons"] == [{"title": wording.ERASE_YES, "payload": CONFIRM},
                                {"title": wording.ERASE_NO, "payload": CANCEL}]
    assert received == [] and erased == []


def test_confirming_erases_the_senders_conversation_and_says_so(caplog):
    with caplog.at_level(logging.INFO, logger="bot.privacy.command"):
        messages, received, erased = turn(CONFIRM, sender="web-7")
    assert [m["text"] for m in messages] == [wording.ERASE_DONE] and received == [] and erased == ["web-7"]
    assert "conversation of web-7 on test erased at the user's request (7 events)" in caplog.text


def test_cancelling_erases_nothing():
    messages, received, erased = turn(CANCEL)
    assert [m["text"] for m in messages] == [wording.ERASE_CANCELLED] and received == [] and erased == []


def test_a_failing_erasure_is_told_to_the_user_and_its_cause_logged(caplog):
    async def broken(sender_id):
        raise ConnectionError("database unreachable")
    with caplog.at_level(logging.ERROR, logger="bot.privacy.command"):
        messages, _, _ = turn(CONFIRM, erase=broken)
    assert [m["text"] for m in messages] == [wording.ERASE_FAILED]
    assert "erasing the conversation of web-1 on test failed: database unreachable" in caplog.text


def test_rasa_gets_the_message_with_its_personal_data_replaced():
    _, [message], _ = turn("ik ben jan@school.nl, 06-12345678: welk niveau heeft W3?")
    assert message.text == "ik ben [e-mailadres], [telefoonnummer]: welk niveau heeft W3?"


async def silent(message):
    pass


@pytest.mark.parametrize("log_text, expected", [
    (None, "no reply for sender web-1 to a message of 12 characters (KWALIBOT_LOG_TEXT=1 logs the text) on test"),
    ("1", "no reply for sender web-1 to 'Welk niveau?' on test"),
])
def test_logs_carry_the_text_only_when_asked(monkeypatch, caplog, log_text, expected):
    if log_text is None:
        monkeypatch.delenv("KWALIBOT_LOG_TEXT", raising=False)
    else:
        monkeypatch.setenv("KWALIBOT_LOG_TEXT", log_text)
    with caplog.at_level(logging.ERROR, logger="bot.channels.guard"):
        asyncio.run(guarded_turn(silent, "Welk niveau?", _Collector(), "web-1", "test"))
    assert expected in caplog.text
    assert ("Welk niveau?" in caplog.text) is (log_text == "1")
