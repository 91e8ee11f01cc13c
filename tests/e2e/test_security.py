"""Secure by default: a start with no security settings at all, as a new user's `make run`.

Rasa's HTTP API refuses every request without the token (generated into var/rasa-auth-token, mode 0600,
and reused by the next start) while the public surface — the channels' webhooks, socket.io, the page
and embed.js, the probes — answers without one; the action server cannot be reached from another
address than loopback. Rasa and the action server are `default_stack` (tests/e2e/conftest.py: started with
exactly these settings, shared with other modules); the page server is this module's.
"""
from __future__ import annotations

import ipaddress
import json
import socket
import subprocess
import urllib.error
import urllib.request
from typing import Optional

import pytest

from bot.api_token import TOKEN_FILE, TOKEN_VAR, rasa_auth_token, with_token
from bot.run import environment, server_commands
from bot.servers import _server, ask, free_port, web_server

SENDER = "security-test"
# What a default start gets: the token variable unset (an empty value counts as unset).
DEFAULT = {TOKEN_VAR: ""}


@pytest.fixture(scope="module")
def bot(default_stack, tmp_path_factory):
    assert default_stack["env"] == DEFAULT  # the shared stack is a default start: no other settings
    ask(default_stack["port"], SENDER, "hallo")  # a conversation to read and write
    web_port = free_port()
    with web_server(web_port, default_stack["port"], tmp_path_factory.mktemp("security") / "web.log"):
        yield {**default_stack, "web_port": web_port, "token": rasa_auth_token(DEFAULT)}


def call(url: str, method: str = "GET", body: Optional[dict] = None) -> tuple[int, bytes]:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


# Rasa's HTTP API: reading and writing conversations, replacing the model, and the rest of it.
PROTECTED = [
    ("GET", f"/conversations/{SENDER}/tracker", None),
    ("POST", f"/conversations/{SENDER}/tracker/events", {"event": "slot", "name": "vraag", "value": "x"}),
    ("PUT", f"/conversations/{SENDER}/tracker/events", []),
    ("GET", f"/conversations/{SENDER}/story", None),
    ("POST", f"/conversations/{SENDER}/messages", {"text": "hallo", "sender": "user"}),
    ("POST", f"/conversations/{SENDER}/execute", {"name": "action_listen"}),
    ("PUT", "/model", {"model_file": "models/kwalibot.tar.gz"}),
    ("DELETE", "/model", None),
    ("POST", "/model/parse", {"text": "hallo"}),
    ("POST", "/model/train", {}),
    ("GET", "/status", None),
    ("GET", "/domain", None),
]

# With the token the request itself is judged. Left out: those that would erase the conversation or
# unload or reload the model under the other tests.
WITH_TOKEN = [
    ("GET", f"/conversations/{SENDER}/tracker", None, 200),
    ("POST", f"/conversations/{SENDER}/tracker/events", {"event": "slot", "name": "vraag", "value": "x"}, 200),
    ("GET", f"/conversations/{SENDER}/story", None, 200),
    ("POST", f"/conversations/{SENDER}/messages", {"text": "hallo", "sender": "user"}, 200),
    ("PUT", "/model", {}, 400),  # no model file named: a bad request, after the token check
    ("POST", "/model/parse", {"text": "hallo"}, 200),
    ("GET", "/status", None, 200),
    ("GET", "/domain", None, 200),
]


@pytest.mark.parametrize("query", ["", "?token=", "?token=wrong"])
@pytest.mark.parametrize("method, path, body", PROTECTED, ids=[f"{m} {p}" for m, p, _ in PROTECTED])
def test_the_http_api_refuses_requests_without_the_token(bot, method, path, body, query):
    status, answer = call(f"http://127.0.0.1:{bot['port']}{path}{query}", method, body)
    assert status == 401
    assert json.loads(answer)["reason"] == "NotAuthenticated"


