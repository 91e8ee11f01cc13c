"""kwalibot as a cluster on this machine: N Rasa replicas and M action servers behind nginx.

    python -m bot.cluster [--rasa 2] [--actions 2] [--port 5005] [--action-port 5055] [--web-port 8000]
    make cluster RASA=3 ACTIONS=2

Clients use the balancer exactly as they use `make run`'s Rasa server: http://localhost:5005
(`/webhooks/…` for REST, Slack and Teams, `/socket.io/` for the widget), and the chat page is there too
(and on --web-port), its widget pointed at the balancer. Behind it:

- the Rasa replicas on 127.0.0.1:5105, 5106, … (--first-rasa-port), no sticky sessions for REST and
  the webhooks: they share the conversations in PostgreSQL (KWALIBOT_TRACKER_URL, default
  postgresql://postgres@127.0.0.1:5432/kwalibot, the database created when missing) and the
  per-conversation lock and the channels' redelivery memory in Redis (KWALIBOT_REDIS_URL, default
  redis://127.0.0.1:6379); socket.io alone sticks to a replica by client address;
- the action servers on 127.0.0.1:5155, 5156, … (--first-action-port), all behind one nginx upstream
  on 127.0.0.1:5055 that every replica calls: a dead action server is left out for all replicas at
  once, and a call it dropped is asked again of another (an action only reads), so killing one
  costs no answer. With one action server per replica, its replica would apologise for every
  message until the action server was back.

Every process is a child of bot/supervisor.py: one that dies is started again within seconds (the
log says which and why), and Ctrl-C or SIGTERM stops them all. The cluster is ready when every
child's /ready answers ("all ready" in the log). Written to --folder (var/cluster/): nginx.conf
(from bot/nginx.conf.template), the endpoints file, state.json (pids, ports, starts, readiness),
a log per child, nginx-error.log and nginx-access.log.
"""
from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import Mapping

from bot import balancer
from bot.run import MODEL, ROOT, action_command, environment, server_commands, web_command
from bot.supervisor import Child, Supervisor

DEFAULT_TRACKER_URL = "postgresql://postgres@127.0.0.1:5432/kwalibot"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379"
logger = logging.getLogger("kwalibot.cluster")


class SetUpError(Exception):
    """Something the cluster needs is missing; the message says what and how to get it."""


def tracker_url(env: Mapping[str, str]) -> str:
    return env.get("KWALIBOT_TRACKER_URL") or DEFAULT_TRACKER_URL


def redis_url(env: Mapping[str, str]) -> str:
    return env.get("KWALIBOT_REDIS_URL") or DEFAULT_REDIS_URL


