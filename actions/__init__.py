"""kwalibot's Rasa action: a thin adapter between Rasa and the question model (`questions`)."""
