"""kwalibot at the scale of the kwalificatiestructuur: ~80 generated dossiers next to the three sources, in one run.

    python -m bot.bench_scale [--messages 200] [--work DIR]      # make bench-scale

Generates the dossiers in a temporary folder (knowledge.synthetic: the sources with SBB-shaped names,
other shapes, one broken file), builds their knowledge base (timed), generates the NLU data from it and
trains a model there with the project's config and domain (timed: the one training this takes), then
starts that bot and the same bot on the three sources (models/kwalibot.tar.gz, a knowledge base built
from knowledge/sources in the same folder) side by side, and reports: files rejected, crebo by name
with typos, false links on names that are not in the knowledge base, what a bare code gets, reply
p50/p95 of both (the same questions, asked in turns), and the memory (RSS) of each server.
"""
from __future__ import annotations

import argparse
import contextlib
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import yaml

from bot.benchmark import KWALIBOT_QUESTIONS, _pct
from bot.generate_nlu import TEMPLATES, generate as generate_nlu, to_yaml
from bot.run import ROOT, environment
from bot.servers import action_server, ask, free_port, rasa_server

BARE_CODES = ["P2-K1-W1", "B1-K1", "P1-K1"]


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (Sanic may fork), in MB."""
    total = 0
    for p in [pid, *_children(pid)]:
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
    return total / 1024


def _children(pid: int) -> list[int]:
    with contextlib.suppress(OSError):
        found = []
        for task in Path(f"/proc/{pid}/task").iterdir():
            found += [int(c) for c in (task / "children").read_text().split()]
        return found + [g for c in found for g in _children(c)]
    return []


def train(work: Path, url: str) -> tuple[Path, float]:
    """NLU from the scale knowledge base, then `rasa train` with the project's config, domain, rules and stories."""
    from knowledge.query import KnowledgeBase

    templates = yaml.safe_load(TEMPLATES.read_text(encoding="utf-8"))["templates"]
    generated = work / "nlu" / "kwalificaties.yml"
    generated.parent.mkdir(parents=True)
    generated.write_text(to_yaml(generate_nlu(KnowledgeBase(url), templates)), encoding="utf-8")
    data = sorted(str(p) for p in (ROOT / "data").glob("*.yml")) + sorted(str(p) for p in (ROOT / "data" / "nlu").glob("*.yml"))
    rasa = str(Path(sys.executable).with_name("rasa"))
    started = time.perf_counter()
    with open(work / "train.log", "wb") as log:
        subprocess.run([rasa, "train", "--quiet", "--config", "config.yml", "--domain", "domain.yml",
                        "--data", *data, str(generated), "--out", str(work / "models"),
                        "--fixed-model-name", "kwalibot-scale"],
                       cwd=ROOT, env={**environment(0), "KWALIBOT_DB_URL": url}, check=True, stdout=log,
                       stderr=subprocess.STDOUT, timeout=3600)
    return work / "models" / "kwalibot-scale.tar.gz", time.perf_counter() - started


