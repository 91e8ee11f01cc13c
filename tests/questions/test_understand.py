"""The Question builder: facet, targets and constraints from grammar, entities and the previous question."""
import pytest

from questions.model import Question
from questions.understand import understand
from tests.questions.conftest import message

BS = "Business Services"


@pytest.mark.parametrize("text, facet", [
    ("Is de Allround Assistant Business Services niveau 3?", "yesno"),
    ("moet je als marketing specialist Engels kunnen", "yesno"),
    ("Heeft de Office & Management Support Specialist een werkproces over budgetten?", "yesno"),
    ("hoeveel werkprocessen heeft de legal specialist", "count"),
    ("Hoeveel kwalificaties heeft Business Services?", "count"),
    ("geef een overzicht van de Assistant Business Services", "overview"),
    ("vertel me alles over de consulent commerciële arbeidsbemiddeling", "overview"),
    ("wat leer je bij de marketing & communication specialist?", "overview"),
    ("wat is het laagste niveau binnen Business Services", "aggregate"),
    ("op welke niveaus zitten de kwalificaties van Business Services?", "aggregate"),
    ("wat hebben alle kwalificaties van Business Services gemeen", "aggregate"),
    ("vergelijk P2 en P5 van Business Services", "compare"),
    ("wat voor opleiding is de Assistant Business Services?", "fact"),
    ("door wie en wanneer is Business Services gevalideerd?", "fact"),
    ("wat doet de allround assistant business services bij het plannen van de voorraad?", "activity"),
    ("in welke werkprocessen komt budget voor?", "topic"),
    ("welke opleiding gaat over belastingaangifte?", "topic"),
    ("Wat is P3-K1-W4?", "werkproces"),
    ("welke werkprocessen horen bij B1-K1 van commercie", "list"),
    ("uit welk dossier komt dat?", "source"),
    # the sentence that asks decides, not a sentence of context before it; filler words change nothing
    ("Mijn zoon wil de Assistant Business Services doen. Leert hij daar iets over voorraadbeheer?", "yesno"),
    ("Ik werk op een mbo. Wat doe je nou precies als Marketing & Communication Specialist?", "overview"),
    ("weet jij of de Assistant Business Services een vakopleiding is?", "yesno"),
    ("waar in Commercie staat iets over webcare?", "topic"),
    ("hoeveel jaar duurt de Assistant Business Services?", "fact"),
])
def test_facet_without_intent(kb, text, facet):
    assert understand(message(kb, text), None, kb).facet == facet


@pytest.mark.parametrize("text, fields", [
    ("door wie en wanneer is Business Services gevalideerd?", ["gevalideerd_door", "gevalideerd_op"]),
    ("wie heeft Business Services gevalideerd", ["gevalideerd_door"]),
    ("van wanneer is het profiel en welke versie?", ["versie", "datum"]),
    ("wat is de typering van het beroep van de assistant business services", ["typering_beroep"]),
    ("wat voor soort opleiding is het?", ["typering"]),
    ("welk crebonummer en niveau heeft P4?", ["niveau", "crebo"]),
])
def test_every_asked_field(kb, text, fields):
    assert understand(message(kb, text), None, kb).fields == fields


def test_follow_up_keeps_the_kerntaak_of_the_previous_werkproces(kb):
    previous = Question("werkproces", kwalificaties=["Facilitaire dienstverlening en schoonmaak/P2"],
                        werkproces="P2-K2-W2", kerntaak="P2-K2")
    q = understand(message(kb, "en bij W1?", "inform"), previous, kb)
    assert (q.facet, q.werkproces, q.kerntaak, q.kwalificaties) == \
        ("werkproces", "W1", "P2-K2", ["Facilitaire dienstverlening en schoonmaak/P2"])


@pytest.mark.parametrize("previous_facet", ["topic", "werkproces", "compare", "list"])
def test_a_fact_follow_up_keeps_the_qualification_whatever_came_before(kb, previous_facet):
    previous = Question(previous_facet, kwalificaties=[f"{BS}/P6"])
    q = understand(message(kb, "welk niveau is dat?"), previous, kb)
    assert (q.facet, q.fields, q.kwalificaties) == ("fact", ["niveau"], [f"{BS}/P6"])


def test_a_name_beside_a_word_it_lacks_is_unknown(kb):
    q = understand(message(kb, "welke kerntaken heeft de consulent woningbemiddeling?"), None, kb)
    assert q.kwalificaties == [] and q.unknown == "consulent woningbemiddeling"


def test_the_question_round_trips_through_a_slot(kb):
    q = understand(message(kb, "Is de Assistant Business Services niveau 2?"), None, kb)
    assert Question.from_slot(q.to_slot()) == q


@pytest.mark.parametrize("text, kwalificaties, unknown", [
    # one stretch of words is one name: half of it matching two profiles names neither
    ("hoeveel kerntaken heeft de allround marketing support assistant?", [], "allround marketing assistant"),
    # a name after "de opleiding", or before the fact asked, that matches nothing
    ("graag meer uitleg over de opleiding Financieel Medewerker Zakelijke Dienstverlening", [],
     "Financieel Medewerker Zakelijke Dienstverlening"),
    ("kapper crebo?", [], "kapper"),
    # an occupation in front of a dossier's name: a profile that dossier does not have
    ("Projectmanager Commercie, welke kerntaken horen daarbij?", ["Commercie"], "projectmanager commercie"),
    # a partial name that fits one profile stays linked
    ("wat is het crebo van de legal specialist", [f"{BS}/P5"], None),
])
def test_honest_linking_of_names(kb, text, kwalificaties, unknown):
    q = understand(message(kb, text), None, kb)
    assert (q.kwalificaties, q.unknown) == (kwalificaties, unknown)
