"""Each action on one turn: the exact events, and the messages' facts and buttons."""
from rasa_sdk.events import SlotSet

from actions.competenties import ActionCompetentie
from actions.facts import ActionBron, ActionFeit
from actions.followup import ActionVervolg
from actions.lists import ActionKwalificaties, ActionWerkprocessen
from actions.replies import replies
from actions.search import ActionZoek
from actions.werkprocessen import ActionKerntaak, ActionWerkproces
from tests.actions.conftest import run

P6 = "Business Services/P6"


def test_unique_werkproces_with_profile_addition_sets_the_context():
    messages, events = run(ActionWerkproces(), "Wat doet een MCS extra bij B1-K1-W4?", "ask_werkproces",
                           [("werkproces", "B1-K1-W4"), ("kwalificatie", P6)])
    assert [m["text"].splitlines()[0] for m in messages] == [
        "B1-K1-W4 Werkt aan producten/opdrachten binnen geld-, goederen- en informatie beweging "
        "(voor de Marketing & Communication Specialist):"]
    text = messages[0]["text"]
    assert "Voor de Marketing & Communication Specialist geldt aanvullend:" in text and "budget" in text
    assert "Legal" not in text
    assert text.endswith("Bron: Kwalificatiedossier Business Services, B1-K1-W4")
    assert events[:3] == [SlotSet("kwalificatie", P6), SlotSet("werkproces", "B1-K1-W4"),
                          SlotSet("kerntaak", "B1-K1")]
    assert events[-1] == SlotSet("vraag", "ask_werkproces")


def test_short_code_in_a_profile_lists_both_candidates_with_buttons():
    messages, events = run(ActionWerkproces(), "wat doet een MCS bij W3", "ask_werkproces",
                           [("werkproces", "W3"), ("kwalificatie", P6)])
    assert [b["title"] for b in messages[0]["buttons"]] == ["B1-K1-W3 Verwerkt gegevens",
                                                           "P6-K1-W3 Voert marktonderzoeken uit"]
    assert messages[0]["buttons"][1]["payload"] == '/ask_werkproces{"werkproces": "P6-K1-W3", "kwalificatie": "%s"}' % P6
    assert SlotSet("werkproces", "W3") in events


def test_detail_follow_up_uses_the_conversation_werkproces():
    messages, _ = run(ActionWerkproces(), "wat is het resultaat?", "ask_detail", [("onderdeel", "resultaat")],
                      {"kwalificatie": "Business Services/P5", "werkproces": "P5-K1-W2"})
    assert messages[0]["text"].splitlines()[1] == \
        "Resultaat: Aanvragen en opdrachten zijn correct en volgens procedures uitgevoerd."


def test_nonexistent_werkproces_is_said_not_guessed():
    messages, events = run(ActionWerkproces(), "Wat doet een legal specialist bij W5?", "ask_werkproces",
                           [("werkproces", "W5"), ("kwalificatie", "Business Services/P5")])
    assert messages[0]["text"].startswith("De Legal, Insurance & HR Services Specialist heeft geen werkproces W5: "
                                          "dat staat niet in het dossier.")
    assert events == [SlotSet("vraag", "ask_werkproces")]


def test_unknown_qualification_is_said_plainly():
    messages, events = run(ActionWerkproces(), "Wat doet een kapper bij werkproces 1?", "ask_werkproces",
                           [("werkproces", "W1"), ("kwalificatie_onbekend", "kapper")],
                           {"kwalificatie": P6})
    assert messages[0]["text"] == replies().unknown_kwalificatie()


def test_fact_and_not_stated():
    messages, _ = run(ActionFeit(), "welk niveau?", "ask_fact", [("feit", "niveau"), ("kwalificatie", P6)])
    assert messages[0]["text"].splitlines()[0] == "De Marketing & Communication Specialist is een kwalificatie op mbo-niveau 4."
    messages, events = run(ActionFeit(), "crebo?", "ask_fact",
                           [("feit", "crebo"), ("kwalificatie", "Assistent communicatiemedewerker")])
    assert "staat niet in het dossier" in messages[0]["text"] and not any(ch.isdigit() for ch in messages[0]["text"])
    assert SlotSet("feit", "crebo") in events


