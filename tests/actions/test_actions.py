"""The Rasa adapter on one turn: a Tracker in, the exact events and messages out."""
import pytest

from actions.antwoord import ActionAntwoord
from questions.replies import replies
from tests.actions.conftest import run

P6 = "Business Services/P6"


def test_a_werkproces_answer_remembers_what_it_was_about():
    messages, events = run(ActionAntwoord(), "Wat doet een MCS extra bij B1-K1-W4?", "ask_werkproces",
                           [("werkproces", "B1-K1-W4"), ("kwalificatie", P6)])
    text = messages[0]["text"]
    assert text.splitlines()[0] == ("B1-K1-W4 Werkt aan producten/opdrachten binnen geld-, goederen- en informatie "
                                    "beweging (voor de Marketing & Communication Specialist):")
    assert "Voor de Marketing & Communication Specialist geldt aanvullend:" in text and "Legal" not in text
    assert text.endswith("Bron: Kwalificatiedossier Business Services, B1-K1-W4")
    [event] = events
    assert event["event"] == "slot" and event["name"] == "vraag"
    remembered = event["value"]
    assert (remembered["facet"], remembered["kwalificaties"], remembered["werkproces"], remembered["kerntaak"]) == \
        ("werkproces", [P6], "B1-K1-W4", "B1-K1")
    assert remembered["citation"]["code"] == "B1-K1-W4"


def test_a_follow_up_reads_the_remembered_question():
    previous = {"facet": "werkproces", "kwalificaties": ["Business Services/P5"], "werkproces": "P5-K1-W2",
                "kerntaak": "P5-K1"}
    messages, _ = run(ActionAntwoord(), "wat is het resultaat?", "ask_detail", [("onderdeel", "resultaat")],
                      {"vraag": previous})
    assert messages[0]["text"].splitlines()[1] == \
        "Resultaat: Aanvragen en opdrachten zijn correct en volgens procedures uitgevoerd."


def test_an_ambiguous_short_code_offers_buttons_that_complete_the_question():
    messages, events = run(ActionAntwoord(), "wat doet een MCS bij W3", "ask_werkproces",
                           [("werkproces", "W3"), ("kwalificatie", P6)])
    assert [b["title"] for b in messages[0]["buttons"]] == ["B1-K1-W3 Verwerkt gegevens",
                                                           "P6-K1-W3 Voert marktonderzoeken uit"]
    assert messages[0]["buttons"][1]["payload"] == '/inform{"werkproces": "P6-K1-W3", "kwalificatie": "%s"}' % P6
    clicked, _ = run(ActionAntwoord(), messages[0]["buttons"][1]["payload"], "inform",
                     [("werkproces", "P6-K1-W3"), ("kwalificatie", P6)], {"vraag": events[0]["value"]})
    assert clicked[0]["text"].startswith("P6-K1-W3 Voert marktonderzoeken uit (Marketing & Communication Specialist):")


def test_small_talk_keeps_the_conversation_subject():
    previous = {"facet": "fact", "kwalificaties": [P6], "fields": ["niveau"]}
    messages, events = run(ActionAntwoord(), "dank je wel", "thank", [], {"vraag": previous})
    assert messages[0]["text"] == replies().SMALLTALK["thank"] and events == []


def test_a_failing_knowledge_base_gives_the_apology(monkeypatch):
    monkeypatch.setenv("KWALIBOT_DB_URL", "sqlite:////nonexistent/kb.sqlite3")
    messages, events = run(ActionAntwoord(), "Welk niveau is de MCS?", "ask_fact", [("kwalificatie", P6)])
    assert messages[0]["text"] == replies().apology() and events == []


@pytest.mark.parametrize("text, intent, entities", [
    ("Wat doet een kapper bij werkproces 1?", "ask_werkproces", [("werkproces", "W1"),
                                                                  ("kwalificatie_onbekend", "kapper")]),
])
def test_an_unknown_qualification_is_said_plainly(text, intent, entities):
    messages, _ = run(ActionAntwoord(), text, intent, entities, {"vraag": {"facet": "fact", "kwalificaties": [P6]}})
    assert messages[0]["text"].startswith("Die kwalificatie 'kapper' ken ik niet")
