"""OCR repair of running text: codes ("W?2"), split words, particles glued to "en", then every word.
"""
from __future__ import annotations

import re
from typing import Optional

from knowledge.repair.ocr.vocabulary import (
    KNOWN,
    LETTER,
    STRONG,
    WORD_RE,
    _Doc,
    _compound_starts,
    _doc,
    _infinitive_candidates,
    _known,
    _lemma,
    _stop_words,
    is_finite_verb,
    zipf,
)
from knowledge.repair.ocr.words import _repair_word_cached


_CODE_RE = re.compile(r"\b([BP])(\d+)-[Kk](\d+)(?:-[Ww]\W?(\d+))?\b")
_URL_RE = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|\b[A-Z]{2,}\d+\b")
_HYPHEN_COORD_RE = re.compile(rf"(?<={LETTER}{LETTER})-(en|of|tot)(?=\s)")
_ZERO_RE = re.compile(r"(?<![\w.])[A-Za-z0.]*0[A-Za-z0.]*(?![\w])")


def repair_codes(text: str) -> str:
    """Normalise dossier codes: "P3-K2-w1" -> "P3-K2-W1", "P6-K2-W?2" -> "P6-K2-W2"."""

    def fix(m: re.Match) -> str:
        code = f"{m.group(1)}{m.group(2)}-K{m.group(3)}"
        return code + (f"-W{m.group(4)}" if m.group(4) else "")

    return _CODE_RE.sub(fix, text)


def _fix_zero(m: re.Match) -> str:
    """A letter o read as the digit 0: "o0.a." -> "o.a.", "(0.a." -> "(o.a."."""
    tok = m.group(0)
    if not re.search(r"[A-Za-z]", tok) or zipf(tok.rstrip(".")) > 0:
        return tok
    variants = [tok.replace("0", "o")]
    variants.append(re.sub(r"o+", "o", variants[0]))
    for v in variants:
        if zipf(v.rstrip(".")) >= STRONG:
            return v
    return tok


def _fix_particle_en(sentence_words: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """'uiten beheert' -> 'uit en beheert' when an earlier finite verb + 'uit' is a verb."""
    edits = []
    for k, (s, e, w) in enumerate(sentence_words):
        lw = w.lower()
        if not lw.endswith("en") or k + 1 >= len(sentence_words):
            continue
        particle = lw[:-2]
        if particle not in _stop_words() or _compound_starts(particle) <= 50:
            continue
        nxt = sentence_words[k + 1][2]
        if not is_finite_verb(nxt):
            continue
        for _, _, prev in sentence_words[:k]:
            if not is_finite_verb(prev):
                continue
            lemma = _lemma(prev.lower()) or next(
                (c for c in _infinitive_candidates(prev.lower()[:-1]) if zipf(c) >= STRONG), None
            )
            if lemma and zipf(particle + lemma) >= KNOWN:
                edits.append((s, e, w[: len(particle)] + " en"))
                break
    return edits


def _merge_split_words(text: str, doc: _Doc) -> str:
    """'commu nicatiemedewerker' -> 'communicatiemedewerker'."""
    pattern = re.compile(rf"(?<![\w-])({LETTER}{{2,}}) ({LETTER}{{2,}})(?![\w-])")
    pos = 0
    while True:
        m = pattern.search(text, pos)
        if m is None:
            return text
        a, b = m.group(1), m.group(2)
        if zipf(a) < 1.5 and zipf(b) == 0 and not doc.known(b.lower()) and _known((a + b).lower(), doc, 2.0):
            text = text[: m.start()] + a + b + text[m.end():]
            pos = m.start()
        else:
            pos = m.start(2)  # overlapping: the second word may start the next pair


def _repair_plain(text: str, doc: _Doc, name: bool = False) -> str:
    text = _ZERO_RE.sub(_fix_zero, text)
    text = _HYPHEN_COORD_RE.sub(r"- \1", text)
    text = _merge_split_words(text, doc)

    # Word by word (words touching digits are codes or numbers: left alone).
    out = []
    pos = 0
    for m in re.finditer(rf"(?<![\w@]){LETTER}+(?![\w@])", text):
        out.append(text[pos:m.start()])
        word = m.group(0)
        out.append(_repair_word_cached(word, doc, name))
        pos = m.end()
    out.append(text[pos:])
    text = "".join(out)

    # Context rule per sentence.
    edits = []
    for sent in re.finditer(r"[^.;:!?\n]+", text):
        words = [(sent.start() + m.start(), sent.start() + m.end(), m.group(0)) for m in WORD_RE.finditer(sent.group(0))]
        edits.extend(_fix_particle_en(words))
    for s, e, rep in sorted(edits, reverse=True):
        text = text[:s] + rep + text[e:]
    return text


def repair_text(text: str, context: Optional[str] = None, name: bool = False) -> str:
    """Apply every word-level rule to running text (lines already joined).

    `context` is the whole document (optional): its frequent words count as known and its
    word pairs are evidence when splitting glued words. `name`: the text is a qualification's
    name, whose unknown compounds are split only where the document writes the parts apart.
    """
    if not text:
        return text
    doc = _doc(context) if context else _doc(text)
    text = repair_codes(text)
    parts = []
    pos = 0
    for m in _URL_RE.finditer(text):
        parts.append(_repair_plain(text[pos:m.start()], doc, name))
        parts.append(m.group(0))
        pos = m.end()
    parts.append(_repair_plain(text[pos:], doc, name))
    return "".join(parts)
