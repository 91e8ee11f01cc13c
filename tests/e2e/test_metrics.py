"""Monitoring end to end: the real action server (bot.action_server) and Rasa server, their /ready and /metrics.

The counters must move by exactly what the turns did: a normal question, one that falls back, one
while the action server is down (the apology). No message text or sender id may appear in the metrics.

Rasa and the action server (bot.action_server, as bot.run starts it) are `default_stack`
(tests/e2e/conftest.py), shared with other modules: the counters are compared before and after this
module's own turns, and nothing else talks to the stack meanwhile (the tests run one after another).
"""
import json
import sys
import time
import urllib.error
import urllib.request
import uuid

import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.api_token import with_token
from bot.metrics import FALLBACK_REPLIES, read_build_info
from bot.run import environment
from bot.run import server_commands
from bot.servers import _server, ask, free_port, stop

NORMAL = "Welk niveau is de Marketing & Communication Specialist?"
NONSENSE = "qwzx vlorp brrr"  # NLU: nlu_fallback (checked in the test); the question model: a topic found nowhere
DOWN = "Welk crebonummer heeft de Office & Management Support Specialist?"
RUN = uuid.uuid4().hex[:8]  # sender ids unique per run: conversations may outlive a run in a tracker store


def monitored_action_server(port, log, env_extra=None):
    """The action server as bot.action_server runs it (bot.run.action_command), ready once /health answers."""
    command = [sys.executable, "-m", "bot.action_server", "--actions", "actions", "--port", str(port)]
    return _server(command, {**environment(port), **(env_extra or {})}, f"http://127.0.0.1:{port}/health", 120, log)


def get(url, timeout=10):
    """(status, body) of a GET, also for 4xx/5xx."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def wait_ready(port, timeout=90):
    """/ready's answer once it no longer says 'loading' (the knowledge base loads after the server starts)."""
    deadline = time.monotonic() + timeout
    while True:
        status, body = get(f"http://127.0.0.1:{port}/ready")
        if json.loads(body)["status"] != "loading" or time.monotonic() > deadline:
            return status, json.loads(body)
        time.sleep(0.5)


def scrape(port):
    """(the raw exposition, {(sample name, sorted labels): value})."""
    status, text = get(f"http://127.0.0.1:{port}/metrics")
    assert status == 200
    samples = {(s.name, tuple(sorted(s.labels.items()))): s.value
               for family in text_string_to_metric_families(text) for s in family.samples}
    return text, samples


def delta(before, after):
    """The samples that changed, as {(name, labels): change}; histogram buckets and sums left out."""
    return {key: after[key] - before.get(key, 0.0) for key in after
            if after[key] != before.get(key, 0.0) and not key[0].endswith(("_bucket", "_sum"))
            and key[0].startswith("kwalibot_") and "knowledge_base" not in key[0]}


@pytest.fixture(scope="module")
def bot(default_stack):
    assert default_stack["actions"].args[:3] == [sys.executable, "-m", "bot.action_server"]
    return default_stack


def test_both_processes_say_ready_with_model_and_knowledge_base_loaded(bot):
    status, body = get(f"http://127.0.0.1:{bot['port']}/ready")
    assert status == 200 and json.loads(body)["model_id"]
    status, body = wait_ready(bot["action_port"])
    assert status == 200 and body["dossiers"] > 0
    text, samples = scrape(bot["action_port"])
    build_id, built_at = read_build_info()  # the same var/ knowledge base the action server reads
    assert samples[("kwalibot_knowledge_base_info", (("build_id", build_id), ("built_at", built_at)))] == 1
    assert samples[("kwalibot_knowledge_base_up", ())] == 1


