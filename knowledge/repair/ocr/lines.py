"""OCR repair of lines: page footers, scanner noise, list bullets, joining the lines of a paragraph.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional

from knowledge.repair.ocr.vocabulary import LETTER, _EMPTY_DOC, _doc, _known, zipf


_FOOTER_RE = re.compile(r"^\s*\d{1,3}\s*van\s*\d{1,3}\s*$", re.IGNORECASE)


def is_page_footer(line: str) -> bool:
    """Page footer such as "8van 25", "12van25", "25 van 25"."""
    return bool(_FOOTER_RE.match(line))


def is_junk_line(line: str) -> bool:
    """Scanner noise or table-of-contents leaders: ") o o )", "........ > Opleiding"."""
    s = line.strip()
    if not s:
        return False
    if re.search(r"\.{5,}", s):
        return True
    tokens = s.split()
    # Two or more tokens, each at most two characters with at most one letter: ") o o )", "X| X".
    return len(tokens) >= 2 and all(
        len(t) <= 2 and sum(ch.isalnum() for ch in t) <= 1 and not t.isdigit() for t in tokens
    )


_JUNK_TAIL_RE = re.compile(r"(?:\s+(?:[^\w\s]|[a-z](?=\s|$))){3,}\s*$")


def strip_junk_tail(line: str) -> str:
    """Remove a trailing run of one-character noise tokens: "activiteiten ) o o )"."""
    return _JUNK_TAIL_RE.sub("", line)


_BULLET_RE = re.compile(r"^\s*(?:([\]\.\-–•·¢*«»■▪])(?=\s*\S)|(e)(?=\s+\S))\s*")


def split_bullet(line: str, prev: Optional[str] = None) -> tuple[bool, str]:
    """Is the line a list item? Returns (is_item, text without the marker).

    Markers: "]", ".", "-", "–", "•", "¢", "*", "e" (OCR of a bullet) followed by text, with or
    without a space ("-gebruikt"). Not a marker: "..." leaders, "-" starting a word that
    continues an enumeration of hyphenated compounds ("communicatiemiddelen en" /
    "-instrumentarium") when `prev` ends with "en"/"of"/",".
    """
    m = _BULLET_RE.match(line)
    if not m:
        return False, line.strip()
    marker = m.group(1) or m.group(2)
    rest = line[m.end():].strip()
    if not rest:
        return False, line.strip()
    if marker == "." and rest.startswith("."):
        return False, line.strip()
    if marker == "e":
        # "e" alone is not a Dutch word: only a bullet before a word.
        if not re.match(rf"{LETTER}", rest):
            return False, line.strip()
    if marker in "-–" and not line.lstrip()[1:2].isspace():
        if prev is not None and re.search(r"(?:\ben|\bof|,)\s*$", prev.strip()):
            return False, line.strip()
    return True, rest


def join_split_word(left: str, right: str, context: Optional[str] = None) -> Optional[str]:
    """Join a word split over lines ("commu" + "nicatiemedewerker") when the joined form is a
    known word (or a document word) and the parts are not. Returns the joined word or None."""
    doc = _doc(context) if context else _EMPTY_DOC
    a, b = left.lower(), right.lower()
    if zipf(a) >= 1.5 or zipf(b) > 0 or doc.known(b):
        return None
    joined = left + right
    return joined if _known(joined.lower(), doc, 2.0) else None


def join_lines(lines: Iterable[str], context: Optional[str] = None) -> str:
    """Join the lines of one paragraph with spaces.

    A hyphen at line end stays and joins directly ("communicatie-" + "activiteiten"), except
    before "en"/"of" ("bedrijfs-" + "en cao-regelingen" -> "bedrijfs- en cao-regelingen");
    "(e-" + ")logistiek" -> "(e-)logistiek"; a word split over lines is rejoined.
    """
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not out:
            out = line
            continue
        if out.endswith("-") and not out.endswith(" -"):
            if re.match(r"(?:en|of|tot)\b", line) or line.startswith("("):
                out += " " + line
            else:
                out += line
            continue
        lm = re.search(rf"({LETTER}+)$", out)
        rm = re.match(rf"({LETTER}+)", line)
        if lm and rm:
            joined = join_split_word(lm.group(1), rm.group(1), context)
            if joined is not None:
                out += line
                continue
        out += " " + line
    return out
