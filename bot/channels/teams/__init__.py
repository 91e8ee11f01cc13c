"""kwalibot in Microsoft Teams, in three parts: `format` (Teams HTML and hero cards out, activities in), `auth`
(the Bot Connector's tokens and the bot's own) and `channel` (the Rasa input channel). credentials.yml names
`bot.channels.teams.KwalibotTeamsInput`."""
from bot.channels.teams.channel import KwalibotTeamsBot, KwalibotTeamsInput

__all__ = ["KwalibotTeamsBot", "KwalibotTeamsInput"]
