"""Parser for an OCR'd *extract* of a kwalificatiedossier for one kwalificatie ("kd-ocr-extract").

The format (SBB kwalificatiedossier printed to PDF, pages of one kwalificatie kept, then OCR'd):

* ``Leeswijzer`` (kept as a section);
* ``Overzicht van het kwalificatiedossier``: the row of the kept profile
  (``P1 <title> <niveau> <Ja|Nee> <typering>``, the title may wrap onto the next line), then the
  codes of every kerntaak and werkproces of the basisdeel and of **all** profiles. A kerntaak
  line reads ``<kt code> <kt title> <wp code> <wp title>``; titles wrap onto following lines
  (a lower-case line continues the kerntaak title when the last code line began with a kerntaak
  code, else the werkproces title). For some kerntaken the werkproces titles are *detached*: the
  codes come first, the titles follow in a block, in order (a line starting with a capital
  starts a title, a lower-case line continues it). A code garbled beyond reading at the end of
  a line ("B KL W2") or missing between two read codes is inferred from the sequence;
* ``Basisdeel``: ``1. Beroepsspecifieke onderdelen`` (Typering van de beroepengroep: Context,
  Typerende beroepshouding, Resultaat van de beroepengroep; then per kerntaak ``B1-K1: <title>``
  Complexiteit / Verantwoordelijkheid en zelfstandigheid / Vakkennis en vaardigheden, and per
  werkproces ``B1-K1-W1: <title>`` Omschrijving / Resultaat / Gedrag / "De onderliggende
  competenties zijn: ..."), ``2. Generieke onderdelen`` (one titled text per onderdeel);
* ``Profieldeel``: Mbo-niveau, Typering van het beroep, Beroepsvereisten, then the kerntaak and
  werkproces blocks of the kept profile **without their headings**: a block opened by
  "Complexiteit" is the next kerntaak, a block opened by "Omschrijving" the next werkproces.
  They are aligned by order with the overview's codes of the one profile whose structure
  (number of kerntaken and of werkprocessen per kerntaak) matches; the overview's row label
  is not trusted (it may name another profile). A mismatch is a `DossierError`.

Profiles other than the kept one exist only as codes and titles (``outline_only``).
Texts are repaired by `knowledge.repair.ocr` (page footers, stray bullets, é for ë, glued
words, ...); the lines of a paragraph are joined with spaces, paragraphs with "\n".
The dossier's title and crebo are not in the text: `title` is None (supplied by the manifest).
"""
from __future__ import annotations

import re

from knowledge.model import KWALIFICATIEDOSSIER, Dossier, DossierError, Kerntaak, Section, Werkproces
from knowledge.repair import ocr
from knowledge.parsers.kd_ocr_extract.blocks import _blocks, _fill_kt, _fill_wp, _outline_kt
from knowledge.parsers.kd_ocr_extract.labels import (
    KT_CODE,
    _BASISDEEL,
    _GENERIEK_RE,
    _OVERVIEW,
    _PROFIELDEEL,
    _SPECIFIEK_RE,
)
from knowledge.parsers.kd_ocr_extract.lines import _Ctx, _clean_lines, _find, _text_of
from knowledge.parsers.kd_ocr_extract.overview import _parse_overview
from knowledge.parsers.kd_ocr_extract.profiles import _profiles
from knowledge.parsers.kd_ocr_extract.prose import _prose_sections


