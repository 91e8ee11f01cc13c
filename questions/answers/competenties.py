"""The 2004 beroepscompetentieprofiel: competences by number, by group, or by what they are about."""
from __future__ import annotations

from knowledge.model import BEROEPSCOMPETENTIEPROFIEL
from knowledge.query import KnowledgeBase, NotFound
from knowledge.search import lemmatize
from questions import lexicon as lx
from questions.answers import no_subject, subject
from questions.model import Answer, Question


def answer_competentie(q: Question, kb: KnowledgeBase) -> Answer:
    k = subject(q, kb)
    if k is None or k.kind != BEROEPSCOMPETENTIEPROFIEL:
        profiles = [x for x in kb.kwalificaties() if x.kind == BEROEPSCOMPETENTIEPROFIEL]
        if k is None and len(profiles) == 1 and not q.unknown:
            k = profiles[0]
        elif k is None:
            return no_subject(q, kb, profiles)
        else:
            return Answer("no_competenties", {"k": k})
    d = kb.dossier(k)
    citation = kb.citation(d)
    context = {"kwalificaties": [k.key]}
    part = lx.PROCES_RESULTAAT.search(q.text.lower()) if q.onderdeel in ("succescriteria", "resultaat") else None
    deel = part.group(1) if part else None  # the succescriteria for the proces or for the resultaat
    if q.competentie is not None:
        found = kb.competentie(k, q.competentie)
        if isinstance(found, NotFound):
            return Answer("no_competentie", {"k": k, "nr": q.competentie, "known": found.known})
        return Answer("competentie", {"k": k, "c": found, "deel": deel, "alleen_criteria": False},
                      citation=citation, context={**context, "competentie": found.nr})
    if q.groep:
        cs = kb.competenties(k, q.groep)
        return Answer("competenties", {"k": k, "group": q.groep, "cs": cs}, citation=citation,
                      context={**context, "items": [f"competentie {c.nr}" for c in cs]})
    # "welke succescriteria horen bij <title paraphrased>": the competence whose title fits best
    topic = set(lemmatize(q.topic)) - {"succescriterium", "beroepscompetentie", "competentie"}
    scored = sorted(((len(topic & set(lemmatize(c.title))), c.nr, c) for c in d.beroepscompetenties),
                    key=lambda s: (-s[0], s[1]))
    if scored and scored[0][0] > 0:
        c = scored[0][2]
        return Answer("competentie", {"k": k, "c": c, "deel": deel,
                                      "alleen_criteria": q.onderdeel == "succescriteria"},
                      citation=citation, context={**context, "competentie": c.nr})
    return Answer("competenties", {"k": k, "group": None, "cs": d.beroepscompetenties}, citation=citation,
                  context={**context, "items": [f"competentie {c.nr}" for c in d.beroepscompetenties]})
