"""kwalibot in Microsoft Teams: Rasa's Bot Framework channel, configured from the environment and made safe.

Registered in credentials.yml as `bot.channels.teams.KwalibotTeamsInput:` under the stock name and
URL: the Azure Bot resource's messaging endpoint is `https://<host>/webhooks/botframework/webhook`.
Set up step by step in docs/teams.md.

What it changes compared with `rasa.core.channels.botframework`:
- configured by KWALIBOT_TEAMS_APP_ID and KWALIBOT_TEAMS_APP_PASSWORD (and, for tests or single-tenant
  bots, KWALIBOT_TEAMS_OPENID_URL and KWALIBOT_TEAMS_TOKEN_URL); without them the server still starts
  (a warning is logged) and the webhook answers 503. Nothing is fetched from Microsoft at start-up
  (the stock channel does, with a blocking request that crashes the server when it fails);
- the Bot Connector's token is checked as Microsoft asks (`auth`): missing, malformed, expired, forged
  or foreign tokens get a 401, a valid token for another serviceUrl or channel a 403: never a 500,
  never an answer;
- the answer is sent after the 200 (Teams wants one within 15 seconds), with non-blocking HTTP, a
  cached connector token (refreshed on a 401), to `POST {serviceUrl}/v3/conversations/{id}/activities`
  with replyToId = the user's activity, recipient = the user, so in a channel the bot answers in the
  thread and the right person;
- text as Teams HTML, buttons as hero cards with `messageBack` actions, a click read back as its
  payload, the bot's @mention removed (`format`); one Teams message per Rasa message; one Rasa
  conversation per user and Teams conversation (a channel thread, a group chat or the 1:1 chat);
- an activity delivered twice (same conversation and id) is answered once, also when the second
  delivery reaches another replica (the memory is in Redis when KWALIBOT_REDIS_URL is set);
- the guards of every kwalibot channel (`bot.channels.guard`): an empty, huge or binary message gets
  the polite reply without reaching Rasa, and a turn without any bot message gets the apology;
- the conversation is stored under a pseudonym of the Teams user and conversation, and without the
  user's id, name, tenant or conversation id in its metadata (`bot.privacy.pseudonyms`;
  KWALIBOT_PSEUDONYMISE=0 keeps them). Replies need neither: `KwalibotTeamsBot` answers the activity
  it was made for, held in memory for the turn.
"""
from __future__ import annotations

import asyncio
import json
import logging
import os
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict, Iterable, List, Optional, Text
from urllib.parse import quote

import aiohttp
from rasa.core.channels.botframework import BotFramework, BotFrameworkInput
from rasa.core.channels.channel import OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels import wording
from bot.channels.guard import guarded_turn
from bot.channels.recent import describe, memory
from bot.channels.teams.auth import ConnectorToken, Rejection, SigningKeys, token_problem
from bot.privacy.pseudonyms import Pseudonyms
from bot.channels.teams.format import conversation_key, hero_cards, split_text, to_teams_html, user_text

logger = logging.getLogger(__name__)

APP_ID_VAR = "KWALIBOT_TEAMS_APP_ID"
APP_PASSWORD_VAR = "KWALIBOT_TEAMS_APP_PASSWORD"
OPENID_URL_VAR = "KWALIBOT_TEAMS_OPENID_URL"
TOKEN_URL_VAR = "KWALIBOT_TEAMS_TOKEN_URL"
DEFAULT_OPENID_URL = "https://login.botframework.com/v1/.well-known/openidconfiguration"
DEFAULT_TOKEN_URL = "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token"
HTTP_TIMEOUT = 15  # seconds per call to Microsoft
ACTIVITY_MEMORY = 60 * 60  # seconds an answered activity is remembered (redeliveries come within minutes)
NOT_CONFIGURED = wording.not_configured("Teams", (APP_ID_VAR, APP_PASSWORD_VAR), "docs/teams.md")


