"""What the parsers share: numbered lines, section keys, and how well a title fits a text.

Nothing here knows one format's layout; each parser combines these with its own rules.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

WORD = re.compile(r"[^\W\d_]+")


@dataclass
class Line:
    """One line of a source: its 1-based number and its text without surrounding whitespace."""

    no: int
    text: str


def lines_of(text: str) -> list[Line]:
    """Every line of a text, numbered from 1, stripped."""
    return [Line(i + 1, raw.strip()) for i, raw in enumerate(text.split("\n"))]


def slug(text: str) -> str:
    """A stable key from a heading: lower case, parenthesised parts dropped, runs of anything but
    letters and digits as one "-": "Engels (alleen niveau 4)" -> "engels"."""
    text = re.sub(r"\([^)]*\)", " ", text.lower())
    return re.sub(r"[^0-9a-zà-ÿ]+", "-", text).strip("-")


def section_key(prefix: str, heading: str) -> str:
    """The key of a prose section under `prefix`: "Resultaat van de beroepengroep" under
    "beroepengroep" -> "beroepengroep/resultaat" (the heading naming its part drops that part)."""
    words = re.sub(rf"\s+van\s+(?:de|het)\s+{re.escape(prefix)}$", "", heading, flags=re.I)
    return f"{prefix}/{slug(words)}"


def stems(text: str, min_len: int = 5, stop: Iterable[str] = ()) -> set[str]:
    """The content words of a text by their first five letters ("presentaties" ~ "presenteren"):
    words of at least `min_len` letters that are not in `stop`."""
    stop = set(stop)
    return {w[:5] for w in WORD.findall(text.lower()) if len(w) >= min_len and w not in stop}


def title_fit(title: str, text: str, min_len: int = 5, stop: Iterable[str] = ()) -> int:
    """How many content stems of a title the text shares: which section a title belongs to."""
    return len(stems(title, min_len, stop) & stems(text, min_len, stop))
