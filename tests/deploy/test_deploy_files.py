"""deploy/ checked against the code, without a container runtime (nginx: tests/deploy/test_nginx.py).

Every file parses; every variable the files set is one the code (or Rasa) reads and the README lists;
ports, probe paths and commands are the ones the code serves and runs; the action server and the chat
page are started as their containers start them and their probes asked.
"""
import json
import re
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from bot import container
from bot.endpoints import ROOT
from tests.deploy.files import DEPLOY, K8S, PORTS, compose, example_env, k8s_env, manifests, pods, service_env

CODE = [p for folder in ("bot", "actions", "knowledge", "questions") for p in (ROOT / folder).rglob("*.py")]
SITE = Path(yaml.__file__).resolve().parent.parent  # the environment's site-packages
# What every container of the project image runs: compose service / Kubernetes component -> bot.container's name
SERVERS = {"rasa": "rasa", "actions": "actions", "web": "web", "knowledge": "knowledge", "purge": "purge"}


# -------------------------------------------------------------------------------- every file parses

def test_deploy_holds_exactly_the_files_this_test_checks():
    assert sorted(str(p.relative_to(DEPLOY)) for p in DEPLOY.rglob("*") if p.is_file()) == [
        "Dockerfile", "Dockerfile.dockerignore", "compose.yaml", "example.env",
        "kubernetes/actions.yaml", "kubernetes/config.yaml", "kubernetes/ingress.yaml",
        "kubernetes/knowledge-job.yaml", "kubernetes/kustomization.yaml", "kubernetes/namespace.yaml",
        "kubernetes/purge-cronjob.yaml", "kubernetes/rasa.yaml", "kubernetes/web.yaml", "nginx.conf",
        "systemd/kwalibot-purge.service", "systemd/kwalibot-purge.timer"]


def test_the_yaml_files_parse_and_kustomize_lists_every_manifest():
    assert set(compose()["services"]) == {"postgres", "redis", "knowledge", "actions", "rasa", "web", "nginx"}
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    assert sorted(kustomization["resources"]) == sorted(p.name for p in K8S.glob("*.yaml")
                                                        if p.name != "kustomization.yaml")
    assert sorted((d["kind"], d["metadata"]["name"]) for d in manifests()) == [
        ("ConfigMap", "kwalibot-config"), ("CronJob", "kwalibot-purge"), ("Deployment", "kwalibot-actions"), ("Deployment", "kwalibot-rasa"),
        ("Deployment", "kwalibot-web"), ("Ingress", "kwalibot"), ("Ingress", "kwalibot-socketio"),
        ("Job", "kwalibot-knowledge"), ("Namespace", "kwalibot"), ("Secret", "kwalibot-secrets"),
        ("Service", "kwalibot-actions"), ("Service", "kwalibot-rasa"), ("Service", "kwalibot-web")]


def test_the_dockerfile_builds_from_the_projects_pins_on_python_3_10_and_runs_bot_container():
    lines = [line for line in re.sub(r"\\\n", " ", (DEPLOY / "Dockerfile").read_text()).splitlines()
             if line.strip() and not line.startswith("#")]
    instructions = [(line.split()[0], line.split(None, 1)[1]) for line in lines]
    assert re.fullmatch(r"python:3\.10\.\d+-slim-\w+", dict(instructions)["FROM"])
    assert ("COPY", "requirements.txt constraints.txt Makefile .python-version ./") in instructions
    runs = " ".join(arg for op, arg in instructions if op == "RUN")
    assert "make setup PYTHON=/usr/local/bin/python3.10" in runs and "make train" in runs
    makefile = (ROOT / "Makefile").read_text()
    assert "-r requirements.txt -c constraints.txt" in makefile and re.search(r"^train:", makefile, re.M)
    assert dict(instructions)["WORKDIR"] == "/app" and dict(instructions)["USER"] == "kwalibot"
    assert dict(instructions)["ENTRYPOINT"] == '["/app/.venv/bin/python", "-m", "bot.container"]'
    assert dict(instructions)["CMD"] == '["rasa"]'
    ignored = (DEPLOY / "Dockerfile.dockerignore").read_text().split()
    assert {".venv", "var", "models", "tests", "data/nlu/generated", ".git"} <= set(ignored)


# -------------------------------------------------------------------------------- variables

def code_text() -> str:
    return "\n".join(p.read_text() for p in CODE)


def deploy_variables() -> dict:
    """Every variable a kwalibot container gets from deploy/: name -> where it is set."""
    found = {}
    for name, service in compose()["services"].items():
        if service.get("image") == "kwalibot:latest":
            for var in service.get("environment") or {}:
                found.setdefault(var, f"compose {name}")
    for var in k8s_env():
        found.setdefault(var, "kubernetes config.yaml")
    for var in example_env():
        found.setdefault(var, "example.env")
    return found


