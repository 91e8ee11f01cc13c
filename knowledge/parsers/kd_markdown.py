"""Parser for a *kwalificatiedossier* converted from PDF to markdown ("kd-markdown").

The format (SBB kwalificatiedossier, converted by a PDF-to-markdown tool) reads, in order:

* a title page: ``Kwalificatiedossier mbo`` / the dossier title / ``Crebonr. n``, the list of
  ``Kwalificaties`` (``- » **<title> (Crebonr. n)**``), ``Geldig vanaf``, ``Opleidingsdomein``
  (``<domain> (Crebonr. n)``), ``Penvoerder:``, ``Gevalideerd door:``, ``Op:``;
* the Inhoudsopgave and the Leeswijzer (not read);
* the overview: a tab-separated table ``Naam profiel | Mbo-niveau | Beroepsvereisten | Typering``
  and the lists of codes and titles of the basisdeel and the profieldeel;
* ``Basisdeel``: ``1. Beroepsspecifieke onderdelen`` (the typering van de beroepengroep, then per
  kerntaak ``B1-K1: <title>`` its Complexiteit / Verantwoordelijkheid en zelfstandigheid / Vakkennis
  en vaardigheden and per werkproces ``B1-K1-W1: <title>`` its Omschrijving / Resultaat / Gedrag),
  ``2. Generieke onderdelen`` (one titled text per onderdeel);
* ``Profieldeel``: per profile ``P1 <title>`` its Mbo-niveau, Typering van het beroep and
  Beroepsvereisten, then its kerntaken and werkprocessen in the basisdeel's layout.

Every basisdeel section may end in additions "Voor <profiel> geldt aanvullend:", one block per
profile. The converter lays them out as a grid (rows of up to three cells, tab-separated, cells
holding HTML) or as plain paragraphs, and a page break inside the grid repeats the section heading
(a *page header*) and continues the cut cells **without** their "Voor ..." headers. The grid rule:

* a row (or line) whose cells start with "Voor <profiel> geldt aanvullend" opens one block per cell;
* a row of n cells without such headers continues the **last n blocks**, cell by cell;
* after a page header, loose paragraphs (not a row) while blocks are open continue the cells the
  page cut: one paragraph per block that is still empty or stops mid-sentence, when their numbers
  match; otherwise they form a row as above, where a paragraph of competences closes a cell
  (``[competences] [competences]`` are two cells; a single text paragraph is one cell and
  continues the last block);
* a cell of competences never lands on a block that has competences already: it moves on to the
  next block of the row;
* a continued cell joins its block's text with a space (one cell, cut by the page); anything
  else that starts in lower case after a text without final punctuation continues that text.

Headings are recognised from the document's own outline (the table of contents and the
overview list every profile, kerntaak and werkproces with its title): "P2 <title>" opens profile
P2 when the outline gives P2 that title, whatever the name looks like ("1e Medewerker …",
"(Junior) accountmanager", lower case, a final full stop, 100+ characters). A code the outline
does not list is a heading when the body's structure says so (a profile heading is followed by
its labels or its first kerntaak; a kerntaak or werkproces title is no sentence).

A page header is a heading line carrying the code of the werkproces, kerntaak or profile that is
open: it is dropped, and what follows continues the open section. A sentence or list item cut by
it (or by a blank line) is rejoined.

A full dossier lacks no section: a werkproces without Omschrijving, Resultaat or Gedrag, a code
of the overview without its section, or an addition naming no known profile is a `DossierError`
(a cut or damaged file), never a silent gap.

Texts: the lines of one paragraph are joined with a space, paragraphs with "\\n"; list items
(gedrag, vakkennis) keep their text without the leading "- ". Markup is repaired by
`knowledge.repair.markup`. Competence names that occur once and are a small edit away from a
name used more often in the same dossier are read as that name (`canonical_names`).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Optional

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from knowledge.model import (
    KWALIFICATIEDOSSIER,
    Aanvulling,
    Dossier,
    DossierError,
    Kerntaak,
    Origin,
    Profiel,
    Section,
    Vakkennis,
    Werkproces,
)
from knowledge.parsers.common import section_key, slug
from knowledge.repair import markup

# --------------------------------------------------------------------------------------------
# Vocabulary of the format (the template's fixed headings and phrases, not one dossier's words)

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


# --------------------------------------------------------------------------------------------
# Items and elements


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


def _ends_sentence(text: str) -> bool:
    return bool(_TERMINAL.search(text.rstrip()))


def _starts_lower(text: str) -> bool:
    return text[:1].islower()


# --------------------------------------------------------------------------------------------
# Pass 1: the structure of the body (parts, profiles, kerntaken, werkprocessen, labelled sections)


@dataclass
class _Sec:
    name: str
    line: int
    elems: list[_Elem] = field(default_factory=list)


@dataclass
class _Node:
    kind: str  # profile | kt | wp
    code: str
    title: str
    line: int
    sections: dict[str, _Sec] = field(default_factory=dict)
    children: list["_Node"] = field(default_factory=list)


@dataclass
class _Prose:
    part: str  # title of the numbered part ("Generieke onderdelen")
    elems: list[_Elem] = field(default_factory=list)


@dataclass
class _Body:
    basis: list[_Node] = field(default_factory=list)  # kerntaken
    profiles: list[_Node] = field(default_factory=list)
    prose: list[_Prose] = field(default_factory=list)


def _profile_head(code: str, title: str, elems: list[_Elem], n: int, outline: _Outline,
                  profile: Optional[_Node]) -> bool:
    """Is line n ("P2 <title>") the heading of profile P2 (or its page header)?

    By the outline when it lists the code; else by what follows: a profile heading is directly
    followed by one of the profile's labels (Mbo-niveau, ...) or by its first kerntaak (P2-K1)."""
    if outline.lists(code):
        return outline.names(code, title)
    if profile is not None and code == profile.code:
        return _Outline.key(title) == _Outline.key(profile.title)
    for later in elems[n + 1:]:
        if later.kind == "blank":
            continue
        text = _single_text(later)
        if text is None:
            return False
        m = _CODE_HEAD.match(text)
        return text.lower().rstrip(": ") in _PROFILE_LABELS or bool(m and m.group("code").startswith(code + "-K"))
    return False


