"""The web chat widget for a student with a screen reader or only a keyboard (WCAG 2.1 AA).

The real action server, Rasa server and page server (test_webchat.py's `servers` fixture: conftest's
`webchat_stack`, shared with test_webchat), driven from headless Chromium: axe-core's WCAG 2.1 A/AA rules
on the chat page and on the embed example before and after a conversation, the accessible names Chromium
itself computes, a conversation by keyboard alone, the live region, the privacy line and the school-colour
themes.
"""
from __future__ import annotations

import hashlib
import json

import pytest

from bot.web import locked_package
from tests.e2e import axe
from tests.e2e.test_webchat import (  # noqa: F401  (servers, browser: fixtures)
    BOT_TEXT, GREETING, INPUT, REPLY_BUTTON, SOURCE, ask, bot_messages, browser, choose, servers,
    wait_for_bot_text)

LOG = ".rw-messages-container"
PRIVACY = ".kwalibot-privacy"
AMBIGUOUS = "wat doet een marketing & communication specialist bij W3?"
W3_BUTTONS = ["B1-K1-W3 Verwerkt gegevens", "P6-K1-W3 Voert marktonderzoeken uit"]


def no_violations(browser, when: str) -> None:
    found = axe.violations(browser)
    assert found == [], f"axe-core, {when}:\n" + json.dumps(found, indent=1, ensure_ascii=False)


# -- keyboard over CDP (real key events, as a person presses them) -------------------------------------
KEYS = {"Tab": ("Tab", 9, ""), "Enter": ("Enter", 13, "\r"), " ": ("Space", 32, " ")}


def press(browser, key: str, shift: bool = False) -> None:
    code, number, text = KEYS[key]
    event = {"key": key, "code": code, "windowsVirtualKeyCode": number, "nativeVirtualKeyCode": number,
             "modifiers": 8 if shift else 0}
    browser.send("Input.dispatchKeyEvent", {"type": "keyDown", **event, **({"text": text} if text else {})})
    browser.send("Input.dispatchKeyEvent", {"type": "keyUp", **event})


def focused(browser) -> dict:
    return browser.evaluate("""(() => { const e = document.activeElement;
        return {tag: e.tagName.toLowerCase(), cls: e.className || '', text: e.textContent.trim(),
                label: e.getAttribute('aria-label') || (e.labels && e.labels[0] ? e.labels[0].textContent : '')}; })()""")


def tab_to(browser, predicate, what: str, shift: bool = False, limit: int = 30) -> dict:
    """Press Tab (or Shift+Tab) until the focused element satisfies `predicate`."""
    seen = []
    for _ in range(limit):
        press(browser, "Tab", shift)
        now = focused(browser)
        if predicate(now):
            return now
        seen.append(now)
    raise AssertionError(f"no {what} within {limit} Tabs; focus went through {seen}")


def wait_for_focus_in_input(browser) -> None:
    browser.wait_for(f"document.activeElement === document.querySelector({json.dumps(INPUT)})",
                     "the focus to be in the input", 30)


# -- tests ---------------------------------------------------------------------------------------------
def open_page(browser, servers, page: str) -> None:
    browser.goto(servers["page"] + page)
    if page != "/":
        browser.wait_for("document.querySelector('.rw-launcher')", "the launcher")
        no_violations(browser, f"{page} with the launcher closed")
        browser.click(".rw-launcher")
    wait_for_bot_text(browser, GREETING)
    browser.wait_for(f"document.querySelectorAll('{REPLY_BUTTON}').length >= 2", "the greeting's buttons")


@pytest.mark.parametrize("page", ["/", "/voorbeeld-school.html"], ids=["chat-page", "school-page"])
def test_axe_finds_no_wcag_violations_before_and_after_a_conversation(servers, browser, page):
    open_page(browser, servers, page)
    no_violations(browser, f"{page} with the greeting")
    ask(browser, AMBIGUOUS, "Over welke wil je meer weten?")
    browser.wait_for(f"document.querySelectorAll('{REPLY_BUTTON}').length === 2", "the W3 buttons", 90)
    choose(browser, W3_BUTTONS[1], "Bron: Kwalificatiedossier Business Services, P6-K1-W3")
    no_violations(browser, f"{page} after a conversation")


def accessible_names(browser) -> set[tuple[str, str]]:
    """(role, name) of every node Chromium's accessibility tree exposes (what a screen reader gets)."""
    nodes = browser.send("Accessibility.getFullAXTree")["nodes"]
    return {(n.get("role", {}).get("value", ""), n.get("name", {}).get("value", ""))
            for n in nodes if not n.get("ignored")}


