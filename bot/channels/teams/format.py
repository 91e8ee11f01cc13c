"""Teams' formats: Rasa's markdown-ish replies in the HTML subset Teams renders, buttons as hero cards with
`messageBack` actions, and what Rasa should read of an incoming activity.

Buttons: the stock channel puts Rasa's `{title, payload}` straight into a hero card, but a Bot Framework
CardAction needs `type` and `value`, so Teams shows the buttons and a click does nothing ("something went
wrong"; RasaHQ/rasa#11411, #8164). Here each button is a `messageBack` action: Teams shows the title in the
chat as the user's message (displayText) and sends the payload to the bot as `text` and, repeated, in
`value`; a click (also an Adaptive Card Action.Submit, where `text` is empty) is read from `value`.
"""
from __future__ import annotations

import html
import json
import logging
import re
from typing import Any, Dict, Iterable, List, Optional

logger = logging.getLogger(__name__)

MAX_BUTTONS_PER_CARD = 6  # Teams shows at most six buttons on a hero card
TEXT_LIMIT = 20000  # characters per message (Teams refuses messages over about 28 KB of text)


# -- Teams HTML out ---------------------------------------------------------------------

_INLINE = re.compile(
    r"\[(?P<ltext>[^\]\n]+)\]\((?P<lurl>(?:https?://|mailto:)[^)\s]+)\)"
    r"|<(?P<auto>(?:https?://|mailto:)[^>\s]+)>"
    r"|(?P<url>https?://[^\s<>()]+[^\s<>().,;:!?'\"])"
    r"|\*\*(?P<bold>(?=\S)[^\n]*?\S)\*\*"
    r"|(?<![\w*])\*(?P<italic>(?=[^\s*])[^*\n]*?[^\s*])\*(?![\w*])",
)
_BULLET = re.compile(r"^(?P<indent>[ \t]*)[-*+][ \t]+(?=\S)")
_HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$")
_OPEN_TAG = re.compile(r"<(b|i|a)[ >]")


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def _link(url: str, label: str) -> str:
    return f'<a href="{html.escape(url, quote=True)}">{label}</a>'


def _inline(text: str) -> str:
    out, at = [], 0
    for m in _INLINE.finditer(text):
        out.append(_escape(text[at:m.start()]))
        at = m.end()
        if m.group("ltext") is not None:
            out.append(_link(m.group("lurl"), _inline(m.group("ltext"))))
        elif m.group("auto") or m.group("url"):
            url = m.group("auto") or m.group("url")
            out.append(_link(url, _escape(url)))
        elif m.group("bold") is not None:
            out.append(f"<b>{_inline(m.group('bold'))}</b>")
        else:
            out.append(f"<i>{_inline(m.group('italic'))}</i>")
    out.append(_escape(text[at:]))
    return "".join(out)


def to_teams_html(text: Optional[str]) -> str:
    """Rasa's markdown-ish reply text in the HTML subset Teams renders (messages and hero cards alike)."""
    lines = []
    for line in (text or "").replace("\r\n", "\n").replace("\r", "\n").strip("\n").split("\n"):
        heading = _HEADING.match(line)
        if heading:
            lines.append(f"<b>{_inline(heading.group(1))}</b>")
            continue
        bullet = _BULLET.match(line)
        if bullet:
            level = len(bullet.group("indent").replace("\t", "  ")) // 2
            mark = "• " if level == 0 else "&nbsp;" * 4 * level + "◦ "
            lines.append(mark + _inline(line[bullet.end():]))
        else:
            lines.append(_inline(line))
    return "<br>".join(lines)


