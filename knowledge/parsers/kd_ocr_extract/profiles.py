"""kd-ocr-extract: the profile part: headless blocks aligned to the one profile of the overview whose
structure (and werkproces titles) they match.
"""
from __future__ import annotations

import re
from typing import Optional

from knowledge.model import Dossier, DossierError, Kerntaak, Profiel, Werkproces
from knowledge.parsers.common import Line, stems, title_fit
from knowledge.parsers.kd_ocr_extract.blocks import (
    _Block,
    _blocks,
    _fill_kt,
    _fill_wp,
    _outline_kt,
    _ov_title,
)
from knowledge.parsers.kd_ocr_extract.labels import KT_LABELS, WP_LABELS, _PROFILE_HEADS
from knowledge.parsers.kd_ocr_extract.lines import _Ctx, _text_of
from knowledge.parsers.kd_ocr_extract.overview import _OvKt, _OvRow


def _profiles(ctx: _Ctx, row: _OvRow, ov_kts: list[_OvKt], lines: list[Line], dossier: Dossier) -> list[Profiel]:
    source = ctx.source
    by_profile: dict[str, list[_OvKt]] = {}
    for kt in ov_kts:
        if kt.code.startswith("P"):
            by_profile.setdefault(kt.code.split("-")[0], []).append(kt)
    if not by_profile:
        raise DossierError(source, "the overview lists no kerntaken of a profile (P1-K1, ...)")

    # The profile part: its header fields, then headless blocks.
    first_block = next((n for n, ln in enumerate(lines) if ln.text in KT_LABELS or ln.text in WP_LABELS), None)
    if first_block is None:
        raise DossierError(source, f"the profile part (line {lines[0].no if lines else '?'}) has no kerntaak or "
                                   "werkproces sections ('Complexiteit', 'Omschrijving', ...)")
    header = lines[:first_block]
    blocks = _blocks(lines[first_block:])
    shape: list[int] = []
    for b in blocks:
        if b.kind == "kt":
            shape.append(0)
        elif shape:
            shape[-1] += 1
        else:
            raise DossierError(source, f"the profile part: a werkproces section (line {_first_line(b)}) "
                                       "before the first kerntaak")

    def shape_of(code: str) -> list[int]:
        return [len(kt.wps) for kt in by_profile[code]]

    matches = [code for code in by_profile if shape_of(code) == shape]
    if len(matches) > 1:
        # Same shape: the profile whose werkproces titles the blocks' texts speak of.
        scores = {c: _title_fit(ctx, by_profile[c], blocks) for c in matches}
        ranked = sorted(matches, key=lambda c: -scores[c])
        if scores[ranked[0]] > scores[ranked[1]] * 1.5 and scores[ranked[0]] > 0:
            matches = [ranked[0]]
    if len(matches) == 1:
        code = matches[0]
        if code != row.code:
            dossier.unreadable.append(
                f"het overzicht noemt het profiel {row.code}, maar de kerntaken van het profieldeel zijn "
                f"die van {code} ({', '.join(kt.code for kt in by_profile[code])})"
            )
    else:
        raise DossierError(
            source,
            f"the profile part (line {lines[first_block].no}): {len(shape)} kerntaken with {shape} werkprocessen "
            f"fit {'no' if not matches else 'more than one'} profile of the overview "
            f"({', '.join(f'{c}: {shape_of(c)}' for c in by_profile)})",
        )

    profielen = []
    for pcode, kts in by_profile.items():
        if pcode != code:
            p = Profiel(pcode, None, outline_only=True)
            p.kerntaken = [_outline_kt(ctx, kt) for kt in kts]
            profielen.append(p)
            continue
        p = Profiel(pcode, ctx.name(row.title_lines))
        p.origins["title"] = ctx.origin(row.start, row.end, f"{pcode} overzicht")
        p.typering_kwalificatie = row.typering
        p.origins["typering_kwalificatie"] = ctx.origin(row.start, row.start, f"{pcode} typering kwalificatie")
        p.beroepsvereisten = row.beroepsvereisten
        p.origins["beroepsvereisten"] = ctx.origin(row.start, row.start, f"{pcode} beroepsvereisten")
        p.niveau = row.niveau
        p.origins["niveau"] = ctx.origin(row.start, row.start, f"{pcode} mbo-niveau")
        _profile_header(ctx, p, header)
        blocks_iter = iter(blocks)
        for ov in kts:
            kb = next(blocks_iter)
            kt = Kerntaak(ov.code, _ov_title(ctx, ov.title_lines))
            kt.origins["title"] = ctx.origin(ov.start, ov.end, f"{ov.code} overzicht")
            _fill_kt(ctx, kt, kb)
            for ow in ov.wps:
                wb = next(blocks_iter)
                wp = Werkproces(ow.code, _ov_title(ctx, ow.title_lines))
                wp.origins["title"] = ctx.origin(ow.start, ow.end, f"{ow.code} overzicht")
                _fill_wp(ctx, wp, wb)
                kt.werkprocessen.append(wp)
            p.kerntaken.append(kt)
        profielen.append(p)
    return profielen


def _first_line(block: _Block) -> Optional[int]:
    return min((ln.no for part in block.fields.values() for ln in part), default=None)


def _title_fit(ctx: _Ctx, kts: list[_OvKt], blocks: list[_Block]) -> float:
    """How well a profile's werkproces titles match the texts of the blocks aligned to them."""
    from spacy.lang.nl.stop_words import STOP_WORDS  # noqa: PLC0415

    score = 0.0
    wp_blocks = iter([b for b in blocks if b.kind == "wp"])
    for kt in kts:
        for wp in kt.wps:
            block = next(wp_blocks, None)
            if block is None:
                return score
            title = " ".join(wp.title_lines)
            body = " ".join(ln.text for lines in block.fields.values() for ln in lines)
            words = stems(title, 4, STOP_WORDS)
            if words:
                score += title_fit(title, body, 4, STOP_WORDS) / len(words)
    return score


def _profile_header(ctx: _Ctx, p: Profiel, header: list[Line]) -> None:
    parts: dict[str, list[Line]] = {}
    cur: Optional[list[Line]] = None
    for ln in header:
        if ln.text in _PROFILE_HEADS:
            cur = parts.setdefault(_PROFILE_HEADS[ln.text], [])
        elif cur is not None:
            cur.append(ln)
    for name, body in parts.items():
        text, span = _text_of(ctx, body)
        if not text:
            continue
        section = f"{p.code} {name.replace('_', ' ')}"
        if name == "niveau":
            m = re.fullmatch(r"\d", text.strip())
            if m:
                niveau = int(text.strip())
                if p.niveau is not None and niveau != p.niveau:
                    raise DossierError(ctx.source, f"{p.code}: mbo-niveau {niveau} in the profile part (line {span[0]}), "
                                                 f"{p.niveau} in the overview")
                p.niveau = niveau
                p.origins["niveau"] = ctx.origin(span[0], span[1], f"{p.code} mbo-niveau")
        else:
            setattr(p, name, text)
            p.origins[name] = ctx.origin(span[0], span[1], section)
