"""Generic markup repair (knowledge.repair.markup): each rule with what it changes and what it keeps."""
from __future__ import annotations

import pytest

from knowledge.repair import markup


@pytest.mark.parametrize(
    "text, expected",
    [
        ("<p>Voor X geldt aanvullend:</p>", " Voor X geldt aanvullend: "),
        ('<ul style="list-style-type: none">- a', " - a"),
        ("a</ul><li>b</li><br/>c", "a  b  c"),
        # kept: autolinks, comparisons, arrows
        ("zie <https://wetten.overheid.nl/BWBR0027879>", "zie <https://wetten.overheid.nl/BWBR0027879>"),
        ("a < b en c > d", "a < b en c > d"),
        ("geen tags", "geen tags"),
    ],
)
def test_strip_html(text, expected):
    assert markup.strip_html(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("op <https://kwalificatie-mijn.s-bb.nl>.", "op https://kwalificatie-mijn.s-bb.nl."),
        ("<mailto:info@x.nl>", "mailto:info@x.nl"),
        ("<info@x.nl>", "info@x.nl"),
        ("<p>tekst</p>", "<p>tekst</p>"),
        ("a < b", "a < b"),
    ],
)
def test_unwrap_autolinks(text, expected):
    assert markup.unwrap_autolinks(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Het **basisdeel** (B)", "Het basisdeel (B)"),
        ("**Omschrijving**", "Omschrijving"),
        ("los ** restant", "los  restant"),
        ("2 * 3 = 6", "2 * 3 = 6"),
        ("* voetnoot", "* voetnoot"),
    ],
)
def test_strip_bold(text, expected):
    assert markup.strip_bold(text) == expected


@pytest.mark.parametrize(
    "line, expected",
    [
        ("B1-K1-W1: Treedt op als aanspreekpunt voor klanten**Omschrijving**",
         ["B1-K1-W1: Treedt op als aanspreekpunt voor klanten", "Omschrijving"]),
        ("B1-K1-W3: Verwerkt gegevens**Omschrijving**  ", ["B1-K1-W3: Verwerkt gegevens", "Omschrijving"]),
        ("Titel**Resultaat van de beroepengroep**", ["Titel", "Resultaat van de beroepengroep"]),
        # kept: bold in running text, a line bold as a whole, bold followed by more text
        ("Het **basisdeel** (B)", ["Het **basisdeel** (B)"]),
        ("Het **basisdeel**", ["Het **basisdeel**"]),
        ("**Omschrijving**", ["**Omschrijving**"]),
        ("a**b** c", ["a**b** c"]),
        ("gewone regel", ["gewone regel"]),
    ],
)
def test_split_glued_bold(line, expected):
    assert markup.split_glued_bold(line) == expected


@pytest.mark.parametrize(
    "line, expected",
    [
        ("---\t---\t--", True),
        ("---\t---\t---", True),
        ("| --- | :---: | ---: |", True),
        ("---", True),
        ("--", True),
        # kept: content
        ("- item", False),
        ("geld-, goederen- en informatie", False),
        ("a---b", False),
        ("\t\t", False),
        ("", False),
    ],
)
def test_is_table_separator(line, expected):
    assert markup.is_table_separator(line) is expected


@pytest.mark.parametrize(
    "line, expected",
    [
        ("a\tb\tc", ["a", "b", "c"]),
        ("a\t\tc\t", ["a", "", "c"]),
        ("Complexiteit\t\t", ["Complexiteit"]),
        ("\tB1-K1-W2\tVerzorgt", ["", "B1-K1-W2", "Verzorgt"]),
        ("geen tabs", ["geen tabs"]),
    ],
)
def test_table_cells(line, expected):
    assert markup.table_cells(line) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("- » **Assistant Business Services (Crebonr. 25724)**", "**Assistant Business Services (Crebonr. 25724)**"),
        ("» Titel", "Titel"),
        # kept
        ("- item", "- item"),
        ("tekst » meer", "tekst » meer"),
    ],
)
def test_strip_list_marker(text, expected):
    assert markup.strip_list_marker(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("correcte rapportages; ;", "correcte rapportages;"),
        ("a;;b", "a;b"),
        ("a, ,b", "a,b"),
        ("klaar. .", "klaar."),
        ("vraag??", "vraag?"),
        # kept
        ("enzovoort...", "enzovoort..."),
        ("m.b.t. de t.b.v.", "m.b.t. de t.b.v."),
        ("a; b, c: d.", "a; b, c: d."),
        ("(face to face, telefonisch, e-mail/chat ed.);", "(face to face, telefonisch, e-mail/chat ed.);"),
    ],
)
def test_collapse_punctuation(text, expected):
    assert markup.collapse_punctuation(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("<p>Resultaat</p>\t\t", "Resultaat"),
        ("**Omschrijving**", "Omschrijving"),
        ("zie <https://wetten.overheid.nl/BWBR0027963> en", "zie https://wetten.overheid.nl/BWBR0027963 en"),
        ("rapportages; ;", "rapportages;"),
        ("a  \t b", "a b"),
        ("gewone zin.", "gewone zin."),
    ],
)
def test_clean_text(text, expected):
    assert markup.clean_text(text) == expected


@pytest.mark.parametrize(
    "cell, expected",
    [
        # ▪ bullets inside a cell
        ('Voor X geldt aanvullend: <ul style="list-style-type: none">▪ heeft kennis▪ kan rekenen',
         ["Voor X geldt aanvullend:", "- heeft kennis", "- kan rekenen"]),
        # <p> paragraphs and an inline "- a; - b" list
        ('<p>Voor X geldt aanvullend:</p> <ul style="list-style-type: none"> - stemt af; - geeft advies. '
         "<p>De onderliggende competenties zijn: A, B</p>",
         ["Voor X geldt aanvullend:", "- stemt af;", "- geeft advies.", "De onderliggende competenties zijn: A, B"]),
        ("Voor X geldt aanvullend: - stemt af;- bewaakt.", ["Voor X geldt aanvullend:", "- stemt af;", "- bewaakt."]),
        ("<p>- investeert in werk-/klantrelaties.</p> <p>Tekst.</p>", ["- investeert in werk-/klantrelaties.", "Tekst."]),
        # kept: hyphens inside words and enumerations, text without markup
        ("binnen geld-, goederen- en informatie beweging", ["binnen geld-, goederen- en informatie beweging"]),
        ("wet- en regelgeving; to-do's", ["wet- en regelgeving; to-do's"]),
        ("Hij/zij voert taken uit: hij/zij verwerkt gegevens.", ["Hij/zij voert taken uit: hij/zij verwerkt gegevens."]),
        ("<p></p>", []),
    ],
)
def test_split_cell_items(cell, expected):
    assert markup.split_cell_items(cell) == expected