def _walk(source: str, elems: list[_Elem], outline: _Outline) -> _Body:
    body = _Body()
    part = "basisdeel"
    profile: Optional[_Node] = None
    kt: Optional[_Node] = None
    wp: Optional[_Node] = None
    sec: Optional[_Sec] = None
    prose: Optional[_Prose] = None

    def page_break() -> None:
        if sec is not None:
            sec.elems.append(_Elem("break", el.line))

    for n, el in enumerate(elems):
        text = _single_text(el)
        if text is not None:
            low = text.lower()
            if low in _PARTS:
                part, profile, kt, wp, sec, prose = low, None, None, None, None, None
                continue
            m = _CODE_HEAD.match(text)
            if m and (outline.names(m.group("code"), m.group("title")) or not _ends_sentence(m.group("title"))):
                code, title = m.group("code"), m.group("title").strip()
                if (kt and code == kt.code) or (wp and code == wp.code):
                    page_break()  # a page header: the open section's heading again
                    continue
                if "-W" in code:
                    if kt is None or not code.startswith(kt.code + "-"):
                        raise DossierError(source, f"werkproces {code} (line {el.line}) stands outside its kerntaak")
                    wp = _Node("wp", code, title, el.line)
                    kt.children.append(wp)
                else:
                    kt, wp = _Node("kt", code, title, el.line), None
                    if code.startswith("B"):
                        body.basis.append(kt)
                    elif profile is not None and code.startswith(profile.code + "-"):
                        profile.children.append(kt)
                    else:
                        raise DossierError(source, f"kerntaak {code} (line {el.line}) stands outside its profile")
                sec, prose = None, None
                continue
            m = _PROFILE_HEAD.match(text)
            if part == "profieldeel" and m and _profile_head(m.group("code"), m.group("title"), elems, n, outline,
                                                              profile):
                if profile and m.group("code") == profile.code:
                    page_break()
                    continue
                profile = _Node("profile", m.group("code"), m.group("title").strip(), el.line)
                body.profiles.append(profile)
                kt, wp, sec, prose = None, None, None, None
                continue
            m = _NUMBERED_PART.match(text)
            if m and _heading_like(m.group("title")):
                kt, wp, sec = None, None, None
                prose = _Prose(m.group("title").strip())
                body.prose.append(prose)
                continue
            owner = wp or kt or profile
            labels = {"wp": _WP_LABELS, "kt": _KT_LABELS, "profile": _PROFILE_LABELS}[owner.kind] if owner else {}
            name = labels.get(low.rstrip(": "))
            if owner is not None and name:
                sec = owner.sections.setdefault(name, _Sec(name, el.line))
                continue
        if sec is not None:
            sec.elems.append(el)
        elif prose is not None:
            prose.elems.append(el)
    return body


