"""Many dossiers made from the few real ones: the knowledge base at the scale of the kwalificatiestructuur.

    python -m knowledge.synthetic FOLDER [--count 80]     # writes the files and FOLDER/sources.yml

Used by the scale tests (a session fixture) and by `make bench-scale` (bot.bench_scale). Every
generated dossier is a real source (knowledge/sources/*.txt, tests/dossiers/facilitair-23999.txt) with
its qualifications renamed to names of the shapes SBB prints (a leading digit, "(Junior) …", lower
case, "/", "&", a colon, 80+ characters), a new dossier title and new crebo numbers; the
kd-markdown dossier of another shape also loses its last profile, or gets a copy of it, and some
copies lose their table of contents. One file is broken (cut off halfway), as a download can be.
The four originals are included unchanged, so their questions keep working among the copies.

`Generated` says what is in the folder: each qualification's name and crebo, the broken file, and a
word that occurs in one werkproces only (for the search tests).
"""
from __future__ import annotations

import argparse
import re
import shutil
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

import yaml

from knowledge.build import MANIFEST, SOURCES_DIR, check_file

ROOT = Path(__file__).resolve().parent.parent
FACILITAIR = ROOT / "tests" / "dossiers" / "facilitair-23999.txt"
BUSINESS = SOURCES_DIR / "business-services-23296.txt"
COMMERCIE = SOURCES_DIR / "commercie-consulent-commerciele-arbeidsbemiddeling.txt"
BCP = SOURCES_DIR / "bcp-assistent-communicatiemedewerker-2004.txt"

