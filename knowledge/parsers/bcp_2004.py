"""Parser for a 2004 *beroepscompetentieprofiel* (ECABO), converted to text by OCR.

The format (the one that preceded the kwalificatiedossiers) reads, in order:

* a title line ``BEROEPSCOMPETENTIEPROFIEL <beroep> (<code>)`` and a block of general
  information (datum/versie, "Onder regie van", "Ontwikkeld door", "Brondocument(en)",
  "Legitimering", "Mogelijke functiebenamingen", "Loopbaanmogelijkheden");
* BEROEPSBESCHRIJVING (context, rol, complexiteit, beroepshouding) and TRENDS / INNOVATIES
  (category headings first, their bulleted texts after them, in the same order);
* KERNTAKEN VAN HET BEROEP, then per ``KERNTAAK n`` a two-column block: the section label sits
  at the start of its text's first line (or alone, or split over two lines with text between);
* KERNOPGAVEN VAN HET BEROEP (``n Titel`` + text);
* two OVERZICHTSSCHEMA pages (competence titles under their group headings, and a matrix of
  crosses that OCR does not preserve);
* BEROEPSCOMPETENTIES MET SUCCESCRITERIA: ``Nr. n`` blocks with the competence text, the group
  label (VM/BOS/SC/ON, often mangled by OCR) and the Proces/Resultaat criteria.

OCR layout defects are repaired here (page-start indentation, words split over a blank line,
labels glued to text, "|" column residue). Word-level defects are repaired by
`knowledge.repair.ocr.repair_text`, applied to every stored text.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Optional

from rapidfuzz import fuzz

from knowledge.model import (
    BEROEPSCOMPETENTIEPROFIEL,
    COMPETENTIE_GROUPS,
    Beroepscompetentie,
    Dilemma,
    Dossier,
    DossierError,
    Kernopgave,
    Kerntaak,
    Origin,
    Section,
)
from knowledge.parsers.common import Line, lines_of, slug, title_fit

# --------------------------------------------------------------------------------------------
# OCR repair (word level) lives in knowledge.repair.ocr; imported lazily.


def _ocr():
    from knowledge.repair import ocr  # noqa: PLC0415  (lazy: written concurrently)

    return ocr


def _repair(text: str, context: str) -> str:
    return _ocr().repair_text(text, context)


def _split_bullet(line: str, prev: Optional[str] = None) -> tuple[bool, str]:
    """(is a list item, text without its marker); `prev` is the line before (a "-" that
    continues an enumeration, "communicatietheorieën," / "-processen", is no bullet)."""
    return _ocr().split_bullet(line, prev)


def _prose(lines: list["Line"]) -> list["Line"]:
    """Lines of running text without page footers (numbers alone are kept elsewhere: the
    overzichtsschema's competence numbers are such lines)."""
    is_footer = _ocr().is_page_footer
    return [ln for ln in lines if not (ln.text and is_footer(ln.text))]


# --------------------------------------------------------------------------------------------
# Lines




_TERMINAL = ".!?:"
_WORD = re.compile(r"[^\W\d_]+")
_HYPHENATED = re.compile(r"[^\W\d_]+-\s*\n?\s*[^\W\d_]+")


def _first_word(text: str) -> str:
    return text.split()[0] if text.split() else ""


def _last_word(text: str) -> str:
    return text.split()[-1] if text.split() else ""


class _Text:
    """Joins layout lines back into running text.

    ``vocab`` counts the words of the whole source; it tells a word split over a line break
    ("commu" / "nicatiemedewerker") from two words ("van" / "zijn").
    """

    def __init__(self, text: str):
        self.document = text
        self.vocab = Counter(w.lower() for w in _WORD.findall(text))
        self.hyphenated = Counter(re.sub(r"\s+", "", w).lower() for w in _HYPHENATED.findall(text))

    # -- joining two pieces of one paragraph ------------------------------------------------
    def glue(self, left: str, right: str) -> str:
        if not left:
            return right
        if not right:
            return left
        lw, rw = _last_word(left), _first_word(right)
        # A hyphen at the end of a line: keep it ("e-" + "mail", "pr-" + "bureaus"), unless the
        # document spells the joined word elsewhere without it and never with it (hyphenation).
        head_m = re.search(r"([^\W\d_]+)-$", lw)
        tail_m = re.match(r"[^\W\d_]+", rw)
        if head_m and tail_m and rw[:1].islower():
            head, tail = head_m.group(1).lower(), tail_m.group().lower()
            if tail in ("en", "of", "tot"):
                return left + " " + right  # "advies- en/of ..."
            if self.vocab[head + tail] > 0 and self.hyphenated[f"{head}-{tail}"] <= 1:
                return left[:-1] + right
            return left + right
        # A word split in two over a line break (no hyphen): both halves occur nowhere else in
        # the document and the whole word does.
        if (
            lw.isalpha()
            and rw.isalpha()
            and rw.islower()
            and self._only_here(lw)
            and self._only_here(rw)
            and self.vocab[(lw + rw).lower()] > 0
        ):
            return left + right
        return left + " " + right

    def _only_here(self, word: str) -> bool:
        return self.vocab[word.lower()] <= 1

    # -- units: paragraphs and bullet items -------------------------------------------------
    def units(self, lines: list[Line]) -> list[tuple[bool, str, list[int]]]:
        """Group lines into paragraphs / bullet items: (is_bullet, raw text, line numbers)."""
        lines = _prose(lines)
        content = [ln for ln in lines if ln.text]
        width = max((len(ln.text) for ln in content), default=0)
        units: list[list] = []  # [is_bullet, text, [line numbers], last raw line]
        blank_before = False
        for ln in lines:
            if not ln.text:
                blank_before = True
                continue
            is_bullet, body = _split_bullet(ln.text, units[-1][3] if units else None)
            body = body.strip()
            if is_bullet:
                units.append([True, body, [ln.no], body])
            elif not units or self._new_paragraph(units[-1][3], body, blank_before, width, units[-1][0]):
                units.append([False, body, [ln.no], body])
            else:
                units[-1][1] = self.glue(units[-1][1], body)
                units[-1][2].append(ln.no)
                units[-1][3] = body
            blank_before = False
        return [(u[0], u[1], u[2]) for u in units]

    @staticmethod
    def _new_paragraph(prev: str, line: str, blank_before: bool, width: int, prev_bullet: bool) -> bool:
        starts_sentence = line[:1].isupper() or line[:1].isdigit() or line[:1] in "‘'\"“"
        if not (prev.endswith(tuple(_TERMINAL)) and starts_sentence):
            return False
        if blank_before:
            return True
        if prev_bullet:
            return False
        # Without a blank line: a paragraph ended on this line if the next line's first word
        # would have fitted on it (the layout broke the line on purpose).
        return len(prev) + 1 + len(_first_word(line)) <= width * 0.9

    def clean(self, text: str) -> str:
        text = re.sub(r"\s*\|\s*", " ", text)
        text = re.sub(r"[ \t]+", " ", text).strip()
        return _repair(text, self.document).strip() if text else text

    def paragraphs(self, lines: list[Line]) -> str:
        """Running text: paragraph lines joined with spaces, paragraphs / bullet items with "\\n"."""
        out = []
        for is_bullet, text, _ in self.units(lines):
            text = self.clean(text)
            if text:
                out.append(("- " + text) if is_bullet else text)
        return "\n".join(out)


def _span(source: str, lines: list[Line], section: str) -> Optional[Origin]:
    nos = [ln.no for ln in lines if ln.text]
    if not nos:
        return None
    return Origin(source, min(nos), max(nos), section)


# --------------------------------------------------------------------------------------------
# Headings of the format (uppercase lines)

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


# --------------------------------------------------------------------------------------------
# Labelled sections of a two-column block

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


# --------------------------------------------------------------------------------------------
# General information (before BEROEPSBESCHRIJVING)

_TITLE = re.compile(r"^BEROEPSCOMPETENTIEPROFIEL\b\s*(.*)$", re.IGNORECASE)
_TITLE_CODE = re.compile(r"^(.*?)\s*\(([^()]*\d[^()]*)\)\s*$")
_HEADER_LABELS = [
    ("algemeen", re.compile(r"^algemene\s+informatie\b", re.I)),
    ("regie", re.compile(r"^onder\s+regie\s+van\b", re.I)),
    ("ontwikkeld", re.compile(r"^ontwikkeld\s+door\b", re.I)),
    ("bron", re.compile(r"^brondocument(?:\(en\)|en)?(?=\W|$)", re.I)),
    ("legitimering", re.compile(r"^legitimering\b", re.I)),
    ("functies", re.compile(r"^(?:mogelijke\s+)?functiebenamingen\b", re.I)),
    ("loopbaan", re.compile(r"^loopbaanmogelijkheden\b", re.I)),
]
_DASH = re.compile(r"^[-–—]\s*")


def _header_blocks(lines: list[Line], start: int, end: int) -> dict[str, tuple[str, list[Line]]]:
    """key -> (label as printed, content lines incl. the rest of the label line)."""
    hits = []
    for i in range(start, end):
        for key, rx in _HEADER_LABELS:
            m = rx.match(lines[i].text)
            if m and key not in {h[0] for h in hits}:
                hits.append((key, i, m))
                break
    blocks = {}
    for n, (key, i, m) in enumerate(hits):
        stop = hits[n + 1][1] if n + 1 < len(hits) else end
        rest = lines[i].text[m.end():].strip()
        blocks[key] = (m.group(0), [Line(lines[i].no, rest)] + lines[i + 1: stop])
    return blocks


def _list_items(tx: _Text, lines: list[Line]) -> list[tuple[str, list[int]]]:
    """Items of a (partly) bulleted list. An unbulleted line after a blank line starts an item
    when the previous item is complete (ends with . ! ? or ")")."""
    items: list[list] = []
    blank_before = False
    for ln in _prose(lines):
        if not ln.text:
            blank_before = True
            continue
        prev = items[-1][2] if items else ""
        is_bullet, body = _split_bullet(ln.text, prev or None)
        body = body.strip()
        new = (
            is_bullet
            or not items
            or (blank_before and prev.endswith((".", "!", "?", ")")) and body[:1].isupper())
        )
        if new:
            items.append([body, [ln.no], body])
        else:
            items[-1][0] = tx.glue(items[-1][0], body)
            items[-1][1].append(ln.no)
            items[-1][2] = body
        blank_before = False
    return [(tx.clean(t), nos) for t, nos, _ in items if tx.clean(t)]


def _parse_header(dossier: Dossier, tx: _Text, lines: list[Line], end: int) -> None:
    src = dossier.source
    first = next((i for i in range(end) if lines[i].text), None)
    m = _TITLE.match(lines[first].text) if first is not None else None
    if not m or not m.group(1).strip():
        raise DossierError(src, "title line 'BEROEPSCOMPETENTIEPROFIEL <beroep> (<code>)' is missing")
    title = m.group(1).strip()
    mc = _TITLE_CODE.match(title)
    origin = Origin(src, lines[first].no, lines[first].no, "titel")
    if mc:
        title = mc.group(1).strip()
        dossier.code = re.sub(r"\s+", " ", mc.group(2).strip())
        dossier.origins["code"] = origin
    dossier.title = tx.clean(title)
    dossier.origins["title"] = origin

    for i in range(first + 1, end):
        t = lines[i].text
        md = re.search(r"\bdatum\s*:\s*(\d{1,2}\s*-\s*\d{1,2}\s*-\s*\d{4})", t, re.I)
        if md and dossier.datum is None:
            dossier.datum = re.sub(r"\s+", "", md.group(1))
            dossier.origins["datum"] = Origin(src, lines[i].no, lines[i].no, "algemeen")
        mv = re.search(r"\bversie\s*:\s*([\w.]+)", t, re.I)
        if mv and dossier.versie is None:
            dossier.versie = mv.group(1)
            dossier.origins["versie"] = Origin(src, lines[i].no, lines[i].no, "algemeen")

    blocks = _header_blocks(lines, first + 1, end)
    if "regie" in blocks:
        label, content = blocks["regie"]
        text = tx.paragraphs(content)
        if text:
            dossier.sections.append(
                Section(
                    "algemeen/regie",
                    "Onder regie van",
                    tx.clean(label + " " + text.replace("\n", " ")),
                    _span(src, [Line(content[0].no, label)] + content, "algemeen/regie"),
                )
            )
    if "ontwikkeld" in blocks:
        _, content = blocks["ontwikkeld"]
        text = tx.paragraphs(content).replace("\n", " ")
        if text:
            dossier.ontwikkeld_door = text
            dossier.origins["ontwikkeld_door"] = _span(src, content, "ontwikkeld door")
    if "bron" in blocks:
        _, content = blocks["bron"]
        items = _list_items(tx, content)
        if items:
            dossier.sections.append(
                Section(
                    "algemeen/brondocumenten",
                    "Brondocumenten",
                    "\n".join("- " + t for t, _ in items),
                    _span(src, content, "algemeen/brondocumenten"),
                )
            )
    if "legitimering" in blocks:
        _parse_legitimering(dossier, tx, blocks["legitimering"][1])
    if "functies" in blocks:
        _, content = blocks["functies"]
        items = _list_items(tx, content)
        dossier.functiebenamingen = [t for t, _ in items]
        if items:
            dossier.origins["functiebenamingen"] = _span(src, content, "mogelijke functiebenamingen")
    if "loopbaan" in blocks:
        _, content = blocks["loopbaan"]
        text = tx.paragraphs(content)
        if text:
            dossier.loopbaan = text
            dossier.origins["loopbaan"] = _span(src, content, "loopbaanmogelijkheden")


def _parse_legitimering(dossier: Dossier, tx: _Text, content: list[Line]) -> None:
    """'- op format vereisten door' / '- op inhoud door' (left column) and who/when (right
    column) are printed one column after the other: pair them in order."""
    whats = [ln for ln in content if _DASH.match(ln.text)]
    first_what = content.index(whats[0]) if whats else len(content)
    label_rest = [ln for ln in content[:first_what] if ln.text]  # "beroepscompetentieprofiel"
    whos = [ln for ln in content[first_what:] if ln.text and not _DASH.match(ln.text)]
    if not whats and not whos:
        return
    if whats and len(whats) == len(whos):
        rows = []
        for w, v in zip(whats, whos):
            what = tx.clean(_DASH.sub("", w.text))
            rows.append(f"{what[:1].upper()}{what[1:]}: {tx.clean(v.text)}")
        text = "\n".join(rows)
    else:
        text = "\n".join(tx.clean(_DASH.sub("", ln.text)) for ln in whats + whos)
    title = "Legitimering" + (" " + " ".join(ln.text for ln in label_rest) if label_rest else "")
    dossier.sections.append(
        Section("algemeen/legitimering", tx.clean(title), text, _span(dossier.source, content, "algemeen/legitimering"))
    )


# --------------------------------------------------------------------------------------------
# Beroepsbeschrijving and trends

_ROL = [["rol", "en", "verantwoordelijkheden"], ["rol", "/", "verantwoordelijkheden"],
        ["rol", "en", "verantwoordelijkheid"], ["rol", "/", "verantwoordelijkheid"]]
_BEROEP_LABELS: _Labels = [
    ("context", [["beroepscontext", "/", "werkzaamheden"], ["beroepscontext"]]),
    ("rol", _ROL),
    ("complexiteit", [["complexiteit"]]),
    ("beroepshouding", [["typerende", "beroepshouding"], ["beroepshouding"]]),
]
_BEROEP_TITLES = {
    "context": "Beroepscontext / werkzaamheden",
    "rol": "Rol en verantwoordelijkheden",
    "complexiteit": "Complexiteit",
    "beroepshouding": "Typerende beroepshouding",
}


def _parse_beroepsbeschrijving(dossier: Dossier, tx: _Text, lines: list[Line], start: int, end: int) -> None:
    sections = _labelled_sections(lines, start, end, _BEROEP_LABELS)
    for key, _ in _BEROEP_LABELS:
        if key in sections:
            text = tx.paragraphs(sections[key])
            if text:
                k = f"beroepsbeschrijving/{key}"
                dossier.sections.append(Section(k, _BEROEP_TITLES[key], text, _span(dossier.source, sections[key], k)))


def _parse_trends(dossier: Dossier, tx: _Text, lines: list[Line], start: int, end: int) -> None:
    src = dossier.source
    # Category headings: blocks of non-bulleted lines before the first bullet.
    headings: list[list[Line]] = []
    body_start = end
    current: list[Line] = []
    for i in range(start, end):
        ln = lines[i]
        if ln.text and _split_bullet(ln.text)[0]:
            body_start = i
            break
        if ln.text:
            current.append(ln)
        elif current:
            headings.append(current)
            current = []
    if current:
        headings.append(current)
    body = lines[body_start:end]
    groups: list[list] = []  # [text parts, line numbers]
    for is_bullet, text, nos in tx.units(body):
        text = tx.clean(text)
        if not text:
            continue
        if is_bullet or not groups:
            groups.append([[text], nos])
        else:
            groups[-1][0].append(text)
            groups[-1][1] = groups[-1][1] + nos
    titles = [tx.clean(" ".join(ln.text for ln in h)) for h in headings]
    if titles and len(titles) == len(groups):
        for title, (parts, nos) in zip(titles, groups):
            key = f"trends/{slug(title)}"
            dossier.sections.append(Section(key, title, "\n".join(parts), Origin(src, min(nos), max(nos), key)))
    elif groups:
        text = "\n".join("\n".join(parts) for parts, _ in groups)
        nos = [n for _, ns in groups for n in ns]
        origin = Origin(src, min(nos), max(nos), "trends")
        dossier.sections.append(Section("trends", "Trends / innovaties", text, origin))
        dossier.unreadable.append(
            f"Trends / innovaties: {len(titles)} categorieën maar {len(groups)} teksten; "
            "de teksten zijn niet aan hun categorie toe te wijzen en staan samen onder 'trends'."
        )


# --------------------------------------------------------------------------------------------
# Kerntaken

_KT_LABELS: _Labels = [
    ("proces", [["proces"]]),
    ("verantwoordelijkheid", _ROL),
    ("complexiteit", [["complexiteit"]]),
    ("betrokkenen", [["betrokkenen"]]),
    ("hulpmiddelen", [["(hulp-)middelen"], ["hulpmiddelen"], ["(hulp)middelen"]]),
    ("kwaliteit", [["kwaliteit", "van", "proces", "en", "resultaat"]]),
    ("keuzes", [["keuzes", "en", "dilemma's"], ["keuzes", "/", "dilemma's"], ["dilemma's"]]),
]


def _overview_titles(lines: list[Line], start: int, end: int) -> list[str]:
    """Titles listed under KERNTAKEN VAN HET BEROEP (numbers are printed apart, often lost)."""
    return [ln.text for ln in lines[start:end] if ln.text and not re.fullmatch(r"[\d\s.]+", ln.text)]


def _is_dilemma_title(line: str, next_line: Optional[str], prev_line: Optional[str]) -> bool:
    if not line[:1].isupper() or line.endswith(tuple(".,;:!?")) or len(line.split()) > 7:
        return False
    if prev_line is not None and not prev_line.endswith(tuple(_TERMINAL)):
        return False
    return next_line is not None and next_line[:1].isupper()


def _dilemmas(tx: _Text, content: list[Line]) -> list[Dilemma]:
    texts = [ln for ln in _prose(content) if ln.text]
    result: list[tuple[str, list[Line]]] = []
    untitled: list[Line] = []
    for n, ln in enumerate(texts):
        prev = texts[n - 1].text if n else None
        nxt = texts[n + 1].text if n + 1 < len(texts) else None
        if _is_dilemma_title(ln.text, nxt, prev):
            result.append((ln.text, []))
        elif result:
            result[-1][1].append(ln)
        else:
            untitled.append(ln)
    # Keep blank lines inside each dilemma's text (they mark paragraphs).
    dilemmas = []
    if untitled:
        dilemmas.append(Dilemma("", tx.paragraphs(_with_blanks(content, untitled))))
    for title, body in result:
        dilemmas.append(Dilemma(tx.clean(title), tx.paragraphs(_with_blanks(content, body))))
    return dilemmas


def _with_blanks(content: list[Line], picked: list[Line]) -> list[Line]:
    if not picked:
        return []
    lo, hi = picked[0].no, picked[-1].no
    return [ln for ln in content if lo <= ln.no <= hi]


def _parse_kerntaken(
    dossier: Dossier, tx: _Text, lines: list[Line], heads: list[tuple[int, int]], ends: dict[int, int],
    overview: list[str],
) -> None:
    src = dossier.source
    for idx, n in heads:
        end = ends[idx]
        code = f"K{n}"
        # Title: the non-blank lines after the heading, up to the first label or blank line.
        title_lines: list[Line] = []
        i = idx + 1
        while i < end and not lines[i].text:
            i += 1
        while i < end and lines[i].text and not any(_match_any(lines, i, end, alts) for _, alts in _KT_LABELS):
            title_lines.append(lines[i])
            i += 1
        title = tx.clean(" ".join(ln.text for ln in title_lines))
        if not title and len(overview) >= n:
            title = tx.clean(overview[n - 1])
        if not title:
            raise DossierError(src, f"KERNTAAK {n} (line {lines[idx].no}) has no title")
        kt = Kerntaak(code=code, title=title)
        kt.origins["title"] = _span(src, title_lines or [lines[idx]], f"{code} titel")
        sections = _labelled_sections(lines, i, end, _KT_LABELS)
        if not sections:
            raise DossierError(
                src, f"KERNTAAK {n} (line {lines[idx].no}) has none of its sections (proces, rol / verantwoordelijkheden, ...)"
            )
        for key, content in sections.items():
            origin = _span(src, content, f"{code} {key}")
            if key == "keuzes":
                kt.keuzes = _dilemmas(tx, content)
            else:
                text = tx.paragraphs(content)
                setattr(kt, key, text or None)
            if origin:
                kt.origins[key] = origin
        dossier.kerntaken.append(kt)


# --------------------------------------------------------------------------------------------
# Kernopgaven

_NUMBERED = re.compile(r"^(\d{1,2})[.)]?\s+(\S.*)$")


def _parse_kernopgaven(dossier: Dossier, tx: _Text, lines: list[Line], start: int, end: int) -> None:
    src = dossier.source
    starts = []
    for i in range(start, end):
        m = _NUMBERED.match(lines[i].text)
        if m and int(m.group(1)) == len(starts) + 1 and m.group(2)[:1].isupper():
            starts.append((i, int(m.group(1)), m.group(2)))
    for k, (i, nr, title) in enumerate(starts):
        stop = starts[k + 1][0] if k + 1 < len(starts) else end
        body = lines[i + 1: stop]
        dossier.kernopgaven.append(
            Kernopgave(nr, tx.clean(title), tx.paragraphs(body), _span(src, lines[i:stop], f"kernopgave {nr}"))
        )


# --------------------------------------------------------------------------------------------
# Overzichtsschema: competence titles per group

_GROUP_ABBR = re.compile(r"\(\s*([A-Za-z]{2,3})\s*\)\s*$")


def _group_of_heading(text: str) -> Optional[str]:
    """The group a schema heading names: by its "(VM)" abbreviation, or, when that is mangled,
    by its words ("socia / al-communicatieve (SC)" arrives as two lines; the second suffices)."""
    m = _GROUP_ABBR.search(text)
    if m and m.group(1).upper() in COMPETENTIE_GROUPS:
        return m.group(1).upper()
    if re.search(r"\([^()]{1,5}\)\s*$", text) and not text[:1].isupper():
        body = re.sub(r"\([^()]*\)\s*$", "", text).strip().lower()
        best = max(COMPETENTIE_GROUPS, key=lambda g: fuzz.partial_ratio(body, COMPETENTIE_GROUPS[g]))
        if len(body) >= 6 and fuzz.partial_ratio(body, COMPETENTIE_GROUPS[best]) >= 85:
            return best
    return None


def _read_group_label(label: Optional[str]) -> Optional[str]:
    """A printed group label read leniently ("vM" -> VM, "B0S" -> BOS); None if unreadable ("Yo")."""
    if not label:
        return None
    scores = sorted(((fuzz.ratio(label.upper(), g), g) for g in COMPETENTIE_GROUPS), reverse=True)
    if scores[0][0] >= 66 and scores[0][0] > scores[1][0]:
        return scores[0][1]
    return None


def _is_schema_title(text: str) -> bool:
    words = text.split()
    return (
        len(words) >= 2
        and text[:1].isupper()
        and any(re.fullmatch(r"[a-zà-ÿ()\-/]{4,}", w) for w in words)
    )


def _parse_schema(lines: list[Line], start: int, end: int) -> dict[int, tuple[str, str, int]]:
    """nr -> (group, raw title, line number) as listed in an overzichtsschema.

    Titles are numbered in order; most number lines are lost to OCR, those that survive anchor
    the count. When an anchor disagrees with the count, a title was lost (or a stray line taken
    for one) since the previous anchor: those titles are dropped rather than guessed."""
    result: dict[int, tuple[str, str, int]] = {}
    group: Optional[str] = None
    counter = 1
    since_anchor: list[int] = []
    last_title: Optional[int] = None  # index of the last title line (for wrapped titles)
    for i in range(start + 1, end):
        t = lines[i].text
        if not t:
            continue
        g = _group_of_heading(t)
        if g:
            group = g
            last_title = None
            continue
        if re.fullmatch(r"\d{1,2}", t):
            if group is not None and int(t) != counter:
                for nr in since_anchor:
                    result.pop(nr, None)
                counter = int(t)
            since_anchor = []
            last_title = None
            continue
        if group and _is_schema_title(t):
            result[counter] = (group, t, lines[i].no)
            since_anchor.append(counter)
            counter += 1
            last_title = i
            continue
        if last_title == i - 1 and t[:1].islower() and len(t.split()) >= 2:
            nr = counter - 1
            g0, title, no = result[nr]
            result[nr] = (g0, title + " " + t, no)
            last_title = i
            continue
        last_title = None
    return result


# --------------------------------------------------------------------------------------------
# Beroepscompetenties

_NR = re.compile(r"^Nr\.?\s*(\d{1,2})$", re.IGNORECASE)
_BC_LABEL = re.compile(r"^beroepscompetentie\b\s*\|?\s*", re.IGNORECASE)
_SUCCES = re.compile(r"^succescriteria\b\s*", re.IGNORECASE)
_PROCES = re.compile(r"^proces\b\s*", re.IGNORECASE)
_RESULTAAT = re.compile(r"^resultaat\b\s*", re.IGNORECASE)
# Words a criterion cannot end with (articles, conjunctions, prepositions that are never a
# separable verb particle: "uit", "op", "aan", "door", "voor", "bij", "in" can end a sentence).
_OPEN_ENDINGS = {"de", "het", "een", "van", "en", "of", "die", "dat", "te", "tot", "met", "als", "naar", "zoals"}


def _continues(prev: str, line: str) -> bool:
    """Does a succescriterium line continue the previous one?"""
    if not line[:1].isupper() and not line[:1].isdigit():
        return True  # lower-case, "-", "(", "e.d."
    if prev.endswith((",", ";", "-", "/")) or prev.count("(") > prev.count(")"):
        return True
    return _last_word(prev).lower() in _OPEN_ENDINGS


def _criteria(tx: _Text, content: list[Line]) -> list[str]:
    items: list[list] = []
    for ln in _prose(content):
        if not ln.text:
            continue
        is_bullet, body = _split_bullet(ln.text, items[-1][1] if items else None)
        body = body.strip()
        if items and not is_bullet and _continues(items[-1][1], body):
            items[-1][0] = tx.glue(items[-1][0], body)
            items[-1][1] = body
        else:
            items.append([body, body])
    return [c for c in (tx.clean(t) for t, _ in items) if c]


def _midline_words(lines: list[Line]) -> set[str]:
    words = set()
    for ln in lines:
        words.update(ln.text.split()[1:])
    return words


def _parse_competenties(
    dossier: Dossier, tx: _Text, lines: list[Line], start: int, end: int,
    schemas: list[dict[int, tuple[str, str, int]]],
) -> None:
    src = dossier.source
    region = lines[start:end]
    midline = _midline_words(region)
    starts = [(i, int(m.group(1))) for i in range(start, end) if (m := _NR.match(lines[i].text))]
    if not starts:
        raise DossierError(src, "section 'BEROEPSCOMPETENTIES MET SUCCESCRITERIA' has no 'Nr. n' competences")
    for k, (i, nr) in enumerate(starts):
        stop = starts[k + 1][0] if k + 1 < len(starts) else end
        block = lines[i + 1: stop]
        where = f"competentie {nr} (line {lines[i].no})"
        lab = next((j for j, ln in enumerate(block) if _BC_LABEL.match(ln.text)), None)
        suc = next((j for j, ln in enumerate(block) if _SUCCES.match(ln.text)), None)
        if suc is None:
            raise DossierError(src, f"{where}: 'Succescriteria' missing")
        if lab is None or lab > suc:
            raise DossierError(src, f"{where}: 'Beroepscompetentie' text missing")
        # The competence text; the group label begins the second text line (left column).
        text_lines = [Line(block[lab].no, _BC_LABEL.sub("", block[lab].text))] + block[lab + 1: suc]
        label = None
        if not text_lines[0].text:
            text_lines = text_lines[1:]
            first_is_label_line = True
        else:
            first_is_label_line = False
        second = next(
            (n for n, ln in enumerate(text_lines) if ln.text and (first_is_label_line or n > 0)), None
        )
        if second is not None:
            tok = _first_word(text_lines[second].text)
            if len(tok) <= 4 and tok.isalpha() and (tok.upper() in COMPETENTIE_GROUPS or tok not in midline):
                label = tok
                rest = text_lines[second].text[len(tok):].strip()
                text_lines = text_lines[:second] + [Line(text_lines[second].no, rest)] + text_lines[second + 1:]
        text = tx.paragraphs(text_lines).replace("\n", " ")
        if not text:
            raise DossierError(src, f"{where}: competence text missing")
        # Succescriteria: Proces ..., Resultaat ...
        crit = [Line(block[suc].no, _SUCCES.sub("", block[suc].text))] + block[suc + 1:]
        p = next((j for j, ln in enumerate(crit) if _PROCES.match(ln.text)), None)
        r = next((j for j, ln in enumerate(crit) if _RESULTAAT.match(ln.text) and (p is None or j > p)), None)
        if p is None and r is None:
            raise DossierError(src, f"{where}: no succescriteria (Proces / Resultaat)")
        if p is None:
            raise DossierError(src, f"{where}: succescriteria 'Proces' missing")
        if r is None:
            raise DossierError(src, f"{where}: succescriteria 'Resultaat' missing")
        proces = _criteria(tx, [Line(crit[p].no, _PROCES.sub("", crit[p].text))] + crit[p + 1: r])
        resultaat = _criteria(tx, [Line(crit[r].no, _RESULTAAT.sub("", crit[r].text))] + crit[r + 1:])
        if not proces or not resultaat:
            raise DossierError(src, f"{where}: empty succescriteria ({'Proces' if not proces else 'Resultaat'})")
        # Group and title from the overzichtsschema's; the printed label only cross-checks.
        read = _read_group_label(label)
        rows = [s[nr] for s in schemas if nr in s]
        if rows:
            group, title = _schema_choice(dossier, tx, nr, text, rows)
            if read and read != group:
                dossier.unreadable.append(
                    f"Competentie {nr}: het groepslabel '{label}' wijkt af van het overzichtsschema "
                    f"({group}); de groep uit het schema is aangehouden."
                )
        else:
            if not read:
                raise DossierError(
                    src, f"{where}: not in an overzichtsschema and its group label {label!r} is unreadable (VM/BOS/SC/ON)"
                )
            group, title = read, ""
            dossier.unreadable.append(
                f"Competentie {nr}: de titel staat niet (leesbaar) in het overzichtsschema; "
                f"de groep ({group}) is gelezen uit het label '{label}'."
            )
        dossier.beroepscompetenties.append(
            Beroepscompetentie(
                nr=nr,
                group=group,
                title=title,
                text=text,
                succescriteria_proces=proces,
                succescriteria_resultaat=resultaat,
                origin=_span(src, lines[i:stop], f"competentie {nr}"),
            )
        )
    # Each title paraphrases its own text: a title that fits another competence's text better
    # than its own suggests the schema's titles are misaligned.
    comps = dossier.beroepscompetenties
    for c in comps:
        if not c.title:
            continue
        own = title_fit(c.title, c.text)
        better = [o.nr for o in comps if o is not c and title_fit(c.title, o.text) > own]
        if better:
            dossier.unreadable.append(
                f"Competentie {c.nr}: de titel '{c.title}' uit het overzichtsschema past beter bij de tekst van "
                f"competentie {', '.join(map(str, better))}; de toewijzing van titels is mogelijk verschoven."
            )
    described = {c.nr for c in comps}
    for nr in sorted({nr for s in schemas for nr in s} - described):
        dossier.unreadable.append(
            f"Competentie {nr} staat in het overzichtsschema, maar heeft geen beschrijving met succescriteria."
        )


def _schema_choice(
    dossier: Dossier, tx: _Text, nr: int, text: str, rows: list[tuple[str, str, int]]
) -> tuple[str, str]:
    """(group, title) for competence nr from the schema rows that list it. When the two schemas
    disagree, the title that best matches the competence's own text wins, and the doubt is noted."""
    titles = [tx.clean(title) for _, title, _ in rows]
    agree = all(fuzz.ratio(titles[0].lower(), t.lower()) >= 85 for t in titles) and len({g for g, _, _ in rows}) == 1
    if agree:
        return rows[0][0], titles[0]
    best = max(range(len(rows)), key=lambda n: title_fit(titles[n], text))
    dossier.unreadable.append(
        f"Competentie {nr}: de overzichtsschema's geven verschillende titels/groepen "
        f"({'; '.join(f'{g} {t}' for (g, _, _), t in zip(rows, titles))}); "
        f"aangehouden: {rows[best][0]} {titles[best]}."
    )
    return rows[best][0], titles[best]


# --------------------------------------------------------------------------------------------

_MATRIX_NOTES = {
    "schema_kerntaken": (
        "Overzichtsschema beroepscompetenties en kerntaken: de kruisjesmatrix is door OCR onleesbaar; "
        "welke competentie bij welke kerntaak hoort, is niet uit de bron te halen."
    ),
    "schema_kernopgaven": (
        "Overzichtsschema beroepscompetenties en kernopgaven: de kruisjesmatrix is door OCR onleesbaar; "
        "welke competentie bij welke kernopgave hoort, is niet uit de bron te halen."
    ),
}


def parse(source: str, text: str) -> Dossier:
    if not text or not text.strip():
        raise DossierError(source, "empty text (no 'BEROEPSCOMPETENTIEPROFIEL' title line)")
    lines = lines_of(text)
    first = next(ln for ln in lines if ln.text)
    if not _TITLE.match(first.text):
        raise DossierError(
            source, f"line {first.no} is not the title line 'BEROEPSCOMPETENTIEPROFIEL <beroep> (<code>)'"
        )
    tx = _Text(text)
    heads, kt_heads = _find_headings(lines)
    for key in ("kerntaken", "competenties"):
        if key not in heads and not (key == "kerntaken" and kt_heads):
            raise DossierError(source, f"section '{_HEADINGS[key]}' is missing")
    if not kt_heads:
        raise DossierError(source, "no 'KERNTAAK n' sections")

    # Region boundaries: each heading runs to the next one.
    marks = sorted([(i, k) for k, i in heads.items()] + [(i, f"K{n}") for i, n in kt_heads])
    ends = {i: (marks[n + 1][0] if n + 1 < len(marks) else len(lines)) for n, (i, _) in enumerate(marks)}

    dossier = Dossier(title="", kind=BEROEPSCOMPETENTIEPROFIEL, source=source)
    _parse_header(dossier, tx, lines, marks[0][0])
    if "beroepsbeschrijving" in heads:
        i = heads["beroepsbeschrijving"]
        _parse_beroepsbeschrijving(dossier, tx, lines, i + 1, ends[i])
    if "trends" in heads:
        i = heads["trends"]
        _parse_trends(dossier, tx, lines, i + 1, ends[i])
    overview = []
    if "kerntaken" in heads:
        i = heads["kerntaken"]
        overview = _overview_titles(lines, i + 1, ends[i])
    _parse_kerntaken(dossier, tx, lines, kt_heads, ends, overview)
    if "kernopgaven" in heads:
        i = heads["kernopgaven"]
        _parse_kernopgaven(dossier, tx, lines, i + 1, ends[i])

    # Competence titles and groups: both overzichtsschema's list them; their matrices are not read.
    schemas = []
    for key in ("schema_kerntaken", "schema_kernopgaven"):
        if key in heads:
            i = heads[key]
            schemas.append(_parse_schema(lines, i, ends[i]))
            dossier.unreadable.append(_MATRIX_NOTES[key])
    i = heads["competenties"]
    _parse_competenties(dossier, tx, lines, i + 1, ends[i], schemas)
    return dossier
