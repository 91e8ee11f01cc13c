"""`python -m knowledge`: each command on a real, freshly built database."""
import json

import pytest
from click.testing import CliRunner

from knowledge.cli import main


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'kb.sqlite3'}"
    result = CliRunner().invoke(main, ["build", "--url", url])
    assert result.exit_code == 0, result.output
    return url, result


def test_build_reports_what_and_how_long(built):
    _, result = built
    assert "built sqlite:///" in result.output and "3 dossiers" in result.output and " s" in result.output


def test_stats(built):
    result = CliRunner().invoke(main, ["stats", "--url", built[0]])
    rows = [line.split("  ")[0] for line in result.output.splitlines()]
    assert rows == ["dossier", "Business Services", "Commercie", "Assistent communicatiemedewerker"]


def test_export_shape(built):
    data = json.loads(CliRunner().invoke(main, ["export", "--url", built[0]]).output)
    bs, commercie, bcp = data["dossiers"]
    assert (bs["title"], bs["kind"], bs["crebo"]) == ("Business Services", "kwalificatiedossier", "23296")
    p6 = bs["profielen"][5]
    assert (p6["code"], p6["title"], p6["crebo"], p6["niveau"]) == ("P6", "Marketing & Communication Specialist",
                                                                    "25727", 4)
    w4 = bs["kerntaken"][0]["werkprocessen"][3]
    assert w4["code"] == "B1-K1-W4" and sorted(w4["aanvullingen"]) == ["P2", "P3", "P4", "P5", "P6"]
    assert (commercie["title"], commercie["crebo"], commercie["supplied"]) == ("Commercie", None, ["title"])
    assert [p["code"] for p in commercie["profielen"] if not p["outline_only"]] == ["P2"]
    assert len(bcp["beroepscompetenties"]) == 23
    assert set(bcp["beroepscompetenties"][0]["succescriteria"]) == {"proces", "resultaat"}


def test_search_prints_cited_hits(built):
    result = CliRunner().invoke(main, ["search", "--url", built[0], "belastingaangifte"])
    first = result.output.splitlines()[0]
    assert "P4-K1-W4" in first and "[business-services-23296.txt:" in first


def test_show_short_code_for_a_profile(built):
    result = CliRunner().invoke(main, ["show", "--url", built[0], "W3", "--kwalificatie", "marketing specialist"])
    assert '"code": "B1-K1-W3"' in result.output and '"code": "P6-K1-W3"' in result.output


def test_missing_database_is_explained(tmp_path):
    result = CliRunner().invoke(main, ["stats", "--url", f"sqlite:///{tmp_path / 'none.sqlite3'}"])
    assert result.exit_code == 1 and "run `python -m knowledge build` first" in result.output


@pytest.mark.parametrize("command", ["build", "check", "add", "stats", "export", "search", "show", "bench"])
def test_every_command_has_an_example(command):
    assert "Example" in CliRunner().invoke(main, [command, "--help"]).output
