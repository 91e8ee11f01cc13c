"""The web chat end to end: the real action server, Rasa server (kwalibot's socket.io channel from
credentials.yml) and chat page server, used from headless Chromium like a visitor would, and from a
python-socketio client for what a browser cannot easily send.

The Rasa server runs with KWALIBOT_CORS_ORIGINS set to the page server's origins only, so the
browser tests also prove that a restricted origin list lets the real page in.

The three servers are `webchat_stack` (tests/e2e/conftest.py), shared with test_accessibility: every browser
starts with an empty profile (a new conversation), and the tests that stop the action server and Rasa come
last; conftest starts them again for a module after this one.
"""
from __future__ import annotations

import hashlib
import json
import queue
import time
import urllib.error
import urllib.request
import uuid
from urllib.parse import urlsplit

import pytest
import socketio

from bot.api_token import with_token
from bot.channels import wording
from bot.channels.socketio import markdown_lines
from bot.run import ROOT
from bot.servers import stop
from bot.web import VENDOR, VENDORED, locked_package
from tests.conftest import service_missing
from tests.e2e.bad_messages import BAD_MESSAGES, ODD_MESSAGES
from tests.e2e.cdp import Browser, chromium_available

SCREENSHOT = ROOT / "var" / "screenshots" / "webchat.png"
CHAT = "#kwalibot-chat"
BOT_TEXT = ".rw-response .rw-message-text"
USER_TEXT = ".rw-client .rw-message-text"
REPLY_BUTTON = ".rw-replies .rw-reply"
INPUT = "textarea.rw-new-message"
GREETING = "Hallo! Ik ben kwalibot"
SOURCE = "Bron: Kwalificatiedossier Business Services"
CREBO_QUESTION = "Welk crebonummer heeft de Marketing & Communication Specialist?"


@pytest.fixture(scope="module")
def servers(webchat_stack):
    stack = webchat_stack
    assert stack["env"] == {"KWALIBOT_CORS_ORIGINS": " ".join(stack["origins"])}  # the page server's origins only
    return {"rasa": f"http://127.0.0.1:{stack['port']}", "page": f"http://127.0.0.1:{stack['web_port']}",
            "origins": stack["origins"], "actions": stack["actions"], "rasa_process": stack["rasa"],
            "logs": stack["logs"]}


@pytest.fixture
def browser(servers, tmp_path, request):
    """A fresh headless Chromium (empty profile: a new visitor); its last view is kept as var/screenshots/<test>.png."""
    if not chromium_available():
        service_missing("no Chromium at /usr/bin/chromium: run `make browser` (apt-get install chromium)")
    chrome = Browser(tmp_path / "profile", servers["logs"] / "chromium.log")
    try:
        yield chrome
    finally:
        try:
            print(f"last view: {chrome.screenshot(SCREENSHOT.with_name(request.node.name + '.png'))}")
        finally:
            chrome.close()


# -- in the browser ----------------------------------------------------------------------------------
def texts(chrome: Browser, selector: str) -> list[str]:
    # textContent, not innerText: the latter depends on layout (a just-restored message reads differently).
    return chrome.evaluate(f"[...document.querySelectorAll({json.dumps(selector)})].map(e => e.textContent.trim())")


def bot_messages(chrome: Browser) -> int:
    return chrome.evaluate(f"document.querySelectorAll({json.dumps(BOT_TEXT)}).length")


def wait_for_bot_text(chrome: Browser, *needles: str, after: int = 0, timeout: float = 90) -> str:
    """The newest bot message (from the `after`-th on) that contains every needle (waits for it)."""
    condition = " && ".join(f"t.includes({json.dumps(n)})" for n in needles)
    return chrome.wait_for(
        f"[...document.querySelectorAll({json.dumps(BOT_TEXT)})].slice({after}).map(e => e.textContent).reverse()"
        f".find(t => {condition})", f"a bot message with {needles}", timeout)


def ask(chrome: Browser, question: str, *needles: str) -> str:
    """Type a question; its answer (the first new bot message with every needle)."""
    seen = bot_messages(chrome)
    chrome.type(INPUT, question)
    return wait_for_bot_text(chrome, *needles, after=seen)


