"""`python -m knowledge`: build, check and add dossiers; inspect and export the knowledge base.

A thin layer over knowledge.build / knowledge.query / knowledge.export.
"""
from __future__ import annotations

import json
import sys
import time

import click

from knowledge import db

URL_OPTION = click.option("--url", envvar="KWALIBOT_DB_URL", default=None,
                          help="Database URL (default: $KWALIBOT_DB_URL, else var/kwalibot.sqlite3).")


@click.group(help="kwalibot's knowledge base of mbo qualification dossiers.")
def main() -> None:
    pass


@main.command(epilog="\b\nExamples:\n"
                     "    python -m knowledge build\n"
                     "    python -m knowledge build --strict     # exit status 1 if any dossier is rejected\n"
                     "    KWALIBOT_DB_URL=postgresql://postgres@127.0.0.1/test python -m knowledge build")
@URL_OPTION
@click.option("--sources", "sources_dir", type=click.Path(file_okay=False, exists=True), default=None,
              help="Folder with the dossiers and sources.yml (default: knowledge/sources).")
@click.option("--strict", is_flag=True,
              help="Any rejected dossier fails the build: nothing is written, exit status 1 (make test, CI).")
def build(url: str | None, sources_dir: str | None, strict: bool) -> None:
    """Parse every dossier in knowledge/sources and (re)build the database atomically.

    A dossier that cannot be read blocks no other: its previous version stays (a new one is left
    out), the file, line and what is missing are reported, and the exit status is 0 unless --strict.
    """
    from pathlib import Path

    from tqdm import tqdm

    from knowledge.build import SOURCES_DIR, BuildError, build as run_build, read_manifest

    folder = Path(sources_dir) if sources_dir else SOURCES_DIR
    try:
        total = len(read_manifest(folder))
        with tqdm(total=total, desc="dossiers", unit="dossier", file=sys.stderr) as bar:
            report = run_build(url, folder, on_parsed=lambda name: (bar.set_postfix_str(name), bar.update()),
                               strict=strict)
    except BuildError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    for d in report.dossiers:
        click.echo(f"  {d.title} ({d.kind}, {d.source})", err=True)
    for r in report.rejected:
        fate = "its previous version is kept" if r.kept else "left out (not built before)"
        click.echo(f"rejected: {r} -- {fate}", err=True)
    click.echo(f"built {db.database_url(url)}: {len(report.dossiers)} dossiers, {report.passages} passages "
               f"in {report.seconds:.1f} s" + (f"; {len({r.file for r in report.rejected})} file(s) rejected "
                                               "(--strict makes that an error)" if report.rejected else ""), err=True)


SOURCES_OPTION = click.option("--sources", "sources_dir", type=click.Path(file_okay=False, exists=True),
                              default=None, help="Folder with the dossiers and sources.yml (default: knowledge/sources).")
FORMAT_OPTION = click.option("--format", "fmt", default=None,
                             help="kd-markdown | kd-ocr-extract | bcp-2004 (default: detected from the text).")
SUPPLY_OPTION = click.option("--supply", multiple=True, metavar="KEY=VALUE",
                             help="Metadata the text lacks, e.g. --supply title=Commercie (repeatable).")


def _supplied(pairs: tuple[str, ...]) -> dict[str, str] | None:
    if not pairs:
        return None
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise click.BadParameter(f"{pair!r}: expected KEY=VALUE", param_hint="--supply")
        out[key.strip()] = value.strip()
    return out


def _describe(result) -> str:
    d = result.dossier
    return (f"{result.entry.file} ({result.entry.format}): {d.title}, {d.kind}; {len(d.profielen)} profielen, "
            f"{len(d.all_kerntaken())} kerntaken, {len(d.all_werkprocessen())} werkprocessen")


@main.command(epilog="\b\nExamples:\n"
                     "    python -m knowledge check ~/Downloads/horeca-25111.txt\n"
                     "    python -m knowledge check extract.txt --format kd-ocr-extract --supply title=Commercie")
