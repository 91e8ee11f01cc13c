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

from knowledge.query import KnowledgeBase
from knowledge.search import lemmatize
from knowledge.vocabulary import is_noise, words
from questions import lexicon as lx
from questions.answers.bare_code import seen_before
from questions.followups import from_context, kerntaak_by_subject, picked
from questions.message import Message, is_cue
from questions.model import (
    ACTIVITY, AGGREGATE, COMPARE, COMPETENTIE, COUNT, FACT, KERNTAAK, KERNTAAK_PARTS, LIST, OPINION, OVERVIEW,
    SMALLTALK, SOURCE, TOPIC, UNCLEAR, WERKPROCES, WERKPROCES_PARTS, YESNO, Question,
)
from questions.targets import placed_part, read_targets, titled_part, without_names

SMALLTALK_INTENTS = {"greet", "goodbye", "thank", "bot_challenge", "insult", "help", "affirm", "deny", "out_of_scope"}
SMALLTALK_CONFIDENCE = 0.6  # a small-talk intent this sure, with nothing from the dossiers named, is small talk
BCP_PARTS = {"succescriteria"}
CARD_FIELDS = {"crebo", "niveau", "typering", "dossier", "domein"}  # an overview card shows these anyway
# Intents (DIET) as a fallback facet when the text's grammar says nothing more specific.
INTENT_FACETS = {"ask_werkproces": WERKPROCES, "ask_detail": WERKPROCES, "ask_kerntaak": KERNTAAK,
                 "ask_fact": FACT, "list_kwalificaties": LIST, "list_kerntaken": LIST, "list_werkprocessen": LIST,
                 "compare": COMPARE, "search_topic": TOPIC, "ask_competentie": COMPETENTIE, "ask_source": SOURCE}
INTENT_WHAT = {"list_kwalificaties": "kwalificaties", "list_kerntaken": "kerntaken",
               "list_werkprocessen": "werkprocessen"}
GROEPEN = {"VM": r"vakmatig|methodisch|\bvm\b", "BOS": r"bestuurlijk|organisatorisch|strategisch|\bbos\b",
           "SC": r"sociaal|communicatief|\bsc\b", "ON": r"ontwikkelingsgericht|\bon\b"}


def understand(message: dict[str, Any], previous: Optional[Question], kb: KnowledgeBase) -> Question:
    m = Message(message)
    if m.payload and m.intent == "inform" and previous is not None:
        return _completed(previous, m, kb)
    t = lx.plain(m.folded)
    q = Question(facet=UNCLEAR, text=m.raw_text, intent=m.intent, seen=seen_before(previous))
    read_targets(q, m, kb)
    q.fields = _fields(t) or [f for f in m.values("feit") if f in _FEIT_ENTITY]
    if re.search(r"\bwerk ?proc", t) and not lx.WHO.search(t):  # "in welk werkproces wordt X opgesteld?"
        q.fields = [f for f in q.fields if f != "ontwikkeld_door"]
    picked(q, previous, t)
    q.onderdeel = _onderdeel(t)
    q.aanvullend = q.onderdeel != "aanvulling" and "aanvulling" in lx.found(lx.ONDERDEEL_CUES, t) \
        and not lx.WITHOUT_ADDITIONS.search(t)
    q.niveau = lx.level(t)
    what_in_text = lx.first(lx.WHAT_CUES, t)
    q.topic = _topic(m, q)
    m.other_subject = not what_in_text and _names_other_subject(q, m, kb)
    m.rare_subject = _names_rare_subject(q, kb)
    # a list DIET guessed gives way to a fact or subject the text names
    q.what = what_in_text or (INTENT_WHAT.get(m.intent) if not (m.other_subject or q.fields) else None)
    if q.niveau is not None and q.what in ("werkprocessen", "kerntaken") and "niveau" in q.fields:
        q.fields.remove("niveau")  # "als X (niveau 2) doe ik …, welk werkproces?": the level names X, is not asked
    if q.what == "kerntaken" and "werkprocessen" in lx.found(lx.WHAT_CUES, t):
        q.what = "werkprocessen"  # "welke kerntaken en werkprocessen": the werkprocessen, under their kerntaken
    # a group of beroepscompetenties, or another group after such a list ("en onder ON?")
    q.groep = next((g for g, p in GROEPEN.items() if re.search(p, t)), None) \
        if "competent" in t or (previous is not None and previous.groep) else None
    has_topic = bool(lemmatize(q.topic))
    q.polar = _polar(t, m)
    if not q.polar:
        titled_part(q, m, kb)
    placed_part(q, kb, t)
    q.facet = _facet(q, m, t, has_topic, previous, what_in_text)
    from_context(q, previous, m, t, kb)
    kerntaak_by_subject(q, previous, t, kb)
    if not (q.kwalificaties or q.unknown) and has_topic and lx.BASISDEEL.search(t):
        q.kwalificaties = _basisdeel_of_topic(q, kb)
    return q


