"""kwalibot in Slack: Rasa's Slack channel, configured from the environment and made safe.

Registered in credentials.yml as `bot.channels.slack.KwalibotSlackInput:` under the stock
name and URL: Slack's Event Subscriptions *and* Interactivity both point at
`https://<host>/webhooks/slack/webhook`. Set up step by step in docs/slack.md.

What it changes compared with `rasa.core.channels.slack.SlackInput`:
- configured by KWALIBOT_SLACK_SIGNING_SECRET, KWALIBOT_SLACK_BOT_TOKEN and KWALIBOT_SLACK_API_URL;
  without them the server still starts (a warning is logged) and the webhook answers 503;
- every request must carry a valid v0 signature no older than five minutes (`auth`); a missing
  header, a forged signature, an old timestamp or a request seen before is answered 401, never a 500;
- an event is answered once: Slack's retries (X-Slack-Retry-Num) and a second event for the same
  message (same channel and ts) are acknowledged without a second answer. The memory of what was
  answered is shared by all replicas through Redis when KWALIBOT_REDIS_URL is set (`bot.channels.recent`);
- text in and out in Slack's formats (`format`); `as_user` is not sent (Slack rejects it for current
  bot tokens);
- threads: in a channel the bot always answers in the thread of the message that mentioned it
  (or the thread that message was in), so a channel full of colleagues is not flooded with long
  sourced answers and each question keeps its own conversation; in a direct message it answers
  in the main conversation, or in the thread when the user wrote in one;
- a button click (block_actions) replaces the buttons by "Gekozen: …" and is answered in the same
  channel and thread, in the same Rasa conversation as the question;
- the guards of every kwalibot channel (`bot.channels.guard`): an empty, huge or binary message gets
  the polite reply without reaching Rasa, and a turn without any bot message gets the apology;
- the conversation is stored under a pseudonym of the Slack user, channel and thread, and without
  Slack's ids in its metadata (`bot.privacy.pseudonyms`; KWALIBOT_PSEUDONYMISE=0 keeps them). Replies
  need neither: they go to the channel and thread the message came from (`Target`), held in memory
  for the turn.
"""
from __future__ import annotations

import asyncio
import json
import logging
import os
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.channels.slack import SlackBot, SlackInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import (AsyncConnectionErrorRetryHandler,
                                                         AsyncRateLimitErrorRetryHandler)
from slack_sdk.web.async_client import AsyncWebClient

from bot.channels import wording
from bot.channels.guard import guarded_turn
from bot.channels.recent import describe, memory
from bot.channels.slack.auth import MAX_REQUEST_AGE, signature_problem
from bot.privacy.pseudonyms import Pseudonyms
from bot.channels.slack.format import (TEXT_LIMIT, button_message_blocks, chosen_blocks, from_slack,
                                       split_text, to_mrkdwn, truncate)

logger = logging.getLogger(__name__)

SECRET_VAR = "KWALIBOT_SLACK_SIGNING_SECRET"
TOKEN_VAR = "KWALIBOT_SLACK_BOT_TOKEN"
API_URL_VAR = "KWALIBOT_SLACK_API_URL"
DEFAULT_API_URL = "https://slack.com/api/"
EVENT_MEMORY = 60 * 60  # seconds an answered event is remembered (Slack retries within minutes)
NOT_CONFIGURED = wording.not_configured("Slack", (SECRET_VAR, TOKEN_VAR), "docs/slack.md")


# -- where to answer ------------------------------------------------------------------

@dataclass(frozen=True)
class Target:
    channel: str
    thread_ts: Optional[str]
    conversation_id: str


def conversation_id(user: str, channel: str, thread_ts: Optional[str]) -> str:
    """One Rasa conversation per user, channel and thread (Rasa's 'thread' granularity)."""
    return "_".join(part for part in (user, channel, thread_ts) if part)


def _is_direct(channel: str, channel_type: Optional[str]) -> bool:
    return channel_type == "im" or (channel_type is None and channel.startswith("D"))


