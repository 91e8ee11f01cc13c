"""Each facet, question -> answer, on the real dossiers and on the test-only fourth dossier of another shape
(two basisdeel kerntaken, a profile with two kerntaken, SBB-style names). Checks are facts of the sources."""
import pytest

from tests.questions.conftest import converse

FD = "facilitaire dienstverlening en schoonmaak"


@pytest.mark.parametrize("turns, present, absent", [
    # yes/no: the verdict first, then the fact
    (["Is de Allround Assistant Business Services niveau 3?"], ["Ja.", "mbo-niveau 3"], []),
    (["Is de Assistant Business Services niveau 4?"], ["Nee.", "mbo-niveau 2"], []),
    (["Moet je als Assistant Business Services Engels kunnen?"], ["Nee.", "alleen voor niveau 4"], []),
    (["Is de 1e medewerker schoonmaak- en glazenwassersbedrijf een vakopleiding?"], ["Ja.", "vakopleiding"], []),
    # counts: the number, then the list
    (["hoeveel werkprocessen heeft de Marketing & Communication Specialist in zijn profieldeel?"],
     ["heeft 3 werkprocessen", "P6-K1-W3"], ["B1-K1-W1"]),
    (["Hoeveel kerntaken heeft de eerste medewerker schoonmaak?"], ["heeft 4 kerntaken", "P2-K2"], []),
    # overview card
    (["Geef een overzicht van de Assistant Business Services"],
     ["25724", "mbo-niveau 2", "basisberoepsopleiding", "P1-K1-W2 Voert logistieke werkzaamheden uit"], ["P2-K1"]),
    # aggregates over a dossier
    (["Wat is het hoogste niveau in Business Services?"], ["niveau 4", "Marketing & Communication Specialist"], []),
    ([f"op welke niveaus zitten de kwalificaties van {FD}?"],
     ["(Junior) medewerker facilitaire dienstverlening: niveau 2", "specialistenopleiding"], []),
    (["vergelijk P2 en P5 van Business Services"], ["Allround Assistant Business Services", "P5-K1"], []),
    # facets of a profile
    (["wat voor opleiding is de Legal, Insurance & HR Services Specialist?"], ["middenkaderopleiding"], []),
    (["door wie en wanneer is Business Services gevalideerd?"],
     ["Sectorkamer zakelijke dienstverlening en veiligheid", "26-11-2020"], []),
    ([f"vanaf wanneer is {FD} geldig?"], ["staat niet in het dossier"], ["17-03-2022"]),
    (["Welk crebonummer heeft de consulent commerciële arbeidsbemiddeling?"], ["staat niet in het dossier"], ["2572"]),
    # activity inside a qualification
    (["wat doet de allround assistant business services bij het plannen van de voorraad?"], ["P2-K1-W3"], []),
    # topic search: the one place a rare word occurs comes first
    (["in welk werkproces komt legionella voor?"], ["P4-K1-W2"], []),
    # honest linking and codes
    (["wat doet een teamleider schoonmaak bij W1?"], ["ken ik niet"], ["P2-K1-W1"]),
    (["Ik wil jobcoach worden, welke werkprocessen heb je dan?"], ["'jobcoach' ken ik niet"], []),
    (["Ik denk aan de opleiding medewerker marketing en communicatie, wat zijn de kerntaken?"], ["ken ik niet"],
     ["Organiseert evenementen"]),
    (["Wat is P4-K2-W1 bij de hygiëne- en infectiepreventie specialist?"], ["heeft geen werkproces P4-K2-W1",
                                                                           "P4-K1-W1"], []),
    (["Wat doet een Legal, Insurance & HR Services Specialist bij W5?"], ["heeft geen werkproces W5"], []),
    # follow-ups that respect the shape
    (["Wat is P2-K2-W2 bij de 1e medewerker schoonmaak- en glazenwassersbedrijf?", "en bij W1?"],
     ["P2-K2-W1"], ["P2-K1-W1"]),
    (["In welk werkproces komt glazenwasinstallatie voor?", "welk niveau is dat?"], ["mbo-niveau 3"], []),
    # the bot's own kinds
    (["Wat is beroepscompetentie 9 van de assistent communicatiemedewerker?"], ["Beroepscompetentie 9"], []),
    (["Wat is P2-K1-W3 bij business services?", "uit welk dossier komt dat?"], ["business-services-23296.txt"], []),
])
def test_answer(kb, turns, present, absent):
    assert_reply(kb, turns, present, absent)


@pytest.mark.parametrize("turns, present, absent", [
    # an item of the list just given, by its place
    (["welke werkprocessen heeft de Office & Management Support Specialist?", "vertel meer over de laatste"],
     ["P3-K1-W4 Organiseert interne bijeenkomsten (Office & Management Support Specialist):"], []),
    (["Welke beroepscompetenties zijn sociaal-communicatief bij de assistent communicatiemedewerker?",
      "en de tweede?"], ["Beroepscompetentie 16"], []),
    # a quoted title: where it is, and where not
    (["Welke profielen in Commercie hebben een kerntaak 'Voert een commercieel traject uit'?"], ["P4-K2"], []),
    (["Heeft de Assistant Business Services een werkproces 'Organiseert planning en voorraadbeheer'?"],
     ["Nee.", "P2-K1-W3"], []),
    # a section of the dossier that is no field
    (["Door wie is het profiel van de assistent communicatiemedewerker gelegitimeerd?"], ["Legitimering"], []),
    # yes/no decided by the dossier's own negation, in a clause, inside the kerntaak just answered
    (["Benadert de assistent communicatiemedewerker zelf de pers?"], ["Nee.", "nooit zelf de pers"], []),
    (["de legal, insurance & hr services specialist, is dat een vakopleiding?"], ["Nee.", "middenkaderopleiding"], []),
    (["Wat is de kerntaak P2-K2 van de consulent commerciële arbeidsbemiddeling?",
      "zit daar ook een werkproces over webcare in?"], ["Nee.", "B1-K2-W3"], []),
    # two kerntaken side by side
    (["Vergelijk de complexiteit van kerntaak 4 met die van kerntaak 5 bij de assistent communicatiemedewerker"],
     ["Kerntaak 4 (K4)", "Kerntaak 5 (K5)", "Complexiteit"], []),
])
def test_answer_by_reference(kb, turns, present, absent):
    assert_reply(kb, turns, present, absent)