# Occupational fields, one per generated dossier: (dossier title, the words its qualifications share).
FIELDS = [
    ("Fastservice", "fastservice"), ("Scheeps- en jachtbouw", "scheeps- en jachtbouw"),
    ("Bakkerij en banket", "bakkerij en banket"), ("Procestechniek", "procestechniek"),
    ("Mobiliteitsbranche", "mobiliteitsbranche"), ("Accountmanagement", "accountmanagement"),
    ("Beveiliging", "beveiliging"), ("Luchtvaarttechniek", "luchtvaarttechniek"),
    ("Glastuinbouw", "glastuinbouw"), ("Hoveniers en groenvoorziening", "hoveniersbedrijf"),
    ("Metselen en voegen", "metselwerk"), ("Schilderen en afwerken", "schilderwerk"),
    ("Installatietechniek", "installatietechniek"), ("Koudetechniek", "koudetechniek"),
    ("Uiterlijke verzorging", "haarverzorging"), ("Schoonheidsverzorging", "huidverzorging"),
    ("Apothekersassistentie", "apotheek"), ("Tandartsassistentie", "mondzorg"),
    ("Dierverzorging", "dierverzorging"), ("Paardenhouderij", "paardenhouderij"),
    ("Veehouderij", "melkveehouderij"), ("Bloemsierkunst", "bloembinderij"),
    ("Meubelmaken", "meubelmakerij"), ("Timmeren", "timmerindustrie"),
    ("Goud- en zilversmeden", "edelsmeedkunst"), ("Uurwerktechniek", "uurwerkmakerij"),
    ("Muziekinstrumentenbouw", "pianotechniek"), ("Podiumtechniek", "podiumtechniek"),
    ("Audiovisuele productie", "filmmontage"), ("Mediavormgeving", "mediavormgeving"),
    ("Drukwerk en afwerking", "grafimedia"), ("Reclamemaken", "reclamebelettering"),
    ("Logistiek", "magazijnlogistiek"), ("Transport en chauffeurs", "goederenvervoer"),
    ("Binnenvaart", "binnenvaart"), ("Zeevisserij", "kottervisserij"),
    ("Havenoperaties", "containerterminal"), ("Spoorwegen", "railinfrastructuur"),
    ("Wegenbouw", "asfaltverwerking"), ("Grondverzet", "grondverzet"),
    ("Funderingstechniek", "heiwerk"), ("Betonbouw", "betonstaalvlechten"),
    ("Dakdekken", "dakbedekking"), ("Stukadoren", "stukadoorswerk"),
    ("Tegelzetten", "tegelwerk"), ("Glaszetten", "glaszetterij"),
    ("Elektrotechniek", "elektrotechniek"), ("Mechatronica", "mechatronica"),
    ("Fijnmechanica", "fijnmechanica"), ("Lastechniek", "constructielassen"),
    ("Plaatbewerking", "plaatbewerking"), ("Kunststoftechniek", "kunststofverwerking"),
    ("Rubberverwerking", "rubberindustrie"), ("Papierindustrie", "papierfabricage"),
    ("Textielproductie", "confectieatelier"), ("Maatkleding", "kleermakerij"),
    ("Schoenherstel", "orthopedische schoentechniek"), ("Tandtechniek", "tandprothetiek"),
    ("Optiek", "brillenglazen"), ("Audiciens", "hoortoestellen"),
    ("Laboratoriumtechniek", "laboratoriumanalyse"), ("Brandweerzorg", "brandbestrijding"),
    ("Ambulancezorg", "ambulancevervoer"), ("Sport en bewegen", "sportbegeleiding"),
    ("Outdoor recreatie", "buitensport"), ("Reizen en toerisme", "reisadvisering"),
    ("Evenementenorganisatie", "evenementenbureau"), ("Gastronomie", "patisserie"),
    ("Slagerij en vleesverwerking", "vleesverwerking"), ("Zuivelbereiding", "kaasmakerij"),
    ("Wijnbouw", "wijngaard"), ("Imkerij", "bijenhouderij"),
    ("Bosbouw", "bosbeheer"), ("Waterbeheer", "waterzuivering"),
    ("Afvalverwerking", "recyclingbedrijf"), ("Archiefbeheer", "archivistiek"),
    ("Bibliotheekwerk", "collectiebeheer"), ("Vastgoedbeheer", "makelaardij"),
]
# Heads of the names within one dossier (each name of a dossier has its own head).
HEADS = ["Medewerker", "Allround vakkracht", "Specialist", "Coördinator", "Adviseur", "Leidinggevende"]
# How SBB prints names: each generated qualification takes the next shape.
SHAPES = [
    "{h} {f}",
    "1e {h} {f}",  # a leading digit
    "(Junior) {h} {f}",  # a parenthesis first
    "{hl} {f}",  # lower case
    "{h} {f}/ICT-beheer",  # a slash
    "{h} {f} & service",  # an ampersand
    "{h} {f} en onderhoud in de procesindustrie, de energiesector en de scheepvaart",  # 80+ characters
    "(Ambulant) {h} {f}",
    "{h} A: {f}",  # a colon inside
    "{hl} {f} en advies",
]
CREBO_START = 40001  # well above the real crebos of the sources (2xxxx)
SINGULAR_WORD = "wrakhoutbeitsen"  # occurs in one werkproces of one generated dossier: search finds that place


# Occupations to ask about that no generated dossier has: none may be linked to a qualification.
NOT_IN_THE_KNOWLEDGE_BASE = [
    # short English job titles
    "Web developer", "Data analyst", "Nurse", "Chef", "Pilot", "Plumber", "Barista", "Software tester",
    "Sign maker", "Shoe repairer",
    # Dutch occupations no dossier here describes
    "piloot", "notaris", "tandarts", "dierenarts", "loodgieter", "verpleegkundige", "politieagent", "advocaat",
    "journalist", "boekhouder", "brandweerman", "vrachtwagenchauffeur", "schoenmaker", "kapper", "loopbaancoach",
    # near misses of names that are in it
    "Medewerker bakkerij en chocolaterie", "Consulent woningbemiddeling", "Marketing en sales specialist",
    "Specialist ruimtevaarttechniek", "Allround vakkracht bierbrouwerij", "Monteur windturbines",
    "Medewerker parkeerhandhaving",
]


