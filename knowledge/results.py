"""What the knowledge base answers with: plain objects, no Rasa and no wording (knowledge.query makes them)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Union

from knowledge.model import Aanvulling, Dossier, Kerntaak, Profiel, Werkproces


@dataclass(frozen=True)
class Kwalificatie:
    """What a user can ask about by name: a profile of a kwalificatiedossier, or a whole dossier."""

    dossier: str  # dossier title
    profiel: Optional[str]  # profile code, None for the dossier itself
    title: str
    kind: str
    source: str

    @property
    def key(self) -> str:
        return f"{self.dossier}/{self.profiel}" if self.profiel else self.dossier


@dataclass
class Citation:
    dossier: str
    kind: str
    source: str
    code: Optional[str] = None
    line_start: Optional[int] = None
    line_end: Optional[int] = None


@dataclass
class Fact:
    subject: Kwalificatie
    field: str
    value: object
    citation: Citation


@dataclass
class NotStated:
    """The source is silent on this: say so, never guess."""

    subject: Kwalificatie
    field: str
    citation: Citation


@dataclass
class NotFound:
    what: str  # "kwalificatie", "werkproces", "kerntaak", "competentie"
    query: str
    within: Optional[Kwalificatie] = None
    known: list[str] = field(default_factory=list)  # what does exist, to offer instead


@dataclass
class Ambiguous:
    what: str
    query: str
    candidates: list


@dataclass
class WerkprocesView:
    """A werkproces as one profile sees it: the basisdeel text plus that profile's addition only."""

    dossier: Dossier
    kerntaak: Kerntaak
    werkproces: Werkproces
    profiel: Optional[Profiel]  # the profile asked about, if any
    aanvulling: Optional[Aanvulling]  # that profile's addition (basisdeel werkprocessen only)
    citation: Citation


@dataclass
class KerntaakView:
    dossier: Dossier
    kerntaak: Kerntaak
    profiel: Optional[Profiel]
    aanvulling: Optional[Aanvulling]
    citation: Citation


@dataclass
class Comparison:
    a: Kwalificatie
    b: Kwalificatie
    niveau: tuple[Optional[int], Optional[int]]
    shared: list[Kerntaak]  # kerntaken both have (the basisdeel when in one dossier)
    only_a: list[Kerntaak]
    only_b: list[Kerntaak]


Resolution = Union[WerkprocesView, Ambiguous, NotFound]