@pytest.mark.parametrize("turns, present, absent", [
    # a word standing in a name's place makes it another occupation
    (["Welke kerntaken heeft de consulent woningbemiddeling arbeidsbemiddeling?"], ["ken ik niet"], ["P2-K1"]),
    (["Op welk niveau zit de Office & Sales Support Specialist?"], ["ken ik niet"], ["mbo-niveau 4"]),
    # a quoted kerntaak title names that kerntaak, never a qualification
    (["Uit hoeveel werkprocessen bestaat 'Werft, matcht en begeleidt kandidaten' bij de consulent?"],
     ["heeft 5 werkprocessen", "P2-K1-W5"], ["ken ik niet"]),
    # a sentence of context, filler words: the question is still the question
    (["Mijn neef twijfelt nog. Komt bij de Office & Management Support Specialist iets over vergaderingen voor?"],
     ["Ja."], []),
    (["Ik ben mentor. Wat leer je nou eigenlijk bij de Assistant Business Services?"], ["25724", "P1-K1-W1"], []),
    # every place a subject occurs in a dossier
    (["Waar in Business Services kom ik iets over key performance indicatoren tegen?"],
     ["P3-K1-W1", "P4-K1-W1"], []),
    # a profile's fact asked of its dossier: each profile's
    (["Wat voor soort opleiding is Business Services?"], ["basisberoepsopleiding", "vakopleiding",
                                                          "middenkaderopleiding"], ["staat niet"]),
    # a count of two parts at once, and a total split by part
    (["Hoeveel kerntaken en werkprocessen heeft de Marketing & Communication Specialist?"],
     ["2 kerntaken en 7 werkprocessen"], []),
    (["Hoeveel werkprocessen heeft de Allround Assistant Business Services?"],
     ["8 werkprocessen (4 in het basisdeel, 4 in het profieldeel)"], []),
    # what the sources are silent on is said to be so
    (["Bij welke scholen kan ik de Marketing & Communication Specialist doen?"], ["scholen", "niet in het dossier"], ["P6-K1"]),
    (["Hoe lang duurt de opleiding Allround Assistant Business Services?"], ["staat niet in het dossier"], []),
    (["Wat is kernopgave 7 van de assistent communicatiemedewerker?"], ["heeft geen kernopgave 7"], []),
    (["Welke extra vakkennis geldt in het basisdeel voor de Assistant Business Services?"],
     ["niet vermeld"], ["spreadsheet"]),
    # yes/no asked indirectly, and over the items of a list
    (["weet u of de assistent communicatiemedewerker een kernopgave over geintegreerde communicatie heeft?"],
     ["Ja.", "Geïntegreerde communicatie"], []),
])
def test_answer_by_class(kb, turns, present, absent):
    assert_reply(kb, turns, present, absent)


def assert_reply(kb, turns, present, absent):
    reply = converse(kb, *turns)
    for text in present:
        assert text in reply, reply
    for text in absent:
        assert text not in reply, reply


@pytest.mark.parametrize("turns, present, absent", [
    # a yes/no whose subject is paraphrased: the rarest word decides, common ones may differ
    (["Moet een Assistant Business Services ook de voorraad bijhouden?"], ["Ja.", "P1-K1-W2"], []),
    # the alternative after ", of" is no part of the subject; another profile's work is named as such
    (["Stelt een Office & Management Support Specialist marktonderzoeken op, of is dat iets anders?"],
     ["Nee.", "P6-K1-W3"], []),
    # a level beside the subject qualifies the name; the dossier's level limit decides
    (["Zit Engels als examenonderdeel in de Allround Assistant Business Services (niveau 3)?"],
     ["Nee.", "alleen voor niveau 4"], []),
    (["hallo, is de Marketing & Communication Specialist niveau 4?"], ["Ja.", "mbo-niveau 4"], []),
    # an overview that also names fields of the card is the card
    (["Een overzicht graag van de Legal, Insurance & HR Services Specialist, met crebo en niveau"],
     ["25726", "mbo-niveau 4", "P5-K1-W2"], []),
    # a dossier's list of qualifications carries each one's crebo
    (["Geef een overzicht van het dossier Business Services"], ["niveau 2, crebo 25724"], []),
    # a qualification picked from the list just given, then a fact of it
    (["Welke kwalificaties heeft Business Services?", "welke werkprocessen heeft de derde?", "en het crebo?"],
     ["25728"], ["23296"]),
    # what a profile adds to the werkproces just answered
    (["Wat houdt B1-K1-W2 van Business Services in?", "Wat komt daar voor de Assistant Business Services nog bij?"],
     ["Voor de Assistant Business Services geldt bij B1-K1-W2 niets aanvullends"], []),
    # "getypeerd" asks the profession's typering, not a section named like it
    (["Hoe typeert het dossier het beroep Marketing & Communication Specialist?"], ["Typering van het beroep"],
     ["Typerende beroepshouding"]),
    # an unquoted werkproces title several profiles share: the named profile's
    (["Wat is het resultaat van Voert accountanalyses uit bij de consulent commerciële arbeidsbemiddeling?"],
     ["P2-K2-W1"], ["P6-K2-W2", "P4-K1-W1"]),
    # a title names whose werkproces it is, never another dossier's of the same code
    (["Welke competenties horen bij Stelt een accountplan op?"], ["P4-K1-W2 Stelt een accountplan op"],
     ["geld-, goederen"]),
    # where the profession is practised: the context section
    (["In welk soort organisaties werkt een assistent communicatiemedewerker?"], ["Beroepscontext"], []),
    # asked about a part every dossier shares, that part is the answer (not a kerntaak naming one of its words)
    (["Wat staat er over het referentieniveau voor Engels bij de Office & Management Support Specialist?"],
     ["Engels (alleen voor niveau 4)"], ["B1-K1"]),
    # qualifications of one level across all dossiers
    (["Welke opleidingen ken je op niveau 3?"], ["Allround Assistant Business Services"],
     ["Marketing & Communication Specialist"]),
])
def test_answer_by_class_more(kb, turns, present, absent):
    assert_reply(kb, turns, present, absent)


