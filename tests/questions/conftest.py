"""Question-model tests: a real knowledge base built from the sources (plus the test-only fourth dossier),
messages shaped like Rasa's NLU output but made without Rasa: codes from knowledge.codes, names linked by
the knowledge base, and no intent at all unless a case gives one (understanding must not hang on DIET)."""
import shutil
from pathlib import Path

import pytest
import yaml

from knowledge.build import SOURCES_DIR, build
from knowledge.codes import find_codes
from knowledge.linking import link
from knowledge.query import KnowledgeBase
from questions.conversation import respond

FOURTH = Path(__file__).resolve().parent.parent / "dossiers" / "facilitair-23999.txt"


@pytest.fixture(scope="session")
def kb(tmp_path_factory) -> KnowledgeBase:
    folder = tmp_path_factory.mktemp("sources")
    for f in SOURCES_DIR.iterdir():
        shutil.copy(f, folder / f.name)
    shutil.copy(FOURTH, folder / FOURTH.name)
    manifest = yaml.safe_load((folder / "sources.yml").read_text(encoding="utf-8"))
    manifest["dossiers"].append({"file": FOURTH.name, "format": "kd-markdown"})
    (folder / "sources.yml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
    url = f"sqlite:///{folder / 'kb.sqlite3'}"
    build(url, folder)
    return KnowledgeBase(url)


def message(kb: KnowledgeBase, text: str, intent: str = "", confidence: float = 1.0) -> dict:
    entities = [{"entity": c.entity, "value": c.value} for c in find_codes(text)] + link(kb, text)
    return {"text": text, "intent": {"name": intent, "confidence": confidence}, "entities": entities}


def converse(kb: KnowledgeBase, *turns: str) -> str:
    """The bot's text (with button titles) in reply to the last of `turns`, one conversation."""
    state = None
    for turn in turns:
        messages, state, _, _ = respond(message(kb, turn), state, kb)
    return "\n".join([m["text"] for m in messages] + [b["title"] for m in messages for b in m["buttons"]])
