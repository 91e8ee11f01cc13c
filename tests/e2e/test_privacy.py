"""End to end, privacy: the real action server and Rasa server (REST, Slack and Teams on, against the local
fakes of Slack's and Microsoft's servers), and the SQLite tracker store they really write.

- personal data typed in a question is not in the tracker store and the question is still answered;
- the logs of the run hold none of the texts sent;
- every event Rasa wrote has only the fields bot.privacy.stored lists;
- "verwijder mijn gesprek" over REST: confirmation question, confirmation, the conversation gone, nothing
  of the command stored, the other conversations untouched;
- Slack and Teams conversations are stored under pseudonyms, without the user's ids or name, and the
  replies still reach the user; `python -m bot.privacy forget --slack-user` finds them from the user id.

The servers, fakes and store are those of `channels_stack` (tests/e2e/conftest.py), shared with test_slack and
test_teams: what is checked over the whole store then covers their conversations too (when they ran first).
"""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
import uuid

import pytest

from bot.channels import wording
from bot.privacy.command import CONFIRM
from bot.privacy.pseudonyms import Pseudonyms
from bot.privacy.stored import TRACKER_EVENTS
from bot.servers import ROOT, ask
from tests.e2e import test_slack as slack_side
from tests.e2e import test_teams as teams_side

QUESTION = "Welk crebonummer heeft de Marketing & Communication Specialist?"
PERSONAL = "mijn mail is sanne.devries@voorbeeld.nl en mijn nummer 06-13572468"
SENT: list[str] = []  # every text this module sends: none may turn up in a log


@pytest.fixture(scope="module")
def bot(channels_stack):
    """REST, Slack and Teams on, KWALIBOT_PSEUDONYM_SECRET set, KWALIBOT_LOG_TEXT empty (see channels_stack)."""
    assert channels_stack["env"]["KWALIBOT_PSEUDONYM_SECRET"] == channels_stack["pseudonym_secret"]
    assert channels_stack["env"]["KWALIBOT_LOG_TEXT"] == ""
    return channels_stack


def send(bot, sender: str, text: str) -> list[dict]:
    SENT.append(text)
    return ask(bot["port"], sender, text, timeout=60)


def texts(messages) -> str:
    return " ".join(m.get("text") or "" for m in messages)


def rows(bot, sender: str = None) -> list[tuple]:
    with sqlite3.connect(bot["store"]) as db:
        if sender is None:
            return db.execute("SELECT sender_id, type_name, data FROM events ORDER BY id").fetchall()
        return db.execute("SELECT sender_id, type_name, data FROM events WHERE sender_id = ? ORDER BY id",
                          (sender,)).fetchall()


