"""Linking the qualifications a sentence names to the knowledge base, honestly.

Used by the NLU component (bot.nlu.components) and by anything that needs the same entities without
Rasa (the question-model tests): linked names become `kwalificatie` entities (the knowledge base's key);
a name that matches nothing — a partial match beside a word the name lacks, or a phrase where Dutch
questions name a qualification — becomes `kwalificatie_onbekend`, so it is answered as unknown.
"""
from __future__ import annotations

import re
from typing import Any

from knowledge.codes import find_codes
from knowledge.names import normalize
from knowledge.search import lemmatize
from knowledge.vocabulary import QUESTION_WORDS, is_noise

# "wat doet een bakker in …", "het niveau van de piloot": the words where Dutch questions name
# a qualification. A phrase there that names nothing known is an unknown qualification.
_PHRASE = r"([a-zà-ÿ][\w&'-]*(?:\s+[\w&'-]+){0,4}?)"
_NAMED_SUBJECT = re.compile(
    rf"\b(?:een|de|als)\s+{_PHRASE}\s+(?:bij|in|op|nodig|doen|doet|moet|heeft)\b"
    rf"|\b(?:van|voor|is|heeft|hebben)\s+(?:een|de)\s+{_PHRASE}\s*[?.!]*$"
    rf"|\bwil\s+(?:graag\s+|later\s+)?{_PHRASE}\s+worden\b"  # "ik wil jobcoach worden"
    rf"|(?:(?<=doet )|(?<=doen )|(?<=leert )|(?<=leer )|(?<=wordt )|(?<=als ))(?:een|de)\s+{_PHRASE}\s*[?.!]*$"  # "wat doet een X?"
    rf"|^{_PHRASE}\s+lijkt\s+me\b"  # "jobcoach lijkt me leuk"
    # "informatie over de opleiding X", "X crebo?": a name after the word for it, or before a fact asked
    rf"|\b(?:de|het|die|deze)\s+(?:opleiding|kwalificatie|studie|beroep|richting)\s+{_PHRASE}\s*[?.!]*$"
    rf"|^{_PHRASE}\s+(?:creb\w*|ni?veau|nivo|kerntaken|werkprocessen)\s*[?.!]*$"
    # "welk crebo heeft kapper?", "niveau van verpleegkundige": after the fact asked, no article needed
    rf"|\b(?:creb\w*|kwalificatienummer|ni?veau|nivo|level)\s+(?:heeft|hebben|is|zijn|van|voor|bij)\s+"
    rf"(?:een\s+|de\s+|het\s+)?{_PHRASE}\s*[?.!]*$",
    re.IGNORECASE)


