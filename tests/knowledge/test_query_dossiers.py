"""The query API on the real dossiers: the questions students and advisers ask, answered exactly."""
import pytest

from knowledge.build import build
from knowledge.query import Ambiguous, Fact, KnowledgeBase, NotFound, NotStated, WerkprocesView


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('kb') / 'kb.sqlite3'}"
    build(url)
    return KnowledgeBase(url)


@pytest.mark.parametrize("name, key", [
    ("Marketing & Communication Specialist", "Business Services/P6"),
    ("marketing en comunicatie specialist", "Business Services/P6"),        # typo, 'en' for '&'
    ("busines administration specialist", "Business Services/P4"),          # typo, words left out
    ("office managment", "Business Services/P3"),
    ("legal specialist", "Business Services/P5"),
    ("specialist communication marketing", "Business Services/P6"),         # word order
    ("assistant business services", "Business Services/P1"),                # P1's full name, part of P2's
    ("allround assistant business services", "Business Services/P2"),
    ("consulent commerciele arbeidsbemiddeling", "Commercie/P2"),
    ("assistent communicatiemedewerker", "Assistent communicatiemedewerker"),
    ("business services", "Business Services"),
    ("commercie", "Commercie"),
    ("25727", "Business Services/P6"),                                     # crebo
    ("officemanagement support specialist", "Business Services/P3"),        # two words of the name as one
    ("business admin specialist", "Business Services/P4"),                  # a word shortened
])
def test_find(kb, name, key):
    assert [k.key for k in kb.find(name)] == [key]


@pytest.mark.parametrize("name", ["kapper", "piloot", "verpleegkundige"])
def test_unknown_names_find_nothing(kb, name):
    assert kb.find(name) == []


def test_mentions_two_names_for_a_comparison(kb):
    text = "Wat is het verschil tussen de Legal, Insurance & HR Services Specialist en de marketing specialist?"
    assert [m.item.key for m in kb.mentions(text)] == ["Business Services/P5", "Business Services/P6"]


@pytest.mark.parametrize("text, keys", [
    # a name that leaves out the tail it shares with the next ("de junior en de senior medewerker X")
    ("wat scheidt de assistant en de allround assistant business services?",
     ["Business Services/P1", "Business Services/P2"]),
    ("de legal en de marketing specialist naast elkaar", ["Business Services/P5", "Business Services/P6"]),
    # the word the text has twice belongs to the name whose other words stand beside it
    ("assistant business services of allround assistant business services",
     ["Business Services/P1", "Business Services/P2"]),
    # no coordination: a shortened name stays one name
    ("de allround assistant business services en zijn werkprocessen", ["Business Services/P2"]),
])
def test_mentions_of_coordinated_names(kb, text, keys):
    assert [m.item.key for m in kb.mentions(text)] == keys


@pytest.mark.parametrize("text, key", [
    ("wat doet een legal specialist zoal?", "Business Services/P5"),      # a particle beside a name is no rival
    ("hoe zit de marketing specialist volgens jou in elkaar?", "Business Services/P6"),
    ("welk crebo heeft de office manager?", "Business Services/P3"),       # a word of the name's family
])
def test_a_word_that_names_nothing_beside_a_name_leaves_it_named(kb, text, key):
    assert [(m.item.key, m.rival) for m in kb.mentions(text)] == [(key, None)]


def test_a_name_ruled_out_is_no_subject(kb):
    from knowledge.linking import link

    text = "welk crebo heeft de marketing specialist, dus niet de legal specialist?"
    assert [(e["entity"], e["value"]) for e in link(kb, text)] == [("kwalificatie", "Business Services/P6")]
    assert [m.negated for m in kb.mentions(text)] == [False, True]


def test_kwalificaties_lists_every_named_qualification_in_order(kb):
    assert [k.title for k in kb.kwalificaties()] == [
        "Assistant Business Services", "Allround Assistant Business Services",
        "Office & Management Support Specialist", "Business Administration & Control Specialist",
        "Legal, Insurance & HR Services Specialist", "Marketing & Communication Specialist",
        "Consulent commerciële arbeidsbemiddeling", "Assistent communicatiemedewerker"]


def test_short_code_within_a_profile_is_explicitly_ambiguous(kb):
    result = kb.werkproces("W3", kb.find("Marketing & Communication Specialist")[0])
    assert isinstance(result, Ambiguous)
    assert [(v.werkproces.code, v.werkproces.title) for v in result.candidates] == [
        ("B1-K1-W3", "Verwerkt gegevens"), ("P6-K1-W3", "Voert marktonderzoeken uit")]


def test_number_within_a_profile(kb):
    result = kb.werkproces("4", kb.find("Business Administration & Control Specialist")[0])
    assert [v.werkproces.code for v in result.candidates] == ["B1-K1-W4", "P4-K1-W4"]


@pytest.mark.parametrize("code, name, expected", [
    ("P3-K1-W1", "business services", "Levert managementinformatie"),
    ("B1-K1-W1", "commercie", "Brengt de marktpositie van de onderneming in kaart"),
    ("P2-K2-W2", "consulent commerciele arbeidsbemiddeling", "Promoot en profileert de flexonderneming"),
    ("W5", "legal specialist", None),                       # P5 has W1..W3 and the basisdeel W1..W4
])
def test_full_codes_within_a_dossier(kb, code, name, expected):
    result = kb.werkproces(code, kb.find(name)[0])
    if expected is None:
        assert isinstance(result, NotFound) and result.known[-1] == "P5-K1-W3"
    else:
        assert isinstance(result, WerkprocesView) and result.werkproces.title == expected


