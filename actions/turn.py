"""One user turn as the actions see it: what was asked about, this turn or earlier.

Entities of the latest message win; what they leave open comes from the slots
the previous answers set (the current qualification, werkproces, kerntaak), so
follow-ups like "en bij W2?" or "welk niveau is dat?" work.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.replies import Replies, replies
from knowledge.query import Citation, KnowledgeBase, Kwalificatie, default_knowledge_base

SLOT_KWALIFICATIE = "kwalificatie"
SLOT_WERKPROCES = "werkproces"
SLOT_KERNTAAK = "kerntaak"
SLOT_VRAAG = "vraag"  # the intent of the last substantive question, for follow-ups that name only a subject
SLOT_FEIT = "feit"
SLOT_BRON = "bron"  # citation of the last answer, for "uit welk dossier komt dat?"
SLOT_COMPETENTIE = "competentie"  # number of the last beroepscompetentie talked about

# Canonical parts a user can ask about, and word stems that name them ("onderliggende competenties",
# "vaardigheden", "dilemma's"): entity values are mapped onto these.
ONDERDELEN = {
    "omschrijving": ("omschrijv", "beschrijv"), "resultaat": ("resulta", "uitkomst", "oplever"),
    "gedrag": ("gedrag",), "competenties": ("competent",), "complexiteit": ("complex",),
    "verantwoordelijkheid": ("verantwoord", "zelfstandig"), "vakkennis": ("kennis", "vaardig", "weten"),
    "keuzes": ("keuze", "dilemma"), "succescriteria": ("succes", "criteri"), "aanvulling": ("aanvul", "extra"),
    "proces": ("proces",),
}


@dataclass
class Turn:
    tracker: Tracker
    dispatcher: CollectingDispatcher
    kb: KnowledgeBase = field(default_factory=default_knowledge_base)
    say: Replies = field(default_factory=replies)
    events: list = field(default_factory=list)

    # -- the message ----------------------------------------------------------------
    @property
    def text(self) -> str:
        return self.tracker.latest_message.get("text") or ""

    @property
    def intent(self) -> str:
        return (self.tracker.latest_message.get("intent") or {}).get("name") or ""

    def entity_values(self, name: str) -> list[str]:
        values = []
        for e in self.tracker.latest_message.get("entities") or []:
            if e.get("entity") == name and e.get("value") not in values:
                values.append(e.get("value"))
        return values

    def entity(self, name: str) -> Optional[str]:
        values = self.entity_values(name)
        return values[0] if values else None

    # -- subjects -------------------------------------------------------------------
    def kwalificaties_named(self) -> list[Kwalificatie]:
        """Qualifications named in this message (linked names, then crebo numbers), in order."""
        found = [k for k in (self.kb.kwalificatie(key) for key in self.entity_values("kwalificatie")) if k]
        for crebo in self.entity_values("crebo"):
            found += [k for k in self.kb.by_crebo(crebo) if k not in found]
        return found

    def kwalificatie(self) -> Optional[Kwalificatie]:
        """The qualification this turn is about: named now, else the one of the conversation."""
        named = self.kwalificaties_named()
        if named:
            return named[0]
        if self.entity_values("kwalificatie_onbekend"):  # asked about something we do not know
            return None
        key = self.tracker.get_slot(SLOT_KWALIFICATIE)
        return self.kb.kwalificatie(key) if key else None

    def slot(self, name: str) -> Any:
        return self.tracker.get_slot(name)

    def onderdeel(self) -> Optional[str]:
        value = (self.entity("onderdeel") or "").lower()
        if not value or any(stem in value for stem in ONDERDELEN["aanvulling"]):
            # not tagged, or only "extra"/"aanvullend": a part named outright in the text says more
            found = re.search(r"\b(omschrijving|resultaat|gedrag|competenties|complexiteit|verantwoordelijkheid"
                              r"|vakkennis|succescriteria|dilemma)", self.text, re.I)
            value = found.group(1).lower() if found else value
        if not value:
            return None
        return next((canon for canon, stems in ONDERDELEN.items() if any(s in value for s in stems)), value)

    def feit(self) -> Optional[str]:
        return self.entity("feit")

    # -- replies --------------------------------------------------------------------
    def utter(self, text: str, buttons: Optional[list[dict]] = None) -> None:
        self.dispatcher.utter_message(text=text, buttons=buttons or [])

    def remember(self, name: str, value: Any) -> None:
        if self.tracker.get_slot(name) != value:
            self.events.append(SlotSet(name, value))

    def remember_kwalificatie(self, k: Optional[Kwalificatie]) -> None:
        if k is not None:
            self.remember(SLOT_KWALIFICATIE, k.key)

    def cite(self, citation: Citation) -> None:
        self.remember(SLOT_BRON, {"dossier": citation.dossier, "kind": citation.kind, "source": citation.source,
                                  "code": citation.code, "line_start": citation.line_start,
                                  "line_end": citation.line_end})

    def ask_which_kwalificatie(self, question: str, candidates: Optional[list[Kwalificatie]] = None,
                               about: str = "") -> None:
        """No qualification to answer about: say we do not know the one named, or ask which one."""
        if self.entity_values("kwalificatie_onbekend"):
            return self.utter(self.say.unknown_kwalificatie())
        self.utter(self.say.ask_which_kwalificatie(about),
                   self.kwalificatie_buttons(candidates or self.kb.kwalificaties(), question))

    def kwalificatie_buttons(self, ks: list[Kwalificatie], question: str) -> list[dict]:
        """One button per candidate; the payload re-asks the question about that candidate."""
        return [{"title": self.say.button_title(k),
                 "payload": f'/{question}{{"kwalificatie": "{k.key}"}}'} for k in ks]
