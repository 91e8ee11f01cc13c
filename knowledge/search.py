"""Dutch full-text search over the knowledge base: lemmas, BM25 ranking, cited passages.

Passages (every titled text of a dossier) are cut at build time and stored with
their lemmas; a query is lemmatised the same way and ranked with BM25, with a
small bonus for compound words that contain a query lemma ("projectbudgetten"
holds "budget").

At the scale of many dossiers the parts they all share (leeswijzer, generieke onderdelen: the same
text in every dossier, give or take a conversion error) would match any word they hold in dozens of
places. A dossier-wide section whose text recurs in other dossiers is therefore shared text: it comes
after every werkproces, kerntaak and profile text that matches, and is found only where nothing
else is. What makes it shared is measured (runs of lemmas it has in common with other dossiers), never
a list of titles.
"""
from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Optional

from knowledge.lemmas import lemmatize, singulars
from knowledge.model import Dossier, Kerntaak, Origin, Werkproces
from knowledge.vocabulary import of_one_family


@dataclass
class Passage:
    dossier: str  # dossier title
    source: str
    code: Optional[str]
    field: str
    label: str  # what the passage is about, e.g. "P6-K1-W3 Voert marktonderzoeken uit"
    text: str
    profiel: Optional[str] = None
    line_start: Optional[int] = None
    line_end: Optional[int] = None
    lemmas: str = ""


@dataclass
class Hit:
    passage: Passage
    score: float
    matched: list[str]  # query lemmas found in the passage
    terms: list[str] = field(default_factory=list)  # the passage's own words they were found as ("swot-analyse")


def _origin_lines(origin: Optional[Origin]) -> tuple[Optional[int], Optional[int]]:
    return (origin.line_start, origin.line_end) if origin else (None, None)


def _werkproces_passages(dossier: Dossier, wp: Werkproces) -> Iterable[Passage]:
    label = f"{wp.code} {wp.title}"
    fields = [("title", wp.title), ("omschrijving", wp.omschrijving), ("resultaat", wp.resultaat),
              ("gedrag", "\n".join(wp.gedrag))]
    for name, text in fields:
        if text:
            start, end = _origin_lines(wp.origins.get(name))
            yield Passage(dossier.title, dossier.source, wp.code, name, label, text, None, start, end)
    for code, extra in wp.aanvullingen.items():
        for name, text in (("omschrijving", extra.omschrijving), ("resultaat", extra.resultaat),
                           ("gedrag", "\n".join(extra.gedrag))):
            if text:
                start, end = _origin_lines(extra.origins.get(name))
                yield Passage(dossier.title, dossier.source, wp.code, name, label, text, code, start, end)


def _kerntaak_passages(dossier: Dossier, kt: Kerntaak, profiel: Optional[str]) -> Iterable[Passage]:
    label = f"{kt.code} {kt.title}"
    fields = [("title", kt.title), ("complexiteit", kt.complexiteit),
              ("verantwoordelijkheid", kt.verantwoordelijkheid),
              ("vakkennis", "\n".join(v.tekst for v in kt.vakkennis)), ("proces", kt.proces),
              ("betrokkenen", kt.betrokkenen), ("hulpmiddelen", kt.hulpmiddelen), ("kwaliteit", kt.kwaliteit),
              ("keuzes", "\n".join(f"{d.title}: {d.text}" for d in kt.keuzes))]
    for name, text in fields:
        if text:
            start, end = _origin_lines(kt.origins.get(name))
            yield Passage(dossier.title, dossier.source, kt.code, name, label, text, profiel, start, end)
    for code, extra in kt.aanvullingen.items():
        for name, text in (("complexiteit", extra.complexiteit), ("verantwoordelijkheid", extra.verantwoordelijkheid),
                           ("vakkennis", "\n".join(v.tekst for v in extra.vakkennis))):
            if text:
                start, end = _origin_lines(extra.origins.get(name))
                yield Passage(dossier.title, dossier.source, kt.code, name, label, text, code, start, end)
    for wp in kt.werkprocessen:
        yield from _werkproces_passages(dossier, wp)


