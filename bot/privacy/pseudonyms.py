"""Slack and Teams user ids stored only as keyed hashes (HMAC-SHA256), never as they are.

A Slack or Teams conversation's Rasa sender id names a person (Slack's U0…, Teams' 29:…) and the place
(a channel and thread, a Teams conversation). kwalibot stores instead

    slack-<HMAC(user)[:24]>-<HMAC(channel and thread)[:16]>     teams-<HMAC(user)[:24]>-<HMAC(conversation)[:16]>

with the secret KWALIBOT_PSEUDONYM_SECRET. The user's part comes first, so an administrator who is
asked by a colleague for their data finds all of that person's conversations from the user id alone
(`python -m bot.privacy export --slack-user U0…`), and no one without the secret can go back from
the stored id to the person. Replies still reach the user: the Slack and Teams output channels address
the Slack channel and thread or the Teams activity they were made for, never the sender id.

When the variable is unset, a secret is generated once into var/pseudonym-secret (readable by its owner
only) and used from then on. Several replicas on several machines must share one secret (set the
variable), or the same person gets a different sender id on each. KWALIBOT_PSEUDONYMISE=0 stores the
ids as they are (e.g. a school that wants to read conversations per colleague).
"""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path
from typing import Any, Dict, Iterable, Mapping, Optional

ROOT = Path(__file__).resolve().parent.parent.parent
SECRET_VAR = "KWALIBOT_PSEUDONYM_SECRET"
SWITCH_VAR = "KWALIBOT_PSEUDONYMISE"
SECRET_FILE = ROOT / "var" / "pseudonym-secret"
USER_DIGITS, PLACE_DIGITS = 24, 16  # 96 and 64 bits: no collisions among a school's users and chats


def enabled(env: Optional[Mapping[str, str]] = None) -> bool:
    env = os.environ if env is None else env
    return (env.get(SWITCH_VAR) or "1").strip().lower() not in ("0", "false", "no", "off")


def secret(env: Optional[Mapping[str, str]] = None, path: Path = SECRET_FILE) -> bytes:
    """KWALIBOT_PSEUDONYM_SECRET, or the generated one in `path` (created once, mode 0600)."""
    env = os.environ if env is None else env
    configured = (env.get(SECRET_VAR) or "").strip()
    if configured:
        return configured.encode()
    try:
        return path.read_bytes().strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # O_EXCL: of two processes starting at once, one writes and the other reads what it wrote.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_bytes().strip()
    with os.fdopen(fd, "w") as out:
        out.write(secrets.token_hex(32) + "\n")
    return path.read_bytes().strip()


class Pseudonyms:
    """Sender ids for one channel ('slack', 'teams'), from the user id and the place of the conversation."""

    def __init__(self, channel: str, env: Optional[Mapping[str, str]] = None, path: Path = SECRET_FILE) -> None:
        self.channel = channel
        self.on = enabled(env)
        self._env, self._path = env, path
        self._key: Optional[bytes] = None  # read (or generated) at first use: a channel never used writes nothing

    def _digest(self, value: str, digits: int) -> str:
        if self._key is None:
            self._key = secret(self._env, self._path)
        return hmac.new(self._key, value.encode(), hashlib.sha256).hexdigest()[:digits]

    def user_prefix(self, user: str) -> str:
        """What every sender id of `user` on this channel starts with."""
        return f"{self.channel}-{self._digest(user, USER_DIGITS)}-"

    def sender_id(self, user: str, place: str, plain: str) -> str:
        """The stored sender id of `user`'s conversation at `place`; `plain` when pseudonymising is off."""
        if not self.on:
            return plain
        return self.user_prefix(user) + self._digest(place, PLACE_DIGITS)

    def metadata(self, metadata: Dict[str, Any], keep: Iterable[str]) -> Dict[str, Any]:
        """What of a message's channel metadata Rasa may store (it keeps it in the tracker's events).

        The channels put user ids, names, tenant and team ids in it; none of kwalibot's code reads them.
        """
        if not self.on:
            return metadata
        return {k: v for k, v in metadata.items() if k in set(keep)}
