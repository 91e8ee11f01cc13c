"""Shared fixtures: real databases (a fresh SQLite file; a fresh PostgreSQL database)."""
from __future__ import annotations

import contextlib
import os
import uuid
from typing import Iterator

import pytest

PG_URL = os.environ.get("KWALIBOT_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("KWALIBOT_REDIS_URL", "redis://127.0.0.1:6379")
# CI sets this so that a missing service fails the run instead of skipping tests.
REQUIRE_SERVICES = os.environ.get("KWALIBOT_REQUIRE_SERVICES") == "1"


def service_missing(reason: str):
    if REQUIRE_SERVICES:
        pytest.fail(f"{reason} (KWALIBOT_REQUIRE_SERVICES=1, so this is an error, not a skip)")
    pytest.skip(reason)


def require_model() -> None:
    """Tests that start the Rasa server need the trained model (make test trains it first)."""
    from bot.run import MODEL

    if not MODEL.exists():
        service_missing(f"no trained model at {MODEL}: run `make train` (make test does)")


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'kb.sqlite3'}"


@pytest.fixture(scope="session")
def pg_server_url() -> str:
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError

    engine = create_engine(PG_URL, future=True)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except OperationalError as exc:
        service_missing(f"no PostgreSQL answers at {PG_URL} (set KWALIBOT_TEST_PG_URL): {exc.orig}")
    finally:
        engine.dispose()
    return PG_URL


@contextlib.contextmanager
def fresh_pg_database(server_url: str) -> Iterator[str]:
    """A brand-new PostgreSQL database on `server_url` (its URL), dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"kwalibot_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server_url, future=True, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n AND pid <> pg_backend_pid()"
            ), {"n": name})
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


@pytest.fixture
def pg_url(pg_server_url) -> str:
    """A brand-new PostgreSQL database for one test, dropped afterwards."""
    with fresh_pg_database(pg_server_url) as url:
        yield url


@pytest.fixture(scope="session")
def redis_url() -> str:
    """The Redis server of KWALIBOT_REDIS_URL (default redis://127.0.0.1:6379), or a skip saying why."""
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3)
    try:
        client.ping()
    except redis.RedisError as exc:
        service_missing(f"no Redis answers at {REDIS_URL} (set KWALIBOT_REDIS_URL): {exc}")
    finally:
        client.close()
    return REDIS_URL


@pytest.fixture(scope="session")
def redis_server_url(redis_url) -> str:
    """The same Redis server, under the name the channel tests use; tests keep to keys of their own."""
    return redis_url


@pytest.fixture(scope="session")
def scale(tmp_path_factory):
    """A knowledge base of ~80 generated dossiers (knowledge.synthetic: the sources with SBB-shaped names,
    other shapes, one broken file), built once per session: (Generated, BuildReport, KnowledgeBase)."""
    from types import SimpleNamespace

    from knowledge.build import build
    from knowledge.query import KnowledgeBase
    from knowledge.synthetic import generate

    folder = tmp_path_factory.mktemp("scale")
    generated = generate(folder)
    url = f"sqlite:///{folder / 'kb.sqlite3'}"
    report = build(url, folder, strict=False)
    return SimpleNamespace(generated=generated, report=report, kb=KnowledgeBase(url), url=url)