# --------------------------------------------------------------------------------------------
# Pass 2: one labelled section -> its base content and its per-profile blocks


@dataclass
class _Block:
    profiel: str  # as named in the text
    line: int
    items: list[_Item] = field(default_factory=list)


@dataclass
class _Content:
    base: list[_Item] = field(default_factory=list)
    blocks: list[_Block] = field(default_factory=list)


def _extend(target: list[_Item], items: list[_Item], *, same_paragraph: bool = False, cut_cell: bool = False) -> None:
    """Append items to a block's (or the base's) items, joining what continues the last one."""
    for n, item in enumerate(items):
        last = target[-1] if target else None
        joins = False
        if last is not None and item.kind == "text" and last.kind in ("text", "bullet"):
            if not _ends_sentence(last.text) and _starts_lower(item.text):
                joins = True  # a sentence cut by a page break or a blank line
            elif n == 0 and last.kind == "text" and not item.text.startswith("* ") and (cut_cell or same_paragraph):
                joins = True  # the next line of the same paragraph, or a cell cut by a page break
        if joins:
            last.text = f"{last.text} {item.text}"
            last.last = max(last.last, item.last)
        else:
            target.append(_Item(item.kind, item.text, item.first, item.last))


def _has_comp(items: list[_Item]) -> bool:
    return any(it.kind == "comp" for it in items)


def _continue_row(source: str, where: str, blocks: list[_Block], cells: list[list[_Item]], line: int) -> None:
    """A row of cells without "Voor ..." headers continues the last len(cells) blocks, in order."""
    n = len(cells)
    if n > len(blocks):
        raise DossierError(source, f"{where}: line {line} continues {n} additions, but only {len(blocks)} "
                                   "'Voor ... geldt aanvullend' blocks are open")
    j = len(blocks) - n - 1
    for i, cell in enumerate(cells):
        j = max(j + 1, len(blocks) - n + i)
        if not cell:
            continue
        while _has_comp(cell) and _has_comp(blocks[j].items):
            j += 1  # competences of a block that has them already belong to the next one
            if j >= len(blocks):
                raise DossierError(source, f"{where}: line {line} gives competences to an addition that has them")
        _extend(blocks[j].items, cell, cut_cell=True)


def _is_cut(block: _Block) -> bool:
    """A block whose cell the page cut: still empty, or its last text stops mid-sentence."""
    if not block.items:
        return True
    last = block.items[-1]
    return last.kind in ("text", "bullet") and not _ends_sentence(last.text)


def _loose_cells(paragraphs: list[list[_Item]]) -> list[list[_Item]]:
    """Loose paragraphs after a page break as a row: a competence line closes a cell."""
    cells: list[list[_Item]] = [[]]
    for para in paragraphs:
        if cells[-1] and _has_comp(cells[-1]):
            cells.append([])
        cells[-1].extend(para)
    return [c for c in cells if c]


