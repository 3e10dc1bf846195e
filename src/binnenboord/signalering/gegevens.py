# SPDX-License-Identifier: EUPL-1.2
"""The engine's input (kern.signalen.Gegevens) read from the database set-wise: a fixed number
of queries whatever the number of pupils, one per table, into polars.

The scope (`Bereik`) of a run:
- everyone (the nightly run);
- one municipality: the pupils LIVING there (leerplicht follows the home municipality) plus
  the pupils ENROLLED at its schools during the period (the school's duties, such as the
  16-hour report, follow the school), so a municipal run covers both the Leerplicht inbox and
  the inbox of every school in the municipality;
- a set of pupils (the incremental run after an absence import).
Signals outside the scope are never read, changed or closed by a run."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

import polars as pl

from binnenboord.gedeeld.gegevens import lees_tabel
from binnenboord.kern.kalender import Schoolkalender, Vakantie, schooljaar
from binnenboord.kern.signalen import (
    DAGLENGTEN_SCHEMA,
    INSCHRIJVINGEN_SCHEMA,
    LEERLINGEN_SCHEMA,
    LESDAGEN_SCHEMA,
    VAKANTIES_SCHEMA,
    VERZUIM_SCHEMA,
    VRIJSTELLINGEN_SCHEMA,
    Gegevens,
)
from binnenboord.registratie.models import (
    Inschrijving,
    Leerling,
    School,
    Schoolvakantie,
    Verzuim,
    VrijeDag,
    Vrijstelling,
)
from binnenboord.toegang.models import Gemeente, Organisatie

SCHOOLREGIO_SCHEMA = pl.Schema({"school_id": pl.Int64, "regio": pl.Utf8})


@dataclass(frozen=True)
class Bereik:
    """The pupils a run evaluates; see the module docstring."""

    gemeente: Gemeente | None = None
    leerling_ids: frozenset[int] | None = None

    @classmethod
    def alles(cls) -> Bereik:
        return cls()

    @classmethod
    def voor_gemeente(cls, gemeente: Gemeente) -> Bereik:
        return cls(gemeente=gemeente)

    @classmethod
    def voor_leerlingen(cls, leerling_ids: Iterable[int]) -> Bereik:
        return cls(leerling_ids=frozenset(int(i) for i in leerling_ids))

    def leerlingen(self, *, van: date, tot: date) -> QuerySet[Leerling]:
        """The pupils in scope for the period [van, tot] (the enrolment side of a
        municipality counts enrolments overlapping the period)."""
        if self.leerling_ids is not None:
            return Leerling.objects.filter(pk__in=sorted(self.leerling_ids))
        if self.gemeente is not None:
            op_school = Inschrijving.objects.filter(
                Q(einddatum__isnull=True) | Q(einddatum__gte=van),
                leerling=OuterRef("pk"),
                school__gemeente=self.gemeente,
                begindatum__lte=tot,
            )
            return Leerling.objects.filter(Q(woongemeente=self.gemeente) | Q(Exists(op_school)))
        return Leerling.objects.all()

    def leerling_filter(self, *, van: date, tot: date, veld: str = "leerling") -> Q:
        """A filter on a model with a pupil FK `veld` that keeps the rows in scope."""
        if self.leerling_ids is None and self.gemeente is None:
            return Q()
        if self.leerling_ids is not None:
            return Q(**{f"{veld}_id__in": sorted(self.leerling_ids)})
        return Q(**{f"{veld}_id__in": self.leerlingen(van=van, tot=tot).values("pk")})


def periode(peildatum: date) -> tuple[date, date]:
    """From the first day of the previous school year up to and including the peildatum: the
    longest window a rule looks back (a run of absence crossing the summer holiday)."""
    begin_dit_jaar = schooljaar(peildatum)[0]
    return schooljaar(begin_dit_jaar - timedelta(days=1))[0], peildatum


def lees_gegevens(*, bereik: Bereik, peildatum: date) -> Gegevens:
    """Everything the engine needs for the pupils in `bereik` on `peildatum`."""
    van, tot = periode(peildatum)
    in_bereik = bereik.leerling_filter(van=van, tot=tot)
    leerlingen = _leerlingen(bereik.leerlingen(van=van, tot=tot))
    inschrijvingen = lees_tabel(
        Inschrijving.objects.filter(in_bereik, begindatum__lte=tot)
        .order_by()
        .values_list("leerling_id", "school_id", "begindatum", "einddatum"),
        INSCHRIJVINGEN_SCHEMA,
    )
    vrijstellingen = _frame(
        Vrijstelling.objects.filter(in_bereik, begindatum__lte=tot).values_list(
            "leerling_id", "artikel", "begindatum", "einddatum"
        ),
        VRIJSTELLINGEN_SCHEMA,
    )
    verzuim = lees_verzuim(Verzuim.objects.filter(in_bereik, datum__range=(van, tot)).order_by())
    # every school a pupil in scope was enrolled at or absent from in the period
    if bereik.leerling_ids is None and bereik.gemeente is None:
        scholen_qs = School.objects.all()
    else:
        school_ids = pl.concat([inschrijvingen["school_id"], verzuim["school_id"]]).unique()
        scholen_qs = School.objects.filter(pk__in=sorted(school_ids.to_list()))
    scholen = _frame(scholen_qs.order_by().values_list("pk", "regio"), SCHOOLREGIO_SCHEMA)
    lesdagen, vakanties = _lesdagen_en_vakanties(scholen, van=van, tot=tot)
    # a whole day absent is a whole day of the pupil's school (School.daglengte_minuten)
    daglengten = _frame(
        scholen_qs.order_by().values_list("pk", "daglengte_minuten"), DAGLENGTEN_SCHEMA
    )
    return Gegevens(
        leerlingen=leerlingen,
        inschrijvingen=inschrijvingen,
        vrijstellingen=vrijstellingen,
        verzuim=verzuim,
        lesdagen=lesdagen,
        vakanties=vakanties,
        daglengten=daglengten,
    )


def _leerlingen(leerlingen: QuerySet[Leerling]) -> pl.DataFrame:
    """`woont_in_gemeente`: the pupil's home municipality is served by a municipal
    (Leerplicht) organisation in Binnenboord, so its population register is in the system."""
    bediend = Organisatie.objects.filter(
        soort=Organisatie.Soort.GEMEENTE, gemeenten=OuterRef("woongemeente_id")
    )
    return lees_tabel(
        leerlingen.order_by()
        .annotate(bediend=Exists(bediend))
        .values_list("pk", "geboortedatum", "bediend"),
        LEERLINGEN_SCHEMA,
    )


def _frame(rijen: Iterable[tuple[Any, ...]], schema: pl.Schema) -> pl.DataFrame:
    return pl.DataFrame(list(rijen), schema=schema, orient="row")


VERZUIM_KOLOMMEN = tuple(VERZUIM_SCHEMA.names())


def lees_verzuim(rijen: QuerySet[Verzuim], *, copy: bool | None = None) -> pl.DataFrame:
    """The absence rows as VERZUIM_SCHEMA (see lees_tabel)."""
    return lees_tabel(rijen.values_list(*VERZUIM_KOLOMMEN), VERZUIM_SCHEMA, copy=copy)


def _lesdagen_en_vakanties(
    scholen: pl.DataFrame, *, van: date, tot: date
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The lesdagen of every school in `scholen`: the region's lesdagen computed once per
    region (public and school holidays), minus each school's own free days. A country has
    thousands of schools but three regions."""
    vakanties = list(Schoolvakantie.objects.all())
    kalendervakanties = [
        Vakantie(v.naam, v.regio, v.begindatum, v.einddatum, v.verplicht) for v in vakanties
    ]
    per_regio = []
    for regio in scholen["regio"].unique().sort().to_list():
        kalender = Schoolkalender(regio, vakanties=kalendervakanties)
        per_regio.append(
            pl.DataFrame(
                {"regio": regio, "datum": kalender.lesdagen(van, tot)},
                schema={"regio": pl.Utf8, "datum": pl.Date},
            )
        )
    regiodagen = (
        pl.concat(per_regio)
        if per_regio
        else pl.DataFrame(schema={"regio": pl.Utf8, "datum": pl.Date})
    )
    vrij = _frame(
        VrijeDag.objects.filter(
            school_id__in=scholen["school_id"].to_list(), datum__range=(van, tot)
        ).values_list("school_id", "datum"),
        LESDAGEN_SCHEMA,
    )
    lesdagen = (
        scholen.join(regiodagen, on="regio")
        .join(vrij, on=["school_id", "datum"], how="anti")
        .select(LESDAGEN_SCHEMA.names())
        .sort("school_id", "datum")
    )
    vakantierijen = pl.DataFrame(
        [
            (v.regio, v.naam, v.begindatum, v.einddatum)
            for v in vakanties
            if v.einddatum >= van and v.begindatum <= tot
        ],
        schema={"regio": pl.Utf8, "naam": pl.Utf8, "begindatum": pl.Date, "einddatum": pl.Date},
        orient="row",
    )
    schoolvakanties = pl.concat(
        [
            scholen.join(vakantierijen, on="regio"),
            scholen.join(
                vakantierijen.filter(
                    pl.col("regio") == Schoolvakantie.RegioOfLand.HEEL_NEDERLAND
                ).drop("regio"),
                how="cross",
            ),
        ],
        how="diagonal",
    ).select(VAKANTIES_SCHEMA.names())
    return lesdagen.cast(LESDAGEN_SCHEMA), schoolvakanties.cast(VAKANTIES_SCHEMA)
