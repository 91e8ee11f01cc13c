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

from knowledge.names import normalize
from knowledge.query import FACT_FIELDS, Fact, KnowledgeBase, Kwalificatie
from knowledge.search import lemmatize
from knowledge.vocabulary import FUNCTION_WORDS
from questions import lexicon as lx
from questions.answers import is_cue, no_subject, subject
from questions.answers.code_claims import (
    EVERY_PROFILE, has_code, same_werkproces, title_in_every_profile, title_under, werkproces_by_title,
)
from questions.answers.coverage import covers, verdict as _verdict
from questions.answers.facts import answer_fact
from questions.answers.lists import niveau
from questions.model import Answer, Question

# a verb before its subject pronoun drops its -t ("krijg je", "heb je"): still the verb that asks
_INVERTED = re.compile(r"^(?:en |maar )?[a-z]+ (?:je|jij|u|we|wij|ze|zij|hij|ik)\b")
# the particle of a separable verb, left at the end of a yes/no question ("stelt X het plan op?")
_SEPARATED_PARTICLE = re.compile(r"\b(op|aan|uit|af|mee|door|toe|terug|na|vast|bij|in|voor)\s*[?.!]*\s*$")


def answer_yesno(q: Question, kb: KnowledgeBase) -> Answer:
    decided = _decide(q, kb)
    negated = _negated(q.text)
    if decided.reply == "yes_no" and negated and decided.data["yes"] is not None:
        decided.data["negated"] = negated
    return decided


# "hoeft X geen …?", "is X niet …?": asked in the negative; "klopt het dat X geen …?": a negative claim
_NEGATED = re.compile(r"\b(?:geen|niet|nooit)\b(?!-)(?! meer dan)", re.I)


def _negated(text: str) -> Optional[str]:
    sentence = re.sub(r"\bof niet\b", " ", lx.question_sentence(text.lower()))
    if not _NEGATED.search(sentence):
        return None
    return "claim" if lx.CLAIM.search(sentence) else "question"


def _decide(q: Question, kb: KnowledgeBase) -> Answer:
    if q.unknown:
        return no_subject(q, kb)
    differs = bool(lx.DIFFERS.search(q.text.lower()))
    if "niveau" in q.fields and (lx.SHARED.search(q.text.lower()) or differs):
        from questions.answers.comparing import named_profiles

        named = [k.key for k in named_profiles(q, kb)] if q.profielen else q.kwalificaties
        if len(named) >= 2:  # "zitten X en Y op hetzelfde niveau?", "hebben P3 en P4 van D hetzelfde niveau?"
            return _same_level(replace(q, kwalificaties=named), kb, differs)
    higher = _HIGHER.search(q.text.lower())
    if higher:
        from questions.answers.comparing import named_profiles

        named = named_profiles(q, kb)
        if len(named) == 2:  # "is A hoger dan B?", "zit A op een lager niveau dan B?": their levels decide
            return _higher_level(q, kb, named, higher.group(1).startswith("hoger"))
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
    topic = {w for w in topic if not lx.WORK_WORDS.match(w)} or topic  # "logistiek werk" asks about logistiek
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
        return same_werkproces(q, kb)
    if q.title and k is not None and EVERY_PROFILE.search(text):
        return title_in_every_profile(q, kb, k)
    if q.title and q.kerntaak and not q.werkproces and k is not None:
        placed = title_under(q, kb, k)
        if placed is not None:
            return placed
    if q.werkproces or q.kerntaak:
        return has_code(q, kb, k)
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
        titled = werkproces_by_title(q, kb, k)
        if titled is not None:
            return titled
    if topic:
        return covers(q, kb, k, topic)
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


_HIGHER = re.compile(r"\b(hoger|lager)\b(?:\s+\w+){0,3}?\s+dan\b")


