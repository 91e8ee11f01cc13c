"""What kwalibot sends to Teams (HTML text, hero cards with messageBack buttons) and what it reads back."""
import pytest

from bot.channels.teams.format import (MAX_BUTTONS_PER_CARD, card_action, conversation_key, hero_cards, split_text,
                                       to_teams_html, user_text)

WP_PAYLOAD = '/vraag_werkproces{"werkproces_code": "P6-K1-W3"}'


@pytest.mark.parametrize("text, html", [
    ("", ""),
    (None, ""),
    ("Crebonummer 25727.", "Crebonummer 25727."),
    ("Marketing & Communication <specialist>", "Marketing &amp; Communication &lt;specialist&gt;"),
    ('Zeg "ja"', 'Zeg "ja"'),
    ("Regel een\nRegel twee", "Regel een<br>Regel twee"),
    ("Eerste alinea\n\nTweede alinea", "Eerste alinea<br><br>Tweede alinea"),
    ("Dit is 25727.\nBron: Kwalificatiedossier Business Services",
     "Dit is 25727.<br>Bron: Kwalificatiedossier Business Services"),
    ("Werkprocessen:\n- B1-K1-W1 Plant\n- B1-K1-W2 Voert uit",
     "Werkprocessen:<br>• B1-K1-W1 Plant<br>• B1-K1-W2 Voert uit"),
    ("- Profiel\n  - Keuzedeel", "• Profiel<br>&nbsp;&nbsp;&nbsp;&nbsp;◦ Keuzedeel"),
    ("-5 graden", "-5 graden"),  # not a list item
    ("een **vet** woord", "een <b>vet</b> woord"),
    ("een *schuin* woord, 2 * 3", "een <i>schuin</i> woord, 2 * 3"),
    ("## Kop", "<b>Kop</b>"),
    ("zie [SBB](https://www.s-bb.nl/a?b=1&c=2)", 'zie <a href="https://www.s-bb.nl/a?b=1&amp;c=2">SBB</a>'),
    ("zie https://www.s-bb.nl.", 'zie <a href="https://www.s-bb.nl">https://www.s-bb.nl</a>.'),
    ("regel\r\nnog een", "regel<br>nog een"),
])
def test_reply_text_becomes_teams_html(text, html):
    assert to_teams_html(text) == html


@pytest.mark.parametrize("button, action", [
    ({"title": "P6-K1-W3 Voert marktonderzoeken uit", "payload": WP_PAYLOAD},
     {"type": "messageBack", "title": "P6-K1-W3 Voert marktonderzoeken uit",
      "displayText": "P6-K1-W3 Voert marktonderzoeken uit", "text": WP_PAYLOAD,
      "value": {"kwalibot_payload": WP_PAYLOAD}}),
    ({"title": "  Ja \n graag ", "payload": "/bevestig"},
     {"type": "messageBack", "title": "Ja graag", "displayText": "Ja graag", "text": "/bevestig",
      "value": {"kwalibot_payload": "/bevestig"}}),
    ({"payload": "/help"},  # no title: the payload is shown
     {"type": "messageBack", "title": "/help", "displayText": "/help", "text": "/help",
      "value": {"kwalibot_payload": "/help"}}),
    ({"title": "Naar SBB", "url": "https://www.s-bb.nl/"},
     {"type": "openUrl", "title": "Naar SBB", "value": "https://www.s-bb.nl/"}),
    ({"title": "Zonder payload"}, None),
    ({"title": "", "payload": ""}, None),
    ({"title": "Een link?", "url": "javascript:alert(1)", "payload": "/x"},  # not a web link: the payload counts
     {"type": "messageBack", "title": "Een link?", "displayText": "Een link?", "text": "/x",
      "value": {"kwalibot_payload": "/x"}}),
])
def test_rasa_buttons_become_card_actions_teams_can_click(button, action):
    assert card_action(button) == action


