"""bcp-2004: the upper-case headings of the format and the labelled sections of a two-column block
(labels matched token by token, across OCR's line breaks).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from rapidfuzz import fuzz

from knowledge.parsers.common import Line


_HEADINGS = {
    "beroepsbeschrijving": "BEROEPSBESCHRIJVING",
    "trends": "TRENDS / INNOVATIES",
    "kerntaken": "KERNTAKEN VAN HET BEROEP",
    "kernopgaven": "KERNOPGAVEN VAN HET BEROEP",
    "schema_kerntaken": "OVERZICHTSSCHEMA BEROEPSCOMPETENTIES EN KERNTAKEN",
    "schema_kernopgaven": "OVERZICHTSSCHEMA BEROEPSCOMPETENTIES EN KERNOPGAVEN",
    "competenties": "BEROEPSCOMPETENTIES MET SUCCESCRITERIA",
}


_KERNTAAK = re.compile(r"^KERNTAAK\s+(\d{1,2})$")


def _is_upper_heading(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 8 and sum(c.isupper() for c in letters) / len(letters) >= 0.9


def _find_headings(lines: list[Line]) -> tuple[dict[str, int], list[tuple[int, int]]]:
    """Index of each format heading, and (index, n) of each KERNTAAK n heading."""
    found: dict[str, int] = {}
    kerntaken: list[tuple[int, int]] = []
    for i, ln in enumerate(lines):
        if not _is_upper_heading(ln.text):
            continue
        m = _KERNTAAK.match(ln.text)
        if m:
            kerntaken.append((i, int(m.group(1))))
            continue
        norm = re.sub(r"\s+", " ", ln.text)
        best, score = None, 0.0
        for key, heading in _HEADINGS.items():
            s = fuzz.ratio(norm, heading)
            if s > score:
                best, score = key, s
        if best and score >= 88 and best not in found:
            found[best] = i
    return found, kerntaken


_PUNCT_TOKEN = re.compile(r"^\W+$")


def _label_regex(tokens: list[str]) -> str:
    parts = []
    for k, tok in enumerate(tokens):
        if k:
            loose = _PUNCT_TOKEN.match(tok) or _PUNCT_TOKEN.match(tokens[k - 1])
            parts.append(r"\s*" if loose else r"\s+")
        parts.append(re.escape(tok).replace("'", "['’]"))
    return "".join(parts)


@dataclass
class _LabelHit:
    index: int  # line index of the label's first part
    rest: str  # text after the label on that line
    cut: Optional[tuple[int, str]] = None  # (line index, text) of a line whose label tail was removed


def _match_label(lines: list[Line], i: int, end: int, tokens: list[str]) -> Optional[_LabelHit]:
    text = lines[i].text
    for k in range(len(tokens), 0, -1):
        m = re.match(_label_regex(tokens[:k]) + r"(?=\s|$)", text, re.IGNORECASE)
        if not m:
            continue
        rest = text[m.end():].strip()
        if len(tokens) == 1 and rest and text[: m.end()] != tokens[0]:
            # A one-word label is printed lower-case before its text; "Complexiteit van ..."
            # with a capital is a sentence (the label alone on its line may have any case).
            continue
        if k == len(tokens):
            return _LabelHit(i, rest)
        # The label continues at the start of one of the next non-blank lines.
        tail = re.compile(_label_regex(tokens[k:]) + r"(?=\s|$)", re.IGNORECASE)
        seen = 0
        for j in range(i + 1, end):
            if not lines[j].text:
                continue
            mt = tail.match(lines[j].text)
            if mt:
                return _LabelHit(i, rest, (j, lines[j].text[mt.end():].strip()))
            seen += 1
            if seen >= 2:
                break
    return None


_Labels = list[tuple[str, list[list[str]]]]  # key -> alternative spellings, as word tokens


def _match_any(lines: list[Line], i: int, end: int, spellings: list[list[str]]) -> Optional[_LabelHit]:
    for tokens in spellings:
        hit = _match_label(lines, i, end, tokens)
        if hit:
            return hit
    return None


def _labelled_sections(lines: list[Line], start: int, end: int, labels: _Labels) -> dict[str, list[Line]]:
    """Split lines[start:end] at the labels (searched in order, a missing one skipped); return
    key -> content lines, the label removed."""
    hits: list[tuple[str, _LabelHit]] = []
    pos = start
    for key, spellings in labels:
        for i in range(pos, end):
            hit = _match_any(lines, i, end, spellings)
            if hit:
                hits.append((key, hit))
                pos = i + 1
                break
    result: dict[str, list[Line]] = {}
    for n, (key, hit) in enumerate(hits):
        stop = hits[n + 1][1].index if n + 1 < len(hits) else end
        content = [Line(lines[hit.index].no, hit.rest)]
        for j in range(hit.index + 1, stop):
            ln = lines[j]
            if hit.cut and j == hit.cut[0]:
                ln = Line(ln.no, hit.cut[1])
            content.append(ln)
        result[key] = content
    return result
