"""Parser of the OCR'd kwalificatiedossier extract (kd-ocr-extract), on the Commercie extract."""
import re
from pathlib import Path

import pytest

from knowledge.model import KWALIFICATIEDOSSIER, DossierError
from knowledge.parsers import kd_ocr_extract

SOURCE = "commercie-consulent-commerciele-arbeidsbemiddeling.txt"
TEXT = (Path(__file__).resolve().parents[2] / "knowledge" / "sources" / SOURCE).read_text(encoding="utf-8")
LINES = TEXT.split("\n")


@pytest.fixture(scope="module")
def dossier():
    return kd_ocr_extract.parse(SOURCE, TEXT)


def _kt(dossier, code):
    return next(kt for kt in dossier.all_kerntaken() if kt.code == code)


def _wp(dossier, code):
    return next(wp for wp in dossier.all_werkprocessen() if wp.code == code)


def _profiel(dossier, code):
    return next(p for p in dossier.profielen if p.code == code)


def test_dossier_metadata(dossier):
    assert dossier.title is None  # supplied by the manifest
    assert dossier.kind == KWALIFICATIEDOSSIER
    assert dossier.crebo is None and dossier.domain is None
    assert dossier.source == SOURCE


OVERVIEW = {
    "B1-K1": ("Onderzoekt de customer journey", [
        "Brengt de marktpositie van de onderneming in kaart",
        "Analyseert de customer journey",
        "Vertaalt trends en ontwikkelingen naar commerciële kansen",
        "Brengt het commerciële aanbod van de onderneming in kaart",
        "Doet verbetervoorstellen voor verkoop, marketing en/of marktbewerking",
    ]),
    "B1-K2": ("Verzorgt marketing- en communicatie-activiteiten", [
        "Inventariseert wensen en behoeften",
        "Voert marketing- en communicatie-activiteiten uit",
        "Voert webcare uit",
    ]),
    "P1-K1": ("Voert een commercieel traject uit", [
        "Bereidt een commercieel traject voor",
        "Acquireert klanten en/of opdrachten",
        "Presenteert en profileert het commerciële aanbod van de onderneming",
        "Voert een verkoopgesprek",
        "Doet klanten een commercieel aanbod",
        "Verzorgt het interne ordertraject",
        "Voert aftersales uit",
    ]),
    "P2-K1": ("Werft, matcht en begeleidt kandidaten", [
        "Werft kandidaten",
        "Matcht kandidaten en vacatures",
        "Begeleidt kandidaten in een sollicitatieprocedure",
        "Informeert en adviseert flexwerkers en opdrachtgevers",
        "Verricht administratieve werkzaamheden",
    ]),
    "P2-K2": ("Verricht commerciële, netwerk- en acquisitieactiviteiten", [
        "Voert accountanalyses uit",
        "Promoot en profileert de flexonderneming",
        "Verwerft nieuwe opdrachten en opdrachtgevers",
        "Voert aftersales uit",
    ]),
    "P3-K1": ("Evalueert data en doet verbetervoorstellen voor de digitale customer journey", [
        "Test en monitort online kanalen",
        "Verzamelt commerciële data en geeft er betekenis aan",
        "Adviseert over het verhogen van de conversie",
        "Geeft vorm aan inhoudelijke verbetervoorstellen voor online kanalen",
        "Participeert in netwerken",
    ]),
    "P3-K2": ("Voert digitale operationele activiteiten uit", [
        "Plant en bewaakt uit te voeren digitale werkzaamheden",
        "Ontwikkelt online content",
        "Plaatst en beheert content",
        "Evalueert webcare-activiteiten en doet verbetervoorstellen",
    ]),
    "P4-K1": ("Voert het accountmanagement uit en beheert relaties", [
        "Voert accountanalyses uit",
        "Stelt een accountplan op",  # its code is garbled ("B KL W2"): inferred from the sequence
        "Coördineert het uitvoeren van een accountplan",
        "Evalueert een accountplan",
        "Bouwt en onderhoudt een relatienetwerk",
    ]),
    "P4-K2": ("Voert een commercieel traject uit", [
        "Bereidt een commercieel traject voor",
        "Acquireert klanten en/of opdrachten",
        "Voert een verkoopgesprek",
        "Doet klanten een commercieel aanbod",
        "Verzorgt het interne ordertraject",
        "Voert aftersales uit",
    ]),
    "P5-K1": ("Geeft tactische input voor het vestigingsbeleid", [
        "Vertaalt trends en ontwikkelingen naar groeimogelijkheden voor de vestiging",
        "Levert input voor een vestigingsplan",
        "Bewaakt een omzet- en kostenplan",
        "Presenteert en profileert de vestiging in netwerken",
    ]),
    "P5-K2": ("Coördineert operationele processen en werkzaamheden", [
        "Draagt bij aan het evalueren van het uitgevoerde vestigingsbeleid",
        "Informeert collega's over trends, bedrijfsvoering en visie",
        "Adviseert over de personeelsbehoefte",
        "Plant en verdeelt de werkzaamheden",
        "Coördineert de goederenstroom",
        "Coacht en ondersteunt collega's bij werkzaamheden",
    ]),
    "P5-K3": ("Voert een commercieel traject uit", [
        "Bereidt een commercieel traject voor",
        "Acquireert klanten en/of opdrachten",
        "Voert een verkoopgesprek",
        "Doet klanten een commercieel aanbod",
        "Verzorgt het interne ordertraject",
        "Bereidt de inkoop voor",
        "Voert aftersales uit",
    ]),
    "P6-K1": ("Verzorgt en optimaliseert import- en/of exportprocessen", [
        "Brengt import- en/of exportmarkten in kaart",
        "Maakt een import- en/of exportplan",
        "Ondersteunt import- en/of exportprocessen",
        "Managet import- en/of exportdocumenten",
        "Managet orders en de verzending van goederen",
        "Ontwikkelt verbetervoorstellen voor import- en/of exportprocessen",
    ]),
    # The overview lists the titles in this order: W2 is "Voert accountanalyses uit".
    "P6-K2": ("Beheert relaties en draagt bij aan het uitvoeren van accountplannen", [
        "Bouwt en onderhoudt een internationaal relatienetwerk",
        "Voert accountanalyses uit",
        "Bewaakt de voortgang van een accountplan",
        "Doet verbetervoorstellen voor een accountplan",
    ]),
    "P6-K3": ("Voert een commercieel traject uit", [
        "Bereidt een commercieel traject voor",
        "Acquireert klanten en/of opdrachten",
        "Voert een verkoopgesprek",
        "Doet klanten een commercieel aanbod",
        "Verzorgt het interne ordertraject",
        "Voert aftersales uit",
    ]),
}


