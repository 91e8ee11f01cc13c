"""Facts of a qualification or dossier, or that the dossier does not state them; the overview card."""
from __future__ import annotations

from typing import Optional

from knowledge.model import COMPETENTIE_GROUPS
from knowledge.query import Citation, Fact, Kwalificatie

from questions.replies.wording import KIND_NAMES, FEIT_NAMES, TYPERING_NAMES, _snippet


class FactReplies:
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
        if field == "beroepsvereisten" and str(value).strip().lower().rstrip(".") == "nee":
            # the dossier's answer to "Beroepsvereisten?" is a bare "Nee"
            template = "Voor {de}{name} gelden geen beroepsvereisten: het dossier zegt bij beroepsvereisten \"Nee\"."
        if template is None:
            text = f"{FEIT_NAMES.get(field, field).capitalize()} van {'de ' if k.profiel else ''}{self.name(k)}: {value}."
        else:
            text = template.format(de="de " if k.profiel else "", name=self.name(k), value=value, dossier=k.dossier,
                                   kind=KIND_NAMES.get(k.kind, "").lower(),
                                   value_kind=KIND_NAMES.get(str(value), str(value)).lower())
        return f"{text}\n{self.source(citation)}"

    def not_stated(self, k: Kwalificatie, field: str, citation: Citation) -> str:
        what = TYPERING_NAMES.get(field) or FEIT_NAMES.get(field, field)
        plural = what.endswith(("eisen", "vereisten")) or what.startswith("de scholen")
        verb = "staan" if plural else "staat"  # agrees with a plural subject
        return (f"{what[0].upper() + what[1:]} van {'de ' if k.profiel else ''}{self.name(k)} "
                f"{verb} niet in het dossier, dus dat kan ik je niet vertellen.\n{self.source(citation)}")

    # -- facts ------------------------------------------------------------------------------
    def facts(self, k: Kwalificatie, results: list, citation=None) -> str:
        """Every asked field in turn: its value, or that the dossier does not state it."""
        lines = []
        for r in results:
            text = self.fact(k, r.field, r.value, r.citation) if isinstance(r, Fact) \
                else self.not_stated(k, r.field, r.citation)
            lines.append(text.rsplit("\n", 1)[0])  # the value whole (a text keeps its lines), not its source
        lines.append(self.source(results[0].citation))
        return "\n".join(lines)

    def overview(self, k: Kwalificatie, facts: list, kerntaken: list, profielen: list, niveaus: dict,
                 competenties: list, kernopgaven: list, generiek: list, citation=None,
                 crebos: Optional[dict] = None, own: Optional[dict] = None) -> str:
        lines = [f"Overzicht van {'de ' if k.profiel else ''}{k.title}:"]
        for r in facts:
            if r.field == "typering_beroep" and not isinstance(r, Fact):
                continue  # the card leaves out what it does not have; a question about it says so
            line = (self.fact(k, r.field, r.value, r.citation) if isinstance(r, Fact)
                    else self.not_stated(k, r.field, r.citation)).rsplit("\n", 1)[0].replace("\n", " ")
            lines.append(f"- {_snippet(line, [], 420) if r.field == 'typering_beroep' else line}")
        if k.profiel:
            lines.append(f"- Dossier: {KIND_NAMES.get(k.kind, k.kind).lower()} {k.dossier}.")
        if profielen:
            lines.append(f"- {len(profielen)} kwalificaties (profielen), elk met het basisdeel en een eigen profieldeel:"
                         if len(profielen) > 1 else "- 1 kwalificatie (profiel), met het basisdeel en een eigen profieldeel:")
            for x in profielen:
                name = f"{x.profiel} {x.title}" if x.title != x.profiel else x.profiel
                kts = "; ".join(f"{kt.code} {kt.title}" for kt in (own or {}).get(x.key, []))
                lines.append(f"  - {name}" + kwalificatie_attributes(niveaus.get(x.key), (crebos or {}).get(x.key))
                             + (f": {kts}" if kts else ""))
        if competenties:
            groups = ", ".join(dict.fromkeys(f"{COMPETENTIE_GROUPS.get(c.group, c.group)} ({c.group})" for c in competenties))
            lines.append(f"- {len(competenties)} beroepscompetenties in de groepen {groups}.")
        if kernopgaven:
            lines.append("- Kernopgaven: " + "; ".join(f"{x.nr}. {x.title}" for x in kernopgaven) + ".")
        if generiek and not k.profiel:
            lines.append("- Generieke onderdelen: " + "; ".join(generiek) + ".")
        if kerntaken:
            lines.append(("Het basisdeel: kerntaken" if profielen else "Kerntaken")
                         + (" en werkprocessen:" if any(kt.werkprocessen for kt in kerntaken) else ":"))
            for kt in kerntaken:
                lines.append(f"- {kt.code} {kt.title}")
                lines += [f"  - {wp.code} {wp.title}" for wp in kt.werkprocessen]
        lines.append(self.source(citation))
        return "\n".join(lines)

    def workplace(self, k: Kwalificatie, sentences: list[str], section=None, citation=None) -> str:
        lines = [f"Waar de {k.title} werkt, volgens de typering van het beroep:", *(f"“{x}”" for x in sentences)]
        if section is not None:
            lines.append(f"Over de hele beroepengroep zegt het dossier ({section.title}): {section.text}")
        return "\n".join([*lines, self.source(citation)])

    def opinion(self, k: Optional[Kwalificatie] = None, citation=None) -> str:
        about = f" de {k.title}" if k and k.profiel else f" {k.title}" if k else " een opleiding"
        return (f"Of{about} leuk is of een goede keuze voor jou, staat niet in het dossier: dat is een oordeel, en "
                "een kwalificatiedossier beschrijft alleen het werk en wat je daarvoor moet kennen en kunnen. "
                "Wat je leert en doet, vertel ik je graag; een studieadviseur of een open dag helpt je bij de keuze.")


def kwalificatie_attributes(niveau, crebo) -> str:
    """" (niveau 2, crebo 25724)": what an adviser looks up of each qualification in a dossier's list."""
    parts = ([f"niveau {niveau}"] if niveau else []) + ([f"crebo {crebo}"] if crebo else [])
    return f" ({', '.join(parts)})" if parts else ""
