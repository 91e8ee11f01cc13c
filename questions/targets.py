"""What a question is about: the qualifications, codes and titles a message names (`read_targets`), a
kerntaak or werkproces named by its title (`titled_part`), and the message without those names
(`without_names`, what is left is the subject asked about)."""
from __future__ import annotations

import re

from knowledge.codes import find_codes
from knowledge.model import BEROEPSCOMPETENTIEPROFIEL
from knowledge.names import normalize as normalize_name
from knowledge.query import KnowledgeBase
from knowledge.vocabulary import fold, is_noise, words
from questions import lexicon as lx
from questions.answers.titles import titled as titled_anywhere
from questions.message import Message
from questions.model import Question


SAME_TITLE_ANSWERED = 4  # a werkproces title this many profiles share is answered for each; more: the answer asks


def read_targets(q: Question, m: Message, kb: KnowledgeBase) -> None:
    keys = [k.key for k in (kb.kwalificatie(v) for v in m.values("kwalificatie")) if k]
    crebos = m.values("crebo")
    for crebo in crebos:
        keys += [k.key for k in kb.by_crebo(crebo) if k.key not in keys]
    if not keys and (_BCP.search(m.folded) or re.search(r"\bkernopgave", m.folded)):
        # "volgens het BCP", "kernopgave 3": the one beroepscompetentieprofiel there is (kernopgaven are its own)
        profiles = [d for d in kb.dossiers() if d.kind == BEROEPSCOMPETENTIEPROFIEL]
        keys = [profiles[0].title] if len(profiles) == 1 else []
    # a profile named with its own dossier ("de X in het dossier D"): the dossier only says where X is
    profiled = {k.dossier for k in (kb.kwalificatie(key) for key in keys) if k and k.profiel}
    if not lx.COMPARE.search(m.folded):  # "verschil tussen X en D" compares them
        keys = [key for key in keys if key not in profiled]
    q.kwalificaties = list(dict.fromkeys(keys))
    q.named = bool(q.kwalificaties)
    # a phrase holding the word that names the asked field or part ("de criteria bij het resultaat") is no name
    parts = {fold(w) for v in m.values("onderdeel") + m.values("feit") for w in words(v)}
    unknown = [u for u in m.values("kwalificatie_onbekend") if not parts & set(words(u))]
    q.unknown = unknown[0] if unknown and (not q.kwalificaties or _beside_dossier(kb, q, unknown[0])) else None
    codes = find_codes(m.text) if m.text else []
    werkprocessen = m.values("werkproces") or [c.value for c in codes if c.entity == "werkproces"]
    kerntaken = m.values("kerntaak") or [c.value for c in codes if c.entity == "kerntaak"]
    q.werkproces = werkprocessen[0] if werkprocessen else None
    q.kerntaak = kerntaken[0] if kerntaken else None
    q.kerntaken = kerntaken if len(kerntaken) > 1 else []
    q.werkprocessen = werkprocessen if len(werkprocessen) > 1 else []
    q.profielen = m.values("profiel") or [c.value for c in codes if c.entity == "profiel"]
    nr = m.values("competentie") or [c.value for c in codes if c.entity == "competentie"]
    q.competentie = int(nr[0]) if nr and nr[0].isdigit() else None
    q.value = crebos[0] if crebos else None
    numbered = _KERNOPGAVE.search(m.folded)  # "kernopgave 3": a 2004 profile's numbered kernopgave
    if numbered:
        q.kernopgave = int(numbered.group(1))
    quoted = _QUOTED.search(m.text)
    q.title = quoted.group(1).strip() if quoted else None


def titled_part(q: Question, m: Message, kb: KnowledgeBase) -> None:
    """A kerntaak or werkproces named by its title instead of its code ("hoeveel werkprocessen vallen onder
    '<een titel uit het dossier>'?"), within the qualification named."""
    if q.werkproces or q.kerntaak or not m.text:
        return
    titled = kb.titles_in(m.text)
    domains = [d.title for d, part in (t.item for t in titled) if part is None]
    if domains and not q.kwalificaties:  # a domain named by its name ("het domein <naam>"): its dossiers
        q.kwalificaties = list(dict.fromkeys(domains))
    dossiers = {k.dossier for k in (kb.kwalificatie(key) for key in q.kwalificaties) if k}
    found = [t.item for t in titled if (not dossiers or t.item[0].title in dossiers)
             and isinstance(getattr(t.item[1], "code", None), str)]
    if not found and q.title:  # quotes say it is a title, however short ("'Verwerkt gegevens'")
        found = [(t.dossier, t.item) for t in titled_anywhere(kb, q.title) if not dossiers or t.dossier.title in dossiers]
    if not found and q.kwalificaties:  # a short title word for word, of the qualification named
        found = _own_title(kb, kb.kwalificatie(q.kwalificaties[0]), m.text)
    profielen = {k.profiel for k in (kb.kwalificatie(key) for key in q.kwalificaties) if k and k.profiel}
    if profielen:  # a title several profiles share ("Voert … uit" in P2, P4 and P6): the named profile's
        found = [(d, x) for d, x in found if not re.match(r"P\d+-", x.code) or x.code.split("-")[0] in profielen]
    places = list(dict.fromkeys((d.title, x.code) for d, x in found))
    if not q.kwalificaties and 1 < len(places) <= SAME_TITLE_ANSWERED and all("-W" in c for _, c in places):
        # one werkproces title that several profiles have ("Levert managementinformatie"): each of them
        q.werkprocessen = [c for _, c in places]
        q.werkproces = q.werkprocessen[0]
        q.kwalificaties = [_owner_of(kb, d, c) for d, c in places]
        return
    if len(places) != 1:
        return  # none, or too many places and none named: the answer asks
    dossier, part = found[0]
    if not q.kwalificaties:  # the title says whose it is: that profile (or dossier), never another's same code
        q.kwalificaties = [_owner_of(kb, dossier.title, part.code)]
    if "-W" in part.code:
        q.werkproces = part.code
    else:
        q.kerntaak = part.code


