"""kd-markdown: the title page (dossier title, crebo, qualifications with their crebo numbers,
validity, opleidingsdomein, penvoerder, validation).
"""
from __future__ import annotations

import re
from typing import Optional

from knowledge.model import Dossier, DossierError, Origin
from knowledge.repair import markup
from knowledge.parsers.kd_markdown.elements import _CREBO, _HEADER_LABELS


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
