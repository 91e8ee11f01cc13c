"""The database round trip: what is written is what is read back, on SQLite and PostgreSQL."""
import pytest

from knowledge.build import write
from knowledge.query import KnowledgeBase
from tests.knowledge.sample import bakkerij, profiel_2004


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request):
    return request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url")


def test_round_trip_keeps_every_field(url):
    dossiers = [bakkerij(), profiel_2004()]
    write(url, dossiers)
    assert KnowledgeBase(url).dossiers() == dossiers


def test_rewrite_replaces_the_previous_content(url):
    write(url, [bakkerij(), profiel_2004()])
    write(url, [profiel_2004()])
    assert [d.title for d in KnowledgeBase(url).dossiers()] == ["Assistent bakker"]


def test_a_reader_notices_a_rebuild(url):
    write(url, [bakkerij()])
    kb = KnowledgeBase(url)
    kb.RECHECK_SECONDS = 0
    assert [d.title for d in kb.dossiers()] == ["Bakkerij"]
    write(url, [profiel_2004()])
    assert [d.title for d in kb.dossiers()] == ["Assistent bakker"]


def test_one_answer_reads_one_build_while_a_rebuild_is_picked_up(url):
    write(url, [bakkerij(), profiel_2004()])
    kb = KnowledgeBase(url)
    kb.RECHECK_SECONDS = 0  # every read would notice the rebuild at once
    with kb.consistent():
        named = kb.kwalificaties()
        write(url, [profiel_2004()])  # Bakkerij is gone from the new build
        # read halfway through the answer: still the build the answer started with
        assert [kb.dossier(k).title for k in named] == ["Bakkerij"] * (len(named) - 1) + ["Assistent bakker"]
        assert kb.search("budget grondstoffen")[0].passage.dossier == "Bakkerij"
    assert [d.title for d in kb.dossiers()] == ["Assistent bakker"]  # the next answer reads the new build


def test_search_passages_are_stored_with_citations(url):
    write(url, [bakkerij()])
    hit = KnowledgeBase(url).search("budget grondstoffen")[0]
    assert (hit.passage.code, hit.passage.profiel, hit.passage.source, hit.passage.line_start) == \
        ("B1-K1-W1", "P2", "bakkerij-99999.txt", 40)
