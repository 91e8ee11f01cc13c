"""Building from the real sources; bad dossiers give a clear error and the old base keeps answering."""
import shutil

import pytest

from knowledge import build as build_module
from knowledge.build import SOURCES_DIR, BuildError, build
from knowledge.query import KnowledgeBase

COMMERCIE = "commercie-consulent-commerciele-arbeidsbemiddeling.txt"
BUSINESS = "business-services-23296.txt"
BCP = "bcp-assistent-communicatiemedewerker-2004.txt"


@pytest.fixture
def sources(tmp_path):
    """A private copy of knowledge/sources that a test may damage."""
    target = tmp_path / "sources"
    shutil.copytree(SOURCES_DIR, target)
    return target


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
