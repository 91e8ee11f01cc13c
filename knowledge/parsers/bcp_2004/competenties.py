"""bcp-2004: the overzichtsschema (competence titles per group) and the beroepscompetenties with
their succescriteria (Proces, Resultaat).
"""
from __future__ import annotations

import re
from typing import Optional

from rapidfuzz import fuzz

from knowledge.model import COMPETENTIE_GROUPS, Beroepscompetentie, Dossier, DossierError
from knowledge.parsers.common import Line, title_fit
from knowledge.parsers.bcp_2004.text import _Text, _first_word, _last_word, _prose, _span, _split_bullet


_GROUP_ABBR = re.compile(r"\(\s*([A-Za-z]{2,3})\s*\)\s*$")


def _group_of_heading(text: str) -> Optional[str]:
    """The group a schema heading names: by its "(VM)" abbreviation, or, when that is mangled,
    by its words ("socia / al-communicatieve (SC)" arrives as two lines; the second suffices)."""
    m = _GROUP_ABBR.search(text)
    if m and m.group(1).upper() in COMPETENTIE_GROUPS:
        return m.group(1).upper()
    if re.search(r"\([^()]{1,5}\)\s*$", text) and not text[:1].isupper():
        body = re.sub(r"\([^()]*\)\s*$", "", text).strip().lower()
        best = max(COMPETENTIE_GROUPS, key=lambda g: fuzz.partial_ratio(body, COMPETENTIE_GROUPS[g]))
        if len(body) >= 6 and fuzz.partial_ratio(body, COMPETENTIE_GROUPS[best]) >= 85:
            return best
    return None


def _read_group_label(label: Optional[str]) -> Optional[str]:
    """A printed group label read leniently ("vM" -> VM, "B0S" -> BOS); None if unreadable ("Yo")."""
    if not label:
        return None
    scores = sorted(((fuzz.ratio(label.upper(), g), g) for g in COMPETENTIE_GROUPS), reverse=True)
    if scores[0][0] >= 66 and scores[0][0] > scores[1][0]:
        return scores[0][1]
    return None


def _is_schema_title(text: str) -> bool:
    words = text.split()
    return (
        len(words) >= 2
        and text[:1].isupper()
        and any(re.fullmatch(r"[a-zà-ÿ()\-/]{4,}", w) for w in words)
    )


def _parse_schema(lines: list[Line], start: int, end: int) -> dict[int, tuple[str, str, int]]:
    """nr -> (group, raw title, line number) as listed in an overzichtsschema.

    Titles are numbered in order; most number lines are lost to OCR, those that survive anchor
    the count. When an anchor disagrees with the count, a title was lost (or a stray line taken
    for one) since the previous anchor: those titles are dropped rather than guessed."""
    result: dict[int, tuple[str, str, int]] = {}
    group: Optional[str] = None
    counter = 1
    since_anchor: list[int] = []
    last_title: Optional[int] = None  # index of the last title line (for wrapped titles)
    for i in range(start + 1, end):
        t = lines[i].text
        if not t:
            continue
        g = _group_of_heading(t)
        if g:
            group = g
            last_title = None
            continue
        if re.fullmatch(r"\d{1,2}", t):
            if group is not None and int(t) != counter:
                for nr in since_anchor:
                    result.pop(nr, None)
                counter = int(t)
            since_anchor = []
            last_title = None
            continue
        if group and _is_schema_title(t):
            result[counter] = (group, t, lines[i].no)
            since_anchor.append(counter)
            counter += 1
            last_title = i
            continue
        if last_title == i - 1 and t[:1].islower() and len(t.split()) >= 2:
            nr = counter - 1
            g0, title, no = result[nr]
            result[nr] = (g0, title + " " + t, no)
            last_title = i
            continue
        last_title = None
    return result


