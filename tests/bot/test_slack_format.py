"""Slack formatting and the Slack channel's small decisions, as tables."""
import pytest

from bot.channels.slack.channel import Target, click_target, event_target
from bot.channels.slack.format import (BUTTON_TITLE_LIMIT, MAX_BUTTONS, SECTION_LIMIT, button_elements,
                                       button_message_blocks, chosen_blocks, from_slack, split_text, to_mrkdwn)


@pytest.mark.parametrize("markdown, mrkdwn", [
    ("gewone tekst", "gewone tekst"),
    ("**vet**", "*vet*"),
    ("__vet__", "*vet*"),
    ("*schuin*", "_schuin_"),
    ("_schuin_", "_schuin_"),
    ("~~weg~~", "~weg~"),
    ("**vet** en *schuin* in één zin", "*vet* en _schuin_ in één zin"),
    ("**vet met *schuin* erin**", "*vet met _schuin_ erin*"),
    ("[SBB](https://www.s-bb.nl)", "<https://www.s-bb.nl|SBB>"),
    ("[**vet** label](https://x.nl)", "<https://x.nl|*vet* label>"),
    ("[a|b](https://x.nl)", "<https://x.nl|a¦b>"),
    ("[zoek](https://x.nl/?a=1&b=2)", "<https://x.nl/?a=1&amp;b=2|zoek>"),
    ("[mail](mailto:info@x.nl)", "<mailto:info@x.nl|mail>"),
    ("<https://x.nl>", "<https://x.nl>"),
    ("[niet een link](javascript:alert(1))", "[niet een link](javascript:alert(1))"),
    ("Marketing & Communication", "Marketing &amp; Communication"),
    ("a < b > c", "a &lt; b &gt; c"),
    ("<script>", "&lt;script&gt;"),
    ("<!channel> iedereen", "&lt;!channel&gt; iedereen"),  # no mass notification from dossier text
    ("`**code**`", "`**code**`"),
    ("`a & b`", "`a &amp; b`"),
    ("```\n**blok**\n```", "```\n**blok**\n```"),
    ("# Kop", "*Kop*"),
    ("### Kop ###", "*Kop*"),
    ("- een\n- twee", "• een\n• twee"),
    ("* een\n+ twee", "• een\n• twee"),
    ("- een\n  - onder\n    - dieper", "• een\n    ◦ onder\n        ◦ dieper"),
    ("Gedrag:\n- Hij **plant**", "Gedrag:\n• Hij *plant*"),
    ("5 * 3 * 2", "5 * 3 * 2"),
    ("snake_case_naam", "snake_case_naam"),
    ("2**3", "2**3"),
    ("*a*", "_a_"),
    ("P5-K1-W2 Verwerkt gegevens:\nResultaat: correct", "P5-K1-W2 Verwerkt gegevens:\nResultaat: correct"),
    ("", ""),
])
def test_markdown_becomes_slack_mrkdwn(markdown, mrkdwn):
    assert to_mrkdwn(markdown) == mrkdwn


@pytest.mark.parametrize("slack, plain", [
    ("<@U0BOT> wat is W3?", "wat is W3?"),
    ("wat is W3 <@U0BOT>", "wat is W3"),
    ("<@U0BOT>", ""),
    ("vraag <@U0BOT>over W3", "vraag over W3"),
    ("vraag het <@U0ANDER>", "vraag het @U0ANDER"),
    ("vraag het <@U0ANDER|piet>", "vraag het @piet"),
    ("zie <#C0ALG|algemeen>", "zie #algemeen"),
    ("<!here> let op", "@here let op"),
    ("<!subteam^S0X|@docenten> kijk", "@docenten kijk"),
    ("<https://www.s-bb.nl|s-bb.nl> crebo", "s-bb.nl crebo"),
    ("<https://www.s-bb.nl/a?b=1&amp;c=2>", "https://www.s-bb.nl/a?b=1&c=2"),
    ("<mailto:a@b.nl|a@b.nl>", "a@b.nl"),
    ("<mailto:a@b.nl>", "a@b.nl"),
    ("Marketing &amp; Communication Specialist", "Marketing & Communication Specialist"),
    ("a &lt; b &gt; c", "a < b > c"),
    ("&amp;lt; blijft", "&lt; blijft"),
    ("regel 1\nregel 2", "regel 1 regel 2"),
    ("", ""),
    (None, ""),
])
def test_slack_text_becomes_plain_text_for_rasa(slack, plain):
    assert from_slack(slack, ["U0BOT"]) == plain


BUTTONS = [{"title": "B1-K1-W3 Verwerkt gegevens", "payload": '/vraag_werkproces{"code": "B1-K1-W3"}'},
           {"title": "P6-K1-W3 Voert marktonderzoeken uit", "payload": '/vraag_werkproces{"code": "P6-K1-W3"}'}]


def test_buttons_become_a_section_and_an_actions_block():
    assert button_message_blocks("Welke bedoel je? **Kies**:", BUTTONS) == [
        {"type": "section", "text": {"type": "mrkdwn", "text": "Welke bedoel je? *Kies*:"}},
        {"type": "actions", "block_id": "kwalibot_knoppen", "elements": [
            {"type": "button", "action_id": "kwalibot_knop_0",
             "text": {"type": "plain_text", "text": "B1-K1-W3 Verwerkt gegevens", "emoji": True},
             "value": '/vraag_werkproces{"code": "B1-K1-W3"}'},
            {"type": "button", "action_id": "kwalibot_knop_1",
             "text": {"type": "plain_text", "text": "P6-K1-W3 Voert marktonderzoeken uit", "emoji": True},
             "value": '/vraag_werkproces{"code": "P6-K1-W3"}'},
        ]},
    ]


