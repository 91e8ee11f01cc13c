"""kd-ocr-extract: the format's fixed vocabulary (codes, part headings, section labels, the profile row).
"""
from __future__ import annotations

import re


KT_CODE = r"[BP]\d+-K\d+"
WP_CODE = r"[BP]\d+-K\d+-W\d+"
_OVERVIEW = "Overzicht van het kwalificatiedossier"
_BASISDEEL = "Basisdeel"
_PROFIELDEEL = "Profieldeel"
_GENERIEK_RE = re.compile(r"^\d+\.\s*Generieke onderdelen$")
_SPECIFIEK_RE = re.compile(r"^\d+\.\s*Beroepsspecifieke onderdelen$")
KT_LABELS = {
    "Complexiteit": "complexiteit",
    "Verantwoordelijkheid en zelfstandigheid": "verantwoordelijkheid",
    "Vakkennis en vaardigheden": "vakkennis",
}


WP_LABELS = {"Omschrijving": "omschrijving", "Resultaat": "resultaat", "Gedrag": "gedrag"}
_COMP_RE = re.compile(r"^De onderliggende competenties zijn:\s*(.*)$")
_PROFILE_ROW_RE = re.compile(r"^(P\d+)\s+(.+?)\s+([1-4])\s+(Ja|Nee)\s+(\S+)\s*$")
_GARBLED_WP_RE = re.compile(r"\s+(?:[A-Z]{1,3}\s+){1,3}W\s*\W?(\d{1,2})\s*$")
_INTRO_RE = re.compile(r"^De\s.+:$")
_PROFILE_HEADS = {"Mbo-niveau": "niveau", "Typering van het beroep": "typering_beroep", "Beroepsvereisten": "beroepsvereisten"}
