"""bcp-2004: OCR'd text: the document's vocabulary, repaired words, paragraphs and list items.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Optional

from knowledge.model import Origin
from knowledge.parsers.common import Line


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
