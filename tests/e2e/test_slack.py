"""End to end: Slack events, signed like Slack signs them, posted to the real Rasa server.

The real action server and Rasa server run with the Slack channel pointed at a local fake of
Slack's Web API (tests/e2e/fake_slack_api.py) that records every chat.postMessage. Absence of an
answer is proven without sleeping: after a rejected request, a valid "marker" message follows in
the same conversation; Rasa handles one conversation's messages in arrival order, so once the
marker's answer is recorded, any answer to the rejected request would have been recorded before it.

The servers and the fake are those of `channels_stack` (tests/e2e/conftest.py), shared with test_teams and
test_privacy: every test here uses Slack channels of its own, and what is counted over the whole fake
is counted over this module's calls only.
"""
from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest

from bot.servers import stop
from tests.e2e.fake_slack_api import FakeSlackApi

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
TOKEN = "xoxb-1234-5678-kwalibottest"
BOT_USER = "U0KWALIBOT"
TEAM = "T0SCHOOL"
CREBO_QUESTION = "Welk crebonummer heeft de Marketing &amp; Communication Specialist?"  # as Slack sends "&"
MARKER = "Welk niveau heeft de Office &amp; Management Support Specialist?"
APOLOGY = "Sorry, er ging bij mij iets mis"
_ids = itertools.count(1)
# Event ids of this run only: with KWALIBOT_REDIS_URL set, answered events are remembered in Redis for an hour.
RUN = uuid.uuid4().hex[:8]


@pytest.fixture(scope="module")
def slack(channels_stack):
    """The shared stack, its fake Slack API as "api", and how many calls the fake had before this module."""
    return {**channels_stack, "api": channels_stack["slack_api"], "first_call": len(channels_stack["slack_api"].calls)}


# -- Slack's side of the conversation ------------------------------------------------------

def sign(body: bytes, timestamp=None, secret: str = SECRET) -> dict:
    timestamp = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{timestamp}:".encode() + body, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": f"v0={digest}"}


def send(port: int, body: bytes, headers: dict, content_type: str = "application/json"):
    """POST to the Slack webhook; (status, headers, decoded body)."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}/webhooks/slack/webhook", data=body,
                                     headers={"Content-Type": content_type, **headers})
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, r.headers, r.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def envelope(event: dict, event_id: str = None) -> bytes:
    return json.dumps({
        "token": "legacy-verification-token", "team_id": TEAM, "api_app_id": "A0KWALIBOT",
        "type": "event_callback", "event_id": event_id or f"Ev{RUN}{next(_ids):08d}", "event_time": int(time.time()),
        "authorizations": [{"team_id": TEAM, "user_id": BOT_USER, "is_bot": True}],
        "event": event,
    }).encode()


def new_ts() -> str:
    return f"{int(time.time())}.{next(_ids):06d}"


def dm(channel: str, text: str, user: str = "U0DOCENT", **extra) -> dict:
    return {"type": "message", "channel_type": "im", "channel": channel, "user": user, "text": text,
            "ts": new_ts(), **extra}


def mention(channel: str, text: str, user: str = "U0DOCENT", **extra) -> dict:
    return {"type": "app_mention", "channel": channel, "user": user, "text": f"<@{BOT_USER}> {text}",
            "ts": new_ts(), **extra}


def post_event(port: int, event: dict, **kwargs):
    body = envelope(event, **kwargs)
    status, headers, text = send(port, body, sign(body))
    assert status == 200, text
    return status, headers, text


def click(port: int, payload: dict, headers: dict = None):
    body = urllib.parse.urlencode({"payload": json.dumps(payload)}).encode()
    return send(port, body, headers if headers is not None else sign(body), "application/x-www-form-urlencoded")


def answers(api: FakeSlackApi, channel: str, count: int, timeout: float = 120) -> list[dict]:
    """The first `count` messages posted to `channel`, waiting for them."""
    api.wait_for(lambda a: len(a.posts(channel)) >= count, timeout)
    return api.posts(channel)


def text_of(post: dict) -> str:
    return post.get("text") or ""


def marker_then_count(slack, channel: str, user: str = "U0DOCENT", expected_before: int = 0) -> list[dict]:
    """Send the marker in this conversation, wait for its answer; the channel's posts."""
    post_event(slack["port"], dm(channel, MARKER, user=user))
    posts = answers(slack["api"], channel, expected_before + 1)
    assert "Office &amp; Management Support Specialist" in text_of(posts[-1]) and "niveau 4" in text_of(posts[-1])
    return posts