_NR = re.compile(r"^Nr\.?\s*(\d{1,2})$", re.IGNORECASE)
_BC_LABEL = re.compile(r"^beroepscompetentie\b\s*\|?\s*", re.IGNORECASE)
_SUCCES = re.compile(r"^succescriteria\b\s*", re.IGNORECASE)
_PROCES = re.compile(r"^proces\b\s*", re.IGNORECASE)
_RESULTAAT = re.compile(r"^resultaat\b\s*", re.IGNORECASE)


# Words a criterion cannot end with (articles, conjunctions, prepositions that are never a
# separable verb particle: "uit", "op", "aan", "door", "voor", "bij", "in" can end a sentence).
_OPEN_ENDINGS = {"de", "het", "een", "van", "en", "of", "die", "dat", "te", "tot", "met", "als", "naar", "zoals"}


def _continues(prev: str, line: str) -> bool:
    """Does a succescriterium line continue the previous one?"""
    if not line[:1].isupper() and not line[:1].isdigit():
        return True  # lower-case, "-", "(", "e.d."
    if prev.endswith((",", ";", "-", "/")) or prev.count("(") > prev.count(")"):
        return True
    return _last_word(prev).lower() in _OPEN_ENDINGS


def _criteria(tx: _Text, content: list[Line]) -> list[str]:
    items: list[list] = []
    for ln in _prose(content):
        if not ln.text:
            continue
        is_bullet, body = _split_bullet(ln.text, items[-1][1] if items else None)
        body = body.strip()
        if items and not is_bullet and _continues(items[-1][1], body):
            items[-1][0] = tx.glue(items[-1][0], body)
            items[-1][1] = body
        else:
            items.append([body, body])
    return [c for c in (tx.clean(t) for t, _ in items) if c]


def _midline_words(lines: list[Line]) -> set[str]:
    words = set()
    for ln in lines:
        words.update(ln.text.split()[1:])
    return words


