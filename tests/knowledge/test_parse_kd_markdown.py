"""The kd-markdown parser (knowledge.parsers.kd_markdown) on its real source, and on made-up
variants of the format's table shapes.

Joining: the lines of one paragraph are joined with a space, paragraphs with "\\n"; a table cell
cut by a page break is one paragraph again; list items lose their leading "- ".
"""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from knowledge.model import KWALIFICATIEDOSSIER, DossierError, Origin, Vakkennis
from knowledge.parsers import kd_markdown

SOURCE = "business-services-23296.txt"
PATH = Path(__file__).resolve().parents[2] / "knowledge" / "sources" / SOURCE
KLANT = 'Op de behoeften en verwachtingen van de "klant" richten'


@pytest.fixture(scope="module")
def text() -> str:
    return PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def dossier(text):
    return kd_markdown.parse(SOURCE, text)


def kt(d, code):
    return next(k for k in d.all_kerntaken() if k.code == code)


def wp(d, code):
    return next(w for w in d.all_werkprocessen() if w.code == code)


def prof(d, code):
    return next(p for p in d.profielen if p.code == code)


def strings(obj, path=""):
    """Every stored string of the model (origins excluded), with where it sits."""
    if dataclasses.is_dataclass(obj):
        for f in dataclasses.fields(obj):
            if f.name not in ("origins", "origin", "source"):
                yield from strings(getattr(obj, f.name), f"{path}.{f.name}")
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from strings(v, f"{path}[{k}]")
    elif isinstance(obj, (list, tuple, set)):
        for i, v in enumerate(obj):
            yield from strings(v, f"{path}[{i}]")
    elif isinstance(obj, str):
        yield path, obj


def origins(obj, path=""):
    if isinstance(obj, Origin):
        yield path, obj
    elif dataclasses.is_dataclass(obj):
        for f in dataclasses.fields(obj):
            yield from origins(getattr(obj, f.name), f"{path}.{f.name}")
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from origins(v, f"{path}[{k}]")
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from origins(v, f"{path}[{i}]")


# --- title page ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "field, value",
    [
        ("title", "Business Services"),
        ("kind", KWALIFICATIEDOSSIER),
        ("source", SOURCE),
        ("crebo", "23296"),
        ("domain", "Economie en administratie"),
        ("domain_crebo", "79090"),
        ("penvoerder", "Sectorkamer zakelijke dienstverlening en veiligheid"),
        ("gevalideerd_door", "Sectorkamer zakelijke dienstverlening en veiligheid"),
        ("gevalideerd_op", "26-11-2020"),
        ("geldig_vanaf", None),  # the heading is there, its value is not
    ],
)
def test_general_information(dossier, field, value):
    assert getattr(dossier, field) == value


@pytest.mark.parametrize(
    "field, line",
    [("title", 5), ("crebo", 7), ("domain", 22), ("domain_crebo", 22), ("penvoerder", 24),
     ("gevalideerd_door", 25), ("gevalideerd_op", 26), ("geldig_vanaf", 18)],
)
def test_general_information_origins(dossier, field, line):
    o = dossier.origins[field]
    assert (o.source, o.line_start, o.line_end) == (SOURCE, line, line)


# --- profiles --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "code, title, crebo, niveau, typering",
    [
        ("P1", "Assistant Business Services", "25724", 2, "basisberoepsopleiding"),
        ("P2", "Allround Assistant Business Services", "25723", 3, "vakopleiding"),
        ("P3", "Office & Management Support Specialist", "25728", 4, "middenkaderopleiding"),
        ("P4", "Business Administration & Control Specialist", "25725", 4, "middenkaderopleiding"),
        ("P5", "Legal, Insurance & HR Services Specialist", "25726", 4, "middenkaderopleiding"),
        ("P6", "Marketing & Communication Specialist", "25727", 4, "middenkaderopleiding"),
    ],
)
def test_profiles(dossier, code, title, crebo, niveau, typering):
    p = prof(dossier, code)
    assert (p.title, p.crebo, p.niveau, p.typering_kwalificatie, p.beroepsvereisten) == (
        title, crebo, niveau, typering, "Nee")
    assert not p.outline_only
    n = int(code[1:])
    assert (p.origins["crebo"].line_start, p.origins["niveau"].line_start) == (10 + n, 107 + n)
    assert p.origins["niveau"].section == f"{code} mbo-niveau"


def test_profile_order(dossier):
    assert [p.code for p in dossier.profielen] == ["P1", "P2", "P3", "P4", "P5", "P6"]


@pytest.mark.parametrize(
    "code, start, end",
    [
        ("P1", "De beginnend beroepsbeoefenaar is werkzaam in MKB-bedrijven",
         "Hij/zij krijgt meer en meer te maken met een veelheid van taken en ICT-systemen."),
        ("P5", "De beginnend beroepsbeoefenaar is 'organisatiesensitief'",
         "bereidt adviezen voor in opdracht van een collega/leidinggevende/opdrachtgever."),
    ],
)
def test_typering_beroep(dossier, code, start, end):
    text = prof(dossier, code).typering_beroep
    assert text.startswith(start) and text.endswith(end)
    assert text.count("\n") == {"P1": 1, "P5": 2}[code]  # paragraphs


