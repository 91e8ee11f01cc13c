"""kwalibot in containers (deploy/): one server per container, configured by the environment alone.

    python -m bot.container rasa       # the Rasa server on KWALIBOT_RASA_PORT (5005)
    python -m bot.container actions    # the action server on KWALIBOT_ACTION_PORT (5055): /ready, /metrics
    python -m bot.container web        # the chat page on KWALIBOT_WEB_PORT (8000)
    python -m bot.container knowledge  # (re)build the knowledge base at KWALIBOT_DB_URL, then exit
    python -m bot.container purge      # delete conversations idle for KWALIBOT_RETENTION_DAYS, then exit

The same command lines as `make run` (bot/run.py), but nothing here starts or restarts another
process: the container runtime does (compose's restart policy, Kubernetes' probes). Each command
replaces this process (exec), so the runtime's stop signal reaches the server itself.
Rasa reaches the action server at KWALIBOT_ACTION_URL (e.g. http://actions:5055/webhook), which in a
container is another host; unset, it is the one on this host, as with `make run`.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Mapping, Optional

from bot.endpoints import write_endpoints
from bot.run import MODEL, ROOT, action_command, environment, server_commands, web_command

SERVERS = ("rasa", "actions", "web", "knowledge", "purge")


def _port(env: Mapping[str, str], name: str, default: int) -> int:
    return int(env.get(name) or default)


def command(server: str, env: Optional[Mapping[str, str]] = None, endpoints_folder: Path = ROOT / "var") -> list[str]:
    """The command line of `server` (one of SERVERS) under the environment `env` (default: this one).

    For Rasa it writes the endpoints file into `endpoints_folder` (bot/endpoints.py).
    """
    env = os.environ if env is None else env
    rasa_port = _port(env, "KWALIBOT_RASA_PORT", 5005)
    action_port = _port(env, "KWALIBOT_ACTION_PORT", 5055)
    if server == "rasa":
        _, rasa = server_commands(rasa_port, action_port, env=env, endpoints_folder=endpoints_folder)
        # the endpoints file again, with the action server where the container runtime puts it
        endpoints = write_endpoints(action_port, env, endpoints_folder, action_url=env.get("KWALIBOT_ACTION_URL"))
        rasa[rasa.index("--endpoints") + 1] = str(endpoints)
        return rasa
    if server == "actions":
        return action_command(action_port)
    if server == "web":
        return web_command(_port(env, "KWALIBOT_WEB_PORT", 8000), rasa_port)
    if server == "knowledge":
        return [sys.executable, "-m", "knowledge", "build"]
    if server == "purge":
        return [sys.executable, "-m", "bot.privacy", "purge"]
    raise ValueError(f"unknown server {server!r}: one of {', '.join(SERVERS)}")


def main(argv: Optional[list[str]] = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1 or argv[0] not in SERVERS:
        print(__doc__, file=sys.stderr)
        return 2
    if argv[0] == "rasa" and not MODEL.exists():  # the image trains it (deploy/Dockerfile)
        print(f"no trained model at {MODEL}: the image was built without `make train`", file=sys.stderr)
        return 1
    line = command(argv[0])
    os.chdir(ROOT)
    os.execve(line[0], line, environment(_port(os.environ, "KWALIBOT_ACTION_PORT", 5055)))
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())
