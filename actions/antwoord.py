"""The one custom action: the message and the remembered question in, messages and the new question out.

Understanding and answering live in `questions` (no Rasa there); this adapter only moves the
tracker's latest message and the `vraag` slot in and out. A failing knowledge base or a bug
never leaves the user in silence: the user gets the apology, the log the precise cause.
"""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from knowledge.query import default_knowledge_base
from questions.conversation import respond
from questions.replies import replies

logger = logging.getLogger(__name__)

SLOT_VRAAG = "vraag"  # the previous question of the conversation (questions.model.Question.to_slot)


class ActionAntwoord(Action):
    def name(self) -> Text:
        return "action_antwoord"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        remembered = tracker.get_slot(SLOT_VRAAG)
        try:
            messages, question, _, _ = respond(tracker.latest_message, remembered, default_knowledge_base())
        except Exception:
            logger.exception("answering failed on message %r (sender %s)",
                             tracker.latest_message.get("text"), tracker.sender_id)
            dispatcher.utter_message(text=replies().apology())
            return []
        for message in messages:
            dispatcher.utter_message(text=message["text"], buttons=message.get("buttons") or [])
        return [SlotSet(SLOT_VRAAG, question)] if question != remembered else []
