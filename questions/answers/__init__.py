"""One answer function per facet: `answer(question, kb) -> Answer`.

Each function reads the knowledge base and returns plain data; `questions.replies`
words it. What every facet needs — the qualification a question is about, or an
honest "unknown" / "which one?" — lives here.
"""
from __future__ import annotations

import re
from typing import Callable, Optional

from knowledge.query import KnowledgeBase, Kwalificatie, NotFound
from questions import model as f
from questions.model import Answer, Question

MAX_BUTTONS = 8
ANSWER_ALL_UP_TO = 3  # a bare code that this many dossiers describe is answered for each; more: which one?


def subject(q: Question, kb: KnowledgeBase) -> Optional[Kwalificatie]:
    """The qualification (or dossier) the question is about: named or from the conversation, else the one
    a profile code or a full code can only belong to ("P5", "kerntaak P2-K1" when one dossier has it)."""
    if q.kwalificatie:
        named = kb.kwalificatie(q.kwalificatie)
        if named is not None and named.profiel is None and len(q.profielen) == 1:
            # "profiel P4 van Commercie": that profile of the dossier named, described or only listed
            return kb.kwalificatie(f"{named.dossier}/{q.profielen[0]}") or named
        return named
    if q.unknown:
        return None
    if len(q.profielen) == 1:
        owners = [k for k in kb.kwalificaties() if k.profiel == q.profielen[0]]
        return owners[0] if len(owners) == 1 else None
    owners = code_owners(q, kb)
    return owners[0] if len(owners) == 1 else None


def code_owners(q: Question, kb: KnowledgeBase) -> list[Kwalificatie]:
    """Whose a full code is, when no qualification is named: the profile of a P-code, the dossier of a B-code
    or of a 2004 K-code, in every dossier that describes it (not one that only lists it)."""
    code = q.werkproces if q.werkproces and re.match(r"^[BP]\d+-K\d+-W\d+$", q.werkproces) else \
        q.kerntaak if q.kerntaak and re.match(r"^(?:[BP]\d+-)?K\d+$", q.kerntaak) else None
    if not code:
        return []
    owners = []
    for d in kb.dossiers():
        items = d.all_werkprocessen() if "-W" in code else d.all_kerntaken()
        if any(x.code == code and not x.outline_only for x in items):
            k = kb.kwalificatie(f"{d.title}/{code.split('-')[0]}" if code.startswith("P") else d.title)
            if k is not None:
                owners.append(k)
    return owners


def subjects(q: Question, kb: KnowledgeBase) -> list[Kwalificatie]:
    return [k for k in (kb.kwalificatie(key) for key in q.kwalificaties) if k]


def dossier_of(q: Question, kb: KnowledgeBase) -> Optional[Kwalificatie]:
    """The whole dossier of the question's subject (a profile's dossier, or the dossier itself)."""
    k = subject(q, kb)
    return kb.kwalificatie(k.dossier) if k else None


def button(title: str, **entities: object) -> tuple[str, str]:
    """A button whose click fills in what the pending question left open (an `inform` payload)."""
    import json

    return title, "/inform" + json.dumps({k: v for k, v in entities.items() if v is not None}, ensure_ascii=False)


def no_subject(q: Question, kb: KnowledgeBase, candidates: Optional[list[Kwalificatie]] = None) -> Answer:
    """No qualification to answer about: the one named is unknown (with the nearest names), or ask which."""
    if q.unknown:
        near = kb.nearest(q.unknown)
        return Answer("unknown_kwalificatie", {"name": q.unknown, "near": near},
                      buttons=[button(kb_title(k), kwalificatie=k.key) for k in near])
    pool = candidates if candidates is not None else kb.kwalificaties()
    return Answer("ask_which_kwalificatie", {"question": q},
                  buttons=[button(kb_title(k), kwalificatie=k.key) for k in pool[:MAX_BUTTONS]])


def kb_title(k: Kwalificatie) -> str:
    return k.title if not k.profiel else f"{k.title} ({k.dossier})"


