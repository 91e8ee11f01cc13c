"""Answer-quality benchmark: ask the running bot every question of an eval file over REST.

    python -m bot.evaluation [--file tests/eval/dev_questions.yaml] [--port 5005] [--start]

Each item is one conversation (a fresh sender id); the checks apply to everything the
bot said in reply to the last turn (texts, button titles, custom payloads), matched as
described in the eval README: lower case, accents removed, non-alphanumerics as one
space; a check of only digits or of 3 characters or fewer must match a whole word.
Prints accuracy per category and reply latency p50/p95.
"""
from __future__ import annotations

import argparse
import json
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


def run(items: list[dict], port: int, verbose: bool = False) -> dict:
    by_category: dict[str, list[bool]] = defaultdict(list)
    latencies, failures = [], []
    for item in items:
        sender = f"eval-{item['id']}-{uuid.uuid4().hex[:8]}"
        messages: list[dict] = []
        for turn in item["turns"]:
            started = time.perf_counter()
            messages = ask(port, sender, turn)
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
    parser.add_argument("-v", "--verbose", action="store_true", help="show each failing reply")
    args = parser.parse_args()
    items = yaml.safe_load(args.file.read_text(encoding="utf-8"))
    if answers(f"http://127.0.0.1:{args.port}/webhooks/rest/") or not args.start:
        report(run(items, args.port, args.verbose))
        return 0
    logs = Path(tempfile.mkdtemp(prefix="kwalibot-eval-"))
    with kwalibot(logs) as servers:
        report(run(items, servers["port"], args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
