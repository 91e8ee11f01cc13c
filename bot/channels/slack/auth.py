"""Whether a request comes from Slack: Slack's v0 signing scheme (HMAC-SHA256 of timestamp and body).

A request older than five minutes is refused (a replay); the channel also refuses a signature it saw
before (bot.channels.recent), within twice that window.
"""
from __future__ import annotations

import hashlib
import hmac
import time
from typing import Optional

MAX_REQUEST_AGE = 5 * 60  # seconds; Slack's advice for the replay window


def signature(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), f"v0:{timestamp}:".encode() + body, hashlib.sha256).hexdigest()
    return f"v0={digest}"


def signature_problem(secret: str, timestamp: Optional[str], sent: Optional[str], body: bytes,
                      now: Optional[float] = None) -> Optional[str]:
    """Why a request is not from Slack (None when it is): Slack's v0 signing scheme."""
    if not timestamp or not sent:
        return "X-Slack-Request-Timestamp or X-Slack-Signature is missing"
    try:
        moment = int(timestamp)
    except ValueError:
        return "X-Slack-Request-Timestamp is not a number"
    if abs((time.time() if now is None else now) - moment) > MAX_REQUEST_AGE:
        return "X-Slack-Request-Timestamp is more than five minutes off (a replayed request?)"
    if not hmac.compare_digest(signature(secret, timestamp, body).encode(), sent.encode("utf-8", "replace")):
        return "X-Slack-Signature does not match the body"
    return None