def _basisdeel_of_topic(q: Question, kb: KnowledgeBase) -> list[str]:
    """"Welke kennis van Y hoort bij het basisdeel?" without a dossier: the one dossier whose basisdeel speaks
    of Y, when only one does (several: which one is asked, as before)."""
    words = [w for w in lemmatize(q.topic) if not is_cue(w)]
    if not words:
        return []
    hits = [h for h in kb.search(" ".join(words), limit=10) if h.passage.code and h.passage.code.startswith("B")]
    dossiers = {h.passage.dossier for h in hits}
    return [next(iter(dossiers))] if len(dossiers) == 1 else []


def _names_other_subject(q: Question, m: Message, kb: KnowledgeBase) -> bool:
    """The question is about something the dossiers describe that is no list ("welke persoonskenmerken zijn
    belangrijk voor X?"), so an intent that guessed a list of kerntaken or werkprocessen is not followed."""
    asked = without_names(m, lx.question_sentence(m.text))  # a sentence before it is context
    topic = [w for w in lemmatize(asked) if len(w) >= 6 and not is_cue(w)]
    return bool(q.kwalificaties) and any(kb.knows_lemma(w) for w in topic)


def _names_rare_subject(q: Question, kb: KnowledgeBase) -> bool:
    """The question names a word few passages use ("waar staat <vakterm>?"): a subject of the dossiers,
    whatever small-talk intent DIET guessed for the short sentence around it."""
    words = [w for w in lemmatize(q.topic) if not is_cue(w)]
    if any(len(w) >= 4 and not kb.knows_lemma(w) for w in words):  # "een pizza bestellen": not the dossiers'
        return False
    return any(len(w) >= 6 and not w.endswith("en") and kb.information(w) >= RARE_INFORMATION for w in words)


RARE_INFORMATION = 4.0  # IDF of a word in at most a few dozen passages


def _completed(previous: Question, m: Message, kb: KnowledgeBase) -> Question:
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


