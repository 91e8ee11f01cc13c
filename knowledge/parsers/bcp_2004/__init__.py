"""Parser for a 2004 *beroepscompetentieprofiel* (ECABO), converted to text by OCR.

The format (the one that preceded the kwalificatiedossiers) reads, in order:

* a title line ``BEROEPSCOMPETENTIEPROFIEL <beroep> (<code>)`` and a block of general
  information (datum/versie, "Onder regie van", "Ontwikkeld door", "Brondocument(en)",
  "Legitimering", "Mogelijke functiebenamingen", "Loopbaanmogelijkheden");
* BEROEPSBESCHRIJVING (context, rol, complexiteit, beroepshouding) and TRENDS / INNOVATIES
  (category headings first, their bulleted texts after them, in the same order);
* KERNTAKEN VAN HET BEROEP, then per ``KERNTAAK n`` a two-column block: the section label sits
  at the start of its text's first line (or alone, or split over two lines with text between);
* KERNOPGAVEN VAN HET BEROEP (``n Titel`` + text);
* two OVERZICHTSSCHEMA pages (competence titles under their group headings, and a matrix of
  crosses that OCR does not preserve);
* BEROEPSCOMPETENTIES MET SUCCESCRITERIA: ``Nr. n`` blocks with the competence text, the group
  label (VM/BOS/SC/ON, often mangled by OCR) and the Proces/Resultaat criteria.

OCR layout defects are repaired here (page-start indentation, words split over a blank line,
labels glued to text, "|" column residue). Word-level defects are repaired by
`knowledge.repair.ocr.repair_text`, applied to every stored text.
"""
from __future__ import annotations

from knowledge.model import BEROEPSCOMPETENTIEPROFIEL, Dossier, DossierError
from knowledge.parsers.common import lines_of
from knowledge.parsers.bcp_2004.beroep import _parse_beroepsbeschrijving, _parse_trends
from knowledge.parsers.bcp_2004.competenties import _parse_competenties, _parse_schema
from knowledge.parsers.bcp_2004.headings import _HEADINGS, _find_headings
from knowledge.parsers.bcp_2004.kerntaken import _overview_titles, _parse_kernopgaven, _parse_kerntaken
from knowledge.parsers.bcp_2004.text import _Text
from knowledge.parsers.bcp_2004.title_page import _TITLE, _parse_header


_MATRIX_NOTES = {
    "schema_kerntaken": (
        "Overzichtsschema beroepscompetenties en kerntaken: de kruisjesmatrix is door OCR onleesbaar; "
        "welke competentie bij welke kerntaak hoort, is niet uit de bron te halen."
    ),
    "schema_kernopgaven": (
        "Overzichtsschema beroepscompetenties en kernopgaven: de kruisjesmatrix is door OCR onleesbaar; "
        "welke competentie bij welke kernopgave hoort, is niet uit de bron te halen."
    ),
}


def parse(source: str, text: str) -> Dossier:
    if not text or not text.strip():
        raise DossierError(source, "empty text (no 'BEROEPSCOMPETENTIEPROFIEL' title line)")
    lines = lines_of(text)
    first = next(ln for ln in lines if ln.text)
    if not _TITLE.match(first.text):
        raise DossierError(
            source, f"line {first.no} is not the title line 'BEROEPSCOMPETENTIEPROFIEL <beroep> (<code>)'"
        )
    tx = _Text(text)
    heads, kt_heads = _find_headings(lines)
    for key in ("kerntaken", "competenties"):
        if key not in heads and not (key == "kerntaken" and kt_heads):
            raise DossierError(source, f"section '{_HEADINGS[key]}' is missing")
    if not kt_heads:
        raise DossierError(source, "no 'KERNTAAK n' sections")

    # Region boundaries: each heading runs to the next one.
    marks = sorted([(i, k) for k, i in heads.items()] + [(i, f"K{n}") for i, n in kt_heads])
    ends = {i: (marks[n + 1][0] if n + 1 < len(marks) else len(lines)) for n, (i, _) in enumerate(marks)}

    dossier = Dossier(title="", kind=BEROEPSCOMPETENTIEPROFIEL, source=source)
    _parse_header(dossier, tx, lines, marks[0][0])
    if "beroepsbeschrijving" in heads:
        i = heads["beroepsbeschrijving"]
        _parse_beroepsbeschrijving(dossier, tx, lines, i + 1, ends[i])
    if "trends" in heads:
        i = heads["trends"]
        _parse_trends(dossier, tx, lines, i + 1, ends[i])
    overview = []
    if "kerntaken" in heads:
        i = heads["kerntaken"]
        overview = _overview_titles(lines, i + 1, ends[i])
    _parse_kerntaken(dossier, tx, lines, kt_heads, ends, overview)
    if "kernopgaven" in heads:
        i = heads["kernopgaven"]
        _parse_kernopgaven(dossier, tx, lines, i + 1, ends[i])

    # Competence titles and groups: both overzichtsschema's list them; their matrices are not read.
    schemas = []
    for key in ("schema_kerntaken", "schema_kernopgaven"):
        if key in heads:
            i = heads[key]
            schemas.append(_parse_schema(lines, i, ends[i]))
            dossier.unreadable.append(_MATRIX_NOTES[key])
    i = heads["competenties"]
    _parse_competenties(dossier, tx, lines, i + 1, ends[i], schemas)
    return dossier