@pytest.mark.parametrize(
    "code, kerntaak, werkprocessen",
    [
        ("P1", "P1-K1", ["P1-K1-W1", "P1-K1-W2"]),
        ("P2", "P2-K1", ["P2-K1-W1", "P2-K1-W2", "P2-K1-W3", "P2-K1-W4"]),
        ("P3", "P3-K1", ["P3-K1-W1", "P3-K1-W2", "P3-K1-W3", "P3-K1-W4"]),
        ("P4", "P4-K1", ["P4-K1-W1", "P4-K1-W2", "P4-K1-W3", "P4-K1-W4"]),
        ("P5", "P5-K1", ["P5-K1-W1", "P5-K1-W2", "P5-K1-W3"]),
        ("P6", "P6-K1", ["P6-K1-W1", "P6-K1-W2", "P6-K1-W3"]),
    ],
)
def test_profile_structure(dossier, code, kerntaak, werkprocessen):
    p = prof(dossier, code)
    assert [k.code for k in p.kerntaken] == [kerntaak]
    assert [w.code for w in p.kerntaken[0].werkprocessen] == werkprocessen
    assert not any(w.outline_only for w in p.kerntaken[0].werkprocessen)


# --- titles ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "code, title",
    [
        ("B1-K1", "Voert taken uit binnen de zakelijke dienstverlening"),
        ("P2-K1", "Verricht werkzaamheden ten behoeve van bedrijfsprocessen in de zakelijke dienstverlening"),
        ("P6-K1", "Verzorgt marketing en (interne) communicatietrajecten"),
        ("B1-K1-W1", "Treedt op als aanspreekpunt voor klanten"),
        ("B1-K1-W2", "Verzorgt zakelijke communicatie"),
        ("B1-K1-W3", "Verwerkt gegevens"),
        ("B1-K1-W4", "Werkt aan producten/opdrachten binnen geld-, goederen- en informatie beweging"),
        ("P6-K1-W3", "Voert marktonderzoeken uit"),
        ("P4-K1-W1", "Levert managementinformatie"),  # the overview misspells it "Leverd"
        ("P5-K1-W1", "Levert managementinformatie"),
        ("P2-K1-W2", "Voert financiële processen uit"),
    ],
)
def test_titles(dossier, code, title):
    node = kt(dossier, code) if code.count("-") == 1 else wp(dossier, code)
    assert node.title == title


def test_basisdeel_structure(dossier):
    assert [k.code for k in dossier.kerntaken] == ["B1-K1"]
    assert [w.code for w in dossier.kerntaken[0].werkprocessen] == ["B1-K1-W1", "B1-K1-W2", "B1-K1-W3", "B1-K1-W4"]


# --- texts -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "code, field, expected",
    [
        ("P1-K1-W2", "resultaat", "De voorraad is op peil. Bestellingen zijn op tijd en correct uitgevoerd."),
        ("B1-K1-W3", "resultaat",
         "Eenvoudige administratieve- en dossierwerkzaamheden zijn uitgevoerd. Managementrapportage/informatie is gegenereerd."),
        ("B1-K1-W4", "resultaat", "Goede samenwerking binnen de keten van geld-, goederen- en informatie beweging."),
        ("P3-K1-W3", "resultaat",
         "Verslagen zijn een correcte weergave van het overleg en zijn tijdig verspreid en correct gearchiveerd.\n"
         "Kleine budgetten en (project)budgetten zijn verwerkt en gecontroleerd.\n"
         "Ontvangen offertes en leveringscontracten zijn, in overleg met de opdrachtgever, beoordeeld op "
         "prijs/kwaliteitsverhouding."),
        ("P5-K1-W2", "resultaat", "Aanvragen en opdrachten zijn correct en volgens procedures uitgevoerd."),
    ],
)
def test_werkproces_texts(dossier, code, field, expected):
    assert getattr(wp(dossier, code), field) == expected


def test_sentence_cut_by_page_header_is_rejoined(dossier):
    text = wp(dossier, "P1-K1-W1").omschrijving
    assert "Hij/zij rapporteert over de uitgevoerde werkzaamheden aan de opdrachtgever. Hij/zij controleert" in text
    assert text.count("\n") == 1  # two paragraphs


@pytest.mark.parametrize(
    "code, index, expected",
    [
        ("P4-K1-W3", -1, "neemt klachten van crediteuren omtrent betalingen serieus en onderneemt acties om de "
                         "crediteur tevreden te houden."),
        ("P6-K1-W3", -1, "begeleidt/bewaakt de planning en uitvoering van een onderzoek door derden actief en "
                         "onderneemt waar nodig passende acties."),
        ("B1-K1-W3", 2, "gebruikt digitale systemen snel en vakkundig voor de verwerking van gegevens en het "
                        "archiveren van dossiers;"),
        ("P6-K1-W1", 3, "zorgt voor nauwkeurige, volledige en taalkundig correcte rapportages;"),
        ("P1-K1-W2", 0, "controleert de voorraad nauwgezet;"),
        ("B1-K1-W1", 0, "ontvangt klanten/bezoekers gastvrij en passend bij het bedrijf;"),
    ],
)
def test_gedrag_items(dossier, code, index, expected):
    assert wp(dossier, code).gedrag[index] == expected


@pytest.mark.parametrize("code, count", [("B1-K1-W3", 5), ("P2-K1-W2", 6), ("P3-K1-W2", 8), ("P4-K1-W3", 6)])
def test_gedrag_lists_continue_after_page_header(dossier, code, count):
    assert len(wp(dossier, code).gedrag) == count


def test_no_intro_line_in_lists(dossier):
    for w in dossier.all_werkprocessen():
        for items in [w.gedrag] + [a.gedrag for a in w.aanvullingen.values()]:
            assert not any(i.startswith("De beginnend") for i in items), w.code
    for k in dossier.all_kerntaken():
        assert not any(v.tekst.startswith("De beginnend") for v in k.vakkennis), k.code


