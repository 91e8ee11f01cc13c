"""Polar questions: "ja" or "nee" first, then the fact that decides it and its source.

A yes/no question proposes something about a target — a level, a kind of opleiding, a crebo,
a code, or a subject it would cover — and is decided by the same facts the other facets give.
Where the dossier limits a requirement to a level ("Engels (alleen voor niveau 4)"), a
qualification of another level gets "nee".
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from rapidfuzz import fuzz

from knowledge.names import normalize
from knowledge.query import FACT_FIELDS, Fact, KnowledgeBase, Kwalificatie, NotFound, WerkprocesView
from knowledge.search import Hit, lemmatize
from knowledge.vocabulary import FUNCTION_WORDS, of_one_family
from questions import lexicon as lx
from questions.answers import no_subject, subject
from questions.answers.facts import answer_fact
from questions.answers.lists import niveau
from questions.model import Answer, Question

# a verb before its subject pronoun drops its -t ("krijg je", "heb je"): still the verb that asks
_INVERTED = re.compile(r"^(?:en |maar )?[a-z]+ (?:je|jij|u|we|wij|ze|zij|hij)\b")
# the particle of a separable verb, left at the end of a yes/no question ("stelt X het plan op?")
_SEPARATED_PARTICLE = re.compile(r"\b(op|aan|uit|af|mee|door|toe|terug|na|vast|bij|in|voor)\s*[?.!]*\s*$")
_LEVEL_IN_TEXT = re.compile(r"\bniveau\s*(\d)\b(?![a-z])", re.I)
_WERKPROCES_CODE = re.compile(r"^(?:[BP]\d+-)?K\d+-W\d+$")


def _verdict(yes: Optional[bool], because: Answer) -> Answer:
    return Answer("yes_no", {"yes": yes, "because": because}, citation=because.citation, context=because.context)


def answer_yesno(q: Question, kb: KnowledgeBase) -> Answer:
    if q.unknown:
        return no_subject(q, kb)
    differs = bool(lx.DIFFERS.search(q.text.lower()))
    if "niveau" in q.fields and (lx.SHARED.search(q.text.lower()) or differs):
        from questions.answers.comparing import named_profiles

        named = [k.key for k in named_profiles(q, kb)] if q.profielen else q.kwalificaties
        if len(named) >= 2:  # "zitten X en Y op hetzelfde niveau?", "hebben P3 en P4 van D hetzelfde niveau?"
            return _same_level(replace(q, kwalificaties=named), kb, differs)
    k = subject(q, kb)
    text = q.text.lower()
    if k is not None and not k.profiel and lx.BASISDEEL.search(text) and lx.SHARED.search(text) \
            and re.search(r"\balle\b|\bieder\w*\b|\belk\w*\b", text):
        from questions.answers.comparing import answer_aggregate  # "delen alle kwalificaties van D het basisdeel?"

        shared = answer_aggregate(replace(q, shared=True), kb)
        return _verdict(True if shared.reply != "unknown_kwalificatie" else None, shared)
    counted = _COUNTED.search(text)
    if counted and k is not None:  # "heeft X 4 werkprocessen?": the count decides
        return _count_verdict(q, kb, counted)
    topic = {w for w in lemmatize(q.topic) if not lx.ASKING_WORDS.match(w)}  # "ergens genoemd" asks, is no subject
    topic = {w for w in topic if not lx.SCHOOL_WORDS.match(w)} or topic  # "het vak Engels" asks about Engels
    sentence = lx.question_sentence(text)
    asking = (re.findall(r"[\w-]+", sentence) or [""])[0]
    separated = _SEPARATED_PARTICLE.search(sentence)
    verb = (lemmatize(asking) or [""])[0] if separated and asking not in FUNCTION_WORDS else ""
    # only from an infinitive the lookup table gave ("maakt" -> "maken"), never from a form it does not know
    composed = separated.group(1) + verb if verb.endswith("en") and verb != asking else None
    if composed and not kb.knows_lemma(composed):
        # "maakt X zelf de teksten op?": the verb is "opmaken", not "maken", and no dossier says it
        topic = (topic - set(lemmatize(asking))) | {composed}
    elif (asking.endswith(("t", "en")) or _INVERTED.match(sentence)) and len(topic) > 1:
        # the verb that asks ("krijgt hij ook Y?", "krijg je Y?") is no subject
        # (a separable verb the dossiers know is often split in their text too: "stelt … roosters op")
        topic -= set(lemmatize(asking))
    if len(q.werkprocessen) >= 2 and lx.SHARED.search(text):
        return _same_werkproces(q, kb)
    if q.title and q.kerntaak and not q.werkproces and k is not None:
        placed = _title_under(q, kb, k)
        if placed is not None:
            return placed
    if q.werkproces or q.kerntaak:
        return _has_code(q, kb, k)
    # "hoort Y bij X (niveau 2)?": a level beside a subject qualifies the name; verbs ("kloppen") are no subject
    subject_words = [w for w in topic if not w.endswith("en") and len(w) >= 4 and kb.knows_lemma(w)]
    asks_level = ("niveau" in q.fields or q.niveau is not None) and not subject_words
    if not asks_level and set(q.fields) <= {"niveau"}:
        q = replace(q, fields=[])
    if asks_level and k is not None and q.niveau is not None:
        from questions.answers.facts import profile_kwalificaties

        # a whole dossier ("zijn alle kwalificaties van D niveau 4?"): yes only when every profile is
        levels = [niveau(kb, x) for x in profile_kwalificaties(kb, k) or [k]]
        because = answer_fact(replace(q, fields=["niveau"]), kb)
        return _verdict(None if None in levels else all(x == q.niveau for x in levels), because)
    kind = lx.PROFILE_TYPES.search(q.text.lower())
    if kind and k is not None:
        because = answer_fact(replace(q, fields=["typering", "niveau"]), kb)
        from questions.answers.facts import profile_kwalificaties

        values = [getattr(kb.fact(x, "typering"), "value", None) for x in profile_kwalificaties(kb, k) or [k]]
        if None in values:
            return _verdict(None, because)
        return _verdict(all(str(v).lower() == kind.group(1).lower() + "opleiding" for v in values), because)
    if "crebo" in q.fields and k is not None and q.value:
        value = getattr(kb.fact(k, "crebo"), "value", None)
        return _verdict(None if value is None else value == q.value, answer_fact(replace(q, fields=["crebo"]), kb))
    if "beroepsvereisten" in q.fields and k is not None:
        value = getattr(kb.fact(k, "beroepsvereisten"), "value", None)
        because = answer_fact(replace(q, fields=["beroepsvereisten"]), kb)
        return _verdict(None if value is None else not str(value).lower().startswith("nee"), because)
    if q.fields and k is not None:
        return _proposed_value(q, kb, k)
    if (q.what == "werkprocessen" or q.title) and k is not None:  # a werkproces by its title, quoted or not
        titled = _werkproces_by_title(q, kb, k)
        if titled is not None:
            return titled
    if topic:
        return _covers(q, kb, k, topic)
    if q.fields:
        return answer_fact(q, kb)
    if k is None:
        return no_subject(q, kb)
    from questions.answers.facts import answer_overview

    return _verdict(True, answer_overview(q, kb))


_NUMBERS = {w: n for n, w in enumerate("nul een twee drie vier vijf zes zeven acht negen tien".split())}
_COUNTED = re.compile(r"(?<!niveau )(?<!mbo )(?<!mbo-)\b(\d+|een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien)\s+"
                      r"(werkprocessen|kerntaken|kwalificaties|profielen)\b")


def _count_verdict(q: Question, kb: KnowledgeBase, counted: re.Match) -> Answer:
    from questions.answers.lists import answer_count

    said = counted.group(1)
    number = int(said) if said.isdigit() else _NUMBERS[said]
    what = {"profielen": "kwalificaties"}.get(counted.group(2), counted.group(2))
    count = answer_count(replace(q, what=what, polar=False), kb)
    actual = count.data.get("count")
    return _verdict(None if actual is None else actual == number, count)


def _same_level(q: Question, kb: KnowledgeBase, differs: bool = False) -> Answer:
    """Ja when every named qualification has the same stated level (`differs`: when they do not all have it,
    "is er verschil in niveau tussen X en Y?"), with each one's level."""
    parts = [answer_fact(replace(q, kwalificaties=[key], fields=["niveau"], named=True), kb) for key in q.kwalificaties]
    levels = [niveau(kb, kb.kwalificatie(key)) for key in q.kwalificaties]
    because = Answer("several", {"answers": parts}, citation=parts[0].citation,
                     context={"kwalificaties": list(q.kwalificaties)})
    return _verdict(None if None in levels else (len(set(levels)) == 1) != differs, because)


