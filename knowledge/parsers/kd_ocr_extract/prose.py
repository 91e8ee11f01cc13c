"""kd-ocr-extract: prose sections (Leeswijzer, typering van de beroepengroep, generieke onderdelen).
"""
from __future__ import annotations

import re
from typing import Optional

from knowledge.model import Section
from knowledge.parsers.common import Line, section_key
from knowledge.parsers.kd_ocr_extract.lines import _Ctx, _TERMINAL, _text_of


def _is_heading(lines: list[Line], i: int) -> bool:
    """A short title line: ≤ 6 words, capitalised, no final punctuation or comma, after a
    sentence end (or a blank/start) and followed by text."""
    s = lines[i].text
    if not s or not s[:1].isupper() or len(s.split()) > 6 or re.search(r"[.,;:]$", s):
        return False
    prev = next((ln.text for ln in reversed(lines[:i]) if ln.text), None)
    if prev is not None and not _TERMINAL.search(prev) and not prev.endswith(")"):
        return False
    return any(ln.text for ln in lines[i + 1:])


def _prose_sections(ctx: _Ctx, lines: list[Line], prefix: str, headings: Optional[list[str]] = None) -> list[Section]:
    out: list[Section] = []
    cur: Optional[tuple[str, int]] = None
    body: list[Line] = []

    def close() -> None:
        if cur is None:
            return
        text, span = _text_of(ctx, body)
        if text:
            title = ctx.repair(cur[0])
            key = section_key(prefix, title)
            out.append(Section(key, title, text, ctx.origin(cur[1], span[1], key)))

    for i, ln in enumerate(lines):
        is_head = ln.text in headings if headings is not None else _is_heading(lines, i)
        if is_head:
            close()
            cur, body = (ln.text, ln.no), []
        elif cur is not None:
            body.append(ln)
    close()
    return out
