"""Where a subject occurs: topic search over the dossiers, and the werkproces of a qualification in
which an activity is done ("wat doet X bij het plannen van de voorraad?")."""
from __future__ import annotations

import re
from typing import Optional

from knowledge.query import KnowledgeBase, Kwalificatie, WerkprocesView
from knowledge.search import Hit, lemmatize
from questions import lexicon as lx
from questions.message import is_cue
from questions.answers import subject
from questions.answers.werkprocessen import werkproces_answer
from questions.model import KERNTAAK_PARTS as _PARTS, Answer, Question

KERNTAAK_PARTS = _PARTS | {"proces"}  # the werkprocessen's process, found by a topic search too
MAX_HITS = 4
MAX_LISTED = 12
RELATIVE_SCORE = 0.5  # hits scoring below half the best one are noise, not answers
_WERKPROCES_CODE = re.compile(r"^(?:[BP]\d+-)?K\d+-W\d+$")


def owner(kb: KnowledgeBase, hit: Hit) -> Optional[Kwalificatie]:
    """The qualification a passage belongs to: the profile of a P-code or of an addition, else none."""
    p = hit.passage
    profiel = p.profiel or (p.code.split("-")[0] if p.code and re.match(r"^P\d+-", p.code) else None)
    return kb.kwalificatie(f"{p.dossier}/{profiel}") if profiel else None


def _within(q: Question, kb: KnowledgeBase) -> Optional[Kwalificatie]:
    return subject(q, kb) if q.named or lx.FOLLOW_UP.search(q.text.lower()) else None


def _among(q: Question, kb: KnowledgeBase, t: str) -> list[Kwalificatie]:
    """The qualifications "welke van die twee / van beide" picks from: those of the conversation."""
    if q.named or len(q.kwalificaties) < 2 or not lx.EVERY.search(t):
        return []
    return [k for k in (kb.kwalificatie(key) for key in q.kwalificaties) if k is not None and k.profiel]


def answer_topic(q: Question, kb: KnowledgeBase) -> Answer:
    # how the question asks ("te maken hebben met", "over alle dossiers heen") is no part of the subject
    query = _HOW_ASKED.sub(" ", q.topic or q.text)
    query = " ".join(w for w in query.split() if not lx.ASKING_WORDS.match(w.strip(",.?!"))) or q.topic or q.text
    if not lemmatize(query):
        return Answer("search_nothing", {"query": q.text})
    within = _within(q, kb)
    t = q.text.lower()
    if within is not None:  # a section of the named qualification's dossier that the question names
        from questions.answers.facts import named_section_answer

        section = named_section_answer(q, kb, within)
        if section is not None:
            return section
    # "welke opleiding gaat over Y", "welke profielen hebben een kerntaak over Y": qualifications; "in welk
    # werkproces van welke opleiding …" asks the werkproces
    asks_which = lx.TOPIC_KWALIFICATIES.search(t) or (  # "welk D-profiel doet Y?", no werkproces or kerntaak asked
        lx.TOPIC_KWALIFICATIES.search(q.topic.lower()) and set(lx.found(lx.WHAT_CUES, t)) <= {"kwalificaties"})
    if asks_which and not re.search(r"\bwelk\w*\s+(?:werk ?proc|kern ?taa?k)", t):
        return _qualifications(q, kb, query, within)
    level = q.what if q.what in ("werkprocessen", "kerntaken", "competenties") else None
    if level in ("werkprocessen", "kerntaken") and {"werkprocessen", "kerntaken"} <= set(lx.found(lx.WHAT_CUES, t)):
        level = "werkprocessen of kerntaken"
    if not level and re.search(r"\balles\b", t) and lx.TOPIC_ALL.search(t):
        level = "werkprocessen of kerntaken"  # "zoek alles met Y erin": every werkproces or kerntaak that has it
    if q.items and not level:  # among listed codes: one hit per code
        level = "werkprocessen" if all("-W" in c for c in q.items) else "werkprocessen of kerntaken"
    wants_all = level in ("werkprocessen", "werkprocessen of kerntaken") and bool(re.search(r"\bwelke\b|\balles?\b", t) or lx.WHERE.search(t))
    among = _among(q, kb, t)
    if among:  # "wie van beide doet …": the conversation's qualifications, each its own text
        found = _relevant([h for x in among for h in kb.search(query, limit=20, within=x)
                           if getattr(owner(kb, h), "key", None) in {y.key for y in among}])
        found.sort(key=lambda h: -h.score)
    elif q.items:  # "welke daarvan …": among the codes just listed
        found = _relevant([h for h in kb.search(query, limit=60, within=within)
                           if any(h.passage.code == c or (h.passage.code or "").startswith(c + "-") for c in q.items)])
    else:
        found = _relevant_per_part(kb, query, 40 if level else MAX_HITS * 3, within)
        if wants_all:
            found += _holding(kb, query, within, found)
    hits = found
    if level:
        # "in welk werkproces / bij welke kerntaak": each hit counts for the werkproces or kerntaak it is in
        by_code: dict[tuple[str, str], Hit] = {}
        for h in hits:
            code = _at_level(h.passage.code, level)
            if code:
                by_code.setdefault((h.passage.dossier, code), h)
        hits = list(by_code.values())[:MAX_LISTED if wants_all else MAX_HITS]
        if not hits:  # "waar staat iets over Y", or only a kerntaak's vakkennis has it: wherever it is
            hits = found[:MAX_HITS]
    else:
        hits = _one_per_place(hits)[:MAX_HITS]
    if not hits:
        return Answer("search_nothing", {"query": q.text})
    top = hits[0]
    k = owner(kb, top) or within or kb.kwalificatie(top.passage.dossier)
    d = next(d for d in kb.dossiers() if d.title == top.passage.dossier)
    return Answer("search_results", {"hits": [(h, getattr(owner(kb, h), "title", None)) for h in hits],
                                     "all": wants_all},
                  citation=kb.citation(d, top.passage.code), context={"kwalificaties": [k.key] if k else [],
                                                                      **_found(top.passage.code)})


