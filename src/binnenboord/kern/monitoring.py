# SPDX-License-Identifier: EUPL-1.2
"""The definitions behind the monitoring figures (docs/domein.md, "thuiszitter", "verborgen
thuiszitter", "doorlooptijd") and the counting of a report, as pure functions: who is a
thuiszitter on a peildatum and in which category, for how long, the flow in and out over a
period, whether a deadline was met, and the sets of ids every table of a report counts
(per category, duration, kind of school, age, school, article; the deadlines and escalations;
the cohort of cases for the Kaplan–Meier curve). The input is what monitoring.lezen read:
episodes as a polars frame, cases (CasusRegel), exemptions (VrijstellingRegel) and the cases'
kern.aanpak.Beoordeling. Pure: no Django, no database, no I/O; monitoring.cijfers turns the
counts into tables and sentences.

An episode is a stored signal (one row per pupil, kind and start): `begindatum` the first day of
the situation, `datum` the day the rule was met (from then on the pupil counts), `einddatum` the
first day it no longer held (null: still holds). A pupil is a thuiszitter on day d when an
episode of a thuiszitter kind has datum <= d < einddatum."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Final, Literal

import polars as pl

from .aanpak import AANPAKKEN, Beoordeling, Stapbeoordeling
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
    *,
    gemist: bool = False,
) -> Normuitkomst | None:
    """A deadline judged: met when the step was done on or before its last day (or moment, for
    hour-based deadlines done with a moment), not met when done later or overdue and not done,
    still running otherwise. A step that lapsed (vervallen) is not judged (None), unless it was
    `gemist`: it lapsed because the case entered a later phase after its deadline had passed
    (gemist_door_fase), so it was not done in time: not met."""
    if status == "vervallen":
        return "niet_gehaald" if gemist else None
    if status == "nog_niet":
        return None
    if gedaan_op is not None:
        if verloopt_om is not None and isinstance(gedaan_op, datetime):
            return "gehaald" if gedaan_op <= verloopt_om else "niet_gehaald"
        return "gehaald" if _als_dag(gedaan_op) <= verloopt_op else "niet_gehaald"
    if status == "verlopen":
        return "niet_gehaald"
    return "lopend"


# --- the counts of a report ------------------------------------------------------------------

# Outcomes that end the stay-at-home period without telling whether it ended well: "verhuisd"
# (moved away; regie's Casus.PassendAanbod.VERHUISD) is censored: the child left the area,
# whether it found a place is unknown here.
GECENSUREERD: Final[frozenset[str]] = frozenset({"verhuisd"})
# The column of the pupils who are not enrolled anywhere, in the counts per school (kind).
GEEN_SCHOOL: Final = "geen"


@dataclass(frozen=True)
class CasusRegel:
    """A case as the figures read it: its model, its start and its passend aanbod (the outcome,
    "" while open, and the day)."""

    pk: int
    aanpak: str
    start: date
    passend_aanbod: str
    passend_aanbod_op: date | None


@dataclass(frozen=True)
class VrijstellingRegel:
    """An exemption: its article and the days it is in force (einddatum None: open-ended)."""

    pk: int
    leerling_id: int
    artikel: str
    begindatum: date
    einddatum: date | None

    def geldt_op(self, dag: date) -> bool:
        return self.begindatum <= dag and (self.einddatum is None or self.einddatum >= dag)


def landelijk(thuis: pl.DataFrame) -> pl.DataFrame:
    """The rows of thuiszitters_op in the national count (absoluut and langdurig relatief)."""
    return thuis.filter(pl.col("categorie").is_in(list(LANDELIJK)))


def per_categorie(thuis: pl.DataFrame) -> dict[Categorie, frozenset[int]]:
    """The pupils of thuiszitters_op per category, every category of VOLGORDE present."""
    return {
        c: frozenset(thuis.filter(pl.col("categorie") == c)["leerling_id"].to_list())
        for c in VOLGORDE
    }


def per_duurklasse(thuis: pl.DataFrame) -> dict[Duurklasse, frozenset[int]]:
    """The pupils of thuiszitters_op per duration class, every class of DUURKLASSEN present."""
    return {
        d: frozenset(thuis.filter(pl.col("duurklasse") == d)["leerling_id"].to_list())
        for d in DUURKLASSEN
    }


def per_schoolsoort(
    thuis: pl.DataFrame, scholen: Mapping[int, tuple[str, str]]
) -> dict[str, frozenset[int]]:
    """The pupils of thuiszitters_op per kind of school of their episode; `scholen` maps a
    school's pk to (kind, name). Pupils not enrolled are under GEEN_SCHOOL; only kinds with
    pupils are keys."""
    per: dict[str, set[int]] = defaultdict(set)
    for leerling_id, school_id in thuis.select("leerling_id", "school_id").iter_rows():
        per[GEEN_SCHOOL if school_id is None else scholen[school_id][0]].add(leerling_id)
    return {soort: frozenset(ids) for soort, ids in per.items()}


def per_leeftijdsklasse(
    thuis: pl.DataFrame, geboortedata: Mapping[int, date], dag: date
) -> dict[str, frozenset[int]]:
    """The pupils of thuiszitters_op per age class (LEEFTIJDSKLASSEN) on `dag`; only classes
    with pupils are keys."""
    per: dict[str, set[int]] = defaultdict(set)
    for leerling_id in thuis["leerling_id"].to_list():
        per[leeftijdsklasse(geboortedata[leerling_id], dag)].add(leerling_id)
    return {klasse: frozenset(ids) for klasse, ids in per.items()}


def per_school(thuis: pl.DataFrame) -> dict[int | None, frozenset[int]]:
    """The pupils of thuiszitters_op per school of their episode (None: not enrolled)."""
    per: dict[int | None, set[int]] = defaultdict(set)
    for leerling_id, school_id in thuis.select("leerling_id", "school_id").iter_rows():
        per[school_id].add(leerling_id)
    return {school: frozenset(ids) for school, ids in per.items()}


def per_waarde(paren: Iterable[tuple[int, str]]) -> dict[str, frozenset[int]]:
    """(id, value) pairs as the ids per value (signals per kind, cases per outcome)."""
    per: dict[str, set[int]] = defaultdict(set)
    for pk, waarde in paren:
        per[waarde].add(pk)
    return {waarde: frozenset(ids) for waarde, ids in per.items()}


def vrijstellingen_op(
    vrijstellingen: Iterable[VrijstellingRegel], dag: date
) -> dict[str, frozenset[int]]:
    """The exemptions in force on `dag` per article (only articles with one are keys)."""
    return per_waarde((v.pk, v.artikel) for v in vrijstellingen if v.geldt_op(dag))


def vrijstellingen_per_maand(
    vrijstellingen: Sequence[VrijstellingRegel], artikel: str, maanden: Iterable[tuple[date, date]]
) -> list[tuple[frozenset[int], frozenset[int]]]:
    """Per month (first and last day) the exemptions under `artikel` in force on its last day
    and those that began in it."""
    van_artikel = [v for v in vrijstellingen if v.artikel == artikel]
    return [
        (
            frozenset(v.pk for v in van_artikel if v.geldt_op(tot)),
            frozenset(v.pk for v in van_artikel if van <= v.begindatum <= tot),
        )
        for van, tot in maanden
    ]


@dataclass(frozen=True)
class Cohort:
    """The cases of a Kaplan–Meier curve in pk order: days from the start to the passend
    aanbod (gebeurtenis true) or to the end of the observation (censored)."""

    casus_ids: tuple[int, ...]
    duren: tuple[int, ...]
    gebeurtenis: tuple[bool, ...]


def cohort(casussen: Iterable[CasusRegel], van: date, tot: date, peildatum: date) -> Cohort:
    """The cases that started in [van, tot] and by the peildatum: days from the start to the
    passend aanbod (an event), or to the peildatum while open, or to moving away (censored)."""
    ids, duren, gebeurtenis = [], [], []
    for c in sorted(casussen, key=lambda c: c.pk):
        if not van <= c.start <= tot or c.start > peildatum:
            continue
        klaar = c.passend_aanbod_op is not None and c.passend_aanbod_op <= peildatum
        eind = c.passend_aanbod_op if klaar and c.passend_aanbod_op else peildatum
        ids.append(c.pk)
        duren.append((eind - c.start).days)
        gebeurtenis.append(klaar and c.passend_aanbod not in GECENSUREERD)
    return Cohort(tuple(ids), tuple(duren), tuple(gebeurtenis))


def afgesloten(
    casussen: Iterable[CasusRegel], van: date, tot: date, peildatum: date
) -> tuple[CasusRegel, ...]:
    """The cases whose passend aanbod was recorded in [van, tot], by the peildatum."""
    return tuple(
        c
        for c in casussen
        if c.passend_aanbod_op is not None
        and van <= c.passend_aanbod_op <= tot
        and c.passend_aanbod_op <= peildatum
    )


def met_aanbod(gesloten: Iterable[CasusRegel]) -> tuple[CasusRegel, ...]:
    """The closed cases that reached an offer (not the censored ones: moved away)."""
    return tuple(c for c in gesloten if c.passend_aanbod not in GECENSUREERD)


def doorlooptijden(casussen: Iterable[CasusRegel]) -> list[float]:
    """Days from the start to the passend aanbod of closed cases."""
    return [float((c.passend_aanbod_op - c.start).days) for c in casussen if c.passend_aanbod_op]


# The row of the national norm in Normtelling.uitkomsten.
NORM: Final = ("", "norm")


@dataclass(frozen=True)
class Normtelling:
    """The deadlines that fell in a period, and the escalations due in it.

    `uitkomsten`: per (aanpak, stap) and for NORM the cases per outcome (gehaald,
    niet_gehaald, lopend; only outcomes that occur are keys); `stapnamen`: "model: step" per
    (aanpak, stap); `escalaties`: per (aanpak, escalation code) the cases whose escalation was
    recorded ("vastgelegd") or not ("niet_vastgelegd")."""

    uitkomsten: dict[tuple[str, str], dict[Normuitkomst, frozenset[int]]]
    stapnamen: dict[tuple[str, str], str]
    escalaties: dict[tuple[str, str], dict[str, frozenset[int]]]


def fase_ingang(beoordeling: Beoordeling, fase: str) -> date | None:
    """The day the case entered `fase`: the current phase's own entry, or the start of the
    deadlines that count from an earlier phase's entry."""
    if beoordeling.fase.code == fase:
        return beoordeling.fase_sinds
    return min(
        (
            s.termijn.start
            for s in beoordeling.stappen
            if s.fase == fase and s.stap.na == "fase" and s.termijn is not None
        ),
        default=None,
    )


