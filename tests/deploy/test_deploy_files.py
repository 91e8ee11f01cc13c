"""deploy/ checked against the code, without a container runtime.

Every file parses; nginx accepts nginx.conf and, run for real in front of small stand-in servers,
passes on the public surface only (sticky for socket.io alone); every variable the files set is one
the code (or Rasa) reads and the README lists; ports, probe paths and commands are the ones the code
serves and runs; probe paths are asked of the real servers.
"""
import json
import re
import shutil
import subprocess
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from bot import container
from bot.endpoints import ROOT

DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "kubernetes"
CODE = [p for folder in ("bot", "actions", "knowledge", "questions") for p in (ROOT / folder).rglob("*.py")]
SITE = Path(yaml.__file__).resolve().parent.parent  # the environment's site-packages
# What every container of the project image runs: compose service / Kubernetes component -> bot.container's name
SERVERS = {"rasa": "rasa", "actions": "actions", "web": "web", "knowledge": "knowledge"}


def compose():
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text())


def manifests():
    return [doc for path in sorted(K8S.glob("*.yaml")) if path.name != "kustomization.yaml"
            for doc in yaml.safe_load_all(path.read_text()) if doc]


def example_env() -> dict:
    """deploy/example.env's settings, the commented ones too (their value: a stand-in)."""
    found = {}
    for line in (DEPLOY / "example.env").read_text().splitlines():
        m = re.fullmatch(r"#? ?([A-Z][A-Z0-9_]*)=(.*)", line.strip())
        if m:
            found[m.group(1)] = m.group(2) or "stand-in"
    return found


def interpolate(value, env: dict):
    """Compose's ${VAR}, ${VAR:-default} and ${VAR:?error} with `env` (example.env's values)."""
    if not isinstance(value, str):
        return value

    def one(m):
        name, op, arg = m.group(1), m.group(2), m.group(3)
        if env.get(name):
            return env[name]
        if op == ":?":
            raise KeyError(f"{name}: {arg}")
        return arg or ""
    return re.sub(r"\$\{([A-Z0-9_]+)(?:(:[-?])([^}]*))?\}", one, value)


def service_env(name: str) -> dict:
    """The environment compose gives a service, as its container sees it (unset values left out)."""
    env = example_env()
    settings = compose()["services"][name].get("environment") or {}
    return {k: interpolate(v, env) for k, v in settings.items() if v is not None}


def pods():
    """(component, pod spec) of every Deployment and Job."""
    return [(d["metadata"]["labels"]["app.kubernetes.io/component"], d["spec"]["template"]["spec"])
            for d in manifests() if d["kind"] in ("Deployment", "Job")]


def k8s_env() -> dict:
    [config] = [d for d in manifests() if d["kind"] == "ConfigMap"]
    [secret] = [d for d in manifests() if d["kind"] == "Secret"]
    return {**config["data"], **secret["stringData"]}


def nginx_blocks(text: str) -> list:
    """nginx.conf as nested (directive, args, children) — a parse strict enough to catch a missing ; or }."""
    tokens = re.findall(r'"[^"]*"|\'[^\']*\'|[{};]|[^\s{};]+', re.sub(r"#[^\n]*", "", text))
    stack, current, words = [], [], []
    for token in tokens:
        if token == ";":
            assert words, "an empty directive"
            current.append((words[0], words[1:], None))
            words = []
        elif token == "{":
            assert words, "a block without a name"
            block = (words[0], words[1:], [])
            current.append(block)
            stack.append(current)
            current, words = block[2], []
        elif token == "}":
            assert not words and stack, f"unbalanced }} or a directive without ; before it: {words}"
            current = stack.pop()
        else:
            words.append(token)
    assert not words and not stack, "nginx.conf ends inside a directive or a block"
    return current


def find(blocks, name):
    for directive in blocks:
        if directive[0] == name:
            yield directive
        if directive[2]:
            yield from find(directive[2], name)


# -------------------------------------------------------------------------------- every file parses

def test_deploy_holds_exactly_the_files_this_test_checks():
    assert sorted(str(p.relative_to(DEPLOY)) for p in DEPLOY.rglob("*") if p.is_file()) == [
        "Dockerfile", "Dockerfile.dockerignore", "compose.yaml", "example.env",
        "kubernetes/actions.yaml", "kubernetes/config.yaml", "kubernetes/ingress.yaml",
        "kubernetes/knowledge-job.yaml", "kubernetes/kustomization.yaml", "kubernetes/namespace.yaml",
        "kubernetes/rasa.yaml", "kubernetes/web.yaml", "nginx.conf"]


