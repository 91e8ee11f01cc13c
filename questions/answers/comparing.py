"""Qualifications side by side, and questions over all qualifications of a dossier."""
from __future__ import annotations

from typing import Optional


from knowledge.query import KnowledgeBase, Kwalificatie
from questions.answers import no_subject, subject, subjects
from questions.answers.lists import kwalificaties_of, niveau
from questions import lexicon as lx
from questions.model import KERNTAAK_PARTS, Answer, Question


def _by_profile_codes(q: Question, kb: KnowledgeBase) -> list[Kwalificatie]:
    """"P1 naast P3 van D": profile codes within the dossier in question."""
    k = subject(q, kb)
    dossier = k.dossier if k else None
    if dossier is None:
        return []
    found = [kb.kwalificatie(f"{dossier}/{code}") for code in q.profielen]
    return [x for x in found if x is not None]


def answer_compare(q: Question, kb: KnowledgeBase) -> Answer:
    ks = subjects(q, kb)
    if q.profielen:
        by_code = _by_profile_codes(q, kb)
        ks = by_code + [k for k in ks if k.profiel and k not in by_code]
    if len(ks) == 1 and not ks[0].profiel:  # "wat verschilt tussen de kwalificaties van D?"
        return answer_aggregate(q, kb)
    if len(ks) < 2:
        if q.unknown:
            return no_subject(q, kb)
        return Answer("compare_needs_two")
    if q.extreme in ("meer", "minder"):
        return _counts(q, kb, ks)
    if q.onderdeel in KERNTAAK_PARTS and all(k.profiel for k in ks):
        return _part_side_by_side(q, kb, ks)
    rows = [_row(kb, k) for k in ks]
    shared_codes = set.intersection(*({(k.dossier, kt.code) for kt in kb.kerntaken(k)} for k in ks))
    shared = [kt for kt in kb.kerntaken(ks[0]) if (ks[0].dossier, kt.code) in shared_codes]
    citations = [kb.citation(kb.dossier(k), k.profiel) for k in ks]
    return Answer("comparison", {"rows": rows, "shared": shared, "shared_codes": shared_codes},
                  citation=citations[0], context={"kwalificaties": [k.key for k in ks]})


def _part_side_by_side(q: Question, kb: KnowledgeBase, ks: list[Kwalificatie]) -> Answer:
    """"het verschil in complexiteit tussen P1 en P2": that part of each profile's own kerntaken, one after the
    other (the basisdeel's they share)."""
    from knowledge.query import Ambiguous, NotFound

    views = []
    for k in ks:
        # a basisdeel kerntaak named ("de complexiteit van B1-K1 tussen A en B"): as each profile has it
        codes = [q.kerntaak] if q.kerntaak else [kt.code for kt in kb.kerntaken(k) if kt.code.startswith(k.profiel + "-")]
        for code in codes:
            view = kb.kerntaak(code, k)
            if not isinstance(view, (Ambiguous, NotFound)):
                views.append(view)
    if not views:
        return Answer("compare_needs_two")
    return Answer("kerntaken_views", {"views": views, "onderdeel": q.onderdeel}, citation=views[0].citation,
                  context={"kwalificaties": [k.key for k in ks]})


def _counts(q: Question, kb: KnowledgeBase, ks: list[Kwalificatie], dossier=None) -> Answer:
    """How many werkprocessen or kerntaken each has (and how many of them its own profieldeel): the most or
    fewest of a dossier, or two compared ("heeft A meer … dan B?" is answered ja or nee)."""
    from questions.answers.lists import _part

    only_own = _part(q.text) == "profieldeel"  # "de meeste kerntaken in hun profieldeel": the own ones count
    rows = []
    for k in ks:
        codes = ([wp.code for _, wp in kb.werkprocessen(k)] if q.what == "werkprocessen"
                 else [kt.code for kt in kb.kerntaken(k)])
        own = [c for c in codes if k.profiel and c.startswith(k.profiel + "-")]
        rows.append({"k": k, "count": len(own), "own": None} if only_own else
                    {"k": k, "count": len(codes), "own": len(own)})
    verdict, best = None, []
    if q.extreme in ("meer", "minder") and q.polar and len(rows) >= 2:
        a, b = rows[0]["count"], rows[1]["count"]
        verdict = a > b if q.extreme == "meer" else a < b
    if rows and (q.extreme in ("meeste", "minste") or (verdict is None and len({r["count"] for r in rows}) > 1)):
        pick = max if q.extreme in ("meeste", "meer") else min
        top = pick(r["count"] for r in rows)
        best = [r for r in rows if r["count"] == top]
    citation = kb.citation(kb.dossier(ks[0]), ks[0].profiel) if ks else None
    what = f"{q.what} in het profieldeel" if only_own else q.what
    return Answer("counts", {"rows": rows, "what": what, "extreme": q.extreme, "verdict": verdict, "best": best,
                             "dossier": dossier}, citation=citation, context={"kwalificaties": [k.key for k in ks]})


