"""Conversations in Rasa's SQL tracker store, with database errors made visible.

Rasa's Agent wraps every tracker store in a FailSafeTrackerStore: when the database fails, it
carries on with an empty in-memory conversation. The user then gets an answer without context
("en bij W2?" forgets the question before it) and the turn never reaches the database, so the
other replicas and the next restart lose it. kwalibot prefers to say so: without the wrapper the
error reaches the channel, which logs it and answers with its apology
(bot.channels.guard.apology_if_silent), and the next message after the database is back is answered
normally.
"""
from __future__ import annotations

import sqlalchemy as sa
import rasa.core.agent
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs

# A PostgreSQL server that does not answer costs a user this long before the apology, not minutes.
CONNECT_TIMEOUT_SECONDS = 5


class KwalibotSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore (configured by bot.endpoints) whose errors are not swallowed."""

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


_fail_safe = rasa.core.agent.Agent._create_tracker_store


def _create_tracker_store(store, domain):
    if isinstance(store, KwalibotSQLTrackerStore):
        store.domain = domain
        return store
    return _fail_safe(store, domain)


# Rasa imports this module (endpoints `type: bot.tracker_store.KwalibotSQLTrackerStore`) before it
# builds the Agent, so the Agent is built without the fail-safe wrapper for this store only.
rasa.core.agent.Agent._create_tracker_store = staticmethod(_create_tracker_store)