def typo(name: str) -> str:
    """One letter dropped from the middle of the name's longest word."""
    words = name.split()
    i = max(range(len(words)), key=lambda j: len(words[j]))
    w = words[i]
    words[i] = w[:len(w) // 2] + w[len(w) // 2 + 1:]
    return " ".join(words)


@dataclass
class Qualification:
    name: str
    crebo: Optional[str]
    dossier: str
    file: str


@dataclass
class Generated:
    folder: Path
    files: list[str] = field(default_factory=list)
    qualifications: list[Qualification] = field(default_factory=list)
    broken: str = ""
    singular: tuple[str, str, str] = ("", "", "")  # (word, dossier title, werkproces code)

    @property
    def with_crebo(self) -> list[Qualification]:
        return [q for q in self.qualifications if q.crebo]


class _Crebos:
    def __init__(self) -> None:
        self.next = CREBO_START

    def __call__(self) -> str:
        self.next += 1
        return str(self.next - 1)


def _name(shape: int, head: str, words: str) -> str:
    return SHAPES[shape % len(SHAPES)].format(h=head, hl=head.lower(), f=words)


def _renamed(text: str, names: dict[str, str]) -> str:
    """Every old name by its new one, longest first (one old name may hold another) and each once."""
    marks = {}
    for i, old in enumerate(sorted(names, key=len, reverse=True)):
        marks[f"\x00{i}\x00"] = names[old]
        text = text.replace(old, f"\x00{i}\x00")
    for mark, new in marks.items():
        text = text.replace(mark, new)
    return text


# ------------------------------------------------------------------ kd-markdown: Business Services

@lru_cache(maxsize=None)
def _profiles(path: Path, fmt: str = "kd-markdown") -> tuple[tuple[str, str], ...]:
    """(name, crebo) of every profile of a source, read by its parser: the renames start from what the file
    says, never from names typed here."""
    dossier = check_file(path, fmt).dossier
    if dossier is None:
        raise ValueError(f"{path.name}: the source does not parse, so it cannot be copied")
    return tuple((p.title, p.crebo) for p in dossier.profielen)


def _business(text: str, title: str, words: str, shape: int, crebo: _Crebos, toc: bool) -> tuple[str, list]:
    names, out = {}, []
    for i, (old, old_crebo) in enumerate(_profiles(BUSINESS)):
        new, number = _name(shape + i, HEADS[i], words), crebo()
        names[old] = new
        text = text.replace(f"(Crebonr. {old_crebo})", f"(Crebonr. {number})")
        out.append((new, number))
    text = _renamed(text, names)
    text = text.replace("Business Services", title).replace("Crebonr. 23296", f"Crebonr. {crebo()}")
    return (text if toc else _without_toc(text)), out


def _without_toc(text: str) -> str:
    start, end = text.index("\nInhoudsopgave\n"), text.index("\nLeeswijzer\n")
    return text[:start] + text[end:]


# ------------------------------------------------------------------ kd-markdown of another shape

FAC_TITLE, FAC_CREBO = "Facilitaire dienstverlening en schoonmaak", "23999"


def _last_profile_blocks(lines: list[str]) -> list[tuple[int, int]]:
    """Where the last profile (P4, which has no additions) stands: its line on the title page, in the table of
    contents, in the overview, in the code list, and its body to the end of the file ([start, end) ranges)."""
    name = _profiles(FACILITAIR)[3][0]
    blocks = []
    for i, ln in enumerate(lines):
        if ln.startswith("- » **") and name in ln:
            blocks.append((i, i + 1))
        elif ln.startswith("P4:") and "\t" in ln:  # the first of its lines in the table of contents
            end = i
            while end < len(lines) and lines[end].startswith("P4") and "\t" in lines[end]:
                end += 1
            blocks.append((i, end))
        elif ln.startswith(f"P4 {name}\t") and ln.endswith("opleiding"):
            blocks.append((i, i + 1))  # the overview row
        elif ln == f"P4 {name}\t\t":  # the code list
            end = i + 1
            while end < len(lines) and (lines[end].startswith("P4-K") or lines[end].startswith("\tP4-K")):
                end += 1
            blocks.append((i, end))
        elif ln == f"P4 {name}" and i > len(lines) // 2:  # the body heading
            blocks.append((i, len(lines)))
            break
    if len(blocks) != 5:
        raise ValueError(f"{FACILITAIR.name}: expected the last profile in 5 places, found {len(blocks)}")
    return blocks


def _shaped(text: str, profiles: int, new_name: str, new_crebo: str) -> str:
    """The dossier with 3 profiles (the last dropped), 4 (as it is) or 5 (the last copied as P5)."""
    if profiles == 4:
        return text
    lines = text.split("\n")
    blocks = _last_profile_blocks(lines)
    out, at = [], 0
    for start, end in blocks:
        out += lines[at:end] if profiles == 5 else lines[at:start]
        if profiles == 5:
            copy = [re.sub(r"\bP4\b", "P5", ln).replace(_profiles(FACILITAIR)[3][0], new_name).replace("25993", new_crebo)
                    .replace("P4-", "P5-") for ln in lines[start:end]]
            out += copy
        at = end
    out += lines[at:]
    return "\n".join(out)


def _facilitair(text: str, title: str, words: str, shape: int, crebo: _Crebos, profiles: int, toc: bool
                ) -> tuple[str, list]:
    heads = ["Medewerker", "Vakkracht", "Leidinggevende", "Specialist", "Adviseur"]
    new = [(_name(shape + i, heads[i], words), crebo()) for i in range(profiles)]
    text = _shaped(text, profiles, "\x01P5\x01", "\x01C5\x01")
    names = {old: new[i][0] for i, (old, _) in enumerate(_profiles(FACILITAIR)[:profiles])}
    for i, (_, old_crebo) in enumerate(_profiles(FACILITAIR)[:profiles]):
        text = text.replace(f"Crebonr. {old_crebo})", f"Crebonr. {new[i][1]})")
    text = _renamed(text, names)
    if profiles == 5:
        text = text.replace("\x01P5\x01", new[4][0]).replace("\x01C5\x01", new[4][1])
    text = text.replace(FAC_TITLE, title).replace(f"Crebonr. {FAC_CREBO}", f"Crebonr. {crebo()}")
    return (text if toc else _without_toc(text)), new


# ------------------------------------------------------------------ the OCR extract and the 2004 profile

OCR_ROW = "P1 Consulent commerciéle 4 Nee middenkaderopleiding\narbeidsbemiddeling\n"
OCR_NAME = re.compile("consulent commerciéle arbeidsbemiddeling", re.I)


def _extract(text: str, name: str) -> str:
    if OCR_ROW not in text:
        raise ValueError(f"{COMMERCIE.name}: the overview row of its qualification is not where it was")
    text = text.replace(OCR_ROW, f"P1 {name} 4 Nee middenkaderopleiding\n")
    return OCR_NAME.sub(name[0].lower() + name[1:], text)  # its texts speak of the profession by its name


BCP_NAME = re.compile("assistent communicatiemedewerker", re.I)


def _profile_2004(text: str, name: str, code: str) -> str:
    text = text.replace("(CA 006)", f"({code})")
    return BCP_NAME.sub(lambda m: name if m.group(0)[0].isupper() else name[0].lower() + name[1:], text)


# ------------------------------------------------------------------ the folder


def _with_singular_word(text: str, code: str) -> str:
    """One werkproces of one dossier gets a sentence with a word no other text has (in its omschrijving)."""
    lines = text.split("\n")
    heading = next(i for i, ln in enumerate(lines) if ln.startswith(code + " ") and "\t" not in ln)
    label = next(i for i in range(heading, len(lines)) if lines[i].strip() == "Omschrijving")
    first = next(i for i in range(label + 1, len(lines)) if lines[i].strip())
    lines[first] += f" Hij/zij beoordeelt ook het {SINGULAR_WORD} van oude kozijnen."
    return "\n".join(lines)


def _kind(n: int) -> int:
    """Of every ten: 0-3 Business Services' shape, 4-7 the other shape; 8 an OCR extract every other ten (they
    are slow to read), 9 a 2004 profile every third ten (they share their function titles)."""
    kind = n % 10
    if kind == 8 and (n // 10) % 2:
        return 0
    if kind == 9 and (n // 10) % 3:
        return 5
    return kind


def generate(folder: Path, count: int = 80) -> Generated:
    """`count` dossier files (the four originals among them) plus one broken file, and their manifest."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    g = Generated(folder)
    entries = [dict(e) for e in yaml.safe_load((SOURCES_DIR / MANIFEST).read_text(encoding="utf-8"))["dossiers"]]
    for e in entries:
        shutil.copy(SOURCES_DIR / e["file"], folder / e["file"])
    shutil.copy(FACILITAIR, folder / FACILITAIR.name)
    entries.append({"file": FACILITAIR.name, "format": "kd-markdown"})
    g.files = [e["file"] for e in entries]
    for old, crebo in _profiles(BUSINESS):
        g.qualifications.append(Qualification(old, crebo, "Business Services", BUSINESS.name))
    for old, crebo in _profiles(FACILITAIR):
        g.qualifications.append(Qualification(old, crebo, FAC_TITLE, FACILITAIR.name))
    sources = {p: p.read_text(encoding="utf-8") for p in (BUSINESS, FACILITAIR, COMMERCIE, BCP)}
    crebo = _Crebos()
    for n, (title, words) in enumerate(FIELDS[:max(0, count - len(entries))]):
        kind = _kind(n)
        slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
        supplied = {}
        if kind < 4:
            text, quals = _business(sources[BUSINESS], title, words, n, crebo, toc=kind != 3)
            fmt = "kd-markdown"
        elif kind < 8:
            text, quals = _facilitair(sources[FACILITAIR], title, words, n, crebo, profiles=3 + (kind - 4) % 3,
                                      toc=kind != 7)
            fmt = "kd-markdown"
        elif kind == 8:
            name = _name(n, "Consulent", words)
            text, quals, fmt, supplied = _extract(sources[COMMERCIE], name), [(name, None)], "kd-ocr-extract", \
                {"title": title}
        else:
            name = _name(n, "Assistent", words)
            text, quals, fmt = _profile_2004(sources[BCP], name, f"SY {n:03d}"), [(name, None)], "bcp-2004"
        file = f"synthetic-{n + 1:02d}-{slug}.txt"
        if n == 1:
            code = "P1-K1-W1"
            text = _with_singular_word(text, code)
            g.singular = (SINGULAR_WORD, title, code)
        (folder / file).write_text(text, encoding="utf-8")
        entry = {"file": file, "format": fmt}
        if supplied:
            entry["supplied"] = supplied
        entries.append(entry)
        g.files.append(file)
        dossier = title
        g.qualifications += [Qualification(name, number, dossier, file) for name, number in quals]
    # A download cut off halfway: its kerntaken and werkprocessen stop in the middle.
    g.broken = "synthetic-broken-halfway.txt"
    cut = sources[BUSINESS]
    (folder / g.broken).write_text(cut[:len(cut) // 2].replace("Business Services", "Afgebroken dossier"),
                                   encoding="utf-8")
    entries.append({"file": g.broken, "format": "kd-markdown"})
    (folder / MANIFEST).write_text("# generated by knowledge.synthetic\n"
                                   + yaml.safe_dump({"dossiers": entries}, allow_unicode=True, sort_keys=False),
                                   encoding="utf-8")
    return g


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--count", type=int, default=80, help="dossier files besides the broken one")
    args = parser.parse_args(argv)
    g = generate(args.folder, args.count)
    print(f"{len(g.files)} dossiers, {len(g.qualifications)} qualifications, broken: {g.broken}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
