"""Everything kwalibot stores, in one list: where, what, whose, for how long, and how it is erased.

docs/privacy.md describes the same list for a privacy officer; tests/bot/test_privacy_stored.py checks
that every item here is in it, and tests/e2e/test_privacy.py that the events Rasa really writes for a
conversation have no field that TRACKER_EVENTS does not list.
Not stored by kwalibot: IP addresses, user agents, cookies, names, e-mail addresses (the channels
read none of them into the tracker; Rasa sets Sanic's access log, which would name client addresses, to
LOG_LEVEL_LIBRARIES, ERROR by default, so no request line is logged).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Tuple


@dataclass(frozen=True)
class Stored:
    name: str
    where: str
    holds: str
    personal: str  # which personal data it can hold, and how that is limited
    kept: str
    erased_by: str


# The event types Rasa 3.6 writes for a kwalibot conversation, and the keys of each event's JSON
# (the `data` column of the tracker store's `events` table; also sender_id, type_name, timestamp,
# intent_name, action_name columns).
_COMMON = ("event", "timestamp", "metadata")
TRACKER_EVENTS: Dict[str, Tuple[str, ...]] = {
    "action": _COMMON + ("name", "policy", "confidence", "action_text", "hide_rule_turn"),
    "session_started": _COMMON,
    "user": _COMMON + ("text", "parse_data", "input_channel", "message_id"),
    "user_featurization": _COMMON + ("use_text_for_featurization",),
    "bot": _COMMON + ("text", "data"),
    "slot": _COMMON + ("name", "value"),
}

STORED: Tuple[Stored, ...] = (
    Stored("conversations", "Rasa's SQL tracker store: table `events` in var/conversations.sqlite3, or the "
           "PostgreSQL database of KWALIBOT_TRACKER_URL",
           "per conversation (sender id) the events of TRACKER_EVENTS: the user's message text after redaction "
           "and its NLU result (intent, entities), the bot's replies and buttons, the actions run, the slot `vraag` "
           "(the last question understood) and `session_started_metadata`, each with a timestamp; metadata: the "
           "channel's (REST: what the client sends; socket.io: none; Slack: a clicked button; Teams: none) and "
           "Rasa's model id",
           "what the user typed, with e-mail addresses, phone numbers, BSN, IBAN, postcode and house number "
           "and dates of birth replaced by placeholders; the sender id: a random session id (web chat), the "
           "caller's id (REST), an HMAC pseudonym (Slack, Teams)",
           "until `python -m bot.privacy purge` removes conversations with no message for "
           "KWALIBOT_RETENTION_DAYS (30) days", "purge; forget SENDER; the user typing 'verwijder mijn gesprek'"),
    Stored("conversation lock", "Redis (only with KWALIBOT_REDIS_URL), key `lock:<sender id>`",
           "the ticket numbers and expiry times of the messages of one conversation being handled",
           "the (pseudonymous) sender id", "while a message is handled; deleted with its last ticket",
           "itself (Rasa, after each message)"),
    Stored("channel memory", "Redis (only with KWALIBOT_REDIS_URL), keys `kwalibot:seen:slack:events:…`, "
           "`kwalibot:seen:slack:signatures:…`, `kwalibot:seen:teams:activities:…`; else the Rasa process's memory",
           "Slack event ids and `channel:ts` of answered messages, Slack request signatures, Teams "
           "`conversation id|activity id` (no user ids, no text)",
           "a Slack channel or Teams conversation id (not keyed by sender)", "1 hour (signatures: 10 minutes), "
           "then Redis forgets them (TTL)", "their TTL"),
    Stored("pseudonym secret", "KWALIBOT_PSEUDONYM_SECRET, else var/pseudonym-secret (mode 0600)",
           "the HMAC key of the Slack and Teams pseudonyms", "none (it makes the pseudonyms unlinkable without it)",
           "as long as kwalibot runs; a new secret breaks the link between old and new conversations of a person",
           "deleting the file (all stored pseudonyms become unlinkable)"),
    Stored("metrics", "the Rasa and action servers' memory, read by Prometheus at /metrics",
           "counters and timings per channel, reason, cause, kind of answer, action and exception class",
           "none: labels never carry text or sender ids", "until the process restarts (Prometheus keeps "
           "what it scraped)", "nothing to erase per person"),
    Stored("logs", "the Rasa and action servers' standard output (wherever the school sends it)",
           "start-up, causes of failures and apologies, sender ids, channel names, message lengths",
           "the (pseudonymous) sender id; message text only with KWALIBOT_LOG_TEXT=1", "as the school's log "
           "rotation keeps them", "the school's log rotation"),
    Stored("knowledge base", "var/kwalibot.sqlite3 or the PostgreSQL of KWALIBOT_DB_URL",
           "the published qualification dossiers", "none (public documents)", "until rebuilt", "-"),
    Stored("web chat browser storage", "the user's browser: rasa-webchat's localStorage (embed.js's "
           "data-storage=\"session\": sessionStorage, gone with the tab)",
           "the session id and the messages shown, so a reloaded page continues the conversation",
           "the conversation as shown to the user", "until the browser's storage is cleared",
           "the user (clearing site data); the stored copy: forget"),
)
