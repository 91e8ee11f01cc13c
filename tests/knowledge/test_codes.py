import pytest

from knowledge.codes import find_codes


@pytest.mark.parametrize("text, expected", [
    ("Wat houdt P3-K1-W1 in?", [("werkproces", "P3-K1-W1")]),
    ("wat is b1 k1 w3", [("werkproces", "B1-K1-W3")]),
    ("en P6-K2-W?2", [("werkproces", "P6-K2-W2")]),
    ("bij werkproces W3?", [("werkproces", "W3")]),
    ("bij wp2", [("werkproces", "W2")]),
    ("werkproces 4", [("werkproces", "W4")]),
    ("werkprocessen 4", [("werkproces", "W4")]),
    ("werkprocess nummer 12", [("werkproces", "W12")]),
    ("K1-W3 van commercie", [("werkproces", "K1-W3")]),
    ("kerntaak B1-K1 van commercie", [("kerntaak", "B1-K1")]),
    ("bij kerntaak 5", [("kerntaak", "K5")]),
    ("beroepscompetentie 9", [("competentie", "9")]),
    ("competentie nr 17", [("competentie", "17")]),
    ("crebo 25727", [("crebo", "25727")]),
    ("vergelijk P1-K1-W2 en P2-K1-W3", [("werkproces", "P1-K1-W2"), ("werkproces", "P2-K1-W3")]),
    # left alone
    ("wat doet een kapper?", []),
    ("ik ben 16 jaar", []),
    ("www.example.nl", []),
    ("niveau 4", []),
])
def test_codes(text, expected):
    assert [(c.entity, c.value) for c in find_codes(text)] == expected
