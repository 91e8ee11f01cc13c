"""Naming things the way users do: qualification names with typos, abbreviations, word order.

Aliases come from the data (profile titles, dossier titles, function titles of a
beroepscompetentieprofiel), never from a hand-written list, so a new dossier
needs a rebuild and no code.

Users shorten names ("legal specialist", "office managment") and misspell them
("busines administration"), so an alias is scored by how much of its
*distinctive* vocabulary a text covers: each alias word weighs by how rare it is
among all aliases (so "administration" counts more than "specialist"), and a
word counts as present when a word of the text is close to it (rapidfuzz).
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Generic, Iterable, TypeVar

from rapidfuzz import fuzz, process

T = TypeVar("T")

WORD_SIMILARITY = 80  # rapidfuzz ratio for two words (of 5+ letters) to count as the same word
COVERAGE = 0.5  # share of an alias's weight a text must cover to name it
WHOLE_NAME = 84  # rapidfuzz WRatio fallback for `find` on short or partial names
TIE = 4
_STOP = frozenset({"en", "de", "het", "een", "van", "voor", "bij", "of", "in", "op", "met", "die", "dat", "wat",
                   "is", "zijn", "welk", "welke", "hoe", "doet", "heeft", "the", "and"})
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def normalize(text: str) -> str:
    """Lower case, accents folded, '&' read as 'en', punctuation as space: for comparing names."""
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("&", " en "))
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_ALNUM.sub(" ", folded).strip()


def _similarity(a: str, b: str) -> float:
    """1.0 for the same word, the rapidfuzz ratio (0-1) for a near miss of 5+ letters, else 0."""
    if a == b:
        return 1.0
    if min(len(a), len(b)) < 5:
        return 0.0
    ratio = fuzz.ratio(a, b)
    return ratio / 100 if ratio >= WORD_SIMILARITY else 0.0


@dataclass
class Match(Generic[T]):
    item: T
    alias: str
    score: float  # 0-100


@dataclass
class _Alias(Generic[T]):
    text: str
    words: list[str]
    item: T


class NameIndex(Generic[T]):
    """Fuzzy lookup of items by any of their aliases."""

    def __init__(self, named: Iterable[tuple[str, T]]):
        self._aliases: list[_Alias[T]] = []
        for alias, item in named:
            key = normalize(alias)
            words = [w for w in key.split() if w not in _STOP]
            if words:
                self._aliases.append(_Alias(key, words, item))
        self._df = Counter(w for a in self._aliases for w in set(a.words))
        n = len(self._aliases)
        self._weight = {w: math.log(1 + n / f) for w, f in self._df.items()}

    def _cover(self, alias: _Alias[T], words: list[str], taken: frozenset[int] = frozenset()
               ) -> tuple[float, float, set[int], bool]:
        """(coverage 0-1, covered weight, positions of the text's words used, whether a word that
        only this alias has was found)."""
        total = sum(self._weight[w] for w in alias.words)
        covered, used, unique = 0.0, set(), False
        for w in alias.words:
            best, position = 0.0, None
            for i, candidate in enumerate(words):
                similarity = _similarity(w, candidate) if i not in used and i not in taken else 0.0
                if similarity > best:
                    best, position = similarity, i
            if position is not None:
                covered += best * self._weight[w]  # a near miss counts a little less than the word itself
                used.add(position)
                unique = unique or (self._df[w] == 1 and len(w) >= 4 and best >= 0.9)
        return covered / total, covered, used, unique

    def _ranked(self, words: list[str], taken: frozenset[int] = frozenset()
                ) -> list[tuple[float, float, _Alias[T], set[int]]]:
        scored = []
        for alias in self._aliases:
            coverage, covered, used, unique = self._cover(alias, words, taken)
            # Enough of the name, or a word no other name has ("legal specialist").
            if coverage >= COVERAGE or unique:
                scored.append((coverage, covered, alias, used))
        scored.sort(key=lambda s: (-s[0], -s[1]))
        return scored

    def mentions(self, text: str) -> list[Match[T]]:
        """Items named anywhere in a text, in order of appearance (several for a comparison)."""
        words = [w for w in normalize(text).split() if w not in _STOP]
        found: list[tuple[int, Match[T]]] = []
        taken: set[int] = set()
        while True:
            ranked = [r for r in self._ranked(words, frozenset(taken))
                      if r[2].item not in [m.item for _, m in found]]
            if not ranked:
                break
            coverage, _covered, alias, used = ranked[0]
            taken |= used
            found.append((min(used), Match(alias.item, alias.text, round(100 * coverage, 1))))
        return [m for _, m in sorted(found, key=lambda f: f[0])]

    def find(self, name: str) -> list[Match[T]]:
        """Items a name refers to, best first; several when they are equally good."""
        words = [w for w in normalize(name).split() if w not in _STOP]
        ranked = self._ranked(words)
        if ranked:
            best = ranked[0][:2]
            result: list[Match[T]] = []
            for coverage, covered, alias, _ in ranked:
                if (coverage, covered) != best:
                    break
                if alias.item not in [m.item for m in result]:
                    result.append(Match(alias.item, alias.text, round(100 * coverage, 1)))
            return result
        return self._find_whole(normalize(name))

    def _find_whole(self, query: str) -> list[Match[T]]:
        """Fallback for names that cover too little of any alias ("specialist"): every alias that
        contains it about equally well, so the caller can ask which one is meant."""
        if not query:
            return []
        texts = [a.text for a in self._aliases]
        scored = process.extract(query, texts, scorer=fuzz.WRatio, limit=None, score_cutoff=WHOLE_NAME)
        if not scored:
            return []
        top = max(s for _, s, _ in scored)
        result: list[Match[T]] = []
        for text, score, i in sorted(scored, key=lambda s: -s[1]):
            item = self._aliases[i].item
            if score >= top - TIE and item not in [m.item for m in result]:
                result.append(Match(item, text, score))
        return result
