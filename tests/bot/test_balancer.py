"""The cluster's nginx config, run by the real nginx in front of tiny HTTP servers standing in for the
replicas, the action servers and the chat page (seconds, no Rasa): no stickiness for the webhooks, a
replica that is down is skipped, a message a replica received is never sent to a second one, an
action call that an action server dropped is asked again of another, socket.io sticks."""
from __future__ import annotations

import json
import subprocess
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bot import balancer
from bot.servers import answers, free_port
from tests.conftest import service_missing


class Backend:
    """An HTTP server on its own port that answers with its name and counts what it received;
    `drop` makes it close the connection after reading a request, as a process killed mid-answer does."""

    def __init__(self, name: str) -> None:
        self.name, self.received, self.drop = name, [], False
        backend = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_):
                pass

            def do_GET(self):
                self._answer()

            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                self._answer()

            def _answer(self):
                backend.received.append(self.path)
                if backend.drop:
                    self.close_connection = True
                    self.connection.close()
                    return
                body = json.dumps({"server": backend.name}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def cluster(tmp_path):
    nginx = balancer.nginx_binary()
    if nginx is None:
        service_missing("nginx is not installed (make nginx installs Debian's package)")
    backends = {name: Backend(name) for name in ("rasa-1", "rasa-2", "actions-1", "actions-2", "web")}
    port, action_port = free_port(), free_port()
    config = balancer.write_config(tmp_path, port, action_port, backends["web"].port,
                                   [backends["rasa-1"].port, backends["rasa-2"].port],
                                   [backends["actions-1"].port, backends["actions-2"].port])
    balancer.check(nginx, config)
    process = subprocess.Popen(balancer.command(nginx, config), stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 15
        while not answers(f"http://127.0.0.1:{port}/nginx-ready"):
            assert process.poll() is None and time.monotonic() < deadline, (tmp_path / "nginx-error.log").read_text()
            time.sleep(0.1)
        yield {"port": port, "action_port": action_port, "backends": backends, "folder": tmp_path}
    finally:
        process.terminate()
        process.wait(10)
        for backend in backends.values():
            backend.close()


def request(port: int, path: str, post: bool = True) -> tuple[int, str]:
    data = b'{"sender": "s", "message": "hallo"}' if post else None
    try:
        with urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data,
                                                           headers={"Content-Type": "application/json"}),
                                    timeout=10) as r:
            return r.status, json.loads(r.read())["server"]
    except urllib.error.HTTPError as error:
        return error.code, ""


def test_webhook_messages_are_spread_over_both_replicas_without_stickiness(cluster):
    served = [request(cluster["port"], "/webhooks/rest/webhook") for _ in range(20)]
    assert {status for status, _ in served} == {200}
    # one client, one after the other: least_conn with no stickiness alternates between the replicas
    assert sorted(name for _, name in served).count("rasa-1") == 10


def test_a_replica_that_is_down_is_skipped_without_an_error(cluster):
    cluster["backends"]["rasa-2"].close()  # connections to it are refused now
    served = [request(cluster["port"], "/webhooks/rest/webhook") for _ in range(10)]
    assert served == [(200, "rasa-1")] * 10


def test_a_message_a_replica_received_is_never_sent_to_another(cluster):
    rasa_1, rasa_2 = cluster["backends"]["rasa-1"], cluster["backends"]["rasa-2"]
    rasa_1.drop = rasa_2.drop = True  # each drops what it received, like a replica killed mid-answer
    status, _ = request(cluster["port"], "/webhooks/rest/webhook")
    assert status == 502
    assert len(rasa_1.received) + len(rasa_2.received) == 1  # the message reached one replica, once


def test_an_action_call_an_action_server_dropped_is_answered_by_the_other(cluster):
    actions_1 = cluster["backends"]["actions-1"]
    actions_1.drop = True
    served = [request(cluster["action_port"], "/webhook") for _ in range(6)]
    assert served == [(200, "actions-2")] * 6
    assert len(actions_1.received) >= 1  # it was asked, dropped the call, and the call went on to the other


@pytest.mark.parametrize("path, backend", [("/", "web"), ("/embed.js", "web"), ("/index.html", "web")])
def test_the_chat_page_is_served_through_the_balancer(cluster, path, backend):
    assert request(cluster["port"], path, post=False) == (200, backend)


def test_socketio_requests_of_one_client_stay_on_one_replica(cluster):
    served = {request(cluster["port"], f"/socket.io/?EIO=4&transport=polling&t={i}", post=False) for i in range(10)}
    assert len(served) == 1 and next(iter(served))[0] == 200


def test_rasa_http_api_and_monitoring_are_not_passed_on(cluster):
    # only the webhooks, socket.io and the page: /conversations, /model, /ready, /metrics end at the page server
    for path in ("/conversations/s/tracker", "/ready", "/metrics", "/model/parse"):
        assert request(cluster["port"], path, post=False) == (200, "web")
    assert not any(cluster["backends"][name].received for name in ("rasa-1", "rasa-2"))


def test_the_access_log_names_the_replica_that_answered(cluster):
    request(cluster["port"], "/webhooks/rest/webhook")
    deadline = time.monotonic() + 5
    log = cluster["folder"] / "nginx-access.log"
    while time.monotonic() < deadline and "/webhooks/rest/webhook" not in log.read_text():
        time.sleep(0.1)
    line = next(line for line in log.read_text().splitlines() if "/webhooks/rest/webhook" in line)
    ports = {cluster["backends"][name].port for name in ("rasa-1", "rasa-2")}
    assert any(f"upstream=127.0.0.1:{port} upstream_status=200" in line for port in ports), line
