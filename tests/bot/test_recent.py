"""The channels' memory of answered requests: in this process, and in the real Redis shared by replicas."""
import asyncio
import logging
import uuid

import pytest
import redis

from bot.channels.recent import Recent, SharedRecent, memory
from bot.servers import free_port


def test_in_process_memory_remembers_for_a_while():
    recent = Recent(ttl=10, max_items=3)
    assert not recent.seen_at("a", now=0)
    assert recent.seen_at("a", now=5)
    assert not recent.seen_at("a", now=16)  # forgotten after ttl
    for key in "bcd":
        recent.seen_at(key, now=17)
    assert not recent.seen_at("a", now=17)  # pushed out: at most max_items are kept


def test_the_memory_is_in_redis_only_when_a_url_is_set(monkeypatch):
    monkeypatch.delenv("KWALIBOT_REDIS_URL", raising=False)
    assert isinstance(memory("x", 60), Recent)
    monkeypatch.setenv("KWALIBOT_REDIS_URL", "redis://127.0.0.1:6379/0")
    shared = memory("x", 60)
    assert isinstance(shared, SharedRecent) and shared.ttl == 60 and shared.prefix == "kwalibot:seen:x:"


@pytest.fixture
def name(redis_server_url):
    """A memory name of this test's own; its keys are deleted afterwards."""
    name = f"test-{uuid.uuid4().hex[:12]}"
    yield name
    client = redis.Redis.from_url(redis_server_url)
    keys = list(client.scan_iter(f"kwalibot:seen:{name}:*"))
    if keys:
        client.delete(*keys)
    client.close()


def run(coroutine_function, *memories):
    async def body():
        try:
            return await coroutine_function()
        finally:
            for m in memories:
                await m.close()
    return asyncio.run(body())


def test_two_replicas_share_what_was_seen_with_the_window_as_expiry(redis_server_url, name):
    replica1, replica2 = SharedRecent(redis_server_url, name, 3600), SharedRecent(redis_server_url, name, 3600)

    async def check():
        assert not await replica1.seen("event:Ev1")
        assert await replica2.seen("event:Ev1")  # another process, another connection: seen
        assert await replica1.seen("event:Ev1")
        assert not await replica2.seen("event:Ev2")
    run(check, replica1, replica2)
    client = redis.Redis.from_url(redis_server_url)
    assert 3590 <= client.ttl(f"kwalibot:seen:{name}:event:Ev1") <= 3600
    client.close()
    assert not replica1.local._seen  # Redis answered: nothing fell back to the process's memory


def test_of_many_simultaneous_deliveries_exactly_one_is_new(redis_server_url, name):
    replicas = [SharedRecent(redis_server_url, name, 60) for _ in range(4)]

    async def race():
        return await asyncio.gather(*(replicas[n % 4].seen("event:EvRACE") for n in range(40)))
    results = run(race, *replicas)
    assert results.count(False) == 1 and results.count(True) == 39


def test_redis_forgets_after_the_window(redis_server_url, name):
    recent = SharedRecent(redis_server_url, name, 1)

    async def check():
        assert not await recent.seen("k")
        assert await recent.seen("k")
        await asyncio.sleep(1.3)
        assert not await recent.seen("k")
    run(check, recent)


def test_without_redis_the_process_remembers_and_the_log_says_why(caplog):
    recent = SharedRecent(f"redis://:geheim@127.0.0.1:{free_port()}/0", "down", 60)

    async def check():
        assert not await recent.seen("event:Ev1")
        assert await recent.seen("event:Ev1")  # a retry to the same process is still caught
    with caplog.at_level(logging.ERROR, logger="bot.channels.recent"):
        run(check, recent)
    assert "Redis at 127.0.0.1:" in caplog.text and "cannot be reached" in caplog.text
    assert "geheim" not in caplog.text  # the password stays out of the log
