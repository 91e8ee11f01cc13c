"""kwalibot's chat page: a small web server for `web/` and the widget loader a school site embeds.

    python -m bot.web [--port 8000] [--rasa-port 5005] [--host 0.0.0.0]
    python -m bot.web --vendor      # refresh web/static/vendor/ from the locked rasa-webchat package

Routes:
  /                 web/index.html, the Dutch chat page
  /<name>.html      other pages directly in web/ (e.g. voorbeeld-school.html, a school page using the embed snippet)
  /static/...       files under web/static/ (the vendored widget, CSS)
  /embed.js         the loader (web/embed.js) with the server-side settings filled in: where the Rasa
                    server is (KWALIBOT_PUBLIC_RASA_URL, default http://<host this page was asked from>:<rasa port>)
                    and where the vendored widget is
  /health           {"status": "ok"}
  /report           the staff report (bot.report) as HTML, only with ?token= or the X-Kwalibot-Staff-Token
                    header equal to KWALIBOT_STAFF_TOKEN (unset: 404, as if there were no such page; wrong: 403)

The widget is `rasa-webchat`'s built file, vendored from the exact package pinned in
web/package-lock.json (see web/static/vendor/VENDORED.json): nothing is loaded from a CDN at
run time and `make run` needs no Node.js.
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import io
import json
import mimetypes
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from functools import lru_cache
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Optional
from urllib.parse import parse_qs, unquote, urlsplit

from bot.channels import wording

ROOT = Path(__file__).resolve().parent.parent
WEB = ROOT / "web"
STATIC = WEB / "static"
VENDOR = STATIC / "vendor"
VENDORED = VENDOR / "VENDORED.json"
PACKAGE = "rasa-webchat"
# The built widget's CSS imports a font from Google's servers: a third-party request from every
# visitor's browser (and a privacy question for a school). Removed when vendoring; Inter falls
# back to the page's sans-serif.
FONT_IMPORT = re.compile(rb"@import url\(https://fonts\.googleapis\.com/[^)]*\);")
_HOSTNAME = re.compile(r"^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])$")


# -- vendoring ------------------------------------------------------------------------------------
def locked_package(web: Path = WEB, package: str = PACKAGE) -> dict:
    """Version and integrity of a package in the lockfile (and the exact pin in package.json)."""
    manifest = json.loads((web / "package.json").read_text())
    pinned = {**manifest.get("devDependencies", {}), **manifest.get("dependencies", {})}[package]
    entry = json.loads((web / "package-lock.json").read_text())["packages"][f"node_modules/{package}"]
    if pinned != entry["version"]:
        raise SystemExit(f"web/package.json pins {package} {pinned!r} but the lockfile has {entry['version']}: "
                         "pin an exact version and run `npm install --package-lock-only` in web/")
    return {"version": entry["version"], "integrity": entry["integrity"]}


def sri(data: bytes, algorithm: str = "sha512") -> str:
    return f"{algorithm}-{base64.b64encode(hashlib.new(algorithm, data).digest()).decode()}"


def locked_files(package: str, *names: str, web: Path = WEB) -> tuple[dict, list[bytes]]:
    """Files of the locked package, fetched with `npm pack` and checked against the lockfile's integrity."""
    locked = locked_package(web, package)
    npm = shutil.which("npm")
    if not npm:
        raise SystemExit(f"npm is needed to refresh the vendored {package} (apt-get install npm); "
                         "serving the page does not need it")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([npm, "pack", f"{package}@{locked['version']}", "--pack-destination", tmp, "--silent"],
                       check=True, cwd=tmp, stdout=subprocess.DEVNULL)
        tarball = next(Path(tmp).glob("*.tgz")).read_bytes()
    algorithm = locked["integrity"].split("-", 1)[0]
    if sri(tarball, algorithm) != locked["integrity"]:
        raise SystemExit(f"the {package} {locked['version']} tarball does not match the lockfile's integrity")
    with tarfile.open(fileobj=io.BytesIO(tarball)) as tar:
        return locked, [tar.extractfile(f"package/{name}").read() for name in names]


