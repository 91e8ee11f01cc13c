"""Facts about a qualification (niveau, crebo, domein, penvoerder …) and where an answer came from."""
from __future__ import annotations

import re

from actions.base import KnowledgeAction
from actions.search import answer_search
from actions.turn import SLOT_BRON, SLOT_FEIT, Turn
from knowledge.query import FACT_FIELDS, Citation, Fact, Kwalificatie

PROFILE_2004_PARTS = {"kernopgaven", "functiebenamingen", "loopbaan"}
# A word users say for a fact -> the knowledge base's fields that can answer it, in order.
FEIT_FIELDS = {
    "gevalideerd": ["gevalideerd_door", "gevalideerd_op"],
    "datum": ["datum", "gevalideerd_op", "geldig_vanaf", "versie"],
}


def answer_fact(turn: Turn) -> None:
    named = turn.kwalificaties_named()
    # "en de assistant business services?" asks the previous fact again; "vertel over X" asks for an overview
    feit = turn.feit() or (turn.slot(SLOT_FEIT) if turn.intent == "inform" else None)
    if not feit and re.search(r"\b(wanneer|datum|jaar|hoe oud)\b", turn.text, re.I):
        feit = "datum"  # "van wanneer is dat dossier?"
    if not feit and not named:
        feit = turn.slot(SLOT_FEIT)
    k = turn.kwalificatie()
    if k is None:
        hits = turn.kb.search(turn.text, limit=1)
        if hits and len(hits[0].matched) >= 2 and not turn.entity_values("kwalificatie_onbekend"):
            return answer_search(turn)  # a general question the dossiers answer ("geldt Engels voor niveau 2?")
        return turn.ask_which_kwalificatie("ask_fact")
    turn.remember_kwalificatie(k)
    if feit:
        turn.remember(SLOT_FEIT, feit)
    if feit in PROFILE_2004_PARTS:
        return _profile_2004_part(turn, k, feit)
    fields = FEIT_FIELDS.get(feit or "", [feit] if feit in FACT_FIELDS else [])
    if not fields:
        return _overview(turn, k)
    results = [(field, turn.kb.fact(k, field)) for field in fields]
    facts = [(field, r) for field, r in results if isinstance(r, Fact)]
    if not facts:
        turn.cite(results[0][1].citation)
        return turn.utter(turn.say.not_stated(k, results[0][0], results[0][1].citation))
    turn.cite(facts[0][1].citation)
    turn.utter("\n".join(turn.say.fact(k, field, r.value, r.citation) for field, r in facts))


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
