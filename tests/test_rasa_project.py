"""The Rasa project as Rasa sees it: valid data, and conversation tests on the trained model."""
import os
import subprocess
import sys
from pathlib import Path

from bot.run import MODEL, ROOT
from tests.conftest import service_missing

RASA = str(Path(sys.executable).with_name("rasa"))
ENV = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2"}


def test_rasa_data_validate():
    result = subprocess.run([RASA, "data", "validate", "--fail-on-warnings"], cwd=ROOT, env=ENV,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_conversation_stories(tmp_path):
    if not MODEL.exists():
        service_missing(f"no trained model at {MODEL}: run `make train` (make test does)")
    result = subprocess.run([RASA, "test", "core", "--model", str(MODEL), "--stories", "tests/test_stories.yml",
                             "--out", str(tmp_path), "--fail-on-prediction-errors"],
                            cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=600)
    failed = tmp_path / "failed_test_stories.yml"
    assert result.returncode == 0, (failed.read_text() if failed.exists() else "") + result.stderr[-3000:]
