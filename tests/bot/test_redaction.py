"""Personal data out, everything else left as typed (bot.privacy.redaction): one table of cases.

Each case is a message and what Rasa must get instead. Numbers that merely look like personal data
(crebo numbers, codes, levels, years, dossier dates, a 9-digit number failing the eleven-test, an IBAN
with a wrong checksum) are in the same table and must come out unchanged.
"""
import pytest

from bot.privacy.redaction import PLACEHOLDERS, redact

CASES = [
    # e-mail addresses
    ("mail me op jan.jansen@student.school.nl aub", "mail me op [e-mailadres] aub", ["email"]),
    ("Mijn mail is a_b+c@example.com, welk niveau heeft W3?", "Mijn mail is [e-mailadres], welk niveau heeft W3?",
     ["email"]),
    # Dutch phone numbers, as people write them
    ("bel me op 06-12345678", "bel me op [telefoonnummer]", ["phone"]),
    ("mijn nummer: +31 6 12345678.", "mijn nummer: [telefoonnummer].", ["phone"]),
    ("vast: 020 123 4567 of 0031 20 1234567", "vast: [telefoonnummer] of [telefoonnummer]", ["phone", "phone"]),
    ("(010) 4123456 is de school", "[telefoonnummer] is de school", ["phone"]),
    # BSN (eleven-test)
    ("mijn bsn is 111222333", "mijn bsn is [BSN]", ["bsn"]),
    ("BSN 1234.56.782 klopt dat?", "BSN [BSN] klopt dat?", ["bsn"]),
    # IBAN (checksum)
    ("rekening NL91ABNA0417164300", "rekening [IBAN]", ["iban"]),
    ("iban: NL91 ABNA 0417 1643 00 graag", "iban: [IBAN] graag", ["iban"]),
    ("DE89 3704 0044 0532 0130 00", "[IBAN]", ["iban"]),
    # postcode with house number, in either order
    ("ik woon op 1234 AB 12", "ik woon op [postcode en huisnummer]", ["postcode"]),
    ("Kerkstraat 5, 3511LK Utrecht", "Kerkstraat [postcode en huisnummer] Utrecht", ["postcode"]),
    ("postcode 1234ab huisnummer 7a", "[postcode en huisnummer]", ["postcode"]),
    ("postcode: 9711 CV", "[postcode en huisnummer]", ["postcode"]),
    # dates of birth: month names in birth context, any full numeric date
    ("ik ben geboren op 3 maart 2008, kan ik niveau 4 doen?", "ik ben geboren op [geboortedatum], kan ik niveau 4 doen?",
     ["birth_date"]),
    ("geboortedatum: 12-10-2007", "geboortedatum: [geboortedatum]", ["birth_date"]),
    ("ik ben van 03/05/2008", "ik ben van [datum]", ["date"]),
    ("jarig op 14 feb", "jarig op [geboortedatum]", ["birth_date"]),
    ("datum 2008-05-03", "datum [datum]", ["date"]),
    # several kinds in one message, the question around them intact
    ("Ik ben Sam (sam@x.nl, 0612345678), welk crebonummer heeft de Marketing & Communication Specialist?",
     "Ik ben Sam ([e-mailadres], [telefoonnummer]), welk crebonummer heeft de Marketing & Communication Specialist?",
     ["email", "phone"]),
]

LOOKALIKES = [
    "Welk niveau heeft crebo 25724?",
    "wat is P2-K1-W3 bij business services?",
    "Is het niveau 4?",
    "Het profiel uit 2004",
    "in 2019 en 2020 veranderde het dossier",
    "geldig vanaf 1 augustus 2020?",
    "wat staat er in het dossier van 1 augustus 2020",
    "klopt 123456789 als referentie",          # 9 digits failing the eleven-test
    "code 123456789012",                       # 12 digits: no BSN, no phone as written
    "NL91ABNA0417164301",                      # an IBAN with a wrong checksum
    "31-02-2008 bestaat niet",                 # no calendar date
    "B1-K1-W3 en P6-K1-W3",
    "kerntaak 1, werkproces 3 en 25727",
    "25727 en 25728 zijn crebonummers",
    "1234 en 5678",
    "hoeveel uur per week? 40",
    "/kies_kwalificatie{\"kwalificatie\": \"Office & Management Support Specialist\"}",
]


@pytest.mark.parametrize("message, expected, kinds", CASES)
def test_personal_data_is_replaced_by_its_placeholder(message, expected, kinds):
    assert redact(message) == (expected, kinds)


@pytest.mark.parametrize("message", LOOKALIKES)
def test_lookalikes_stay_as_typed(message):
    assert redact(message) == (message, [])


def test_a_dotted_full_date_counts_as_a_date():
    assert redact("versie 1.2.2016") == ("versie [datum]", ["date"])


def test_every_placeholder_is_dutch_and_bracketed():
    assert set(PLACEHOLDERS.values()) == {"[e-mailadres]", "[IBAN]", "[BSN]", "[telefoonnummer]",
                                          "[postcode en huisnummer]", "[geboortedatum]", "[datum]"}


@pytest.mark.parametrize("empty", [None, ""])
def test_nothing_to_redact(empty):
    assert redact(empty) == (empty, [])
