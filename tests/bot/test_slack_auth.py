"""Slack's request signatures (v0 scheme), as a table and against Slack's own worked example."""
import pytest

from bot.channels.slack.auth import signature, signature_problem

NOW = 1_700_000_000
BODY = b'{"type":"event_callback"}'

@pytest.mark.parametrize("timestamp, sent, problem", [
    (str(NOW), signature("geheim", str(NOW), BODY), None),
    (str(NOW - 299), signature("geheim", str(NOW - 299), BODY), None),
    (str(NOW - 301), signature("geheim", str(NOW - 301), BODY), "more than five minutes"),
    (str(NOW + 301), signature("geheim", str(NOW + 301), BODY), "more than five minutes"),
    (str(NOW), signature("anders", str(NOW), BODY), "does not match"),
    (str(NOW), signature("geheim", str(NOW + 1), BODY), "does not match"),
    (str(NOW), signature("geheim", str(NOW), BODY + b" "), "does not match"),
    (str(NOW), signature("geheim", str(NOW), BODY).upper(), "does not match"),
    (str(NOW), "v0=ü", "does not match"),
    (None, signature("geheim", str(NOW), BODY), "missing"),
    (str(NOW), None, "missing"),
    ("", "", "missing"),
    ("nu", signature("geheim", "nu", BODY), "not a number"),
])
def test_slack_signatures(timestamp, sent, problem):
    found = signature_problem("geheim", timestamp, sent, BODY, now=NOW)
    assert (found is None) if problem is None else (problem in found)

def test_the_signature_is_slacks_documented_example():
    # https://api.slack.com/authentication/verifying-requests-from-slack (worked example)
    body = (b"token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
            b"&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
            b"&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
            b"&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c")
    assert signature("8f742231b10e8888abcd99yyyzzz85a5", "1531420618", body) == \
        "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"
