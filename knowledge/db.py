"""Where the knowledge base lives: a database URL, turned into engines on demand.

`KWALIBOT_DB_URL` names the database (default: a SQLite file under `var/`).
On PostgreSQL the tables live in the schema `kwalibot`; a build writes a fresh
schema and renames it into place, so readers never see a half-built base.
Nothing here connects at import time.
"""
from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE_PATH = PROJECT_ROOT / "var" / "kwalibot.sqlite3"
PG_SCHEMA = "kwalibot"


def database_url(url: str | None = None) -> str:
    """The URL to use: an explicit one, else KWALIBOT_DB_URL, else the default SQLite file."""
    return url or os.environ.get("KWALIBOT_DB_URL") or f"sqlite:///{DEFAULT_SQLITE_PATH}"


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise ValueError(f"{url}: a knowledge base needs a SQLite *file*, not an in-memory database")
    return Path(database)


def make_engine(url: str, schema: str | None = None) -> Engine:
    """An engine for `url`. On PostgreSQL, unqualified tables map to `schema` (default `kwalibot`)."""
    if is_sqlite(url):
        engine = create_engine(url, future=True)

        @event.listens_for(engine, "connect")
        def _foreign_keys(dbapi_connection, _record):  # SQLite enforces FKs only when asked
            dbapi_connection.execute("PRAGMA foreign_keys=ON")

        return engine
    engine = create_engine(url, future=True, pool_pre_ping=True)
    return engine.execution_options(schema_translate_map={None: schema or PG_SCHEMA})
