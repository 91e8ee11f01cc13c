"""Naming things the way users do: qualification names with typos, abbreviations, word order.

Aliases come from the data (profile titles, dossier titles, function titles of a
beroepscompetentieprofiel), never from a hand-written list, so a new dossier
needs a rebuild and no code.

Users shorten names ("legal specialist", "office managment") and misspell them
("busines administration"), so an alias is scored by how much of its
*distinctive* vocabulary a text covers: each alias word weighs by how rare it is
among all aliases (so "administration" counts more than "specialist"), and a
word counts as present when a word of the text is close to it (rapidfuzz).
"""
from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Generic, Iterable, Optional, TypeVar

from rapidfuzz import fuzz, process

from knowledge.vocabulary import FUNCTION_WORDS, QUESTION_WORDS, of_one_family

T = TypeVar("T")

WORD_SIMILARITY = 80  # rapidfuzz ratio for two words (of 5+ letters) to count as the same word
COVERAGE = 0.5  # share of an alias's weight a text must cover to name it
WHOLE_NAME = 84  # rapidfuzz WRatio fallback for `find` on short or partial names
TIE = 4
_STOP = FUNCTION_WORDS
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def normalize(text: str) -> str:
    """Lower case, accents folded, '&' read as 'en', punctuation as space: for comparing names."""
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("&", " en "))
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # ordinals as SBB prints them and as users type them: "1e Medewerker" = "eerste medewerker"
    folded = _ORDINAL.sub(lambda m: _ORDINALS[m.group(1)], folded)
    return _NON_ALNUM.sub(" ", folded).strip()


_ORDINALS = {"1": "eerste", "2": "tweede", "3": "derde"}
_ORDINAL = re.compile(r"\b([123])\s?(?:e|ste|de)\b")


def _similarity(a: str, b: str) -> float:
    """1.0 for the same word, 0.85 for a shortening, the rapidfuzz ratio (0-1) for a near miss of 5+ letters,
    else 0."""
    if a == b:
        return 1.0
    if min(len(a), len(b)) < 5:
        return 0.0
    if a.startswith(b) or b.startswith(a):  # a shortening as people type it: "admin", "communic"
        return 0.85
    ratio = fuzz.ratio(a, b)
    return ratio / 100 if ratio >= WORD_SIMILARITY else 0.0


def _negated(raw: list[str], start: int) -> bool:
    """"niet de X", "geen X": the words before a name rule it out."""
    before = raw[max(0, start - 2):start]
    if before and before[-1] in ("de", "het", "een"):
        before = before[:-1]
    return bool(before) and before[-1] in ("niet", "geen")


def _starts_part(raw: list[str], start: int) -> bool:
    """A name ruled out ("…, niet de X") or set against another ("niet de X maar de Y") starts a part of the
    text of its own: the words of one name stand in one part."""
    before = raw[max(0, start - 2):start]
    if before and before[-1] in ("de", "het", "een"):
        before = before[:-1]
    return _negated(raw, start) or (bool(before) and before[-1] == "maar")


_PREPOSITIONS = frozenset("bij van voor met aan op tijdens door".split())
_OPENING_AUXILIARIES = frozenset("heeft hebben moet moeten kan kunnen mag mogen zal zullen wil willen doet doen "
                                 "krijgt krijgen".split())
_COPULAS = frozenset("is zijn wordt worden lijkt lijken blijkt blijken".split())


def _same_stem(a: str, b: str) -> bool:
    """One word shortens the other ("admin", "administration"), or both are of one family ("manager",
    "management"; "specialist", "specialisatie")."""
    return a.startswith(b) or b.startswith(a) or of_one_family(a, b, share=0.75)


@dataclass
class Match(Generic[T]):
    item: T
    alias: str
    score: float  # 0-100
    rival: Optional[str] = None  # a word next to a partial match that the name does not have
    phrase: Optional[str] = None  # the words of the text that name the rival thing
    negated: bool = False  # "…, niet de allround": the text names it to rule it out


@dataclass
class _Alias(Generic[T]):
    text: str
    words: list[str]
    item: T