def test_same_full_code_in_two_dossiers_is_ambiguous(kb):
    result = kb.werkproces("B1-K1-W1")
    assert [v.dossier.title for v in result.candidates] == ["Business Services", "Commercie"]


@pytest.mark.parametrize("profiel, wanted, unwanted", [
    ("Marketing & Communication Specialist", "berekent het benodigde budget", "presenteert deze aan het team"),
    ("Legal, Insurance & HR Services Specialist", "presenteert deze aan het team/afdeling", "budget"),
])
def test_per_profile_view_has_that_profiles_addition_only(kb, profiel, wanted, unwanted):
    view = kb.werkproces("B1-K1-W4", kb.find(profiel)[0])
    assert view.werkproces.omschrijving.startswith("De beginnend beroepsbeoefenaar werkt (online en offline)")
    assert wanted in view.aanvulling.omschrijving and unwanted not in view.aanvulling.omschrijving


def test_profile_without_addition_gets_none(kb):
    view = kb.werkproces("B1-K1-W1", kb.find("Assistant Business Services")[0])
    assert view.aanvulling is None


def test_kerntaak_details(kb):
    view = kb.kerntaak("P5-K1", kb.find("legal specialist")[0])
    assert "wetten en procedures" in view.kerntaak.complexiteit
    assert view.kerntaak.verantwoordelijkheid.startswith("Bij de werkzaamheden werkt de beginnend")
    assert [v.groep for v in view.kerntaak.vakkennis][:3] == ["Communicatie", "HR", "HR"]


def test_bcp_kerntaak_by_number(kb):
    view = kb.kerntaak("5", kb.find("assistent communicatiemedewerker")[0])
    assert (view.kerntaak.code, view.kerntaak.title) == ("K5", "Beheert informatie en data")


@pytest.mark.parametrize("name, field, value", [
    ("Marketing & Communication Specialist", "niveau", 4),
    ("Marketing & Communication Specialist", "crebo", "25727"),
    ("allround assistant business services", "niveau", 3),
    ("business services", "domein", "Economie en administratie"),
    ("business services", "penvoerder", "Sectorkamer zakelijke dienstverlening en veiligheid"),
    ("consulent commerciele arbeidsbemiddeling", "niveau", 4),
    ("assistent communicatiemedewerker", "ontwikkeld_door", "ECABO, afdeling Ontwikkeling en Innovatie"),
    # not in the text: said so, never guessed
    ("consulent commerciele arbeidsbemiddeling", "crebo", None),
    ("commercie", "crebo", None),
    ("assistent communicatiemedewerker", "crebo", None),
    ("assistent communicatiemedewerker", "niveau", None),
    ("business services", "geldig_vanaf", None),
])
def test_facts(kb, name, field, value):
    result = kb.fact(kb.find(name)[0], field)
    if value is None:
        assert isinstance(result, NotStated)
    else:
        assert isinstance(result, Fact) and result.value == value


def test_lists(kb):
    p3 = kb.find("Office & Management Support Specialist")[0]
    assert [wp.code for _, wp in kb.werkprocessen(p3)] == [
        "B1-K1-W1", "B1-K1-W2", "B1-K1-W3", "B1-K1-W4", "P3-K1-W1", "P3-K1-W2", "P3-K1-W3", "P3-K1-W4"]
    commercie = kb.find("commercie")[0]
    assert [wp.title for _, wp in kb.werkprocessen(commercie, "B1-K1")] == [
        "Brengt de marktpositie van de onderneming in kaart", "Analyseert de customer journey",
        "Vertaalt trends en ontwikkelingen naar commerciële kansen",
        "Brengt het commerciële aanbod van de onderneming in kaart",
        "Doet verbetervoorstellen voor verkoop, marketing en/of marktbewerking"]


def test_compare(kb):
    c = kb.compare(kb.find("office managment")[0], kb.find("allround assistant business services")[0])
    assert c.niveau == (4, 3)
    assert [kt.code for kt in c.shared] == ["B1-K1"]
    assert ([kt.code for kt in c.only_a], [kt.code for kt in c.only_b]) == (["P3-K1"], ["P2-K1"])


@pytest.mark.parametrize("query, code", [
    ("belastingaangifte", "P4-K1-W4"),
    ("customer journey analyseren", "B1-K1-W2"),
    ("interne bijeenkomsten organiseren", "P3-K1-W4"),
    ("telefoongesprekken voeren", "competentie 17"),
])
def test_search_ranks_the_right_passage_first(kb, query, code):
    hit = kb.search(query)[0]
    assert hit.passage.code == code and hit.passage.line_start


def test_competences_by_group(kb):
    bcp = kb.find("assistent communicatiemedewerker")[0]
    assert [c.nr for c in kb.competenties(bcp, "SC")] == [15, 16, 17, 18, 19, 20]
    assert kb.competentie(bcp, 9).title == "Formuleren, redigeren, vormgeven van teksten"