@pytest.mark.parametrize(
    "code, field, expected",
    [
        ("B1-K1", "verantwoordelijkheid",
         "De beginnend beroepsbeoefenaar werkt zelfstandig en draagt verantwoordelijkheid voor een goede uitvoering "
         "en tijdige afhandeling van de werkzaamheden. Hij/zij werkt samen met collega's en neemt, eventueel in "
         "opdracht, werkzaamheden over.\nBinnen de afdeling of de organisatie valt hij/zij onder de direct "
         "leidinggevende of opdrachtgever. Hij/zij is verantwoordelijk voor een goede relatie met de klanten met wie "
         "hij/zij contact heeft. Hij/zij werkt zelfstandig binnen de gegeven taakstelling met de daarin geldende vast "
         "omschreven opdrachten die van korte en langere duur kunnen zijn."),
        ("P6-K1", "verantwoordelijkheid",
         "De beginnend beroepsbeoefenaar werkt zo veel mogelijk zelfstandig, maar bij oplossingen voor vraagstukken "
         "stemt hij/zij af met zijn collega's, leidinggevende of (interne) opdrachtgever. Indien hij/zij ten behoeve "
         "van een externe opdrachtgever werkt, overlegt hij/zij altijd eerst intern voordat hij/zij producten voorlegt "
         "aan de externe opdrachtgever. Hij/zij is verantwoordelijk voor de kwaliteit van de producten."),
    ],
)
def test_kerntaak_texts(dossier, code, field, expected):
    assert getattr(kt(dossier, code), field) == expected


def test_basisdeel_complexiteit_is_the_base_text_only(dossier):
    text = kt(dossier, "B1-K1").complexiteit
    assert text.startswith("Voor het uitvoeren van de ondersteunende werkzaamheden")
    assert text.endswith("Hij/zij schakelt hulp in of vraagt raad bij wisselende of onverwachte omstandigheden.")


# --- vakkennis ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "code, index, item",
    [
        ("B1-K1", 0, Vakkennis("heeft kennis van basisprincipes van wettelijke regels m.b.t. bescherming "
                               "persoonsgegevens", None)),
        ("B1-K1", 6, Vakkennis("kan dossiers bijhouden", "Archiveren")),
        ("B1-K1", -1, Vakkennis("kan zakelijk gebruikmaken van social media, internet en intranet",
                                "Digitale vaardigheden")),
        # continued after the page header "P2-K1 ...": still in its group
        ("P2-K1", 11, Vakkennis("kan brede kennis van richtlijnen en regels toepassen bij geheimhouding, "
                                "bewaartermijnen, brancheafspraken en (overheids)regels", "Archiveren")),
        ("P5-K1", 0, Vakkennis("kan jargon/vaktaal toepassen", "Communicatie")),
        ("P4-K1", 4, Vakkennis("kan financiële rapportages presenteren", "Communicatie")),
    ],
)
def test_vakkennis(dossier, code, index, item):
    assert kt(dossier, code).vakkennis[index] == item


@pytest.mark.parametrize(
    "code, groups",
    [
        ("B1-K1", [None, "Archiveren", "Communicatie", "Digitale vaardigheden"]),
        ("P5-K1", ["Communicatie", "HR", "Algemeen", "Juridisch"]),
        ("P4-K1", [None, "Communicatie", "Bedrijfsadministratie", "Bedrijfseconomie",
                   "Fiscale en algemene juridische kennis", "Managementinformatie"]),
    ],
)
def test_vakkennis_groups(dossier, code, groups):
    seen = list(dict.fromkeys(v.groep for v in kt(dossier, code).vakkennis))
    assert seen == groups


@pytest.mark.parametrize("code, count", [("B1-K1", 17), ("P1-K1", 7), ("P2-K1", 17), ("P5-K1", 15), ("P6-K1", 31)])
def test_vakkennis_counts(dossier, code, count):
    assert len(kt(dossier, code).vakkennis) == count


# --- competences -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "code, expected",
    [
        ("P2-K1-W1", ["Samenwerken en overleggen", "Ethisch en integer handelen", "Vakdeskundigheid toepassen",
                      "Plannen en organiseren", KLANT, "Instructies en procedures opvolgen",
                      "Met druk en tegenslag omgaan"]),
        # "Formulieren en rapporteren" in the source: read as the dossier's "Formuleren en rapporteren"
        ("P5-K1-W1", ["Samenwerken en overleggen", "Formuleren en rapporteren", "Instructies en procedures opvolgen",
                      "Bedrijfsmatig handelen"]),
        ("B1-K1-W1", ["Vakdeskundigheid toepassen", "Instructies en procedures opvolgen",
                      "Relaties bouwen en netwerken"]),
        ("P6-K1-W3", ["Presenteren", "Formuleren en rapporteren", "Analyseren", "Plannen en organiseren",
                      "Instructies en procedures opvolgen"]),
    ],
)
def test_competences(dossier, code, expected):
    assert wp(dossier, code).competenties == expected


def test_competence_vocabulary_is_canonical(dossier):
    names = {n for w in dossier.all_werkprocessen()
             for n in w.competenties + [m for a in w.aanvullingen.values() for m in a.competenties]}
    assert "Formulieren en rapporteren" not in names
    assert "Formuleren en rapporteren" in names
    assert len(names) == 19


@pytest.mark.parametrize(
    "names, expected",
    [
        (["Formuleren en rapporteren"] * 3 + ["Formulieren en rapporteren"],
         {"Formulieren en rapporteren": "Formuleren en rapporteren"}),
        (["Kwaliteit leveren", "Kwaliteit leveren", "Kwaliteit leverem"], {"Kwaliteit leverem": "Kwaliteit leveren"}),
        # kept: different names, two rare spellings (no majority), two names both in use, far-off names
        (["Analyseren", "Analyseren", "Presenteren"], {}),
        (["Formulieren en rapporteren", "Formuleren en rapporteren"], {}),
        (["Leren", "Leren", "Lezen", "Lezen"], {}),
        (["Onderzoeken", "Onderzoeken", "Onderzoek doen"], {}),
        ([], {}),
    ],
)
def test_canonical_names(names, expected):
    assert kd_markdown.canonical_names(names) == expected


