"""Retention and the rights of the person (bot.privacy.conversations and `python -m bot.privacy`) on real
SQLite and real PostgreSQL, with conversations written by Rasa's own SQLTrackerStore."""
import asyncio
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.privacy import conversations
from bot.privacy.pseudonyms import Pseudonyms

ROOT = Path(__file__).resolve().parents[2]
NOW = time.time()
DAY = 24 * 60 * 60
SECRET = {"KWALIBOT_PSEUDONYM_SECRET": "geheim-van-de-test"}


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'conversations.sqlite3'}"
    return request.getfixturevalue("pg_url")


def write(url, sender, days_ago):
    """A conversation as Rasa stores it: session start, then user and bot turns `days_ago` days back (in order)."""
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    events = [SessionStarted(timestamp=NOW - days_ago[0] * DAY)]
    for n, ago in enumerate(days_ago):
        at = NOW - ago * DAY
        events += [UserUttered(f"vraag {n} van {sender}", timestamp=at), ActionExecuted("action_antwoord", timestamp=at),
                   BotUttered(f"antwoord {n}", timestamp=at)]
    store = SQLTrackerStore(host=url)
    try:
        asyncio.run(store.save(DialogueStateTracker.from_events(sender, events)))
    finally:
        store.engine.dispose()
    return len(events)


def retrieved(url, sender):
    """What Rasa itself reads back for `sender` (None: no conversation)."""
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain

    store = SQLTrackerStore(Domain.empty(), host=url)
    try:
        return asyncio.run(store.retrieve_full_tracker(sender))
    finally:
        store.engine.dispose()


@pytest.fixture
def db(url):
    engine = conversations.engine(url)
    yield engine
    engine.dispose()


def test_purge_removes_exactly_the_conversations_whose_last_message_is_older_than_the_retention(url, db):
    old = write(url, "oud-1", [45, 40]) + write(url, "oud-2", [31])
    write(url, "lang-lopend", [60, 40, 2])  # began long ago, last message two days ago: kept whole
    write(url, "vandaag", [0])
    assert conversations.purge(db, 30, now=NOW, dry_run=True) == (2, old)
    assert conversations.senders(db) == ["lang-lopend", "oud-1", "oud-2", "vandaag"]  # a dry run deletes nothing
    assert conversations.purge(db, 30, now=NOW) == (2, old)
    assert conversations.senders(db) == ["lang-lopend", "vandaag"]
    assert len(conversations.export(db, "lang-lopend")["events"]) == 10
    assert conversations.purge(db, 30, now=NOW) == (0, 0)  # idempotent
    assert retrieved(url, "oud-1") is None and retrieved(url, "vandaag") is not None


def test_export_is_the_stored_conversation_as_rasa_wrote_it(url, db):
    write(url, "inzage", [1, 0])
    write(url, "iemand-anders", [0])
    exported = conversations.export(db, "inzage")
    assert exported["sender_id"] == "inzage"
    assert [e["event"] for e in exported["events"]] == ["session_started", "user", "action", "bot",
                                                        "user", "action", "bot"]
    assert [e["text"] for e in exported["events"] if e["event"] == "user"] == ["vraag 0 van inzage", "vraag 1 van inzage"]
    assert json.dumps(exported).count("iemand-anders") == 0
    assert conversations.export(db, "onbekend") == {"sender_id": "onbekend", "events": []}


def test_forget_erases_one_conversation_and_leaves_the_others(url, db):
    erased = write(url, "vergeet-mij", [3, 1])
    kept = write(url, "blijft", [1])
    assert conversations.forget(db, ["vergeet-mij"]) == erased
    assert retrieved(url, "vergeet-mij") is None
    assert len(retrieved(url, "blijft").events) == kept
    assert conversations.forget(db, ["vergeet-mij"]) == 0  # idempotent