def split_text(text: str, limit: int = TEXT_LIMIT) -> List[str]:
    """Pieces of at most `limit` characters of Teams HTML, cut at a line break, else a space, else anywhere
    outside a tag or an entity."""
    pieces = []
    while len(text) > limit:
        cut = text.rfind("<br>", 0, limit)
        if cut < limit // 3:
            cut = text.rfind(" ", 0, limit)
        if cut < limit // 3:
            cut = limit
            tag, amp = text.rfind("<", 0, cut), text.rfind("&", 0, cut)
            if tag > text.rfind(">", 0, cut):
                cut = tag  # inside a tag: cut before it
            elif amp > text.rfind(";", 0, cut) and cut - amp < 10:
                cut = amp  # inside an entity such as &amp;
            opened = [m for m in _OPEN_TAG.finditer(text, 0, cut)
                      if f"</{m.group(1)}>" not in text[m.end():cut]]
            if opened and opened[0].start() > 0:
                cut = opened[0].start()  # inside <b>…</b> or <a …>…</a>: cut before the element
        pieces.append(text[:cut])
        text = text[cut:]
        text = text[4:] if text.startswith("<br>") else text.lstrip(" ")
    if text:
        pieces.append(text)
    return pieces


def card_action(button: Dict[str, Any]) -> Optional[Dict[str, Any]]:
    """A Rasa button as a Bot Framework CardAction that works in Teams (None when unusable).

    A payload becomes a `messageBack`: Teams shows the title as the user's message and sends the payload
    (as `text` and in `value`). A button with a `url` becomes an `openUrl`.
    """
    payload = str(button.get("payload") or "").strip()
    url = str(button.get("url") or "").strip()
    title = " ".join(str(button.get("title") or payload or url).split())
    if url and url.startswith(("https://", "http://")):
        return {"type": "openUrl", "title": title or url, "value": url}
    if not payload or not title:
        logger.warning("button without title or payload left out: %r", button)
        return None
    return {"type": "messageBack", "title": title, "displayText": title, "text": payload,
            "value": {"kwalibot_payload": payload}}


def hero_cards(text: Optional[str], buttons: Iterable[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Hero card attachments for a text with buttons: the text and up to six buttons per card."""
    actions = [a for a in (card_action(b) for b in buttons or []) if a]
    body = to_teams_html(text)
    if not actions:
        return []
    cards = []
    for start in range(0, len(actions), MAX_BUTTONS_PER_CARD):
        content: Dict[str, Any] = {"buttons": actions[start:start + MAX_BUTTONS_PER_CARD]}
        if start == 0 and body:
            content["text"] = body
        cards.append({"contentType": "application/vnd.microsoft.card.hero", "content": content})
    return cards


# -- Teams activity in ------------------------------------------------------------------

_AT = re.compile(r"<at(?:\s[^>]*)?>(.*?)</at>", re.S | re.I)


def _payload_from_value(value: Any) -> Optional[str]:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return None
    if isinstance(value, dict):
        payload = value.get("kwalibot_payload")
        if isinstance(payload, str) and payload.strip():
            return payload.strip()
    return None


def user_text(activity: Dict[str, Any]) -> Any:
    """What Rasa should read for a message activity: a clicked button's payload, else the typed text
    without the bot's @mention (`<at>kwalibot</at>`); other mentions become the name."""
    payload = _payload_from_value(activity.get("value"))
    if payload:
        return payload
    text = activity.get("text")
    if not isinstance(text, str):
        return text
    bot = activity.get("recipient") or {}
    for entity in activity.get("entities") or []:
        if not (isinstance(entity, dict) and entity.get("type") == "mention"):
            continue
        mentioned = entity.get("mentioned") or {}
        if not bot.get("id") or mentioned.get("id") != bot.get("id"):
            continue
        mention = entity.get("text") or (f"<at>{mentioned['name']}</at>" if mentioned.get("name") else None)
        if mention:
            text = re.sub(re.escape(mention), " ", text, flags=re.I)
    text = _AT.sub(lambda m: m.group(1), text)
    return text.replace("&nbsp;", " ").replace("\xa0", " ")


def conversation_key(activity: Dict[str, Any]) -> str:
    """One Rasa conversation per user and Teams conversation (1:1 chat, group chat, channel thread)."""
    return f"{activity['from']['id']}|{activity['conversation']['id']}"
