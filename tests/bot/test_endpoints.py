"""The endpoints file built from the environment, read back by Rasa itself (real SQLite, real Redis)."""
import asyncio
import stat

import pytest
from rasa.core.agent import Agent
from rasa.core.lock_store import LockStore, RedisLockStore
from rasa.core.tracker_store import TrackerStore
from rasa.core.utils import read_endpoints_from_path
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.endpoints import DEFAULT_TRACKER_URL, ROOT, endpoints_config, lock_store, write_endpoints
from bot.lock_store import AtomicRedisLockStore
from bot.servers import own_stores
from bot.tracker_store import KwalibotSQLTrackerStore


def test_by_default_conversations_go_to_a_sqlite_file_under_var_and_locks_stay_in_the_process():
    config = endpoints_config(5055, {})
    assert config["action_endpoint"] == {"url": "http://127.0.0.1:5055/webhook"}
    assert config["tracker_store"] == {"type": "bot.tracker_store.KwalibotSQLTrackerStore", "dialect": "sqlite",
                                       "url": f"sqlite:///{ROOT}/var/conversations.sqlite3"} == \
        endpoints_config(5055, {"KWALIBOT_TRACKER_URL": DEFAULT_TRACKER_URL})["tracker_store"]
    assert "lock_store" not in config


def test_a_container_names_the_action_server_on_another_host():
    assert endpoints_config(5055, {}, "http://actions:5055/webhook")["action_endpoint"] == \
        {"url": "http://actions:5055/webhook"}
    # the environment alone never moves it: bot.container reads KWALIBOT_ACTION_URL, make run does not
    assert endpoints_config(5055, {"KWALIBOT_ACTION_URL": "http://elsewhere/webhook"})["action_endpoint"] == \
        {"url": "http://127.0.0.1:5055/webhook"}


def test_a_relative_sqlite_path_is_relative_to_the_project_and_postgresql_urls_pass_unchanged():
    assert endpoints_config(1, {"KWALIBOT_TRACKER_URL": "sqlite:///var/x.sqlite3"})["tracker_store"]["url"] == \
        f"sqlite:///{ROOT}/var/x.sqlite3"
    url = "postgresql://kwalibot:p%40ss@db.school.nl:5433/rasa?sslmode=require"
    assert endpoints_config(1, {"KWALIBOT_TRACKER_URL": url})["tracker_store"] == {
        "type": "bot.tracker_store.KwalibotSQLTrackerStore", "dialect": "postgresql", "url": url}


def test_a_redis_url_gives_the_atomic_lock_store_with_rasas_keys():
    assert endpoints_config(1, {"KWALIBOT_REDIS_URL": "redis://127.0.0.1:6379"})["lock_store"] == {
        "type": "bot.lock_store.AtomicRedisLockStore", "url": "127.0.0.1", "port": 6379, "db": 1, "use_ssl": False}
    assert lock_store("rediss://user:s%3Acret@redis.school.nl/3", "redis") == {
        "type": "redis", "url": "redis.school.nl", "port": 6379, "db": 3, "use_ssl": True,
        "username": "user", "password": "s:cret"}


@pytest.mark.parametrize("env", [{"KWALIBOT_REDIS_URL": "localhost:6379"},
                                 {"KWALIBOT_REDIS_URL": "redis://h", "KWALIBOT_LOCK_STORE": "memcached"},
                                 {"KWALIBOT_TRACKER_URL": "not a url"}])
def test_a_mistyped_setting_stops_the_start_with_a_message(env):
    with pytest.raises(Exception, match="KWALIBOT_|URL|url"):
        endpoints_config(1, env)


def test_the_file_is_private_and_one_per_configuration(tmp_path):
    first = write_endpoints(5055, {}, tmp_path)
    assert write_endpoints(5055, {}, tmp_path) == first
    assert write_endpoints(5056, {}, tmp_path) != first
    assert stat.S_IMODE(first.stat().st_mode) == 0o600


def test_rasa_keeps_conversations_in_the_sqlite_file_and_without_the_fail_safe_wrapper(tmp_path):
    url = f"sqlite:///{tmp_path / 'conversations.sqlite3'}"
    endpoints = read_endpoints_from_path(write_endpoints(5055, {"KWALIBOT_TRACKER_URL": url}, tmp_path))
    store = TrackerStore.create(endpoints.tracker_store, Domain.empty())
    assert isinstance(store, KwalibotSQLTrackerStore)
    tracker = DialogueStateTracker("student", [])
    tracker.update(UserUttered("hallo"))
    asyncio.run(store.save(tracker))
    again = TrackerStore.create(endpoints.tracker_store, Domain.empty())  # as after a restart
    assert [e.text for e in asyncio.run(again.retrieve("student")).events if isinstance(e, UserUttered)] == ["hallo"]
    # Rasa's Agent would wrap it in FailSafeTrackerStore, which hides database errors (bot/tracker_store.py).
    assert Agent(tracker_store=store).tracker_store is store


def test_rasa_builds_the_lock_store_it_is_told_to(tmp_path, redis_url):
    for kind, cls in (("atomic", AtomicRedisLockStore), ("redis", RedisLockStore)):
        env = {"KWALIBOT_REDIS_URL": redis_url, "KWALIBOT_LOCK_STORE": kind}
        store = LockStore.create(read_endpoints_from_path(write_endpoints(5055, env, tmp_path)).lock_store)
        assert type(store) is cls and store.red.ping()


def test_test_servers_never_use_the_shells_stores(tmp_path):
    env = own_stores({"KWALIBOT_TRACKER_URL": "postgresql://prod/rasa", "KWALIBOT_REDIS_URL": "redis://prod",
                      "PATH": "/bin"}, tmp_path / "rasa.log")
    assert env == {"PATH": "/bin", "KWALIBOT_TRACKER_URL": f"sqlite:///{tmp_path}/rasa-conversations.sqlite3"}