def answer(q: Question, kb: KnowledgeBase) -> Answer:
    from questions.answers import competenties, comparing, facts, lists, topic, werkprocessen, yesno

    handlers: dict[str, Callable[[Question, KnowledgeBase], Answer]] = {
        f.FACT: facts.answer_fact, f.OVERVIEW: facts.answer_card, f.SOURCE: facts.answer_source,
        f.OPINION: facts.answer_opinion,
        f.WERKPROCES: werkprocessen.answer_werkproces, f.KERNTAAK: werkprocessen.answer_kerntaak,
        f.ACTIVITY: topic.answer_activity, f.TOPIC: topic.answer_topic,
        f.LIST: lists.answer_list, f.COUNT: lists.answer_count,
        f.COMPARE: comparing.answer_compare, f.AGGREGATE: comparing.answer_aggregate,
        f.YESNO: yesno.answer_yesno, f.COMPETENTIE: competenties.answer_competentie,
        f.SMALLTALK: smalltalk,
        f.UNCLEAR: lambda q, kb: Answer("not_understood"),
    }
    if q.unknown and q.kwalificaties and q.facet != f.SMALLTALK:
        return _unknown_in_dossier(q, kb)
    missing = _missing_profiel(q, kb)
    if missing is not None and q.facet != f.SMALLTALK:  # "P7 van D" when D has P1–P6: say so, never another's
        return missing
    if not q.kwalificaties and not q.unknown and q.facet in (f.FACT, f.LIST, f.COUNT, f.OVERVIEW) \
            and not (q.werkproces or q.kerntaak) and q.what != "kwalificaties":
        described = topic.described(q, kb)  # an occupation, then "bij welke opleiding hoort dat, en …?"
        if described is not None:
            from dataclasses import replace

            q = replace(q, kwalificaties=[described.key])
    if not q.kwalificaties and not q.unknown and q.facet in (f.WERKPROCES, f.KERNTAAK, f.LIST, f.COUNT):
        owners = code_owners(q, kb)
        if 1 < len(owners) <= ANSWER_ALL_UP_TO:  # a code a few dossiers describe: each one's, side by side
            from dataclasses import replace

            q = replace(q, kwalificaties=[k.key for k in owners])
        elif len(owners) > ANSWER_ALL_UP_TO:  # many: which one? (never a random few)
            from questions.answers.bare_code import ask_which

            return ask_which(q, kb, owners)
    if (q.onderdeel == "aanvulling" or q.aanvullend) and not (q.werkproces or q.kerntaak) \
            and q.facet not in (f.YESNO, f.SMALLTALK):
        k = subject(q, kb)
        if k is not None and k.profiel and k.kind == "kwalificatiedossier":  # additions to the basisdeel for X
            from questions.answers.werkprocessen import answer_aanvullingen

            return answer_aanvullingen(q, kb, k)
    if len(q.kwalificaties) > 1 and q.facet in (f.FACT, f.COUNT, f.LIST, f.OVERVIEW, f.WERKPROCES, f.KERNTAAK):
        # "en bij allebei?": the same question about each
        from dataclasses import replace

        parts = [handlers[q.facet](replace(q, kwalificaties=[key]), kb) for key in q.kwalificaties]
        return Answer("several", {"answers": parts}, citation=parts[0].citation,
                      context={"kwalificaties": list(q.kwalificaties)})
    result = handlers[q.facet](q, kb)
    _name_the_owner(result, kb)
    nothing = result.data.get("because") if result.reply == "yes_no" else result
    if isinstance(nothing, Answer) and nothing.reply in ("not_covered", "search_nothing"):
        nothing.data["asked"] = asked_words(q)  # say what was asked, so the user sees it was read
    if q.facet in (f.FACT, f.OVERVIEW, f.LIST, f.COUNT, f.KERNTAAK, f.TOPIC, f.ACTIVITY) \
            and result.reply not in SILENT_ON_TERMS:
        result.unknown_terms = unknown_terms(q, kb)
    return result


def _unknown_in_dossier(q: Question, kb: KnowledgeBase) -> Answer:
    """A name the dossier named beside it does not have: unknown there, with the dossier's profiles whose
    names look most like it as buttons (never answered as the dossier or one of them)."""
    from rapidfuzz import fuzz, process

    from knowledge.names import normalize

    d = kb.kwalificatie(q.kwalificaties[0])
    profiles = [k for k in kb.kwalificaties() if k.dossier == d.dossier and k.profiel]
    ranked = process.extract(normalize(q.unknown), [normalize(k.title) for k in profiles],
                             scorer=fuzz.token_set_ratio, limit=MAX_BUTTONS)
    near = [profiles[i] for _, _, i in ranked]
    return Answer("unknown_in_dossier", {"name": q.unknown, "dossier": d, "near": near},
                  citation=kb.citation(kb.dossier(d), None),
                  buttons=[button(kb_title(k), kwalificatie=k.key) for k in near])


