"""OCR repair: what counts as a Dutch word (wordfreq's list, spaCy's stop words and lemmas, the
document's own words) and the thresholds of the rules.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from functools import lru_cache
from typing import Optional


VOWELS = "aeiou"
LETTER = r"[^\W\d_]"
WORD_RE = re.compile(rf"{LETTER}+")


# Thresholds (zipf scale: 7 = "de", 3 = once per million words, 0 = not in the list).
KNOWN = 2.5  # a word this frequent is a known Dutch word
STRONG = 3.0  # a part of a glued phrase / an edit-distance target must be this frequent
DIACRITIC_GAIN = 1.0  # a diacritic variant must be this much more frequent than the original
FUZZY_GAIN = 1.5  # best edit-distance candidate must beat the runner-up by this much
CLOSED_CLASS_MAX = 20  # stop word starting at most this many compounds = closed class
OPEN_TAIL_MAX = 40  # stop word ending at most this many compounds = not a productive tail
INFLECTED_PREFIX_MAX = 2  # an inflected form starts (almost) no compound


@lru_cache(maxsize=1)
def _freq() -> dict[str, float]:
    import wordfreq  # noqa: PLC0415

    return {
        w: math.log10(f * 1e9)
        for w, f in wordfreq.get_frequency_dict("nl").items()
        if f > 0
    }


def zipf(word: str) -> float:
    """Zipf frequency of a word in the Dutch word list (0.0 = unknown)."""
    return _freq().get(word.lower(), 0.0)


@lru_cache(maxsize=1)
def _sorted_known() -> tuple[list[str], list[str]]:
    """Known alphabetic words, sorted, and sorted reversed (for prefix/suffix scans)."""
    words = sorted(w for w, f in _freq().items() if f >= KNOWN and w.isalpha())
    rev = sorted(w[::-1] for w in words)
    return words, rev


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.nl.stop_words import STOP_WORDS  # noqa: PLC0415

    return frozenset(w for w in STOP_WORDS if w.isalpha())


@lru_cache(maxsize=1)
def _lemma_table():
    import spacy  # noqa: PLC0415

    nlp = spacy.blank("nl")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup")


@lru_cache(maxsize=None)
def _compound_starts(word: str, linking: bool = False) -> int:
    """How many known words are `word` + a frequent word of 4+ letters (compound productivity);
    with `linking`, also `word` + "s" + a frequent word ("staat" -> "staatsrecht")."""
    words, _ = _sorted_known()
    freq = _freq()
    n = 0
    i = bisect_left(words, word)
    while i < len(words) and words[i].startswith(word):
        rest = words[i][len(word):]
        if len(rest) >= 4 and (freq.get(rest, 0) >= 3.5 or (linking and rest[0] == "s" and freq.get(rest[1:], 0) >= 3.5)):
            n += 1
        i += 1
    return n


@lru_cache(maxsize=None)
def _compound_ends(word: str) -> int:
    """How many known words are a frequent word of 4+ letters + `word`."""
    _, rev = _sorted_known()
    freq = _freq()
    key = word[::-1]
    n = 0
    i = bisect_left(rev, key)
    while i < len(rev) and rev[i].startswith(key):
        rest = rev[i][len(key):][::-1]
        if len(rest) >= 4 and freq.get(rest, 0) >= 3.5:
            n += 1
        i += 1
    return n


def _is_closed_class(word: str) -> bool:
    """A function word that does not begin compounds (article, pronoun, conjunction, ...)."""
    return word in _stop_words() and _compound_starts(word) <= CLOSED_CLASS_MAX


def _is_free_tail(word: str) -> bool:
    """A function word that does not end compounds ("in", "is", "een"; not "en", "de", "er")."""
    return word in _stop_words() and _compound_ends(word) <= OPEN_TAIL_MAX


def _lemma(word: str) -> Optional[str]:
    table = _lemma_table()
    return table[word] if word in table else None


def _infinitive_candidates(stem: str) -> list[str]:
    out = [stem + "en", stem + "n"]
    if len(stem) >= 3 and stem[-1] not in VOWELS and stem[-2] in VOWELS and stem[-3] == stem[-2]:
        out.append(stem[:-3] + stem[-2] + stem[-1] + "en")  # maakt -> maken
    if len(stem) >= 2 and stem[-1] not in VOWELS:
        out.append(stem + stem[-1] + "en")  # legt -> leggen
    if stem.endswith("f"):
        out.append(stem[:-1] + "ven")
    if stem.endswith("s"):
        out.append(stem[:-1] + "zen")
    return out


def is_finite_verb(word: str) -> bool:
    """Present-tense singular verb form (stem + t): "voert", "gaat", "beheert", "interpreteert"."""
    w = word.lower()
    if len(w) < 3 or not w.endswith("t") or w.startswith("ge") or zipf(w) < KNOWN:
        return False
    lemma = _lemma(w)
    if lemma is not None:
        return lemma != w and lemma.endswith("n")
    return any(zipf(c) >= STRONG for c in _infinitive_candidates(w[:-1]))


def is_inflected_adjective(word: str) -> bool:
    """Attributive adjective in -e whose lemma is the bare adjective: "tactische", "digitale"."""
    w = word.lower()
    if not w.endswith("e"):
        return False
    lemma = _lemma(w)
    return lemma is not None and lemma != w and not lemma.endswith(("e", "n")) and len(lemma) >= len(w) - 2


def _is_inflected(word: str) -> bool:
    return (is_finite_verb(word) or is_inflected_adjective(word)) and _compound_starts(word.lower(), True) <= INFLECTED_PREFIX_MAX


class _Doc:
    """Words and adjacent word pairs of the document being repaired."""

    def __init__(self, text: str):
        words = [w.lower() for w in WORD_RE.findall(text)]
        self.counts = Counter(words)
        # Word pairs written side by side with nothing but a space between (no punctuation).
        tokens = text.lower().split()
        self.pairs = {
            (x, y) for x, y in zip(tokens, tokens[1:]) if WORD_RE.fullmatch(x) and WORD_RE.fullmatch(y)
        }

    def known(self, word: str, min_count: int = 2) -> bool:
        # A word the document uses twice or more counts as known, unless it shows an OCR
        # defect itself (é/è where Dutch has ë).
        return self.counts.get(word, 0) >= min_count and not _SUSPECT_ACCENT.search(word)


_EMPTY_DOC = _Doc("")
_SUSPECT_ACCENT = re.compile(r"[aeiou][éè]|[éè][aeiou]")


@lru_cache(maxsize=8)
def _doc(context: str) -> _Doc:
    return _Doc(context)


def _known(word: str, doc: _Doc, level: float = KNOWN) -> bool:
    return zipf(word) >= level or doc.known(word)