def test_follow_up_naming_another_profile_repeats_the_fact_question():
    messages, _ = run(ActionVervolg(), "en de assistant business services?", "inform",
                      [("kwalificatie", "Business Services/P1")],
                      {"kwalificatie": "Business Services/P3", "vraag": "ask_fact", "feit": "niveau"})
    assert messages[0]["text"].splitlines()[0] == "De Assistant Business Services is een kwalificatie op mbo-niveau 2."


def test_kerntaak_vakkennis_filtered_to_the_subject_asked():
    messages, _ = run(ActionKerntaak(), "Welke kennis van Engels heeft de consulent nodig?", "ask_detail",
                      [("onderdeel", "vakkennis"), ("kwalificatie", "Commercie/P2")])
    items = [line for line in messages[0]["text"].splitlines() if line.startswith("- ")]
    assert items and all("Engels" in line for line in items)


def test_lists_are_complete_and_in_order():
    messages, _ = run(ActionWerkprocessen(), "welke werkprocessen", "list_werkprocessen",
                      [("kwalificatie", "Business Services/P3")])
    codes = [line.split()[1] for line in messages[0]["text"].splitlines() if line.startswith("- ")]
    assert codes == ["B1-K1-W1", "B1-K1-W2", "B1-K1-W3", "B1-K1-W4", "P3-K1-W1", "P3-K1-W2", "P3-K1-W3", "P3-K1-W4"]
    messages, _ = run(ActionKwalificaties(), "welke kwalificaties ken je", "list_kwalificaties")
    assert messages[0]["text"].count("\n- ") + messages[0]["text"].count("\n  - ") == 8


def test_search_names_the_qualification_and_cites():
    messages, _ = run(ActionZoek(), "Bij welke kwalificatie leer je belastingaangifte doen?", "search_topic")
    assert "(Business Administration & Control Specialist)" in messages[0]["text"]
    assert messages[0]["text"].splitlines()[-1].startswith("Bron: Business Services P4-K1-W4")


def test_competence_by_number():
    messages, _ = run(ActionCompetentie(), "Wat is beroepscompetentie 17?", "ask_competentie",
                      [("competentie", "17")])
    text = messages[0]["text"]
    assert text.splitlines()[0] == ("Beroepscompetentie 17 van de Assistent communicatiemedewerker: Voeren van "
                                    "telefoongesprekken (sociaal-communicatief, SC).")
    assert "- Spreekt correct Nederlands en minimaal één moderne vreemde taal" in text


def test_source_of_the_previous_answer():
    bron = {"dossier": "Commercie", "kind": "kwalificatiedossier", "code": "P2-K1-W5", "line_start": 1228,
            "line_end": 1229, "source": "commercie-consulent-commerciele-arbeidsbemiddeling.txt"}
    messages, events = run(ActionBron(), "uit welk dossier komt dat?", "ask_source", slots={"bron": bron})
    assert messages[0]["text"] == (
        "Dat komt uit het kwalificatiedossier Commercie (de titel staat niet in de tekst van dit bestand; die is "
        "als metadata toegevoegd), onderdeel P2-K1-W5 (bestand commercie-consulent-commerciele-arbeidsbemiddeling"
        ".txt, regels 1228-1229).")
    assert events == []


def test_a_failing_knowledge_base_gives_an_apology_not_silence(monkeypatch, tmp_path):
    monkeypatch.setenv("KWALIBOT_DB_URL", f"sqlite:///{tmp_path / 'missing.sqlite3'}")
    messages, events = run(ActionFeit(), "welk niveau?", "ask_fact", [("feit", "niveau"), ("kwalificatie", P6)])
    assert messages == [{"text": replies().apology(), "buttons": [], "elements": [], "custom": {},
                         "template": None, "response": None, "image": None, "attachment": None}]
    assert events == []
