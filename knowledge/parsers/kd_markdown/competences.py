"""kd-markdown: competence names (spelling variants read as the name the dossier uses more often).
"""
from __future__ import annotations

from collections import Counter
from typing import Iterable, Optional

from rapidfuzz.distance import Levenshtein

from knowledge.model import Dossier


def canonical_names(names: Iterable[str], max_distance: int = 2) -> dict[str, str]:
    """Spelling variants -> the name the dossier uses more often.

    A name that occurs once is read as another name of the same list when that one occurs more
    than once and is at most a small edit distance away (up to `max_distance` edits, and no more
    than one edit per ten characters): "Formulieren en rapporteren" -> "Formuleren en rapporteren".
    """
    counts = Counter(names)
    mapping: dict[str, str] = {}
    for name, n in counts.items():
        if n > 1:
            continue
        best: Optional[tuple[tuple[int, int], str]] = None
        for other, m in counts.items():
            if other == name or m <= n:
                continue
            limit = min(max_distance, max(1, len(other) // 10))
            d = Levenshtein.distance(name.lower(), other.lower(), score_cutoff=limit)
            if d <= limit and (best is None or (d, -m) < best[0]):
                best = ((d, -m), other)
        if best:
            mapping[name] = best[1]
    return mapping


def _canonicalize_competences(dossier: Dossier) -> None:
    holders = []
    for wp in dossier.all_werkprocessen():
        holders.append(wp)
        holders.extend(wp.aanvullingen.values())
    mapping = canonical_names(n for h in holders for n in h.competenties)
    for h in holders:
        h.competenties = [mapping.get(n, n) for n in h.competenties]