def _interpret(source: str, where: str, sec: _Sec) -> _Content:
    content = _Content()
    blocks = content.blocks
    after_break, prev_blank = False, True
    loose: list[list[_Item]] = []

    def flush() -> None:
        if not loose:
            return
        cut = [b for b in blocks if _is_cut(b)]
        if len(cut) == len(loose):  # one loose paragraph per cut (or still empty) cell
            for block, para in zip(cut, loose):
                _extend(block.items, para, cut_cell=True)
        else:
            _continue_row(source, where, blocks, _loose_cells(loose), loose[0][0].first)
        loose.clear()

    for el in sec.elems:
        if el.kind == "blank":
            prev_blank = True
            continue
        if el.kind == "break":
            flush()
            after_break, prev_blank = True, True
            continue
        if el.kind == "row":
            flush()
            if any(cell and cell[0].kind == "voor" for cell in el.cells):
                for cell in el.cells:
                    if cell and cell[0].kind == "voor":
                        blocks.append(_Block(cell[0].text, cell[0].first))
                        _extend(blocks[-1].items, cell[1:])
                    elif cell:
                        _extend(blocks[-1].items if blocks else content.base, cell)
            else:
                cells = list(el.cells)
                while cells and not cells[-1]:
                    cells.pop()
                _continue_row(source, where, blocks, cells, el.line)
            after_break, prev_blank = False, False
            continue
        items = el.items
        if items[0].kind == "voor":
            flush()
            blocks.append(_Block(items[0].text, items[0].first))
            _extend(blocks[-1].items, items[1:])
            after_break = False
        elif blocks and after_break:
            if loose and not prev_blank:
                _extend(loose[-1], items, same_paragraph=True)
            else:
                loose.append(list(items))
        elif blocks:
            _extend(blocks[-1].items, items, same_paragraph=not prev_blank)
        else:
            _extend(content.base, items, same_paragraph=not prev_blank)
        prev_blank = False
    flush()
    return content


# --------------------------------------------------------------------------------------------
# Items -> field values


def _text(items: list[_Item]) -> Optional[str]:
    parts = [it.text if it.kind == "text" else f"- {it.text}" for it in items if it.kind in ("text", "bullet")]
    return "\n".join(parts) or None


def _list(items: list[_Item]) -> list[str]:
    out = []
    for n, it in enumerate(items):
        if it.kind == "bullet":
            out.append(it.text)
        elif it.kind == "text":
            if n == 0 and it.text.endswith(":"):
                continue  # an intro line ("De beginnend beroepsbeoefenaar:")
            out.append(it.text)
    return out


def _names(items: list[_Item]) -> list[str]:
    out: list[str] = []
    for it in items:
        if it.kind == "comp":
            out.extend(n.strip().rstrip(".;").strip() for n in it.text.split(",") if n.strip().rstrip(".;").strip())
    return out


def _vakkennis(items: list[_Item]) -> list[Vakkennis]:
    out: list[Vakkennis] = []
    group: Optional[str] = None
    for n, it in enumerate(items):
        if it.kind == "bullet":
            out.append(Vakkennis(it.text, group))
        elif it.kind == "text":
            if _heading_like(it.text):
                group = it.text
            elif not (n == 0 and it.text.endswith(":")):
                out.append(Vakkennis(it.text, group))
    return out


def _span(items: list[_Item], extra: Optional[int] = None) -> Optional[tuple[int, int]]:
    nos = [n for it in items for n in (it.first, it.last)] + ([extra] if extra else [])
    return (min(nos), max(nos)) if nos else None


# --------------------------------------------------------------------------------------------
# Title page, overview


def _nonblank(lines: list[str], start: int, end: int) -> list[tuple[int, str]]:
    out = []
    for i in range(start, end):
        text = markup.clean_text(markup.strip_list_marker(lines[i]))
        if text:
            out.append((i + 1, text))
    return out


def _label_of(text: str) -> Optional[tuple[str, str]]:
    """("penvoerder", value) for "Penvoerder: X"; ("geldig vanaf", "") for a bare label."""
    low = text.lower()
    for label in _HEADER_LABELS:
        if low == label or low == label + ":":
            return label, ""
        if low.startswith(label + ":"):
            return label, text[len(label) + 1:].strip()
    return None


