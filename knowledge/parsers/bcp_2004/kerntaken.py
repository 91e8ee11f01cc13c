"""bcp-2004: the kerntaken (their sections, keuzes en dilemma's) and the kernopgaven.
"""
from __future__ import annotations

import re
from typing import Optional

from knowledge.model import Dilemma, Dossier, DossierError, Kernopgave, Kerntaak
from knowledge.parsers.common import Line
from knowledge.parsers.bcp_2004.beroep import _ROL
from knowledge.parsers.bcp_2004.headings import _Labels, _labelled_sections, _match_any
from knowledge.parsers.bcp_2004.text import _TERMINAL, _Text, _prose, _span


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