def _beside_dossier(kb: KnowledgeBase, q: Question, name: str) -> bool:
    """An unknown name beside the one dossier named ("kwalificatie X in het dossier D", X not one of D's
    profiles): the name asked about is unknown; D only says where to look."""
    named = [kb.kwalificatie(key) for key in q.kwalificaties]
    if len(named) != 1 or named[0] is None or named[0].profiel is not None or not kb.dossier(named[0]).profielen:
        return False
    return not set(words(name)) <= set(words(named[0].title))


def _own_title(kb: KnowledgeBase, k, text: str) -> list:
    """The kerntaken and werkprocessen of k whose whole title the text has, word for word: a title too short to
    be told from ordinary words anywhere ("Verwerkt gegevens") is one within the qualification it belongs to."""
    if k is None:
        return []
    said = f" {normalize_name(text)} "
    d = kb.dossier(k)
    return [(d, item) for kt in kb.kerntaken(k) for item in (kt, *kt.werkprocessen)
            if f" {normalize_name(item.title)} " in said]


def _owner_of(kb: KnowledgeBase, dossier: str, code: str) -> str:
    """The qualification whose own part a code of that dossier is: its profile, or the dossier for the basisdeel."""
    profiel = code.split("-")[0] if re.match(r"P\d+-", code) else None
    k = kb.kwalificatie(f"{dossier}/{profiel}" if profiel else dossier)
    return k.key if k else dossier


_KERNOPGAVE = re.compile(r"\bkernopgave\s*(\d+)\b")


_BCP = re.compile(r"\bbcp\b|\bberoepscompetentieprofiel\b")


_QUOTED = re.compile(r"['\"‘“„]([^'\"’”]{6,})['\"’”]")


def without_names(m: Message, text: str) -> str:
    for c in sorted(find_codes(text), key=lambda c: -c.start):
        text = text[:c.start] + " " + text[c.end:]
    name_words = {w for alias in m.aliases() for w in words(alias)}
    def in_name(p: str) -> bool:  # as the name index reads it too ("1e" is "eerste")
        return p in name_words or normalize_name(p) in name_words or _near(p, name_words)

    def of_name(w: str) -> bool:  # "Commercie-dossier": a name joined to a question word
        parts = [p for p in fold(w).split("-") if p]
        return all(in_name(p) or is_noise(p) for p in parts) and any(in_name(p) for p in parts)

    kept = [w for w in re.findall(r"[\w'-]+", text) if not of_name(w)]
    return " ".join(kept)


def _near(word: str, names: set[str]) -> bool:
    from rapidfuzz import fuzz

    # a misspelling, or the start of a long name word ("glazenwassers" for "glazenwassersbedrijf")
    return len(word) >= 5 and any(len(n) >= 5 and fuzz.ratio(word, n) >= 80 or len(word) >= 7 and n.startswith(word)
                                  for n in names)


# "het laatste werkproces van X", "de tweede kerntaak van het basisdeel": one item of a list, named by its place
_PLACED_PART = re.compile(r"\b(eerste|tweede|derde|vierde|vijfde|zesde|zevende|achtste|negende|tiende|laatste)\s+"
                          r"(werk ?proces|kern ?taak)\b")


def placed_part(q: Question, kb: KnowledgeBase, t: str) -> None:
    """The kerntaak or werkproces a question names by its place in the named qualification's list, counted
    as the list shows them: the basisdeel's first, then the profile's own, where the ordinal counts the
    profile's own (as `followups.picked` does; the answer's code says which one it is)."""
    m = _PLACED_PART.search(t)
    k = kb.kwalificatie(q.kwalificaties[0]) if m and len(q.kwalificaties) == 1 else None
    if k is None or q.werkproces or q.kerntaak:
        return
    kerntaken = kb.kerntaken(k)
    if lx.BASISDEEL_ONLY.search(t):
        kerntaken = [kt for kt in kerntaken if not kt.code.startswith("P")]
    elif lx.PROFIELDEEL.search(t):
        kerntaken = [kt for kt in kerntaken if kt.code.startswith("P")]
    items = [kt.code for kt in kerntaken] if "taak" in m.group(2) else \
        [wp.code for kt in kerntaken for wp in kt.werkprocessen]
    own = [c for c in items if c.startswith("P")] or items
    at = -1 if m.group(1) == "laatste" else lx.ORDINALS[m.group(1)]
    for listed in (own, items):
        if -len(listed) <= at < len(listed):
            code = listed[at]
            if "-W" in code:
                q.werkproces = code
            else:
                q.kerntaak = code
            q.what = None  # one of the list, not the list
            return
