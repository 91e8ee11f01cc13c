"""Word-level repair of OCR'd Dutch text.

Used by the parsers of OCR'd sources (``kd_ocr_extract``, ``bcp_2004``). The public entry
points are:

* :func:`repair_text` — apply every word-level rule to running text whose lines are already
  joined (optionally with the whole document as ``context``: its words then count as known
  words, and phrases it contains are evidence for splitting glued words);
* :func:`is_page_footer`, :func:`is_junk_line`, :func:`strip_junk_tail` — lines that are page
  furniture or scanner noise;
* :func:`split_bullet` — is a line a list item, and its text without the marker;
* :func:`join_lines` / :func:`join_split_word` — joining lines of a paragraph (hyphen at line
  end, a word split over two lines).

Every rule is general and backed by a Dutch word list (wordfreq's ``nl`` list, the spaCy Dutch
stop words and lookup lemmatizer, plus the words of the document itself) — never a table of
the words seen in one file. A word is only ever changed when the word list says the original is
not Dutch (or far rarer than the repair) and the repair is; words the list does not know but
that read as a compound of known words are left alone.

Rules (in the order applied to each word):

1. *Diacritics* — OCR reads ë/ê/ö as é/è and ï/ë/ö as plain i/e/o ("commerciéle",
   "geinterpreteerd", "Coordineert", "enquéte"). Variants that put a diaeresis (or circumflex)
   on the letter are generated; the most frequent one wins when it is clearly more frequent
   than the original. An unknown word with é/è right after a vowel (a position where Dutch
   spelling only has a diaeresis) gets ë even when the variant is an unlisted compound
   ("intermediérende"). Real words with é ("café", "één", "Eén") are frequent and stay.
2. *Glued words* — an unknown word that splits into two known words, when the split has a
   signal that it is a phrase rather than a compound: the left part is a closed-class function
   word (a stop word that is not a productive first member of compounds: "het", "een", "en",
   "de"), the right part is a stop word that is not a productive compound tail ("in", "is",
   "een"), both parts are stop words ("bijaan"), the left part is an inflected form (finite
   verb, adjective in -e: "gaat", "voert", "tactische" — inflected forms do not start
   compounds, checked with the lemmatizer and the word list), the right part is a finite verb
   after a noun ("beroepsbeoefenaarinterpreteert"), or the document itself has the two words
   side by side elsewhere.
3. *Letter confusions* — an unknown word that is not a compound of known words is replaced by
   the single (or by far the most frequent) known word within a small edit distance
   ("viot"→"vlot", "Codrdineert"→"Coördineert", "arbeidshemiddeling"→"arbeidsbemiddeling").

Text-level rules: "W?2"/"w2" in codes, "Examen-en" → "Examen- en", "o0.a." → "o.a.",
a word split in two ("commu nicatiemedewerker"), and a separable-verb particle glued to "en"
before a finite verb ("Voert het accountmanagement uiten beheert" → "uit en beheert").
"""
from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from functools import lru_cache
from typing import Iterable, Optional

__all__ = [
    "repair_text",
    "repair_word",
    "repair_codes",
    "is_page_footer",
    "is_junk_line",
    "strip_junk_tail",
    "split_bullet",
    "join_lines",
    "join_split_word",
    "zipf",
]

VOWELS = "aeiou"
LETTER = r"[^\W\d_]"
WORD_RE = re.compile(rf"{LETTER}+")

# Thresholds (zipf scale: 7 = "de", 3 = once per million words, 0 = not in the list).
KNOWN = 2.5  # a word this frequent is a known Dutch word
STRONG = 3.0  # a part of a glued phrase / an edit-distance target must be this frequent
DIACRITIC_GAIN = 1.0  # a diacritic variant must be this much more frequent than the original
FUZZY_GAIN = 1.5  # best edit-distance candidate must beat the runner-up by this much
CLOSED_CLASS_MAX = 20  # stop word starting at most this many compounds = closed class
OPEN_TAIL_MAX = 40  # stop word ending at most this many compounds = not a productive tail
INFLECTED_PREFIX_MAX = 2  # an inflected form starts (almost) no compound


# --------------------------------------------------------------------------------------------
# Word list resources (loaded lazily, once)


@lru_cache(maxsize=1)
def _freq() -> dict[str, float]:
    import wordfreq  # noqa: PLC0415

    return {
        w: math.log10(f * 1e9)
        for w, f in wordfreq.get_frequency_dict("nl").items()
        if f > 0
    }


def zipf(word: str) -> float:
    """Zipf frequency of a word in the Dutch word list (0.0 = unknown)."""
    return _freq().get(word.lower(), 0.0)


@lru_cache(maxsize=1)
def _sorted_known() -> tuple[list[str], list[str]]:
    """Known alphabetic words, sorted, and sorted reversed (for prefix/suffix scans)."""
    words = sorted(w for w, f in _freq().items() if f >= KNOWN and w.isalpha())
    rev = sorted(w[::-1] for w in words)
    return words, rev


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.nl.stop_words import STOP_WORDS  # noqa: PLC0415

    return frozenset(w for w in STOP_WORDS if w.isalpha())


@lru_cache(maxsize=1)
def _lemma_table():
    import spacy  # noqa: PLC0415

    nlp = spacy.blank("nl")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup")


