"""The query API on a small made-up dossier: names, codes, per-profile views, facts, lists, search."""
import pytest

from knowledge.build import write
from knowledge.query import Ambiguous, Fact, KnowledgeBase, NotFound, NotStated, WerkprocesView
from tests.knowledge.sample import bakkerij, profiel_2004


@pytest.fixture
def kb(sqlite_url):
    write(sqlite_url, [bakkerij(), profiel_2004()])
    return KnowledgeBase(sqlite_url)


@pytest.mark.parametrize("name, keys", [
    ("Allround Bakker", ["Bakkerij/P2"]),
    ("allround baker", ["Bakkerij/P2"]),           # typo
    ("bakker allround", ["Bakkerij/P2"]),          # word order
    ("Bakker", ["Bakkerij/P1"]),                   # exact beats "Allround Bakker"
    ("hulpbakker", ["Assistent bakker"]),          # a function title of the 2004 profile
    ("bakkerij", ["Bakkerij"]),                    # the dossier itself
    ("11111", ["Bakkerij/P1"]),                    # crebo
    ("kapper", []),
])
def test_find_by_name(kb, name, keys):
    assert [k.key for k in kb.find(name)] == keys


def test_mentions_in_a_sentence(kb):
    assert [m.item.key for m in kb.mentions("wat doet een allround bakker bij w1?")] == ["Bakkerij/P2"]


def test_kwalificaties_in_dossier_order(kb):
    assert [k.key for k in kb.kwalificaties()] == ["Bakkerij/P1", "Bakkerij/P2", "Assistent bakker"]


def test_full_code(kb):
    view = kb.werkproces("p2-k1-w2")
    assert isinstance(view, WerkprocesView)
    assert (view.werkproces.title, view.profiel.code) == ("Beheert de voorraad", "P2")


def test_short_code_within_a_profile_is_ambiguous_between_basisdeel_and_profile(kb):
    result = kb.werkproces("W1", kb.find("Allround Bakker")[0])
    assert isinstance(result, Ambiguous)
    assert [v.werkproces.code for v in result.candidates] == ["B1-K1-W1", "P2-K1-W1"]


def test_short_code_unique_within_a_profile(kb):
    result = kb.werkproces("W2", kb.find("Bakker")[0])
    assert isinstance(result, WerkprocesView) and result.werkproces.code == "B1-K1-W2"


def test_nonexistent_werkproces_lists_what_exists(kb):
    result = kb.werkproces("W5", kb.find("Bakker")[0])
    assert isinstance(result, NotFound)
    assert result.known == ["B1-K1-W1", "B1-K1-W2", "P1-K1-W1"]


@pytest.mark.parametrize("profiel, addition", [("Allround Bakker", "Daarnaast berekent hij het budget voor grondstoffen."),
                                                ("Bakker", None)])
def test_profile_view_shows_only_that_profiles_addition(kb, profiel, addition):
    view = kb.werkproces("B1-K1-W1", kb.find(profiel)[0])
    assert view.werkproces.omschrijving.startswith("De beginnend beroepsbeoefenaar weegt")
    assert (view.aanvulling.omschrijving if view.aanvulling else None) == addition


def test_kerntaak_view_with_profile_addition(kb):
    view = kb.kerntaak("B1-K1", kb.find("Allround Bakker")[0])
    assert (view.kerntaak.complexiteit, view.aanvulling.complexiteit) == ("Routinematig werk.", "Hij lost problemen zelf op.")


@pytest.mark.parametrize("name, field, expected", [
    ("Bakker", "niveau", 2),
    ("Bakker", "crebo", "11111"),
    ("Allround Bakker", "crebo", None),     # the profile's crebo is not stated: not the dossier's
    ("Bakkerij", "crebo", "99999"),
    ("Bakker", "domein", "Voedsel"),
    ("Assistent bakker", "niveau", None),
    ("Assistent bakker", "crebo", None),
    ("Assistent bakker", "ontwikkeld_door", "Kenniscentrum Brood"),
])
def test_facts_and_not_stated(kb, name, field, expected):
    result = kb.fact(kb.find(name)[0], field)
    if expected is None:
        assert isinstance(result, NotStated)
    else:
        assert isinstance(result, Fact) and result.value == expected


def test_lists_are_complete_and_ordered(kb):
    p2 = kb.find("Allround Bakker")[0]
    assert [kt.code for kt in kb.kerntaken(p2)] == ["B1-K1", "P2-K1"]
    assert [wp.code for _, wp in kb.werkprocessen(p2)] == ["B1-K1-W1", "B1-K1-W2", "P2-K1-W1", "P2-K1-W2"]
    assert [wp.code for _, wp in kb.werkprocessen(p2, "P2-K1")] == ["P2-K1-W1", "P2-K1-W2"]


def test_compare(kb):
    c = kb.compare(kb.find("Bakker")[0], kb.find("Allround Bakker")[0])
    assert c.niveau == (2, 3)
    assert [kt.code for kt in c.shared] == ["B1-K1"]
    assert ([kt.code for kt in c.only_a], [kt.code for kt in c.only_b]) == (["P1-K1"], ["P2-K1"])


def test_competences_of_the_2004_profile(kb):
    bcp = kb.find("assistent bakker")[0]
    assert kb.competentie(bcp, 2).title == "Voeren van telefoongesprekken"
    assert [c.nr for c in kb.competenties(bcp, "sc")] == [2]
    assert isinstance(kb.competentie(bcp, 9), NotFound)


def test_search_uses_lemmas_and_respects_the_profile(kb):
    hits = kb.search("voorraden bestellen")
    assert hits[0].passage.code == "P2-K1-W2"
    assert kb.search("voorraden bestellen", within=kb.find("Bakker")[0]) == []
