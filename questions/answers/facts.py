"""Facts of a qualification or dossier (every asked field, or that the source is silent), its
overview card, and where the previous answer came from."""
from __future__ import annotations

import re
from typing import Optional

from knowledge.model import BEROEPSCOMPETENTIEPROFIEL
from knowledge.query import FACT_FIELDS, Citation, Fact, KnowledgeBase, Kwalificatie, NotStated
from knowledge.lemmas import lemmatize, singulars
from questions.answers import no_subject, subject
from questions.model import Answer, Question

# A word a user says for a fact -> the fields that answer it. A general "when" asks for every date the
# document has, each named as what it is (never one date presented as another).
FIELD_GROUPS = {
    "datum": ["datum", "gevalideerd_op", "geldig_vanaf"],
    "typering": ["typering"],
    "domein": ["domein", "domein_crebo"],
    "eqf": ["eqf", "niveau"],
    "typering_beroep": ["typering_beroep"],
}
# Facts of a profile (a dossier states them per qualification, not for itself)
PROFILE_FIELDS = {"niveau", "typering", "typering_beroep", "beroepsvereisten", "eqf"}
# Asked about a school's programme, stated in no dossier: the school decides them, so always "not stated".
NOWHERE = ("duur", "toelating", "einde", "salaris", "kosten", "leerweg", "stage", "scholen", "cijfers", "keuzedelen")
PROFILE_2004_PARTS = {"kernopgaven", "functiebenamingen", "loopbaan"}


def fields_asked(q: Question) -> list[str]:
    out: list[str] = []
    for name in q.fields:
        for f in FIELD_GROUPS.get(name, [name]):
            if f not in out:
                out.append(f)
    return out


def answer_fact(q: Question, kb: KnowledgeBase) -> Answer:
    k = subject(q, kb)
    if k is None:
        if q.fields and not q.unknown and len(kb.dossiers()) == 1:
            k = kb.kwalificatie(kb.dossiers()[0].title)
        else:
            return no_subject(q, kb)
    asked = fields_asked(q)
    # a yes/no proposing a value of a field ("gevalideerd door de sectorkamer X"): the field decides, not a
    # section whose title one of the proposed words happens to name
    section = None if q.polar and any(a in FACT_FIELDS for a in asked) else _named_section(q, kb, k)
    if not asked or section is not None:
        return section_or_overview(q, kb, k)
    parts = [a for a in asked if a in PROFILE_2004_PARTS]
    if len(parts) > 1 and len(parts) == len(asked):  # several parts of a 2004 profile asked at once: each
        answers = [_profile_part(kb, k, a, q.kernopgave) for a in parts]
        return Answer("several", {"answers": answers}, citation=answers[0].citation, context={"kwalificaties": [k.key]})
    if asked[0] in PROFILE_2004_PARTS:
        return _profile_part(kb, k, asked[0], q.kernopgave)
    results = [fact(kb, k, name) for name in asked if name in FACT_FIELDS or name in ("typering_beroep", *NOWHERE)]
    dates = FIELD_GROUPS["datum"]
    if "datum" in q.fields and any(isinstance(r, Fact) for r in results if r.field in dates):
        # "van wanneer is het?": the dates it has; every other asked field, stated or not
        results = [r for r in results if isinstance(r, Fact) or r.field not in dates]
    if not results:
        return answer_overview(q, kb)
    if all(isinstance(r, NotStated) for r in results) and k.profiel is None and {r.field for r in results} <= PROFILE_FIELDS:
        profiles = profile_kwalificaties(kb, k)
        if profiles:  # a profile's fact asked of its dossier ("welk soort opleiding is D?"): each profile's
            from dataclasses import replace

            from questions import lexicon as lx

            if lx.WHICH_KWALIFICATIE.search(q.text) and _HAS.search(q.text) and asked == ["beroepsvereisten"]:
                # "welke kwalificatie van D heeft beroepsvereisten?": those that have them, and the
                # conversation goes on about the one when it is one
                having = [p for p in profiles if _has_requirements(kb, p)]
                profiles = having or profiles
            parts = [answer_fact(replace(q, kwalificaties=[p.key], named=True), kb) for p in profiles]
            return Answer("several", {"answers": parts}, citation=parts[0].citation,
                          context={"kwalificaties": [profiles[0].key if len(profiles) == 1 else k.key]})
    citation = results[0].citation
    return Answer("facts", {"k": k, "results": results}, citation=citation,
                  context={"kwalificaties": [k.key]})


_HAS = re.compile(r"\b(?:heeft|hebben|kent|kennen|gelden|geldt)\b", re.I)


def _has_requirements(kb: KnowledgeBase, k: Kwalificatie) -> bool:
    value = getattr(kb.fact(k, "beroepsvereisten"), "value", None)
    return value is not None and not str(value).strip().lower().startswith("nee")


def profile_kwalificaties(kb: KnowledgeBase, k: Kwalificatie) -> list[Kwalificatie]:
    """The named profiles of a whole dossier (none for a profile or a 2004 profile)."""
    if k.profiel is not None:
        return []
    return [x for x in kb.kwalificaties() if x.dossier == k.dossier and x.profiel]


