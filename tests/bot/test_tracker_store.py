"""The SQL tracker store with a bounded read per turn, on a real SQLite file: every event stored once and in
order, whatever a turn read; a long session's turn reads its start, each slot's latest value and the
recent events."""
from __future__ import annotations

import asyncio

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered

from bot.tracker_store import RECENT_EVENTS, SESSION_START_EVENTS, KwalibotSQLTrackerStore

DOMAIN = Domain.from_yaml("""
version: "3.1"
intents: [vraag]
slots:
  vraag: {type: any, influence_conversation: false, mappings: [{type: custom}]}
  school: {type: any, influence_conversation: false, mappings: [{type: custom}]}
actions: [action_antwoord]
""")


@pytest.fixture
def store(tmp_path):
    store = KwalibotSQLTrackerStore(dialect="sqlite", db=str(tmp_path / "conversations.sqlite3"))
    store.domain = DOMAIN
    return store


def run(coroutine):
    return asyncio.new_event_loop().run_until_complete(coroutine)


async def talk(store, sender: str, turns: int, save_twice: bool = False) -> list:
    """`turns` turns as Rasa has them; each turn reads the tracker, adds its events and saves."""
    tracker = await store.get_or_create_tracker(sender)  # a new tracker (Rasa starts it with a listen)
    for event in [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")]:
        tracker.update(event)
    await store.save(tracker)
    sent = list(tracker.events)
    for n in range(turns):
        tracker = await store.retrieve(sender)
        turn = [UserUttered(f"vraag {n}"), ActionExecuted("action_antwoord"), SlotSet("vraag", {"n": n}),
                BotUttered(f"antwoord {n}"), ActionExecuted("action_listen")]
        if n == 2:
            turn.insert(2, SlotSet("school", "ROC"))  # set once, early
        for i, event in enumerate(turn):
            tracker.update(event)
            if save_twice and i == 0:
                await store.save(tracker)  # Rasa saves some turns twice: the second adds only what is new
        await store.save(tracker)
        sent += turn
    return sent


def described(events) -> list:
    return [(e.type_name, getattr(e, "text", None) or getattr(e, "action_name", None) or getattr(e, "key", None),
             getattr(e, "value", None)) for e in events]


@pytest.mark.parametrize("turns, save_twice", [(3, False), (40, False), (40, True)])
def test_every_event_is_stored_once_and_in_order(store, turns, save_twice):
    sent = run(talk(store, "lang-gesprek", turns, save_twice))
    stored = run(store.retrieve_full_tracker("lang-gesprek"))
    assert described(stored.events) == described(sent)


def session(sent: list) -> list:
    """What Rasa reads of a session: from its SessionStarted on."""
    return sent[[e.type_name for e in sent].index(SessionStarted.type_name):]


def test_a_long_session_reads_its_start_each_slot_and_the_recent_events(store):
    sent = session(run(talk(store, "lang-gesprek", 40)))
    read = run(store.retrieve("lang-gesprek"))
    events = list(read.events)
    assert len(events) == SESSION_START_EVENTS + 2 + RECENT_EVENTS  # the start, the two slots, the window
    assert described(events[:SESSION_START_EVENTS]) == described(sent[:SESSION_START_EVENTS])
    assert described(events[-RECENT_EVENTS:]) == described(sent[-RECENT_EVENTS:])
    assert read.get_slot("vraag") == {"n": 39} and read.get_slot("school") == "ROC"
    assert read.latest_message.text == "vraag 39"


def test_a_short_session_is_read_whole(store):
    sent = session(run(talk(store, "kort-gesprek", 3)))
    assert described(run(store.retrieve("kort-gesprek")).events) == described(sent)
