"""Parser for a *kwalificatiedossier* converted from PDF to markdown ("kd-markdown").

The format (SBB kwalificatiedossier, converted by a PDF-to-markdown tool) reads, in order:

* a title page: ``Kwalificatiedossier mbo`` / the dossier title / ``Crebonr. n``, the list of
  ``Kwalificaties`` (``- » **<title> (Crebonr. n)**``), ``Geldig vanaf``, ``Opleidingsdomein``
  (``<domain> (Crebonr. n)``), ``Penvoerder:``, ``Gevalideerd door:``, ``Op:``;
* the Inhoudsopgave and the Leeswijzer (not read);
* the overview: a tab-separated table ``Naam profiel | Mbo-niveau | Beroepsvereisten | Typering``
  and the lists of codes and titles of the basisdeel and the profieldeel;
* ``Basisdeel``: ``1. Beroepsspecifieke onderdelen`` (the typering van de beroepengroep, then per
  kerntaak ``B1-K1: <title>`` its Complexiteit / Verantwoordelijkheid en zelfstandigheid / Vakkennis
  en vaardigheden and per werkproces ``B1-K1-W1: <title>`` its Omschrijving / Resultaat / Gedrag),
  ``2. Generieke onderdelen`` (one titled text per onderdeel);
* ``Profieldeel``: per profile ``P1 <title>`` its Mbo-niveau, Typering van het beroep and
  Beroepsvereisten, then its kerntaken and werkprocessen in the basisdeel's layout.

Every basisdeel section may end in additions "Voor <profiel> geldt aanvullend:", one block per
profile. The converter lays them out as a grid (rows of up to three cells, tab-separated, cells
holding HTML) or as plain paragraphs, and a page break inside the grid repeats the section heading
(a *page header*) and continues the cut cells **without** their "Voor ..." headers. The grid rule:

* a row (or line) whose cells start with "Voor <profiel> geldt aanvullend" opens one block per cell;
* a row of n cells without such headers continues the **last n blocks**, cell by cell;
* after a page header, loose paragraphs (not a row) while blocks are open continue the cells the
  page cut: one paragraph per block that is still empty or stops mid-sentence, when their numbers
  match; otherwise they form a row as above, where a paragraph of competences closes a cell
  (``[competences] [competences]`` are two cells; a single text paragraph is one cell and
  continues the last block);
* a cell of competences never lands on a block that has competences already: it moves on to the
  next block of the row;
* a continued cell joins its block's text with a space (one cell, cut by the page); anything
  else that starts in lower case after a text without final punctuation continues that text.

Headings are recognised from the document's own outline (the table of contents and the
overview list every profile, kerntaak and werkproces with its title): "P2 <title>" opens profile
P2 when the outline gives P2 that title, whatever the name looks like ("1e Medewerker …",
"(Junior) accountmanager", lower case, a final full stop, 100+ characters). A code the outline
does not list is a heading when the body's structure says so (a profile heading is followed by
its labels or its first kerntaak; a kerntaak or werkproces title is no sentence).

A page header is a heading line carrying the code of the werkproces, kerntaak or profile that is
open: it is dropped, and what follows continues the open section. A sentence or list item cut by
it (or by a blank line) is rejoined.

A full dossier lacks no section: a werkproces without Omschrijving, Resultaat or Gedrag, a code
of the overview without its section, or an addition naming no known profile is a `DossierError`
(a cut or damaged file), never a silent gap.

Texts: the lines of one paragraph are joined with a space, paragraphs with "\n"; list items
(gedrag, vakkennis) keep their text without the leading "- ". Markup is repaired by
`knowledge.repair.markup`. Competence names that occur once and are a small edit away from a
name used more often in the same dossier are read as that name (`canonical_names`).
"""
from __future__ import annotations

import re

from rapidfuzz import process