_FEIT_ENTITY = {"duur", "toelating", "einde", "salaris", "kosten", "leerweg", "stage", "scholen", "cijfers", "keuzedelen", "niveau", "crebo", "domein", "penvoerder", "gevalideerd", "datum", "versie", "soort",
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
    if "domein_crebo" in names:  # "welk domein is het, en wat is daarvan het crebo?" asks both
        asks_domain = re.search(r"\bwelk\w* (?:opleidings)?domein\b|\bhoe heet\b", t)
        names = [n for n in names if n != "crebo" and (n != "domein" or asks_domain)]
    if "dossier" in names and len(names) > 1:
        names.remove("dossier")
    return names


def _onderdeel(t: str) -> Optional[str]:
    hits = lx.found(lx.ONDERDEEL_CUES, t)
    if "aanvulling" in hits and len(hits) > 1:
        t = lx.ONDERDEEL_CUES[-1][1].sub(" ", t)  # "wat doet X extra voor het resultaat": the resultaat
    # The part is read from the text only: the dossiers' own section names and their common variants.
    return lx.first(lx.ONDERDEEL_CUES, t) if hits else None


def _topic(m: Message, q: Question) -> str:
    """The asking sentence without codes and the words of the qualification names it links; a sentence
    before it ("Mijn dochter wil X doen.") gives the context, not the subject, unless the question has none."""
    sentence = lx.question_sentence(m.text)
    first = re.split(r",\s*of\b", sentence, 1)[0]
    if first != sentence and lemmatize(without_names(m, first)):
        sentence = first  # "maakt X zelf Y, of is dat een ander zijn werk?": Y, not the alternative
    clauses = [c for c in re.split(r",\s*", sentence) if c.strip()]
    if len(clauses) > 1 and (lx.POLAR.search(clauses[-1]) or lx.WH_START.search(clauses[-1])) \
            and [w for w in lemmatize(without_names(m, clauses[-1])) if not is_cue(w)]:
        # (a last clause of only asking words, "welke opleiding past daarbij?", asks about the clause before it)
        sentence = clauses[-1]  # "mijn zoon wil X worden, komt daar Y in voor?": Y; the first clause is context
    asked = without_names(m, lx.EVERY.sub(" ", sentence))  # "welke van die twee": the conversation's, no subject
    return asked if lemmatize(asked) else without_names(m, m.text)


# ---------------------------------------------------------------- the facet

def _facet(q: Question, m: Message, t: str, has_topic: bool, previous: Optional[Question],
           what_in_text: Optional[str]) -> str:
    if m.payload:
        return INTENT_FACETS.get(m.intent, LIST if q.kwalificaties else UNCLEAR) if m.intent not in SMALLTALK_INTENTS \
            else _smalltalk(q, m.intent)
    if lx.THANKS_ONLY.search(m.folded.strip()):
        return _smalltalk(q, "thank")  # "bedankt voor de hulp": "de hulp" names no qualification
    target = bool(q.kwalificaties or q.unknown or q.werkproces or q.kerntaak or q.competentie)
    if lx.HELP_REQUEST.search(t) and not (target or q.fields):
        return _smalltalk(q, "may_ask")  # asking whether one may ask, whatever small talk DIET heard in it
    if m.intent in SMALLTALK_INTENTS and not target and not q.fields and not m.rare_subject and \
            (m.confidence >= SMALLTALK_CONFIDENCE or not (has_topic and _asks(t))):
        return _smalltalk(q, m.intent)
    if lx.GREETING_ONLY.search(t):
        return _smalltalk(q, "greet")
    if (lx.HELP_REQUEST.search(t) or lx.HELP_REQUEST.search(lx.question_sentence(t))) and not q.fields \
            and not (q.werkproces or q.kerntaak or q.competentie):
        # "ik heb een vraag over X": the card of X to start from; with no X, what kwalibot can answer
        return OVERVIEW if q.kwalificaties else _smalltalk(q, "may_ask")
    if lx.OPINION.search(t) and not (q.werkproces or q.kerntaak or q.fields):
        return OPINION
    if previous is not None and previous.facet == COUNT and lx.SHOW_THEM.search(t) and not target:
        q.what = previous.what
        return LIST  # "noem ze" after a count: what was counted
    if lx.SOURCE.search(t) and not (q.kwalificaties or q.werkproces or m.rare_subject) \
            and not [w for w in lemmatize(q.topic) if not is_cue(w) and len(w) >= 4]:
        # ("ik wil iets met Y, waar staat dat?" asks where Y is, not the source of an answer)
        return SOURCE
    if (lx.STRONG_OVERVIEW.search(t) or lx.OVERVIEW.search(t) and not q.fields) and q.unknown \
            and not (q.kwalificaties or q.werkproces or q.kerntaak):
        return OVERVIEW  # "wat leer je bij de opleiding X?", X unknown: said so, never another's card
    if lx.STRONG_OVERVIEW.search(t) and q.kwalificaties and not (q.werkproces or q.kerntaak) \
            and set(q.fields) <= CARD_FIELDS \
            and what_in_text in (None, "kwalificaties") and not q.polar:
        return OVERVIEW
    if q.kwalificaties and q.fields and set(q.fields) <= CARD_FIELDS and q.what in ("kerntaken", "werkprocessen") \
            and not (q.werkproces or q.kerntaak or q.polar or lx.COUNT.search(t) or q.niveau is not None):
        return OVERVIEW  # "X: crebo, niveau en kerntaken?" asks several parts of the card at once
    if q.niveau is not None and lx.WHICH_KWALIFICATIE.search(t) and not (q.polar or q.werkproces or q.kerntaak) \
            and all("/" not in k for k in q.kwalificaties) and not lx.COUNT.search(t):
        q.what, q.fields = "kwalificaties", []
        return LIST  # "welke kwalificatie van D zit op niveau 2?": those of that level
    if (lx.WHO_HAS.search(t) or re.search(r"\bwelk\w* (?!werk ?proc|kern ?taa?k)", t)) \
            and (lx.MOST.search(t) or lx.MORE.search(t)):
        counted = _counts_compared(q, t)  # the fewest or most, and how many: which one, with its count
        if counted:
            return counted
    if lx.COUNT.search(t) and not (q.fields and not what_in_text) \
            and not (q.onderdeel in KERNTAAK_PARTS and not what_in_text):  # "hoeveel zelfstandigheid krijg je?" asks a part
        return COUNT if q.what else TOPIC
    if q.polar and q.onderdeel == "complexiteit" and q.kwalificaties and not q.werkproces \
            and all(is_cue(w) for w in lemmatize(q.topic)):
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
    if has_topic and lx.TOPIC_KWALIFICATIES.search(q.topic.lower()) and q.kwalificaties \
            and all("/" not in k for k in q.kwalificaties) \
            and not (q.werkproces or q.kerntaak or q.fields or q.polar) \
            and set(lx.found(lx.WHAT_CUES, t)) <= {"kwalificaties"} and not re.search(r"\b(?:geen|niet)\b", t) \
            and [w for w in lemmatize(q.topic) if not w.endswith("dossier") and not is_cue(w)]:
        return TOPIC  # "welk profiel van D doet Y?": the profiles of that dossier, by where Y is
    if q.werkproces:
        # "welke werkprocessen lijken op W1?" lists; "welk gedrag hoort bij het werkproces <titel>?" asks its part
        return LIST if q.what == "werkprocessen" and _list_words(t) and not q.onderdeel else WERKPROCES
    if q.kerntaak:
        return LIST if q.what == "werkprocessen" else KERNTAAK
    if q.competentie is not None or (q.groep and (q.what == "competenties" or previous and previous.groep)):
        return COMPETENTIE
    if q.onderdeel in WERKPROCES_PARTS and previous is not None and previous.werkproces and not q.named:
        return WERKPROCES  # "welke competenties horen daarbij?" after a werkproces
    if q.what in q.fields and len(q.fields) > 1:
        return FACT  # a list part and another part asked together: every part, not the one list
    if q.what == "kwalificaties" and set(q.fields) == {"beroepsvereisten"} and lx.WHICH_KWALIFICATIE.search(t):
        return FACT  # "welke profielen van D hebben beroepsvereisten?": those that have them
    if q.what and (_list_words(t) or m.intent in INTENT_WHAT):
        if q.what == "kwalificaties" and q.niveau is not None:
            return LIST  # "welke opleidingen zitten op niveau 4?": those of that level
        if has_topic and lx.TOPIC.search(t) and q.what in ("werkprocessen", "kwalificaties", "kerntaken",
                                                            "competenties"):
            return TOPIC
        if q.what in ("werkprocessen", "kerntaken") and not (q.kwalificaties or q.unknown) \
                and (len([w for w in lemmatize(q.topic) if not is_cue(w)]) >= 3 or m.rare_subject):
            # "<what I do, described>, welk werkproces?", "welk werkproces noemt <een vakterm>?": where it is
            return TOPIC
        return LIST
    if q.fields or q.kernopgave is not None:
        return FACT
    if q.onderdeel in KERNTAAK_PARTS:
        return KERNTAAK
    if q.onderdeel in BCP_PARTS:
        return COMPETENTIE
    if q.onderdeel in WERKPROCES_PARTS and q.kwalificaties and q.named \
            and [w for w in lemmatize(q.topic) if not is_cue(w) and len(w) >= 4]:
        return ACTIVITY  # "het gedrag bij Y van X": that part of the werkproces of X about Y
    if q.onderdeel:
        return WERKPROCES
    if lx.COMPARE.search(t) and not (len(q.kwalificaties) + len(q.profielen) <= 1 and lx.TOPIC.search(t)):
        return COMPARE  # (comparing offers at work, asked about one profile, is an activity)
    if has_topic and lx.TOPIC_KWALIFICATIES.search(t) and lx.TOPIC.search(t):
        return TOPIC  # "welke opleiding (in D) gaat over Y": qualifications
    if has_topic and lx.WHERE.search(t) and not lx.TOPIC_KWALIFICATIES.search(t):
        q.what = q.what or "werkprocessen"
        return TOPIC
    if (q.kwalificaties or previous is not None and previous.kwalificaties and lx.FOLLOW_UP.search(t)) \
            and has_topic and lx.WHY.search(t) and not q.onderdeel:
        return TOPIC  # "waarom is X's werk …?": the passage that says so, not a werkproces
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



def _smalltalk(q: Question, intent: str) -> str:
    q.smalltalk = intent
    return SMALLTALK


def _polar(t: str, m: Message) -> bool:
    """A yes/no question: a clause that starts with a finite verb ("X, is dat een vakopleiding?",
    "Maakt X zelf de teksten op?"), or "… of niet?"."""
    t = lx.question_sentence(t)
    clauses = [c.strip() for c in re.split(r"[,:;]", t)]
    # "bedankt, maar wat is …?": a clause that asks wh- makes it no yes/no
    if lx.WH_START.search(t) or lx.REQUEST.search(t) or \
            any(lx.WH_START.search(re.sub(r"^(?:maar|dus|oke?|ok|oké)\s+", "", c)) for c in clauses[1:]):
        return False
    if any((lx.POLAR.search(c) or lx.INDIRECT_POLAR.search(c)) and not lx.WH_START.search(c) for c in clauses) \
            or re.search(r"\bof niet\b", t):
        return True
    # a statement asked back: "X is toch niveau 4?", "X is niveau 2, toch?", "… klopt dat?", "… right?"
    # ("toch" is a filler the plain text drops: read the folded text)
    if re.search(r"\b(?:is|zijn|heeft|hebben|moet|moeten|kan|kun|valt|zit|hoort|doet|doen|werkt|werken|leert|"
                 r"leer|krijgt|krijg|gaat|gaan|komt|komen|staat|staan|geldt|gelden|wordt|worden|mag|mogen)\b.*\btoch\b|"
                 r"[,;]\s*(?:toch|klopt dat|klopt het|of niet|right|correct)\s*[?!.]*\s*$",
                 lx.question_sentence(m.folded)):
        return True
    # a name, then the verb before its pronoun ("X is dat een basisberoepsopleiding", "X zit die op niveau 3")
    if re.search(r"\b(?:is|zit|zitten|heeft|hoort|valt|doet|zijn) (?:dat|die|deze|dit|hij|zij|ze|het) (?:een|ook|op|"
                 r"bij|in|onder|wel|niet|nou|echt|gewoon|niveau|mbo)\b", t):
        return True
    # a verb before its subject ("Stel je als X ook … op?", "Werk jij dan met …?"): the Dutch yes/no order
    if t.rstrip().endswith("?") and re.match(r"^(?:en |maar )?[a-z]{3,} (?:je|jij|u|hij|zij|ze|we|wij)\b", t) \
            and not is_noise((words(t) or [""])[0]):
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
                          r"horen|hoort|bevat|heeft|hebben|hoe heten|de namen)\b", t))


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
    if lx.HIGH_OR_LOW.search(t) and not (q.what or q.fields or q.werkproces or q.kerntaak):
        q.fields, q.extreme = ["niveau"], "laagste" if "laagst" in t else "hoogste"
        return True
    if q.what == "kwalificaties" and "typering_beroep" in q.fields and re.search(r"\bmet (?:hun|de|elk\w*|ieder\w*|"
                                                                             r"bijbehorende) typering", t):
        q.fields = ["niveau", "typering"]  # "de profielen met hun typering": each one's kind of opleiding
    if q.what == "niveaus" or (q.what == "kwalificaties" and {"niveau", "typering"} & set(q.fields)
                               and q.niveau is None):
        return True
    if lx.SHARED.search(t) and not lx.ALL_DOSSIERS.search(t) \
            and (q.what in ("kwalificaties", "werkprocessen", "kerntaken", None)) \
            and not q.werkproces and (len(q.kwalificaties) <= 1):
        q.shared = True
        return bool(re.search(r"\balle\b|\bkwalificaties\b|\bprofielen\b|\bopleidingen\b|\bdossier\b", t)) \
            or len(q.profielen) >= 2  # "wat hebben P1 en P2 van D gemeen?"
    if lx.DIFFERS.search(t) and q.what == "kwalificaties" and len(q.kwalificaties) <= 1:
        q.shared = False
        return True
    return False


# ---------------------------------------------------------------- follow-ups

