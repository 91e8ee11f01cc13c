"""One turn of a conversation, without Rasa: NLU result + remembered question -> messages + what to remember.

The Rasa action (actions/) and the in-process evaluator (bot.evaluation --in-process) both call
`respond`, so what is measured is what is served.
"""
from __future__ import annotations

from dataclasses import asdict
from typing import Any, Optional

from knowledge.query import KnowledgeBase
from questions.answers import answer
from questions.model import SMALLTALK, UNCLEAR, Answer, Question
from questions.replies import Replies, replies
from questions.understand import understand

# Answers that ask for what the question left open: the question stays pending, a button completes it.
PENDING = {"ask_which_kwalificatie", "ask_which_dossier", "ask_which_of_many", "unknown_kwalificatie",
           "werkproces_candidates"}


def respond(message: dict[str, Any], remembered: Optional[dict], kb: KnowledgeBase,
            say: Optional[Replies] = None) -> tuple[list[dict], Optional[dict], Question, Answer]:
    """Answer one message. Returns (messages, the question to remember, the question, the answer)."""
    previous = Question.from_slot(remembered)
    with kb.consistent():  # a rebuild picked up halfway must not mix two builds in one answer
        q = understand(message, previous, kb)
        a = answer(q, kb)
        messages = (say or replies()).render(a)
    return messages, remember(q, a, previous), q, a


def remember(q: Question, a: Answer, previous: Optional[Question]) -> Optional[dict]:
    """The question as answered: its targets resolved by the answer, and the answer's source."""
    if q.facet in (SMALLTALK, UNCLEAR):
        return previous.to_slot() if previous else None  # "dank je" keeps the conversation's subject
    for name, value in a.context.items():
        setattr(q, name, value)
    if a.citation is not None:
        q.citation = {k: v for k, v in asdict(a.citation).items()}
    elif previous is not None and a.reply not in PENDING:
        q.citation = previous.citation
    if q.unknown and a.reply == "unknown_kwalificatie":
        q.kwalificaties = []
    return q.to_slot()
