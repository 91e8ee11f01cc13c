"""The one path a user message takes in every kwalibot channel: screen → redact → Rasa → apology.

Before: a message that is empty, far too long or binary gets a polite Dutch reply without
reaching the assistant; "verwijder mijn gesprek" and its confirmation are answered here and never
reach it either (bot.privacy.command); personal data in the rest (e-mail addresses, phone numbers,
BSN, IBAN, postcode and house number, dates of birth) is replaced by placeholders before Rasa, its
tracker store or any log sees it (bot.privacy.redaction). After: a turn in which the assistant said nothing (an action server
that is down, an action or a store that raised) gets an apology, so the user never meets
silence, and the log says why (without the message text unless KWALIBOT_LOG_TEXT=1). The wording comes from
questions.replies.
"""
from __future__ import annotations

import logging
import re
import time
import unicodedata
from asyncio import CancelledError
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import OutputChannel, UserMessage

from bot import metrics
from bot.privacy import command
from bot.privacy.logs import shown
from bot.privacy.redaction import redact
from questions.replies import replies
from questions.shorthand import written_out

logger = logging.getLogger(__name__)

MAX_CHARS = 1000


@dataclass
class Screened:
    text: Optional[str]  # the cleaned message to hand to Rasa, or None when `reply` answers it
    reply: Optional[str] = None
    reason: Optional[str] = None  # why `reply` answers it (a metrics label): empty, too_long, not_text, code


def screen(message: object) -> Screened:
    """Clean a user message (control characters out, whitespace folded) or answer it directly."""
    if not isinstance(message, str):
        if message is None:
            return Screened(None, replies().empty_message(), "empty")
        return Screened(None, replies().not_understood(), "not_text")
    cleaned = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in message)
    cleaned = " ".join(cleaned.split())
    if not cleaned:
        return Screened(None, replies().empty_message(), "empty")
    if len(cleaned) > MAX_CHARS:
        return Screened(None, replies().too_long(MAX_CHARS), "too_long")
    letters = sum(ch.isalnum() for ch in cleaned)
    if letters == 0 and not cleaned.startswith("/"):
        return Screened(None, replies().not_understood(), "not_text")
    words = _without_markup(cleaned)
    if _SQL.search(words) or not any(ch.isalpha() for ch in words):
        return Screened(None, replies().code_not_question(), "code")
    text = words if words != cleaned else cleaned
    if text.startswith("/"):
        return Screened(text)  # a button's payload, read as it was sent
    # chat shorthand ("t", "vd", "wp's") written out, so the classifier reads what it was trained on
    expanded = written_out(text)
    if not expanded:  # only fillers ("ofzo")
        return Screened(None, replies().not_understood(), "not_text")
    return Screened(expanded)


# Pasted markup and injection attempts are no questions: the tags go, a script's content with them, and what
# remains is the message; an SQL statement (keywords in statement order and a statement's punctuation) is
# answered as code, so its words never reach the classifier as if they were a question.
_SCRIPT = re.compile(r"<(script|style)\b[^>]*>.*?(?:</\1\s*>|$)", re.I | re.S)
_TAG = re.compile(r"</?[a-z][\w:-]*(?:\s[^<>]*)?/?>|<!--.*?-->", re.I | re.S)
_SQL = re.compile(r"(?:;|--|/\*|')\s*(?:drop|delete|insert|update|select|union|alter|truncate|create)\b"
                  r"|\b(?:drop|truncate|alter)\s+table\b|\bunion\s+(?:all\s+)?select\b"
                  r"|\bselect\s+(?:\*|distinct\b)|\bselect\b.+\bfrom\b.*(?:;|--|\bwhere\b)|\bor\s+'?1'?\s*=\s*'?1\b", re.I)


def _without_markup(text: str) -> str:
    stripped = _TAG.sub(" ", _SCRIPT.sub(" ", text))
    return " ".join(stripped.split()) if stripped != text else text


async def guarded_turn(on_new_message: Callable[[UserMessage], Awaitable[Any]], message: object,
                       output: OutputChannel, sender_id: Text, channel: Text,
                       metadata: Optional[Dict[Text, Any]] = None,
                       erase: Optional[command.Eraser] = None) -> None:
    """Hand `message` to Rasa through `output`, or answer it there: never silence.

    `output` must count what it sent in a `sent` attribute (a number or a list): an output
    channel cannot otherwise tell whether Rasa said anything this turn.
    Metrics (bot.metrics): one message and one reply time per call, labelled by channel only.
    `erase` deletes a conversation (tests); by default the Rasa server's own (bot.privacy.command).
    """
    metrics.MESSAGES.labels(channel).inc()
    started = time.perf_counter()
    try:
        await _turn(on_new_message, message, output, sender_id, channel, metadata, erase)
    finally:
        metrics.REPLY_SECONDS.labels(channel).observe(time.perf_counter() - started)


async def _turn(on_new_message: Callable[[UserMessage], Awaitable[Any]], message: object,
                output: OutputChannel, sender_id: Text, channel: Text,
                metadata: Optional[Dict[Text, Any]], erase: Optional[command.Eraser]) -> None:
    screened = screen(message)
    if screened.reply:
        metrics.SCREENED.labels(channel, screened.reason).inc()
        await output.send_text_message(sender_id, screened.reply)
        return
    privacy_command = command.recognise(screened.text)
    if privacy_command:
        metrics.SCREENED.labels(channel, "privacy_command").inc()
        await command.answer(privacy_command, output, sender_id, channel, erase)
        return
    text, kinds = redact(screened.text)
    for kind in kinds:
        metrics.REDACTED.labels(channel, kind).inc()
    cause = "the turn ended without a bot message: the action server may be down or an action failed"
    raised = False
    failed_actions = metrics.watch_action_failures()  # Rasa logs a failed action call and goes on quietly
    try:
        await on_new_message(UserMessage(text, output, sender_id, input_channel=channel, metadata=metadata))
    except CancelledError:
        # Only the server (stopping) or Sanic's response timeout cancels a turn; they answer for it.
        logger.error("message from %s on %s was cancelled (server stopping or response timeout): %s",
                     sender_id, channel, shown(text))
        raise
    except Exception as error:
        logger.exception("processing a message from %s on %s failed: %s", sender_id, channel, shown(text))
        cause = f"processing raised {type(error).__name__}: {error}"
        raised = True
    if not output.sent:
        if failed_actions and not raised:
            cause = f"Rasa could not run {', '.join(failed_actions)} (action server down or failing)"
        metrics.APOLOGIES.labels(channel, "raised" if raised else "action_failed" if failed_actions
                                 else "no_reply").inc()
        logger.error("no reply for sender %s to %s on %s: %s; see the Rasa and action server logs",
                     sender_id, shown(text), channel, cause)
        await output.send_text_message(sender_id, replies().apology())
