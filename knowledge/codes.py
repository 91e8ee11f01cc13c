"""Codes in Dutch user text: werkprocessen, kerntaken, profielen, beroepscompetenties, crebo numbers.

One parser for the whole project: the NLU component tags these spans, the question model
reads them, and the knowledge base canonicalises codes the same way.

Users write codes every which way ("P6-K1-W3", "p6 k1 w3", "W3", "wp3",
"werkproces 3", "kerntaak 1", "competentie 9"); each is returned with its span
and a canonical value the knowledge base understands.
"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    entity: str  # "werkproces" | "kerntaak" | "profiel" | "competentie" | "crebo"
    value: str  # canonical: "P6-K1-W3", "W3", "B1-K1", "K1", "9", "25727"
    start: int
    end: int
    text: str


_SEP = r"[\s\-_./]*"
_PATTERNS = [
    ("werkproces", re.compile(rf"\b([bp])\s*(\d{{1,2}}){_SEP}k\s*(\d{{1,2}}){_SEP}w\s*\??\s*(\d{{1,2}})\b", re.I),
     lambda m: f"{m[1].upper()}{int(m[2])}-K{int(m[3])}-W{int(m[4])}"),
    ("werkproces", re.compile(rf"\bk\s*(\d{{1,2}}){_SEP}w\s*(\d{{1,2}})\b", re.I),
     lambda m: f"K{int(m[1])}-W{int(m[2])}"),
    ("kerntaak", re.compile(rf"\b([bp])\s*(\d{{1,2}}){_SEP}k\s*(\d{{1,2}})\b", re.I),
     lambda m: f"{m[1].upper()}{int(m[2])}-K{int(m[3])}"),
    ("werkproces", re.compile(r"\b(?:werk\s*proc[ae]s+(?:sen)?|wp|w)\s*[-.:#]?\s*(?:nr\.?|nummer)?\s*(\d{1,2})\b", re.I),
     lambda m: f"W{int(m[1])}"),
    ("kerntaak", re.compile(r"\b(?:kern\s*taa?k(?:en)?|kt|k)\s*[-.:#]?\s*(?:nr\.?|nummer)?\s*(\d{1,2})\b", re.I),
     lambda m: f"K{int(m[1])}"),
    ("competentie", re.compile(r"\b(?:beroeps)?competentie\s*(?:nr\.?|nummer)?\s*(\d{1,2})\b", re.I),
     lambda m: str(int(m[1]))),
    ("crebo", re.compile(r"\b(\d{5})\b"), lambda m: m[1]),
    # "P1 naast P3": a profile by its code (after the longer codes that contain one)
    ("profiel", re.compile(r"\bP\s?(\d{1,2})\b(?!\s*-)", re.I), lambda m: f"P{int(m[1])}"),
]


def find_codes(text: str) -> list[Code]:
    """Every code in `text`, left to right; a longer code wins over the shorter ones inside it."""
    found: list[Code] = []
    taken: list[tuple[int, int]] = []
    for entity, pattern, canonical in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append(Code(entity, canonical(m), m.start(), m.end(), m.group(0)))
    return sorted(found, key=lambda c: c.start)
