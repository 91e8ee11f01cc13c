"""Complete, ordered lists, and counts of them: qualifications, kerntaken, werkprocessen, competenties."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from knowledge.model import BEROEPSCOMPETENTIEPROFIEL
from knowledge.query import Fact, KnowledgeBase, Kwalificatie
from questions import lexicon as lx
from questions.answers import no_subject, subject
from questions.model import Answer, Question


def kwalificaties_of(q: Question, kb: KnowledgeBase) -> list[Kwalificatie]:
    """All qualifications, or those of the named dossier, at the named level if one is given."""
    k = subject(q, kb)
    ks = kb.kwalificaties()
    if k is not None and k.profiel in q.profielen:  # "hoe heet profiel P4 van D?": that one
        ks = [k]
    elif k is not None:  # every profile of the dossier, those it names by code only too
        ks = [x for x in (kb.kwalificatie(f"{k.dossier}/{p.code}") for p in kb.dossier(k).profielen) if x]
        if k.profiel and _OTHERS.search(q.text):  # "de andere profielen van D, naast X": without X
            ks = [x for x in ks if x.key not in q.kwalificaties]
    if q.niveau is not None:
        ks = [x for x in ks if getattr(kb.fact(x, "niveau"), "value", None) == q.niveau]
    return ks


_OTHERS = re.compile(r"\b(?:andere|overige|resterende)\b", re.I)


def answer_list(q: Question, kb: KnowledgeBase, counting: bool = False) -> Answer:
    what = q.what or "werkprocessen"
    if what == "kwalificaties" and q.title:
        return with_title(q, kb)
    if what in ("kwalificaties", "niveaus"):
        ks = kwalificaties_of(q, kb)
        niveaus = {x.key: getattr(kb.fact(x, "niveau"), "value", None) for x in ks}
        crebos = {x.key: getattr(kb.fact(x, "crebo"), "value", None) for x in ks if x.profiel}
        # "het vijfde profiel" in the next question is the fifth of this list
        return Answer("kwalificaties", {"ks": ks, "niveaus": niveaus, "niveau": q.niveau, "crebos": crebos},
                      context={"kwalificaties": [ks[0].key]} if len(ks) == 1 else
                      {"items": [f"kwalificatie {x.key}" for x in ks]})
    k = subject(q, kb)
    if what == "generiek":
        return generic_parts(q, kb, k)
    if what == "competenties" and (k is None or k.kind == BEROEPSCOMPETENTIEPROFIEL):
        from questions.answers.competenties import answer_competentie

        return answer_competentie(q, kb)
    if k is None:
        return no_subject(q, kb)
    if not k.profiel and q.niveau is not None and what in ("kerntaken", "werkprocessen") and not q.kerntaak:
        # "de kerntaken van alle niveau 4-kwalificaties in D": those of each qualification of that level
        parts = [answer_list(replace(q, kwalificaties=[x.key], niveau=None), kb) for x in kwalificaties_of(q, kb)]
        if parts:
            return Answer("several", {"answers": parts}, citation=parts[0].citation,
                          context={"kwalificaties": [k.key]})
    d = kb.dossier(k)
    citation = kb.citation(d, q.kerntaak or k.profiel)
    context = {"kwalificaties": [k.key]}
    if what in ("competenties", "kernopgaven", "functiebenamingen"):
        if k.kind != BEROEPSCOMPETENTIEPROFIEL and what == "competenties":
            return Answer("no_competenties", {"k": k})
        from questions.answers.competenties import answer_competentie
        from questions.answers.facts import answer_fact

        return answer_competentie(q, kb) if what == "competenties" else answer_fact(replace(q, fields=[what]), kb)
    part = _part(q.text, counting)
    if what == "kerntaken" or not kb.werkprocessen(k):
        kerntaken = [kt for kt in kb.kerntaken(k) if part is None or _in_basisdeel(d, kt) == (part == "basisdeel")]
        context["items"] = [kt.code for kt in kerntaken]
        return Answer("kerntaken", {"k": k, "kerntaken": kerntaken, "part": part}, citation=citation,
                      context=context)
    pairs = kb.werkprocessen(k, q.kerntaak)
    if part is not None:
        pairs = [(kt, wp) for kt, wp in pairs if _in_basisdeel(d, kt) == (part == "basisdeel")]
    if q.kerntaak and not pairs:
        return Answer("no_kerntaak", {"code": q.kerntaak, "k": k, "known": [kt.code for kt in kb.kerntaken(k)]})
    if q.kerntaak:
        context["kerntaak"] = pairs[0][0].code
    context["items"] = [wp.code for _, wp in pairs]
    return Answer("werkprocessen", {"k": k, "pairs": pairs, "kerntaak": q.kerntaak, "part": part},
                  citation=citation, context=context)


_ONLY_AT_LEVEL = re.compile(r"\balleen voor niveau\s*(\d)\b", re.I)


def _only_at(title: str) -> Optional[int]:
    """The one level a generic part's title limits it to ("Engels (alleen voor niveau 4)"), or None."""
    m = _ONLY_AT_LEVEL.search(title)
    return int(m.group(1)) if m else None


