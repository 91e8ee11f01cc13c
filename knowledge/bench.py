"""Benchmark: how long a build takes and how fast the query API answers (p50/p95).

The queries are derived from the knowledge base itself (every qualification
name, every werkproces code, every fact, a search per werkproces title), so the
figures cover the whole base rather than a hand-picked handful.
"""
from __future__ import annotations

import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from knowledge.build import build
from knowledge.query import FACT_FIELDS, KnowledgeBase


@dataclass
class Timing:
    name: str
    count: int
    p50_ms: float
    p95_ms: float
    max_ms: float


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _time(name: str, calls: list[Callable[[], object]], rounds: int) -> Timing:
    samples = []
    for _ in range(rounds):
        for call in calls:
            started = time.perf_counter()
            call()
            samples.append(1000 * (time.perf_counter() - started))
    return Timing(name, len(samples), statistics.median(samples), _percentile(samples, 0.95), max(samples))


def run(url: str | None = None, rounds: int = 3) -> tuple[list[float], list[Timing]]:
    """Build `rounds` times (into a temporary SQLite file unless `url` is given), then time queries."""
    with tempfile.TemporaryDirectory() as tmp:
        target = url or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        build_seconds = [build(target).seconds for _ in range(rounds)]
        kb = KnowledgeBase(target)
        started = time.perf_counter()
        kb.dossiers()
        build_seconds.append(time.perf_counter() - started)  # last entry: first load into a reader
        kwalificaties = kb.kwalificaties()
        codes = [(k, wp.code) for k in kwalificaties for _, wp in kb.werkprocessen(k)]
        titles = [wp.title for d in kb.dossiers() for wp in d.all_werkprocessen()]
        timings = [
            _time("find (name)", [lambda k=k: kb.find(k.title.lower()) for k in kwalificaties], rounds),
            _time("werkproces (code)", [lambda k=k, c=c: kb.werkproces(c, k) for k, c in codes], rounds),
            _time("werkproces (short code)", [lambda k=k, c=c: kb.werkproces(c.split("-")[-1], k) for k, c in codes],
                  rounds),
            _time("fact", [lambda k=k, f=f: kb.fact(k, f) for k in kwalificaties for f in FACT_FIELDS], rounds),
            _time("search", [lambda t=t: kb.search(t) for t in titles], rounds),
        ]
    return build_seconds, timings
