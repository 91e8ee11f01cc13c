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


@pytest.mark.parametrize("turns, present, absent", [
    # who wrote it, proposed between the cue's words ("door de SBB geschreven"): the proposal decides
    (["is het bcp assistent communicatiemedewerker door de SBB geschreven, toch?"], ["Nee.", "ECABO"], []),
    # higher or lower than another: both levels decide
    (["Zit de marketing & communication specialist op een hoger niveau dan de allround assistant business services?"],
     ["Ja.", "mbo-niveau 4", "mbo-niveau 3"], []),
    (["is de assistant business services lager dan P2 van business services?"], ["Ja.", "mbo-niveau 2"], []),
    # a claim put forward to be confirmed, its verb at the end ("… ook Engels krijgt?")
    (["ik ga ervan uit dat je als legal, insurance & hr services specialist ook Engels krijgt?"], ["Ja.", "Engels"],
     ["staat niets"]),
    # asked in the negative: "jawel" when it does; a negative claim: "ja" when it holds
    (["Hoeft de marketing & communication specialist geen marktonderzoeken uit te voeren?"], ["Jawel.", "P6-K1-W3"],
     []),
    (["klopt het dat de allround assistant business services geen engels hoeft te doen"],
     ["Ja.", "alleen voor niveau 4"], []),
    # a title asked of every profile: each profile's code, or that it has none
    (["hebben alle profielen van business services het werkproces 'treedt op als aanspreekpunt voor klanten'?"],
     ["Ja.", "Assistant Business Services (P1): B1-K1-W1"], []),
    (["heeft elk profiel van business services 'levert managementinformatie'?"],
     ["Nee.", "Assistant Business Services (P1): niet", "(P3): P3-K1-W1"], []),
])
def test_yes_no_claims_comparisons_and_negatives(kb, turns, present, absent):
    assert_reply(kb, turns, present, absent)


@pytest.mark.parametrize("turns, present, absent", [
    # the subject in the clause before "welke opleiding past daarbij?"
    (["ik wil iets doen met de periodeafsluiting, welke opleiding past daarbij?"],
     ["Business Administration & Control Specialist"], []),
    # "waarom … daar …" after a qualification: the passage about it in that qualification's dossier
    (["Is de office & management support specialist niveau 4?", "waarom heb je daar Engels voor nodig?"],
     ["Engels (alleen voor niveau 4)"], ["De werkprocessen van"]),
    # "als je het basisdeel meetelt" counts everything
    (["hoeveel werkprocessen heeft de marketing & communication specialist als je het basisdeel meetelt?"],
     ["7 werkprocessen"], ["staat niets"]),
    # "wat houdt X in?": the card; "wat houdt de complexiteit van X in?" is that part
    (["wat houdt de allround assistant business services in?"], ["Overzicht van", "25723"], []),
    (["wat houdt de complexiteit van de allround assistant business services in?"], ["Complexiteit"],
     ["Overzicht van"]),
    # which kerntaken are in which part: all of them
    (["welke kerntaken van de office & management support specialist zitten in het basisdeel en welke in het "
      "profieldeel?"], ["B1-K1", "P3-K1"], []),
    # one of several sections under one heading, by the other words asked
    (["welke wetgeving noemt het bcp onder de trends?"], ["Wet Openbaarheid van Bestuur"], ["Marktontwikkelingen"]),
    # a hyphenated word the dossier has in another compound ("VSR-systeem", "VSR-kwaliteitsmeetsysteem")
    ([f"welk werkproces van de leidinggevende {FD} in de zorg gebruikt het VSR-systeem?"], ["P3-K1-W2"], []),
    # "met hun typering" over a dossier's profiles: each one's kind of opleiding
    ([f"noem de profielen van {FD} met hun typering"], ["basisberoepsopleiding", "specialistenopleiding"], []),
])
def test_subjects_parts_and_sections(kb, turns, present, absent):
    assert_reply(kb, turns, present, absent)


@pytest.mark.parametrize("turns, present, absent", [
    # "werk", "dingen" say what kind of subject, the other word is the subject
    (["doet de allround assistant business services ook financiële dingen?"], ["Ja.", "P2-K1-W2"], []),
    # the asked profile's own typering is no "elsewhere" for a werkproces it lacks
    (["heeft de assistant business services een werkproces over marketing?"], ["Nee."],
     ["wel bij de Assistant Business Services"]),
    # "wanneer hij …" describes what he does, it asks no date
    (["welk werkproces van de business administration & control specialist is het wanneer hij de kredietwaardigheid "
      "van debiteuren checkt?"], ["P4-K1-W3"], ["datum"]),
    # every werkproces that holds either of two joined subjects
    (["in welke werkprocessen gaat het om leveringscontracten of scholingscontracten?"], ["P3-K1-W3", "P5-K1-W3"], []),
])
def test_work_words_clauses_and_joined_subjects(kb, turns, present, absent):
    assert_reply(kb, turns, present, absent)


