"""knowledge/sources holds the published dossiers byte for byte, and the manifest names them all."""
import hashlib
from pathlib import Path

import pytest

from knowledge.build import SOURCES_DIR, read_manifest
from knowledge.parsers import FORMATS

SHARED = Path(__file__).resolve().parents[3] / "shared" / "dossiers"
FILES = sorted(p.name for p in SOURCES_DIR.glob("*.txt"))


def test_the_three_dossiers_are_there():
    assert FILES == ["bcp-assistent-communicatiemedewerker-2004.txt", "business-services-23296.txt",
                     "commercie-consulent-commerciele-arbeidsbemiddeling.txt"]


@pytest.mark.parametrize("name", FILES)
def test_byte_identical_to_the_shared_original(name):
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} not beside this checkout: nothing to compare with")
    ours = hashlib.sha256((SOURCES_DIR / name).read_bytes()).hexdigest()
    theirs = hashlib.sha256((SHARED / name).read_bytes()).hexdigest()
    assert ours == theirs


def test_manifest_lists_every_file_with_a_known_format():
    entries = read_manifest()
    assert sorted(e.file for e in entries) == FILES
    assert all(e.format in FORMATS for e in entries)


def test_supplied_metadata_is_only_what_the_text_lacks():
    supplied = {e.file: e.supplied for e in read_manifest()}
    assert supplied == {"business-services-23296.txt": {},
                        "commercie-consulent-commerciele-arbeidsbemiddeling.txt": {"title": "Commercie"},
                        "bcp-assistent-communicatiemedewerker-2004.txt": {}}
