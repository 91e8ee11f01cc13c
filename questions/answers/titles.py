"""Kerntaken and werkprocessen by their title, as users quote it ("een kerntaak '<titel>'"): every place
in the dossiers whose title is that one, typing slips allowed."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Union

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from knowledge.model import Dossier, Kerntaak, Werkproces
from knowledge.query import KnowledgeBase, Kwalificatie

SAME_TITLE = 85  # rapidfuzz ratio (lower case, punctuation out) for a quoted title


@dataclass
class Titled:
    dossier: Dossier
    item: Union[Kerntaak, Werkproces]
    profiel: Optional[str]  # the profile whose own part it is; None for the basisdeel


def titled(kb: KnowledgeBase, title: str, within: Optional[Kwalificatie] = None) -> list[Titled]:
    found = []
    for d in kb.dossiers():
        if within is not None and d.title != within.dossier:
            continue
        parts = [(None, kt) for kt in d.kerntaken] + [(p.code, kt) for p in d.profielen for kt in p.kerntaken]
        for profiel, kt in parts:
            for item in (kt, *kt.werkprocessen):
                if fuzz.ratio(title, item.title, processor=default_process) >= SAME_TITLE:
                    found.append(Titled(d, item, profiel))
    return found
