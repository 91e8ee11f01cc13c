"""The staff report (bot.report) on real SQLite and real PostgreSQL, with conversations written by Rasa's own
SQLTrackerStore: its figures equal the counts of the conversations made here; the HTML opens in headless
Chromium; /report on the page server answers only with the staff token."""
import asyncio
import http.client
import json
import subprocess
import sys
import threading
import time
from datetime import datetime
from zoneinfo import ZoneInfo
from pathlib import Path

import pytest

from bot.privacy.conversations import engine
from bot.report import figures, page, text
from bot.report.figures import APOLOGY, FALLBACK, NOT_STATED
from knowledge.query import Citation, Kwalificatie
from questions.replies import replies

ROOT = Path(__file__).resolve().parents[2]
NOW = time.time()
DAY = 24 * 60 * 60
say = replies()
KOK = Kwalificatie(dossier="Kok", profiel=None, title="Kok", kind="kwalificatiedossier", source="kok.md")
BRON = Citation(dossier="Kok", kind="kwalificatiedossier", source="kok.md")
P6 = "Business Services/P6"
CLICK = "/inform" + json.dumps({"kwalificatie": P6})
P6_TITLE = "Marketing & Communication Specialist (Business Services)"  # the button's title, as the bot showed it
WHICH = [{"title": "Assistant Business Services (Business Services)",
          "payload": "/inform" + json.dumps({"kwalificatie": "Business Services/P1"})},
         {"title": P6_TITLE, "payload": CLICK}]

# (sender, channel, days ago, [(user text, intent, bot reply, qualifications the action remembers)]);
# a reply (text, buttons) shows buttons
CONVERSATIONS = [
    ("student-web-1", "socketio", 1.2, [
        ("op welk niveau is de opleiding kok", "vraag", say.fact(KOK, "niveau", 2, BRON), ["Kok"]),
        ("wie heeft het dossier kok gevalideerd", "vraag", say.not_stated(KOK, "gevalideerd_door", BRON), ["Kok"]),
        ("en de toelatingseisen van kok", "vraag",
         "De kok is een opleiding.\n" + say.terms_not_stated(["toelatingseisen"]), ["Kok"]),
    ]),
    ("rest-aanroeper", "rest", 2.5, [
        ("qwerty asdf zxcv", "nlu_fallback", say.not_understood(), None),
        ("qwerty asdf zxcvb", "nlu_fallback", say.not_understood(), None),
        ("bel mij op 0612345678 graag", "nlu_fallback", say.search_nothing(), None),
    ]),
    ("U0SLACKPSEUDONIEM", "slack", 0.1, [
        ("welke werkprocessen heeft P6", "vraag", (say.ask_which_kwalificatie(), WHICH), []),
        (CLICK, "inform", "P6 heeft deze werkprocessen: …", [P6]),
        ("hoe lang duurt de opleiding", "vraag", say.apology(), None),
    ]),
    ("oud-gesprek", "socketio", 9, [("iets van lang geleden", "nlu_fallback", say.not_understood(), None)]),
]


def write(url):
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    store = SQLTrackerStore(host=url)
    try:
        for sender, channel, days_ago, turns in CONVERSATIONS:
            at = NOW - days_ago * DAY
            events = [SessionStarted(timestamp=at)]
            for n, (asked, intent, reply, kwalificaties) in enumerate(turns):
                t = at + 60 * (n + 1)
                events += [UserUttered(asked, intent={"name": intent, "confidence": 0.9}, input_channel=channel,
                                       timestamp=t),
                           ActionExecuted("action_antwoord", timestamp=t + 1)]
                reply, buttons = reply if isinstance(reply, tuple) else (reply, [])
                events.append(BotUttered(reply, data={"buttons": buttons}, timestamp=t + 2))
                if kwalificaties is not None:
                    events.append(SlotSet("vraag", {"facet": "fact", "kwalificaties": kwalificaties}, timestamp=t + 3))
            asyncio.run(store.save(DialogueStateTracker.from_events(sender, events)))
    finally:
        store.engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    url = (f"sqlite:///{tmp_path / 'conversations.sqlite3'}" if request.param == "sqlite"
           else request.getfixturevalue("pg_url"))
    write(url)
    return url


@pytest.fixture
def report(url):
    db = engine(url)
    try:
        return figures.read(db, 7, now=NOW)
    finally:
        db.dispose()


def day(days_ago):
    return datetime.fromtimestamp(NOW - days_ago * DAY + 60, ZoneInfo("Europe/Amsterdam")).strftime("%Y-%m-%d")


