"""kd-markdown: kerntaken, werkprocessen and profile parts as model objects; additions attached to
their profiles; the completeness check against the overview.
"""
from __future__ import annotations

import re
from typing import Optional

from rapidfuzz import process

from knowledge.model import Aanvulling, Dossier, DossierError, Kerntaak, Origin, Profiel, Werkproces
from knowledge.repair import markup
from knowledge.parsers.kd_markdown.additions import _interpret
from knowledge.parsers.kd_markdown.body import _Node
from knowledge.parsers.kd_markdown.elements import _WP_LABELS
from knowledge.parsers.kd_markdown.fields import _fill, _span


class _Profiles:
    """Profile codes by the titles the text uses for them ("Voor <title> geldt aanvullend")."""

    def __init__(self, source: str, profielen: list[Profiel]):
        self.source = source
        self.codes = {p.code for p in profielen}
        self.by_title = {self._key(p.title): p.code for p in profielen if p.title}

    @staticmethod
    def _key(title: str) -> str:
        return markup.normalize_space(title).lower()

    def code(self, title: str, line: int) -> str:
        key = self._key(title)
        m = re.match(r"^(P\d+)\b", title)
        if m and m.group(1) in self.codes:  # "Voor P2 geldt aanvullend", "Voor P2 Allround ..."
            return m.group(1)
        if key in self.by_title:
            return self.by_title[key]
        hit = process.extractOne(key, list(self.by_title), score_cutoff=92)
        if hit:
            return self.by_title[hit[0]]
        raise DossierError(self.source, f"line {line}: addition 'Voor {title} geldt aanvullend' names no known profile")


def _sections_into(source: str, node: _Node, target, profiles: Optional[_Profiles]) -> None:
    """Every labelled section of a node into `target` (Kerntaak/Werkproces/Profiel), additions included."""
    for name, sec in node.sections.items():
        where = node.code
        content = _interpret(source, f"{where} {name} (line {sec.line})", sec)
        _fill(source, where, target, name, content.base)
        if content.blocks and (profiles is None or not hasattr(target, "aanvullingen")):
            raise DossierError(source, f"{where} {name}: 'Voor ... geldt aanvullend' outside the basisdeel "
                                       f"(line {content.blocks[0].line})")
        for block in content.blocks:
            code = profiles.code(block.profiel, block.line)
            extra = target.aanvullingen.setdefault(code, Aanvulling(profiel=code))
            section = f"{where} {name} {code}"
            if any(it.kind == "nvt" for it in block.items) and not any(
                    it.kind in ("text", "bullet", "comp") for it in block.items):
                extra.nvt.append(name)
                extra.origins[name] = Origin(source, block.line, _span(block.items, block.line)[1], section)
                continue
            items = [it for it in block.items if it.kind != "nvt"]
            _fill(source, where, extra, name, items, block.line, section)


def _werkproces(source: str, node: _Node, profiles: _Profiles) -> Werkproces:
    for name in _WP_LABELS:
        if name not in node.sections:
            raise DossierError(source, f"werkproces {node.code} ({node.title}, line {node.line}) "
                                       f"has no '{name.capitalize()}'")
    wp = Werkproces(code=node.code, title=markup.clean_text(node.title))
    wp.origins["title"] = Origin(source, node.line, node.line, node.code)
    _sections_into(source, node, wp, profiles)
    return wp


def _kerntaak(source: str, node: _Node, profiles: _Profiles) -> Kerntaak:
    kt = Kerntaak(code=node.code, title=markup.clean_text(node.title))
    kt.origins["title"] = Origin(source, node.line, node.line, node.code)
    _sections_into(source, node, kt, profiles)
    kt.werkprocessen = [_werkproces(source, child, profiles) for child in node.children]
    return kt


def _profile_part(source: str, node: _Node, p: Profiel) -> None:
    """Mbo-niveau, typering van het beroep, beroepsvereisten of the profile part (the overview wins
    for niveau and beroepsvereisten; a contradiction is an error)."""
    overview = {"niveau": p.niveau, "beroepsvereisten": p.beroepsvereisten}
    overview_origins = dict(p.origins)
    for name, sec in node.sections.items():
        content = _interpret(source, f"{node.code} {name}", sec)
        _fill(source, node.code, p, name, content.base, section=f"{node.code} {name.replace('_', ' ')}")
    for name, value in overview.items():
        stated = getattr(p, name)
        agrees = stated is None or str(stated).lower().startswith(str(value).lower())
        if value is not None and not agrees:
            raise DossierError(source, f"{p.code}: the overview gives {name} {value!r}, the profile part {stated!r}")
        if value is not None and stated is not None and len(str(stated)) > len(str(value)):
            continue  # "Ja" in the overview, "Ja" plus what is required in the profile part: keep the whole
        if value is not None:
            setattr(p, name, value)
            p.origins[name] = overview_origins[name]


def _check_complete(source: str, dossier: Dossier, codes: dict[str, tuple[str, int]]) -> None:
    """Every code of the overview has its section: a full dossier's text lacks none (else it is cut)."""
    known = {kt.code for kt in dossier.all_kerntaken()} | {wp.code for wp in dossier.all_werkprocessen()}
    known |= {p.code for p in dossier.profielen if not p.outline_only}
    missing = [code for code in codes if code not in known]
    missing += [p.code for p in dossier.profielen if p.outline_only]
    if missing:
        shown = ", ".join(missing[:6]) + (f" and {len(missing) - 6} more" if len(missing) > 6 else "")
        listed = [codes[c][1] for c in missing if c in codes]
        where = f" (line {min(listed)})" if listed else ""
        raise DossierError(source, f"the overview{where} lists {shown}, but the text has no section for "
                                   f"{'it' if len(missing) == 1 else 'them'} (is the file cut short?)")