def test_a_database_rasa_never_wrote_to_has_nothing_to_purge_export_or_forget(tmp_path):
    db = conversations.engine(f"sqlite:///{tmp_path / 'leeg.sqlite3'}")
    assert (conversations.purge(db, 30), conversations.forget(db, ["x"]), conversations.senders(db)) == ((0, 0), 0, [])
    assert conversations.export(db, "x") == {"sender_id": "x", "events": []}


@pytest.mark.parametrize("value, days", [(None, 30), ("", 30), ("7", 7), ("0.5", 0.5)])
def test_retention_days(value, days):
    assert conversations.retention_days({} if value is None else {"KWALIBOT_RETENTION_DAYS": value}) == days


@pytest.mark.parametrize("value", ["0", "-3", "dertig"])
def test_a_retention_that_is_no_positive_number_is_refused(value):
    with pytest.raises(ValueError):
        conversations.retention_days({"KWALIBOT_RETENTION_DAYS": value})


# -- the command line ----------------------------------------------------------------------------------------

def cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "bot.privacy", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}, timeout=120)


def test_the_command_line_purges_exports_and_forgets(url):
    write(url, "oud", [40])
    write(url, "nieuw", [0])
    write(url, "ook-nieuw", [0])
    env = {"KWALIBOT_TRACKER_URL": url, "KWALIBOT_RETENTION_DAYS": "30"}
    purged = cli("purge", env=env)
    assert (purged.returncode, purged.stdout) == (0, "deleted 1 conversation(s) (4 events) with no message in the "
                                                     "last 30 days\n")
    assert cli("purge", env=env).stdout.startswith("deleted 0 conversation(s) (0 events)")
    exported = cli("export", "nieuw", "--url", url)
    assert exported.returncode == 0 and json.loads(exported.stdout)["sender_id"] == "nieuw"
    assert len(json.loads(exported.stdout)["events"]) == 4
    forgotten = cli("forget", "nieuw", env=env)
    assert (forgotten.returncode, forgotten.stdout) == (0, "erased 4 events of 1 conversation(s)\n")
    assert cli("senders", env=env).stdout == "ook-nieuw\n"


def test_one_persons_slack_conversations_are_found_from_the_user_id_alone(url):
    slack = Pseudonyms("slack", SECRET)
    mine = [slack.sender_id("U0DOCENT", place, "") for place in ("D0CHAT|", "C0TEAM|1700.000001")]
    for sender in mine + [slack.sender_id("U0ANDER", "D0CHAT|", "")]:
        write(url, sender, [0])
    env = {**SECRET, "KWALIBOT_TRACKER_URL": url}
    exported = json.loads(cli("export", "--slack-user", "U0DOCENT", env=env).stdout)
    assert sorted(c["sender_id"] for c in exported) == sorted(mine)
    assert cli("forget", "--slack-user", "U0DOCENT", env=env).stdout == "erased 8 events of 2 conversation(s)\n"
    assert cli("senders", env=env).stdout == slack.sender_id("U0ANDER", "D0CHAT|", "") + "\n"


@pytest.mark.parametrize("command", ["purge", "export", "forget", "senders"])
def test_every_command_has_help_with_an_example(command):
    shown = cli(command, "--help")
    assert shown.returncode == 0 and "python -m bot.privacy " + command in shown.stdout


def test_export_without_a_sender_is_a_usage_error(tmp_path):
    wrong = cli("export", "--url", f"sqlite:///{tmp_path / 'x.sqlite3'}")
    assert wrong.returncode == 2 and "name exactly one of SENDER, --slack-user, --teams-user" in wrong.stderr


@pytest.mark.parametrize("args, env", [(["--days", "0"], {}), ([], {"KWALIBOT_RETENTION_DAYS": "-1"}),
                                       ([], {"KWALIBOT_RETENTION_DAYS": "dertig"})])
def test_purge_refuses_a_retention_that_is_no_positive_number(tmp_path, args, env):
    wrong = cli("purge", *args, "--url", f"sqlite:///{tmp_path / 'x.sqlite3'}", env=env)
    assert wrong.returncode == 2 and "usage:" in wrong.stderr and "Traceback" not in wrong.stderr