def test_every_kwalibot_variable_the_deploy_files_set_is_read_by_the_code():
    code = code_text()
    unread = {var: where for var, where in deploy_variables().items()
              if var.startswith("KWALIBOT_") and f'"{var}"' not in code and f"'{var}'" not in code}
    assert unread == {}


def test_every_other_variable_is_rasas_own_or_compose_s():
    """SQL_POOL_SIZE and the like are read by Rasa itself; the rest only fill in compose.yaml."""
    rasa_source = "\n".join(p.read_text(errors="ignore") for p in (SITE / "rasa").rglob("*.py"))
    others = {var: where for var, where in deploy_variables().items() if not var.startswith("KWALIBOT_")}
    compose_text = (DEPLOY / "compose.yaml").read_text()
    for var, where in others.items():
        assert f'"{var}"' in rasa_source or "${" + var in compose_text, (var, where)
    assert {v for v in others if "${" + v in compose_text} == {"POSTGRES_PASSWORD", "HTTP_PORT"}


def test_the_readme_lists_every_kwalibot_variable_of_the_code_and_tests():
    quoted = r"[\"'](KWALIBOT_[A-Z0-9_]*[A-Z0-9])[\"']"  # a name in a string: a variable, not a constant's name
    names = set(re.findall(quoted, code_text()))
    names |= {n for p in (ROOT / "tests").rglob("*.py") if p != Path(__file__) for n in re.findall(quoted, p.read_text())}
    assert {"KWALIBOT_DB_URL", "KWALIBOT_ACTION_URL", "KWALIBOT_TEST_PG_URL"} <= names
    readme = (ROOT / "README.md").read_text()
    table = "\n".join(line for line in readme.splitlines() if line.startswith("| `"))
    assert sorted(n for n in names if f"`{n}`" not in table) == []


# -------------------------------------------------------------------------------- ports, URLs, commands

def port_argument(line: list[str]) -> int:
    return int(line[line.index("--port") + 1])


@pytest.mark.parametrize("server", ["rasa", "actions", "web"])
def test_compose_ports_healthchecks_and_commands_are_the_codes(server, tmp_path):
    service = compose()["services"][server]
    env = service_env(server)
    line = container.command(service["command"][0], env, tmp_path)
    assert port_argument(line) == PORTS[server] and service["expose"] == [str(PORTS[server])]
    check = " ".join(service["healthcheck"]["test"])
    assert re.search(r"http://127\.0\.0\.1:(\d+)(/\w+)", check).groups() == \
        (str(PORTS[server]), {"rasa": "/ready", "actions": "/ready", "web": "/health"}[server])


def test_rasa_in_compose_calls_the_action_service_and_uses_the_shared_stores(tmp_path):
    env = service_env("rasa")
    line = container.command("rasa", env, tmp_path)
    endpoints = yaml.safe_load(Path(line[line.index("--endpoints") + 1]).read_text())
    action = urlsplit(endpoints["action_endpoint"]["url"])
    assert (action.hostname, action.port, action.path) == ("actions", PORTS["actions"], "/webhook")
    assert action.hostname in compose()["services"]
    assert endpoints["tracker_store"]["url"] == env["KWALIBOT_TRACKER_URL"] == \
        f"postgresql://kwalibot:{example_env()['POSTGRES_PASSWORD']}@postgres:5432/kwalibot"
    assert endpoints["lock_store"] == {"type": "bot.lock_store.AtomicRedisLockStore", "url": "redis", "port": 6379,
                                       "db": 1, "use_ssl": False}
    assert service_env("actions")["KWALIBOT_DB_URL"] == env["KWALIBOT_DB_URL"] == service_env("knowledge")["KWALIBOT_DB_URL"]
    nginx = (DEPLOY / "nginx.conf").read_text()
    assert re.findall(r"server (\w+):(\d+)", nginx) == [("rasa", "5005"), ("rasa", "5005"), ("web", "8000")]


def test_compose_services_depend_on_services_that_exist_and_mount_files_that_exist():
    services = compose()["services"]
    for name, service in services.items():
        assert set(service.get("depends_on") or {}) <= set(services) - {name}, name
        if service.get("image") == "kwalibot:latest":
            assert service["command"][0] in container.SERVERS
            assert (DEPLOY / service["build"]["context"] / service["build"]["dockerfile"]).resolve() == \
                DEPLOY / "Dockerfile"
        else:
            assert not service["image"].endswith(":latest") and ":" in service["image"], name
    assert services["nginx"]["volumes"] == ["./nginx.conf:/etc/nginx/nginx.conf:ro"]
    assert services["nginx"]["ports"] == ["${HTTP_PORT:-8080}:80"]
    assert [n for n, s in services.items() if s.get("ports")] == ["nginx"]  # nothing else is published