def _parse_title_page(dossier: Dossier, lines: list[str], end: int) -> list[tuple[int, str, Optional[str]]]:
    """Fill the dossier's general facts; return the qualifications listed (line, title, crebo)."""
    src = dossier.source
    rows = _nonblank(lines, 0, end)
    if not rows:
        raise DossierError(src, "empty file: no 'Kwalificatiedossier' title page")
    no, first = rows[0]
    m = re.match(r"^Kwalificatiedossier\b(?:\s+mbo\b)?\s*(?P<rest>.*)$", first, re.I)
    if not m:
        raise DossierError(src, f"line {no} is not a 'Kwalificatiedossier' title page: {first[:60]!r}")
    o = dossier.origins
    o["kind"] = Origin(src, no, no, "titelpagina")
    rest = rows[1:]
    if m.group("rest").strip():
        dossier.title = m.group("rest").strip()
        o["title"] = Origin(src, no, no, "titelpagina")
    elif rest and not _label_of(rest[0][1]) and not _CREBO.fullmatch(rest[0][1]):
        dossier.title = rest[0][1]
        o["title"] = Origin(src, rest[0][0], rest[0][0], "titelpagina")
    if not dossier.title:
        raise DossierError(src, "the title page names no dossier title")
    qualifications: list[tuple[int, str, Optional[str]]] = []
    label: Optional[str] = None
    for no, text in rest:
        hit = _label_of(text)
        if hit:
            label, value = hit
            if value:
                _header_value(dossier, label, value, no)
                label = None
            elif label == "geldig vanaf":
                o["geldig_vanaf"] = Origin(src, no, no, "titelpagina geldig vanaf (leeg)")
            continue
        if label is None:
            cm = _CREBO.fullmatch(text)
            if cm and dossier.crebo is None:
                dossier.crebo = cm.group("crebo")
                o["crebo"] = Origin(src, no, no, "titelpagina")
        elif label == "kwalificaties":
            cm = _CREBO.search(text)
            title = markup.normalize_space(_CREBO.sub("", text)) if cm else text
            qualifications.append((no, title, cm.group("crebo") if cm else None))
        else:
            _header_value(dossier, label, text, no)
            label = None
    return qualifications


# Title-page labels stored as they are printed: label -> (Dossier field, section named in citations).
_TITELPAGINA_FIELDS = {
    "penvoerder": ("penvoerder", "penvoerder"),
    "gevalideerd door": ("gevalideerd_door", "gevalideerd door"),
    "op": ("gevalideerd_op", "gevalideerd op"),
    "geldig vanaf": ("geldig_vanaf", "geldig vanaf"),
}


def _header_value(dossier: Dossier, label: str, value: str, no: int) -> None:
    src, o = dossier.source, dossier.origins
    if label == "opleidingsdomein":
        cm = _CREBO.search(value)
        dossier.domain = markup.normalize_space(_CREBO.sub("", value)) or None
        o["domain"] = Origin(src, no, no, "titelpagina opleidingsdomein")
        if cm:
            dossier.domain_crebo = cm.group("crebo")
            o["domain_crebo"] = Origin(src, no, no, "titelpagina opleidingsdomein")
    elif label in _TITELPAGINA_FIELDS:
        field, section = _TITELPAGINA_FIELDS[label]
        setattr(dossier, field, value)
        o[field] = Origin(src, no, no, f"titelpagina {section}")


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


# --------------------------------------------------------------------------------------------
# Prose sections (typering van de beroepengroep, generieke onderdelen)


