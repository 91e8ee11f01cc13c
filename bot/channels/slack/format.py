"""Slack's formats: Rasa's markdown-ish replies as Slack mrkdwn and Block Kit, and Slack's text back as plain text.

Replies: `**b**` -> `*b*`, `[t](u)` -> `<u|t>`, `- ` -> `• `, `&<>` escaped (so dossier text can never
become a mention such as `@channel`); buttons become a Block Kit `actions` block (value = payload).
A user's message: Slack's escaping (`&amp;`, `<@U123>`, `<url|label>`) undone, the bot's mention dropped.
"""
from __future__ import annotations

import logging
import re
from typing import Any, Dict, Iterable, List, Optional

from bot.channels.wording import CHOSEN

logger = logging.getLogger(__name__)

TEXT_LIMIT = 3900  # characters per message text (Slack advises at most 4000)
SECTION_LIMIT = 3000  # characters per section block text (Slack's limit)
BUTTON_TITLE_LIMIT = 75
BUTTON_VALUE_LIMIT = 2000
MAX_BUTTONS = 25  # elements per actions block


# -- Slack mrkdwn out ---------------------------------------------------------------

def escape(text: str) -> str:
    """Slack's three control characters as entities (the only escaping Slack wants)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_INLINE = re.compile(
    r"(?P<fence>```.*?```)"
    r"|(?P<code>`[^`\n]+`)"
    r"|\[(?P<ltext>[^\]\n]+)\]\((?P<lurl>(?:https?://|mailto:)[^)\s]+)\)"
    r"|<(?P<auto>(?:https?://|mailto:)[^>\s]+)>"
    r"|\*\*(?P<bold>(?=\S)[^\n]*?\S)\*\*"
    r"|(?<!\w)__(?P<bold2>(?=\S)[^\n]*?\S)__(?!\w)"
    r"|~~(?P<strike>(?=\S)[^\n]*?\S)~~"
    r"|(?<![\w*])\*(?P<italic>(?=[^\s*])[^*\n]*?[^\s*])\*(?![\w*])"
    r"|(?<![\w*])\*(?P<italic1>[^\s*])\*(?![\w*])",
    re.S,
)
_HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$", re.M)
_BULLET = re.compile(r"^([ \t]*)[-*+][ \t]+(?=\S)", re.M)


def _bullet(match: re.Match) -> str:
    level = len(match.group(1).replace("\t", "  ")) // 2
    return "• " if level == 0 else "    " * level + "◦ "


def _inline(text: str) -> str:
    out, at = [], 0
    for m in _INLINE.finditer(text):
        out.append(escape(text[at:m.start()]))
        at = m.end()
        kind = "ltext" if m.group("ltext") is not None else m.lastgroup
        if kind in ("fence", "code"):
            out.append(escape(m.group(kind)))
        elif kind == "ltext":
            label = _inline(m.group("ltext")).replace("|", "¦")
            out.append(f"<{escape(m.group('lurl'))}|{label}>")
        elif kind == "auto":
            out.append(f"<{escape(m.group('auto'))}>")
        elif kind in ("bold", "bold2"):
            out.append(f"*{_inline(m.group(kind))}*")
        elif kind == "strike":
            out.append(f"~{_inline(m.group('strike'))}~")
        else:  # italic, italic1
            out.append(f"_{_inline(m.group(kind))}_")
    out.append(escape(text[at:]))
    return "".join(out)


def to_mrkdwn(text: str) -> str:
    """Rasa's markdown-ish reply text as Slack mrkdwn."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n")
    text = _HEADING.sub(lambda m: f"**{m.group(1)}**", text)
    text = _BULLET.sub(_bullet, text)
    return _inline(text)


def split_text(text: str, limit: int) -> List[str]:
    """Pieces of at most `limit` characters, cut at paragraph, line or word boundaries."""
    pieces = []
    text = text.strip()
    while len(text) > limit:
        window = text[:limit]
        cut = max(window.rfind("\n\n"), -1)
        if cut < limit // 3:
            cut = window.rfind("\n")
        if cut < limit // 3:
            cut = window.rfind(" ")
        if cut < limit // 3:
            cut = limit
        # never cut inside an entity such as &amp;
        amp = window.rfind("&", 0, cut)
        if amp != -1 and ";" not in window[amp:cut] and cut - amp < 6:
            cut = amp
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    if text:
        pieces.append(text)
    return pieces


def truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def button_elements(buttons: Iterable[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Block Kit `button` elements for Rasa buttons (value = payload); unusable ones left out."""
    elements = []
    for button in buttons:
        payload = str(button.get("payload") or "")
        title = " ".join(str(button.get("title") or payload).split())
        if not payload or not title:
            logger.warning("button without title or payload left out: %r", button)
            continue
        if len(payload) > BUTTON_VALUE_LIMIT:
            logger.warning("button %r left out: its payload is longer than Slack's %d characters",
                           title, BUTTON_VALUE_LIMIT)
            continue
        if len(elements) == MAX_BUTTONS:
            logger.warning("more than %d buttons: the rest is left out", MAX_BUTTONS)
            break
        elements.append({
            "type": "button",
            "action_id": f"kwalibot_knop_{len(elements)}",
            "text": {"type": "plain_text", "text": truncate(title, BUTTON_TITLE_LIMIT), "emoji": True},
            "value": payload,
        })
    return elements


def section_blocks(mrkdwn: str) -> List[Dict[str, Any]]:
    return [{"type": "section", "text": {"type": "mrkdwn", "text": piece}}
            for piece in split_text(mrkdwn, SECTION_LIMIT)]


def button_message_blocks(text: str, buttons: Iterable[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """The blocks of a reply with buttons: its text as section(s), then one actions block."""
    blocks = section_blocks(to_mrkdwn(text))
    elements = button_elements(buttons)
    if elements:
        blocks.append({"type": "actions", "block_id": "kwalibot_knoppen", "elements": elements})
    return blocks


def chosen_blocks(blocks: Iterable[Dict[str, Any]], user: str, title: str) -> List[Dict[str, Any]]:
    """A message's blocks after a click: the buttons replaced by who chose what."""
    kept = [b for b in blocks or [] if isinstance(b, dict) and b.get("type") != "actions"]
    who = f"<@{user}> " if user else ""
    return kept + [{"type": "context",
                    "elements": [{"type": "mrkdwn", "text": f"{who}{CHOSEN} *{escape(title)}*"}]}]


# -- Slack text in --------------------------------------------------------------------

_SLACK_SPECIAL = re.compile(r"<([^<>\n]*)>")


def from_slack(text: Optional[str], remove_users: Iterable[str] = ()) -> str:
    """A user's Slack message as plain text: mentions, links and entities undone."""
    remove = set(remove_users)

    def plain(match: re.Match) -> str:
        target, _, label = match.group(1).partition("|")
        if target.startswith("@"):
            return " " if target[1:] in remove else "@" + (label or target[1:])
        if target.startswith("#"):
            return "#" + (label or target[1:])
        if target.startswith("!"):
            return label or "@" + target[1:].split("^")[0]
        if label:
            return label
        return target[len("mailto:"):] if target.startswith("mailto:") else target

    text = _SLACK_SPECIAL.sub(plain, text or "")
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return " ".join(text.split())

