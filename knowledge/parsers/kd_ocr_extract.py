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
words, ...); the lines of a paragraph are joined with spaces, paragraphs with "\\n".
The dossier's title and crebo are not in the text: `title` is None (supplied by the manifest).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from knowledge.model import (
    KWALIFICATIEDOSSIER,
    Dossier,
    DossierError,
    Kerntaak,
    Origin,
    Profiel,
    Section,
    Vakkennis,
    Werkproces,
)
from knowledge.parsers.common import Line, section_key, stems, title_fit
from knowledge.repair import ocr

KT_CODE = r"[BP]\d+-K\d+"
WP_CODE = r"[BP]\d+-K\d+-W\d+"

_OVERVIEW = "Overzicht van het kwalificatiedossier"
_BASISDEEL = "Basisdeel"
_PROFIELDEEL = "Profieldeel"
_GENERIEK_RE = re.compile(r"^\d+\.\s*Generieke onderdelen$")
_SPECIFIEK_RE = re.compile(r"^\d+\.\s*Beroepsspecifieke onderdelen$")

KT_LABELS = {
    "Complexiteit": "complexiteit",
    "Verantwoordelijkheid en zelfstandigheid": "verantwoordelijkheid",
    "Vakkennis en vaardigheden": "vakkennis",
}
WP_LABELS = {"Omschrijving": "omschrijving", "Resultaat": "resultaat", "Gedrag": "gedrag"}
_COMP_RE = re.compile(r"^De onderliggende competenties zijn:\s*(.*)$")
_PROFILE_ROW_RE = re.compile(r"^(P\d+)\s+(.+?)\s+([1-4])\s+(Ja|Nee)\s+(\S+)\s*$")
_GARBLED_WP_RE = re.compile(r"\s+(?:[A-Z]{1,3}\s+){1,3}W\s*\W?(\d{1,2})\s*$")
_INTRO_RE = re.compile(r"^De\s.+:$")


# --------------------------------------------------------------------------------------------
# Lines


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


# --------------------------------------------------------------------------------------------
# Overview


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
        raise DossierError(ctx.source, "overzicht: geen titel voor " + ", ".join(wp.code for wp in pending))
    return row, kts


# --------------------------------------------------------------------------------------------
# Blocks (kerntaak / werkproces sections)


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


# --------------------------------------------------------------------------------------------
# Prose sections


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


# --------------------------------------------------------------------------------------------
# Entry point


def _find(lines: list[Line], pred, start: int = 0, source: str = "", what: str = "") -> int:
    for i in range(start, len(lines)):
        if lines[i].text and pred(lines[i].text):
            return i
    raise DossierError(source, f"{what} ontbreekt")


def parse(source: str, text: str) -> Dossier:
    if not text or not text.strip():
        raise DossierError(source, "leeg bestand")
    ctx = _Ctx(source, text)
    lines = _clean_lines(text)

    i_ov = _find(lines, lambda s: s == _OVERVIEW, 0, source, f"'{_OVERVIEW}'")
    i_basis = _find(lines, lambda s: s == _BASISDEEL, i_ov + 1, source, "'Basisdeel'")
    i_gen = _find(lines, lambda s: bool(_GENERIEK_RE.match(s)), i_basis + 1, source, "'Generieke onderdelen'")
    i_prof = _find(lines, lambda s: s == _PROFIELDEEL, i_gen + 1, source, "het profieldeel ('Profieldeel')")

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
        raise DossierError(source, "overzicht: rij van het profiel (code, niveau, beroepsvereisten, typering) ontbreekt")
    if not ov_kts:
        raise DossierError(source, "overzicht: geen kerntaken")

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
            raise DossierError(source, f"basisdeel: {block.kind}-blok zonder kop")
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
                raise DossierError(source, f"basisdeel: werkproces {block.code} zonder kerntaak")
            wp = Werkproces(block.code, ctx.repair(block.title or ""))
            wp.origins["title"] = ctx.origin(block.heading_line, block.heading_line, block.code)
            _fill_wp(ctx, wp, block)
            kt.werkprocessen.append(wp)
    for ov in ov_kts:  # overview kerntaken of the basisdeel without a section: outline only
        if ov.code.startswith("B") and ov.code not in kt_by_code:
            dossier.kerntaken.append(_outline_kt(ctx, ov))
    if not dossier.kerntaken:
        raise DossierError(source, "basisdeel: geen kerntaken")

    # Generieke onderdelen
    gen = lines[i_gen + 1:i_prof]
    dossier.sections.extend(_prose_sections(ctx, gen, "generiek"))

    # Profieldeel
    dossier.profielen = _profiles(ctx, row, ov_kts, lines[i_prof + 1:], dossier)
    return dossier


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


def _profiles(ctx: _Ctx, row: _OvRow, ov_kts: list[_OvKt], lines: list[Line], dossier: Dossier) -> list[Profiel]:
    source = ctx.source
    by_profile: dict[str, list[_OvKt]] = {}
    for kt in ov_kts:
        if kt.code.startswith("P"):
            by_profile.setdefault(kt.code.split("-")[0], []).append(kt)
    if not by_profile:
        raise DossierError(source, "overzicht: geen profielen")

    # The profile part: its header fields, then headless blocks.
    first_block = next((n for n, ln in enumerate(lines) if ln.text in KT_LABELS or ln.text in WP_LABELS), None)
    if first_block is None:
        raise DossierError(source, "profieldeel: geen kerntaak- of werkprocesblokken")
    header = lines[:first_block]
    blocks = _blocks(lines[first_block:])
    shape: list[int] = []
    for b in blocks:
        if b.kind == "kt":
            shape.append(0)
        elif shape:
            shape[-1] += 1
        else:
            raise DossierError(source, "profieldeel: werkproces vóór de eerste kerntaak")

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
            f"profieldeel: {len(shape)} kerntaken met {shape} werkprocessen passen bij "
            f"{'geen' if not matches else 'meer dan één'} profiel van het overzicht "
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


_PROFILE_HEADS = {"Mbo-niveau": "niveau", "Typering van het beroep": "typering_beroep", "Beroepsvereisten": "beroepsvereisten"}


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
                    raise DossierError(ctx.source, f"{p.code}: mbo-niveau {niveau} in het profieldeel, {p.niveau} in het overzicht")
                p.niveau = niveau
                p.origins["niveau"] = ctx.origin(span[0], span[1], f"{p.code} mbo-niveau")
        else:
            setattr(p, name, text)
            p.origins[name] = ctx.origin(span[0], span[1], section)