# --- additions ("Voor <profiel> geldt aanvullend") --------------------------------------------


def test_every_addition_lands_once(dossier, text):
    """One (section, profile) addition per "Voor ... geldt aanvullend" of the source."""
    landed = 0
    for k in dossier.all_kerntaken():
        for a in k.aanvullingen.values():
            landed += sum(1 for f in (a.complexiteit, a.verantwoordelijkheid, a.vakkennis) if f) + len(a.nvt)
        for w in k.werkprocessen:
            for a in w.aanvullingen.values():
                landed += sum(1 for f in (a.omschrijving, a.resultaat, a.gedrag or a.competenties) if f) + len(a.nvt)
    assert landed == len(re.findall(r"geldt aanvullend", text)) == 78


def test_additions_by_profile(dossier):
    assert list(kt(dossier, "B1-K1").aanvullingen) == ["P1", "P2", "P3", "P4", "P5", "P6"]
    for w in dossier.kerntaken[0].werkprocessen:
        assert list(w.aanvullingen) == ["P2", "P3", "P4", "P5", "P6"], w.code
        for code, a in w.aanvullingen.items():
            assert a.profiel == code
            assert a.omschrijving and a.resultaat and a.gedrag and a.competenties, (w.code, code)
    for p in dossier.profielen:
        for k in p.kerntaken:
            assert not k.aanvullingen and not any(w.aanvullingen for w in k.werkprocessen)


def test_kerntaak_additions(dossier):
    adds = kt(dossier, "B1-K1").aanvullingen
    assert adds["P1"].nvt == ["verantwoordelijkheid", "vakkennis"]
    assert (adds["P1"].verantwoordelijkheid, adds["P1"].vakkennis) == (None, [])
    assert adds["P1"].complexiteit == ("Hij/zij voert eenvoudige taken uit: hij/zij verzorgt eenvoudige zakelijke "
                                       "correspondentie en verwerkt standaardgegevens.")
    assert adds["P2"].complexiteit == "Hij/zij lost veel voorkomende problemen planmatig op."
    # P3's cell is cut by the page header "B1-K1: ..."; its last sentence follows it as a loose paragraph
    assert adds["P3"].complexiteit == adds["P4"].complexiteit
    assert adds["P3"].complexiteit.endswith("handelt hiernaar. Hij/zij heeft in voorkomende gevallen basiskennis "
                                            "van Engels nodig.")
    assert "Engels" not in adds["P2"].complexiteit
    assert adds["P2"].verantwoordelijkheid == "Hij/zij bewaakt de voortgang van werkzaamheden."
    assert adds["P6"].verantwoordelijkheid == "Hij/zij bewaakt de voortgang van de werkzaamheden."
    assert [v.tekst for v in adds["P2"].vakkennis][-1] == ("kan regels met betrekking tot beveiliging van gegevens "
                                                           "en systemen toepassen")
    assert [len(adds[c].vakkennis) for c in ("P2", "P3", "P4", "P5", "P6")] == [5, 9, 9, 9, 9]
    assert "zakelijke gesprekken voeren" in adds["P4"].vakkennis[4].tekst
    assert "(telefoon)gesprekken voeren" in adds["P5"].vakkennis[4].tekst


INVESTEERT = "investeert in het opbouwen en onderhouden van goede werk-/klantrelaties."
STEMT = "stemt de correspondentie zorgvuldig af op de huisstijl en de doelgroep;"
W2_TEXT = ("Daarnaast verzorgt de beginnend beroepsbeoefenaar schriftelijke correspondentie. Hij/zij verwerkt "
           "teksten op basis van concepten, instructies of eigen aantekeningen. Hij/zij bewaakt de voortgang en "
           "afhandeling van de correspondentie.")


