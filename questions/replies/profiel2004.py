"""The 2004 beroepscompetentieprofiel: competences, kernopgaven, function titles, career paths."""
from __future__ import annotations

from typing import Optional

from knowledge.model import COMPETENTIE_GROUPS
from knowledge.query import Kwalificatie



class Profile2004Replies:
    # -- 2004 profile ---------------------------------------------------------------
    def competentie(self, k: Kwalificatie, c, alleen_criteria: bool = False, deel: Optional[str] = None,
                    citation=None) -> str:
        """`deel`: "proces" or "resultaat" for only those succescriteria."""
        lines = [f"Beroepscompetentie {c.nr} van de {k.title}: {c.title} "
                 f"({COMPETENTIE_GROUPS.get(c.group, c.group)}, {c.group})."]
        if not alleen_criteria and not deel:
            lines.append(c.text)
        if deel in (None, "proces"):
            lines.append("Succescriteria voor het proces:\n" + self.bullets(c.succescriteria_proces))
        if deel in (None, "resultaat"):
            lines.append("Succescriteria voor het resultaat:\n" + self.bullets(c.succescriteria_resultaat))
        lines.append(self.source(citation, f"beroepscompetentie {c.nr}"))
        return "\n".join(lines)

    def competenties(self, k: Kwalificatie, group: Optional[str], cs: list, count: Optional[int] = None,
                     citation=None) -> str:
        what = (f"{COMPETENTIE_GROUPS.get(group, group)} ({group})" if group else "alle")
        lines = ([f"De {k.title} heeft {count} beroepscompetenties" + (f" in de groep {what}" if group else "") + ":"]
                 if count is not None else [f"Beroepscompetenties van de {k.title}, {what}:"])
        if group:
            lines += [f"- {c.nr}. {c.title}" for c in cs]
        else:  # all of them, under the groups the profile sorts them into
            groups = list(dict.fromkeys(c.group for c in cs))
            if count is None and len(groups) > 1:
                lines[-1] = f"De beroepscompetenties van de {k.title}, in {len(groups)} groepen:"
            for g in groups:
                lines.append(f"{_attributive(COMPETENTIE_GROUPS.get(g, g)).capitalize()} competenties ({g}):")
                lines += [f"- {c.nr}. {c.title}" for c in cs if c.group == g]
        lines.append(self.source(citation))
        return "\n".join(lines)

    def no_competentie(self, k: Kwalificatie, nr, known: list[str], citation=None) -> str:
        return (f"De {k.title} heeft geen beroepscompetentie {nr}; het profiel telt er {len(known)} "
                f"(1 tot en met {known[-1] if known else 0}).")

    def no_competenties(self, k: Kwalificatie, citation=None) -> str:
        return f"In het dossier van {'de ' if k.profiel else ''}{k.title} staan geen genummerde beroepscompetenties."

    def kernopgaven(self, k: Kwalificatie, items: list, count: Optional[int] = None, citation=None) -> str:
        head = f"De {k.title} heeft {count} kernopgaven:" if count is not None else f"Kernopgaven van de {k.title}:"
        lines = [head] + [f"- {x.nr}. {x.title}: {x.text}" for x in items]
        return "\n".join(lines + [self.source(citation)])

    def functiebenamingen(self, k: Kwalificatie, items: list[str], count: Optional[int] = None,
                          citation=None) -> str:
        return "\n".join([f"Mogelijke functiebenamingen voor de {k.title}:", self.bullets(items),
                          self.source(citation)])

    def loopbaan(self, k: Kwalificatie, items: str, citation=None) -> str:
        return f"Loopbaanmogelijkheden van de {k.title}: {items}\n{self.source(citation)}"

    def section(self, k: Kwalificatie, section, citation=None) -> str:
        return f"{section.title} ({k.title}): {section.text}\n{self.source(citation)}"

    def no_kernopgave(self, k: Kwalificatie, nr: int, known: list[int], citation=None) -> str:
        return (f"De {k.title} heeft geen kernopgave {nr}; het profiel telt er {len(known)} "
                f"(1 tot en met {known[-1]}).\n{self.source(citation)}")

    def named_in_typering(self, k: Kwalificatie, sentences: list[str], citation=None) -> str:
        return "\n".join([f"De typering van het beroep {'van de ' if k.profiel else 'van '}{k.title} zegt (een aparte "
                          "lijst met functiebenamingen heeft het dossier niet):", *(f"“{x}”" for x in sentences),
                          self.source(citation)])

    def nothing_about(self, k: Kwalificatie, what: str, citation=None) -> str:
        verb = "staat" if what == "loopbaan" else "staan"  # the other parts are lists: functiebenamingen, kernopgaven
        return f"De {what} van {'de ' if k.profiel else ''}{k.title} {verb} niet in het dossier."


def _attributive(adjective: str) -> str:
    """"sociaal-communicatief" -> "sociaal-communicatieve": the form before "competenties"."""
    def inflect(word: str) -> str:
        return word[:-1] + "ve" if word.endswith("f") else word + "e"

    return " ".join(inflect(w) if w not in ("en",) else w for w in adjective.split())
