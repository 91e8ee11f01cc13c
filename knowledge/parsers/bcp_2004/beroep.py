"""bcp-2004: the beroepsbeschrijving (context, rol, complexiteit, beroepshouding) and the trends.
"""
from __future__ import annotations

from knowledge.model import Dossier, Origin, Section
from knowledge.parsers.common import Line, slug
from knowledge.parsers.bcp_2004.headings import _Labels, _labelled_sections
from knowledge.parsers.bcp_2004.text import _Text, _span, _split_bullet


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
