"""How a long passage is cut for a reply: around what the question was found by."""
import pytest

from questions.replies.wording import _snippet

TEXT = ("De werkzaamheden zijn veelal routinematig. " + "Hij plant en regelt de dagelijkse gang van zaken. " * 8
        + "De werkzaamheden hebben een groot afbreukrisico bij de kas en de budgetten.")


@pytest.mark.parametrize("matched, shown", [
    (["werkzaamheden", "afbreukrisico"], "afbreukrisico"),  # the window with most of the words, not the first
    (["routinematig"], "routinematig"),
])
def test_the_snippet_shows_where_most_of_the_question_words_are(matched, shown):
    assert shown in _snippet(TEXT, matched, 160)


def test_a_short_text_is_shown_whole():
    assert _snippet("Kort.", ["kort"], 160) == "Kort."