@pytest.mark.parametrize("buttons, titles, values", [
    ([{"title": "a" * 100, "payload": "/x"}], ["a" * (BUTTON_TITLE_LIMIT - 1) + "…"], ["/x"]),
    ([{"title": "", "payload": "/x"}], ["/x"], ["/x"]),
    ([{"title": "  twee   woorden ", "payload": "/x"}], ["twee woorden"], ["/x"]),
    ([{"title": "leeg", "payload": ""}], [], []),
    ([{"title": "te lang", "payload": "/" + "x" * 2000}], [], []),
    ([{"title": str(i), "payload": f"/{i}"} for i in range(30)],
     [str(i) for i in range(MAX_BUTTONS)], [f"/{i}" for i in range(MAX_BUTTONS)]),
])
def test_button_elements_respect_slacks_limits(buttons, titles, values):
    elements = button_elements(buttons)
    assert [e["text"]["text"] for e in elements] == titles
    assert [e["value"] for e in elements] == values
    assert len({e["action_id"] for e in elements}) == len(elements)


def test_a_long_text_with_buttons_is_split_over_sections():
    text = "\n".join(f"- regel {i} " + "x" * 80 for i in range(100))
    blocks = button_message_blocks(text, BUTTONS)
    sections = [b for b in blocks if b["type"] == "section"]
    assert len(sections) > 1 and all(len(s["text"]["text"]) <= SECTION_LIMIT for s in sections)
    assert "".join(s["text"]["text"] for s in sections).count("• regel") == 100
    assert blocks[-1]["type"] == "actions"


def test_buttons_without_text_give_only_the_actions_block():
    assert [b["type"] for b in button_message_blocks("", BUTTONS)] == ["actions"]


@pytest.mark.parametrize("text, limit, pieces", [
    ("kort", 10, ["kort"]),
    ("een twee drie vier", 10, ["een twee", "drie vier"]),
    ("alinea een\n\nalinea twee", 15, ["alinea een", "alinea twee"]),
    ("xxxxxxxxxxxxxxxxxxxx", 8, ["xxxxxxxx", "xxxxxxxx", "xxxx"]),
    ("aaaaaa &amp; bbbbbb", 10, ["aaaaaa", "&amp;", "bbbbbb"]),
    ("", 10, []),
])
def test_split_text(text, limit, pieces):
    assert split_text(text, limit) == pieces
    assert all(len(p) <= limit for p in split_text(text, limit))


def test_a_click_replaces_the_buttons_by_the_choice():
    blocks = button_message_blocks("Welke?", BUTTONS)
    assert chosen_blocks(blocks, "U1", "P6 & co") == [
        blocks[0], {"type": "context", "elements": [{"type": "mrkdwn", "text": "<@U1> Gekozen: *P6 &amp; co*"}]}]


@pytest.mark.parametrize("event, target", [
    ({"type": "message", "channel_type": "im", "channel": "D1", "user": "U1", "ts": "10.1"},
     Target("D1", None, "U1_D1")),
    ({"type": "message", "channel_type": "im", "channel": "D1", "user": "U1", "ts": "10.2", "thread_ts": "10.1"},
     Target("D1", "10.1", "U1_D1_10.1")),
    ({"type": "app_mention", "channel": "C1", "user": "U1", "ts": "10.1"},
     Target("C1", "10.1", "U1_C1_10.1")),
    ({"type": "app_mention", "channel": "C1", "user": "U1", "ts": "10.5", "thread_ts": "10.1"},
     Target("C1", "10.1", "U1_C1_10.1")),
    ({"type": "app_mention", "channel": "G1", "user": "U2", "ts": "10.1"},
     Target("G1", "10.1", "U2_G1_10.1")),
    ({"type": "message", "channel_type": "mpim", "channel": "G2", "user": "U1", "ts": "10.1"},
     Target("G2", "10.1", "U1_G2_10.1")),
])
def test_where_a_message_is_answered(event, target):
    assert event_target(event) == target


@pytest.mark.parametrize("payload, target", [
    ({"user": {"id": "U1"}, "channel": {"id": "C1"},
      "container": {"type": "message", "channel_id": "C1", "message_ts": "10.2", "thread_ts": "10.1"},
      "message": {"ts": "10.2", "thread_ts": "10.1"}},
     Target("C1", "10.1", "U1_C1_10.1")),  # same conversation as the mention that got the buttons
    ({"user": {"id": "U1"}, "channel": {"id": "D1"},
      "container": {"type": "message", "channel_id": "D1", "message_ts": "10.2"}, "message": {"ts": "10.2"}},
     Target("D1", None, "U1_D1")),  # same conversation as the direct message
    ({"user": {"id": "U1"}, "container": {"type": "message", "channel_id": "D1", "message_ts": "10.2"}},
     Target("D1", None, "U1_D1")),
])
def test_where_a_click_is_answered(payload, target):
    assert click_target(payload) == target
