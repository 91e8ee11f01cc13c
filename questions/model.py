"""What a user asks, as data: the `Question` (targets + facet + constraints) and the `Answer`.

A `Question` is built from one message (its NLU result and text) and the previous
`Question` of the conversation; it is answered by the function of its facet and
the `Answer` is worded by `Replies`. Both are plain data: no Rasa, no wording.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Optional

# Facets: what kind of answer is asked for.
FACT = "fact"  # one or more fields of a qualification (niveau, crebo, gevalideerd_op ...)
WERKPROCES = "werkproces"  # a werkproces by code, whole or one part (resultaat, gedrag ...)
KERNTAAK = "kerntaak"  # a kerntaak by code or topic, whole or one part (complexiteit, vakkennis ...)
LIST = "list"  # werkprocessen / kerntaken / kwalificaties / competenties of a target
COUNT = "count"  # how many of those
OVERVIEW = "overview"  # the card of a qualification or dossier
COMPARE = "compare"  # two or more qualifications side by side
AGGREGATE = "aggregate"  # over a dossier's qualifications: lowest/highest level, shared part, levels
YESNO = "yesno"  # a polar question: ja/nee first, then the fact
TOPIC = "topic"  # where a subject occurs (werkprocessen, qualifications)
ACTIVITY = "activity"  # the werkproces of a qualification in which something is done
COMPETENTIE = "competentie"  # a beroepscompetentie of a 2004 profile, by number, group or topic
SOURCE = "source"  # where the previous answer came from
OPINION = "opinion"  # a judgement no dossier makes ("is X leuk?"): said so, with what the dossier does describe
SMALLTALK = "smalltalk"  # greet, thank, goodbye, help, bot challenge, affirm, deny, out of scope
UNCLEAR = "unclear"  # nothing to answer: say what kwalibot can do

# The parts a question can ask of a kerntaak ("de complexiteit van P3-K1") and of a werkproces.
KERNTAAK_PARTS = frozenset({"complexiteit", "verantwoordelijkheid", "vakkennis", "keuzes", "hulpmiddelen",
                            "betrokkenen", "kwaliteit"})
WERKPROCES_PARTS = frozenset({"resultaat", "gedrag", "competenties", "omschrijving"})

FACETS = (FACT, WERKPROCES, KERNTAAK, LIST, COUNT, OVERVIEW, COMPARE, AGGREGATE, YESNO, TOPIC, ACTIVITY,
          COMPETENTIE, SOURCE, OPINION, SMALLTALK, UNCLEAR)


@dataclass
class Question:
    facet: str
    text: str = ""
    intent: str = ""
    # Targets. A qualification is its knowledge-base key ("Business Services/P6", "Commercie").
    kwalificaties: list[str] = field(default_factory=list)  # in the order named; the first is the subject
    named: bool = False  # the qualifications were named in this message (not taken from the conversation)
    unknown: Optional[str] = None  # a name that matches no qualification
    werkproces: Optional[str] = None  # as asked ("W3", "P6-K1-W3") or, after answering, resolved
    kerntaak: Optional[str] = None
    kerntaken: list[str] = field(default_factory=list)  # every kerntaak code named ("kerntaak 2 en 3")
    werkprocessen: list[str] = field(default_factory=list)  # every werkproces code named, when several
    profielen: list[str] = field(default_factory=list)  # profile codes named ("P2", "P5")
    competentie: Optional[int] = None
    kernopgave: Optional[int] = None
    scope: Optional[str] = None  # a kerntaak a follow-up looks inside ("zit daar een werkproces over X in?")  # a kernopgave of a 2004 profile, by number
    # Constraints and what exactly is asked.
    fields: list[str] = field(default_factory=list)  # facts asked, in order (several: "door wie en wanneer")
    onderdeel: Optional[str] = None  # part asked: resultaat, gedrag, competenties, vakkennis ...
    aanvullend: bool = False  # only what a profile adds to that part ("aanvullende vakkennis voor X")
    what: Optional[str] = None  # for lists and counts: werkprocessen, kerntaken, kwalificaties, ...
    topic: str = ""  # the message without names, codes and question words
    niveau: Optional[int] = None  # a level named in the message ("niveau 4")
    groep: Optional[str] = None  # beroepscompetentie group (VM, BOS, SC, ON)
    # "laagste" | "hoogste" (niveau); "meeste" | "minste" (a count over a dossier); "meer" | "minder" (two counts)
    extreme: Optional[str] = None
    shared: Optional[bool] = None  # aggregate: True what all share, False what differs
    title: Optional[str] = None  # a title quoted in the question ("zit 'Plant de route' in X?")
    value: Optional[str] = None  # yes/no: the value the user proposes ("middenkaderopleiding", a crebo)
    polar: bool = False  # asked as a yes/no question
    smalltalk: Optional[str] = None  # the smalltalk intent
    items: list[str] = field(default_factory=list)  # codes of the list last answered ("de tweede" picks one)
    citation: Optional[dict] = None  # source of the answer given (for "waar staat dat?")
    seen: list[str] = field(default_factory=list)  # qualifications of earlier turns, most recent first

    @property
    def kwalificatie(self) -> Optional[str]:
        return self.kwalificaties[0] if self.kwalificaties else None

    def to_slot(self) -> dict[str, Any]:
        """What the conversation keeps of this question (a slot value: JSON-safe)."""
        return {k: v for k, v in asdict(self).items() if v not in (None, [], "", False)}

    @classmethod
    def from_slot(cls, value: Any) -> Optional["Question"]:
        if not isinstance(value, dict) or value.get("facet") not in FACETS:
            return None
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in value.items() if k in known})


@dataclass
class Answer:
    """What to say, as data: `reply` names the `Replies` method that words `data`.

    `citation` is the source of the answer (kept for "waar staat dat?"), `buttons`
    (title, payload) offer candidates, `context` updates the question the conversation remembers
    (the qualification, werkproces and kerntaak the answer was about).
    """

    reply: str
    data: dict[str, Any] = field(default_factory=dict)
    citation: Optional[Any] = None
    buttons: list[tuple[str, str]] = field(default_factory=list)
    context: dict[str, Any] = field(default_factory=dict)
    unknown_terms: list[str] = field(default_factory=list)  # parts of the question no source speaks of
