"""kd-markdown: the format's fixed vocabulary, and lines as elements (blank lines, one-cell lines,
rows of table cells) of classified items (text, list item, "Voor ... geldt aanvullend", competences).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from knowledge.repair import markup


_CODE_HEAD = re.compile(r"^(?P<code>[BP]\d+-K\d+(?:-W\d+)?)(?:\s*:\s*|\s+)(?P<title>\S.*)$")
_PROFILE_HEAD = re.compile(r"^(?P<code>P\d+)(?:\s*:\s*|\s+)(?P<title>[^\s\-:].*)$")
_OUTLINE_ENTRY = re.compile(r"^(?P<code>P\d+(?:-K\d+(?:-W\d+)?)?|B\d+-K\d+(?:-W\d+)?)(?:\s*:\s*|\s+)(?P<title>\S.*)$")
_NUMBERED_PART = re.compile(r"^\d+\.\s+(?P<title>\S.*)$")
_VOOR = re.compile(r"^Voor\s+(?P<profiel>.+?)\s+geldt\s+aanvullend\s*:?\s*(?P<rest>.*)$", re.I)
_COMPETENCES = re.compile(r"^De onderliggende competenties zijn\s*:?\s*(?P<names>.*)$", re.I)
_INTRO = re.compile(r"^De beginnend(?:e)? beroepsbeoefenaar\s*:?$", re.I)
_NVT = re.compile(r"^n\.?\s*v\.?\s*t\.?$", re.I)
_BULLET = re.compile(r"^[-•–]\s+(?P<text>.*)$")
_CREBO = re.compile(r"\(?\s*Crebo(?:nr|nummer)?\.?\s*:?\s*(?P<crebo>\d{4,6})\s*\)?", re.I)
_TERMINAL = re.compile(r"[.!?:;][\"')\]]*$")
_PARTS = ("basisdeel", "profieldeel")
_KT_LABELS = {
    "complexiteit": "complexiteit",
    "verantwoordelijkheid en zelfstandigheid": "verantwoordelijkheid",
    "vakkennis en vaardigheden": "vakkennis",
}


_WP_LABELS = {"omschrijving": "omschrijving", "resultaat": "resultaat", "gedrag": "gedrag"}
_PROFILE_LABELS = {
    "mbo-niveau": "niveau",
    "typering van het beroep": "typering_beroep",
    "beroepsvereisten": "beroepsvereisten",
}


_HEADER_LABELS = ("kwalificaties", "geldig vanaf", "opleidingsdomein", "penvoerder", "gevalideerd door", "op",
                  "inhoudsopgave")


# Parent headings of prose parts -> key prefix of their sections.
_PROSE_PREFIX = {"typering van de beroepengroep": "beroepengroep", "generieke onderdelen": "generiek"}


@dataclass
class _Item:
    """One paragraph, list item, "Voor ..." header or competence line, with its line range."""

    kind: str  # text | bullet | comp | voor | intro | nvt
    text: str
    first: int
    last: int


@dataclass
class _Elem:
    kind: str  # blank | break | line | row
    line: int
    cells: list[list[_Item]] = field(default_factory=list)

    @property
    def items(self) -> list[_Item]:
        return [it for cell in self.cells for it in cell]


def _classify(text: str, no: int) -> list[_Item]:
    m = _VOOR.match(text)
    if m:
        head = _Item("voor", markup.normalize_space(m.group("profiel")), no, no)
        return [head] + (_classify(m.group("rest"), no) if m.group("rest").strip() else [])
    m = _COMPETENCES.match(text)
    if m:
        return [_Item("comp", m.group("names"), no, no)]
    if _NVT.match(text):
        return [_Item("nvt", text, no, no)]
    if _INTRO.match(text):
        return [_Item("intro", text, no, no)]
    m = _BULLET.match(text)
    if m:
        return [_Item("bullet", m.group("text").strip(), no, no)]
    return [_Item("text", text, no, no)]


def _elements(lines: list[str], start: int, end: int) -> list[_Elem]:
    """Lines start..end (0-based, end exclusive) as elements: blank lines, one-cell lines, rows."""
    out: list[_Elem] = []
    for i in range(start, end):
        no, raw = i + 1, lines[i].rstrip()
        if not raw.strip() or markup.is_table_separator(raw):
            out.append(_Elem("blank", no))
            continue
        for part in markup.split_glued_bold(raw):
            cells = [[it for s in markup.split_cell_items(c) for it in _classify(s, no)] for c in markup.table_cells(part)]
            filled = [c for c in cells if c]
            if not filled:
                out.append(_Elem("blank", no))
            elif len(filled) == 1:
                out.append(_Elem("line", no, filled))
            else:
                out.append(_Elem("row", no, cells))
    return out


def _single_text(el: _Elem) -> Optional[str]:
    """The text of a line that could be a heading or label (one prose item), else None."""
    if el.kind != "line" or len(el.items) != 1 or el.items[0].kind != "text":
        return None
    return el.items[0].text


def _heading_like(text: str) -> bool:
    """A short line without final punctuation starting with a capital: a (sub)heading."""
    words = text.split()
    return (0 < len(words) <= 7 and len(text) <= 80 and not _TERMINAL.search(text)
            and text[:1].isupper() and not text.startswith(("*", "http")))


def _ends_sentence(text: str) -> bool:
    return bool(_TERMINAL.search(text.rstrip()))


def _starts_lower(text: str) -> bool:
    return text[:1].islower()
