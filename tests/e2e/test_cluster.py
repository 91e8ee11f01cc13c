"""The cluster of `make cluster` (python -m bot.cluster): 2 Rasa replicas and 2 action servers behind
the real nginx, on a fresh PostgreSQL database and the machine's Redis, every message through the
balancer. One cluster for the whole module (its start costs a minute or more).

(a) 20 conversations × 20 messages, 4 of a conversation in flight at once: every turn answered with
    the answer to its own question and kept once, in order, in the tracker.
(b) One Rasa replica and one action server killed (SIGKILL) under load: the only failed requests are
    the killed replica's in flight (nginx's access log names it), no conversation loses a turn that was
    answered, and the supervisor starts both again; every conversation then goes on, on the restarted
    replica too.
(c) SIGTERM to the cluster stops every one of its processes.
"""
from __future__ import annotations

import asyncio
import os
import signal
import threading
import time
from pathlib import Path

import aiohttp
import pytest

from bot import balancer, servers
from bot.servers import cluster_state
from tests.conftest import fresh_pg_database, require_model, service_missing
from tests.e2e.trackers import turns

CONVERSATIONS, MESSAGES, IN_FLIGHT = 20, 20, 4
APOLOGY = "Sorry, er ging bij mij iets mis"
# Business Services' profiles and how many werkprocessen each has: 20 questions with 20 distinct
# answers, so that an answer given to the wrong message shows.
PROFILES = [("P1", "Assistant Business Services", 2), ("P2", "Allround Assistant Business Services", 4),
            ("P3", "Office & Management Support Specialist", 4),
            ("P4", "Business Administration & Control Specialist", 4),
            ("P5", "Legal, Insurance & HR Services Specialist", 3), ("P6", "Marketing & Communication Specialist", 3)]
QUESTIONS = [(f"wat is {p}-K1-W{w} bij {title}?", f"{p}-K1-W{w}", title)
             for p, title, count in PROFILES for w in range(1, count + 1)]


def question(n: int) -> tuple[str, str, str]:
    """Message n of a conversation, and the code and the profile its answer must name."""
    return QUESTIONS[n % len(QUESTIONS)]


def wait_for(condition, timeout: float, what: str, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen within {timeout:.0f} s; see {log}:\n"
                                 + log.read_text()[-3000:])
        time.sleep(0.5)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, pg_server_url, redis_url):
    require_model()
    if balancer.nginx_binary() is None:
        service_missing("nginx is not installed: `make nginx` installs Debian's package (make test does, as root)")
    started = time.monotonic()
    with fresh_pg_database(pg_server_url) as tracker, \
            servers.cluster(tmp_path_factory.mktemp("cluster"), 2, 2,
                            {"KWALIBOT_TRACKER_URL": tracker, "KWALIBOT_REDIS_URL": redis_url}) as running:
        print(f"cluster ready in {time.monotonic() - started:.0f} s")
        yield running


class Load:
    """Conversations sending over the balancer; each message is recorded with its status and answer."""

    def __init__(self, port: int, senders: list[str]) -> None:
        self.url = f"http://127.0.0.1:{port}/webhooks/rest/webhook"
        self.senders = senders
        self.sent = {s: {} for s in senders}  # sender → n → record
        self.arrivals = {s: [] for s in senders}

    async def send(self, http: aiohttp.ClientSession, sender: str, n: int) -> None:
        record = self.sent[sender][n] = {"started": time.monotonic(), "status": None, "texts": []}
        try:
            async with http.post(self.url, json={"sender": sender, "message": question(n)[0],
                                                 "metadata": {"n": n}}) as r:
                record["status"] = r.status
                record["texts"] = [m.get("text") or "" for m in await r.json()] if r.status == 200 else []
        except (aiohttp.ClientError, asyncio.TimeoutError) as error:
            record["texts"] = [repr(error)]
        self.arrivals[sender].append(n)

    async def conversation(self, sender: str, bursts, in_flight: int) -> None:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=180)) as http:
            n = len(self.sent[sender])
            for _ in bursts:
                await asyncio.gather(*(self.send(http, sender, n + i) for i in range(in_flight)))
                n += in_flight

    def run(self, bursts_of, in_flight: int) -> None:
        async def everyone():
            await asyncio.gather(*(self.conversation(s, bursts_of(), in_flight) for s in self.senders))
        asyncio.run(everyone())