@pytest.mark.parametrize("turns, present, absent", [
    # a request is no yes/no ("kun je … samenvatten?"), and a summary is the card
    (["Kun je de kwalificaties van Business Services voor me op een rijtje zetten?"], ["crebo 25727"], ["Nee."]),
    (["Kun je het basisdeel van Commercie voor me samenvatten?"], ["B1-K2-W3"], ["Nee."]),
    # several parts of the card asked at once are the card
    (["Marketing & Communication Specialist: niveau, crebo en de kerntaken graag"], ["25727", "P6-K1-W3"], []),
    # a rare word of the dossiers in a short question is a search, whatever small talk it resembles
    (["wordt jurisprudentie ergens vermeld?"], ["Ja."], ["alleen vragen over mbo-kwalificaties"]),
    # a profile code the dossier does not have
    (["wat staat er in P8 van Business Services?"], ["Een profiel P8 staat niet in het dossier Business Services"], []),
    # another profile in a follow-up: the same kerntaak or werkproces there, or that it has none
    (["Welke werkprocessen heeft P5-K1?", "en voor P3?"], ["P3-K1-W4"], ["P5-K1-W1"]),
    (["Wat is het resultaat van P3-K1-W4 bij Business Services?", "en voor P1?"],
     ["heeft geen werkproces P1-K1-W4"], ["Commercie"]),
    # another group of beroepscompetenties after such a list
    (["welke beroepscompetenties zijn vakmatig-methodisch in het bcp", "en sociaal-communicatief?"],
     ["(SC)"], ["(VM)"]),
    # what a profile adds to the part just asked
    (["Welke competenties horen bij B1-K1-W1 van Business Services?", "en wat komt er voor de Office & "
      "Management Support Specialist nog bij?"], ["Voor de Office & Management Support Specialist geldt aanvullend"], []),
    # two qualifications on the same level, or not
    (["hebben de Office & Management Support Specialist en de Marketing & Communication Specialist hetzelfde "
      "niveau?"], ["Ja.", "mbo-niveau 4"], []),
    (["zitten de Assistant Business Services en de Legal, Insurance & HR Services Specialist op hetzelfde niveau?"],
     ["Nee.", "mbo-niveau 2", "mbo-niveau 4"], []),
    # the asking verb is no subject of a yes/no; a parenthesised level qualifies the name
    (["Krijgt een Assistant Business Services ook het generieke onderdeel Engels?"], ["Nee.", "alleen voor niveau 4"], []),
])
def test_answer_by_class_after_holdout4(kb, turns, present, absent):
    assert_reply(kb, turns, present, absent)


@pytest.mark.parametrize("turns, present, absent", [
    # a kwalificatiedossier has no list of job titles, but its typering may name them
    (["onder welke functietitels werkt een consulent commerciele arbeidsbemiddeling?"],
     ["intercedent", "recruiter", "typering van het beroep"], []),
    (["welke functiebenamingen heeft de Marketing & Communication Specialist?"], ["niet in het dossier"], []),
])
def test_answer_by_class_stop16(kb, turns, present, absent):
    assert_reply(kb, turns, present, absent)


