"""What every channel does before and after Rasa sees a message.

Before: a message that is empty, far too long or binary gets a polite Dutch reply
without reaching the assistant. After: a turn in which the assistant said nothing
(an action server that is down, an action that raised) gets an apology, so the
user never meets silence. The wording comes from questions.replies.
"""
from __future__ import annotations

import logging
import unicodedata
from dataclasses import dataclass
from typing import Optional

from questions.replies import replies

logger = logging.getLogger(__name__)

MAX_CHARS = 1000


@dataclass
class Screened:
    text: Optional[str]  # the cleaned message to hand to Rasa, or None when `reply` answers it
    reply: Optional[str] = None


def screen(message: object) -> Screened:
    """Clean a user message (control characters out, whitespace folded) or answer it directly."""
    if not isinstance(message, str):
        return Screened(None, replies().empty_message() if message is None else replies().not_understood())
    cleaned = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in message)
    cleaned = " ".join(cleaned.split())
    if not cleaned:
        return Screened(None, replies().empty_message())
    if len(cleaned) > MAX_CHARS:
        return Screened(None, replies().too_long(MAX_CHARS))
    letters = sum(ch.isalnum() for ch in cleaned)
    if letters == 0 and not cleaned.startswith("/"):
        return Screened(None, replies().not_understood())
    return Screened(cleaned)


def apology_if_silent(sender_id: str, text: str, bot_messages: list) -> list:
    """The bot messages of a turn, or an apology when there were none."""
    if bot_messages:
        return bot_messages
    logger.error("no reply for sender %s to %r: the action server may be down or an action failed; "
                 "see the Rasa and action server logs", sender_id, text)
    return [{"recipient_id": sender_id, "text": replies().apology()}]
