"""Yes/no about codes and titles: "heeft X een P2-K2?", "hoort '<titel>' bij kerntaak P2-K1?", "hebben alle
profielen '<titel>'?", "is P6-K1-W1 hetzelfde als P3-K1-W1?", "gaat P2-K1-W3 over Y?"."""
from __future__ import annotations

import re
from typing import Optional

from rapidfuzz import fuzz

from knowledge.names import normalize
from knowledge.query import KnowledgeBase, Kwalificatie, NotFound, WerkprocesView
from knowledge.search import lemmatize
from knowledge.vocabulary import of_one_family
from questions import lexicon as lx
from questions.answers import no_subject, subject
from questions.answers.coverage import in_compound, verdict as _verdict
from questions.model import Answer, Question


EVERY_PROFILE = re.compile(r"\balle\b(?:\s+[\w&-]+){0,4}?\s+(?:profielen|kwalificaties|opleidingen)\b|"
                            r"\b(?:elk|ieder)\w*\s+(?:profiel|kwalificatie|opleiding)\b")


def title_in_every_profile(q: Question, kb: KnowledgeBase, k: Kwalificatie) -> Answer:
    """A title asked of every profile of D ("alle", "elk"): ja when every profile of the dossier has a werkproces of that
    title, with the code each one has it under (or that it has none)."""
    from rapidfuzz.utils import default_process

    d = kb.dossier(k)
    rows = []
    for profile in (x for x in kb.kwalificaties() if x.dossier == k.dossier and x.profiel):
        codes = [wp.code for _, wp in kb.werkprocessen(profile)
                 if fuzz.ratio(q.title, wp.title, processor=default_process) >= TITLE_MATCH]  # the title, not a part of it
        rows.append((profile, codes))
    because = Answer("title_per_profile", {"title": q.title, "rows": rows, "dossier": d},
                     citation=kb.citation(d, None), context={"kwalificaties": [kb.kwalificatie(d.title).key]})
    return _verdict(all(codes for _, codes in rows) if rows else None, because)


def title_under(q: Question, kb: KnowledgeBase, k: Kwalificatie) -> Optional[Answer]:
    """"Valt '<titel>' onder kerntaak P2-K1?": the werkproces of that title decides by its own kerntaak."""
    from questions.answers.werkprocessen import werkproces_answer

    wanted = normalize(q.title)
    for kt, wp in kb.werkprocessen(k):
        if normalize(wp.title) == wanted:
            view = kb.werkproces(wp.code, k)
            if isinstance(view, WerkprocesView):
                return _verdict(kt.code == q.kerntaak, werkproces_answer(kb, view, None, k))
    return None


def werkproces_by_title(q: Question, kb: KnowledgeBase, k: Kwalificatie) -> Optional[Answer]:
    """"Zit '<titel>' in X?": the title within X, or where it is instead."""
    from rapidfuzz.utils import default_process

    from questions.answers.werkprocessen import werkproces_answer

    topic = q.title or q.topic
    own = {wp.code for _, wp in kb.werkprocessen(k)}
    scored = sorted(((fuzz.token_set_ratio(topic, wp.title, processor=default_process), wp.code, d.title)
                     for d in kb.dossiers() for wp in d.all_werkprocessen()), reverse=True)
    if not scored or scored[0][0] < TITLE_MATCH:
        return None
    in_own = [s for s in scored if s[1] in own and s[2] == k.dossier and s[0] >= TITLE_MATCH]
    if in_own:
        view = kb.werkproces(in_own[0][1], k)
        if isinstance(view, WerkprocesView):
            # a title asked of one part of X: X has it, and its code says in which part
            text = q.text.lower()
            in_part = True
            if re.search(r"\bprofieldee?l\b|\beigen (?:deel|profiel)\b", text) and "basisdeel" not in text:
                in_part = view.werkproces.code.startswith("P")
            elif lx.BASISDEEL.search(text) and not re.search(r"\bprofieldee?l\b", text):
                in_part = view.werkproces.code.startswith("B")
            return _verdict(in_part, werkproces_answer(kb, view, None, k))
    _, code, dossier = scored[0]
    elsewhere = kb.werkproces(code, kb.kwalificatie(dossier))
    known = sorted(own)
    if isinstance(elsewhere, WerkprocesView):
        return _verdict(False, Answer("title_elsewhere", {"k": k, "view": elsewhere, "known": known},
                                      citation=elsewhere.citation))
    return _verdict(False, Answer("no_werkproces", {"code": topic, "k": k, "known": known}))


TITLE_MATCH = 85  # rapidfuzz score (token_set_ratio for a title quoted, ratio for a title as a whole)


def same_werkproces(q: Question, kb: KnowledgeBase) -> Answer:
    """"is P6-K1-W1 hetzelfde werkproces als P3-K1-W1?": ja when they have one title and one description."""
    from questions.answers.werkprocessen import answer_werkproces, code_owners

    views = []
    for code, owner in zip(q.werkprocessen, code_owners(q, kb)):
        result = kb.werkproces(code, kb.kwalificatie(owner) if owner else subject(q, kb))
        views.append(result if isinstance(result, WerkprocesView) else None)
    both = answer_werkproces(q, kb)
    if None in views:
        return _verdict(None, both)
    titles = {normalize(v.werkproces.title) for v in views}
    texts = {normalize(v.werkproces.omschrijving or "") for v in views}
    return _verdict(len(titles) == 1 and _alike(texts), both)


