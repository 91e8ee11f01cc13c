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

from bot import metrics
from bot.privacy.logs import shown
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
        if (tracker.latest_message.get("intent") or {}).get("name") == "nlu_fallback":
            metrics.NLU_FALLBACKS.inc()
        try:
            messages, question, _, answer = respond(tracker.latest_message, remembered, default_knowledge_base())
        except Exception as error:
            metrics.ACTION_ERRORS.labels(self.name(), type(error).__name__).inc()
            logger.exception("answering failed on %s (sender %s)",
                             shown(tracker.latest_message.get("text")), tracker.sender_id)
            dispatcher.utter_message(text=replies().apology())
            return []
        metrics.ANSWERS.labels(answer.reply).inc()
        if answer.reply in metrics.FALLBACK_REPLIES:
            metrics.FALLBACKS.labels(answer.reply).inc()
        for message in messages:
            dispatcher.utter_message(text=message["text"], buttons=message.get("buttons") or [])
        return [SlotSet(SLOT_VRAAG, question)] if question != remembered else []