@pytest.mark.parametrize("server", sorted(container.SERVERS))
def test_every_container_command_names_a_module_or_program_that_exists(server, tmp_path):
    import importlib.util

    line = container.command(server, {}, tmp_path)
    assert Path(line[0]).exists()
    if "-m" in line:
        assert importlib.util.find_spec(line[line.index("-m") + 1]) is not None


def test_bot_container_refuses_an_unknown_server():
    assert container.main(["everything"]) == 2
    with pytest.raises(ValueError, match="unknown server 'worker'"):
        container.command("worker", {})


def test_kubernetes_objects_fit_together(tmp_path):
    docs = manifests()
    by_kind = {}
    for d in docs:
        by_kind.setdefault(d["kind"], {})[d["metadata"]["name"]] = d
    env = k8s_env()
    for component, pod in pods():
        # Service links would set KWALIBOT_RASA_PORT=tcp://… (the Service kwalibot-rasa) in every pod
        assert pod["enableServiceLinks"] is False, component
        [c] = pod["containers"]
        assert c["args"] == [SERVERS[component]] and c["image"] == "kwalibot"
        assert {next(iter(ref.values()))["name"] for ref in c["envFrom"]} <= {"kwalibot-config", "kwalibot-secrets"}
        if component in PORTS:
            assert c["ports"] == [{"name": "http", "containerPort": PORTS[component]}]
            assert port_argument(container.command(component, env, tmp_path)) == PORTS[component]
    for name, service in by_kind["Service"].items():
        [deployment] = [d for d in by_kind["Deployment"].values()
                        if d["spec"]["template"]["metadata"]["labels"] == service["spec"]["selector"]]
        assert deployment["spec"]["selector"]["matchLabels"] == service["spec"]["selector"]
        component = service["spec"]["selector"]["app.kubernetes.io/component"]
        assert service["spec"]["ports"] == [{"name": "http", "port": PORTS[component], "targetPort": "http"}]
    action = urlsplit(env["KWALIBOT_ACTION_URL"])
    assert (action.hostname, action.port, action.path) == ("kwalibot-actions", PORTS["actions"], "/webhook")
    assert action.hostname in by_kind["Service"]


def test_the_ingress_exposes_the_public_paths_and_sticks_for_socketio_only():
    ingresses = {d["metadata"]["name"]: d for d in manifests() if d["kind"] == "Ingress"}
    routes = {}
    for name, ingress in ingresses.items():
        for rule in ingress["spec"]["rules"]:
            for path in rule["http"]["paths"]:
                routes[(path["path"], path["pathType"])] = (name, path["backend"]["service"]["name"])
    assert routes == {
        ("/webhooks/rest/webhook", "Exact"): ("kwalibot", "kwalibot-rasa"),
        ("/webhooks/slack/webhook", "Exact"): ("kwalibot", "kwalibot-rasa"),
        ("/webhooks/botframework/webhook", "Exact"): ("kwalibot", "kwalibot-rasa"),
        ("/", "Exact"): ("kwalibot", "kwalibot-web"),
        ("/embed.js", "Exact"): ("kwalibot", "kwalibot-web"),
        ("/static", "Prefix"): ("kwalibot", "kwalibot-web"),
        ("/socket.io", "Prefix"): ("kwalibot-socketio", "kwalibot-rasa")}
    sticky = {name: sorted(k for k in ingress["metadata"].get("annotations", {})
                           if k.endswith(("/affinity", "/upstream-hash-by")))
              for name, ingress in ingresses.items()}
    assert sticky == {"kwalibot": [], "kwalibot-socketio": ["nginx.ingress.kubernetes.io/upstream-hash-by"]}


def probes() -> set:
    """(component, path, port) of every probe in deploy/: the Kubernetes probes and compose's healthchecks."""
    found = set()
    for component, pod in pods():
        for c in pod["containers"]:
            for kind in ("startupProbe", "readinessProbe", "livenessProbe"):
                if kind in c:
                    found.add((component, c[kind]["httpGet"]["path"], PORTS[component]))
    for name in PORTS:
        path = re.search(r"http://127\.0\.0\.1:\d+(/\w*)", " ".join(compose()["services"][name]["healthcheck"]["test"]))
        found.add((name, path.group(1), PORTS[name]))
    return found


