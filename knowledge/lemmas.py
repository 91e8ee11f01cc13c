"""Dutch word forms for search and understanding: content lemmas (spaCy's lookup lemmatizer from
spacy-lookups-data, accents folded, stop words out), the singulars of plurals the table lacks, and
whether a word is a verb. Nothing here is downloaded: the tables come with the pip packages."""
from __future__ import annotations

import re
from functools import lru_cache

from knowledge.vocabulary import FUNCTION_WORDS, QUESTION_WORDS, fold


@lru_cache(maxsize=1)
def _nlp():
    import spacy  # heavy import, only when search is used

    nlp = spacy.blank("nl")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.nl.stop_words import STOP_WORDS

    # Question words ("werkproces", "welke", "leren") say nothing about a topic; their lemmas too.
    question = FUNCTION_WORDS | QUESTION_WORDS
    lemmas = {token.lemma_ for token in _nlp()(" ".join(sorted(question)))}
    return frozenset(fold(w) for w in STOP_WORDS | question | lemmas)


@lru_cache(maxsize=1)
def _lookup_table() -> dict[str, str]:
    import gzip
    import json
    from pathlib import Path

    import spacy_lookups_data

    path = Path(spacy_lookups_data.__file__).parent / "data" / "nl_lemma_lookup.json.gz"
    return json.loads(gzip.decompress(path.read_bytes()))


@lru_cache(maxsize=1)
def _unaccented_lemmas() -> dict[str, str]:
    """The lookup table's accented word forms, by their form without accents (a few thousand): a user types
    "financiele" or "hierarchische", the table only knows "financiële" and "hiërarchische"."""
    return {fold(word): lemma for word, lemma in _lookup_table().items() if not word.isascii()}


@lru_cache(maxsize=1)
def _infinitives() -> frozenset[str]:
    return frozenset(fold(lemma) for lemma in _lookup_table().values() if lemma.endswith("en"))


def is_infinitive(lemma: str) -> bool:
    """A Dutch verb's infinitive by the lookup table ("opzetten"), not a plural it has no lemma for
    ("journalisten"): a verb is how a question says what is done, a noun what it is about."""
    return lemma in _infinitives()


def is_verb(word: str) -> bool:
    """An infinitive, or a third-person form of one the lookup table has no entry for ("krijgt", "plant"):
    the stem before -t, with -en (its last consonant doubled after a short vowel), is an infinitive. (A noun
    that is also a verb's stem, "interview", "pers", stays a noun.)"""
    if is_infinitive(word):
        return True
    stem = word[:-1]
    return word.endswith("t") and len(stem) >= 3 and any(is_infinitive(x) for x in (stem + "en", stem + stem[-1] + "en"))


_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*", re.UNICODE)


# Plurals the lookup table does not have, mostly compounds ("verzekeringen", "loopbaanmogelijkheden"): these
# two endings are regular enough to undo without a word list, so a question's singular finds the text's plural.
_SINGULAR = {"ingen": "ing", "heden": "heid"}
_plural = re.compile(r"(ingen|heden)$")


def lemmatize(text: str) -> list[str]:
    """Content lemmas of a Dutch text, folded (no accents), stop words dropped."""
    return list(_lemmas(text))


@lru_cache(maxsize=65536)  # dossiers repeat their texts (shared parts, one werkproces in many dossiers)
def _lemmas(text: str) -> tuple[str, ...]:
    words = _WORD.findall(text)
    if not words:
        return ()
    doc = _nlp()(" ".join(words))
    stop = _stop_words()
    lemmas = []
    unaccented = _unaccented_lemmas()
    for token in doc:
        lemma = fold(token.lemma_ or token.text)
        if token.lemma_ == token.text and token.text.isascii():
            # typed without its accents ("hierarchische"): the lemma of the accented form the table knows
            lemma = fold(unaccented.get(token.text.lower(), lemma))
        if lemma == fold(token.text) and len(lemma) >= 9:
            lemma = _plural.sub(lambda m: _SINGULAR[m.group(1)], lemma)
        if len(lemma) > 1 and lemma not in stop and not lemma.isdigit():
            lemmas.append(lemma)
    return tuple(lemmas)


def singulars(word: str) -> list[str]:
    """The singulars a Dutch plural the lookup lemmatizer does not know may have: "regels" -> "regel",
    "wetten" -> "wet", "namen" -> "naam", "kosten" -> "kost"."""
    found = []
    if len(word) >= 5 and word.endswith("s") and word[-2] not in "s'":
        found.append(word[:-1])
    if len(word) >= 5 and word.endswith("en"):
        stem = word[:-2]
        if len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] not in "aeiou":
            found.append(stem[:-1])  # a doubled consonant: wetten, bussen
        elif len(stem) >= 3 and stem[-1] not in "aeiou" and stem[-2] in "aeiou" and stem[-3] not in "aeiou":
            found.append(stem[:-2] + stem[-2] * 2 + stem[-1])  # an open syllable: namen, regelingen
        found.append(stem)
    return found
