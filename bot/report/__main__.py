"""python -m bot.report: what students asked kwalibot, anonymised, from the tracker store.

Examples:
  .venv/bin/python -m bot.report                          # the last 7 days, as text
  .venv/bin/python -m bot.report --days 30 --html rapport.html
  .venv/bin/python -m bot.report --url postgresql://kwalibot@db/kwalibot

The tracker store is KWALIBOT_TRACKER_URL (as the Rasa server uses it) unless --url is given.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import List, Optional

from bot.privacy.conversations import engine
from bot.report import figures, page, text


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.report", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=float, default=7, help="the period: the last DAYS days (default 7)")
    parser.add_argument("--html", type=Path, metavar="FILE", help="also write the report as one HTML file (Dutch)")
    parser.add_argument("--url", metavar="TRACKER_URL", help="the tracker store's database URL "
                        "(default: KWALIBOT_TRACKER_URL, else var/conversations.sqlite3)")
    args = parser.parse_args(argv)
    if args.days <= 0:
        parser.error("--days must be a positive number of days")
    db = engine(args.url)
    try:
        report = figures.read(db, args.days, titles=figures.kwalificatie_titles())
    finally:
        db.dispose()
    sys.stdout.write(text.render(report))
    if args.html:
        args.html.write_text(page.render(report), encoding="utf-8")
        print(f"HTML-rapport geschreven naar {args.html}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