@pytest.mark.parametrize(
    "code, profiel, field, expected",
    [
        # W1 gedrag: P2-P4 as paragraphs, cut by the page header, continued by a row of 3 cells
        ("B1-K1-W1", "P2", "gedrag", ["stemt communicatie en gedrag af op de klant en de klantrelatie;",
                                      "geeft zorgvuldig en passend binnen de kaders van de wet informatie en advies;",
                                      "voert de ondersteunende taken vakbekwaam uit."]),
        ("B1-K1-W1", "P2", "competenties", ["Vakdeskundigheid toepassen", KLANT, "Instructies en procedures opvolgen"]),
        ("B1-K1-W1", "P3", "competenties", ["Relaties bouwen en netwerken", "Vakdeskundigheid toepassen", KLANT,
                                            "Instructies en procedures opvolgen"]),
        ("B1-K1-W1", "P4", "competenties", ["Vakdeskundigheid toepassen", KLANT, "Instructies en procedures opvolgen",
                                            "Relaties bouwen en netwerken"]),
        ("B1-K1-W1", "P5", "competenties", ["Vakdeskundigheid toepassen", KLANT, "Instructies en procedures opvolgen"]),
        ("B1-K1-W1", "P6", "resultaat", "De klantrelatie is onderhouden."),
        # W2 omschrijving: P5/P6 headers with empty cells, their texts after the page header
        ("B1-K1-W2", "P2", "omschrijving",
         "Daarnaast verzorgt de beginnend beroepsbeoefenaar schriftelijke correspondentie onder toezicht van zijn "
         "opdrachtgever. Hij/zij verwerkt teksten op basis van concepten, instructies of eigen aantekeningen. Hij/zij "
         "controleert de teksten op taal, huisregels en doelgroep en past de tekst zo nodig aan. Hij/zij bewaakt de "
         "voortgang en afhandeling van de correspondentie."),
        ("B1-K1-W2", "P3", "omschrijving", W2_TEXT),
        ("B1-K1-W2", "P5", "omschrijving", W2_TEXT),
        ("B1-K1-W2", "P6", "omschrijving", W2_TEXT),
        ("B1-K1-W2", "P2", "resultaat", "De correspondentie is gecontroleerd en de voortgang bewaakt."),
        ("B1-K1-W2", "P5", "resultaat", "Correspondentie voldoet aan de richtlijnen en de voortgang is bewaakt."),
        # W2 gedrag: a headerless row of competences for P2-P4; loose competence paragraphs for P5, P6
        ("B1-K1-W2", "P2", "gedrag", [STEMT, "bewaakt nauwgezet de voortgang en afhandeling van de correspondentie."]),
        ("B1-K1-W2", "P6", "gedrag", [STEMT, "bewaakt nauwgezet de voortgang en afhandeling van de correspondentie."]),
        ("B1-K1-W2", "P2", "competenties", ["Formuleren en rapporteren", "Plannen en organiseren"]),
        ("B1-K1-W2", "P3", "competenties", ["Plannen en organiseren", KLANT]),
        ("B1-K1-W2", "P4", "competenties", ["Plannen en organiseren", KLANT]),
        ("B1-K1-W2", "P5", "competenties", ["Plannen en organiseren", KLANT]),
        ("B1-K1-W2", "P6", "competenties", ["Plannen en organiseren", KLANT]),
        # W3: plain paragraphs, <p>/<ul> cells
        ("B1-K1-W3", "P2", "resultaat", "Dossiers worden beheerd en geactualiseerd."),
        ("B1-K1-W3", "P3", "resultaat", "Actuele en correcte informatie is vastgelegd in rapportages."),
        ("B1-K1-W3", "P3", "omschrijving",
         "Naast het verwerken van gegevens typeert, interpreteert, controleert en ordent de beginnend "
         "beroepsbeoefenaar gegevens en legt zijn/haar bevindingen vast in een rapportage. Hij/zij wint zo nodig "
         "advies van derden in."),
        ("B1-K1-W3", "P2", "gedrag", ["beheert vakkundig en nauwgezet dossiers;", "rapporteert proactief over "
                                      "deadlines en afwijkingen aan de leidinggevende of andere betrokkenen."]),
        ("B1-K1-W3", "P2", "competenties", ["Vakdeskundigheid toepassen", "Samenwerken en overleggen",
                                            "Kwaliteit leveren"]),
        ("B1-K1-W3", "P5", "competenties", ["Analyseren", "Samenwerken en overleggen", "Kwaliteit leveren"]),
        # W4 omschrijving: cells cut mid-sentence by the page header, rejoined
        ("B1-K1-W4", "P2", "omschrijving",
         "Ook stelt de beginnend beroepsbeoefenaar in opdracht plannen op voor het team of de afdeling en presenteert "
         "deze aan het team/afdeling. Hij/zij plant en organiseert activiteiten/overleggen/werkzaamheden in afstemming "
         "met zijn opdrachtgever en op basis van eventueel aanwezige team/afdelings-/organisatieplannen."),
        ("B1-K1-W4", "P3", "resultaat", "Werkzaamheden, overleggen en activiteiten voor het team zijn ingepland. "
                                        "Een onderbouwd operationeel plan dat is afgestemd in de keten."),
        ("B1-K1-W4", "P5", "resultaat", "Werkzaamheden, overleggen en activiteiten voor het team zijn ingepland."),
        ("B1-K1-W4", "P5", "gedrag", ["stemt tijdig af met de opdrachtgever;",
                                      "presenteert de plannen afgestemd op de doelgroep."]),
        ("B1-K1-W4", "P6", "competenties", ["Samenwerken en overleggen", "Formuleren en rapporteren", KLANT,
                                            "Beslissen en activiteiten initiëren", "Presenteren", "Onderzoeken"]),
    ],
)
def test_werkproces_additions(dossier, code, profiel, field, expected):
    assert getattr(wp(dossier, code).aanvullingen[profiel], field) == expected


@pytest.mark.parametrize("profiel, has", [("P2", False), ("P3", True), ("P4", True), ("P5", True), ("P6", True)])
def test_w1_investeert_only_where_stated(dossier, profiel, has):
    assert (INVESTEERT in wp(dossier, "B1-K1-W1").aanvullingen[profiel].gedrag) is has


@pytest.mark.parametrize("profiel, has", [("P2", False), ("P3", True), ("P4", True), ("P5", False), ("P6", True)])
def test_w4_budget_only_where_stated(dossier, profiel, has):
    text = wp(dossier, "B1-K1-W4").aanvullingen[profiel].omschrijving
    assert ("berekent het benodigde budget" in text) is has
    assert text.startswith("Ook stelt de beginnend beroepsbeoefenaar in opdracht plannen op")
    assert text.endswith("organisatieplannen.")
    assert text.count("juistheid") == text.count("betrouwbaarheid")