# -- the handshake -----------------------------------------------------------------------

def test_url_verification_echoes_the_challenge(slack):
    body = json.dumps({"token": "x", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
                       "type": "url_verification"}).encode()
    status, _, text = send(slack["port"], body, sign(body))
    assert status == 200
    assert json.loads(text) == {"challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}


def test_health_says_the_channel_is_configured(slack):
    with urllib.request.urlopen(f"http://127.0.0.1:{slack['port']}/webhooks/slack/", timeout=10) as r:
        assert json.loads(r.read()) == {"status": "ok", "configured": True}


# -- answers in the right place --------------------------------------------------------------

def test_a_direct_message_is_answered_in_the_conversation_as_slack_mrkdwn(slack):
    post_event(slack["port"], dm("D0ANSWER", CREBO_QUESTION))
    [reply] = answers(slack["api"], "D0ANSWER", 1)
    assert "thread_ts" not in reply  # a DM is answered in the main conversation
    assert "25727" in reply["text"] and "Bron: Kwalificatiedossier Business Services" in reply["text"]
    assert "as_user" not in reply  # Slack refuses it for current bot tokens
    call = next(c for c in slack["api"].calls if c["body"] is reply)
    assert call["answer"]["ok"], call["answer"]  # the bot token was sent and accepted
    # Slack's escaping: "&" only as "&amp;" in what the bot sends
    assert "&" not in reply["text"].replace("&amp;", "").replace("&lt;", "").replace("&gt;", "")


def test_a_mention_in_a_channel_is_answered_in_the_thread_of_that_message(slack):
    event = mention("C0STAFF1", CREBO_QUESTION)
    post_event(slack["port"], event)
    [reply] = answers(slack["api"], "C0STAFF1", 1)
    assert reply["thread_ts"] == event["ts"]
    assert "25727" in reply["text"]


def test_a_mention_inside_a_thread_is_answered_in_that_thread(slack):
    event = mention("C0STAFF2", CREBO_QUESTION, thread_ts="1700000000.000100")
    post_event(slack["port"], event)
    [reply] = answers(slack["api"], "C0STAFF2", 1)
    assert reply["thread_ts"] == "1700000000.000100"


def test_a_direct_message_in_a_thread_is_answered_in_that_thread(slack):
    post_event(slack["port"], dm("D0THREAD", CREBO_QUESTION, thread_ts="1700000000.000200"))
    [reply] = answers(slack["api"], "D0THREAD", 1)
    assert reply["thread_ts"] == "1700000000.000200"


def test_buttons_become_blocks_and_a_click_is_answered_in_the_same_thread(slack):
    api, port = slack["api"], slack["port"]
    question = mention("C0BUTTON", "wat doet een marketing &amp; communication specialist bij W3?")
    post_event(port, question)
    [offer] = answers(api, "C0BUTTON", 1)
    assert offer["thread_ts"] == question["ts"]
    section, actions = offer["blocks"]
    assert section["type"] == "section" and section["text"]["type"] == "mrkdwn" and section["text"]["text"]
    assert actions["type"] == "actions"
    assert [(b["type"], b["text"]["text"]) for b in actions["elements"]] == [
        ("button", "B1-K1-W3 Verwerkt gegevens"), ("button", "P6-K1-W3 Voert marktonderzoeken uit")]
    assert all(b["value"].startswith("/") for b in actions["elements"])
    offer_ts = next(c["answer"]["ts"] for c in api.calls if c["body"] is offer)

    chosen = actions["elements"][1]
    status, _, _ = click(port, {
        "type": "block_actions", "team": {"id": TEAM}, "user": {"id": "U0DOCENT", "team_id": TEAM},
        "api_app_id": "A0KWALIBOT", "trigger_id": "1.2.3", "response_url": "https://hooks.slack.invalid/x",
        "container": {"type": "message", "message_ts": offer_ts, "channel_id": "C0BUTTON",
                      "is_ephemeral": False, "thread_ts": question["ts"]},
        "channel": {"id": "C0BUTTON", "name": "docenten"},
        "message": {"type": "message", "ts": offer_ts, "thread_ts": question["ts"], "bot_id": "BFAKE",
                    "text": offer["text"], "blocks": offer["blocks"]},
        "actions": [{**chosen, "block_id": actions["block_id"], "action_ts": str(time.time())}],
    })
    assert status == 200
    replies = answers(api, "C0BUTTON", 2)
    answer = replies[1]
    assert answer["thread_ts"] == question["ts"]  # same channel, same thread
    assert "P6-K1-W3" in answer["text"] and "marktonderzoek" in answer["text"].lower()
    [update] = api.posts("C0BUTTON", method="chat.update")
    assert update["ts"] == offer_ts
    assert [b["type"] for b in update["blocks"]] == ["section", "context"]  # buttons gone
    assert "Gekozen: *P6-K1-W3 Voert marktonderzoeken uit*" in update["blocks"][-1]["elements"][0]["text"]


def test_a_follow_up_in_the_thread_continues_the_conversation(slack):
    api, port = slack["api"], slack["port"]
    first = mention("C0FOLLOW", "Wat is P5-K1-W2 bij business services?")
    post_event(port, first)
    answers(api, "C0FOLLOW", 1)
    post_event(port, mention("C0FOLLOW", "wat is het resultaat?", thread_ts=first["ts"]))
    follow_up = answers(api, "C0FOLLOW", 2)[1]
    assert follow_up["thread_ts"] == first["ts"]
    assert "Aanvragen en opdrachten zijn correct en volgens procedures uitgevoerd." in follow_up["text"]


@pytest.mark.parametrize("text, expected", [
    (f"<@{BOT_USER}>", "Je bericht was leeg"),
    ("x" * 5000, "Je bericht is erg lang"),
    ("🤖🤖🤖", "Dat begrijp ik niet helemaal"),
])
def test_bad_messages_get_the_polite_reply(slack, text, expected):
    channel = f"D0BAD{next(_ids)}"
    post_event(slack["port"], dm(channel, text))
    [reply] = answers(slack["api"], channel, 1)
    assert expected in reply["text"]


# -- what must not be answered ------------------------------------------------------------------

def _event_body(channel):
    return envelope(dm(channel, CREBO_QUESTION))


REJECTED = {
    "unsigned": lambda body: {},
    "only a timestamp": lambda body: {"X-Slack-Request-Timestamp": str(int(time.time()))},
    "forged signature": lambda body: {**sign(body), "X-Slack-Signature": "v0=" + "0" * 64},
    "signed with another secret": lambda body: sign(body, secret="not-the-secret"),
    "signature of another body": lambda body: sign(body + b" "),
    "timestamp ten minutes old": lambda body: sign(body, timestamp=int(time.time()) - 600),
    "timestamp ten minutes ahead": lambda body: sign(body, timestamp=int(time.time()) + 600),
    "timestamp not a number": lambda body: {**sign(body), "X-Slack-Request-Timestamp": "gisteren"},
    "v1 scheme": lambda body: {k: v.replace("v0=", "v1=") for k, v in sign(body).items()},
}


@pytest.mark.parametrize("case", list(REJECTED))
def test_requests_not_signed_by_slack_are_rejected_and_not_answered(slack, case):
    channel = f"D0REJ{next(_ids)}"
    body = _event_body(channel)
    status, _, text = send(slack["port"], body, REJECTED[case](body))
    assert status == 401, text
    assert "Niet ondertekend door Slack" in json.loads(text)["error"]
    posts = marker_then_count(slack, channel)
    assert len(posts) == 1 and "25727" not in posts[0]["text"]


def test_an_unsigned_button_click_is_rejected_and_not_answered(slack):
    payload = {"type": "block_actions", "user": {"id": "U0DOCENT"}, "channel": {"id": "D0CLICKREJ"},
               "container": {"type": "message", "channel_id": "D0CLICKREJ", "message_ts": "1.2"},
               "actions": [{"type": "button", "value": "/vraag_crebo", "text": {"type": "plain_text", "text": "x"}}]}
    status, _, _ = click(slack["port"], payload, headers={})
    assert status == 401
    posts = marker_then_count(slack, "D0CLICKREJ")
    assert len(posts) == 1


def test_a_replayed_request_is_rejected_and_not_answered_twice(slack):
    body = _event_body("D0REPLAY")
    headers = sign(body)
    assert send(slack["port"], body, headers)[0] == 200
    answers(slack["api"], "D0REPLAY", 1)
    status, _, _ = send(slack["port"], body, headers)  # the same bytes again, within five minutes
    assert status == 401
    posts = marker_then_count(slack, "D0REPLAY", expected_before=1)
    assert len(posts) == 2


def test_slack_retries_and_duplicate_events_get_one_answer(slack):
    port = slack["port"]
    event = dm("D0RETRY", CREBO_QUESTION)
    body = envelope(event, event_id=f"Ev0RETRY{RUN}1")
    assert send(port, body, sign(body))[0] == 200
    for attempt, reason in ((1, "http_timeout"), (2, "http_error"), (3, "too_many_requests")):
        status, headers, _ = send(port, body, {**sign(body, timestamp=int(time.time()) + attempt),
                                               "X-Slack-Retry-Num": str(attempt), "X-Slack-Retry-Reason": reason})
        assert status == 200 and headers.get("X-Slack-No-Retry") == "1"
    # the same message delivered again under another event id
    assert post_event(port, event, event_id=f"Ev0RETRY{RUN}2")[0] == 200
    posts = marker_then_count(slack, "D0RETRY", expected_before=1)
    assert len(posts) == 2 and "25727" in posts[0]["text"]


def test_a_retry_of_an_event_never_received_is_answered(slack):
    body = envelope(dm("D0LATE", CREBO_QUESTION), event_id=f"Ev0LATE{RUN}1")
    status, _, _ = send(slack["port"], body, {**sign(body), "X-Slack-Retry-Num": "1",
                                               "X-Slack-Retry-Reason": "http_error"})
    assert status == 200
    [reply] = answers(slack["api"], "D0LATE", 1)
    assert "25727" in reply["text"]


@pytest.mark.parametrize("event", [
    {"bot_id": "B0OTHER"},
    {"user": BOT_USER},
    {"subtype": "message_changed"},
    {"subtype": "channel_join"},
], ids=["another bot", "kwalibot itself", "an edit", "a join"])
def test_messages_that_are_not_a_persons_question_are_not_answered(slack, event):
    channel = f"D0NOTME{next(_ids)}"
    post_event(slack["port"], dm(channel, CREBO_QUESTION, **event))
    posts = marker_then_count(slack, channel)
    assert len(posts) == 1


def test_a_plain_channel_message_without_mention_is_not_answered(slack):
    api, port = slack["api"], slack["port"]
    post_event(port, {"type": "message", "channel_type": "channel", "channel": "C0QUIET", "user": "U0DOCENT",
                      "text": CREBO_QUESTION, "ts": new_ts()})
    question = mention("C0QUIET", MARKER)
    post_event(port, question)
    posts = answers(api, "C0QUIET", 1)
    assert len(posts) == 1 and posts[0]["thread_ts"] == question["ts"]


def test_a_signed_body_that_is_not_json_gets_a_400(slack):
    body = b"\xff\xfe{"
    status, _, text = send(slack["port"], body, sign(body))
    assert status == 400 and "Slack-event" in json.loads(text)["error"]


def test_every_call_to_the_slack_api_was_accepted(slack):
    calls = slack["api"].calls[slack["first_call"]:]  # this module's (the fake serves other modules too)
    refused = [c for c in calls if not c["answer"]["ok"]]
    assert calls and not refused


def test_action_server_down_gives_an_apology_not_silence(slack):
    stop(slack["actions"])  # the module's last test that needs the action server (conftest revives it)
    post_event(slack["port"], dm("D0DOWN", "Welk niveau is de Office &amp; Management Support Specialist?"))
    [reply] = answers(slack["api"], "D0DOWN", 1)
    assert reply["text"].startswith(APOLOGY)


# -- not configured ---------------------------------------------------------------------------

def test_without_settings_the_server_starts_and_the_webhook_answers_503(unconfigured):
    body = envelope(dm("D0NOCONF", CREBO_QUESTION))
    status, _, text = send(unconfigured["port"], body, sign(body))
    assert status == 503
    assert json.loads(text)["error"].startswith("Slack is niet geconfigureerd")
    assert "KWALIBOT_SLACK_SIGNING_SECRET" in json.loads(text)["error"]
    with urllib.request.urlopen(f"http://127.0.0.1:{unconfigured['port']}/webhooks/slack/", timeout=10) as r:
        assert json.loads(r.read())["configured"] is False
    log = unconfigured["log"].read_text()
    assert "Slack is not configured (KWALIBOT_SLACK_SIGNING_SECRET and KWALIBOT_SLACK_BOT_TOKEN not set)" in log
