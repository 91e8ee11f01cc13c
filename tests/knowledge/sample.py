"""A small, made-up kwalificatiedossier and beroepscompetentieprofiel for storage and query tests.

Deliberately not the real dossiers: these tests check the machinery, the parser
tests check the sources.
"""
from __future__ import annotations

from knowledge.model import (
    BEROEPSCOMPETENTIEPROFIEL,
    KWALIFICATIEDOSSIER,
    Aanvulling,
    Beroepscompetentie,
    Dilemma,
    Dossier,
    Kernopgave,
    Kerntaak,
    Origin,
    Profiel,
    Section,
    Vakkennis,
    Werkproces,
)

SRC = "bakkerij-99999.txt"


def o(line: int, section: str) -> Origin:
    return Origin(SRC, line, line + 1, section)


def bakkerij() -> Dossier:
    basis_w1 = Werkproces(
        code="B1-K1-W1",
        title="Bereidt deeg voor",
        omschrijving="De beginnend beroepsbeoefenaar weegt grondstoffen af en kneedt deeg.",
        resultaat="Het deeg is klaar voor verwerking.",
        gedrag=["werkt hygiënisch;", "weegt nauwkeurig af."],
        competenties=["Vakdeskundigheid toepassen", "Kwaliteit leveren"],
        aanvullingen={
            "P2": Aanvulling(profiel="P2", omschrijving="Daarnaast berekent hij het budget voor grondstoffen.",
                             resultaat="Het budget is bewaakt.", gedrag=["rekent nauwkeurig."],
                             competenties=["Analyseren"], origins={"omschrijving": o(40, "B1-K1-W1 omschrijving P2")}),
        },
        origins={"title": o(30, "B1-K1-W1"), "omschrijving": o(31, "B1-K1-W1 omschrijving")},
    )
    basis_w2 = Werkproces(code="B1-K1-W2", title="Bakt brood", omschrijving="Hij bakt brood in de oven.",
                          resultaat="Het brood is gebakken.", origins={"title": o(50, "B1-K1-W2")})
    basis = Kerntaak(
        code="B1-K1", title="Maakt bakkerijproducten",
        complexiteit="Routinematig werk.", verantwoordelijkheid="Werkt onder toezicht.",
        vakkennis=[Vakkennis("kan deeg kneden"), Vakkennis("kent allergenen", groep="Voedselveiligheid")],
        werkprocessen=[basis_w1, basis_w2],
        aanvullingen={"P1": Aanvulling(profiel="P1", nvt=["complexiteit"]),
                      "P2": Aanvulling(profiel="P2", complexiteit="Hij lost problemen zelf op.")},
        origins={"title": o(20, "B1-K1")},
    )
    p1 = Profiel(code="P1", title="Bakker", crebo="11111", niveau=2, typering_kwalificatie="basisberoepsopleiding",
                 beroepsvereisten="Nee", kerntaken=[Kerntaak(
                     code="P1-K1", title="Verkoopt brood", werkprocessen=[
                         Werkproces(code="P1-K1-W1", title="Helpt klanten in de winkel",
                                    omschrijving="Hij helpt klanten aan de toonbank.")])],
                 origins={"niveau": o(10, "P1 mbo-niveau")})
    p2 = Profiel(code="P2", title="Allround Bakker", crebo=None, niveau=3, kerntaken=[Kerntaak(
        code="P2-K1", title="Leidt de bakkerij", werkprocessen=[
            Werkproces(code="P2-K1-W1", title="Plant de productie", omschrijving="Hij maakt een productieplanning."),
            Werkproces(code="P2-K1-W2", title="Beheert de voorraad", omschrijving="Hij bestelt meel en gist.")])])
    return Dossier(
        title="Bakkerij", kind=KWALIFICATIEDOSSIER, source=SRC, crebo="99999", domain="Voedsel",
        penvoerder="Sectorkamer voedsel", kerntaken=[basis], profielen=[p1, p2],
        sections=[Section("generiek/engels", "Engels (alleen voor niveau 4)", "Engels geldt voor niveau 4.")],
        origins={"crebo": o(3, "kop")},
    )


def profiel_2004() -> Dossier:
    return Dossier(
        title="Assistent bakker", kind=BEROEPSCOMPETENTIEPROFIEL, source="bcp-bakker.txt", code="XY 001",
        ontwikkeld_door="Kenniscentrum Brood",
        kerntaken=[Kerntaak(code="K1", title="Bakt brood", proces="Hij bakt.", keuzes=[Dilemma("Snel versus goed", "Hij kiest.")])],
        kernopgaven=[Kernopgave(1, "Simultaan werken", "Hij doet veel tegelijk.")],
        beroepscompetenties=[
            Beroepscompetentie(1, "VM", "Bakken van brood", "Hij is in staat brood te bakken.",
                               ["Verwarmt de oven voor"], ["Brood is gaar"]),
            Beroepscompetentie(2, "SC", "Voeren van telefoongesprekken", "Hij is in staat te bellen.",
                               ["Belt volgens de huisregels"], ["Klant is geholpen"]),
        ],
        functiebenamingen=["Assistent bakker", "Hulpbakker"],
        unreadable=["matrix onleesbaar"],
    )