def generic_parts(q: Question, kb: KnowledgeBase, k: Optional[Kwalificatie]) -> Answer:
    """The dossier's generic examination parts; for a qualification or a level, those that hold there
    ("Engels (alleen voor niveau 4)" is not one of a niveau 2 qualification's)."""
    if k is None:
        return no_subject(q, kb)
    d = kb.dossier(k)
    parts = [x for x in d.sections if x.key.startswith("generiek/")]
    level = q.niveau if q.niveau is not None else (niveau(kb, k) if k.profiel else None)
    if level is not None:
        parts = [x for x in parts if _only_at(x.title) in (None, level)]
    return Answer("generic_parts", {"k": k, "parts": [x.title for x in parts], "niveau": level},
                  citation=kb.citation(d, k.profiel), context={"kwalificaties": [k.key]})


def with_title(q: Question, kb: KnowledgeBase) -> Answer:
    """"Welke profielen hebben een kerntaak 'X'?": every place with that title, and whose it is."""
    from questions.answers.titles import titled

    found = titled(kb, q.title, subject(q, kb))
    return Answer("titled", {"title": q.title, "found": found},
                  citation=kb.citation(found[0].dossier, found[0].item.code) if found else None)


def _part(text: str, counting: bool = False):
    """"in het basisdeel" / "in zijn profieldeel": only that part of the qualification; else everything.
    "alle profielen samen in het profieldeel" sums the profiles, it does not add the basisdeel; a count
    of "profiel P6" counts the profile's own part."""
    t = text.lower()
    if re.search(r"\bprofieldee?l(?:en)?\b", t) and "basisdeel" not in t:
        return "profieldeel"
    if counting and lx.PROFIEL_BY_CODE.search(t) and "basisdeel" not in t:
        return "profieldeel"
    if re.search(r"\b(?:de|die|zijn|haar|hun) kern ?taak (?:van|bij)\b", t) and "basisdeel" not in t:
        return "profieldeel"  # the singular "kerntaak van X": X's own kerntaak, not the basisdeel's
    if lx.BASISDEEL_INCLUDED.search(t):
        return None
    if re.search(r"\bprofieldee?l(?:en)?\b", t) and re.search(r"\bbasisdeel\b", t) \
            and not re.search(r"\b(?:zonder|niet|excl\w*|behalve|buiten)\b[^.?!]{0,15}\bbasisdeel\b", t):
        return None  # which of them are in each part: both parts, each under its own
    if lx.PROFIELDEEL.search(t):
        return "profieldeel"
    if lx.BASISDEEL_ONLY.search(t) and not lx.BASISDEEL_INCLUDED.search(t):
        return "basisdeel"
    return None


def _in_basisdeel(d, kt) -> bool:
    return any(kt is b for b in d.kerntaken)


def answer_count(q: Question, kb: KnowledgeBase) -> Answer:
    """The number first, then the list it counts; "hoeveel kerntaken en werkprocessen" counts both."""
    if q.werkproces and (q.what == "competenties" or q.onderdeel in ("gedrag", "competenties")):
        from questions.answers.werkprocessen import answer_werkproces  # "hoeveel competenties heeft P4-K1-W2?"

        return answer_werkproces(replace(q, onderdeel=q.onderdeel or "competenties"), kb)
    both = {"kerntaken", "werkprocessen"} <= set(lx.found(lx.WHAT_CUES, q.text.lower())) and not q.kerntaak
    listed = answer_list(replace(q, what="werkprocessen") if both else q, kb, counting=True)
    if both and listed.reply == "werkprocessen":
        kerntaken = len({kt.code for kt, _ in listed.data["pairs"]})
        return replace(listed, data={**listed.data, "count": len(listed.data["pairs"]), "kerntaken_count": kerntaken})
    if listed.reply in ("kwalificaties",):
        n = len(listed.data["ks"])
        listed.data["noun"] = next((noun for noun in ("profielen", "opleidingen", "beroepen")
                                    if noun[:-2] in q.text.lower()), "kwalificaties")
    elif listed.reply == "kerntaken":
        n = len(listed.data["kerntaken"])
    elif listed.reply == "werkprocessen":
        n = len(listed.data["pairs"])
    elif listed.reply == "competenties":
        n = len(listed.data["cs"])
    elif listed.reply in ("kernopgaven", "functiebenamingen"):
        n = len(listed.data["items"])
    elif listed.reply == "generic_parts":
        n = len(listed.data["parts"])
    else:
        return listed
    return replace(listed, data={**listed.data, "count": n})


def niveau(kb: KnowledgeBase, k: Kwalificatie):
    result = kb.fact(k, "niveau")
    return result.value if isinstance(result, Fact) else None
