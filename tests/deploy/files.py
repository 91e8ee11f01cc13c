"""What tests/deploy reads: the files of deploy/, parsed, and the environment each container gets."""
import re

import yaml

from bot.endpoints import ROOT

DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "kubernetes"
PORTS = {"rasa": 5005, "actions": 5055, "web": 8000}  # the code's defaults (bot/run.py, bot/web.py, bot/container.py)


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
    """(component, pod spec) of every Deployment, Job and CronJob."""
    def template(d):
        return (d["spec"]["jobTemplate"]["spec"] if d["kind"] == "CronJob" else d["spec"])["template"]["spec"]
    return [(d["metadata"]["labels"]["app.kubernetes.io/component"], template(d))
            for d in manifests() if d["kind"] in ("Deployment", "Job", "CronJob")]


def k8s_env() -> dict:
    [config] = [d for d in manifests() if d["kind"] == "ConfigMap"]
    [secret] = [d for d in manifests() if d["kind"] == "Secret"]
    return {**config["data"], **secret["stringData"]}
