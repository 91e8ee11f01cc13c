"""kwalibot in Microsoft Teams: Rasa's Bot Framework channel, configured from the environment and made safe.

Registered in credentials.yml as `bot.channels.teams.KwalibotTeamsInput:` under the stock name and
URL: the Azure Bot resource's messaging endpoint is `https://<host>/webhooks/botframework/webhook`.
Set up step by step in docs/teams.md.

What it changes compared with `rasa.core.channels.botframework`:
- configured by KWALIBOT_TEAMS_APP_ID and KWALIBOT_TEAMS_APP_PASSWORD (and, for tests or single-tenant
  bots, KWALIBOT_TEAMS_OPENID_URL and KWALIBOT_TEAMS_TOKEN_URL); without them the server still starts
  (a warning is logged) and the webhook answers 503. Nothing is fetched from Microsoft at start-up
  (the stock channel does, with a blocking request that crashes the server when it fails);
- the Bot Connector's token is checked as Microsoft's "Authenticate requests from the Bot Connector
  service" asks: RS256 signature by a key of the OpenID metadata's JWKS (keys refreshed daily and when
  an unknown key id shows up, at most once a minute), issuer from that metadata (api.botframework.com),
  audience = the app id, expiry and not-before with five minutes of clock skew, the key's endorsements
  must include the activity's channelId, and the token's serviceurl claim must equal the activity's
  serviceUrl (the stock channel checks neither issuer, endorsements nor serviceUrl, and takes the
  algorithm from the token's own header). Missing, malformed, expired, forged or foreign tokens get a
  401, a valid token for another serviceUrl or channel a 403: never a 500, never an answer;
- the answer is sent after the 200 (Teams wants one within 15 seconds), with non-blocking HTTP, a
  cached connector token (refreshed on a 401), to `POST {serviceUrl}/v3/conversations/{id}/activities`
  with replyToId = the user's activity, recipient = the user, so in a channel the bot answers in the
  thread and the right person;
- text goes out as Teams' HTML subset (textFormat "xml"): line breaks kept, "- " lists as bullets,
  `**bold**` and links converted, `&<>` escaped; one Teams message per Rasa message;
- buttons: the stock channel puts Rasa's `{title, payload}` straight into a hero card, but a Bot Framework
  CardAction needs `type` and `value`, so Teams shows the buttons and a click does nothing ("something
  went wrong"; RasaHQ/rasa#11411, #8164). Here each button is a `messageBack` action: Teams shows the
  title in the chat as the user's message (displayText) and sends the payload to the bot as `text`
  and, repeated, in `value`; at most six buttons per hero card (more go into further cards);
- a click comes back as an activity whose `value` holds the payload (also for an Adaptive Card
  Action.Submit, where `text` is empty): that payload is what Rasa reads, so
  "/vraag_werkproces{...}" reaches Rasa unchanged;
- the bot's @mention (`<at>kwalibot</at>`) is removed from the user's text; one Rasa conversation
  per user and Teams conversation (a channel thread, a group chat or the 1:1 chat);
- an activity delivered twice (same conversation and id) is answered once;
- the guards of every kwalibot channel: an empty, huge or binary message gets the polite reply
  without reaching Rasa, and a turn without any bot message gets the apology.
"""
from __future__ import annotations

import asyncio
import html
import json
import logging
import os
import re
import time
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict, Iterable, List, Optional, Text
from urllib.parse import quote

import aiohttp
import jwt
from jwt.algorithms import RSAAlgorithm
from rasa.core.channels.botframework import BotFramework, BotFrameworkInput
from rasa.core.channels.channel import OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.guard import apology_if_silent, screen
from bot.channels.recent import Recent

logger = logging.getLogger(__name__)

APP_ID_VAR = "KWALIBOT_TEAMS_APP_ID"
APP_PASSWORD_VAR = "KWALIBOT_TEAMS_APP_PASSWORD"
OPENID_URL_VAR = "KWALIBOT_TEAMS_OPENID_URL"
TOKEN_URL_VAR = "KWALIBOT_TEAMS_TOKEN_URL"
DEFAULT_OPENID_URL = "https://login.botframework.com/v1/.well-known/openidconfiguration"
DEFAULT_TOKEN_URL = "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token"
TOKEN_SCOPE = "https://api.botframework.com/.default"
DEFAULT_ISSUER = "https://api.botframework.com"

