"""A Rasa server with none of the Slack or Teams settings, shared by both channels' tests."""
import pytest

from bot.run import environment
from bot.servers import free_port, rasa_server_without_model


@pytest.fixture(scope="session")
def unconfigured(tmp_path_factory):
    """kwalibot's credentials.yml without KWALIBOT_SLACK_* / KWALIBOT_TEAMS_* variables (and no model: quick)."""
    log = tmp_path_factory.mktemp("unconfigured") / "rasa.log"
    env = {k: v for k, v in environment(5055).items()
           if not k.startswith(("KWALIBOT_SLACK_", "KWALIBOT_TEAMS_"))}
    port = free_port()
    with rasa_server_without_model(port, log, env):
        yield {"port": port, "log": log}