def passages_of(dossier: Dossier) -> list[Passage]:
    """Every searchable text of a dossier, each with what it is about and where it stands."""
    result: list[Passage] = []
    for kt in dossier.kerntaken:
        result.extend(_kerntaak_passages(dossier, kt, None))
    for profiel in dossier.profielen:
        if profiel.typering_beroep:
            start, end = _origin_lines(profiel.origins.get("typering_beroep"))
            result.append(Passage(dossier.title, dossier.source, profiel.code, "typering_beroep",
                                  f"{profiel.code} {profiel.title or ''}".strip(), profiel.typering_beroep,
                                  profiel.code, start, end))
        for kt in profiel.kerntaken:
            result.extend(_kerntaak_passages(dossier, kt, profiel.code))
    for k in dossier.kernopgaven:
        start, end = _origin_lines(k.origin)
        result.append(Passage(dossier.title, dossier.source, f"kernopgave {k.nr}", "kernopgave",
                              f"kernopgave {k.nr} {k.title}", k.text, None, start, end))
    for c in dossier.beroepscompetenties:
        start, end = _origin_lines(c.origin)
        text = "\n".join([c.text, *c.succescriteria_proces, *c.succescriteria_resultaat])
        result.append(Passage(dossier.title, dossier.source, f"competentie {c.nr}", "beroepscompetentie",
                              f"beroepscompetentie {c.nr} {c.title}", text, None, start, end))
    for s in dossier.sections:
        start, end = _origin_lines(s.origin)
        result.append(Passage(dossier.title, dossier.source, s.key, "section", s.title, s.text, None, start, end))
    for passage in result:
        passage.lemmas = " ".join(lemmatize(f"{passage.label}\n{passage.text}"))
    return result


SHINGLE = 3  # lemmas per run compared between dossiers
SHARED_MARGIN = 0.25  # of the question's information a shared part must cover more than an own text to go first
SHARED_SHARE = 0.5  # a section whose runs of lemmas recur in another dossier this much is shared text


def _shingles(lemmas: list[str]) -> set[tuple[str, ...]]:
    if len(lemmas) < SHINGLE:
        return {tuple(lemmas)} if lemmas else set()
    return {tuple(lemmas[i:i + SHINGLE]) for i in range(len(lemmas) - SHINGLE + 1)}


def _after_own_texts(own: list, shared: list, covers: dict[int, float]) -> list:
    """Both rankings in one: each shared part right after the last own text that covers nearly as much of
    the question (SHARED_MARGIN), and after the shared parts ranked before it."""
    by_cover = sorted(((covers[i], n) for n, (i, _) in enumerate(own)), reverse=True)
    descending = [-c for c, _ in by_cover]
    latest, last = [], -1
    for _, n in by_cover:
        last = max(last, n)
        latest.append(last)  # the last own position among the best-covering ones so far
    after: dict[int, list] = {}
    position = -1
    for i, hit in shared:
        k = bisect.bisect_right(descending, -(covers[i] - SHARED_MARGIN) + 1e-12)
        position = max(position, latest[k - 1] if k else -1)
        after.setdefault(position, []).append((i, hit))
    merged = after.get(-1, [])
    for n, item in enumerate(own):
        merged += [item] + after.get(n, [])
    return merged


def shared_sections(passages: list[Passage]) -> list[bool]:
    """For each passage: a dossier-wide section whose text recurs in another dossier (another source file)."""
    sections = [(i, p.source, _shingles(p.lemmas.split())) for i, p in enumerate(passages) if p.field == "section"]
    where: dict[tuple[str, ...], set[str]] = {}
    for _, source, shingles in sections:
        for s in shingles:
            owners = where.setdefault(s, set())
            if len(owners) < 2:  # two sources are enough to know it recurs
                owners.add(source)
    shared = [False] * len(passages)
    for i, source, shingles in sections:
        if shingles:
            recurring = sum(1 for s in shingles if len(where[s]) > 1)
            shared[i] = recurring >= SHARED_SHARE * len(shingles)
    return shared