def test_all_kerntaken_in_order(dossier):
    assert [kt.code for kt in dossier.all_kerntaken()] == list(OVERVIEW)


@pytest.mark.parametrize("code", list(OVERVIEW))
def test_overview_codes_and_titles(dossier, code):
    title, wps = OVERVIEW[code]
    kt = _kt(dossier, code)
    assert kt.title == title
    assert [(wp.code, wp.title) for wp in kt.werkprocessen] == [(f"{code}-W{n}", t) for n, t in enumerate(wps, 1)]


@pytest.mark.parametrize(
    "code, title",
    [
        ("P4-K1-W2", "Stelt een accountplan op"),
        ("P6-K2-W3", "Bewaakt de voortgang van een accountplan"),
        ("P5-K2-W5", "Coördineert de goederenstroom"),
        ("P2-K2-W2", "Promoot en profileert de flexonderneming"),
        ("P2-K1-W5", "Verricht administratieve werkzaamheden"),
        ("P6-K2-W2", "Voert accountanalyses uit"),
        ("P6-K3-W2", "Acquireert klanten en/of opdrachten"),
    ],
)
def test_selected_titles(dossier, code, title):
    assert _wp(dossier, code).title == title


def test_profiles(dossier):
    assert [p.code for p in dossier.profielen] == ["P1", "P2", "P3", "P4", "P5", "P6"]
    p2 = _profiel(dossier, "P2")
    assert p2.title == "Consulent commerciële arbeidsbemiddeling"
    assert p2.niveau == 4
    assert p2.beroepsvereisten == "Nee"
    assert p2.typering_kwalificatie == "middenkaderopleiding"
    assert p2.crebo is None
    assert not p2.outline_only
    assert p2.typering_beroep.startswith("Een consulent commerciële arbeidsbemiddeling werkt (meestal) bij een (hybride) flexonderneming")
    assert "\nDoor het toenemende aantal buitenlandse flexwerkers" in p2.typering_beroep
    assert [kt.code for kt in p2.kerntaken] == ["P2-K1", "P2-K2"]
    assert any("P1" in u and "P2" in u for u in dossier.unreadable)