def test_the_yaml_files_parse_and_kustomize_lists_every_manifest():
    assert set(compose()["services"]) == {"postgres", "redis", "knowledge", "actions", "rasa", "web", "nginx"}
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    assert sorted(kustomization["resources"]) == sorted(p.name for p in K8S.glob("*.yaml")
                                                        if p.name != "kustomization.yaml")
    assert sorted((d["kind"], d["metadata"]["name"]) for d in manifests()) == [
        ("ConfigMap", "kwalibot-config"), ("Deployment", "kwalibot-actions"), ("Deployment", "kwalibot-rasa"),
        ("Deployment", "kwalibot-web"), ("Ingress", "kwalibot"), ("Ingress", "kwalibot-socketio"),
        ("Job", "kwalibot-knowledge"), ("Namespace", "kwalibot"), ("Secret", "kwalibot-secrets"),
        ("Service", "kwalibot-actions"), ("Service", "kwalibot-rasa"), ("Service", "kwalibot-web")]


def test_nginx_conf_is_well_formed_and_routes_only_the_public_paths():
    blocks = nginx_blocks((DEPLOY / "nginx.conf").read_text())
    locations = sorted(" ".join(args) for _, args, _ in find(blocks, "location"))
    assert locations == ["/", "/socket.io/", "/static/", "= /", "= /embed.js",
                         "~ ^/webhooks/(rest|slack|botframework)/webhook$"]
    upstreams = {args[0]: [d[0] for d in children] for _, args, children in find(blocks, "upstream")}
    # stickiness only for socket.io's upstream
    assert {name: [d for d in ds if d in ("hash", "ip_hash", "sticky")] for name, ds in upstreams.items()} == \
        {"rasa": [], "rasa_socketio": ["hash"], "web": []}


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


# -------------------------------------------------------------------------------- nginx for real

@pytest.fixture(scope="module")
def nginx():
    binary = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if binary is None:
        from tests.conftest import service_missing
        service_missing("nginx is not installed (apt-get install nginx; make nginx)")
    return binary


def test_nginx_accepts_the_config(nginx, tmp_path):
    conf = tmp_path / "nginx.conf"
    # compose's service names do not resolve here: the same config with this machine's address
    conf.write_text(re.sub(r"server (rasa|web):", "server 127.0.0.1:", (DEPLOY / "nginx.conf").read_text()))
    result = subprocess.run([nginx, "-t", "-p", str(tmp_path), "-c", str(conf), "-g", f"pid {tmp_path}/nginx.pid;"],
                            capture_output=True, text=True)
    assert result.returncode == 0 and "syntax is ok" in result.stderr, result.stderr


class StandIn(BaseHTTPRequestHandler):
    """A server behind nginx that answers with its name, the path and the headers nginx sent it."""

    def answer(self):
        body = json.dumps({"backend": self.server.name, "path": self.path, "upgrade": self.headers.get("Upgrade"),
                           "connection": self.headers.get("Connection"),
                           "proto": self.headers.get("X-Forwarded-Proto")}).encode()
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = answer

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def balancer(nginx, tmp_path_factory):
    """deploy/nginx.conf run by the real nginx, with two stand-in Rasa replicas and a stand-in page server."""
    from bot.servers import free_port, wait_until

    folder = tmp_path_factory.mktemp("nginx")
    servers = {}
    for name in ("rasa-a", "rasa-b", "web"):
        server = ThreadingHTTPServer(("127.0.0.1", 0), StandIn)
        server.name = name
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers[name] = server.server_address[1]
    port = free_port()
    text = (DEPLOY / "nginx.conf").read_text()
    text = re.sub(r"server rasa:5005([^;]*);", lambda m: f"server 127.0.0.1:{servers['rasa-a']}{m.group(1)}; "
                  f"server 127.0.0.1:{servers['rasa-b']}{m.group(1)};", text)
    text = text.replace("server web:8000;", f"server 127.0.0.1:{servers['web']};")
    text = text.replace("listen 80;", f"listen 127.0.0.1:{port};")
    assert text.count("127.0.0.1") == 6
    (folder / "nginx.conf").write_text(text)
    log = folder / "nginx.log"
    with open(log, "wb") as out:
        process = subprocess.Popen([nginx, "-p", str(folder), "-c", str(folder / "nginx.conf"),
                                    "-g", f"daemon off; pid {folder}/nginx.pid;"], stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_until(f"http://127.0.0.1:{port}/", process, 30, log)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=20)