@pytest.mark.parametrize("turns, present, absent", [
    # named profiles' shared werkprocessen ("profielwerkprocessen" is a word for them too)
    (["welke profielwerkprocessen hebben P4 en P6 van business services gemeen?"],
     ["Levert managementinformatie: P4-K1-W1; P6-K1-W1"], []),
    # "wat hebben P1 en P2 gemeen": the two side by side, what they share included
    (["wat hebben P1 en P2 van business services met elkaar gemeen?"], ["naast elkaar", "Gemeenschappelijk: B1-K1"],
     ["Dit vond ik"]),
])
def test_what_named_profiles_share(kb, turns, present, absent):
    assert_reply(kb, turns, present, absent)


@pytest.mark.parametrize("turns, present, absent", [
    # chat style: a greeting before the verb, "of zo" after, "mbo 3" for the level
    (["hoi is de allround assistant business services nou niveau 4 ofzo"], ["Nee.", "mbo-niveau 3"], []),
    (["de marketing & communication specialist is toch gewoon mbo 2"], ["Nee.", "mbo-niveau 4"], []),
    # a name, then "is dat …": a yes/no
    (["legal, insurance & hr services specialist is dat een specialistenopleiding"], ["Nee.", "middenkaderopleiding"],
     []),
    # filler words beside a name are no part of it
    (["hoort webcare bij de consulent gewoon bij het basisdeel"], ["Ja.", "B1-K2-W3"], ["ken ik niet"]),
    (["welk soort opleiding is de consulent, basisberoeps of middenkader"], ["middenkaderopleiding"], ["ken ik niet"]),
    # a part of the werkproces about a subject, in a named qualification
    (["wat is het resultaat van marktonderzoeken bij de marketing & communication specialist"],
     ["P6-K1-W3", "Resultaat"], ["De werkprocessen van"]),
])
def test_chat_style_questions(kb, turns, present, absent):
    assert_reply(kb, turns, present, absent)


@pytest.mark.parametrize("turns, present, absent", [
    # a subject named after an opinion is the conversation's subject
    (["ik doe de office & management support specialist en vind het leuk", "welk niveau is dat?"], ["mbo-niveau 4"],
     ["Over welke kwalificatie"]),
    # "de 3e" picks the third of the list just given; "W2 van mijn profiel" is the profile's own W2
    (["welke kernopgaven heeft het bcp assistent communicatiemedewerker", "en de 2e?"], ["2."], []),
    (["ik volg de marketing & communication specialist", "wat is werkproces 2 van mijn profiel"], ["P6-K1-W2"],
     ["Over welke"]),
    # "in een notendop": the card; two parts of a 2004 profile asked at once: both
    (["de legal, insurance & hr services specialist in een notendop"], ["Overzicht van", "25726"], []),
    (["welke loopbaan en functiebenamingen geeft het bcp van de assistent communicatiemedewerker"],
     ["Loopbaanmogelijkheden", "functiebenamingen"], []),
    # a subject before "waar staat dat?" is searched, and one kerntaak is one hit
    (["ik heb interesse in het plannen van evenementen, waar staat dat?"], ["(K2) Organiseert evenementen"], ["nog geen antwoord"]),
    # "alles met Y": every werkproces and kerntaak that has it
    (["geef alles met managementinformatie"], ["P2-K1-W1", "P3-K1-W1", "P6-K1-W1"], []),
    # the start of a long name word is part of the name, not a subject
    (["zit de 1e medewerker schoonmaak en glazenwassers op niveau 3?"], ["Ja.", "mbo-niveau 3"], []),
])
def test_conversation_subjects_and_lists(kb, turns, present, absent):
    assert_reply(kb, turns, present, absent)


@pytest.mark.parametrize("turns, present, absent", [
    # a greeting with who asks, then "en heb een paar vragen": asking whether one may ask
    (["Goedemiddag, ik ben decaan bij een mbo en heb een paar vragen"], ["stel je vraag maar"], ["geen mens"]),
    # a title asked of one part: its code says which part
    ([f"hoort 'bereidt de werkzaamheden voor' bij het profieldeel van de leidinggevende {FD} in de zorg?"],
     ["Nee.", "B1-K1-W1"], []),
    # "de kerntaak van X" counted: X's own kerntaak
    (["hoeveel werkprocessen telt de kerntaak van de marketing & communication specialist"], ["3 werkprocessen"],
     ["7 werkprocessen"]),
    # "de kerntaak over Y" after a list of kerntaken: that kerntaak's werkprocessen
    (["welke kerntaken heeft de 1e medewerker schoonmaak- en glazenwassersbedrijf?",
      "en welke werkprocessen vallen onder de kerntaak over het verdelen van het werk in de ploeg?"],
     ["P2-K2-W1", "P2-K2-W2"], []),
])
def test_holdout10_classes(kb, turns, present, absent):
    assert_reply(kb, turns, present, absent)