class KwalibotTeamsBot(BotFramework):
    """Posts one turn's replies into one Teams conversation, as replies to the user's activity."""

    @classmethod
    def name(cls) -> Text:
        return "botframework"

    def __init__(self, session: aiohttp.ClientSession, token: ConnectorToken, activity: Dict[str, Any]) -> None:
        OutputChannel.__init__(self)  # BotFramework's own __init__ has no place for the activity
        service_url = activity["serviceUrl"]
        self.app_id, self.app_password = token.app_id, token.app_password
        self.conversation = activity["conversation"]
        self.global_uri = f"{service_url.rstrip('/')}/v3/"
        self.bot = activity.get("recipient") or {"id": token.app_id}
        self.user = activity.get("from") or {}
        self.reply_to = activity.get("id")
        self.session, self.token = session, token
        self.sent: List[Dict[str, Any]] = []  # what the bot said this turn (for the apology rule)

    @property
    def activities_url(self) -> str:
        return f"{self.global_uri}conversations/{quote(str(self.conversation['id']), safe='')}/activities"

    def prepare_message(self, recipient_id: Text, message_data: Dict[Text, Any]) -> Dict[Text, Any]:
        activity = {"type": "message", "from": self.bot, "recipient": self.user,
                    "conversation": {"id": self.conversation["id"]}}
        if self.reply_to:
            activity["replyToId"] = self.reply_to
        activity.update(message_data)
        return activity

    async def send(self, message_data: Dict[Text, Any]) -> None:
        self.sent.append(message_data)
        for attempt in (1, 2):
            token = await self.token.get(self.session, renew=attempt == 2)
            if token is None:
                logger.error("answer to conversation %s not sent: no Bot Connector token", self.conversation["id"])
                return
            try:
                async with self.session.post(self.activities_url, json=message_data,
                                             headers={"Authorization": f"Bearer {token}"}) as r:
                    if r.status < 300:
                        return
                    detail = (await r.text())[:500]
            except Exception as error:  # network trouble: logged, the turn itself is not lost
                logger.error("sending an answer to %s failed: %r", self.activities_url, error)
                return
            if r.status not in (401, 403) or attempt == 2:
                logger.error("the Bot Connector refused an answer to conversation %s (HTTP %s): %s",
                             self.conversation["id"], r.status, detail)
                return

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        for piece in split_text(to_teams_html(text)):
            await self.send(self.prepare_message(recipient_id, {"text": piece, "textFormat": "xml"}))

    async def send_text_with_buttons(self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]],
                                     **kwargs: Any) -> None:
        cards = hero_cards(text, buttons)
        if not cards:
            await self.send_text_message(recipient_id, text)
            return
        await self.send(self.prepare_message(recipient_id, {"attachmentLayout": "list", "attachments": cards}))

    async def send_quick_replies(self, recipient_id: Text, text: Text, quick_replies: List[Dict[Text, Any]],
                                 **kwargs: Any) -> None:
        await self.send_text_with_buttons(recipient_id, text, quick_replies, **kwargs)

    async def send_image_url(self, recipient_id: Text, image: Text, **kwargs: Any) -> None:
        card = {"contentType": "application/vnd.microsoft.card.hero", "content": {"images": [{"url": image}]}}
        await self.send(self.prepare_message(recipient_id, {"attachments": [card]}))

    async def send_attachment(self, recipient_id: Text, attachment: Any, **kwargs: Any) -> None:
        if isinstance(attachment, dict) and attachment.get("contentType"):
            await self.send(self.prepare_message(recipient_id, {"attachments": [attachment]}))
        else:
            await self.send_text_message(recipient_id, str(attachment))

    async def send_elements(self, recipient_id: Text, elements: Iterable[Dict[Text, Any]], **kwargs: Any) -> None:
        for element in elements:
            await self.send(self.prepare_message(recipient_id, dict(element)))

    async def send_custom_json(self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any) -> None:
        # A custom payload is a (partial) Bot Framework activity; routing fields stay kwalibot's.
        message = {k: v for k, v in json_message.items() if k not in ("from", "recipient", "conversation")}
        await self.send(self.prepare_message(recipient_id, message))


