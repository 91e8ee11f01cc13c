"""Chat shorthand is written out before the classifier and the question model read a message."""
import pytest

from bot.channels.guard import screen
from questions.shorthand import written_out


@pytest.mark.parametrize("typed, read", [
    ("wat is t niveau vd consulent", "wat is het niveau van de consulent"),
    ("hoeveel wp's heeft mn profiel", "hoeveel werkprocessen heeft mijn profiel"),
    ("leg W2 ff uit", "leg W2 even uit"),
    ("is dat niveau 2 ofzo", "is dat niveau 2"),
    ("P2-K1-W3 t.b.v. de planning", "P2-K1-W3 t.b.v. de planning"),  # codes and abbreviations with dots stay
    ("wat doet de vd-medewerker", "wat doet de vd-medewerker"),  # part of a word: no shorthand
])
def test_shorthand_written_out(typed, read):
    assert written_out(typed) == read


def test_the_channel_screen_writes_shorthand_out():
    assert screen("wat is t crebo vd consulent").text == "wat is het crebo van de consulent"


def test_a_button_payload_is_read_as_sent():
    assert screen('/inform{"werkproces": "W2"}').text == '/inform{"werkproces": "W2"}'


def test_a_message_of_only_fillers_gets_the_polite_reply():
    screened = screen("ofzo")
    assert screened.text is None and screened.reason == "not_text" and screened.reply