def _proposed_value(q: Question, kb: KnowledgeBase, k: Kwalificatie) -> Answer:
    """"Klopt het dat D gevalideerd is door S?": ja when the stated value is in the question, nee when
    another value is stated, and the fact itself either way (or that the dossier does not state it)."""
    year = _YEAR.search(q.text)
    dated = [f for f in q.fields if f in FACT_FIELDS and _YEAR.search(str(getattr(kb.fact(k, f), "value", "") or ""))] \
        if year else []
    if year and dated:  # "is D in 2021 gevalideerd?": the date decides, not who validated it
        because = answer_fact(replace(q, fields=dated), kb)
        values = [str(r.value) for r in because.data.get("results") or [] if isinstance(r, Fact)]
        return _verdict(any(year.group(0) in v for v in values) if values else None, because)
    because = answer_fact(q, kb)
    results = because.data.get("results") or []
    values = [r.value for r in results if isinstance(r, Fact)]
    items = because.data.get("items")  # a part of a 2004 profile: loopbaan, functiebenamingen, kernopgaven
    asked = set(lemmatize(q.text))
    proposed = set(lemmatize(q.topic)) - set(lemmatize(k.title)) - set(lemmatize(" ".join(q.fields)))
    # the words that ask the field ("opgesteld" for who wrote it) propose nothing
    proposed -= {w for name, cue in lx.FIELD_CUES if name in q.fields for m in cue.finditer(q.text)
                 for w in lemmatize(m.group(0))}
    if because.reply == "named_in_typering":  # "is Y een andere naam voor X?": do the typering's sentences name Y
        cue = dict(lx.FIELD_CUES)["functiebenamingen"]
        proposed = set(lemmatize(cue.sub(" ", q.topic))) - set(lemmatize(k.title)) - FUNCTION_WORDS
        named = set(lemmatize(" ".join(because.data["sentences"])))
        return _verdict(proposed <= named if proposed else None, because)
    if items and not isinstance(items, str):
        # "heeft X een kernopgave over <titel>?": yes when one item's title is what it proposes
        titles = [set(lemmatize(str(getattr(x, "title", x)))) for x in items]
        return _verdict(any(t and (t <= asked or (proposed and proposed <= t)) for t in titles), because)
    if items:
        values.append(items)
    if not values:
        return _verdict(None, because)
    for v in values:
        value = set(lemmatize(str(v)))
        if value and (value <= asked or (proposed and proposed <= value)):
            return _verdict(True, because)
        if len(value) > LONG_VALUE:  # a text ("loopbaan"): yes when it speaks of what the question proposes
            return _verdict(True if proposed & value else None, because)
    return _verdict(False if proposed else True, because)


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
LONG_VALUE = 8  # a fact of more content words than this is a text, not a value to compare


