"""Memory of recently seen keys, so that redelivered or replayed requests are answered once.

Slack retries events and Teams redelivers activities; both channels remember what they
answered (and Slack which signatures were used) for a while, in the Rasa process.
"""
from __future__ import annotations

import time
from collections import OrderedDict
from typing import Optional


class Recent:
    """Keys seen in the last `ttl` seconds (bounded): duplicates and replays."""

    def __init__(self, ttl: float, max_items: int = 10000) -> None:
        self.ttl, self.max_items = ttl, max_items
        self._seen: "OrderedDict[str, float]" = OrderedDict()

    def seen(self, key: str, now: Optional[float] = None) -> bool:
        """Whether `key` was seen before; remembers it."""
        now = time.monotonic() if now is None else now
        while self._seen and next(iter(self._seen.values())) < now - self.ttl:
            self._seen.popitem(last=False)
        if key in self._seen:
            return True
        self._seen[key] = now
        while len(self._seen) > self.max_items:
            self._seen.popitem(last=False)
        return False
