"""Building the knowledge base: read every source, parse, validate, write atomically.

A dossier that cannot be read or fails validation blocks no other: the build keeps that
dossier's previous version (from the knowledge base being replaced) or leaves it out when it is
new, and reports the file, the line and what is missing (`BuildReport.rejected`). With
`strict=True` (the library default; `python -m knowledge build --strict` in `make test` and CI)
any rejection stops the build before anything is written.

The new database replaces the old one only when it is complete: a failed build leaves the
previous knowledge base serving.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Optional

import yaml
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from knowledge import db, parsers
from knowledge.model import Dossier, DossierError
from knowledge.search import passages_of
from knowledge.store import Base, BuildInfo, PassageRow, load_dossiers, save_dossier

SOURCES_DIR = Path(__file__).resolve().parent / "sources"
MANIFEST = "sources.yml"
SUPPLIABLE = {"title", "crebo", "domain", "domain_crebo", "penvoerder", "gevalideerd_op", "geldig_vanaf"}


class BuildError(RuntimeError):
    """The knowledge base could not be built; the previous one (if any) is untouched."""


@dataclass
class SourceEntry:
    file: str
    format: str
    supplied: dict[str, str] = field(default_factory=dict)


@dataclass
class Rejection:
    """A dossier file the build could not use: where (file, line) and what is missing."""

    file: str
    problem: str
    line: Optional[int] = None
    at_end: bool = False  # the parser read to the end of the file without finding it
    kept: bool = False  # the previous version of this dossier stays in the knowledge base

    def where(self) -> str:
        if self.line is None:
            return self.file
        return f"{self.file}:{self.line}" + (" (end of file)" if self.at_end else "")

    def __str__(self) -> str:
        return f"{self.where()}: {self.problem}"


@dataclass
class BuildReport:
    url: str
    dossiers: list[Dossier]
    passages: int
    seconds: float
    rejected: list[Rejection] = field(default_factory=list)


def read_manifest(sources_dir: Path = SOURCES_DIR) -> list[SourceEntry]:
    path = sources_dir / MANIFEST
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise BuildError(f"{path}: manifest missing (it lists each dossier file and its format)") from None
    except yaml.YAMLError as exc:
        raise BuildError(f"{path}: not valid YAML: {exc}") from None
    entries = []
    for i, item in enumerate(data.get("dossiers") or []):
        if not isinstance(item, dict) or not item.get("file") or not item.get("format"):
            raise BuildError(f"{path}: entry {i + 1} needs 'file' and 'format'")
        supplied = item.get("supplied") or {}
        unknown = set(supplied) - SUPPLIABLE
        if unknown:
            raise BuildError(f"{path}: {item['file']}: cannot supply {', '.join(sorted(unknown))}")
        entries.append(SourceEntry(item["file"], item["format"], {k: str(v) for k, v in supplied.items()}))
    if not entries:
        raise BuildError(f"{path}: lists no dossiers")
    return entries


def read_source(path: Path) -> str:
    """The text of a dossier file, or a DossierError saying why it is not a text dossier."""
    name = path.name
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DossierError(name, "file not found") from None
    if not raw.strip():
        raise DossierError(name, "file is empty")
    if b"\x00" in raw:
        raise DossierError(name, "file is binary (contains NUL bytes), not a text dossier")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DossierError(name, f"not UTF-8 text (byte {exc.start})") from None


def parse_entry(entry: SourceEntry, sources_dir: Path = SOURCES_DIR) -> Dossier:
    dossier = parsers.parse(entry.format, entry.file, read_source(sources_dir / entry.file))
    return supply(entry, dossier)


def supply(entry: SourceEntry, dossier: Dossier) -> Dossier:
    """The manifest's supplied metadata into a parsed dossier (DossierError when it clashes)."""
    dossier.source = entry.file
    for key, value in entry.supplied.items():
        if getattr(dossier, key) not in (None, ""):
            raise DossierError(entry.file, f"'{key}' is supplied in {MANIFEST} but the text states it too")
        setattr(dossier, key, value)
        dossier.supplied.add(key)
    if not dossier.title:
        raise DossierError(entry.file, f"no dossier title in the text and none supplied in {MANIFEST}")
    return dossier