def event_target(event: Dict[str, Any]) -> Target:
    """Where to answer a message event: a thread in channels, the conversation itself in DMs."""
    channel, user = event["channel"], event["user"]
    thread = event.get("thread_ts")
    if not thread and not _is_direct(channel, event.get("channel_type")):
        thread = event.get("ts")
    return Target(channel, thread, conversation_id(user, channel, thread))


def click_target(payload: Dict[str, Any]) -> Target:
    """Where to answer a button click: the channel and thread of the message with the buttons."""
    container = payload.get("container") or {}
    message = payload.get("message") or {}
    channel = (payload.get("channel") or {}).get("id") or container.get("channel_id")
    thread = container.get("thread_ts") or message.get("thread_ts")
    user = (payload.get("user") or {}).get("id")
    return Target(channel, thread, conversation_id(user, channel, thread))


# -- the channel ------------------------------------------------------------------------

class KwalibotSlackBot(SlackBot):
    """Posts one turn's replies to one Slack channel (and thread) as mrkdwn and Block Kit."""

    @classmethod
    def name(cls) -> Text:
        return "slack"

    def __init__(self, token: str, channel: str, thread_ts: Optional[str] = None,
                 base_url: str = DEFAULT_API_URL) -> None:
        OutputChannel.__init__(self)  # SlackBot's own __init__ cannot take a base URL
        self.slack_channel = channel
        self.thread_id = thread_ts
        self.proxy = None
        self.client = AsyncWebClient(token=token, base_url=base_url, retry_handlers=[
            AsyncConnectionErrorRetryHandler(max_retry_count=1),
            AsyncRateLimitErrorRetryHandler(max_retry_count=2),
        ])
        self.sent: List[Dict[str, Any]] = []  # what the bot said this turn (for the apology rule)

    async def _post(self, **message: Any) -> None:
        self.sent.append(message)
        if self.thread_id:
            message["thread_ts"] = self.thread_id
        message.setdefault("unfurl_links", False)
        message.setdefault("unfurl_media", False)
        try:
            await self.client.chat_postMessage(channel=self.slack_channel, **message)
        except SlackApiError as error:
            logger.error("Slack refused chat.postMessage to %s: %s", self.slack_channel,
                         error.response.get("error") if error.response is not None else error)
        except Exception as error:  # network trouble: logged, the turn itself is not lost
            logger.error("chat.postMessage to %s failed: %r", self.slack_channel, error)

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        for piece in split_text(to_mrkdwn(text), TEXT_LIMIT):
            await self._post(text=piece)

    async def send_text_with_buttons(self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]],
                                     **kwargs: Any) -> None:
        blocks = button_message_blocks(text, buttons)
        fallback = truncate(to_mrkdwn(text), TEXT_LIMIT) or wording.BUTTONS_FALLBACK
        await self._post(text=fallback, blocks=blocks)

    async def send_image_url(self, recipient_id: Text, image: Text, **kwargs: Any) -> None:
        await self._post(text=image, blocks=[{"type": "image", "image_url": image, "alt_text": wording.IMAGE_ALT}])

    async def send_attachment(self, recipient_id: Text, attachment: Any, **kwargs: Any) -> None:
        if isinstance(attachment, dict):
            await self._post(text=attachment.get("fallback") or attachment.get("text") or "",
                             attachments=[attachment])
        else:
            await self.send_text_message(recipient_id, str(attachment))

    async def send_custom_json(self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any) -> None:
        message = {k: v for k, v in json_message.items() if k not in ("channel", "as_user")}
        await self._post(**message)

    async def update(self, ts: str, text: str, blocks: List[Dict[str, Any]]) -> None:
        try:
            await self.client.chat_update(channel=self.slack_channel, ts=ts, text=text, blocks=blocks)
        except SlackApiError as error:
            logger.warning("Slack refused chat.update of %s in %s: %s", ts, self.slack_channel,
                           error.response.get("error") if error.response is not None else error)
        except Exception as error:
            logger.warning("chat.update of %s in %s failed: %r", ts, self.slack_channel, error)


