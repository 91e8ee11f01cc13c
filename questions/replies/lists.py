"""Lists and counts; comparisons and what a dossier's qualifications share."""
from __future__ import annotations

from typing import Iterable, Optional

from knowledge.query import Kwalificatie

from questions.replies.facts import kwalificatie_attributes
from questions.replies.wording import KIND_NAMES


class ListReplies:
    # -- lists --------------------------------------------------------------------
    def bullets(self, items: Iterable[str]) -> str:
        return "\n".join(f"- {item}" for item in items)

    def _count(self, n: Optional[int], what: str, who: str) -> list[str]:
        return [f"{who} heeft {n} {what}:"] if n is not None else []

    def kwalificaties(self, ks: list[Kwalificatie], niveaus: dict, niveau: Optional[int] = None,
                      count: Optional[int] = None, citation=None, crebos: Optional[dict] = None,
                      noun: str = "kwalificaties") -> str:
        if not ks:
            return f"Ik ken geen kwalificaties op niveau {niveau}." if niveau else "Ik ken geen kwalificaties."
        at = f" op niveau {niveau}" if niveau else ""
        dossiers = {k.dossier for k in ks}
        if count is not None and len(dossiers) == 1 and all(k.profiel for k in ks):
            # a count within one dossier, in the word the question counted ("hoeveel profielen heeft D?")
            word = noun if count != 1 else noun[:-2] if noun.endswith("en") else "kwalificatie"
            also = "" if noun == "kwalificaties" else " (kwalificaties)" if count != 1 else " (kwalificatie)"
            lines = [f"Het {KIND_NAMES.get(ks[0].kind).lower()} {ks[0].dossier} heeft {count} {word}{also}{at}:"]
            lines += [f"- {self._listed_title(k)}"
                      f"{kwalificatie_attributes(niveaus.get(k.key), (crebos or {}).get(k.key))}" for k in ks]
            return "\n".join(lines)
        lines = [f"Ik ken {count} kwalificaties{at}:" if count is not None else f"Ik ken deze kwalificaties{at}:"]
        dossier = None
        for k in ks:
            if k.dossier != dossier and k.profiel:
                lines.append(f"{KIND_NAMES.get(k.kind)} {k.dossier}:")
            dossier = k.dossier
            prefix = "  - " if k.profiel else "- "
            level = kwalificatie_attributes(niveaus.get(k.key), (crebos or {}).get(k.key))
            title = self._listed_title(k)
            lines.append(prefix + (title + level if k.profiel else f"{k.title} ({KIND_NAMES.get(k.kind).lower()})"))
        return "\n".join(lines)

    @staticmethod
    def _listed_title(k: Kwalificatie) -> str:
        return k.title if k.title != k.profiel else f"{k.profiel} (de naam staat niet in dit dossier)"

    def kerntaken(self, k: Kwalificatie, kerntaken: list, count: Optional[int] = None, citation=None,
                  part: Optional[str] = None) -> str:
        who = f"{'De ' if k.profiel else ''}{self.name(k)}"
        where = f" in het {part}" if part else ""
        lines = self._count(count, ("kerntaken" if count != 1 else "kerntaak") + where, who) or \
            [f"De kerntaken van {'de ' if k.profiel else ''}{self.name(k)}:"]
        lines += [f"- {kt.code} {kt.title}" for kt in kerntaken]
        lines.append(self.source(citation))
        return "\n".join(lines)

    def werkprocessen(self, k: Kwalificatie, pairs: list, kerntaak: Optional[str] = None,
                      count: Optional[int] = None, citation=None, kerntaken_count: Optional[int] = None,
                      part: Optional[str] = None) -> str:
        who = (f"Kerntaak {kerntaak} van {'de ' if k.profiel else 'het dossier '}{self.name(k)}" if kerntaak
               else f"{'De ' if k.profiel else 'Het dossier '}{self.name(k)}")
        title = f"De werkprocessen van {'de ' if k.profiel else ''}{self.name(k)}" + \
            (f" bij kerntaak {kerntaak}" if kerntaak else "") + ":"
        what = "werkprocessen" if count != 1 else "werkproces"
        if kerntaken_count is not None:
            what = f"{kerntaken_count} {'kerntaken' if kerntaken_count != 1 else 'kerntaak'} en {count} {what}"
            lines = [f"{who} heeft {what}:"]
        else:
            lines = self._count(count, what + (f" in het {part}" if part else self._split(pairs)), who) or [title]
        current = None
        for kt, wp in pairs:
            if kt.code != current:
                lines.append(f"{kt.code} {kt.title}:")
                current = kt.code
            lines.append(f"- {wp.code} {wp.title}")
        lines.append(self.source(citation))
        return "\n".join(lines)

    @staticmethod
    def _split(pairs: list) -> str:
        """' (4 in het basisdeel, 3 in het profieldeel)' when a count spans both parts, else ''."""
        basis = sum(1 for kt, _ in pairs if kt.code.startswith("B"))
        profiel = sum(1 for kt, _ in pairs if kt.code.startswith("P"))
        return f" ({basis} in het basisdeel, {profiel} in het profieldeel)" if basis and profiel else ""

    def generic_parts(self, k: Kwalificatie, parts: list[str], niveau: Optional[int] = None,
                      count: Optional[int] = None, citation=None) -> str:
        who = f"de {k.title}" if k.profiel else f"het {KIND_NAMES.get(k.kind, k.kind).lower()} {k.title}"
        at = f" (niveau {niveau})" if niveau else ""
        if not parts:
            return f"Generieke onderdelen van {who} staan niet in het dossier.\n{self.source(citation)}"
        n = count if count is not None else len(parts)
        where = f"Voor {who}{at}" if k.profiel else f"Voor niveau {niveau} in {who}" if niveau else f"In {who}"
        head = f"{where} {'gelden' if n != 1 else 'geldt'} {n} " \
               f"generieke {'onderdelen' if n != 1 else 'onderdeel'}:"
        return "\n".join([head, *(f"- {x}" for x in parts), self.source(citation)])

    # -- comparison and aggregates --------------------------------------------------------
    def comparison(self, rows: list[dict], shared: list, shared_codes: set, citation=None) -> str:
        names = [r["k"].title for r in rows]
        # side by side: what each has of its own, then what they share (an answer to "verschil" and "gemeen")
        lines = ["De " + " en de ".join([", de ".join(names[:-1]), names[-1]]) + " naast elkaar:"]
        for r in rows:
            k = r["k"]
            own = [kt for kt in r["kerntaken"] if (k.dossier, kt.code) not in shared_codes]
            bits = [self._niveau(r["niveau"])] + ([r["typering"]] if r["typering"] else []) + \
                ([f"crebo {r['crebo']}"] if r["crebo"] else [])
            lines.append(f"- De {k.title}: {', '.join(bits)}.")
            for kt in own:
                wps = "; ".join(f"{wp.code} {wp.title}" for wp in kt.werkprocessen)
                lines.append(f"  Eigen kerntaak {kt.code} {kt.title}" + (f" (werkprocessen: {wps})" if wps else "") + ".")
        if shared:
            lines.append("- Gemeenschappelijk: " + "; ".join(f"{kt.code} {kt.title}" for kt in shared) + ".")
        for source in dict.fromkeys(self.source(r["citation"]) for r in rows):
            lines.append(source)
        return "\n".join(lines)

    @staticmethod
    def _code_and_crebo(row: dict) -> str:
        """" (P1, crebo 25724)": how an adviser finds the profile in the dossier and in the register."""
        k = row["k"]
        bits = ([k.profiel] if k.profiel and k.profiel != k.title else []) + \
            ([f"crebo {row['crebo']}"] if row.get("crebo") else [])
        return f" ({', '.join(bits)})" if bits else ""

    def _niveau(self, n: Optional[int]) -> str:
        return f"niveau {n}" if n else "niveau niet vermeld in het dossier"

    def compare_needs_two(self, citation=None) -> str:
        return "Welke kwalificaties wil je vergelijken? Noem ze allebei, bijvoorbeeld 'vergelijk A met B'."

    def levels(self, rows: list[dict], dossier=None, citation=None) -> str:
        head = f"De niveaus van de kwalificaties van {dossier.title}:" if dossier else "De niveaus van de kwalificaties:"
        # the crebo beside each: an adviser who asks for the levels looks the number up next
        lines = [head] + [f"- {r['k'].title}: {self._niveau(r['niveau'])}" + (f", {r['typering']}" if r["typering"] else "")
                          + (f", crebo {r['crebo']}" if r.get("crebo") else "") for r in rows]
        return "\n".join(lines + ([self.source(citation)] if citation else []))

    def counts(self, rows: list[dict], what: str, extreme: Optional[str], verdict: Optional[bool], best: list[dict],
               dossier=None, citation=None) -> str:
        lines = []
        if verdict is not None:
            lines.append("Ja." if verdict else "Nee.")
        if best:
            where = f" van {dossier.title}" if dossier else ""
            names = [f"de {r['k'].title}" + self._code_and_crebo(r) for r in best]
            names = ", ".join(names[:-1]) + " en " + names[-1] if len(names) > 1 else names[0]
            verb, each = ("hebben", "elk ") if len(best) > 1 else ("heeft", "")
            start = f"De {extreme} {what}{where}" if extreme in ("meeste", "minste") else f"{extreme.capitalize()} {what}"
            lines.append(f"{start} {verb} {names}: {each}{best[0]['count']} {what.split()[0]}.")
        elif len({r["count"] for r in rows}) == 1 and len(rows) > 1:
            lines.append(f"Ze hebben evenveel {what}: elk {rows[0]['count']}.")
        for r in rows:
            own = f" (waarvan {r['own']} in het eigen profieldeel)" if r["own"] and r["own"] != r["count"] else ""
            lines.append(f"- De {r['k'].title}: {r['count']} {what}{own}.")
        return "\n".join(lines + ([self.source(citation)] if citation else []))

    def repeated_titles(self, groups: list, what: str, dossier=None, citation=None) -> str:
        where = f" van {dossier.title}" if dossier else ""
        if not groups:
            return f"Geen van de profielen{where} heeft {what} met dezelfde titel als een ander profiel."
        lines = [f"Deze {what} staan met dezelfde titel in meerdere profielen{where}:"]
        for d, found in groups:
            item = found[0][0]
            lines.append(f"- {item.title}" + ("" if dossier else f" ({d.title})") + ": "
                         + "; ".join(f"{x.code} ({p.title or p.code})" for x, p in found))
        return "\n".join(lines + ([self.source(citation)] if citation else []))

    def shared_among(self, groups: list, what: str, niveau: Optional[int], profiles: list, dossier,
                     citation=None) -> str:
        names = ", ".join(f"{k.title} ({k.profiel})" for k in profiles)
        which = f"van niveau {niveau} " if niveau is not None else ""
        head = f"De profielen {which}van {dossier.title} ({names})"
        if not groups:
            return "\n".join([f"{head} hebben in hun profieldeel geen {what} met dezelfde titel; "
                              "wat ze allemaal delen is het basisdeel.", self.source(citation)])
        lines = [f"{head} hebben, naast het basisdeel, in hun profieldeel deze {what} gemeen:"]
        for _, found in groups:
            lines.append(f"- {found[0][0].title}: " + "; ".join(x.code for x, _ in found))
        return "\n".join(lines + [self.source(citation)])

    def extreme_level(self, extreme: str, niveau: int, dossier, rows: list[dict], all: list[dict],
                      citation=None) -> str:
        where = f" van {dossier.title}" if dossier else ""
        names = " en de ".join(r["k"].title + self._code_and_crebo(r) for r in rows)
        lines = [f"Het {extreme} niveau{where} is niveau {niveau}: de {names}."]
        lines.append(self.levels(all, dossier).split("\n", 1)[1])
        return "\n".join(lines + ([self.source(citation)] if citation else []))

    def shared_and_own(self, dossier, shared: list, rows: list[dict], only_shared: bool, citation=None) -> str:
        lines = [f"Alle kwalificaties van {dossier.title} delen het basisdeel:"]
        generiek = [x.title for x in dossier.sections if x.key.startswith("generiek/")]
        for kt in shared:
            lines.append(f"- {kt.code} {kt.title}")
            lines += [f"  - {wp.code} {wp.title}" for wp in kt.werkprocessen]
        if generiek:
            lines.append("- de generieke onderdelen: " + "; ".join(generiek))
        lines.append("Daarin verschillen ze (het profieldeel):")
        for r in rows:
            own = [kt for kt in r["kerntaken"] if not any(kt is b for b in shared)]
            lines.append(f"- {r['k'].title} ({self._niveau(r['niveau'])}): "
                         + ("; ".join(f"{kt.code} {kt.title}" for kt in own) or "geen eigen kerntaken in de tekst"))
        return "\n".join(lines + [self.source(citation)])