CLOCK_SKEW = 5 * 60  # seconds of leeway for exp/nbf, as Microsoft's SDKs allow
KEYS_MAX_AGE = 24 * 60 * 60  # refresh the signing keys daily
KEYS_MIN_REFRESH = 60  # an unknown key id triggers a refresh at most this often
HTTP_TIMEOUT = 15  # seconds per call to Microsoft
MAX_BUTTONS_PER_CARD = 6  # Teams shows at most six buttons on a hero card
TEXT_LIMIT = 20000  # characters per message (Teams refuses messages over about 28 KB of text)
NOT_CONFIGURED = (f"Teams is niet geconfigureerd: zet {APP_ID_VAR} en {APP_PASSWORD_VAR} "
                  "(zie docs/teams.md) en start kwalibot opnieuw.")


# -- Teams HTML out ---------------------------------------------------------------------

_INLINE = re.compile(
    r"\[(?P<ltext>[^\]\n]+)\]\((?P<lurl>(?:https?://|mailto:)[^)\s]+)\)"
    r"|<(?P<auto>(?:https?://|mailto:)[^>\s]+)>"
    r"|(?P<url>https?://[^\s<>()]+[^\s<>().,;:!?'\"])"
    r"|\*\*(?P<bold>(?=\S)[^\n]*?\S)\*\*"
    r"|(?<![\w*])\*(?P<italic>(?=[^\s*])[^*\n]*?[^\s*])\*(?![\w*])",
)
_BULLET = re.compile(r"^(?P<indent>[ \t]*)[-*+][ \t]+(?=\S)")
_HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$")
_OPEN_TAG = re.compile(r"<(b|i|a)[ >]")


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def _link(url: str, label: str) -> str:
    return f'<a href="{html.escape(url, quote=True)}">{label}</a>'


def _inline(text: str) -> str:
    out, at = [], 0
    for m in _INLINE.finditer(text):
        out.append(_escape(text[at:m.start()]))
        at = m.end()
        if m.group("ltext") is not None:
            out.append(_link(m.group("lurl"), _inline(m.group("ltext"))))
        elif m.group("auto") or m.group("url"):
            url = m.group("auto") or m.group("url")
            out.append(_link(url, _escape(url)))
        elif m.group("bold") is not None:
            out.append(f"<b>{_inline(m.group('bold'))}</b>")
        else:
            out.append(f"<i>{_inline(m.group('italic'))}</i>")
    out.append(_escape(text[at:]))
    return "".join(out)


def to_teams_html(text: Optional[str]) -> str:
    """Rasa's markdown-ish reply text in the HTML subset Teams renders (messages and hero cards alike)."""
    lines = []
    for line in (text or "").replace("\r\n", "\n").replace("\r", "\n").strip("\n").split("\n"):
        heading = _HEADING.match(line)
        if heading:
            lines.append(f"<b>{_inline(heading.group(1))}</b>")
            continue
        bullet = _BULLET.match(line)
        if bullet:
            level = len(bullet.group("indent").replace("\t", "  ")) // 2
            mark = "• " if level == 0 else "&nbsp;" * 4 * level + "◦ "
            lines.append(mark + _inline(line[bullet.end():]))
        else:
            lines.append(_inline(line))
    return "<br>".join(lines)


def split_text(text: str, limit: int = TEXT_LIMIT) -> List[str]:
    """Pieces of at most `limit` characters of Teams HTML, cut at a line break, else a space, else anywhere
    outside a tag or an entity."""
    pieces = []
    while len(text) > limit:
        cut = text.rfind("<br>", 0, limit)
        if cut < limit // 3:
            cut = text.rfind(" ", 0, limit)
        if cut < limit // 3:
            cut = limit
            tag, amp = text.rfind("<", 0, cut), text.rfind("&", 0, cut)
            if tag > text.rfind(">", 0, cut):
                cut = tag  # inside a tag: cut before it
            elif amp > text.rfind(";", 0, cut) and cut - amp < 10:
                cut = amp  # inside an entity such as &amp;
            opened = [m for m in _OPEN_TAG.finditer(text, 0, cut)
                      if f"</{m.group(1)}>" not in text[m.end():cut]]
            if opened and opened[0].start() > 0:
                cut = opened[0].start()  # inside <b>…</b> or <a …>…</a>: cut before the element
        pieces.append(text[:cut])
        text = text[cut:]
        text = text[4:] if text.startswith("<br>") else text.lstrip(" ")
    if text:
        pieces.append(text)
    return pieces


