"""Memory of recently seen keys, so that redelivered or replayed requests are answered once.

Slack retries events and Teams redelivers activities; both channels remember what they answered
(and Slack which signatures were used) for a while. With KWALIBOT_REDIS_URL set, that memory is in
Redis and shared by every Rasa replica, so a retry that a load balancer sends to another replica is
still answered once; without it, each Rasa process remembers for itself.
"""
from __future__ import annotations

import asyncio
import logging
import os
import time
from collections import OrderedDict
from typing import Optional, Union
from urllib.parse import urlsplit

from redis.asyncio import Redis
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

REDIS_URL_VAR = "KWALIBOT_REDIS_URL"


class Recent:
    """Keys seen in the last `ttl` seconds (bounded), in this process."""

    def __init__(self, ttl: float, max_items: int = 10000) -> None:
        self.ttl, self.max_items = ttl, max_items
        self._seen: "OrderedDict[str, float]" = OrderedDict()

    async def seen(self, key: str) -> bool:
        """Whether `key` was seen before; remembers it."""
        return self.seen_at(key, time.monotonic())

    def seen_at(self, key: str, now: float) -> bool:
        while self._seen and next(iter(self._seen.values())) < now - self.ttl:
            self._seen.popitem(last=False)
        if key in self._seen:
            return True
        self._seen[key] = now
        while len(self._seen) > self.max_items:
            self._seen.popitem(last=False)
        return False

    async def close(self) -> None:
        """Nothing to let go of (the same call as SharedRecent's)."""


class SharedRecent:
    """Keys seen in the last `ttl` seconds by any replica, in Redis under `kwalibot:seen:<name>:<key>`.

    `SET key 1 NX EX ttl` remembers and asks in one atomic step: of two replicas that get the same
    key at the same moment, exactly one sets it and answers. Redis forgets the key after `ttl`.
    """

    def __init__(self, url: str, name: str, ttl: int) -> None:
        self.url, self.ttl = url, int(ttl)
        self.prefix = f"kwalibot:seen:{name}:"
        self.local = Recent(ttl)  # while Redis cannot be reached
        self._redis: Optional[Redis] = None
        self._loop: Optional[asyncio.AbstractEventLoop] = None

    def _client(self) -> Redis:
        # redis.asyncio connections belong to one event loop: one client per loop (the server has one).
        loop = asyncio.get_running_loop()
        if self._redis is None or self._loop is not loop:
            self._redis = Redis.from_url(self.url, socket_timeout=2, socket_connect_timeout=2)
            self._loop = loop
        return self._redis

    async def seen(self, key: str) -> bool:
        try:
            first = await self._client().set(self.prefix + key, b"1", nx=True, ex=self.ttl)
        except (RedisError, OSError) as error:
            # Answering twice beats not answering: fall back to this process's memory, and say so.
            logger.error("channel memory: Redis at %s cannot be reached (%r); %s%s is remembered by this "
                         "process only", where(self.url), error, self.prefix, key)
            return self.local.seen_at(key, time.monotonic())
        return not first

    async def close(self) -> None:
        if self._redis is not None:
            await self._redis.close(close_connection_pool=True)
            self._redis = None


def where(url: str) -> str:
    """host:port/db of a Redis URL, without the password, for logs."""
    parts = urlsplit(url)
    return f"{parts.hostname}:{parts.port or 6379}{parts.path or ''}"


def describe(memory: Union[Recent, SharedRecent]) -> str:
    """Where a channel memory lives, for the start-up log."""
    if isinstance(memory, SharedRecent):
        return f"in Redis at {where(memory.url)} (shared by all replicas)"
    return f"in this process only (set {REDIS_URL_VAR} to share it between replicas)"


def memory(name: str, ttl: int, url: Optional[str] = None) -> Union[Recent, SharedRecent]:
    """The channel memory `name`: in Redis when KWALIBOT_REDIS_URL (or `url`) is set, else in this process."""
    url = url if url is not None else os.environ.get(REDIS_URL_VAR, "").strip()
    return SharedRecent(url, name, ttl) if url else Recent(ttl)
