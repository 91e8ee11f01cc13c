"""Questions about werkprocessen and kerntaken: by code, short code or number, per profile."""
from __future__ import annotations

import re
from typing import Optional

from actions.base import KnowledgeAction
from actions.turn import SLOT_COMPETENTIE, SLOT_KERNTAAK, SLOT_WERKPROCES, Turn
from knowledge.model import BEROEPSCOMPETENTIEPROFIEL
from knowledge.query import Ambiguous, KerntaakView, Kwalificatie, NotFound, WerkprocesView

KERNTAAK_PARTS = {"complexiteit", "verantwoordelijkheid", "vakkennis", "keuzes"}
ANSWER_ALL_UP_TO = 4  # ambiguous with an explicit part asked: answer every candidate up to this many


def _resolve(turn: Turn, code: str, k: Optional[Kwalificatie], named: bool):
    """Full codes are looked up in the named qualification, then in the conversation's, then anywhere;
    short codes only make sense within a qualification."""
    result = turn.kb.werkproces(code, k)
    if isinstance(result, NotFound) and k is not None and re.match(r"^[BP]\d", code):
        elsewhere = turn.kb.werkproces(code)  # a full code is precise: answer it, saying whose it is
        if not isinstance(elsewhere, NotFound):
            if named:
                turn.utter(turn.say.code_elsewhere(code, k))
            return elsewhere
    return result


def _previous_code(turn: Turn, named: bool, onderdeel: Optional[str]) -> Optional[str]:
    """The werkproces of the conversation, for follow-ups: "wat is het resultaat?" keeps it;
    "en de marketing specialist?" asks the same number about another profile."""
    previous = turn.slot(SLOT_WERKPROCES)
    if not previous or (named and not onderdeel and turn.intent != "inform"):
        return None
    if named and re.match(r"^P\d+-", previous):  # another profile's own werkproces: keep the number only
        return previous.split("-")[-1]
    return previous


def answer_werkproces(turn: Turn) -> None:
    onderdeel = turn.onderdeel()
    if onderdeel in KERNTAAK_PARTS:
        return answer_kerntaak(turn)
    k = turn.kwalificatie()
    if k is not None and k.kind == BEROEPSCOMPETENTIEPROFIEL and not turn.entity("werkproces"):
        # the 2004 format has no werkprocessen: its details sit in competences and kerntaken
        from actions.competenties import answer_competentie
        return (answer_competentie if turn.entity("competentie") or turn.slot(SLOT_COMPETENTIE) or onderdeel
                else answer_kerntaak)(turn)
    if turn.entity("kerntaak") and not turn.entity("werkproces"):
        return answer_kerntaak(turn)
    named = turn.kwalificaties_named()
    k = turn.kwalificatie()
    code = turn.entity("werkproces") or _previous_code(turn, bool(named), onderdeel)
    if not code:
        if k is None:
            return turn.ask_which_kwalificatie("ask_werkproces")
        turn.remember_kwalificatie(k)
        pairs = turn.kb.werkprocessen(k)
        citation = turn.kb.citation(turn.kb.dossier(k), k.profiel)
        turn.cite(citation)
        return turn.utter(turn.say.werkprocessen(k, pairs, citation))
    if k is None and turn.entity_values("kwalificatie_onbekend"):
        return turn.utter(turn.say.unknown_kwalificatie())
    if k is None and not re.match(r"^[BP]\d", code):
        return turn.utter(turn.say.ask_which_kwalificatie(f"werkproces {code}"),
                          [{"title": turn.say.button_title(c),
                            "payload": f'/ask_werkproces{{"kwalificatie": "{c.key}", "werkproces": "{code}"}}'}
                           for c in turn.kb.kwalificaties()])
    result = _resolve(turn, code, k, bool(named))
    if isinstance(result, NotFound):
        return turn.utter(turn.say.no_werkproces(code, k, result.known))
    if isinstance(result, Ambiguous):
        views: list[WerkprocesView] = result.candidates
        turn.remember_kwalificatie(k)
        turn.remember(SLOT_WERKPROCES, code)
        turn.cite(views[0].citation)
        if onderdeel and len(views) <= ANSWER_ALL_UP_TO:
            return turn.utter("\n\n".join(turn.say.werkproces(v, onderdeel) for v in views))
        buttons = [{"title": turn.say.werkproces_brief(v),
                    "payload": f'/ask_werkproces{{"werkproces": "{v.werkproces.code}"'
                               + (f', "kwalificatie": "{k.key}"' if k else "") + "}"} for v in views]
        return turn.utter(turn.say.werkproces_candidates(code, views, k), buttons)
    view: WerkprocesView = result
    if view.profiel is not None:
        turn.remember_kwalificatie(turn.kb.kwalificatie(f"{view.dossier.title}/{view.profiel.code}"))
    else:
        turn.remember_kwalificatie(k or turn.kb.kwalificatie(view.dossier.title))
    turn.remember(SLOT_WERKPROCES, view.werkproces.code)
    turn.remember(SLOT_KERNTAAK, view.kerntaak.code)
    turn.cite(view.citation)
    turn.utter(turn.say.werkproces(view, onderdeel))