@pytest.fixture(scope="module")
def rasa_routes():
    """The paths of the Rasa server as `make run` configures it (kwalibot's channels, the HTTP API), read
    from the Sanic app Rasa builds, without loading a model or listening."""
    from rasa.core import run

    app = run.configure_app(run.create_http_input_channels(None, str(ROOT / "credentials.yml")), enable_api=True)
    return {"/" + route.path for route in app.router.routes}


def test_probe_paths_are_served_by_the_code(tmp_path, rasa_routes):
    """Rasa's from its route table; the action server and the chat page started as their containers
    start them (python -m bot.container …, with compose's variables) and asked."""
    import sys

    from bot.run import environment
    from bot.servers import _server, free_port

    assert probes() == {("actions", "/health", 5055), ("actions", "/ready", 5055), ("rasa", "/", 5005),
                        ("rasa", "/ready", 5005), ("web", "/health", 8000)}
    assert {path for component, path, _ in probes() if component == "rasa"} <= rasa_routes
    ports = {"actions": free_port(), "web": free_port()}
    envs = {name: {**environment(0), **service_env(name), f"KWALIBOT_{'ACTION' if name == 'actions' else 'WEB'}_PORT":
                   str(ports[name])} for name in ports}
    del envs["actions"]["KWALIBOT_DB_URL"]  # compose's host "postgres" is not here: the project's own knowledge base
    answers = {}
    with _server([sys.executable, "-m", "bot.container", "actions"], envs["actions"],
                 f"http://127.0.0.1:{ports['actions']}/health", 120, tmp_path / "actions.log"), \
            _server([sys.executable, "-m", "bot.container", "web"], envs["web"],
                    f"http://127.0.0.1:{ports['web']}/health", 30, tmp_path / "web.log"):
        for component, path, _ in sorted(p for p in probes() if p[0] != "rasa"):
            answers[(component, path)] = wait_for_200(f"http://127.0.0.1:{ports[component]}{path}")
        embed = wait_for_200(f"http://127.0.0.1:{ports['web']}/embed.js")
    assert json.loads(answers[("actions", "/ready")])["status"] == "ready"
    assert json.loads(answers[("actions", "/health")])["status"] == "ok" and answers[("web", "/health")] == '{"status": "ok"}'
    # the widget connects to nginx's public address, not to a Rasa port
    assert f'"socketUrl": "{example_env()["KWALIBOT_PUBLIC_RASA_URL"]}"' in embed


def wait_for_200(url: str, timeout: float = 90) -> str:
    """The body of `url` once it answers 200 (/ready says 503 while the knowledge base loads)."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=10) as r:
                return r.read().decode()
        except urllib.error.HTTPError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def test_the_public_paths_are_rasas_channels(rasa_routes):
    """What nginx and the Ingress pass on to Rasa exists there; what they keep inside exists too."""
    nginx = (DEPLOY / "nginx.conf").read_text()
    webhooks = re.search(r"\^/webhooks/\(([a-z|]+)\)/webhook\$", nginx).group(1).split("|")
    webhooks += re.findall(r"location = /webhooks/([a-z]+)/webhook\b", nginx)
    public = {f"/webhooks/{name}/webhook" for name in webhooks} | {"/socket.io"}
    ingress = {path["path"] for d in manifests() if d["kind"] == "Ingress" for rule in d["spec"]["rules"]
               for path in rule["http"]["paths"] if path["backend"]["service"]["name"] == "kwalibot-rasa"}
    assert public == ingress == {p for p in rasa_routes if p.endswith("/webhook")} | {"/socket.io"}
    assert {"/model/parse", "/conversations/<conversation_id:path>/tracker", "/metrics", "/ready", "/status"} <= \
        rasa_routes - public


def test_the_daily_purge_runs_the_privacy_command_in_systemd_and_kubernetes():
    service = (DEPLOY / "systemd" / "kwalibot-purge.service").read_text()
    assert re.search(r"^ExecStart=\S+/python -m bot\.privacy purge$", service, re.M)
    timer = (DEPLOY / "systemd" / "kwalibot-purge.timer").read_text()
    # no Unit= line: a timer starts the service of its own name
    assert re.search(r"^OnCalendar=", timer, re.M) and not re.search(r"^Unit=", timer, re.M)
    [cron] = [d for d in manifests() if d["kind"] == "CronJob"]
    [container] = cron["spec"]["jobTemplate"]["spec"]["template"]["spec"]["containers"]
    from bot.container import command

    assert container["args"] == ["purge"] and command("purge")[1:] == ["-m", "bot.privacy", "purge"]