def _problems(dossier: Dossier) -> list[tuple[str, Optional[int]]]:
    """Structural problems that make a dossier unfit to serve, each with the line it concerns."""
    problems: list[tuple[str, Optional[int]]] = []
    seen: set[str] = set()
    profile_codes = {p.code for p in dossier.profielen}

    def line_of(part) -> Optional[int]:
        origin = part.origins.get("title")
        return origin.line_start if origin else None

    if not dossier.all_kerntaken():
        problems.append(("no kerntaken found", None))
    for kt in dossier.all_kerntaken():
        if not kt.title:
            problems.append((f"kerntaak {kt.code} has no title", line_of(kt)))
        for part in [kt, *kt.werkprocessen]:
            if part.code in seen:
                problems.append((f"code {part.code} occurs twice", line_of(part)))
            seen.add(part.code)
        for wp in kt.werkprocessen:
            if not wp.title:
                problems.append((f"werkproces {wp.code} has no title", line_of(wp)))
            if not wp.outline_only and not wp.omschrijving:
                problems.append((f"werkproces {wp.code} has no omschrijving", line_of(wp)))
            if not wp.code.startswith(kt.code + "-"):
                problems.append((f"werkproces {wp.code} filed under kerntaak {kt.code}", line_of(wp)))
        for where in [kt, *kt.werkprocessen]:
            stray = set(where.aanvullingen) - profile_codes
            if stray:
                problems.append((f"{where.code}: additions for unknown profile(s) {', '.join(sorted(stray))}",
                                 line_of(where)))
    nrs = [c.nr for c in dossier.beroepscompetenties]
    if nrs and nrs != list(range(1, len(nrs) + 1)):
        first = dossier.beroepscompetenties[0].origin
        problems.append((f"beroepscompetenties are not numbered 1..{len(nrs)}: {nrs}",
                         first.line_start if first else None))
    return problems


def validate(dossier: Dossier) -> list[str]:
    """Structural problems that make a dossier unfit to serve (empty means fit)."""
    return [f"{dossier.source}:{line}: {p}" if line else f"{dossier.source}: {p}" for p, line in _problems(dossier)]


_LINE = re.compile(r"\b(?:line|regel)s?\s+(\d+)", re.I)


def _rejection(file: str, error: DossierError, text: Optional[str]) -> Rejection:
    """A parser's error as a Rejection: its line from the error, else from its message, else the
    end of the file (the parser read it all without finding what is missing)."""
    line = getattr(error, "line", None)
    if line is None:
        m = _LINE.search(error.problem)
        line = int(m.group(1)) if m else None
    if line is None and text:
        return Rejection(file, error.problem, text.count("\n") + (not text.endswith("\n")), at_end=True)
    return Rejection(file, error.problem, line)


def check_entry(entry: SourceEntry, sources_dir: Path = SOURCES_DIR) -> tuple[Optional[Dossier], list[Rejection]]:
    """Read, parse and validate one manifest entry: the dossier, or why it cannot serve."""
    if entry.format not in parsers.FORMATS:
        return None, [Rejection(entry.file, f"unknown format {entry.format!r} in {MANIFEST} "
                                            f"(known: {', '.join(sorted(parsers.FORMATS))})")]
    try:
        text = read_source(sources_dir / entry.file)
    except DossierError as exc:
        return None, [Rejection(entry.file, exc.problem)]
    try:
        dossier = parsers.parse(entry.format, entry.file, text)
    except DossierError as exc:
        return None, [_rejection(entry.file, exc, text)]
    try:
        supply(entry, dossier)
    except DossierError as exc:
        return None, [Rejection(entry.file, exc.problem)]
    problems = [Rejection(entry.file, p, line) for p, line in _problems(dossier)]
    return (None if problems else dossier), problems


def parse_all(sources_dir: Path = SOURCES_DIR, on_parsed: Optional[Callable[[str], None]] = None
              ) -> tuple[list[tuple[SourceEntry, Optional[Dossier]]], list[Rejection]]:
    """Parse and validate every dossier of the manifest: (entry, dossier or None) in manifest
    order, and every rejection."""
    parsed, rejected = [], []
    for entry in read_manifest(sources_dir):
        dossier, problems = check_entry(entry, sources_dir)
        parsed.append((entry, dossier))
        rejected.extend(problems)
        if on_parsed:
            on_parsed(entry.file)
    return parsed, rejected


@dataclass
class CheckResult:
    """What `check_file` found: the entry it read the file as, the dossier, or the rejections."""

    entry: SourceEntry
    dossier: Optional[Dossier]
    rejected: list[Rejection]
    listed: bool = False  # the entry comes from the manifest

    @property
    def ok(self) -> bool:
        return self.dossier is not None


