"""The staff report's figures, read straight from Rasa's SQL tracker store (SQLite or PostgreSQL).

Anonymised by construction: sender ids are read only to keep each conversation's turns together and
never leave this module; every user text is passed through `redact` once more (the channel guard
already redacted it before Rasa stored it, but a conversation stored before that guard existed, or by
another client of the tracker store, must not show a phone number to staff).

How an answer's kind is recognised: kwalibot's bot events carry only text and buttons (the action,
actions/antwoord.py, sends no structured kind), so the kind is read from the wording. The markers are
produced by calling the wording functions of questions.replies with placeholder arguments and keeping
their fixed parts, so a reworded reply (or a school's KWALIBOT_REPLIES) is still recognised.
"""
from __future__ import annotations

import json
import logging
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Callable, Dict, List, Optional, Tuple
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from rapidfuzz import fuzz
from sqlalchemy.engine import Engine

from bot.privacy.conversations import DAY, EVENTS, has_events_table
from bot.privacy.redaction import redact
from knowledge.query import Citation, Kwalificatie
from questions.replies import Replies, replies

logger = logging.getLogger(__name__)

FALLBACK, NOT_STATED, APOLOGY = "fallback", "niet in het dossier", "excuus"
KINDS = (FALLBACK, NOT_STATED, APOLOGY)
INFORM = "/inform"
SLOT_VRAAG = "vraag"  # the slot actions/antwoord.py sets to questions.model.Question.to_slot()
# Days and times as a Dutch school's staff read them (a message at 00:30 belongs to that day, not the one before).
TIMEZONE = ZoneInfo("Europe/Amsterdam")
SIMILAR = 80  # rapidfuzz token_set_ratio from which two questions count as the same question
_HOLE = "\x00"  # placeholder argument: the wording around it is fixed


def _fixed_parts(text: str) -> List[str]:
    """The longest wording between placeholders, without the source line ("Bron: ...")."""
    text = text.split("\nBron:", 1)[0]
    parts = [p.strip() for p in text.split(_HOLE)]
    return [max(parts, key=len)]


def markers(say: Optional[Replies] = None) -> Dict[str, List[str]]:
    """Per answer kind, texts of which one appears in every bot message of that kind."""
    say = say or replies()
    k = Kwalificatie(dossier=_HOLE, profiel=None, title=_HOLE, kind=_HOLE, source=_HOLE)
    citation = Citation(dossier=_HOLE, kind=_HOLE, source=_HOLE)
    return {
        # a search that found nothing, with or without the words it was asked for
        FALLBACK: [say.not_understood(), say.search_nothing(), *_fixed_parts(say.search_nothing(asked=[_HOLE]))],
        # singular and plural subjects ("staat" / "staan"), with and without a qualification
        NOT_STATED: [part for text in (say.not_stated(k, "niveau", citation), say.not_stated(k, "toelating", citation),
                                       say.nothing_about(k, "loopbaan"), say.nothing_about(k, _HOLE),
                                       say.terms_not_stated([_HOLE]), say.not_covered(k, _HOLE),
                                       say.not_covered(None, _HOLE))
                     for part in _fixed_parts(text)],
        APOLOGY: [say.apology()],
    }


def kind_of(text: Optional[str], marks: Dict[str, List[str]]) -> Optional[str]:
    for kind in KINDS:
        if text and any(mark in text for mark in marks[kind]):
            return kind
    return None


@dataclass
class Group:
    """Questions that read alike: the first one asked stands for them."""
    example: str
    count: int = 1
    variants: List[str] = field(default_factory=list)


@dataclass
class Report:
    days: float
    since: float
    until: float
    conversations: int = 0
    messages: int = 0
    per_day: Dict[str, int] = field(default_factory=dict)  # "2026-12-01" -> user messages
    per_channel: Dict[str, int] = field(default_factory=dict)
    intents: List[Tuple[str, int]] = field(default_factory=list)
    unanswered: Dict[str, List[Group]] = field(default_factory=dict)  # kind -> groups, most asked first
    kwalificaties: List[Tuple[str, int]] = field(default_factory=list)
    buttons: List[Tuple[str, int]] = field(default_factory=list)

    def unanswered_count(self, kind: str) -> int:
        return sum(g.count for g in self.unanswered.get(kind, []))


def _date(timestamp: float) -> date:
    return datetime.fromtimestamp(timestamp, TIMEZONE).date()


def _day(timestamp: float) -> str:
    return _date(timestamp).isoformat()


def group(questions: List[str], threshold: int = SIMILAR) -> List[Group]:
    """Questions grouped by similarity (rapidfuzz), most asked first; ties in the order first asked."""
    groups: List[Group] = []
    for text in questions:
        key = text.lower()
        for g in groups:
            if fuzz.token_set_ratio(key, g.example.lower()) >= threshold:
                g.count += 1
                if text not in g.variants and text != g.example:
                    g.variants.append(text)
                break
        else:
            groups.append(Group(text))
    return sorted(groups, key=lambda g: -g.count)


