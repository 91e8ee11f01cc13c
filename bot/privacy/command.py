""""verwijder mijn gesprek": a user erases their own conversation, in any channel.

Recognised by the channel guard before Rasa sees the message, by the small fixed pattern below, not by
the NLU model: a privacy right must not depend on a statistical classifier's guess, and it needs no
training data. The guard answers with a confirmation question and two buttons whose payloads are the
reserved commands CONFIRM and CANCEL, which it recognises in turn. On CONFIRM the conversation's
events are deleted from the tracker store while the conversation's lock is held (so no turn of it
is being written at that moment) and the user is told so. Neither the command, the question, the
click nor the confirmation reaches Rasa, so nothing of it is stored.
"""
from __future__ import annotations

import logging
import re
from typing import Awaitable, Callable, Optional

from rasa.core.channels.channel import OutputChannel

from bot.channels import wording
from bot.privacy.conversations import forget

logger = logging.getLogger(__name__)

ERASE, CONFIRM, CANCEL = "erase", "/kwalibot_verwijder_gesprek", "/kwalibot_bewaar_gesprek"

_FILLER = re.compile(r"\b(?:graag|alsjeblieft|alstublieft|aub|a\.u\.b|svp|even|nu|meteen|please|kwalibot)\b\.?")
_WHAT = r"(?:mijn|m'n|mn|dit|ons|het|de|al mijn|alle)\s+(?:gesprek(?:ken)?|chats?|conversaties?|gegevens|data|berichten)"
_ERASE_VERB = r"(?:verwijder|verwijderen|wis|wissen|delete|remove|vergeet)"
_COMMAND = re.compile(
    rf"{_ERASE_VERB}\s+{_WHAT}"                                   # verwijder mijn gesprek
    rf"|{_WHAT}\s+(?:verwijderen|wissen)"                         # mijn gesprek verwijderen
    rf"|(?:kun|kan|kunt|wil|wilt)\s+(?:je|jij|u)\s+{_WHAT}\s+(?:verwijderen|wissen)"  # kun je mijn gesprek wissen
    rf"|(?:ik\s+wil\s+)?{_WHAT}\s+(?:laten\s+)?(?:verwijderen|wissen)"
    r"|delete\s+(?:my|this)\s+(?:conversation|chat|data)")


def recognise(text: Optional[str]) -> Optional[str]:
    """ERASE, CONFIRM or CANCEL when `text` is one of them as a whole message; else None."""
    if not text:
        return None
    if text.strip() in (CONFIRM, CANCEL):
        return text.strip()
    words = _FILLER.sub(" ", text.lower())
    words = " ".join(re.sub(r"[^\w' ]+", " ", words).split())
    return ERASE if _COMMAND.fullmatch(words) else None


Eraser = Callable[[str], Awaitable[int]]


async def erase_in_rasa(sender_id: str) -> int:
    """Delete `sender_id`'s stored conversation from the Rasa server this runs in, holding its lock."""
    from sanic import Sanic

    agent = Sanic.get_app().ctx.agent  # the one Sanic app of a Rasa server process, with the loaded agent
    store = getattr(agent.tracker_store, "_tracker_store", agent.tracker_store)  # inside a FailSafeTrackerStore
    async with agent.lock_store.lock(sender_id):
        if hasattr(store, "engine"):  # Rasa's SQL tracker store (kwalibot's always is)
            return forget(store.engine, [sender_id])
        store.store.pop(sender_id, None)  # an InMemoryTrackerStore (plain `rasa shell`)
        return 0


async def answer(command: str, output: OutputChannel, sender_id: str, channel: str,
                 erase: Optional[Eraser] = None) -> None:
    """Ask, erase or leave alone, answering through `output`."""
    if command == ERASE:
        await output.send_text_with_buttons(sender_id, wording.ERASE_QUESTION, [
            {"title": wording.ERASE_YES, "payload": CONFIRM}, {"title": wording.ERASE_NO, "payload": CANCEL}])
        return
    if command == CANCEL:
        await output.send_text_message(sender_id, wording.ERASE_CANCELLED)
        return
    try:
        events = await (erase or erase_in_rasa)(sender_id)
    except Exception as error:
        logger.exception("erasing the conversation of %s on %s failed: %s", sender_id, channel, error)
        await output.send_text_message(sender_id, wording.ERASE_FAILED)
        return
    logger.info("conversation of %s on %s erased at the user's request (%d events)", sender_id, channel, events)
    await output.send_text_message(sender_id, wording.ERASE_DONE)

