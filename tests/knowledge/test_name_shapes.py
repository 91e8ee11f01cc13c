"""Qualification names as SBB prints them, through the parsers that read names.

The dossiers are made from real text of each format: the test-only dossier of another shape
(tests/dossiers/facilitair-23999.txt: two basisdeel kerntaken, a profile with two kerntaken, a
profile without additions) and the OCR extract of knowledge/sources/, with one qualification
renamed everywhere the format prints its name (title page, table of contents, overview, profile
heading, "Voor <naam> geldt aanvullend").
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from knowledge.parsers import kd_markdown, kd_ocr_extract

ROOT = Path(__file__).resolve().parents[2]
FACILITAIR = (ROOT / "tests" / "dossiers" / "facilitair-23999.txt").read_text(encoding="utf-8")
COMMERCIE = (ROOT / "knowledge" / "sources" / "commercie-consulent-commerciele-arbeidsbemiddeling.txt").read_text(
    encoding="utf-8")

# The test dossier's profiles: name, crebo, level, kerntaken -> werkproces numbers.
PROFILES = {
    "P1": ("(Junior) medewerker facilitaire dienstverlening", "25990", 2, {"P1-K1": 2}),
    "P2": ("1e Medewerker schoonmaak- en glazenwassersbedrijf", "25991", 3, {"P2-K1": 3, "P2-K2": 2}),
    "P3": ("Leidinggevende facilitaire dienstverlening en schoonmaak in de zorg", "25992", 4, {"P3-K1": 3}),
    "P4": ("hygiëne- en infectiepreventie specialist", "25993", 4, {"P4-K1": 2}),  # no additions anywhere
}
# Profiles with additions on B1-K1-W1 (omschrijving) in the test dossier.
ADDITIONS_B1_K1_W1 = ["P2", "P3"]

# name as printed -> name as stored
SHAPES = {
    "1e Medewerker fastservice": None,  # starts with a digit
    "(Junior) accountmanager": None,  # starts with a parenthesis
    "(Ambulant) objectleider": None,
    "scheeps- en jachtbouwkundige": None,  # lower case
    "Medewerker ICT/netwerkbeheer & support": None,  # "/" and "&"
    "Eerste monteur service en onderhoud elektrotechniek en instrumentatie": None,
    "Eerste monteur service en onderhoud elektrotechniek en instrumentatie in de procesindustrie, de "
    "energiesector en de scheepvaart": None,  # 120+ characters, 17 words
    "Allround medewerker b.v.": None,  # ends in a full stop, like a sentence
    "Operator A: procesindustrie": None,  # a colon inside
    "Resultaat- en kwaliteitsmedewerker": None,  # starts with a section label's word
    "Voor- en nabewerker": None,  # starts like an addition ("Voor ... geldt aanvullend")
    "Medewerker Hospitality &amp; Voeding": "Medewerker Hospitality & Voeding",  # an HTML entity of the converter
}


def renamed(code: str, name: str, *, toc: bool = True) -> str:
    text = FACILITAIR.replace(PROFILES[code][0], name)
    if not toc:  # without a table of contents the overview alone lists the names
        start, end = text.index("\nInhoudsopgave\n"), text.index("\nLeeswijzer\n")
        text = text[:start] + text[end:]
    return text


@pytest.mark.parametrize("toc", [True, False], ids=["with-toc", "without-toc"])
@pytest.mark.parametrize("code", list(PROFILES))
@pytest.mark.parametrize("name", list(SHAPES))
def test_kd_markdown_reads_any_name(name, code, toc):
    d = kd_markdown.parse("shape.txt", renamed(code, name, toc=toc))
    stored = SHAPES[name] or name
    expected = {c: (stored if c == code else title, crebo, niveau, kts)
                for c, (title, crebo, niveau, kts) in PROFILES.items()}
    got = {p.code: (p.title, p.crebo, p.niveau, {k.code: len(k.werkprocessen) for k in p.kerntaken})
           for p in d.profielen}
    assert got == expected
    assert [(k.code, len(k.werkprocessen)) for k in d.kerntaken] == [("B1-K1", 3), ("B1-K2", 2)]
    w1 = d.kerntaken[0].werkprocessen[0]
    assert sorted(a.profiel for a in w1.aanvullingen.values() if a.omschrijving) == ADDITIONS_B1_K1_W1
    assert all(not p.outline_only for p in d.profielen)


def test_a_profile_the_outline_does_not_list_is_read_by_the_body_structure():
    """No table-of-contents entry, overview row or code list for P4: its heading in the body is
    followed by its own labels and kerntaken, and that makes it a profile."""
    text = "\n".join(ln for ln in FACILITAIR.split("\n")
                     if not (ln.startswith(("P4:", "P4-K1:", "P4-K1-W")) and "\t" in ln)  # table of contents
                     and not (ln.startswith(("P4 ", "P4-K1 ")) and "\t" in ln)  # overview row and code list
                     and not ln.startswith("\tP4-K1-W"))
    assert text.count("P4") < FACILITAIR.count("P4")
    p4 = kd_markdown.parse("shape.txt", text).profielen[3]
    assert (p4.code, p4.title, p4.crebo, p4.niveau) == ("P4", PROFILES["P4"][0], "25993", 4)
    assert [(k.code, len(k.werkprocessen)) for k in p4.kerntaken] == [("P4-K1", 2)]


@pytest.mark.parametrize("line", [
    "P3 stelt de roosters op in overleg met de ploeg.",  # a listed code: the outline gives P3 another title
    "P5 (niet in dit dossier) komt later",  # an unlisted code: not followed by P5's labels or kerntaken
])
def test_a_sentence_starting_with_a_profile_code_is_no_heading(line):
    """'P3 ...' / 'P5 ...' inside P2's text is prose."""
    anchor = "Beroepsvereisten\n\nJa\n"
    assert FACILITAIR.count(anchor) == 1
    d = kd_markdown.parse("shape.txt", FACILITAIR.replace(anchor, anchor + "\n" + line + "\n"))
    p2 = d.profielen[1]
    assert [k.code for k in p2.kerntaken] == ["P2-K1", "P2-K2"] and line in p2.beroepsvereisten


