"""kd-ocr-extract: kerntaak and werkproces blocks (by heading or by their first label) and their
fields; outline-only kerntaken and werkprocessen from the overview.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from knowledge.model import Kerntaak, Vakkennis, Werkproces
from knowledge.parsers.common import Line
from knowledge.repair import ocr
from knowledge.parsers.kd_ocr_extract.labels import (
    KT_CODE,
    KT_LABELS,
    WP_CODE,
    WP_LABELS,
    _COMP_RE,
    _INTRO_RE,
)
from knowledge.parsers.kd_ocr_extract.lines import _Ctx, _Para, _text_of
from knowledge.parsers.kd_ocr_extract.overview import _OvKt, _OvWp


@dataclass
class _Block:
    kind: str  # "kt" | "wp"
    code: Optional[str]  # from a heading, when present
    title: Optional[str]
    heading_line: Optional[int]
    fields: dict[str, list[Line]] = field(default_factory=dict)
    comp: list[Line] = field(default_factory=list)


def _blocks(lines: list[Line]) -> list[_Block]:
    """Split a region into kerntaak and werkproces blocks (by heading or by first label)."""
    blocks: list[_Block] = []
    cur: Optional[_Block] = None
    target: Optional[list[Line]] = None
    heading: Optional[tuple[str, str, int]] = None
    seen_codes: set[str] = set()
    for ln in lines:
        s = ocr.repair_codes(ln.text)
        m = re.match(rf"^({WP_CODE}|{KT_CODE}):\s*(.+)$", s)
        if m:
            code = m.group(1)
            if code in seen_codes:  # page header repeating the current heading
                continue
            seen_codes.add(code)
            heading = (code, m.group(2), ln.no)
            cur, target = None, None
            continue
        if s in KT_LABELS or s in WP_LABELS:
            kind = "kt" if s in KT_LABELS else "wp"
            name = KT_LABELS.get(s) or WP_LABELS[s]
            opens = name in ("complexiteit", "omschrijving")
            if cur is None or cur.kind != kind or (opens and name in cur.fields):
                if heading is not None and (kind == "wp") == bool(re.fullmatch(WP_CODE, heading[0])):
                    cur = _Block(kind, heading[0], heading[1], heading[2])
                else:
                    cur = _Block(kind, None, None, None)
                heading = None
                blocks.append(cur)
            target = cur.fields.setdefault(name, [])
            continue
        cm = _COMP_RE.match(s)
        if cm and cur is not None:
            target = cur.comp
            target.append(Line(ln.no, cm.group(1)))
            continue
        if target is not None:
            target.append(ln)
    return blocks


def _items(lines: list[Line]) -> tuple[list[tuple[Optional[str], _Para]], list[Line]]:
    """List items with the group heading above them; returns (items, intro lines)."""
    items: list[tuple[Optional[str], _Para]] = []
    intro: list[Line] = []
    group: Optional[str] = None
    prev_text: Optional[str] = None
    for ln in lines:
        if not ln.text:
            continue
        is_item, rest = ocr.split_bullet(ln.text, prev_text)
        prev_text = ln.text
        if is_item:
            items.append((group, _Para([rest], ln.no, ln.no, item=True)))
            continue
        s = ln.text
        if not items and _INTRO_RE.match(s):
            intro.append(ln)
            continue
        last = items[-1][1] if items else None
        continues = last is not None and (
            s[:1].islower()
            or last.lines[-1].rstrip().endswith((",", "-", " en", " of"))
            or len(s.split()) > 6
            or "," in s
        )
        if continues:
            last.lines.append(s)
            last.end = ln.no
        elif _INTRO_RE.match(s):
            intro.append(ln)
        else:
            group = s
    return items, intro


def _item_text(ctx: _Ctx, para: _Para) -> str:
    return ctx.join(para.lines).rstrip(";.").strip()


def _competences(ctx: _Ctx, lines: list[Line]) -> list[str]:
    text = ctx.join([ln.text for ln in lines if ln.text])
    return [c.strip().rstrip(".") for c in text.split(",") if c.strip()]


def _fill_kt(ctx: _Ctx, kt: Kerntaak, block: _Block) -> None:
    for name in ("complexiteit", "verantwoordelijkheid"):
        text, span = _text_of(ctx, block.fields.get(name, []))
        if text:
            setattr(kt, name, text)
            kt.origins[name] = ctx.origin(span[0], span[1], f"{kt.code} {name}")
    items, _ = _items(block.fields.get("vakkennis", []))
    for group, para in items:
        kt.vakkennis.append(Vakkennis(_item_text(ctx, para), ctx.repair(group) if group else None))
    if items:
        kt.origins["vakkennis"] = ctx.origin(items[0][1].start, items[-1][1].end, f"{kt.code} vakkennis")


def _fill_wp(ctx: _Ctx, wp: Werkproces, block: _Block) -> None:
    for name in ("omschrijving", "resultaat"):
        text, span = _text_of(ctx, block.fields.get(name, []))
        if text:
            setattr(wp, name, text)
            wp.origins[name] = ctx.origin(span[0], span[1], f"{wp.code} {name}")
    items, _ = _items(block.fields.get("gedrag", []))
    wp.gedrag = [_item_text(ctx, p) for _, p in items]
    if items:
        wp.origins["gedrag"] = ctx.origin(items[0][1].start, items[-1][1].end, f"{wp.code} gedrag")
    comp = [ln for ln in block.comp if ln.text]
    if comp:
        wp.competenties = _competences(ctx, comp)
        wp.origins["competenties"] = ctx.origin(comp[0].no, comp[-1].no, f"{wp.code} competenties")


def _ov_title(ctx: _Ctx, lines: list[str]) -> str:
    return ctx.join(lines)


def _outline_wp(ctx: _Ctx, ov: _OvWp) -> Werkproces:
    wp = Werkproces(ov.code, _ov_title(ctx, ov.title_lines), outline_only=True)
    wp.origins["title"] = ctx.origin(ov.start, ov.end, f"{ov.code} overzicht")
    return wp


def _outline_kt(ctx: _Ctx, ov: _OvKt) -> Kerntaak:
    kt = Kerntaak(ov.code, _ov_title(ctx, ov.title_lines), outline_only=True)
    kt.origins["title"] = ctx.origin(ov.start, ov.end, f"{ov.code} overzicht")
    kt.werkprocessen = [_outline_wp(ctx, w) for w in ov.wps]
    return kt