# --- origins -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, start, end, section",
    [
        (("wp", "B1-K1-W3", "gedrag"), 413, 421, "B1-K1-W3 gedrag"),
        (("wp", "B1-K1-W3", "competenties"), 423, 423, "B1-K1-W3 competenties"),
        (("wp", "B1-K1-W1", "title"), 253, 253, "B1-K1-W1"),
        (("wp", "P1-K1-W1", "omschrijving"), 528, 534, "P1-K1-W1 omschrijving"),
        (("add", "B1-K1-W2", "P5", "omschrijving"), 332, 336, "B1-K1-W2 omschrijving P5"),
        (("add", "B1-K1-W1", "P2", "competenties"), 322, 322, "B1-K1-W1 competenties P2"),
        (("add", "B1-K1-W2", "P6", "competenties"), 366, 366, "B1-K1-W2 competenties P6"),
        (("add", "B1-K1-W3", "P4", "gedrag"), 425, 425, "B1-K1-W3 gedrag P4"),
        (("add", "B1-K1-W4", "P3", "omschrijving"), 434, 439, "B1-K1-W4 omschrijving P3"),
        (("kadd", "B1-K1", "P3", "complexiteit"), 178, 182, "B1-K1 complexiteit P3"),
        (("kadd", "B1-K1", "P1", "vakkennis"), 250, 250, "B1-K1 vakkennis P1"),
        (("kt", "P2-K1", "vakkennis"), 607, 637, "P2-K1 vakkennis"),
        (("prof", "P3", "typering_beroep"), 748, 750, "P3 typering beroep"),
    ],
)
def test_origins(dossier, path, start, end, section):
    kind, code, *rest = path
    if kind == "wp":
        o = wp(dossier, code).origins[rest[0]]
    elif kind == "kt":
        o = kt(dossier, code).origins[rest[0]]
    elif kind == "add":
        o = wp(dossier, code).aanvullingen[rest[0]].origins[rest[1]]
    elif kind == "kadd":
        o = kt(dossier, code).aanvullingen[rest[0]].origins[rest[1]]
    else:
        o = prof(dossier, code).origins[rest[0]]
    assert (o.source, o.line_start, o.line_end, o.section) == (SOURCE, start, end, section)


def test_every_field_has_an_origin(dossier):
    for k in dossier.all_kerntaken():
        for name in ("title", "complexiteit", "verantwoordelijkheid", "vakkennis"):
            assert getattr(k, name) and name in k.origins, (k.code, name)
        for code, a in k.aanvullingen.items():
            for name in ("complexiteit", "verantwoordelijkheid", "vakkennis"):
                assert name in a.origins, (k.code, code, name)
        for w in k.werkprocessen:
            for name in ("title", "omschrijving", "resultaat", "gedrag", "competenties"):
                assert getattr(w, name) and name in w.origins, (w.code, name)
            for code, a in w.aanvullingen.items():
                for name in ("omschrijving", "resultaat", "gedrag", "competenties"):
                    assert name in a.origins, (w.code, code, name)
    for p in dossier.profielen:
        for name in ("title", "crebo", "niveau", "beroepsvereisten", "typering_kwalificatie", "typering_beroep"):
            assert name in p.origins, (p.code, name)
    for s in dossier.sections:
        assert s.origin is not None


def test_origins_point_at_their_text(dossier, text):
    """Every origin lies in the file, and a text's first words stand in its line range."""
    lines = text.split("\n")
    for path, o in origins(dossier):
        assert o.source == SOURCE and 1 <= o.line_start <= o.line_end <= len(lines), path
    checked = 0
    for w in dossier.all_werkprocessen():
        holders = [(w.code, w)] + [(f"{w.code} {c}", a) for c, a in w.aanvullingen.items()]
        for where, h in holders:
            for name in ("omschrijving", "resultaat"):
                value = getattr(h, name)
                o = h.origins[name]
                raw = " ".join(lines[o.line_start - 1:o.line_end])
                assert " ".join(value.split()[:3]) in raw, (where, name)
                checked += 1
    assert checked == 2 * (24 + 20)  # 24 werkprocessen, 20 additions


# --- sections ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "key, title, start, lines",
    [
        ("beroepengroep/context", "Context", "Beroepsbeoefenaren zakelijke dienstverlening werken", (165, 166)),
        ("beroepengroep/typerende-beroepshouding", "Typerende beroepshouding",
         "De beginnend beroepsbeoefenaar stelt zich zakelijk", (167, 170)),
        ("beroepengroep/resultaat", "Resultaat van de beroepengroep",
         "De beginnend beroepsbeoefenaar heeft de werkzaamheden", (171, 173)),
        ("generiek/nederlandse-taal", "Nederlandse taal", "Het generieke examenonderdeel Nederlandse taal", (465, 467)),
        ("generiek/rekenen", "Rekenen", "Het generieke examenonderdeel rekenen", (469, 471)),
        ("generiek/loopbaan-en-burgerschap", "Loopbaan en burgerschap",
         "Het generieke examenonderdeel loopbaan en burgerschap", (473, 475)),
        ("generiek/engels", "Engels (alleen voor niveau 4)", "Het generieke examenonderdeel Engels", (477, 479)),
    ],
)
def test_sections(dossier, key, title, start, lines):
    s = next(s for s in dossier.sections if s.key == key)
    assert (s.title, (s.origin.line_start, s.origin.line_end)) == (title, lines)
    assert s.text.startswith(start)


def test_section_keys(dossier):
    assert len(dossier.sections) == 7
    engels = next(s for s in dossier.sections if s.key == "generiek/engels")
    assert "https://wetten.overheid.nl/BWBR0027963" in engels.text
    resultaat = next(s for s in dossier.sections if s.key == "beroepengroep/resultaat")
    assert resultaat.text.split("\n")[1].startswith("* Het kan hierbij gaan om directie")  # the footnote


# --- no conversion residue -------------------------------------------------------------------


@pytest.mark.parametrize("residue", ["<", ">", "**", "▪", "\t", "---", "geldt aanvullend", "  ", "; ;", "»"])
def test_no_markup_residue(dossier, residue):
    bad = [(p, s[:60]) for p, s in strings(dossier) if residue in s]
    assert bad == []