def fact(kb: KnowledgeBase, k: Kwalificatie, name: str):
    """One fact; "typering_beroep" is the profile's own typering text (kwalificatiedossier)."""
    if name in NOWHERE:
        return NotStated(k, name, kb.citation(kb.dossier(k), k.profiel))
    if name == "typering_beroep":
        p = kb.profiel(k)
        d = kb.dossier(k)
        origin = p.origins.get("typering_beroep") if p else None
        citation = kb.citation(d, k.profiel, origin)
        if p is not None and p.typering_beroep:
            return Fact(k, name, p.typering_beroep, citation)
        return NotStated(k, name, citation)
    return kb.fact(k, name)


def _profile_part(kb: KnowledgeBase, k: Kwalificatie, name: str, nr: Optional[int] = None) -> Answer:
    d = kb.dossier(k)
    citation = kb.citation(d, None, d.origins.get(name))
    items = {"kernopgaven": d.kernopgaven, "functiebenamingen": d.functiebenamingen, "loopbaan": d.loopbaan}[name]
    context = {"kwalificaties": [k.key]}
    if name == "kernopgaven":
        items = [x for x in items if nr is None or x.nr == nr]
        context["items"] = [f"kernopgave {x.nr}" for x in d.kernopgaven]
        if nr is not None and not items and d.kernopgaven:  # "kernopgave 4" of a profile that has three
            return Answer("no_kernopgave", {"k": k, "nr": nr, "known": [x.nr for x in d.kernopgaven]},
                          citation=citation, context=context)
    if not items and name == "functiebenamingen" and k.profiel:
        p = kb.profiel(k)
        sentences = _naming_sentences(p.typering_beroep if p is not None else None)
        if sentences:  # a kwalificatiedossier has no list of them, but may name them in its typering
            return Answer("named_in_typering", {"k": k, "sentences": sentences},
                          citation=kb.citation(d, k.profiel, p.origins.get("typering_beroep")), context=context)
    if not items:
        return Answer("nothing_about", {"k": k, "what": name}, citation=citation, context=context)
    return Answer(name, {"k": k, "items": items}, citation=citation, context=context)


# A sentence of a typering that names the jobs one does with the qualification ("alternatieve benamingen
# zijn ...", "werkt als ...", "ook wel ... genoemd").
_NAMING = re.compile(r"\b(?:\w*benaming\w*|functie(?:naam|namen|titels?)|ook wel|werkt als|werkzaam als)\b", re.I)


def _naming_sentences(typering: Optional[str]) -> list[str]:
    return [x for x in _sentences(typering) if _NAMING.search(x)]


def _sentences(text: Optional[str]) -> list[str]:
    """A text's sentences; a full stop before a lower-case word ends an abbreviation ("c.q.", "o.a."), not a
    sentence."""
    return re.split(r"(?<=[.!?])\s+(?=[^a-z])", " ".join((text or "").split()))


def section_or_overview(q: Question, kb: KnowledgeBase, k: Kwalificatie) -> Answer:
    """A question about a part of the dossier that is no field ("door wie is het gelegitimeerd?", "de
    beroepshouding"): that section of the dossier when its title matches the question, else the card."""
    return named_section_answer(q, kb, k) or answer_overview(q, kb)


def named_section_answer(q: Question, kb: KnowledgeBase, k: Kwalificatie) -> Optional[Answer]:
    from questions import lexicon as lx

    if lx.CONTEXT.search(q.text) and k.profiel:
        where = _workplace(kb, k)
        if where is not None:
            return where
    section = _named_section(q, kb, k)
    if section is None:
        return None
    return Answer("section", {"k": k, "section": section}, citation=kb.citation(kb.dossier(k), None, section.origin),
                  context={"kwalificaties": [k.key]})


# A sentence of a profile's typering that says where the profession is practised.
_WORKPLACE = re.compile(r"\b(?:werkzaam|werk(?:t|en) (?:bij|binnen|in|op|voor)|organisaties?|bedrijven|instellingen|"
                        r"sectoren|branches?|afdelingen|werkgevers?|kantoren)\b", re.I)


def _workplace(kb: KnowledgeBase, k: Kwalificatie) -> Optional[Answer]:
    """"Waar werkt X?": what the profile's own typering says about where (the dossier's context section
    describes the whole beroepengroep, so it comes second)."""
    p = kb.profiel(k)
    sentences = [x for x in _sentences(p.typering_beroep if p else None) if _WORKPLACE.search(x)]
    if not sentences:
        return None
    d = kb.dossier(k)
    context = _context_section(d)
    return Answer("workplace", {"k": k, "sentences": sentences, "section": context},
                  citation=kb.citation(d, k.profiel, p.origins.get("typering_beroep")), context={"kwalificaties": [k.key]})


