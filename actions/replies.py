"""Every sentence kwalibot says about the knowledge base, in one overridable place.

Actions decide *what* to say (which werkproces, which fact, which candidates);
this module decides *how* it reads in Dutch. To change the wording, subclass
`Replies` and point `KWALIBOT_REPLIES` at it ("package.module:ClassName").
"""
from __future__ import annotations

import importlib
import os
from functools import lru_cache
from typing import Iterable, Optional

from knowledge.model import BEROEPSCOMPETENTIEPROFIEL, COMPETENTIE_GROUPS
from knowledge.query import Citation, Comparison, KerntaakView, Kwalificatie, WerkprocesView

KIND_NAMES = {"kwalificatiedossier": "Kwalificatiedossier", BEROEPSCOMPETENTIEPROFIEL: "Beroepscompetentieprofiel"}
ONDERDEEL_NAMES = {
    "omschrijving": "omschrijving", "resultaat": "resultaat", "gedrag": "gedrag",
    "competenties": "onderliggende competenties", "complexiteit": "complexiteit",
    "verantwoordelijkheid": "verantwoordelijkheid en zelfstandigheid",
    "vakkennis": "vakkennis en vaardigheden", "keuzes": "keuzes en dilemma's",
}
FEIT_NAMES = {
    "niveau": "het mbo-niveau", "crebo": "het crebonummer", "domein": "het opleidingsdomein",
    "domein_crebo": "het crebonummer van het opleidingsdomein", "penvoerder": "de penvoerder",
    "gevalideerd_door": "wie het dossier heeft gevalideerd", "gevalideerd_op": "de datum van validatie",
    "geldig_vanaf": "vanaf wanneer het dossier geldt", "ontwikkeld_door": "wie het heeft ontwikkeld",
    "datum": "de datum", "versie": "de versie", "soort": "het soort document", "typering": "de typering",
    "beroepsvereisten": "de beroepsvereisten",
}
MAX_ITEMS = 12  # longer lists are cut, with a note saying how many more there are