class Index:
    """BM25 over passages' lemmas. Built once per knowledge-base build and kept in memory."""

    K1 = 1.4
    B = 0.75

    def __init__(self, passages: list[Passage]):
        self.passages = passages
        self._docs = [p.lemmas.split() for p in passages]
        self._tf = [Counter(doc) for doc in self._docs]
        self._avg_len = sum(map(len, self._docs)) / max(len(self._docs), 1)
        df: Counter[str] = Counter()
        for doc in self._docs:
            df.update(set(doc))
        n = len(self._docs)
        self._idf = {term: math.log(1 + (n - f + 0.5) / (f + 0.5)) for term, f in df.items()}
        self._vocabulary = list(df)
        self._postings: dict[str, list[int]] = {}  # term -> the passages that have it (a query reads only those)
        for i, doc in enumerate(self._docs):
            for term in set(doc):
                self._postings.setdefault(term, []).append(i)
        # Words of a passage's label (its title) say what it is about more than words in its body.
        self._label_lemmas = [set(lemmatize(p.label)) for p in passages]
        self._shared = shared_sections(passages)
        # A hyphenated compound ("swot-analyse", "e-mail") is also asked for by its parts or written as one
        # word ("swot analyse", "swotanalyse"): the parts and the joined form find it.
        self._information: dict[str, float] = {}
        self._spelling: dict[str, Optional[str]] = {}  # asked word -> the dossiers' word it misspells (or None)
        self._hyphenated: dict[str, list[str]] = {}
        for term in self._vocabulary:
            if "-" in term.strip("-"):
                for part in {x for x in term.split("-") if len(x) >= 2}:
                    self._hyphenated.setdefault(part, []).append(term)
                self._hyphenated.setdefault(term.replace("-", ""), []).append(term)

    def has(self, lemma: str) -> bool:
        """Exactly this lemma occurs in a passage."""
        return lemma in self._idf

    MISSPELT = 88  # rapidfuzz ratio of a long word to the dossiers' word it is a misspelling of

    def _misspelt(self, lemma: str) -> Optional[str]:
        """The dossiers' word a long word no passage has is a misspelling of, if one is that close."""
        if len(lemma) < 7 or lemma in self._idf:
            return None
        if lemma not in self._spelling:
            from rapidfuzz import fuzz, process

            if len(self._spelling) > 10_000:  # words users typed: bounded, whatever they type
                self._spelling.clear()
            found = process.extractOne(lemma, self._vocabulary, scorer=fuzz.ratio, score_cutoff=self.MISSPELT)
            self._spelling[lemma] = found[0] if found else None
        return self._spelling[lemma]

    def knows(self, lemma: str) -> bool:
        # a part of a compound ("voorraad" in "voorraadbeheer"), not a word inside a longer one ("omscholen")
        if lemma in self._idf or lemma in self._hyphenated or self._misspelt(lemma) or (len(lemma) >= 5 and any(lemma in t and len(t) - len(lemma) >= 4
                                                          for t in self._vocabulary)):
            return True
        # a compound whose head the dossiers use ("personeelsbijeenkomst": "bijeenkomst")
        # (a first part of four letters or more: "ver", "ont", "her" are prefixes, "verdienen" is no "dienen")
        if any(len(t) >= 5 and len(lemma) - len(t) >= 4 and lemma.endswith(t) for t in self._vocabulary):
            return True
        # another form of a verb the lookup lemmatizer does not know ("matchen" for "matcht")
        stem = re.sub(r"(?:en|t|te|ten|de|den)$", "", lemma)
        return len(stem) >= 4 and stem != lemma and any(stem + end in self._idf for end in ("", "t", "en", "te", "de"))

    def information(self, lemma: str) -> float:
        """How much a lemma tells (its IDF, or its best compound's, weighted as in search): rare words weigh more.
        Remembered per index (a build's vocabulary does not change), bounded like the spelling cache."""
        if lemma not in self._information:
            if len(self._information) > 10_000:
                self._information.clear()
            self._information[lemma] = max((w * self._idf[t] for t, w in self._expand(lemma)), default=0.0)
        return self._information[lemma]

    def _expand(self, lemma: str) -> list[tuple[str, float]]:
        """The lemma itself, plus compounds that contain it and words of its family (weighted lower)."""
        terms = [(lemma, 1.0)] if lemma in self._idf else [(t, 0.9) for t in singulars(lemma) if t in self._idf]
        if not terms and self._misspelt(lemma):
            terms = [(self._misspelt(lemma), 0.8)]  # "legionela" for "legionella"
        hyphenated = set(self._hyphenated.get(lemma, ()))
        terms += [(t, 1.0 if t.replace("-", "") == lemma else 0.8) for t in sorted(hyphenated)]
        if not terms and "-" in lemma.strip("-"):
            # a hyphenated word the dossiers do not have ("vsr-systeem" for "VSR-kwaliteitsmeetsysteem"): its
            # parts, and the dossiers' hyphenated words that share one
            for part in (x for x in lemma.split("-") if len(x) >= 3):
                found = ({part} if part in self._idf else set()) | set(self._hyphenated.get(part, ()))
                terms += [(t, 0.7) for t in sorted(found) if (t, 0.7) not in terms]
        if len(lemma) >= 5:
            for t in self._vocabulary:  # one pass: this runs for every word of every question
                if t == lemma or t in hyphenated:
                    continue  # itself, or a hyphenated compound already weighed above
                if lemma in t:
                    terms.append((t, 0.6))
                elif t[:5] == lemma[:5] and of_one_family(lemma, t):
                    # a word of its family ("planning" for "plannen"), weighted lower still
                    terms.append((t, 0.5))
        if len(lemma) >= 8:
            # a compound ("vergaderruimte"): its head too, the longest word of the dossiers it ends in, since a
            # text about the thing may name it without the first part ("ruimtes gebruiksklaar maken")
            head = next((lemma[i:] for i in range(4, len(lemma) - 4) if lemma[i:] in self._idf), None)
            if head is not None:
                terms.append((head, 0.4))
        return terms

    def search(self, query: str, limit: int = 5, dossier: Optional[str] = None) -> list[Hit]:
        lemmas = list(dict.fromkeys(lemmatize(query)))
        if not lemmas:
            return []
        expanded = {lemma: self._expand(lemma) for lemma in lemmas}
        hits = []
        having = sorted({i for terms in expanded.values() for term, _ in terms for i in self._postings[term]})
        for i in having:
            passage = self.passages[i]
            if dossier and passage.dossier != dossier:
                continue
            tf, length = self._tf[i], len(self._docs[i])
            score, matched, found = 0.0, [], []
            for lemma, terms in expanded.items():
                best, found_as = 0.0, None
                for term, weight in terms:
                    f = tf.get(term, 0)
                    if f:
                        norm = f * (self.K1 + 1) / (f + self.K1 * (1 - self.B + self.B * length / self._avg_len))
                        if weight * self._idf[term] * norm > best:
                            best, found_as = weight * self._idf[term] * norm, term
                if best:
                    score += best
                    matched.append(lemma)
                    found.append(found_as)
            if score:
                label_hits = sum(1 for lemma in matched if lemma in self._label_lemmas[i])
                hits.append((label_hits, i, Hit(passage, score, matched, found)))
        # Relevance: BM25, weighted by how much of the question's information a passage covers (a rare
        # word weighs more than a common one) and by title matches; a dossier-wide section counts less than
        # the dossier's own kerntaken and werkprocessen, and one that other dossiers share comes after every
        # own text that covers nearly as much of the question (a quarter of its information less at most):
        # asked about the shared part itself ("wat zegt het dossier over rekenen?"), the shared part is the answer.
        weight = {lemma: max((w * self._idf[t] for t, w in terms), default=0.0) for lemma, terms in expanded.items()}
        total = sum(weight.values()) or 1.0

        def relevance(h: tuple[int, int, Hit]) -> float:
            label_hits, i, hit = h
            section = 0.6 if hit.passage.field == "section" else 1.0
            return -hit.score * covers[i] * (1 + 0.25 * label_hits) * section

        covers = {i: sum(weight[lemma] for lemma in hit.matched) / total for _, i, hit in hits}
        hits.sort(key=relevance)
        own = [(i, hit) for _, i, hit in hits if not self._shared[i]]
        shared = [(i, hit) for _, i, hit in hits if self._shared[i]]
        return [hit for _, hit in _after_own_texts(own, shared, covers)][:limit]
