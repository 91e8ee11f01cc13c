"""Start kwalibot: the action server and the Rasa server, in the foreground, stopped together.

    python -m bot.run [--rasa-port 5005] [--action-port 5055] [--shell]

Ctrl-C (or SIGTERM) stops both. With --shell, a chat in this terminal replaces
the HTTP server.
"""
from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "kwalibot.tar.gz"


def endpoints_file(action_port: int) -> Path:
    """endpoints.yml, or a copy under var/ pointing at another action-server port."""
    default = ROOT / "endpoints.yml"
    if action_port == 5055:
        return default
    target = ROOT / "var" / f"endpoints-{action_port}.yml"
    target.parent.mkdir(exist_ok=True)
    target.write_text(default.read_text().replace(":5055/", f":{action_port}/"))
    return target


def server_commands(rasa_port: int, action_port: int, shell: bool = False) -> tuple[list[str], list[str]]:
    rasa = str(Path(sys.executable).with_name("rasa"))
    actions = [rasa, "run", "actions", "--actions", "actions", "--port", str(action_port)]
    common = ["--model", str(MODEL), "--endpoints", str(endpoints_file(action_port))]
    if shell:
        return actions, [rasa, "shell", *common]
    cors = os.environ.get("KWALIBOT_CORS_ORIGINS", "*")
    return actions, [rasa, "run", *common, "--enable-api", "--port", str(rasa_port), "--cors", cors,
                     "--credentials", os.environ.get("KWALIBOT_CREDENTIALS", "credentials.yml")]


def environment(action_port: int) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("RASA_TELEMETRY_ENABLED", "false")
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    env["PYTHONPATH"] = f"{ROOT}{os.pathsep}{env.get('PYTHONPATH', '')}"
    return env


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rasa-port", type=int, default=int(os.environ.get("KWALIBOT_RASA_PORT", 5005)))
    parser.add_argument("--action-port", type=int, default=int(os.environ.get("KWALIBOT_ACTION_PORT", 5055)))
    parser.add_argument("--shell", action="store_true", help="chat in the terminal instead of serving HTTP")
    args = parser.parse_args()
    if not MODEL.exists():
        print(f"no trained model at {MODEL}: run `make train` first", file=sys.stderr)
        return 1
    env = environment(args.action_port)
    action_cmd, rasa_cmd = server_commands(args.rasa_port, args.action_port, args.shell)
    actions = subprocess.Popen(action_cmd, cwd=ROOT, env=env)
    rasa = subprocess.Popen(rasa_cmd, cwd=ROOT, env=env)

    def stop(*_):
        for process in (rasa, actions):
            if process.poll() is None:
                process.terminate()

    signal.signal(signal.SIGTERM, stop)
    try:
        while rasa.poll() is None and actions.poll() is None:
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        stop()
        for process in (rasa, actions):
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
    return rasa.returncode or 0


if __name__ == "__main__":
    sys.exit(main())
