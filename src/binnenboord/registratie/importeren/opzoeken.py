# SPDX-License-Identifier: EUPL-1.2
"""What the checks look up in the database, each in a few queries per batch or per file, never
one per row: municipalities and schools once per import, the stored pupils, enrolments,
exemptions and earlier rejected held writes per batch of rows (rijsoorten), and for absence the
tables of Database (tabelcontroles.Opzoeken)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import connection
from django.db.models import Model, Q

import polars as pl

from binnenboord.registratie.kalenders import schoolkalenders
from binnenboord.registratie.models import (
    Bevestiging,
    Inschrijving,
    InschrijvingTerBevestiging,
    Leerling,
    School,
    Verhuismelding,
    Verzuimcode,
    Vrijstelling,
)
from binnenboord.toegang.gemeenten import Gemeenteregister, Vondst
from binnenboord.toegang.models import Gemeente, Organisatie

from .meldingen import waarom_geen_lesdag

OPZOEK_BLOK = 10_000


# --- once per import ------------------------------------------------------------------------


class Gemeenten(Gemeenteregister):
    """All municipalities, fetched once per import: a row names one by CBS code or by name
    (also a common spelling, toegang.gemeenten.ALIASSEN); an ended one resolves to its
    successor, with a notice for the report (vind)."""

    def __init__(self) -> None:
        super().__init__(
            Gemeente.objects.values_list("pk", "code", "naam", "opgeheven_op", "opvolger_id")
        )

    def vind(self, waarde: str) -> Vondst | None:
        return super().zoek(waarde)

    def zoek(self, waarde: str) -> int | None:  # type: ignore[override]
        """The current municipality's key (None: unknown, or split by a herindeling)."""
        vondst = self.vind(waarde)
        return vondst.pk if vondst is not None else None


class Scholenlijst:
    """All schools by (BRIN, vestiging), fetched once per import."""

    def __init__(self) -> None:
        self.per_sleutel = {(s.brin, s.vestiging): s for s in School.objects.all()}


def bediende_gemeenten() -> set[int]:
    """The municipalities a Leerplicht organisation serves: their pupils are somebody's."""
    return set(
        Organisatie.objects.filter(soort=Organisatie.Soort.GEMEENTE)
        .exclude(gemeenten=None)
        .values_list("gemeenten", flat=True)
    )


# --- per batch of rows ----------------------------------------------------------------------


def scholen_met_brin(brins: Iterable[str]) -> dict[tuple[str, str], School]:
    return {(s.brin, s.vestiging): s for s in School.objects.filter(brin__in=set(brins) - {""})}


def leerlingen_met(bsns: Iterable[str], onderwijsnummers: Iterable[str]) -> list[Leerling]:
    """The stored pupils with one of these BSNs or education numbers (with their
    municipality)."""
    return list(
        Leerling.objects.filter(
            Q(bsn__in=set(bsns)) | Q(onderwijsnummer__in=set(onderwijsnummers))
        ).select_related("woongemeente")
    )


def inschrijvingen_van(leerlingen: list[Leerling]) -> list[Inschrijving]:
    return list(
        Inschrijving.objects.filter(leerling__in=leerlingen).select_related("leerling", "school")
    )


def afgewezen_inschrijvingen(leerlingen: list[Leerling]) -> list[InschrijvingTerBevestiging]:
    """Enrolments of these pupils that Leerplicht rejected before."""
    return list(
        InschrijvingTerBevestiging.objects.filter(
            leerling__in=leerlingen, status=Bevestiging.AFGEWEZEN
        )
    )


def verzuimcodes_van(school_ids: Iterable[int]) -> list[Verzuimcode]:
    return list(Verzuimcode.objects.filter(school_id__in=set(school_ids)))


def vrijstellingen_van(leerlingen: list[Leerling]) -> list[Vrijstelling]:
    return list(Vrijstelling.objects.filter(leerling__in=leerlingen).select_related("leerling"))


def afgewezen_verhuizingen(leerlingen: list[Leerling]) -> list[Verhuismelding]:
    """Reported moves of these pupils that a municipality rejected before."""
    return list(
        Verhuismelding.objects.filter(leerling__in=leerlingen, status=Bevestiging.AFGEWEZEN)
    )


# --- absence: the tables of tabelcontroles.Opzoeken, once per file --------------------------