@pytest.mark.parametrize("code", ["P1", "P3", "P4", "P5", "P6"])
def test_outline_profiles(dossier, code):
    p = _profiel(dossier, code)
    assert p.title is None and p.outline_only and p.niveau is None
    assert p.kerntaken and all(kt.outline_only for kt in p.kerntaken)
    for kt in p.kerntaken:
        assert kt.complexiteit is None and not kt.vakkennis
        assert kt.werkprocessen and all(wp.outline_only and wp.omschrijving is None for wp in kt.werkprocessen)


def test_p2_werkproces_w5_full(dossier):
    wp = _wp(dossier, "P2-K1-W5")
    assert not wp.outline_only
    assert wp.omschrijving.startswith(
        "De consulent commerciële arbeidsbemiddeling beheert en administreert de dossiers van kandidaten, flexwerkers en opdrachtgevers"
    )
    assert wp.omschrijving.endswith("Gegevens om behaalde resultaten en rendement te kunnen meten worden bijgehouden.")
    assert wp.resultaat == (
        "Complete en actuele dossiers en een correcte registratie van alle relevante gegevens binnen "
        "(wettelijk) gestelde termijnen."
    )
    assert wp.gedrag == [
        "initieert zelfstandig administratieve werkzaamheden",
        "werkt zorgvuldig en houdt zich nauwkeurig aan voorgeschreven procedures en (wettelijke) verplichtingen",
        "rapporteert tijdig over dreigende termijnoverschrijdingen",
        "onderneemt proactief initiatieven en acties",
    ]
    assert wp.competenties == [
        "Beslissen en activiteiten initiëren", "Formuleren en rapporteren", "Instructies en procedures opvolgen",
        "Bedrijfsmatig handelen", "Vakdeskundigheid toepassen",
    ]
    assert wp.origins["omschrijving"].line_start == 1190 and wp.origins["omschrijving"].line_end == 1196
    assert wp.origins["omschrijving"].section == "P2-K1-W5 omschrijving"


def test_p2_first_werkproces_aligned(dossier):
    wp = _wp(dossier, "P2-K1-W1")
    assert wp.omschrijving.startswith("De consulent commerciële arbeidsbemiddeling werft en zoekt actief naar potentiële kandidaten.")
    assert wp.omschrijving.endswith("competenties en interesses van de kandidaat in relatie tot een specifieke vacature of functie.")
    assert "gaat integer" not in " ".join(wp.gedrag)
    assert wp.gedrag[0] == "zoekt proactief naar de juiste matches van kandidaten en vacatures"


