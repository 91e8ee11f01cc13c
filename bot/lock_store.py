"""A Redis lock store whose tickets cannot get lost between Rasa replicas.

Rasa serialises the messages of one conversation with a ticket lock: each message takes a ticket
and waits until it is the lowest one. Rasa 3.6's RedisLockStore keeps the lock as one JSON value and
changes it by read, change in Python, write back (issuing a ticket, dropping expired ones while
waiting, returning a ticket and deleting the emptied lock). Two replicas doing that at once
overwrite each other's change: a ticket disappears, two messages are served at once, both start from
the same conversation state and the tracker store keeps only one of them (a lost turn; see
tests/e2e/test_replicas.py). Here every such change is one Redis transaction (WATCH/MULTI/EXEC),
redone when another process wrote the lock in between. The lock's format and its keys are Rasa's.

A ticket waiting its turn is kept alive: each round of waiting renews its expiry. In Rasa's own
waiting every ticket expires `lock_lifetime` after it was issued, so when a replica dies while serving
a message (its ticket is never returned), the messages of that conversation waiting behind it,
issued within the same second, expire together with the dead ticket; the lock is then empty and
each of them fails with "Could not acquire lock" (an apology, the turn lost). Renewed, they wait
until the dead ticket expires and are then served in order (tests/e2e/test_cluster.py kills a
replica under load).

endpoints: `lock_store: {type: bot.lock_store.AtomicRedisLockStore, url: host, port: 6379, db: 1,
password: …}`, the keys of Rasa's `type: redis` (written by bot.endpoints from KWALIBOT_REDIS_URL).
"""
from __future__ import annotations

import asyncio
import contextlib
import json
import time
from typing import AsyncGenerator, Callable, Text, TypeVar

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

T = TypeVar("T")


class AtomicRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: EndpointConfig) -> None:
        # Rasa builds a custom lock store from its endpoint config alone.
        super().__init__(host=endpoint_config.url or "localhost", **endpoint_config.kwargs)

    def _change(self, conversation_id: Text, change: Callable[[TicketLock], T]) -> T:
        """Apply `change` to the stored lock as one transaction; an emptied lock is deleted in it."""
        key = self.key_prefix + conversation_id

        def transaction(pipe) -> T:
            stored = pipe.get(key)  # WATCHed: EXEC fails, and this runs again, if anyone writes `key` meanwhile
            lock = TicketLock.from_dict(json.loads(stored)) if stored else self.create_lock(conversation_id)
            result = change(lock)
            lock.remove_expired_tickets()
            pipe.multi()
            if lock.tickets:
                pipe.set(key, lock.dumps())
            else:
                pipe.delete(key)
            return result

        return self.red.transaction(transaction, key, value_from_callable=True)

    def issue_ticket(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME) -> int:
        try:
            return self._change(conversation_id, lambda lock: lock.issue_ticket(lock_lifetime))
        except Exception as error:  # as Rasa's: the channel logs it and apologises
            raise LockError(f"Could not issue a lock ticket for conversation '{conversation_id}' "
                            f"(Redis lock store): {error}") from error

    @contextlib.asynccontextmanager
    async def lock(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME,
                   wait_time_in_seconds: float = 1) -> AsyncGenerator[TicketLock, None]:
        """Rasa's ticket lock (issue a ticket, wait until it is served, return it), with the waiting
        ticket renewed in every round of waiting."""
        ticket = self.issue_ticket(conversation_id, lock_lifetime)
        try:
            yield await self._wait_for_turn(conversation_id, ticket, lock_lifetime, wait_time_in_seconds)
        finally:
            self.cleanup(conversation_id, ticket)

    async def _wait_for_turn(self, conversation_id: Text, ticket: int, lifetime: float, wait: float) -> TicketLock:
        def turn(lock: TicketLock) -> str:
            """'served', 'gone' (the ticket expired: waited longer than its lifetime in one round), or
            'waiting' with the ticket's expiry renewed."""
            lock.remove_expired_tickets()
            mine = next((t for t in lock.tickets if t.number == ticket), None)
            if mine is None:
                return "gone"
            if not lock.is_locked(ticket):
                return "served"
            mine.expires = max(mine.expires, time.time() + lifetime)
            return "waiting"

        while True:
            try:
                now = self._change(conversation_id, turn)
            except Exception as error:  # as issue_ticket: named in the log, an apology to the user
                raise LockError(f"Could not wait for the lock of conversation '{conversation_id}' "
                                f"(Redis lock store): {error}") from error
            if now == "served":
                return self.get_lock(conversation_id)
            if now == "gone":
                raise LockError(f"Could not acquire lock for conversation_id '{conversation_id}': "
                                f"its ticket {ticket} expired while waiting")
            await asyncio.sleep(wait)

    def update_lock(self, conversation_id: Text) -> None:
        self._change(conversation_id, lambda lock: None)  # drops expired tickets

    def cleanup(self, conversation_id: Text, ticket_number: int) -> None:
        self._change(conversation_id, lambda lock: lock.remove_ticket_for(ticket_number))

    # Rasa's unconditional writes would undo a concurrent transaction; nothing here needs them.
    def save_lock(self, lock: TicketLock) -> None:
        raise NotImplementedError("AtomicRedisLockStore changes locks only in transactions (_change)")
