"""Latency and throughput of kwalibot's REST channel next to a plain `rasa init` bot, in one run.

    python -m bot.benchmark [--messages 200] [--clients 10]

Both bots run on this machine at the same time of measuring: the plain bot is
created with `rasa init` in a temporary folder (trained there), kwalibot from
models/. Both keep their conversations the same way, in a SQLite file of Rasa's SQL tracker
store (kwalibot's default since conversations survive a restart), so the ratio compares the bots, not
their stores. Three loads per bot: sequential messages from fresh senders, a long conversation
(latency grows with tracker length), and concurrent clients; and kwalibot's cold start (its two servers
from start to answering, which is what `make run` waits for).
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bot.run import environment
from bot.servers import ask, free_port, kwalibot, stop, wait_until

KWALIBOT_QUESTIONS = [
    "op welk niveau zit de marketing en communication specialist",
    "W2 bij office & management support, wat houdt dat in?",
    "geef me graag alle werkprocessen van consulent commerciële arbeidsbemiddeling",
    "bij welke werkprocessen gaat het om offertes?",
    "hallo",
]
PLAIN_QUESTIONS = ["hello", "I am sad", "yes", "are you a bot?", "bye"]


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(port: int, questions: list[str], messages: int, clients: int) -> dict:
    fresh = []
    for i in range(messages):
        started = time.perf_counter()
        ask(port, f"bench-{uuid.uuid4().hex}", questions[i % len(questions)])
        fresh.append(1000 * (time.perf_counter() - started))
    long_sender, long = f"bench-long-{uuid.uuid4().hex}", []
    for i in range(messages):
        started = time.perf_counter()
        ask(port, long_sender, questions[i % len(questions)])
        long.append(1000 * (time.perf_counter() - started))

    def client(n: int) -> None:
        sender = f"bench-c{n}-{uuid.uuid4().hex}"
        for i in range(messages // clients):
            ask(port, sender, questions[i % len(questions)], timeout=60)

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(client, range(clients)))
    throughput = (messages // clients) * clients / (time.perf_counter() - started)
    return {"p50": statistics.median(fresh), "p95": _pct(fresh, 0.95), "long_p50": statistics.median(long),
            "long_p95": _pct(long, 0.95), "throughput": throughput}


def plain_bot(folder: Path) -> Path:
    folder.mkdir(parents=True)
    rasa = str(Path(sys.executable).with_name("rasa"))
    subprocess.run([rasa, "init", "--no-prompt", "--init-dir", str(folder)], check=True, cwd=folder,
                   env=environment(5055), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=900)
    return next((folder / "models").glob("*.tar.gz"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=200)
    parser.add_argument("--clients", type=int, default=10)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kwalibot-bench-"))
    print("training the plain `rasa init` bot …", file=sys.stderr)
    plain_model = plain_bot(work / "plain")
    rasa = str(Path(sys.executable).with_name("rasa"))
    plain_port = free_port()
    endpoints = work / "plain" / "endpoints-bench.yml"
    endpoints.write_text("tracker_store:\n  type: SQL\n  dialect: sqlite\n"
                         f"  db: {work / 'plain' / 'conversations.sqlite3'}\n")
    plain = subprocess.Popen([rasa, "run", "--model", str(plain_model), "--port", str(plain_port),
                              "--endpoints", str(endpoints)],
                             cwd=work / "plain", env=environment(5055), stdout=open(work / "plain.log", "wb"),
                             stderr=subprocess.STDOUT)
    results = {}
    try:
        wait_until(f"http://127.0.0.1:{plain_port}/webhooks/rest/", plain, 240, work / "plain.log")
        started = time.monotonic()
        with kwalibot(work) as servers:
            cold_start = time.monotonic() - started  # both servers answering, as `make run` needs
            for name, port, questions in (("plain rasa init", plain_port, PLAIN_QUESTIONS),
                                          ("kwalibot", servers["port"], KWALIBOT_QUESTIONS)):
                ask(port, "warm-up", questions[0], timeout=120)
                results[name] = measure(port, questions, args.messages, args.clients)
    finally:
        stop(plain)
    print(f"{'bot':16} {'p50 ms':>7} {'p95 ms':>7} {'long p50':>9} {'long p95':>9} {'msg/s':>7}")
    for name, r in results.items():
        print(f"{name:16} {r['p50']:7.0f} {r['p95']:7.0f} {r['long_p50']:9.0f} {r['long_p95']:9.0f} "
              f"{r['throughput']:7.1f}")
    print(f"cold start of kwalibot (action server and Rasa, from start to answering): {cold_start:.0f} s (goal < 40)")
    k, p = results["kwalibot"], results["plain rasa init"]
    print(f"ratio kwalibot/plain: p95 {k['p95'] / p['p95']:.2f} (target <= 0.8), "
          f"long-conversation p95 {k['long_p95'] / p['long_p95']:.2f}, throughput {k['throughput'] / p['throughput']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
