"""bcp-2004: the general information before BEROEPSBESCHRIJVING (title line, code, date, version,
developer, legitimering).
"""
from __future__ import annotations

import re

from knowledge.model import Dossier, DossierError, Origin, Section
from knowledge.parsers.common import Line
from knowledge.parsers.bcp_2004.text import _Text, _prose, _span, _split_bullet


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
