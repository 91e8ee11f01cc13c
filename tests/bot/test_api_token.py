"""The token of Rasa's HTTP API (bot/api_token.py) and where kwalibot's command lines put it."""
import multiprocessing
import os

import pytest

from bot.api_token import TOKEN_VAR, rasa_auth_token, with_token
from bot.run import server_commands


def test_unset_a_token_is_generated_once_readable_by_its_owner_only(tmp_path, capsys):
    path = tmp_path / "var" / "rasa-auth-token"
    token = rasa_auth_token({}, path)
    assert capsys.readouterr().err == f"kwalibot: Rasa's HTTP API token generated into {path} " \
                                      "(`?token=` on /conversations/…, /model…)\n"
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.read_text() == token + "\n" and len(token) >= 40
    assert rasa_auth_token({TOKEN_VAR: ""}, path) == rasa_auth_token({TOKEN_VAR: "  "}, path) == token
    assert [p.name for p in path.parent.iterdir()] == ["rasa-auth-token"]  # no draft left behind
    assert capsys.readouterr().err == ""  # said once, when it was made


def test_the_variable_wins_and_no_file_is_written(tmp_path):
    path = tmp_path / "rasa-auth-token"
    assert rasa_auth_token({TOKEN_VAR: " from-the-environment\n"}, path) == "from-the-environment"
    assert not path.exists()


def test_tokens_of_two_folders_differ(tmp_path):
    assert rasa_auth_token({}, tmp_path / "a" / "t") != rasa_auth_token({}, tmp_path / "b" / "t")


def _token_of_a_process(path):
    return rasa_auth_token({}, path)


def test_processes_starting_at_once_all_get_the_same_token(tmp_path):
    path = tmp_path / "rasa-auth-token"
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        tokens = pool.map(_token_of_a_process, [path] * 8)
    assert set(tokens) == {path.read_text().strip()}


def test_a_file_readable_by_others_is_made_private(tmp_path, capsys):
    path = tmp_path / "rasa-auth-token"
    path.write_text("copied-token\n")
    os.chmod(path, 0o644)
    assert rasa_auth_token({}, path) == "copied-token"
    assert path.stat().st_mode & 0o777 == 0o600
    assert "was readable by others" in capsys.readouterr().err


def test_an_empty_file_is_an_error_that_says_what_to_do(tmp_path):
    path = tmp_path / "rasa-auth-token"
    path.write_text("\n")
    os.chmod(path, 0o600)
    with pytest.raises(RuntimeError, match="is empty: delete it"):
        rasa_auth_token({}, path)


@pytest.mark.parametrize("url, expected", [
    ("http://127.0.0.1:5005/status", "http://127.0.0.1:5005/status?token=t%2Bk%2Fn%3D"),
    ("http://h/conversations/a/tracker?include_events=ALL",
     "http://h/conversations/a/tracker?include_events=ALL&token=t%2Bk%2Fn%3D"),
])
def test_with_token_adds_the_query_parameter_rasa_reads(tmp_path, url, expected):
    assert with_token(url, {TOKEN_VAR: "t+k/n="}, tmp_path / "unused") == expected


@pytest.mark.parametrize("env, token, interface", [
    ({TOKEN_VAR: "tok"}, "tok", "0.0.0.0"),
    ({TOKEN_VAR: "tok", "KWALIBOT_RASA_HOST": "127.0.0.1"}, "tok", "127.0.0.1"),
    ({TOKEN_VAR: "tok", "KWALIBOT_RASA_HOST": ""}, "tok", "0.0.0.0"),
    ({TOKEN_VAR: "-Ve9x"}, "-Ve9x", "0.0.0.0"),  # a token may start with "-": still one argument
])
def test_rasa_always_starts_with_the_token_on_the_interface_the_readme_names(tmp_path, env, token, interface):
    from rasa.__main__ import create_argument_parser

    _, rasa = server_commands(5005, 5055, env=env, endpoints_folder=tmp_path)
    parsed = create_argument_parser().parse_args(rasa[1:])  # as `rasa run` reads its command line
    assert parsed.auth_token == token and parsed.interface == interface
    assert sum(a.startswith("--auth-token") for a in rasa) == rasa.count("--interface") == 1


def test_a_generated_token_never_starts_like_an_option(tmp_path):
    assert not any(rasa_auth_token({}, tmp_path / str(n) / "t").startswith("-") for n in range(200))
