"""What `python -m bot.cluster` checks and prepares before it starts anything: the conversations' database
(created when missing, on the real PostgreSQL), Redis, nginx's config, and a clear message for each
thing that is missing. Seconds; the running cluster is tests/e2e/test_cluster.py."""
from __future__ import annotations

import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bot import balancer, cluster
from tests.conftest import service_missing


def test_the_tracker_database_is_created_when_missing_and_left_alone_when_there(pg_server_url):
    name = f"kwalibot_test_{uuid.uuid4().hex[:10]}"
    url = make_url(pg_server_url).set(database=name).render_as_string(hide_password=False)
    admin = create_engine(pg_server_url, future=True, isolation_level="AUTOCOMMIT")
    try:
        assert cluster.ensure_database(url) is True
        assert cluster.ensure_database(url) is False
        with admin.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM pg_database WHERE datname = :n"), {"n": name}).scalar() == 1
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.mark.parametrize("url, message", [
    ("sqlite:///var/conversations.sqlite3", "KWALIBOT_TRACKER_URL must be postgresql://"),
    ("postgresql://postgres@127.0.0.1:1/kwalibot", "PostgreSQL does not answer at postgresql://postgres@127.0.0.1:1/kwalibot"),
])
def test_a_tracker_url_the_cluster_cannot_use_is_refused_saying_why(url, message):
    with pytest.raises(cluster.SetUpError, match=message.replace(".", r"\.").replace("?", r"\?")):
        cluster.ensure_database(url)


def test_redis_that_does_not_answer_is_named():
    with pytest.raises(cluster.SetUpError, match=r"Redis does not answer at redis://127\.0\.0\.1:1 "):
        cluster.check_redis("redis://127.0.0.1:1")


@pytest.mark.parametrize("env, tracker, redis", [
    ({}, "postgresql://postgres@127.0.0.1:5432/kwalibot", "redis://127.0.0.1:6379"),
    ({"KWALIBOT_TRACKER_URL": "postgresql://rasa@db/convs", "KWALIBOT_REDIS_URL": "redis://cache:6380/2"},
     "postgresql://rasa@db/convs", "redis://cache:6380/2"),
])
def test_the_stores_default_to_this_machines_and_the_variables_override(env, tracker, redis):
    assert (cluster.tracker_url(env), cluster.redis_url(env)) == (tracker, redis)


def test_replica_ports_follow_the_first_one_or_are_any_free_ones():
    assert cluster.ports(5105, 3) == [5105, 5106, 5107]
    free = cluster.ports(0, 3)
    assert len(set(free)) == 3 and all(port > 0 for port in free)


def test_the_nginx_config_names_every_server_and_nginx_accepts_it(tmp_path):
    config = balancer.write_config(tmp_path, 18080, 18081, 18082, [18090, 18091, 18092], [18095])
    written = config.read_text()
    assert "{{" not in written and f"pid {tmp_path.resolve()}/nginx.pid;" in written
    for port in (18090, 18091, 18092):  # in the webhooks' upstream and socket.io's
        assert written.count(f"server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;") == 2
    assert written.count("server 127.0.0.1:18095 max_fails=1 fail_timeout=5s;") == 1
    assert "listen 18080;" in written and "listen 127.0.0.1:18081;" in written
    nginx = balancer.nginx_binary()
    if nginx is None:
        service_missing("nginx is not installed (make nginx): the config was not checked by nginx -t")
    balancer.check(nginx, config)


def test_the_template_needs_every_value():
    with pytest.raises(KeyError, match="the nginx template needs port, web_port"):
        balancer.render("listen {{port}}; upstream web { server 127.0.0.1:{{web_port}}; } $host", {})
    assert balancer.render("listen {{port}}; $host {}", {"port": 80}) == "listen 80; $host {}"