@pytest.mark.parametrize("turns, present, absent", [
    # two names sharing their tail, the first left short
    (["waarin verschillen de assistant en de allround assistant business services?"], ["25724", "25723"], []),
    # an occupation without article after the fact asked is a name, and unknown
    (["welk niveau heeft tandarts?"], ["'tandarts' ken ik niet"], ["mbo-niveau"]),
    (["crebonummer voor dierenarts"], ["'dierenarts' ken ik niet"], []),
    # a word of the name's family and a shortened word still name it
    (["welk crebo heeft de office manager?"], ["25728"], ["ken ik niet"]),
    (["op welk niveau zit de business admin specialist?"], ["Business Administration & Control Specialist"], []),
    # yes/no on a code and a subject: decided by that werkproces's own text (a word of its family counts)
    (["behandelt P2-K1-W3 van business services het bestellen van kantoorartikelen?"], ["Ja.", "P2-K1-W3"], []),
    (["draait P2-K1-W3 van business services om marketing?"], ["Nee.", "P2-K1-W3"], ["Ja."]),
    (["heeft P2-K1-W3 van business services met plannen te maken?"], ["Ja.", "P2-K1-W3"], []),
    # a judgement no dossier makes: said so, never "ja"/"nee" nor a passage that happens to share a word
    (["vind jij de office & management support specialist een aanrader?"], ["staat niet in het dossier", "oordeel"],
     ["Ja.", "Nee."]),
    (["is het boeiend om legal specialist te worden?"], ["oordeel"], ["Ja.", "Nee."]),
    # after a copula, the last word speaks of the name and is none of it
    (["is de office specialist moeilijk?"], ["Complexiteit", "P3-K1"], ["ken ik niet", "Ja.", "Nee."]),
    # what a profile adds, asked right after a basisdeel werkproces: its addition to that werkproces
    (["welke competenties horen bij B1-K1-W2 van business services?",
      "welke competenties komen er voor de legal specialist bij?"],
     ["B1-K1-W2", "Voor de Legal, Insurance & HR Services Specialist geldt aanvullend: Plannen en organiseren"],
     ["B1-K1-W1"]),
    # a separable verb is one verb: "maakt … op" asks about opmaken, which no dossier text mentions
    (["maakt de marketing & communication specialist de teksten zelf op?"], ["Nee."], ["Ja."]),
    # a plural the lookup table lacks finds its singular ("verzekeringen")
    (["komen verzekeringen aan bod bij de legal specialist?"], ["Ja."], []),
    # a verb opening the question: the name is its subject and the words after it its object
    ([f"stelt de leidinggevende facilitaire dienstverlening in de zorg werkprogramma's op?"], ["Ja.", "P3-K1-W1"], []),
    (["beheert de 1e medewerker schoonmaak machines?"], ["Ja."], ["ken ik niet"]),
    # an activity after "bij" without article, inside the qualification named
    (["wat doet de hygiene specialist bij audits?"], ["P4-K1-W2"], []),
    # two words of a name joined, the first and the last ("hygiënespecialist")
    (["welk crebonummer hoort bij de hygiënespecialist?"], ["25993"], []),
    # an occupation ending the question after "wat doet een" is a name, and unknown here
    (["wat doet een glazenzetter?"], ["'glazenzetter' ken ik niet"], []),
    # the same level for two profiles named by code within one dossier
    ([f"zitten P3 en P4 van {FD} op hetzelfde niveau?"], ["Ja.", "mbo-niveau 4"], []),
    # a dossier named by one word of its title before "dossier"
    ([f"welke profielen heeft het schoonmaakdossier?"], ["hygiëne- en infectiepreventie specialist"], ["Business"]),
    (["wat staat er in P7 van het facilitaire dossier?"], ["P7 staat niet in het dossier Facilitaire"], []),
    # a code another profile of that dossier has: whose it is
    (["heeft de hygiëne- en infectiepreventie specialist een kerntaak P3-K1?"],
     ["Nee.", "P3-K1 hoort bij de Leidinggevende facilitaire dienstverlening en schoonmaak in de zorg"], []),
    # "krijg je …": the verb before its pronoun asks, it is no subject
    (["krijg je als allround assistant business services ook engels?"], ["Nee.", "niveau 4"], []),
    # "en de X?" with only a name after a werkproces question: the same question about X
    (["wat is het resultaat van B1-K1-W2 voor de legal specialist?", "en de marketing specialist?"],
     ["B1-K1-W2", "Marketing & Communication Specialist", "Resultaat"], ["Overzicht"]),
    # what one does, described, then "welk werkproces": where that is described
    (["ik verdeel het werk over de ploeg en begeleid de ploegleden, welk werkproces"], ["P2-K2-W1"], []),
    # a yes/no on a count is decided by the count
    (["telt de marketing & communication specialist 7 werkprocessen?"], ["Ja.", "7 werkprocessen"], []),
    (["heeft de assistant business services drie kerntaken?"], ["Nee.", "2 kerntaken"], []),
    # what every qualification of a dossier shares is its basisdeel, by definition of a kwalificatiedossier
    (["hebben alle kwalificaties van commercie hetzelfde basisdeel?"], ["Ja.", "B1-K1"], []),
    # "noem ze" after a count: what was counted
    (["hoeveel werkprocessen heeft de legal specialist?", "noem ze eens"], ["P5-K1-W3"], ["heeft 7"]),
    # "het profiel X": the profile's own part
    (["welke kerntaken heeft het profiel allround assistant business services?"], ["P2-K1"], ["B1-K1"]),
    # "en P1?" with nothing else: the same fact of that profile; "daarbij" after a kerntaak: its werkprocessen
    (["welk crebo heeft P2 van business services?", "en P1?"], ["25724"], ["B1-K1"]),
    (["wat is B1-K2 van commercie?", "welke werkprocessen horen daarbij?"], ["B1-K2-W3"], ["B1-K1-W1"]),
])
def test_answer_by_class_stop17(kb, turns, present, absent):
    assert_reply(kb, turns, present, absent)


