"""End to end: two Rasa replicas sharing the real Redis answer a Slack retry or a Teams redelivery once,
whichever replica it reaches.

One action server, two Rasa servers with KWALIBOT_REDIS_URL set, the local fakes of Slack's Web API and
of Microsoft. Absence of a second answer is proven as in test_slack.py, without sleeping: a request that
is refused as "answered already" is refused before its HTTP answer (nothing is scheduled), and a marker
message sent afterwards to the same replica in the same conversation is answered after anything that
replica would have posted for it.
"""
from __future__ import annotations

import contextlib
import threading
import time
import uuid

import pytest

from bot.servers import action_server, free_port, rasa_server
from tests.conftest import require_model
from tests.e2e import test_slack as slack
from tests.e2e import test_teams as teams
from tests.e2e.fake_botframework import FakeBotFramework
from tests.e2e.fake_slack_api import FakeSlackApi

RUN = uuid.uuid4().hex[:8]  # Redis remembers for an hour: ids of this run only


@pytest.fixture(scope="module")
def replicas(tmp_path_factory, redis_server_url):
    require_model()
    logs = tmp_path_factory.mktemp("replica-logs")
    with contextlib.ExitStack() as stack:
        api = stack.enter_context(FakeSlackApi(slack.TOKEN))
        ms = stack.enter_context(FakeBotFramework(teams.APP_ID, teams.APP_PASSWORD))
        env = {"KWALIBOT_REDIS_URL": redis_server_url,
               "KWALIBOT_SLACK_SIGNING_SECRET": slack.SECRET, "KWALIBOT_SLACK_BOT_TOKEN": slack.TOKEN,
               "KWALIBOT_SLACK_API_URL": api.url,
               "KWALIBOT_TEAMS_APP_ID": teams.APP_ID, "KWALIBOT_TEAMS_APP_PASSWORD": teams.APP_PASSWORD,
               "KWALIBOT_TEAMS_OPENID_URL": ms.openid_url, "KWALIBOT_TEAMS_TOKEN_URL": ms.token_url}
        action_port = free_port()
        stack.enter_context(action_server(action_port, logs / "actions.log"))
        ports = []
        for n in (1, 2):
            ports.append(free_port())
            stack.enter_context(rasa_server(ports[-1], action_port, logs / f"rasa{n}.log", env))
        yield {"ports": ports, "api": api, "ms": ms, "logs": logs}


def slack_marker(replicas, port: int, channel: str, expected: int) -> list[dict]:
    """The marker question to `port` in `channel`; all posts to `channel` once its answer is there."""
    slack.post_event(port, slack.dm(channel, slack.MARKER))
    posts = slack.answers(replicas["api"], channel, expected)
    assert "Office &amp; Management Support Specialist" in posts[-1]["text"]
    return posts


def test_the_replicas_remember_in_redis(replicas):
    for n in (1, 2):
        log = (replicas["logs"] / f"rasa{n}.log").read_text()
        assert "Slack channel on" in log and "retries remembered in Redis at" in log
        assert "Teams channel on" in log and "redeliveries remembered in Redis at" in log


def test_a_slack_retry_that_reaches_the_other_replica_is_not_answered_again(replicas):
    first, second = replicas["ports"]
    channel = f"D0REPL{RUN}"
    body = slack.envelope(slack.dm(channel, slack.CREBO_QUESTION), event_id=f"Ev0REPL{RUN}")
    assert slack.send(first, body, slack.sign(body))[0] == 200
    [answer] = slack.answers(replicas["api"], channel, 1)
    assert "25727" in answer["text"]
    # Slack's retry: the same body, signed anew, to whichever replica the load balancer picks
    status, headers, _ = slack.send(second, body, {**slack.sign(body, timestamp=int(time.time()) + 1),
                                                   "X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})
    assert status == 200 and headers.get("X-Slack-No-Retry") == "1"
    posts = slack_marker(replicas, second, channel, expected=2)
    assert len(posts) == 2 and posts[0] is answer


def test_the_same_event_at_both_replicas_at_once_is_answered_once(replicas):
    channel = f"D0RACE{RUN}"
    body = slack.envelope(slack.dm(channel, slack.CREBO_QUESTION), event_id=f"Ev0RACE{RUN}")
    results = {}
    start = threading.Barrier(2)

    def deliver(port, retry):
        headers = {**slack.sign(body, timestamp=int(time.time()) + retry),
                   **({"X-Slack-Retry-Num": "1"} if retry else {})}
        start.wait()
        results[port] = slack.send(port, body, headers)
    threads = [threading.Thread(target=deliver, args=(port, n)) for n, port in enumerate(replicas["ports"])]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert [r[0] for r in results.values()] == [200, 200]
    assert sorted(r[1].get("X-Slack-No-Retry") or "" for r in results.values()) == ["", "1"]  # one took it
    [answer] = slack.answers(replicas["api"], channel, 1)
    assert "25727" in answer["text"]
    slack_marker(replicas, replicas["ports"][0], channel, expected=2)
    posts = slack_marker(replicas, replicas["ports"][1], channel, expected=3)
    assert len(posts) == 3 and "25727" in posts[0]["text"] and "25727" not in posts[1]["text"] + posts[2]["text"]


def test_a_request_replayed_to_the_other_replica_is_rejected(replicas):
    first, second = replicas["ports"]
    channel = f"D0REPLAY{RUN}"
    body = slack.envelope(slack.dm(channel, slack.CREBO_QUESTION), event_id=f"Ev0REPLAY{RUN}")
    headers = slack.sign(body)
    assert slack.send(first, body, headers)[0] == 200
    slack.answers(replicas["api"], channel, 1)
    status, _, text = slack.send(second, body, headers)  # the same bytes and signature, within five minutes
    assert status == 401 and "received before" in text
    assert len(slack_marker(replicas, second, channel, expected=2)) == 2


def test_a_teams_activity_redelivered_to_the_other_replica_is_answered_once(replicas):
    first, second = replicas["ports"]
    ms = replicas["ms"]
    conversation = f"a:1replicas-{RUN}"
    message = teams.activity(ms, conversation, teams.CREBO_QUESTION, id=f"1700{RUN}")
    for port in (first, second):
        status, text = teams.post(port, message, f"Bearer {teams.valid_token(ms)}")
        assert status == 200, text
    teams.send({"port": second, "ms": ms}, teams.activity(ms, conversation, teams.MARKER))
    posted = teams.answers(ms, conversation, 2)
    assert len(posted) == 2 and "25727" in posted[0]["text"]
    assert "Office &amp; Management Support Specialist" in posted[1]["text"]