def link(kb, text: str, spans: list[dict[str, Any]] = ()) -> list[dict[str, Any]]:
    """Entities for the qualifications named in `text`; `spans` are phrases an NLU model read as names."""
    titled = kb.titles_in(text)
    spans = [s for s in spans if not any(normalize(str(s.get("value") or "")) in t.title for t in titled)]
    masked = _without_titles(text, titled)
    mentions = kb.mentions(masked)
    if any(not m.negated for m in mentions):  # "de gewone, niet de allround": the one ruled out is no subject
        mentions = [m for m in mentions if not m.negated]
    # "door de sectorkamer zorg …": an organisation beside a word of a name is no qualification asked for
    mentions = [m for m in mentions if not (m.rival and _ORGANISATION.match(m.rival))]
    if any(m.rival for m in mentions):  # an unknown name's other words are no names of their own
        mentions = [m for m in mentions if m.rival or m.score >= 50]
        # nor is a partial match made of words of the unknown name ("allround marketing support assistant"
        # is neither the Allround Assistant nor the Marketing & Communication Specialist)
        rival_words = {w for m in mentions if m.rival for w in normalize(m.phrase or "").split()}
        mentions = [m for m in mentions if m.rival or m.score >= 90
                    or not (set(normalize(m.alias).split()) & rival_words) - _GLUE]
    # "een kerntaak over marketing": a word of a name after "over" is the subject asked about, unless the
    # whole name stands there
    # ("die met marketing in de naam" names it by that word)
    if not re.search(r"\bin (?:de|hun|zijn|haar) (?:naam|titel)\b|\bgenaamd\b|\bheet\b", text, re.I):
        mentions = [m for m in mentions if m.rival or m.score >= 90 or not _only_as_topic(masked, m.alias)]
    entities = [
        {"entity": "kwalificatie", "value": m.item.key, "start": 0, "end": len(text),
         "confidence_entity": round(m.score / 100, 2), "alias": m.alias}
        for m in mentions if not m.rival
    ]
    by_word = _dossier_by_word(kb, text)
    if by_word is not None and all(e["value"] != by_word.title for e in entities):
        # "het facilitaire dossier": the dossier one word of its title names. A profile of it named as well
        # ("de 1e medewerker schoonmaak in het facilitaire dossier") is the subject when its name is found
        # without that word too; a profile only that word matched is the dossier's.
        rest = _DOSSIER_WORD.sub(" ", masked)
        own = {m.item.key for m in kb.mentions(rest) if not m.rival and not m.negated}
        profiles = [e for e in entities if e["value"].startswith(by_word.title + "/")]
        kept = [e for e in profiles if e["value"] in own]
        entities = [e for e in entities if e not in profiles or e in kept]
        if not kept:
            entities.append({"entity": "kwalificatie", "value": by_word.title, "start": 0, "end": len(text),
                             "confidence_entity": 1.0, "alias": by_word.title})
    entities += _job_before_dossier(kb, text, mentions)
    # a partial match beside a word the name lacks names something else ("consulent woningbemiddeling")
    entities += [{"entity": "kwalificatie_onbekend", "value": m.phrase, "start": 0, "end": len(text),
                  "confidence_entity": 1.0} for m in mentions if m.rival]
    read = masked if masked != text else text  # the sentence the phrases below were found in
    named = bool(mentions) or by_word is not None
    if not named:
        spans = [dict(s, within=text) for s in spans] + [
            {"value": phrase, "start": start, "end": end, "within": read} for phrase, start, end in _named_subjects(read)]
    elif by_word is not None and not mentions:
        # "wat leer je als X in het facilitaire dossier?": X, where a name stands, beside the dossier named
        read = _DOSSIER_WORD.sub(" ", read)
        spans = [{"value": phrase, "start": start, "end": end, "within": read}
                 for phrase, start, end in _named_subjects(read)]
        named = False
    for span in spans:
        start = span.get("start")
        before = str(span.get("within", text))[:start] if isinstance(start, int) else ""
        if re.search(r"\b(?:over|om|met|aan|naar)\s+(?:\w+\s+)?$", before, re.I):
            continue  # "een werkproces over webcare": the subject of the question, not a qualification
        # a span of only question words ("typering van de") names nothing
        name = " ".join(w for w in str(span.get("value") or "").split() if not is_noise(w))
        if named or len(name) < 4 or any(not m.rival for m in kb.mentions(name)):
            continue
        if _ORGANISATION.match(name):
            continue  # "gevalideerd door de sectorkamer X": who made or validated it, no qualification
        if span.get("within") is read and _ASKS_WHICH.search(text) and all(kb.knows_lemma(w) for w in lemmatize(name)):
            continue  # an occupation the dossiers describe, asked "bij welke opleiding hoort dat?"
        entities.append({"entity": "kwalificatie_onbekend", "value": name, "start": span.get("start"),
                         "end": span.get("end"), "confidence_entity": span.get("confidence_entity")})
    return entities


_ORGANISATION = re.compile(r"(?:sectorkamer|stichting|ministerie|afdeling|sbb|ecabo|kenniscentrum|mbo raad)\b", re.I)
# What an occupation's name ends in: a word like this right before a dossier's name is a profile asked for
_JOB_WORD = re.compile(r"^(?:[a-z]{3,})?(?:manager|medewerker|specialist|assistent|assistant|adviseur|consulent|"
                       r"coordinator|leider|monteur|technicus|officer|planner|controller|werker|ist)$")


def _job_before_dossier(kb, text: str, mentions) -> list[dict[str, Any]]:
    """"Projectmanager Commercie": an occupation named in front of a dossier's name is a profile of it,
    one the dossier does not have when no name matched it: unknown (within that dossier)."""
    from rapidfuzz import fuzz

    said = normalize(text).split()
    found = []
    for m in mentions:
        if m.rival or m.item.profiel is not None:
            continue
        alias = normalize(m.alias).split()
        for i in range(len(said) - len(alias) + 1):
            if not all(fuzz.ratio(a, w) >= 80 for a, w in zip(alias, said[i:i + len(alias)])):
                continue
            # before the name ("Projectmanager Commercie") or right after it ("Commercie medewerker")
            beside = [j for j in (i - 1, i + len(alias)) if 0 <= j < len(said)]
            job = next((j for j in beside if _JOB_WORD.match(said[j]) and not is_noise(said[j])), None)
            if job is not None:
                words = said[job:i + len(alias)] if job < i else said[i:job + 1]
                found.append({"entity": "kwalificatie_onbekend", "value": " ".join(words),
                              "start": 0, "end": len(text), "confidence_entity": 1.0})
    return found


