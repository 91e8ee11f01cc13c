"""Search among ~80 dossiers (the `scale` fixture): the parts they all share never outrank a werkproces,
kerntaak or profile text, and a word that occurs in one place is that place."""
import pytest

from knowledge.search import shared_sections


def test_a_word_in_one_werkproces_is_that_werkproces(scale):
    word, dossier, code = scale.generated.singular
    hits = scale.kb.search(f"waar gaat het over {word}?")
    assert [(h.passage.dossier, h.passage.code) for h in hits] == [(dossier, code)]


QUERIES = [
    "gesprekstechnieken toepassen",
    "nederlandse taal en rekenen",
    "loopbaan en burgerschap",
    "informatie zoeken in bronnen",
    "engels voor niveau 4",
]


def _shared(scale) -> dict[int, bool]:
    index = scale.kb._index
    return {id(p): flag for p, flag in zip(index.passages, shared_sections(index.passages))}


@pytest.mark.parametrize("query", QUERIES)
def test_shared_parts_never_outrank_a_dossiers_own_text(scale, query):
    shared = _shared(scale)
    hits = scale.kb.search(query, limit=100000)
    flags = [shared[id(h.passage)] for h in hits]
    assert True in flags and False in flags  # both kinds match: the order is what is tested
    assert flags == sorted(flags), [(h.passage.field, h.passage.label) for h in hits]


def test_the_generic_parts_are_shared_text_and_no_werkproces_is(scale):
    index = scale.kb._index
    flags = shared_sections(index.passages)
    generic = [f for p, f in zip(index.passages, flags) if (p.code or "").startswith("generiek/")]
    assert len(generic) > 250 and all(generic)
    assert not any(f for p, f in zip(index.passages, flags) if p.field != "section")
