"""kd-markdown: items -> field values (texts, lists, competences, vakkennis) with their origins.
"""
from __future__ import annotations

import re
from typing import Optional

from knowledge.model import Origin, Vakkennis
from knowledge.parsers.kd_markdown.elements import _Item, _heading_like


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
