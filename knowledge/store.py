"""The database tables, and the two-way mapping between them and the domain model.

One row per dossier, profiel, kerntaak, werkproces, aanvulling, kernopgave,
beroepscompetentie and prose section; lists (gedrag, competenties, vakkennis …)
and origins are JSON columns. `passage` holds every searchable text with its
lemmas and citation, written at build time so search needs no parsing.
"""
from __future__ import annotations

from dataclasses import asdict
from typing import Any, Optional

from sqlalchemy import JSON, Boolean, Column, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Session, declarative_base, relationship, selectinload

from knowledge.model import (
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

Base = declarative_base()


class BuildInfo(Base):
    __tablename__ = "build_info"
    id = Column(Integer, primary_key=True)
    build_id = Column(String(32), nullable=False)  # unique per build: readers reload when it changes
    built_at = Column(String(40), nullable=False)
    sources = Column(JSON, nullable=False)  # [{"file", "sha256", "format"}]


class DossierRow(Base):
    __tablename__ = "dossier"
    id = Column(Integer, primary_key=True)
    position = Column(Integer, nullable=False)
    title = Column(String(200), nullable=False)
    kind = Column(String(40), nullable=False)
    source = Column(String(300), nullable=False)
    crebo = Column(String(20))
    domain = Column(String(200))
    domain_crebo = Column(String(20))
    penvoerder = Column(String(300))
    gevalideerd_door = Column(String(300))
    gevalideerd_op = Column(String(40))
    geldig_vanaf = Column(String(40))
    ontwikkeld_door = Column(String(300))
    versie = Column(String(40))
    datum = Column(String(40))
    code = Column(String(40))
    loopbaan = Column(Text)
    functiebenamingen = Column(JSON, nullable=False, default=list)
    unreadable = Column(JSON, nullable=False, default=list)
    supplied = Column(JSON, nullable=False, default=list)
    origins = Column(JSON, nullable=False, default=dict)

    profielen = relationship("ProfielRow", order_by="ProfielRow.position", cascade="all, delete-orphan")
    kerntaken = relationship(
        "KerntaakRow",
        primaryjoin="and_(KerntaakRow.dossier_id == DossierRow.id, KerntaakRow.profiel_id == None)",
        order_by="KerntaakRow.position",
        viewonly=True,
    )
    kernopgaven = relationship("KernopgaveRow", order_by="KernopgaveRow.nr", cascade="all, delete-orphan")
    competenties = relationship("CompetentieRow", order_by="CompetentieRow.nr", cascade="all, delete-orphan")
    sections = relationship("SectionRow", order_by="SectionRow.position", cascade="all, delete-orphan")


class ProfielRow(Base):
    __tablename__ = "profiel"
    id = Column(Integer, primary_key=True)
    dossier_id = Column(Integer, ForeignKey("dossier.id", ondelete="CASCADE"), nullable=False, index=True)
    position = Column(Integer, nullable=False)
    code = Column(String(10), nullable=False)
    title = Column(String(300))
    crebo = Column(String(20))
    niveau = Column(Integer)
    typering_kwalificatie = Column(String(200))
    beroepsvereisten = Column(Text)
    typering_beroep = Column(Text)
    outline_only = Column(Boolean, nullable=False, default=False)
    origins = Column(JSON, nullable=False, default=dict)

    kerntaken = relationship("KerntaakRow", order_by="KerntaakRow.position", cascade="all, delete-orphan")


class KerntaakRow(Base):
    __tablename__ = "kerntaak"
    id = Column(Integer, primary_key=True)
    dossier_id = Column(Integer, ForeignKey("dossier.id", ondelete="CASCADE"), nullable=False, index=True)
    profiel_id = Column(Integer, ForeignKey("profiel.id", ondelete="CASCADE"), index=True)  # NULL: basisdeel
    position = Column(Integer, nullable=False)
    code = Column(String(20), nullable=False)
    title = Column(Text, nullable=False)
    complexiteit = Column(Text)
    verantwoordelijkheid = Column(Text)
    vakkennis = Column(JSON, nullable=False, default=list)
    proces = Column(Text)
    betrokkenen = Column(Text)
    hulpmiddelen = Column(Text)
    kwaliteit = Column(Text)
    keuzes = Column(JSON, nullable=False, default=list)
    outline_only = Column(Boolean, nullable=False, default=False)
    origins = Column(JSON, nullable=False, default=dict)

    werkprocessen = relationship("WerkprocesRow", order_by="WerkprocesRow.position", cascade="all, delete-orphan")
    aanvullingen = relationship("AanvullingRow", order_by="AanvullingRow.position", cascade="all, delete-orphan")


class WerkprocesRow(Base):
    __tablename__ = "werkproces"
    id = Column(Integer, primary_key=True)
    kerntaak_id = Column(Integer, ForeignKey("kerntaak.id", ondelete="CASCADE"), nullable=False, index=True)
    position = Column(Integer, nullable=False)
    code = Column(String(30), nullable=False, index=True)
    title = Column(Text, nullable=False)
    omschrijving = Column(Text)
    resultaat = Column(Text)
    gedrag = Column(JSON, nullable=False, default=list)
    competenties = Column(JSON, nullable=False, default=list)
    outline_only = Column(Boolean, nullable=False, default=False)
    origins = Column(JSON, nullable=False, default=dict)

    aanvullingen = relationship("AanvullingRow", order_by="AanvullingRow.position", cascade="all, delete-orphan")


class AanvullingRow(Base):
    """A profile's addition, attached to a werkproces or to a basisdeel kerntaak."""

    __tablename__ = "aanvulling"
    id = Column(Integer, primary_key=True)
    werkproces_id = Column(Integer, ForeignKey("werkproces.id", ondelete="CASCADE"), index=True)
    kerntaak_id = Column(Integer, ForeignKey("kerntaak.id", ondelete="CASCADE"), index=True)
    position = Column(Integer, nullable=False)
    profiel = Column(String(10), nullable=False)
    omschrijving = Column(Text)
    resultaat = Column(Text)
    gedrag = Column(JSON, nullable=False, default=list)
    competenties = Column(JSON, nullable=False, default=list)
    complexiteit = Column(Text)
    verantwoordelijkheid = Column(Text)
    vakkennis = Column(JSON, nullable=False, default=list)
    nvt = Column(JSON, nullable=False, default=list)
    origins = Column(JSON, nullable=False, default=dict)


class KernopgaveRow(Base):
    __tablename__ = "kernopgave"
    id = Column(Integer, primary_key=True)
    dossier_id = Column(Integer, ForeignKey("dossier.id", ondelete="CASCADE"), nullable=False, index=True)
    nr = Column(Integer, nullable=False)
    title = Column(Text, nullable=False)
    text = Column(Text, nullable=False)
    origin = Column(JSON)


class CompetentieRow(Base):
    __tablename__ = "beroepscompetentie"
    id = Column(Integer, primary_key=True)
    dossier_id = Column(Integer, ForeignKey("dossier.id", ondelete="CASCADE"), nullable=False, index=True)
    nr = Column(Integer, nullable=False)
    group = Column("groep", String(10), nullable=False)
    title = Column(Text, nullable=False)
    text = Column(Text, nullable=False)
    succescriteria_proces = Column(JSON, nullable=False, default=list)
    succescriteria_resultaat = Column(JSON, nullable=False, default=list)
    origin = Column(JSON)


class SectionRow(Base):
    __tablename__ = "section"
    id = Column(Integer, primary_key=True)
    dossier_id = Column(Integer, ForeignKey("dossier.id", ondelete="CASCADE"), nullable=False, index=True)
    position = Column(Integer, nullable=False)
    key = Column(String(200), nullable=False)
    title = Column(Text, nullable=False)
    text = Column(Text, nullable=False)
    origin = Column(JSON)


class PassageRow(Base):
    """One searchable text with its citation: what full-text search ranks."""

    __tablename__ = "passage"
    id = Column(Integer, primary_key=True)
    dossier_id = Column(Integer, ForeignKey("dossier.id", ondelete="CASCADE"), nullable=False, index=True)
    code = Column(String(200))  # "P6-K1-W3", "K2", "competentie 17", or a section key
    profiel = Column(String(10))  # the profile an addition belongs to / a profile's own part
    field = Column(String(40), nullable=False)  # "title", "omschrijving", "gedrag", ...
    label = Column(Text, nullable=False)  # human title of what the passage is about
    text = Column(Text, nullable=False)
    lemmas = Column(Text, nullable=False)  # space-separated lemmas of label + text
    source = Column(String(300), nullable=False)
    line_start = Column(Integer)
    line_end = Column(Integer)


# ---------------------------------------------------------------- domain -> rows

def _origins(origins: dict[str, Origin]) -> dict[str, Any]:
    return {key: asdict(origin) for key, origin in origins.items()}


def _origin(origin: Optional[Origin]) -> Optional[dict[str, Any]]:
    return asdict(origin) if origin else None


def _vakkennis(items: list[Vakkennis]) -> list[dict[str, Any]]:
    return [asdict(item) for item in items]


def _aanvulling_rows(aanvullingen: dict[str, Aanvulling]) -> list[AanvullingRow]:
    return [
        AanvullingRow(
            position=i,
            profiel=a.profiel,
            omschrijving=a.omschrijving,
            resultaat=a.resultaat,
            gedrag=list(a.gedrag),
            competenties=list(a.competenties),
            complexiteit=a.complexiteit,
            verantwoordelijkheid=a.verantwoordelijkheid,
            vakkennis=_vakkennis(a.vakkennis),
            nvt=list(a.nvt),
            origins=_origins(a.origins),
        )
        for i, a in enumerate(aanvullingen.values())
    ]


def _werkproces_row(wp: Werkproces, position: int) -> WerkprocesRow:
    return WerkprocesRow(
        position=position,
        code=wp.code,
        title=wp.title,
        omschrijving=wp.omschrijving,
        resultaat=wp.resultaat,
        gedrag=list(wp.gedrag),
        competenties=list(wp.competenties),
        outline_only=wp.outline_only,
        origins=_origins(wp.origins),
        aanvullingen=_aanvulling_rows(wp.aanvullingen),
    )


def _kerntaak_row(kt: Kerntaak, position: int, dossier: DossierRow) -> KerntaakRow:
    return KerntaakRow(
        dossier_id=dossier.id,
        position=position,
        code=kt.code,
        title=kt.title,
        complexiteit=kt.complexiteit,
        verantwoordelijkheid=kt.verantwoordelijkheid,
        vakkennis=_vakkennis(kt.vakkennis),
        proces=kt.proces,
        betrokkenen=kt.betrokkenen,
        hulpmiddelen=kt.hulpmiddelen,
        kwaliteit=kt.kwaliteit,
        keuzes=[asdict(d) for d in kt.keuzes],
        outline_only=kt.outline_only,
        origins=_origins(kt.origins),
        werkprocessen=[_werkproces_row(wp, i) for i, wp in enumerate(kt.werkprocessen)],
        aanvullingen=_aanvulling_rows(kt.aanvullingen),
    )


def save_dossier(session: Session, dossier: Dossier, position: int) -> DossierRow:
    """Write one dossier with everything below it; returns its row (flushed, so it has an id)."""
    row = DossierRow(
        position=position,
        title=dossier.title,
        kind=dossier.kind,
        source=dossier.source,
        crebo=dossier.crebo,
        domain=dossier.domain,
        domain_crebo=dossier.domain_crebo,
        penvoerder=dossier.penvoerder,
        gevalideerd_door=dossier.gevalideerd_door,
        gevalideerd_op=dossier.gevalideerd_op,
        geldig_vanaf=dossier.geldig_vanaf,
        ontwikkeld_door=dossier.ontwikkeld_door,
        versie=dossier.versie,
        datum=dossier.datum,
        code=dossier.code,
        loopbaan=dossier.loopbaan,
        functiebenamingen=list(dossier.functiebenamingen),
        unreadable=list(dossier.unreadable),
        supplied=sorted(dossier.supplied),
        origins=_origins(dossier.origins),
        kernopgaven=[
            KernopgaveRow(nr=k.nr, title=k.title, text=k.text, origin=_origin(k.origin)) for k in dossier.kernopgaven
        ],
        competenties=[
            CompetentieRow(
                nr=c.nr,
                group=c.group,
                title=c.title,
                text=c.text,
                succescriteria_proces=list(c.succescriteria_proces),
                succescriteria_resultaat=list(c.succescriteria_resultaat),
                origin=_origin(c.origin),
            )
            for c in dossier.beroepscompetenties
        ],
        sections=[
            SectionRow(position=i, key=s.key, title=s.title, text=s.text, origin=_origin(s.origin))
            for i, s in enumerate(dossier.sections)
        ],
    )
    session.add(row)
    session.flush()
    for i, kt in enumerate(dossier.kerntaken):
        session.add(_kerntaak_row(kt, i, row))
    for i, profiel in enumerate(dossier.profielen):
        prow = ProfielRow(
            position=i,
            code=profiel.code,
            title=profiel.title,
            crebo=profiel.crebo,
            niveau=profiel.niveau,
            typering_kwalificatie=profiel.typering_kwalificatie,
            beroepsvereisten=profiel.beroepsvereisten,
            typering_beroep=profiel.typering_beroep,
            outline_only=profiel.outline_only,
            origins=_origins(profiel.origins),
            kerntaken=[_kerntaak_row(kt, j, row) for j, kt in enumerate(profiel.kerntaken)],
        )
        row.profielen.append(prow)
    session.flush()
    return row


# ---------------------------------------------------------------- rows -> domain

def _to_origins(data: dict[str, Any] | None) -> dict[str, Origin]:
    return {key: Origin(**value) for key, value in (data or {}).items()}


def _to_origin(data: dict[str, Any] | None) -> Optional[Origin]:
    return Origin(**data) if data else None


def _to_vakkennis(data: list[dict[str, Any]]) -> list[Vakkennis]:
    return [Vakkennis(**item) for item in data or []]


def _to_aanvullingen(rows: list[AanvullingRow]) -> dict[str, Aanvulling]:
    return {
        r.profiel: Aanvulling(
            profiel=r.profiel,
            omschrijving=r.omschrijving,
            resultaat=r.resultaat,
            gedrag=list(r.gedrag or []),
            competenties=list(r.competenties or []),
            complexiteit=r.complexiteit,
            verantwoordelijkheid=r.verantwoordelijkheid,
            vakkennis=_to_vakkennis(r.vakkennis),
            nvt=list(r.nvt or []),
            origins=_to_origins(r.origins),
        )
        for r in rows
    }


def _to_kerntaak(row: KerntaakRow) -> Kerntaak:
    return Kerntaak(
        code=row.code,
        title=row.title,
        complexiteit=row.complexiteit,
        verantwoordelijkheid=row.verantwoordelijkheid,
        vakkennis=_to_vakkennis(row.vakkennis),
        werkprocessen=[
            Werkproces(
                code=w.code,
                title=w.title,
                omschrijving=w.omschrijving,
                resultaat=w.resultaat,
                gedrag=list(w.gedrag or []),
                competenties=list(w.competenties or []),
                aanvullingen=_to_aanvullingen(w.aanvullingen),
                outline_only=w.outline_only,
                origins=_to_origins(w.origins),
            )
            for w in row.werkprocessen
        ],
        aanvullingen=_to_aanvullingen(row.aanvullingen),
        proces=row.proces,
        betrokkenen=row.betrokkenen,
        hulpmiddelen=row.hulpmiddelen,
        kwaliteit=row.kwaliteit,
        keuzes=[Dilemma(**d) for d in row.keuzes or []],
        outline_only=row.outline_only,
        origins=_to_origins(row.origins),
    )


def load_dossiers(session: Session) -> list[Dossier]:
    """Every dossier in the database, in build order, as domain objects."""
    kerntaak_loads = (
        selectinload(KerntaakRow.werkprocessen).selectinload(WerkprocesRow.aanvullingen),
        selectinload(KerntaakRow.aanvullingen),
    )
    rows = (
        session.query(DossierRow)
        .options(
            selectinload(DossierRow.kerntaken).options(*kerntaak_loads),
            selectinload(DossierRow.profielen).selectinload(ProfielRow.kerntaken).options(*kerntaak_loads),
            selectinload(DossierRow.kernopgaven),
            selectinload(DossierRow.competenties),
            selectinload(DossierRow.sections),
        )
        .order_by(DossierRow.position)
        .all()
    )
    return [
        Dossier(
            title=r.title,
            kind=r.kind,
            source=r.source,
            crebo=r.crebo,
            domain=r.domain,
            domain_crebo=r.domain_crebo,
            penvoerder=r.penvoerder,
            gevalideerd_door=r.gevalideerd_door,
            gevalideerd_op=r.gevalideerd_op,
            geldig_vanaf=r.geldig_vanaf,
            ontwikkeld_door=r.ontwikkeld_door,
            versie=r.versie,
            datum=r.datum,
            code=r.code,
            kerntaken=[_to_kerntaak(k) for k in r.kerntaken],
            profielen=[
                Profiel(
                    code=p.code,
                    title=p.title,
                    crebo=p.crebo,
                    niveau=p.niveau,
                    typering_kwalificatie=p.typering_kwalificatie,
                    beroepsvereisten=p.beroepsvereisten,
                    typering_beroep=p.typering_beroep,
                    kerntaken=[_to_kerntaak(k) for k in p.kerntaken],
                    outline_only=p.outline_only,
                    origins=_to_origins(p.origins),
                )
                for p in r.profielen
            ],
            kernopgaven=[Kernopgave(nr=k.nr, title=k.title, text=k.text, origin=_to_origin(k.origin)) for k in r.kernopgaven],
            beroepscompetenties=[
                Beroepscompetentie(
                    nr=c.nr,
                    group=c.group,
                    title=c.title,
                    text=c.text,
                    succescriteria_proces=list(c.succescriteria_proces or []),
                    succescriteria_resultaat=list(c.succescriteria_resultaat or []),
                    origin=_to_origin(c.origin),
                )
                for c in r.competenties
            ],
            functiebenamingen=list(r.functiebenamingen or []),
            loopbaan=r.loopbaan,
            sections=[Section(key=s.key, title=s.title, text=s.text, origin=_to_origin(s.origin)) for s in r.sections],
            unreadable=list(r.unreadable or []),
            supplied=set(r.supplied or []),
            origins=_to_origins(r.origins),
        )
        for r in rows
    ]