@pytest.mark.parametrize("method, path, body, status", WITH_TOKEN, ids=[f"{m} {p}" for m, p, _, _ in WITH_TOKEN])
def test_with_the_token_the_http_api_answers(bot, method, path, body, status):
    got, answer = call(with_token(f"http://127.0.0.1:{bot['port']}{path}", DEFAULT), method, body)
    assert got == status, answer[:300]


def test_the_tracker_read_with_the_token_shows_the_conversation(bot):
    status, answer = call(with_token(f"http://127.0.0.1:{bot['port']}/conversations/{SENDER}/tracker", DEFAULT))
    assert status == 200
    assert [e["text"] for e in json.loads(answer)["events"] if e["event"] == "user"][0] == "hallo"


def test_there_is_no_conversation_listing_to_read(bot):
    """Rasa 3.6 has no endpoint that lists conversations: with or without the token, nothing is served."""
    base = f"http://127.0.0.1:{bot['port']}/conversations"
    assert call(base)[0] == call(with_token(base, DEFAULT))[0] == 404


@pytest.mark.parametrize("server, path", [
    ("rasa", "/"), ("rasa", "/version"), ("rasa", "/ready"), ("rasa", "/webhooks/rest/"),
    ("rasa", "/socket.io/?EIO=4&transport=polling"),
    ("web", "/"), ("web", "/embed.js"), ("web", "/health"),
])
def test_the_public_surface_needs_no_token(bot, server, path):
    port = bot["port"] if server == "rasa" else bot["web_port"]
    assert call(f"http://127.0.0.1:{port}{path}")[0] == 200


def test_the_rest_webhook_answers_without_a_token(bot):
    messages = ask(bot["port"], "security-rest", "hallo")
    assert messages and all(m["recipient_id"] == "security-rest" for m in messages)


def test_the_generated_token_is_readable_by_its_owner_only_and_is_the_one_rasa_wants(bot):
    assert TOKEN_FILE.stat().st_mode & 0o777 == 0o600
    assert TOKEN_FILE.read_text().strip() == bot["token"] and len(bot["token"]) >= 40


def test_the_next_start_uses_the_same_token(bot, tmp_path):
    """A second Rasa server (an empty model folder: it starts in seconds) accepts the same token."""
    before = TOKEN_FILE.stat()
    port, env = free_port(), {**environment(5055), **DEFAULT}
    _, command = server_commands(port, free_port(), env=env, endpoints_folder=tmp_path)
    assert f"--auth-token={bot['token']}" in command
    command[command.index("--model") + 1] = str(tmp_path)
    with _server(command, env, f"http://127.0.0.1:{port}/webhooks/rest/", 240, tmp_path / "rasa.log"):
        assert call(f"http://127.0.0.1:{port}/status")[0] == 401
        # past the token check; 409: this server has no model
        assert call(with_token(f"http://127.0.0.1:{port}/status", DEFAULT))[0] == 409
    after = TOKEN_FILE.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def non_loopback_address() -> Optional[str]:
    """An address of this machine other than loopback, as another machine would connect to it."""
    candidates = []
    try:
        candidates.append(socket.gethostbyname(socket.gethostname()))
    except OSError:
        pass
    try:
        candidates += subprocess.run(["hostname", "-I"], capture_output=True, text=True, timeout=10).stdout.split()
    except (OSError, subprocess.SubprocessError):
        pass
    for address in candidates:
        if ipaddress.ip_address(address).version == 4 and not ipaddress.ip_address(address).is_loopback:
            return address
    return None


def connects(address: str, port: int) -> bool:
    try:
        with socket.create_connection((address, port), timeout=10):
            return True
    except ConnectionRefusedError:
        return False


def test_the_action_server_listens_on_loopback_only(bot):
    address = non_loopback_address()
    if address is None:
        pytest.skip("this machine has no IPv4 address other than loopback to connect from")
    assert connects("127.0.0.1", bot["action_port"])  # Rasa's way in
    assert not connects(address, bot["action_port"])
    # the same address reaches Rasa, which listens on all interfaces for the widget: nothing else refuses
    assert connects(address, bot["port"])
