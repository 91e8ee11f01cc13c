"""bot.metrics without servers: what one guarded turn counts, how a failed action call is noticed, the KB version.

Rasa's part is played by plain coroutines, as in test_guard.py; the e2e test (tests/e2e/test_metrics.py)
checks the same counters on the real servers. Metrics are process-wide, so every test compares before/after.
"""
import asyncio
import inspect
import logging

import rasa.core.processor
from prometheus_client import CollectorRegistry

from bot import metrics
from bot.channels.guard import guarded_turn
from bot.channels.rest import _Collector
from knowledge import db
from knowledge.store import Base, BuildInfo

CHANNEL = "unit-metrics"  # a channel name of these tests' own, so other tests' turns do not count here


def value(name, **labels):
    return metrics.RASA.get_sample_value(name, labels) or 0.0


def snapshot():
    return {
        "messages": value("kwalibot_messages_total", channel=CHANNEL),
        "replies": value("kwalibot_reply_seconds_count", channel=CHANNEL),
        "empty": value("kwalibot_screened_messages_total", channel=CHANNEL, reason="empty"),
        "not_text": value("kwalibot_screened_messages_total", channel=CHANNEL, reason="not_text"),
        "raised": value("kwalibot_apologies_total", channel=CHANNEL, cause="raised"),
        "action_failed": value("kwalibot_apologies_total", channel=CHANNEL, cause="action_failed"),
        "no_reply": value("kwalibot_apologies_total", channel=CHANNEL, cause="no_reply"),
        "call_failures": value("kwalibot_action_call_failures_total", action="action_unit_test"),
    }


def turn(message, rasa):
    before = snapshot()
    out = _Collector()
    asyncio.run(guarded_turn(rasa, message, out, "sender-unit", CHANNEL))
    after = snapshot()
    return {k: after[k] - before[k] for k in after if after[k] != before[k]}, out.messages


async def never_called(message):
    raise AssertionError("a screened message must not reach Rasa")


async def answers(message):
    await message.output_channel.send_text_message(message.sender_id, "antwoord")


async def action_call_fails(message):
    # What Rasa's processor does when the action server is down: log with this wording, say nothing.
    try:
        raise ConnectionError("action server down")
    except ConnectionError:
        logging.getLogger("rasa.core.processor").exception(
            "Encountered an exception while running action 'action_unit_test'.Bot will continue, ...")


async def raises(message):
    raise ConnectionError("tracker store down")


async def silent(message):
    pass


def test_an_answered_turn_counts_one_message_and_one_reply_time_only():
    assert turn("Welk niveau?", answers)[0] == {"messages": 1, "replies": 1}


def test_screened_messages_count_with_their_reason():
    assert turn("   ", never_called)[0] == {"messages": 1, "replies": 1, "empty": 1}
    assert turn("!!! ???", never_called)[0] == {"messages": 1, "replies": 1, "not_text": 1}


def test_apologies_count_by_cause():
    assert turn("hallo", action_call_fails)[0] == {"messages": 1, "replies": 1, "action_failed": 1,
                                                   "call_failures": 1}
    assert turn("hallo", raises)[0] == {"messages": 1, "replies": 1, "raised": 1}
    assert turn("hallo", silent)[0] == {"messages": 1, "replies": 1, "no_reply": 1}


def test_a_failed_action_call_outside_a_turn_is_counted_but_blames_no_turn():
    before = value("kwalibot_action_call_failures_total", action="action_unit_test")
    asyncio.run(action_call_fails(None))  # a fresh task context: no turn is watching
    assert value("kwalibot_action_call_failures_total", action="action_unit_test") == before + 1


def test_the_failure_wording_the_handler_relies_on_is_rasas():
    # bot.metrics recognises failed action calls by this log message: a Rasa upgrade that rewords it fails here.
    assert metrics._PROCESSOR_FAILURE.rstrip("'") in inspect.getsource(rasa.core.processor)


def test_the_knowledge_base_version_is_read_from_its_build_record(tmp_path):
    url = f"sqlite:///{tmp_path / 'kb.sqlite3'}"
    engine = db.make_engine(url)
    Base.metadata.create_all(engine, tables=[BuildInfo.__table__])
    with engine.begin() as conn:
        conn.execute(BuildInfo.__table__.insert(), {"build_id": "abc123", "built_at": "2026-01-01T00:00:00+00:00",
                                                    "sources": []})
    engine.dispose()
    registry = CollectorRegistry()
    registry.register(metrics.KnowledgeBaseCollector(url))
    assert registry.get_sample_value("kwalibot_knowledge_base_info",
                                     {"build_id": "abc123", "built_at": "2026-01-01T00:00:00+00:00"}) == 1
    assert registry.get_sample_value("kwalibot_knowledge_base_up") == 1


def test_a_missing_knowledge_base_is_reported_down_and_not_created(tmp_path):
    registry = CollectorRegistry()
    registry.register(metrics.KnowledgeBaseCollector(f"sqlite:///{tmp_path / 'none.sqlite3'}"))
    text = metrics.exposition(registry)[0].decode()
    assert "kwalibot_knowledge_base_up 0.0" in text and "kwalibot_knowledge_base_info" not in text
    assert not (tmp_path / "none.sqlite3").exists()  # connecting to SQLite would have created an empty file


def test_each_process_exposes_only_its_own_metrics():
    rasa, actions = (metrics.exposition(r)[0].decode() for r in (metrics.RASA, metrics.ACTIONS))
    assert "kwalibot_messages_total" in rasa and "kwalibot_messages_total" not in actions
    assert "kwalibot_nlu_fallbacks_total" in actions and "kwalibot_nlu_fallbacks_total" not in rasa
    assert "process_cpu_seconds_total" in rasa and "process_cpu_seconds_total" in actions
