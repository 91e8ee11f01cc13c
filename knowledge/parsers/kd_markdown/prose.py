"""kd-markdown: prose sections (typering van de beroepengroep, generieke onderdelen).
"""
from __future__ import annotations

from knowledge.model import Origin, Section
from knowledge.parsers.common import section_key, slug
from knowledge.parsers.kd_markdown.additions import _extend
from knowledge.parsers.kd_markdown.body import _Prose
from knowledge.parsers.kd_markdown.elements import _Item, _PROSE_PREFIX, _heading_like, _single_text
from knowledge.parsers.kd_markdown.fields import _span


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
