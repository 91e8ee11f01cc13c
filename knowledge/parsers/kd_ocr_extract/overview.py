"""kd-ocr-extract: the overview (the kept profile's row; codes and titles of every kerntaak and
werkproces, wrapped and detached titles, codes lost by OCR inferred from the sequence).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from knowledge.model import DossierError
from knowledge.parsers.common import Line
from knowledge.repair import ocr
from knowledge.parsers.kd_ocr_extract.labels import KT_CODE, WP_CODE, _GARBLED_WP_RE, _PROFILE_ROW_RE
from knowledge.parsers.kd_ocr_extract.lines import _Ctx


@dataclass
class _OvWp:
    code: str
    title_lines: list[str] = field(default_factory=list)
    start: int = 0
    end: int = 0


@dataclass
class _OvKt:
    code: str
    title_lines: list[str] = field(default_factory=list)
    start: int = 0
    end: int = 0
    wps: list[_OvWp] = field(default_factory=list)


@dataclass
class _OvRow:
    code: str
    title_lines: list[str]
    niveau: int
    beroepsvereisten: str
    typering: str
    start: int
    end: int


def _parse_overview(ctx: _Ctx, lines: list[Line]) -> tuple[Optional[_OvRow], list[_OvKt]]:
    row: Optional[_OvRow] = None
    kts: list[_OvKt] = []
    pending: list[_OvWp] = []  # werkprocessen whose title has not been read yet
    last_code_line_kt = False  # did the last line with codes begin with a kerntaak code?
    detached: Optional[_OvWp] = None  # detached title being read
    started = False

    def add_wp(kt: _OvKt, number: int, no: int) -> _OvWp:
        last = int(kt.wps[-1].code.rsplit("W", 1)[1]) if kt.wps else 0
        for missing in range(last + 1, number):  # a code lost by OCR between two read ones
            gap = _OvWp(f"{kt.code}-W{missing}", start=no, end=no)
            kt.wps.append(gap)
            pending.append(gap)
        wp = _OvWp(f"{kt.code}-W{number}", start=no, end=no)
        kt.wps.append(wp)
        return wp

    for ln in lines:
        s = ocr.repair_codes(ln.text)
        if not s:
            continue
        m = _PROFILE_ROW_RE.match(s)
        if m and not started:
            row = _OvRow(m.group(1), [m.group(2)], int(m.group(3)), m.group(4), m.group(5), ln.no, ln.no)
            continue
        # The row's name wraps onto the lines right below it (no blank line between), whatever
        # their first character: "arbeidsbemiddeling", "(ICT) support", "3D-print".
        if row is not None and not started and ln.no == row.end + 1 and not re.search(KT_CODE, s):
            row.title_lines.append(s)
            row.end = ln.no
            continue

        garbled = _GARBLED_WP_RE.search(s)
        if garbled and not re.search(WP_CODE, s):
            s = s[: garbled.start()]
        tokens = re.split(rf"({WP_CODE}|(?<![\w-]){KT_CODE}(?![\w-]))", s)
        codes_here = [t for t in tokens if re.fullmatch(rf"{WP_CODE}|{KT_CODE}", t or "")]
        if codes_here or garbled:
            started = True
            detached = None
            first = tokens[0].strip()
            current_wp: Optional[_OvWp] = None
            for n, tok in enumerate(tokens):
                tok = (tok or "").strip()
                if not tok:
                    continue
                if re.fullmatch(WP_CODE, tok):
                    kt_code = tok.rsplit("-", 1)[0]
                    kt = next((k for k in kts if k.code == kt_code), None)
                    if kt is None:
                        kt = _OvKt(kt_code, start=ln.no, end=ln.no)
                        kts.append(kt)
                    current_wp = add_wp(kt, int(tok.rsplit("W", 1)[1]), ln.no)
                    pending.append(current_wp)
                elif re.fullmatch(KT_CODE, tok):
                    kts.append(_OvKt(tok, start=ln.no, end=ln.no))
                    current_wp = None
                elif current_wp is not None:
                    current_wp.title_lines.append(tok)
                    if current_wp in pending:
                        pending.remove(current_wp)
                elif kts:
                    kts[-1].title_lines.append(tok)  # text before the line's first code
                    kts[-1].end = ln.no
            if garbled and kts:
                wp = add_wp(kts[-1], int(garbled.group(1)), ln.no)
                pending.append(wp)
            last_code_line_kt = bool(re.match(KT_CODE + r"(?!-)", ocr.repair_codes(ln.text).strip())) or (
                bool(first) and not re.fullmatch(WP_CODE, first) and last_code_line_kt
            )
            continue
        if not started:
            continue
        # A line without codes.
        if s[:1].islower() or s.startswith(("(", "-")):
            if detached is not None:
                detached.title_lines.append(s)
                detached.end = ln.no
            elif last_code_line_kt and kts:
                kts[-1].title_lines.append(s)
                kts[-1].end = ln.no
            elif kts and kts[-1].wps:
                kts[-1].wps[-1].title_lines.append(s)
                kts[-1].wps[-1].end = ln.no
            continue
        if pending:
            detached = pending.pop(0)
            detached.title_lines = [s]
            detached.start = detached.end = ln.no
            continue
        # A capitalised line with nothing waiting for a title: heading text ("Profieldeel").
        detached = None
        last_code_line_kt = False
    if pending:
        raise DossierError(ctx.source, f"the overview (line {pending[0].start}) gives no title for "
                                       + ", ".join(wp.code for wp in pending))
    return row, kts
