"""Werkprocessen and kerntaken by code, short code or number, seen through one profile."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from knowledge.lemmas import lemmatize, singulars
from knowledge.model import BEROEPSCOMPETENTIEPROFIEL
from knowledge.query import Ambiguous, KerntaakView, KnowledgeBase, Kwalificatie, NotFound, WerkprocesView
from questions import lexicon as lx
from questions.answers import button, no_subject, subject
from questions.model import Answer, Question

ANSWER_ALL_UP_TO = 4  # ambiguous with an explicit part asked: answer every candidate up to this many
_FULL = re.compile(r"^[BP]\d+-K\d+-W\d+$")


def answer_werkproces(q: Question, kb: KnowledgeBase) -> Answer:
    if q.werkprocessen:  # several codes named: each one, of its own qualification
        parts = [answer_werkproces(replace(q, werkproces=code, werkprocessen=[], kwalificaties=[owner] if owner
                                           else q.kwalificaties), kb)
                 for code, owner in zip(q.werkprocessen, code_owners(q, kb))]
        return Answer("several", {"answers": parts}, citation=parts[0].citation, context=parts[-1].context)
    k = subject(q, kb)
    if q.unknown:
        return no_subject(q, kb)
    if k is not None and k.kind == BEROEPSCOMPETENTIEPROFIEL and not q.werkproces:
        from questions.answers.competenties import answer_competentie

        return answer_competentie(q, kb) if q.competentie or q.onderdeel else answer_kerntaak(q, kb)
    code = q.werkproces
    if not code:
        if k is None:
            return no_subject(q, kb)
        from questions.answers.lists import answer_list

        return answer_list(replace(q, what="werkprocessen"), kb)
    if k is None:
        result = resolve_code_anywhere(kb, code) if _FULL.match(code) else no_subject(q, kb)
    else:
        result = _resolve(q, kb, code, k)
    if isinstance(result, Answer):
        return result
    if isinstance(result, WerkprocesView) and q.aanvullend and k is not None and not k.profiel \
            and result.profiel is None:
        return _additions_per_profile(q, kb, result)
    if isinstance(result, NotFound):
        return Answer("no_werkproces", {"code": code, "k": k, "known": result.known})
    if lx.PROFIELDEEL.search(q.text.lower()) and k is not None and k.profiel and re.fullmatch(r"W\d+", code):
        # "W2 van mijn profiel": the profile's own W2, not the basisdeel's
        own = [wp.code for _, wp in kb.werkprocessen(k) if wp.code.startswith(k.profiel + "-") and wp.code.endswith("-" + code)]
        mine = kb.werkproces(own[0], k) if len(own) == 1 else None
        if isinstance(mine, WerkprocesView):
            return werkproces_answer(kb, mine, q.onderdeel, k)
    if isinstance(result, Ambiguous):
        views: list[WerkprocesView] = result.candidates
        if q.onderdeel and len(views) <= ANSWER_ALL_UP_TO:
            return Answer("werkprocessen_views", {"views": views, "onderdeel": q.onderdeel},
                          citation=views[0].citation, context={"werkproces": code})
        return Answer("werkproces_candidates", {"code": code, "views": views, "k": k},
                      citation=views[0].citation, context={"werkproces": code},
                      buttons=[button(f"{v.werkproces.code} {v.werkproces.title}", werkproces=v.werkproces.code,
                                      kwalificatie=_owner(kb, v, k).key) for v in views])
    return werkproces_answer(kb, result, q.onderdeel, k)


def code_owners(q: Question, kb: KnowledgeBase) -> list[Optional[str]]:
    """Whose each of several werkproces codes is: the qualification named with it (a title several profiles
    share comes with each code's own, in order), else the profile of that code in the dossier asked about
    ("P6-K1-W1 en P3-K1-W1 van D"), else the subject."""
    if len(q.kwalificaties) == len(q.werkprocessen):
        return list(q.kwalificaties)
    k = subject(q, kb)
    owners: list[Optional[str]] = []
    for code in q.werkprocessen:
        own = kb.kwalificatie(f"{k.dossier}/{code.split('-')[0]}") if k and re.match(r"P\d+-", code) else None
        owners.append(own.key if own else None)
    return owners


def werkproces_answer(kb: KnowledgeBase, view: WerkprocesView, onderdeel: Optional[str],
                      k: Optional[Kwalificatie]) -> Answer:
    owner = _owner(kb, view, k)
    return Answer("werkproces", {"view": view, "onderdeel": onderdeel}, citation=view.citation,
                  context={"kwalificaties": [owner.key], "werkproces": view.werkproces.code,
                           "kerntaak": view.kerntaak.code})


def _owner(kb: KnowledgeBase, view: WerkprocesView, k: Optional[Kwalificatie]) -> Kwalificatie:
    if view.profiel is not None:
        found = kb.kwalificatie(f"{view.dossier.title}/{view.profiel.code}")
        if found:
            return found
    return k if k and k.dossier == view.dossier.title else kb.kwalificatie(view.dossier.title)


def _resolve(q: Question, kb: KnowledgeBase, code: str, k: Optional[Kwalificatie]):
    """A named qualification is held to its own codes (honesty: never another profile's or dossier's
    werkproces under the same code). A qualification from the conversation is a first guess: the code is
    then looked for in its dossier, and anywhere else (asking which dossier when several have it)."""
    if q.kerntaak and re.fullmatch(r"W\d+", code) and k is not None:  # "en bij W1?" within the same kerntaak
        preferred = kb.werkproces(f"{q.kerntaak}-{code}", k)
        if isinstance(preferred, WerkprocesView):
            return preferred
    result = kb.werkproces(code, k)
    if not isinstance(result, NotFound) or q.named or not _FULL.match(code):
        return result
    in_dossier = kb.werkproces(code, kb.kwalificatie(k.dossier))
    if not isinstance(in_dossier, NotFound):
        return in_dossier
    anywhere = resolve_code_anywhere(kb, code)
    return result if isinstance(anywhere, NotFound) else anywhere


def _which_dossier(code: str, views: list[WerkprocesView]) -> Answer:
    dossiers = list(dict.fromkeys(v.dossier.title for v in views))
    return Answer("ask_which_dossier", {"code": code, "dossiers": dossiers},
                  buttons=[button(d, kwalificatie=d, werkproces=code) for d in dossiers])


def resolve_code_anywhere(kb: KnowledgeBase, code: str):
    """A full code without any qualification: the one werkproces, or which dossier? A dossier that only
    lists the code and title (an extract) does not compete with one that describes the werkproces."""
    result = kb.werkproces(code)
    if isinstance(result, Ambiguous):
        described = [v for v in result.candidates if not v.werkproces.outline_only]
        if len(described) == 1:
            return described[0]
        return _which_dossier(code, described or result.candidates)
    return result


# ---------------------------------------------------------------- kerntaken

def answer_kerntaak(q: Question, kb: KnowledgeBase) -> Answer:
    k = subject(q, kb)
    if k is None:
        return no_subject(q, kb)
    code = q.kerntaak
    if not code and q.werkproces and "-" in q.werkproces:
        code = "-".join(q.werkproces.split("-")[:-1])
    if not code:
        code = _kerntaak_by_topic(q, kb, k)
    if not code and q.onderdeel:
        section = next((x for x in kb.dossier(k).sections if x.key.endswith("/" + q.onderdeel)), None)
        if section is not None:  # the profession as a whole ("is dit werk complex?")
            d = kb.dossier(k)
            return Answer("section", {"k": k, "section": section},
                          citation=kb.citation(d, None, section.origin), context={"kwalificaties": [k.key]})
    if not code:
        kerntaken = kb.kerntaken(k)
        own = [kt for kt in kerntaken if k.profiel and kt.code.startswith(k.profiel + "-")]
        # "wat moet X kunnen?": every kerntaak it has; otherwise what sets the profile apart
        codes = [kt.code for kt in (kerntaken if q.onderdeel in ("vakkennis", "complexiteit",
                                                                 "verantwoordelijkheid") else (own or kerntaken))]
        if _BASISDEEL_ONLY.search(q.text):  # "volgens het basisdeel": the kerntaken every profile shares
            codes = [c for c in codes if c.startswith("B")] or codes
    else:
        codes = q.kerntaken or [code]
    views: list[KerntaakView] = []
    missing = []
    for c in codes:
        result = kb.kerntaak(c, k)
        if isinstance(result, NotFound):
            missing.append((c, result.known))
            continue
        views += result.candidates if isinstance(result, Ambiguous) else [result]
    if not views:
        c, known = missing[0]
        return Answer("no_kerntaak", {"code": c, "k": k, "known": known})
    if q.onderdeel == "vakkennis":
        views = _about_subject(q, kb, views)
    return Answer("kerntaken_views", {"views": views, "onderdeel": q.onderdeel}, citation=views[0].citation,
                  context={"kwalificaties": [k.key], "kerntaak": views[0].kerntaak.code})


_BASISDEEL_ONLY = re.compile(r"\b(?:in|volgens|uit|van|bij) het basisdeel\b", re.I)


def _kerntaak_by_topic(q: Question, kb: KnowledgeBase, k: Kwalificatie) -> Optional[str]:
    """The kerntaak whose title the question paraphrases ("bij het schrijven van teksten")."""
    topic = set(lemmatize(q.topic))
    scored = sorted(((len(topic & set(lemmatize(kt.title))), kt.code) for kt in kb.kerntaken(k)), reverse=True)
    return scored[0][1] if scored and scored[0][0] >= 2 else None


def _about_subject(q: Question, kb: KnowledgeBase, views: list[KerntaakView]) -> list[KerntaakView]:
    """For a question about one subject of the vakkennis ("kennis van Engels", "wetten over Y"): the items
    that have the subject's rarest word (of those any item has), and only the kerntaken that have such items
    (all of them, unfiltered, when no item has any word of it)."""
    words = set(lemmatize(q.topic)) - {"nodig", "kunnen", "weten", "kennen", "beheersen"}
    # a word and its singulars ("wetten", "wet") are one word of the subject
    forms = [frozenset({w, *singulars(w)}) for w in words]

    def has(item) -> set[frozenset]:
        said = set(lemmatize(f"{item.groep or ''} {item.tekst}"))
        return {f for f in forms if f & said or any(len(w) >= 5 and w in x for w in f for x in said)}

    items = [v for view in views for v in view.kerntaak.vakkennis + (view.aanvulling.vakkennis if view.aanvulling else [])]
    present = {f for v in items for f in has(v)}
    if not present:
        return views
    rarest = max(present, key=lambda f: max(kb.information(w) for w in f))
    kept = []
    for view in views:
        keep = [v for v in view.kerntaak.vakkennis if rarest in has(v)]
        extra = view.aanvulling
        keep_extra = [v for v in extra.vakkennis if rarest in has(v)] if extra else []
        if keep or keep_extra:
            kept.append(replace(view, kerntaak=replace(view.kerntaak, vakkennis=keep),
                                aanvulling=replace(extra, vakkennis=keep_extra) if extra else None))
    return kept


def answer_aanvullingen(q: Question, kb: KnowledgeBase, k: Kwalificatie) -> Answer:
    """"Wat geldt in het basisdeel aanvullend voor X?": every addition the dossier makes for X's profile to a
    basisdeel kerntaak or werkproces, or that it makes none."""
    d = kb.dossier(k)
    found = []
    for kt in d.kerntaken:
        for part in [kt, *kt.werkprocessen]:
            extra = part.aanvullingen.get(k.profiel)
            if extra is not None and _has_content(extra, None if q.onderdeel == "aanvulling" else q.onderdeel):
                found.append((part, extra))
    return Answer("aanvullingen", {"k": k, "found": found, "onderdeel": None if q.onderdeel == "aanvulling"
                                   else q.onderdeel}, citation=kb.citation(d, k.profiel),
                  context={"kwalificaties": [k.key]})


def _additions_per_profile(q: Question, kb: KnowledgeBase, view: WerkprocesView) -> Answer:
    """"Wat komt er bij B1-K1-W2 van D extra bij voor de niveau 4-profielen?": a basisdeel werkproces asked of a
    whole dossier with "extra/aanvullend": each profile's addition (of that level, when one is named)."""
    from questions.answers.lists import kwalificaties_of

    onderdeel = None if q.onderdeel == "aanvulling" else q.onderdeel
    found = []
    for x in kwalificaties_of(q, kb):
        extra = view.werkproces.aanvullingen.get(x.profiel) if x.profiel else None
        if extra is not None and _has_content(extra, onderdeel):
            found.append((x, extra))
    return Answer("additions_per_profile", {"view": view, "found": found, "onderdeel": onderdeel,
                                            "niveau": q.niveau}, citation=view.citation,
                  context={"kwalificaties": [view.dossier.title], "werkproces": view.werkproces.code,
                           "kerntaak": view.kerntaak.code})


def _has_content(extra, onderdeel: Optional[str]) -> bool:
    if onderdeel is not None:  # only additions to the part asked
        return bool(getattr(extra, onderdeel, None))
    return bool(extra.omschrijving or extra.resultaat or extra.gedrag or extra.competenties or extra.complexiteit
                or extra.verantwoordelijkheid or extra.vakkennis)
