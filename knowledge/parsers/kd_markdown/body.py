"""kd-markdown, pass 1: the structure of the body (parts, profiles, kerntaken, werkprocessen and
their labelled sections), headings recognised by the outline.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from knowledge.model import DossierError
from knowledge.parsers.kd_markdown.elements import (
    _CODE_HEAD,
    _Elem,
    _KT_LABELS,
    _NUMBERED_PART,
    _PARTS,
    _PROFILE_HEAD,
    _PROFILE_LABELS,
    _WP_LABELS,
    _ends_sentence,
    _heading_like,
    _single_text,
)
from knowledge.parsers.kd_markdown.overview import _Outline


@dataclass
class _Sec:
    name: str
    line: int
    elems: list[_Elem] = field(default_factory=list)


@dataclass
class _Node:
    kind: str  # profile | kt | wp
    code: str
    title: str
    line: int
    sections: dict[str, _Sec] = field(default_factory=dict)
    children: list["_Node"] = field(default_factory=list)


@dataclass
class _Prose:
    part: str  # title of the numbered part ("Generieke onderdelen")
    elems: list[_Elem] = field(default_factory=list)


@dataclass
class _Body:
    basis: list[_Node] = field(default_factory=list)  # kerntaken
    profiles: list[_Node] = field(default_factory=list)
    prose: list[_Prose] = field(default_factory=list)


def _profile_head(code: str, title: str, elems: list[_Elem], n: int, outline: _Outline,
                  profile: Optional[_Node]) -> bool:
    """Is line n ("P2 <title>") the heading of profile P2 (or its page header)?

    By the outline when it lists the code; else by what follows: a profile heading is directly
    followed by one of the profile's labels (Mbo-niveau, ...) or by its first kerntaak (P2-K1)."""
    if outline.lists(code):
        return outline.names(code, title)
    if profile is not None and code == profile.code:
        return _Outline.key(title) == _Outline.key(profile.title)
    for later in elems[n + 1:]:
        if later.kind == "blank":
            continue
        text = _single_text(later)
        if text is None:
            return False
        m = _CODE_HEAD.match(text)
        return text.lower().rstrip(": ") in _PROFILE_LABELS or bool(m and m.group("code").startswith(code + "-K"))
    return False


def _walk(source: str, elems: list[_Elem], outline: _Outline) -> _Body:
    body = _Body()
    part = "basisdeel"
    profile: Optional[_Node] = None
    kt: Optional[_Node] = None
    wp: Optional[_Node] = None
    sec: Optional[_Sec] = None
    prose: Optional[_Prose] = None

    def page_break() -> None:
        if sec is not None:
            sec.elems.append(_Elem("break", el.line))

    for n, el in enumerate(elems):
        text = _single_text(el)
        if text is not None:
            low = text.lower()
            if low in _PARTS:
                part, profile, kt, wp, sec, prose = low, None, None, None, None, None
                continue
            m = _CODE_HEAD.match(text)
            if m and (outline.names(m.group("code"), m.group("title")) or not _ends_sentence(m.group("title"))):
                code, title = m.group("code"), m.group("title").strip()
                if (kt and code == kt.code) or (wp and code == wp.code):
                    page_break()  # a page header: the open section's heading again
                    continue
                if "-W" in code:
                    if kt is None or not code.startswith(kt.code + "-"):
                        raise DossierError(source, f"werkproces {code} (line {el.line}) stands outside its kerntaak")
                    wp = _Node("wp", code, title, el.line)
                    kt.children.append(wp)
                else:
                    kt, wp = _Node("kt", code, title, el.line), None
                    if code.startswith("B"):
                        body.basis.append(kt)
                    elif profile is not None and code.startswith(profile.code + "-"):
                        profile.children.append(kt)
                    else:
                        raise DossierError(source, f"kerntaak {code} (line {el.line}) stands outside its profile")
                sec, prose = None, None
                continue
            m = _PROFILE_HEAD.match(text)
            if part == "profieldeel" and m and _profile_head(m.group("code"), m.group("title"), elems, n, outline,
                                                              profile):
                if profile and m.group("code") == profile.code:
                    page_break()
                    continue
                profile = _Node("profile", m.group("code"), m.group("title").strip(), el.line)
                body.profiles.append(profile)
                kt, wp, sec, prose = None, None, None, None
                continue
            m = _NUMBERED_PART.match(text)
            if m and _heading_like(m.group("title")):
                kt, wp, sec = None, None, None
                prose = _Prose(m.group("title").strip())
                body.prose.append(prose)
                continue
            owner = wp or kt or profile
            labels = {"wp": _WP_LABELS, "kt": _KT_LABELS, "profile": _PROFILE_LABELS}[owner.kind] if owner else {}
            name = labels.get(low.rstrip(": "))
            if owner is not None and name:
                sec = owner.sections.setdefault(name, _Sec(name, el.line))
                continue
        if sec is not None:
            sec.elems.append(el)
        elif prose is not None:
            prose.elems.append(el)
    return body
