"""The token of Rasa's HTTP API (`/conversations/…`, `/model…`, `/status`, `/domain`): always required.

Rasa serves its HTTP API (kwalibot starts it with --enable-api, for the tests, benchmarks and staff
tools) on the same port as the widget's socket.io and the channels' webhooks, so whoever can chat
could otherwise read and write every conversation. The token is KWALIBOT_RASA_AUTH_TOKEN, or, when
that is unset or empty, one generated at the first start into var/rasa-auth-token (readable by its
owner only) and used from then on. Rasa 3.6 accepts it only as the query parameter `?token=` (its
`Authorization: Bearer` header is for JWTs, which kwalibot does not configure); `with_token` adds it.
Everything that calls the API reads the token through `rasa_auth_token`, so it is found in one place.
Not covered (public by design): `/webhooks/*`, `/socket.io`, `/`, `/version`, `/ready`, `/metrics`.
"""
from __future__ import annotations

import os
import secrets
import sys
import tempfile
from pathlib import Path
from typing import Mapping, Optional
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
TOKEN_VAR = "KWALIBOT_RASA_AUTH_TOKEN"
TOKEN_FILE = ROOT / "var" / "rasa-auth-token"


def rasa_auth_token(env: Optional[Mapping[str, str]] = None, path: Path = TOKEN_FILE) -> str:
    """KWALIBOT_RASA_AUTH_TOKEN, else the token in `path`, generated there (mode 0600) if it does not exist."""
    env = os.environ if env is None else env
    configured = (env.get(TOKEN_VAR) or "").strip()
    if configured:
        return configured
    if not path.exists():
        _generate(path)
    if path.stat().st_mode & 0o077:  # copied or unpacked with other permissions: nobody else may read it
        print(f"kwalibot: {path} was readable by others; now mode 0600", file=sys.stderr)
        path.chmod(0o600)
    token = path.read_text().strip()
    if not token:
        raise RuntimeError(f"{path} is empty: delete it to have a new Rasa API token generated, "
                           f"or set {TOKEN_VAR}")
    return token


def _generate(path: Path) -> None:
    """Write a new token to `path` unless another process just did: the file appears whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, draft = tempfile.mkstemp(dir=path.parent, prefix=".rasa-auth-token-")  # mkstemp: mode 0600
    try:
        with os.fdopen(fd, "w") as out:
            out.write("k" + secrets.token_urlsafe(32) + "\n")  # never "-" first: it is a command-line argument
        # link, not rename: of two processes starting at once, the first one's token stays for both
        os.link(draft, path)
        print(f"kwalibot: Rasa's HTTP API token generated into {path} (`?token=` on /conversations/…, /model…)",
              file=sys.stderr)
    except FileExistsError:
        pass
    finally:
        os.unlink(draft)


def with_token(url: str, env: Optional[Mapping[str, str]] = None, path: Path = TOKEN_FILE) -> str:
    """`url` of Rasa's HTTP API with the token as Rasa 3.6 wants it: the query parameter `token`."""
    separator = "&" if urlsplit(url).query else "?"
    return f"{url}{separator}token={quote(rasa_auth_token(env, path), safe='')}"
