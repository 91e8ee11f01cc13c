"""`python -m knowledge check FILE` and `python -m knowledge add FILE`, on real files and a private
copy of knowledge/sources (the real folder is never touched)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from knowledge.build import SourceEntry, build, read_manifest
from knowledge.cli import main

FACILITAIR = Path(__file__).resolve().parents[1] / "dossiers" / "facilitair-23999.txt"
REAL = {e.file: e for e in read_manifest()}
COMMERCIE = "commercie-consulent-commerciele-arbeidsbemiddeling.txt"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def cut(src: Path, folder: Path, keep: float = 0.4) -> Path:
    lines = src.read_text(encoding="utf-8").splitlines(keepends=True)
    target = folder / f"cut-{src.name}"
    target.write_text("".join(lines[: int(len(lines) * keep)]), encoding="utf-8")
    return target


# --- check -------------------------------------------------------------------------------------

@pytest.mark.parametrize("file, fmt", [(f, e.format) for f, e in REAL.items()] + [(FACILITAIR, "kd-markdown")])
def test_check_detects_the_format_and_validates(file, fmt, sources):
    path = sources / file if isinstance(file, str) else file
    result = run("check", path, "--sources", sources)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"ok: {path.name} ({fmt}): ")


def test_check_names_file_line_and_what_is_missing(tmp_path, sources):
    result = run("check", cut(FACILITAIR, tmp_path), "--sources", sources)
    assert result.exit_code == 1
    # the overview's line 110 lists B1-K2-W2 first of what the cut text lacks
    assert "error: cut-facilitair-23999.txt:110: the overview (line 110) lists B1-K2-W2, P1-K1, " in result.output


@pytest.mark.parametrize("args, message", [
    (["--format", "bcp-2004"], "title line 'BEROEPSCOMPETENTIEPROFIEL"),  # a format that does not fit
    (["--format", "pdf-2031"], "unknown format 'pdf-2031'"),
    (["--supply", "kleur=blauw"], "cannot supply kleur"),
    (["--supply", "title=Facilitair"], "'title' is supplied in sources.yml but the text states it too"),
])
def test_check_with_wrong_settings(args, message, sources):
    result = run("check", FACILITAIR, "--sources", sources, *args)
    assert result.exit_code == 1 and message in result.output


def test_check_an_extract_needs_its_title_supplied(tmp_path, sources):
    """The OCR extract prints no dossier title: outside the manifest it needs --supply title=…"""
    copy = tmp_path / "extract.txt"
    shutil.copy(sources / COMMERCIE, copy)
    assert "no dossier title in the text" in run("check", copy, "--sources", sources).output
    result = run("check", copy, "--sources", sources, "--supply", "title=Commercie")
    assert result.exit_code == 0 and result.output.startswith("ok: extract.txt (kd-ocr-extract): Commercie")


def test_check_what_is_no_dossier(tmp_path, sources):
    (tmp_path / "notes.txt").write_text("Boodschappen:\n- brood\n", encoding="utf-8")
    result = run("check", tmp_path / "notes.txt", "--sources", sources)
    assert result.exit_code == 1 and "format not recognised" in result.output


# --- add ---------------------------------------------------------------------------------------

def test_add_copies_validates_and_lists_the_file(sources, tmp_path):
    before = (sources / "sources.yml").read_text(encoding="utf-8")
    result = run("add", FACILITAIR, "--sources", sources)
    assert result.exit_code == 0, result.output
    assert (sources / FACILITAIR.name).read_bytes() == FACILITAIR.read_bytes()  # byte-identical copy
    after = (sources / "sources.yml").read_text(encoding="utf-8")
    assert after.startswith(before)  # comments and earlier entries untouched
    assert read_manifest(sources)[-1] == SourceEntry(FACILITAIR.name, "kd-markdown", {})
    report = build(f"sqlite:///{tmp_path / 'kb.sqlite3'}", sources)  # strict: it builds
    assert [d.title for d in report.dossiers][-1] == "Facilitaire dienstverlening en schoonmaak"


def test_add_a_file_already_in_the_folder_with_supplied_metadata(sources):
    shutil.copy(sources / COMMERCIE, sources / "commercie-kopie.txt")
    result = run("add", sources / "commercie-kopie.txt", "--sources", sources, "--supply", "title=Commercie (kopie)")
    assert result.exit_code == 0, result.output
    data = yaml.safe_load((sources / "sources.yml").read_text(encoding="utf-8"))
    assert data["dossiers"][-1] == {"file": "commercie-kopie.txt", "format": "kd-ocr-extract",
                                    "supplied": {"title": "Commercie (kopie)"}}


@pytest.mark.parametrize("case", ["broken", "listed", "same-name"])
def test_add_changes_nothing_when_it_cannot(case, sources, tmp_path):
    if case == "broken":
        path, message = cut(FACILITAIR, tmp_path), "cut-facilitair-23999.txt:110: the overview"
    elif case == "listed":
        path, message = sources / COMMERCIE, "already listed"
    else:
        (sources / FACILITAIR.name).write_text("an older draft\n", encoding="utf-8")  # there, not listed
        path = FACILITAIR
        message = "another file of that name is there already"
    files = {p.name: p.read_bytes() for p in sources.iterdir()}
    result = run("add", path, "--sources", sources)
    assert result.exit_code == 1 and message in result.output
    assert {p.name: p.read_bytes() for p in sources.iterdir()} == files
