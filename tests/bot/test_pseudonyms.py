"""Slack and Teams user ids stored as keyed hashes (bot.privacy.pseudonyms)."""
import os
import stat

import pytest

from bot.privacy.pseudonyms import Pseudonyms, enabled, secret

ENV = {"KWALIBOT_PSEUDONYM_SECRET": "een-geheim-voor-de-test"}


def test_a_sender_id_is_a_keyed_hash_that_starts_with_the_persons_part(tmp_path):
    slack = Pseudonyms("slack", ENV, tmp_path / "unused")
    one = slack.sender_id("U0DOCENT", "D0CHAT|", "U0DOCENT_D0CHAT")
    assert one == slack.sender_id("U0DOCENT", "D0CHAT|", "U0DOCENT_D0CHAT")  # stable: the conversation continues
    assert one.startswith(slack.user_prefix("U0DOCENT")) and len(one) == len("slack-") + 24 + 1 + 16
    assert "U0DOCENT" not in one and "D0CHAT" not in one
    other_place = slack.sender_id("U0DOCENT", "C0TEAM|1700.1", "U0DOCENT_C0TEAM_1700.1")
    other_user = slack.sender_id("U0ANDER", "D0CHAT|", "U0ANDER_D0CHAT")
    assert other_place.startswith(slack.user_prefix("U0DOCENT")) and other_place != one
    assert not other_user.startswith(slack.user_prefix("U0DOCENT"))
    # another secret, other pseudonyms: without the secret nobody links them to the person
    assert Pseudonyms("slack", {"KWALIBOT_PSEUDONYM_SECRET": "x"}).sender_id("U0DOCENT", "D0CHAT|", "") != one
    assert Pseudonyms("teams", ENV).user_prefix("U0DOCENT").startswith("teams-")


def test_without_a_configured_secret_one_is_generated_once_readable_by_its_owner_only(tmp_path):
    path = tmp_path / "var" / "pseudonym-secret"
    first = secret({}, path)
    assert len(first) == 64 and stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert secret({}, path) == first  # the next start reads it back
    assert Pseudonyms("slack", {}, path).user_prefix("U1") == Pseudonyms("slack", {}, path).user_prefix("U1")
    assert secret(ENV, path) == ENV["KWALIBOT_PSEUDONYM_SECRET"].encode()  # the variable wins


def test_a_channel_that_is_never_used_writes_no_secret(tmp_path):
    Pseudonyms("teams", {}, tmp_path / "pseudonym-secret")
    assert not (tmp_path / "pseudonym-secret").exists()


@pytest.mark.parametrize("value, on", [(None, True), ("1", True), ("", True), ("0", False), ("false", False),
                                       ("off", False), ("no", False)])
def test_kwalibot_pseudonymise_switch(value, on):
    assert enabled({} if value is None else {"KWALIBOT_PSEUDONYMISE": value}) is on


def test_switched_off_the_ids_and_metadata_stay_as_they_are(tmp_path):
    plain = Pseudonyms("slack", {"KWALIBOT_PSEUDONYMISE": "0"}, tmp_path / "never-written")
    assert plain.sender_id("U0DOCENT", "D0CHAT|", "U0DOCENT_D0CHAT") == "U0DOCENT_D0CHAT"
    assert plain.metadata({"user": "U0DOCENT", "button": {}}, keep=("button",)) == {"user": "U0DOCENT", "button": {}}
    assert not (tmp_path / "never-written").exists()


def test_only_the_kept_metadata_reaches_rasa(tmp_path):
    metadata = {"user": "U0DOCENT", "users": ["U0BOT"], "team": "T0", "out_channel": "D0", "button": {"title": "x"}}
    assert Pseudonyms("slack", ENV).metadata(metadata, keep=("button",)) == {"button": {"title": "x"}}
