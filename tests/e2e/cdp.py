"""A small headless-Chromium driver over the Chrome DevTools Protocol, standard library only.

Chromium is Debian's (`/usr/bin/chromium`, `make browser` installs it); it is started with
`--remote-debugging-pipe`, so the protocol runs over two pipes (fd 3: commands in, fd 4: replies
and events out, each message JSON ended by a NUL byte): no port, no websocket library, nothing
downloaded. Clicks and typing go through CDP's Input domain, i.e. real mouse and keyboard events
at the element's position, as a person would.
"""
from __future__ import annotations

import base64
import itertools
import json
import os
import shutil
import subprocess
import threading
import time
from pathlib import Path
from typing import Any, Optional

CHROMIUM = os.environ.get("KWALIBOT_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--no-default-browser-check", "--mute-audio", "--hide-scrollbars"]


class BrowserError(RuntimeError):
    pass


def chromium_available() -> Optional[str]:
    """The Chromium executable, or None."""
    return CHROMIUM if os.access(CHROMIUM, os.X_OK) else shutil.which("chromium")


class Browser:
    """One headless Chromium with one page (tab); `close()` ends it."""

    def __init__(self, profile: Path, log: Path, width: int = 1280, height: int = 900) -> None:
        executable = chromium_available()
        if not executable:
            raise BrowserError(f"no Chromium at {CHROMIUM}: run `make browser` (apt-get install chromium)")
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()
        args = [*FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}", "--remote-debugging-pipe"]
        with open(log, "ab") as out:
            # bash puts the two pipe ends on fds 3 and 4, where Chromium expects them (dash cannot redirect fd >= 10).
            self.process = subprocess.Popen(
                ["/bin/bash", "-c", f'exec "$0" "$@" 3<&{to_chrome_r} 4>&{from_chrome_w}', executable, *args],
                pass_fds=(to_chrome_r, from_chrome_w), stdin=subprocess.DEVNULL, stdout=out, stderr=out)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._ids = itertools.count(1)
        self._replies: dict[int, dict] = {}
        self._events: list[dict] = []
        self._lock = threading.Condition()
        self._closed = False
        threading.Thread(target=self._read, daemon=True).start()
        target = self.send("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True},
                                 session=False)["sessionId"]
        for domain in ("Page", "Runtime", "Network"):
            self.send(f"{domain}.enable")
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})

    # -- protocol -----------------------------------------------------------------------------------
    def _read(self) -> None:
        buffer = b""
        while True:
            try:
                chunk = os.read(self._from_chrome, 1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                with self._lock:
                    self._closed = True
                    self._lock.notify_all()
                return
            buffer += chunk
            *messages, buffer = buffer.split(b"\0")
            with self._lock:
                for raw in messages:
                    message = json.loads(raw)
                    if "id" in message:
                        self._replies[message["id"]] = message
                    else:
                        self._events.append(message)
                self._lock.notify_all()

    def send(self, method: str, params: Optional[dict] = None, timeout: float = 30, session: bool = True) -> dict:
        number = next(self._ids)
        message = {"id": number, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        with self._lock:
            if not self._lock.wait_for(lambda: number in self._replies or self._closed, timeout):
                raise BrowserError(f"{method}: no answer from Chromium within {timeout} s")
            if number not in self._replies:
                raise BrowserError(f"{method}: Chromium exited (code {self.process.poll()})")
            reply = self._replies.pop(number)
        if "error" in reply:
            raise BrowserError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def events(self, method: str) -> list[dict]:
        with self._lock:
            return [e["params"] for e in self._events if e.get("method") == method]

    # -- page -------------------------------------------------------------------------------------
    def evaluate(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True})
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression!r} threw: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, what: str, timeout: float = 60) -> Any:
        """Poll a JavaScript expression until it is truthy; its value (an element counts as `True`)."""
        deadline = time.monotonic() + timeout
        expression = f"(v => v instanceof Node ? true : v)({expression})"
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
            time.sleep(0.2)

    def goto(self, url: str) -> None:
        self.send("Page.navigate", {"url": url})
        self.wait_for("document.readyState === 'complete' && location.href !== 'about:blank'", f"{url} to load")

    def reload(self) -> None:
        self.evaluate("window.__kwalibotBeforeReload = true")
        self.send("Page.reload", {"ignoreCache": True})
        self.wait_for("document.readyState === 'complete' && !window.__kwalibotBeforeReload", "the page to reload")

    def click(self, selector: str, text: Optional[str] = None, timeout: float = 30) -> None:
        """A real mouse click in the middle of the (last) element matching `selector` (and exact `text`)."""
        find = f"""(() => {{
            const all = [...document.querySelectorAll({json.dumps(selector)})]
                .filter(e => {json.dumps(text)} === null || e.textContent.trim() === {json.dumps(text)});
            const el = all[all.length - 1];
            if (!el) return null;
            el.scrollIntoView({{block: 'center'}});
            const r = el.getBoundingClientRect();
            return r.width && r.height ? [r.left + r.width / 2, r.top + r.height / 2] : null;
        }})()"""
        x, y = self.wait_for(find, f"{selector} {text or ''} to be clickable", timeout)
        self.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1})

    def type(self, selector: str, text: str, enter: bool = True) -> None:
        """Click into a field, type `text` and press Enter."""
        self.click(selector)
        self.send("Input.insertText", {"text": text})
        if enter:
            key = {"key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13, "nativeVirtualKeyCode": 13}
            self.send("Input.dispatchKeyEvent", {"type": "keyDown", "text": "\r", **key})
            self.send("Input.dispatchKeyEvent", {"type": "keyUp", **key})

    def screenshot(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(self.send("Page.captureScreenshot", {"format": "png"})["data"]))
        return path

    def requested_urls(self) -> list[str]:
        return [e["request"]["url"] for e in self.events("Network.requestWillBeSent")]

    def close(self) -> None:
        try:
            if self.process.poll() is None and not self._closed:
                self.send("Browser.close", session=False, timeout=10)
        except BrowserError:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for fd in (self._to_chrome, self._from_chrome):
            try:
                os.close(fd)
            except OSError:
                pass
