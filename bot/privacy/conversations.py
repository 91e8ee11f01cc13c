"""Retention and the rights of the person, on Rasa's SQL tracker store (SQLite or PostgreSQL).

Rasa keeps every conversation as rows of one table, `events` (sender_id, type_name, timestamp,
intent_name, action_name, data = the event as JSON; rasa.core.tracker_store.SQLTrackerStore).
These functions work on that table with SQLAlchemy Core, without loading Rasa, so that
`python -m bot.privacy` starts in a second from cron; the Rasa server's "verwijder mijn gesprek"
(bot.privacy.command) calls `forget` on its own tracker store's engine.
"""
from __future__ import annotations

import json
import os
import time
from typing import Any, Dict, Iterable, List, Optional, Tuple

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.endpoints import DEFAULT_TRACKER_URL, tracker_store

RETENTION_VAR = "KWALIBOT_RETENTION_DAYS"
DEFAULT_RETENTION_DAYS = 30
DAY = 24 * 60 * 60

_metadata = sa.MetaData()
# Rasa's SQLEvent, the columns kwalibot reads and deletes by (Rasa creates and owns the table).
EVENTS = sa.Table("events", _metadata,
                  sa.Column("id", sa.Integer, primary_key=True),
                  sa.Column("sender_id", sa.String(255), nullable=False, index=True),
                  sa.Column("type_name", sa.String(255), nullable=False),
                  sa.Column("timestamp", sa.Float),
                  sa.Column("intent_name", sa.String(255)),
                  sa.Column("action_name", sa.String(255)),
                  sa.Column("data", sa.Text))


def tracker_url(url: Optional[str] = None) -> str:
    """`url`, else KWALIBOT_TRACKER_URL, else the default SQLite file, resolved as Rasa gets it (bot.endpoints)."""
    return tracker_store(url or os.environ.get("KWALIBOT_TRACKER_URL") or DEFAULT_TRACKER_URL)["url"]


def engine(url: Optional[str] = None) -> Engine:
    url = tracker_url(url)
    options: Dict[str, Any] = {}
    schema = os.environ.get("POSTGRESQL_SCHEMA")
    if schema and url.startswith("postgresql"):
        options["connect_args"] = {"options": f"-csearch_path={schema}"}  # as Rasa's create_engine_kwargs
    return sa.create_engine(url, future=True, **options)


def retention_days(env: Optional[Dict[str, str]] = None) -> float:
    env = os.environ if env is None else env
    value = (env.get(RETENTION_VAR) or "").strip()
    if not value:
        return DEFAULT_RETENTION_DAYS
    days = float(value)
    if days <= 0:
        raise ValueError(f"{RETENTION_VAR} must be a positive number of days, not {value!r}")
    return days


def has_events_table(db: Engine) -> bool:
    # No table yet: Rasa has not started on this database, so nothing is stored.
    return sa.inspect(db).has_table("events")


def senders(db: Engine, prefix: Optional[str] = None) -> List[str]:
    """Every stored sender id, or those starting with `prefix` (a person's pseudonym, bot.privacy.pseudonyms)."""
    if not has_events_table(db):
        return []
    query = sa.select(EVENTS.c.sender_id).distinct().order_by(EVENTS.c.sender_id)
    if prefix:
        query = query.where(EVENTS.c.sender_id.startswith(prefix, autoescape=True))
    with db.connect() as conn:
        return [row[0] for row in conn.execute(query)]


def export(db: Engine, sender_id: str) -> Dict[str, Any]:
    """The stored conversation of `sender_id`: every event as Rasa stored it, oldest first."""
    events: List[Dict[str, Any]] = []
    if has_events_table(db):
        query = sa.select(EVENTS.c.data).where(EVENTS.c.sender_id == sender_id).order_by(EVENTS.c.id)
        with db.connect() as conn:
            events = [json.loads(data) for (data,) in conn.execute(query)]
    return {"sender_id": sender_id, "events": events}


def forget(db: Engine, sender_ids: Iterable[str]) -> int:
    """Delete every stored event of `sender_ids`; the number of events deleted (0 the second time)."""
    ids = list(sender_ids)
    if not ids or not has_events_table(db):
        return 0
    with db.begin() as conn:
        return conn.execute(sa.delete(EVENTS).where(EVENTS.c.sender_id.in_(ids))).rowcount


def purge(db: Engine, days: float, now: Optional[float] = None, dry_run: bool = False) -> Tuple[int, int]:
    """Delete the conversations whose last event is older than `days` days: (conversations, events).

    One DELETE with the age test inside it: a conversation that gets a message while purge runs is
    judged on its newest event in the same statement, never half deleted on an older reading.
    """
    if not has_events_table(db):
        return 0, 0
    cutoff = (time.time() if now is None else now) - days * DAY
    old = (sa.select(EVENTS.c.sender_id).group_by(EVENTS.c.sender_id)
           .having(sa.func.max(EVENTS.c.timestamp) < cutoff))
    with db.begin() as conn:
        conversations = conn.execute(sa.select(sa.func.count()).select_from(old.subquery())).scalar_one()
        if dry_run:
            count = sa.select(sa.func.count()).select_from(EVENTS).where(EVENTS.c.sender_id.in_(old))
            return conversations, conn.execute(count).scalar_one()
        deleted = conn.execute(sa.delete(EVENTS).where(EVENTS.c.sender_id.in_(old.scalar_subquery()))).rowcount
    return conversations, deleted