DEFAULT_PRIVACY = ("Deel geen persoonlijke gegevens, zoals je adres of telefoonnummer. "
                   "Je gesprek wordt bewaard op de server van de school.")
NAMED_ROLES = ("button", "textbox", "log", "link", "complementary", "region")
PRIVACY_LINE = "[...document.querySelectorAll('.kwalibot-privacy')].map(p => [p.textContent, " \
               "[...p.querySelectorAll('a')].map(a => [a.textContent, a.getAttribute('href')])])"


@pytest.mark.parametrize("page, names, privacy", [
    ("/", {("button", "Vraag versturen"), ("button", "Welke kwalificaties ken je?"),
           ("button", "Wat kan ik je vragen?"), ("textbox", "Je vraag aan kwalibot"),
           ("log", "Gesprek met kwalibot"), ("region", "Chat met kwalibot")},
     [[DEFAULT_PRIVACY, []]]),
    ("/voorbeeld-school.html", {("button", "Chat sluiten"), ("button", "Vraag versturen"),
                                ("button", "Welke kwalificaties ken je?"), ("button", "Wat kan ik je vragen?"),
                                ("textbox", "Je vraag aan kwalibot"), ("log", "Gesprek met kwalibot"),
                                ("complementary", "Chat met kwalibot"), ("link", "Privacyverklaring")},
     [[DEFAULT_PRIVACY + " Privacyverklaring", [["Privacyverklaring", "https://www.mbo-college.example/privacy"]]]]),
], ids=["chat-page", "school-page"])
def test_dutch_accessible_names_and_the_privacy_line(servers, browser, page, names, privacy):
    open_page(browser, servers, page)
    # what Chromium exposes to a screen reader: every control, the conversation and the input named in Dutch
    assert {(r, n) for r, n in accessible_names(browser) if r in NAMED_ROLES} == names
    # the privacy line right under the input, and read out with it
    assert browser.evaluate(PRIVACY_LINE) == privacy
    assert browser.evaluate(f"document.querySelector('{INPUT}').closest('form').nextElementSibling.className") \
        == "kwalibot-privacy"
    assert browser.evaluate(f"document.querySelector('{INPUT}').getAttribute('aria-describedby')") == "kwalibot-privacy"


def test_the_launcher_is_named_and_says_whether_the_chat_is_open(servers, browser):
    browser.goto(servers["page"] + "/voorbeeld-school.html")
    browser.wait_for("document.querySelector('.rw-launcher')", "the launcher")
    state = "[document.querySelector('.rw-launcher').getAttribute('aria-label'), " \
            "document.querySelector('.rw-launcher').getAttribute('aria-expanded')]"
    assert browser.evaluate(state) == ["Chat met kwalibot openen", "false"]
    browser.click(".rw-launcher")
    browser.wait_for(f"{state}[1] === 'true'", "the launcher to say the chat is open")
    assert browser.evaluate(state) == ["Chat sluiten", "true"]


def test_a_conversation_by_keyboard_alone_announced_in_a_live_region(servers, browser):
    browser.goto(servers["page"] + "/voorbeeld-school.html")
    browser.wait_for("document.querySelector('.rw-launcher')", "the launcher")
    launcher = tab_to(browser, lambda f: "rw-launcher" in f["cls"], "the launcher")
    assert launcher["label"] == "Chat met kwalibot openen"
    press(browser, "Enter")
    wait_for_bot_text(browser, GREETING)
    wait_for_focus_in_input(browser)  # opening the chat puts the focus where the student types
    assert focused(browser)["label"] == "Je vraag aan kwalibot"
    live = browser.evaluate(f"""[...document.querySelectorAll('[aria-live]')]
        .map(e => [e.className, e.getAttribute('role'), e.getAttribute('aria-live')])""")
    assert live == [["rw-messages-container", "log", "polite"]]  # one live region: each reply announced once

    # The greeting's buttons come before the input: Shift+Tab reaches them, Space activates one.
    tab_to(browser, lambda f: f["text"] == "Wat kan ik je vragen?", "the greeting's button", shift=True)
    seen = bot_messages(browser)
    press(browser, " ")
    wait_for_bot_text(browser, "Probeer bijvoorbeeld", after=seen)
    wait_for_focus_in_input(browser)  # the pressed button went with the new answer: back to the input

    # A typed question, Enter; the reply leaves the focus in the input and lands in the live region.
    seen = bot_messages(browser)
    browser.send("Input.insertText", {"text": AMBIGUOUS})
    press(browser, "Enter")
    wait_for_bot_text(browser, "Over welke wil je meer weten?", after=seen)
    browser.wait_for(f"document.querySelectorAll('{REPLY_BUTTON}').length === 2", "the W3 buttons", 90)
    assert focused(browser)["cls"].startswith("rw-new-message")
    button = tab_to(browser, lambda f: f["text"] == W3_BUTTONS[1], "the P6-K1-W3 button", shift=True)
    assert "rw-reply" in button["cls"]
    seen = bot_messages(browser)
    press(browser, "Enter")
    answer = wait_for_bot_text(browser, "Bron: Kwalificatiedossier Business Services, P6-K1-W3", after=seen)
    wait_for_focus_in_input(browser)
    said = browser.evaluate("[...document.querySelectorAll('.rw-client')].map(e => e.textContent.trim())")
    assert said == ["Wat kan ik je vragen?", AMBIGUOUS, W3_BUTTONS[1]]
    in_log = browser.evaluate(f"[...document.querySelectorAll('{LOG} {BOT_TEXT}')].map(e => e.textContent)")
    assert in_log[-1] == answer