def test_counters_move_by_exactly_what_the_turns_did_and_carry_no_text(bot):
    rasa_port, action_port = bot["port"], bot["action_port"]
    assert wait_ready(action_port)[0] == 200
    parse = with_token(f"http://127.0.0.1:{rasa_port}/model/parse", bot["env"])  # the stack's token
    parsed = urllib.request.urlopen(urllib.request.Request(parse, data=json.dumps({"text": NONSENSE}).encode()),
                                    timeout=30)
    assert json.loads(parsed.read())["intent"]["name"] == "nlu_fallback", "pick another NONSENSE for this model"

    _, rasa0 = scrape(rasa_port)
    _, actions0 = scrape(action_port)
    assert "niveau 4" in " ".join(m.get("text", "") for m in ask(rasa_port, f"metrics-{RUN}-a", NORMAL)).lower()
    assert ask(rasa_port, f"metrics-{RUN}-b", NONSENSE)
    _, rasa1 = scrape(rasa_port)
    actions_text, actions1 = scrape(action_port)
    assert delta(rasa0, rasa1) == {("kwalibot_messages_total", (("channel", "rest"),)): 2,
                                   ("kwalibot_reply_seconds_count", (("channel", "rest"),)): 2}
    changed = delta(actions0, actions1)
    normal_kind = next(key[1][0][1] for key in changed if key[0] == "kwalibot_answers_total"
                       and key[1] != (("reply", "search_nothing"),))
    assert changed == {("kwalibot_nlu_fallbacks_total", ()): 1,
                       ("kwalibot_answers_total", (("reply", normal_kind),)): 1,
                       ("kwalibot_answers_total", (("reply", "search_nothing"),)): 1,
                       ("kwalibot_fallbacks_total", (("reply", "search_nothing"),)): 1}
    assert normal_kind not in FALLBACK_REPLIES

    stop(bot["actions"])  # from here on the action server is down (conftest revives it for the next module)
    reply = ask(rasa_port, f"metrics-{RUN}-c", DOWN)
    assert reply[0]["text"].startswith("Sorry, er ging bij mij iets mis")
    rasa_text, rasa2 = scrape(rasa_port)
    assert delta(rasa1, rasa2) == {
        ("kwalibot_messages_total", (("channel", "rest"),)): 1,
        ("kwalibot_reply_seconds_count", (("channel", "rest"),)): 1,
        ("kwalibot_apologies_total", (("cause", "action_failed"), ("channel", "rest"))): 1,
        ("kwalibot_action_call_failures_total", (("action", "action_antwoord"),)): 1}
    assert rasa2[("kwalibot_reply_seconds_sum", (("channel", "rest"),))] > rasa0.get(
        ("kwalibot_reply_seconds_sum", (("channel", "rest"),)), 0)

    # Privacy: nothing the users typed, nor who they are, in either process's metrics.
    for text in (rasa_text, actions_text):
        for secret in ("Marketing", "qwzx", "vlorp", "Office", RUN):
            assert secret not in text


def test_an_action_server_without_knowledge_base_is_not_ready_and_counts_its_errors(tmp_path):
    port = free_port()
    missing = tmp_path / "missing.sqlite3"
    with monitored_action_server(port, tmp_path / "actions.log", {"KWALIBOT_DB_URL": f"sqlite:///{missing}"}):
        status, body = wait_ready(port)
        assert status == 503 and "FileNotFoundError" in body["reason"]
        _, before = scrape(port)
        assert before[("kwalibot_knowledge_base_up", ())] == 0
        # What Rasa sends for action_antwoord; the action answers it with the apology and counts the error.
        call = {"next_action": "action_antwoord", "sender_id": "x", "version": "3.6.21", "domain": {},
                "tracker": {"sender_id": "x", "slots": {}, "events": [],
                            "latest_message": {"text": "hallo", "intent": {"name": "greet"}}}}
        request = urllib.request.Request(f"http://127.0.0.1:{port}/webhook", data=json.dumps(call).encode(),
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as r:
            assert json.loads(r.read())["responses"][0]["text"].startswith("Sorry, er ging bij mij iets mis")
        _, after = scrape(port)
        assert delta(before, after) == {
            ("kwalibot_action_errors_total", (("action", "action_antwoord"), ("error", "FileNotFoundError"))): 1}
        assert wait_ready(port)[0] == 503 and not missing.exists()


def test_a_rasa_server_without_a_model_is_not_ready(tmp_path):
    # An empty model directory: a --model path that does not exist makes `rasa run` fall back to models/
    # (bot.servers.rasa_server_without_model does the same).
    port, env = free_port(), environment(5055)
    _, command = server_commands(port, free_port(), env=env)
    command[command.index("--model") + 1] = str(tmp_path)
    with _server(command, env, f"http://127.0.0.1:{port}/webhooks/rest/", 240, tmp_path / "rasa.log"):
        status, body = get(f"http://127.0.0.1:{port}/ready")
        assert status == 503 and json.loads(body)["reason"] == "no model loaded"
        assert get(f"http://127.0.0.1:{port}/metrics")[0] == 200
