"""Chat shorthand written out ("wat is t crebo vd consulent", "hoeveel wp's heeft mn profiel"), before the
classifier and the question model read a message: the same words, spelled as the dossiers and the
training data spell them. Only whole tokens are replaced, so codes ("P2-K1-W3") and names stay as typed."""
from __future__ import annotations

import re

# token -> what it stands for; "" drops a filler that says nothing ("ofzo", "enzo")
SHORTHAND = {
    "t": "het", "'t": "het", "vd": "van de", "v/d": "van de", "vh": "van het", "v/h": "van het",
    "mn": "mijn", "m'n": "mijn", "zn": "zijn", "z'n": "zijn", "ff": "even", "effe": "even",
    "wp": "werkproces", "wp's": "werkprocessen", "wps": "werkprocessen", "kt's": "kerntaken",
    "idd": "inderdaad", "aub": "alsjeblieft", "ajb": "alsjeblieft", "pls": "alsjeblieft", "plz": "alsjeblieft",
    "nie": "niet", "ni": "niet", "ofzo": "", "enzo": "", "enz": "",
}
_TOKEN = re.compile(r"(?<![\w'/-])(" + "|".join(sorted(map(re.escape, SHORTHAND), key=len, reverse=True))
                    + r")(?![\w'/-]|\.\w)", re.IGNORECASE)  # not inside "t.b.v." or a code


def written_out(text: str) -> str:
    """`text` with its chat shorthand written out, spaces folded."""
    expanded = _TOKEN.sub(lambda m: SHORTHAND[m.group(1).lower()], text)
    return " ".join(expanded.split()) if expanded != text else text
