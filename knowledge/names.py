"""Naming things the way users do: qualification names with typos, abbreviations, word order.

Aliases come from the data (profile titles, dossier titles, function titles of a
beroepscompetentieprofiel), never from a hand-written list, so a new dossier
needs a rebuild and no code.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Generic, Iterable, TypeVar

from rapidfuzz import fuzz, process

T = TypeVar("T")

# Matching thresholds (0-100, rapidfuzz WRatio): below ACCEPT a name is not recognised;
# candidates within TIE of the best are equally good, so the result is ambiguous.
ACCEPT = 84
MENTION = 88
TIE = 4

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def normalize(text: str) -> str:
    """Lower case, accents folded, '&' read as 'en', punctuation as space: for comparing names."""
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("&", " en "))
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_ALNUM.sub(" ", folded).strip()


@dataclass
class Match(Generic[T]):
    item: T
    alias: str
    score: float


class NameIndex(Generic[T]):
    """Fuzzy lookup of items by any of their aliases."""

    def __init__(self, named: Iterable[tuple[str, T]]):
        self._aliases: list[str] = []
        self._items: list[T] = []
        for alias, item in named:
            key = normalize(alias)
            if key:
                self._aliases.append(key)
                self._items.append(item)

    def find(self, name: str, limit: int = 10) -> list[Match[T]]:
        """Items whose alias matches `name`, best first; several when they are equally good."""
        query = normalize(name)
        if not query:
            return []
        best: dict[int, tuple[float, float, str]] = {}  # item position -> (WRatio, ratio, alias)
        for alias, score, i in process.extract(query, self._aliases, scorer=fuzz.WRatio, limit=None,
                                               score_cutoff=ACCEPT):
            key = self._items.index(self._items[i])
            candidate = (score, fuzz.ratio(query, alias), alias)
            if key not in best or candidate[:2] > best[key][:2]:
                best[key] = candidate
        if not best:
            return []
        exact = [k for k, (_, _, alias) in best.items() if alias == query]
        keys = exact or [k for k, (score, _, _) in best.items() if score >= max(v[0] for v in best.values()) - TIE]
        keys.sort(key=lambda k: (-best[k][0], -best[k][1]))
        return [Match(self._items[k], best[k][2], best[k][0]) for k in keys[:limit]]

    def mentions(self, text: str, max_words: int = 7) -> list[Match[T]]:
        """Names mentioned anywhere in a sentence: the best non-overlapping word spans."""
        words = normalize(text).split()
        candidates = []
        for size in range(max_words, 0, -1):
            for start in range(0, len(words) - size + 1):
                span = " ".join(words[start:start + size])
                if len(span) < 4:
                    continue
                found = process.extractOne(span, self._aliases, scorer=fuzz.ratio, score_cutoff=MENTION)
                if found:
                    candidates.append((found[1], size, start, found))
        candidates.sort(key=lambda c: (-c[0], -c[1]))
        taken: set[int] = set()
        result = []
        for score, size, start, (alias, _, i) in candidates:
            span = set(range(start, start + size))
            if span & taken:
                continue
            taken |= span
            result.append((start, Match(self._items[i], alias, score)))
        return [m for _, m in sorted(result, key=lambda r: r[0])]
