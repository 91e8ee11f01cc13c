"""The socket.io channel (the `rasa-webchat` widget's) with kwalibot's guards.

Replaces Rasa's stock `socketio` channel under the same name and path (`/socket.io`):
- bad input (empty, huge, binary, not a string, not an object) gets a polite Dutch reply,
  exactly like the REST channel (`bot.channels.guard.guarded_turn`);
- a turn without any bot message gets an apology instead of silence;
- a reply's single line breaks stay line breaks in the widget (which renders markdown);
- open socket.io sessions are closed when the server stops, so Ctrl-C does not hang for Sanic's
  15-second graceful-shutdown timeout;
- `session_persistence` is on by default: the widget's `session_id` is the conversation id,
  so a reloaded page (same id from the browser's storage) continues the same conversation.
  Joining the session's room works whether python-socketio's `enter_room` is a plain
  method (<= 5.9) or a coroutine (>= 5.10, where Rasa 3.6's own channel silently stops
  delivering replies), and every message re-joins its room, so a client that skipped
  `session_request` still hears the answer;
- allowed origins apply to the socket.io handshake too: `KWALIBOT_CORS_ORIGINS` (the same
  variable that sets Rasa's `--cors`) or `cors_allowed_origins` in credentials.yml. Rasa's
  own channel switches engine.io's origin check off (`cors_allowed_origins=[]`, because
  Rasa's sanic-cors already adds the CORS headers and engine.io would add them a second
  time, which browsers reject), so any web site could open a websocket to the bot: browsers
  apply no CORS to websockets. Here the socket.io `connect` handshake checks the Origin
  header of the connection itself and refuses origins that are not allowed; CORS headers
  for the HTTP long-polling transport stay Rasa's (`--cors`, same list).
"""
from __future__ import annotations

import asyncio
import inspect
import json
import logging
import os
import re
import uuid
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text, Union

import rasa.core.channels.channel
from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from bot.channels.guard import guarded_turn

logger = logging.getLogger(__name__)

_SESSION_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,128}$")


def allowed_origins(setting: Union[str, List[str], None] = None) -> Union[str, List[str]]:
    """'*' or the list of allowed origins from a setting like KWALIBOT_CORS_ORIGINS.

    Origins are separated by commas and/or whitespace; unset or empty means '*'.
    """
    if setting is None:
        setting = os.environ.get("KWALIBOT_CORS_ORIGINS", "*")
    items = setting if isinstance(setting, list) else re.split(r"[\s,]+", setting)
    origins = [o.strip().rstrip("/") for o in items if o and o.strip()]
    if not origins or "*" in origins:
        return "*"
    return origins


def valid_session_id(value: Any) -> Optional[str]:
    return value if isinstance(value, str) and _SESSION_ID.match(value) else None


def markdown_lines(text: Text) -> Text:
    """kwalibot's replies put each item on its own line; the widget renders markdown, where a single
    newline is only a space ("... uitgevoerd. Bron: ..."). Two trailing spaces make it a line break."""
    return "\n\n".join("  \n".join(line.rstrip() for line in part.split("\n")) for part in text.split("\n\n"))


class _WebOutput(SocketIOOutput):
    """Rasa's socket.io output with line breaks kept, remembering whether anything was sent this turn."""

    def __init__(self, sio: AsyncServer, bot_message_evt: Text) -> None:
        super().__init__(sio, bot_message_evt)
        self.sent = 0

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        await super().send_text_message(recipient_id, markdown_lines(text), **kwargs)

    async def send_text_with_buttons(self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]],
                                     **kwargs: Any) -> None:
        await super().send_text_with_buttons(recipient_id, markdown_lines(text), buttons, **kwargs)

    async def _send_message(self, socket_id: Text, response: Any) -> None:
        self.sent += 1
        await super()._send_message(socket_id, response)

    async def send_custom_json(self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any) -> None:
        self.sent += 1
        await super().send_custom_json(recipient_id, json_message, **kwargs)