def test_p2_kerntaken_sections(dossier):
    k1, k2 = _kt(dossier, "P2-K1"), _kt(dossier, "P2-K2")
    assert k1.complexiteit.startswith("De consulent commerciële arbeidsbemiddeling heeft bij het verbinden van vraag naar en aanbod van werk")
    assert "potentiële flexwerker" in k1.complexiteit
    assert k1.verantwoordelijkheid.startswith("De consulent commerciële arbeidsbemiddeling heeft een uitvoerende, intermediërende, initiërende en bewakende rol.")
    assert "de (potentiële) kandidaat en de onderneming is" in k1.verantwoordelijkheid
    assert "arbeidsbemiddeling vakkennis van commercie" in k2.complexiteit
    assert k1.vakkennis[0].groep == "Beroepsgericht rekenen"
    assert k1.vakkennis[0].tekst == "heeft specialistische kennis van loon- en tariefberekeningen en van kostprijzen"
    waga = [v for v in k1.vakkennis if "Waadi" in v.tekst]
    assert len(waga) == 1 and waga[0].groep == "Wet- en regelgeving"
    assert waga[0].tekst.endswith("Wet arbeidsvoorwaarden grensoverschrijdende arbeid (waga)")
    assert "kan teksten in het Engels lezen en begrijpen" in [v.tekst for v in k1.vakkennis]
    assert _wp(dossier, "P2-K2-W4").competenties[-1] == "Instructies en procedures opvolgen"


def test_basisdeel(dossier):
    assert [kt.code for kt in dossier.kerntaken] == ["B1-K1", "B1-K2"]
    k1 = dossier.kerntaken[0]
    assert not k1.outline_only
    assert k1.complexiteit.startswith("De beginnend beroepsbeoefenaar moet voor het werk zowel van customer journey(s)")
    assert k1.verantwoordelijkheid.startswith("De beginnend beroepsbeoefenaar in het commerciële werkveld heeft een onderzoekende")
    assert k1.vakkennis[0].tekst == "heeft kennis van (online) advies- en verkoopprocessen"
    assert k1.vakkennis[0].groep == "Basiskennis bedrijfskunde"
    assert {v.groep for v in k1.vakkennis} >= {"Customer journey", "Professionele ontwikkeling", "Wet- en regelgeving"}
    assert len(k1.vakkennis) == 36
    assert "kan klantgedrag inschatten" in [v.tekst for v in k1.vakkennis]  # after a page header
    k2 = dossier.kerntaken[1]
    engels = [v.tekst for v in k2.vakkennis if v.groep == "Beroepsspecifiek Engels"]
    assert engels == [
        "kan een eenvoudige presentatie in het Engels geven", "kan gesproken informatie in het Engels begrijpen",
        "kan teksten in het Engels lezen en begrijpen", "kan gesprekken in het Engels voeren",
        "kan eenvoudige teksten in het Engels schrijven",
    ]
    assert [v.groep for v in k2.vakkennis if v.tekst == "heeft kennis van communicatiekanalen"] == ["(e-)Marketing en communicatie"]
    assert k1.origins["title"].line_start == 332


def test_basisdeel_werkprocessen(dossier):
    w1 = _wp(dossier, "B1-K1-W1")
    assert w1.resultaat == (
        "Relevante informatie over de marktpositie van de onderneming is verzameld, geïnterpreteerd en gedeeld. "
        "Collega's en een leidinggevende zijn op de hoogte gebracht."
    )
    assert w1.gedrag[0] == "gaat proactief op zoek naar relevante informatie"
    assert w1.gedrag[1] == "gebruikt informatiebronnen doelgericht en efficiënt"
    assert len(w1.gedrag) == 6
    assert w1.competenties == [
        "Samenwerken en overleggen", "Formuleren en rapporteren", "Vakdeskundigheid toepassen", "Onderzoeken",
        "Beslissen en activiteiten initiëren",
    ]
    w2 = _wp(dossier, "B1-K2-W2")
    assert "De beginnend beroepsbeoefenaar stemt de voorstellen af met de betrokkenen" in w2.omschrijving
    assert "B1-K2-W2" not in w2.omschrijving
    w3 = _wp(dossier, "B1-K2-W3")
    assert "Formuleren en rapporteren" in w3.competenties and "Analyseren" in w3.competenties
    assert "Op de behoeften en verwachtingen van de \"klant\" richten" in w3.competenties
    assert w3.gedrag[-1] == "let met focus op het positief beïnvloeden van klanttevredenheid en zakelijke relaties met betrokkenen"
    assert "De beginnend beroepsbeoefenaar" not in " ".join(w3.gedrag)
    assert w3.omschrijving.count("een inschatting") == 1
    assert _wp(dossier, "B1-K1-W2").gedrag[3] == "gaat integer met vertrouwelijke informatie om"
    assert _wp(dossier, "B1-K1-W3").omschrijving.startswith("De beginnend beroepsbeoefenaar interpreteert trends")


