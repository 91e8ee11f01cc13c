"""Building from the real sources; bad dossiers give a clear error and the old base keeps answering."""
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from knowledge import build as build_module
from knowledge.build import BuildError, build
from knowledge.cli import main
from knowledge.query import KnowledgeBase

COMMERCIE = "commercie-consulent-commerciele-arbeidsbemiddeling.txt"
BUSINESS = "business-services-23296.txt"
BCP = "bcp-assistent-communicatiemedewerker-2004.txt"


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request):
    return request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url")


def _answers(url: str) -> list[str]:
    kb = KnowledgeBase(url)
    return [k.key for k in kb.find("Marketing & Communication Specialist")]


def test_build_from_the_real_sources(url, sources):
    report = build(url, sources)
    assert [(d.title, d.kind) for d in report.dossiers] == [
        ("Business Services", "kwalificatiedossier"),
        ("Commercie", "kwalificatiedossier"),
        ("Assistent communicatiemedewerker", "beroepscompetentieprofiel"),
    ]
    assert report.dossiers[1].supplied == {"title"}
    assert _answers(url) == ["Business Services/P6"]


def _truncate(path):
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[: len(lines) // 5]), encoding="utf-8")


@pytest.mark.parametrize("damage, file, message", [
    (lambda p: p.write_bytes(b""), BUSINESS, "file is empty"),
    (lambda p: p.write_bytes(b"\x00\x01PK\x03\x04" * 100), COMMERCIE, "binary"),
    (lambda p: p.write_bytes("Crebonr. 23296 caf\xe9".encode("latin-1")), BUSINESS, "not UTF-8"),
    (lambda p: p.unlink(), BCP, "file not found"),
    (_truncate, BUSINESS, BUSINESS),
    (_truncate, COMMERCIE, COMMERCIE),
    (_truncate, BCP, BCP),
])
def test_bad_dossier_is_named_and_the_old_base_keeps_serving(url, sources, damage, file, message):
    build(url, sources)
    damage(sources / file)
    with pytest.raises(BuildError) as error:
        build(url, sources)
    assert file in str(error.value) and message in str(error.value)
    assert "previous one stays in place" in str(error.value)
    assert _answers(url) == ["Business Services/P6"]


def test_unknown_format_in_the_manifest(sources, sqlite_url):
    manifest = sources / "sources.yml"
    manifest.write_text(manifest.read_text().replace("format: bcp-2004", "format: pdf-2031"))
    with pytest.raises(BuildError, match=rf"{BCP}: unknown format 'pdf-2031'"):
        build(sqlite_url, sources)


def test_failure_while_writing_leaves_the_old_base_and_no_debris(url, sources, monkeypatch):
    build(url, sources)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(build_module, "passages_of", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        build(url, sources)
    assert _answers(url) == ["Business Services/P6"]
    if url.startswith("sqlite"):
        folder = build_module.db.sqlite_path(url).parent
        assert [p.name for p in folder.iterdir() if p.name.endswith(".tmp")] == []


# --- one bad dossier blocks none -------------------------------------------------------------

FACILITAIR = Path(__file__).resolve().parents[1] / "dossiers" / "facilitair-23999.txt"
NEW_BROKEN = "kapot-24000.txt"


def _add(sources, file, fmt="kd-markdown"):
    manifest = sources / "sources.yml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + f"  - file: {file}\n    format: {fmt}\n",
                        encoding="utf-8")


def _state(url):
    from sqlalchemy.orm import Session

    from knowledge.db import make_engine
    from knowledge.store import BuildInfo, DossierRow

    engine = make_engine(url)
    try:
        with Session(engine) as session:
            info = session.query(BuildInfo).one()
            titles = [r.title for r in session.query(DossierRow).order_by(DossierRow.position)]
            return info.build_id, titles, {s["file"]: s for s in info.sources}
    finally:
        engine.dispose()


@pytest.fixture
def one_broken_among_good(url, sources):
    """Built once from the three sources; then a good new dossier is added, a known one is cut
    short, and a new one arrives broken."""
    build(url, sources)
    shutil.copy(FACILITAIR, sources / FACILITAIR.name)
    _add(sources, FACILITAIR.name)
    _truncate(sources / BUSINESS)
    lines = FACILITAIR.read_text(encoding="utf-8").splitlines(keepends=True)
    (sources / NEW_BROKEN).write_text("".join(lines[:400]), encoding="utf-8")
    _add(sources, NEW_BROKEN)
    return url, sources


def test_one_bad_dossier_blocks_none(one_broken_among_good):
    url, sources = one_broken_among_good
    report = build(url, sources, strict=False)
    assert [(r.file, r.kept) for r in report.rejected] == [(BUSINESS, True), (NEW_BROKEN, False)]
    build_id, titles, files = _state(url)
    assert titles == ["Business Services", "Commercie", "Assistent communicatiemedewerker",
                      "Facilitaire dienstverlening en schoonmaak"]  # the new good one is in, the new broken one out
    assert _answers(url) == ["Business Services/P6"]  # from the kept previous version
    assert files[BUSINESS]["kept"] and files[BUSINESS]["sha256"] != build_module._sha256(sources / BUSINESS)
    assert files[FACILITAIR.name]["sha256"] == build_module._sha256(sources / FACILITAIR.name)


@pytest.mark.parametrize("strict", [False, True], ids=["default", "strict"])
def test_cli_reports_file_line_and_what_is_missing(one_broken_among_good, strict):
    url, sources = one_broken_among_good
    before = _state(url)
    result = CliRunner().invoke(main, ["build", "--url", url, "--sources", str(sources)] + (["--strict"] if strict else []))
    out = result.output
    # file, line, what is missing
    assert f"{BUSINESS}:253: werkproces B1-K1-W1 (Treedt op als aanspreekpunt voor klanten, line 253) " \
           "has no 'Gedrag'" in out
    assert re.search(rf"{re.escape(NEW_BROKEN)}:117: the overview \(line 117\) lists P1-K1, .+ but the text has no "
                     "section for them", out)
    if strict:
        assert result.exit_code == 1 and "not built; the previous one stays in place" in out
        assert _state(url) == before  # nothing written
    else:
        assert result.exit_code == 0, out
        assert f"rejected: {BUSINESS}:" in out and "previous version is kept" in out
        assert f"rejected: {NEW_BROKEN}:" in out and "left out (not built before)" in out
        assert _state(url)[0] != before[0] and "4 dossiers" in out


def test_a_first_build_leaves_a_broken_dossier_out(sources, sqlite_url):
    _truncate(sources / BCP)
    report = build(sqlite_url, sources, strict=False)
    assert [(r.file, r.kept) for r in report.rejected] == [(BCP, False)]
    assert [d.title for d in report.dossiers] == ["Business Services", "Commercie"]