def _one_per_place(hits: list[Hit]) -> list[Hit]:
    """The best passage of each werkproces, kerntaak or section: four passages of one kerntaak are one answer."""
    seen, kept = set(), []
    for h in hits:
        place = (h.passage.dossier, h.passage.code or h.passage.label, h.passage.profiel)
        if place not in seen:
            seen.add(place)
            kept.append(h)
    return kept


def _found(code: Optional[str]) -> dict:
    """The werkproces, kerntaak or competentie a found passage is, for follow-ups ("welk gedrag hoort daarbij?")."""
    if not code:
        return {}
    if _WERKPROCES_CODE.match(code):
        return {"werkproces": code, "kerntaak": code.rsplit("-", 1)[0]}
    if re.match(r"^(?:[BP]\d+-)?K\d+$", code):
        return {"kerntaak": code}
    m = re.match(r"^competentie (\d+)$", code)
    return {"competentie": int(m.group(1))} if m else {}


def _at_level(code: Optional[str], level: str) -> Optional[str]:
    if not code:
        return None
    if level == "werkprocessen":
        return code if _WERKPROCES_CODE.match(code) else None
    if level == "werkprocessen of kerntaken":  # a werkproces or a kerntaak asked for: whichever it is
        return code if re.match(r"^(?:[BP]\d+-)?K\d+(?:-W\d+)?$", code) else None
    if level == "competenties":
        return code if code.startswith("competentie ") else None
    m = re.match(r"^((?:[BP]\d+-)?K\d+)(?:-W\d+)?$", code)
    return m.group(1) if m else None


_HOW_ASKED = re.compile(r"\bte maken\b|\b(?:in|uit) (?:welk|elk) dossier\b|" + lx.ALL_DOSSIERS.pattern, re.I)
# "het plannen van afspraken en het archiveren van stukken", "offertes of facturen": two subjects
_JOINED = re.compile(r"\s+(?:en|of)\s+(?=(?:het|de|een)\s)|\s+of\s+", re.I)


def _relevant_per_part(kb: KnowledgeBase, query: str, limit: int, within) -> list[Hit]:
    """The relevant hits of the whole subject; of a subject of two joined parts, those of each part as well
    (a werkproces about one part is as much an answer as one about both)."""
    found = _relevant(kb.search(query, limit=limit, within=within))
    parts = [p for p in _JOINED.split(query) if len([w for w in lemmatize(p) if not is_cue(w)]) >= 1]
    if len(parts) < 2:
        return found
    seen = {id(h.passage) for h in found}
    for part in parts:
        for h in _relevant(kb.search(part, limit=limit, within=within)):
            if id(h.passage) not in seen:
                seen.add(id(h.passage))
                found.append(h)
    return found


def _holding(kb: KnowledgeBase, query: str, within: Optional[Kwalificatie], found: list[Hit]) -> list[Hit]:
    """A question for all places where Y occurs asks for every one: besides the best-scoring hits, each passage
    that holds the subject (its rarest word and most of the rest), however much a title match scores above it."""
    from questions.answers.coverage import holds

    seen = {id(h.passage) for h in found}
    extra = []
    for part in dict.fromkeys([query, *_JOINED.split(query)]):  # "Y of Z": what holds Y, what holds Z
        lemmas = {w for w in lemmatize(part) if not is_cue(w)}
        for h in kb.search(part, limit=40, within=within) if lemmas else []:
            if id(h.passage) not in seen and holds(kb, lemmas, h) and _as_asked(h):
                seen.add(id(h.passage))
                extra.append(h)
    return extra


def _as_asked(hit: Hit) -> bool:
    """Each word found as itself, a form of it or a compound of it ("inkoopfacturen"), not by the head of a
    compound asked ("beheer" for "voorraadbeheer" is about something else)."""
    return all(found[:4] == lemma[:4] or lemma in found for lemma, found in zip(hit.matched, hit.terms))


def _relevant(hits: list[Hit]) -> list[Hit]:
    if not hits:
        return []
    best = hits[0]
    return [h for h in hits if h.score >= RELATIVE_SCORE * best.score and len(h.matched) >= len(best.matched)]


