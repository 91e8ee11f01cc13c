"""Names of things as replies say them, shared by every part of `Replies`."""
from __future__ import annotations

from knowledge.model import BEROEPSCOMPETENTIEPROFIEL

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
    "geldig_vanaf": "vanaf wanneer het dossier geldig is", "ontwikkeld_door": "wie het heeft ontwikkeld",
    "datum": "de datum", "versie": "de versie", "code": "de code", "eqf": "een apart EQF-niveau", "soort": "het soort document", "typering": "de typering",
    "beroepsvereisten": "de beroepsvereisten", "typering_beroep": "de typering van het beroep",
    "dossier": "het dossier", "duur": "de duur van de opleiding", "toelating": "de toelatingseisen",
    "einde": "de einddatum (wanneer het vervalt of vervangen wordt)",
    "salaris": "het salaris (wat je verdient)", "kosten": "het lesgeld (wat de opleiding kost)",
    "leerweg": "de leerweg (bol of bbl)", "stage": "de stage (bpv, uren of plaats)",
    "scholen": "de scholen die de opleiding geven",
    "cijfers": "informatie over aantallen studenten, slagingskansen of de kans op werk",
    "keuzedelen": "een lijst met keuzedelen",
}
TYPERING_NAMES = {"typering": "het soort opleiding (typering van de kwalificatie)"}
MAX_ITEMS = 12  # longer lists are cut, with a note saying how many more there are


def _snippet(text: str, matched: list[str], width: int = 220) -> str:
    """The part of a passage around the first word the question was found by (`matched`: the passage's own
    words when known, as a question may write them otherwise: "swotanalyse" for "SWOT-analyse")."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    lower = flat.lower()
    stems = {m[:5].lower() for m in matched if m}
    places = sorted(i for stem in stems for i in _places(lower, stem))
    # the window that holds most of the words the question was found by: a rare word late in a long
    # passage ("afbreukrisico") is what was asked, not the common one at its start
    at = max(places, key=lambda i: (sum(1 for stem in stems if stem in lower[max(0, i - width // 3):
                                                                        max(0, i - width // 3) + width]), -i),
             default=0)
    start = max(0, at - width // 3)
    return ("…" if start else "") + flat[start:start + width].strip() + "…"



def _places(text: str, stem: str) -> list[int]:
    found, i = [], text.find(stem)
    while i >= 0 and len(found) < 50:
        found.append(i)
        i = text.find(stem, i + 1)
    return found