def test_no_page_header_in_texts(dossier, text):
    headings = {ln.strip() for ln in text.split("\n")
                if re.match(r"^(?:[BP]\d+-K\d+(?:-W\d+)?:?|P\d+) \S", ln.strip()) and "\t" not in ln.strip()}
    assert len(headings) > 30
    titles = {t.split(" ", 1)[1] for t in headings}
    for path, s in strings(dossier):
        if path.endswith(".title") or path.endswith(".code"):
            continue
        assert not any(h in s for h in headings), path
        for part in s.split("\n"):
            assert part not in titles, path


# --- errors ------------------------------------------------------------------------------------


def _header_only(text: str) -> str:
    return "\n".join(text.split("\n")[:27])


def _without_w2_omschrijving(text: str) -> str:
    lines = text.split("\n")
    assert lines[326] == "Omschrijving"
    return "\n".join(lines[:326] + lines[327:])


@pytest.mark.parametrize(
    "make, expected",
    [
        (lambda t: "", ["empty"]),
        (lambda t: "   \n\n", ["empty"]),
        (lambda t: "Dit is geen dossier\n\nBasisdeel\n", ["Kwalificatiedossier"]),
        (_header_only, ["Basisdeel"]),
        (_without_w2_omschrijving, ["B1-K1-W2", "Omschrijving"]),
        (lambda t: t.replace("Voor Marketing & Communication Specialist geldt", "Voor Onbekend Profiel geldt", 1),
         ["Onbekend Profiel", "no known profile"]),
    ],
)
def test_errors(text, make, expected):
    with pytest.raises(DossierError) as err:
        kd_markdown.parse(SOURCE, make(text))
    assert str(err.value).startswith(SOURCE + ": ")
    for word in expected:
        assert word in str(err.value)


def _cut_before(prefix: str):
    def cut(text: str) -> str:
        lines = text.split("\n")
        return "\n".join(lines[:next(i for i, ln in enumerate(lines) if ln.startswith(prefix))])
    return cut


@pytest.mark.parametrize(
    "make, expected",
    [
        (lambda t: "\n".join(t.split("\n")[:273]), ["B1-K1-W1", "no 'Gedrag'"]),  # the first fifth
        (lambda t: "\n".join(t.split("\n")[:480]), ["P1-K1, P1-K1-W1", "cut short"]),  # no profile part
        (_cut_before("P6-K1-W3 "), ["lists P6-K1-W3,", "cut short"]),
        (lambda t: t[:t.index("Gedrag\n\nDe beginnend beroepsbeoefenaar:\n\n- ontwikkelt")], ["P6-K1-W3", "no 'Gedrag'"]),
    ],
)
def test_a_cut_file_is_an_error(text, make, expected):
    with pytest.raises(DossierError) as err:
        kd_markdown.parse(SOURCE, make(text))
    for word in expected:
        assert word in str(err.value)


# --- the format's table shapes, on a made-up dossier --------------------------------------------

HEAD = """Kwalificatiedossier mbo

Bakkerij

Crebonr. 99999

Kwalificaties

- » **Bakker (Crebonr. 11111)**
- » **Allround Bakker (Crebonr. 11112)**
- » **Meester Bakker (Crebonr. 11113)**

Geldig vanaf

1-8-2021

Opleidingsdomein

Voedsel (Crebonr. 77777)

Overzicht van het kwalificatiedossier

Naam profiel\tMbo-niveau\tBeroepsvereisten\tTypering van de kwalificatie
P1 Bakker\t2\tNee\tbasisberoepsopleiding
P2 Allround Bakker\t3\tNee\tvakopleiding
P3 Meester Bakker\t4\tNee\tmiddenkaderopleiding

Basisdeel

1. Beroepsspecifieke onderdelen

B1-K1: Maakt bakkerijproducten

Complexiteit

Routinematig werk.

B1-K1-W1: Bereidt deeg voor**Omschrijving**

Hij weegt af en kneedt deeg.

{omschrijving}

Resultaat

Het deeg is klaar.

Gedrag

De beginnend beroepsbeoefenaar:

- werkt hygiënisch;
- weegt nauwkeurig af.

De onderliggende competenties zijn: Vakdeskundigheid toepassen, Kwaliteit leveren

{gedrag}

Profieldeel

P1 Bakker

Mbo-niveau

2

P1-K1 Verkoopt brood

P1-K1-W1 Helpt klanten

Omschrijving

Hij helpt klanten aan de toonbank.

Resultaat

Klanten zijn geholpen.

Gedrag

- is vriendelijk.

P2 Allround Bakker

P2-K1 Leidt de bakkerij

P2-K1-W1 Plant de productie

Omschrijving

Hij maakt een productieplanning.

Resultaat

De planning is klaar.

Gedrag

- plant vooruit.

P3 Meester Bakker

P3-K1 Bestuurt de bakkerij

P3-K1-W1 Maakt een begroting

Omschrijving

Hij begroot.

Resultaat

De begroting is klaar.

Gedrag

- rekent.
"""

