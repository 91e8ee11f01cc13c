"""Complete, ordered lists: qualifications, kerntaken, werkprocessen."""
from __future__ import annotations

import re

from actions.base import KnowledgeAction
from actions.turn import Turn


def answer_kwalificaties(turn: Turn) -> None:
    named = turn.kwalificaties_named()
    if turn.onderdeel() or (named and len(turn.kb.search(turn.text, limit=1, within=named[0])) and
                            re.search(r"generiek|onderde[le]|eisen", turn.text, re.I)):
        from actions.search import answer_search
        return answer_search(turn)  # "welke generieke onderdelen heeft X" is about X's text, not a list
    ks = turn.kb.kwalificaties()
    if named and not named[0].profiel:  # "welke profielen heeft business services?"
        ks = [k for k in ks if k.dossier == named[0].dossier]
    level = re.search(r"\bni?veau\s*(\d)\b", turn.text, re.I)
    if level:  # "welke kwalificatie zit op niveau 2?"
        ks = [k for k in ks if getattr(turn.kb.fact(k, "niveau"), "value", None) == int(level.group(1))]
        if len(ks) == 1:
            turn.remember_kwalificatie(ks[0])
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
    if turn.onderdeel():  # "welke dilemma's …", "welke competenties …": a detail, not a list
        from actions.werkprocessen import answer_werkproces
        return answer_werkproces(turn)
    k = turn.kwalificatie()
    if k is not None and not turn.kb.werkprocessen(k):  # the 2004 format has kerntaken only
        return answer_kerntaken(turn)
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
