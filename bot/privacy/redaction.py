"""Personal data typed by a user, replaced by a Dutch placeholder before anything stores or logs it.

The channel guard (bot.channels.guard) calls `redact` on every message before Rasa sees it, so the
tracker store, Rasa's logs, the action server and the slot `vraag` only ever get the placeholder;
the question around it is still answered ("mijn mail is [e-mailadres], welk niveau heeft …?").

What is recognised, each by a check that rejects lookalikes:

| kind | recognised by | placeholder |
|---|---|---|
| e-mail address | name@domain.tld | [e-mailadres] |
| IBAN | python-stdnum's `iban` (country format and mod-97 checksum) | [IBAN] |
| BSN | 9 digits (also 123.456.782) passing python-stdnum's `nl.bsn` eleven-test | [BSN] |
| phone number | `phonenumbers` (valid for NL or the +country it names), written with 0, 00 or + | [telefoonnummer] |
| postcode with house number | 1234 AB next to a house number, in either order | [postcode en huisnummer] |
| date of birth | a date with a month name after "geboren", "geboortedatum", "jarig"… | [geboortedatum] |
| any full numeric date | 3-5-2008, 03/05/2008, 3.5.2008, 2008-05-03 (a real calendar date) | [datum] |

Dates, decided: a date with a month name ("1 augustus 2020") is how dossiers are dated and how users
ask about them, so it stays unless birth words stand before it. A full numeric date is what forms and
people write a birth date as; kwalibot never reads a date from a question (the dossier dates it
answers come from the knowledge base), so redacting every numeric full date loses no answer and
catches the birth date typed without context ("ik ben van 03-05-2008"). Years ("2004"), crebo numbers
(25724), codes (P2-K1-W3), "niveau 4" and a 9-digit number failing the eleven-test stay as typed.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Callable, Iterator, List, Optional, Tuple

import phonenumbers
from stdnum import iban
from stdnum.nl import bsn

PLACEHOLDERS = {
    "email": "[e-mailadres]",
    "iban": "[IBAN]",
    "bsn": "[BSN]",
    "phone": "[telefoonnummer]",
    "postcode": "[postcode en huisnummer]",
    "birth_date": "[geboortedatum]",
    "date": "[datum]",
}

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")
_IBAN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,3})?(?![A-Za-z0-9])")
_NINE_DIGITS = re.compile(r"(?<![\d.-])(?:\d{9}|\d{4}[ .]\d{2}[ .]\d{3}|\d{3}[ .]\d{3}[ .]\d{3})(?![\d-]|\.\d)")
# A postcode's letters: upper case (1234 AB, 1234AB) or, typed lower case, written against the digits
# (1234ab): "in 2019 en 2020" must not read as postcode "2019 en" with house number 2020.
_POSTCODE = r"[1-9]\d{3}(?: ?[A-Z]{2}|[a-z]{2})(?![A-Za-z])"
_HOUSE_NUMBER = r"\d{1,5}(?: ?[a-zA-Z](?![a-zA-Z])|-\d{1,4})?"
_NUMBER_WORD = r"(?i:huisnummer|huisnr\.?|nummer|nr\.?)"
_POSTCODE_WITH_NUMBER = re.compile(
    rf"(?<![\w-])(?:{_POSTCODE},?\s+(?:{_NUMBER_WORD}\s*)?{_HOUSE_NUMBER}"
    rf"|{_HOUSE_NUMBER},?\s+(?:(?i:postcode)\s+)?{_POSTCODE}"
    rf"|(?i:postcode):?\s+{_POSTCODE}(?:,?\s+(?:{_NUMBER_WORD}\s*)?{_HOUSE_NUMBER})?)(?![\w-])")
_NUMERIC_DATE = re.compile(r"(?<![\w./-])(?:(?P<d>\d{1,2})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})"
                           r"|(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2}))(?![\w/-]|\.\d)")
_MONTHS = ("januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
           "|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec")
_BIRTH_DATE = re.compile(
    r"(?P<context>\b(?:geboren|geb\.|geboortedatum|geboortedag|verjaardag|jarig)\b[^.?!\d]{0,30}?)"
    rf"(?P<date>\d{{1,2}}\s+(?:{_MONTHS})\.?(?:\s+\d{{4}})?)(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class Found:
    kind: str
    start: int
    end: int


def _emails(text: str) -> Iterator[Found]:
    for m in _EMAIL.finditer(text):
        yield Found("email", m.start(), m.end())


def _ibans(text: str) -> Iterator[Found]:
    for m in _IBAN.finditer(text):
        if iban.is_valid(m.group()):
            yield Found("iban", m.start(), m.end())


def _bsns(text: str) -> Iterator[Found]:
    for m in _NINE_DIGITS.finditer(text):
        if bsn.is_valid(re.sub(r"[ .]", "", m.group())):
            yield Found("bsn", m.start(), m.end())


def _phones(text: str) -> Iterator[Found]:
    # Only numbers written as people write phone numbers (0…, 00…, +…): a bare run of digits such as a
    # 9-digit reference is also a "valid" Dutch national number to libphonenumber.
    if sum(ch.isdigit() for ch in text) < 9:  # no phone number has fewer (0 + 9 digits in NL); spares the matcher
        return
    for match in phonenumbers.PhoneNumberMatcher(text, "NL", leniency=phonenumbers.Leniency.VALID):
        if match.raw_string.lstrip("(").startswith(("0", "+")):
            yield Found("phone", match.start, match.end)


def _postcodes(text: str) -> Iterator[Found]:
    for m in _POSTCODE_WITH_NUMBER.finditer(text):
        yield Found("postcode", m.start(), m.end())


def _birth_dates(text: str) -> Iterator[Found]:
    for m in _BIRTH_DATE.finditer(text):
        yield Found("birth_date", m.start("date"), m.end("date"))


def _numeric_dates(text: str) -> Iterator[Found]:
    for m in _NUMERIC_DATE.finditer(text):
        day, month, year = (m.group("d"), m.group("m"), m.group("y")) if m.group("y") else \
            (m.group("id"), m.group("im"), m.group("iy"))
        try:
            dt.date(int(year), int(month), int(day))
        except ValueError:
            continue  # 31-02-2008, 12-13-2020: no date, leave it
        kind = "birth_date" if _BIRTH_DATE_BEFORE.search(text[max(0, m.start() - 40):m.start()]) else "date"
        yield Found(kind, m.start(), m.end())


_BIRTH_DATE_BEFORE = re.compile(r"\b(?:geboren|geb\.|geboortedatum|geboortedag|verjaardag|jarig)\b[^.?!\d]{0,30}$",
                                re.IGNORECASE)

# Most specific first: where two finders claim overlapping text, the earlier one wins (an IBAN's
# digits are no phone number, a BSN is no phone number).
FINDERS: Tuple[Callable[[str], Iterator[Found]], ...] = (
    _emails, _ibans, _bsns, _postcodes, _birth_dates, _numeric_dates, _phones)


def find(text: str) -> List[Found]:
    """The personal data in `text`, without overlaps, in text order."""
    taken: List[Found] = []
    for finder in FINDERS:
        for found in finder(text):
            if all(found.end <= t.start or found.start >= t.end for t in taken):
                taken.append(found)
    return sorted(taken, key=lambda f: f.start)


def redact(text: Optional[str]) -> Tuple[Optional[str], List[str]]:
    """`text` with every personal datum replaced by its placeholder, and the kinds replaced (in order)."""
    if not text:
        return text, []
    found = find(text)
    if not found:
        return text, []
    out, at = [], 0
    for f in found:
        out.append(text[at:f.start])
        out.append(PLACEHOLDERS[f.kind])
        at = f.end
    out.append(text[at:])
    return "".join(out), [f.kind for f in found]
