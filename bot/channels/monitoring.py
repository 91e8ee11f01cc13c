"""`GET /metrics` and `GET /ready` on the Rasa server, registered like a channel in credentials.yml.

Rasa 3.6 offers no hook for routes of one's own except an input channel's blueprint; Rasa mounts
it at urljoin("/webhooks/", url_prefix()), so a prefix of "/" puts these routes at the root
(`/metrics`, `/ready`) without patching Rasa. Neither takes user input, and neither needs
Rasa's --auth-token (keep them off the public side of the reverse proxy).
"""
from __future__ import annotations

import asyncio
from typing import Any, Awaitable, Callable, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import metrics


class MonitoringInput(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "monitoring"

    def url_prefix(self) -> Text:
        return "/"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        routes = Blueprint("kwalibot_monitoring", __name__)

        @routes.route("/metrics", methods=["GET"])
        async def scrape(_: Request) -> HTTPResponse:
            body, content_type = await asyncio.get_running_loop().run_in_executor(None, metrics.exposition,
                                                                                  metrics.RASA)
            return response.raw(body, content_type=content_type)

        @routes.route("/ready", methods=["GET"])
        async def ready(request: Request) -> HTTPResponse:
            # Ready = a model is loaded (Rasa loads it before serving; a failed or missing model leaves none).
            agent = getattr(request.app.ctx, "agent", None)
            if agent is None or not agent.is_ready():
                return response.json({"status": "not ready", "reason": "no model loaded"}, status=503)
            return response.json({"status": "ready", "model_id": agent.model_id})

        return routes