def _repeated_titles(q: Question, kb: KnowledgeBase) -> Answer:
    """The kerntaak and werkproces titles that several profiles of a dossier have, each with its codes."""
    from knowledge.names import normalize

    k = subject(q, kb)
    dossiers = [kb.dossier(k)] if k else kb.dossiers()
    groups = []
    for d in dossiers:
        places: dict[str, list] = {}
        for p in d.profielen:
            for kt in p.kerntaken:
                for item in ([kt] if q.what == "kerntaken" else []) + ([] if q.what == "kerntaken" else kt.werkprocessen):
                    places.setdefault(normalize(item.title), []).append((item, p))
        groups += [(d, found) for found in places.values() if len({p.code for _, p in found}) > 1]
    citation = kb.citation(dossiers[0], None) if len(dossiers) == 1 else None
    return Answer("repeated_titles", {"groups": groups, "what": q.what or "werkprocessen",
                                      "dossier": dossiers[0] if len(dossiers) == 1 else None},
                  citation=citation, context={"kwalificaties": [k.key]} if k else {})


def _shared_among(q: Question, kb: KnowledgeBase, ks: list[Kwalificatie], niveau_: Optional[int] = None) -> Answer:
    """What some profiles of one dossier share in their own part (those of one level, or those named; asked
    with "gemeen", "delen"): the werkproces (or kerntaak) titles every one of them has, each with its codes."""
    from knowledge.names import normalize

    d = kb.dossier(ks[0])
    places: dict[str, list] = {}
    for p in d.profielen:
        if p.code not in {x.profiel for x in ks}:
            continue
        for kt in p.kerntaken:
            for item in [kt] if q.what == "kerntaken" else kt.werkprocessen:
                places.setdefault(normalize(item.title), []).append((item, p))
    groups = [(d, found) for found in places.values() if len({p.code for _, p in found}) == len(ks)]
    return Answer("shared_among", {"groups": groups, "what": q.what or "werkprocessen", "niveau": niveau_,
                                   "profiles": ks, "dossier": d},
                  citation=kb.citation(d, None), context={"kwalificaties": [kb.kwalificatie(d.title).key]})


def named_profiles(q: Question, kb: KnowledgeBase) -> list[Kwalificatie]:
    """The qualifications a question names, by profile code within its dossier ("P3 en P4 van D") or by name."""
    named = _by_profile_codes(q, kb) if q.profielen else []
    return named + [k for k in subjects(q, kb) if k.profiel and k not in named]


def _row(kb: KnowledgeBase, k: Kwalificatie) -> dict:
    typering = kb.fact(k, "typering")
    return {"k": k, "niveau": niveau(kb, k), "typering": getattr(typering, "value", None),
            "crebo": getattr(kb.fact(k, "crebo"), "value", None) if k.profiel else None,
            "kerntaken": kb.kerntaken(k), "citation": kb.citation(kb.dossier(k), k.profiel)}


def answer_aggregate(q: Question, kb: KnowledgeBase) -> Answer:
    """Lowest/highest level, the levels of all, what all share (the basisdeel), what differs."""
    if lx.REPEATED_TITLE.search(q.text):
        return _repeated_titles(q, kb)
    named = named_profiles(q, kb)
    if q.shared and len(named) >= 2 and q.what in ("werkprocessen", "kerntaken") \
            and len({x.dossier for x in named}) == 1:
        return _shared_among(q, kb, named)  # "wat hebben P3 en P4 van D gemeen qua werkprocessen?"
    if q.shared is not None and len(named) >= 2:  # what two named ones share: side by side
        return answer_compare(q, kb)
    k = subject(q, kb)
    if q.shared and q.niveau is not None and k is not None and not k.profiel:
        at_level = [x for x in kwalificaties_of(q, kb) if x.profiel and x.dossier == k.dossier
                    and niveau(kb, x) == q.niveau]
        if len(at_level) >= 2:
            return _shared_among(q, kb, at_level, q.niveau)
    if k is None and len(kb.dossiers()) > 1 and q.shared is not None:
        return no_subject(q, kb, [x for x in _dossiers(kb)])
    ks = [x for x in kwalificaties_of(q, kb) if x.profiel or k is None]
    named = [x for x in (kb.kwalificatie(key) for key in q.kwalificaties) if x is not None and x.profiel]
    among = len(named) >= 2 and len(named) == len(q.kwalificaties)
    if among:  # "wie van beide …": among those named, not the whole dossier
        ks = named
    if not ks:
        return no_subject(q, kb)
    d = kb.dossier(ks[0]) if k is not None and not among else None
    citation = kb.citation(d or kb.dossier(ks[0]), None) if (d or among) else None
    rows = [_row(kb, x) for x in ks]
    context = {"kwalificaties": [k.key]} if k else {}
    if q.extreme in ("meeste", "minste"):
        return _counts(q, kb, [x for x in ks if x.profiel] or ks, dossier=d)
    if q.extreme:
        known = [r for r in rows if r["niveau"] is not None]
        if not known:
            return Answer("levels", {"rows": rows, "dossier": d}, citation=citation, context=context)
        pick = min if q.extreme == "laagste" else max
        best = pick(r["niveau"] for r in known)
        return Answer("extreme_level", {"extreme": q.extreme, "niveau": best, "dossier": d,
                                        "rows": [r for r in known if r["niveau"] == best], "all": rows},
                      citation=citation, context=context)
    if q.shared is None:
        return Answer("levels", {"rows": rows, "dossier": d}, citation=citation, context=context)
    if d is None:
        return no_subject(q, kb, _dossiers(kb))
    return Answer("shared_and_own", {"dossier": d, "shared": list(d.kerntaken), "rows": rows,
                                     "only_shared": q.shared},
                  citation=citation, context=context)


def _dossiers(kb: KnowledgeBase) -> list[Kwalificatie]:
    return [x for x in (kb.kwalificatie(d.title) for d in kb.dossiers()) if x is not None]

