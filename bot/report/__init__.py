"""The report for the staff who run kwalibot: what students ask and what kwalibot could not answer.

`python -m bot.report` (text or --html), and /report on the page server (bot.web) behind
KWALIBOT_STAFF_TOKEN. Figures: bot.report.figures; wording and charts: bot.report.html, bot.report.text.
"""