def _qualifications(q: Question, kb: KnowledgeBase, query: str, within: Optional[Kwalificatie]) -> Answer:
    """"Welke opleiding gaat over Y?": the qualifications whose texts are about Y, best first."""
    hits = _relevant(kb.search(query, limit=30, within=within))
    ranked: list[Kwalificatie] = []
    evidence: dict[str, Hit] = {}
    for h in hits:
        k = owner(kb, h) or kb.kwalificatie(h.passage.dossier)
        if k is not None and k not in ranked:
            ranked.append(k)
            evidence[k.key] = h
    if not ranked:
        return Answer("search_nothing", {"query": q.text})
    top = evidence[ranked[0].key]
    d = next(d for d in kb.dossiers() if d.title == top.passage.dossier)
    ranked = ranked[:MAX_HITS]
    # what an adviser looks up next about each: its level and crebo
    facts = {k.key: (getattr(kb.fact(k, "niveau"), "value", None), getattr(kb.fact(k, "crebo"), "value", None))
             for k in ranked if k.profiel}
    return Answer("search_kwalificaties", {"ranked": ranked, "evidence": evidence, "facts": facts},
                  citation=kb.citation(d, top.passage.code), context={"kwalificaties": [ranked[0].key]})


def described(q: Question, kb: KnowledgeBase) -> Optional[Kwalificatie]:
    """The qualification a question describes instead of naming ("welke opleiding is dat?" after an
    occupation): the one whose texts are about the question's subject, when the question asks which it is."""
    if not lx.TOPIC_KWALIFICATIES.search(q.text.lower()) or not lemmatize(q.topic):
        return None
    found = _qualifications(q, kb, q.topic, None)
    ranked = found.data.get("ranked") or []
    return ranked[0] if ranked else None


def _names_a_section(q: Question, kb: KnowledgeBase, k: Kwalificatie) -> bool:
    """The question has every word of a title of two or more words of one of the dossier's sections."""
    asked = set(lemmatize(q.topic))
    return any(len(titled) >= 2 and titled <= asked
               for titled in (set(lemmatize(s.title)) for s in kb.dossier(k).sections))


def answer_activity(q: Question, kb: KnowledgeBase) -> Answer:
    """The werkproces of the qualification whose texts match the activity asked about, with its code."""
    k = subject(q, kb)
    if k is None or not lemmatize(q.topic):
        return answer_topic(q, kb)
    from questions.answers import unknown_terms

    from questions import lexicon as lx
    from questions.answers.facts import named_section_answer

    if lx.CONTEXT.search(q.text) or _names_a_section(q, kb, k):
        # where one works, not what one does: the dossier's context section; a section named by its whole
        # title ("de typerende beroepshouding"): that section
        section = named_section_answer(q, kb, k)
        if section is not None:
            return section
    unknown = unknown_terms(q, kb)
    known = [w for w in lemmatize(q.topic) if len(w) >= 5 and w not in unknown]
    # "wat verdien je als X?": about what no dossier has; an unknown verb ("binnengekomen facturen") says
    # less about the subject than an unknown noun, so it weighs half
    if unknown and sum(0.5 if w.endswith("en") else 1.0 for w in unknown) >= len(known):
        from questions.answers.facts import named_section_answer

        return named_section_answer(q, kb, k) or \
            Answer("not_covered", {"k": k, "topic": q.topic}, context={"kwalificaties": [k.key]})
    found = kb.search(q.topic, limit=20, within=k)
    hits = _relevant(found)
    # an activity is done in a werkproces: the best werkproces passage, unless a part of a kerntaak (a long
    # list of vakkennis) or of the profession is much closer to the question
    # ("welk werkproces is dat?" asks for one: the best werkproces passage however much closer another part is)
    asks_werkproces = q.what == "werkprocessen"
    doing = [h for h in found if h.passage.code and _WERKPROCES_CODE.match(h.passage.code)
             and (asks_werkproces or h.score >= RELATIVE_SCORE * found[0].score) and q.onderdeel not in KERNTAAK_PARTS]
    if hits and hits[0].passage.field in ("typering_beroep", "section"):  # "welke persoonskenmerken…": the profession's text
        return answer_topic(q, kb)
    for h in doing[:1] + hits:
        code = h.passage.code
        if code and _WERKPROCES_CODE.match(code):
            view = kb.werkproces(code, k)
            if isinstance(view, WerkprocesView):
                return werkproces_answer(kb, view, q.onderdeel, k)
    if hits and hits[0].passage.code and re.match(r"^(?:[BP]\d+-)?K\d+$", hits[0].passage.code):
        from questions.answers.werkprocessen import answer_kerntaak
        from dataclasses import replace

        part = hits[0].passage.field  # the part of the kerntaak that speaks of it ("het afbreukrisico": complexiteit)
        return answer_kerntaak(replace(q, kerntaak=hits[0].passage.code,
                                       onderdeel=q.onderdeel or (part if part in KERNTAAK_PARTS else None)), kb)
    if hits:
        return answer_topic(q, kb)
    return Answer("not_covered", {"k": k, "topic": q.topic}, context={"kwalificaties": [k.key]})
