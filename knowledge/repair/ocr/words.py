"""OCR repair, word by word: diacritics, glued words, letter confusions (rules 1-3).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from knowledge.repair.ocr.vocabulary import (
    DIACRITIC_GAIN,
    FUZZY_GAIN,
    KNOWN,
    STRONG,
    VOWELS,
    _Doc,
    _EMPTY_DOC,
    _SUSPECT_ACCENT,
    _doc,
    _freq,
    _is_closed_class,
    _is_free_tail,
    _is_inflected,
    _known,
    _stop_words,
    is_finite_verb,
    zipf,
)


_ACCENT_VARIANTS = {"é": "ëêö", "è": "ëêö"}
_PLAIN_VARIANTS = {"e": "ë", "i": "ï", "o": "ö", "u": "ü"}


def _diacritic_variants(w: str) -> set[str]:
    out: set[str] = set()
    for i, ch in enumerate(w):
        if ch in _ACCENT_VARIANTS:
            opts = _ACCENT_VARIANTS[ch]
        elif ch in _PLAIN_VARIANTS and i > 0 and w[i - 1] in VOWELS and i < len(w) - 1:
            opts = _PLAIN_VARIANTS[ch]
        else:
            continue
        for o in opts:
            out.add(w[:i] + o + w[i + 1:])
    if "é" in w or "è" in w:
        out.add(w.replace("é", "ë").replace("è", "ë"))
    out.discard(w)
    return out


def _fix_diacritics(w: str, doc: _Doc) -> Optional[str]:
    """Return the repaired lower-case word, or None."""
    f = zipf(w)
    variants = _diacritic_variants(w)
    if not variants:
        return None
    best = max(variants, key=lambda v: (zipf(v), v))
    fb = zipf(best)
    accented = "é" in w or "è" in w
    if fb > 0 and fb >= f + DIACRITIC_GAIN and (accented or fb >= KNOWN or f == 0):
        return best
    if accented and f == 0 and not doc.known(w):
        # é/è after a vowel: Dutch spells a diaeresis there ("intermediérende").
        fixed = re.sub(r"(?<=[aeiou])[éè](?=[a-z])", "ë", w)
        if fixed != w:
            return fixed
    return None


def _split_signals(a: str, b: str, doc: _Doc) -> list[str]:
    """Reasons why "a b" (both known) is a phrase glued by OCR rather than a compound."""
    sig = []
    stop = _stop_words()
    if (a, b) in doc.pairs and not (b in stop and not _is_free_tail(b)):
        sig.append("document")
    if a in stop and b in stop:
        sig.append("two function words")
    if _is_closed_class(a) and (_known(b, doc) or doc.known(b, 1)) and len(b) >= 3:
        sig.append("closed-class left")
    if _is_free_tail(b) and len(a) >= 3 and _known(a, doc, STRONG if a not in doc.counts else KNOWN):
        sig.append("function-word right")
    if len(b) >= 3 and _known(b, doc) and a not in stop and _is_inflected(a):
        sig.append("inflected left")
    if (
        len(a) >= 4
        and a not in stop
        and _known(a, doc, STRONG if a not in doc.counts else KNOWN)
        and is_finite_verb(b)
        and not is_finite_verb(a)
    ):
        sig.append("finite verb right")
    return sig


def _split_glued(w: str, doc: _Doc, name: bool = False) -> Optional[tuple[str, str]]:
    """The two words OCR glued into `w`, or None. In a name (`name`), only the document's own
    evidence splits: names are compounds no word list knows ("fastservice", "jachtbouwkundige")."""
    best = None
    for i in range(2, len(w) - 1):
        a, b = w[:i], w[i:]
        if not (_known(a, doc) or a in _stop_words()) or not (_known(b, doc) or doc.known(b, 1) or b in _stop_words()):
            continue
        sig = _split_signals(a, b, doc)
        if not sig or (name and "document" not in sig):
            continue
        score = ("document" in sig, len(sig), min(zipf(a), zipf(b)))
        if best is None or score > best[0]:
            best = (score, a, b)
    return (best[1], best[2]) if best else None


def _is_compound(w: str, doc: _Doc) -> bool:
    """Reads as a compound of known words (with an optional linking s/e/en): leave it alone."""
    for i in range(3, len(w) - 2):
        a, b = w[:i], w[i:]
        if not _known(b, doc) or len(b) < 3:
            continue
        for link in ("", "s", "e", "en", "n"):
            if a.endswith(link) and len(a) - len(link) >= 3 and _known(a[: len(a) - len(link)] if link else a, doc):
                return True
    return False


@lru_cache(maxsize=1)
def _fuzzy_buckets() -> dict[str, list[str]]:
    buckets: dict[str, list[str]] = {}
    for w, f in _freq().items():
        if f >= KNOWN and w.isalpha() and len(w) >= 3:
            buckets.setdefault(w[0], []).append(w)
    return buckets


# Glyph pairs an OCR engine confuses (read -> meant). A substitution between them costs half.
_CONFUSABLE = {
    ("i", "l"), ("l", "i"), ("h", "b"), ("b", "h"), ("n", "u"), ("u", "n"), ("c", "e"),
    ("e", "c"), ("d", "ö"), ("o", "ö"), ("é", "ö"), ("e", "ë"), ("é", "ë"), ("i", "ï"),
}


def _ocr_cost(w: str, c: str) -> float:
    from rapidfuzz.distance import Levenshtein  # noqa: PLC0415

    cost = 0.0
    for op in Levenshtein.editops(w, c):
        if op.tag == "replace" and (w[op.src_pos], c[op.dest_pos]) in _CONFUSABLE:
            cost += 0.5
        else:
            cost += 1.0
    return cost


def _fuzzy(w: str, doc: _Doc, maxd: Optional[int] = None) -> Optional[str]:
    from rapidfuzz.distance import Levenshtein  # noqa: PLC0415

    if len(w) < 4:
        return None
    if maxd is None:
        maxd = 1 if len(w) <= 5 else 2
    pool = set(_fuzzy_buckets().get(w[0], ()))
    pool.update(x for x, c in doc.counts.items() if c >= 3 and x[:1] == w[:1] and not _SUSPECT_ACCENT.search(x))
    found = []
    for c in pool:
        if abs(len(c) - len(w)) > maxd or c == w:
            continue
        if Levenshtein.distance(w, c, score_cutoff=maxd) <= maxd:
            weight = max(zipf(c), STRONG if doc.counts.get(c, 0) >= 3 else 0.0)
            cost = _ocr_cost(w, c)
            # A rarer target is only accepted for a confusable-glyph repair.
            if weight >= STRONG or (weight >= KNOWN and cost % 1.0):
                found.append((cost, -weight, c))
    if not found:
        return None
    found.sort()
    best = found[0]
    if -best[1] < KNOWN:
        return None
    if len(found) > 1:
        second = found[1]
        if second[0] == best[0] and -best[1] < -second[1] + FUZZY_GAIN:
            return None  # as close and about as frequent: ambiguous
    c = best[2]
    # Never "repair" a word into its own inflection or stem (plural, -e, -s ...).
    fw, fc = _fold(w), _fold(c)
    if fc.startswith(fw) or fw.startswith(fc):
        return None
    return c


def _fold(w: str) -> str:
    import unicodedata  # noqa: PLC0415

    return "".join(ch for ch in unicodedata.normalize("NFD", w) if not unicodedata.combining(ch))


_INFLECTIONS = ("de", "d", "e", "en", "n", "s", "t", "te", "ten", "er", "ere", "st", "ste")


def _is_inflection_of_known(w: str, doc: _Doc) -> bool:
    """A regular inflection of a known word ("bewakende" = "bewaken" + "de"): not a misspelling."""
    return any(
        w.endswith(suf) and len(w) - len(suf) >= 3 and _known(w[: -len(suf)], doc) for suf in _INFLECTIONS
    )


def _ends_in_function_word(w: str, doc: _Doc) -> bool:
    """Known word or compound + "is"/"in"...: glued, never a misspelling to correct."""
    for i in range(3, len(w) - 1):
        a, b = w[:i], w[i:]
        if _is_free_tail(b) and (_known(a, doc, 1.0) or _is_compound(a, doc)):
            return True
    return False


def _fuzzy_tail(w: str, doc: _Doc) -> Optional[str]:
    """A known head + a misread tail: "abstractienivau" -> "abstractieniveau"."""
    for i in range(len(w) - 5, 4, -1):
        head, tail = w[:i], w[i:]
        if not _known(head, doc):
            continue
        fixed = _fuzzy(tail, doc, maxd=1)
        if fixed is not None and len(fixed) >= 5 and zipf(fixed) >= STRONG:
            return head + fixed
    return None


def _restore_case(orig: str, new: str) -> str:
    if len(orig) > 1 and orig.isupper():
        return new.upper()
    if orig[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


def _garbled_case(word: str) -> bool:
    """Upper case after lower case inside a word ("vOoor"): OCR noise — unless the capitals
    start known words (a CamelCase name: "OnderwijsAdviesRaad") or the word is short ("vM")."""
    if len(word) < 4 or not re.search(r"[a-zà-ÿ][A-ZÀ-Þ]", word) or word.isupper():
        return False
    parts = re.findall(r"[A-ZÀ-Þ]?[a-zà-ÿ]+|[A-ZÀ-Þ]+(?![a-zà-ÿ])", word)
    return not all(len(p) >= 3 and zipf(p) >= KNOWN for p in parts)


@lru_cache(maxsize=20000)
def _repair_word_cached(word: str, doc: _Doc, name: bool = False) -> str:
    if len(word) < 2 or (word.isupper() and len(word) > 1):
        return word
    garbled = _garbled_case(word)
    w = word.lower()
    fixed = _fix_diacritics(w, doc)
    if fixed is not None:
        return _restore_case(word, fixed)
    f = zipf(w)
    if f > 0 and not garbled:
        return word
    if garbled and f >= STRONG:
        return _restore_case(word, w)
    split = _split_glued(w, doc, name)
    if split is not None:
        a, b = split
        return _restore_case(word, a) + " " + b
    if _is_compound(w, doc) and not garbled:
        return word
    fz = None if _ends_in_function_word(w, doc) or _is_inflection_of_known(w, doc) else (_fuzzy(w, doc) or _fuzzy_tail(w, doc))
    if fz is not None:
        fz = _fix_diacritics(fz, doc) or fz
        return _restore_case(word, fz) if not garbled else _restore_case(word[:1], fz)
    return word


def repair_word(word: str, context: Optional[str] = None) -> str:
    """Repair one word (may return two words when it was glued)."""
    doc = _doc(context) if context else _EMPTY_DOC
    return _repair_word_cached(word, doc)
