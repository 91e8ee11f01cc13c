"""Building the knowledge base: read every source, parse, validate, write atomically.

Nothing is written until every dossier has parsed and validated, and the new
database replaces the old one only when it is complete: a failed build leaves
the previous knowledge base serving.
"""
from __future__ import annotations

import hashlib
import os
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Optional

import yaml
from sqlalchemy import text
from sqlalchemy.orm import Session

from knowledge import db, parsers
from knowledge.model import Dossier, DossierError
from knowledge.search import passages_of
from knowledge.store import Base, BuildInfo, PassageRow, save_dossier

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
class BuildReport:
    url: str
    dossiers: list[Dossier]
    passages: int
    seconds: float


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
    dossier.source = entry.file
    for key, value in entry.supplied.items():
        if getattr(dossier, key) not in (None, ""):
            raise DossierError(entry.file, f"'{key}' is supplied in {MANIFEST} but the text states it too")
        setattr(dossier, key, value)
        dossier.supplied.add(key)
    if not dossier.title:
        raise DossierError(entry.file, f"no dossier title in the text and none supplied in {MANIFEST}")
    return dossier


def validate(dossier: Dossier) -> list[str]:
    """Structural problems that make a dossier unfit to serve (empty means fit)."""
    problems = []
    seen: set[str] = set()
    profile_codes = {p.code for p in dossier.profielen}
    if not dossier.all_kerntaken():
        problems.append("no kerntaken found")
    for kt in dossier.all_kerntaken():
        if not kt.title:
            problems.append(f"kerntaak {kt.code} has no title")
        for code in [kt.code] + [wp.code for wp in kt.werkprocessen]:
            if code in seen:
                problems.append(f"code {code} occurs twice")
            seen.add(code)
        for wp in kt.werkprocessen:
            if not wp.title:
                problems.append(f"werkproces {wp.code} has no title")
            if not wp.outline_only and not wp.omschrijving:
                problems.append(f"werkproces {wp.code} has no omschrijving")
            if not wp.code.startswith(kt.code + "-"):
                problems.append(f"werkproces {wp.code} filed under kerntaak {kt.code}")
        for where in [kt, *kt.werkprocessen]:
            stray = set(where.aanvullingen) - profile_codes
            if stray:
                problems.append(f"{where.code}: additions for unknown profile(s) {', '.join(sorted(stray))}")
    nrs = [c.nr for c in dossier.beroepscompetenties]
    if nrs and nrs != list(range(1, len(nrs) + 1)):
        problems.append(f"beroepscompetenties are not numbered 1..{len(nrs)}: {nrs}")
    return [f"{dossier.source}: {p}" for p in problems]


def parse_all(sources_dir: Path = SOURCES_DIR, on_parsed: Optional[Callable[[str], None]] = None) -> list[Dossier]:
    """Parse and validate every dossier of the manifest; raise BuildError listing every failure."""
    dossiers, problems = [], []
    for entry in read_manifest(sources_dir):
        try:
            dossier = parse_entry(entry, sources_dir)
        except DossierError as exc:
            problems.append(str(exc))
        else:
            problems.extend(validate(dossier))
            dossiers.append(dossier)
        if on_parsed:
            on_parsed(entry.file)
    if problems:
        raise BuildError("knowledge base not built; the previous one stays in place:\n  " + "\n  ".join(problems))
    return dossiers


def _sha256(path: Path) -> Optional[str]:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def _write(session: Session, dossiers: list[Dossier], sources_dir: Path) -> int:
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
        sources=[{"file": d.source, "sha256": _sha256(sources_dir / d.source)} for d in dossiers],
    ))
    return passages


def _write_sqlite(url: str, dossiers: list[Dossier], sources_dir: Path) -> int:
    target = db.sqlite_path(url)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    engine = db.make_engine(f"sqlite:///{tmp}")
    try:
        Base.metadata.create_all(engine)
        with Session(engine) as session, session.begin():
            passages = _write(session, dossiers, sources_dir)
        engine.dispose()
        os.replace(tmp, target)  # atomic on POSIX: readers see the old file or the new one
    finally:
        engine.dispose()
        tmp.unlink(missing_ok=True)
    return passages


def _write_postgresql(url: str, dossiers: list[Dossier], sources_dir: Path) -> int:
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
                passages = _write(session, dossiers, sources_dir)
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
          on_parsed: Optional[Callable[[str], None]] = None) -> BuildReport:
    """Parse every source and (re)build the knowledge base at `url`; BuildError if anything fails."""
    started = time.perf_counter()
    url = db.database_url(url)
    dossiers = parse_all(sources_dir, on_parsed)
    passages = write(url, dossiers, sources_dir)
    return BuildReport(url=url, dossiers=dossiers, passages=passages, seconds=time.perf_counter() - started)


def write(url: str, dossiers: list[Dossier], sources_dir: Path = SOURCES_DIR) -> int:
    """Replace the knowledge base at `url` by these dossiers, atomically; returns the passage count."""
    writer = _write_sqlite if db.is_sqlite(url) else _write_postgresql
    return writer(url, dossiers, sources_dir)
