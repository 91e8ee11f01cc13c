"""The one list of words that never say *what* a question is about.

Search ranks passages by the topic of a question, name linking matches the
words of a qualification's name, and the question model strips a message down
to its topic: all three ignore the same words, listed here once. They are
general Dutch (and a little English), plus the vocabulary every question about a
dossier uses ("werkproces", "opleiding", "welke") - never a fact of a dossier.
"""
from __future__ import annotations

import os
import re
import unicodedata

# Function words that are not part of a name or topic (names keep "en", "&": see NAME_GLUE), and the
# particles and adverbs that colour a question ("wat doet X zoal?", "volgens jou") without naming anything.
FUNCTION_WORDS = frozenset("""
de het een en of van voor bij in op met die dat deze dit wat wie waar wanneer hoe welk welke waarom
is zijn was waren wordt worden heeft hebben heb hebt moet moeten moest kan kun kunt kunnen mag mogen
doet doen doe gaat gaan ga komt komen kom staat staan zit zitten hoort horen geldt gelden valt vallen
je jij u ik we wij ze zij hij mij me mijn jouw uw er daar hier dan ook nog al wel niet geen maar
als om te tot aan naar uit over door onder tussen tegen zonder per eens even toch
qua zoals via daarbij daarvan daarin daarover erbij ervan erin erover hierbij hiervan hierin hem haar zo dus ok oke
the and of for a an in to what which who
zoal ongeveer vooral volgens misschien wellicht echt heel erg zeker nou trouwens nogmaals nu straks later
vaak soms altijd meestal ooit jou jullie zich iets gewoon zomaar hoor
""".split())

# Words of questions about dossiers themselves: never the topic, never a qualification's name.
QUESTION_WORDS = frozenset("""
werkproces werkprocessen werkprocesen wp kerntaak kerntaken kwalificatie kwalificaties opleiding opleidingen
beroep beroepen profiel profielen dossier dossiers kwalificatiedossier document niveau niveaus nivo level
crebo crebonummer crebonr nummer code resultaat gedrag omschrijving competentie competenties beroepscompetentie
beroepscompetenties complexiteit verantwoordelijkheid zelfstandigheid vakkennis kennis vaardigheden vaardigheid
student studenten mbo basisdeel profieldeel onderdeel onderdelen vraag vragen
noem geef vertel leg uitleg lijst overzicht alles allemaal alle precies eigenlijk graag ken weet
leer leert leren doen moet verschil vergelijk hoeveel aantal soort type typering
woord woorden term termen begrip begrippen deel delen aanvullend aanvullende aanvulling aanvullingen
beginnend beroepsbeoefenaar hij/zij beroepengroep taken taak bcp beroepscompetentieprofiel groep groepen ingedeeld indeling categorie categorieen
twee drie vier vijf zes zeven acht negen tien laagste hoogste laagst hoogst meeste minste
variant varianten uitstroomrichting uitstroomrichtingen uitstroomprofiel uitstroomprofielen basisberoeps middenkader
""".split())  # counts and extremes ("welke van de twee", "het laagste") are asked, never a name or topic

# Joined in names ("Marketing & Communication"): not distinctive, but part of how a name is written.
NAME_GLUE = frozenset({"en", "and", "&"})


def fold(text: str) -> str:
    """Lower case without accents: 'Financiële' -> 'financiele'."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_WORD = re.compile(r"[0-9a-z]+")


def words(text: str) -> list[str]:
    """Folded words of a text ('&' read as 'en')."""
    return _WORD.findall(fold(text.replace("&", " en ")))


def is_noise(word: str) -> bool:
    """A function word or a question word: says nothing about what is asked."""
    w = fold(word)
    return w in FUNCTION_WORDS or w in QUESTION_WORDS


# What may follow the stem two words of one family share: Dutch inflection and derivation ("plann-en",
# "plann-ing"; "manage-r", "manage-ment"; "speciali-st", "speciali-satie"), so that two words that only begin
# alike ("verdie-nen", "verdie-ping") are not one family.
_FAMILY_ENDINGS = frozenset(
    "e en n r er ers es s t d te ten de den ing ingen ment st satie atie tie ties eren ren ie ief ieve ef f ve "
    "isch ische iek ieken ig ige lijk lijke heid ator or aar ar ster sten iseren isering".split()) | {""}


def of_one_family(a: str, b: str, share: float = 0.6) -> bool:
    """Two words of one family ("plannen", "planning"; "manager", "management"): they start with the same
    five letters or more, which make up at least `share` of the shorter word, and end in what Dutch adds to
    a stem."""
    stem = os.path.commonprefix([a, b])
    if len(stem) < 5 or len(stem) < share * min(len(a), len(b)):
        return False
    rests = [a[len(stem):], b[len(stem):]]
    if all(r[:1] == stem[-1] for r in rests if r):  # a doubled consonant: "opstel-len", "opstel-ling"
        rests = [r[1:] if r else r for r in rests]
    return all(r in _FAMILY_ENDINGS for r in rests)
