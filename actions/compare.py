"""Comparing two qualifications: level, shared kerntaken, what each has on its own."""
from __future__ import annotations

from actions.base import KnowledgeAction
from actions.turn import Turn


def answer_compare(turn: Turn) -> None:
    named = turn.kwalificaties_named()
    if len(named) == 1 and turn.kwalificatie() not in (None, named[0]):
        named = [turn.kwalificatie(), named[0]]  # "vergelijk hem met X": the conversation's + the new one
    if len(named) < 2:
        return turn.utter(turn.say.compare_needs_two())
    a, b = named[:2]
    comparison = turn.kb.compare(a, b)
    citation_a = turn.kb.citation(turn.kb.dossier(a), a.profiel)
    citation_b = turn.kb.citation(turn.kb.dossier(b), b.profiel)
    turn.cite(citation_a)
    turn.utter(turn.say.comparison(comparison, citation_a, citation_b))


class ActionVergelijk(KnowledgeAction):
    action_name = "action_vergelijk"
    handle = staticmethod(answer_compare)
