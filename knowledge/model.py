"""The domain model: what a qualification dossier says, as plain Python objects.

Parsers produce these objects; the store writes them to the database and reads
them back; the export prints them. Nothing here knows about files, SQL or Rasa.

Every fact keeps its `Origin` (source file, line range, section code) so that a
reply can cite where it came from. A field that the source does not state is
`None` (or an empty list): never a guess.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

KWALIFICATIEDOSSIER = "kwalificatiedossier"
BEROEPSCOMPETENTIEPROFIEL = "beroepscompetentieprofiel"

# Groups of a 2004 beroepscompetentieprofiel, in dossier order.
COMPETENTIE_GROUPS = {
    "VM": "vakmatig-methodisch",
    "BOS": "bestuurlijk-organisatorisch en strategisch",
    "SC": "sociaal-communicatief",
    "ON": "ontwikkelingsgericht",
}


@dataclass
class Origin:
    """Where a fact was read: file name, 1-based inclusive line range, section code."""

    source: str
    line_start: int
    line_end: int
    section: Optional[str] = None  # e.g. "B1-K1-W3 omschrijving", "P2 mbo-niveau"


@dataclass
class Vakkennis:
    """One line of 'vakkennis en vaardigheden', under its group heading if any."""

    tekst: str
    groep: Optional[str] = None  # e.g. "Communicatie", "Archiveren"


@dataclass
class Aanvulling:
    """'Voor <profiel> geldt aanvullend': one profile's addition to a basisdeel section.

    Used on werkprocessen (omschrijving/resultaat/gedrag/competenties) and on
    basisdeel kerntaken (complexiteit/verantwoordelijkheid/vakkennis).
    A text of the source that says "N.v.t." is stored as `nvt=True` with no text.
    """

    profiel: str  # profile code, "P2"
    omschrijving: Optional[str] = None
    resultaat: Optional[str] = None
    gedrag: list[str] = field(default_factory=list)
    competenties: list[str] = field(default_factory=list)
    complexiteit: Optional[str] = None
    verantwoordelijkheid: Optional[str] = None
    vakkennis: list[Vakkennis] = field(default_factory=list)
    nvt: list[str] = field(default_factory=list)  # section names the source marks "N.v.t."
    origins: dict[str, Origin] = field(default_factory=dict)  # section name -> origin


@dataclass
class Werkproces:
    code: str  # full code: "B1-K1-W3", "P6-K1-W2"
    title: str
    omschrijving: Optional[str] = None
    resultaat: Optional[str] = None
    gedrag: list[str] = field(default_factory=list)
    competenties: list[str] = field(default_factory=list)  # "De onderliggende competenties zijn: ..."
    aanvullingen: dict[str, Aanvulling] = field(default_factory=dict)  # profile code -> addition
    outline_only: bool = False  # only code and title are in the source
    origins: dict[str, Origin] = field(default_factory=dict)  # "title", "omschrijving", ...


@dataclass
class Dilemma:
    """A 'keuzes en dilemma's' entry of a 2004 kerntaak."""

    title: str
    text: str


@dataclass
class Kerntaak:
    code: str  # "B1-K1", "P2-K1"; for a 2004 beroepscompetentieprofiel "K1".."K5"
    title: str
    complexiteit: Optional[str] = None
    verantwoordelijkheid: Optional[str] = None  # "verantwoordelijkheid en zelfstandigheid" / "rol / verantwoordelijkheden"
    vakkennis: list[Vakkennis] = field(default_factory=list)
    werkprocessen: list[Werkproces] = field(default_factory=list)
    aanvullingen: dict[str, Aanvulling] = field(default_factory=dict)  # basisdeel only
    # Sections of the 2004 format:
    proces: Optional[str] = None
    betrokkenen: Optional[str] = None
    hulpmiddelen: Optional[str] = None
    kwaliteit: Optional[str] = None  # "kwaliteit van proces en resultaat"
    keuzes: list[Dilemma] = field(default_factory=list)  # "keuzes en dilemma's"
    outline_only: bool = False
    origins: dict[str, Origin] = field(default_factory=dict)


