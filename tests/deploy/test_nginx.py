"""deploy/nginx.conf: well formed, accepted by nginx, and — run by the real nginx in front of stand-in
servers — passing on the public surface only, sticky for socket.io alone, with the upgrade for its websocket."""
import json
import re
import shutil
import subprocess
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.deploy.files import DEPLOY


def nginx_blocks(text: str) -> list:
    """nginx.conf as nested (directive, args, children) — a parse strict enough to catch a missing ; or }."""
    tokens = re.findall(r'"[^"]*"|\'[^\']*\'|[{};]|[^\s{};]+', re.sub(r"#[^\n]*", "", text))
    stack, current, words = [], [], []
    for token in tokens:
        if token == ";":
            assert words, "an empty directive"
            current.append((words[0], words[1:], None))
            words = []
        elif token == "{":
            assert words, "a block without a name"
            block = (words[0], words[1:], [])
            current.append(block)
            stack.append(current)
            current, words = block[2], []
        elif token == "}":
            assert not words and stack, f"unbalanced }} or a directive without ; before it: {words}"
            current = stack.pop()
        else:
            words.append(token)
    assert not words and not stack, "nginx.conf ends inside a directive or a block"
    return current


def find(blocks, name):
    for directive in blocks:
        if directive[0] == name:
            yield directive
        if directive[2]:
            yield from find(directive[2], name)


def test_nginx_conf_is_well_formed_and_routes_only_the_public_paths():
    blocks = nginx_blocks((DEPLOY / "nginx.conf").read_text())
    locations = sorted(" ".join(args) for _, args, _ in find(blocks, "location"))
    assert locations == ["/", "/socket.io/", "/static/", "= /", "= /embed.js", "= /webhooks/rest/webhook",
                         "~ ^/webhooks/(slack|botframework)/webhook$"]
    # every way in from the internet has a request limit per client address
    limited = {" ".join(args): [d[1][0] for d in children if d[0] == "limit_req"]
               for _, args, children in find(blocks, "location")}
    assert {path: zones for path, zones in limited.items() if zones} == {
        "= /webhooks/rest/webhook": ["zone=chat"], "~ ^/webhooks/(slack|botframework)/webhook$": ["zone=platforms"],
        "/socket.io/": ["zone=socketio"]}
    # headers set once, at the server, so that no location drops them
    assert not any(d[0] == "add_header" for _, _, children in find(blocks, "location") for d in children)
    upstreams = {args[0]: [d[0] for d in children] for _, args, children in find(blocks, "upstream")}
    # stickiness only for socket.io's upstream
    assert {name: [d for d in ds if d in ("hash", "ip_hash", "sticky")] for name, ds in upstreams.items()} == \
        {"rasa": [], "rasa_socketio": ["hash"], "web": []}



# -------------------------------------------------------------------------------- nginx for real

@pytest.fixture(scope="module")
def nginx():
    binary = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if binary is None:
        from tests.conftest import service_missing
        service_missing("nginx is not installed (apt-get install nginx; make nginx)")
    return binary


def test_nginx_accepts_the_config(nginx, tmp_path):
    conf = tmp_path / "nginx.conf"
    # compose's service names do not resolve here: the same config with this machine's address
    conf.write_text(re.sub(r"server (rasa|web):", "server 127.0.0.1:", (DEPLOY / "nginx.conf").read_text()))
    result = subprocess.run([nginx, "-t", "-p", str(tmp_path), "-c", str(conf), "-g", f"pid {tmp_path}/nginx.pid;"],
                            capture_output=True, text=True)
    assert result.returncode == 0 and "syntax is ok" in result.stderr, result.stderr


class StandIn(BaseHTTPRequestHandler):
    """A server behind nginx that answers with its name, the path and the headers nginx sent it."""

    def answer(self):
        body = json.dumps({"backend": self.server.name, "path": self.path, "upgrade": self.headers.get("Upgrade"),
                           "connection": self.headers.get("Connection"),
                           "proto": self.headers.get("X-Forwarded-Proto")}).encode()
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = answer

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def balancer(nginx, tmp_path_factory):
    """deploy/nginx.conf run by the real nginx, with two stand-in Rasa replicas and a stand-in page server."""
    from bot.servers import free_port, wait_until

    folder = tmp_path_factory.mktemp("nginx")
    servers = {}
    for name in ("rasa-a", "rasa-b", "web"):
        server = ThreadingHTTPServer(("127.0.0.1", 0), StandIn)
        server.name = name
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers[name] = server.server_address[1]
    port = free_port()
    text = (DEPLOY / "nginx.conf").read_text()
    text = re.sub(r"server rasa:5005([^;]*);", lambda m: f"server 127.0.0.1:{servers['rasa-a']}{m.group(1)}; "
                  f"server 127.0.0.1:{servers['rasa-b']}{m.group(1)};", text)
    text = text.replace("server web:8000;", f"server 127.0.0.1:{servers['web']};")
    text = text.replace("listen 80;", f"listen 127.0.0.1:{port};")
    assert text.count("127.0.0.1") == 6
    (folder / "nginx.conf").write_text(text)
    log = folder / "nginx.log"
    with open(log, "wb") as out:
        process = subprocess.Popen([nginx, "-p", str(folder), "-c", str(folder / "nginx.conf"),
                                    "-g", f"daemon off; pid {folder}/nginx.pid;"], stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_until(f"http://127.0.0.1:{port}/", process, 30, log)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=20)