def _prose_sections(source: str, prose: _Prose) -> list[Section]:
    part_prefix = _PROSE_PREFIX.get(prose.part.lower(), slug(prose.part))
    elems = [el for el in prose.elems if el.kind != "blank"]
    out: list[Section] = []
    prefix, heading, hline = part_prefix, None, 0
    items: list[tuple[bool, list[_Item]]] = []  # (same paragraph as the line before, items)

    def close() -> None:
        if heading and items:
            paras: list[_Item] = []
            for chunk in items:
                _extend(paras, chunk[1], same_paragraph=chunk[0])
            key = section_key(prefix, heading)
            text = "\n".join(p.text if p.kind == "text" else f"- {p.text}" for p in paras)
            span = _span(paras, hline)
            out.append(Section(key, heading, text, Origin(source, span[0], span[1], key)))

    prev_line = -10
    for n, el in enumerate(elems):
        text = _single_text(el)
        if text is not None and _heading_like(text):
            nxt = _single_text(elems[n + 1]) if n + 1 < len(elems) else None
            close()
            if nxt is not None and _heading_like(nxt):  # a heading right above a heading: a parent
                prefix = _PROSE_PREFIX.get(text.lower(), slug(text))
                heading, items = None, []
            else:
                heading, hline, items = text, el.line, []
            prev_line = el.line
            continue
        if heading:
            items.append((el.line == prev_line + 1 and el.kind == "line", el.items))
        prev_line = el.line
    close()
    return out


# --------------------------------------------------------------------------------------------
# Competence names


