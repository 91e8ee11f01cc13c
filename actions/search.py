"""Topic questions ("bij welke werkprocessen gaat het om budgetten?"): ranked, cited passages."""
from __future__ import annotations

from actions.base import KnowledgeAction
from actions.turn import Turn

MAX_HITS = 4


def answer_search(turn: Turn) -> None:
    named = turn.kwalificaties_named()
    within = named[0] if named else None
    hits = turn.kb.search(turn.text, limit=MAX_HITS, within=within)
    if not hits:
        return turn.utter(turn.say.search_nothing(turn.text))
    top = hits[0].passage
    k = turn.kb.kwalificatie(f"{top.dossier}/{top.profiel}") if top.profiel else None
    turn.remember_kwalificatie(k or within)
    turn.cite(turn.kb.citation(next(d for d in turn.kb.dossiers() if d.title == top.dossier), top.code))
    turn.utter(turn.say.search_results(turn.text, hits))


class ActionZoek(KnowledgeAction):
    action_name = "action_zoek"
    handle = staticmethod(answer_search)
