"""Word-level OCR repair (knowledge.repair.ocr): every rule with words it must repair and words
it must leave alone."""
import pytest

from knowledge.repair.ocr import (
    is_junk_line,
    is_page_footer,
    join_lines,
    join_split_word,
    repair_codes,
    repair_text,
    repair_word,
    split_bullet,
    strip_junk_tail,
)

# A document context: words it uses twice count as known (domain words wordfreq lacks).
CONTEXT = (
    "De consulent commerciële arbeidsbemiddeling werkt. De consulent commerciële arbeidsbemiddeling. "
    "Zij is consulent commerciële arbeidsbemiddeling. "
    "De beginnend beroepsbeoefenaar werkt. De beginnend beroepsbeoefenaar leert. "
    "Als sprake is van beroepsspecifieke taal. "
)


@pytest.mark.parametrize(
    "word, expected",
    [
        ("commerciéle", "commerciële"),
        ("efficiént", "efficiënt"),
        ("efficiénte", "efficiënte"),
        ("financién", "financiën"),
        ("strategieén", "strategieën"),
        ("ideeén", "ideeën"),
        ("reéel", "reëel"),
        ("geévalueerd", "geëvalueerd"),
        ("oriénteren", "oriënteren"),
        ("initiéren", "initiëren"),
        ("Creéren", "Creëren"),
        ("enquéte", "enquête"),
        ("geinterpreteerd", "geïnterpreteerd"),
        ("geinterpreteerde", "geïnterpreteerde"),
        ("beinvloeden", "beïnvloeden"),
        ("Geintegreerde", "Geïntegreerde"),
        ("potentiele", "potentiële"),
        ("Coordineert", "Coördineert"),
        ("coérdineren", "coördineren"),
        ("intermediérende", "intermediërende"),  # unlisted compound: é after a vowel is ë
        ("communicatietheorieén", "communicatietheorieën"),
    ],
)
def test_diacritics_repaired(word, expected):
    assert repair_word(word) == expected


@pytest.mark.parametrize("word", ["café", "één", "Eén", "idee", "geinig", "José", "coupé", "naïef"])
def test_diacritics_left_alone(word):
    assert repair_word(word) == word


@pytest.mark.parametrize(
    "word, expected",
    [
        ("Coodrdineert", "Coördineert"),
        ("Codrdineert", "Coördineert"),
        ("codrdineren", "coördineren"),
        ("gecodérdineerd", "gecoördineerd"),
        ("codperatief", "coöperatief"),
        ("viot", "vlot"),
        ("beinvlioeden", "beïnvloeden"),
        ("beinvioeden", "beïnvloeden"),
        ("vOoor", "voor"),
        ("uigevoerd", "uitgevoerd"),
        ("abstractienivau", "abstractieniveau"),
        ("communicatieonderzoeksresulaten", "communicatieonderzoeksresultaten"),
    ],
)
def test_letter_confusions_repaired(word, expected):
    assert repair_word(word) == expected


def test_letter_confusion_with_document_vocabulary():
    assert repair_word("arbeidshemiddeling", CONTEXT) == "arbeidsbemiddeling"


@pytest.mark.parametrize(
    "word",
    [
        "flexonderneming", "flexondernemingen", "accountanalyses", "webcare", "arbeidsbemiddeling",
        "beroepsbeoefenaar", "customer", "journey", "aftersales", "omnichannel", "klantenwensen",
        "AVG", "PDCA", "LKV", "NEN", "SNA", "Waadi", "waga", "bewakende", "markonderzoek",
        "OnderwijsAdviesRaad", "vM", "UhWN", "staatrecht", "achtneming", "uiten", "relatiebeheersystemen",
    ],
)
def test_letter_confusions_left_alone(word):
    assert repair_word(word, CONTEXT) == word


@pytest.mark.parametrize(
    "word, expected",
    [
        ("Voerteen", "Voert een"),
        ("bijaan", "bij aan"),
        ("tekstenin", "teksten in"),
        ("gaatinteger", "gaat integer"),
        ("hetinterne", "het interne"),
        ("tactischeinput", "tactische input"),
        ("Voertdigitale", "Voert digitale"),
        ("Hierbijis", "Hierbij is"),
        ("eeninschatting", "een inschatting"),
        ("envormt", "en vormt"),
        ("eninterpreteren", "en interpreteren"),
        ("eninteresses", "en interesses"),
        ("ondernemingin", "onderneming in"),
        ("gegevensin", "gegevens in"),
        ("Degenerieke", "De generieke"),
    ],
)
def test_glued_words_split(word, expected):
    assert repair_word(word) == expected


@pytest.mark.parametrize(
    "word, expected",
    [
        ("Deberoepsspecifieke", "De beroepsspecifieke"),
        ("beroepsbeoefenaarin", "beroepsbeoefenaar in"),
        ("beroepsbeoefenaaris", "beroepsbeoefenaar is"),
        ("beroepsbeoefenaarinterpreteert", "beroepsbeoefenaar interpreteert"),
    ],
)
def test_glued_words_split_with_document_vocabulary(word, expected):
    assert repair_word(word, CONTEXT) == expected


