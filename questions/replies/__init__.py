"""Every sentence kwalibot says about the knowledge base, in one overridable place.

The answer functions decide *what* to say (an `Answer`: which werkproces, which
facts, which candidates); this module decides *how* it reads in Dutch, small talk
and the channels' polite refusals included. `Replies.render(answer)` calls the
method named by `answer.reply`. To change the wording, subclass `Replies` and
point `KWALIBOT_REPLIES` at it ("package.module:ClassName").
"""
from __future__ import annotations

import importlib
import os
from functools import lru_cache

from questions.replies.codes import CodeReplies
from questions.replies.conversation import ConversationReplies
from questions.replies.facts import FactReplies
from questions.replies.lists import ListReplies
from questions.replies.profiel2004 import Profile2004Replies
from questions.replies.topics import TopicReplies
from questions.replies.werkprocessen import WerkprocesReplies


class Replies(ConversationReplies, WerkprocesReplies, FactReplies, ListReplies, TopicReplies, Profile2004Replies,
              CodeReplies):
    """All of kwalibot's wording; each part lives in the module of its family of answers."""


@lru_cache(maxsize=1)
def replies() -> Replies:
    """The Replies in use: KWALIBOT_REPLIES ("module:Class") or the default Dutch wording."""
    spec = os.environ.get("KWALIBOT_REPLIES")
    if not spec:
        return Replies()
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)()
