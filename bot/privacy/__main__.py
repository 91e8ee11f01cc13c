"""Retention and the rights of the person, on the conversations Rasa stores (KWALIBOT_TRACKER_URL).

    python -m bot.privacy purge [--days N] [--dry-run]   delete conversations older than KWALIBOT_RETENTION_DAYS (30)
    python -m bot.privacy export SENDER                  one conversation as JSON (inzage)
    python -m bot.privacy forget SENDER                  erase one conversation (recht op vergetelheid)
    python -m bot.privacy senders                        every stored sender id

SQLite (the default var/conversations.sqlite3) and PostgreSQL alike; every command is safe to repeat.
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import List, Optional

from bot.privacy import conversations
from bot.privacy.pseudonyms import Pseudonyms

EXAMPLES = {
    "purge": "examples:\n  python -m bot.privacy purge                # older than KWALIBOT_RETENTION_DAYS (default 30)\n"
             "  python -m bot.privacy purge --days 7 --dry-run\n"
             "  crontab: 30 3 * * * cd /srv/kwalibot && .venv/bin/python -m bot.privacy purge",
    "export": "examples:\n  python -m bot.privacy export 3f2c9a0e6b1d4c5e > gesprek.json      # a web chat's session id\n"
              "  python -m bot.privacy export --slack-user U04ABCDEF > gesprekken.json   # all of one colleague's\n"
              "  python -m bot.privacy export --teams-user '29:1abc…'",
    "forget": "examples:\n  python -m bot.privacy forget 3f2c9a0e6b1d4c5e\n"
              "  python -m bot.privacy forget --slack-user U04ABCDEF\n"
              "  python -m bot.privacy forget --teams-user '29:1abc…' --url postgresql://rasa@db/rasa",
    "senders": "example:\n  python -m bot.privacy senders | wc -l",
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot.privacy", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)

    def command(name: str, help: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help, epilog=EXAMPLES[name],
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
        sub.add_argument("--url", help="the tracker store's SQLAlchemy URL (default: KWALIBOT_TRACKER_URL, "
                                       "else sqlite:///var/conversations.sqlite3)")
        return sub

    purge = command("purge", "Delete every conversation whose last message is older than the retention period.")
    purge.add_argument("--days", type=float, help="retention in days (default: KWALIBOT_RETENTION_DAYS, else 30)")
    purge.add_argument("--dry-run", action="store_true", help="only count what would be deleted")
    for name, help in (("export", "Print the stored conversation(s) of one person as JSON (inzage)."),
                       ("forget", "Erase the stored conversation(s) of one person.")):
        sub = command(name, help)
        sub.add_argument("sender", nargs="?", help="the conversation's sender id (as Rasa stores it)")
        sub.add_argument("--slack-user", help="a Slack user id (U…): every conversation of that person")
        sub.add_argument("--teams-user", help="a Teams user id (29:…): every conversation of that person")
    command("senders", "List every stored sender id.")
    return parser


def _chosen(args: argparse.Namespace, db) -> Optional[List[str]]:
    """The sender ids the arguments name, or None when they name none (or several ways at once)."""
    given = [x for x in (args.sender, args.slack_user, args.teams_user) if x]
    if len(given) != 1:
        return None
    if args.sender:
        return [args.sender]
    channel, user = ("slack", args.slack_user) if args.slack_user else ("teams", args.teams_user)
    pseudonyms = Pseudonyms(channel)
    if not pseudonyms.on:  # the ids are stored as they are: "<user>_<channel>…" (Slack), "<user>|<conversation>"
        separator = "_" if channel == "slack" else "|"
        return conversations.senders(db, prefix=user + separator)
    return conversations.senders(db, prefix=pseudonyms.user_prefix(user))


def main(argv: Optional[List[str]] = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    db = conversations.engine(args.url)
    try:
        if args.command == "purge":
            try:
                days = args.days if args.days is not None else conversations.retention_days()
            except ValueError as error:
                parser.error(str(error))  # "could not convert string to float" or "must be a positive number"
            if days <= 0:
                parser.error(f"--days must be a positive number of days, not {days:g}")
            found, events = conversations.purge(db, days, dry_run=args.dry_run)
            verb = "would delete" if args.dry_run else "deleted"
            print(f"{verb} {found} conversation(s) ({events} events) with no message in the last {days:g} days")
            return 0
        if args.command == "senders":
            for sender in conversations.senders(db):
                print(sender)
            return 0
        chosen = _chosen(args, db)
        if chosen is None:
            parser.error(f"{args.command}: name exactly one of SENDER, --slack-user, --teams-user")
        if args.command == "export":
            exported = [conversations.export(db, sender) for sender in chosen]
            if not any(c["events"] for c in exported):
                print("nothing is stored for that person", file=sys.stderr)
            json.dump(exported[0] if args.sender else exported, sys.stdout, ensure_ascii=False, indent=2)
            print()
            return 0
        deleted = conversations.forget(db, chosen)
        print(f"erased {deleted} events of {len(chosen)} conversation(s)")
        return 0
    finally:
        db.dispose()


if __name__ == "__main__":
    sys.exit(main())
