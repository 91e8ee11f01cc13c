"""Privacy by design: what is stored (`stored`), redaction of personal data (`redaction`), pseudonymous Slack and
Teams ids (`pseudonyms`), retention and the rights of the person (`conversations`, `python -m bot.privacy`),
"verwijder mijn gesprek" (`command`) and message text kept out of logs (`logs`). See docs/privacy.md."""