def test_sections(dossier):
    keys = [s.key for s in dossier.sections]
    for key in [
        "beroepengroep/context", "beroepengroep/typerende-beroepshouding", "beroepengroep/resultaat",
        "generiek/nederlandse-taal", "generiek/rekenen", "generiek/loopbaan-en-burgerschap", "generiek/engels",
    ]:
        assert key in keys
    by_key = {s.key: s for s in dossier.sections}
    assert by_key["beroepengroep/resultaat"].text == (
        "Gewenste commerciële doelen zijn bereikt met een goed evenwicht tussen ondernemingsbelang en klantbelang."
    )
    context = by_key["beroepengroep/context"].text
    assert "(e-)marketing, (e-)ICT en (e-)logistiek" in context
    assert "Het analyseren en interpreteren van een customer journey" in context
    assert by_key["generiek/nederlandse-taal"].text.endswith(
        "https://wetten.overheid.nl/BWBR0027879 en vormt integraal onderdeel van het kwalificatiedossier."
    )
    assert "Examen- en kwalificatiebesluit" in by_key["generiek/loopbaan-en-burgerschap"].text
    assert by_key["generiek/engels"].title == "Engels (alleen voor niveau 4)"
    assert by_key["beroepengroep/context"].origin.line_start == 279


def _texts(dossier):
    for s in dossier.sections:
        yield s.key, s.text
        yield s.key, s.title
    for kt in dossier.all_kerntaken():
        for name in ("title", "complexiteit", "verantwoordelijkheid"):
            yield kt.code, getattr(kt, name)
        for v in kt.vakkennis:
            yield kt.code, v.tekst
            yield kt.code, v.groep
        for wp in kt.werkprocessen:
            for name in ("title", "omschrijving", "resultaat"):
                yield wp.code, getattr(wp, name)
            yield from ((wp.code, g) for g in wp.gedrag)
            yield from ((wp.code, c) for c in wp.competenties)
    for p in dossier.profielen:
        yield p.code, p.title
        yield p.code, p.typering_beroep


GLUED = [
    "Voerteen", "bijaan", "tekstenin", "gaatinteger", "hetinterne", "tactischeinput", "Voertdigitale",
    "Deberoepsspecifieke", "Degenerieke", "Hierbijis", "eeninschatting", "envormt", "eninterpreteren", "eninteresses",
    "ondernemingin", "gegevensin", "beroepsbeoefenaarin", "beroepsbeoefenaaris", "beroepsbeoefenaarinterpreteert",
    "Examen-en", "marketing-en", "uiten", "arbeidshemiddeling", "viot", "beinvl", "beinvi", "Coodr", "Codr", "Coordin",
    "geinterpr", "geinform", "potentiele",
]


def test_no_ocr_residue(dossier):
    problems = []
    for where, text in _texts(dossier):
        if not text:
            continue
        for pattern in (r"[^\W\d_][éè][^\W\d_]", r"W\?", r"\d+\s*van\s*\d+", r"(?m)^\s*[\]\.\-]", r"(?m)^\s*[BP]\d+-K\d+(-W\d+)?:"):
            for m in re.finditer(pattern, text):
                if m.group(0) in ("één", "eén"):
                    continue
                problems.append((where, pattern, text[max(0, m.start() - 20):m.end() + 20]))
        for word in GLUED:
            if re.search(rf"\b{re.escape(word)}", text):
                problems.append((where, word, text[:60]))
        if "  " in text or text != text.strip():
            problems.append((where, "whitespace", text[:60]))
    assert problems == []


