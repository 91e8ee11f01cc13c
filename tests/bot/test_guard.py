"""The one path of a user message in every channel (bot.channels.guard.guarded_turn), with Rasa's part
played by plain coroutines: one that answers, one that stays silent, one that raises."""
import asyncio
import logging

import pytest

from bot.channels.guard import guarded_turn
from bot.channels.rest import _Collector
from questions.replies import replies
from tests.e2e.bad_messages import BAD_MESSAGES

APOLOGY = replies().apology()


def turn(message, on_new_message):
    out = _Collector()
    received = []

    async def rasa(user_message):
        received.append(user_message)
        await on_new_message(user_message)
    asyncio.run(guarded_turn(rasa, message, out, "sender-1", "test", {"k": "v"}))
    return [m["text"] for m in out.messages], received


async def answers(message):
    await message.output_channel.send_text_message(message.sender_id, f"antwoord op {message.text}")


async def silent(message):
    pass


async def fails(message):
    raise ConnectionError("the lock store at redis://127.0.0.1:1 refused the connection")


def test_a_question_reaches_rasa_cleaned_and_its_answer_is_all_the_user_gets():
    said, received = turn("  Welk\tniveau\x00 heeft W3?  ", answers)
    assert said == ["antwoord op Welk niveau heeft W3?"]
    [message] = received
    assert (message.sender_id, message.input_channel, message.metadata) == ("sender-1", "test", {"k": "v"})


@pytest.mark.parametrize("message, expected", BAD_MESSAGES)
def test_bad_messages_get_the_polite_reply_and_never_reach_rasa(message, expected):
    said, received = turn(message, answers)
    assert len(said) == 1 and said[0].startswith(expected) and not received


def test_a_silent_turn_gets_the_apology_and_the_log_says_so(caplog, monkeypatch):
    monkeypatch.delenv("KWALIBOT_LOG_TEXT", raising=False)
    with caplog.at_level(logging.ERROR, logger="bot.channels.guard"):
        said, _ = turn("Welk niveau?", silent)
    assert said == [APOLOGY]
    assert ("no reply for sender sender-1 to a message of 12 characters (KWALIBOT_LOG_TEXT=1 logs the text) on "
            "test: the turn ended without a bot message") in caplog.text


def test_a_failing_turn_gets_the_apology_and_the_log_names_the_cause(caplog):
    with caplog.at_level(logging.ERROR, logger="bot.channels.guard"):
        said, _ = turn("Welk niveau?", fails)
    assert said == [APOLOGY]
    assert ("processing raised ConnectionError: the lock store at redis://127.0.0.1:1 refused the connection"
            in caplog.text)
    assert "Traceback" in caplog.text and 'raise ConnectionError("the lock store' in caplog.text


def test_a_cancelled_turn_is_not_swallowed():
    async def cancelled(message):
        raise asyncio.CancelledError()
    with pytest.raises(asyncio.CancelledError):
        turn("Welk niveau?", cancelled)


@pytest.mark.parametrize("message, reaches_rasa", [
    ("<p>Welk niveau heeft P3?</p>", "Welk niveau heeft P3?"),              # markup around a question: the question
    ("welke werkprocessen gaan over selecteren; en over updates?",         # SQL words in a question are words
     "welke werkprocessen gaan over selecteren; en over updates?"),
    ("is niveau 2 < niveau 4?", "is niveau 2 < niveau 4?"),               # a comparison sign is no tag
])
def test_markup_is_taken_off_and_the_question_inside_reaches_rasa(message, reaches_rasa):
    said, received = turn(message, answers)
    assert said == [f"antwoord op {reaches_rasa}"]