@pytest.mark.parametrize("turns, present, absent", [
    # a name is read within one part of the text: what "niet de X" rules out, or "maar de Y" sets against it
    (["welk crebo heeft de assistant business services, dus niet de allround?"], ["25724"], ["25723"]),
    (["niet de allround maar de gewone assistant business services, welk niveau is dat?"], ["mbo-niveau 2"],
     ["mbo-niveau 3"]),
    # where a profile works: what its own typering says about where, then the beroepengroep's context
    (["in wat voor organisaties werkt de marketing specialist?"], ["typering van het beroep", "museum", "Context"],
     []),
    (["waar kun je aan de slag als hygiënespecialist?"], ["ziekenhuizen"], []),
    # one part of a kerntaak compared between profiles: that part of each profile's own kerntaken
    (["wat is het verschil in verantwoordelijkheid tussen P1 en P2 van business services?"],
     ["P1-K1", "P2-K1", "Verantwoordelijkheid en zelfstandigheid"], ["crebo"]),
    # a werkproces title several profiles share: each one, with its own profile
    (["wat houdt 'Levert managementinformatie' in?"],
     ["P3-K1-W1", "P4-K1-W1", "Legal, Insurance & HR Services Specialist", "P6-K1-W1"], ["Over welke"]),
    # a short title, word for word, within the qualification named
    (["wat is het resultaat van levert managementinformatie bij de legal specialist?"], ["P5-K1-W1", "Resultaat"],
     ["P3-K1-W1", "P5-K1-W2"]),
    # counts compared: the most or fewest of a dossier, or two named ("meer … dan" is answered ja or nee)
    (["welk profiel van business services heeft de meeste werkprocessen?"],
     ["De meeste werkprocessen van Business Services hebben", "Office & Management Support Specialist", "elk 8"], []),
    (["heeft de allround assistant business services meer werkprocessen dan de assistant business services?"],
     ["Ja.", "8 werkprocessen", "6 werkprocessen"], []),
    (["heeft de legal specialist meer werkprocessen dan de marketing specialist?"], ["Nee.", "evenveel"], ["Ja."]),
    ([f"wie heeft minder kerntaken, de 1e medewerker schoonmaak of de hygiënespecialist?"],
     ["Minder kerntaken heeft de hygiëne- en infectiepreventie specialist (P4): 3 kerntaken"], []),
    # two werkproces codes "hetzelfde": ja when title and description are one, each of its own profile
    (["zijn P4-K1-W1 en P5-K1-W1 van business services gelijk?"],
     ["Ja.", "Business Administration & Control Specialist", "Legal, Insurance & HR Services Specialist"], []),
    (["is P2-K1-W1 van business services gelijk aan P3-K1-W1?"], ["Nee.", "P3-K1-W1 Levert"], []),
    # a school word beside the subject ("het vak Engels") asks about the subject
    (["krijgt de assistant business services het vak engels?"], ["Nee.", "niveau 4"], []),
    # the titles several profiles of a dossier share
    (["business services: welke titels van werkprocessen hebben meerdere profielen dezelfde naam?"],
     ["Levert managementinformatie: P3-K1-W1", "P6-K1-W1"], []),
    ([f"welke werkprocessen van {FD} komen in meerdere profielen voor?"], ["Geen van de profielen"], []),
    # a count within the profile's own kerntaak ("in zijn kerntaak")
    (["heeft de legal specialist 3 werkprocessen in z'n kerntaak?"], ["Ja.", "P5-K1-W3"], ["B1-K1-W1"]),
    # "welke kerntaken en werkprocessen": the werkprocessen under their kerntaken
    (["welke kerntaken en werkprocessen heeft de hygiënespecialist?"], ["P4-K1", "P4-K1-W2", "B1-K2-W1"], []),
    # a list over the qualifications of a dossier at one level: each one's
    (["noem de kerntaken van de niveau 4 kwalificaties van business services"], ["P3-K1", "P6-K1"], ["P1-K1", "P2-K1"]),
    # one basisdeel kerntaak's part compared: as each profile has it, its addition included
    (["hoe verschilt B1-K1 qua complexiteit voor de allround assistant business services en de assistant business services?"],
     ["Voor de Assistant Business Services geldt aanvullend", "Voor de Allround Assistant Business Services geldt"], []),
    # an activity described, "welk werkproces": a werkproces, found through a compound's head ("vergaderruimtes")
    (["ik zet vergaderruimtes klaar en vervang toners, welk werkproces is dat bij de assistant business services?"],
     ["P1-K1-W1"], []),
    # words that only begin alike are no family ("verdienen", "verdieping"), and a prefix is no compound part
    (["wat verdien je als business administration & control specialist?"], ["salaris", "niet in het dossier"],
     ["Typerende", "Ja."]),
])
def test_answer_by_class_stop18(kb, turns, present, absent):
    assert_reply(kb, turns, present, absent)


