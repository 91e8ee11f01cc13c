"""The Bot Connector token check of the Teams channel, case by case, with keys generated for the test."""
import asyncio
import time

import jwt
import pytest

from bot.channels.teams import KwalibotTeamsInput, auth
from bot.channels.teams.auth import CLOCK_SKEW, token_problem
from tests.e2e.fake_botframework import ISSUER, KEY_ID, FakeBotFramework, bot_connector_token, jwk, other_key

APP_ID = "app-1"
SERVICE_URL = "https://smba.trafficmanager.net/emea/"
KEY = other_key()
STRANGER = other_key()
KEYS = {KEY_ID: jwk(KEY, KEY_ID, ["msteams"]), "unendorsed": {**jwk(KEY, "unendorsed", []), "endorsements": None}}
ACTIVITY = {"serviceUrl": SERVICE_URL, "channelId": "msteams"}


def bearer(**kwargs) -> str:
    args = {"key": KEY, "app_id": APP_ID, "service_url": SERVICE_URL, **kwargs}
    return "Bearer " + bot_connector_token(args.pop("key"), args.pop("app_id"), args.pop("service_url"), **args)


CASES = [  # (case, Authorization (made when the test runs), activity, expected status or None, words in the reason)
    ("valid", lambda: bearer(), ACTIVITY, None, ""),
    ("valid, serviceUrl without the slash", lambda: bearer(service_url=SERVICE_URL.rstrip("/")), ACTIVITY, None, ""),
    ("valid, checked without an activity", lambda: bearer(service_url=None), None, None, ""),
    ("lower-case bearer", lambda: bearer().replace("Bearer", "bearer"), ACTIVITY, None, ""),
    ("key without endorsements list", lambda: bearer(kid="unendorsed"), ACTIVITY, None, ""),
    ("expired just within the clock skew", lambda: bearer(issued=time.time() - 3600 - CLOCK_SKEW + 60),
     ACTIVITY, None, ""),
    ("missing", lambda: None, ACTIVITY, 401, "no Authorization"),
    ("empty", lambda: "", ACTIVITY, 401, "no Authorization"),
    ("Bearer without token", lambda: "Bearer ", ACTIVITY, 401, "not 'Bearer <token>'"),
    ("Basic", lambda: "Basic dXNlcjpwdw==", ACTIVITY, 401, "not 'Bearer <token>'"),
    ("garbage", lambda: "Bearer not-a-jwt", ACTIVITY, 401, "not a JWT"),
    ("expired beyond the clock skew", lambda: bearer(issued=time.time() - 3600 - CLOCK_SKEW - 60),
     ACTIVITY, 401, "expired"),
    ("not yet valid", lambda: bearer(issued=time.time() + CLOCK_SKEW + 60), ACTIVITY, 401, "not valid"),
    ("without exp", lambda: bearer(lifetime=0, extra={"exp": None}), ACTIVITY, 401, "not valid"),
    ("other audience", lambda: bearer(app_id="app-2"), ACTIVITY, 401, "Audience"),
    ("other issuer", lambda: bearer(issuer="https://login.microsoftonline.com/x/v2.0"), ACTIVITY, 401, "issuer"),
    ("other key, known key id", lambda: bearer(key=STRANGER), ACTIVITY, 401, "Signature verification failed"),
    ("other key, unknown key id", lambda: bearer(key=STRANGER, kid="k2"), ACTIVITY, 401, "not one of"),
    ("RS512", lambda: bearer(algorithm="RS512"), ACTIVITY, 401, "RS512"),
    ("alg none", lambda: "Bearer " + jwt.encode({"aud": APP_ID, "iss": ISSUER, "exp": time.time() + 60}, None,
                                                algorithm="none", headers={"kid": KEY_ID}), ACTIVITY, 401, "'none'"),
    ("other serviceUrl", lambda: bearer(service_url="https://evil.example/"), ACTIVITY, 403, "serviceurl"),
    ("no serviceurl claim", lambda: bearer(service_url=None), ACTIVITY, 403, "serviceurl"),
    ("channel not endorsed", lambda: bearer(), {**ACTIVITY, "channelId": "skype"}, 403, "endorsed"),
]


@pytest.mark.parametrize("authorization, activity, status, words", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_token_problem(authorization, activity, status, words):
    problem = token_problem(authorization(), KEYS, APP_ID, ISSUER, activity)
    if status is None:
        assert problem is None
    else:
        assert problem is not None and problem.status == status and words in problem.reason


def test_serviceurl_claim_name_is_matched_case_insensitively():
    token = bot_connector_token(KEY, APP_ID, None, extra={"serviceUrl": SERVICE_URL})
    assert token_problem(f"Bearer {token}", KEYS, APP_ID, ISSUER, ACTIVITY) is None


# -- the channel fetching the keys ---------------------------------------------------------------

def _check(channel, authorization, activity=ACTIVITY):
    async def run():
        try:
            return await channel.authenticity_problem(authorization, activity)
        finally:
            if channel._session is not None:
                await channel._session.close()
    return asyncio.run(run())


def test_unreachable_keys_give_503_for_a_token_that_needs_them_and_401_for_junk():
    from bot.servers import free_port
    channel = KwalibotTeamsInput(APP_ID, "pw", openid_url=f"http://127.0.0.1:{free_port()}/openid")
    assert _check(channel, bearer()).status == 503
    assert _check(channel, "Bearer not-a-jwt").status == 401
    assert _check(channel, None).status == 401


def test_a_new_signing_key_is_fetched_when_a_token_names_it(monkeypatch):
    with FakeBotFramework(APP_ID, "pw") as ms:
        activity = {"serviceUrl": ms.service_url, "channelId": "msteams"}
        channel = KwalibotTeamsInput(APP_ID, "pw", openid_url=ms.openid_url)
        token = lambda: "Bearer " + bot_connector_token(ms.key, APP_ID, ms.service_url, kid=ms.kid)  # noqa: E731
        assert _check(channel, token(), activity) is None
        ms.rotate_key("kwalibot-test-key-2")
        monkeypatch.setattr(auth, "KEYS_MIN_REFRESH", 0)
        assert _check(channel, token(), activity) is None
        assert ms.metadata_requests == 2


def test_unknown_key_ids_do_not_make_kwalibot_fetch_the_keys_again_and_again():
    with FakeBotFramework(APP_ID, "pw") as ms:
        activity = {"serviceUrl": ms.service_url, "channelId": "msteams"}
        channel = KwalibotTeamsInput(APP_ID, "pw", openid_url=ms.openid_url)
        for n in range(5):
            forged = "Bearer " + bot_connector_token(STRANGER, APP_ID, ms.service_url, kid=f"attacker-{n}")
            assert _check(channel, forged, activity).status == 401
        assert ms.metadata_requests == 1
