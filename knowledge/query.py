"""The questions kwalibot answers, as plain functions over the knowledge base.

`KnowledgeBase` reads the database once per build (it notices a rebuild) and
answers with plain objects: `Kwalificatie`, `WerkprocesView`, `Fact`,
`NotStated`, `Ambiguous` (knowledge/results.py), search `Hit`s. No Rasa, no wording: the assistant
turns these into sentences. One answer asks many of these questions: inside
`with kb.consistent():` they all read the same build, also when a rebuild is
picked up meanwhile.
"""
from __future__ import annotations

import contextlib
import re
import threading
import time
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Optional, Union

from sqlalchemy.orm import Session

from knowledge import db
from knowledge.model import (
    BEROEPSCOMPETENTIEPROFIEL,
    COMPETENTIE_GROUPS,
    Beroepscompetentie,
    Dossier,
    Kerntaak,
    Origin,
    Profiel,
    Werkproces,
)
from knowledge.names import Match, NameIndex, TitleIndex, Titled, alternative_names
# the result types live in knowledge.results; the rest of kwalibot imports them from here too
from knowledge.results import (
    Ambiguous, Citation, Comparison, Fact, KerntaakView, Kwalificatie, NotFound, NotStated, Resolution,
    WerkprocesView,
)
from knowledge.search import Hit, Index, Passage
from knowledge.store import BuildInfo, PassageRow, load_dossiers


FACT_FIELDS = {
    # field -> where it is read: "profiel" attribute first, else the dossier's
    "niveau": ("niveau", None),
    "crebo": ("crebo", "crebo"),
    "typering": ("typering_kwalificatie", None),
    "beroepsvereisten": ("beroepsvereisten", None),
    "domein": (None, "domain"),
    "domein_crebo": (None, "domain_crebo"),
    "penvoerder": (None, "penvoerder"),
    "gevalideerd_door": (None, "gevalideerd_door"),
    "gevalideerd_op": (None, "gevalideerd_op"),
    "geldig_vanaf": (None, "geldig_vanaf"),
    "ontwikkeld_door": (None, "ontwikkeld_door"),
    "datum": (None, "datum"),
    "versie": (None, "versie"),
    "code": (None, "code"),
    "eqf": (None, None),  # asked, never stated apart from the mbo-niveau: answered as not stated
    "soort": (None, "kind"),
    "dossier": (None, "title"),
}

_FULL_CODE = re.compile(r"^(?:[BP]\d+-)?K\d+-W\d+$", re.I)
_SHORT_CODE = re.compile(r"^W?(\d+)$", re.I)


def _code(text: str) -> str:
    return re.sub(r"\s+", "", text).upper()


# ------------------------------------------------------------------ the knowledge base

@dataclass(frozen=True)
class _Build:
    """One build as read: swapped in as a whole, so that a reader never sees parts of two builds."""

    stamp: object
    dossiers: list[Dossier]
    index: Index
    names: NameIndex[Kwalificatie]
    titles: TitleIndex
    keys: dict[str, Kwalificatie]  # every key in lower case: looked up many times a message


# The build the current answer reads, per thread and per asyncio task: (knowledge base, build).
_pinned: ContextVar[Optional[tuple["KnowledgeBase", _Build]]] = ContextVar("kwalibot_pinned_build", default=None)


