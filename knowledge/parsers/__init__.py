"""One parser per source format. Each exposes `parse(source: str, text: str) -> Dossier`.

`source` is the file name (used in error messages and origins), `text` the file's
full text. A parser raises `knowledge.model.DossierError` naming what is missing.
"""
from __future__ import annotations

import importlib
import re
from typing import Optional

from knowledge.model import Dossier, DossierError

# format name (as written in sources.yml) -> module implementing it
FORMATS = {
    "kd-markdown": "knowledge.parsers.kd_markdown",
    "kd-ocr-extract": "knowledge.parsers.kd_ocr_extract",
    "bcp-2004": "knowledge.parsers.bcp_2004",
}


def parse(fmt: str, source: str, text: str) -> Dossier:
    if fmt not in FORMATS:
        raise DossierError(source, f"unknown format {fmt!r} (known: {', '.join(sorted(FORMATS))})")
    module = importlib.import_module(FORMATS[fmt])
    return module.parse(source, text)


_OVERVIEW = re.compile(r"^\s*Overzicht van het kwalificatiedossier\s*$", re.M | re.I)
_PARTS = re.compile(r"^\s*(?:Basisdeel|Profieldeel)\s*$", re.M)


def detect(text: str) -> Optional[str]:
    """The format a dossier's text is in, from the way the format begins; None when none fits.

    * ``bcp-2004``: the first line is the title line ``BEROEPSCOMPETENTIEPROFIEL <beroep> (<code>)``;
    * ``kd-markdown``: the first line is the title page's ``Kwalificatiedossier mbo``;
    * ``kd-ocr-extract``: no title page, but the overview ``Overzicht van het kwalificatiedossier``
      and the parts ``Basisdeel`` / ``Profieldeel`` of a kwalificatiedossier.
    """
    first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    first = re.sub(r"[*#>\s]+", " ", first).strip()
    if re.match(r"^BEROEPSCOMPETENTIEPROFIEL\b", first):
        return "bcp-2004"
    if re.match(r"^Kwalificatiedossier\b", first, re.I):
        return "kd-markdown"
    if _OVERVIEW.search(text) and _PARTS.search(text):
        return "kd-ocr-extract"
    return None
