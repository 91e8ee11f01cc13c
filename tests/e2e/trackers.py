"""Reading what a Rasa server stored for a conversation, for the tests that count turns."""
import json
import urllib.request

from bot.api_token import with_token


def turns(port: int, sender: str) -> list[tuple[int, list[str]]]:
    """The tracker's user turns (their message number) with the bot texts that follow each."""
    with urllib.request.urlopen(with_token(f"http://127.0.0.1:{port}/conversations/{sender}/tracker"), timeout=30) as r:
        events = json.loads(r.read())["events"]
    result = []
    for event in events:
        if event["event"] == "user":
            result.append(((event.get("metadata") or {}).get("n"), []))
        elif event["event"] == "bot" and result:
            result[-1][1].append(event.get("text") or "")
    return result