def check_file(path: Path, fmt: Optional[str] = None, supplied: Optional[dict[str, str]] = None,
               sources_dir: Path = SOURCES_DIR) -> CheckResult:
    """Validate one dossier file without building: read, detect the format (unless `fmt`), parse
    and validate. A file the manifest of `sources_dir` lists is read as listed (its format and
    supplied metadata), unless `fmt` / `supplied` say otherwise."""
    path = Path(path)
    listed = None
    if (sources_dir / MANIFEST).is_file():
        try:
            listed = next((e for e in read_manifest(sources_dir) if e.file == path.name), None)
        except BuildError:
            listed = None
    entry = SourceEntry(path.name, fmt or (listed.format if listed else ""),
                        dict(supplied if supplied is not None else (listed.supplied if listed else {})))
    unknown = set(entry.supplied) - SUPPLIABLE
    if unknown:
        return CheckResult(entry, None, [Rejection(path.name, f"cannot supply {', '.join(sorted(unknown))} "
                                                              f"(only {', '.join(sorted(SUPPLIABLE))})")])
    if not entry.format:
        try:
            text = read_source(path)
        except DossierError as exc:
            return CheckResult(entry, None, [Rejection(path.name, exc.problem)])
        entry.format = parsers.detect(text) or ""
        if not entry.format:
            return CheckResult(entry, None, [Rejection(
                path.name, "format not recognised: not a kwalificatiedossier (kd-markdown, kd-ocr-extract) nor a "
                           "2004 beroepscompetentieprofiel (bcp-2004); name it with --format")])
    dossier, rejected = check_entry(entry, path.parent)
    return CheckResult(entry, dossier, rejected, listed=listed is not None and not fmt and supplied is None)


def _yaml_scalar(value: str) -> str:
    if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_. -]*[A-Za-z0-9]", value) and yaml.safe_load(value) == value:
        return value
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML string


def manifest_lines(entry: SourceEntry) -> str:
    """The entry as written in sources.yml."""
    out = f"  - file: {_yaml_scalar(entry.file)}\n    format: {entry.format}\n"
    if entry.supplied:
        out += "    supplied:\n" + "".join(f"      {k}: {_yaml_scalar(v)}\n" for k, v in entry.supplied.items())
    return out


def add_file(path: Path, fmt: Optional[str] = None, supplied: Optional[dict[str, str]] = None,
             sources_dir: Path = SOURCES_DIR) -> CheckResult:
    """Add a dossier: validate it (`check_file`), copy it byte for byte into `sources_dir` when it
    is not there yet, and append its entry to the manifest. Nothing changes when it does not
    validate, when the manifest lists it already, or when another file of that name is there."""
    path = Path(path)
    target = sources_dir / path.name
    entries = read_manifest(sources_dir)
    if any(e.file == path.name for e in entries):
        raise BuildError(f"{path.name}: already listed in {sources_dir / MANIFEST}")
    if target.exists() and target.resolve() != path.resolve() and target.read_bytes() != path.read_bytes():
        raise BuildError(f"{target}: another file of that name is there already")
    result = check_file(path, fmt, supplied, sources_dir)
    if not result.ok:
        return result
    manifest = sources_dir / MANIFEST
    before = manifest.read_text(encoding="utf-8")
    copied = not target.exists()
    if copied:
        shutil.copyfile(path, target)
    try:
        manifest.write_text(before + ("" if before.endswith("\n") else "\n") + manifest_lines(result.entry),
                            encoding="utf-8")
        if read_manifest(sources_dir)[-1] != result.entry:
            raise BuildError(f"{manifest}: the new entry did not land in the 'dossiers' list (is it the last key?)")
    except BaseException:
        manifest.write_text(before, encoding="utf-8")
        if copied:
            target.unlink()
        raise
    return result


def previous_version(url: str) -> tuple[dict[str, Dossier], dict[str, Optional[str]]]:
    """The dossiers of the knowledge base at `url` by source file, and each file's sha256 as
    built; empty when there is none (or it cannot be read)."""
    if db.is_sqlite(url) and not db.sqlite_path(url).is_file():
        return {}, {}
    engine = db.make_engine(url)
    try:
        with Session(engine) as session:
            dossiers = {d.source: d for d in load_dossiers(session)}
            info = session.query(BuildInfo).first()
            shas = {s["file"]: s.get("sha256") for s in (info.sources if info else [])}
        return dossiers, shas
    except SQLAlchemyError:
        return {}, {}  # no schema or tables yet (a first build on PostgreSQL)
    finally:
        engine.dispose()


