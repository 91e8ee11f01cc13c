"""A rebuilt knowledge base is picked up by a running action server, on SQLite and on PostgreSQL.

The real action server (bot.servers.action_server) reads the KB at KWALIBOT_DB_URL, first built
from two of the three dossiers. While clients keep asking it (POST /webhook, the request Rasa sends
for action_antwoord), the KB is rebuilt from all three: every request during the rebuild is
answered (200, a real answer, never the apology), the list of qualifications gains the Commercie
dossier within seconds, without a restart, and never falls back to the old list once the new one
was served; the KB version in /metrics changes to the new build's id. Then back to two dossiers: the
direction in which an answer that read two builds failed (tests/knowledge/test_store.py shows that
case deterministically).
"""
import json
import threading
import time
import urllib.request
import uuid

import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.metrics import read_build_info
from bot.servers import action_server, free_port
from knowledge.build import SOURCES_DIR, parse_all, write

LEFT_OUT = "commercie-consulent-commerciele-arbeidsbemiddeling.txt"  # the dossier the second build adds
NEW_LINE = "  - Consulent commerciële arbeidsbemiddeling (niveau 4)"
# (text, intent, entities): one whose answer changes with the rebuild, one whose answer must not
LIST = ("Noem alle kwalificaties die je kent", "list_kwalificaties", [])
STEADY = ("Wat houdt B1-K1-W3 in voor de Marketing & Communication Specialist?", "ask_werkproces",
          [("werkproces", "B1-K1-W3"), ("kwalificatie", "Business Services/P6")])


@pytest.fixture(scope="module")
def dossiers():
    """Every dossier of knowledge/sources, parsed once for both stores: (all, all but LEFT_OUT)."""
    parsed, rejected = parse_all(SOURCES_DIR)
    assert not rejected
    every = [d for _, d in parsed]
    return every, [d for entry, d in parsed if entry.file != LEFT_OUT]


@pytest.fixture(params=["sqlite", "postgresql"])
def kb_url(request, tmp_path):
    return request.getfixturevalue("pg_url") if request.param == "postgresql" else \
        f"sqlite:///{tmp_path / 'kb.sqlite3'}"


def action_request(text, intent, entities):
    """What Rasa POSTs to the action server to run action_antwoord for one user message."""
    latest = {"text": text, "intent": {"name": intent, "confidence": 1.0},
              "entities": [{"entity": e, "value": v} for e, v in entities]}
    tracker = {"sender_id": f"swap-{uuid.uuid4().hex[:8]}", "slots": {"vraag": None}, "latest_message": latest,
               "events": [], "paused": False, "followup_action": None, "active_loop": {},
               "latest_action_name": "action_listen"}
    return {"next_action": "action_antwoord", "sender_id": tracker["sender_id"], "tracker": tracker,
            "domain": {}, "version": "3.6.2"}


def ask(port, question):
    """(HTTP status, the text of the action's messages) for one question."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}/webhook", data=json.dumps(action_request(*question)).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as r:
        return r.status, "\n".join(m.get("text") or "" for m in json.loads(r.read())["responses"])


def served_build(port):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=30) as r:
        text = r.read().decode()
    [sample] = [s for f in text_string_to_metric_families(text) for s in f.samples
                if s.name == "kwalibot_knowledge_base_info"]
    return sample.labels["build_id"]


def test_a_rebuild_is_served_without_restart_and_without_errors(kb_url, dossiers, tmp_path):
    every, subset = dossiers
    write(kb_url, subset, SOURCES_DIR)
    old_build = read_build_info(kb_url)[0]
    port = free_port()
    with action_server(port, tmp_path / "actions.log", {"KWALIBOT_DB_URL": kb_url}):
        status, old_list = ask(port, LIST)
        assert status == 200 and old_list.startswith("Ik ken deze kwalificaties:\n") and NEW_LINE not in old_list
        status, steady = ask(port, STEADY)
        assert status == 200 and steady.startswith("B1-K1-W3 Verwerkt gegevens"), steady
        assert served_build(port) == old_build

        answers, stop = [], threading.Event()

        def keep_asking():  # the users of a busy server: one request after the other, both questions
            while not stop.is_set():
                for question in (LIST, STEADY):
                    answers.append((question, time.monotonic(), *ask(port, question)))

        def served(text, since):
            """Wait until the list answered after `since` is `text`; the time it was first asked."""
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                found = [t for q, t, _, answer in list(answers) if q is LIST and t >= since and answer == text]
                if found:
                    return found[0]
                time.sleep(0.2)
            raise AssertionError(f"the running action server never answered {text!r}")

        client = threading.Thread(target=keep_asking)
        client.start()
        try:
            time.sleep(1)  # answers before the rebuild too
            started = time.monotonic()
            write(kb_url, every, SOURCES_DIR)  # the swap itself: a new SQLite file renamed over / a schema renamed
            swapped = time.monotonic()
            new_list = old_list.replace("- Assistent communicatiemedewerker",
                                        "Kwalificatiedossier Commercie:\n" + NEW_LINE + "\n- Assistent communicatiemedewerker")
            assert new_list != old_list
            picked_up = served(new_list, swapped)
            new_build = read_build_info(kb_url)[0]
            assert new_build != old_build and served_build(port) == new_build
            time.sleep(1)
            # and back: the dossier the answers just named disappears (an answer reading two builds fails here)
            write(kb_url, subset, SOURCES_DIR)
            back = time.monotonic()
            served(old_list, back)
            time.sleep(1)
        finally:
            stop.set()
            client.join(timeout=120)

        assert all(status == 200 for _, _, status, _ in answers)
        # The old list, then the new one, then the old one again: each switch once, for good, no third answer.
        lists = [text for q, _, _, text in answers if q is LIST]
        runs = [text for k, text in enumerate(lists) if k == 0 or lists[k - 1] != text]
        assert runs == [old_list, new_list, old_list]
        assert [text for q, _, _, text in answers if q is STEADY] == [steady] * (len(answers) - len(lists))
        assert served_build(port) == read_build_info(kb_url)[0] not in (old_build, new_build)
        print(f"\n{kb_url.split(':')[0]}: {len(answers)} answers; rebuild written in {swapped - started:.1f} s; "
              f"the new list first asked {picked_up - swapped:.1f} s after the swap")
