"""Facts about a qualification (niveau, crebo, domein, penvoerder …) and where an answer came from."""
from __future__ import annotations

from actions.base import KnowledgeAction
from actions.turn import SLOT_BRON, SLOT_FEIT, Turn
from knowledge.query import FACT_FIELDS, Citation, Fact, Kwalificatie

PROFILE_2004_PARTS = {"kernopgaven", "functiebenamingen", "loopbaan"}


def answer_fact(turn: Turn) -> None:
    named = turn.kwalificaties_named()
    # "en de assistant business services?" asks the previous fact again; "vertel over X" asks for an overview
    feit = turn.feit() or (turn.slot(SLOT_FEIT) if turn.intent == "inform" or not named else None)
    if turn.entity_values("kwalificatie_onbekend") and not named:
        return turn.utter(turn.say.unknown_kwalificatie())
    k = turn.kwalificatie()
    if k is None:
        return turn.utter(turn.say.ask_which_kwalificatie(), turn.kwalificatie_buttons(turn.kb.kwalificaties(),
                                                                                       "ask_fact"))
    turn.remember_kwalificatie(k)
    if feit:
        turn.remember(SLOT_FEIT, feit)
    if feit in PROFILE_2004_PARTS:
        return _profile_2004_part(turn, k, feit)
    if feit not in FACT_FIELDS:
        return _overview(turn, k)
    result = turn.kb.fact(k, feit)
    turn.cite(result.citation)
    if isinstance(result, Fact):
        turn.utter(turn.say.fact(k, feit, result.value, result.citation))
    else:
        turn.utter(turn.say.not_stated(k, feit, result.citation))


def _overview(turn: Turn, k: Kwalificatie) -> None:
    """'Vertel over X': what it is, its level and crebo (or that they are not stated), its kerntaken."""
    lines = []
    for feit in ("soort", "niveau", "crebo"):
        result = turn.kb.fact(k, feit)
        lines.append(turn.say.fact(k, feit, result.value, result.citation).split("\n")[0]
                     if isinstance(result, Fact) else turn.say.not_stated(k, feit, result.citation).split("\n")[0])
    citation = turn.kb.citation(turn.kb.dossier(k), k.profiel)
    turn.cite(citation)
    lines.append(turn.say.kerntaken(k, turn.kb.kerntaken(k), citation))
    turn.utter("\n".join(lines))


def _profile_2004_part(turn: Turn, k: Kwalificatie, feit: str) -> None:
    d = turn.kb.dossier(k)
    citation = turn.kb.citation(d, None, d.origins.get(feit))
    turn.cite(citation)
    if feit == "kernopgaven" and d.kernopgaven:
        return turn.utter(turn.say.kernopgaven(k, d.kernopgaven, citation))
    if feit == "functiebenamingen" and d.functiebenamingen:
        return turn.utter(turn.say.functiebenamingen(k, d.functiebenamingen, citation))
    if feit == "loopbaan" and d.loopbaan:
        return turn.utter(turn.say.loopbaan(k, d.loopbaan, citation))
    turn.utter(turn.say.nothing_about(k, feit))


def answer_source(turn: Turn) -> None:
    bron = turn.slot(SLOT_BRON)
    if not bron:
        return turn.utter(turn.say.no_previous_answer())
    citation = Citation(**bron)
    k = turn.kb.kwalificatie(citation.dossier)
    supplied = turn.kb.supplied(k) if k else set()
    turn.utter(turn.say.source_detail(citation, supplied))


class ActionFeit(KnowledgeAction):
    action_name = "action_feit"
    handle = staticmethod(answer_fact)


class ActionBron(KnowledgeAction):
    action_name = "action_bron"
    handle = staticmethod(answer_source)
    remembers_question = False
