"""The REST channel (`POST /webhooks/rest/webhook`) with kwalibot's guards.

Replaces Rasa's stock `rest` channel under the same name and URL:
- bad input (empty, huge, binary, not JSON) gets a polite Dutch reply, never a 500;
- a turn without any bot message gets an apology instead of `[]`;
- when KWALIBOT_REST_TOKEN is set, requests must carry it as `Authorization: Bearer …`
  (Rasa's --auth-token protects the HTTP API, not /webhooks/*).
"""
from __future__ import annotations

import hmac
import logging
import os
from typing import Any, Awaitable, Callable, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels import wording
from bot.channels.guard import guarded_turn

logger = logging.getLogger(__name__)


class _Collector(CollectingOutputChannel):
    @property
    def sent(self) -> list:  # what guarded_turn looks at
        return self.messages


class GuardedRestInput(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "rest"

    def __init__(self, token: Optional[str] = None) -> None:
        self.token = token if token is not None else os.environ.get("KWALIBOT_REST_TOKEN") or None

    @classmethod
    def from_credentials(cls, credentials: Optional[dict]) -> "GuardedRestInput":
        return cls((credentials or {}).get("token"))

    def _authorised(self, request: Request) -> bool:
        if not self.token:
            return True
        header = request.headers.get("Authorization", "")
        return header.startswith("Bearer ") and hmac.compare_digest(header[7:].encode(), self.token.encode())

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("kwalibot_rest", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not self._authorised(request):
                return response.json({"error": wording.REST_UNAUTHORISED}, status=401)
            try:
                body = request.json
            except Exception:  # sanic raises on a body that is not JSON
                body = None
            if not isinstance(body, dict):
                return response.json({"error": wording.REST_NOT_AN_OBJECT}, status=400)
            sender = str(body.get("sender") or "default")[:200]
            metadata = body.get("metadata") if isinstance(body.get("metadata"), dict) else None
            collector = _Collector()
            await guarded_turn(on_new_message, body.get("message"), collector, sender, self.name(), metadata)
            return response.json(collector.messages)

        return webhook
