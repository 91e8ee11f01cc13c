"""Fixtures shared by the knowledge tests."""
import shutil

import pytest

from knowledge.build import SOURCES_DIR


@pytest.fixture
def sources(tmp_path):
    """A private copy of knowledge/sources that a test may damage."""
    target = tmp_path / "sources"
    shutil.copytree(SOURCES_DIR, target)
    return target