def _missing_profiel(q: Question, kb: KnowledgeBase) -> Optional[Answer]:
    """A profile code the named dossier does not have (codes in the text: "P7", or one in "P7-K1-W2")."""
    if len(q.kwalificaties) != 1:
        return None
    k = kb.kwalificatie(q.kwalificaties[0])
    if k is None or k.profiel is not None or k.kind != "kwalificatiedossier":
        return None
    asked = list(q.profielen) + [c.split("-")[0] for c in (q.werkproces, q.kerntaak) if c and re.match(r"P\d+-", c)]
    known = [p.code for p in kb.dossier(k).profielen]
    absent = [p for p in asked if p not in known]
    if not absent or not known:
        return None
    return Answer("no_profiel", {"code": absent[0], "k": k, "known": known},
                  citation=kb.citation(kb.dossier(k), None), context={"kwalificaties": [k.key]})


def _name_the_owner(a: Answer, kb: KnowledgeBase) -> None:
    """"X heeft geen P2-K2": and whose it is in that dossier, when another profile there has it."""
    target = a.data.get("because") if a.reply == "yes_no" else a
    if not isinstance(target, Answer) or target.reply not in ("no_kerntaak", "no_werkproces"):
        return
    k, code = target.data.get("k"), str(target.data.get("code") or "")
    m = re.match(r"^(P\d+)-K\d+(?:-W\d+)?$", code)
    if k is None or m is None or k.profiel == m.group(1):
        return
    owner = kb.kwalificatie(f"{k.dossier}/{m.group(1)}")
    if owner is None:
        return
    found = kb.werkproces(code, owner) if "-W" in code else kb.kerntaak(code, owner)
    if found is not None and not isinstance(found, NotFound):
        target.data["owner"] = owner


def smalltalk(q: Question, kb: KnowledgeBase) -> Answer:
    """Small talk; "help" (and a reply to scolding) shows example questions about a qualification the
    knowledge base has."""
    import re

    # "Goedemorgen, … waarmee kun je helpen?": greeted back before the answer
    greeted = re.match(r"\s*(goedemorgen|goedemiddag|goedenavond|hallo|hoi|hey|hi|dag)\b", q.text, re.I)
    greeting = greeted.group(1).capitalize() if greeted and q.smalltalk in EXAMPLES_WITH else None
    if q.smalltalk not in EXAMPLES_WITH:
        return Answer("smalltalk", {"intent": q.smalltalk, "greeting": greeting})
    with_level = [k for k in kb.kwalificaties() if k.profiel and kb.profiel(k) and kb.profiel(k).niveau]
    return Answer("smalltalk", {"intent": q.smalltalk, "example": with_level[0] if with_level else None,
                                "greeting": greeting})


EXAMPLES_WITH = {"help", "insult", "may_ask"}


SILENT_ON_TERMS = {"unknown_kwalificatie", "unknown_in_dossier", "ask_which_kwalificatie", "ask_which_dossier", "ask_which_of_many",
                   "search_nothing", "not_covered"}


def asked_words(q: Question, most: int = 4) -> list[str]:
    """The words of the question's subject as typed (no question words, names or cues), at most `most`."""
    from knowledge.vocabulary import is_noise

    said = [w for w in re.findall(r"[\w'-]+", q.topic.lower()) if len(w) >= 3 and not w.isdigit()
            and not is_noise(w) and not is_cue(w)]
    return list(dict.fromkeys(said))[:most]


def unknown_terms(q: Question, kb: KnowledgeBase) -> list[str]:
    """Content words of the question that no dossier uses ("salaris", "bbl"): asked, but not in the sources."""
    from knowledge.search import lemmatize

    names = {w for k in subjects(q, kb) for w in lemmatize(k.title)}
    # a cue is recognised in the word as typed too: its lemma may not match the cue ("gevalideerd": "valideren")
    cues = {w for word in re.findall(r"[\w-]+", q.topic) if is_cue(word) for w in lemmatize(word)}
    from questions import lexicon as lx

    # the words of a phrase that asks a field ("hoeveel leerlingen") are the question, not its subject
    cues |= {w for _, cue in lx.FIELD_CUES for m in cue.finditer(q.text) for w in lemmatize(m.group(0))}
    return [w for w in dict.fromkeys(lemmatize(q.topic)) if len(w) >= 5 and w not in names and w not in cues
            and not kb.knows_lemma(w) and not is_cue(w)]


def is_cue(word: str) -> bool:
    """A word that says which field, part or list is asked ("ontwikkeld", "resultaat"), not what about."""
    from questions import lexicon as lx

    return any(p.search(word) for _, p in lx.FIELD_CUES + lx.ONDERDEEL_CUES + lx.WHAT_CUES) \
        or bool(lx.ORDINAL.fullmatch(word) or lx.ASKING_WORDS.match(word))  # "het vijfde", "ergens genoemd"
