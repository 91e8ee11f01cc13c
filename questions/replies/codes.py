"""Codes that many qualifications share: which one is meant?"""
from __future__ import annotations


class CodeReplies:
    def ask_which_of_many(self, code: str, count: int, shown: list, citation=None) -> str:
        return (f"{code} komt voor in {count} kwalificaties. Over welke gaat je vraag? Kies er hieronder een, "
                f"of typ de naam van de kwalificatie.")