class KwalibotSlackInput(SlackInput):
    """Slack's Events API and interactivity at /webhooks/slack/webhook (see module docstring)."""

    @classmethod
    def name(cls) -> Text:
        return "slack"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "KwalibotSlackInput":
        # Everything comes from the environment; credentials.yml only switches the channel on.
        return cls()

    def __init__(self, signing_secret: Optional[str] = None, bot_token: Optional[str] = None,
                 api_url: Optional[str] = None) -> None:
        env = os.environ
        secret = signing_secret if signing_secret is not None else env.get(SECRET_VAR, "")
        token = bot_token if bot_token is not None else env.get(TOKEN_VAR, "")
        self.api_url = api_url or env.get(API_URL_VAR) or DEFAULT_API_URL
        super().__init__(slack_token=token.strip(), slack_signing_secret=secret.strip(),
                         conversation_granularity="thread", use_threads=True)
        self.events = memory("slack:events", EVENT_MEMORY)  # event ids and (channel, ts) already answered
        self.signatures = memory("slack:signatures", 2 * MAX_REQUEST_AGE)  # signatures already used (replays)
        self.pseudonyms = Pseudonyms("slack")
        if not self.configured:
            missing = [name for name, value in ((SECRET_VAR, self.slack_signing_secret),
                                                (TOKEN_VAR, self.slack_token)) if not value]
            logger.warning("Slack is not configured (%s not set): /webhooks/slack/webhook answers 503. "
                           "See docs/slack.md.", " and ".join(missing))
        else:
            logger.info("Slack channel on, Web API at %s; retries remembered %s", self.api_url,
                        describe(self.events))

    @property
    def configured(self) -> bool:
        return bool(self.slack_signing_secret and self.slack_token)

    def _validate_credentials(self) -> None:
        """Missing settings do not stop the server; the webhook says what is missing instead."""

    def get_output_channel(self, channel: Optional[Text] = None,
                           thread_id: Optional[Text] = None) -> Optional[OutputChannel]:
        if not (channel and self.configured):
            return None
        return KwalibotSlackBot(self.slack_token, channel, thread_id, self.api_url)

    # -- requests ---------------------------------------------------------------------
    async def authenticity_problem(self, request: Request) -> Optional[str]:
        problem = signature_problem(self.slack_signing_secret,
                                    request.headers.get("X-Slack-Request-Timestamp"),
                                    request.headers.get("X-Slack-Signature"), request.body or b"")
        if problem is None and await self.signatures.seen(request.headers["X-Slack-Signature"]):
            problem = "this exact request was received before (a replayed request?)"
        return problem

    @staticmethod
    def _bot_users(body: Dict[str, Any]) -> List[str]:
        users = [a.get("user_id") for a in body.get("authorizations") or []
                 if isinstance(a, dict) and a.get("is_bot", True)]
        users += list(body.get("authed_users") or [])
        return [u for u in users if u]

    @staticmethod
    def _is_person_message(event: Dict[str, Any], bot_users: List[str]) -> bool:
        return (event.get("type") in ("message", "app_mention")
                and not event.get("bot_id") and not event.get("hidden")
                and event.get("subtype") in (None, "file_share", "thread_broadcast")
                and bool(event.get("user")) and event.get("user") not in bot_users
                and bool(event.get("channel")))

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        slack = Blueprint("kwalibot_slack", __name__)

        @slack.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok", "configured": self.configured})

        @slack.route("/webhook", methods=["GET", "POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if not self.configured:
                return response.json({"error": NOT_CONFIGURED}, status=HTTPStatus.SERVICE_UNAVAILABLE)
            problem = await self.authenticity_problem(request)
            if problem:
                logger.warning("Slack request rejected: %s", problem)
                return response.json({"error": wording.slack_unsigned(problem)},
                                     status=HTTPStatus.UNAUTHORIZED)
            content_type = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
            try:
                if content_type == "application/json":
                    body = json.loads(request.body)
                elif content_type == "application/x-www-form-urlencoded":
                    body = json.loads(request.form.get("payload") or "null")
                else:
                    body = None
            except ValueError:
                body = None
            if not isinstance(body, dict):
                return response.json({"error": wording.SLACK_NOT_AN_EVENT}, status=HTTPStatus.BAD_REQUEST)
            kind = body.get("type")
            if kind == "url_verification":
                return response.json({"challenge": body.get("challenge")})
            if kind == "event_callback":
                return await self._on_event(request, body, on_new_message)
            if kind == "block_actions":
                return self._on_click(body, on_new_message)
            logger.debug("Slack request of type %r ignored", kind)
            return response.text("")

        @slack.listener("after_server_stop")
        async def close_memory(*_: Any) -> None:
            await self.events.close()
            await self.signatures.close()

        return slack

    async def _on_event(self, request: Request, body: Dict[str, Any],
                  on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> HTTPResponse:
        event = body.get("event") if isinstance(body.get("event"), dict) else {}
        retry = request.headers.get("X-Slack-Retry-Num")
        if retry:
            logger.info("Slack retry #%s of event %s (%s)", retry, body.get("event_id"),
                        request.headers.get("X-Slack-Retry-Reason"))
        event_id = body.get("event_id")
        if event_id and await self.events.seen(f"event:{event_id}"):
            logger.info("event %s answered already: not again", event_id)
            return response.text("", headers={"X-Slack-No-Retry": "1"})
        bot_users = self._bot_users(body)
        if not self._is_person_message(event, bot_users):
            return response.text("")
        if event.get("type") == "message" and not _is_direct(event["channel"], event.get("channel_type")):
            # In channels kwalibot answers when mentioned (the app_mention event for the same message).
            return response.text("")
        if event.get("ts") and await self.events.seen(f"message:{event['channel']}:{event['ts']}"):
            return response.text("", headers={"X-Slack-No-Retry": "1"})
        target = event_target(event)
        text = from_slack(event.get("text"), bot_users)
        metadata = {"out_channel": target.channel, "thread_id": target.thread_ts, "users": bot_users,
                    "team": body.get("team_id"), "user": event.get("user"), "event_id": event_id}
        self._in_background(self._answer(on_new_message, text, target, metadata, event["user"]))
        return response.text("")

    def _on_click(self, payload: Dict[str, Any],
                  on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> HTTPResponse:
        actions = payload.get("actions") or []
        action = actions[0] if actions and isinstance(actions[0], dict) else {}
        user = (payload.get("user") or {}).get("id")
        if action.get("type") != "button" or not action.get("value") or not user:
            return response.text("")  # link buttons and other widgets: nothing for Rasa
        target = click_target(payload)
        if not target.channel:
            return response.text("")
        container = payload.get("container") or {}
        message = payload.get("message") or {}
        title = ((action.get("text") or {}).get("text")) or action["value"]
        metadata = {"out_channel": target.channel, "thread_id": target.thread_ts, "users": [user],
                    "team": (payload.get("team") or {}).get("id"), "user": user,
                    "button": {"title": title, "value": action["value"]}}

        async def click() -> None:
            ts = container.get("message_ts") or message.get("ts")
            if ts and not container.get("is_ephemeral") and message.get("blocks"):
                out = KwalibotSlackBot(self.slack_token, target.channel, target.thread_ts, self.api_url)
                await out.update(ts, message.get("text") or title, chosen_blocks(message["blocks"], user, title))
            await self._answer(on_new_message, action["value"], target, metadata, user)

        self._in_background(click())
        return response.text("")

    def _in_background(self, coroutine: Awaitable[None]) -> None:
        # Slack wants an answer within 3 seconds: the turn runs after the 200.
        task = asyncio.ensure_future(coroutine)
        self._background_tasks.add(task)
        task.add_done_callback(self._background_tasks.discard)

    async def _answer(self, on_new_message: Callable[[UserMessage], Awaitable[Any]], text: str,
                      target: Target, metadata: Dict[str, Any], user: str) -> None:
        out = KwalibotSlackBot(self.slack_token, target.channel, target.thread_ts, self.api_url)
        sender = self.pseudonyms.sender_id(user, f"{target.channel}|{target.thread_ts or ''}", target.conversation_id)
        await guarded_turn(on_new_message, text, out, sender, self.name(),
                           self.pseudonyms.metadata(metadata, keep=("button",)))
