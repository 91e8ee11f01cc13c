"""Follow-ups: what a question leaves out, filled in from the previous question of the conversation
("en bij W2?", "welk niveau is dat?", "de tweede", "en door wie?")."""
from __future__ import annotations

import re
from typing import Optional

from knowledge.query import KnowledgeBase
from knowledge.search import lemmatize
from questions import lexicon as lx
from questions.message import Message, is_cue
from questions.model import (
    COMPARE, COMPETENTIE, COUNT, FACT, KERNTAAK, LIST, OVERVIEW, SMALLTALK, SOURCE, TOPIC, UNCLEAR, WERKPROCES,
    WERKPROCES_PARTS, YESNO, Question,
)


def picked(q: Question, previous: Optional[Question], t: str) -> None:
    """"en de derde daarvan?": the item at that place of the list the previous answer gave."""
    if previous is None or not previous.items or q.werkproces or q.kerntaak or q.competentie is not None:
        return
    numbered = re.search(r"\b(?:nummer|nr\.?)\s*(\d+)\b", t)
    if numbered:  # "en nummer 7?": the item of that number in the list just given, not the 13th place
        for kind in ("competentie", "kernopgave"):
            if f"{kind} {numbered.group(1)}" in previous.items:
                if kind == "competentie":
                    q.competentie = int(numbered.group(1))
                else:
                    q.kernopgave, q.fields = int(numbered.group(1)), q.fields or ["kernopgaven"]
                q.kwalificaties = q.kwalificaties or list(previous.kwalificaties[:1])
                return
    at = lx.ordinal(t)
    if at is None or not -len(previous.items) <= at < len(previous.items):
        return
    code = previous.items[at]
    own = [c for c in previous.items if re.match(r"P\d+-K", c)]
    if own and len(own) < len(previous.items) and all(re.match(r"[BP]\d+-K", c) for c in previous.items) \
            and -len(own) <= at < len(own):
        # a profile's kerntaken or werkprocessen with the basisdeel's before them: "de tweede" is the second
        # of the profile's own (the basisdeel is every profile's; the code in the answer says which it is)
        code = own[at]
    if code.startswith("kwalificatie "):
        q.kwalificaties, q.named = [code.split(" ", 1)[1]], True
        return
    if code.startswith("competentie "):
        q.competentie = int(code.split()[1])
    elif code.startswith("kernopgave "):
        q.kernopgave, q.fields = int(code.split()[1]), q.fields or ["kernopgaven"]
    elif "-W" in code:
        q.werkproces = code
    else:
        q.kerntaak = code
    q.kwalificaties = q.kwalificaties or list(previous.kwalificaties[:1])


# The two sides of one event a dossier states: who did it, and when. "en door wie?" after "wanneer is het
# gevalideerd?" asks the other side of the same event.
_WHO_AND_WHEN = [("gevalideerd_door", "gevalideerd_op"), ("ontwikkeld_door", "datum")]


def other_side(previous: list[str], t: str) -> list[str]:
    asks_who, asks_when = bool(lx.WHO.search(t)), bool(re.search(r"\bwanneer\b|\bwelke datum\b|\bwelk jaar\b", t))
    if asks_who == asks_when:
        return []
    return [who if asks_who else when for who, when in _WHO_AND_WHEN if who in previous or when in previous]


_THAT_KERNTAAK = re.compile(r"\b(?:die|deze|dat|dezelfde|diezelfde) kern ?taak\b")
_ANAPHOR = re.compile(r"\b(?:daar|daarbij|daarin|daaronder|erbij|erin|eronder|hierbij|hierin|die|deze|dit|dat)\b")


def _same_dossier(q: Question, previous: Question, kb: KnowledgeBase) -> bool:
    now, before = (kb.kwalificatie(x.kwalificatie) if x.kwalificatie else None for x in (q, previous))
    return now is not None and before is not None and now.dossier == before.dossier