class Replies:
    # -- conversation -------------------------------------------------------------
    def apology(self) -> str:
        return ("Sorry, er ging bij mij iets mis en ik kan je vraag nu niet beantwoorden. "
                "Probeer het over een momentje nog eens.")

    def not_understood(self) -> str:
        return ("Dat begrijp ik niet helemaal. Je kunt me vragen stellen over mbo-kwalificaties, bijvoorbeeld "
                "over werkprocessen, kerntaken, het niveau of het crebonummer.")

    def empty_message(self) -> str:
        return "Je bericht was leeg. Waarmee kan ik je helpen?"

    def too_long(self, limit: int) -> str:
        return f"Je bericht is erg lang. Kun je je vraag korter stellen (hooguit {limit} tekens)?"

    def ask_which_kwalificatie(self, what: str = "") -> str:
        about = f" over {what}" if what else ""
        return f"Over welke kwalificatie gaat je vraag{about}? Kies er een of typ de naam."

    def ask_which(self, query: str) -> str:
        return f"Ik vond meerdere mogelijkheden voor '{query}'. Welke bedoel je?"

    def unknown_kwalificatie(self) -> str:
        return ("Die kwalificatie ken ik niet: ze staat niet in de dossiers die ik heb. "
                "Vraag gerust welke kwalificaties ik wel ken.")

    # -- sources ------------------------------------------------------------------
    def source(self, c: Citation, extra_code: Optional[str] = None) -> str:
        code = extra_code or c.code
        return f"Bron: {KIND_NAMES.get(c.kind, c.kind)} {c.dossier}" + (f", {code}" if code else "")

    def source_detail(self, c: Citation, supplied: Iterable[str] = ()) -> str:
        where = f", regels {c.line_start}-{c.line_end}" if c.line_start else ""
        note = (" (de titel staat niet in de tekst van dit bestand; die is als metadata toegevoegd)"
                if "title" in supplied else "")
        code = f", onderdeel {c.code}" if c.code else ""
        return (f"Dat komt uit het {KIND_NAMES.get(c.kind, c.kind).lower()} {c.dossier}{note}{code} "
                f"(bestand {c.source}{where}).")

    def no_previous_answer(self) -> str:
        return "Ik heb in dit gesprek nog geen antwoord uit een dossier gegeven. Stel gerust een vraag!"

    # -- names --------------------------------------------------------------------
    def name(self, k: Kwalificatie) -> str:
        return k.title

    def button_title(self, k: Kwalificatie) -> str:
        return k.title if not k.profiel else f"{k.title} ({k.dossier})"

    # -- werkprocessen ------------------------------------------------------------
    def werkproces(self, v: WerkprocesView, onderdeel: Optional[str] = None) -> str:
        wp = v.werkproces
        head = f"{wp.code} {wp.title}"
        if v.profiel and v.profiel.title and not wp.code.startswith(v.profiel.code):
            head += f" (voor de {v.profiel.title})"
        if wp.outline_only:
            return (f"{head}.\nVan dit werkproces staan alleen de code en de titel in het dossier; "
                    f"de uitwerking staat er niet in.\n{self.source(v.citation)}")
        parts = [head + ":"]
        if onderdeel in (None, "omschrijving", "aanvulling"):
            if wp.omschrijving:
                parts.append(wp.omschrijving)
        if onderdeel == "resultaat":
            parts.append(f"Resultaat: {wp.resultaat}" if wp.resultaat else "Het resultaat staat niet in het dossier.")
        if onderdeel == "gedrag":
            parts.append("Gedrag:\n" + self.bullets(wp.gedrag) if wp.gedrag else "Het gedrag staat niet in het dossier.")
        if onderdeel == "competenties":
            parts.append("Onderliggende competenties: " + ", ".join(wp.competenties) if wp.competenties
                         else "De competenties staan niet in het dossier.")
        extra = v.aanvulling
        if extra and v.profiel:
            added = self._aanvulling(extra, onderdeel)
            if added:
                parts.append(f"Voor de {v.profiel.title} geldt aanvullend: {added}")
        if onderdeel is None and wp.resultaat:
            parts.append(f"Resultaat: {wp.resultaat}")
        parts.append(self.source(v.citation))
        return "\n".join(parts)

    def _aanvulling(self, extra, onderdeel: Optional[str]) -> str:
        if onderdeel in (None, "omschrijving", "aanvulling"):
            texts = [extra.omschrijving or ""]
            if onderdeel is None and extra.resultaat:
                texts.append(f"Resultaat: {extra.resultaat}")
            if onderdeel == "aanvulling":
                texts += [extra.resultaat or "", "; ".join(extra.gedrag)]
            return " ".join(t for t in texts if t)
        if onderdeel == "resultaat":
            return extra.resultaat or ""
        if onderdeel == "gedrag":
            return "; ".join(extra.gedrag)
        if onderdeel == "competenties":
            return ", ".join(extra.competenties)
        return ""

    def code_elsewhere(self, code: str, k: Kwalificatie) -> str:
        return f"{code} hoort niet bij {'de ' if k.profiel else ''}{k.title}; dit staat er in het dossier over:"

    def werkproces_brief(self, v: WerkprocesView) -> str:
        return f"{v.werkproces.code} {v.werkproces.title}"

    def werkproces_candidates(self, query: str, views: list[WerkprocesView], k: Optional[Kwalificatie]) -> str:
        who = f"de {k.title}" if k and k.profiel else (k.title if k else "")
        lines = [f"Met {query} kunnen bij {who} meerdere werkprocessen bedoeld zijn:" if who
                 else f"Met {query} kunnen meerdere werkprocessen bedoeld zijn:"]
        for v in views[:MAX_ITEMS]:
            summary = (v.werkproces.omschrijving or "").split(". ")[0].rstrip(".")
            lines.append(f"- {v.werkproces.code} {v.werkproces.title}" + (f": {summary}." if summary else ""))
        lines.append("Over welke wil je meer weten?")
        lines.append(self.source(views[0].citation, ", ".join(v.werkproces.code for v in views[:MAX_ITEMS])))
        return "\n".join(lines)

    def no_werkproces(self, query: str, k: Optional[Kwalificatie], known: list[str]) -> str:
        who = f"De {k.title}" if k and k.profiel else (k.title if k else "Dit dossier")
        text = f"{who} heeft geen werkproces {query}: dat staat niet in het dossier."
        if known:
            text += f" Wel zijn er: {', '.join(known)}."
        return text

    # -- kerntaken ----------------------------------------------------------------
    def kerntaak(self, v: KerntaakView, onderdeel: Optional[str] = None) -> str:
        kt = v.kerntaak
        head = f"{kt.code} {kt.title}"
        if kt.outline_only:
            return (f"{head}.\nVan deze kerntaak staan alleen de code, de titel en de werkprocessen in het "
                    f"dossier.\n{self.source(v.citation)}")
        parts = [head + ":"]
        if onderdeel == "keuzes":
            parts.append("Keuzes en dilemma's:\n" + self.bullets(f"{d.title}: {d.text}" for d in kt.keuzes)
                         if kt.keuzes else "Keuzes en dilemma's staan niet in het dossier bij deze kerntaak.")
        elif onderdeel in ("complexiteit", "verantwoordelijkheid", "vakkennis"):
            parts.append(self._kerntaak_part(kt, onderdeel))
            extra = v.aanvulling
            if extra and v.profiel:
                added = self._kerntaak_part(extra, onderdeel, empty="")
                if added:
                    parts.append(f"Voor de {v.profiel.title} geldt aanvullend: {added}")
        else:
            if kt.proces:
                parts.append(kt.proces)
            if kt.werkprocessen:
                parts.append("Werkprocessen:\n" + self.bullets(f"{wp.code} {wp.title}" for wp in kt.werkprocessen))
            if kt.verantwoordelijkheid and not kt.werkprocessen:
                parts.append(f"Rol en verantwoordelijkheden: {kt.verantwoordelijkheid}")
        parts.append(self.source(v.citation))
        return "\n".join(parts)

    def no_kerntaak(self, code: str, k: Kwalificatie, known: list[str]) -> str:
        text = f"Een kerntaak {code} staat niet in het dossier van {'de ' if k.profiel else ''}{k.title}."
        return text + (f" Wel zijn er: {', '.join(known)}." if known else "")

    def _kerntaak_part(self, kt, onderdeel: str, empty: Optional[str] = None) -> str:
        if onderdeel == "vakkennis":
            items = [f"{v.tekst}" + (f" ({v.groep})" if v.groep else "") for v in kt.vakkennis]
            if items:
                return "Vakkennis en vaardigheden:\n" + self.bullets(items)
        else:
            text = getattr(kt, onderdeel, None)
            if text:
                return f"{ONDERDEEL_NAMES[onderdeel].capitalize()}: {text}"
        return empty if empty is not None else f"De {ONDERDEEL_NAMES[onderdeel]} staat niet in het dossier."

    # -- facts --------------------------------------------------------------------
    def fact(self, k: Kwalificatie, field: str, value, citation: Citation) -> str:
        name = self.name(k)
        de = "de " if k.profiel else ""
        if field == "niveau":
            text = f"De {name} is een kwalificatie op mbo-niveau {value}."
        elif field == "crebo":
            text = f"Het crebonummer van {de}{name} is {value}."
        elif field == "domein":
            text = f"{k.dossier} hoort bij het opleidingsdomein {value}."
        elif field == "penvoerder":
            text = f"De penvoerder van het dossier {k.dossier} is de {value}."
        elif field == "ontwikkeld_door":
            text = f"Het {KIND_NAMES.get(k.kind, '').lower()} {name} is ontwikkeld door {value}."
        elif field == "soort":
            text = f"{k.dossier} is een {KIND_NAMES.get(str(value), str(value)).lower()}."
        else:
            text = f"{FEIT_NAMES.get(field, field).capitalize()} van {de}{name}: {value}."
        return f"{text}\n{self.source(citation)}"

    def not_stated(self, k: Kwalificatie, field: str, citation: Citation) -> str:
        return (f"{FEIT_NAMES.get(field, field).capitalize()} van {'de ' if k.profiel else ''}{self.name(k)} "
                f"staat niet in het dossier, dus dat kan ik je niet vertellen.\n{self.source(citation)}")

    # -- lists --------------------------------------------------------------------
    def bullets(self, items: Iterable[str]) -> str:
        return "\n".join(f"- {item}" for item in items)

    def kwalificaties(self, ks: list[Kwalificatie]) -> str:
        lines = ["Ik ken deze kwalificaties:"]
        dossier = None
        for k in ks:
            if k.dossier != dossier and k.profiel:
                lines.append(f"{KIND_NAMES.get(k.kind)} {k.dossier}:")
            dossier = k.dossier
            prefix = "  - " if k.profiel else "- "
            lines.append(prefix + (k.title if k.profiel else f"{k.title} ({KIND_NAMES.get(k.kind).lower()})"))
        return "\n".join(lines)

    def kerntaken(self, k: Kwalificatie, views: list, citation: Citation) -> str:
        lines = [f"De kerntaken van {'de ' if k.profiel else ''}{self.name(k)}:"]
        lines += [f"- {kt.code} {kt.title}" for kt in views]
        lines.append(self.source(citation))
        return "\n".join(lines)

    def werkprocessen(self, k: Kwalificatie, pairs: list, citation: Citation, kerntaak: Optional[str] = None) -> str:
        title = f"De werkprocessen van {'de ' if k.profiel else ''}{self.name(k)}"
        if kerntaak:
            title += f" bij kerntaak {kerntaak}"
        lines = [title + ":"]
        current = None
        for kt, wp in pairs:
            if kt.code != current:
                lines.append(f"{kt.code} {kt.title}:")
                current = kt.code
            lines.append(f"- {wp.code} {wp.title}")
        lines.append(self.source(citation))
        return "\n".join(lines)

    # -- comparison ---------------------------------------------------------------
    def comparison(self, c: Comparison, citation_a: Citation, citation_b: Citation) -> str:
        a, b = c.a, c.b
        lines = [f"Verschil tussen de {a.title} en de {b.title}:"]
        na, nb = c.niveau
        lines.append(f"- Niveau: {self._niveau(na)} tegenover {self._niveau(nb)}.")
        if c.shared:
            lines.append("- Gemeenschappelijk: " + "; ".join(f"{kt.code} {kt.title}" for kt in c.shared) + ".")
        for who, kts in ((a, c.only_a), (b, c.only_b)):
            if kts:
                wps = [f"{wp.code} {wp.title}" for kt in kts for wp in kt.werkprocessen]
                lines.append(f"- Alleen de {who.title}: " + "; ".join(f"{kt.code} {kt.title}" for kt in kts)
                             + (f" (werkprocessen: {'; '.join(wps)})" if wps else "") + ".")
        lines.append(self.source(citation_a))
        if citation_b.dossier != citation_a.dossier:
            lines.append(self.source(citation_b))
        return "\n".join(lines)

    def _niveau(self, n: Optional[int]) -> str:
        return f"niveau {n}" if n else "niveau niet vermeld in het dossier"

    def compare_needs_two(self) -> str:
        return "Welke twee kwalificaties wil je vergelijken? Noem ze allebei, bijvoorbeeld 'vergelijk A met B'."

    # -- search -------------------------------------------------------------------
    def search_results(self, query: str, hits: list) -> str:
        """`hits`: (search hit, title of the qualification it belongs to or None)."""
        lines = ["Dit vond ik in de dossiers:"]
        for i, (hit, whose) in enumerate(hits):
            p = hit.passage
            owner = f" ({'aanvulling voor de ' if p.code and p.profiel and not p.code.startswith(p.profiel) else ''}{whose})" \
                if whose else ""
            width = 600 if i == 0 else 220  # the best passage in full (or nearly), the others as a glimpse
            lines.append(f"- {p.dossier}, {p.label}{owner}: {_snippet(p.text, hit.matched, width)}")
        codes = ", ".join(dict.fromkeys(f"{h.passage.dossier} {h.passage.code}" for h, _ in hits if h.passage.code))
        lines.append(f"Bron: {codes}")
        return "\n".join(lines)

    def search_nothing(self, query: str) -> str:
        return ("Daarover vind ik niets in de dossiers die ik ken. Dat staat er dus niet in, "
                "of probeer het met andere woorden.")

    # -- 2004 profile ---------------------------------------------------------------
    def competentie(self, k: Kwalificatie, c, citation: Citation, alleen_criteria: bool = False,
                    deel: Optional[str] = None) -> str:
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

    def competenties(self, k: Kwalificatie, group: Optional[str], cs: list, citation: Citation) -> str:
        what = (f"{COMPETENTIE_GROUPS.get(group, group)} ({group})" if group else "alle")
        lines = [f"Beroepscompetenties van de {k.title}, {what}:"]
        lines += [f"- {c.nr}. {c.title}" for c in cs]
        lines.append(self.source(citation))
        return "\n".join(lines)

    def no_competentie(self, k: Kwalificatie, nr: str, known: list[str]) -> str:
        return (f"De {k.title} heeft geen beroepscompetentie {nr}; het profiel telt er {len(known)} "
                f"(1 tot en met {known[-1] if known else 0}).")

    def no_competenties(self, k: Kwalificatie) -> str:
        return f"In het dossier van de {k.title} staan geen genummerde beroepscompetenties."

    def kernopgaven(self, k: Kwalificatie, items: list, citation: Citation) -> str:
        lines = [f"Kernopgaven van de {k.title}:"] + [f"- {x.nr}. {x.title}: {x.text}" for x in items]
        return "\n".join(lines + [self.source(citation)])

    def functiebenamingen(self, k: Kwalificatie, names: list[str], citation: Citation) -> str:
        return "\n".join([f"Mogelijke functiebenamingen voor de {k.title}:", self.bullets(names),
                          self.source(citation)])

    def loopbaan(self, k: Kwalificatie, text: str, citation: Citation) -> str:
        return f"Loopbaanmogelijkheden van de {k.title}: {text}\n{self.source(citation)}"

    def nothing_about(self, k: Kwalificatie, what: str) -> str:
        return f"Over {what} staat in het dossier van {'de ' if k.profiel else ''}{k.title} niets."


def _snippet(text: str, matched: list[str], width: int = 220) -> str:
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    lower = flat.lower()
    at = min((lower.find(m[:5]) for m in matched if lower.find(m[:5]) >= 0), default=0)
    start = max(0, at - width // 3)
    return ("…" if start else "") + flat[start:start + width].strip() + "…"


@lru_cache(maxsize=1)
def replies() -> Replies:
    """The Replies in use: KWALIBOT_REPLIES ("module:Class") or the default Dutch wording."""
    spec = os.environ.get("KWALIBOT_REPLIES")
    if not spec:
        return Replies()
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)()
