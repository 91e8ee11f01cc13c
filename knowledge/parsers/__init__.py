"""One parser per source format. Each exposes `parse(source: str, text: str) -> Dossier`.

`source` is the file name (used in error messages and origins), `text` the file's
full text. A parser raises `knowledge.model.DossierError` naming what is missing.
"""
from __future__ import annotations

import importlib

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