def _parse_competenties(
    dossier: Dossier, tx: _Text, lines: list[Line], start: int, end: int,
    schemas: list[dict[int, tuple[str, str, int]]],
) -> None:
    src = dossier.source
    region = lines[start:end]
    midline = _midline_words(region)
    starts = [(i, int(m.group(1))) for i in range(start, end) if (m := _NR.match(lines[i].text))]
    if not starts:
        raise DossierError(src, "section 'BEROEPSCOMPETENTIES MET SUCCESCRITERIA' has no 'Nr. n' competences")
    for k, (i, nr) in enumerate(starts):
        stop = starts[k + 1][0] if k + 1 < len(starts) else end
        block = lines[i + 1: stop]
        where = f"competentie {nr} (line {lines[i].no})"
        lab = next((j for j, ln in enumerate(block) if _BC_LABEL.match(ln.text)), None)
        suc = next((j for j, ln in enumerate(block) if _SUCCES.match(ln.text)), None)
        if suc is None:
            raise DossierError(src, f"{where}: 'Succescriteria' missing")
        if lab is None or lab > suc:
            raise DossierError(src, f"{where}: 'Beroepscompetentie' text missing")
        # The competence text; the group label begins the second text line (left column).
        text_lines = [Line(block[lab].no, _BC_LABEL.sub("", block[lab].text))] + block[lab + 1: suc]
        label = None
        if not text_lines[0].text:
            text_lines = text_lines[1:]
            first_is_label_line = True
        else:
            first_is_label_line = False
        second = next(
            (n for n, ln in enumerate(text_lines) if ln.text and (first_is_label_line or n > 0)), None
        )
        if second is not None:
            tok = _first_word(text_lines[second].text)
            if len(tok) <= 4 and tok.isalpha() and (tok.upper() in COMPETENTIE_GROUPS or tok not in midline):
                label = tok
                rest = text_lines[second].text[len(tok):].strip()
                text_lines = text_lines[:second] + [Line(text_lines[second].no, rest)] + text_lines[second + 1:]
        text = tx.paragraphs(text_lines).replace("\n", " ")
        if not text:
            raise DossierError(src, f"{where}: competence text missing")
        # Succescriteria: Proces ..., Resultaat ...
        crit = [Line(block[suc].no, _SUCCES.sub("", block[suc].text))] + block[suc + 1:]
        p = next((j for j, ln in enumerate(crit) if _PROCES.match(ln.text)), None)
        r = next((j for j, ln in enumerate(crit) if _RESULTAAT.match(ln.text) and (p is None or j > p)), None)
        if p is None and r is None:
            raise DossierError(src, f"{where}: no succescriteria (Proces / Resultaat)")
        if p is None:
            raise DossierError(src, f"{where}: succescriteria 'Proces' missing")
        if r is None:
            raise DossierError(src, f"{where}: succescriteria 'Resultaat' missing")
        proces = _criteria(tx, [Line(crit[p].no, _PROCES.sub("", crit[p].text))] + crit[p + 1: r])
        resultaat = _criteria(tx, [Line(crit[r].no, _RESULTAAT.sub("", crit[r].text))] + crit[r + 1:])
        if not proces or not resultaat:
            raise DossierError(src, f"{where}: empty succescriteria ({'Proces' if not proces else 'Resultaat'})")
        # Group and title from the overzichtsschema's; the printed label only cross-checks.
        read = _read_group_label(label)
        rows = [s[nr] for s in schemas if nr in s]
        if rows:
            group, title = _schema_choice(dossier, tx, nr, text, rows)
            if read and read != group:
                dossier.unreadable.append(
                    f"Competentie {nr}: het groepslabel '{label}' wijkt af van het overzichtsschema "
                    f"({group}); de groep uit het schema is aangehouden."
                )
        else:
            if not read:
                raise DossierError(
                    src, f"{where}: not in an overzichtsschema and its group label {label!r} is unreadable (VM/BOS/SC/ON)"
                )
            group, title = read, ""
            dossier.unreadable.append(
                f"Competentie {nr}: de titel staat niet (leesbaar) in het overzichtsschema; "
                f"de groep ({group}) is gelezen uit het label '{label}'."
            )
        dossier.beroepscompetenties.append(
            Beroepscompetentie(
                nr=nr,
                group=group,
                title=title,
                text=text,
                succescriteria_proces=proces,
                succescriteria_resultaat=resultaat,
                origin=_span(src, lines[i:stop], f"competentie {nr}"),
            )
        )
    # Each title paraphrases its own text: a title that fits another competence's text better
    # than its own suggests the schema's titles are misaligned.
    comps = dossier.beroepscompetenties
    for c in comps:
        if not c.title:
            continue
        own = title_fit(c.title, c.text)
        better = [o.nr for o in comps if o is not c and title_fit(c.title, o.text) > own]
        if better:
            dossier.unreadable.append(
                f"Competentie {c.nr}: de titel '{c.title}' uit het overzichtsschema past beter bij de tekst van "
                f"competentie {', '.join(map(str, better))}; de toewijzing van titels is mogelijk verschoven."
            )
    described = {c.nr for c in comps}
    for nr in sorted({nr for s in schemas for nr in s} - described):
        dossier.unreadable.append(
            f"Competentie {nr} staat in het overzichtsschema, maar heeft geen beschrijving met succescriteria."
        )


def _schema_choice(
    dossier: Dossier, tx: _Text, nr: int, text: str, rows: list[tuple[str, str, int]]
) -> tuple[str, str]:
    """(group, title) for competence nr from the schema rows that list it. When the two schemas
    disagree, the title that best matches the competence's own text wins, and the doubt is noted."""
    titles = [tx.clean(title) for _, title, _ in rows]
    agree = all(fuzz.ratio(titles[0].lower(), t.lower()) >= 85 for t in titles) and len({g for g, _, _ in rows}) == 1
    if agree:
        return rows[0][0], titles[0]
    best = max(range(len(rows)), key=lambda n: title_fit(titles[n], text))
    dossier.unreadable.append(
        f"Competentie {nr}: de overzichtsschema's geven verschillende titels/groepen "
        f"({'; '.join(f'{g} {t}' for (g, _, _), t in zip(rows, titles))}); "
        f"aangehouden: {rows[best][0]} {titles[best]}."
    )
    return rows[best][0], titles[best]