def card_action(button: Dict[str, Any]) -> Optional[Dict[str, Any]]:
    """A Rasa button as a Bot Framework CardAction that works in Teams (None when unusable).

    A payload becomes a `messageBack`: Teams shows the title as the user's message and sends the payload
    (as `text` and in `value`). A button with a `url` becomes an `openUrl`.
    """
    payload = str(button.get("payload") or "").strip()
    url = str(button.get("url") or "").strip()
    title = " ".join(str(button.get("title") or payload or url).split())
    if url and url.startswith(("https://", "http://")):
        return {"type": "openUrl", "title": title or url, "value": url}
    if not payload or not title:
        logger.warning("button without title or payload left out: %r", button)
        return None
    return {"type": "messageBack", "title": title, "displayText": title, "text": payload,
            "value": {"kwalibot_payload": payload}}


def hero_cards(text: Optional[str], buttons: Iterable[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Hero card attachments for a text with buttons: the text and up to six buttons per card."""
    actions = [a for a in (card_action(b) for b in buttons or []) if a]
    body = to_teams_html(text)
    if not actions:
        return []
    cards = []
    for start in range(0, len(actions), MAX_BUTTONS_PER_CARD):
        content: Dict[str, Any] = {"buttons": actions[start:start + MAX_BUTTONS_PER_CARD]}
        if start == 0 and body:
            content["text"] = body
        cards.append({"contentType": "application/vnd.microsoft.card.hero", "content": content})
    return cards


# -- Teams activity in ------------------------------------------------------------------

_AT = re.compile(r"<at(?:\s[^>]*)?>(.*?)</at>", re.S | re.I)


def _payload_from_value(value: Any) -> Optional[str]:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return None
    if isinstance(value, dict):
        payload = value.get("kwalibot_payload")
        if isinstance(payload, str) and payload.strip():
            return payload.strip()
    return None


def user_text(activity: Dict[str, Any]) -> Any:
    """What Rasa should read for a message activity: a clicked button's payload, else the typed text
    without the bot's @mention (`<at>kwalibot</at>`); other mentions become the name."""
    payload = _payload_from_value(activity.get("value"))
    if payload:
        return payload
    text = activity.get("text")
    if not isinstance(text, str):
        return text
    bot = activity.get("recipient") or {}
    for entity in activity.get("entities") or []:
        if not (isinstance(entity, dict) and entity.get("type") == "mention"):
            continue
        mentioned = entity.get("mentioned") or {}
        if not bot.get("id") or mentioned.get("id") != bot.get("id"):
            continue
        mention = entity.get("text") or (f"<at>{mentioned['name']}</at>" if mentioned.get("name") else None)
        if mention:
            text = re.sub(re.escape(mention), " ", text, flags=re.I)
    text = _AT.sub(lambda m: m.group(1), text)
    return text.replace("&nbsp;", " ").replace("\xa0", " ")


def conversation_key(activity: Dict[str, Any]) -> str:
    """One Rasa conversation per user and Teams conversation (1:1 chat, group chat, channel thread)."""
    return f"{activity['from']['id']}|{activity['conversation']['id']}"


# -- the Bot Connector's token ------------------------------------------------------------

@dataclass(frozen=True)
class Rejection:
    status: int
    reason: str
    unknown_key: bool = False  # the token names a key id that is not (yet) among the signing keys


def _claim(claims: Dict[str, Any], name: str) -> Any:
    for key, value in claims.items():
        if key.lower() == name.lower():
            return value
    return None


def _same_url(a: Any, b: Any) -> bool:
    return isinstance(a, str) and isinstance(b, str) and a.rstrip("/").lower() == b.rstrip("/").lower()


def token_problem(authorization: Optional[str], keys: Dict[str, Dict[str, Any]], app_id: str, issuer: str,
                  activity: Optional[Dict[str, Any]] = None) -> Optional[Rejection]:
    """Why a request's Authorization header does not prove it comes from the Bot Connector (None if it does).

    The checks of Microsoft's "Authenticate requests from the Bot Connector service", steps 1-7.
    With `activity` None only the token itself is checked (serviceUrl and endorsements are not).
    """
    if not authorization:
        return Rejection(HTTPStatus.UNAUTHORIZED, "no Authorization header")
    scheme, _, token = authorization.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        return Rejection(HTTPStatus.UNAUTHORIZED, "the Authorization header is not 'Bearer <token>'")
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError as error:
        return Rejection(HTTPStatus.UNAUTHORIZED, f"the token is not a JWT ({error})")
    if header.get("alg") != "RS256":
        return Rejection(HTTPStatus.UNAUTHORIZED, f"the token is signed with {header.get('alg')!r}, not RS256")
    key = keys.get(str(header.get("kid")))
    if key is None:
        return Rejection(HTTPStatus.UNAUTHORIZED, f"the token's key {header.get('kid')!r} is not one of the "
                                                  "Bot Connector's signing keys", unknown_key=True)
    try:
        public_key = RSAAlgorithm.from_jwk(key)
        claims = jwt.decode(token, key=public_key, algorithms=["RS256"], audience=app_id, issuer=issuer,
                            leeway=CLOCK_SKEW, options={"require": ["exp", "iss", "aud"]})
    except (jwt.PyJWTError, ValueError, TypeError, KeyError) as error:
        return Rejection(HTTPStatus.UNAUTHORIZED, f"the token is not valid: {error}")
    if activity is None:
        return None
    endorsements = key.get("endorsements")
    channel_id = activity.get("channelId")
    if isinstance(endorsements, list) and channel_id and channel_id not in endorsements:
        return Rejection(HTTPStatus.FORBIDDEN, f"the signing key is not endorsed for channel {channel_id!r}")
    service_url = activity.get("serviceUrl")
    if not _same_url(_claim(claims, "serviceurl"), service_url):
        return Rejection(HTTPStatus.FORBIDDEN, "the token's serviceurl claim does not match the activity's "
                                               f"serviceUrl {service_url!r}")
    return None


class SigningKeys:
    """The Bot Connector's OpenID metadata (issuer) and signing keys, fetched when needed and cached."""

    def __init__(self, openid_url: str) -> None:
        self.openid_url = openid_url
        self.keys: Dict[str, Dict[str, Any]] = {}
        self.issuer = DEFAULT_ISSUER
        self.fetched_at = 0.0  # monotonic time of the last successful fetch
        self.tried_at = -KEYS_MIN_REFRESH  # ... of the last attempt
        self._lock = asyncio.Lock()

    def stale(self) -> bool:
        return not self.keys or time.monotonic() - self.fetched_at > KEYS_MAX_AGE

    async def refresh(self, session: aiohttp.ClientSession, force: bool = False) -> None:
        """Fetch metadata and keys when stale (or `force`d), at most once a minute; errors are logged."""
        async with self._lock:
            if not (force or self.stale()) or time.monotonic() - self.tried_at < KEYS_MIN_REFRESH:
                return
            self.tried_at = time.monotonic()
            try:
                async with session.get(self.openid_url) as r:
                    r.raise_for_status()
                    metadata = await r.json(content_type=None)
                async with session.get(metadata["jwks_uri"]) as r:
                    r.raise_for_status()
                    jwks = await r.json(content_type=None)
                keys = {str(k["kid"]): k for k in jwks["keys"] if isinstance(k, dict) and k.get("kid")}
            except Exception as error:
                logger.error("could not fetch the Bot Connector's signing keys from %s: %r", self.openid_url, error)
                return
            self.keys = keys
            self.issuer = metadata.get("issuer") or DEFAULT_ISSUER
            self.fetched_at = time.monotonic()
            logger.info("Bot Connector signing keys fetched from %s: %d keys, issuer %s",
                        self.openid_url, len(keys), self.issuer)


class ConnectorToken:
    """The bot's own access token for the Bot Connector (client credentials), cached until shortly before expiry."""

    def __init__(self, app_id: str, app_password: str, token_url: str) -> None:
        self.app_id, self.app_password, self.token_url = app_id, app_password, token_url
        self._token: Optional[str] = None
        self._expires = 0.0
        self._lock = asyncio.Lock()

    async def get(self, session: aiohttp.ClientSession, renew: bool = False) -> Optional[str]:
        async with self._lock:
            if self._token and not renew and time.monotonic() < self._expires:
                return self._token
            data = {"grant_type": "client_credentials", "client_id": self.app_id,
                    "client_secret": self.app_password, "scope": TOKEN_SCOPE}
            try:
                async with session.post(self.token_url, data=data) as r:
                    answer = await r.json(content_type=None)
                    if r.status != 200 or not isinstance(answer, dict) or "access_token" not in answer:
                        detail = answer.get("error_description") or answer if isinstance(answer, dict) else answer
                        logger.error("%s refused a token for app %s (HTTP %s): %s", self.token_url, self.app_id,
                                     r.status, detail)
                        return None
            except Exception as error:
                logger.error("could not get a Bot Connector token from %s: %r", self.token_url, error)
                return None
            self._token = answer["access_token"]
            lifetime = int(answer.get("expires_in") or 3600)
            self._expires = time.monotonic() + max(lifetime - 5 * 60, lifetime // 2)
            return self._token


# -- the channel --------------------------------------------------------------------------

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
        self.activities = Recent(ttl=60 * 60)
        self._session: Optional[aiohttp.ClientSession] = None
        self._background_tasks: set = set()
        if not self.configured:
            missing = [name for name, value in ((APP_ID_VAR, self.app_id), (APP_PASSWORD_VAR, self.app_password))
                       if not value]
            logger.warning("Teams is not configured (%s not set): /webhooks/botframework/webhook answers 503. "
                           "See docs/teams.md.", " and ".join(missing))
        else:
            logger.info("Teams channel on for app %s; keys from %s, tokens from %s",
                        self.app_id, self.openid_url, self.token_url)

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
                return response.json({"error": f"Niet van de Bot Framework-dienst: {problem.reason}."},
                                     status=problem.status)
            if not usable:
                return response.json({"error": "Verwacht een Bot Framework-activity (JSON) met serviceUrl, "
                                               "conversation.id en from.id."}, status=HTTPStatus.BAD_REQUEST)
            if activity.get("type") != "message":
                logger.debug("Bot Framework activity of type %r ignored", activity.get("type"))
                return response.text("", status=HTTPStatus.OK)
            if activity.get("id") and self.activities.seen(f"{activity['conversation']['id']}|{activity['id']}"):
                logger.info("activity %s answered already: not again", activity["id"])
                return response.text("", status=HTTPStatus.OK)
            self._in_background(self._answer(on_new_message, activity, request))
            return response.text("", status=HTTPStatus.OK)

        @teams.listener("after_server_stop")
        async def close_session(*_: Any) -> None:
            if self._session is not None and not self._session.closed:
                await self._session.close()

        return teams

    def _in_background(self, coroutine: Awaitable[None]) -> None:
        # Teams wants the HTTP answer within 15 seconds: the turn runs after the 200.
        task = asyncio.ensure_future(coroutine)
        self._background_tasks.add(task)
        task.add_done_callback(self._background_tasks.discard)

    async def _answer(self, on_new_message: Callable[[UserMessage], Awaitable[Any]], activity: Dict[str, Any],
                      request: Request) -> None:
        out = KwalibotTeamsBot(self.session(), self.connector_token, activity)
        sender = conversation_key(activity)
        screened = screen(user_text(activity))
        if screened.reply:
            await out.send_text_message(sender, screened.reply)
            return
        conversation = activity["conversation"]
        metadata = self.add_attachments_to_metadata(activity, self.get_metadata(request)) or {}
        metadata["teams"] = {"conversation_id": conversation["id"], "activity_id": activity.get("id"),
                             "conversation_type": conversation.get("conversationType"),
                             "tenant_id": conversation.get("tenantId"), "user": activity["from"],
                             "channel_id": activity.get("channelId")}
        try:
            await on_new_message(UserMessage(screened.text, out, sender, input_channel=self.name(),
                                             metadata=metadata))
        except asyncio.CancelledError:
            logger.error("message from %s was cancelled: %r", sender, screened.text)
            raise
        except Exception:
            logger.exception("processing a Teams message from %s failed: %r", sender, screened.text)
        if not out.sent:
            for message in apology_if_silent(sender, screened.text, []):
                await out.send_text_message(sender, message["text"])