def test_no_intro_in_gedrag(dossier):
    for wp in dossier.all_werkprocessen():
        for g in wp.gedrag:
            assert not g.startswith("De ") and not g.endswith(":")


def test_every_field_has_origin(dossier):
    for kt in dossier.all_kerntaken():
        assert "title" in kt.origins
        for name in ("complexiteit", "verantwoordelijkheid"):
            if getattr(kt, name):
                assert name in kt.origins
        if kt.vakkennis:
            assert "vakkennis" in kt.origins
        for wp in kt.werkprocessen:
            assert "title" in wp.origins
            for name in ("omschrijving", "resultaat", "gedrag", "competenties"):
                if getattr(wp, name):
                    o = wp.origins[name]
                    assert o.source == SOURCE and 1 <= o.line_start <= o.line_end <= len(LINES)
    for s in dossier.sections:
        assert s.origin is not None and s.origin.source == SOURCE
    p2 = _profiel(dossier, "P2")
    for name in ("title", "niveau", "beroepsvereisten", "typering_kwalificatie", "typering_beroep"):
        assert name in p2.origins
    assert LINES[p2.origins["niveau"].line_start - 1].strip() == "4"


def test_origins_point_at_the_text(dossier):
    wp = _wp(dossier, "P2-K2-W2")
    o = wp.origins["omschrijving"]
    assert LINES[o.line_start - 1].startswith("De consulent commerciéle arbeidsbemiddeling stelt, eventueel")
    o = _wp(dossier, "P4-K1-W2").origins["title"]
    assert LINES[o.line_start - 1].strip() == "Stelt een accountplan op"


# ---------------------------------------------------------------------------------------------
# Unreadable input


def _index(pred, start=0):
    return next(i for i in range(start, len(LINES)) if pred(LINES[i].strip()))


def test_empty():
    with pytest.raises(DossierError, match="empty"):
        kd_ocr_extract.parse(SOURCE, "")
    with pytest.raises(DossierError):
        kd_ocr_extract.parse(SOURCE, "   \n\n")


def test_no_overview():
    with pytest.raises(DossierError, match="Overzicht"):
        kd_ocr_extract.parse(SOURCE, "Leeswijzer\n\nHet kwalificatiedossier ...\n")


def test_truncated_before_profile_part():
    cut = _index(lambda s: s == "Profieldeel", _index(lambda s: s == "2. Generieke onderdelen"))
    with pytest.raises(DossierError, match=r"the profile part \('Profieldeel'\) is missing"):
        kd_ocr_extract.parse(SOURCE, "\n".join(LINES[:cut]))


def test_profile_part_block_count_mismatch():
    # Drop the last werkproces block of the profile part (from its last "Omschrijving" on).
    start = _index(lambda s: s == "Profieldeel", _index(lambda s: s == "2. Generieke onderdelen"))
    last = max(i for i in range(start, len(LINES)) if LINES[i].strip() == "Omschrijving")
    with pytest.raises(DossierError, match=r"the profile part \(line \d+\): 2 kerntaken with \[5, 3\] werkprocessen fit no profile"):
        kd_ocr_extract.parse(SOURCE, "\n".join(LINES[:last]))


def test_overview_title_count_mismatch():
    # Remove one detached title: the overview can no longer give every werkproces a title.
    i = _index(lambda s: s == "Participeert in netwerken")
    with pytest.raises(DossierError, match=r"the overview \(line \d+\) gives no title for"):
        kd_ocr_extract.parse(SOURCE, "\n".join(LINES[:i] + LINES[i + 1:]))


def test_another_extract_with_matching_row():
    """Same format, the row labelled correctly: no note about the profile code."""
    i = _index(lambda s: s.startswith("P1 Consulent"))
    text = "\n".join(LINES[:i] + [LINES[i].replace("P1 Consulent", "P2 Consulent")] + LINES[i + 1:])
    d = kd_ocr_extract.parse(SOURCE, text)
    assert _profiel(d, "P2").niveau == 4 and not d.unreadable
