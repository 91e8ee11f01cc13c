"""Conversations in Rasa's SQL tracker store, with database errors made visible and each turn's
reading bounded.

Rasa's Agent wraps every tracker store in a FailSafeTrackerStore: when the database fails, it
carries on with an empty in-memory conversation. The user then gets an answer without context
("en bij W2?" forgets the question before it) and the turn never reaches the database, so the
other replicas and the next restart lose it. kwalibot prefers to say so: without the wrapper the
error reaches the channel, which logs it and answers with its apology
(bot.channels.guard.apology_if_silent), and the next message after the database is back is answered
normally.

Rasa reads and replays every event of the conversation's session at every turn, and its policies
featurize all of them: a 200-turn conversation answered about 5 times slower than a fresh one. Nothing
kwalibot decides looks further back than the previous question (slot `vraag`) and the last few turns
(its rules), so a turn reads the session's first events (how it started), the latest value of each
slot set before, and the last RECENT_EVENTS events. What is stored is unchanged: every event, once;
`python -m bot.privacy export` and Rasa's tracker API still read the whole conversation.
"""
from __future__ import annotations

import itertools
import json
from typing import Iterator, Optional, Text

import sqlalchemy as sa
import rasa.core.agent
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.events import SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

# A PostgreSQL server that does not answer costs a user this long before the apology, not minutes.
CONNECT_TIMEOUT_SECONDS = 5


RECENT_EVENTS = 60  # about ten turns (a user message, the action, its slot, a reply, listen …)
SESSION_START_EVENTS = 3  # action_session_start, session_started, action_listen


class KwalibotSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore (configured by bot.endpoints) whose errors are not swallowed and whose turns read
    a bounded part of a long session."""

    def __init__(self, *args, **kwargs) -> None:
        # Waits for the database at start-up (Rasa retries every 5 s and logs why).
        super().__init__(*args, **kwargs)
        url = self.engine.url
        options = create_engine_kwargs(url)
        if url.get_backend_name() == "postgresql":
            options["connect_args"] = {"connect_timeout": CONNECT_TIMEOUT_SECONDS, **options.get("connect_args", {})}
        self.engine.dispose()
        # pool_pre_ping: after a database restart, pooled connections are dead; test each before use
        # so that the first message after the outage is answered instead of failing once more.
        self.engine = sa.create_engine(url, pool_pre_ping=True, **options)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    async def _retrieve(self, sender_id: Text, fetch_events_from_all_sessions: bool
                        ) -> Optional[DialogueStateTracker]:
        if fetch_events_from_all_sessions:
            return await super()._retrieve(sender_id, fetch_events_from_all_sessions)
        with self.session_scope() as session:
            ids = [i for (i,) in self._event_query(session, sender_id, False).with_entities(self.SQLEvent.id)]
            if len(ids) <= SESSION_START_EVENTS + RECENT_EVENTS:
                rows = self._event_query(session, sender_id, False).all()
            else:
                start, window = ids[:SESSION_START_EVENTS], ids[-RECENT_EVENTS:]
                # the latest value of each slot set between the session's start and the window
                slots = (session.query(sa.func.max(self.SQLEvent.id))
                         .filter(self.SQLEvent.sender_id == sender_id, self.SQLEvent.type_name == SlotSet.type_name,
                                 self.SQLEvent.id > start[-1], self.SQLEvent.id < window[0])
                         .group_by(self.SQLEvent.action_name))
                wanted = sorted(set(start) | {i for (i,) in slots} | set(window))
                rows = session.query(self.SQLEvent).filter(self.SQLEvent.id.in_(wanted)).order_by(self.SQLEvent.id).all()
            if not self.domain or not rows:
                return None
            tracker = DialogueStateTracker.from_dict(sender_id, [json.loads(r.data) for r in rows], self.domain.slots)
            tracker.kwalibot_stored = len(tracker.events)  # save() stores what comes after these
            return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        await super().save(tracker)
        tracker.kwalibot_stored = len(tracker.events)  # a second save of the same turn adds only what is new

    def _additional_events(self, session, tracker: DialogueStateTracker) -> Iterator:
        stored = getattr(tracker, "kwalibot_stored", None)
        if stored is None:  # a new conversation: Rasa counts what the database has of it (nothing)
            return super()._additional_events(session, tracker)
        return itertools.islice(tracker.events, stored, len(tracker.events))


_fail_safe = rasa.core.agent.Agent._create_tracker_store


def _create_tracker_store(store, domain):
    if isinstance(store, KwalibotSQLTrackerStore):
        store.domain = domain
        return store
    return _fail_safe(store, domain)


# Rasa imports this module (endpoints `type: bot.tracker_store.KwalibotSQLTrackerStore`) before it
# builds the Agent, so the Agent is built without the fail-safe wrapper for this store only.
rasa.core.agent.Agent._create_tracker_store = staticmethod(_create_tracker_store)