def _alike(texts: set[str]) -> bool:
    """Descriptions that differ only in a word or two (one says "hij/zij", the other "hij")."""
    first, *rest = sorted(texts)
    return all(fuzz.ratio(first, other) >= 90 for other in rest)


def has_code(q: Question, kb: KnowledgeBase, k: Optional[Kwalificatie]) -> Answer:
    """"Hoort W2 bij het basisdeel?", "Heeft X een P2-K2?": the code within the target, or not."""
    if k is None:
        return no_subject(q, kb)
    if q.werkproces:
        result = kb.werkproces(q.werkproces, k)
        if isinstance(result, NotFound):
            return _verdict(False, Answer("no_werkproces", {"code": q.werkproces, "k": k, "known": result.known}))
        views = result.candidates if not isinstance(result, WerkprocesView) else [result]
        proposed = _proposed_by_code(q, k)
        titled = _titled_otherwise(q, kb, k, views[0])
        if titled is not None:
            return titled
        if lx.BASISDEEL.search(q.text.lower()):
            views = [v for v in views if v.werkproces.code.startswith("B")] or views
            yes = views[0].werkproces.code.startswith("B")
        elif proposed:  # "gaat P2-K1-W3 over Y?": yes when the werkproces's own text holds Y
            yes = _code_holds(kb, views[0], proposed)
        else:
            yes = True
        from questions.answers.werkprocessen import werkproces_answer

        return _verdict(yes, werkproces_answer(kb, views[0], None, k))
    result = kb.kerntaak(q.kerntaak, k)
    if isinstance(result, NotFound):
        return _verdict(False, Answer("no_kerntaak", {"code": q.kerntaak, "k": k, "known": result.known}))
    from questions.answers.werkprocessen import answer_kerntaak

    return _verdict(True, answer_kerntaak(q, kb))


def _titled_otherwise(q: Question, kb: KnowledgeBase, k: Kwalificatie, view: WerkprocesView) -> Optional[Answer]:
    """A code proposed with a title ("heet W '<titel>'?") that is another code's: nee, the asked code's
    werkproces and the one that has the title, side by side."""
    from rapidfuzz.utils import default_process

    from questions.answers.werkprocessen import werkproces_answer

    if not q.title or fuzz.token_set_ratio(q.title, view.werkproces.title, processor=default_process) >= TITLE_MATCH:
        return None
    scored = sorted(((fuzz.token_set_ratio(q.title, wp.title, processor=default_process), wp.code)
                     for _, wp in kb.werkprocessen(k)), reverse=True)
    if not scored or scored[0][0] < TITLE_MATCH:
        return None
    other = kb.werkproces(scored[0][1], k)
    if not isinstance(other, WerkprocesView):
        return None
    parts = [werkproces_answer(kb, view, None, k), werkproces_answer(kb, other, None, k)]
    return _verdict(False, Answer("several", {"answers": parts}, citation=parts[1].citation,
                                  context=parts[0].context))


# "heeft W iets met Y te maken?": the idiom asks, Y is what it proposes
_ASKING_IDIOM = re.compile(r"\b(?:iets|veel|wat)\b|\bte maken\b|\bte doen\b", re.I)


def _proposed_by_code(q: Question, k: Kwalificatie) -> set[str]:
    """What a yes/no about a code proposes besides the code ("gaat P2-K1-W3 over marketing?"): the asking
    sentence without its verb, the codes, the subject's own name and the words that ask. A word of another
    qualification's name counts ("marketing" is a subject of the question here, whatever linking made of it)."""
    from knowledge.codes import find_codes
    from questions.answers import is_cue

    sentence = lx.question_sentence(q.text)
    for c in sorted(find_codes(sentence), key=lambda c: -c.start):
        sentence = sentence[:c.start] + " " + sentence[c.end:]
    sentence = _ASKING_IDIOM.sub(" ", sentence)
    asking = (re.findall(r"[\w-]+", sentence.lower()) or [""])[0]
    own = set(lemmatize(f"{k.title} {k.dossier} {asking}"))
    return {w for w in lemmatize(sentence) if w not in own and not is_cue(w) and len(w) >= 3}


def _code_holds(kb: KnowledgeBase, view: WerkprocesView, proposed: set[str]) -> bool:
    """Every proposed word is in the werkproces's own text (title, omschrijving, resultaat, gedrag, the
    profile's addition): as it is, inside a compound ("voorraadbeheer"), or as a word of its family
    ("plannen", "planning")."""
    wp = view.werkproces
    parts = [wp.title, wp.omschrijving or "", wp.resultaat or "", *wp.gedrag]
    if view.aanvulling is not None:
        parts += [view.aanvulling.omschrijving or "", view.aanvulling.resultaat or "", *view.aanvulling.gedrag]
    words = set(lemmatize(" ".join(parts)))
    return all(any(p == w or in_compound(kb, p, w) or of_one_family(p, w, share=0.7) for w in words) for p in proposed)
