"""Every sentence the channels themselves say, in one place.

What the assistant says to a user's message (the answer, the polite reply to an empty, long or
garbled message, the apology) comes from `questions.replies` (KWALIBOT_REPLIES can change it).
What is here belongs to the channels: the few words Slack shows around buttons, and the Dutch
error bodies of the webhooks (read by whoever sets up or integrates a channel).
"""
from __future__ import annotations

# -- shown in chats -------------------------------------------------------------------------
BUTTONS_FALLBACK = "Kies een van de knoppen."  # Slack's notification text of a message that is only buttons
CHOSEN = "Gekozen:"  # Slack: what replaces the buttons after a click ("@jij Gekozen: …")
IMAGE_ALT = "afbeelding"

# -- "verwijder mijn gesprek" (bot.privacy.command), in every channel ---------------------------
ERASE_QUESTION = ("Wil je dat ik dit gesprek verwijder? Alles wat je hier hebt gevraagd en wat ik heb "
                  "geantwoord, wordt dan gewist. Dat kan niet ongedaan worden gemaakt.")
ERASE_YES = "Ja, verwijder mijn gesprek"
ERASE_NO = "Nee, bewaren"
ERASE_DONE = "Je gesprek is verwijderd: er is niets meer van bewaard. Je kunt gerust een nieuwe vraag stellen."
ERASE_CANCELLED = "Goed, je gesprek blijft bewaard. Typ 'verwijder mijn gesprek' als je het later toch wilt wissen."
ERASE_FAILED = "Het verwijderen is niet gelukt, sorry. Probeer het straks nog eens."

# -- webhook error bodies ---------------------------------------------------------------------
REST_UNAUTHORISED = "Niet geautoriseerd: stuur een geldig Bearer-token mee."
REST_NOT_AN_OBJECT = "Stuur een JSON-object met 'sender' en 'message'."
SLACK_NOT_AN_EVENT = "Verwacht een Slack-event (JSON) of -interactie (payload=…)."
TEAMS_NOT_AN_ACTIVITY = ("Verwacht een Bot Framework-activity (JSON) met serviceUrl, "
                         "conversation.id en from.id.")


def not_configured(service: str, variables: tuple[str, str], doc: str) -> str:
    return (f"{service} is niet geconfigureerd: zet {variables[0]} en {variables[1]} "
            f"(zie {doc}) en start kwalibot opnieuw.")


def slack_unsigned(problem: str) -> str:
    return f"Niet ondertekend door Slack: {problem}."


def teams_rejected(problem: str) -> str:
    return f"Niet van de Bot Framework-dienst: {problem}."