def test_counts_equal_the_conversations_made(report):
    assert (report.conversations, report.messages) == (3, 9)  # the 9-day-old conversation is outside the 7 days
    assert report.per_channel == {"socketio": 3, "rest": 3, "slack": 3}
    assert len(report.per_day) == 8 and sum(report.per_day.values()) == 9
    expected_days = {}
    for days_ago in (1.2, 2.5, 0.1):
        expected_days[day(days_ago)] = expected_days.get(day(days_ago), 0) + 3
    assert {d: n for d, n in report.per_day.items() if n} == expected_days
    assert report.intents == [("vraag", 5), ("nlu_fallback", 3), ("inform", 1)]
    assert report.kwalificaties == [("Kok", 3), (P6, 1)]
    assert report.buttons == [(P6_TITLE, 1)]


def test_a_sender_prefix_keeps_only_the_conversations_it_starts(url):
    db = engine(url)
    try:
        student = figures.read(db, 7, now=NOW, senders="student-")
        assert (student.conversations, student.messages, student.per_channel) == (1, 3, {"socketio": 3})
        assert figures.read(db, 7, now=NOW, senders="student_").messages == 0  # "_" is no LIKE wildcard here
        assert figures.read(db, 7, now=NOW, senders="").messages == 9
    finally:
        db.dispose()


def test_a_click_without_the_offered_buttons_stored_shows_its_values():
    assert figures.button_label(CLICK) == P6
    assert figures.button_label("/inform{kapot") == "/inform{kapot"
    assert figures.button_label('/inform{"kwalificatie": "Kok", "werkproces": "W1"}') == "Kok, W1"


@pytest.mark.parametrize("since, until, days", [
    ("2026-03-28T12:00", "2026-04-01T12:00", ["2026-03-28", "2026-03-29", "2026-03-30", "2026-03-31", "2026-04-01"]),
    ("2026-03-28T23:30", "2026-03-30T00:30", ["2026-03-28", "2026-03-29", "2026-03-30"]),  # summer time: 29 March
    ("2026-10-24T23:30", "2026-10-26T00:30", ["2026-10-24", "2026-10-25", "2026-10-26"]),  # a 25-hour day
    ("2026-12-01T23:30", "2026-12-02T00:30", ["2026-12-01", "2026-12-02"]),  # 22:30 and 23:30 UTC: Dutch days
])
def test_every_calendar_day_of_the_period_is_a_column(tmp_path, since, until, days):
    at = {t: datetime.fromisoformat(t).replace(tzinfo=ZoneInfo("Europe/Amsterdam")).timestamp() for t in (since, until)}
    write(f"sqlite:///{tmp_path / 'c.sqlite3'}")  # a store with an events table (without one there are no days)
    db = engine(f"sqlite:///{tmp_path / 'c.sqlite3'}")
    try:
        report = figures.read(db, (at[until] - at[since]) / DAY, now=at[until])
    finally:
        db.dispose()
    assert list(report.per_day) == days


def test_unanswered_questions_by_kind_grouped_and_redacted(report):
    groups = {kind: [(g.example, g.count, g.variants) for g in report.unanswered[kind]]
              for kind in (FALLBACK, NOT_STATED, APOLOGY)}
    assert groups == {
        FALLBACK: [("qwerty asdf zxcv", 2, ["qwerty asdf zxcvb"]), ("bel mij op [telefoonnummer] graag", 1, [])],
        NOT_STATED: [("wie heeft het dossier kok gevalideerd", 1, []), ("en de toelatingseisen van kok", 1, [])],
        APOLOGY: [("hoe lang duurt de opleiding", 1, [])],
    }
    assert [report.unanswered_count(kind) for kind in (FALLBACK, NOT_STATED, APOLOGY)] == [3, 2, 1]


@pytest.mark.parametrize("reply, kind", [
    (say.not_understood(), FALLBACK),
    (say.search_nothing(), FALLBACK),
    (say.search_nothing(asked=["plork", "wimbel"]), FALLBACK),  # naming what was asked
    (say.not_stated(KOK, "toelating", BRON), NOT_STATED),
    (say.not_stated(KOK, "salaris", BRON), NOT_STATED),
    (say.not_covered(KOK, "stage", asked=["tapdansen"]), NOT_STATED),
    (say.nothing_about(KOK, "loopbaan"), NOT_STATED),
    (say.not_covered(KOK, "stage"), NOT_STATED),
    (say.not_covered(None, "stage"), NOT_STATED),
    (say.apology(), APOLOGY),
    (say.fact(KOK, "niveau", 2, BRON), None),
    (say.ask_which_kwalificatie(), None),
    (say.smalltalk("greet")[0], None),
])
def test_answer_kinds_are_recognised_from_the_wording(reply, kind):
    assert figures.kind_of(reply, figures.markers()) == kind