def vendor(web: Path = WEB) -> Path:
    """Vendor rasa-webchat's lib/index.js from the locked package."""
    locked, (original, licence) = locked_files(PACKAGE, "lib/index.js", "LICENSE", web=web)
    built, removed = FONT_IMPORT.subn(b"", original)
    VENDOR.mkdir(parents=True, exist_ok=True)
    for old in VENDOR.glob(f"{PACKAGE}-*.js"):
        old.unlink()
    target = VENDOR / f"{PACKAGE}-{locked['version']}.js"
    target.write_bytes(built)
    (VENDOR / f"{PACKAGE}-LICENSE.txt").write_bytes(licence)  # Apache-2.0: the licence travels with the copy
    VENDORED.write_text(json.dumps({
        "package": PACKAGE,
        "version": locked["version"],
        "integrity": locked["integrity"],
        "from": "package/lib/index.js",
        "from_sha256": hashlib.sha256(original).hexdigest(),
        "file": target.name,
        "sha256": hashlib.sha256(built).hexdigest(),
        "changes": f"removed {removed} CSS @import of fonts.googleapis.com (no third-party request at run time)",
        "refresh": "python -m bot.web --vendor (make webchat-vendor) after changing web/package.json and the lockfile",
    }, indent=2) + "\n")
    return target


@lru_cache(maxsize=1)
def vendored() -> dict:
    return json.loads(VENDORED.read_text())


# -- serving --------------------------------------------------------------------------------------
def public_rasa_url(host_header: Optional[str], rasa_port: int, forwarded_proto: Optional[str] = None) -> str:
    """Where browsers reach the Rasa server: KWALIBOT_PUBLIC_RASA_URL, else the page's host on the Rasa port."""
    configured = os.environ.get("KWALIBOT_PUBLIC_RASA_URL", "").strip()
    if configured:
        return configured.rstrip("/")
    hostname = urlsplit(f"//{host_header}").hostname if host_header else None
    if hostname and ":" in hostname:
        hostname = f"[{hostname}]"
    if not hostname or not _HOSTNAME.match(hostname):
        hostname = "localhost"
    scheme = forwarded_proto if forwarded_proto in ("http", "https") else "http"
    return f"{scheme}://{hostname}:{rasa_port}"


def embed_script(socket_url: str) -> bytes:
    # `erased`: the reply that confirms "verwijder mijn gesprek", on which the widget forgets its browser copy too
    settings = {"socketUrl": socket_url, "widget": f"/static/vendor/{vendored()['file']}",
                "erased": wording.ERASE_DONE}
    # JSON inside JavaScript: `<` escaped so no value can close a script element.
    text = (WEB / "embed.js").read_text().replace("__KWALIBOT_SETTINGS__", json.dumps(settings).replace("<", "\\u003c"))
    return text.encode()


NOT_FOUND = ("<!doctype html><html lang=nl><meta charset=utf-8><title>Niet gevonden</title>"
             "<p>Deze pagina bestaat niet. <a href=\"/\">Naar kwalibot</a></p></html>").encode()