def text_of(messages: list[dict]) -> str:
    return " ".join([m.get("text") or "" for m in messages] + [b.get("title", "") for m in messages
                                                                for b in m.get("buttons") or []])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=200, help="timed questions per bot")
    parser.add_argument("--work", type=Path, help="folder to work in (default: a new temporary one)")
    args = parser.parse_args()
    from knowledge.build import SOURCES_DIR, build
    from knowledge.query import KnowledgeBase
    from knowledge.synthetic import NOT_IN_THE_KNOWLEDGE_BASE, generate, typo

    work = args.work or Path(tempfile.mkdtemp(prefix="kwalibot-scale-"))
    g = generate(work / "sources")
    url = f"sqlite:///{work / 'scale.sqlite3'}"
    report = build(url, work / "sources", strict=False)
    three = f"sqlite:///{work / 'three.sqlite3'}"
    build(three, SOURCES_DIR)
    print(f"built {len(report.dossiers)} dossiers in {report.seconds:.1f} s; training …", file=sys.stderr)
    model, training = train(work, url)
    print(f"trained in {training:.0f} s; starting both bots …", file=sys.stderr)
    rows: list[tuple[str, str, str]] = [
        ("dossiers / qualifications", f"{len(report.dossiers)} / {len(KnowledgeBase(url).kwalificaties())}",
         f"{len(KnowledgeBase(three).dossiers())} / {len(KnowledgeBase(three).kwalificaties())}"),
        ("build time", f"{report.seconds:.1f} s", ""),
        ("training time (NLU generation + rasa train)", f"{training:.0f} s", ""),
        ("files rejected", ", ".join(r.file for r in report.rejected) or "none", ""),
    ]
    bots = {"scale": ({"KWALIBOT_DB_URL": url}, model), "three": ({"KWALIBOT_DB_URL": three}, None)}
    with contextlib.ExitStack() as stack:
        ports, pids = {}, {}
        for name, (env, m) in bots.items():
            aport, rport = free_port(), free_port()
            actions = stack.enter_context(action_server(aport, work / f"actions-{name}.log", env))
            rasa = stack.enter_context(rasa_server(rport, aport, work / f"rasa-{name}.log", env, model=m))
            ports[name], pids[name] = rport, (actions.pid, rasa.pid)
        say = {name: (lambda text, p=port: ask(p, f"scale-{uuid.uuid4().hex}", text, timeout=120))
               for name, port in ports.items()}
        for name in ports:
            say[name](KWALIBOT_QUESTIONS[0])  # warm-up
        right = asked = 0
        for q in g.with_crebo:
            for variant in (q.name, typo(q.name)):
                asked += 1
                right += q.crebo in text_of(say["scale"](f"geef het crebonummer van de {variant}"))
        rows.append(("crebo by name, as printed and with a typo", f"{right}/{asked} ({100 * right / asked:.1f} %)", ""))
        false = sum("ken ik niet" not in text_of(say["scale"](question.format(n)))
                    for n in NOT_IN_THE_KNOWLEDGE_BASE
                    for question in ("geef het crebonummer van de {}", "welk niveau heeft een {}?"))
        rows.append((f"false links ({2 * len(NOT_IN_THE_KNOWLEDGE_BASE)} questions, names not in the KB)", str(false), ""))
        for code in BARE_CODES:
            cells = []
            for name in ("scale", "three"):
                messages = say[name](f"wat houdt {code} in?")
                first = " ".join((messages[0].get("text") or "").split()) if messages else ""
                cells.append(f"{first[:60]}… [{sum(len(m.get('buttons') or []) for m in messages)} buttons]")
            rows.append((f"bare code '{code}'", *cells))
        latency: dict[str, list[float]] = {"scale": [], "three": []}
        for i in range(args.messages):  # in turns, so both bots meet the same load of a shared machine
            for name in ("scale", "three"):
                started = time.perf_counter()
                say[name](KWALIBOT_QUESTIONS[i % len(KWALIBOT_QUESTIONS)])
                latency[name].append(1000 * (time.perf_counter() - started))
        s, t = latency["scale"], latency["three"]
        rows.append(("reply p50 (ms)", f"{statistics.median(s):.0f}", f"{statistics.median(t):.0f}"))
        rows.append(("reply p95 (ms)", f"{_pct(s, 0.95):.0f}", f"{_pct(t, 0.95):.0f}"))
        rows.append(("p95 ratio scale / three", f"{_pct(s, 0.95) / _pct(t, 0.95):.2f} (target <= 1.2)", ""))
        for i, what in enumerate(("action server RSS (MB)", "Rasa server RSS (MB)")):
            rows.append((what, f"{rss_mb(pids['scale'][i]):.0f}", f"{rss_mb(pids['three'][i]):.0f}"))
    width = max(len(r[0]) for r in rows)
    print(f"{'':{width}}  {'80 dossiers':40}  3 sources")
    for label, a, b in rows:
        print(f"{label:{width}}  {a:40}  {b}")
    print(f"(work folder: {work})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
