"""kd-ocr-extract: cleaned lines, paragraphs (a blank line ends one only after a sentence end) and
repaired texts with their origins.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from knowledge.model import DossierError, Origin
from knowledge.parsers.common import Line
from knowledge.repair import ocr


def _clean_lines(text: str) -> list[Line]:
    """Every line, stripped; page footers, junk lines and the trailing table of contents
    (tab-indented) become blank."""
    out = []
    for i, raw in enumerate(text.split("\n")):
        s = raw.strip()
        if raw.startswith("\t") or ocr.is_page_footer(s) or ocr.is_junk_line(s):
            s = ""
        out.append(Line(i + 1, ocr.strip_junk_tail(s)))
    return out


@dataclass
class _Para:
    """A paragraph or list item: its lines' texts and line span."""

    lines: list[str]
    start: int
    end: int
    item: bool = False


class _Ctx:
    def __init__(self, source: str, text: str):
        self.source = source
        self.text = text

    def repair(self, text: str) -> str:
        return ocr.repair_text(text, context=self.text).strip()

    def join(self, lines: list[str]) -> str:
        return self.repair(ocr.join_lines(lines, context=self.text))

    def name(self, lines: list[str]) -> str:
        """A qualification's name: repaired as a name (its compounds are not split by guesswork)."""
        return ocr.repair_text(ocr.join_lines(lines, context=self.text), context=self.text, name=True).strip()

    def origin(self, start: int, end: int, section: str) -> Origin:
        return Origin(self.source, start, end, section)


_TERMINAL = re.compile(r"[.!?:]\s*$")


def _paragraphs(lines: list[Line]) -> list[_Para]:
    """Prose paragraphs: a blank line ends a paragraph only after a sentence end (OCR puts
    blank lines inside sentences too)."""
    paras: list[_Para] = []
    cur: Optional[_Para] = None
    closed = True
    for ln in lines:
        if not ln.text:
            if cur is not None and _TERMINAL.search(cur.lines[-1]):
                closed = True
            continue
        if cur is None or closed:
            cur = _Para([ln.text], ln.no, ln.no)
            paras.append(cur)
            closed = False
        else:
            cur.lines.append(ln.text)
            cur.end = ln.no
    return paras


def _text_of(ctx: _Ctx, lines: list[Line]) -> tuple[Optional[str], Optional[tuple[int, int]]]:
    paras = _paragraphs(lines)
    if not paras:
        return None, None
    text = "\n".join(ctx.join(p.lines) for p in paras)
    return text, (paras[0].start, paras[-1].end)


def _find(lines: list[Line], pred, start: int = 0, source: str = "", what: str = "") -> int:
    for i in range(start, len(lines)):
        if lines[i].text and pred(lines[i].text):
            return i
    raise DossierError(source, f"{what} is missing")