@pytest.mark.parametrize("count, cards, first_text", [
    (0, [], None),
    (1, [1], "Welke bedoel je?"),
    (2, [2], "Welke bedoel je?"),
    (MAX_BUTTONS_PER_CARD, [6], "Welke bedoel je?"),
    (7, [6, 1], "Welke bedoel je?"),
    (13, [6, 6, 1], "Welke bedoel je?"),
])
def test_buttons_go_into_hero_cards_of_at_most_six(count, cards, first_text):
    buttons = [{"title": f"Keuze {i}", "payload": f"/keuze{{\"n\": {i}}}"} for i in range(count)]
    attachments = hero_cards("Welke bedoel je?", buttons)
    assert [len(a["content"]["buttons"]) for a in attachments] == cards
    assert all(a["contentType"] == "application/vnd.microsoft.card.hero" for a in attachments)
    if attachments:
        assert attachments[0]["content"]["text"] == first_text
        assert all("text" not in a["content"] for a in attachments[1:])
        order = [b["text"] for a in attachments for b in a["content"]["buttons"]]
        assert order == [b["payload"] for b in buttons]


def test_the_card_text_is_html_too():
    [card] = hero_cards("B1 & P6:\n- een\n- twee", [{"title": "x", "payload": "/x"}])
    assert card["content"]["text"] == "B1 &amp; P6:<br>• een<br>• twee"


BOT = {"id": "28:kwalibot", "name": "kwalibot"}
MENTION = {"type": "mention", "mentioned": BOT, "text": "<at>kwalibot</at>"}


@pytest.mark.parametrize("activity, text", [
    ({"text": "Welk crebonummer?"}, "Welk crebonummer?"),
    ({"text": "\r\n<at>kwalibot</at> Welk crebonummer?\r\n", "entities": [MENTION]}, "\r\n  Welk crebonummer?\r\n"),
    ({"text": "<at>KWALIBOT</at> hoi", "entities": [MENTION]}, "  hoi"),
    ({"text": "<at>kwalibot</at> hoi", "entities": [{"type": "mention", "mentioned": BOT}]}, "  hoi"),
    ({"text": "vraag het <at>Jan de Vries</at>", "entities": [
        MENTION, {"type": "mention", "mentioned": {"id": "29:jan"}, "text": "<at>Jan de Vries</at>"}]},
     "vraag het Jan de Vries"),
    ({"text": "a&nbsp;b\xa0c"}, "a b c"),
    # a messageBack click: text and value as the button had them
    ({"text": WP_PAYLOAD, "value": {"kwalibot_payload": WP_PAYLOAD}}, WP_PAYLOAD),
    # an Adaptive Card Action.Submit (or a client that drops text): only the value
    ({"text": "", "value": {"kwalibot_payload": WP_PAYLOAD}}, WP_PAYLOAD),
    ({"value": '{"kwalibot_payload": "/help"}'}, "/help"),  # value as a JSON string
    ({"text": "hallo", "value": {"iets": "anders"}}, "hallo"),
    ({"text": "hallo", "value": "geen json"}, "hallo"),
    ({}, None),
    ({"text": 12}, 12),  # left for screen() to answer
])
def test_what_rasa_reads_from_an_activity(activity, text):
    assert user_text({"recipient": BOT, **activity}) == text


def test_one_rasa_conversation_per_user_and_teams_conversation():
    one = {"from": {"id": "29:a"}, "conversation": {"id": "19:x@thread.tacv2;messageid=1"}}
    assert conversation_key(one) == "29:a|19:x@thread.tacv2;messageid=1"
    other_thread = {"from": {"id": "29:a"}, "conversation": {"id": "19:x@thread.tacv2;messageid=2"}}
    other_user = {"from": {"id": "29:b"}, "conversation": one["conversation"]}
    assert len({conversation_key(a) for a in (one, other_thread, other_user)}) == 3


@pytest.mark.parametrize("text, limit, pieces", [
    ("kort", 100, ["kort"]),
    ("een<br>twee<br>drie", 12, ["een<br>twee", "drie"]),
    ("aaaa bbbb cccc", 10, ["aaaa bbbb", "cccc"]),
    ("x" * 25, 10, ["x" * 10, "x" * 10, "x" * 5]),
    ("xxxxxxx&amp;yyyy", 10, ["xxxxxxx", "&amp;yyyy"]),
    ("xxxxxx<b>yy</b>", 10, ["xxxxxx", "<b>yy</b>"]),
])
def test_long_texts_are_split_at_breaks_never_inside_markup(text, limit, pieces):
    assert split_text(text, limit) == pieces