class Database:
    """The look-ups of the absence checks, from the database, each in a few queries."""

    def leerlingen(self, bsns: list[str], onderwijsnummers: list[str]) -> pl.DataFrame:
        rijen: list[tuple[Any, ...]] = []
        for veld, waarden in (("bsn", bsns), ("onderwijsnummer", onderwijsnummers)):
            rijen += zoek(Leerling, ("pk", "bsn", "onderwijsnummer"), veld, waarden)
        return pl.DataFrame(
            rijen,
            schema={"leerling_id": pl.Int64, "bsn": pl.String, "onderwijsnummer": pl.String},
            orient="row",
        ).unique()

    def scholen(self) -> pl.DataFrame:
        return pl.DataFrame(
            list(
                School.objects.values_list(
                    "pk",
                    "brin",
                    "vestiging",
                    "regio",
                    "organisatie_id",
                    "naam",
                    "daglengte_minuten",
                    "lesuur_minuten",
                )
            ),
            schema={
                "school_id": pl.Int64,
                "brin": pl.String,
                "vestiging": pl.String,
                "regio": pl.String,
                "organisatie_id": pl.Int64,
                "schoolnaam": pl.String,
                "daglengte": pl.Int64,
                "lesuurlengte": pl.Int64,
            },
            orient="row",
        )

    def verzuimcodes(self, school_ids: list[int]) -> pl.DataFrame:
        return pl.DataFrame(
            [
                (school_id, code.lower(), soort, code)
                for school_id, code, soort in Verzuimcode.objects.filter(
                    school_id__in=school_ids
                ).values_list("school_id", "code", "soort")
            ],
            schema={
                "school_id": pl.Int64,
                "code": pl.String,
                "soort": pl.String,
                "code_school": pl.String,
            },
            orient="row",
        )

    def inschrijvingen(self, leerling_ids: list[int], school_ids: list[int]) -> pl.DataFrame:
        velden = ("leerling_id", "school_id", "begindatum", "einddatum")
        scholen = set(school_ids)
        rijen = [
            r for r in zoek(Inschrijving, velden, "leerling_id", leerling_ids) if r[1] in scholen
        ]
        return pl.DataFrame(
            rijen,
            schema={
                "leerling_id": pl.Int64,
                "school_id": pl.Int64,
                "begindatum": pl.Date,
                "einddatum": pl.Date,
            },
            orient="row",
        )

    def lesdagen(self, dagen: pl.DataFrame) -> pl.DataFrame:
        """Asks each distinct calendar once per date: schools of one region without free days
        of their own share one calendar, so a city's file takes a few hundred calls."""
        school_ids = dagen.get_column("_sid").unique().to_list()
        kalenders = schoolkalenders(School.objects.filter(pk__in=school_ids))
        soorten: dict[tuple[str, frozenset[date]], int] = {}
        per_school = {
            pk: soorten.setdefault((k.regio, k.vrije_dagen), len(soorten))
            for pk, k in kalenders.items()
        }
        voorbeeld = {nr: kalenders[pk] for pk, nr in per_school.items()}
        met_kalender = dagen.join(
            pl.DataFrame(
                {"_sid": list(per_school), "_kalender": list(per_school.values())},
                schema={"_sid": pl.Int64, "_kalender": pl.Int64},
            ),
            on="_sid",
            how="left",
        )
        paren = met_kalender.select("_kalender", "_datum").unique()
        redenen = [
            voorbeeld[k].geen_lesdag(d) if k is not None else None for k, d in paren.iter_rows()
        ]
        lesdag = pl.Series(
            "_lesdag",
            [
                k is not None and r is None
                for (k, _d), r in zip(paren.iter_rows(), redenen, strict=True)
            ],
            dtype=pl.Boolean,
        )
        # why a day is no lesdag, in words ("zaterdag is geen lesdag"), per distinct day
        waarom = pl.Series(
            "_waarom",
            [
                waarom_geen_lesdag(r, d)
                for (_k, d), r in zip(paren.iter_rows(), redenen, strict=True)
            ],
            dtype=pl.String,
        )
        return met_kalender.join(
            paren.with_columns(lesdag, waarom), on=["_kalender", "_datum"], how="left"
        ).select("_sid", "_datum", "_lesdag", "_waarom")


def zoek(model: type[Model], velden: tuple[str, ...], veld: str, waarden: list[Any]) -> list[Any]:
    """The rows of `model` whose `veld` is one of `waarden`: on PostgreSQL one query with one
    array parameter (a list of 100,000 placeholders costs more to build than to run), elsewhere
    IN lists in blocks."""
    if not waarden:
        return []
    if connection.vendor == "postgresql":
        kolommen = ", ".join(str(model._meta.pk.column) if v == "pk" else v for v in velden)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {kolommen} FROM {model._meta.db_table} WHERE {veld} = ANY(%s)",
                [list(waarden)],
            )
            return list(cursor.fetchall())
    rijen: list[Any] = []
    for i in range(0, len(waarden), OPZOEK_BLOK):
        blok = waarden[i : i + OPZOEK_BLOK]
        rijen += model._default_manager.filter(**{f"{veld}__in": blok}).values_list(*velden)
    return rijen