class KnowledgeBase:
    """Read access to one knowledge base (a database URL). Safe to share between threads."""

    RECHECK_SECONDS = 2.0

    def __init__(self, url: str | None = None):
        self.url = db.database_url(url)
        self._lock = threading.Lock()
        self._engine = None
        self._checked = 0.0
        self._build: Optional[_Build] = None
        self._last_titled: tuple = (None, [])

    # -- loading ------------------------------------------------------------------

    def _current_stamp(self) -> object:
        if db.is_sqlite(self.url):
            path = db.sqlite_path(self.url)
            stat = path.stat()  # FileNotFoundError: no knowledge base built yet
            return (stat.st_ino, stat.st_mtime_ns)
        with Session(self._get_engine()) as session:
            return session.query(BuildInfo.build_id).scalar()

    def _get_engine(self):
        if self._engine is None:
            self._engine = db.make_engine(self.url)
        return self._engine

    @contextlib.contextmanager
    def consistent(self):
        """Every read inside the block sees the build current at its start (one answer, one build).

        Without it, a rebuild noticed halfway through an answer hands it names from the old build and
        dossiers from the new one: a qualification of the old list missing from the new dossiers.
        """
        token = _pinned.set((self, self._current()))
        try:
            yield self
        finally:
            _pinned.reset(token)

    def _current(self) -> _Build:
        pinned = _pinned.get()
        if pinned is not None and pinned[0] is self:
            return pinned[1]
        self._ensure_loaded()
        return self._build

    def _ensure_loaded(self) -> None:
        now = time.monotonic()
        if self._build is not None and now - self._checked < self.RECHECK_SECONDS:
            return
        with self._lock:
            stamp = self._current_stamp()
            self._checked = now
            if self._build is not None and stamp == self._build.stamp:
                return
            if db.is_sqlite(self.url) and self._engine is not None:
                self._engine.dispose()  # the file was replaced: reconnect to the new one
            with Session(self._get_engine()) as session:
                dossiers = load_dossiers(session)
                passages = [
                    Passage(dossier=row_title, source=r.source, code=r.code, field=r.field, label=r.label,
                            text=r.text, profiel=r.profiel, line_start=r.line_start, line_end=r.line_end,
                            lemmas=r.lemmas)
                    for r, row_title in _passage_rows(session)
                ]
            self._build = _Build(stamp, dossiers, Index(passages), NameIndex(self._aliases(dossiers)),
                                 TitleIndex(self._titled(dossiers)), self._by_key(dossiers))

    @staticmethod
    def _aliases(dossiers: list[Dossier]):
        for d in dossiers:
            whole = Kwalificatie(d.title, None, d.title, d.kind, d.source)
            yield d.title, whole
            for name in d.functiebenamingen:
                yield name, whole
            for p in d.profielen:
                if p.title and not p.outline_only:
                    k = Kwalificatie(d.title, p.code, p.title, d.kind, d.source)
                    yield p.title, k
                    # the other names its typering gives the job ("intercedent", "recruiter"): the
                    # dossier's own word that they are this qualification
                    for name in alternative_names(p.typering_beroep):
                        yield name, k

    @staticmethod
    def _titled(dossiers: list[Dossier]):
        """What a user may quote by its title: kerntaken, werkprocessen, beroepscompetenties, and the
        opleidingsdomein ("Economie en administratie") a dossier belongs to."""
        for d in dossiers:
            for kt in d.all_kerntaken():
                yield kt.title, (d, kt)
                for wp in kt.werkprocessen:
                    yield wp.title, (d, wp)
            for c in d.beroepscompetenties:
                yield c.title, (d, c)
            if d.domain:
                yield d.domain, (d, None)

    def dossiers(self) -> list[Dossier]:
        return self._current().dossiers

    # -- naming -------------------------------------------------------------------

    def kwalificaties(self) -> list[Kwalificatie]:
        """Every named qualification in dossier order: the profiles, and each BCP as a whole."""
        result = []
        for d in self.dossiers():
            if d.kind == BEROEPSCOMPETENTIEPROFIEL:
                result.append(Kwalificatie(d.title, None, d.title, d.kind, d.source))
            for p in d.profielen:
                if p.title and not p.outline_only:
                    result.append(Kwalificatie(d.title, p.code, p.title, d.kind, d.source))
        return result

    def find(self, name: str) -> list[Kwalificatie]:
        """Qualifications or dossiers a (possibly misspelt) name refers to; several when ambiguous."""
        crebo = re.sub(r"\D", "", name)
        if len(crebo) == 5 and crebo == name.strip():
            return self.by_crebo(crebo)
        return [m.item for m in self._current().names.find(name)]

    def nearest(self, name: str, limit: int = 3) -> list[Kwalificatie]:
        """Qualifications whose names look most like an unknown name, for "bedoel je …?" buttons."""
        return [m.item for m in self._current().names.nearest(name, limit)]

    def mentions(self, text: str) -> list[Match[Kwalificatie]]:
        """Qualifications named anywhere in a sentence (for entity linking)."""
        return self._current().names.mentions(text)

    def titles_in(self, text: str) -> list[Titled]:
        """Kerntaken and werkprocessen whose titles a sentence quotes: items are (dossier, kerntaak or
        werkproces), longest title first."""
        titles = self._current().titles
        # linking and the question builder both ask this of the same message: read it once
        key, found = self._last_titled  # one tuple, read once: safe when threads share the knowledge base
        if key != (text, id(titles)):
            found = titles.find(text)
            self._last_titled = ((text, id(titles)), found)
        return found

    def by_crebo(self, crebo: str) -> list[Kwalificatie]:
        found = []
        for d in self.dossiers():
            if d.crebo == crebo:
                found.append(Kwalificatie(d.title, None, d.title, d.kind, d.source))
            for p in d.profielen:
                if p.crebo == crebo:
                    found.append(Kwalificatie(d.title, p.code, p.title or p.code, d.kind, d.source))
        return found

    def kwalificatie(self, key: str) -> Optional[Kwalificatie]:
        """By its stable key ("Business Services/P6", "Commercie"), e.g. from a slot (any letter case)."""
        return self._current().keys.get(key.casefold())

    @staticmethod
    def _by_key(dossiers: list[Dossier]) -> dict[str, Kwalificatie]:
        """Every key, in lower case (asked for many times a message, among hundreds of qualifications)."""
        keys: dict[str, Kwalificatie] = {}
        for d in dossiers:
            keys.setdefault(d.title.casefold(), Kwalificatie(d.title, None, d.title, d.kind, d.source))
            for p in d.profielen:
                keys.setdefault(f"{d.title}/{p.code}".casefold(),
                                Kwalificatie(d.title, p.code, p.title or p.code, d.kind, d.source))
        return keys

    # -- navigation ---------------------------------------------------------------

    def dossier(self, k: Kwalificatie) -> Dossier:
        return next(d for d in self.dossiers() if d.title == k.dossier)

    def profiel(self, k: Kwalificatie) -> Optional[Profiel]:
        if not k.profiel:
            return None
        return next((p for p in self.dossier(k).profielen if p.code == k.profiel), None)

    def kerntaken(self, k: Kwalificatie) -> list[Kerntaak]:
        """The kerntaken of a qualification in dossier order: basisdeel first, then its profile's."""
        d, p = self.dossier(k), self.profiel(k)
        if p is None:
            return d.all_kerntaken()
        return list(d.kerntaken) + list(p.kerntaken)

    def werkprocessen(self, k: Kwalificatie, kerntaak: Optional[str] = None) -> list[tuple[Kerntaak, Werkproces]]:
        pairs = [(kt, wp) for kt in self.kerntaken(k) for wp in kt.werkprocessen]
        if kerntaak:
            wanted = _code(kerntaak)
            pairs = [(kt, wp) for kt, wp in pairs if kt.code == wanted or kt.code.endswith("-" + wanted)]
        return pairs

    def citation(self, d: Dossier, code: Optional[str] = None, origin: Optional[Origin] = None) -> Citation:
        return Citation(d.title, d.kind, d.source, code, origin.line_start if origin else None,
                        origin.line_end if origin else None)

    # -- werkprocessen ------------------------------------------------------------

    def _view(self, d: Dossier, kt: Kerntaak, wp: Werkproces, k: Optional[Kwalificatie]) -> WerkprocesView:
        p = self.profiel(k) if k else None
        if p is None:  # a profile's own werkproces is seen through that profile
            p = next((prof for prof in d.profielen if any(x is kt for x in prof.kerntaken)), None)
        extra = wp.aanvullingen.get(p.code) if p else None
        return WerkprocesView(d, kt, wp, p, extra, self.citation(d, wp.code, wp.origins.get("title")))

    def werkproces(self, code: str, within: Optional[Kwalificatie] = None) -> Resolution:
        """A werkproces by full code ("P6-K1-W3"), by "K1-W3", or by short code/number ("W3", "3")
        within a qualification. Several matches -> Ambiguous; none -> NotFound listing what exists."""
        wanted = _code(code)
        short = _SHORT_CODE.match(wanted)
        if within is not None:
            pairs = self.werkprocessen(within)
        else:
            pairs = [(kt, wp) for d0 in self.dossiers() for kt in d0.all_kerntaken() for wp in kt.werkprocessen]
        if short:
            suffix = f"-W{int(short.group(1))}"
            hits = [(kt, wp) for kt, wp in pairs if wp.code.endswith(suffix)]
        elif _FULL_CODE.match(wanted):
            hits = [(kt, wp) for kt, wp in pairs if wp.code == wanted or wp.code.endswith("-" + wanted)]
        else:
            return NotFound("werkproces", code, within)
        views = []
        for kt, wp in hits:
            d = self._dossier_of(kt)
            views.append(self._view(d, kt, wp, within))
        if len(views) == 1:
            return views[0]
        if not views:
            known = [wp.code for _, wp in pairs] if within else []
            return NotFound("werkproces", code, within, known)
        return Ambiguous("werkproces", code, views)

    def _dossier_of(self, kt: Kerntaak) -> Dossier:
        for d in self.dossiers():
            if any(k is kt for k in d.all_kerntaken()):
                return d
        raise LookupError(kt.code)

    # -- kerntaken ----------------------------------------------------------------

    def kerntaak(self, code: str, within: Optional[Kwalificatie] = None) -> Union[KerntaakView, Ambiguous, NotFound]:
        """A kerntaak by code ("B1-K1", "P2-K1", "K5") or number ("1") within a qualification."""
        wanted = _code(code)
        number = re.fullmatch(r"K?(\d+)", wanted)
        pool = self.kerntaken(within) if within else [kt for d in self.dossiers() for kt in d.all_kerntaken()]
        if number:
            hits = [kt for kt in pool if kt.code == f"K{int(number.group(1))}"
                    or kt.code.endswith(f"-K{int(number.group(1))}")]
        else:
            hits = [kt for kt in pool if kt.code == wanted]
        views = []
        for kt in hits:
            d = self._dossier_of(kt)
            p = self.profiel(within) if within else None
            views.append(KerntaakView(d, kt, p, kt.aanvullingen.get(p.code) if p else None,
                                      self.citation(d, kt.code, kt.origins.get("title"))))
        if len(views) == 1:
            return views[0]
        if not views:
            return NotFound("kerntaak", code, within, [kt.code for kt in pool] if within else [])
        return Ambiguous("kerntaak", code, views)

    # -- facts --------------------------------------------------------------------

    def fact(self, k: Kwalificatie, name: str) -> Union[Fact, NotStated]:
        """One fact (see FACT_FIELDS) of a qualification, or NotStated when the source is silent."""
        if name not in FACT_FIELDS:
            raise KeyError(name)
        profiel_attr, dossier_attr = FACT_FIELDS[name]
        d, p = self.dossier(k), self.profiel(k)
        value, origin = None, None
        if p is not None and profiel_attr:
            value, origin = getattr(p, profiel_attr), p.origins.get(profiel_attr)
        if value is None and dossier_attr and (p is None or profiel_attr is None):
            value, origin = getattr(d, dossier_attr), d.origins.get(dossier_attr)
        citation = self.citation(d, k.profiel, origin)
        if value in (None, ""):
            return NotStated(k, name, citation)
        return Fact(k, name, value, citation)

    def supplied(self, k: Kwalificatie) -> set[str]:
        """Dossier fields that come from the manifest, not from the dossier's text."""
        return set(self.dossier(k).supplied)

    # -- comparison ---------------------------------------------------------------

    def compare(self, a: Kwalificatie, b: Kwalificatie) -> Comparison:
        ka, kb = self.kerntaken(a), self.kerntaken(b)
        codes_b = {(self.dossier(b).title, kt.code) for kt in kb}
        codes_a = {(self.dossier(a).title, kt.code) for kt in ka}
        shared = [kt for kt in ka if (self.dossier(a).title, kt.code) in codes_b]
        only_a = [kt for kt in ka if (self.dossier(a).title, kt.code) not in codes_b]
        only_b = [kt for kt in kb if (self.dossier(b).title, kt.code) not in codes_a]
        niveau = tuple(f.value if isinstance(f, Fact) else None for f in (self.fact(a, "niveau"), self.fact(b, "niveau")))
        return Comparison(a, b, niveau, shared, only_a, only_b)

    # -- the 2004 beroepscompetentieprofiel ---------------------------------------

    def competentie(self, k: Kwalificatie, nr: int) -> Union[Beroepscompetentie, NotFound]:
        d = self.dossier(k)
        found = next((c for c in d.beroepscompetenties if c.nr == nr), None)
        return found or NotFound("competentie", str(nr), k, [str(c.nr) for c in d.beroepscompetenties])

    def competenties(self, k: Kwalificatie, group: Optional[str] = None) -> list[Beroepscompetentie]:
        d = self.dossier(k)
        if group and group.upper() not in COMPETENTIE_GROUPS:
            raise KeyError(group)
        return [c for c in d.beroepscompetenties if not group or c.group == group.upper()]

    # -- search -------------------------------------------------------------------

    def passages(self) -> list[Passage]:
        """Every passage the search ranks, in index order (one build's)."""
        return self._current().index.passages

    def knows_lemma(self, lemma: str) -> bool:
        """Whether any passage has this lemma (a word the dossiers never use cannot be "covered")."""
        return self._current().index.knows(lemma)

    def has_lemma(self, lemma: str) -> bool:
        """Whether a passage has exactly this lemma (not only as part of a compound, as `knows_lemma` allows)."""
        return self._current().index.has(lemma)

    def information(self, lemma: str) -> float:
        """How rare a lemma is in the passages (IDF): what a question's subject hinges on."""
        return self._current().index.information(lemma)

    def search(self, text: str, limit: int = 5, within: Optional[Kwalificatie] = None) -> list[Hit]:
        """Passages about a topic, best first, each with its citation. Restricted to one
        qualification's dossier (and, for a profile, to the basisdeel and that profile) if given."""
        index = self._current().index
        if within is None:
            return index.search(text, limit)
        hits = index.search(text, limit * 4, dossier=within.dossier)
        if within.profiel:
            hits = [h for h in hits if h.passage.profiel in (None, within.profiel)
                    and _belongs_to(h.passage.code, within.profiel)]
        return hits[:limit]


def _belongs_to(code: Optional[str], profiel: str) -> bool:
    """A passage code of the basisdeel (B…) or of this profile (Pn…); other profiles' are excluded."""
    if not code or not re.match(r"^P\d+", code):
        return True
    return code.split("-")[0] == profiel


def _passage_rows(session: Session):
    from knowledge.store import DossierRow

    return session.query(PassageRow, DossierRow.title).join(DossierRow, PassageRow.dossier_id == DossierRow.id) \
        .order_by(PassageRow.id).all()


_default: Optional[KnowledgeBase] = None
_default_lock = threading.Lock()


def default_knowledge_base() -> KnowledgeBase:
    """The process-wide knowledge base at KWALIBOT_DB_URL (created on first use, not at import)."""
    global _default
    with _default_lock:
        if _default is None or _default.url != db.database_url():
            _default = KnowledgeBase()
        return _default