def _title_under(q: Question, kb: KnowledgeBase, k: Kwalificatie) -> Optional[Answer]:
    """"Valt '<titel>' onder kerntaak P2-K1?": the werkproces of that title decides by its own kerntaak."""
    from questions.answers.werkprocessen import werkproces_answer

    wanted = normalize(q.title)
    for kt, wp in kb.werkprocessen(k):
        if normalize(wp.title) == wanted:
            view = kb.werkproces(wp.code, k)
            if isinstance(view, WerkprocesView):
                return _verdict(kt.code == q.kerntaak, werkproces_answer(kb, view, None, k))
    return None


def _werkproces_by_title(q: Question, kb: KnowledgeBase, k: Kwalificatie) -> Optional[Answer]:
    """"Zit '<titel>' in X?": the title within X, or where it is instead."""
    from rapidfuzz import fuzz
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
            return _verdict(True, werkproces_answer(kb, view, None, k))
    _, code, dossier = scored[0]
    elsewhere = kb.werkproces(code, kb.kwalificatie(dossier))
    known = sorted(own)
    if isinstance(elsewhere, WerkprocesView):
        return _verdict(False, Answer("title_elsewhere", {"k": k, "view": elsewhere, "known": known},
                                      citation=elsewhere.citation))
    return _verdict(False, Answer("no_werkproces", {"code": topic, "k": k, "known": known}))


TITLE_MATCH = 85  # rapidfuzz token_set_ratio for a werkproces title quoted by a user


def _same_werkproces(q: Question, kb: KnowledgeBase) -> Answer:
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


