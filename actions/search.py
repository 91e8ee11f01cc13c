"""Topic questions ("bij welke werkprocessen gaat het om budgetten?"): ranked, cited passages."""
from __future__ import annotations

import re

from actions.base import KnowledgeAction
from actions.turn import Turn

MAX_HITS = 4
RELATIVE_SCORE = 0.5  # hits scoring below half the best one are noise, not answers


def answer_search(turn: Turn) -> None:
    if turn.entity("werkproces"):  # a code says exactly what is asked about, whatever the wording
        from actions.werkprocessen import answer_werkproces
        return answer_werkproces(turn)
    named = turn.kwalificaties_named()
    within = named[0] if named else None
    query = turn.text
    for k in named:  # the qualification's own name is not the topic
        query = re.sub(r"\b(" + "|".join(re.escape(w) for w in k.title.split()) + r")\b", " ", query, flags=re.I)
    hits = turn.kb.search(query, limit=MAX_HITS, within=within)
    hits = [h for h in hits if h.score >= RELATIVE_SCORE * hits[0].score and len(h.matched) == len(hits[0].matched)]
    if not hits:
        return turn.utter(turn.say.search_nothing(turn.text))
    top = hits[0].passage
    k = turn.kb.kwalificatie(f"{top.dossier}/{top.profiel}") if top.profiel else None
    turn.remember_kwalificatie(k or within)
    turn.cite(turn.kb.citation(next(d for d in turn.kb.dossiers() if d.title == top.dossier), top.code))
    turn.utter(turn.say.search_results(turn.text, [(h, _whose(turn, h)) for h in hits]))


def _whose(turn: Turn, hit) -> str | None:
    """The qualification a passage belongs to: the profile of a P-code or of an addition, else none."""
    p = hit.passage
    profiel = p.profiel or (p.code.split("-")[0] if p.code and re.match(r"^P\d+-", p.code) else None)
    k = turn.kb.kwalificatie(f"{p.dossier}/{profiel}") if profiel else None
    return k.title if k and k.title != profiel else None


class ActionZoek(KnowledgeAction):
    action_name = "action_zoek"
    handle = staticmethod(answer_search)