class KwalibotTeamsInput(BotFrameworkInput):
    """The Bot Framework messaging endpoint at /webhooks/botframework/webhook (see module docstring)."""

    @classmethod
    def name(cls) -> Text:
        return "botframework"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "KwalibotTeamsInput":
        # Everything comes from the environment; credentials.yml only switches the channel on.
        return cls()

    def __init__(self, app_id: Optional[str] = None, app_password: Optional[str] = None,
                 openid_url: Optional[str] = None, token_url: Optional[str] = None) -> None:
        # BotFrameworkInput.__init__ is not called: it fetches Microsoft's keys, blocking, at start-up.
        env = os.environ
        self.app_id = (app_id if app_id is not None else env.get(APP_ID_VAR, "")).strip()
        self.app_password = (app_password if app_password is not None else env.get(APP_PASSWORD_VAR, "")).strip()
        self.openid_url = openid_url or env.get(OPENID_URL_VAR) or DEFAULT_OPENID_URL
        self.token_url = token_url or env.get(TOKEN_URL_VAR) or DEFAULT_TOKEN_URL
        self.signing_keys = SigningKeys(self.openid_url)
        self.connector_token = ConnectorToken(self.app_id, self.app_password, self.token_url)
        self.activities = memory("teams:activities", ACTIVITY_MEMORY)
        self.pseudonyms = Pseudonyms("teams")
        self._session: Optional[aiohttp.ClientSession] = None
        self._background_tasks: set = set()
        if not self.configured:
            missing = [name for name, value in ((APP_ID_VAR, self.app_id), (APP_PASSWORD_VAR, self.app_password))
                       if not value]
            logger.warning("Teams is not configured (%s not set): /webhooks/botframework/webhook answers 503. "
                           "See docs/teams.md.", " and ".join(missing))
        else:
            logger.info("Teams channel on for app %s; keys from %s, tokens from %s; redeliveries remembered %s",
                        self.app_id, self.openid_url, self.token_url, describe(self.activities))

    @property
    def configured(self) -> bool:
        return bool(self.app_id and self.app_password)

    def session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=HTTP_TIMEOUT))
        return self._session

    async def authenticity_problem(self, authorization: Optional[str],
                                   activity: Optional[Dict[str, Any]]) -> Optional[Rejection]:
        if not authorization:
            return Rejection(HTTPStatus.UNAUTHORIZED, "no Authorization header")
        keys = self.signing_keys
        await keys.refresh(self.session())
        problem = token_problem(authorization, keys.keys, self.app_id, keys.issuer, activity)
        if problem and problem.unknown_key:  # a new key (rollover)? look once more
            await keys.refresh(self.session(), force=True)
            problem = token_problem(authorization, keys.keys, self.app_id, keys.issuer, activity)
        if problem and problem.unknown_key and not keys.keys:
            return Rejection(HTTPStatus.SERVICE_UNAVAILABLE, "the Bot Connector's signing keys could not be "
                                                             f"fetched from {self.openid_url}")
        return problem

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        teams = Blueprint("kwalibot_botframework", __name__)

        @teams.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok", "configured": self.configured})

        @teams.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if not self.configured:
                return response.json({"error": NOT_CONFIGURED}, status=HTTPStatus.SERVICE_UNAVAILABLE)
            authorization = request.headers.get("Authorization")
            try:
                activity = json.loads(request.body or b"null")
            except ValueError:
                activity = None
            usable = (isinstance(activity, dict) and isinstance(activity.get("serviceUrl"), str)
                      and isinstance(activity.get("conversation"), dict) and activity["conversation"].get("id")
                      and isinstance(activity.get("from"), dict) and activity["from"].get("id"))
            # The token is checked first, so an unauthenticated caller learns nothing about the body.
            problem = await self.authenticity_problem(authorization, activity if usable else None)
            if problem:
                logger.warning("Bot Framework request rejected (%d): %s", problem.status, problem.reason)
                return response.json({"error": wording.teams_rejected(problem.reason)},
                                     status=problem.status)
            if not usable:
                return response.json({"error": wording.TEAMS_NOT_AN_ACTIVITY}, status=HTTPStatus.BAD_REQUEST)
            if activity.get("type") != "message":
                logger.debug("Bot Framework activity of type %r ignored", activity.get("type"))
                return response.text("", status=HTTPStatus.OK)
            if activity.get("id") and await self.activities.seen(f"{activity['conversation']['id']}|{activity['id']}"):
                logger.info("activity %s answered already: not again", activity["id"])
                return response.text("", status=HTTPStatus.OK)
            self._in_background(self._answer(on_new_message, activity, request))
            return response.text("", status=HTTPStatus.OK)

        @teams.listener("after_server_stop")
        async def close_connections(*_: Any) -> None:
            if self._session is not None and not self._session.closed:
                await self._session.close()
            await self.activities.close()

        return teams

    def _in_background(self, coroutine: Awaitable[None]) -> None:
        # Teams wants the HTTP answer within 15 seconds: the turn runs after the 200.
        task = asyncio.ensure_future(coroutine)
        self._background_tasks.add(task)
        task.add_done_callback(self._background_tasks.discard)

    async def _answer(self, on_new_message: Callable[[UserMessage], Awaitable[Any]], activity: Dict[str, Any],
                      request: Request) -> None:
        out = KwalibotTeamsBot(self.session(), self.connector_token, activity)
        conversation = activity["conversation"]
        sender = self.pseudonyms.sender_id(activity["from"]["id"], str(conversation["id"]), conversation_key(activity))
        metadata = self.add_attachments_to_metadata(activity, self.get_metadata(request)) or {}
        metadata["teams"] = {"conversation_id": conversation["id"], "activity_id": activity.get("id"),
                             "conversation_type": conversation.get("conversationType"),
                             "tenant_id": conversation.get("tenantId"), "user": activity["from"],
                             "channel_id": activity.get("channelId")}
        await guarded_turn(on_new_message, user_text(activity), out, sender, self.name(),
                           self.pseudonyms.metadata(metadata, keep=()))