def test_text_and_html_name_no_sender_and_no_phone_number(report):
    for output in (text.render(report), page.render(report)):
        for sender, *_ in CONVERSATIONS:
            assert sender not in output
        assert "0612345678" not in output and "[telefoonnummer]" in output


def test_the_command_prints_the_report_and_writes_the_html(url, tmp_path):
    out = tmp_path / "rapport.html"
    run = subprocess.run([sys.executable, "-m", "bot.report", "--days", "30", "--url", url, "--html", str(out)],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "10 berichten in 4 gesprekken" in run.stdout  # 30 days: the old conversation too
    html = out.read_text()
    assert html.startswith("<!doctype html>") and '<html lang="nl">' in html
    assert "http://" not in html and "https://" not in html and "<script" not in html  # self-contained


def test_the_html_opens_in_chromium(url, tmp_path, report):
    from tests.conftest import service_missing
    from tests.e2e.cdp import Browser, chromium_available

    if not chromium_available():
        service_missing("no Chromium (/usr/bin/chromium): run `make browser`")
    html = tmp_path / "rapport.html"
    html.write_text(page.render(report), encoding="utf-8")
    chrome = Browser(tmp_path / "profile", tmp_path / "chromium.log", width=1100, height=1800)
    try:
        chrome.goto(html.as_uri())
        assert chrome.evaluate("document.querySelectorAll('svg[role=img]').length") == 4
        assert chrome.evaluate("document.querySelector('h1').textContent") == "Wat vragen studenten aan kwalibot?"
        assert chrome.evaluate("document.querySelector('.tile b').textContent") == "9"
        assert [u for u in chrome.requested_urls() if not u.startswith("file://")] == []
        # kept where the web chat tests keep theirs, for a person to look at after the run
        shot = chrome.screenshot(Path(__file__).resolve().parents[2] / "var" / "screenshots" / "rapport.png")
    finally:
        chrome.close()
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 30_000
    print(f"\nscreenshot of the report: {shot} ({len(data)} bytes)")


@pytest.fixture
def page_server(monkeypatch, tmp_path):
    from bot.web import serve

    url = f"sqlite:///{tmp_path / 'conversations.sqlite3'}"
    write(url)
    monkeypatch.setenv("KWALIBOT_TRACKER_URL", url)
    server = serve(0, 5005, "127.0.0.1")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def get(port, path, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read().decode()
    finally:
        conn.close()


@pytest.mark.parametrize("token, path, headers, status", [
    (None, "/report?token=geheim", {}, 404),
    ("geheim", "/report", {}, 403),
    ("geheim", "/report?token=fout", {}, 403),
    ("geheim", "/report", {"X-Kwalibot-Staff-Token": "fout"}, 403),
    ("geheim", "/report?token=geheim", {}, 200),
    ("geheim", "/report", {"X-Kwalibot-Staff-Token": "geheim"}, 200),
    ("geheim", "/report?token=geheim&days=niet-een-getal", {}, 200),
])
def test_the_report_route_needs_the_staff_token(page_server, monkeypatch, token, path, headers, status):
    if token is None:
        monkeypatch.delenv("KWALIBOT_STAFF_TOKEN", raising=False)
    else:
        monkeypatch.setenv("KWALIBOT_STAFF_TOKEN", token)
    got, body = get(page_server, path, headers)
    assert got == status
    if status == 200:
        assert "Wat vragen studenten aan kwalibot?" in body and '<div class=tile><b>9</b>' in body
    elif status == 404:
        assert body == get(page_server, "/bestaat-niet.html")[1]  # the same as any page that does not exist
    else:
        assert body == "Geen toegang: het token klopt niet."


def test_an_unreachable_tracker_store_gets_a_polite_answer(page_server, monkeypatch):
    monkeypatch.setenv("KWALIBOT_STAFF_TOKEN", "geheim")
    monkeypatch.setenv("KWALIBOT_TRACKER_URL", "postgresql://niemand@127.0.0.1:9/rasa")  # nothing listens on port 9
    assert get(page_server, "/report?token=geheim") == (
        503, "Het rapport kan nu niet worden gemaakt; probeer het later opnieuw.")


def test_staff_read_qualifications_by_title_and_dossier(url, tmp_path):
    from knowledge.build import build
    from knowledge.query import KnowledgeBase

    kb_url = f"sqlite:///{tmp_path / 'kb.sqlite3'}"
    build(kb_url)
    db = engine(url)
    try:
        named = figures.read(db, 7, now=NOW, titles=figures.kwalificatie_titles(KnowledgeBase(kb_url)))
    finally:
        db.dispose()
    # a key the knowledge base has reads as its title; one it no longer has stays a key
    assert named.kwalificaties == [("Kok", 3), ("Marketing & Communication Specialist (Business Services)", 1)]
