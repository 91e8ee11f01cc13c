"""The one way an action runs: answer from the knowledge base, or apologise and log why.

A failing query, a missing database or a bug must never leave the user in
silence: the user gets a short Dutch apology, the log the precise cause.
"""
from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.replies import replies
from actions.turn import SLOT_VRAAG, Turn

logger = logging.getLogger(__name__)

class KnowledgeAction(Action, ABC):
    """An action answering one family of questions with `handle(turn)` (abstract: not registered itself)."""

    action_name: str = ""
    remembers_question = True  # follow-ups that only name a new subject repeat this question

    @staticmethod
    @abstractmethod
    def handle(turn: Turn) -> None:
        """Answer the turn: utter replies and collect slot events on `turn.events`."""

    def name(self) -> Text:
        return self.action_name

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        turn = Turn(tracker, dispatcher)
        try:
            type(self).handle(turn)
        except Exception:
            logger.exception("%s failed on message %r (sender %s)", self.name(), turn.text, tracker.sender_id)
            dispatcher.utter_message(text=replies().apology())
            return []
        if self.remembers_question and turn.intent not in ("inform", "") and \
                tracker.get_slot(SLOT_VRAAG) != turn.intent:
            turn.events.append(SlotSet(SLOT_VRAAG, turn.intent))
        return turn.events
