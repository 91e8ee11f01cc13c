"""The parts of one NLU result (Rasa's parse of a message) that building a `Question` reads."""
from __future__ import annotations

from typing import Any

from knowledge.vocabulary import fold


class Message:
    """The parts of one NLU result the builder reads."""

    def __init__(self, message: dict[str, Any]):
        self.raw_text = str(message.get("text") or "")
        self.payload = self.raw_text.startswith("/")  # a button: intent and entities, no words
        self.text = "" if self.payload else self.raw_text
        intent = message.get("intent") or {}
        self.intent = intent.get("name") or ""
        self.confidence = float(intent.get("confidence") or 0.0)
        self.entities = list(message.get("entities") or [])
        self.folded = fold(self.text)
        self.other_subject = self.rare_subject = False

    def values(self, name: str) -> list[str]:
        out: list[str] = []
        for e in self.entities:
            if e.get("entity") == name and e.get("value") not in out and e.get("value") is not None:
                out.append(str(e.get("value")))
        return out

    def aliases(self) -> list[str]:
        return [str(e.get("alias") or "") for e in self.entities if e.get("entity") == "kwalificatie"]


def is_cue(word: str) -> bool:
    """A word that names the asked field, part or list ("resultaat", "crebo"), not what it is about."""
    from questions.answers import is_cue as cue  # late: questions.answers imports what builds on this module

    return cue(word)