@dataclass
class Profiel:
    """A profile (= kwalificatie) of a kwalificatiedossier."""

    code: str  # "P1"
    title: Optional[str]  # None when the source names only the code
    crebo: Optional[str] = None
    niveau: Optional[int] = None  # mbo-niveau
    typering_kwalificatie: Optional[str] = None  # "middenkaderopleiding"
    beroepsvereisten: Optional[str] = None  # "Nee" or the requirement text
    typering_beroep: Optional[str] = None  # "Typering van het beroep"
    kerntaken: list[Kerntaak] = field(default_factory=list)
    outline_only: bool = False
    origins: dict[str, Origin] = field(default_factory=dict)


@dataclass
class Kernopgave:
    nr: int
    title: str
    text: str
    origin: Optional[Origin] = None


@dataclass
class Beroepscompetentie:
    nr: int
    group: str  # key of COMPETENTIE_GROUPS: "VM" | "BOS" | "SC" | "ON"
    title: str  # e.g. "Voeren van telefoongesprekken"
    text: str  # "De assistent communicatiemedewerker is in staat om ..."
    succescriteria_proces: list[str] = field(default_factory=list)
    succescriteria_resultaat: list[str] = field(default_factory=list)
    origin: Optional[Origin] = None


@dataclass
class Section:
    """A titled block of prose kept for search and citation (context, trends, generieke onderdelen, ...)."""

    key: str  # stable key: "beroepengroep/context", "generiek/engels"
    title: str
    text: str
    origin: Optional[Origin] = None


@dataclass
class Dossier:
    title: str  # "Business Services", "Commercie", "Assistent communicatiemedewerker"
    kind: str  # KWALIFICATIEDOSSIER | BEROEPSCOMPETENTIEPROFIEL
    source: str  # file name under knowledge/sources/
    crebo: Optional[str] = None
    domain: Optional[str] = None  # opleidingsdomein
    domain_crebo: Optional[str] = None
    penvoerder: Optional[str] = None
    gevalideerd_door: Optional[str] = None
    gevalideerd_op: Optional[str] = None  # as printed, "26-11-2020"
    geldig_vanaf: Optional[str] = None
    ontwikkeld_door: Optional[str] = None  # 2004 format
    versie: Optional[str] = None
    datum: Optional[str] = None  # 2004 format: "15-6-2004"
    code: Optional[str] = None  # 2004 format: "CA 006"
    kerntaken: list[Kerntaak] = field(default_factory=list)  # basisdeel, or the BCP's kerntaken
    profielen: list[Profiel] = field(default_factory=list)
    kernopgaven: list[Kernopgave] = field(default_factory=list)
    beroepscompetenties: list[Beroepscompetentie] = field(default_factory=list)
    functiebenamingen: list[str] = field(default_factory=list)
    loopbaan: Optional[str] = None  # "Loopbaanmogelijkheden"
    sections: list[Section] = field(default_factory=list)  # other prose: context, trends, generiek ...
    # What the source could not give reliably, said in words, e.g. "matrix competenties x kerntaken onleesbaar (OCR)".
    unreadable: list[str] = field(default_factory=list)
    # Field names whose value comes from sources.yml rather than the text (e.g. {"title"}).
    supplied: set[str] = field(default_factory=set)
    origins: dict[str, Origin] = field(default_factory=dict)

    def all_kerntaken(self) -> list[Kerntaak]:
        """Basisdeel kerntaken first, then each profile's, in dossier order."""
        result = list(self.kerntaken)
        for profiel in self.profielen:
            result.extend(profiel.kerntaken)
        return result

    def all_werkprocessen(self) -> list[Werkproces]:
        return [wp for kt in self.all_kerntaken() for wp in kt.werkprocessen]


class DossierError(ValueError):
    """A dossier cannot be read. The message names the file and what is missing."""

    def __init__(self, source: str, problem: str):
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem
