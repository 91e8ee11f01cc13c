"""A local stand-in for Slack's Web API (https://slack.com/api/) that records what the bot sends.

Answers chat.postMessage and chat.update the way Slack does for a bot token: `{"ok": true, "ts": …}`,
or `{"ok": false, "error": …}` for a wrong token (invalid_auth), a missing channel
(channel_not_found), a message without text or blocks (no_text) and `as_user`, which Slack
rejects for current bot tokens (invalid_arguments). Every call is recorded, also the refused ones.
"""
from __future__ import annotations

import itertools
import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Optional


class FakeSlackApi:
    def __init__(self, token: str) -> None:
        self.token = token
        self.calls: list[dict] = []
        self._changed = threading.Condition()
        self._ts = itertools.count(1)
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode()
                if (self.headers.get("Content-Type") or "").startswith("application/json"):
                    body = json.loads(raw or "{}")
                else:
                    body = {k: v[0] for k, v in urllib.parse.parse_qs(raw).items()}
                method = self.path.rsplit("/", 1)[-1]
                answer = fake._answer(method, self.headers.get("Authorization"), body)
                data = json.dumps(answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/api/"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "FakeSlackApi":
        self._thread.start()
        return self

    def __exit__(self, *_) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _answer(self, method: str, authorization: Optional[str], body: dict) -> dict:
        answer: dict = {"ok": True}
        if authorization != f"Bearer {self.token}":
            answer = {"ok": False, "error": "invalid_auth"}
        elif method not in ("chat.postMessage", "chat.update"):
            answer = {"ok": False, "error": "unknown_method"}
        elif "as_user" in body:
            answer = {"ok": False, "error": "invalid_arguments", "deprecated_argument": "as_user"}
        elif not body.get("channel"):
            answer = {"ok": False, "error": "channel_not_found"}
        elif not (body.get("text") or body.get("blocks")):
            answer = {"ok": False, "error": "no_text"}
        else:
            ts = body.get("ts") if method == "chat.update" else f"1800000000.{next(self._ts):06d}"
            answer = {"ok": True, "channel": body["channel"], "ts": ts,
                      "message": {"type": "message", "text": body.get("text"), "ts": ts,
                                  "thread_ts": body.get("thread_ts"), "blocks": body.get("blocks"),
                                  "bot_id": "BFAKE"}}
        with self._changed:
            self.calls.append({"method": method, "body": body, "answer": answer})
            self._changed.notify_all()
        return answer

    # -- for the tests ------------------------------------------------------------------
    def posts(self, channel: Optional[str] = None, method: str = "chat.postMessage") -> list[dict]:
        """Bodies of the recorded calls of `method` (to `channel`), oldest first."""
        with self._changed:
            return [c["body"] for c in self.calls
                    if c["method"] == method and (channel is None or c["body"].get("channel") == channel)]

    def wait_for(self, condition: Callable[["FakeSlackApi"], bool], timeout: float = 90) -> None:
        """Block until condition(self) holds (checked at every recorded call) or fail after timeout."""
        with self._changed:
            if not self._changed.wait_for(lambda: condition(self), timeout=timeout):
                raise AssertionError(f"not within {timeout:.0f} s; calls so far: {json.dumps(self.calls)[:3000]}")
