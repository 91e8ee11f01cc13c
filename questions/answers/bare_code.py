"""A bare code ("P2-K1-W1", "B1-K1") with no qualification in the question or the conversation.

A code that a few dossiers describe is answered for each of them (`ANSWER_ALL_UP_TO` in
questions.answers). Among the whole kwalificatiestructuur nearly every dossier has a P2-K1-W1:
answering "a few" of them would be answering at random, so kwalibot asks which one is meant —
buttons for the few most likely (those already in this conversation first, then in the order of the
knowledge base), and the hint to type the name, which the pending question then takes up.
"""
from __future__ import annotations

from typing import Optional

from knowledge.query import KnowledgeBase, Kwalificatie
from questions.model import Answer, Question

BUTTONS = 4  # the few most likely; the reply says how many there are in all
REMEMBERED = 5  # qualifications of earlier turns a question carries along (`Question.seen`)


def seen_before(previous: Optional[Question]) -> list[str]:
    """The qualifications the conversation has been about, most recent first (for `Question.seen`)."""
    if previous is None:
        return []
    return list(dict.fromkeys([*previous.kwalificaties, *previous.seen]))[:REMEMBERED]


def likely_first(owners: list[Kwalificatie], seen: list[str]) -> list[Kwalificatie]:
    """Owners of the code met earlier in the conversation (a profile's dossier counts), then the rest in order."""
    def rank(k: Kwalificatie) -> int:
        for i, key in enumerate(seen):
            if key == k.key or key.split("/")[0] == k.dossier:
                return i
        return len(seen)

    return sorted(owners, key=rank)  # stable: the knowledge base's order among equals


def ask_which(q: Question, kb: KnowledgeBase, owners: list[Kwalificatie]) -> Answer:
    from questions.answers import button, kb_title

    code = q.werkproces if q.werkproces and "-W" in q.werkproces else q.kerntaak
    shown = likely_first(owners, q.seen)[:BUTTONS]
    part = {"werkproces": code} if "-W" in code else {"kerntaak": code}
    return Answer("ask_which_of_many", {"code": code, "count": len(owners), "shown": shown},
                  buttons=[button(kb_title(k), kwalificatie=k.key, **part) for k in shown],
                  context={"kwalificaties": []})
