"""Search among ~80 dossiers (the `scale` fixture): the parts they all share never outrank a werkproces,
kerntaak or profile text that covers nearly as much of the question, and a word that occurs in one place
is that place."""
import pytest

from knowledge.search import lemmatize, shared_sections


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
    passages = scale.kb.passages()
    return {id(p): flag for p, flag in zip(passages, shared_sections(passages))}


@pytest.mark.parametrize("query", QUERIES)
def test_shared_parts_never_outrank_a_dossiers_own_text(scale, query):
    shared = _shared(scale)
    hits = scale.kb.search(query, limit=100000)
    flags = [shared[id(h.passage)] for h in hits]
    assert True in flags and False in flags  # both kinds match: the order is what is tested
    weight = {lemma: scale.kb.information(lemma) for lemma in lemmatize(query)}

    def covered(hit) -> float:
        return sum(weight[lemma] for lemma in set(hit.matched)) / sum(weight.values())

    for i, first in enumerate(hits):
        if shared[id(first.passage)]:  # ahead of an own text only when it covers clearly more of the question
            later_own = [h for h in hits[i + 1:] if not shared[id(h.passage)]]
            assert all(covered(first) - covered(h) > 0.25 for h in later_own), (first.passage.label, query)


def test_the_generic_parts_are_shared_text_and_no_werkproces_is(scale):
    passages = scale.kb.passages()
    flags = shared_sections(passages)
    generic = [f for p, f in zip(passages, flags) if (p.code or "").startswith("generiek/")]
    assert len(generic) > 250 and all(generic)
    assert not any(f for p, f in zip(passages, flags) if p.field != "section")