@pytest.mark.parametrize("turns, present, absent", [
    # a hyphenated compound of the dossiers is found by its parts and written as one word
    (["kan de consulent commerciële arbeidsbemiddeling een swot analyse uitvoeren?"], ["Ja.", "B1-K1"], []),
    (["komt een swotanalyse voor bij de consulent commerciële arbeidsbemiddeling?"], ["Ja.", "SWOT"], []),
    # "verstand hebben van Y" asks whether Y is knowledge the dossier asks for
    (["heeft een legal insurance & hr services specialist verstand van privacyregelgeving nodig?"],
     ["Ja.", "P5-K1"], []),
    # "een andere naam voor X": the names the typering gives; another name is no
    (["wordt de consulent commerciële arbeidsbemiddeling ook wel recruiter genoemd?"], ["Ja.", "recruiter"], []),
    (["is makelaar een andere benaming voor de consulent commerciële arbeidsbemiddeling?"], ["Nee."], []),
    # a level asked of a whole dossier: yes only when every profile has it
    (["zitten alle profielen van business services op niveau 3?"], ["Nee.", "mbo-niveau 2", "mbo-niveau 4"], []),
    # "en door wie?" after a date of validation: the other side of the same event, and back
    (["op welke dag heeft men business services gevalideerd?", "en wie deed dat?"],
     ["Sectorkamer zakelijke dienstverlening"], ["26-11-2020"]),
    # the end or replacement of a document: no dossier states it, never its date of making
    (["wanneer vervalt het kwalificatiedossier commercie?"], ["staat niet in het dossier"], ["versie"]),
    # a section named by its whole title is that section, not an activity that shares a word with it
    (["wat staat er bij typerende beroepshouding voor commercie?"], ["Typerende beroepshouding"], ["Werkprocessen:"]),
    # a list asked with the kind of programme in the plural: each profile's level and kind
    (["welke kwalificaties van business services zijn vakopleidingen?"], ["vakopleiding", "basisberoepsopleiding"],
     []),
    # an unknown verb around a rare noun of one werkproces does not make the question unknown
    (["wat doet een business administration & control specialist als er nieuwe inkoopfacturen binnenstromen?"],
     ["P4-K1-W3"], ["Daarover staat niets"]),
    # an ordinal in a name ("1e") is part of the name, not of the question
    ([f"wat doet de 1e medewerker schoonmaak na waterschade in een school?"], ["P2-K1-W3"], []),
    # a name not in the dossier named beside it: unknown there, its own profiles as buttons
    (["wat leer je als glazenwasser niveau 1 in het facilitaire dossier?"],
     ["staat niet in het dossier Facilitaire dienstverlening en schoonmaak", "1e Medewerker schoonmaak"],
     ["Overzicht van"]),
    # a profile named beside "het X-dossier" is the subject, not the dossier
    (["wat is het crebonummer van de 1e medewerker schoonmaak in het facilitaire dossier?"], ["1e Medewerker"],
     ["23999"]),
    # a part of a werkproces named by its title, after the word "werkproces"
    (["welke vakkennis hoort bij het werkproces Verdeelt en begeleidt de werkzaamheden van de ploeg?"],
     ["P2-K2-W1"], ["De werkprocessen van"]),
    # asking whether one may ask is no yes/no; with a name, the card of it
    (["hallo, kan je mij helpen met een paar vragen over de opleidingen?"], ["Natuurlijk, stel je vraag"], ["Nee."]),
    (["ik heb een vraag over de marketing & communication specialist"], ["Overzicht van"], ["Daarover staat niets"]),
    (["kun je me helpen met het niveau van de assistant business services?"], ["mbo-niveau 2"], ["Nee."]),
    # another name the typering gives a job names that qualification; with its own dossier, still that one
    (["op welk niveau leid je op tot medewerker detachering?"],
     ["Consulent commerciële arbeidsbemiddeling", "mbo-niveau 4"], []),
    (["welk crebo heeft de vestigingsmedewerker uitzendbureau uit het commercie dossier?"], ["Consulent"], []),
    # "de derde" of a profile's werkprocessen listed after the basisdeel's: the third of the profile's own
    (["noem de werkprocessen van de legal, insurance & hr services specialist", "wat houdt de derde in?"],
     ["P5-K1-W3"], ["B1-K1-W3"]),
    # more than the profile has of its own: counted over the whole list
    (["welke kerntaken heeft de marketing & communication specialist?", "en de tweede?"], ["P6-K1"], []),
    # a place in the list named in the question itself: that one item
    (["wat houdt het laatste werkproces van de legal, insurance & hr services specialist in?"], ["P5-K1-W3"],
     ["P5-K1-W1"]),
    (["wat is het tweede werkproces in het basisdeel van commercie?"], ["B1-K1-W2"], ["B1-K1-W1 "]),
    # two levels asked to differ: ja or nee by the levels, both shown
    (["zit er verschil in niveau tussen P1 en P2 van business services?"], ["Ja.", "mbo-niveau 2", "mbo-niveau 3"],
     []),
    # a word of a name after "over" is the subject; which qualifications have a part about it
    (["bij welke kwalificaties zit een werkproces over marketing?"],
     ["Allround Assistant Business Services", "Marketing & Communication Specialist"], ["Ik ken deze"]),
    (["ik ben op zoek naar een opleiding met veel administratie"], ["Daarover gaat het bij"], []),
    # a bare "Nee" for beroepsvereisten is said as a sentence
    (["welke beroepsvereisten heeft de legal, insurance & hr services specialist?"], ["gelden geen beroepsvereisten"],
     [": Nee."]),
])
def test_answer_by_class_stop19(kb, turns, present, absent):
    assert_reply(kb, turns, present, absent)


@pytest.mark.parametrize("turns, present, absent", [
    # facts of a school's programme no dossier holds: named, and said to be not stated (never a "nee")
    (["kun je de marketing & communication specialist ook in deeltijd volgen?"], ["leerweg", "niet in het dossier"],
     ["Nee."]),
    (["hoeveel moet ik betalen aan lesgeld voor de assistant business services?"], ["lesgeld", "niet in het dossier"],
     []),
    (["hoe lang duurt de stage bij de consulent commerciële arbeidsbemiddeling?"], ["niet in het dossier"], []),
    # a subject no dossier speaks of: what was asked is named
    (["moet de legal, insurance & hr services specialist kunnen tapdansen?"], ["tapdansen", "staat niets"], []),
    # a statement asked back with "toch"
    (["de consulent commerciële arbeidsbemiddeling zit toch op niveau 3?"], ["Nee.", "mbo-niveau 4"], []),
    (["business services heeft zes profielen, toch?"], ["Ja."], []),
    # thanks, whatever for; a thanks before a question leaves the question
    (["super bedankt voor alle info!"], ["Graag gedaan"], ["ken ik niet"]),
    (["dank je, maar welk crebo heeft de assistant business services?"], ["25724"], ["Nee.", "Ja."]),
    # a level beside a name, when a werkproces is asked
    (["ik ben office & management support specialist (niveau 4) en regel vergaderingen, welk werkproces hoort daarbij?"],
     ["P3-K1-W4"], ["mbo-niveau 4"]),
    # both parts of "welk domein, en het crebo daarvan"
    (["onder welk opleidingsdomein valt commercie en welk crebo heeft dat domein?"], ["opleidingsdomein", "crebo"], []),
    # qualifications found by a subject: each with its level and crebo
    (["welke opleiding past bij werken met accountanalyses?"], ["Consulent commerciële arbeidsbemiddeling (Commercie, niveau 4"],
     []),
    # the dossier card counts its qualifications; a profile's card names its beroepsvereisten
    (["geef mij een samenvatting van het dossier business services"], ["6 kwalificaties"], []),
    (["vertel me alles over de 1e medewerker schoonmaak- en glazenwassersbedrijf"], ["VCA"], []),
    (["ik wil graag een helder beeld van de consulent commerciële arbeidsbemiddeling"], ["Overzicht van"], []),
    # a dossier named by the first word of its title at the end of the question
    (["welke kerntaken zitten er in het basisdeel van facilitair?"], ["B1-K1", "B1-K2"], ["Over welke"]),
    (["wat is het crebonummer van P2 bij facilitair?"], ["25991"], []),
    # a misspelt long word of the dossiers is that word; a rare word makes "welk werkproces …" a search
    (["in welk werkproces gaat het over afvalschijding?"], ["B1-K1"], ["niets"]),
    (["welk werkproces vermeldt de ozonbehandeling?"], ["P2-K1-W3"], ["Over welke"]),
    # "die met X in de naam": a name by one of its words
    (["welke kwalificaties heeft business services?", "die met legal in de naam, welk crebo heeft die?"], ["25726"], []),
    # the verb before its subject asks yes or no
    (["werk je als marketing & communication specialist ook aan marktonderzoek?"], ["Ja.", "P6-K1-W3"], []),
])
def test_answer_by_class_stop19_holdout7(kb, turns, present, absent):
    assert_reply(kb, turns, present, absent)


