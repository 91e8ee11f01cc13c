"""Start kwalibot: the action server, the Rasa server and the chat page, in the foreground, stopped together.

    python -m bot.run [--rasa-port 5005] [--action-port 5055] [--web-port 8000] [--shell]

A child that crashes is started again within seconds, and the log says which one and why
(bot/supervisor.py); Ctrl-C (or SIGTERM) stops all three. With --shell, a chat in this terminal replaces
the HTTP servers (no chat page). Conversations are kept in var/conversations.sqlite3, or where
KWALIBOT_TRACKER_URL says; KWALIBOT_REDIS_URL adds the lock store several replicas share
(bot/endpoints.py).
"""
from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import Mapping, Optional

from bot.api_token import rasa_auth_token
from bot.endpoints import write_endpoints
from bot.supervisor import Child, Supervisor

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "kwalibot.tar.gz"


def cors_origins(setting: Optional[str]) -> list[str]:
    """KWALIBOT_CORS_ORIGINS (origins separated by commas or spaces; unset: '*') as Rasa's --cors arguments."""
    origins = [o.rstrip("/") for o in (setting or "*").replace(",", " ").split()]
    return ["*"] if not origins or "*" in origins else origins


def action_command(action_port: int) -> list[str]:
    """rasa_sdk's action server with kwalibot's /metrics and /ready (bot/action_server.py)."""
    return [sys.executable, "-m", "bot.action_server", "--actions", "actions", "--port", str(action_port)]


def server_commands(rasa_port: int, action_port: int, shell: bool = False,
                    env: Optional[Mapping[str, str]] = None,
                    endpoints_folder: Path = ROOT / "var") -> tuple[list[str], list[str]]:
    """The action server's and Rasa's command lines; `env` (default: os.environ) supplies the KWALIBOT_ settings."""
    env = os.environ if env is None else env
    rasa = str(Path(sys.executable).with_name("rasa"))
    actions = action_command(action_port)
    # Tracker store, lock store and action server from the KWALIBOT_ settings (bot/endpoints.py).
    common = ["--model", str(MODEL), "--endpoints", str(write_endpoints(action_port, env, endpoints_folder))]
    if shell:
        return actions, [rasa, "shell", *common]
    # The socket.io channel (bot.channels.socketio) reads the same variable for its handshake check.
    return actions, [rasa, "run", *common, "--enable-api", "--port", str(rasa_port),
                     "--cors", *cors_origins(env.get("KWALIBOT_CORS_ORIGINS")),
                     "--credentials", env.get("KWALIBOT_CREDENTIALS", "credentials.yml"),
                     # Rasa's HTTP API (/model, /conversations) always needs the token (bot/api_token.py);
                     # /webhooks/* have their own guards. All interfaces by default: browsers reach socket.io.
                     # one argument with "=": a token may start with "-", which argparse would take for an option
                     f"--auth-token={rasa_auth_token(env)}", "--interface", env.get("KWALIBOT_RASA_HOST") or "0.0.0.0"]


def web_command(web_port: int, rasa_port: int) -> list[str]:
    """The chat page server (bot.web), announcing the Rasa server on `rasa_port` to browsers."""
    return [sys.executable, "-m", "bot.web", "--port", str(web_port), "--rasa-port", str(rasa_port)]


def environment(action_port: int) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("RASA_TELEMETRY_ENABLED", "false")
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    env["PYTHONPATH"] = f"{ROOT}{os.pathsep}{env.get('PYTHONPATH', '')}"
    return env


def children(args: argparse.Namespace, env: dict) -> list[Child]:
    """What `make run` keeps running: the action server, Rasa (or the terminal chat) and the chat page."""
    action_cmd, rasa_cmd = server_commands(args.rasa_port, args.action_port, args.shell)
    actions = Child("actions", action_cmd, env=env, cwd=ROOT, port=args.action_port,
                    ready_url=f"http://127.0.0.1:{args.action_port}/ready")
    if args.shell:  # the chat reads this terminal; when the user ends it, everything stops
        return [actions, Child("shell", rasa_cmd, env=env, cwd=ROOT, restart=False, foreground=True)]
    return [actions,
            Child("rasa", rasa_cmd, env=env, cwd=ROOT, port=args.rasa_port,
                  ready_url=f"http://127.0.0.1:{args.rasa_port}/ready"),
            Child("web", web_command(args.web_port, args.rasa_port), env=env, cwd=ROOT, port=args.web_port,
                  ready_url=f"http://127.0.0.1:{args.web_port}/health")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rasa-port", type=int, default=int(os.environ.get("KWALIBOT_RASA_PORT", 5005)))
    parser.add_argument("--action-port", type=int, default=int(os.environ.get("KWALIBOT_ACTION_PORT", 5055)))
    parser.add_argument("--web-port", type=int, default=int(os.environ.get("KWALIBOT_WEB_PORT", 8000)),
                        help="port of the chat page (bot.web)")
    parser.add_argument("--shell", action="store_true", help="chat in the terminal instead of serving HTTP")
    args = parser.parse_args()
    if not MODEL.exists():
        print(f"no trained model at {MODEL}: run `make train` first", file=sys.stderr)
        return 1
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    return Supervisor(children(args, environment(args.action_port))).run()


if __name__ == "__main__":
    sys.exit(main())
