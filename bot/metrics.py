"""kwalibot's Prometheus metrics, shared by the Rasa server and the action server.

Each process exposes its own registry at `/metrics` (Rasa: `bot.channels.monitoring`, the action
server: `bot.action_server`). Privacy: label values are channel names, fixed cause and reason words,
action names and exception class names; message text and sender ids never become labels.
This module imports no Rasa (the action server needs only rasa_sdk).
"""
from __future__ import annotations

import logging
from contextvars import ContextVar
from typing import Iterator, List, Optional, Tuple

import prometheus_client
from prometheus_client import (CONTENT_TYPE_LATEST, GC_COLLECTOR, PLATFORM_COLLECTOR, PROCESS_COLLECTOR,
                               CollectorRegistry, Counter, Histogram, generate_latest)
from prometheus_client.core import GaugeMetricFamily, InfoMetricFamily

logger = logging.getLogger(__name__)

# The *_created series double every counter's lines and tell an operator nothing here.
prometheus_client.disable_created_metrics()


def _registry() -> CollectorRegistry:
    """A registry with the client's standard process_* and python_* metrics."""
    registry = CollectorRegistry()
    for collector in (PROCESS_COLLECTOR, PLATFORM_COLLECTOR, GC_COLLECTOR):
        registry.register(collector)
    return registry


# Both processes import this module; each exposes only its own registry, so that a Rasa scrape
# does not show the action server's counters at 0 (and the other way round).
RASA = _registry()
ACTIONS = _registry()


# --- the Rasa server: one user turn in bot.channels.guard.guarded_turn
MESSAGES = Counter("kwalibot_messages", "User messages received, per channel", ["channel"], registry=RASA)
SCREENED = Counter("kwalibot_screened_messages",
                   "Messages answered by the channel guard without reaching Rasa (empty, too long, not text, "
                   "privacy_command: 'verwijder mijn gesprek' and its confirmation)",
                   ["channel", "reason"], registry=RASA)
REDACTED = Counter("kwalibot_redacted",
                   "Personal data replaced by a placeholder before Rasa saw the message (bot.privacy.redaction), "
                   "per kind: email, phone, bsn, iban, postcode, birth_date, date", ["channel", "kind"], registry=RASA)
REPLY_SECONDS = Histogram("kwalibot_reply_seconds",
                          "Time from receiving a user message to the end of its answer (apology included)",
                          ["channel"], buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60), registry=RASA)
APOLOGIES = Counter("kwalibot_apologies",
                    "Turns the channel guard answered with the apology; cause: action_failed (Rasa could not "
                    "run a custom action: action server down or failing), raised (processing raised, e.g. a "
                    "store), no_reply (the turn ended without a bot message for another reason)",
                    ["channel", "cause"], registry=RASA)
ACTION_CALL_FAILURES = Counter("kwalibot_action_call_failures",
                               "Custom-action calls that failed as the Rasa server saw them", ["action"],
                               registry=RASA)

# --- the action server: actions.antwoord
NLU_FALLBACKS = Counter("kwalibot_nlu_fallbacks",
                        "Messages whose NLU intent was nlu_fallback (the classifier was unsure)", registry=ACTIONS)
ANSWERS = Counter("kwalibot_answers", "Answers of action_antwoord by kind (questions' Answer.reply, an identifier "
                  "fixed in the code: facts, werkproces, unknown_kwalificatie, search_nothing, ...)", ["reply"],
                  registry=ACTIONS)
# The kinds that mean "not understood": nothing recognisable to answer, or read as a topic that no dossier mentions.
FALLBACK_REPLIES = ("not_understood", "search_nothing")
FALLBACKS = Counter("kwalibot_fallbacks", "Questions kwalibot could not answer from anything it recognised, by "
                    "kind: " + " or ".join(FALLBACK_REPLIES), ["reply"], registry=ACTIONS)
ACTION_ERRORS = Counter("kwalibot_action_errors", "Errors inside a custom action (the user got the apology)",
                        ["action", "error"], registry=ACTIONS)


# --- failed action calls: Rasa's processor logs them and carries on, so a log handler is where they show
_PROCESSOR_FAILURE = "Encountered an exception while running action '"
_turn_failures: ContextVar[Optional[List[str]]] = ContextVar("kwalibot_turn_failures", default=None)


class _ActionCallFailures(logging.Handler):
    """Counts the processor's 'exception while running action' records and notes them for the current turn.

    The record is emitted inside the task that handles the message, so the turn's context variable
    tells guarded_turn that this turn's action failed (and which one), even with concurrent turns.
    """

    def emit(self, record: logging.LogRecord) -> None:
        message = str(record.msg)
        if not message.startswith(_PROCESSOR_FAILURE):
            return
        action = message[len(_PROCESSOR_FAILURE):].split("'", 1)[0]
        ACTION_CALL_FAILURES.labels(action).inc()
        failures = _turn_failures.get()
        if failures is not None:
            failures.append(action)


_handler = _ActionCallFailures()
logging.getLogger("rasa.core.processor").addHandler(_handler)  # the logger name of rasa/core/processor.py


def watch_action_failures() -> List[str]:
    """A list that fills with the names of the actions that fail in the current task from now on."""
    failures: List[str] = []
    _turn_failures.set(failures)
    return failures


# --- the knowledge base's version, read at scrape time so that a rebuilt KB shows at once
def read_build_info(url: Optional[str] = None) -> Tuple[str, str]:
    """(build_id, built_at) of the knowledge base at `url` (default KWALIBOT_DB_URL); raises when none."""
    from sqlalchemy.orm import Session

    from knowledge import db
    from knowledge.store import BuildInfo

    url = db.database_url(url)
    if db.is_sqlite(url) and not db.sqlite_path(url).exists():
        raise FileNotFoundError(f"no knowledge base at {db.sqlite_path(url)}")  # connecting would create it
    engine = db.make_engine(url)
    try:
        with Session(engine) as session:
            row = session.query(BuildInfo.build_id, BuildInfo.built_at).one()
    finally:
        engine.dispose()
    return row.build_id, row.built_at


class KnowledgeBaseCollector:
    """kwalibot_knowledge_base_info{build_id, built_at} and kwalibot_knowledge_base_up (action server)."""

    def __init__(self, url: Optional[str] = None) -> None:
        self.url = url

    def collect(self) -> Iterator:
        up = GaugeMetricFamily("kwalibot_knowledge_base_up", "1 when the knowledge base's build record can be read")
        try:
            build_id, built_at = read_build_info(self.url)
        except Exception as error:
            logger.warning("metrics: cannot read the knowledge base's build record: %s", error)
            up.add_metric([], 0)
            yield up
            return
        info = InfoMetricFamily("kwalibot_knowledge_base", "The knowledge base build the action server answers from")
        info.add_metric([], {"build_id": build_id, "built_at": built_at})
        up.add_metric([], 1)
        yield info
        yield up


def exposition(registry: CollectorRegistry) -> Tuple[bytes, str]:
    """The registry in Prometheus' text format, with its content type."""
    return generate_latest(registry), CONTENT_TYPE_LATEST
