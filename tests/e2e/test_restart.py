"""Rasa restarted mid-conversation, with the SQLite and with the PostgreSQL tracker store: the follow-up
after the restart still knows what the conversation was about."""
import uuid

from bot.servers import action_server, ask, free_port, rasa_servers
from tests.conftest import require_model

QUESTION, FOLLOW_UP = "Wat is P2-K1-W1 bij Allround Assistant Business Services?", "en bij W2?"


def texts(messages):
    return " ".join(m.get("text") or "" for m in messages)


def test_a_follow_up_after_a_restart_knows_the_conversation(tmp_path, pg_url):
    require_model()
    stores = {"sqlite": f"sqlite:///{tmp_path / 'conversations.sqlite3'}", "postgresql": pg_url}
    envs = [{"KWALIBOT_TRACKER_URL": url} for url in stores.values()]
    sender = f"restart-{uuid.uuid4().hex[:8]}"
    action_port = free_port()
    (tmp_path / "before").mkdir()
    (tmp_path / "after").mkdir()
    with action_server(action_port, tmp_path / "actions.log"):
        with rasa_servers(action_port, tmp_path / "before", envs) as ports:  # one server per store, at once
            for port in ports:
                assert "P2-K1-W1" in texts(ask(port, sender, QUESTION))
            # Without that context the follow-up is not about P2-K1-W2: what follows tests the memory.
            assert "P2-K1-W2" not in texts(ask(ports[0], f"{sender}-new", FOLLOW_UP))
        # Stopped (SIGTERM, waited for): nothing of the conversation is left in any process.
        with rasa_servers(action_port, tmp_path / "after", envs) as ports:
            for store, port in zip(stores, ports):
                reply = texts(ask(port, sender, FOLLOW_UP))
                assert "P2-K1-W2" in reply and "Allround Assistant Business Services" in reply, (store, reply)
