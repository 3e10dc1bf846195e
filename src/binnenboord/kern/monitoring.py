# SPDX-License-Identifier: EUPL-1.2
"""The definitions behind the monitoring figures (docs/domein.md, "thuiszitter", "verborgen
thuiszitter", "doorlooptijd"), as pure functions over polars frames: who is a thuiszitter on a
peildatum and in which category, for how long, the flow in and out over a period, and whether a
deadline was met. Pure: no Django, no database, no I/O.

An episode is a stored signal (one row per pupil, kind and start): `begindatum` the first day of
the situation, `datum` the day the rule was met (from then on the pupil counts), `einddatum` the
first day it no longer held (null: still holds). A pupil is a thuiszitter on day d when an
episode of a thuiszitter kind has datum <= d < einddatum."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Final, Literal

import polars as pl

from .kalender import AMSTERDAM
from .signalen import (
    ABSOLUUT_VERZUIM,
    LANGDURIG_GEOORLOOFD_VERZUIM,
    LANGDURIG_RELATIEF_VERZUIM,
    THUISZITTER_3_MAANDEN,
)
from .termijnen import maanden_na

Categorie = Literal["absoluut_verzuim", "langdurig_relatief_verzuim", "verborgen"]

# Signal kind -> category. The national count (since 3 February 2016) is absoluut verzuim plus
# langdurig relatief verzuim; "verborgen" (at home for more than 4 weeks with a valid reason,
# e.g. sick) is counted beside it, as Amsterdam does, never in the national total.
CATEGORIE: Final[dict[str, Categorie]] = {
    ABSOLUUT_VERZUIM: "absoluut_verzuim",
    LANGDURIG_RELATIEF_VERZUIM: "langdurig_relatief_verzuim",
    THUISZITTER_3_MAANDEN: "langdurig_relatief_verzuim",
    LANGDURIG_GEOORLOOFD_VERZUIM: "verborgen",
}
# A pupil in more than one category on a day counts once, in the first of this order.
VOLGORDE: Final[tuple[Categorie, ...]] = (
    "absoluut_verzuim",
    "langdurig_relatief_verzuim",
    "verborgen",
)
LANDELIJK: Final[frozenset[Categorie]] = frozenset(
    {"absoluut_verzuim", "langdurig_relatief_verzuim"}
)

Duurklasse = Literal["korter_dan_4_weken", "4_weken_tot_3_maanden", "langer_dan_3_maanden"]
DUURKLASSEN: Final[tuple[Duurklasse, ...]] = (
    "korter_dan_4_weken",
    "4_weken_tot_3_maanden",
    "langer_dan_3_maanden",
)
LEEFTIJDSKLASSEN: Final[tuple[str, ...]] = ("jonger_dan_5", "5-11", "12-15", "16-17", "18_en_ouder")

EPISODE_SCHEMA: Final = {
    "leerling_id": pl.Int64,
    "soort": pl.String,
    "begindatum": pl.Date,
    "datum": pl.Date,
    "einddatum": pl.Date,
    "school_id": pl.Int64,
}


def duurklasse(begin: date, dag: date) -> Duurklasse:
    """How long a pupil has been at home on `dag`, counted from the first day of the episode:
    shorter than 4 weeks (under 28 days), 4 weeks up to and including 3 calendar months, or
    longer than 3 months (after the day 3 months on, as kern.termijnen counts months)."""
    if (dag - begin).days < 28:
        return "korter_dan_4_weken"
    if dag <= maanden_na(begin, 3):
        return "4_weken_tot_3_maanden"
    return "langer_dan_3_maanden"


def leeftijd(geboortedatum: date, dag: date) -> int:
    return (
        dag.year
        - geboortedatum.year
        - ((dag.month, dag.day) < (geboortedatum.month, geboortedatum.day))
    )


def leeftijdsklasse(geboortedatum: date, dag: date) -> str:
    jaren = leeftijd(geboortedatum, dag)
    if jaren < 5:
        return "jonger_dan_5"
    if jaren <= 11:
        return "5-11"
    if jaren <= 15:
        return "12-15"
    if jaren <= 17:
        return "16-17"
    return "18_en_ouder"


def _met_categorie(episodes: pl.DataFrame) -> pl.DataFrame:
    return episodes.filter(pl.col("soort").is_in(list(CATEGORIE))).with_columns(
        pl.col("soort").replace_strict(CATEGORIE, return_dtype=pl.String).alias("categorie"),
        pl.col("soort")
        .replace_strict({s: VOLGORDE.index(c) for s, c in CATEGORIE.items()}, return_dtype=pl.Int8)
        .alias("rang"),
    )


def thuiszitters_op(episodes: pl.DataFrame, dag: date) -> pl.DataFrame:
    """The pupils at home on `dag`, one row each: leerling_id, categorie (the first in VOLGORDE
    that holds), begin (the earliest first day of the active episodes of that category), school_id
    (of that episode; null when not enrolled) and duurklasse."""
    actief = _met_categorie(episodes).filter(
        (pl.col("datum") <= dag) & (pl.col("einddatum").is_null() | (pl.col("einddatum") > dag))
    )
    if actief.is_empty():
        return pl.DataFrame(
            schema={
                "leerling_id": pl.Int64,
                "categorie": pl.String,
                "begin": pl.Date,
                "school_id": pl.Int64,
                "duurklasse": pl.String,
            }
        )
    gekozen = (
        actief.sort(["leerling_id", "rang", "begindatum"])
        .group_by("leerling_id", maintain_order=True)
        .first()
        .select("leerling_id", "categorie", pl.col("begindatum").alias("begin"), "school_id")
    )
    return gekozen.with_columns(
        pl.col("begin")
        .map_elements(lambda b: duurklasse(b, dag), return_dtype=pl.String)
        .alias("duurklasse")
    )


def thuisperiodes(episodes: pl.DataFrame) -> pl.DataFrame:
    """Per pupil the periods in which he counted as a thuiszitter in the national sense
    (absoluut or langdurig relatief verzuim): the episodes' [datum, einddatum) merged where they
    overlap or touch. Columns leerling_id, van, tot (exclusive; null: still at home)."""
    rijen = (
        _met_categorie(episodes)
        .filter(pl.col("categorie").is_in(list(LANDELIJK)))
        .sort(["leerling_id", "datum"])
        .select("leerling_id", "datum", "einddatum")
        .iter_rows()
    )
    uit: list[tuple[int, date, date | None]] = []
    for leerling_id, van, tot in rijen:
        if uit and uit[-1][0] == leerling_id:
            vorige_id, vorige_van, vorige_tot = uit[-1]
            if vorige_tot is None or van <= vorige_tot:
                nieuw_tot = None if vorige_tot is None or tot is None else max(vorige_tot, tot)
                uit[-1] = (vorige_id, vorige_van, nieuw_tot)
                continue
        uit.append((leerling_id, van, tot))
    return pl.DataFrame(
        uit, schema={"leerling_id": pl.Int64, "van": pl.Date, "tot": pl.Date}, orient="row"
    )


@dataclass(frozen=True)
class Stroom:
    """In and out over a period [van, tot]: at home the day before it began, periods begun in
    it, periods ended in it, at home on its last day; begin + nieuw - beeindigd = eind. Each is
    the set of pupils (a pupil who began twice in the period is in `nieuw` once but counts in
    `nieuw_aantal` twice)."""

    begin: frozenset[int]
    nieuw: frozenset[int]
    nieuw_aantal: int
    beeindigd: frozenset[int]
    beeindigd_aantal: int
    eind: frozenset[int]


def stroom(periodes: pl.DataFrame, van: date, tot: date) -> Stroom:
    voor = van - timedelta(days=1)

    def actief(dag: date) -> pl.Expr:
        return (pl.col("van") <= dag) & (pl.col("tot").is_null() | (pl.col("tot") > dag))

    nieuw = periodes.filter(pl.col("van").is_between(van, tot))
    beeindigd = periodes.filter(pl.col("tot").is_between(van, tot))
    return Stroom(
        begin=frozenset(periodes.filter(actief(voor))["leerling_id"].to_list()),
        nieuw=frozenset(nieuw["leerling_id"].to_list()),
        nieuw_aantal=nieuw.height,
        beeindigd=frozenset(beeindigd["leerling_id"].to_list()),
        beeindigd_aantal=beeindigd.height,
        eind=frozenset(periodes.filter(actief(tot))["leerling_id"].to_list()),
    )


def ooit_thuis(periodes: pl.DataFrame, van: date, tot: date) -> frozenset[int]:
    """The pupils at home (national sense) on at least one day of [van, tot]: the yearly count
    a baseline such as "24 long-term absentees last year" is compared with."""
    return frozenset(
        periodes.filter((pl.col("van") <= tot) & (pl.col("tot").is_null() | (pl.col("tot") > van)))[
            "leerling_id"
        ].to_list()
    )


Normuitkomst = Literal["gehaald", "niet_gehaald", "lopend"]


def _als_dag(moment: date | datetime) -> date:
    if isinstance(moment, datetime):
        return moment.astimezone(AMSTERDAM).date()
    return moment


def normuitkomst(
    status: str,
    verloopt_op: date,
    verloopt_om: datetime | None,
    gedaan_op: date | datetime | None,
) -> Normuitkomst | None:
    """A deadline judged: met when the step was done on or before its last day (or moment, for
    hour-based deadlines done with a moment), not met when done later or overdue and not done,
    still running otherwise; None for a step that lapsed (the case closed before it)."""
    if status == "vervallen" or status == "nog_niet":
        return None
    if gedaan_op is not None:
        if verloopt_om is not None and isinstance(gedaan_op, datetime):
            return "gehaald" if gedaan_op <= verloopt_om else "niet_gehaald"
        return "gehaald" if _als_dag(gedaan_op) <= verloopt_op else "niet_gehaald"
    if status == "verlopen":
        return "niet_gehaald"
    return "lopend"
