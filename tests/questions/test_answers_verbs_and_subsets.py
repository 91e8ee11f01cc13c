"""Question -> answer cases for the classes fixed in stop 21: a verb no dossier uses beside a noun they do,
whether a field is there at all, a title checked against a code, one of the list just given picked by a
subject, every werkproces that holds a subject, a subset of profiles by level, and a document's own code."""
import pytest

from tests.questions.test_answers import assert_reply

FD = "facilitaire dienstverlening en schoonmaak"


@pytest.mark.parametrize("turns, present, absent", [
    # the user's own verb beside the dossier's noun: the noun decides ("opstarten" is in no dossier)
    (["Mag een marketing & communication specialist een marktonderzoek opstarten?"], ["Ja.", "P6-K1-W3"], []),
    # an unknown noun still gets "nee", whatever verb is beside it
    (["moet je als assistant business services pizza bestellen?"], ["Nee.", "staat niets"], ["Ja."]),
    # "krijg/heb ik …": the verb before "ik" asks, it is no subject
    (["Heb ik als office & management support specialist het generieke onderdeel Engels?"], ["Ja.", "Engels"], []),
    (["Krijg ik bij de allround assistant business services het examenonderdeel Engels?"],
     ["Nee.", "alleen voor niveau 4"], []),
    # whether a field is there: "nee" when the source is silent
    (["Heeft het bcp assistent communicatiemedewerker een crebonummer?"], ["Nee.", "staat niet in het dossier"], []),
    (["heeft de assistant business services een crebonummer"], ["Ja.", "25724"], []),
    # another name for a job: the typering's list of names decides, both ways
    (["Wordt recruiter genoemd als functienaam voor de consulent commerciële arbeidsbemiddeling?"],
     ["Ja.", "recruiter"], []),
    (["wordt kapper genoemd als andere naam voor de consulent commerciële arbeidsbemiddeling?"], ["Nee."], ["Ja."]),
    # a code with another code's title: nee, and the code that has that title
    (["Heet P5-K1-W1 van de legal insurance & hr services specialist 'Stelt standaarddocumenten op of vult ze in'?"],
     ["Nee.", "P5-K1-W1 Levert managementinformatie", "P5-K1-W3 Stelt standaarddocumenten op of vult ze in"], []),
])
def test_yes_no_decided_by_what_is_proposed(kb, turns, present, absent):
    assert_reply(kb, turns, present, absent)


@pytest.mark.parametrize("turns, present, absent", [
    # "welke daarvan …": among the werkprocessen just listed
    (["Noem de werkprocessen van P2-K1 van business services", "welke daarvan heeft met de voorraad te maken?"],
     ["P2-K1-W3"], ["P2-K1-W1", "P2-K1-W2"]),
    # "variant" is how the profile is asked, no word of its name
    (["wat is het niveau van assistant business services", "en bij de allround variant?"], ["mbo-niveau 3"],
     ["ken ik niet"]),
    # "welke profielen hebben beroepsvereisten": each one's answer, never a bare list of names
    (["Voor welke profielen van business services gelden beroepsvereisten?"], ["geen beroepsvereisten"],
     ["Ik ken deze kwalificaties"]),
    # which profile has most, and how many: the extreme with its count, not the dossier's total
    (["Welk profiel van business services heeft de meeste werkprocessen in het profieldeel, en hoeveel?"],
     ["De meeste werkprocessen", "4 werkprocessen"], ["heeft 20 werkprocessen"]),
    # what the profiles of one level share in their own part
    (["Wat delen de niveau 4 profielen van business services in hun profieldeel?"],
     ["Levert managementinformatie: P3-K1-W1; P4-K1-W1; P5-K1-W1; P6-K1-W1"], ["Alle kwalificaties van"]),
    # a document's own code
    (["welke code heeft het bcp assistent communicatiemedewerker?"], ["CA 006"], ["Overzicht van"]),
    # every werkproces that holds the subject, not only the one whose title has it
    (["In welke werkprocessen moet je teksten redigeren?"], ["P3-K1-W2", "P6-K1-W2"], []),
    # comparing prices at work is an activity, not a comparison of qualifications
    ([f"welk werkproces van de leidinggevende {FD} in de zorg gaat over prijzen van leveranciers vergelijken?"],
     ["P3-K1-W3"], ["Welke kwalificaties wil je vergelijken"]),
])
def test_lists_picked_by_subject_and_subset(kb, turns, present, absent):
    assert_reply(kb, turns, present, absent)


@pytest.mark.parametrize("turns, present, absent", [
    # a dossier's profiles with their levels: each one's crebo beside its level
    ([f"zet de profielen van {FD} op een rij met hun niveau en crebo"], ["crebo 25991"], []),
    # the same level and kind of opleiding, asked together: both fields decide
    (["zijn de consulent commerciële arbeidsbemiddeling en de marketing & communication specialist qua niveau en "
      "soort opleiding hetzelfde?"], ["Ja.", "middenkaderopleiding"], []),
    (["zijn de assistant business services en de allround assistant business services qua niveau en soort "
      "opleiding hetzelfde?"], ["Nee.", "basisberoepsopleiding", "vakopleiding"], []),
])
def test_attributes_listed_and_compared(kb, turns, present, absent):
    assert_reply(kb, turns, present, absent)


@pytest.mark.parametrize("turns, present, absent", [
    # "wat moet de X kennen": the verb that ends the clause is no word of a name
    (["welke regels over privacy moet een consulent weten en kennen?"], ["Algemene verordening gegevensbescherming"],
     ["ken ik niet"]),
    # vakkennis about one subject: only the kerntaken whose items have it (a plural the lookup lacks too)
    (["welke wetten over flexkrachten moet de consulent commerciële arbeidsbemiddeling kennen?"],
     ["P2-K1", "cao voor flexkrachten"], ["B1-K1 "]),
])
def test_vakkennis_about_a_subject(kb, turns, present, absent):
    assert_reply(kb, turns, present, absent)
