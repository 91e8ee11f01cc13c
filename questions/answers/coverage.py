"""Whether a qualification's dossier text covers a subject ("moet je als X Engels kunnen?", "doet X ook Y?"):
the passage that holds the subject's words decides, a negation in it says no, and a level its title
limits it to ("Engels (alleen voor niveau 4)") says no for a qualification of another level."""
from __future__ import annotations

import re
from typing import Optional

from knowledge.query import KnowledgeBase, Kwalificatie
from knowledge.lemmas import is_verb, lemmatize
from knowledge.search import Hit
from questions.answers.lists import niveau
from questions.model import Answer, Question

_LEVEL_IN_TEXT = re.compile(r"\bniveau\s*(\d)\b(?![a-z])", re.I)
_WERKPROCES_CODE = re.compile(r"^(?:[BP]\d+-)?K\d+-W\d+$")


def verdict(yes: Optional[bool], because: Answer) -> Answer:
    """A yes/no answer: "ja", "nee" or none (not stated), and the answer that decides it."""
    return Answer("yes_no", {"yes": yes, "because": because}, citation=because.citation, context=because.context)


def covers(q: Question, kb: KnowledgeBase, k: Optional[Kwalificatie], topic: set[str]) -> Answer:
    """Does the target's dossier text cover the subject? Yes with the passage; no when nothing covers it,
    or when the passage limits it to another level than the target's."""
    hits = kb.search(q.topic, limit=20, within=k)
    if q.what == "werkprocessen":
        hits = [h for h in hits if h.passage.code and _WERKPROCES_CODE.match(h.passage.code)]
    if q.scope:  # "komt Y daarin ook aan bod?" about the kerntaak just answered
        inside = [h for h in hits if h.passage.code and h.passage.code.startswith(q.scope)]
        if not inside and hits:
            return verdict(False, Answer("elsewhere", {"kerntaak": q.scope, "hits": hits[:1]},
                                          citation=kb.citation(kb.dossier(k), hits[0].passage.code) if k else None))
        hits = inside
    # Every word of the subject must occur in the dossiers: "pizza bestellen" is not covered by "bestelt".
    known = {lemma for lemma in topic if kb.knows_lemma(lemma)}
    # ... except a verb no dossier uses beside a noun they do ("een marktonderzoek opzetten" where the
    # text says "voert marktonderzoeken uit"): the noun is the subject, the verb the user's own wording
    # (a verb put together from a split one, "maakt … op", is what is asked: it stays)
    foreign_verbs = {lemma for lemma in topic - known if is_verb(lemma) and lemma in q.text.lower()}
    if foreign_verbs and topic - known == foreign_verbs and any(not is_verb(w) for w in known):
        topic = topic - foreign_verbs
    # a passage titled by the subject ("Engels (alleen voor niveau 4)") decides before one that only mentions it
    titled_first = sorted(hits, key=lambda h: -len(topic & set(lemmatize(h.passage.label or ""))))
    best = None if known != topic else \
        next((h for h in titled_first if holds(kb, known, h)), None)
    if best is None:
        elsewhere = _covered_elsewhere(q, kb, k, known) if known == topic and k is not None else None
        # nothing in any dossier speaks of it ("in de bbl"): not stated, rather than a "nee" no source gives
        return verdict(False if known or elsewhere else None,
                        elsewhere or Answer("not_covered", {"k": k, "topic": q.topic}))
    from questions.answers.topic import owner

    d = next(d for d in kb.dossiers() if d.title == best.passage.dossier)
    found = Answer("search_results", {"hits": [(best, getattr(owner(kb, best), "title", None))], "all": False},
                   citation=kb.citation(d, best.passage.code), context={"kwalificaties": [k.key]} if k else {})
    sentence = _deciding_sentence(best, topic)
    if sentence and _NEGATION.search(sentence):  # "hij benadert nooit zelf de pers"
        return verdict(False, Answer("says_not", {"sentence": sentence, "found": found}, citation=found.citation,
                                      context=found.context))
    limit = _level_limit(best)
    asked_level = q.niveau if q.niveau is not None else (niveau(kb, k) if k else None)
    if limit is not None and asked_level is not None and asked_level != limit:
        return verdict(False, Answer("level_limited", {"k": k, "limit": limit, "niveau": asked_level,
                                                        "found": found}, citation=found.citation,
                                      context=found.context))
    own = _own_passage(kb, k, best, titled_first, known)
    if own is not None:  # the profile's own words first ("beroepsspecifiek Engels"), the shared part beside them
        found.data["hits"].insert(0, (own, k.title))
    return verdict(True, found)


def _own_passage(kb: KnowledgeBase, k: Optional[Kwalificatie], best: Hit, hits: list[Hit],
                 known: set[str]) -> Optional[Hit]:
    """A passage of the profile's own text that holds the subject, when the deciding one is shared by the
    whole dossier (a generic part, the basisdeel): what the profile itself asks weighs most for a student."""
    if k is None or not k.profiel:
        return None
    from questions.answers.topic import owner

    if getattr(owner(kb, best), "key", None) == k.key:
        return None
    own = [h for h in hits if h is not best and getattr(owner(kb, h), "key", None) == k.key and holds(kb, known, h)]
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
        other = owner(kb, h)
        if other is not None and other.key == k.key:
            continue  # the asked profile's own text, not a werkproces of it: no "elsewhere"
        if holds(kb, known, h):
            d = next(d for d in kb.dossiers() if d.title == h.passage.dossier)
            # what the asked qualification does have, so the "nee" is not the end of the answer
            pairs = kb.werkprocessen(k) if k.profiel else []
            own = [wp for kt, wp in pairs if kt.code.startswith("P")] or [wp for _, wp in pairs]
            return Answer("found_elsewhere", {"k": k, "hit": h, "owner": other, "own": own},
                          citation=kb.citation(d, h.passage.code))
    return None


def holds(kb: KnowledgeBase, lemmas: set[str], hit: Hit) -> bool:
    """A passage holds a subject when it has the subject's rarest word and most of its information: a
    paraphrase changes the common words ("bijhouden" for "beheren"), rarely the one the subject is about."""
    have = (set(hit.matched) | _compound_cover(kb, hit, lemmas)) & lemmas
    if have == lemmas:
        return True
    # a verb ("bijhouden", an infinitive) is what a paraphrase changes first: it weighs half, and the
    # rarest noun must be there
    nouns = {lemma for lemma in lemmas if not lemma.endswith("en") and not is_verb(lemma)} or lemmas
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
