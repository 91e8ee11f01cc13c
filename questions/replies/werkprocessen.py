"""Werkprocessen and kerntaken, one or several, with a profile's additions."""
from __future__ import annotations

from typing import Optional

from knowledge.query import KerntaakView, Kwalificatie, WerkprocesView

from questions.replies.wording import MAX_ITEMS, ONDERDEEL_NAMES, _snippet


class WerkprocesReplies:
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
            parts.append(f"Onderliggende competenties ({len(wp.competenties)}): " + ", ".join(wp.competenties)
                         if wp.competenties
                         else "De competenties staan niet in het dossier.")
        extra = v.aanvulling
        if extra and v.profiel:
            added = self._aanvulling(extra, onderdeel)
            if added:
                parts.append(f"Voor de {v.profiel.title} geldt aanvullend: {added}")
        elif onderdeel == "aanvulling" and v.profiel and wp.code.startswith("B"):  # asked what it adds: nothing
            parts.append(f"Voor de {v.profiel.title} geldt bij {wp.code} niets aanvullends; dit is het basisdeel.")
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
                texts += [extra.resultaat or "", _joined(extra.gedrag)]
            return " ".join(t for t in texts if t)
        if onderdeel == "resultaat":
            return extra.resultaat or ""
        if onderdeel == "gedrag":
            return _joined(extra.gedrag)
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

    def no_werkproces(self, code: str, k: Optional[Kwalificatie], known: list[str], citation=None,
                      owner: Optional[Kwalificatie] = None) -> str:
        who = f"De {k.title}" if k and k.profiel else (k.title if k else "Geen enkel dossier dat ik ken")
        text = f"{who} heeft geen werkproces {code}: dat staat niet in het dossier."
        if known:
            text += f" Wel zijn er: {', '.join(known)}."
        return text + self._owned_by(code, owner)

    def _owned_by(self, code: str, owner: Optional[Kwalificatie]) -> str:
        return f" {code} hoort bij de {owner.title}." if owner is not None else ""

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

    def no_profiel(self, code: str, k: Kwalificatie, known: list[str], citation=None) -> str:
        return (f"Een profiel {code} staat niet in het dossier {k.title}; het heeft de profielen "
                f"{', '.join(known)}.\n{self.source(citation)}")

    def no_kerntaak(self, code: str, k: Kwalificatie, known: list[str], citation=None,
                    owner: Optional[Kwalificatie] = None) -> str:
        text = f"Een kerntaak {code} staat niet in het dossier van {'de ' if k.profiel else ''}{k.title}."
        return text + (f" Wel zijn er: {', '.join(known)}." if known else "") + self._owned_by(code, owner)

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

    # -- werkprocessen and kerntaken (several) ----------------------------------------------
    def werkprocessen_views(self, views: list[WerkprocesView], onderdeel: Optional[str], citation=None) -> str:
        return "\n\n".join(self.werkproces(v, onderdeel) for v in views)

    def kerntaken_views(self, views: list[KerntaakView], onderdeel: Optional[str], citation=None) -> str:
        return "\n\n".join(self.kerntaak(v, onderdeel) for v in views)

    def additions_per_profile(self, view: WerkprocesView, found: list, onderdeel: Optional[str] = None,
                              niveau: Optional[int] = None, citation=None) -> str:
        wp = view.werkproces
        what = f" aan {ONDERDEEL_NAMES.get(onderdeel, onderdeel)}" if onderdeel else ""
        level = f" op niveau {niveau}" if niveau else ""
        if not found:
            return (f"Bij {wp.code} {wp.title} noemt het dossier geen aanvullingen{what} voor de profielen{level}.\n"
                    + self.source(citation))
        lines = [f"{wp.code} {wp.title}: wat er{what} aanvullend geldt voor de profielen{level}:"]
        for k, extra in found:
            lines.append(f"- {k.title} ({k.profiel}): {_snippet(_addition_text(extra, onderdeel), [], 300)}")
        lines.append(self.source(citation))
        return "\n".join(lines)

    def aanvullingen(self, k: Kwalificatie, found: list, onderdeel: Optional[str] = None, citation=None) -> str:
        what = f" op {ONDERDEEL_NAMES.get(onderdeel, onderdeel)}" if onderdeel else ""
        if not found:
            return (f"Aanvullingen{what} voor de {self.name(k)} zijn in het basisdeel niet vermeld: het dossier noemt "
                    f"er geen voor dit profiel.\n{self.source(citation)}")
        lines = [f"In het basisdeel geldt voor de {self.name(k)} aanvullend:"]
        for part, extra in found[:MAX_ITEMS]:
            lines.append(f"- {part.code} {part.title}: {_snippet(_addition_text(extra, onderdeel), [], 300)}")
        lines.append(self.source(citation))
        return "\n".join(lines)


def _addition_text(extra, onderdeel: Optional[str]) -> str:
    """What a profile's addition says: the part asked, or all it has."""
    if onderdeel:
        value = getattr(extra, onderdeel, None)
        return ("; ".join(getattr(v, "tekst", str(v)) for v in value) if isinstance(value, list) else value) or ""
    texts = [extra.omschrijving, extra.resultaat, extra.complexiteit, extra.verantwoordelijkheid,
             "; ".join(extra.gedrag), ", ".join(extra.competenties), "; ".join(v.tekst for v in extra.vakkennis)]
    return " ".join(t for t in texts if t)


def _joined(items: list[str]) -> str:
    """Items of a list in one sentence; the source ends most with ";" already."""
    return "; ".join(i.rstrip(" ;") for i in items if i.strip(" ;"))