def choose(chrome: Browser, button: str, *needles: str) -> str:
    """Click a reply button; the answer."""
    seen = bot_messages(chrome)
    chrome.click(REPLY_BUTTON, button)
    return wait_for_bot_text(chrome, *needles, after=seen)


def buttons(chrome: Browser) -> list[str]:
    return texts(chrome, REPLY_BUTTON)


def session_id(chrome: Browser) -> str:
    """The conversation id the widget keeps in the browser's storage (Rasa's sender id)."""
    return chrome.evaluate("JSON.parse(localStorage.getItem('chat_session')).session_id")


# -- in Rasa's tracker store --------------------------------------------------------------------------
def stored_user_texts(servers, session: str) -> list[str]:
    """The user messages of `session`'s tracker, read through Rasa's HTTP API (with the token)."""
    with urllib.request.urlopen(with_token(f"{servers['rasa']}/conversations/{session}/tracker"), timeout=30) as r:
        tracker = json.loads(r.read())
    return [e["text"] for e in tracker["events"] if e["event"] == "user"]


def stored_once_saved(servers, session: str, text: str, timeout: float = 30) -> list[str]:
    """`session`'s stored user messages once `text` is among them: the widget shows the answers before
    Rasa has written the turn."""
    deadline = time.monotonic() + timeout
    while text not in (said := stored_user_texts(servers, session)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return said


def ask_to_erase(chrome: Browser) -> None:
    """Type "verwijder mijn gesprek": the confirmation question with its two buttons."""
    question = ask(chrome, "verwijder mijn gesprek", wording.ERASE_QUESTION)
    assert question.strip() == wording.ERASE_QUESTION
    chrome.wait_for(f"document.querySelectorAll('{REPLY_BUTTON}').length >= 2", "the confirmation's buttons")
    assert buttons(chrome) == [wording.ERASE_YES, wording.ERASE_NO]


def test_the_page_greets_in_dutch_with_example_buttons_that_answer(servers, browser):
    browser.goto(servers["page"] + "/")
    assert browser.evaluate("document.documentElement.lang") == "nl"
    assert "mbo-kwalificaties" in browser.evaluate("document.title")
    wait_for_bot_text(browser, GREETING)
    assert browser.evaluate(f"document.querySelector('{CHAT} .rw-title').innerText") == "kwalibot"
    assert browser.evaluate(f"document.querySelector('{INPUT}').placeholder") == "Typ je vraag…"
    browser.wait_for(f"document.querySelectorAll('{REPLY_BUTTON}').length >= 2", "the greeting's buttons")
    assert buttons(browser) == ["Welke kwalificaties ken je?", "Wat kan ik je vragen?"]

    choose(browser, "Wat kan ik je vragen?", "Probeer bijvoorbeeld")
    assert "Wat kan ik je vragen?" in texts(browser, USER_TEXT)  # the chosen button shows as the user's turn
    example = next(b for b in buttons(browser) if b.startswith("Welk niveau heeft de "))
    answer = choose(browser, example, "mbo-niveau", SOURCE)
    assert example.removeprefix("Welk niveau heeft de ").rstrip("?") in answer

    # Everything came from this machine's two servers: no CDN, no font service.
    hosts = {urlsplit(u).netloc for u in browser.requested_urls() if not u.startswith("data:")}
    assert hosts <= {urlsplit(servers["page"]).netloc, urlsplit(servers["rasa"]).netloc}, hosts


def test_typed_questions_and_reply_buttons(servers, browser):
    browser.goto(servers["page"] + "/")
    wait_for_bot_text(browser, GREETING)
    ask(browser, "Welk crebonummer heeft de Marketing & Communication Specialist?", "25727", SOURCE)
    # The source is on a line of its own (a markdown line break, not a run-on sentence).
    assert browser.evaluate(f"/<br>\\s*Bron:/.test([...document.querySelectorAll('{BOT_TEXT}')].pop().innerHTML)")

    ask(browser, "wat doet een marketing & communication specialist bij W3?", "Over welke wil je meer weten?")
    browser.wait_for(f"[...document.querySelectorAll('{REPLY_BUTTON}')].some(b => b.innerText.includes('P6-K1-W3'))",
                     "a button per W3 of the ambiguous question", 90)
    assert buttons(browser) == ["B1-K1-W3 Verwerkt gegevens", "P6-K1-W3 Voert marktonderzoeken uit"]
    choose(browser, "P6-K1-W3 Voert marktonderzoeken uit", "Het marktonderzoek is volgens plan uitgevoerd",
           "Bron: Kwalificatiedossier Business Services, P6-K1-W3")
    assert "P6-K1-W3 Voert marktonderzoeken uit" in texts(browser, USER_TEXT)


def test_the_conversation_survives_a_reload_and_goes_on(servers, browser):
    browser.goto(servers["page"] + "/")
    wait_for_bot_text(browser, GREETING)
    ask(browser, "Wat is P5-K1-W2 bij business services?", "P5-K1-W2 Ondersteunt juridische of hr aanvragen")
    session = browser.evaluate("JSON.parse(localStorage.getItem('chat_session')).session_id")
    before = texts(browser, ".rw-message")

    browser.reload()
    browser.wait_for(f"document.querySelectorAll('.rw-message').length >= {len(before)}", "the earlier messages")
    assert texts(browser, ".rw-message")[:len(before)] == before
    assert browser.evaluate("JSON.parse(localStorage.getItem('chat_session')).session_id") == session
    assert sum(GREETING in t for t in texts(browser, BOT_TEXT)) == 1  # no second greeting: same conversation

    # Answerable only from the conversation before the reload (the tracker of the same session).
    answer = ask(browser, "wat is het resultaat?", "Aanvragen en opdrachten zijn correct en volgens procedures")
    assert "De beginnend beroepsbeoefenaar analyseert" not in answer  # the result, not the whole werkproces again
    print(f"screenshot: {browser.screenshot(SCREENSHOT)}")


def test_the_embed_snippet_puts_a_launcher_on_a_school_page(servers, browser):
    browser.goto(servers["page"] + "/voorbeeld-school.html")
    browser.click(".rw-launcher")
    wait_for_bot_text(browser, GREETING)
    assert browser.evaluate("document.querySelector('.rw-title').innerText") == "Vraag het kwalibot"


def test_verwijder_mijn_gesprek_in_the_widget_erases_the_conversation_after_confirmation(servers, browser):
    browser.goto(servers["page"] + "/")
    wait_for_bot_text(browser, GREETING)
    ask(browser, CREBO_QUESTION, "25727", SOURCE)
    session = session_id(browser)
    assert CREBO_QUESTION in stored_once_saved(servers, session, CREBO_QUESTION)

    ask_to_erase(browser)
    browser.click(REPLY_BUTTON, wording.ERASE_YES)
    # Erased on the server, and in the browser: the screen, its storage and a reload hold nothing of it.
    browser.wait_for(f"document.querySelector('.kwalibot-notice[role=status]')?.textContent === "
                     f"{json.dumps(wording.ERASE_DONE)}", "the erasure's status line")
    assert stored_user_texts(servers, session) == []  # the question, the greeting's /greet: all gone
    assert CREBO_QUESTION not in texts(browser, USER_TEXT)
    assert CREBO_QUESTION not in json.dumps(browser.evaluate("localStorage.getItem('chat_session')"))
    new_session = session_id(browser)
    assert new_session and new_session != session  # a new conversation, not the erased one continued
    browser.reload()
    browser.wait_for(f"document.querySelector({json.dumps(INPUT)})", "the widget after the reload")
    assert session_id(browser) == new_session and CREBO_QUESTION not in texts(browser, USER_TEXT)

    # The widget goes on in its new conversation: answered, and the only question stored there.
    ask(browser, CREBO_QUESTION, "25727", SOURCE)
    assert stored_once_saved(servers, new_session, CREBO_QUESTION) == [CREBO_QUESTION]
    assert stored_user_texts(servers, session) == []


def test_nee_bewaren_in_the_widget_keeps_the_conversation(servers, browser):
    browser.goto(servers["page"] + "/")
    wait_for_bot_text(browser, GREETING)
    ask(browser, CREBO_QUESTION, "25727", SOURCE)
    session = session_id(browser)
    before = stored_once_saved(servers, session, CREBO_QUESTION)
    assert CREBO_QUESTION in before

    ask_to_erase(browser)
    assert choose(browser, wording.ERASE_NO, wording.ERASE_CANCELLED).strip() == wording.ERASE_CANCELLED
    assert stored_user_texts(servers, session) == before  # kept, and nothing of the command stored


def test_reply_lines_become_markdown_line_breaks():
    text = "Het crebonummer is 25727.\nBron: Kwalificatiedossier Business Services\n\nNog iets:\n- een\n- twee "
    assert markdown_lines(text) == ("Het crebonummer is 25727.  \nBron: Kwalificatiedossier Business Services"
                                    "\n\nNog iets:  \n- een  \n- twee")


# -- the page server --------------------------------------------------------------------------------
def get(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_embed_js_announces_the_rasa_server_of_the_host_it_was_asked_from(servers):
    rasa_port = urlsplit(servers["rasa"]).port
    status, headers, body = get(servers["page"] + "/embed.js", {"Host": "chat.school.example:8000"})
    assert status == 200 and headers["Content-Type"].startswith("text/javascript")
    assert f'"socketUrl": "http://chat.school.example:{rasa_port}"' in body.decode()
    _, _, body = get(servers["page"] + "/embed.js", {"Host": "<script>evil"})
    assert "evil" not in body.decode() and f'"socketUrl": "http://localhost:{rasa_port}"' in body.decode()


def test_page_server_serves_only_the_web_folder(servers):
    assert get(servers["page"] + "/")[0] == 200
    assert get(servers["page"] + "/static/vendor/" + json.loads(VENDORED.read_text())["file"])[0] == 200
    for path in ("/static/%2e%2e/%2e%2e/bot/web.py", "/package.json", "/embed.js.bak", "/../credentials.yml"):
        status, _, body = get(servers["page"] + path)
        assert status == 404 and "bestaat niet" in body.decode(), path


def test_public_rasa_url_overrides_the_default(monkeypatch):
    from bot.web import public_rasa_url
    monkeypatch.setenv("KWALIBOT_PUBLIC_RASA_URL", "https://bot.school.example/")
    assert public_rasa_url("x:8000", 5005) == "https://bot.school.example"
    monkeypatch.delenv("KWALIBOT_PUBLIC_RASA_URL")
    assert public_rasa_url("[::1]:8000", 5005) == "http://[::1]:5005"
    assert public_rasa_url("school.example", 5005, "https") == "https://school.example:5005"


def test_vendored_widget_is_the_locked_package():
    note = json.loads(VENDORED.read_text())
    locked = locked_package()
    assert (note["version"], note["integrity"]) == (locked["version"], locked["integrity"])
    widget = (VENDOR / note["file"]).read_bytes()
    assert hashlib.sha256(widget).hexdigest() == note["sha256"]
    assert b"fonts.googleapis.com" not in widget


# -- over socket.io -----------------------------------------------------------------------------------
class Chat:
    """A python-socketio client speaking the widget's protocol."""

    def __init__(self, url: str, origin: str | None = None) -> None:
        self.sio = socketio.Client(reconnection=False)
        self.messages: queue.Queue = queue.Queue()
        self.confirmed: queue.Queue = queue.Queue()
        self.sio.on("bot_uttered", self.messages.put)
        self.sio.on("session_confirm", self.confirmed.put)
        self.sio.connect(url, headers={"Origin": origin} if origin else {}, transports=["polling"], wait_timeout=30)

    def session(self, session_id: str | None = None) -> str:
        self.sio.emit("session_request", {"session_id": session_id})
        return self.confirmed.get(timeout=30)

    def say(self, message, session_id: str | None, *needles: str, timeout: float = 90) -> list[dict]:
        """Send a message; the bot's messages up to one containing every needle (any message if none)."""
        payload = message if session_id is False else {"message": message, "session_id": session_id}
        self.sio.emit("user_uttered", payload)
        received = []
        while True:
            try:
                received.append(self.messages.get(timeout=timeout))
            except queue.Empty:
                raise AssertionError(f"no bot message with {needles} within {timeout} s; got {received}") from None
            if all(n in (received[-1].get("text") or "") for n in needles):
                return received

    def close(self) -> None:
        self.sio.disconnect()


@pytest.fixture
def chat(servers):
    client = Chat(servers["rasa"])
    yield client
    client.close()


@pytest.mark.parametrize("message, expected", BAD_MESSAGES + [
    (b"\x00\xff\xfe", "Dat begrijp ik niet helemaal"),
    (["lijst"], "Dat begrijp ik niet helemaal"),
])
def test_bad_messages_get_a_polite_reply(chat, message, expected):
    session = chat.session()
    chat.say(message, session, expected, timeout=30)


def test_odd_but_harmless_input_is_answered_never_silent(chat):
    session = chat.session()
    for message in ODD_MESSAGES:
        assert chat.say(message, session)[0]["text"]


def test_a_message_without_session_is_answered_on_the_connection(chat):
    # No session_request and no session_id (Rasa's own channel ignores such a message silently).
    chat.say("Welk crebonummer heeft de Marketing & Communication Specialist?", None, "25727")
    chat.say("hallo", False, GREETING)  # not even an object: the bare text is the message


def test_session_request_confirms_a_new_or_the_given_id(chat):
    fresh = chat.session()
    assert len(fresh) == 32 and fresh != chat.session()
    assert chat.session("mijn-sessie-42") == "mijn-sessie-42"
    assert chat.session("x" * 500) != "x" * 500  # not a usable id: a new one instead


def test_a_new_connection_with_the_same_session_continues_the_conversation(servers):
    session = uuid.uuid4().hex
    first = Chat(servers["rasa"], servers["origins"][0])
    try:
        assert first.session(session) == session
        first.say("Wat is P5-K1-W2 bij business services?", session, "P5-K1-W2")
    finally:
        first.close()
    again = Chat(servers["rasa"], servers["origins"][1])  # like a reloaded page
    try:
        assert again.session(session) == session
        again.say("wat is het resultaat?", session,
                  "Aanvragen en opdrachten zijn correct en volgens procedures uitgevoerd.")
    finally:
        again.close()
    with urllib.request.urlopen(with_token(f"{servers['rasa']}/conversations/{session}/tracker"), timeout=30) as r:
        tracker = json.loads(r.read())
    said = [e["text"] for e in tracker["events"] if e["event"] == "user"]
    assert said == ["Wat is P5-K1-W2 bij business services?", "wat is het resultaat?"]
    assert {e.get("input_channel") for e in tracker["events"] if e["event"] == "user"} == {"socketio"}


def connection_outcome(url: str, origin: str) -> str:
    """'connected', or the server's reason for refusing the socket.io handshake."""
    outcome: queue.Queue = queue.Queue()
    client = socketio.Client(reconnection=False)
    client.on("connect", lambda: outcome.put("connected"))
    client.on("connect_error", lambda data=None: outcome.put(f"refused: {data}"))
    try:
        client.connect(url, headers={"Origin": origin}, transports=["polling"], wait=False)
        return outcome.get(timeout=30)
    finally:
        client.disconnect()


def test_an_origin_that_is_not_allowed_is_refused(servers):
    assert connection_outcome(servers["rasa"], "https://kwaadwillig.example").startswith("refused")
    assert "origin https://kwaadwillig.example is not in the allowed origins" in (servers["logs"] / "rasa.log").read_text()
    for origin in servers["origins"]:
        assert connection_outcome(servers["rasa"], origin) == "connected"


def test_http_cors_headers_follow_the_same_origins(servers):
    url = f"{servers['rasa']}/socket.io/?EIO=4&transport=polling"
    _, headers, _ = get(url, {"Origin": servers["origins"][0]})
    assert headers.get("Access-Control-Allow-Origin") == servers["origins"][0]
    _, headers, _ = get(url, {"Origin": "https://kwaadwillig.example"})
    assert "Access-Control-Allow-Origin" not in headers


def test_action_server_down_gives_an_apology_not_silence(servers):
    stop(servers["actions"])  # last test of the module: the action server stays down
    chat = Chat(servers["rasa"])
    try:
        session = chat.session()
        chat.say("Welk niveau is de Office & Management Support Specialist?", session, "Sorry, er ging bij mij iets mis")
    finally:
        chat.close()
    assert f"no reply for sender {session}" in (servers["logs"] / "rasa.log").read_text()


def test_rasa_stops_promptly_after_socketio_sessions(servers):
    # Open socket.io sessions used to hold Sanic for its whole 15 s graceful-shutdown timeout (Ctrl-C in `make run`).
    started = time.monotonic()
    stop(servers["rasa_process"])  # the very last test: everything is down after it
    assert time.monotonic() - started < 13
    assert "closing a socket.io connection failed" not in (servers["logs"] / "rasa.log").read_text()
