"""A local stand-in for Microsoft's side of a Teams bot, on one free port, for tests without the internet.

- `GET /openid`: the OpenID metadata document (like login.botframework.com/v1/.well-known/openidconfiguration),
  naming this server's `/keys` as jwks_uri and https://api.botframework.com as issuer;
- `GET /keys`: the JWKS with the public half of an RSA key generated for this run (endorsed for msteams);
- `POST /token`: the client-credentials token endpoint (like login.microsoftonline.com/…/oauth2/v2.0/token);
  it checks client id, secret, grant type and scope and hands out a fresh access token;
- `POST /teams/v3/conversations/{id}/activities`: the Bot Connector's "send to conversation" at the
  serviceUrl `…/teams/`; it answers 401 unless the bearer token is one this server handed out (and not
  revoked) and records every call, accepted or not.

`bot_connector_token(...)` signs the JWT the Bot Connector would send with each activity; `other_key()`
makes a key Microsoft never published, for forged tokens.
"""
from __future__ import annotations

import base64
import itertools
import json
import secrets
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Optional

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

ISSUER = "https://api.botframework.com"
SCOPE = "https://api.botframework.com/.default"
KEY_ID = "kwalibot-test-key-1"


def other_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _b64(number: int) -> str:
    data = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jwk(key: rsa.RSAPrivateKey, kid: str, endorsements: list[str]) -> dict:
    public = key.public_key().public_numbers()
    return {"kty": "RSA", "use": "sig", "kid": kid, "n": _b64(public.n), "e": _b64(public.e),
            "endorsements": endorsements}


def bot_connector_token(key: rsa.RSAPrivateKey, app_id: str, service_url: Optional[str], *, kid: str = KEY_ID,
                        issuer: str = ISSUER, lifetime: int = 3600, issued: Optional[float] = None,
                        algorithm: str = "RS256", extra: Optional[dict] = None) -> str:
    """The JWT the Bot Connector puts in `Authorization: Bearer …` when it posts an activity."""
    now = int(time.time() if issued is None else issued)
    claims = {"iss": issuer, "aud": app_id, "iat": now, "nbf": now, "exp": now + lifetime, **(extra or {})}
    if service_url is not None:
        claims["serviceurl"] = service_url
    return jwt.encode(claims, key, algorithm=algorithm, headers={"kid": kid})


class FakeBotFramework:
    def __init__(self, app_id: str, app_password: str) -> None:
        self.app_id, self.app_password = app_id, app_password
        self.key, self.kid = other_key(), KEY_ID
        self.calls: list[dict] = []  # connector calls: {"conversation", "body", "authorized", "status"}
        self.token_requests: list[dict] = []
        self.metadata_requests = 0
        self._tokens: set[str] = set()
        self._changed = threading.Condition()
        self._ids = itertools.count(1)
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def _reply(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                if self.path == "/openid":
                    with fake._changed:
                        fake.metadata_requests += 1
                    self._reply(200, {"issuer": ISSUER, "authorization_endpoint": f"{fake.url}/authorize",
                                      "jwks_uri": f"{fake.url}/keys",
                                      "id_token_signing_alg_values_supported": ["RS256"],
                                      "token_endpoint_auth_methods_supported": ["private_key_jwt"]})
                elif self.path == "/keys":
                    self._reply(200, {"keys": [jwk(fake.key, fake.kid, ["msteams", "webchat"])]})
                else:
                    self._reply(404, {"error": "not found"})

            def do_POST(self) -> None:  # noqa: N802
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                if self.path == "/token":
                    self._reply(*fake._token(dict(urllib.parse.parse_qsl(raw))))
                    return
                prefix, suffix = "/teams/v3/conversations/", "/activities"
                if self.path.startswith(prefix) and self.path.endswith(suffix):
                    conversation = urllib.parse.unquote(self.path[len(prefix):-len(suffix)])
                    self._reply(*fake._activity(conversation, self.headers.get("Authorization"), raw))
                    return
                self._reply(404, {"error": "not found"})

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.openid_url = f"{self.url}/openid"
        self.token_url = f"{self.url}/token"
        self.service_url = f"{self.url}/teams/"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "FakeBotFramework":
        self._thread.start()
        return self

    def __exit__(self, *_) -> None:
        self.server.shutdown()
        self.server.server_close()

    # -- Microsoft's answers -------------------------------------------------------------
    def _token(self, form: dict) -> tuple[int, dict]:
        with self._changed:
            self.token_requests.append(form)
        if (form.get("grant_type") != "client_credentials" or form.get("client_id") != self.app_id
                or form.get("client_secret") != self.app_password or form.get("scope") != SCOPE):
            return 401, {"error": "invalid_client", "error_description": "AADSTS7000215: Invalid client secret."}
        token = f"connector-{secrets.token_hex(8)}"
        with self._changed:
            self._tokens.add(token)
        return 200, {"token_type": "Bearer", "expires_in": 3599, "ext_expires_in": 3599, "access_token": token}

    def _activity(self, conversation: str, authorization: Optional[str], raw: str) -> tuple[int, dict]:
        try:
            body = json.loads(raw)
        except ValueError:
            body = None
        with self._changed:
            authorized = (authorization or "").startswith("Bearer ") and authorization[7:] in self._tokens
            status = 201 if authorized and isinstance(body, dict) else 401 if not authorized else 400
            self.calls.append({"conversation": conversation, "body": body, "authorized": authorized,
                               "status": status})
            self._changed.notify_all()
        if status == 401:
            return 401, {"message": "Authorization has been denied for this request."}
        if status == 400:
            return 400, {"error": {"code": "BadArgument", "message": "not an activity"}}
        return 201, {"id": f"1:{next(self._ids)}"}

    # -- for the tests -----------------------------------------------------------------------
    def rotate_key(self, kid: str) -> None:
        """Publish a new signing key under a new key id instead of the old one (Microsoft's key rollover)."""
        self.key, self.kid = other_key(), kid

    def revoke_tokens(self) -> None:
        """Make every access token handed out so far invalid (as if it had expired at Microsoft)."""
        with self._changed:
            self._tokens.clear()

    def activities(self, conversation: str) -> list[dict]:
        """Accepted activities posted to `conversation`, oldest first."""
        with self._changed:
            return [c["body"] for c in self.calls if c["conversation"] == conversation and c["authorized"]]

    def all_calls(self, conversation: str) -> list[dict]:
        with self._changed:
            return [c for c in self.calls if c["conversation"] == conversation]

    def wait_for(self, condition: Callable[["FakeBotFramework"], bool], timeout: float = 120) -> None:
        """Block until condition(self) holds (checked at every recorded call) or fail after timeout."""
        with self._changed:
            if not self._changed.wait_for(lambda: condition(self), timeout=timeout):
                raise AssertionError(f"not within {timeout:.0f} s; calls so far: {json.dumps(self.calls)[:3000]}")
