"""Generic repair of markup left behind by PDF-to-markdown converters.

Each function is one rule over a line or a piece of text; none knows a dossier's words.
The rules, and what they must leave alone:

* HTML fragments (``<p>``, ``</p>``, ``<ul style=...>``, ``<li>``, ``<br>``): removed; in a table
  cell they separate paragraphs (`split_cell_items`). Markdown autolinks (``<https://...>``) are
  not tags: they are unwrapped to the bare address.
* HTML character references (``&amp;``, ``&#233;``) become their characters
  (`unescape_entities`); a bare ``&`` ("Marketing & Sales") is text.
* ``**bold**`` markers are removed (`strip_bold`); a bold run glued to the end of a line
  (``Heading**Omschrijving**``) is a heading of its own (`split_glued_bold`).
* ``▪`` bullets inside a cell and inline ``- item; - item`` lists become separate list items.
* Markdown table separator rows (``---\\t---\\t--``, ``| --- | --- |``) carry no content.
* ``»`` list markers before a list entry are dropped (`strip_list_marker`).
* Duplicate punctuation residue (``rapportages; ;``) is collapsed (`collapse_punctuation`);
  an ellipsis and abbreviations (``m.b.t.``) stay.
"""
from __future__ import annotations

import html
import re

# An HTML tag: <p>, </p>, <ul style="...">, <li>, <br/> ... (not "<https://...>", not "a < b").
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^<>\s]+|mailto:[^<>\s]+|[^<>\s@]+@[^<>\s@]+\.[A-Za-z]{2,})>")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_GLUED_BOLD = re.compile(r"^(?P<head>.*[^\s*])\*\*(?P<bold>[^*]+?)\*\*\s*$")
_SEPARATOR_CELL = re.compile(r"^:?-{2,}:?$")
_LIST_MARKER = re.compile(r"^(?:[-*+]\s+)?»\s*")
_DUP_PUNCT = re.compile(r"([;,:!?])(?:\s*\1)+")
_DUP_PERIOD = re.compile(r"(?<=[^\s.])\.(?:\s+\.)+(?!\.)")
_CELL_BULLET = "▪"
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# "- " starting an item of an inline list: after the end of the previous item (; . : ! ?).
_INLINE_BULLET = re.compile(r"(?<=[;.:!?])\s*(?=-\s)")


def unwrap_autolinks(text: str) -> str:
    """``<https://x.nl/a>`` -> ``https://x.nl/a``; other angle brackets are left alone."""
    return _AUTOLINK.sub(r"\1", text)


def strip_html(text: str) -> str:
    """Remove HTML tags (each replaced by a space); autolinks and comparisons stay."""
    return _TAG.sub(" ", text)


def unescape_entities(text: str) -> str:
    """``&amp;`` -> ``&``, ``&#233;`` -> ``é``; only complete references (with their ``;``)."""
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)


def strip_bold(text: str) -> str:
    """``**x**`` -> ``x``; a stray ``**`` left without its partner is dropped too."""
    return _BOLD.sub(r"\1", text).replace("**", "")


def split_glued_bold(line: str) -> list[str]:
    """A bold run glued to the end of a line is a heading of its own.

    ``"B1-K1-W1: Treedt op**Omschrijving**"`` -> ``["B1-K1-W1: Treedt op", "Omschrijving"]``.
    A line that is bold as a whole, or has bold inside running text, is returned unchanged.
    """
    m = _GLUED_BOLD.match(line.rstrip())
    if not m or m.group("head").count("**") % 2:  # odd: the bold run opened earlier in the line
        return [line]
    return [m.group("head").rstrip(), m.group("bold").strip()]


def table_cells(line: str) -> list[str]:
    """Tab-separated cells of a converted table row, trailing empty cells dropped."""
    cells = [c.strip() for c in line.split("\t")]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def is_table_separator(line: str) -> bool:
    """A markdown table separator row (``---\\t---\\t--``, ``| --- | :--: |``) or a bare rule."""
    cells = [c.strip() for c in re.split(r"[\t|]", line)]
    filled = [c for c in cells if c]
    return bool(filled) and all(_SEPARATOR_CELL.match(c) for c in filled)


def strip_list_marker(text: str) -> str:
    """Drop a ``»`` marker (with a markdown ``-`` before it): ``"- » **X**"`` -> ``"**X**"``."""
    return _LIST_MARKER.sub("", text.strip())


def collapse_punctuation(text: str) -> str:
    """``"a; ;"`` -> ``"a;"``, ``"a,,b"`` -> ``"a,b"``, ``"a. ."`` -> ``"a."``; ``"..."`` and ``"m.b.t."`` stay."""
    text = _DUP_PUNCT.sub(r"\1", text)
    return _DUP_PERIOD.sub(".", text)


def normalize_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def clean_text(text: str) -> str:
    """All inline rules at once: what a stored text goes through."""
    text = unwrap_autolinks(text)
    text = strip_html(text)
    text = unescape_entities(text)
    text = strip_bold(text)
    text = text.replace(_CELL_BULLET, " ").replace("\t", " ")
    text = normalize_space(text)
    return collapse_punctuation(text)


def split_cell_items(cell: str) -> list[str]:
    """One table cell -> its paragraphs and list items, cleaned, in order.

    HTML paragraph/list tags separate paragraphs; ``▪`` and inline ``- `` (after ``;`` ``.`` ``:``)
    start list items, which keep a leading ``"- "`` so the caller can tell them from prose.
    """
    cell = unwrap_autolinks(cell)
    items: list[str] = []
    for segment in _TAG.split(cell):
        parts = segment.split(_CELL_BULLET)
        pieces = [parts[0]] + ["- " + p for p in parts[1:]]
        for piece in pieces:
            for item in _INLINE_BULLET.split(piece):
                item = clean_text(item)
                if item and item != "-":
                    items.append(item)
    return items