def saved(bot, sender: str, timeout: float = 60) -> list[tuple]:
    """`sender`'s rows once Rasa saved the turn: Slack and Teams get the reply before Rasa writes the tracker."""
    deadline = time.monotonic() + timeout
    while not (found := rows(bot, sender)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return found


def dump(bot) -> str:
    return "\n".join(" ".join(map(str, row)) for row in rows(bot))


def test_personal_data_is_redacted_before_it_is_stored_and_the_question_is_still_answered(bot):
    reply = texts(send(bot, "privacy-redact", f"{PERSONAL}. {QUESTION}"))
    assert "25727" in reply and "Bron: Kwalificatiedossier Business Services" in reply
    [stored] = [json.loads(data)["text"] for _, kind, data in rows(bot, "privacy-redact") if kind == "user"]
    assert stored == f"mijn mail is [e-mailadres] en mijn nummer [telefoonnummer]. {QUESTION}"
    assert "sanne" not in dump(bot) and "13572468" not in dump(bot)


def test_every_stored_event_has_only_the_fields_the_privacy_list_names(bot):
    send(bot, "privacy-fields", "Wat is P5-K1-W2 bij business services?")
    send(bot, "privacy-fields", "wat is het resultaat?")
    found = {}
    for _, kind, data in rows(bot):
        found.setdefault(kind, set()).update(json.loads(data))
    assert set(found) <= set(TRACKER_EVENTS), set(found) - set(TRACKER_EVENTS)
    for kind, keys in found.items():
        assert keys <= set(TRACKER_EVENTS[kind]), (kind, keys - set(TRACKER_EVENTS[kind]))


def test_verwijder_mijn_gesprek_erases_the_conversation_after_confirmation(bot):
    sender, other = f"privacy-erase-{uuid.uuid4().hex[:6]}", "privacy-keep"
    send(bot, other, QUESTION)
    assert "25727" in texts(send(bot, sender, QUESTION))
    before = rows(bot, sender)
    kept = rows(bot, other)
    [question] = send(bot, sender, "Verwijder mijn gesprek")
    assert question["text"] == wording.ERASE_QUESTION
    assert [b["payload"] for b in question["buttons"]] == [CONFIRM, "/kwalibot_bewaar_gesprek"]
    assert rows(bot, sender) == before  # the command reached neither Rasa nor its store
    assert texts(send(bot, sender, CONFIRM)) == wording.ERASE_DONE
    assert rows(bot, sender) == []
    assert "Verwijder mijn gesprek" not in dump(bot) and wording.ERASE_QUESTION not in dump(bot)
    assert rows(bot, other) == kept
    # the next message starts afresh, and is answered
    assert "25727" in texts(send(bot, sender, QUESTION))
    assert [json.loads(data)["text"] for _, kind, data in rows(bot, sender) if kind == "user"] == [QUESTION]


def test_slack_conversations_are_stored_under_a_pseudonym_and_the_reply_still_arrives(bot):
    user, channel = "U0PRIVACY", "D0PRIVACY"
    event = slack_side.dm(channel, QUESTION.replace("&", "&amp;"), user=user)
    SENT.append(event["text"])
    slack_side.post_event(bot["port"], event)
    [reply] = slack_side.answers(bot["slack_api"], channel, 1)
    assert "25727" in reply["text"]
    expected = Pseudonyms("slack", {"KWALIBOT_PSEUDONYM_SECRET": bot["pseudonym_secret"]}).sender_id(
        user, f"{channel}|", "")
    assert len(saved(bot, expected)) > 0
    assert user not in dump(bot) and channel not in dump(bot) and slack_side.TEAM not in dump(bot)
    # the administrator finds and erases them from the Slack user id alone
    env = {**os.environ, "PYTHONPATH": str(ROOT), "KWALIBOT_PSEUDONYM_SECRET": bot["pseudonym_secret"],
           "KWALIBOT_TRACKER_URL": f"sqlite:///{bot['store']}"}
    done = subprocess.run([sys.executable, "-m", "bot.privacy", "forget", "--slack-user", user], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.endswith("of 1 conversation(s)\n"), done.stderr
    assert rows(bot, expected) == []


def test_teams_conversations_are_stored_under_a_pseudonym_and_the_reply_still_arrives(bot):
    ms, conversation = bot["ms"], "a:1privacy-personal-chat"
    message = teams_side.activity(ms, conversation, QUESTION, user="29:1privacyuser")
    message["from"]["name"] = "Sanne de Vries"
    SENT.append(QUESTION)
    teams_side.send(bot, message)
    [reply] = teams_side.answers(ms, conversation, 1)
    assert "25727" in reply["text"] and reply["recipient"]["id"] == "29:1privacyuser"
    expected = Pseudonyms("teams", {"KWALIBOT_PSEUDONYM_SECRET": bot["pseudonym_secret"]}).sender_id(
        "29:1privacyuser", conversation, "")
    assert len(saved(bot, expected)) > 0
    stored = dump(bot)
    assert "1privacyuser" not in stored and "Sanne" not in stored and conversation not in stored
    assert teams_side.TENANT not in stored


def test_the_logs_hold_none_of_the_texts_sent(bot):
    assert SENT, "run with the tests above"
    logs = (bot["logs"] / "rasa.log").read_text() + (bot["logs"] / "actions.log").read_text()
    leaked = [text for text in SENT if text in logs]
    assert leaked == []
    assert "sanne.devries" not in logs and "Sanne de Vries" not in logs
