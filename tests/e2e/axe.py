"""axe-core, Deque's accessibility rules engine, run inside the page the browser tests drive.

    python -m tests.e2e.axe --vendor    # (make webchat-vendor) refresh tests/e2e/vendor/ from web/package-lock.json

axe-core is a devDependency pinned exactly in web/package.json and locked (with its integrity hash) in
web/package-lock.json. Its single built file `axe.min.js` is vendored here, next to a VENDORED.json
that records the version, the lockfile's integrity and the file's sha256 (a test checks they agree),
rather than installed by `npm ci` in `make test`: a fresh clone then needs neither Node.js nor the
registry to run the tests, and `npm ci` would also install rasa-webchat's ~600 build dependencies,
which nothing here uses. The file is injected into the page under test with CDP, never served to
visitors.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from functools import lru_cache
from pathlib import Path

from bot.web import locked_files

PACKAGE = "axe-core"
VENDOR = Path(__file__).resolve().parent / "vendor"
VENDORED = VENDOR / "VENDORED.json"
# WCAG 2.0 and 2.1, levels A and AA: what a Dutch school's accessibility statement promises.
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def vendor() -> Path:
    locked, (script, licence, third_party) = locked_files(
        PACKAGE, "axe.min.js", "LICENSE", "LICENSE-3RD-PARTY.txt")
    VENDOR.mkdir(parents=True, exist_ok=True)
    for old in VENDOR.glob(f"{PACKAGE}-*.min.js"):
        old.unlink()
    target = VENDOR / f"{PACKAGE}-{locked['version']}.min.js"
    target.write_bytes(script)
    # MPL-2.0: the licence (and the third-party notices) travel with the copy.
    (VENDOR / f"{PACKAGE}-LICENSE.txt").write_bytes(licence)
    (VENDOR / f"{PACKAGE}-LICENSE-3RD-PARTY.txt").write_bytes(third_party)
    VENDORED.write_text(json.dumps({
        "package": PACKAGE,
        "version": locked["version"],
        "integrity": locked["integrity"],
        "from": "package/axe.min.js",
        "file": target.name,
        "sha256": hashlib.sha256(script).hexdigest(),
        "changes": "none",
        "refresh": "python -m tests.e2e.axe --vendor (make webchat-vendor) after changing web/package.json and the lockfile",
    }, indent=2) + "\n")
    return target


@lru_cache(maxsize=1)
def script() -> str:
    return (VENDOR / json.loads(VENDORED.read_text())["file"]).read_text()


def violations(browser, context: str = "document") -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now: rule id, impact, and the offending nodes."""
    # Colours are measured as drawn: wait until the widget's slide-in and fade animations have ended
    # (mid-animation, text is half transparent and its contrast meaningless).
    browser.wait_for("document.getAnimations().every(a => a.playState !== 'running' || "
                     "a.effect.getComputedTiming().endTime === Infinity)", "the animations to end", 30)
    if not browser.evaluate("typeof window.axe === 'object'"):
        browser.evaluate(script() + "\n;true")
    found = browser.evaluate(f"""axe.run({context}, {{runOnly: {{type: 'tag', values: {json.dumps(WCAG_21_AA)}}},
                                                    resultTypes: ['violations']}})
        .then(r => r.violations.map(v => ({{id: v.id, impact: v.impact,
            nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary)}})))""")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--vendor", action="store_true", help="refresh tests/e2e/vendor/ from web/package-lock.json")
    if parser.parse_args().vendor:
        print(f"vendored {vendor()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
