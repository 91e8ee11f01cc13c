"""Servers shared by several e2e modules: each start of Rasa and the action server costs ~30 s.

- `unconfigured`: a Rasa server with none of the Slack or Teams settings (test_slack, test_teams);
- `channels_stack`: the action server and Rasa with Slack and Teams on, against the local fakes of Slack's
  and Microsoft's servers, a pseudonym secret and no message text in the logs (test_slack, test_teams,
  test_privacy);
- `default_stack`: the action server and Rasa as a start with no settings at all (test_rest, test_report,
  test_security, test_metrics);
- `webchat_stack`: the action server, Rasa with socket.io allowed from the chat page's origins only, and the
  chat page server (test_webchat, test_accessibility).

Each is started once per session (the `_…` fixtures) and stopped at its end; a module asks for the
module-scoped fixture, which first starts again, on the same ports, with the same settings, logs and
tracker store, whatever a test of an earlier module stopped ("the action server down gives an apology",
"Rasa stops promptly"): a module finds the stack whole, in any order. Modules sharing a stack keep to
conversations (sender, channel, conversation ids) of their own and count only what they sent themselves.
"""
from __future__ import annotations

import contextlib
import uuid
from pathlib import Path
from typing import Iterator, Optional

import pytest

from bot.api_token import TOKEN_VAR
from bot.run import environment
from bot.servers import action_server, free_port, kwalibot, rasa_server, rasa_server_without_model, web_server
from tests.conftest import require_model

# What a start with no security settings gets: the token variable unset (an empty value counts as unset).
DEFAULT_ENV = {TOKEN_VAR: ""}


@pytest.fixture(scope="session")
def unconfigured(tmp_path_factory):
    """kwalibot's credentials.yml without KWALIBOT_SLACK_* / KWALIBOT_TEAMS_* variables."""
    log = tmp_path_factory.mktemp("unconfigured") / "rasa.log"
    env = {k: v for k, v in environment(5055).items()
           if not k.startswith(("KWALIBOT_SLACK_", "KWALIBOT_TEAMS_"))}
    port = free_port()
    with rasa_server_without_model(port, log, env):
        yield {"port": port, "log": log}


@contextlib.contextmanager
def shared_kwalibot(logs: Path, env_extra: Optional[dict] = None, web_port: Optional[int] = None) -> Iterator[dict]:
    """bot.servers.kwalibot's stack (and with `web_port`, the chat page server there as "web"), plus "env" (its
    env_extra) and "revive": starts again, where they were, the servers that are no longer running."""
    env_extra = dict(env_extra or {})
    with contextlib.ExitStack() as held:  # also stops, at the end, every server `revive` started
        stack = held.enter_context(kwalibot(logs, env_extra))

        def page_server():
            return held.enter_context(web_server(web_port, stack["port"], logs / "web.log"))

        def revive() -> None:
            if stack["actions"].poll() is not None:
                stack["actions"] = held.enter_context(action_server(stack["action_port"], logs / "actions.log"))
            if stack["rasa"].poll() is not None:  # the same port, log and tracker store (bot.servers.own_stores)
                stack["rasa"] = held.enter_context(
                    rasa_server(stack["port"], stack["action_port"], logs / "rasa.log", env_extra))
            if web_port is not None and stack["web"].poll() is not None:
                stack["web"] = page_server()

        if web_port is not None:
            stack["web"] = page_server()
        stack.update(env=env_extra, revive=revive)
        yield stack


def whole(stack: dict) -> dict:
    stack["revive"]()
    return stack


@pytest.fixture(scope="session")
def _channels_stack(tmp_path_factory):
    """Privacy's settings are the Slack and Teams tests' plus a pseudonym secret and no message text in the logs;
    both channels pseudonymise by default, so for their tests the secret changes only which one is used."""
    require_model()
    from tests.e2e import test_slack as slack_side, test_teams as teams_side
    from tests.e2e.fake_botframework import FakeBotFramework
    from tests.e2e.fake_slack_api import FakeSlackApi

    secret = "privacy-e2e-" + uuid.uuid4().hex
    with FakeSlackApi(slack_side.TOKEN) as slack_api, \
            FakeBotFramework(teams_side.APP_ID, teams_side.APP_PASSWORD) as microsoft:
        env = {"KWALIBOT_SLACK_SIGNING_SECRET": slack_side.SECRET, "KWALIBOT_SLACK_BOT_TOKEN": slack_side.TOKEN,
               "KWALIBOT_SLACK_API_URL": slack_api.url,
               "KWALIBOT_TEAMS_APP_ID": teams_side.APP_ID, "KWALIBOT_TEAMS_APP_PASSWORD": teams_side.APP_PASSWORD,
               "KWALIBOT_TEAMS_OPENID_URL": microsoft.openid_url, "KWALIBOT_TEAMS_TOKEN_URL": microsoft.token_url,
               "KWALIBOT_PSEUDONYM_SECRET": secret, "KWALIBOT_LOG_TEXT": ""}
        with shared_kwalibot(tmp_path_factory.mktemp("channels-logs"), env) as stack:
            stack.update(slack_api=slack_api, ms=microsoft, pseudonym_secret=secret,
                         store=stack["logs"] / "rasa-conversations.sqlite3")
            yield stack


@pytest.fixture(scope="module")
def channels_stack(_channels_stack):
    """The session's Slack + Teams + privacy stack, all of it running (see the module doc)."""
    return whole(_channels_stack)


@pytest.fixture(scope="session")
def _default_stack(tmp_path_factory):
    """Started like a new user's `make run`: no settings (the Rasa API token generated into var/)."""
    require_model()
    with shared_kwalibot(tmp_path_factory.mktemp("default-logs"), DEFAULT_ENV) as stack:
        stack["store"] = stack["logs"] / "rasa-conversations.sqlite3"
        yield stack


@pytest.fixture(scope="module")
def default_stack(_default_stack):
    """The session's default stack, all of it running (see the module doc)."""
    return whole(_default_stack)


@pytest.fixture(scope="session")
def _webchat_stack(tmp_path_factory):
    """Rasa with KWALIBOT_CORS_ORIGINS set to the chat page server's origins only, and that page server."""
    require_model()
    web_port = free_port()
    origins = [f"http://127.0.0.1:{web_port}", f"http://localhost:{web_port}"]
    with shared_kwalibot(tmp_path_factory.mktemp("webchat-logs"), {"KWALIBOT_CORS_ORIGINS": " ".join(origins)},
                         web_port=web_port) as stack:
        stack.update(web_port=web_port, origins=origins)
        yield stack


@pytest.fixture(scope="module")
def webchat_stack(_webchat_stack):
    """The session's web chat stack, all of it running (see the module doc)."""
    return whole(_webchat_stack)