# "het facilitaire dossier", "in het commerciedossier", "dat business-dossier": a word before "dossier"
_DOSSIER_WORD = re.compile(r"\b([a-zà-ÿ][a-zà-ÿ]{3,}?)(?:-|\s+)?(?:kwalificatie)?dossiers?\b", re.I)


_GLUE = {"en", "and", "of"}
_TOPIC_BEFORE = re.compile(r"\b(?:over|om|met|aan|naar)\s+(?:(?:de|het|een)\s+)?$", re.I)


def _only_as_topic(text: str, alias: str) -> bool:
    """Every word of `alias` the text has stands right after a preposition that introduces a subject."""
    name_words = set(normalize(alias).split())
    said = normalize(text).split()
    found = [i for i, w in enumerate(said) if w in name_words and w not in ("en", "of")]
    return bool(found) and all(_TOPIC_BEFORE.search(" ".join(said[max(0, i - 2):i]) + " ") for i in found)


# "het basisdeel van facilitair", "P3 en P4 bij commercie?": one word ending the sentence after "van", the first
# word of a dossier's title (its short name), not of a profile's
_DOSSIER_AFTER = re.compile(r"\b(?:van|bij|in|uit|binnen)\s+(?:het\s+|de\s+)?([a-zà-ÿ]{6,})"
                            r"(?:\s+(?:qua|wat betreft|inzake|op het gebied van)\b[^?.!]*)?\s*[?.!]*\s*$", re.I)


def _dossier_by_word(kb, text: str):
    """The one dossier whose title has the word a sentence puts before "dossier", if exactly one has it; or
    whose title starts with the one word a sentence ends in after "van"."""
    from rapidfuzz import fuzz

    def like(w: str, word: str) -> bool:
        return w == word or (len(w) >= 5 and fuzz.ratio(w, word) >= 85)

    for m in _DOSSIER_WORD.finditer(text):
        word = normalize(m.group(1))
        if is_noise(word) or len(word) < 4:
            continue
        owners = [d for d in kb.dossiers() if any(like(w, word) for w in normalize(d.title).split())]
        if len(owners) == 1:
            return owners[0]
    ending = _DOSSIER_AFTER.search(text)
    if ending and not is_noise(ending.group(1)):
        word = normalize(ending.group(1))
        owners = [d for d in kb.dossiers() if len(normalize(d.title).split()) > 1 and like(normalize(d.title).split()[0], word)]
        if len(owners) == 1:
            return owners[0]
    return None


def _without_titles(text: str, titled: list) -> str:
    """The sentence (normalized) with the titles it quotes blanked out: the words of a kerntaak's or
    werkproces's title name that part, not a qualification."""
    if not titled:
        return text
    chars = list(normalize(text))
    for t in titled:
        chars[t.start:t.end] = " " * (t.end - t.start)
    return "".join(chars)


_LEVEL = re.compile(r"\b(?:op\s+)?ni?veau\s*\d\b(?!\s+(?:heeft|hebben|is|zijn|van|voor|bij)\b)", re.I)
_ASKS_WHICH = re.compile(r"\bwelk\w* (?:kwalificatie|opleiding|beroep|profiel)\w*\b", re.I)
# "de derde daarvan": a place in a list just given, not a name
_ORDINAL = re.compile(r"^(?:eerste|tweede|derde|vierde|vijfde|zesde|zevende|achtste|negende|tiende|laatste|"
                      r"volgende|vorige|andere|\d+e)[?.!]*$", re.I)


def _named_subjects(text: str) -> list[tuple]:
    """Phrases standing where a question names a qualification, minus question words and codes."""
    found = []
    text = _LEVEL.sub(" ", text)  # "X niveau 1": the level is no part of the name
    for m in _NAMED_SUBJECT.finditer(text):
        group = next(i for i in range(1, len(m.groups()) + 1) if m.group(i))
        if re.search(r"\b(?:over|om|met|aan|naar)\b", m.group(group), re.I):
            continue  # "een werkproces over webcare": a topic, not a name
        words = [w for w in m.group(group).split() if w.lower() not in QUESTION_WORDS and not _ORDINAL.match(w)]
        if words and not find_codes(" ".join(words)) and all(re.search(r"[a-zà-ÿ]", w, re.I) for w in words):
            found.append((" ".join(words), m.start(group), m.end(group)))
    return found
