"""Every sentence kwalibot says about the knowledge base, in one overridable place.

The answer functions decide *what* to say (an `Answer`: which werkproces, which
facts, which candidates); this module decides *how* it reads in Dutch, small talk
and the channels' polite refusals included. `Replies.render(answer)` calls the
method named by `answer.reply`. To change the wording, subclass `Replies` and
point `KWALIBOT_REPLIES` at it ("package.module:ClassName").
"""
from __future__ import annotations

import importlib
import os
from functools import lru_cache
from typing import Iterable, Optional

from knowledge.model import BEROEPSCOMPETENTIEPROFIEL, COMPETENTIE_GROUPS
from knowledge.query import Citation, Fact, KerntaakView, Kwalificatie, WerkprocesView

KIND_NAMES = {"kwalificatiedossier": "Kwalificatiedossier", BEROEPSCOMPETENTIEPROFIEL: "Beroepscompetentieprofiel"}
ONDERDEEL_NAMES = {
    "omschrijving": "omschrijving", "resultaat": "resultaat", "gedrag": "gedrag",
    "competenties": "onderliggende competenties", "complexiteit": "complexiteit",
    "verantwoordelijkheid": "verantwoordelijkheid en zelfstandigheid",
    "vakkennis": "vakkennis en vaardigheden", "keuzes": "keuzes en dilemma's", "hulpmiddelen": "hulpmiddelen",
    "betrokkenen": "betrokkenen", "kwaliteit": "kwaliteit van proces en resultaat",
}
FEIT_NAMES = {
    "niveau": "het mbo-niveau", "crebo": "het crebonummer", "domein": "het opleidingsdomein",
    "domein_crebo": "het crebonummer van het opleidingsdomein", "penvoerder": "de penvoerder",
    "gevalideerd_door": "wie het dossier heeft gevalideerd", "gevalideerd_op": "de datum van validatie",
    "geldig_vanaf": "vanaf wanneer het dossier geldt", "ontwikkeld_door": "wie het heeft ontwikkeld",
    "datum": "de datum", "versie": "de versie", "code": "de code", "eqf": "een apart EQF-niveau", "soort": "het soort document", "typering": "de typering",
    "beroepsvereisten": "de beroepsvereisten", "typering_beroep": "de typering van het beroep",
    "dossier": "het dossier",
}
TYPERING_NAMES = {"typering": "het soort opleiding (typering van de kwalificatie)"}
MAX_ITEMS = 12  # longer lists are cut, with a note saying how many more there are