def from_context(q: Question, previous: Optional[Question], m: Message, t: str, kb: KnowledgeBase) -> None:
    """Fill what a follow-up leaves out from the previous question of the conversation."""
    if previous is None or q.facet in (SMALLTALK, UNCLEAR):
        return
    if not q.kwalificaties and not q.unknown and previous.kwalificaties and not (
            q.facet == TOPIC and not lx.FOLLOW_UP.search(t) and not lx.EVERY.search(t)):
        # all of them after "elk van die twee", or when the previous answer was about each dossier with that code
        every = lx.EVERY.search(t) or (not previous.named and len(previous.kwalificaties) > 1 and
                                       q.facet in (WERKPROCES, KERNTAAK) and
                                       not re.search(r"[BP]\d+-K", (q.werkproces or "") + (q.kerntaak or "")))
        q.kwalificaties = previous.kwalificaties[:None if every else 1]
    if q.profielen and not q.named and previous.kwalificatie:  # "en voor P4?": that profile of the same dossier
        before = kb.kwalificatie(previous.kwalificatie)
        other = kb.kwalificatie(f"{before.dossier}/{q.profielen[0]}") if before else None
        if other is not None:
            q.kwalificaties, q.named = [other.key], True
            if previous.kerntaak and re.match(r"P\d+-K\d+$", previous.kerntaak) and not q.kerntaak:
                q.kerntaak = f"{q.profielen[0]}-{previous.kerntaak.split('-')[1]}"  # the same kerntaak there
            if previous.werkproces and re.match(r"P\d+-K\d+-W\d+$", previous.werkproces) and not q.werkproces:
                q.werkproces = q.profielen[0] + previous.werkproces[previous.werkproces.index("-"):]
                q.kerntaak, q.onderdeel = None, q.onderdeel or previous.onderdeel
            bare = not (lx.first(lx.WHAT_CUES, t) or q.fields or q.onderdeel or lemmatize(q.topic))
            q.facet = previous.facet if q.facet in (OVERVIEW, UNCLEAR) or bare else q.facet  # "en P1?": the same
    if q.named and q.facet in (OVERVIEW, UNCLEAR) and lx.FOLLOW_UP.search(t) and not q.profielen \
            and previous.facet in (WERKPROCES, KERNTAAK, FACT, LIST, COUNT) \
            and not [w for w in lemmatize(q.topic) if not is_cue(w)]:
        # "en de X?" with nothing but a name: the same question about X
        q.facet, q.fields, q.what = previous.facet, q.fields or list(previous.fields), q.what or previous.what
        q.onderdeel, q.aanvullend = q.onderdeel or previous.onderdeel, q.aanvullend or previous.aanvullend
        if previous.kerntaak and not previous.werkproces and previous.facet == KERNTAAK:
            q.kerntaak = previous.kerntaak if previous.kerntaak.startswith("B") else None
    if q.facet == LIST and q.what == "kwalificaties" and not q.named:
        q.kwalificaties = []  # "welke kwalificaties ken je?" is about all of them
    repeats = m.intent == "inform" or (lx.FOLLOW_UP.search(t) and q.facet == previous.facet)
    if q.facet == FACT and not q.fields and (repeats or previous.facet == FACT):
        q.fields = other_side(previous.fields, t) or list(previous.fields)
    if q.facet == previous.facet and repeats and not q.onderdeel:
        q.onderdeel = previous.onderdeel
    if q.aanvullend and not (q.werkproces or q.kerntaak) and previous.werkproces \
            and previous.werkproces.startswith("B") and previous.onderdeel in WERKPROCES_PARTS \
            and q.onderdeel in (None, "aanvulling", previous.onderdeel) and _same_dossier(q, previous, kb):
        # "welke competenties komen er voor X bij?" right after a basisdeel werkproces: X's addition to it
        q.facet, q.werkproces, q.onderdeel = WERKPROCES, previous.werkproces, previous.onderdeel
    if q.onderdeel == "aanvulling" and previous.onderdeel in WERKPROCES_PARTS and q.facet == WERKPROCES:
        q.onderdeel, q.aanvullend = previous.onderdeel, True  # "wat komt er voor X nog bij?": X's addition to that part
    if q.facet == WERKPROCES and not q.werkproces and previous.werkproces:
        code = previous.werkproces
        # another profile: the same number there (a name given for a pending bare code takes the whole code)
        if q.named and re.match(r"^P\d+-", code) and previous.kwalificaties:
            code = code.split("-")[-1]
        if q.onderdeel or repeats or not q.named:
            q.werkproces = code
    if q.facet == WERKPROCES and q.werkproces and re.fullmatch(r"W\d+", q.werkproces) and not q.kerntaak \
            and previous.kerntaak and (not q.named or previous.kwalificatie in q.kwalificaties):
        q.kerntaak = previous.kerntaak  # "en bij W1?" after P2-K2-W3: first within kerntaak P2-K2
    if q.facet in (LIST, COUNT) and q.what == "werkprocessen" and not (q.kerntaak or q.werkproces or q.named) \
            and previous.kerntaak and not previous.werkproces and _ANAPHOR.search(t):
        q.kerntaak = previous.kerntaak  # "welke werkprocessen horen daarbij?" after a kerntaak
    if q.facet in (LIST, COUNT) and q.what == "werkprocessen" and not (q.kerntaak or q.werkproces or q.named) \
            and not previous.kerntaak and _THAT_KERNTAAK.search(t):
        # "welke werkprocessen vallen onder die kerntaak?" after a profile's kerntaken: its own one, when it has one
        listed = [c for c in previous.items if re.fullmatch(r"[BP]\d+-K\d+", c)]
        own = [c for c in listed if c.startswith("P")]
        if len(own) == 1 or len(listed) == 1:
            q.kerntaak = (own or listed)[0]
    if q.facet == KERNTAAK and not q.kerntaak and not q.named and previous.kerntaak and q.onderdeel:
        q.kerntaak = previous.kerntaak  # "en de complexiteit?" of the kerntaak just answered
    if q.facet == YESNO and not (q.kerntaak or q.werkproces or q.named) and previous.kerntaak \
            and re.search(r"\b(?:daar|daarin|erin|hierin|daarbij|erbij)\b", t) and not previous.werkproces:
        q.scope = previous.kerntaak  # "komt Y daarin ook aan bod?"
    if q.competentie is None and q.onderdeel and previous.competentie and not q.named and not q.werkproces:
        q.competentie, q.facet = previous.competentie, COMPETENTIE  # "en het resultaat daarvan?"
    if q.facet == COMPARE and len(q.kwalificaties) == 1 and previous.kwalificatie and not q.profielen \
            and previous.kwalificatie != q.kwalificaties[0]:
        q.kwalificaties = [previous.kwalificatie, q.kwalificaties[0]]
    if q.facet == TOPIC and lx.OF_THOSE.search(t) and not (q.werkproces or q.kerntaak or q.named):
        # "welke daarvan …" with a subject, after a list of werkprocessen or kerntaken: the subject among those listed
        q.items = [c for c in previous.items if _LISTED_CODE.match(c)]
    if q.facet == SOURCE:
        q.citation = previous.citation