@pytest.mark.parametrize("turns, present, absent", [
    # a count of a dossier's qualifications, in the word the question counted
    (["hoeveel profielen kent het dossier commercie?"], ["heeft 6 profielen"], ["Ik ken"]),
    # "samen in het profieldeel" sums the profiles' own parts; it does not add the basisdeel
    (["hoeveel werkprocessen tellen de profieldelen van business services samen?"],
     ["20 werkprocessen in het profieldeel"], ["B1-K1-W1"]),
    # "profiel P4" counted: the profile's own part, said so
    (["hoeveel kerntaken telt profiel P4 van commercie"], ["2 kerntaken in het profieldeel"], ["B1-K1"]),
    # a year proposed for a date decides the yes/no, not who it was
    (["werd business services in 2019 gevalideerd?"], ["Nee.", "26-11-2020"], ["Sectorkamer"]),
    # a "nee" because another profile has it: what the asked one does have
    (["zit er in de assistant business services een werkproces over marktonderzoek?"],
     ["Nee.", "heeft wel: P1-K1-W1"], []),
    # a requirement the profile's own text states comes before the dossier's generic part
    (["is Engels verplicht voor de consulent commerciële arbeidsbemiddeling?"], ["Ja.", "Commercie P2-K"], []),
    # the card of a dossier: every profile with its own kerntaken, the basisdeel once
    (["geef me een overzicht van het commercie dossier"], ["P6: P6-K1", "Het basisdeel"], []),
    # an extreme names the profile's code and crebo
    ([f"wat is het laagste niveau in {FD}"], ["(P1, crebo 25990)"], []),
    # "the most in the profieldeel" ranks by the profile's own part
    ([f"welke kwalificatie van {FD} heeft de meeste kerntaken in het profieldeel"],
     ["1e Medewerker schoonmaak- en glazenwassersbedrijf (P2): 2 kerntaken"], []),
    # "welke van beide" after a comparison: among those two
    (["vergelijk de office & management support specialist met de marketing & communication specialist",
      "welke van beide doet iets met marktonderzoek?"], ["P6-K1-W3"], ["niets"]),
    # "die kerntaak" after a profile's kerntaken: its own one
    (["welke kerntaak hoort bij P4 van business services", "hoeveel werkprocessen zitten in die kerntaak"],
     ["Kerntaak P4-K1", "heeft 4 werkprocessen"], ["B1-K1-W1"]),
    # a basisdeel werkproces's additions asked of a dossier: each profile's, of the level named
    (["welk extra gedrag geldt bij B1-K1-W2 van business services voor de niveau 3 profielen"],
     ["Allround Assistant Business Services (P2)"], ["(P3)"]),
    # "waarom": the passage that says it, not a werkproces
    (["waarom is het werk van de consulent commerciële arbeidsbemiddeling zo afwisselend?"],
     ["soorten mensen"], []),
    # after an auxiliary the name ends where the object begins
    (["moet de 1e medewerker schoonmaak hierarchische beslissingen nemen?"], ["objectleider"], ["ken ik niet"]),
    # numbers about students or jobs: not in any dossier
    (["hoeveel gediplomeerden levert commercie per jaar af"], ["niet in het dossier"], ["Dit vond ik"]),
    # "welk D-profiel …": the profiles of that dossier by where the subject is
    (["welk business services profiel regelt de belastingaangifte"],
     ["Business Administration & Control Specialist (Business Services"], []),
])
def test_answer_by_class_stop20(kb, turns, present, absent):
    assert_reply(kb, turns, present, absent)


@pytest.mark.parametrize("turns, present, absent", [
    # the generic parts of a dossier, and those that hold at a qualification's level
    (["noem de generieke examenonderdelen van commercie"], ["4 generieke onderdelen", "Rekenen", "Engels"], []),
    (["uit hoeveel generieke onderdelen bestaat de allround assistant business services"],
     ["3 generieke onderdelen", "Loopbaan en burgerschap"], ["Engels"]),
    # "welke kwalificatie … op niveau N": those of that level, and a follow-up is about the one found
    ([f"welk profiel van {FD} is op niveau 3?", "welk crebo heeft het"], ["25991"], ["23999"]),
    # "welke van de twee" after two were named: among those two
    (["ik kan niet kiezen tussen legal, insurance & hr services specialist en allround assistant business services",
      "welke van de twee zit het hoogst?"], ["niveau 4: de Legal, Insurance & HR Services Specialist (P5"], ["P6"]),
    # the other profiles of a dossier, also those it names only by code
    (["welke niveaus hebben de overige profielen van commercie, naast de consulent?"],
     ["P4: niveau niet vermeld in het dossier"], ["Consulent commerciële arbeidsbemiddeling:"]),
])
def test_answer_by_class_stop20_parts_and_levels(kb, turns, present, absent):
    assert_reply(kb, turns, present, absent)


