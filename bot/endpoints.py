"""The endpoints file Rasa runs with, built from the environment (`python -m bot.run` writes it under var/).

    action server   http://127.0.0.1:<action port>/webhook, or `action_url` (KWALIBOT_ACTION_URL, read by bot.container)
    tracker store   KWALIBOT_TRACKER_URL, any SQLAlchemy URL (default: the SQLite file var/conversations.sqlite3)
    lock store      KWALIBOT_REDIS_URL set: Redis, shared by every replica; unset: inside the one Rasa process

KWALIBOT_LOCK_STORE=redis swaps kwalibot's atomic Redis lock store for Rasa's stock one; it exists
only to show, in tests/e2e/test_replicas.py, why the stock one is not used.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Mapping, Optional
from urllib.parse import unquote, urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TRACKER_URL = f"sqlite:///{ROOT / 'var' / 'conversations.sqlite3'}"
LOCK_STORES = {"atomic": "bot.lock_store.AtomicRedisLockStore", "redis": "redis"}


def tracker_store(url: str) -> dict:
    """Rasa's SQL tracker store on `url`, wrapped so that a database error reaches the user as an apology."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)  # fails here, with the URL in the message, rather than inside Rasa
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        path = Path(parsed.database)
        path = path if path.is_absolute() else ROOT / path  # relative to the project, not to the caller's directory
        path.parent.mkdir(parents=True, exist_ok=True)
        parsed = parsed.set(database=str(path))
    # A URL with "://" as `url` is used by SQLTrackerStore as it is (driver, query options and all).
    return {"type": "bot.tracker_store.KwalibotSQLTrackerStore", "dialect": parsed.get_backend_name(),
            "url": parsed.render_as_string(hide_password=False)}


def lock_store(url: str, kind: str = "atomic") -> dict:
    """A Redis lock store on `url` (redis://[user:password@]host[:port][/db], rediss:// for TLS; db 1 by default)."""
    if kind not in LOCK_STORES:
        raise ValueError(f"KWALIBOT_LOCK_STORE must be one of {', '.join(LOCK_STORES)}, not {kind!r}")
    parts = urlsplit(url)
    if parts.scheme not in ("redis", "rediss") or not parts.hostname:
        raise ValueError(f"KWALIBOT_REDIS_URL must look like redis://host:6379/1, not {url!r}")
    db = parts.path.strip("/")
    # The same keys for both types: Rasa passes them on to RedisLockStore(host=url, **the rest).
    config = {"type": LOCK_STORES[kind], "url": parts.hostname, "port": parts.port or 6379,
              "db": int(db) if db else 1, "use_ssl": parts.scheme == "rediss"}
    if parts.username:
        config["username"] = unquote(parts.username)
    if parts.password:
        config["password"] = unquote(parts.password)
    return config


def endpoints_config(action_port: int, env: Optional[Mapping[str, str]] = None,
                     action_url: Optional[str] = None) -> dict:
    """`action_url` replaces the action server on this machine (containers: another host, a Service)."""
    env = os.environ if env is None else env
    config = {"action_endpoint": {"url": action_url or f"http://127.0.0.1:{action_port}/webhook"},
              "tracker_store": tracker_store(env.get("KWALIBOT_TRACKER_URL") or DEFAULT_TRACKER_URL)}
    if env.get("KWALIBOT_REDIS_URL"):
        config["lock_store"] = lock_store(env["KWALIBOT_REDIS_URL"], env.get("KWALIBOT_LOCK_STORE") or "atomic")
    return config


def write_endpoints(action_port: int, env: Optional[Mapping[str, str]] = None, folder: Path = ROOT / "var",
                    action_url: Optional[str] = None) -> Path:
    """The endpoints file for these settings, under `folder`.

    Named after its content, so that servers started at once with other settings never share a file;
    readable by its owner only, as it may hold database and Redis passwords.
    """
    text = "# Written by bot/endpoints.py from the environment; edits are overwritten.\n" + \
        yaml.safe_dump(endpoints_config(action_port, env, action_url), sort_keys=False)
    target = folder / f"endpoints-{hashlib.sha256(text.encode()).hexdigest()[:12]}.yml"
    folder.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        partial = target.with_suffix(f".{os.getpid()}.tmp")
        with os.fdopen(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as out:
            out.write(text)
        os.replace(partial, target)  # complete or absent, even with two writers
    return target
