"""Custom Rasa NLU components of kwalibot (Dutch codes, qualification linking)."""
