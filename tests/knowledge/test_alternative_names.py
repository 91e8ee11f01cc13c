"""The other names of a job that a profile's typering lists become names of that qualification."""
import pytest

from knowledge.names import alternative_names


@pytest.mark.parametrize("typering, names", [
    ("Hij werkt op kantoor. Veel gebruikte alternatieve benamingen voor makelaar zijn taxateur, adviseur "
     "vastgoed en bemiddelaar onroerend goed. Hij is vaak onderweg.",
     ["taxateur", "adviseur vastgoed", "bemiddelaar onroerend goed"]),
    ("Andere functiebenamingen zijn: (junior) accountmanager of vertegenwoordiger.",
     ["(junior) accountmanager", "vertegenwoordiger"]),
    # "benaming" without a list of names, and a stretch too long to be a name
    ("De benaming is niet beschermd en hij werkt hard.", []),
    ("Gangbare namen zijn medewerker die de hele dag met klanten en leveranciers belt en mailt.", []),
    (None, []),
])
def test_alternative_names_are_read_from_a_typering(typering, names):
    assert alternative_names(typering) == names