def _has_code(q: Question, kb: KnowledgeBase, k: Optional[Kwalificatie]) -> Answer:
    """"Hoort W2 bij het basisdeel?", "Heeft X een P2-K2?": the code within the target, or not."""
    if k is None:
        return no_subject(q, kb)
    if q.werkproces:
        result = kb.werkproces(q.werkproces, k)
        if isinstance(result, NotFound):
            return _verdict(False, Answer("no_werkproces", {"code": q.werkproces, "k": k, "known": result.known}))
        views = result.candidates if not isinstance(result, WerkprocesView) else [result]
        proposed = _proposed_by_code(q, k)
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


def _covers(q: Question, kb: KnowledgeBase, k: Optional[Kwalificatie], topic: set[str]) -> Answer:
    """Does the target's dossier text cover the subject? Yes with the passage; no when nothing covers it,
    or when the passage limits it to another level than the target's."""
    hits = kb.search(q.topic, limit=20, within=k)
    if q.what == "werkprocessen":
        hits = [h for h in hits if h.passage.code and _WERKPROCES_CODE.match(h.passage.code)]
    if q.scope:  # "komt Y daarin ook aan bod?" about the kerntaak just answered
        inside = [h for h in hits if h.passage.code and h.passage.code.startswith(q.scope)]
        if not inside and hits:
            return _verdict(False, Answer("elsewhere", {"kerntaak": q.scope, "hits": hits[:1]},
                                          citation=kb.citation(kb.dossier(k), hits[0].passage.code) if k else None))
        hits = inside
    # Every word of the subject must occur in the dossiers: "pizza bestellen" is not covered by "bestelt".
    known = {lemma for lemma in topic if kb.knows_lemma(lemma)}
    # a passage titled by the subject ("Engels (alleen voor niveau 4)") decides before one that only mentions it
    titled_first = sorted(hits, key=lambda h: -len(topic & set(lemmatize(h.passage.label or ""))))
    best = None if known != topic else \
        next((h for h in titled_first if _holds(kb, known, h)), None)
    if best is None:
        elsewhere = _covered_elsewhere(q, kb, k, known) if known == topic and k is not None else None
        # nothing in any dossier speaks of it ("in de bbl"): not stated, rather than a "nee" no source gives
        return _verdict(False if known or elsewhere else None,
                        elsewhere or Answer("not_covered", {"k": k, "topic": q.topic}))
    from questions.answers.topic import owner

    d = next(d for d in kb.dossiers() if d.title == best.passage.dossier)
    found = Answer("search_results", {"hits": [(best, getattr(owner(kb, best), "title", None))], "all": False},
                   citation=kb.citation(d, best.passage.code), context={"kwalificaties": [k.key]} if k else {})
    sentence = _deciding_sentence(best, topic)
    if sentence and _NEGATION.search(sentence):  # "hij benadert nooit zelf de pers"
        return _verdict(False, Answer("says_not", {"sentence": sentence, "found": found}, citation=found.citation,
                                      context=found.context))
    limit = _level_limit(best)
    asked_level = q.niveau if q.niveau is not None else (niveau(kb, k) if k else None)
    if limit is not None and asked_level is not None and asked_level != limit:
        return _verdict(False, Answer("level_limited", {"k": k, "limit": limit, "niveau": asked_level,
                                                        "found": found}, citation=found.citation,
                                      context=found.context))
    own = _own_passage(kb, k, best, titled_first, known)
    if own is not None:  # the profile's own words first ("beroepsspecifiek Engels"), the shared part beside them
        found.data["hits"].insert(0, (own, k.title))
    return _verdict(True, found)


def _own_passage(kb: KnowledgeBase, k: Optional[Kwalificatie], best: Hit, hits: list[Hit],
                 known: set[str]) -> Optional[Hit]:
    """A passage of the profile's own text that holds the subject, when the deciding one is shared by the
    whole dossier (a generic part, the basisdeel): what the profile itself asks weighs most for a student."""
    if k is None or not k.profiel:
        return None
    from questions.answers.topic import owner

    if getattr(owner(kb, best), "key", None) == k.key:
        return None
    own = [h for h in hits if h is not best and getattr(owner(kb, h), "key", None) == k.key and _holds(kb, known, h)]
    # the passage that says it is required ("… is beheersing van beroepsspecifiek Engels nodig") before one
    # that only lists it
    return min(own, key=lambda h: not _REQUIRED.search(_deciding_sentence(h, known) or ""), default=None)