@lru_cache(maxsize=None)
def _compound_starts(word: str, linking: bool = False) -> int:
    """How many known words are `word` + a frequent word of 4+ letters (compound productivity);
    with `linking`, also `word` + "s" + a frequent word ("staat" -> "staatsrecht")."""
    words, _ = _sorted_known()
    freq = _freq()
    n = 0
    i = bisect_left(words, word)
    while i < len(words) and words[i].startswith(word):
        rest = words[i][len(word):]
        if len(rest) >= 4 and (freq.get(rest, 0) >= 3.5 or (linking and rest[0] == "s" and freq.get(rest[1:], 0) >= 3.5)):
            n += 1
        i += 1
    return n


@lru_cache(maxsize=None)
def _compound_ends(word: str) -> int:
    """How many known words are a frequent word of 4+ letters + `word`."""
    _, rev = _sorted_known()
    freq = _freq()
    key = word[::-1]
    n = 0
    i = bisect_left(rev, key)
    while i < len(rev) and rev[i].startswith(key):
        rest = rev[i][len(key):][::-1]
        if len(rest) >= 4 and freq.get(rest, 0) >= 3.5:
            n += 1
        i += 1
    return n


def _is_closed_class(word: str) -> bool:
    """A function word that does not begin compounds (article, pronoun, conjunction, ...)."""
    return word in _stop_words() and _compound_starts(word) <= CLOSED_CLASS_MAX


def _is_free_tail(word: str) -> bool:
    """A function word that does not end compounds ("in", "is", "een"; not "en", "de", "er")."""
    return word in _stop_words() and _compound_ends(word) <= OPEN_TAIL_MAX


def _lemma(word: str) -> Optional[str]:
    table = _lemma_table()
    return table[word] if word in table else None


def _infinitive_candidates(stem: str) -> list[str]:
    out = [stem + "en", stem + "n"]
    if len(stem) >= 3 and stem[-1] not in VOWELS and stem[-2] in VOWELS and stem[-3] == stem[-2]:
        out.append(stem[:-3] + stem[-2] + stem[-1] + "en")  # maakt -> maken
    if len(stem) >= 2 and stem[-1] not in VOWELS:
        out.append(stem + stem[-1] + "en")  # legt -> leggen
    if stem.endswith("f"):
        out.append(stem[:-1] + "ven")
    if stem.endswith("s"):
        out.append(stem[:-1] + "zen")
    return out


def is_finite_verb(word: str) -> bool:
    """Present-tense singular verb form (stem + t): "voert", "gaat", "beheert", "interpreteert"."""
    w = word.lower()
    if len(w) < 3 or not w.endswith("t") or w.startswith("ge") or zipf(w) < KNOWN:
        return False
    lemma = _lemma(w)
    if lemma is not None:
        return lemma != w and lemma.endswith("n")
    return any(zipf(c) >= STRONG for c in _infinitive_candidates(w[:-1]))


def is_inflected_adjective(word: str) -> bool:
    """Attributive adjective in -e whose lemma is the bare adjective: "tactische", "digitale"."""
    w = word.lower()
    if not w.endswith("e"):
        return False
    lemma = _lemma(w)
    return lemma is not None and lemma != w and not lemma.endswith(("e", "n")) and len(lemma) >= len(w) - 2


def _is_inflected(word: str) -> bool:
    return (is_finite_verb(word) or is_inflected_adjective(word)) and _compound_starts(word.lower(), True) <= INFLECTED_PREFIX_MAX


# --------------------------------------------------------------------------------------------
# Document vocabulary


class _Doc:
    """Words and adjacent word pairs of the document being repaired."""

    def __init__(self, text: str):
        words = [w.lower() for w in WORD_RE.findall(text)]
        self.counts = Counter(words)
        # Word pairs written side by side with nothing but a space between (no punctuation).
        tokens = text.lower().split()
        self.pairs = {
            (x, y) for x, y in zip(tokens, tokens[1:]) if WORD_RE.fullmatch(x) and WORD_RE.fullmatch(y)
        }

    def known(self, word: str, min_count: int = 2) -> bool:
        # A word the document uses twice or more counts as known, unless it shows an OCR
        # defect itself (é/è where Dutch has ë).
        return self.counts.get(word, 0) >= min_count and not _SUSPECT_ACCENT.search(word)


_EMPTY_DOC = _Doc("")
_SUSPECT_ACCENT = re.compile(r"[aeiou][éè]|[éè][aeiou]")


@lru_cache(maxsize=8)
def _doc(context: str) -> _Doc:
    return _Doc(context)


def _known(word: str, doc: _Doc, level: float = KNOWN) -> bool:
    return zipf(word) >= level or doc.known(word)


# --------------------------------------------------------------------------------------------
# Rule 1: diacritics

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


# --------------------------------------------------------------------------------------------
# Rule 2: glued words


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


# --------------------------------------------------------------------------------------------
# Rule 3: letter confusions (edit distance)


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


# --------------------------------------------------------------------------------------------
# Word-level entry point


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


# --------------------------------------------------------------------------------------------
# Text-level rules

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


# --------------------------------------------------------------------------------------------
# Lines: footers, junk, bullets, joining

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
