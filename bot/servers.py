"""Start the real action server, Rasa server and chat page server for tests, evaluation and benchmarks."""
from __future__ import annotations

import contextlib
import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Iterator, Optional

from bot.run import ROOT, action_command, environment, server_commands, web_command


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


def wait_until(url: str, process: Optional[subprocess.Popen], timeout: float, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if answers(url):
            return
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before {url} answered; see {log}")
        time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f} s; see {log}")


@contextlib.contextmanager
def _server(command: list[str], env: dict, health: str, timeout: float, log: Path) -> Iterator[subprocess.Popen]:
    with open(log, "ab") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_until(health, process, timeout, log)
        yield process
    finally:
        stop(process)


def action_server(port: int, log: Path, env_extra: Optional[dict] = None):
    """The real action server on `port` (a context manager yielding its process)."""
    # /ready answers once the knowledge base is loaded (/health answers before)
    return _server(action_command(port), {**environment(port), **(env_extra or {})}, f"http://127.0.0.1:{port}/ready", 120, log)


def own_stores(env: dict, log: Path) -> dict:
    """`env` with a fresh SQLite tracker file next to `log` and no Redis lock store, whatever the shell exports.

    Servers for tests and benchmarks never share conversations with `make run` (var/) or with each other
    by accident; a test that wants shared stores passes them in `env_extra`.
    """
    return {**{k: v for k, v in env.items() if k not in ("KWALIBOT_TRACKER_URL", "KWALIBOT_REDIS_URL")},
            "KWALIBOT_TRACKER_URL": f"sqlite:///{log.parent / (log.stem + '-conversations.sqlite3')}"}


def rasa_server(port: int, action_port: int, log: Path, env_extra: Optional[dict] = None,
                model: Optional[Path] = None):
    """The real Rasa server on `port`, calling the action server on `action_port`, serving `model` (default
    models/kwalibot.tar.gz).

    Conversations: the stores named in `env_extra` (KWALIBOT_TRACKER_URL, KWALIBOT_REDIS_URL), else `own_stores`.
    """
    env = {**own_stores(environment(action_port), log), **(env_extra or {})}
    _, command = server_commands(port, action_port, env=env, endpoints_folder=log.parent)
    if model is not None:
        command[command.index("--model") + 1] = str(model)
    return _server(command, env, f"http://127.0.0.1:{port}/webhooks/rest/", 240, log)


@contextlib.contextmanager
def kwalibot(logs: Path, env_extra: Optional[dict] = None) -> Iterator[dict]:
    """The action server and the Rasa server on free ports, logging into the folder `logs`.

    Yields {"port": Rasa's port, "action_port", "actions": the action server's process, "rasa": Rasa's process, "logs"}.
    """
    rasa_port, action_port = free_port(), free_port()
    with action_server(action_port, logs / "actions.log") as actions, \
            rasa_server(rasa_port, action_port, logs / "rasa.log", env_extra) as rasa:
        yield {"port": rasa_port, "action_port": action_port, "actions": actions, "rasa": rasa, "logs": logs}


@contextlib.contextmanager
def rasa_servers(action_port: int, logs: Path, envs: list[dict]) -> Iterator[list[int]]:
    """One Rasa server per entry of `envs` (its env_extra), all started at once; yields their ports.

    Their cold starts overlap instead of adding up; server i logs into `logs`/rasa-<i>.log.
    """
    started = []
    try:
        for i, env_extra in enumerate(envs):
            port, log = free_port(), logs / f"rasa-{i}.log"
            env = {**own_stores(environment(action_port), log), **env_extra}
            _, command = server_commands(port, action_port, env=env, endpoints_folder=logs)
            with open(log, "ab") as out:
                started.append((port, log, subprocess.Popen(command, cwd=ROOT, env=env, stdout=out,
                                                             stderr=subprocess.STDOUT)))
        for port, log, process in started:
            wait_until(f"http://127.0.0.1:{port}/webhooks/rest/", process, 240, log)
        yield [port for port, _, _ in started]
    finally:
        for _, _, process in started:
            stop(process)


def rasa_replicas(count: int, action_port: int, logs: Path, env_extra: dict):
    """`count` Rasa replicas sharing the stores named in `env_extra` (see rasa_servers)."""
    return rasa_servers(action_port, logs, [env_extra] * count)


def rasa_server_without_model(port: int, log: Path, env: dict):
    """A Rasa server with kwalibot's channels but no model (it starts in seconds): for checks of channel set-up.

    `env` is the whole environment, so a test can leave a channel's variables out.
    """
    env = own_stores(env, log)
    _, command = server_commands(port, free_port(), env=env, endpoints_folder=log.parent)
    # An empty model directory: a --model path that does not exist makes `rasa run` fall back to models/
    # and load the trained model after all (~30 s).
    empty = log.parent / "no-model"
    empty.mkdir(exist_ok=True)
    command[command.index("--model") + 1] = str(empty)
    return _server(command, env, f"http://127.0.0.1:{port}/webhooks/rest/", 240, log)


def web_server(port: int, rasa_port: int, log: Path, env_extra: Optional[dict] = None):
    """The chat page server (bot.web) on `port`, sending browsers to the Rasa server on `rasa_port`."""
    return _server(web_command(port, rasa_port), {**environment(0), **(env_extra or {})},
                   f"http://127.0.0.1:{port}/health", 30, log)


def stop(process: subprocess.Popen, timeout: float = 20) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def ask(rasa_port: int, sender: str, message, timeout: float = 30, headers: Optional[dict] = None) -> list[dict]:
    """One user message over the REST channel; the bot's messages for that turn."""
    body = json.dumps({"sender": sender, "message": message}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook", data=body,
                                     headers={"Content-Type": "application/json", **(headers or {})})
    with urllib.request.urlopen(request, timeout=timeout) as r:
        return json.loads(r.read())


def cluster_state(folder: Path) -> dict:
    """What the cluster's supervisor wrote: its children's pids, ports, starts and readiness (bot/supervisor.py)."""
    return json.loads((folder / "state.json").read_text())


@contextlib.contextmanager
def cluster(folder: Path, rasa: int, actions: int, env_extra: Optional[dict] = None,
            timeout: float = 480) -> Iterator[dict]:
    """`python -m bot.cluster` with `rasa` replicas and `actions` action servers, every port free, writing
    into `folder`; yields once every child is ready: {"port": the balancer, "folder", "log", "process"}.

    The stores are those of `env_extra` (KWALIBOT_TRACKER_URL, KWALIBOT_REDIS_URL), else the cluster's defaults.
    """
    port, action_port, web_port = free_port(), free_port(), free_port()
    log = folder / "cluster.log"
    command = [sys.executable, "-m", "bot.cluster", "--rasa", str(rasa), "--actions", str(actions),
               "--port", str(port), "--action-port", str(action_port), "--web-port", str(web_port),
               "--first-rasa-port", "0", "--first-action-port", "0", "--folder", str(folder)]
    with open(log, "ab") as out:
        process = subprocess.Popen(command, cwd=ROOT, env={**environment(action_port), **(env_extra or {})},
                                   stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + timeout
        while not ((folder / "state.json").exists() and cluster_state(folder)["ready"]):
            if process.poll() is not None:
                raise RuntimeError(f"the cluster exited with {process.returncode} before it was ready; see {log}:\n"
                                   + log.read_text()[-3000:])
            if time.monotonic() > deadline:
                raise TimeoutError(f"the cluster was not ready within {timeout:.0f} s; see {log}")
            time.sleep(0.5)
        yield {"port": port, "folder": folder, "log": log, "process": process}
    finally:
        stop(process, timeout=90)
