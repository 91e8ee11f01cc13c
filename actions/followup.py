"""Follow-ups that only name a new subject ("en de assistant business services?", "ik bedoel W2"):
the previous question is asked again about it."""
from __future__ import annotations

from actions.base import KnowledgeAction
from actions.competenties import answer_competentie
from actions.compare import answer_compare
from actions.facts import answer_fact
from actions.lists import answer_kerntaken, answer_werkprocessen
from actions.search import answer_search
from actions.turn import SLOT_VRAAG, Turn
from actions.werkprocessen import answer_kerntaak, answer_werkproces

HANDLERS = {
    "ask_werkproces": answer_werkproces,
    "ask_detail": answer_werkproces,
    "ask_kerntaak": answer_kerntaak,
    "ask_fact": answer_fact,
    "list_kerntaken": answer_kerntaken,
    "list_werkprocessen": answer_werkprocessen,
    "compare": answer_compare,
    "ask_competentie": answer_competentie,
    "search_topic": answer_search,
}


def answer_followup(turn: Turn) -> None:
    if turn.entity("werkproces"):
        return answer_werkproces(turn)
    if turn.entity("kerntaak"):
        return answer_kerntaak(turn)
    if turn.entity("competentie"):
        return answer_competentie(turn)
    handler = HANDLERS.get(turn.slot(SLOT_VRAAG) or "", answer_fact)
    handler(turn)


class ActionVervolg(KnowledgeAction):
    action_name = "action_vervolg"
    handle = staticmethod(answer_followup)
    remembers_question = False


def answer_unclear(turn: Turn) -> None:
    """Low NLU confidence (long, rambling or odd messages): a code or a known name in it still says
    what the question is about; otherwise say what kwalibot can do."""
    if turn.entity("werkproces") or turn.entity("kerntaak") or turn.entity("competentie"):
        return answer_followup(turn)
    if turn.kwalificaties_named() and turn.feit():
        return answer_fact(turn)
    turn.utter(turn.say.not_understood())


class ActionVangnet(KnowledgeAction):
    action_name = "action_vangnet"
    handle = staticmethod(answer_unclear)
    remembers_question = False