def problems(load: Load, sender: str, kept: list[tuple[int, list[str]]], in_flight: int) -> dict:
    """What went wrong in one conversation, counted; a message without an answer (its replica was
    killed) may be kept or not, but not twice."""
    sent, numbers = load.sent[sender], [n for n, _ in kept]
    answered = {n for n, record in sent.items() if record["status"] == 200}
    return {
        "lost turns": len(answered - set(numbers)),
        "duplicated turns": len(numbers) - len(set(numbers)),
        "unknown turns": len(set(numbers) - set(sent)),
        "wrong answers": sum(not (question(n)[1] in " ".join(sent[n]["texts"]) and question(n)[2] in
                                  " ".join(sent[n]["texts"])) for n in answered),
        "apologies": sum(" ".join(sent[n]["texts"]).startswith(APOLOGY) for n in answered),
        # served one at a time: the bot texts after a user turn are the answer that turn got
        "answers not after their own turn": sum(texts != sent[n]["texts"] for n, texts in kept if n in answered),
        # in the order the answers came back, and a burst's turns before the next burst's
        "out of order": int(numbers != [n for n in load.arrivals[sender] if n in set(numbers)]
                            or [n // in_flight for n in numbers] != sorted(n // in_flight for n in numbers)),
    }


def totals(load: Load, rasa_port: int, in_flight: int) -> dict:
    result: dict = {}
    for sender in load.senders:
        for name, count in problems(load, sender, turns(rasa_port, sender), in_flight).items():
            result[name] = result.get(name, 0) + count
    return result


def test_a_two_replicas_behind_nginx_lose_no_turn_and_keep_the_order(cluster):
    load = Load(cluster["port"], [f"cluster-a-{time.time_ns()}-{i}" for i in range(CONVERSATIONS)])
    started = time.monotonic()
    load.run(lambda: range(MESSAGES // IN_FLIGHT), IN_FLIGHT)
    seconds = time.monotonic() - started
    rasa_port = cluster_state(cluster["folder"])["children"]["rasa-1"]["port"]
    found = totals(load, rasa_port, IN_FLIGHT)
    statuses = [r["status"] for sent in load.sent.values() for r in sent.values()]
    summary = (f"{len(statuses)} messages through nginx in {seconds:.1f} s, not 200: "
               f"{sum(s != 200 for s in statuses)}; " + ", ".join(f"{k}: {v}" for k, v in found.items()))
    print(summary)
    assert len(statuses) == CONVERSATIONS * MESSAGES
    assert statuses == [200] * len(statuses) and not any(found.values()), summary
    # both replicas answered (nginx's access log names the upstream of every message)
    ports = {c["port"] for name, c in cluster_state(cluster["folder"])["children"].items() if name.startswith("rasa-")}
    access = (cluster["folder"] / "nginx-access.log").read_text()
    assert all(f"upstream=127.0.0.1:{p} upstream_status=200" in access for p in ports)


def gone(pid: int) -> bool:
    """Ended (a zombie that its parent has not reaped yet counts as ended)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(") ", 1)[1].startswith("Z")
    except FileNotFoundError:
        return True


def failed_upstreams(access_log: Path) -> list[str]:
    """The upstream of every webhook request that nginx answered with a 5xx."""
    result = []
    for line in access_log.read_text().splitlines():
        if "/webhooks/rest/webhook" in line and '" 5' in line:
            result.append(line.split("upstream=", 1)[1].split(" ", 1)[0])
    return result


def test_b_a_killed_replica_and_action_server_cost_only_their_requests_in_flight_and_come_back(cluster):
    folder, log = cluster["folder"], cluster["log"]
    before = cluster_state(folder)["children"]
    killed = {name: before[name] for name in ("rasa-1", "actions-1")}
    load = Load(cluster["port"], [f"cluster-b-{time.time_ns()}-{i}" for i in range(10)])
    stop = threading.Event()
    runner = threading.Thread(target=load.run, args=(lambda: iter(lambda: stop.is_set(), True), 2))
    runner.start()
    time.sleep(3)  # under load
    for child in killed.values():
        os.kill(child["pid"], signal.SIGKILL)
    wait_for(lambda: all(gone(c["pid"]) for c in killed.values()), 30, "the end of the killed processes", log)
    ended = time.monotonic()
    time.sleep(5)  # the load goes on, on the other replica and action server
    stop.set()
    runner.join(240)
    assert not runner.is_alive()

    def restarted() -> bool:
        now = cluster_state(folder)["children"]
        return all(now[name]["starts"] == 2 and now[name]["ready"] and now[name]["pid"] != c["pid"]
                   for name, c in killed.items())
    restart_started = time.monotonic()
    wait_for(restarted, 480, "the restart of rasa-1 and actions-1", log)
    restart_seconds = time.monotonic() - restart_started
    supervisor_log = log.read_text()
    for name, child in killed.items():
        assert f"{name} (pid {child['pid']}) ended with signal SIGKILL after " in supervisor_log

    # every conversation goes on, through the balancer and on the restarted replica itself
    restarted_port = cluster_state(folder)["children"]["rasa-1"]["port"]
    assert restarted_port == killed["rasa-1"]["port"]
    load.run(lambda: range(1), 1)
    direct = Load(restarted_port, load.senders)
    direct.sent, direct.arrivals = load.sent, load.arrivals  # one record per conversation
    direct.run(lambda: range(1), 1)

    records = [r for sent in load.sent.values() for r in sent.values()]
    failures = [r for r in records if r["status"] != 200]
    upstreams = failed_upstreams(folder / "nginx-access.log")
    found = totals(load, restarted_port, 1)  # bursts differ between the phases: order by answers only
    found.pop("out of order")
    summary = (f"{len(records)} messages, {len(failures)} failed ({sorted({r['status'] for r in failures})}), "
               f"5xx upstreams {upstreams}; restarted and ready {restart_seconds:.0f} s after the load; "
               + ", ".join(f"{k}: {v}" for k, v in found.items()))
    print(summary)
    assert all(r["status"] is not None and r["status"] >= 500 for r in failures), summary
    # only requests that the killed replica had taken before it was gone
    assert all(r["started"] < ended for r in failures), summary
    assert len(upstreams) == len(failures) and set(upstreams) <= {f"127.0.0.1:{killed['rasa-1']['port']}"}, summary
    assert len(failures) <= len(load.senders) * 2, summary  # at most what was in flight at once
    assert not any(found.values()), summary


def test_c_sigterm_stops_every_process_of_the_cluster(cluster):
    pids = [c["pid"] for c in cluster_state(cluster["folder"])["children"].values()]
    assert all(pids)
    cluster["process"].send_signal(signal.SIGTERM)
    assert cluster["process"].wait(90) == 0
    assert all(gone(pid) for pid in pids), [p for p in pids if not gone(p)]
    assert not any(c["pid"] for c in cluster_state(cluster["folder"])["children"].values())