_REQUIRED = re.compile(r"\b(?:nodig|vereist|verplicht|noodzakelijk|moet|moeten|beheers\w*)\b", re.I)


_NEGATION = re.compile(r"\b(?:niet|geen|nooit|noch|nergens|zonder)\b(?!-)", re.I)  # "niet-complexe" is no "niet"


def _deciding_sentence(hit: Hit, topic: set[str]) -> Optional[str]:
    """The sentence of the passage that holds most of the subject's words: it decides a yes/no."""
    best, best_n = None, 0
    for sentence in re.split(r"(?<=[.;!?])\s+|\n", hit.passage.text):
        words = set(lemmatize(sentence))
        n = len(topic & words) + sum(1 for t in topic if len(t) >= 5 and any(t in w for w in words if w != t))
        if n > best_n:
            best, best_n = sentence.strip(), n
    return best


def _covered_elsewhere(q: Question, kb: KnowledgeBase, k: Kwalificatie, known: set[str]) -> Optional[Answer]:
    """"Doe je als X ook Y?" when Y is another qualification's work: nee, and whose it is."""
    from questions.answers.topic import owner

    for h in kb.search(q.topic, limit=10):
        if _holds(kb, known, h):
            other = owner(kb, h)
            d = next(d for d in kb.dossiers() if d.title == h.passage.dossier)
            # what the asked qualification does have, so the "nee" is not the end of the answer
            pairs = kb.werkprocessen(k) if k.profiel else []
            own = [wp for kt, wp in pairs if kt.code.startswith("P")] or [wp for _, wp in pairs]
            return Answer("found_elsewhere", {"k": k, "hit": h, "owner": other, "own": own},
                          citation=kb.citation(d, h.passage.code))
    return None


def _holds(kb: KnowledgeBase, lemmas: set[str], hit: Hit) -> bool:
    """A passage holds a subject when it has the subject's rarest word and most of its information: a
    paraphrase changes the common words ("bijhouden" for "beheren"), rarely the one the subject is about."""
    have = (set(hit.matched) | _compound_cover(kb, hit, lemmas)) & lemmas
    if have == lemmas:
        return True
    # a verb ("bijhouden", an infinitive) is what a paraphrase changes first: it weighs half, and the
    # rarest noun must be there
    nouns = {lemma for lemma in lemmas if not lemma.endswith("en")} or lemmas
    weight = {lemma: kb.information(lemma) * (1.0 if lemma in nouns else 0.5) for lemma in lemmas}
    rarest = max(nouns, key=lambda lemma: weight[lemma])
    return rarest in have and sum(weight[lemma] for lemma in have) >= HELD_SHARE * sum(weight.values())


HELD_SHARE = 0.6  # of the subject's information (IDF) a passage must hold besides its rarest word


def _compound_cover(kb: KnowledgeBase, hit: Hit, lemmas: set[str]) -> set[str]:
    words = hit.passage.lemmas.split()
    return {lemma for lemma in lemmas if any(in_compound(kb, lemma, w) for w in words)}


def in_compound(kb: KnowledgeBase, lemma: str, word: str) -> bool:
    """`lemma` is a part of the compound `word` ("beheer" of "voorraadbeheer"): it starts or ends it, and
    what is left is a word of the dossiers too (with a linking s or e), so "goede" is no part of
    "goederenstroom"."""
    if len(lemma) < 5 or lemma == word or lemma not in word:
        return False
    if word.startswith(lemma):
        rest = word[len(lemma):]
        rest = rest[1:] if rest[:1] in ("s", "e") and len(rest) > 4 else rest
    elif word.endswith(lemma):
        rest = word[:-len(lemma)]
        rest = rest[:-1] if rest[-1:] in ("s", "e") and len(rest) > 4 else rest
    else:
        return False
    whole = word[len(lemma):] if word.startswith(lemma) else word[:-len(lemma)]
    return len(rest) >= 3 and any(kb.has_lemma(x) for x in {rest, whole, *lemmatize(rest)})


def _level_limit(hit: Hit) -> Optional[int]:
    """A level the passage's own title restricts it to ("Engels (alleen voor niveau 4)")."""
    m = _LEVEL_IN_TEXT.search(hit.passage.label)
    return int(m.group(1)) if m else None