def through(port, path, method="GET", headers=None, with_headers=False):
    """(status, what the stand-in behind nginx saw, or None when nginx answered itself[, response headers])."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method, headers=headers or {},
                                     data=b'{"sender": "s", "message": "hoi"}' if method == "POST" else None)
    try:
        with urllib.request.urlopen(request, timeout=10) as r:
            result = r.status, json.loads(r.read()), dict(r.headers)
    except urllib.error.HTTPError as error:
        result = error.code, None, dict(error.headers)
    return result if with_headers else result[:2]


@pytest.mark.parametrize("path", ["/model/parse", "/conversations/s/tracker", "/metrics", "/ready", "/status",
                                  "/version", "/health", "/webhooks/rest/", "/webhooks/rest/webhook/x",
                                  "/webhooks/socketio/webhook", "/voorbeeld-school.html"])
def test_nginx_keeps_everything_else_inside(balancer, path):
    assert through(balancer, path) == (404, None)
    assert through(balancer, path, "POST") == (404, None)


def test_nginx_passes_the_public_paths_on_sticky_for_socketio_only(balancer):
    for channel in ("rest", "slack", "botframework"):
        seen = [through(balancer, f"/webhooks/{channel}/webhook", "POST") for _ in range(6)]
        assert {status for status, _ in seen} == {200}
        assert {s["backend"] for _, s in seen} == {"rasa-a", "rasa-b"}, channel  # no stickiness
        assert {(s["path"], s["upgrade"], s["proto"]) for _, s in seen} == {(f"/webhooks/{channel}/webhook", None, "http")}
    polls = [through(balancer, "/socket.io/?EIO=4&transport=polling") for _ in range(6)]
    assert len({s["backend"] for _, s in polls}) == 1 and {s["backend"] for _, s in polls} < {"rasa-a", "rasa-b"}
    status, ws = through(balancer, "/socket.io/?EIO=4&transport=websocket",
                         headers={"Upgrade": "websocket", "Connection": "Upgrade"})
    assert (status, ws["backend"], ws["upgrade"], ws["connection"]) == (200, polls[0][1]["backend"], "websocket", "upgrade")
    for path in ("/", "/embed.js", "/static/kwalibot.css"):
        status, page = through(balancer, path)
        assert (status, page["backend"], page["path"], page["proto"]) == (200, "web", path, "http")
    # behind the school's TLS balancer, embed.js learns the scheme users see
    assert through(balancer, "/embed.js", headers={"X-Forwarded-Proto": "https"})[1]["proto"] == "https"


@pytest.mark.parametrize("path, method", [("/", "GET"), ("/embed.js", "GET"), ("/webhooks/rest/webhook", "POST"),
                                          ("/conversations/s/tracker", "GET")])
def test_nginx_sends_the_security_headers_on_every_answer(balancer, path, method):
    _, _, headers = through(balancer, path, method, with_headers=True)
    assert {name: headers.get(name) for name in ("X-Content-Type-Options", "Referrer-Policy")} == \
        {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "strict-origin-when-cross-origin"}
    assert "camera=()" in headers["Permissions-Policy"] and "X-Frame-Options" not in headers  # embeddable
    assert "Server" not in headers or "nginx/" not in headers["Server"]  # no version for an attacker


def test_nginx_limits_a_client_that_floods_the_chat_webhook(balancer):
    import time

    statuses = [through(balancer, "/webhooks/rest/webhook", "POST")[0] for _ in range(40)]
    # what the burst allows passes, the flood after it is refused with 429 (and never reaches a replica)
    assert statuses[0] == 200 and statuses.count(429) >= 20 and set(statuses) <= {200, 429}
    time.sleep(1.5)  # a limit on the rate, not a ban: a person's next message gets through
    assert through(balancer, "/webhooks/rest/webhook", "POST")[0] == 200