def gemist_door_fase(beoordeling: Beoordeling, stap: Stapbeoordeling) -> bool:
    """A step that lapsed because the case entered a later phase (a step of an earlier phase
    that lapses with it: Stap.vervalt_met_fase) when its deadline had already passed
    (Stapbeoordeling.gemist). A step that lapsed because the case closed is not: the closing,
    not the phases, ended it."""
    return stap.gemist and stap.stap.vervalt_met_fase and stap.fase != beoordeling.fase.code


def tel_normen(
    casussen: Iterable[CasusRegel],
    beoordelingen: Mapping[int, Beoordeling],
    escalatiestappen: Mapping[int, frozenset[str]],
    van: date,
    tot: date,
) -> Normtelling:
    """Every deadline of the cases' model steps that fell in [van, tot] judged (normuitkomst;
    a step missed before a later phase lapsed it counts as not met: gemist_door_fase),
    the national norm (not for a pupil who moved away: censored, its outcome unknown), and the
    escalations of the phases entered in the period with whether their event was recorded
    (`escalatiestappen`: the escalation codes in each case's history). `beoordelingen`: each
    case on the peildatum, by pk."""
    uitkomsten: dict[tuple[str, str], dict[Normuitkomst, set[int]]] = defaultdict(
        lambda: defaultdict(set)
    )
    stapnamen: dict[tuple[str, str], str] = {}
    escalaties: dict[tuple[str, str], dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for casus in casussen:
        b = beoordelingen[casus.pk]
        aanpak = AANPAKKEN[casus.aanpak]
        for s in b.stappen:
            if s.termijn is None or not van <= s.termijn.verloopt_op <= tot:
                continue
            uitkomst = normuitkomst(
                s.status,
                s.termijn.verloopt_op,
                s.termijn.verloopt_om,
                s.gedaan_op,
                gemist=gemist_door_fase(b, s),
            )
            if uitkomst is None:
                continue
            sleutel = (aanpak.code, s.stap.code)
            stapnamen[sleutel] = f"{aanpak.naam}: {s.stap.naam}"
            uitkomsten[sleutel][uitkomst].add(casus.pk)
        if van <= b.norm.verloopt_op <= tot and casus.passend_aanbod not in GECENSUREERD:
            uitkomst = normuitkomst(
                b.norm_status, b.norm.verloopt_op, None, casus.passend_aanbod_op
            )
            if uitkomst is not None:
                uitkomsten[NORM][uitkomst].add(casus.pk)
        ingegaan = {st.fase for st in b.stappen} | {b.fase.code}
        for fase in aanpak.fasen:
            if fase.escalatie is None or fase.code not in ingegaan:
                continue
            ingang = fase_ingang(b, fase.code)
            if ingang is None or not van <= ingang <= tot:
                continue
            vastgelegd = fase.escalatie in escalatiestappen.get(casus.pk, ())
            escalaties[(aanpak.code, fase.escalatie)][
                "vastgelegd" if vastgelegd else "niet_vastgelegd"
            ].add(casus.pk)
    return Normtelling(
        {k: {u: frozenset(ids) for u, ids in per.items()} for k, per in uitkomsten.items()},
        stapnamen,
        {k: {u: frozenset(ids) for u, ids in per.items()} for k, per in escalaties.items()},
    )
