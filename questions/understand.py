"""Building a `Question` from one message: its NLU result, its text and the previous question.

The NLU result gives the intent (DIET) and the entities (codes, linked qualification names,
parts, facts); the text gives the grammar of the question (polar, "hoeveel", "verschil",
"in welk werkproces"); the previous question gives what a follow-up leaves out. The intent
is one signal among these, so a question DIET is unsure about is still understood when its
target and facet are clear.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Optional

from knowledge.codes import find_codes
from knowledge.model import BEROEPSCOMPETENTIEPROFIEL
from knowledge.names import normalize as normalize_name
from knowledge.query import KnowledgeBase
from knowledge.search import lemmatize
from knowledge.vocabulary import fold, is_noise, words
from questions import lexicon as lx
from questions.answers.bare_code import seen_before
from questions.answers.titles import titled as titled_anywhere
from questions.model import (
    ACTIVITY, AGGREGATE, COMPARE, COMPETENTIE, COUNT, FACT, KERNTAAK, KERNTAAK_PARTS, LIST, OPINION, OVERVIEW,
    SMALLTALK, SOURCE, TOPIC, UNCLEAR, WERKPROCES, WERKPROCES_PARTS, YESNO, Question,
)

SMALLTALK_INTENTS = {"greet", "goodbye", "thank", "bot_challenge", "insult", "help", "affirm", "deny", "out_of_scope"}
SMALLTALK_CONFIDENCE = 0.6  # a small-talk intent this sure, with nothing from the dossiers named, is small talk
BCP_PARTS = {"succescriteria"}
SAME_TITLE_ANSWERED = 4  # a werkproces title this many profiles share is answered for each; more: the answer asks
CARD_FIELDS = {"crebo", "niveau", "typering", "dossier", "domein"}  # an overview card shows these anyway
# Intents (DIET) as a fallback facet when the text's grammar says nothing more specific.
INTENT_FACETS = {"ask_werkproces": WERKPROCES, "ask_detail": WERKPROCES, "ask_kerntaak": KERNTAAK,
                 "ask_fact": FACT, "list_kwalificaties": LIST, "list_kerntaken": LIST, "list_werkprocessen": LIST,
                 "compare": COMPARE, "search_topic": TOPIC, "ask_competentie": COMPETENTIE, "ask_source": SOURCE}
INTENT_WHAT = {"list_kwalificaties": "kwalificaties", "list_kerntaken": "kerntaken",
               "list_werkprocessen": "werkprocessen"}
GROEPEN = {"VM": r"vakmatig|methodisch|\bvm\b", "BOS": r"bestuurlijk|organisatorisch|strategisch|\bbos\b",
           "SC": r"sociaal|communicatief|\bsc\b", "ON": r"ontwikkelingsgericht|\bon\b"}


class _Message:
    """The parts of one NLU result the builder reads."""

    def __init__(self, message: dict[str, Any]):
        self.raw_text = str(message.get("text") or "")
        self.payload = self.raw_text.startswith("/")  # a button: intent and entities, no words
        self.text = "" if self.payload else self.raw_text
        intent = message.get("intent") or {}
        self.intent = intent.get("name") or ""
        self.confidence = float(intent.get("confidence") or 0.0)
        self.entities = list(message.get("entities") or [])
        self.folded = fold(self.text)
        self.other_subject = self.rare_subject = False

    def values(self, name: str) -> list[str]:
        out: list[str] = []
        for e in self.entities:
            if e.get("entity") == name and e.get("value") not in out and e.get("value") is not None:
                out.append(str(e.get("value")))
        return out

    def aliases(self) -> list[str]:
        return [str(e.get("alias") or "") for e in self.entities if e.get("entity") == "kwalificatie"]


def understand(message: dict[str, Any], previous: Optional[Question], kb: KnowledgeBase) -> Question:
    m = _Message(message)
    if m.payload and m.intent == "inform" and previous is not None:
        return _completed(previous, m, kb)
    t = lx.plain(m.folded)
    q = Question(facet=UNCLEAR, text=m.raw_text, intent=m.intent, seen=seen_before(previous))
    _targets(q, m, kb)
    q.fields = _fields(t) or [f for f in m.values("feit") if f in _FEIT_ENTITY]
    if re.search(r"\bwerk ?proc", t) and not lx.WHO.search(t):  # "in welk werkproces wordt X opgesteld?"
        q.fields = [f for f in q.fields if f != "ontwikkeld_door"]
    _picked(q, previous, t)
    q.onderdeel = _onderdeel(t)
    q.aanvullend = q.onderdeel != "aanvulling" and "aanvulling" in lx.found(lx.ONDERDEEL_CUES, t)
    q.niveau = lx.level(t)
    what_in_text = lx.first(lx.WHAT_CUES, t)
    q.topic = _topic(m, q)
    m.other_subject = not what_in_text and _names_other_subject(q, m, kb)
    m.rare_subject = _names_rare_subject(q, kb)
    # a list DIET guessed gives way to a fact or subject the text names
    q.what = what_in_text or (INTENT_WHAT.get(m.intent) if not (m.other_subject or q.fields) else None)
    if q.what == "kerntaken" and "werkprocessen" in lx.found(lx.WHAT_CUES, t):
        q.what = "werkprocessen"  # "welke kerntaken en werkprocessen": the werkprocessen, under their kerntaken
    # a group of beroepscompetenties, or another group after such a list ("en onder ON?")
    q.groep = next((g for g, p in GROEPEN.items() if re.search(p, t)), None) \
        if "competent" in t or (previous is not None and previous.groep) else None
    has_topic = bool(lemmatize(q.topic))
    q.polar = _polar(t, m)
    if not q.polar:
        _titled(q, m, kb)
    q.facet = _facet(q, m, t, has_topic, previous, what_in_text)
    _from_context(q, previous, m, t, kb)
    return q


def _names_other_subject(q: Question, m: _Message, kb: KnowledgeBase) -> bool:
    """The question is about something the dossiers describe that is no list ("welke persoonskenmerken zijn
    belangrijk voor X?"), so an intent that guessed a list of kerntaken or werkprocessen is not followed."""
    asked = _without_names(m, lx.question_sentence(m.text))  # a sentence before it is context
    topic = [w for w in lemmatize(asked) if len(w) >= 6 and not _is_cue(w)]
    return bool(q.kwalificaties) and any(kb.knows_lemma(w) for w in topic)


def _names_rare_subject(q: Question, kb: KnowledgeBase) -> bool:
    """The question names a word few passages use ("waar staat <vakterm>?"): a subject of the dossiers,
    whatever small-talk intent DIET guessed for the short sentence around it."""
    words = [w for w in lemmatize(q.topic) if not _is_cue(w)]
    if any(len(w) >= 4 and not kb.knows_lemma(w) for w in words):  # "een pizza bestellen": not the dossiers'
        return False
    return any(len(w) >= 6 and not w.endswith("en") and kb.information(w) >= RARE_INFORMATION for w in words)


RARE_INFORMATION = 4.0  # IDF of a word in at most a few dozen passages


def _completed(previous: Question, m: _Message, kb: KnowledgeBase) -> Question:
    """A button's payload fills in what the pending question left open (which qualification, which code)."""
    q = replace(previous, text=m.raw_text, intent=m.intent, unknown=None)
    keys = [k.key for k in (kb.kwalificatie(v) for v in m.values("kwalificatie")) if k]
    if keys:
        q.kwalificaties, q.named = keys, True
    if m.values("werkproces"):
        q.werkproces, q.kerntaak = m.values("werkproces")[0], None
    if m.values("kerntaak"):
        q.kerntaak = m.values("kerntaak")[0]
    return q


# ---------------------------------------------------------------- targets

def _targets(q: Question, m: _Message, kb: KnowledgeBase) -> None:
    keys = [k.key for k in (kb.kwalificatie(v) for v in m.values("kwalificatie")) if k]
    crebos = m.values("crebo")
    for crebo in crebos:
        keys += [k.key for k in kb.by_crebo(crebo) if k.key not in keys]
    if not keys and (_BCP.search(m.folded) or re.search(r"\bkernopgave", m.folded)):
        # "volgens het BCP", "kernopgave 3": the one beroepscompetentieprofiel there is (kernopgaven are its own)
        profiles = [d for d in kb.dossiers() if d.kind == BEROEPSCOMPETENTIEPROFIEL]
        keys = [profiles[0].title] if len(profiles) == 1 else []
    # a profile named with its own dossier ("de X in het dossier D"): the dossier only says where X is
    profiled = {k.dossier for k in (kb.kwalificatie(key) for key in keys) if k and k.profiel}
    if not lx.COMPARE.search(m.folded):  # "verschil tussen X en D" compares them
        keys = [key for key in keys if key not in profiled]
    q.kwalificaties = list(dict.fromkeys(keys))
    q.named = bool(q.kwalificaties)
    # a phrase holding the word that names the asked field or part ("de criteria bij het resultaat") is no name
    parts = {fold(w) for v in m.values("onderdeel") + m.values("feit") for w in words(v)}
    unknown = [u for u in m.values("kwalificatie_onbekend") if not parts & set(words(u))]
    q.unknown = unknown[0] if unknown and (not q.kwalificaties or _beside_dossier(kb, q, unknown[0])) else None
    codes = find_codes(m.text) if m.text else []
    werkprocessen = m.values("werkproces") or [c.value for c in codes if c.entity == "werkproces"]
    kerntaken = m.values("kerntaak") or [c.value for c in codes if c.entity == "kerntaak"]
    q.werkproces = werkprocessen[0] if werkprocessen else None
    q.kerntaak = kerntaken[0] if kerntaken else None
    q.kerntaken = kerntaken if len(kerntaken) > 1 else []
    q.werkprocessen = werkprocessen if len(werkprocessen) > 1 else []
    q.profielen = m.values("profiel") or [c.value for c in codes if c.entity == "profiel"]
    nr = m.values("competentie") or [c.value for c in codes if c.entity == "competentie"]
    q.competentie = int(nr[0]) if nr and nr[0].isdigit() else None
    q.value = crebos[0] if crebos else None
    numbered = _KERNOPGAVE.search(m.folded)  # "kernopgave 3": a 2004 profile's numbered kernopgave
    if numbered:
        q.kernopgave = int(numbered.group(1))
    quoted = _QUOTED.search(m.text)
    q.title = quoted.group(1).strip() if quoted else None


def _titled(q: Question, m: _Message, kb: KnowledgeBase) -> None:
    """A kerntaak or werkproces named by its title instead of its code ("hoeveel werkprocessen vallen onder
    '<een titel uit het dossier>'?"), within the qualification named."""
    if q.werkproces or q.kerntaak or not m.text:
        return
    titled = kb.titles_in(m.text)
    domains = [d.title for d, part in (t.item for t in titled) if part is None]
    if domains and not q.kwalificaties:  # a domain named by its name ("het domein <naam>"): its dossiers
        q.kwalificaties = list(dict.fromkeys(domains))
    dossiers = {k.dossier for k in (kb.kwalificatie(key) for key in q.kwalificaties) if k}
    found = [t.item for t in titled if (not dossiers or t.item[0].title in dossiers)
             and isinstance(getattr(t.item[1], "code", None), str)]
    if not found and q.title:  # quotes say it is a title, however short ("'Verwerkt gegevens'")
        found = [(t.dossier, t.item) for t in titled_anywhere(kb, q.title) if not dossiers or t.dossier.title in dossiers]
    if not found and q.kwalificaties:  # a short title word for word, of the qualification named
        found = _own_title(kb, kb.kwalificatie(q.kwalificaties[0]), m.text)
    profielen = {k.profiel for k in (kb.kwalificatie(key) for key in q.kwalificaties) if k and k.profiel}
    if profielen:  # a title several profiles share ("Voert … uit" in P2, P4 and P6): the named profile's
        found = [(d, x) for d, x in found if not re.match(r"P\d+-", x.code) or x.code.split("-")[0] in profielen]
    places = list(dict.fromkeys((d.title, x.code) for d, x in found))
    if not q.kwalificaties and 1 < len(places) <= SAME_TITLE_ANSWERED and all("-W" in c for _, c in places):
        # one werkproces title that several profiles have ("Levert managementinformatie"): each of them
        q.werkprocessen = [c for _, c in places]
        q.werkproces = q.werkprocessen[0]
        q.kwalificaties = [_owner_of(kb, d, c) for d, c in places]
        return
    if len(places) != 1:
        return  # none, or too many places and none named: the answer asks
    dossier, part = found[0]
    if not q.kwalificaties:  # the title says whose it is: that profile (or dossier), never another's same code
        q.kwalificaties = [_owner_of(kb, dossier.title, part.code)]
    if "-W" in part.code:
        q.werkproces = part.code
    else:
        q.kerntaak = part.code


def _beside_dossier(kb: KnowledgeBase, q: Question, name: str) -> bool:
    """An unknown name beside the one dossier named ("kwalificatie X in het dossier D", X not one of D's
    profiles): the name asked about is unknown; D only says where to look."""
    named = [kb.kwalificatie(key) for key in q.kwalificaties]
    if len(named) != 1 or named[0] is None or named[0].profiel is not None or not kb.dossier(named[0]).profielen:
        return False
    return not set(words(name)) <= set(words(named[0].title))


def _own_title(kb: KnowledgeBase, k, text: str) -> list:
    """The kerntaken and werkprocessen of k whose whole title the text has, word for word: a title too short to
    be told from ordinary words anywhere ("Verwerkt gegevens") is one within the qualification it belongs to."""
    if k is None:
        return []
    said = f" {normalize_name(text)} "
    d = kb.dossier(k)
    return [(d, item) for kt in kb.kerntaken(k) for item in (kt, *kt.werkprocessen)
            if f" {normalize_name(item.title)} " in said]


def _owner_of(kb: KnowledgeBase, dossier: str, code: str) -> str:
    """The qualification whose own part a code of that dossier is: its profile, or the dossier for the basisdeel."""
    profiel = code.split("-")[0] if re.match(r"P\d+-", code) else None
    k = kb.kwalificatie(f"{dossier}/{profiel}" if profiel else dossier)
    return k.key if k else dossier


def _picked(q: Question, previous: Optional[Question], t: str) -> None:
    """"en de derde daarvan?": the item at that place of the list the previous answer gave."""
    if previous is None or not previous.items or q.werkproces or q.kerntaak or q.competentie is not None:
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


_KERNOPGAVE = re.compile(r"\bkernopgave\s*(\d+)\b")
_BCP = re.compile(r"\bbcp\b|\bberoepscompetentieprofiel\b")
_QUOTED = re.compile(r"['\"‘“„]([^'\"’”]{6,})['\"’”]")
_FEIT_ENTITY = {"duur", "toelating", "einde", "niveau", "crebo", "domein", "penvoerder", "gevalideerd", "datum", "versie", "soort",
                "ontwikkeld_door", "loopbaan", "functiebenamingen", "kernopgaven", "beroepsvereisten", "typering"}


def _fields(t: str) -> list[str]:
    names = lx.found(lx.FIELD_CUES, t)
    if "gevalideerd" in names:  # "wie valideerde het en op welke dag?": each asked part, else both
        names.remove("gevalideerd")
        parts = (["gevalideerd_door"] if lx.WHO.search(t) else []) + \
                (["gevalideerd_op"] if "datum" in names or "wanneer" in t else [])
        names = [n for n in names if n != "datum"] + (parts or ["gevalideerd_door", "gevalideerd_op"])
    if "typering" in names and "typering_beroep" in names:
        names.remove("typering_beroep")
    if "ontwikkeld_door" in names and re.search(r"\bwerk ?proc", t) and not lx.WHO.search(t):
        names.remove("ontwikkeld_door")  # "in welk werkproces worden contracten opgesteld?" asks no author
    if "ontwikkeld_door" in names and "datum" in names and not lx.WHO.search(t):
        names.remove("ontwikkeld_door")  # "wanneer is het opgesteld" asks a date
    if "einde" in names:  # "wanneer is het vervangen?", "tot wanneer geldig?": that date, which no dossier states
        names = [n for n in names if n not in ("datum", "geldig_vanaf", "gevalideerd_op")]
    if "geldig_vanaf" in names and "datum" in names:
        names.remove("datum")  # "per wanneer geldt het?" asks that one date
    if "domein_crebo" in names:
        names = [n for n in names if n not in ("crebo", "domein")]
    if "dossier" in names and len(names) > 1:
        names.remove("dossier")
    return names


# The two sides of one event a dossier states: who did it, and when. "en door wie?" after "wanneer is het
# gevalideerd?" asks the other side of the same event.
_WHO_AND_WHEN = [("gevalideerd_door", "gevalideerd_op"), ("ontwikkeld_door", "datum")]


def _other_side(previous: list[str], t: str) -> list[str]:
    asks_who, asks_when = bool(lx.WHO.search(t)), bool(re.search(r"\bwanneer\b|\bwelke datum\b|\bwelk jaar\b", t))
    if asks_who == asks_when:
        return []
    return [who if asks_who else when for who, when in _WHO_AND_WHEN if who in previous or when in previous]


def _onderdeel(t: str) -> Optional[str]:
    hits = lx.found(lx.ONDERDEEL_CUES, t)
    if "aanvulling" in hits and len(hits) > 1:
        t = lx.ONDERDEEL_CUES[-1][1].sub(" ", t)  # "wat doet X extra voor het resultaat": the resultaat
    # The part is read from the text only: the dossiers' own section names and their common variants.
    return lx.first(lx.ONDERDEEL_CUES, t) if hits else None


def _topic(m: _Message, q: Question) -> str:
    """The asking sentence without codes and the words of the qualification names it links; a sentence
    before it ("Mijn dochter wil X doen.") gives the context, not the subject, unless the question has none."""
    sentence = lx.question_sentence(m.text)
    first = re.split(r",\s*of\b", sentence, 1)[0]
    if first != sentence and lemmatize(_without_names(m, first)):
        sentence = first  # "maakt X zelf Y, of is dat een ander zijn werk?": Y, not the alternative
    asked = _without_names(m, sentence)
    return asked if lemmatize(asked) else _without_names(m, m.text)


def _without_names(m: _Message, text: str) -> str:
    for c in sorted(find_codes(text), key=lambda c: -c.start):
        text = text[:c.start] + " " + text[c.end:]
    name_words = {w for alias in m.aliases() for w in words(alias)}
    def in_name(p: str) -> bool:  # as the name index reads it too ("1e" is "eerste")
        return p in name_words or normalize_name(p) in name_words or _near(p, name_words)

    def of_name(w: str) -> bool:  # "Commercie-dossier": a name joined to a question word
        parts = [p for p in fold(w).split("-") if p]
        return all(in_name(p) or is_noise(p) for p in parts) and any(in_name(p) for p in parts)

    kept = [w for w in re.findall(r"[\w'-]+", text) if not of_name(w)]
    return " ".join(kept)


def _near(word: str, names: set[str]) -> bool:
    from rapidfuzz import fuzz

    return len(word) >= 5 and any(len(n) >= 5 and fuzz.ratio(word, n) >= 80 for n in names)


# ---------------------------------------------------------------- the facet

def _facet(q: Question, m: _Message, t: str, has_topic: bool, previous: Optional[Question],
           what_in_text: Optional[str]) -> str:
    if m.payload:
        return INTENT_FACETS.get(m.intent, LIST if q.kwalificaties else UNCLEAR) if m.intent not in SMALLTALK_INTENTS \
            else _smalltalk(q, m.intent)
    target = bool(q.kwalificaties or q.unknown or q.werkproces or q.kerntaak or q.competentie)
    if m.intent in SMALLTALK_INTENTS and not target and not q.fields and not m.rare_subject and \
            (m.confidence >= SMALLTALK_CONFIDENCE or not (has_topic and _asks(t))):
        return _smalltalk(q, m.intent)
    if lx.GREETING_ONLY.search(t):
        return _smalltalk(q, "greet")
    if lx.HELP_REQUEST.search(t) and not q.fields and not (q.werkproces or q.kerntaak or q.competentie):
        # "ik heb een vraag over X": the card of X to start from; with no X, what kwalibot can answer
        return OVERVIEW if q.kwalificaties else _smalltalk(q, "may_ask")
    if lx.OPINION.search(t) and not (q.werkproces or q.kerntaak or q.fields):
        return OPINION
    if previous is not None and previous.facet == COUNT and lx.SHOW_THEM.search(t) and not target:
        q.what = previous.what
        return LIST  # "noem ze" after a count: what was counted
    if lx.SOURCE.search(t) and not (q.kwalificaties or q.werkproces or m.rare_subject):
        return SOURCE
    if lx.STRONG_OVERVIEW.search(t) and q.kwalificaties and not (q.werkproces or q.kerntaak) \
            and set(q.fields) <= CARD_FIELDS \
            and what_in_text in (None, "kwalificaties") and not q.polar:
        return OVERVIEW
    if q.kwalificaties and q.fields and set(q.fields) <= CARD_FIELDS and q.what in ("kerntaken", "werkprocessen") \
            and not (q.werkproces or q.kerntaak or q.polar or lx.COUNT.search(t) or q.niveau is not None):
        return OVERVIEW  # "X: crebo, niveau en kerntaken?" asks several parts of the card at once
    if lx.COUNT.search(t) and not (q.fields and not what_in_text):  # "hoeveel jaar duurt het?" asks a fact
        return COUNT if q.what else TOPIC
    if q.polar and q.onderdeel == "complexiteit" and q.kwalificaties and not q.werkproces \
            and all(_is_cue(w) for w in lemmatize(q.topic)):
        return KERNTAAK  # "is X moeilijk?": what each kerntaak's complexiteit says, a yes or no would be a guess
    counted = _counts_compared(q, t)
    if counted:
        return counted
    if q.polar and (target or q.fields or has_topic or q.niveau):
        return YESNO
    several = len(q.kwalificaties) + len(q.profielen) >= 2
    if q.kerntaken and lx.COMPARE.search(t):
        return KERNTAAK  # two kerntaken compared: both, side by side
    if q.werkprocessen and lx.COMPARE.search(t):
        return WERKPROCES  # two werkproces codes compared: both
    if has_topic and lx.TOPIC_KWALIFICATIES.search(t) and not (q.kwalificaties or q.werkproces or q.kerntaak
                                                               or q.fields or q.what):
        return TOPIC  # an occupation, then "bij welke opleiding hoort dat?"
    if lx.COMPARE.search(t) and (several or (q.kwalificaties and previous and previous.kwalificatie
                                              and previous.kwalificatie not in q.kwalificaties)):
        return COMPARE
    if _aggregate(q, t):
        return AGGREGATE
    if q.werkproces:
        # "welke werkprocessen lijken op W1?" lists; "welk gedrag hoort bij het werkproces <titel>?" asks its part
        return LIST if q.what == "werkprocessen" and _list_words(t) and not q.onderdeel else WERKPROCES
    if q.kerntaak:
        return LIST if q.what == "werkprocessen" else KERNTAAK
    if q.competentie is not None or (q.groep and (q.what == "competenties" or previous and previous.groep)):
        return COMPETENTIE
    if q.onderdeel in WERKPROCES_PARTS and previous is not None and previous.werkproces and not q.named:
        return WERKPROCES  # "welke competenties horen daarbij?" after a werkproces
    if q.what and (_list_words(t) or m.intent in INTENT_WHAT):
        if q.what == "kwalificaties" and q.niveau is not None:
            return LIST  # "welke opleidingen zitten op niveau 4?": those of that level
        if has_topic and lx.TOPIC.search(t) and q.what in ("werkprocessen", "kwalificaties", "kerntaken",
                                                            "competenties"):
            return TOPIC
        if q.what in ("werkprocessen", "kerntaken") and not (q.kwalificaties or q.unknown) \
                and len([w for w in lemmatize(q.topic) if not _is_cue(w)]) >= 3:
            return TOPIC  # "<what I do, described>, welk werkproces?": where that is described
        return LIST
    if q.fields or q.kernopgave is not None:
        return FACT
    if q.onderdeel in KERNTAAK_PARTS:
        return KERNTAAK
    if q.onderdeel in BCP_PARTS:
        return COMPETENTIE
    if q.onderdeel:
        return WERKPROCES
    if lx.COMPARE.search(t):
        return COMPARE
    if has_topic and lx.TOPIC_KWALIFICATIES.search(t) and lx.TOPIC.search(t):
        return TOPIC  # "welke opleiding (in D) gaat over Y": qualifications
    if has_topic and lx.WHERE.search(t) and not lx.TOPIC_KWALIFICATIES.search(t):
        q.what = q.what or "werkprocessen"
        return TOPIC
    if q.kwalificaties and has_topic and (re.search(r"\b(?:bij|tijdens|met|om) (?:het |de |een )?[a-z]{4,}|"
                                                    r"\b(?:als|wanneer|zodra) (?:hij|zij|ze|je|jij|u)\b", t)
                                          or m.intent in ("ask_werkproces", "search_topic", "ask_detail",
                                                       "ask_kerntaak", "nlu_fallback") or lx.TOPIC.search(t)
                                          or m.other_subject):
        return ACTIVITY
    if q.kwalificaties and (lx.OVERVIEW.search(t) or not has_topic):
        if m.intent == "inform" and previous is not None:
            return previous.facet
        return OVERVIEW
    if has_topic and (lx.TOPIC.search(t) or m.intent == "search_topic"):
        return TOPIC
    if m.intent in INTENT_FACETS and m.confidence >= 0.5:
        return INTENT_FACETS[m.intent]
    if q.unknown:
        return OVERVIEW
    if previous is not None and (m.intent == "inform" or lx.FOLLOW_UP.search(t)) and not has_topic:
        return previous.facet
    if has_topic and m.intent not in SMALLTALK_INTENTS:
        return TOPIC
    if q.kwalificaties and has_topic:
        return ACTIVITY  # about a named qualification, whatever DIET thought: answered, or said to be absent
    if m.intent in SMALLTALK_INTENTS:
        return _smalltalk(q, m.intent)
    return UNCLEAR


_ANAPHOR = re.compile(r"\b(?:daar|daarbij|daarin|daaronder|erbij|erin|eronder|hierbij|hierin|die|deze|dit|dat)\b")


def _same_dossier(q: Question, previous: Question, kb: KnowledgeBase) -> bool:
    now, before = (kb.kwalificatie(x.kwalificatie) if x.kwalificatie else None for x in (q, previous))
    return now is not None and before is not None and now.dossier == before.dossier


def _is_cue(word: str) -> bool:
    from questions.answers import is_cue  # imported late: questions.answers imports this module's model

    return is_cue(word)


def _smalltalk(q: Question, intent: str) -> str:
    q.smalltalk = intent
    return SMALLTALK


def _polar(t: str, m: _Message) -> bool:
    """A yes/no question: a clause that starts with a finite verb ("X, is dat een vakopleiding?",
    "Maakt X zelf de teksten op?"), or "… of niet?"."""
    t = lx.question_sentence(t)
    if lx.WH_START.search(t) or lx.REQUEST.search(t):
        return False
    clauses = [c.strip() for c in re.split(r"[,:;]", t)]
    if any((lx.POLAR.search(c) or lx.INDIRECT_POLAR.search(c)) and not lx.WH_START.search(c) for c in clauses) \
            or re.search(r"\bof niet\b", t):
        return True
    # any other verb first: a finite verb ends in -t ("maakt", "benadert") and is no word of a name
    first = (words(t) or [""])[0]
    names = {w for alias in m.aliases() for w in words(alias)}
    return t.rstrip().endswith("?") and len(first) >= 4 and first.endswith("t") and first not in names \
        and not is_noise(first)


def _asks(t: str) -> bool:
    return bool(lx.WH_START.search(t) or lx.POLAR.search(t) or t.rstrip().endswith("?"))


def _list_words(t: str) -> bool:
    return bool(re.search(r"\b(welke|noem|geef|lijst|opsomming|opsommen|op een rij(?:tje)?|alle|wat zijn|zijn er|toon|laat|"
                          r"horen|hoort|bevat|heeft|hebben)\b", t))


def _counts_compared(q: Question, t: str) -> Optional[str]:
    """"welk profiel heeft de meeste werkprocessen?" (over a dossier), "heeft A meer kerntaken dan B?" (two)."""
    if q.what not in ("werkprocessen", "kerntaken") or q.werkproces or q.kerntaak:
        return None
    several = len(q.kwalificaties) + len(q.profielen) >= 2
    most = lx.MOST.search(t)
    if most and not several:
        q.extreme = most.group(1)
        return AGGREGATE
    more = lx.MORE.search(t)
    if more and several and (q.polar or lx.WHO_HAS.search(t)):
        q.extreme = more.group(1)
        return COMPARE
    return None


def _aggregate(q: Question, t: str) -> bool:
    if lx.REPEATED_TITLE.search(t) and q.what in ("werkprocessen", "kerntaken", None) and not q.werkproces:
        return True  # "welk werkproces staat in meerdere profielen?": the titles several profiles share
    if lx.EXTREME.search(t) and ("niveau" in q.fields or q.what in ("niveaus", "kwalificaties")):
        q.extreme = "laagste" if re.search(r"laag|minst|lager", t) else "hoogste"
        return True
    if q.what == "niveaus" or (q.what == "kwalificaties" and {"niveau", "typering"} & set(q.fields)
                               and q.niveau is None):
        return True
    if lx.SHARED.search(t) and (q.what in ("kwalificaties", "werkprocessen", "kerntaken", None)) \
            and not q.werkproces and (len(q.kwalificaties) <= 1):
        q.shared = True
        return bool(re.search(r"\balle\b|\bkwalificaties\b|\bprofielen\b|\bopleidingen\b|\bdossier\b", t))
    if lx.DIFFERS.search(t) and q.what == "kwalificaties" and len(q.kwalificaties) <= 1:
        q.shared = False
        return True
    return False


# ---------------------------------------------------------------- follow-ups

def _from_context(q: Question, previous: Optional[Question], m: _Message, t: str, kb: KnowledgeBase) -> None:
    """Fill what a follow-up leaves out from the previous question of the conversation."""
    if previous is None or q.facet in (SMALLTALK, UNCLEAR):
        return
    if not q.kwalificaties and not q.unknown and previous.kwalificaties and not (q.facet == TOPIC and not
                                                                                 lx.FOLLOW_UP.search(t)):
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
            and not [w for w in lemmatize(q.topic) if not _is_cue(w)]:
        # "en de X?" with nothing but a name: the same question about X
        q.facet, q.fields, q.what = previous.facet, q.fields or list(previous.fields), q.what or previous.what
        q.onderdeel, q.aanvullend = q.onderdeel or previous.onderdeel, q.aanvullend or previous.aanvullend
        if previous.kerntaak and not previous.werkproces and previous.facet == KERNTAAK:
            q.kerntaak = previous.kerntaak if previous.kerntaak.startswith("B") else None
    if q.facet == LIST and q.what == "kwalificaties" and not q.named:
        q.kwalificaties = []  # "welke kwalificaties ken je?" is about all of them
    repeats = m.intent == "inform" or (lx.FOLLOW_UP.search(t) and q.facet == previous.facet)
    if q.facet == FACT and not q.fields and (repeats or previous.facet == FACT):
        q.fields = _other_side(previous.fields, t) or list(previous.fields)
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
    if q.facet == KERNTAAK and not q.kerntaak and not q.named and previous.kerntaak and q.onderdeel:
        q.kerntaak = previous.kerntaak  # "en de complexiteit?" of the kerntaak just answered
    if q.facet == YESNO and not (q.kerntaak or q.werkproces or q.named) and previous.kerntaak \
            and re.search(r"\b(?:daar|daarin|erin|hierin|daarbij|erbij)\b", t) and not previous.werkproces:
        q.scope = previous.kerntaak  # "komt Y daarin ook aan bod?"
    if q.competentie is None and q.onderdeel and previous.competentie and not q.named and not q.werkproces:
        q.competentie, q.facet = previous.competentie, COMPETENTIE  # "en het resultaat daarvan?"
    if q.facet == COMPARE and len(q.kwalificaties) == 1 and previous.kwalificatie \
            and previous.kwalificatie != q.kwalificaties[0]:
        q.kwalificaties = [previous.kwalificatie, q.kwalificaties[0]]
    if q.facet == SOURCE:
        q.citation = previous.citation
