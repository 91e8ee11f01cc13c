"""Yes/no verdicts and search results."""
from __future__ import annotations

from typing import Iterable, Optional

from knowledge.query import Kwalificatie, WerkprocesView

from questions.replies.wording import _snippet


class TopicReplies:
    # -- yes / no -------------------------------------------------------------------------
    def yes_no(self, yes: Optional[bool], because, citation=None, negated: Optional[str] = None) -> str:
        """`negated`: "question" ("hoeft X geen Y?": "Jawel." when X does Y), "claim" ("klopt het dat X geen Y
        doet?": "Nee." when X does Y)."""
        detail = self.render(because)[0]["text"]
        if yes is None:
            return detail
        if negated == "claim":
            return ("Nee. " if yes else "Ja. ") + detail
        if negated == "question":
            return ("Jawel. " if yes else "Nee. ") + detail
        return ("Ja. " if yes else "Nee. ") + detail

    def title_elsewhere(self, k: Kwalificatie, view: WerkprocesView, known: list[str], citation=None) -> str:
        who = f"de {k.title}" if k.profiel else k.title
        owner = f" (voor de {view.profiel.title})" if view.profiel and view.profiel.title else ""
        return (f"Dat werkproces hoort niet bij {who}: het is {view.werkproces.code} {view.werkproces.title}"
                f"{owner} in {view.dossier.title}. {who[0].upper() + who[1:]} heeft: {', '.join(known)}.\n"
                + self.source(view.citation))

    def elsewhere(self, kerntaak: str, hits: list, citation=None) -> str:
        p = hits[0].passage
        return (f"Niet in {self.kerntaak_code(kerntaak)}; wel in {p.dossier}, {p.label}.\n"
                + self.source(citation) if citation else f"Niet in {kerntaak}; wel in {p.dossier}, {p.label}.")

    def title_per_profile(self, title: str, rows: list, dossier, citation=None) -> str:
        lines = [f"‘{title}’ in de profielen van {dossier.title}:"]
        for k, codes in rows:
            lines.append(f"- {k.title} ({k.profiel}): " + (", ".join(codes) if codes else "niet"))
        return "\n".join(lines + [self.source(citation)])

    def several(self, answers: list, citation=None) -> str:
        return "\n\n".join(self.render(a)[0]["text"] for a in answers)

    def found_elsewhere(self, k: Kwalificatie, hit, owner: Optional[Kwalificatie], own: tuple = (),
                        citation=None) -> str:
        who = f"de {k.title}" if k.profiel else k.title
        p = hit.passage
        where = f"bij de {owner.title}" if owner else f"in {p.dossier}"
        has = f"{who[0].upper() + who[1:]} heeft wel: " + "; ".join(f"{wp.code} {wp.title}" for wp in own) + ".\n" \
            if own else ""
        return (f"Niet in het dossier van {who}; wel {where}: {p.label}.\n"
                f"{_snippet(p.text, hit.terms or hit.matched, 220)}\n{has}{self.source(citation)}")

    def says_not(self, sentence: str, found, citation=None) -> str:
        return f"Het dossier zegt: \"{sentence}\"\n" + self.render(found)[0]["text"]

    # what a kwalificatiedossier never holds, said when a question about something else finds nothing
    NOT_IN_ANY_DOSSIER = ("Een kwalificatiedossier beschrijft het beroep en wat je ervoor moet kennen en kunnen; "
                          "scholen, kosten, salaris, leerwegen (bol/bbl) en stage-uren staan er niet in.")

    def _asked(self, asked: Iterable[str]) -> str:
        asked = list(asked)
        return f" (je vroeg naar: {', '.join(asked)})" if asked else ""

    def not_covered(self, k: Optional[Kwalificatie], topic: str, asked: Iterable[str] = (), citation=None) -> str:
        where = f"het dossier van {'de ' if k.profiel else ''}{k.title}" if k else "de dossiers die ik ken"
        return f"Daarover staat niets in {where}{self._asked(asked)}. {self.NOT_IN_ANY_DOSSIER}"

    def level_limited(self, k: Optional[Kwalificatie], limit: int, niveau: int, found, citation=None) -> str:
        who = f"de {k.title} (niveau {niveau})" if k and k.profiel else f"niveau {niveau}"
        return (f"Volgens het dossier geldt dit alleen voor niveau {limit}, dus niet voor {who}.\n"
                + self.render(found)[0]["text"])

    # -- search -------------------------------------------------------------------
    def search_results(self, hits: list, all: bool = False, citation=None) -> str:
        """`hits`: (search hit, title of the qualification it belongs to or None)."""
        lines = ["Dit vond ik in de dossiers:"]
        for i, (hit, whose) in enumerate(hits):
            p = hit.passage
            owner = f" ({'aanvulling voor de ' if p.code and p.profiel and not p.code.startswith(p.profiel) else ''}{whose})" \
                if whose else ""
            width = 600 if i == 0 and not all else 220  # the best passage in full (or nearly), the others as a glimpse
            label = p.label
            if p.code and p.code[:1] == "K" and p.code[1:].isdigit():
                label = label.replace(p.code, self.kerntaak_code(p.code), 1)
            lines.append(f"- {p.dossier}, {label}{owner}: {_snippet(p.text, hit.terms or hit.matched, width)}")
        codes = ", ".join(dict.fromkeys(f"{h.passage.dossier} {h.passage.code}" for h, _ in hits if h.passage.code))
        lines.append(f"Bron: {codes}")
        return "\n".join(lines)

    def titled(self, title: str, found: list, citation=None) -> str:
        if not found:
            return f"Een kerntaak of werkproces '{title}' staat niet in de dossiers die ik ken."
        lines = [f"'{title}' staat in:"]
        for t in found:
            owner = next((p.title or p.code for p in t.dossier.profielen if p.code == t.profiel), None)
            lines.append(f"- {t.dossier.title}, {t.item.code}" + (f" ({owner})" if owner else " (basisdeel)"))
        return "\n".join(lines + [self.source(citation)])

    def search_kwalificaties(self, ranked: list[Kwalificatie], evidence: dict, facts: Optional[dict] = None,
                             citation=None) -> str:
        lines = ["Daarover gaat het bij:"]
        for k in ranked:
            h = evidence[k.key]
            niveau, crebo = (facts or {}).get(k.key, (None, None))
            about = ", ".join(x for x in (f"niveau {niveau}" if niveau else "", f"crebo {crebo}" if crebo else "") if x)
            lines.append(f"- {k.title} ({k.dossier}{', ' + about if about else ''}): {h.passage.label}")
        return "\n".join(lines + [self.source(citation)])

    def search_nothing(self, query: str = "", asked: Iterable[str] = (), citation=None) -> str:
        return (f"Daarover vind ik niets{self._asked(asked)}: dat staat niet in de dossiers die ik ken. "
                "Probeer het eventueel met andere woorden.")