def parse(source: str, text: str) -> Dossier:
    if not text or not text.strip():
        raise DossierError(source, "empty file")
    ctx = _Ctx(source, text)
    lines = _clean_lines(text)

    i_ov = _find(lines, lambda s: s == _OVERVIEW, 0, source, f"'{_OVERVIEW}'")
    i_basis = _find(lines, lambda s: s == _BASISDEEL, i_ov + 1, source, "'Basisdeel'")
    i_gen = _find(lines, lambda s: bool(_GENERIEK_RE.match(s)), i_basis + 1, source, "'Generieke onderdelen'")
    i_prof = _find(lines, lambda s: s == _PROFIELDEEL, i_gen + 1, source, "the profile part ('Profieldeel')")

    dossier = Dossier(title=None, kind=KWALIFICATIEDOSSIER, source=source)  # type: ignore[arg-type]

    # Leeswijzer
    lees = [ln for ln in lines[:i_ov]]
    head = next((n for n, ln in enumerate(lees) if ln.text == "Leeswijzer"), None)
    if head is not None:
        text_, span = _text_of(ctx, lees[head + 1:])
        if text_:
            dossier.sections.append(Section("leeswijzer", "Leeswijzer", text_, ctx.origin(lees[head].no, span[1], "leeswijzer")))

    # Overview
    row, ov_kts = _parse_overview(ctx, lines[i_ov + 1:i_basis])
    if row is None:
        raise DossierError(source, f"the overview (line {lines[i_ov].no}) has no row of the profile "
                                   "(code, name, mbo-niveau, beroepsvereisten, typering)")
    if not ov_kts:
        raise DossierError(source, f"the overview (line {lines[i_ov].no}) lists no kerntaken")

    # Basisdeel
    basis_lines = lines[i_basis + 1:i_gen]
    first_head = next(
        (n for n, ln in enumerate(basis_lines) if re.match(rf"^{KT_CODE}:", ocr.repair_codes(ln.text))), len(basis_lines)
    )
    typering = [ln for ln in basis_lines[:first_head] if not _SPECIFIEK_RE.match(ln.text)]
    t_head = next((n for n, ln in enumerate(typering) if ln.text == "Typering van de beroepengroep"), None)
    if t_head is not None:
        dossier.sections.extend(
            _prose_sections(ctx, typering[t_head + 1:], "beroepengroep",
                            ["Context", "Typerende beroepshouding", "Resultaat van de beroepengroep"])
        )
    kt_by_code: dict[str, Kerntaak] = {}
    for block in _blocks(basis_lines[first_head:]):
        if block.code is None:
            first = min((ln.no for part in block.fields.values() for ln in part), default=None)
            raise DossierError(source, f"basisdeel: a {'kerntaak' if block.kind == 'kt' else 'werkproces'} section "
                                       f"without its heading (line {first})")
        if block.kind == "kt":
            kt = Kerntaak(block.code, ctx.repair(block.title or ""))
            kt.origins["title"] = ctx.origin(block.heading_line, block.heading_line, block.code)
            _fill_kt(ctx, kt, block)
            dossier.kerntaken.append(kt)
            kt_by_code[kt.code] = kt
        else:
            kt_code = block.code.rsplit("-", 1)[0]
            kt = kt_by_code.get(kt_code)
            if kt is None:
                raise DossierError(source, f"basisdeel: werkproces {block.code} (line {block.heading_line}) "
                                           "comes before its kerntaak")
            wp = Werkproces(block.code, ctx.repair(block.title or ""))
            wp.origins["title"] = ctx.origin(block.heading_line, block.heading_line, block.code)
            _fill_wp(ctx, wp, block)
            kt.werkprocessen.append(wp)
    for ov in ov_kts:  # overview kerntaken of the basisdeel without a section: outline only
        if ov.code.startswith("B") and ov.code not in kt_by_code:
            dossier.kerntaken.append(_outline_kt(ctx, ov))
    if not dossier.kerntaken:
        raise DossierError(source, f"basisdeel (line {lines[i_basis].no}): no kerntaken")

    # Generieke onderdelen
    gen = lines[i_gen + 1:i_prof]
    dossier.sections.extend(_prose_sections(ctx, gen, "generiek"))

    # Profieldeel
    dossier.profielen = _profiles(ctx, row, ov_kts, lines[i_prof + 1:], dossier)
    return dossier
