"""Throughput and latency of the cluster: 1 Rasa replica + 1 action server against 2 + 2, in one run.

    python -m bot.bench_cluster [--messages 300] [--clients 10] [--profile]
    make bench-cluster

Both set-ups are `python -m bot.cluster` (bot/servers.py `cluster`) behind nginx, each on a fresh
PostgreSQL database (the tracker; dropped afterwards) and the machine's Redis (lock store), started one
after the other. After a warm-up (the first message of a replica builds TensorFlow's prediction graph),
`--clients` clients, each its own conversation, send `--messages` messages in all over the balancer's
REST webhook, one after another per client. Printed per set-up: messages per second, reply p50/p95,
and the CPU time per message of each kind of process, read from /proc before and after the load
(PostgreSQL's and Redis's are their whole servers', shared with anything else using them).
With --profile and py-spy installed (`pip install py-spy`; not a dependency of kwalibot), one Rasa
replica is sampled during the load and the share of its samples per part of the code is printed.
"""
from __future__ import annotations

import argparse
import collections
import contextlib
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Iterator

from bot.benchmark import KWALIBOT_QUESTIONS, _pct
from bot.cluster import DEFAULT_REDIS_URL, ensure_database
from bot.servers import ask, cluster, cluster_state

PG_SERVER = os.environ.get("KWALIBOT_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
SETUPS = [(1, 1), (2, 2)]
# Where a Rasa replica's CPU goes, by the code a sample is in (the first that matches, innermost frame outwards).
PARTS = [("tensorflow (DIET, TED: predicting)", ("tensorflow/", "keras/")),
         ("tracker store (SQLAlchemy, psycopg2)", ("sqlalchemy/", "psycopg2/", "tracker_store.py")),
         ("lock store (Redis)", ("redis/", "lock_store.py")),
         ("spaCy and featurizers", ("spacy/", "featurizers/", "tokenizers/")),
         ("events and tracker (de)serialising", ("rasa/shared/core/", "json/", "ujson")),
         ("kwalibot's NLU components", ("bot/nlu/",)),
         ("HTTP (sanic, aiohttp, asyncio)", ("sanic/", "aiohttp/", "asyncio/", "uvloop", "httptools")),
         ("rest of Rasa", ("rasa/",))]


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU seconds of these processes so far (gone ones count 0)."""
    tick, total = os.sysconf("SC_CLK_TCK"), 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(") ", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def pids_of(program: str) -> list[int]:
    """Processes whose command name is `program` (postgres, redis-server)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/comm"):
        try:
            if stat.read_text().strip() == program:
                found.append(int(stat.parent.name))
        except OSError:
            pass
    return found


def groups(folder: Path) -> dict:
    """The processes to measure, by kind: the cluster's children (nginx with its workers) and the stores."""
    children = cluster_state(folder)["children"]
    kinds: dict = collections.defaultdict(list)
    for name, child in children.items():
        kinds[name.split("-")[0]].append(child["pid"])
    kinds["nginx"] += [int(p) for pid in kinds["nginx"]
                       for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    kinds["postgres"], kinds["redis"] = pids_of("postgres"), pids_of("redis-server")
    return kinds


def load(port: int, messages: int, clients: int) -> tuple[list[float], float]:
    def client(n: int) -> list[float]:
        sender, times = f"bench-cluster-{n}-{uuid.uuid4().hex}", []
        for i in range(messages // clients):
            started = time.perf_counter()
            ask(port, sender, KWALIBOT_QUESTIONS[(n + i) % len(KWALIBOT_QUESTIONS)], timeout=120)
            times.append(1000 * (time.perf_counter() - started))
        return times

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        latencies = [t for times in pool.map(client, range(clients)) for t in times]
    return latencies, time.perf_counter() - started


def profile(pid: int, out: Path) -> subprocess.Popen:
    """py-spy sampling `pid` until it gets SIGINT (then it writes `out`); idle threads are not sampled."""
    return subprocess.Popen([shutil.which("py-spy"), "record", "--pid", str(pid), "--rate", "50", "--nonblocking",
                             "--format", "raw", "-o", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)


def parts(raw: Path) -> list[tuple[str, float]]:
    """Shares of py-spy's samples per part of the code, by the innermost frame that belongs to a part."""
    counts, total = collections.Counter(), 0
    for line in raw.read_text().splitlines():
        stack, _, n = line.rpartition(" ")
        frames = stack.split(";")
        total += int(n)
        name = next((part for frame in reversed(frames) for part, marks in PARTS
                     if any(mark in frame for mark in marks)), "other Python")
        counts[name] += int(n)
    return [(name, 100 * count / total) for name, count in counts.most_common()] if total else []


@contextlib.contextmanager
def fresh_database(server_url: str) -> Iterator[str]:
    """A new PostgreSQL database on the server of `server_url` for one set-up's conversations, dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"kwalibot_bench_{uuid.uuid4().hex[:10]}"
    url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
    ensure_database(url)
    try:
        yield url
    finally:
        admin = create_engine(server_url, future=True, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def measure(work: Path, rasa: int, actions: int, messages: int, clients: int, with_profile: bool) -> dict:
    folder = work / f"rasa{rasa}-actions{actions}"
    folder.mkdir()
    redis_url = os.environ.get("KWALIBOT_REDIS_URL") or DEFAULT_REDIS_URL
    print(f"starting {rasa} Rasa replica(s) and {actions} action server(s) …", file=sys.stderr)
    with fresh_database(PG_SERVER) as tracker, \
            cluster(folder, rasa, actions, {"KWALIBOT_TRACKER_URL": tracker, "KWALIBOT_REDIS_URL": redis_url}) as c:
        replicas = [child["port"] for name, child in cluster_state(folder)["children"].items()
                    if name.startswith("rasa-")]
        for port in replicas:  # every replica warm, each action server asked too
            for question in KWALIBOT_QUESTIONS:
                ask(port, f"warm-up-{uuid.uuid4().hex}", question, timeout=120)
        kinds = groups(folder)
        before = {kind: cpu_seconds(pids) for kind, pids in kinds.items()}
        sampler = profile(cluster_state(folder)["children"]["rasa-1"]["pid"], folder / "py-spy.txt") \
            if with_profile else None
        latencies, seconds = load(c["port"], messages, clients)
        after = {kind: cpu_seconds(pids) for kind, pids in kinds.items()}
        if sampler is not None:
            sampler.send_signal(signal.SIGINT)
            sampler.wait(120)
    done = len(latencies)
    return {"setup": f"{rasa} Rasa + {actions} actions", "throughput": done / seconds,
            "p50": statistics.median(latencies), "p95": _pct(latencies, 0.95),
            "cpu": {kind: 1000 * (after[kind] - before[kind]) / done for kind in before},
            "profile": parts(folder / "py-spy.txt") if (folder / "py-spy.txt").exists() else []}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=300)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--profile", action="store_true", help="sample one Rasa replica with py-spy")
    args = parser.parse_args()
    if args.profile and not shutil.which("py-spy"):
        parser.error("--profile needs py-spy on PATH (pip install py-spy)")
    work = Path(tempfile.mkdtemp(prefix="kwalibot-bench-cluster-"))
    results = [measure(work, rasa, actions, args.messages, args.clients, args.profile) for rasa, actions in SETUPS]
    kinds = ["rasa", "actions", "nginx", "postgres", "redis"]
    print(f"\n{args.clients} clients, {args.messages} messages, PostgreSQL tracker, Redis lock; logs in {work}")
    print(f"{'set-up':22} {'msg/s':>6} {'p50 ms':>7} {'p95 ms':>7}   CPU ms per message: "
          + " ".join(f"{k:>8}" for k in kinds))
    for r in results:
        print(f"{r['setup']:22} {r['throughput']:6.1f} {r['p50']:7.0f} {r['p95']:7.0f}   {'':20}"
              + " ".join(f"{r['cpu'].get(k, 0):8.1f}" for k in kinds))
    one, two = results
    print(f"2 replicas / 1: throughput {two['throughput'] / one['throughput']:.2f} (goal >= 1.5), "
          f"p95 {two['p95'] / one['p95']:.2f} (goal <= 1.2)")
    for r in results:
        if r["profile"]:
            print(f"\nwhere rasa-1's busy samples are ({r['setup']}, py-spy):")
            for name, share in r["profile"]:
                print(f"  {share:5.1f}%  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
