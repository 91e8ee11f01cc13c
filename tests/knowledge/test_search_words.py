"""Search finds a word in the forms a question writes it: a hyphenated compound by its parts or joined,
a plural the lookup lemmatizer does not know by its singular."""
import pytest

from knowledge.search import Index, Passage, lemmatize


def passage(code: str, text: str) -> Passage:
    return Passage(dossier="D", source="d.txt", code=code, field="omschrijving", label=code, text=text,
                   lemmas=" ".join(lemmatize(text)))


INDEX = Index([
    passage("P1-K1-W1", "Hij maakt een SWOT-analyse van de markt en bespreekt die met de klant."),
    passage("P1-K1-W2", "Hij houdt zich aan de wet en de huisregels van de organisatie."),
    passage("P1-K1-W3", "Hij plant afspraken en bewaakt de agenda van de afdeling."),
])


@pytest.mark.parametrize("query, code", [
    ("swot analyse", "P1-K1-W1"),
    ("swotanalyse", "P1-K1-W1"),
    ("welke wetten gelden er", "P1-K1-W2"),
])
def test_a_word_is_found_in_another_form(query, code):
    hits = INDEX.search(query)
    assert hits and hits[0].passage.code == code, [(h.passage.code, h.matched) for h in hits]


def test_a_hit_names_the_passage_word_it_was_found_as():
    hit = INDEX.search("swotanalyse")[0]
    assert hit.matched == ["swotanalyse"] and hit.terms == ["swot-analyse"]


@pytest.mark.parametrize("typed, written", [
    ("hierarchische", "hiërarchische"),  # a diaeresis left out
    ("commerciele", "commerciële"),
])
def test_a_word_typed_without_its_accents_has_the_lemma_of_the_written_form(typed, written):
    assert lemmatize(typed) == lemmatize(written)