@click.argument("file", type=click.Path(dir_okay=False))
@FORMAT_OPTION
@SUPPLY_OPTION
@SOURCES_OPTION
def check(file: str, fmt: str | None, supply: tuple[str, ...], sources_dir: str | None) -> None:
    """Validate one dossier FILE without building: detect its format, parse, validate.

    A file that sources.yml lists is read as listed (format, supplied metadata). Exit status 0
    when the dossier is fit to serve; else 1, with the file, line and what is missing.
    """
    from pathlib import Path

    from knowledge.build import SOURCES_DIR, check_file

    result = check_file(Path(file), fmt, _supplied(supply), Path(sources_dir) if sources_dir else SOURCES_DIR)
    if result.ok:
        click.echo(f"ok: {_describe(result)}")
        return
    for r in result.rejected:
        click.echo(f"error: {r}", err=True)
    sys.exit(1)


@main.command(epilog="\b\nExamples:\n"
                     "    python -m knowledge add ~/Downloads/horeca-25111.txt     # copies it into knowledge/sources/\n"
                     "    python -m knowledge add knowledge/sources/extract.txt --supply title=Commercie")
@click.argument("file", type=click.Path(dir_okay=False, exists=True))
@FORMAT_OPTION
@SUPPLY_OPTION
@SOURCES_OPTION
def add(file: str, fmt: str | None, supply: tuple[str, ...], sources_dir: str | None) -> None:
    """Add a dossier FILE: validate it, copy it unchanged into knowledge/sources/ (when it is not
    there yet) and write its line into sources.yml. Then `make run` (or `python -m knowledge build`).

    Nothing changes when the file does not validate or is listed already (exit status 1).
    """
    from pathlib import Path

    from knowledge.build import MANIFEST, SOURCES_DIR, BuildError, add_file, manifest_lines

    folder = Path(sources_dir) if sources_dir else SOURCES_DIR
    try:
        result = add_file(Path(file), fmt, _supplied(supply), folder)
    except BuildError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    if not result.ok:
        for r in result.rejected:
            click.echo(f"error: {r}", err=True)
        click.echo(f"not added: {folder / MANIFEST} is unchanged", err=True)
        sys.exit(1)
    click.echo(f"added: {_describe(result)}")
    click.echo(f"{folder / MANIFEST} now lists:\n{manifest_lines(result.entry).rstrip()}")
    click.echo("next: make run  (or python -m knowledge build)")


@main.command(epilog="Example:\n\n    python -m knowledge stats")
@URL_OPTION
def stats(url: str | None) -> None:
    """Counts per dossier: profiles, kerntaken, werkprocessen, additions, competences."""
    from knowledge.query import KnowledgeBase

    kb = KnowledgeBase(url)
    rows = [("dossier", "soort", "profielen", "kerntaken", "werkprocessen", "aanvullingen", "competenties")]
    for d in _dossiers_or_exit(kb):
        wps = d.all_werkprocessen()
        additions = sum(len(wp.aanvullingen) for wp in wps) + sum(len(kt.aanvullingen) for kt in d.all_kerntaken())
        rows.append((d.title, d.kind, str(len(d.profielen)), str(len(d.all_kerntaken())), str(len(wps)),
                     str(additions), str(len(d.beroepscompetenties))))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip())


@main.command(epilog="Example:\n\n    python -m knowledge export > kb.json")
@URL_OPTION
@click.option("--indent", default=2, show_default=True, help="JSON indentation (0: one line).")
def export(url: str | None, indent: int) -> None:
    """Print the whole knowledge base as JSON on stdout."""
    from knowledge.export import export as to_dict
    from knowledge.query import KnowledgeBase

    data = to_dict(_dossiers_or_exit(KnowledgeBase(url)))
    click.echo(json.dumps(data, ensure_ascii=False, indent=indent or None))


@main.command(epilog="Examples:\n\n    python -m knowledge search budget\n\n"
                     "    python -m knowledge search 'customer journey' --kwalificatie commercie")
