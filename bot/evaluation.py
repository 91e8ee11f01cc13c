"""Answer-quality benchmark: ask the running bot every question of an eval file over REST.

    python -m bot.evaluation [--file tests/eval/dev_questions.yaml] [--port 5005] [--start]
    python -m bot.evaluation --in-process [--file ...]   # no servers: the model's NLU + questions.respond

Each item is one conversation (a fresh sender id); the checks apply to everything the
bot said in reply to the last turn (texts, button titles, custom payloads), matched as
described in the eval README: lower case, accents removed, non-alphanumerics as one
space; a check of only digits or of 3 characters or fewer must match a whole word.
Prints accuracy per category and reply latency p50/p95.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import time
import unicodedata
import uuid
from collections import defaultdict
from pathlib import Path

import yaml

from bot.servers import answers, ask, kwalibot

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FILE = ROOT / "tests" / "eval" / "dev_questions.yaml"


def normalize(text: str) -> str:
    folded = "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", folded).split())


def contains(haystack: str, needle: str) -> bool:
    needle = normalize(needle)
    if needle.isdigit() or len(needle) <= 3:
        return re.search(rf"(?:^| ){re.escape(needle)}(?: |$)", haystack) is not None
    return needle in haystack


def passes(reply: str, item: dict) -> bool:
    def all_of(checks) -> bool:
        return all(any(contains(reply, c) for c in (check if isinstance(check, list) else [check]))
                   for check in checks)

    ok = any(all_of(option) for option in item["alt"]) if "alt" in item else all_of(item.get("must", []))
    return ok and not any(contains(reply, c) for c in item.get("must_not", []))


def reply_text(messages: list[dict]) -> str:
    parts = []
    for m in messages:
        parts.append(m.get("text") or "")
        parts += [b.get("title", "") for b in m.get("buttons") or []]
        if m.get("custom") is not None:
            parts.append(json.dumps(m["custom"], ensure_ascii=False))
    return normalize(" ".join(parts))


def over_rest(port: int):
    """Conversations with a running kwalibot over REST, one fresh sender id each."""
    def conversation(item_id: str):
        sender = f"eval-{item_id}-{uuid.uuid4().hex[:8]}"
        return lambda text: ask(port, sender, text)
    return conversation


def in_process(model: Path):
    """Conversations without servers: the trained model's NLU, the channel's screening and the same
    `questions.respond` the action runs, with the remembered question carried from turn to turn."""
    import asyncio

    from rasa.core.agent import Agent

    from bot.channels.guard import screen
    from knowledge.query import KnowledgeBase
    from questions.conversation import respond

    loop = asyncio.new_event_loop()
    agent = Agent.load(str(model))
    _quiet()
    kb = KnowledgeBase()

    def conversation(item_id: str):
        state: dict = {"vraag": None}

        def turn(text: str) -> list[dict]:
            screened = screen(text)
            if screened.reply:
                return [{"text": screened.reply}]
            nlu = loop.run_until_complete(agent.parse_message(screened.text))
            messages, state["vraag"], _, _ = respond(nlu, state["vraag"], kb)
            return messages
        return turn
    return conversation


def knowledge_base_with(extra: list[Path]) -> str:
    """A temporary knowledge base of the project's sources plus extra dossiers: what a school gets when it
    adds a file to knowledge/sources/ and a manifest line."""
    import shutil

    from knowledge.build import SOURCES_DIR, build

    folder = Path(tempfile.mkdtemp(prefix="kwalibot-sources-"))
    for f in SOURCES_DIR.iterdir():
        shutil.copy(f, folder / f.name)
    manifest = yaml.safe_load((folder / "sources.yml").read_text(encoding="utf-8"))
    for f in extra:
        shutil.copy(f, folder / f.name)
        manifest["dossiers"].append({"file": f.name, "format": "kd-markdown"})
    (folder / "sources.yml").write_text(yaml.safe_dump(manifest, allow_unicode=True), encoding="utf-8")
    url = f"sqlite:///{folder / 'kb.sqlite3'}"
    build(url, folder)
    return url


def _quiet() -> None:
    """Rasa logs every parse at debug level through structlog: keep the report readable."""
    import logging

    import structlog

    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    logging.getLogger("rasa").setLevel(logging.WARNING)


def run(items: list[dict], conversation, verbose: bool = False) -> dict:
    by_category: dict[str, list[bool]] = defaultdict(list)
    latencies, failures = [], []
    for item in items:
        say = conversation(item["id"])
        messages: list[dict] = []
        for turn in item["turns"]:
            started = time.perf_counter()
            messages = say(turn)
            latencies.append(1000 * (time.perf_counter() - started))
        text = reply_text(messages)
        ok = passes(text, item)
        by_category[item["cat"]].append(ok)
        if not ok:
            failures.append((item, " | ".join(m.get("text") or "" for m in messages)))
    if verbose:
        for item, got in failures:
            print(f"FAIL {item['id']} [{item['cat']}] {item['turns'][-1]!r}\n     -> {got[:300]!r}")
    total = sum(sum(v) for v in by_category.values())
    count = sum(len(v) for v in by_category.values())
    ordered = sorted(latencies)
    return {
        "overall": total / count,
        "categories": {cat: (sum(v), len(v)) for cat, v in sorted(by_category.items())},
        "p50_ms": statistics.median(latencies),
        "p95_ms": ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))],
        "failures": [item["id"] for item, _ in failures],
    }


def report(result: dict) -> None:
    for cat, (ok, n) in result["categories"].items():
        print(f"{cat:18} {ok:3d}/{n:<3d} {100 * ok / n:5.1f} %")
    print(f"{'overall':18} {100 * result['overall']:.1f} %   reply latency p50 {result['p50_ms']:.0f} ms, "
          f"p95 {result['p95_ms']:.0f} ms")
    if result["failures"]:
        print("failed:", ", ".join(result["failures"]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--port", type=int, default=5005, help="a running kwalibot's Rasa port")
    parser.add_argument("--start", action="store_true", help="start kwalibot on free ports if none answers")
    parser.add_argument("--in-process", action="store_true", help="no servers: load the model and answer in this process")
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "kwalibot.tar.gz")
    parser.add_argument("--with-dossier", type=Path, action="append", default=[], metavar="FILE",
                        help="also build this kd-markdown dossier into a temporary knowledge base (a rebuild, no retraining)")
    parser.add_argument("-v", "--verbose", action="store_true", help="show each failing reply")
    args = parser.parse_args()
    items = yaml.safe_load(args.file.read_text(encoding="utf-8"))
    if args.with_dossier:
        os.environ["KWALIBOT_DB_URL"] = knowledge_base_with(args.with_dossier)
    if args.in_process:
        report(run(items, in_process(args.model), args.verbose))
        return 0
    if answers(f"http://127.0.0.1:{args.port}/webhooks/rest/") or not args.start:
        report(run(items, over_rest(args.port), args.verbose))
        return 0
    logs = Path(tempfile.mkdtemp(prefix="kwalibot-eval-"))
    with kwalibot(logs) as servers:
        report(run(items, over_rest(servers["port"]), args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
