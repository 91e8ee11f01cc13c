"""End to end: Teams activities, signed the way the Bot Connector signs them, posted to the real Rasa server.

The real action server and Rasa server run with the Teams channel pointed at a local fake of Microsoft
(tests/e2e/fake_botframework.py): OpenID metadata and keys made for this run, a token endpoint, and a
serviceUrl that records what the bot posts. Nothing needs the internet.

Absence of an answer is proven without sleeping: after a rejected request, a valid "marker" message
follows in the same conversation; the rejected request was refused before its HTTP answer (nothing was
scheduled) and Rasa handles one conversation's messages in order, so once the marker's answer is
recorded, an answer to the rejected request would have been recorded before it.

The servers and the fake are those of `channels_stack` (tests/e2e/conftest.py), shared with test_slack and
test_privacy: every test here uses conversations of its own, and what is counted over the whole fake is
counted over this module's calls only.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import json
import time
import urllib.error
import urllib.request
import uuid

import jwt
import pytest
from cryptography.hazmat.primitives import serialization

from bot.servers import stop
from tests.e2e.fake_botframework import KEY_ID, FakeBotFramework, bot_connector_token, other_key

APP_ID = "6f0f6d4b-0d4e-4a4b-9a51-6b1f8e0c7a11"
APP_PASSWORD = "kwalibot~test~secret"
BOT = {"id": f"28:{APP_ID}", "name": "kwalibot"}
TENANT = "2f4a9838-26b7-47ee-be60-ccc1fdec5953"
CREBO_QUESTION = "Welk crebonummer heeft de Marketing & Communication Specialist?"
MARKER = "Welk niveau heeft de Office & Management Support Specialist?"
APOLOGY = "Sorry, er ging bij mij iets mis"
_ids = itertools.count(1)
# Activity ids of this run only: with KWALIBOT_REDIS_URL set, answered ones are remembered in Redis for an hour.
RUN = uuid.uuid4().hex[:8]


@pytest.fixture(scope="module")
def teams(channels_stack):
    """The shared stack (its Microsoft fake: "ms") and how many connector calls the fake had before this module."""
    return {**channels_stack, "first_call": len(channels_stack["ms"].calls)}


# -- the Bot Connector's side ------------------------------------------------------------------

def valid_token(ms: FakeBotFramework) -> str:
    return bot_connector_token(ms.key, APP_ID, ms.service_url)


def activity(ms: FakeBotFramework, conversation: str, text, user: str = "29:1docent", **extra) -> dict:
    """A message activity as Teams sends it in a personal (1:1) chat."""
    return {"type": "message", "id": f"1700{RUN}{next(_ids):04d}", "channelId": "msteams",
            "serviceUrl": ms.service_url, "timestamp": "2024-05-01T10:00:00.000Z", "textFormat": "plain",
            "from": {"id": user, "name": "Docent", "aadObjectId": "00000000-0000-0000-0000-00000000d0c3"},
            "conversation": {"id": conversation, "conversationType": "personal", "tenantId": TENANT},
            "recipient": BOT, "locale": "nl-NL", "text": text,
            "channelData": {"tenant": {"id": TENANT}}, **extra}


def post(port: int, body, authorization=None) -> tuple[int, str]:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    headers = {"Content-Type": "application/json"}
    if authorization is not None:
        headers["Authorization"] = authorization
    request = urllib.request.Request(f"http://127.0.0.1:{port}/webhooks/botframework/webhook", data=data,
                                     headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def send(teams, message: dict) -> dict:
    status, text = post(teams["port"], message, f"Bearer {valid_token(teams['ms'])}")
    assert status == 200, text
    return message


def answers(ms: FakeBotFramework, conversation: str, count: int, timeout: float = 120) -> list[dict]:
    """The first `count` activities the bot posted to `conversation`, waiting for them."""
    ms.wait_for(lambda m: len(m.activities(conversation)) >= count, timeout)
    return ms.activities(conversation)


def marker_then_answers(teams, conversation: str, expected_before: int = 0) -> list[dict]:
    """Send the marker in this conversation, wait for its answer; all answers in the conversation."""
    send(teams, activity(teams["ms"], conversation, MARKER))
    posted = answers(teams["ms"], conversation, expected_before + 1)
    assert "Office &amp; Management Support Specialist" in posted[-1]["text"]
    return posted


# -- answers ---------------------------------------------------------------------------------------

def test_health_says_the_channel_is_configured(teams):
    with urllib.request.urlopen(f"http://127.0.0.1:{teams['port']}/webhooks/botframework/", timeout=10) as r:
        assert json.loads(r.read()) == {"status": "ok", "configured": True}


def test_a_signed_message_is_answered_in_its_conversation_as_a_reply_to_it(teams):
    ms = teams["ms"]
    question = send(teams, activity(ms, "a:1personal-answer", CREBO_QUESTION))
    [reply] = answers(ms, "a:1personal-answer", 1)
    assert reply["type"] == "message"
    assert reply["replyToId"] == question["id"]
    assert reply["recipient"]["id"] == "29:1docent" and reply["from"] == BOT
    assert reply["conversation"]["id"] == "a:1personal-answer"
    assert reply["textFormat"] == "xml"
    assert "25727" in reply["text"] and "Bron: Kwalificatiedossier Business Services" in reply["text"]
    assert "&amp;" in reply["text"] and "&" not in reply["text"].replace("&amp;", "").replace("&nbsp;", "")
    [call] = ms.all_calls("a:1personal-answer")
    assert call["authorized"] and call["status"] == 201  # the connector token was fetched and accepted
    assert ms.token_requests and ms.token_requests[0]["client_id"] == APP_ID


def test_a_mention_in_a_channel_thread_is_answered_in_that_thread(teams):
    ms = teams["ms"]
    thread = "19:9f0c1e8b7a6d4c3b@thread.tacv2;messageid=1700000000123"
    message = activity(ms, thread, f"<at>kwalibot</at> {CREBO_QUESTION}\n",
                       entities=[{"type": "mention", "mentioned": BOT, "text": "<at>kwalibot</at>"}])
    message["conversation"] = {"id": thread, "conversationType": "channel", "isGroup": True, "tenantId": TENANT}
    send(teams, message)
    [reply] = answers(ms, thread, 1)  # the fake decoded the id from the URL: ":", ";", "@", "=" survived
    assert reply["replyToId"] == message["id"] and reply["conversation"]["id"] == thread
    assert "25727" in reply["text"]


def test_buttons_are_messageback_actions_and_a_click_reaches_rasa_as_the_payload(teams):
    ms = teams["ms"]
    conversation = "a:1personal-buttons"
    send(teams, activity(ms, conversation, "wat doet een marketing & communication specialist bij W3?"))
    [offer] = answers(ms, conversation, 1)
    [card] = offer["attachments"]
    assert card["contentType"] == "application/vnd.microsoft.card.hero"
    assert card["content"]["text"]
    buttons = card["content"]["buttons"]
    assert [(b["type"], b["title"], b["displayText"]) for b in buttons] == [
        ("messageBack", "B1-K1-W3 Verwerkt gegevens", "B1-K1-W3 Verwerkt gegevens"),
        ("messageBack", "P6-K1-W3 Voert marktonderzoeken uit", "P6-K1-W3 Voert marktonderzoeken uit")]
    assert all(b["text"].startswith("/") and b["value"] == {"kwalibot_payload": b["text"]} for b in buttons)
    assert "payload" not in json.dumps(buttons).replace("kwalibot_payload", "")  # no stock Rasa button fields

    chosen = buttons[1]  # what Teams posts for a messageBack click: text and value of the action
    click = activity(ms, conversation, chosen["text"], value=chosen["value"], replyToId=f"1:{len(ms.calls)}")
    send(teams, click)
    answer = answers(ms, conversation, 2)[1]
    assert answer["replyToId"] == click["id"]
    assert "P6-K1-W3" in answer["text"] and "marktonderzoek" in answer["text"].lower()


def test_a_follow_up_continues_the_conversation(teams):
    ms = teams["ms"]
    send(teams, activity(ms, "a:1personal-follow", "Wat is P5-K1-W2 bij business services?"))
    answers(ms, "a:1personal-follow", 1)
    send(teams, activity(ms, "a:1personal-follow", "wat is het resultaat?"))
    follow_up = answers(ms, "a:1personal-follow", 2)[1]
    assert "Aanvragen en opdrachten zijn correct en volgens procedures uitgevoerd." in follow_up["text"]


@pytest.mark.parametrize("text, expected", [
    (None, "Je bericht was leeg"),  # e.g. only a file attached
    ("<at>kwalibot</at>", "Je bericht was leeg"),
    ("x" * 5000, "Je bericht is erg lang"),
    ("🤖🤖🤖", "Dat begrijp ik niet helemaal"),
])
def test_bad_messages_get_the_polite_reply(teams, text, expected):
    conversation = f"a:1bad{next(_ids)}"
    extra = {"entities": [{"type": "mention", "mentioned": BOT, "text": "<at>kwalibot</at>"}]} if text else {}
    send(teams, activity(teams["ms"], conversation, text, **extra))
    [reply] = answers(teams["ms"], conversation, 1)
    assert expected in reply["text"]


def test_an_activity_delivered_twice_is_answered_once(teams):
    message = activity(teams["ms"], "a:1twice", CREBO_QUESTION)
    send(teams, message)
    send(teams, message)
    posted = marker_then_answers(teams, "a:1twice", expected_before=1)
    assert len(posted) == 2 and "25727" in posted[0]["text"]


def test_activities_that_are_not_messages_are_acknowledged_not_answered(teams):
    update = activity(teams["ms"], "a:1update", None, type="conversationUpdate",
                      membersAdded=[{"id": BOT["id"]}])
    send(teams, update)
    posted = marker_then_answers(teams, "a:1update")
    assert len(posted) == 1


def test_an_expired_connector_token_is_renewed(teams):
    ms = teams["ms"]
    ms.revoke_tokens()  # Microsoft no longer accepts the token kwalibot has cached
    before = len(ms.token_requests)
    send(teams, activity(ms, "a:1renew", CREBO_QUESTION))
    [reply] = answers(ms, "a:1renew", 1)
    assert "25727" in reply["text"]
    assert [c["authorized"] for c in ms.all_calls("a:1renew")] == [False, True]
    assert len(ms.token_requests) == before + 1


# -- what must not be answered -------------------------------------------------------------------

def _b64(data: bytes) -> bytes:
    return base64.urlsafe_b64encode(data).rstrip(b"=")


def _forged_hs256(ms):
    # the "algorithm confusion" forgery: HMAC with the published public key as the secret
    pem = ms.key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    claims = jwt.decode(valid_token(ms), options={"verify_signature": False})
    header = json.dumps({"alg": "HS256", "typ": "JWT", "kid": KEY_ID}).encode()
    signing_input = _b64(header) + b"." + _b64(json.dumps(claims).encode())
    return (signing_input + b"." + _b64(hmac.new(pem, signing_input, hashlib.sha256).digest())).decode()


def _unsigned(ms):
    claims = jwt.decode(valid_token(ms), options={"verify_signature": False})
    return jwt.encode(claims, None, algorithm="none", headers={"kid": KEY_ID})


REJECTED = {  # case: (Authorization header for the Microsoft fake `ms`, expected status)
    "no Authorization header": (lambda ms: None, 401),
    "not a Bearer token": (lambda ms: f"Basic {valid_token(ms)}", 401),
    "not a JWT": (lambda ms: "Bearer eyJhbGciOiJSUzI1NiJ9.bm90IGEgand0.c2ln", 401),
    "expired two hours ago": (lambda ms: "Bearer " + bot_connector_token(
        ms.key, APP_ID, ms.service_url, issued=time.time() - 3 * 3600), 401),
    "not valid yet": (lambda ms: "Bearer " + bot_connector_token(
        ms.key, APP_ID, ms.service_url, issued=time.time() + 3600), 401),
    "for another bot (audience)": (lambda ms: "Bearer " + bot_connector_token(
        ms.key, "another-app-id", ms.service_url), 401),
    "from another issuer": (lambda ms: "Bearer " + bot_connector_token(
        ms.key, APP_ID, ms.service_url, issuer="https://sts.windows.net/evil/"), 401),
    "forged: another key, Microsoft's key id": (lambda ms: "Bearer " + bot_connector_token(
        other_key(), APP_ID, ms.service_url), 401),
    "forged: another key, unknown key id": (lambda ms: "Bearer " + bot_connector_token(
        other_key(), APP_ID, ms.service_url, kid="attacker-key"), 401),
    "forged: HS256 with the public key": (lambda ms: "Bearer " + _forged_hs256(ms), 401),
    "unsigned (alg none)": (lambda ms: "Bearer " + _unsigned(ms), 401),
    "valid, but for another serviceUrl": (lambda ms: "Bearer " + bot_connector_token(
        ms.key, APP_ID, "https://smba.attacker.example/teams/"), 403),
    "valid, but without serviceurl claim": (lambda ms: "Bearer " + bot_connector_token(ms.key, APP_ID, None), 403),
}


@pytest.mark.parametrize("case", list(REJECTED))
def test_requests_without_a_valid_bot_connector_token_are_rejected_and_not_answered(teams, case):
    ms = teams["ms"]
    conversation = f"a:1rejected{next(_ids)}"
    authorization, expected = REJECTED[case]
    status, text = post(teams["port"], activity(ms, conversation, CREBO_QUESTION), authorization(ms))
    assert status == expected, text
    assert json.loads(text)["error"].startswith("Niet van de Bot Framework-dienst")
    posted = marker_then_answers(teams, conversation)
    assert len(posted) == 1 and "25727" not in posted[0]["text"]


def test_a_channel_the_signing_key_is_not_endorsed_for_is_rejected(teams):
    ms = teams["ms"]
    message = activity(ms, "a:1endorse", CREBO_QUESTION, channelId="slack")
    status, _ = post(teams["port"], message, f"Bearer {valid_token(ms)}")
    assert status == 403
    assert len(marker_then_answers(teams, "a:1endorse")) == 1


def test_a_signed_body_that_is_not_an_activity_gets_a_400(teams):
    status, text = post(teams["port"], b"\xff\xfe{", f"Bearer {valid_token(teams['ms'])}")
    assert status == 400 and "Bot Framework-activity" in json.loads(text)["error"]


def test_every_answer_was_accepted_by_the_connector(teams):
    calls = teams["ms"].calls[teams["first_call"]:]  # this module's (the fake serves other modules too)
    refused = [c for c in calls if c["status"] != 201 and c["conversation"] != "a:1renew"]
    assert calls and not refused


def test_action_server_down_gives_an_apology_not_silence(teams):
    stop(teams["actions"])  # the module's last test that needs the action server (conftest revives it)
    send(teams, activity(teams["ms"], "a:1down", "Welk niveau is de Office & Management Support Specialist?"))
    [reply] = answers(teams["ms"], "a:1down", 1)
    assert reply["text"].startswith(APOLOGY)


# -- not configured ---------------------------------------------------------------------------------

def test_without_settings_the_server_starts_and_the_webhook_answers_503(unconfigured):
    status, text = post(unconfigured["port"], {"type": "message", "text": CREBO_QUESTION}, "Bearer x.y.z")
    assert status == 503
    error = json.loads(text)["error"]
    assert error.startswith("Teams is niet geconfigureerd") and "KWALIBOT_TEAMS_APP_ID" in error
    with urllib.request.urlopen(f"http://127.0.0.1:{unconfigured['port']}/webhooks/botframework/", timeout=10) as r:
        assert json.loads(r.read())["configured"] is False
    log = unconfigured["log"].read_text()
    assert "Teams is not configured (KWALIBOT_TEAMS_APP_ID and KWALIBOT_TEAMS_APP_PASSWORD not set)" in log
