"""PostgreSQL (tracker store) or Redis (lock store) away for a while: the user gets kwalibot's apology,
never a 500 or silence; the log names the cause; the next message after the store is back is answered,
and the conversation's context from before the outage is still there.

The stores go away through a TCP proxy the test switches off (connections refused, open ones cut)
rather than by stopping the machine's PostgreSQL and Redis, which other tests and people share.
"""
import time
import uuid

import pytest
from sqlalchemy.engine import make_url

from bot.servers import ask, kwalibot
from tests.conftest import fresh_pg_database, require_model
from tests.e2e.tcp_proxy import TcpProxy

QUESTION, FOLLOW_UP = "Wat is P2-K1-W1 bij Allround Assistant Business Services?", "en bij W2?"
APOLOGY = "Sorry, er ging bij mij iets mis"


def texts(messages):
    return " ".join(m.get("text") or "" for m in messages)


@pytest.fixture(scope="module")
def bot(tmp_path_factory, pg_server_url, redis_url):
    require_model()
    with fresh_pg_database(pg_server_url) as pg:
        pg, redis = make_url(pg), make_url(redis_url)  # both are URLs of the same shape
        proxies = {"postgresql": TcpProxy(pg.host, pg.port or 5432).start(),
                   "redis": TcpProxy(redis.host, redis.port or 6379).start()}
        env = {"KWALIBOT_TRACKER_URL": pg.set(host="127.0.0.1", port=proxies["postgresql"].port)
               .render_as_string(hide_password=False),
               "KWALIBOT_REDIS_URL": redis.set(host="127.0.0.1", port=proxies["redis"].port)
               .render_as_string(hide_password=False)}
        try:
            with kwalibot(tmp_path_factory.mktemp("outage-logs"), env) as servers:
                yield {**servers, "proxies": proxies}
        finally:
            for proxy in proxies.values():
                proxy.stop()


@pytest.mark.parametrize("store, cause", [("postgresql", "OperationalError"), ("redis", "Redis lock store")])
def test_a_store_away_gets_an_apology_and_the_service_heals_by_itself(bot, store, cause):
    sender = f"outage-{store}-{uuid.uuid4().hex[:8]}"
    assert "P2-K1-W1" in texts(ask(bot["port"], sender, QUESTION))
    log = bot["logs"] / "rasa.log"
    logged = len(log.read_text())

    bot["proxies"][store].stop()
    try:
        started = time.monotonic()
        reply = texts(ask(bot["port"], sender, FOLLOW_UP))  # urllib raises on any status but 200
        seconds = time.monotonic() - started
        assert reply.startswith(APOLOGY), reply
        assert seconds < 15, f"the apology took {seconds:.1f} s"
        new_log = log.read_text()[logged:]
        assert cause in new_log and "Connection refused" in new_log, new_log[-3000:]
    finally:
        bot["proxies"][store].start()

    # Back: answered at once, and with the context of before the outage.
    reply = texts(ask(bot["port"], sender, FOLLOW_UP))
    assert "P2-K1-W2" in reply and "Allround Assistant Business Services" in reply, reply
