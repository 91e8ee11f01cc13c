"""End to end, the staff report: the real action and Rasa servers answer a few REST messages, then
bot.report reads the SQLite tracker store Rasa really wrote. Its figures equal what the REST client saw:
the messages sent, the kinds of the replies received (as bot.report recognises them), the button clicked,
and the qualification asked about.

The servers are `default_stack` (tests/e2e/conftest.py): other modules' conversations are in the same store,
so the report is made of this module's senders (one prefix, new each run) only — and is checked to leave
the others out."""
from __future__ import annotations

import uuid
from collections import Counter

import pytest

from bot.privacy.conversations import engine
from bot.report import figures
from bot.servers import ask

ASKED = ["Op welk mbo-niveau zit de Assistant Business Services?", "plork wimbel zoef karnemelk",
         "welke werkprocessen heeft P2"]
# this module's conversations, among the other modules' in the shared store
SENDERS = f"rapport-{uuid.uuid4().hex[:8]}-"


@pytest.fixture(scope="module")
def bot(default_stack):
    return {**default_stack, "store": f"sqlite:///{default_stack['store']}"}


def test_the_report_counts_what_the_servers_really_stored(bot):
    marks = figures.markers()
    kinds, clicked, sent = Counter(), [], 0
    for n, text in enumerate(ASKED):
        replies = ask(bot["port"], f"{SENDERS}{n}", text, timeout=120)
        sent += 1
        kind = figures.kind_of(replies[0]["text"], marks)
        kinds[kind] += kind is not None
        offered = [b for b in replies[0].get("buttons", []) if b["payload"].startswith(figures.INFORM)]
        if offered:  # a which-one question: click its first button, as a student would
            clicked.append(offered[0]["title"])
            later = ask(bot["port"], f"{SENDERS}{n}", offered[0]["payload"], timeout=120)
            sent += 1
            kind = figures.kind_of(later[0]["text"], marks)
            kinds[kind] += kind is not None
    # another conversation in the store, as other modules leave them: not this module's, so not counted
    ask(bot["port"], f"rapport-niet-{SENDERS}", ASKED[0], timeout=120)
    db = engine(bot["store"])
    try:
        report = figures.read(db, 1, senders=SENDERS)
        everyone = figures.read(db, 1)
    finally:
        db.dispose()
    assert everyone.messages > report.messages and everyone.conversations > report.conversations
    assert (report.messages, report.conversations, report.per_channel) == (sent, len(ASKED), {"rest": sent})
    assert {kind: report.unanswered_count(kind) for kind in figures.KINDS} == {
        kind: kinds[kind] for kind in figures.KINDS}
    assert kinds[figures.FALLBACK] >= 1  # the made-up words are not understood
    assert clicked and report.buttons == list(Counter(clicked).most_common())  # P2: in two dossiers, so buttons
    assert dict(report.kwalificaties).get("Business Services/P1", 0) >= 1
    assert sum(n for _, n in report.intents) == sent