class Replies:
    # -- conversation -------------------------------------------------------------
    def apology(self) -> str:
        return ("Sorry, er ging bij mij iets mis en ik kan je vraag nu niet beantwoorden. "
                "Probeer het over een momentje nog eens.")

    def not_understood(self, citation=None) -> str:
        return ("Dat begrijp ik niet helemaal. Je kunt me vragen stellen over mbo-kwalificaties, bijvoorbeeld "
                "over werkprocessen, kerntaken, het niveau of het crebonummer.")

    def empty_message(self) -> str:
        return "Je bericht was leeg. Waarmee kan ik je helpen?"

    def too_long(self, limit: int) -> str:
        return f"Je bericht is erg lang. Kun je je vraag korter stellen (hooguit {limit} tekens)?"

    # -- sources ------------------------------------------------------------------
    def source(self, c: Citation, extra_code: Optional[str] = None) -> str:
        code = extra_code or c.code
        return f"Bron: {KIND_NAMES.get(c.kind, c.kind)} {c.dossier}" + (f", {code}" if code else "")

    def source_detail(self, citation: Citation, supplied: Iterable[str] = ()) -> str:
        c = citation
        where = f", regels {c.line_start}-{c.line_end}" if c.line_start else ""
        note = (" (de titel staat niet in de tekst van dit bestand; die is als metadata toegevoegd)"
                if "title" in supplied else "")
        code = f", onderdeel {c.code}" if c.code else ""
        return (f"Dat komt uit het {KIND_NAMES.get(c.kind, c.kind).lower()} {c.dossier}{note}{code} "
                f"(bestand {c.source}{where}).")

    def no_previous_answer(self, citation=None) -> str:
        return "Ik heb in dit gesprek nog geen antwoord uit een dossier gegeven. Stel gerust een vraag!"

    # -- names --------------------------------------------------------------------
    def name(self, k: Kwalificatie) -> str:
        return k.title

    # -- werkprocessen ------------------------------------------------------------
    def werkproces(self, view: WerkprocesView, onderdeel: Optional[str] = None, citation=None) -> str:
        v = view
        wp = v.werkproces
        head = f"{wp.code} {wp.title}"
        if v.profiel and v.profiel.title:
            head += f" (voor de {v.profiel.title})" if not wp.code.startswith(v.profiel.code) \
                else f" ({v.profiel.title})"
        if wp.outline_only:
            return (f"{head}.\nVan dit werkproces staan alleen de code en de titel in het {v.dossier.title}-dossier; "
                    f"de uitwerking (omschrijving, resultaat, gedrag) staat niet in het dossier."
                    f"\n{self.source(v.citation)}")
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

    def werkproces_candidates(self, code: str, views: list[WerkprocesView], k: Optional[Kwalificatie],
                              citation=None) -> str:
        query = code
        who = f"de {k.title}" if k and k.profiel else (k.title if k else "")
        lines = [f"Met {query} kunnen bij {who} meerdere werkprocessen bedoeld zijn:" if who
                 else f"Met {query} kunnen meerdere werkprocessen bedoeld zijn:"]
        for v in views[:MAX_ITEMS]:
            summary = (v.werkproces.omschrijving or "").split(". ")[0].rstrip(".")
            lines.append(f"- {v.werkproces.code} {v.werkproces.title}" + (f": {summary}." if summary else ""))
        lines.append("Over welke wil je meer weten?")
        lines.append(self.source(views[0].citation, ", ".join(v.werkproces.code for v in views[:MAX_ITEMS])))
        return "\n".join(lines)

    def no_werkproces(self, code: str, k: Optional[Kwalificatie], known: list[str], citation=None) -> str:
        who = f"De {k.title}" if k and k.profiel else (k.title if k else "Geen enkel dossier dat ik ken")
        text = f"{who} heeft geen werkproces {code}: dat staat niet in het dossier."
        if known:
            text += f" Wel zijn er: {', '.join(known)}."
        return text

    # -- kerntaken ----------------------------------------------------------------
    def kerntaak(self, v: KerntaakView, onderdeel: Optional[str] = None) -> str:
        kt = v.kerntaak
        head = f"{self.kerntaak_code(kt.code)} {kt.title}"
        if kt.outline_only:
            return (f"{head}.\nVan deze kerntaak staan alleen de code, de titel en de werkprocessen in het "
                    f"dossier; de uitwerking staat niet in het dossier.\n{self.source(v.citation)}")
        parts = [head + ":"]
        if onderdeel == "keuzes":
            parts.append("Keuzes en dilemma's:\n" + self.bullets(f"{d.title}: {d.text}" for d in kt.keuzes)
                         if kt.keuzes else "Keuzes en dilemma's staan niet in het dossier bij deze kerntaak.")
        elif onderdeel in ("complexiteit", "verantwoordelijkheid", "vakkennis", "hulpmiddelen", "betrokkenen",
                           "kwaliteit"):
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

    def kerntaak_code(self, code: str) -> str:
        """A 2004 profile numbers its kerntaken ("K2"): say "kerntaak 2 (K2)"."""
        return f"Kerntaak {code[1:]} (K{code[1:]})" if code[:1] == "K" and code[1:].isdigit() else code

    def no_kerntaak(self, code: str, k: Kwalificatie, known: list[str], citation=None) -> str:
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
    # One sentence per field; {de} is "de " before a profile's name, {kind} the document kind in lower case.
    FACT_SENTENCES = {
        "niveau": "De {name} is een kwalificatie op mbo-niveau {value}.",
        "crebo": "Het crebonummer van {de}{name} is {value}.",
        "domein": "{dossier} hoort bij het opleidingsdomein {value}.",
        "penvoerder": "De penvoerder van het dossier {dossier} is de {value}.",
        "ontwikkeld_door": "Het {kind} {name} is ontwikkeld door {value}.",
        "soort": "{dossier} is een {value_kind}.",
        "versie": "Het {kind} {name} is versie {value}.",
        "code": "De code van het {kind} {name} is {value}.",
        "datum": "Het {kind} {name} is van {value}.",
        "typering": "De {name} is een {value} (typering van de kwalificatie).",
        "typering_beroep": "Typering van het beroep van de {name}: {value}",
        "dossier": "De {name} hoort bij het {kind} {value}.",
    }

    def fact(self, k: Kwalificatie, field: str, value, citation: Citation) -> str:
        template = self.FACT_SENTENCES.get(field)
        if template is None:
            text = f"{FEIT_NAMES.get(field, field).capitalize()} van {'de ' if k.profiel else ''}{self.name(k)}: {value}."
        else:
            text = template.format(de="de " if k.profiel else "", name=self.name(k), value=value, dossier=k.dossier,
                                   kind=KIND_NAMES.get(k.kind, "").lower(),
                                   value_kind=KIND_NAMES.get(str(value), str(value)).lower())
        return f"{text}\n{self.source(citation)}"

    def not_stated(self, k: Kwalificatie, field: str, citation: Citation) -> str:
        what = TYPERING_NAMES.get(field) or FEIT_NAMES.get(field, field)
        return (f"{what[0].upper() + what[1:]} van {'de ' if k.profiel else ''}{self.name(k)} "
                f"staat niet in het dossier, dus dat kan ik je niet vertellen.\n{self.source(citation)}")

    # -- rendering an Answer ------------------------------------------------------------
    def render(self, answer) -> list[dict]:
        """The messages (text, buttons) for an `Answer`: the method named by `answer.reply` words it."""
        method = getattr(self, answer.reply)
        result = method(**{"citation": answer.citation, **answer.data})
        text, buttons = result if isinstance(result, tuple) else (result, [])
        buttons = buttons or [{"title": title, "payload": payload} for title, payload in answer.buttons]
        if answer.unknown_terms:
            text += "\n" + self.terms_not_stated(answer.unknown_terms)
        return [{"text": text, "buttons": buttons}]

    def terms_not_stated(self, terms: list[str]) -> str:
        return f"Over {' en '.join(terms)} staat niets in de dossiers die ik ken."

    # -- conversation -------------------------------------------------------------------
    SMALLTALK = {
        "greet": "Hallo! Ik ben kwalibot, de digitale assistent voor vragen over mbo-kwalificaties. "
                 "Waar kan ik je mee helpen?",
        "goodbye": "Tot ziens en succes met je studiekeuze!",
        "thank": "Graag gedaan! Vraag gerust verder.",
        "bot_challenge": "Ik ben een chatbot, geen mens: een digitale assistent die antwoordt uit de officiële "
                         "kwalificatiedossiers.",
        "help": "Ik beantwoord vragen over mbo-kwalificaties uit de officiële dossiers: werkprocessen en kerntaken, "
                "het niveau, het crebonummer, verschillen tussen kwalificaties en meer. Wat ik niet in een dossier "
                "vind, zeg ik eerlijk. Probeer bijvoorbeeld:",
        "affirm": "Fijn! Heb je nog een vraag?",
        "deny": "Oké. Stel gerust een andere vraag over een mbo-kwalificatie.",
        "out_of_scope": "Daar kan ik je helaas niet mee helpen: ik beantwoord alleen vragen over mbo-kwalificaties "
                        "uit de officiële dossiers.",
    }
    SUGGESTIONS = ["Welke kwalificaties ken je?", "Wat kan ik je vragen?"]

    def smalltalk(self, intent: str, example: Optional[Kwalificatie] = None, citation=None):
        text = self.SMALLTALK.get(intent, self.SMALLTALK["help"])
        suggestions = self.SUGGESTIONS if intent == "greet" else self.examples(example) if intent == "help" else []
        return text, [{"title": s, "payload": s} for s in suggestions]

    def examples(self, k: Optional[Kwalificatie]) -> list[str]:
        """Example questions for "help", about a qualification of the knowledge base."""
        about = [f"Welk niveau heeft de {k.title}?", f"Welke werkprocessen heeft de {k.title}?"] if k else []
        return ["Welke kwalificaties ken je?", *about]

    # -- names ----------------------------------------------------------------------------
    def unknown_kwalificatie(self, name: str = "", near: Iterable[Kwalificatie] = (), citation=None) -> str:
        named = f"'{name}' " if name else ""
        text = (f"Die kwalificatie {named}ken ik niet: ze staat niet in de dossiers die ik heb.")
        near = list(near)
        if near:
            return text + " Bedoel je misschien een van deze?"
        return text + " Vraag gerust welke kwalificaties ik wel ken."

    def ask_which_kwalificatie(self, question=None, citation=None) -> str:
        code = getattr(question, "werkproces", None) or getattr(question, "kerntaak", None)
        about = f" over {code}" if code else ""
        return f"Over welke kwalificatie gaat je vraag{about}? Kies er een of typ de naam."

    def ask_which_dossier(self, code: str, dossiers: list[str], citation=None) -> str:
        return (f"{code} staat in meerdere dossiers ({', '.join(dossiers)}). Over welk dossier gaat je vraag? "
                f"Kies er een of typ de naam van de kwalificatie.")

    # -- werkprocessen and kerntaken (several) ----------------------------------------------
    def werkprocessen_views(self, views: list[WerkprocesView], onderdeel: Optional[str], citation=None) -> str:
        return "\n\n".join(self.werkproces(v, onderdeel) for v in views)

    def kerntaken_views(self, views: list[KerntaakView], onderdeel: Optional[str], citation=None) -> str:
        return "\n\n".join(self.kerntaak(v, onderdeel) for v in views)

    # -- facts ------------------------------------------------------------------------------
    def facts(self, k: Kwalificatie, results: list, citation=None) -> str:
        """Every asked field in turn: its value, or that the dossier does not state it."""
        lines = []
        for r in results:
            text = self.fact(k, r.field, r.value, r.citation) if isinstance(r, Fact) \
                else self.not_stated(k, r.field, r.citation)
            lines.append(text.split("\n")[0])
        lines.append(self.source(results[0].citation))
        return "\n".join(lines)

    def overview(self, k: Kwalificatie, facts: list, kerntaken: list, profielen: list, niveaus: dict,
                 competenties: list, kernopgaven: list, generiek: list, citation=None) -> str:
        lines = [f"Overzicht van {'de ' if k.profiel else ''}{k.title}:"]
        for r in facts:
            if r.field == "typering_beroep" and not isinstance(r, Fact):
                continue  # the card leaves out what it does not have; a question about it says so
            line = (self.fact(k, r.field, r.value, r.citation) if isinstance(r, Fact)
                    else self.not_stated(k, r.field, r.citation)).split("\n")[0]
            lines.append(f"- {_snippet(line, [], 420) if r.field == 'typering_beroep' else line}")
        if k.profiel:
            lines.append(f"- Dossier: {KIND_NAMES.get(k.kind, k.kind).lower()} {k.dossier}.")
        if profielen:
            lines.append("- Kwalificaties: " + "; ".join(
                f"{x.title}" + (f" (niveau {niveaus.get(x.key)})" if niveaus.get(x.key) else "") for x in profielen)
                + ".")
        if competenties:
            groups = ", ".join(dict.fromkeys(f"{COMPETENTIE_GROUPS.get(c.group, c.group)} ({c.group})" for c in competenties))
            lines.append(f"- {len(competenties)} beroepscompetenties in de groepen {groups}.")
        if kernopgaven:
            lines.append("- Kernopgaven: " + "; ".join(f"{x.nr}. {x.title}" for x in kernopgaven) + ".")
        if generiek and not k.profiel:
            lines.append("- Generieke onderdelen: " + "; ".join(generiek) + ".")
        if kerntaken:
            lines.append("Kerntaken" + (" en werkprocessen:" if any(kt.werkprocessen for kt in kerntaken) else ":"))
            for kt in kerntaken:
                lines.append(f"- {kt.code} {kt.title}")
                lines += [f"  - {wp.code} {wp.title}" for wp in kt.werkprocessen]
        lines.append(self.source(citation))
        return "\n".join(lines)

    # -- lists --------------------------------------------------------------------
    def bullets(self, items: Iterable[str]) -> str:
        return "\n".join(f"- {item}" for item in items)

    def _count(self, n: Optional[int], what: str, who: str) -> list[str]:
        return [f"{who} heeft {n} {what}:"] if n is not None else []

    def kwalificaties(self, ks: list[Kwalificatie], niveaus: dict, niveau: Optional[int] = None,
                      count: Optional[int] = None, citation=None) -> str:
        if not ks:
            return f"Ik ken geen kwalificaties op niveau {niveau}." if niveau else "Ik ken geen kwalificaties."
        at = f" op niveau {niveau}" if niveau else ""
        lines = [f"Ik ken {count} kwalificaties{at}:" if count is not None else f"Ik ken deze kwalificaties{at}:"]
        dossier = None
        for k in ks:
            if k.dossier != dossier and k.profiel:
                lines.append(f"{KIND_NAMES.get(k.kind)} {k.dossier}:")
            dossier = k.dossier
            prefix = "  - " if k.profiel else "- "
            level = f" (niveau {niveaus[k.key]})" if niveaus.get(k.key) else ""
            title = k.title if k.title != k.profiel else f"{k.profiel} (de naam staat niet in dit dossier)"
            lines.append(prefix + (title + level if k.profiel else f"{k.title} ({KIND_NAMES.get(k.kind).lower()})"))
        return "\n".join(lines)

    def kerntaken(self, k: Kwalificatie, kerntaken: list, count: Optional[int] = None, citation=None) -> str:
        who = f"{'De ' if k.profiel else ''}{self.name(k)}"
        lines = self._count(count, "kerntaken" if count != 1 else "kerntaak", who) or \
            [f"De kerntaken van {'de ' if k.profiel else ''}{self.name(k)}:"]
        lines += [f"- {kt.code} {kt.title}" for kt in kerntaken]
        lines.append(self.source(citation))
        return "\n".join(lines)

    def werkprocessen(self, k: Kwalificatie, pairs: list, kerntaak: Optional[str] = None,
                      count: Optional[int] = None, citation=None) -> str:
        who = f"{'De ' if k.profiel else ''}{self.name(k)}" + (f" bij kerntaak {kerntaak}" if kerntaak else "")
        title = f"De werkprocessen van {'de ' if k.profiel else ''}{self.name(k)}" + \
            (f" bij kerntaak {kerntaak}" if kerntaak else "") + ":"
        lines = self._count(count, "werkprocessen" if count != 1 else "werkproces", who) or [title]
        current = None
        for kt, wp in pairs:
            if kt.code != current:
                lines.append(f"{kt.code} {kt.title}:")
                current = kt.code
            lines.append(f"- {wp.code} {wp.title}")
        lines.append(self.source(citation))
        return "\n".join(lines)

    # -- comparison and aggregates --------------------------------------------------------
    def comparison(self, rows: list[dict], shared: list, shared_codes: set, citation=None) -> str:
        names = [r["k"].title for r in rows]
        lines = ["Verschil tussen de " + " en de ".join([", de ".join(names[:-1]), names[-1]]) + ":"]
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

    def _niveau(self, n: Optional[int]) -> str:
        return f"niveau {n}" if n else "niveau niet vermeld in het dossier"

    def compare_needs_two(self, citation=None) -> str:
        return "Welke kwalificaties wil je vergelijken? Noem ze allebei, bijvoorbeeld 'vergelijk A met B'."

    def levels(self, rows: list[dict], dossier=None, citation=None) -> str:
        head = f"De niveaus van de kwalificaties van {dossier.title}:" if dossier else "De niveaus van de kwalificaties:"
        lines = [head] + [f"- {r['k'].title}: {self._niveau(r['niveau'])}" + (f", {r['typering']}" if r["typering"] else "")
                          for r in rows]
        return "\n".join(lines + ([self.source(citation)] if citation else []))

    def extreme_level(self, extreme: str, niveau: int, dossier, rows: list[dict], all: list[dict],
                      citation=None) -> str:
        where = f" van {dossier.title}" if dossier else ""
        names = " en de ".join(r["k"].title for r in rows)
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

    # -- yes / no -------------------------------------------------------------------------
    def yes_no(self, yes: Optional[bool], because, citation=None) -> str:
        detail = self.render(because)[0]["text"]
        if yes is None:
            return detail
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

    def several(self, answers: list, citation=None) -> str:
        return "\n\n".join(self.render(a)[0]["text"] for a in answers)

    def found_elsewhere(self, k: Kwalificatie, hit, owner: Optional[Kwalificatie], citation=None) -> str:
        who = f"de {k.title}" if k.profiel else k.title
        p = hit.passage
        where = f"bij de {owner.title}" if owner else f"in {p.dossier}"
        return (f"Niet in het dossier van {who}; wel {where}: {p.label}.\n"
                f"{_snippet(p.text, hit.matched, 220)}\n{self.source(citation)}")

    def says_not(self, sentence: str, found, citation=None) -> str:
        return f"Het dossier zegt: \"{sentence}\"\n" + self.render(found)[0]["text"]

    def not_covered(self, k: Optional[Kwalificatie], topic: str, citation=None) -> str:
        where = f"het dossier van {'de ' if k.profiel else ''}{k.title}" if k else "de dossiers die ik ken"
        return f"Daarover staat niets in {where}."

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
            lines.append(f"- {p.dossier}, {label}{owner}: {_snippet(p.text, hit.matched, width)}")
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

    def search_kwalificaties(self, ranked: list[Kwalificatie], evidence: dict, citation=None) -> str:
        lines = ["Daarover gaat het bij:"]
        for k in ranked:
            h = evidence[k.key]
            lines.append(f"- {k.title} ({k.dossier}): {h.passage.label}")
        return "\n".join(lines + [self.source(citation)])

    def search_nothing(self, query: str = "", citation=None) -> str:
        return ("Daarover vind ik niets: dat staat niet in de dossiers die ik ken. "
                "Probeer het eventueel met andere woorden.")

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
        lines += [f"- {c.nr}. {c.title} ({COMPETENTIE_GROUPS.get(c.group, c.group)}, {c.group})" for c in cs]
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

    def nothing_about(self, k: Kwalificatie, what: str, citation=None) -> str:
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