@URL_OPTION
@click.argument("words", nargs=-1, required=True)
@click.option("--kwalificatie", "name", default=None, help="Only this qualification or dossier (fuzzy name).")
@click.option("--limit", default=5, show_default=True)
def search(url: str | None, words: tuple[str, ...], name: str | None, limit: int) -> None:
    """Full-text search (Dutch lemmas): the best passages with their source."""
    from knowledge.query import KnowledgeBase

    kb = KnowledgeBase(url)
    _dossiers_or_exit(kb)
    within = None
    if name:
        found = kb.find(name)
        if not found:
            click.echo(f"no qualification named {name!r}", err=True)
            sys.exit(1)
        within = found[0]
    started = time.perf_counter()
    hits = kb.search(" ".join(words), limit=limit, within=within)
    for hit in hits:
        p = hit.passage
        where = f"{p.source}:{p.line_start}-{p.line_end}" if p.line_start else p.source
        extra = f" (aanvulling {p.profiel})" if p.profiel and p.code and not p.code.startswith(p.profiel) else ""
        click.echo(f"{hit.score:5.1f}  {p.dossier} · {p.label} · {p.field}{extra}  [{where}]")
        click.echo(f"       {p.text[:160].replace(chr(10), ' ')}")
    click.echo(f"{len(hits)} hits in {1000 * (time.perf_counter() - started):.1f} ms", err=True)


@main.command(epilog="Examples:\n\n    python -m knowledge show P6-K1-W3\n\n"
                     "    python -m knowledge show W3 --kwalificatie 'marketing communication specialist'")
@URL_OPTION
@click.argument("code")
@click.option("--kwalificatie", "name", default=None, help="Qualification (fuzzy name) the code belongs to.")
def show(url: str | None, code: str, name: str | None) -> None:
    """Show a werkproces (full or short code), as the given qualification sees it."""
    from knowledge.export import werkproces_dict
    from knowledge.query import Ambiguous, KnowledgeBase, NotFound

    kb = KnowledgeBase(url)
    _dossiers_or_exit(kb)
    within = kb.find(name)[0] if name and kb.find(name) else None
    result = kb.werkproces(code, within)
    if isinstance(result, NotFound):
        click.echo(f"not found: werkproces {code}" + (f"; known: {', '.join(result.known)}" if result.known else ""))
        sys.exit(1)
    views = result.candidates if isinstance(result, Ambiguous) else [result]
    for view in views:
        data = werkproces_dict(view.werkproces)
        data["aanvullingen"] = {view.profiel.code: data["aanvullingen"][view.profiel.code]} \
            if view.aanvulling else {}
        click.echo(json.dumps({"dossier": view.dossier.title, **data}, ensure_ascii=False, indent=2))


def _dossiers_or_exit(kb):
    try:
        return kb.dossiers()
    except FileNotFoundError:
        click.echo(f"no knowledge base at {kb.url}: run `python -m knowledge build` first", err=True)
        sys.exit(1)


@main.command(epilog="Examples:\n\n    python -m knowledge bench\n\n"
                     "    python -m knowledge bench --url postgresql://postgres@127.0.0.1/test --rounds 5")
@click.option("--url", default=None, help="Build into this database (default: a temporary SQLite file).")
@click.option("--rounds", default=3, show_default=True, help="Builds, and passes over every query.")
def bench(url: str | None, rounds: int) -> None:
    """Time the build and the query API (p50/p95 over queries derived from the whole base)."""
    from knowledge.bench import run

    build_seconds, timings = run(url, rounds)
    builds = build_seconds[:-1]
    click.echo(f"build: {', '.join(f'{s:.2f}' for s in builds)} s (median {sorted(builds)[len(builds) // 2]:.2f} s); "
               f"first load into a reader: {build_seconds[-1] * 1000:.0f} ms")
    click.echo(f"{'query':26} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for t in timings:
        click.echo(f"{t.name:26} {t.count:6d} {t.p50_ms:8.2f} {t.p95_ms:8.2f} {t.max_ms:8.2f}")