class GuardedSocketIOInput(SocketIOInput):
    @classmethod
    def name(cls) -> Text:
        return "socketio"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "GuardedSocketIOInput":
        credentials = credentials or {}
        return cls(
            credentials.get("user_message_evt", "user_uttered"),
            credentials.get("bot_message_evt", "bot_uttered"),
            credentials.get("namespace"),
            credentials.get("session_persistence", True),
            credentials.get("socketio_path", "/socket.io"),
            credentials.get("jwt_key"),
            credentials.get("jwt_method", "HS256"),
            credentials.get("metadata_key", "metadata"),
            cors_allowed_origins=credentials.get("cors_allowed_origins"),
        )

    def __init__(self, user_message_evt: Text = "user_uttered", bot_message_evt: Text = "bot_uttered",
                 namespace: Optional[Text] = None, session_persistence: bool = True,
                 socketio_path: Optional[Text] = "/socket.io", jwt_key: Optional[Text] = None,
                 jwt_method: Optional[Text] = "HS256", metadata_key: Optional[Text] = "metadata",
                 cors_allowed_origins: Union[str, List[str], None] = None) -> None:
        super().__init__(user_message_evt, bot_message_evt, namespace, session_persistence, socketio_path,
                         jwt_key, jwt_method, metadata_key)
        self.cors_allowed_origins = allowed_origins(cors_allowed_origins)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        # engine.io adds no CORS headers (Rasa's --cors does); the origin is checked in `connect`.
        sio = AsyncServer(async_mode="sanic", cors_allowed_origins=[])
        webhook = SocketBlueprint(sio, self.socketio_path, "socketio_webhook", __name__)
        self.sio = sio  # get_output_channel (messages pushed via the HTTP API) uses it
        namespace = self.namespace or "/"

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.listener("before_server_stop")
        async def close_connections(*_: Any) -> None:
            # Sanic waits for open requests up to its graceful-shutdown timeout (15 s) on Ctrl-C, and a
            # socket.io long-poll stays open up to 25 s. A close packet ends each pending poll at once;
            # not waiting for it to be fetched (engine.io's disconnect() does) spares us clients that left.
            sockets = list(sio.eio.sockets.values())
            logger.debug("closing %d socket.io connection(s)", len(sockets))
            results = await asyncio.gather(*(s.close(wait=False) for s in sockets), return_exceptions=True)
            for error in (r for r in results if isinstance(r, Exception)):
                logger.warning("closing a socket.io connection failed: %r", error)
            sio.eio.sockets.clear()
            await sio.eio.shutdown()

        @sio.on("connect", namespace=self.namespace)
        async def connect(sid: Text, environ: Dict, auth: Optional[Dict] = None) -> bool:
            origin = environ.get("HTTP_ORIGIN")
            if not self.origin_allowed(origin):
                logger.warning("socket.io client %s refused: origin %s is not in the allowed origins %s "
                               "(KWALIBOT_CORS_ORIGINS)", sid, origin, self.cors_allowed_origins)
                return False
            if self.jwt_key:
                token = auth.get("token") if isinstance(auth, dict) else None
                payload = rasa.core.channels.channel.decode_bearer_token(token, self.jwt_key, self.jwt_algorithm) \
                    if token else None
                if not payload:
                    logger.info("socket.io client %s refused: no valid token", sid)
                    return False
            logger.debug("socket.io client %s connected (origin %s)", sid, environ.get("HTTP_ORIGIN"))
            return True

        @sio.on("disconnect", namespace=self.namespace)
        async def disconnect(sid: Text) -> None:
            logger.debug("socket.io client %s disconnected", sid)

        async def join(sid: Text, room: Text) -> None:
            joined = sio.enter_room(sid, room, namespace=namespace)
            if inspect.isawaitable(joined):  # python-socketio >= 5.10
                await joined

        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: Text, data: Any = None) -> None:
            session_id = valid_session_id(data.get("session_id") if isinstance(data, dict) else None) \
                or uuid.uuid4().hex
            if self.session_persistence:
                await join(sid, session_id)
            await sio.emit("session_confirm", session_id, room=sid, namespace=namespace)

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: Text, data: Any = None) -> None:
            if not isinstance(data, dict):
                data = {"message": data}
            sender_id = sid
            if self.session_persistence:
                session_id = valid_session_id(data.get("session_id"))
                if session_id:
                    sender_id = session_id
                    await join(sid, session_id)  # idempotent; covers a client that skipped session_request
                else:
                    logger.warning("socket.io message from %s without a valid session_id: answered on the "
                                   "connection, the conversation will not survive a reload", sid)
            output = _WebOutput(sio, self.bot_message_evt)
            await guarded_turn(on_new_message, data.get("message"), output, sender_id, self.name(),
                               self._metadata(data))

        return webhook

    def get_output_channel(self) -> Optional[OutputChannel]:
        return _WebOutput(self.sio, self.bot_message_evt) if self.sio is not None else super().get_output_channel()

    def origin_allowed(self, origin: Optional[str]) -> bool:
        """Requests without an Origin header (not from a browser page) are not cross-site."""
        if self.cors_allowed_origins == "*" or not origin:
            return True
        return origin.rstrip("/") in self.cors_allowed_origins

    def _metadata(self, data: Dict) -> Optional[Dict]:
        metadata = data.get(self.metadata_key)
        if isinstance(metadata, str):
            try:
                metadata = json.loads(metadata)
            except ValueError:
                metadata = None
        return metadata if isinstance(metadata, dict) else None
