"""Message text in kwalibot's own logs: only with KWALIBOT_LOG_TEXT=1 (for debugging on one's own machine).

By default a log line names the sender id (pseudonymous for Slack and Teams), the channel, the cause and
the message's length, never what the user typed. Imports nothing of Rasa (the action server uses it).
"""
from __future__ import annotations

import os
from typing import Any

LOG_TEXT_VAR = "KWALIBOT_LOG_TEXT"


def text_logged() -> bool:
    return os.environ.get(LOG_TEXT_VAR, "").strip() == "1"


def shown(text: Any) -> str:
    """`text` for a log line: quoted when KWALIBOT_LOG_TEXT=1, else only its length."""
    if text_logged():
        return repr(text)
    length = len(text) if isinstance(text, str) else 0
    return f"a message of {length} characters (KWALIBOT_LOG_TEXT=1 logs the text)"