def _context_section(d):
    """The dossier's section on where the beroepengroep works ("Context")."""
    return next((s for s in d.sections if s.key.rsplit("/", 1)[-1] == "context"), None)


def _named_section(q: Question, kb: KnowledgeBase, k: Kwalificatie):
    """The section of the dossier whose title a word of the question names ("gelegitimeerd" names
    "Legitimering": they share most of the shorter word, not just a prefix like "beroeps")."""
    from os.path import commonprefix

    from questions.answers import is_cue

    from questions import lexicon as lx

    sections = kb.dossier(k).sections
    if lx.CONTEXT.search(q.text):  # "wat is de werkomgeving van X?" asks where the profession is practised
        context = _context_section(kb.dossier(k))
        if context is not None:
            return context
    asked = [w for w in lemmatize(q.topic) if len(w) >= 3 and not is_cue(w) and w not in lemmatize(k.title)]
    named = []
    for section in sections:
        titled = lemmatize(f"{section.title} {section.key.replace('/', ' ').replace('-', ' ')}")
        if any(a == b or (len(a) >= 6 and len(commonprefix([a, b])) >= max(6, 0.75 * min(len(a), len(b))))
               for a in asked for b in titled):
            named.append(section)
    if len(named) <= 1:
        return named[0] if named else None
    # several sections under the name asked ("de trends"): the one whose text has most of the other words
    # ("welke wetten bij de trends": the one on legislation)
    def holds(section) -> int:
        said = set(lemmatize(f"{section.title} {section.text}"))
        return sum(1 for a in asked if {a, *singulars(a)} & said or any(len(a) >= 5 and a in w for w in said))
    return max(named, key=holds)  # the first of equals: the dossier's order


def answer_card(q: Question, kb: KnowledgeBase) -> Answer:
    """"Geef een overzicht van X" is the card; a question about one named part of X is that part."""
    from questions import lexicon as lx

    k = subject(q, kb)
    if k is None or lx.STRONG_OVERVIEW.search(q.text.lower()):
        return answer_overview(q, kb)
    return section_or_overview(q, kb, k)


def answer_overview(q: Question, kb: KnowledgeBase) -> Answer:
    """The card: what it is, crebo, niveau, soort opleiding, dossier, kerntaken with their werkprocessen."""
    k = subject(q, kb)
    if k is None:
        return no_subject(q, kb)
    d = kb.dossier(k)
    names = ["soort", "crebo", "niveau", "typering"] if k.profiel else \
        (["soort", "code", "ontwikkeld_door", "datum", "versie"] if d.kind == BEROEPSCOMPETENTIEPROFIEL
         else ["soort", "crebo", "domein", "gevalideerd_op"])
    facts = [kb.fact(k, name) for name in names]
    citation = kb.citation(d, k.profiel)
    if k.profiel:
        required = kb.fact(k, "beroepsvereisten")  # a diploma or certificate the job needs: on the card when stated
        if isinstance(required, Fact) and not str(required.value).strip().lower().startswith("nee"):
            facts.append(required)
        facts.append(fact(kb, k, "typering_beroep"))
    # every profile of the dossier, those it names by code only too
    profielen = [] if k.profiel else [x for x in (kb.kwalificatie(f"{d.title}/{p.code}") for p in d.profielen) if x]
    niveaus = {x.key: getattr(kb.fact(x, "niveau"), "value", None) for x in profielen}
    crebos = {x.key: getattr(kb.fact(x, "crebo"), "value", None) for x in profielen}
    # a dossier's card: each profile with its own kerntaken, the shared basisdeel once
    own = {x.key: [kt for kt in kb.kerntaken(x) if not any(kt is b for b in d.kerntaken)] for x in profielen}
    return Answer("overview", {"k": k, "facts": facts, "kerntaken": kb.kerntaken(k) if k.profiel or not profielen
                               else list(d.kerntaken), "profielen": profielen, "niveaus": niveaus,
                               "crebos": crebos, "own": own,
                               "competenties": d.beroepscompetenties, "kernopgaven": d.kernopgaven,
                               "generiek": [x.title for x in d.sections if x.key.startswith("generiek/")]},
                  citation=citation, context={"kwalificaties": [k.key]})


def answer_source(q: Question, kb: KnowledgeBase) -> Answer:
    if not q.citation:
        return Answer("no_previous_answer")
    citation = Citation(**q.citation)
    k = kb.kwalificatie(citation.dossier)
    return Answer("source_detail", {"citation": citation, "supplied": kb.supplied(k) if k else set()},
                  citation=citation)


def answer_opinion(q: Question, kb: KnowledgeBase) -> Answer:
    """"Is X leuk?": a judgement the dossier does not make; what it does describe is one button away."""
    k = subject(q, kb) if not q.unknown else None
    if q.unknown:
        return no_subject(q, kb)
    buttons = [(f"Overzicht van {'de ' if k.profiel else ''}{k.title}", f"Geef een overzicht van {k.title}")] if k \
        else []
    return Answer("opinion", {"k": k}, buttons=buttons, context={"kwalificaties": [k.key]} if k else {})