# --- the OCR extract: the kept profile's name in the overview row, wrapped as OCR wraps it --------

ROW = "P1 Consulent commerciéle 4 Nee middenkaderopleiding\narbeidsbemiddeling\n"
IN_TEXT = re.compile("consulent commerciéle arbeidsbemiddeling", re.I)


@pytest.mark.parametrize("first, wrapped", [
    ("1e Medewerker fastservice", None),
    ("(Junior) accountmanager", None),
    ("(Ambulant)", "objectleider"),  # the wrapped part starts in lower case
    ("scheeps- en jachtbouwkundige", None),
    ("Eerste monteur service en onderhoud", "elektrotechniek en instrumentatie"),
    ("Medewerker ICT/netwerkbeheer &", "Support"),  # ... in upper case
    ("Consulent", "(commerciële) arbeidsbemiddeling"),  # ... with a parenthesis
    ("Operator", "3D-print"),  # ... with a digit
])
def test_kd_ocr_extract_reads_any_name(first, wrapped):
    name = first + (" " + wrapped if wrapped else "")
    assert ROW in COMMERCIE
    text = COMMERCIE.replace(ROW, f"P1 {first} 4 Nee middenkaderopleiding\n" + (f"{wrapped}\n" if wrapped else ""))
    text = IN_TEXT.sub(name[0].lower() + name[1:], text)  # the texts speak of the profile by its name
    d = kd_ocr_extract.parse("shape.txt", text)
    kept = [p for p in d.profielen if not p.outline_only]
    assert [(p.code, p.title, p.niveau) for p in kept] == [("P2", name, 4)]
    assert {k.code: len(k.werkprocessen) for k in kept[0].kerntaken} == {"P2-K1": 5, "P2-K2": 4}
