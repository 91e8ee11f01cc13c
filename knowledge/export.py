"""The whole knowledge base as JSON-ready dicts (the shape `python -m knowledge export` prints)."""
from __future__ import annotations

from dataclasses import asdict
from typing import Any

from knowledge.model import Aanvulling, Dossier, Kerntaak, Origin, Werkproces


def _origins(origins: dict[str, Origin]) -> dict[str, Any]:
    return {key: asdict(o) for key, o in origins.items()}


def _aanvulling(a: Aanvulling) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name in ("omschrijving", "resultaat", "complexiteit", "verantwoordelijkheid"):
        if getattr(a, name) is not None:
            data[name] = getattr(a, name)
    for name in ("gedrag", "competenties"):
        if getattr(a, name):
            data[name] = list(getattr(a, name))
    if a.vakkennis:
        data["vakkennis"] = [asdict(v) for v in a.vakkennis]
    if a.nvt:
        data["nvt"] = list(a.nvt)
    data["origins"] = _origins(a.origins)
    return data


def werkproces_dict(wp: Werkproces) -> dict[str, Any]:
    return {
        "code": wp.code,
        "title": wp.title,
        "omschrijving": wp.omschrijving,
        "resultaat": wp.resultaat,
        "gedrag": list(wp.gedrag),
        "competenties": list(wp.competenties),
        "aanvullingen": {code: _aanvulling(a) for code, a in wp.aanvullingen.items()},
        "outline_only": wp.outline_only,
        "origins": _origins(wp.origins),
    }


def kerntaak_dict(kt: Kerntaak) -> dict[str, Any]:
    data: dict[str, Any] = {
        "code": kt.code,
        "title": kt.title,
        "werkprocessen": [werkproces_dict(wp) for wp in kt.werkprocessen],
        "complexiteit": kt.complexiteit,
        "verantwoordelijkheid_en_zelfstandigheid": kt.verantwoordelijkheid,
        "vakkennis_en_vaardigheden": [asdict(v) for v in kt.vakkennis],
        "outline_only": kt.outline_only,
    }
    if kt.aanvullingen:
        data["aanvullingen"] = {code: _aanvulling(a) for code, a in kt.aanvullingen.items()}
    for name in ("proces", "betrokkenen", "hulpmiddelen", "kwaliteit"):
        if getattr(kt, name) is not None:
            data[name] = getattr(kt, name)
    if kt.keuzes:
        data["keuzes_en_dilemmas"] = [asdict(k) for k in kt.keuzes]
    data["origins"] = _origins(kt.origins)
    return data


def dossier_dict(d: Dossier) -> dict[str, Any]:
    return {
        "title": d.title,
        "kind": d.kind,
        "crebo": d.crebo,
        "source": d.source,
        "domain": d.domain,
        "domain_crebo": d.domain_crebo,
        "penvoerder": d.penvoerder,
        "gevalideerd_door": d.gevalideerd_door,
        "gevalideerd_op": d.gevalideerd_op,
        "geldig_vanaf": d.geldig_vanaf,
        "ontwikkeld_door": d.ontwikkeld_door,
        "code": d.code,
        "datum": d.datum,
        "versie": d.versie,
        "supplied": sorted(d.supplied),
        "kerntaken": [kerntaak_dict(kt) for kt in d.kerntaken],
        "profielen": [
            {
                "code": p.code,
                "title": p.title,
                "crebo": p.crebo,
                "niveau": p.niveau,
                "typering_kwalificatie": p.typering_kwalificatie,
                "beroepsvereisten": p.beroepsvereisten,
                "typering_beroep": p.typering_beroep,
                "outline_only": p.outline_only,
                "kerntaken": [kerntaak_dict(kt) for kt in p.kerntaken],
                "origins": _origins(p.origins),
            }
            for p in d.profielen
        ],
        "kernopgaven": [{"nr": k.nr, "title": k.title, "text": k.text} for k in d.kernopgaven],
        "beroepscompetenties": [
            {
                "nr": c.nr,
                "group": c.group,
                "title": c.title,
                "text": c.text,
                "succescriteria": {"proces": list(c.succescriteria_proces),
                                   "resultaat": list(c.succescriteria_resultaat)},
            }
            for c in d.beroepscompetenties
        ],
        "functiebenamingen": list(d.functiebenamingen),
        "loopbaan": d.loopbaan,
        "sections": [{"key": s.key, "title": s.title, "text": s.text} for s in d.sections],
        "unreadable": list(d.unreadable),
        "origins": _origins(d.origins),
    }


def export(dossiers: list[Dossier]) -> dict[str, Any]:
    return {"dossiers": [dossier_dict(d) for d in dossiers]}
