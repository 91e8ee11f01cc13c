"""Build kwalibot's Dutch spaCy pipeline from installed packages only.

There is no Dutch spaCy model on PyPI and nothing may be downloaded at run time,
so the pipeline is `spacy.blank("nl")` plus the lookup lemmatizer whose tables
come with `spacy-lookups-data`, saved to disk for Rasa's SpacyNLP to load by path.

    python -m bot.spacy_nl var/spacy_nl
"""
from __future__ import annotations

import sys
from pathlib import Path


def build(target: Path) -> None:
    import spacy

    nlp = spacy.blank("nl")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()  # copies the lookup tables from spacy-lookups-data into the pipeline
    target.mkdir(parents=True, exist_ok=True)  # var/ does not exist on a fresh clone
    nlp.to_disk(target)


if __name__ == "__main__":
    build(Path(sys.argv[1] if len(sys.argv) > 1 else "var/spacy_nl"))