def kerntaak_by_subject(q: Question, previous: Optional[Question], t: str, kb: KnowledgeBase) -> None:
    """The werkprocessen of "de kerntaak over Y": the qualification's kerntaak (this question's, or the
    conversation's) whose texts are about Y, and its werkprocessen listed."""
    about = _KERNTAAK_ABOUT.search(t)
    # "de kerntaak over … van de ploeg": a word the name linker took for a name is the subject it is about
    about_unknown = bool(about and q.unknown and q.unknown.lower() in about.group(1))
    keys = q.kwalificaties or (previous.kwalificaties[:1] if previous is not None and (not q.unknown or about_unknown)
                               else [])
    if not about or q.kerntaak or q.werkproces or not keys or q.facet not in (TOPIC, LIST) \
            or q.what != "werkprocessen":
        return
    k = kb.kwalificatie(keys[0])
    q.kwalificaties = q.kwalificaties or list(keys)
    for h in kb.search(about.group(1), limit=10, within=k) if k is not None else []:
        if _LISTED_CODE.match(h.passage.code or ""):
            q.kerntaak, q.facet = re.sub(r"-W\d+$", "", h.passage.code), LIST
            q.unknown = None if about_unknown else q.unknown
            return


_KERNTAAK_ABOUT = re.compile(r"\bkern ?taak (?:over|rond|rondom|voor|met|waarin|waarbij)\s+(.+)$")
_LISTED_CODE = re.compile(r"^(?:[BP]\d+-)?K\d+(?:-W\d+)?$")
