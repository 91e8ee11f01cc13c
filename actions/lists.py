"""Complete, ordered lists: qualifications, kerntaken, werkprocessen."""
from __future__ import annotations

from actions.base import KnowledgeAction
from actions.turn import Turn


def answer_kwalificaties(turn: Turn) -> None:
    named = turn.kwalificaties_named()
    ks = turn.kb.kwalificaties()
    if named and not named[0].profiel:  # "welke profielen heeft business services?"
        ks = [k for k in ks if k.dossier == named[0].dossier]
    turn.utter(turn.say.kwalificaties(ks))


def answer_kerntaken(turn: Turn) -> None:
    k = turn.kwalificatie()
    if k is None:
        return turn.ask_which_kwalificatie("list_kerntaken")
    turn.remember_kwalificatie(k)
    citation = turn.kb.citation(turn.kb.dossier(k), k.profiel)
    turn.cite(citation)
    turn.utter(turn.say.kerntaken(k, turn.kb.kerntaken(k), citation))


def answer_werkprocessen(turn: Turn) -> None:
    k = turn.kwalificatie()
    if k is None:
        return turn.ask_which_kwalificatie("list_werkprocessen")
    turn.remember_kwalificatie(k)
    kerntaak = turn.entity("kerntaak")
    pairs = turn.kb.werkprocessen(k, kerntaak)
    citation = turn.kb.citation(turn.kb.dossier(k), kerntaak or k.profiel)
    turn.cite(citation)
    if kerntaak and not pairs:
        known = [kt.code for kt in turn.kb.kerntaken(k)]
        return turn.utter(turn.say.no_kerntaak(kerntaak, k, known))
    turn.utter(turn.say.werkprocessen(k, pairs, citation, kerntaak))


class ActionKwalificaties(KnowledgeAction):
    action_name = "action_kwalificaties"
    handle = staticmethod(answer_kwalificaties)


class ActionKerntaken(KnowledgeAction):
    action_name = "action_kerntaken"
    handle = staticmethod(answer_kerntaken)


class ActionWerkprocessen(KnowledgeAction):
    action_name = "action_werkprocessen"
    handle = staticmethod(answer_werkprocessen)