def school_page(browser, servers, **settings) -> None:
    """A page of our own (on the page server's origin) with the embed tag and the given data- settings."""
    browser.evaluate("window.__kwalibotPreviousPage = true")
    browser.goto(servers["page"] + "/een-schoolpagina")  # the 404 page: same origin, lang="nl"
    browser.wait_for("!window.__kwalibotPreviousPage", "the new page")
    browser.evaluate(f"""(() => {{
        document.title = 'Een school';
        document.body.innerHTML = '<main><h1>Een school</h1></main>';
        const tag = document.createElement('script');
        tag.src = '/embed.js';
        Object.assign(tag.dataset, {json.dumps(settings)});
        document.body.appendChild(tag);
    }})()""")


def test_the_privacy_line_is_configurable(servers, browser):
    school_page(browser, servers, privacy="Lees hoe wij met je vragen omgaan.", privacyUrl="/privacy",
                privacyLink="Onze privacyverklaring")
    browser.click(".rw-launcher")
    wait_for_bot_text(browser, GREETING)
    assert browser.evaluate(PRIVACY_LINE) == [["Lees hoe wij met je vragen omgaan. Onze privacyverklaring",
                                               [["Onze privacyverklaring", "/privacy"]]]]


# School colours a contrast check would fail with as given: text on them is black or white, whichever
# contrasts most, and the colour as text on white (reply buttons, links) is darkened until it reads.
THEMES = {
    "yellow": ({"color": "#ffd500"}, {"header": "rgb(0, 0, 0)", "client": "rgb(0, 0, 0)"}),
    "navy, light blue": ({"color": "#1a1a6e", "userColor": "#9fe0ff"},
                         {"header": "rgb(255, 255, 255)", "client": "rgb(0, 0, 0)"}),
    "grey, 3.9:1 on white": ({"color": "#808080"}, {"header": "rgb(0, 0, 0)", "client": "rgb(0, 0, 0)"}),
    "not a colour: the default": ({"color": "rood"}, {"header": "rgb(255, 255, 255)", "client": "rgb(255, 255, 255)"}),
}


def test_school_colours_keep_text_contrast(servers, browser):
    """One visitor sees the school page in each theme (the conversation, restored, has both kinds of bubble)."""
    found = {}
    for name, (settings, _) in THEMES.items():
        school_page(browser, servers, **settings)
        if not found:  # the first time: open the chat and say something; later the widget restores it open
            browser.click(".rw-launcher")
            wait_for_bot_text(browser, GREETING)
            choose(browser, "Wat kan ik je vragen?", "Probeer bijvoorbeeld")
        browser.wait_for(f"document.querySelector('.rw-client') && document.querySelector('{REPLY_BUTTON}')",
                         "the restored conversation with its reply buttons")
        colours = browser.evaluate("""({header: getComputedStyle(document.querySelector('.rw-title')).color,
                                        client: getComputedStyle(document.querySelector('.rw-client')).color})""")
        found[name] = (colours, axe.violations(browser))
    assert found == {name: (text, []) for name, (_, text) in THEMES.items()}


def test_vendored_axe_core_is_the_locked_package():
    note = json.loads(axe.VENDORED.read_text())
    locked = locked_package(package="axe-core")
    assert (note["version"], note["integrity"]) == (locked["version"], locked["integrity"])
    assert hashlib.sha256((axe.VENDOR / note["file"]).read_bytes()).hexdigest() == note["sha256"]