class NameIndex(Generic[T]):
    """Fuzzy lookup of items by any of their aliases."""

    def __init__(self, named: Iterable[tuple[str, T]]):
        self._aliases: list[_Alias[T]] = []
        for alias, item in named:
            key = normalize(alias)
            words = [w for w in key.split() if w not in _STOP]
            if words:
                self._aliases.append(_Alias(key, words, item))
        self._df = Counter(w for a in self._aliases for w in set(a.words))
        n = len(self._aliases)
        self._weight = {w: math.log(1 + n / f) for w, f in self._df.items()}
        # Which aliases have a word: only those with a word like one of the text's can cover any of it, so
        # hundreds of names cost a look-up each instead of a comparison of every word with every word.
        self._by_word: dict[str, list[int]] = {}
        for i, a in enumerate(self._aliases):
            # two words of a name written as one ("officemanagement", "webdeveloper") find it too
            for w in dict.fromkeys(a.words + [x + y for x, y in zip(a.words, a.words[1:])]):
                self._by_word.setdefault(w, []).append(i)
        self._long_words = [w for w in self._by_word if len(w) >= 5]

    def _candidates(self, words: list[str]) -> list[_Alias[T]]:
        """The aliases with a word `_similarity` finds in `words` (alone or two joined), in index order."""
        probes = set(words) | {a + b for a, b in zip(words, words[1:])}
        near = {p for p in probes if p in self._by_word}
        for p in probes:
            if len(p) >= 5:
                near.update(w for w, _, _ in process.extract(p, self._long_words, scorer=fuzz.ratio, limit=None,
                                                             score_cutoff=WORD_SIMILARITY))
            if len(p) >= 9:  # a compound of two words of a name ("hygienespecialist"): the one it starts with
                near.update(w for w in self._long_words if p.startswith(w) and len(p) - len(w) >= 4)
        return [self._aliases[i] for i in sorted({i for w in near for i in self._by_word[w]})]

    def _cover(self, alias: _Alias[T], words: list[str], taken: frozenset[int] = frozenset()
               ) -> tuple[float, float, set[int], bool]:
        """(coverage 0-1, covered weight, positions of the text's words used, whether a word that
        only this alias has was found)."""
        total = sum(self._weight[w] for w in alias.words)
        covered, used, unique = 0.0, set(), False
        ties: list[tuple[tuple[int, ...], list[tuple[int, ...]]]] = []  # a word found in several places
        glued: set[int] = set()  # alias words covered by the text word that also covers the one before
        for k, w in enumerate(alias.words):
            if k in glued:
                covered += self._weight[w]
                continue
            best, options = 0.0, []
            for i, candidate in enumerate(words):
                if i in used or i in taken:
                    continue
                for positions in ((i,), (i, i + 1)):
                    # the second reading: a compound written apart ("communicatie medewerker", "web developer")
                    if len(positions) == 2 and (i + 1 >= len(words) or i + 1 in used or i + 1 in taken):
                        continue
                    similarity = _similarity(w, "".join(words[j] for j in positions))
                    if similarity > best:
                        best, options = similarity, [positions]
                    elif similarity == best and similarity > 0:
                        options.append(positions)
            if best < 1.0 and k + 1 < len(alias.words):
                # this word and a later one written as one ("officemanagement", "hygienespecialist" for
                # "hygiëne- en infectiepreventie specialist"): that text word covers both
                for j in range(k + 1, len(alias.words)):
                    pair = w + alias.words[j]
                    joined = [(i,) for i, candidate in enumerate(words)
                              if i not in taken and i not in used and _similarity(pair, candidate) >= 0.9]
                    if joined:
                        best, options = 1.0, joined[:1]
                        glued.add(j)
                        break
            if options:
                covered += best * self._weight[w]  # a near miss counts a little less than the word itself
                used.update(options[0])
                if len(options) > 1:
                    ties.append((options[0], options))
                unique = unique or (self._df[w] == 1 and len(w) >= 4 and best >= 0.9)
        # "de X en de allround X …": a word the text has twice is the one beside the name's
        # other words, so the first occurrence stays free to name something of its own
        anchors = used - {i for chosen, _ in ties for i in chosen}  # words found in one place only
        for chosen, options in ties:
            if anchors:
                chosen = min((o for o in options if not set(o) & anchors),
                             key=lambda o: sum(abs(o[0] - a) for a in anchors), default=chosen)
            anchors |= set(chosen)
        if ties and anchors:
            used = anchors
        return covered / total, covered, used, unique

    def _ranked(self, words: list[str], taken: frozenset[int] = frozenset(), parts: Optional[list[int]] = None
                ) -> list[tuple[float, float, _Alias[T], set[int]]]:
        """`parts`: which part of the text each word stands in; a name is read within one part."""
        scored = []
        for alias in self._candidates(words):
            coverage, covered, used, unique = self._cover(alias, words, taken)
            if parts and len({parts[i] for i in used}) > 1:
                # "X, niet de allround": a name is not read across what rules one of them out
                coverage, covered, used, unique = max(
                    (self._cover(alias, words, taken | {i for i, p in enumerate(parts) if p != part})
                     for part in sorted({parts[i] for i in used})), key=lambda c: (c[0], c[1]))
                if not used:
                    continue
            # Enough of the name, or a word no other name has ("legal specialist").
            if coverage >= COVERAGE or unique:
                scored.append((coverage, covered, alias, used))
        scored.sort(key=lambda s: (-s[0], -s[1]))
        return scored

    def mentions(self, text: str) -> list[Match[T]]:
        """Items named anywhere in a text, in order of appearance (several for a comparison).

        Of overlapping candidates, the alias that covers more of the text's words wins ("assistent business
        services" is the Assistant Business Services, not the dossier Business Services). A partly matched
        name next to a content word that is not part of it ("consulent woningbemiddeling" against
        "Consulent commerciële arbeidsbemiddeling") names something else: it comes back with `rival` set.
        """
        raw = normalize(text).split()
        at = [i for i, w in enumerate(raw) if w not in _STOP]  # position in the text of each kept word
        words = [raw[i] for i in at]
        found: list[tuple[int, Match[T]]] = []
        taken: set[int] = set()
        parts = list(itertools.accumulate(int(_starts_part(raw, at[i])) for i in range(len(at))))
        while True:
            ranked = [r for r in self._ranked(words, frozenset(taken), parts)
                      if r[2].item not in [m.item for _, m in found]]
            if not ranked:
                break
            def strength(r) -> float:
                return r[0] * (1 + 0.2 * len(r[3]))

            def rival_of(r) -> Optional[int]:
                if r[0] >= 1.0:
                    return None
                missing = [w for w in r[2].words if not any(_similarity(w, x) for x in words)]
                found = [k for k, w in enumerate(r[2].words) if w not in missing]
                # after the name's last word ("… in de zorg roosters op?") the question goes on, the name does not;
                # before a name a content word is a rival however the name starts ("medewerker marketing …")
                sides = (True, bool(found) and any(r[2].words.index(w) > found[-1] for w in missing))
                return self._rival(raw, {at[i] for i in r[3]}, {at[i] for i in taken | r[3]}, missing, sides)

            ranked.sort(key=lambda r: (-strength(r), -r[1]))
            # a candidate that fits without a rival word beats a slightly stronger one that has one
            best = next((r for r in ranked[:5] if rival_of(r) is None and strength(r) >= 0.6 * strength(ranked[0])),
                        ranked[0])
            coverage, _covered, alias, used = best
            rival = rival_of(best)
            taken |= used
            match = Match(alias.item, alias.text, round(100 * coverage, 1), negated=_negated(raw, at[min(used)]))
            if rival is not None:
                match.rival = raw[rival]
                match.phrase = " ".join(raw[i] for i in sorted({at[i] for i in used} | {rival}))
            found.append((min(used), match))
        found += self._coordinated(raw, at, taken, found)
        return [m for _, m in sorted(found, key=lambda f: f[0])]

    _COORDINATORS = frozenset("en of met and or versus vs tegenover".split())
    _ARTICLES = frozenset("de het een the".split())

    def _coordinated(self, raw: list[str], at: list[int], taken: set[int], found: list[tuple[int, Match[T]]]
                     ) -> list[tuple[int, Match[T]]]:
        """Names that share their tail with the next one ("de junior en de senior medewerker Y", "legal en
        marketing specialist"): the shortened one is read with the tail it leaves out,
        and counts only when that names a whole alias of something not named yet."""
        free = {at[i]: i for i in range(len(at)) if i not in taken}
        named = [m.item for _, m in found]
        extra: list[tuple[int, Match[T]]] = []
        for start, match in list(found):
            i = at[start] - 1
            while i >= 0 and raw[i] in self._ARTICLES:
                i -= 1
            if i < 1 or raw[i] not in self._COORDINATORS:
                continue
            i -= 1
            while i >= 0 and raw[i] in self._ARTICLES:
                i -= 1
            head: list[int] = []
            while i >= 0 and i in free and raw[i] not in QUESTION_WORDS and len(head) < 3:
                head.insert(0, i)
                i -= 1
            alias = match.alias.split()
            if not head or not alias:
                continue
            last = raw[head[-1]]
            shared = max((k for k, w in enumerate(alias) if _similarity(w, last)), default=None)
            tail = alias[shared + 1:] if shared is not None else alias[-1:]
            if not tail:
                continue
            words = [raw[j] for j in head] + [w for w in tail if w not in _STOP]
            for coverage, _covered, candidate, used in self._ranked(words):
                if coverage >= 0.99 and candidate.item not in named and set(range(len(head))) <= used:
                    extra.append((free[head[0]], Match(candidate.item, candidate.text, 100.0)))
                    named.append(candidate.item)
                    break
        return extra

    @staticmethod
    def _rival(raw: list[str], used: set[int], taken: set[int], missing: list[str] = (),
               sides: tuple[bool, bool] = (True, True)) -> Optional[int]:
        """The position of a content word the name does not have, directly beside the matched words or
        standing between them in the place of a word of the name ("marketing en sales specialist" is not the
        Marketing & Communication Specialist). A shortening of the missing word ("business admin") or another
        word of its family ("office manager" for "Office & Management …") is no rival."""
        from knowledge.lemmas import is_infinitive  # the lookup table, loaded once lemmas are used

        def content(w: str) -> bool:
            return len(w) >= 4 and w.isalpha() and w not in QUESTION_WORDS and w not in _STOP

        def of_the_name(w: str) -> bool:
            return any(_same_stem(m, w) for m in missing)

        between = [i for i in range(min(used) + 1, max(used)) if i not in taken and content(raw[i])]
        for i in between:
            if missing and not of_the_name(raw[i]) and not _PREPOSITIONS & set(raw[min(used) + 1:i]):
                # "junior medewerker tijdens het schoonmaken van …": after a preposition the question goes on
                return i
        # "is de X moeilijk?": after a copula the last word says something of the name, it is none of it
        predicate = len(raw) - 1 if raw and raw[0] in _COPULAS else None
        # "beheert de X machines?": after a verb that opens the question the name is its subject, and what
        # follows the name is the object
        if raw and min(used) > 0 and raw[0] not in _STOP and raw[0] not in QUESTION_WORDS and raw[0].isalpha():
            sides = (sides[0], False)
        # "heeft de X hiërarchische verantwoordelijkheid?": after an auxiliary that opens the question the
        # name ends where the object begins; only a word in the place of a missing one ("consulent
        # woningbemiddeling" for "… arbeidsbemiddeling") still names something else
        after_auxiliary = bool(raw) and raw[0] in _OPENING_AUXILIARIES and min(used) > 0

        def replaces_missing(w: str) -> bool:
            return any(len(m) >= 8 and len(w) >= 8 and (m[-7:] == w[-7:] or m[:7] == w[:7]) for m in missing)

        for i, side in ((min(used) - 1, sides[0]), (max(used) + 1, sides[1])):
            if side and 0 <= i < len(raw) and i not in taken and content(raw[i]) and not of_the_name(raw[i]) \
                    and i != predicate and not (after_auxiliary and i > max(used) and not replaces_missing(raw[i])) \
                    and not (i > max(used) and is_infinitive(raw[i]) and not replaces_missing(raw[i])):
                # ("wat moet de X kennen?": the verb that ends the clause is no word of a name)
                return i
        return None

    def find(self, name: str) -> list[Match[T]]:
        """Items a name refers to, best first; several when they are equally good."""
        words = [w for w in normalize(name).split() if w not in _STOP]
        ranked = self._ranked(words)
        if ranked:
            best = ranked[0][:2]
            result: list[Match[T]] = []
            for coverage, covered, alias, _ in ranked:
                if (coverage, covered) != best:
                    break
                if alias.item not in [m.item for m in result]:
                    result.append(Match(alias.item, alias.text, round(100 * coverage, 1)))
            return result
        return self._find_whole(normalize(name))

    def nearest(self, name: str, limit: int = 3, cutoff: float = 60) -> list[Match[T]]:
        """The few items whose names look most like `name` (for "did you mean" buttons), best first."""
        query = normalize(name)
        if not query:
            return []
        scored = process.extract(query, [a.text for a in self._aliases], scorer=fuzz.WRatio, limit=limit * 3,
                                 score_cutoff=cutoff)
        result: list[Match[T]] = []
        for text, score, i in scored:
            item = self._aliases[i].item
            if item not in [m.item for m in result]:
                result.append(Match(item, text, score))
        return result[:limit]

    def _find_whole(self, query: str) -> list[Match[T]]:
        """Fallback for names that cover too little of any alias ("specialist"): every alias that
        contains it about equally well, so the caller can ask which one is meant."""
        if not query:
            return []
        texts = [a.text for a in self._aliases]
        scored = process.extract(query, texts, scorer=fuzz.WRatio, limit=None, score_cutoff=WHOLE_NAME)
        if not scored:
            return []
        top = max(s for _, s, _ in scored)
        result: list[Match[T]] = []
        for text, score, i in sorted(scored, key=lambda s: -s[1]):
            item = self._aliases[i].item
            if score >= top - TIE and item not in [m.item for m in result]:
                result.append(Match(item, text, score))
        return result