def _higher_level(q: Question, kb: KnowledgeBase, named: list[Kwalificatie], higher: bool) -> Answer:
    """Ja when the first named qualification's level is above (or below) the second's, with both levels."""
    first, second = sorted(named, key=lambda k: _position(q.text, k))
    parts = [answer_fact(replace(q, kwalificaties=[k.key], fields=["niveau"], named=True), kb) for k in (first, second)]
    a, b = niveau(kb, first), niveau(kb, second)
    because = Answer("several", {"answers": parts}, citation=parts[0].citation,
                     context={"kwalificaties": [first.key, second.key]})
    return _verdict(None if None in (a, b) else (a > b if higher else a < b), because)


def _position(text: str, k: Kwalificatie) -> int:
    """Where the question names a qualification: by its profile code, or by its name's first word."""
    t = normalize(text)
    for said in ([k.profiel.lower()] if k.profiel else []) + [normalize(k.title).split()[0]]:
        found = re.search(rf"\b{re.escape(said)}\b", t)
        if found:
            return found.start()
    return len(t)


def _same_level(q: Question, kb: KnowledgeBase, differs: bool = False) -> Answer:
    """Ja when every named qualification has the same stated level (`differs`: when they do not all have it,
    "is er verschil in niveau tussen X en Y?"), with each one's level."""
    # a level and a kind of opleiding asked together: each field asked decides
    fields = ["niveau"] + (["typering"] if "typering" in q.fields else [])
    parts = [answer_fact(replace(q, kwalificaties=[key], fields=fields, named=True), kb) for key in q.kwalificaties]
    values = [tuple(getattr(kb.fact(kb.kwalificatie(key), f), "value", None) for f in fields) for key in q.kwalificaties]
    because = Answer("several", {"answers": parts}, citation=parts[0].citation,
                     context={"kwalificaties": list(q.kwalificaties)})
    known = all(None not in v for v in values)
    return _verdict((len(set(values)) == 1) != differs if known else None, because)


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
    # (a cue spans from its first keyword to its last, "het profiel … opgesteld": what stands between, "door
    # SBB", is proposed)
    proposed -= {w for name, cue in lx.FIELD_CUES if name in q.fields for m in cue.finditer(q.text)
                 for end in _ends(m.group(0)) for w in lemmatize(end)}
    proposed = {w for w in proposed if not lx.ASKING_WORDS.match(w)}  # "wordt er een Y genoemd?" proposes Y
    if because.reply == "named_in_typering":  # "is Y een andere naam voor X?": do the typering's sentences name Y
        cue = dict(lx.FIELD_CUES)["functiebenamingen"]
        proposed = {w for w in set(lemmatize(cue.sub(" ", q.topic))) - set(lemmatize(k.title)) - FUNCTION_WORDS
                    if not lx.ASKING_WORDS.match(w) and not is_cue(w)}
        named = set(lemmatize(" ".join(because.data["sentences"])))
        return _verdict(proposed <= named if proposed else None, because)
    if items and not isinstance(items, str):
        # "heeft X een kernopgave over <titel>?": yes when one item's title is what it proposes
        titles = [set(lemmatize(str(getattr(x, "title", x)))) for x in items]
        return _verdict(any(t and (t <= asked or (proposed and proposed <= t)) for t in titles), because)
    if items:
        values.append(items)
    if not values:
        # "heeft X een crebonummer?", "wordt er een datum genoemd?": whether the field is there, and it is not
        return _verdict(None if proposed else False, because)
    for v in values:
        value = set(lemmatize(str(v)))
        if value and (value <= asked or (proposed and proposed <= value)):
            return _verdict(True, because)
        if len(value) > LONG_VALUE:  # a text ("loopbaan"): yes when it speaks of what the question proposes
            return _verdict(True if proposed & value else None, because)
    return _verdict(False if proposed else True, because)


def _ends(span: str) -> list[str]:
    words = span.split()
    return words[:1] + words[-1:] if len(words) > 1 else words


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
LONG_VALUE = 8  # a fact of more content words than this is a text, not a value to compare