class PageHandler(BaseHTTPRequestHandler):
    server_version = "kwalibot-web"
    rasa_port = 5005

    def do_HEAD(self) -> None:
        self.do_GET(body=False)

    def do_GET(self, body: bool = True) -> None:
        path = unquote(urlsplit(self.path).path)
        if path == "/health":
            return self._send(HTTPStatus.OK, b'{"status": "ok"}', "application/json", body)
        if path == "/report":
            return self._report(body)
        if path == "/embed.js":
            url = public_rasa_url(self.headers.get("Host"), self.rasa_port, self.headers.get("X-Forwarded-Proto"))
            return self._send(HTTPStatus.OK, embed_script(url), "text/javascript; charset=utf-8", body,
                              {"Cache-Control": "no-cache", "Access-Control-Allow-Origin": "*"})
        file = self._file(path)
        if file is None:
            return self._send(HTTPStatus.NOT_FOUND, NOT_FOUND, "text/html; charset=utf-8", body)
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/javascript", "application/json"):
            kind += "; charset=utf-8"
        cache = "public, max-age=86400" if file.parent == VENDOR else "no-cache"
        return self._send(HTTPStatus.OK, file.read_bytes(), kind, body, {"Cache-Control": cache})

    def _report(self, body: bool) -> None:
        expected = os.environ.get("KWALIBOT_STAFF_TOKEN", "")
        query = parse_qs(urlsplit(self.path).query)
        given = self.headers.get("X-Kwalibot-Staff-Token") or (query.get("token") or [""])[0]
        if not expected:  # no report configured: answered exactly as a page that does not exist
            return self._send(HTTPStatus.NOT_FOUND, NOT_FOUND, "text/html; charset=utf-8", body)
        if not hmac.compare_digest(given.encode(), expected.encode()):
            return self._send(HTTPStatus.FORBIDDEN, b"Geen toegang: het token klopt niet.", "text/plain; charset=utf-8",
                              body)
        from bot.report import figures, page  # loaded only when staff ask: it reads the knowledge base's wording
        from bot.privacy.conversations import engine

        try:
            days = float((query.get("days") or ["7"])[0])
            days = days if 0 < days <= 3660 else 7
        except ValueError:
            days = 7
        try:
            db = engine()
            try:
                html = page.render(figures.read(db, days, titles=figures.kwalificatie_titles())).encode()
            finally:
                db.dispose()
        except Exception as error:  # the tracker store unreachable: say so, the cause to the log
            self.log_error("report failed: %s: %s", type(error).__name__, error)
            return self._send(HTTPStatus.SERVICE_UNAVAILABLE, "Het rapport kan nu niet worden gemaakt; "
                              "probeer het later opnieuw.".encode(), "text/plain; charset=utf-8", body)
        return self._send(HTTPStatus.OK, html, "text/html; charset=utf-8", body,
                          {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"})

    def _file(self, path: str) -> Optional[Path]:
        if path == "/":
            path = "/index.html"
        if re.fullmatch(r"/[A-Za-z0-9_-]+\.html", path):
            candidate = WEB / path[1:]
        elif path.startswith("/static/"):
            candidate = (STATIC / path[len("/static/"):]).resolve()
            if STATIC.resolve() not in candidate.parents:
                return None
        else:
            return None
        return candidate if candidate.is_file() else None

    def _send(self, status: HTTPStatus, data: bytes, kind: str, body: bool, headers: Optional[dict] = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if body:
            self.wfile.write(data)


def serve(port: int, rasa_port: int, host: str = "0.0.0.0") -> ThreadingHTTPServer:
    handler = type("Handler", (PageHandler,), {"rasa_port": rasa_port})
    return ThreadingHTTPServer((host, port), handler)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=int(os.environ.get("KWALIBOT_WEB_PORT", 8000)))
    parser.add_argument("--rasa-port", type=int, default=int(os.environ.get("KWALIBOT_RASA_PORT", 5005)),
                        help="port of the Rasa server, for the default socket URL")
    parser.add_argument("--host", default=os.environ.get("KWALIBOT_WEB_HOST", "0.0.0.0"))
    parser.add_argument("--vendor", action="store_true",
                        help="refresh web/static/vendor/ from the package locked in web/package-lock.json (needs npm)")
    args = parser.parse_args()
    if args.vendor:
        print(f"vendored {vendor()}")
        return 0
    server = serve(args.port, args.rasa_port, args.host)
    print(f"kwalibot chat page on http://{'localhost' if args.host == '0.0.0.0' else args.host}:{args.port}/",
          flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