def ensure_database(url: str) -> bool:
    """The PostgreSQL database of `url`, created when it does not exist yet; True when it was created."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import OperationalError

    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql" or not parsed.database:
        raise SetUpError(f"the replicas share their conversations in PostgreSQL; KWALIBOT_TRACKER_URL must be "
                         f"postgresql://user@host/database, not {parsed.render_as_string(hide_password=True)!r}")
    shown = parsed.render_as_string(hide_password=True)
    engine = create_engine(parsed, future=True)
    try:
        with engine.connect():
            return False
    except OperationalError as error:
        if f'database "{parsed.database}" does not exist' not in str(error.orig):
            raise SetUpError(f"PostgreSQL does not answer at {shown}: {str(error.orig).strip()}") from None
    finally:
        engine.dispose()
    # Created from the server's maintenance database, like `createdb` does.
    admin = create_engine(parsed.set(database="postgres"), future=True, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            quoted = '"' + parsed.database.replace('"', '""') + '"'
            conn.execute(text(f"CREATE DATABASE {quoted}"))
    except OperationalError as error:
        raise SetUpError(f"cannot create the database of {shown}: {str(error.orig).strip()}") from None
    finally:
        admin.dispose()
    return True


def check_redis(url: str) -> None:
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=3)
    try:
        client.ping()
    except redis.RedisError as error:
        raise SetUpError(f"Redis does not answer at {url} (KWALIBOT_REDIS_URL): {error}") from None
    finally:
        client.close()


def ports(first: int, count: int) -> list[int]:
    """`count` consecutive ports from `first`; `first` 0: any free ports."""
    if first:
        return list(range(first, first + count))
    from bot.servers import free_port

    return [free_port() for _ in range(count)]


def children(args: argparse.Namespace, nginx: str, env: dict) -> list[Child]:
    """The action servers, the Rasa replicas, the chat page and nginx, in the order they start."""
    folder = args.folder
    rasa_ports, action_ports = ports(args.first_rasa_port, args.rasa), ports(args.first_action_port, args.actions)
    result = []
    for i, port in enumerate(action_ports, 1):
        result.append(Child(f"actions-{i}", action_command(port), env={**env, "KWALIBOT_ACTION_HOST": "127.0.0.1"},
                            cwd=ROOT, log=folder / f"actions-{i}.log", port=port,
                            ready_url=f"http://127.0.0.1:{port}/ready"))
    for i, port in enumerate(rasa_ports, 1):
        # Rasa calls the action servers' balancer; its endpoints file is written into the folder.
        _, command = server_commands(port, args.action_port, env=env, endpoints_folder=folder)
        command[command.index("--interface") + 1] = "127.0.0.1"  # reached through nginx only
        result.append(Child(f"rasa-{i}", command, env=env, cwd=ROOT,
                            log=folder / f"rasa-{i}.log", port=port, ready_url=f"http://127.0.0.1:{port}/ready"))
    # The page announces the balancer as the widget's server (unless KWALIBOT_PUBLIC_RASA_URL says otherwise).
    result.append(Child("web", web_command(args.web_port, args.port), env=env, cwd=ROOT, log=folder / "web.log",
                        port=args.web_port, ready_url=f"http://127.0.0.1:{args.web_port}/health"))
    config = balancer.write_config(folder, args.port, args.action_port, args.web_port, rasa_ports, action_ports)
    balancer.check(nginx, config)
    result.append(Child("nginx", balancer.command(nginx, config), cwd=folder, log=folder / "nginx.log",
                        port=args.port, ready_url=f"http://127.0.0.1:{args.port}/nginx-ready"))
    return result


def arguments(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rasa", type=int, default=2, help="Rasa replicas (default 2)")
    parser.add_argument("--actions", type=int, default=2, help="action servers (default 2)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("KWALIBOT_RASA_PORT", 5005)),
                        help="the balancer: REST, webhooks, socket.io and the chat page (default 5005)")
    parser.add_argument("--action-port", type=int, default=int(os.environ.get("KWALIBOT_ACTION_PORT", 5055)),
                        help="the action servers' balancer on 127.0.0.1, Rasa's action endpoint (default 5055)")
    parser.add_argument("--web-port", type=int, default=int(os.environ.get("KWALIBOT_WEB_PORT", 8000)))
    parser.add_argument("--first-rasa-port", type=int, default=5105, help="replica i listens on this + i - 1 (0: any)")
    parser.add_argument("--first-action-port", type=int, default=5155, help="the same for the action servers")
    parser.add_argument("--folder", type=Path, default=ROOT / "var" / "cluster",
                        help="nginx.conf, logs and state.json (default var/cluster)")
    args = parser.parse_args(argv)
    if args.rasa < 1 or args.actions < 1:
        parser.error("at least one Rasa replica and one action server")
    args.folder = args.folder.resolve()
    return args


def main(argv=None) -> int:
    args = arguments(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    env = environment(args.action_port)
    try:
        nginx = balancer.nginx_binary()
        if nginx is None:
            raise SetUpError("nginx is not installed: `make nginx` installs Debian's package (as root), "
                             "or: sudo apt-get install nginx")
        if not MODEL.exists():
            raise SetUpError(f"no trained model at {MODEL}: run `make train` first")
        env.update(KWALIBOT_TRACKER_URL=tracker_url(env), KWALIBOT_REDIS_URL=redis_url(env))
        if ensure_database(env["KWALIBOT_TRACKER_URL"]):
            logger.info("created the conversations' database of %s", env["KWALIBOT_TRACKER_URL"])
        check_redis(env["KWALIBOT_REDIS_URL"])
        args.folder.mkdir(parents=True, exist_ok=True)
        processes = children(args, nginx, env)
    except (SetUpError, RuntimeError) as error:
        print(f"cannot start the cluster: {error}", file=sys.stderr)
        return 1
    logger.info("%d Rasa replicas and %d action servers behind http://localhost:%d (chat page there and on :%d); "
                "logs in %s", args.rasa, args.actions, args.port, args.web_port, args.folder)
    return Supervisor(processes, state_file=args.folder / "state.json").run()


if __name__ == "__main__":
    sys.exit(main())