def answer_kerntaak(turn: Turn) -> None:
    onderdeel = turn.onderdeel()
    k = turn.kwalificatie()
    code = turn.entity("kerntaak")
    if not code and turn.entity("werkproces"):
        code = "-".join(turn.entity("werkproces").split("-")[:-1]) or None
    if not code:
        code = _kerntaak_by_topic(turn, k)
    if not code and not turn.kwalificaties_named():
        code = turn.slot(SLOT_KERNTAAK)
    if k is None:
        return turn.ask_which_kwalificatie(turn.intent or "ask_kerntaak")
    turn.remember_kwalificatie(k)
    if not code:
        # No kerntaak named: a profile's own kerntaken say what sets it apart; else all of them.
        kerntaken = turn.kb.kerntaken(k)
        profile_own = [kt for kt in kerntaken if k.profiel and kt.code.startswith(k.profiel + "-")]
        codes = [kt.code for kt in (profile_own or kerntaken)]
    else:
        codes = [code]
    texts = []
    for c in codes:
        result = turn.kb.kerntaak(c, k)
        if isinstance(result, NotFound):
            texts.append(turn.say.no_kerntaak(c, k, result.known))
            continue
        views = result.candidates if isinstance(result, Ambiguous) else [result]
        for view in views:
            view = _filtered(turn, view, onderdeel)
            turn.cite(view.citation)
            turn.remember(SLOT_KERNTAAK, view.kerntaak.code)
            texts.append(turn.say.kerntaak(view, onderdeel))
    turn.utter("\n\n".join(texts))


def _kerntaak_by_topic(turn: Turn, k: Optional[Kwalificatie]) -> Optional[str]:
    """The kerntaak whose title the question paraphrases ("bij het schrijven en redigeren van teksten")."""
    if k is None:
        return None
    from knowledge.search import lemmatize

    words = set(lemmatize(turn.text)) - set(lemmatize(k.title))
    scored = sorted(((len(words & set(lemmatize(kt.title))), kt.code) for kt in turn.kb.kerntaken(k)), reverse=True)
    return scored[0][1] if scored and scored[0][0] >= 2 else None


def _filtered(turn: Turn, view: KerntaakView, onderdeel: Optional[str]) -> KerntaakView:
    """For a question about one subject of the vakkennis ("kennis van Engels"), keep the matching items."""
    if onderdeel != "vakkennis":
        return view
    from dataclasses import replace

    from knowledge.search import lemmatize

    words = set(lemmatize(turn.text)) - {"vakkennis", "kennis", "vaardigheid", "nodig", "hebben", "kerntaak"}
    names = {w for k in turn.kwalificaties_named() for w in lemmatize(k.title)}
    words -= names
    if not words:
        return view
    def about(item) -> bool:
        item_words = set(lemmatize(f"{item.groep or ''} {item.tekst}"))
        # compounds count: "belastingrecht" is about "belasting"
        return bool(words & item_words) or any(len(w) >= 5 and w in x for w in words for x in item_words)

    keep = [v for v in view.kerntaak.vakkennis if about(v)]
    if not keep:
        return view
    return replace(view, kerntaak=replace(view.kerntaak, vakkennis=keep), aanvulling=None)


class ActionWerkproces(KnowledgeAction):
    action_name = "action_werkproces"
    handle = staticmethod(answer_werkproces)


class ActionKerntaak(KnowledgeAction):
    action_name = "action_kerntaak"
    handle = staticmethod(answer_kerntaak)
