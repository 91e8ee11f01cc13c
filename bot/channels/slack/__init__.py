"""kwalibot in Slack, in three parts: `format` (mrkdwn and Block Kit out, Slack text in), `auth` (request
signatures) and `channel` (the Rasa input channel). credentials.yml names `bot.channels.slack.KwalibotSlackInput`."""
from bot.channels.slack.channel import KwalibotSlackBot, KwalibotSlackInput

__all__ = ["KwalibotSlackBot", "KwalibotSlackInput"]
