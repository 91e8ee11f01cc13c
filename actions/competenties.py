"""The 2004 beroepscompetentieprofiel: competences by number, by group, or by what they are about."""
from __future__ import annotations

from actions.base import KnowledgeAction
from actions.turn import SLOT_COMPETENTIE, Turn
from knowledge.model import BEROEPSCOMPETENTIEPROFIEL
from knowledge.query import NotFound
from knowledge.search import lemmatize


def answer_competentie(turn: Turn) -> None:
    k = turn.kwalificatie()
    if k is None or k.kind != BEROEPSCOMPETENTIEPROFIEL:
        profiles = [x for x in turn.kb.kwalificaties() if x.kind == BEROEPSCOMPETENTIEPROFIEL]
        if len(profiles) == 1 and k is None:
            k = profiles[0]
        elif k is None:
            return turn.ask_which_kwalificatie("ask_competentie", profiles)
        else:
            return turn.utter(turn.say.no_competenties(k))
    turn.remember_kwalificatie(k)
    d = turn.kb.dossier(k)
    citation = turn.kb.citation(d)
    turn.cite(citation)
    onderdeel = turn.onderdeel()
    deel = onderdeel if onderdeel in ("proces", "resultaat") else None
    nr = turn.entity("competentie") or (turn.slot(SLOT_COMPETENTIE) if onderdeel else None)
    if nr:
        found = turn.kb.competentie(k, int(nr))
        if isinstance(found, NotFound):
            return turn.utter(turn.say.no_competentie(k, nr, found.known))
        turn.remember(SLOT_COMPETENTIE, str(found.nr))
        return turn.utter(turn.say.competentie(k, found, citation, deel=deel))
    group = (turn.entity("groep") or "").upper() or None
    if group:
        return turn.utter(turn.say.competenties(k, group, turn.kb.competenties(k, group), citation))
    # "welke succescriteria horen bij het voeren van telefoongesprekken?": the competence whose title fits best
    words = set(lemmatize(turn.text)) - set(lemmatize(k.title)) - {"succescriterium", "beroepscompetentie",
                                                                   "competentie", "horen"}
    scored = sorted(((len(words & set(lemmatize(c.title))), c) for c in d.beroepscompetenties),
                    key=lambda s: -s[0])
    if scored and scored[0][0] > 0:
        turn.remember(SLOT_COMPETENTIE, str(scored[0][1].nr))
        return turn.utter(turn.say.competentie(k, scored[0][1], citation, alleen_criteria=True))
    turn.utter(turn.say.competenties(k, None, d.beroepscompetenties, citation))


class ActionCompetentie(KnowledgeAction):
    action_name = "action_competentie"
    handle = staticmethod(answer_competentie)
