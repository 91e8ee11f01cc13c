"""The REST channel with KWALIBOT_REST_TOKEN set: only a matching bearer token gets through;
Rasa's HTTP API with KWALIBOT_RASA_AUTH_TOKEN set: only `?token=` with that token.

Rasa's --auth-token protects the HTTP API, not /webhooks/*; this is the guard that does.
(test_rest.py runs the same channel with no token set: there every request is answered.)
Every message, a greeting too, is answered by the one custom action, so both servers run.
"""
import json
import urllib.error
import urllib.request

import pytest

from bot.servers import ask, kwalibot
from tests.conftest import require_model

TOKEN = "s3cret-token-for-tests"
API_TOKEN = "api-token-for-tests"


@pytest.fixture(scope="module")
def port(tmp_path_factory):
    require_model()
    env = {"KWALIBOT_REST_TOKEN": TOKEN, "KWALIBOT_RASA_AUTH_TOKEN": API_TOKEN}
    with kwalibot(tmp_path_factory.mktemp("logs"), env) as servers:
        yield servers["port"]


def status_and_body(port, headers):
    body = json.dumps({"sender": "token-test", "message": "hallo"}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/webhooks/rest/webhook", data=body,
                                     headers={"Content-Type": "application/json", **headers})
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.mark.parametrize("headers", [
    {},
    {"Authorization": "Bearer wrong-token"},
    {"Authorization": f"Bearer {TOKEN}x"},
    {"Authorization": TOKEN},
    {"Authorization": f"Basic {TOKEN}"},
    {"Authorization": "Bearer "},
])
def test_requests_without_the_token_are_refused(port, headers):
    status, body = status_and_body(port, headers)
    assert status == 401
    assert body == {"error": "Niet geautoriseerd: stuur een geldig Bearer-token mee."}


def test_the_right_token_gets_an_answer(port):
    messages = ask(port, "token-ok", "hallo", headers={"Authorization": f"Bearer {TOKEN}"})
    assert messages and all(m["recipient_id"] == "token-ok" for m in messages)
    assert any(m.get("buttons") for m in messages)  # the greeting offers example questions


def test_the_channel_health_check_stays_public(port):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/webhooks/rest/", timeout=10) as r:
        assert r.status == 200 and json.loads(r.read()) == {"status": "ok"}


@pytest.mark.parametrize("query, status", [("", 401), ("?token=wrong", 401), (f"?token={API_TOKEN}", 200)])
def test_rasa_http_api_needs_its_own_token(port, query, status):
    url = f"http://127.0.0.1:{port}/conversations/token-ok/tracker{query}"
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            assert r.status == status
    except urllib.error.HTTPError as error:
        assert error.code == status