@pytest.mark.parametrize(
    "word",
    [
        "flexonderneming", "klantenwensen", "accountanalyses", "doorontwikkeld", "aanverwante",
        "communicatieactiviteiten", "relatiebeheersystemen", "klantgedrag", "bewakende", "uitvoerende",
        "verkoopgesprekken", "wervingsproces", "staatrecht", "inzetbaarheid", "meedenken", "kennisbasis",
    ],
)
def test_compounds_not_split(word):
    assert repair_word(word, CONTEXT) == word


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Examen-en kwalificatiebesluit", "Examen- en kwalificatiebesluit"),
        ("marketing-en communicatie-activiteiten", "marketing- en communicatie-activiteiten"),
        ("moet o0.a. een accurate", "moet o.a. een accurate"),
        ("bewaakt (0.a. budgettair", "bewaakt (o.a. budgettair"),
        ("P6-K2-W?2 en P3-K2-w1", "P6-K2-W2 en P3-K2-W1"),
        ("assistent commu nicatiemedewerker kan", "assistent communicatiemedewerker kan"),
        ("Voert het accountmanagement uiten beheert relaties", "Voert het accountmanagement uit en beheert relaties"),
        ("zie https://kwalificatie-mijn.s-bb.nl en BWBR0027879 envormt", "zie https://kwalificatie-mijn.s-bb.nl en BWBR0027879 en vormt"),
    ],
)
def test_repair_text(text, expected):
    assert repair_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "De klanten uiten hun wensen.",  # "uiten" as a verb: no finite verb follows
        "e-mail en e-commerce",
        "Wet arbeidsvoorwaarden grensoverschrijdende arbeid (waga)",
        "De één of meer fasen, zoals AVG, PDCA en LKV.",
        "communicatie-activiteiten en (e-)logistiek",
    ],
)
def test_repair_text_leaves_alone(text):
    assert repair_text(text) == text


def test_repair_codes():
    assert repair_codes("P3-K2-w1 P6-K3-W?2 B1-K1") == "P3-K2-W1 P6-K3-W2 B1-K1"


@pytest.mark.parametrize("line", ["8van 25", "10van 25", "12van25", "25van 25", " 3 van 12 "])
def test_page_footer(line):
    assert is_page_footer(line)


@pytest.mark.parametrize("line", ["Nee", "4", "van 25 kandidaten", "8 vannacht", "P2-K1-W1"])
def test_not_page_footer(line):
    assert not is_page_footer(line)


@pytest.mark.parametrize("line", ["................................................ > Opleiding", ") o o )", "X| X X| X"])
def test_junk_line(line):
    assert is_junk_line(line)


@pytest.mark.parametrize("line", ["Nee", "e-commerce en data", "De beginnend beroepsbeoefenaar:", "Nr. 1"])
def test_not_junk_line(line):
    assert not is_junk_line(line)


def test_strip_junk_tail():
    assert strip_junk_tail("communicatie-activiteiten ) o o )") == "communicatie-activiteiten"
    assert strip_junk_tail("Voert webcare uit") == "Voert webcare uit"


@pytest.mark.parametrize(
    "line, expected",
    [
        ("] heeft kennis van (online) advies- en verkoopprocessen", "heeft kennis van (online) advies- en verkoopprocessen"),
        (". heeft kennis van bestellen en inkoop", "heeft kennis van bestellen en inkoop"),
        ("- gaat proactief op zoek", "gaat proactief op zoek"),
        ("-gebruikt informatiebronnen doelgericht", "gebruikt informatiebronnen doelgericht"),
        ("e Assistent communicatiemedewerker", "Assistent communicatiemedewerker"),
        ("¢ Beroepsniveauprofielen opgesteld", "Beroepsniveauprofielen opgesteld"),
        ("* rondleidingen, open dagen", "rondleidingen, open dagen"),
    ],
)
def test_split_bullet(line, expected):
    assert split_bullet(line) == (True, expected)


@pytest.mark.parametrize(
    "line, prev",
    [
        ("Basiskennis bedrijfskunde", None),
        ("e-mailnieuwsbrieven", None),
        ("................................................ > Opleiding", None),
        ("een extra voorbereiding", None),
        ("-instrumentarium als internet, e-mail, SMS e.d.", "Maakt ook gebruik van moderne communicatiemiddelen en"),
    ],
)
def test_not_a_bullet(line, prev):
    assert split_bullet(line, prev)[0] is False


@pytest.mark.parametrize(
    "lines, expected",
    [
        (["marketing- en communicatie-", "activiteiten zijn"], "marketing- en communicatie-activiteiten zijn"),
        (["met ondersteuning van (e-", ")logistiek, verschillende"], "met ondersteuning van (e-)logistiek, verschillende"),
        (["loopbaanmogelijkheden, bedrijfs-", "en cao-regelingen"], "loopbaanmogelijkheden, bedrijfs- en cao-regelingen"),
        (["verzorgt import-", "", "en/of exportprocessen"], "verzorgt import- en/of exportprocessen"),
        (["Het beroep van assistent commu", "", "nicatiemedewerker kan"], "Het beroep van assistent communicatiemedewerker kan"),
        (["Formuleren", "en rapporteren"], "Formuleren en rapporteren"),
    ],
)
def test_join_lines(lines, expected):
    assert join_lines(lines) == expected


def test_join_split_word():
    assert join_split_word("commu", "nicatiemedewerker") == "communicatiemedewerker"
    assert join_split_word("assistent", "communicatiemedewerker") is None
    assert join_split_word("de", "klant") is None