def through(port, path, method="GET", headers=None):
    """(status, what the stand-in behind nginx saw, or None when nginx answered itself)."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method, headers=headers or {},
                                     data=b'{"sender": "s", "message": "hoi"}' if method == "POST" else None)
    try:
        with urllib.request.urlopen(request, timeout=10) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as error:
        return error.code, None


@pytest.mark.parametrize("path", ["/model/parse", "/conversations/s/tracker", "/metrics", "/ready", "/status",
                                  "/version", "/health", "/webhooks/rest/", "/webhooks/rest/webhook/x",
                                  "/webhooks/socketio/webhook", "/voorbeeld-school.html"])
def test_nginx_keeps_everything_else_inside(balancer, path):
    assert through(balancer, path) == (404, None)
    assert through(balancer, path, "POST") == (404, None)


def test_nginx_passes_the_public_paths_on_sticky_for_socketio_only(balancer):
    for channel in ("rest", "slack", "botframework"):
        seen = [through(balancer, f"/webhooks/{channel}/webhook", "POST") for _ in range(6)]
        assert {status for status, _ in seen} == {200}
        assert {s["backend"] for _, s in seen} == {"rasa-a", "rasa-b"}, channel  # no stickiness
        assert {(s["path"], s["upgrade"], s["proto"]) for _, s in seen} == {(f"/webhooks/{channel}/webhook", None, "http")}
    polls = [through(balancer, "/socket.io/?EIO=4&transport=polling") for _ in range(6)]
    assert len({s["backend"] for _, s in polls}) == 1 and {s["backend"] for _, s in polls} < {"rasa-a", "rasa-b"}
    status, ws = through(balancer, "/socket.io/?EIO=4&transport=websocket",
                         headers={"Upgrade": "websocket", "Connection": "Upgrade"})
    assert (status, ws["backend"], ws["upgrade"], ws["connection"]) == (200, polls[0][1]["backend"], "websocket", "upgrade")
    for path in ("/", "/embed.js", "/static/kwalibot.css"):
        status, page = through(balancer, path)
        assert (status, page["backend"], page["path"], page["proto"]) == (200, "web", path, "http")
    # behind the school's TLS balancer, embed.js learns the scheme users see
    assert through(balancer, "/embed.js", headers={"X-Forwarded-Proto": "https"})[1]["proto"] == "https"


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

PORTS = {"rasa": 5005, "actions": 5055, "web": 8000}


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
    """Rasa's from its route table; the action server's and the chat page's asked of the real servers."""
    import urllib.request

    from bot.servers import action_server, free_port, web_server

    assert probes() == {("actions", "/health", 5055), ("actions", "/ready", 5055), ("rasa", "/", 5005),
                        ("rasa", "/ready", 5005), ("web", "/health", 8000)}
    assert {path for component, path, _ in probes() if component == "rasa"} <= rasa_routes
    ports = {"actions": free_port(), "web": free_port()}
    answers = {}
    with action_server(ports["actions"], tmp_path / "actions.log"), \
            web_server(ports["web"], 5005, tmp_path / "web.log"):
        for component, path, _ in sorted(p for p in probes() if p[0] != "rasa"):
            with urllib.request.urlopen(f"http://127.0.0.1:{ports[component]}{path}", timeout=10) as r:
                answers[(component, path)] = (r.status, r.read().decode())
    assert answers[("actions", "/ready")][0] == 200 and '"status":"ready"' in answers[("actions", "/ready")][1]
    assert answers[("actions", "/health")][0] == answers[("web", "/health")][0] == 200


def test_the_public_paths_are_rasas_channels(rasa_routes):
    """What nginx and the Ingress pass on to Rasa exists there; what they keep inside exists too."""
    nginx = (DEPLOY / "nginx.conf").read_text()
    webhooks = re.search(r"\^/webhooks/\(([a-z|]+)\)/webhook\$", nginx).group(1).split("|")
    public = {f"/webhooks/{name}/webhook" for name in webhooks} | {"/socket.io"}
    ingress = {path["path"] for d in manifests() if d["kind"] == "Ingress" for rule in d["spec"]["rules"]
               for path in rule["http"]["paths"] if path["backend"]["service"]["name"] == "kwalibot-rasa"}
    assert public == ingress == {p for p in rasa_routes if p.endswith("/webhook")} | {"/socket.io"}
    assert {"/model/parse", "/conversations/<conversation_id:path>/tracker", "/metrics", "/ready", "/status"} <= \
        rasa_routes - public
