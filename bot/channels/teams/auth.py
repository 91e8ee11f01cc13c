"""Whether a request comes from the Bot Connector, and the bot's own token to answer with.

`token_problem` makes the checks of Microsoft's "Authenticate requests from the Bot Connector service":
RS256 signature by a key of the OpenID metadata's JWKS, issuer from that metadata, audience = the app id,
expiry and not-before with five minutes of clock skew, the key's endorsements must include the activity's
channelId, and the token's serviceurl claim must equal the activity's serviceUrl (the stock channel checks
neither issuer, endorsements nor serviceUrl, and takes the algorithm from the token's own header).
`SigningKeys` fetches and caches those keys; `ConnectorToken` gets and caches the bot's client-credentials token.
"""
from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any, Dict, Optional

import aiohttp
import jwt
from jwt.algorithms import RSAAlgorithm

logger = logging.getLogger(__name__)

TOKEN_SCOPE = "https://api.botframework.com/.default"
DEFAULT_ISSUER = "https://api.botframework.com"
CLOCK_SKEW = 5 * 60  # seconds of leeway for exp/nbf, as Microsoft's SDKs allow
KEYS_MAX_AGE = 24 * 60 * 60  # refresh the signing keys daily
KEYS_MIN_REFRESH = 60  # an unknown key id triggers a refresh at most this often


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