from knowledge.model import KWALIFICATIEDOSSIER, Dossier, DossierError, Origin, Profiel
from knowledge.repair import markup
from knowledge.parsers.kd_markdown.body import _walk
from knowledge.parsers.kd_markdown.competences import _canonicalize_competences, canonical_names
from knowledge.parsers.kd_markdown.elements import _elements
from knowledge.parsers.kd_markdown.overview import _Outline, _body_start, _parse_overview
from knowledge.parsers.kd_markdown.parts import _Profiles, _check_complete, _kerntaak, _profile_part
from knowledge.parsers.kd_markdown.prose import _prose_sections
from knowledge.parsers.kd_markdown.title_page import _parse_title_page


__all__ = ["parse", "canonical_names"]


def parse(source: str, text: str) -> Dossier:
    if not text.strip():
        raise DossierError(source, "empty file: no 'Kwalificatiedossier' title page")
    lines = text.split("\n")
    lines = [ln[:-1] if ln.endswith("\r") else ln for ln in lines]

    dossier = Dossier(title="", kind=KWALIFICATIEDOSSIER, source=source)
    stops = [i for i, ln in enumerate(lines) if markup.clean_text(ln).lower() in
             ("inhoudsopgave", "leeswijzer", "overzicht van het kwalificatiedossier", "basisdeel")]
    title_end = stops[0] if stops else len(lines)
    qualifications = _parse_title_page(dossier, lines, title_end)

    start = _body_start(source, lines)
    overview_at = next((i for i, ln in enumerate(lines[:start])
                        if markup.clean_text(ln).lower() == "overzicht van het kwalificatiedossier"), title_end)
    overview, overview_codes = _parse_overview(lines, overview_at, start)

    outline = _Outline(lines, start)
    for code, (title, _) in overview_codes.items():
        outline.titles.setdefault(code, set()).add(_Outline.key(title))
    body = _walk(source, _elements(lines, start, len(lines)), outline)
    if not body.basis:
        raise DossierError(source, "the 'Basisdeel' has no kerntaak")

    # Profiles: the overview table and the profile part, crebo numbers from the title page.
    heads = {p.code: p for p in body.profiles}
    codes = [r.code for r in overview] + [c for c in heads if c not in {r.code for r in overview}]
    by_code = {r.code: r for r in overview}
    crebos = {markup.normalize_space(t).lower(): (c, no) for no, t, c in qualifications}
    for code in codes:
        row, head = by_code.get(code), heads.get(code)
        title = markup.clean_text(head.title if head else row.title)
        p = Profiel(code=code, title=title)
        p.origins["title"] = Origin(source, (head or row).line, (head or row).line, code)
        hit = crebos.get(title.lower())
        if hit is None and crebos:
            best = process.extractOne(title.lower(), list(crebos), score_cutoff=92)
            hit = crebos[best[0]] if best else None
        if hit and hit[0]:
            p.crebo = hit[0]
            p.origins["crebo"] = Origin(source, hit[1], hit[1], f"{code} crebo")
        if row:
            if row.niveau:
                m = re.match(r"^\s*(\d+)", row.niveau)
                if m:
                    p.niveau = int(m.group(1))
                    p.origins["niveau"] = Origin(source, row.line, row.line, f"{code} mbo-niveau")
            if row.beroepsvereisten:
                p.beroepsvereisten = row.beroepsvereisten
                p.origins["beroepsvereisten"] = Origin(source, row.line, row.line, f"{code} beroepsvereisten")
            if row.typering:
                p.typering_kwalificatie = row.typering
                p.origins["typering_kwalificatie"] = Origin(source, row.line, row.line, f"{code} typering kwalificatie")
        if head:
            _profile_part(source, head, p)
        dossier.profielen.append(p)

    profiles = _Profiles(source, dossier.profielen)
    dossier.kerntaken = [_kerntaak(source, node, profiles) for node in body.basis]
    for p in dossier.profielen:
        head = heads.get(p.code)
        p.kerntaken = [_kerntaak(source, node, profiles) for node in (head.children if head else [])]
        p.outline_only = head is None
    _check_complete(source, dossier, overview_codes)
    _canonicalize_competences(dossier)
    for prose in body.prose:
        dossier.sections.extend(_prose_sections(source, prose))
    return dossier