def button_label(text: str) -> str:
    """An /inform payload as staff read it: its values ("/inform{"kwalificatie": "X"}" -> "X")."""
    try:
        values = json.loads(text[len(INFORM):] or "{}")
    except ValueError:
        return text
    if not isinstance(values, dict) or not values:
        return text
    return ", ".join(str(v) for v in values.values())


def kwalificatie_titles(kb=None) -> Callable[[str], str]:
    """Staff read a qualification by its title and dossier ("Marketing & Communication Specialist (Business
    Services)"), not by the knowledge base's key; a key the knowledge base no longer has stays as it is."""
    if kb is None:
        from knowledge.query import KnowledgeBase

        kb = KnowledgeBase()

    def title(key: str) -> str:
        try:
            k = kb.kwalificatie(key)
        except Exception as error:  # no knowledge base here: the report still counts, by key
            logger.warning("qualification titles unavailable for the report (%s): keys shown", error)
            return key
        if k is None:
            return key
        return f"{k.title} ({k.dossier})" if k.profiel and k.dossier != k.title else k.title
    return title


def read(db: Engine, days: float = 7, now: Optional[float] = None, say: Optional[Replies] = None,
         senders: Optional[str] = None, titles: Optional[Callable[[str], str]] = None) -> Report:
    """The report over the last `days` days up to `now`; with `senders`, of the conversations whose sender id
    starts with it only (e.g. "slack-", or a test's own prefix in a store other clients write too);
    qualifications named by `titles` (default: their keys)."""
    until = time.time() if now is None else now
    report = Report(days=days, since=until - days * DAY, until=until)
    if not has_events_table(db):
        return report
    query = (sa.select(EVENTS.c.sender_id, EVENTS.c.type_name, EVENTS.c.timestamp, EVENTS.c.data)
             .where(EVENTS.c.timestamp >= report.since, EVENTS.c.timestamp <= until,
                    EVENTS.c.type_name.in_(("user", "bot", "slot")))
             .order_by(EVENTS.c.sender_id, EVENTS.c.id))
    if senders is not None:  # autoescape: "_" and "%" in the prefix are themselves, not LIKE's wildcards
        query = query.where(EVENTS.c.sender_id.startswith(senders, autoescape=True))
    marks = markers(say)
    per_day, per_channel, intents = Counter(), Counter(), Counter()
    kwalificaties, buttons = Counter(), Counter()
    unanswered: Dict[str, List[str]] = {kind: [] for kind in KINDS}
    talking = set()  # the senders of the period's messages
    last_question: Dict[str, Optional[str]] = {}  # per sender: the user's latest text (redacted)
    offered: Dict[str, Dict[str, str]] = {}  # per sender: payload -> title of the buttons last shown
    with db.connect() as conn:
        for sender, type_name, timestamp, data in conn.execution_options(stream_results=True).execute(query):
            event = json.loads(data)
            if type_name == "user":
                talking.add(sender)
                text = redact(event.get("text"))[0] or ""
                report.messages += 1
                per_day[_day(timestamp)] += 1
                per_channel[event.get("input_channel") or "onbekend"] += 1
                intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
                if intent:
                    intents[intent] += 1
                if text.startswith(INFORM):  # named by the title the student clicked, if the bot event kept it
                    buttons[offered.get(sender, {}).get(event.get("text")) or button_label(text)] += 1
                last_question[sender] = text
            elif type_name == "bot":
                shown = (event.get("data") or {}).get("buttons") or []
                offered[sender] = {b.get("payload"): b.get("title") for b in shown if isinstance(b, dict)}
                kind = kind_of(event.get("text"), marks)
                asked = last_question.pop(sender, None)  # one question, one verdict (its first reply)
                if kind and asked:
                    unanswered[kind].append(asked)
            elif event.get("name") == SLOT_VRAAG and isinstance(event.get("value"), dict):
                for key in dict.fromkeys(event["value"].get("kwalificaties") or []):
                    kwalificaties[key] += 1
    report.conversations = len(talking)
    day = _date(report.since)
    while day <= _date(until):  # every day of the period, quiet days as 0 (a chart must not skip them)
        per_day.setdefault(day.isoformat(), 0)
        day += timedelta(days=1)  # calendar days: a 23- or 25-hour day (summer time) is still one day
    report.per_day = dict(sorted(per_day.items()))
    report.per_channel = dict(per_channel.most_common())
    report.intents = intents.most_common()
    report.unanswered = {kind: group(texts) for kind, texts in unanswered.items()}
    named: Counter = Counter()
    for key, n in kwalificaties.items():
        named[titles(key) if titles else key] += n
    report.kwalificaties = named.most_common()
    report.buttons = buttons.most_common()
    return report