def _sha256(path: Path) -> Optional[str]:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def _write(session: Session, dossiers: list[Dossier], sources_dir: Path, kept: dict[str, Optional[str]]) -> int:
    passages = 0
    for position, dossier in enumerate(dossiers):
        row = save_dossier(session, dossier, position)
        for p in passages_of(dossier):
            session.add(PassageRow(dossier_id=row.id, code=p.code, profiel=p.profiel, field=p.field, label=p.label,
                                   text=p.text, lemmas=p.lemmas, source=p.source, line_start=p.line_start,
                                   line_end=p.line_end))
            passages += 1
    session.add(BuildInfo(
        build_id=uuid.uuid4().hex,
        built_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        # A kept previous version is described by the file it was built from, not by today's broken one.
        sources=[{"file": d.source, "sha256": kept[d.source], "kept": True} if d.source in kept
                 else {"file": d.source, "sha256": _sha256(sources_dir / d.source)} for d in dossiers],
    ))
    return passages


def _write_sqlite(url: str, dossiers: list[Dossier], sources_dir: Path, kept: dict[str, Optional[str]]) -> int:
    target = db.sqlite_path(url)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    engine = db.make_engine(f"sqlite:///{tmp}")
    try:
        Base.metadata.create_all(engine)
        with Session(engine) as session, session.begin():
            passages = _write(session, dossiers, sources_dir, kept)
        engine.dispose()
        os.replace(tmp, target)  # atomic on POSIX: readers see the old file or the new one
    finally:
        engine.dispose()
        tmp.unlink(missing_ok=True)
    return passages


def _write_postgresql(url: str, dossiers: list[Dossier], sources_dir: Path, kept: dict[str, Optional[str]]) -> int:
    building = f"{db.PG_SCHEMA}_build_{uuid.uuid4().hex[:8]}"
    retired = f"{db.PG_SCHEMA}_old_{uuid.uuid4().hex[:8]}"
    plain = db.make_engine(url)
    try:
        with plain.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{building}"'))
        engine = db.make_engine(url, schema=building)
        try:
            Base.metadata.create_all(engine)
            with Session(engine) as session, session.begin():
                passages = _write(session, dossiers, sources_dir, kept)
            # The swap is one transaction: readers see the old schema or the new one, never neither.
            with plain.begin() as conn:
                exists = conn.execute(
                    text("SELECT 1 FROM information_schema.schemata WHERE schema_name = :s"), {"s": db.PG_SCHEMA}
                ).first()
                if exists:
                    conn.execute(text(f'ALTER SCHEMA "{db.PG_SCHEMA}" RENAME TO "{retired}"'))
                conn.execute(text(f'ALTER SCHEMA "{building}" RENAME TO "{db.PG_SCHEMA}"'))
                if exists:
                    conn.execute(text(f'DROP SCHEMA "{retired}" CASCADE'))
        except BaseException:
            with plain.begin() as conn:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{building}" CASCADE'))
            raise
        finally:
            engine.dispose()
    finally:
        plain.dispose()
    return passages


def build(url: str | None = None, sources_dir: Path = SOURCES_DIR,
          on_parsed: Optional[Callable[[str], None]] = None, strict: bool = True) -> BuildReport:
    """Parse every source and (re)build the knowledge base at `url`.

    A rejected dossier keeps its previous version (or is left out when new) and is listed in the
    report's `rejected`; with `strict` any rejection raises BuildError and nothing is written.
    """
    started = time.perf_counter()
    url = db.database_url(url)
    parsed, rejected = parse_all(sources_dir, on_parsed)
    if rejected and strict:
        raise BuildError("knowledge base not built; the previous one stays in place:\n  "
                         + "\n  ".join(str(r) for r in rejected))
    old, shas = previous_version(url) if rejected else ({}, {})
    dossiers: list[Dossier] = []
    kept: dict[str, Optional[str]] = {}
    for entry, dossier in parsed:
        if dossier is None and entry.file in old:
            dossier = old[entry.file]
            kept[entry.file] = shas.get(entry.file)
            for r in rejected:
                r.kept = r.kept or r.file == entry.file
        if dossier is not None:
            dossiers.append(dossier)
    if not dossiers:
        raise BuildError("knowledge base not built: no dossier could be read (and none was built before):\n  "
                         + "\n  ".join(str(r) for r in rejected))
    passages = write(url, dossiers, sources_dir, kept)
    return BuildReport(url=url, dossiers=dossiers, passages=passages, seconds=time.perf_counter() - started,
                       rejected=rejected)


def write(url: str, dossiers: list[Dossier], sources_dir: Path = SOURCES_DIR,
          kept: Optional[dict[str, Optional[str]]] = None) -> int:
    """Replace the knowledge base at `url` by these dossiers, atomically; returns the passage count.
    `kept`: files whose dossier is a previous version, with the sha256 it was built from."""
    writer = _write_sqlite if db.is_sqlite(url) else _write_postgresql
    return writer(url, dossiers, sources_dir, kept or {})
