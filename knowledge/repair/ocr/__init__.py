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

from knowledge.repair.ocr.lines import (
    is_junk_line,
    is_page_footer,
    join_lines,
    join_split_word,
    split_bullet,
    strip_junk_tail,
)
from knowledge.repair.ocr.text import repair_codes, repair_text
from knowledge.repair.ocr.vocabulary import zipf
from knowledge.repair.ocr.words import repair_word


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