@dataclass
class Titled(Generic[T]):
    item: T
    title: str
    start: int  # where in `normalize(text)` the title stands
    end: int


class TitleIndex(Generic[T]):
    """Titles of kerntaken and werkprocessen quoted in a sentence, in whole or nearly ("hoeveel werkprocessen
    horen bij '<titel van een kerntaak>'?"), so that their words are read
    as that title and never as a qualification's name."""

    MIN_WORDS = 3  # shorter titles ("Verwerkt gegevens") are too like ordinary words to be recognised alone
    SIMILARITY = 90

    def __init__(self, titled: Iterable[tuple[str, T]]):
        # many dossiers share a title (a werkproces in every dossier of a field): each title is compared once
        self._titles: dict[str, list[T]] = {}
        for t, item in titled:
            if len(normalize(t).split()) >= self.MIN_WORDS:
                self._titles.setdefault(normalize(t), []).append(item)

    def find(self, text: str) -> list[Titled[T]]:
        query = normalize(text)
        found: list[Titled[T]] = []
        for title, items in self._titles.items():
            if len(query) < len(title) * 0.8:
                continue
            hit = fuzz.partial_ratio_alignment(title, query, score_cutoff=self.SIMILARITY)
            if hit is not None:
                found += [Titled(item, title, hit.dest_start, hit.dest_end) for item in items]
        found.sort(key=lambda f: -len(f.title))
        return found


# "Veel gebruikte alternatieve benamingen voor X zijn A, B, C en D.": the names a typering gives a job
_NAMING_LIST = re.compile(r"\b(?:alternatieve|andere|gangbare|gebruikte|veelgebruikte|bekende|mogelijke)\s+"
                          r"(?:functie|beroeps)?(?:benamingen|namen)\b[^.]*?\b(?:zijn|luiden)\b:?\s+([^.]+)", re.IGNORECASE)


def alternative_names(typering: Optional[str], longest: int = 6) -> list[str]:
    """The other names of a profession its typering lists, each of at most `longest` words (a longer
    stretch is a sentence, not a name)."""
    names: list[str] = []
    for m in _NAMING_LIST.finditer(" ".join((typering or "").split())):
        listed = [x.strip(" ;:'\"") for x in re.split(r",\s*|\s+(?:en|of)\s+", m.group(1))]
        if any(len(x.split()) > longest for x in listed):
            continue  # a part too long to be a name: a sentence, not a list of names
        names += [x for x in listed if x and x not in names]
    return names
