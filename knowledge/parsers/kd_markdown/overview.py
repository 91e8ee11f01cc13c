"""kd-markdown: the overview (profile table, lists of codes and titles), the document's outline
(table of contents and overview: which code has which title) and where the body begins.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from rapidfuzz import process

from knowledge.model import DossierError
from knowledge.repair import markup
from knowledge.parsers.kd_markdown.elements import _CODE_HEAD, _OUTLINE_ENTRY, _PARTS, _PROFILE_HEAD


class _Outline:
    """The codes and titles the document lists before its body (table of contents, overview).

    They decide what a heading is: "P2 <title>" opens profile P2 when the outline gives P2 that
    title, whatever the title looks like (a digit, a parenthesis, lower case, 80+ characters, a
    final full stop). A code the outline does not list is judged by the body's own structure
    (`_Walker.profile_head`).
    """

    def __init__(self, lines: list[str], end: int):
        self.titles: dict[str, set[str]] = {}
        for raw in lines[:end]:
            if "\t" not in raw:
                continue  # the outline's lines are table rows (title, page number / columns)
            for cell in raw.split("\t"):
                m = _OUTLINE_ENTRY.match(markup.clean_text(cell))
                if m:
                    self.titles.setdefault(m.group("code"), set()).add(self.key(m.group("title")))

    @staticmethod
    def key(title: str) -> str:
        return markup.normalize_space(markup.clean_text(title)).lower()

    def lists(self, code: str) -> bool:
        return code in self.titles

    def names(self, code: str, title: str) -> bool:
        """Does the outline give `code` this title (up to conversion noise)?"""
        known = self.titles.get(code)
        if not known:
            return False
        key = self.key(title)
        return key in known or process.extractOne(key, list(known), score_cutoff=92) is not None


@dataclass
class _OverviewRow:
    line: int
    code: str
    title: str
    niveau: Optional[str] = None
    beroepsvereisten: Optional[str] = None
    typering: Optional[str] = None


def _parse_overview(lines: list[str], start: int, end: int) -> tuple[list[_OverviewRow], dict[str, tuple[str, int]]]:
    """The profile table (by its header row) and the code -> (title, line) lists."""
    rows: list[_OverviewRow] = []
    codes: dict[str, tuple[str, int]] = {}
    columns: Optional[dict[str, int]] = None
    for i in range(start, end):
        no, raw = i + 1, lines[i]
        cells = [markup.clean_text(c) for c in raw.split("\t")]
        lows = [c.lower() for c in cells]
        if columns is None and any("niveau" in c for c in lows) and len(cells) >= 2:
            columns = {}
            for n, c in enumerate(lows):
                if "niveau" in c:
                    columns.setdefault("niveau", n)
                elif "beroepsvereisten" in c:
                    columns.setdefault("beroepsvereisten", n)
                elif "typering" in c:
                    columns.setdefault("typering", n)
            continue
        m = _PROFILE_HEAD.match(cells[0]) if cells and "\t" in raw else None
        if columns is not None and m and len(cells) > max(columns.values()) and any(cells[1:]):
            row = _OverviewRow(no, m.group("code"), m.group("title").strip())
            for name, n in columns.items():
                setattr(row, name, cells[n] or None)
            rows.append(row)
            continue
        if columns is not None and rows and not raw.strip():
            columns = None  # the table ended
        for n, cell in enumerate(cells):
            cm = _CODE_HEAD.match(cell) or re.match(r"^(?P<code>[BP]\d+-K\d+(?:-W\d+)?)$", cell)
            if not cm:
                continue
            title = cm.groupdict().get("title") or (cells[n + 1] if n + 1 < len(cells) else "")
            if title and cm.group("code") not in codes:
                codes[cm.group("code")] = (title.strip(), no)
    return rows, codes


def _body_start(source: str, lines: list[str]) -> int:
    """Index of the body's 'Basisdeel' line: the one whose part holds a kerntaak heading of its own."""
    stripped = [ln.rstrip() for ln in lines]
    words = [markup.clean_text(ln).lower() for ln in stripped]
    for i, word in enumerate(words):
        if word != "basisdeel":
            continue
        for ln2, word2 in zip(stripped[i + 1:], words[i + 1:]):
            if word2 in _PARTS:
                break
            m = _CODE_HEAD.match(markup.clean_text(markup.split_glued_bold(ln2)[0]))
            if m and "\t" not in ln2 and "-W" not in m.group("code"):
                return i
    if "basisdeel" in words:
        raise DossierError(source, "the 'Basisdeel' has no kerntaak heading (e.g. 'B1-K1: <title>')")
    raise DossierError(source, "no 'Basisdeel' section")