@pytest.mark.parametrize("turns, present, absent", [
    # a dossier's short name before "qua …" still names it
    (["welk verschil is er tussen P1 en P2 van facilitair qua soort opleiding?"], ["basisberoepsopleiding", "vakopleiding"],
     ["Welke kwalificaties wil je vergelijken"]),
    # "vergelijkt" is something done at work, not a comparison asked
    (["de leidinggevende in de zorg vergelijkt prijzen van leveranciers, welk werkproces is dat?"], ["P3-K1-W3"],
     ["Welke kwalificaties wil je vergelijken"]),
    # a clause before the question gives context, the subject is in the question
    (["mijn nichtje overweegt junior medewerker facilitaire dienstverlening, hoort catering daar ook bij?"],
     ["Ja.", "P1-K1-W1"], []),
    # every part of a question about dates, "per wanneer geldt het" too
    ([f"wanneer is {FD} gevalideerd en sinds wanneer geldt het?"], ["17-03-2022", "geldig is", "staat niet in het dossier"],
     []),
    # "hoeveel zelfstandigheid" asks the part, it counts nothing
    (["hoeveel verantwoordelijkheid draagt de 1e medewerker bij het aansturen van de ploeg?"], ["meewerkend voorman"], []),
    # an unknown name after "de opleiding": unknown, never the card of a similar one
    (["wat leer je bij de opleiding Schoonmaakdeskundige infectiebestrijding?"], ["ken ik niet"], ["Overzicht van"]),
    # "welk profiel van D heeft beroepsvereisten": only those that have them, and the next question is about that one
    ([f"welk profiel van {FD} heeft beroepsvereisten", "wat is het crebo daarvan?"], ["25991"], ["23999"]),
])
def test_answer_by_class_stop20_fourth_dossier(kb, turns, present, absent):
    assert_reply(kb, turns, present, absent)


@pytest.mark.parametrize("turns, present, absent", [
    # the basisdeel without a dossier named: the one dossier whose basisdeel speaks of the subject
    (["welke kennis over afvalscheiding hoort bij het basisdeel?"], ["afvalscheiding", "B1-K1"],
     ["Over welke kwalificatie", "P2-K1"]),
    # "hoe heten …": the names, also where the dossier gives none
    ([f"hoe heten de profielen van {FD}?"],
     ["(Junior) medewerker facilitaire dienstverlening", "hygiëne- en infectiepreventie specialist"], []),
    # "informatie over X": the card of X; of an unknown X, that it is unknown
    (["graag wat informatie over de legal, insurance & hr services specialist"], ["Overzicht van", "25726"], []),
    (["ik zoek informatie over de opleiding Commercieel Medewerker Binnendienst"], ["staat niet in het dossier"],
     ["Dit vond ik", "Overzicht van"]),
])
def test_a_basisdeel_question_finds_its_dossier_by_the_subject(kb, turns, present, absent):
    assert_reply(kb, turns, present, absent)


@pytest.mark.parametrize("turns, present, absent", [
    # a value proposed in part ("door ECABO" for "ECABO, afdeling …") is the value; a field beats a section title
    (["heeft ECABO het beroepscompetentieprofiel van de assistent communicatiemedewerker opgesteld?"], ["Ja.", "ECABO"], []),
    (["is business services gevalideerd door de sectorkamer zorg, welzijn en sport?"], ["Nee.", "zakelijke dienstverlening"],
     []),
    # "Zo ja, …" continues the yes/no question before it
    (["Stelt de legal, insurance & hr services specialist standaarddocumenten op? Zo ja, welk werkproces is dat?"],
     ["Ja.", "P5-K1-W3"], []),
    # "de niveau 4 profielen" names a level, it counts nothing
    (["geldt het generieke onderdeel Engels voor de niveau 4 profielen van commercie?"], ["Ja.", "Engels"], []),
    # keuzedelen are no part of a dossier
    (["horen er keuzedelen bij commercie?"], ["keuzedelen", "niet in het dossier"], ["dilemma"]),
    # "zonder de aanvullingen": the basisdeel's own text
    (["geef het resultaat van B1-K1-W3 van business services zonder de aanvullingen"], ["Resultaat:"],
     ["(P2):"]),
    # a greeting is greeted back before the answer to "waarmee kunt u helpen"
    (["goedemiddag, ik werk op een school. Waarmee kunt u mij helpen?"], ["Goedemiddag!", "Natuurlijk"], []),
    # two subjects joined by "of"/"en het": where either is
    (["welke werkprocessen gaan over het verwerken van gegevens of het leveren van managementinformatie"],
     ["B1-K1-W3", "P3-K1-W1"], []),
    (["welke werkprocessen of kerntaken gaan over het schrijven van teksten"], ["K3"], []),
    # "in alle dossiers": over every dossier, no aggregate of one
    (["welke werkprocessen hebben iets met webcare te maken in alle dossiers"], ["B1-K2-W3"], ["Over welke kwalificatie"]),
    # a quoted werkproces title placed under a kerntaak: its own kerntaak decides
    (["zit 'Stelt standaarddocumenten op of vult ze in' bij de legal, insurance & hr services specialist onder P5-K2?"],
     ["Nee.", "P5-K1-W3"], []),
    # "nummer N" after a list of competenties is the one of that number
    (["welke competenties horen bij de groep VM van het bcp", "en wat is het gedrag bij nummer 2?"],
     ["Beroepscompetentie 2"], []),
    # the kinds of opleiding of a dossier's qualifications
    (["welke soorten opleidingen zitten er in business services"], ["basisberoepsopleiding", "vakopleiding"], []),
])
def test_answer_by_class_stop20_holdout9(kb, turns, present, absent):
    assert_reply(kb, turns, present, absent)
