"""nginx in front of the cluster's Rasa replicas and action servers (used by bot/cluster.py).

`write_config` fills bot/nginx.conf.template in and writes `<folder>/nginx.conf`; `command` runs
nginx with it in the foreground (`-g 'daemon off;'`) with the folder as its prefix, so it needs no
root and leaves its pid and logs (nginx-error.log, nginx-access.log) there.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Optional

TEMPLATE = Path(__file__).with_name("nginx.conf.template")
# Debian's package puts it here; sbin is not on every user's PATH.
DEBIAN_NGINX = Path("/usr/sbin/nginx")
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


def nginx_binary() -> Optional[str]:
    """The nginx program: on PATH, else Debian's; None when neither is installed."""
    found = shutil.which("nginx")
    if found:
        return found
    return str(DEBIAN_NGINX) if DEBIAN_NGINX.exists() else None


def servers(ports: list[int]) -> str:
    """An upstream's server lines; a server that refused a connection is skipped for 5 s."""
    return "\n".join(f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;" for port in ports)


def render(template: str, values: dict) -> str:
    """`{{name}}` placeholders filled in (nginx's own `$variables` and braces are left alone)."""
    missing = sorted(set(_PLACEHOLDER.findall(template)) - set(values))
    if missing:
        raise KeyError(f"the nginx template needs {', '.join(missing)}")
    return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), template)


def write_config(folder: Path, port: int, action_port: int, web_port: int,
                 rasa_ports: list[int], action_ports: list[int]) -> Path:
    """`folder`/nginx.conf: the public balancer on `port`, the action servers' on 127.0.0.1:`action_port`."""
    if not rasa_ports or not action_ports:
        raise ValueError("the balancer needs at least one Rasa replica and one action server")
    folder = folder.resolve()
    for temp in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (folder / "nginx-temp" / temp).mkdir(parents=True, exist_ok=True)
    text = render(TEMPLATE.read_text(), {
        "folder": folder, "port": port, "action_port": action_port, "web_port": web_port,
        "rasa_servers": servers(rasa_ports), "action_servers": servers(action_ports)})
    target = folder / "nginx.conf"
    target.write_text(text)
    return target


def command(nginx: str, config: Path) -> list[str]:
    """nginx in the foreground with `config`; -e: even the messages before the config is read go to the folder."""
    folder = config.parent
    return [nginx, "-c", str(config), "-p", str(folder), "-e", str(folder / "nginx-error.log"), "-g", "daemon off;"]


def check(nginx: str, config: Path) -> None:
    """`nginx -t` on the written config: a mistake is reported before anything starts."""
    result = subprocess.run([*command(nginx, config)[:-2], "-t", "-q"], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"nginx rejects {config}: {(result.stderr or result.stdout).strip()}")