def canonical_names(names: Iterable[str], max_distance: int = 2) -> dict[str, str]:
    """Spelling variants -> the name the dossier uses more often.

    A name that occurs once is read as another name of the same list when that one occurs more
    than once and is at most a small edit distance away (up to `max_distance` edits, and no more
    than one edit per ten characters): "Formulieren en rapporteren" -> "Formuleren en rapporteren".
    """
    counts = Counter(names)
    mapping: dict[str, str] = {}
    for name, n in counts.items():
        if n > 1:
            continue
        best: Optional[tuple[tuple[int, int], str]] = None
        for other, m in counts.items():
            if other == name or m <= n:
                continue
            limit = min(max_distance, max(1, len(other) // 10))
            d = Levenshtein.distance(name.lower(), other.lower(), score_cutoff=limit)
            if d <= limit and (best is None or (d, -m) < best[0]):
                best = ((d, -m), other)
        if best:
            mapping[name] = best[1]
    return mapping


def _canonicalize_competences(dossier: Dossier) -> None:
    holders = []
    for wp in dossier.all_werkprocessen():
        holders.append(wp)
        holders.extend(wp.aanvullingen.values())
    mapping = canonical_names(n for h in holders for n in h.competenties)
    for h in holders:
        h.competenties = [mapping.get(n, n) for n in h.competenties]


# --------------------------------------------------------------------------------------------
# Building the model


class _Profiles:
    """Profile codes by the titles the text uses for them ("Voor <title> geldt aanvullend")."""

    def __init__(self, source: str, profielen: list[Profiel]):
        self.source = source
        self.codes = {p.code for p in profielen}
        self.by_title = {self._key(p.title): p.code for p in profielen if p.title}

    @staticmethod
    def _key(title: str) -> str:
        return markup.normalize_space(title).lower()

    def code(self, title: str, line: int) -> str:
        key = self._key(title)
        m = re.match(r"^(P\d+)\b", title)
        if m and m.group(1) in self.codes:  # "Voor P2 geldt aanvullend", "Voor P2 Allround ..."
            return m.group(1)
        if key in self.by_title:
            return self.by_title[key]
        hit = process.extractOne(key, list(self.by_title), score_cutoff=92)
        if hit:
            return self.by_title[hit[0]]
        raise DossierError(self.source, f"line {line}: addition 'Voor {title} geldt aanvullend' names no known profile")


def _origin(source: str, span: Optional[tuple[int, int]], section: str) -> Optional[Origin]:
    return Origin(source, span[0], span[1], section) if span else None


def _fill(source: str, where: str, target, name: str, items: list[_Item], extra_line: Optional[int] = None,
          section: Optional[str] = None) -> None:
    """Set `target`'s field `name` (and its competences, for gedrag) from items, with origins."""
    section = section or f"{where} {name}"
    origins = target.origins
    if name == "gedrag":
        target.gedrag = _list(items)
        if target.gedrag:
            origins["gedrag"] = _origin(source, _span([i for i in items if i.kind != "comp"], extra_line), section)
        target.competenties = _names(items)
        if target.competenties:
            origins["competenties"] = _origin(source, _span([i for i in items if i.kind == "comp"]),
                                              section.replace("gedrag", "competenties"))
    elif name == "vakkennis":
        target.vakkennis = _vakkennis(items)
        if target.vakkennis:
            origins["vakkennis"] = _origin(source, _span(items, extra_line), section)
    else:
        value = _text(items)
        if name == "niveau":
            m = re.match(r"^\s*(\d+)", value or "")
            setattr(target, "niveau", int(m.group(1)) if m else None)
        else:
            setattr(target, name, value)
        if value:
            origins[name] = _origin(source, _span(items, extra_line), section)


def _sections_into(source: str, node: _Node, target, profiles: Optional[_Profiles]) -> None:
    """Every labelled section of a node into `target` (Kerntaak/Werkproces/Profiel), additions included."""
    for name, sec in node.sections.items():
        where = node.code
        content = _interpret(source, f"{where} {name} (line {sec.line})", sec)
        _fill(source, where, target, name, content.base)
        if content.blocks and (profiles is None or not hasattr(target, "aanvullingen")):
            raise DossierError(source, f"{where} {name}: 'Voor ... geldt aanvullend' outside the basisdeel "
                                       f"(line {content.blocks[0].line})")
        for block in content.blocks:
            code = profiles.code(block.profiel, block.line)
            extra = target.aanvullingen.setdefault(code, Aanvulling(profiel=code))
            section = f"{where} {name} {code}"
            if any(it.kind == "nvt" for it in block.items) and not any(
                    it.kind in ("text", "bullet", "comp") for it in block.items):
                extra.nvt.append(name)
                extra.origins[name] = Origin(source, block.line, _span(block.items, block.line)[1], section)
                continue
            items = [it for it in block.items if it.kind != "nvt"]
            _fill(source, where, extra, name, items, block.line, section)


def _werkproces(source: str, node: _Node, profiles: _Profiles) -> Werkproces:
    for name in _WP_LABELS:
        if name not in node.sections:
            raise DossierError(source, f"werkproces {node.code} ({node.title}, line {node.line}) "
                                       f"has no '{name.capitalize()}'")
    wp = Werkproces(code=node.code, title=markup.clean_text(node.title))
    wp.origins["title"] = Origin(source, node.line, node.line, node.code)
    _sections_into(source, node, wp, profiles)
    return wp


def _kerntaak(source: str, node: _Node, profiles: _Profiles) -> Kerntaak:
    kt = Kerntaak(code=node.code, title=markup.clean_text(node.title))
    kt.origins["title"] = Origin(source, node.line, node.line, node.code)
    _sections_into(source, node, kt, profiles)
    kt.werkprocessen = [_werkproces(source, child, profiles) for child in node.children]
    return kt


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


def parse(source: str, text: str) -> Dossier:
    if not text.strip():
        raise DossierError(source, "empty file: no 'Kwalificatiedossier' title page")
    lines = text.split("\n")
    lines = [ln[:-1] if ln.endswith("\r") else ln for ln in lines]

    dossier = Dossier(title="", kind=KWALIFICATIEDOSSIER, source=source)
    stops = [i for i, ln in enumerate(lines) if markup.clean_text(ln).lower() in
             ("inhoudsopgave", "leeswijzer", "overzicht van het kwalificatiedossier", "basisdeel")]
    title_end = stops[0] if stops else len(lines)
    qualifications = _parse_title_page(dossier, lines, title_end)

    start = _body_start(source, lines)
    overview_at = next((i for i, ln in enumerate(lines[:start])
                        if markup.clean_text(ln).lower() == "overzicht van het kwalificatiedossier"), title_end)
    overview, overview_codes = _parse_overview(lines, overview_at, start)

    outline = _Outline(lines, start)
    for code, (title, _) in overview_codes.items():
        outline.titles.setdefault(code, set()).add(_Outline.key(title))
    body = _walk(source, _elements(lines, start, len(lines)), outline)
    if not body.basis:
        raise DossierError(source, "the 'Basisdeel' has no kerntaak")

    # Profiles: the overview table and the profile part, crebo numbers from the title page.
    heads = {p.code: p for p in body.profiles}
    codes = [r.code for r in overview] + [c for c in heads if c not in {r.code for r in overview}]
    by_code = {r.code: r for r in overview}
    crebos = {markup.normalize_space(t).lower(): (c, no) for no, t, c in qualifications}
    for code in codes:
        row, head = by_code.get(code), heads.get(code)
        title = markup.clean_text(head.title if head else row.title)
        p = Profiel(code=code, title=title)
        p.origins["title"] = Origin(source, (head or row).line, (head or row).line, code)
        hit = crebos.get(title.lower())
        if hit is None and crebos:
            best = process.extractOne(title.lower(), list(crebos), score_cutoff=92)
            hit = crebos[best[0]] if best else None
        if hit and hit[0]:
            p.crebo = hit[0]
            p.origins["crebo"] = Origin(source, hit[1], hit[1], f"{code} crebo")
        if row:
            if row.niveau:
                m = re.match(r"^\s*(\d+)", row.niveau)
                if m:
                    p.niveau = int(m.group(1))
                    p.origins["niveau"] = Origin(source, row.line, row.line, f"{code} mbo-niveau")
            if row.beroepsvereisten:
                p.beroepsvereisten = row.beroepsvereisten
                p.origins["beroepsvereisten"] = Origin(source, row.line, row.line, f"{code} beroepsvereisten")
            if row.typering:
                p.typering_kwalificatie = row.typering
                p.origins["typering_kwalificatie"] = Origin(source, row.line, row.line, f"{code} typering kwalificatie")
        if head:
            _profile_part(source, head, p)
        dossier.profielen.append(p)

    profiles = _Profiles(source, dossier.profielen)
    dossier.kerntaken = [_kerntaak(source, node, profiles) for node in body.basis]
    for p in dossier.profielen:
        head = heads.get(p.code)
        p.kerntaken = [_kerntaak(source, node, profiles) for node in (head.children if head else [])]
        p.outline_only = head is None
    _check_complete(source, dossier, overview_codes)
    _canonicalize_competences(dossier)
    for prose in body.prose:
        dossier.sections.extend(_prose_sections(source, prose))
    return dossier


def _profile_part(source: str, node: _Node, p: Profiel) -> None:
    """Mbo-niveau, typering van het beroep, beroepsvereisten of the profile part (the overview wins
    for niveau and beroepsvereisten; a contradiction is an error)."""
    overview = {"niveau": p.niveau, "beroepsvereisten": p.beroepsvereisten}
    overview_origins = dict(p.origins)
    for name, sec in node.sections.items():
        content = _interpret(source, f"{node.code} {name}", sec)
        _fill(source, node.code, p, name, content.base, section=f"{node.code} {name.replace('_', ' ')}")
    for name, value in overview.items():
        stated = getattr(p, name)
        agrees = stated is None or str(stated).lower().startswith(str(value).lower())
        if value is not None and not agrees:
            raise DossierError(source, f"{p.code}: the overview gives {name} {value!r}, the profile part {stated!r}")
        if value is not None and stated is not None and len(str(stated)) > len(str(value)):
            continue  # "Ja" in the overview, "Ja" plus what is required in the profile part: keep the whole
        if value is not None:
            setattr(p, name, value)
            p.origins[name] = overview_origins[name]


def _check_complete(source: str, dossier: Dossier, codes: dict[str, tuple[str, int]]) -> None:
    """Every code of the overview has its section: a full dossier's text lacks none (else it is cut)."""
    known = {kt.code for kt in dossier.all_kerntaken()} | {wp.code for wp in dossier.all_werkprocessen()}
    known |= {p.code for p in dossier.profielen if not p.outline_only}
    missing = [code for code in codes if code not in known]
    missing += [p.code for p in dossier.profielen if p.outline_only]
    if missing:
        shown = ", ".join(missing[:6]) + (f" and {len(missing) - 6} more" if len(missing) > 6 else "")
        listed = [codes[c][1] for c in missing if c in codes]
        where = f" (line {min(listed)})" if listed else ""
        raise DossierError(source, f"the overview{where} lists {shown}, but the text has no section for "
                                   f"{'it' if len(missing) == 1 else 'them'} (is the file cut short?)")
