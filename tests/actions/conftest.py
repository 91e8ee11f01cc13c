"""Action tests: a real knowledge base built from the sources, a Tracker per turn, the real action."""
import asyncio

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from knowledge.build import build


@pytest.fixture(scope="session")
def kb_url(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('actions') / 'kb.sqlite3'}"
    build(url)
    return url


@pytest.fixture(autouse=True)
def knowledge_base(kb_url, monkeypatch):
    monkeypatch.setenv("KWALIBOT_DB_URL", kb_url)


def tracker(text, intent, entities=(), slots=None):
    return Tracker(
        sender_id="test", slots=dict(slots or {}),
        latest_message={"text": text, "intent": {"name": intent, "confidence": 1.0},
                        "entities": [{"entity": e, "value": v} for e, v in entities]},
        events=[], paused=False, followup_action=None, active_loop={}, latest_action_name="action_listen")


def run(action, text, intent, entities=(), slots=None):
    """Run an action on one turn; returns (bot messages, events)."""
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker(text, intent, entities, slots), {}))
    return dispatcher.messages, events