V2, V3 = "Voor Allround Bakker geldt aanvullend:", "Voor Meester Bakker geldt aanvullend:"
PAGE = "\n\nB1-K1-W1: Bereidt deeg voor\n\n"
C2 = "De onderliggende competenties zijn: Analyseren"
C3 = "De onderliggende competenties zijn: Plannen en organiseren, Kwaliteit leveren"
OMSCHRIJVING_SHAPES = {
    "paragraphs": f"{V2}\nHij berekent het budget.\n\n{V3}\nHij plant de productie en\nbewaakt de kwaliteit.",
    "row": f"{V2} Hij berekent het budget.\t{V3} Hij plant de productie en bewaakt de kwaliteit.",
    "row cut mid-sentence": f"<p>{V2}</p> <p>Hij berekent</p>\t<p>{V3}</p> <p>Hij plant de productie en</p>\n"
                            f"---\t---\t--{PAGE}<p>het budget.</p>\t<p>bewaakt de kwaliteit.</p>",
    "empty headers, texts after the page": f"<p>{V2}</p>\t<p>{V3}</p>\t{PAGE}"
                                           "Hij berekent het budget.\tHij plant de productie en bewaakt de kwaliteit.\t",
    "empty headers, loose texts after the page": f"<p>{V2}</p>\t<p>{V3}</p>\t{PAGE}"
                                                 "Hij berekent het budget.\n\nHij plant de productie en bewaakt de "
                                                 "kwaliteit.",
    "cut mid-sentence, loose texts after the page": f"{V2} Hij berekent\t{V3} Hij plant de productie en{PAGE}"
                                                    "het budget.\n\nbewaakt de kwaliteit.",
    "last cell continued after the page": f"{V2} Hij berekent het budget.\t{V3} Hij plant de productie.{PAGE}"
                                          "Hij bewaakt de kwaliteit.",
}
GEDRAG_SHAPES = {
    "paragraphs": f"{V2}\n\n- rekent nauwkeurig.\n\n{C2}\n\n{V3}\n\n- plant vooruit;\n- controleert.\n\n{C3}",
    "html row": f'<p>{V2}</p> <ul style="list-style-type: none"> - rekent nauwkeurig. <p>{C2}</p>\t'
                f'<p>{V3}</p> <ul style="list-style-type: none"> - plant vooruit; - controleert. <p>{C3}</p>',
    "headerless competence row": f"{V2} - rekent nauwkeurig.\t{V3} - plant vooruit; - controleert.\n{C2}\t{C3}",
    "loose competences after the page": f"{V2} - rekent nauwkeurig.\t{V3} - plant vooruit; - controleert.\t"
                                        f"{PAGE}{C2}\n\n{C3}",
    "paragraphs continued by a row": f"{V2}\n\n- rekent nauwkeurig.\n\n{V3}\n\n- plant vooruit;{PAGE}"
                                     f"<p>{C2}</p>\t<p>- controleert.</p> <p>{C3}</p>",
    "bullet cut by the page": f"{V2}\n\n- rekent\n\n{V3}\n\n- plant vooruit;{PAGE}"
                              f"<p>nauwkeurig.</p> <p>{C2}</p>\t<p>- controleert.</p> <p>{C3}</p>",
}


@pytest.mark.parametrize("omschrijving", list(OMSCHRIJVING_SHAPES))
@pytest.mark.parametrize("gedrag", list(GEDRAG_SHAPES))
def test_table_shapes(omschrijving, gedrag):
    text = HEAD.format(omschrijving=OMSCHRIJVING_SHAPES[omschrijving], gedrag=GEDRAG_SHAPES[gedrag])
    d = kd_markdown.parse("bakkerij.txt", text)
    w = wp(d, "B1-K1-W1")
    assert (w.omschrijving, w.gedrag, w.competenties) == (
        "Hij weegt af en kneedt deeg.", ["werkt hygiënisch;", "weegt nauwkeurig af."],
        ["Vakdeskundigheid toepassen", "Kwaliteit leveren"])
    assert list(w.aanvullingen) == ["P2", "P3"]
    p2, p3 = w.aanvullingen["P2"], w.aanvullingen["P3"]
    assert (p2.omschrijving, p2.gedrag, p2.competenties) == (
        "Hij berekent het budget.", ["rekent nauwkeurig."], ["Analyseren"])
    assert (p3.omschrijving.replace("productie. Hij", "productie en"), p3.gedrag, p3.competenties) == (
        "Hij plant de productie en bewaakt de kwaliteit.", ["plant vooruit;", "controleert."],
        ["Plannen en organiseren", "Kwaliteit leveren"])
    assert (d.title, d.crebo, d.geldig_vanaf, d.domain, d.domain_crebo) == (
        "Bakkerij", "99999", "1-8-2021", "Voedsel", "77777")
    assert [(p.code, p.title, p.crebo, p.niveau, p.outline_only) for p in d.profielen] == [
        ("P1", "Bakker", "11111", 2, False), ("P2", "Allround Bakker", "11112", 3, False),
        ("P3", "Meester Bakker", "11113", 4, False)]


@pytest.mark.parametrize("name", ["P3", "P3 Meester Bakker", "Meester  Bakker", "Meester bakker"])
def test_addition_names_its_profile_by_code_or_title(name):
    shape = GEDRAG_SHAPES["paragraphs"].replace("Meester Bakker", name)
    d = kd_markdown.parse("bakkerij.txt", HEAD.format(omschrijving="", gedrag=shape))
    assert wp(d, "B1-K1-W1").aanvullingen["P3"].competenties == ["Plannen en organiseren", "Kwaliteit leveren"]


def test_continuation_without_open_additions_is_an_error():
    text = HEAD.format(omschrijving="Eerste cel.\tTweede cel.", gedrag="")
    with pytest.raises(DossierError, match="continues 2 additions"):
        kd_markdown.parse("bakkerij.txt", text)


def test_contradicting_levels_are_an_error():
    text = HEAD.format(omschrijving="", gedrag="").replace("Mbo-niveau\n\n2", "Mbo-niveau\n\n3")
    with pytest.raises(DossierError, match="niveau"):
        kd_markdown.parse("bakkerij.txt", text)
