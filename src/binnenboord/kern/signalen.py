# SPDX-License-Identifier: EUPL-1.2
"""The signal engine (docs/domein.md, "Signalen"): set-based rules over the tables of absence per
pupil-day, lesdagen per school, enrolments, exemptions and the population, evaluated for one
`peildatum`. Pure: no Django, no database, no I/O; polars only.

The entry point is `signaleer(gegevens, peildatum, drempels=Drempels(), *, soorten=SOORTEN)
-> pl.DataFrame`: it restricts the input to the peildatum once (`Voorbereid.van(gegevens,
peildatum)`, which numbers the lesdagen per school) and runs the rules asked for. Every rule is
a named function `regel(v: Voorbereid, drempels: Drempels) -> pl.DataFrame` (REGELS maps each
soort to its rule; the peildatum is `v.peildatum`) with its source in the docstring, returning
rows of the schema `SIGNAAL_SCHEMA`: one row per
*episode* (the same pupil, soort and `begindatum` is the same episode, however often the
engine runs), with the date the rule was met, whether the situation still holds on the
peildatum, the days behind it, and an explanation in the words of a leerplichtambtenaar.
Only the sequential detail (a new 16-hour window starts after a signal; four sick reports
counted afresh after a signal) loops in Python, and only over the pupils the set-based pass
already flagged.

Input tables (`Gegevens`), all polars DataFrames; the column names and types are the contract
with the database layer (`binnenboord.signalering`):

- leerlingen: leerling_id Int64, geboortedatum Date, woont_in_gemeente Boolean (the pupil is in
  the population register extract of a municipality that uses Binnenboord: only those can be
  absoluut verzuim or a four-year-old not enrolled)
- inschrijvingen: leerling_id Int64, school_id Int64, begindatum Date, einddatum Date (null =
  ongoing; inclusive)
- vrijstellingen: leerling_id Int64, artikel Utf8, begindatum Date, einddatum Date (null =
  ongoing; inclusive)
- verzuim: leerling_id Int64, school_id Int64, datum Date, minuten_ongeoorloofd,
  minuten_luxe, minuten_te_laat, minuten_ziek, minuten_geoorloofd (Int64)
- lesdagen: school_id Int64, datum Date — every lesdag of every school in the period
  evaluated (the school's region's holidays and its own free days already left out)
- vakanties (optional): school_id Int64, naam Utf8, begindatum Date, einddatum Date — only used
  to name a holiday the 16-hour window skipped
- daglengten (optional): school_id Int64, daglengte Int64 — the minutes of a whole school day
  at that school (School.daglengte_minuten): a day is absent as a whole when its minutes reach
  the day length of its school; a school not in the table uses Drempels.hele_dag_minuten
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final

import polars as pl

# The soorten, as docs/domein.md spells them.
VERZUIM_16_UUR: Final = "verzuim_16_uur"
LANGDURIG_RELATIEF_VERZUIM: Final = "langdurig_relatief_verzuim"
LANGDURIG_GEOORLOOFD_VERZUIM: Final = "langdurig_geoorloofd_verzuim"
ZORGWEKKEND_ZIEKTEVERZUIM: Final = "zorgwekkend_ziekteverzuim"
ABSOLUUT_VERZUIM: Final = "absoluut_verzuim"
VIERJARIGE_NIET_INGESCHREVEN: Final = "vierjarige_niet_ingeschreven"
THUISZITTER_3_MAANDEN: Final = "thuiszitter_3_maanden"

SOORTEN: Final = (
    VERZUIM_16_UUR,
    LANGDURIG_RELATIEF_VERZUIM,
    LANGDURIG_GEOORLOOFD_VERZUIM,
    ZORGWEKKEND_ZIEKTEVERZUIM,
    ABSOLUUT_VERZUIM,
    VIERJARIGE_NIET_INGESCHREVEN,
    THUISZITTER_3_MAANDEN,
)

# Signals about an event stay open until a person handles them; the others describe a
# situation and close by themselves when it ends (einddatum is then set).
GEBEURTENISSEN: Final = frozenset({VERZUIM_16_UUR, ZORGWEKKEND_ZIEKTEVERZUIM})

# One row per episode.
SIGNAAL_SCHEMA: Final = pl.Schema(
    {
        "leerling_id": pl.Int64,
        "soort": pl.Utf8,
        # the start of the episode: with leerling_id and soort the key that makes a re-run
        # find the same signal (the first lesdag of a run, the Monday of the first lesweek of
        # a 16-hour window, the day absoluut verzuim began, ...)
        "begindatum": pl.Date,
        # the date the rule was met
        "datum": pl.Date,
        # the first day the situation no longer held, on or before the peildatum; null while it
        # holds (always null for GEBEURTENISSEN)
        "einddatum": pl.Date,
        # the school the signal is about, null for absoluut verzuim and four-year-olds
        "school_id": pl.Int64,
        # the days behind the signal (inclusive), for the absence calendar to highlight
        "van": pl.Date,
        "tot": pl.Date,
        # the relevant minutes and lesdagen in [van, tot]
        "minuten": pl.Int64,
        "dagen": pl.Int64,
        "uitleg": pl.Utf8,
    }
)


VAKANTIES_SCHEMA: Final = pl.Schema(
    {"school_id": pl.Int64, "naam": pl.Utf8, "begindatum": pl.Date, "einddatum": pl.Date}
)
LEERLINGEN_SCHEMA: Final = pl.Schema(
    {"leerling_id": pl.Int64, "geboortedatum": pl.Date, "woont_in_gemeente": pl.Boolean}
)
INSCHRIJVINGEN_SCHEMA: Final = pl.Schema(
    {
        "leerling_id": pl.Int64,
        "school_id": pl.Int64,
        "begindatum": pl.Date,
        "einddatum": pl.Date,
    }
)
VRIJSTELLINGEN_SCHEMA: Final = pl.Schema(
    {
        "leerling_id": pl.Int64,
        "artikel": pl.Utf8,
        "begindatum": pl.Date,
        "einddatum": pl.Date,
    }
)
VERZUIM_SCHEMA: Final = pl.Schema(
    {
        "leerling_id": pl.Int64,
        "school_id": pl.Int64,
        "datum": pl.Date,
        "minuten_ongeoorloofd": pl.Int64,
        "minuten_luxe": pl.Int64,
        "minuten_te_laat": pl.Int64,
        "minuten_ziek": pl.Int64,
        "minuten_geoorloofd": pl.Int64,
    }
)
LESDAGEN_SCHEMA: Final = pl.Schema({"school_id": pl.Int64, "datum": pl.Date})
DAGLENGTEN_SCHEMA: Final = pl.Schema({"school_id": pl.Int64, "daglengte": pl.Int64})


@dataclass(frozen=True)
class Drempels:
    """The thresholds of docs/domein.md, configurable per municipality."""

    # verzuim_16_uur (LPW art. 21a)
    minuten_16_uur: int = 16 * 60
    lesweken_16_uur: int = 4
    # langdurig relatief / geoorloofd verzuim (thuiszitter definition): a run that started
    # more than `dagen_langdurig` days before, counted in school weeks when
    # `langdurig_schoolweken` ("langer dan vier weken": a week without lesdagen does not
    # count, so 28 days grow by 7 for each holiday week in the run; whole weeks are school
    # weeks, a remainder of days calendar days), else in calendar days
    dagen_langdurig: int = 28
    langdurig_schoolweken: bool = True
    # a pupil is absent the whole day when the minutes of the day reach the day length of the
    # school (Gegevens.daglengten); this for a school without one
    hele_dag_minuten: int = 300
    # zorgwekkend ziekteverzuim (MAZL)
    ziekmeldingen: int = 4
    ziekmeldingen_lesweken: int = 12
    ziekdagen_aaneengesloten: int = 7
    # vierjarige niet ingeschreven (Utrecht): from 4 years and 9 months
    vierjarige_maanden: int = 4 * 12 + 9
    # thuiszitter 3 maanden (Thuiszitterspact 2016)
    thuiszitter_maanden: int = 3
    # Amsterdam counts verborgen thuiszitters (at home with a valid reason) as thuiszitters too
    verborgen_thuiszitters_meetellen: bool = False


# The docs/domein.md values.
STANDAARD: Final = Drempels()


def _leeg(schema: pl.Schema) -> pl.DataFrame:
    return pl.DataFrame(schema=schema)


@dataclass(frozen=True)
class Gegevens:
    """The tables the rules read; see the module docstring for their columns."""

    leerlingen: pl.DataFrame
    inschrijvingen: pl.DataFrame
    vrijstellingen: pl.DataFrame
    verzuim: pl.DataFrame
    lesdagen: pl.DataFrame
    vakanties: pl.DataFrame = field(default_factory=lambda: _leeg(VAKANTIES_SCHEMA))
    daglengten: pl.DataFrame = field(default_factory=lambda: _leeg(DAGLENGTEN_SCHEMA))


ONGEOORLOOFD_KOLOMMEN: Final = ("minuten_ongeoorloofd", "minuten_luxe", "minuten_te_laat")
ALLE_KOLOMMEN: Final = (*ONGEOORLOOFD_KOLOMMEN, "minuten_ziek", "minuten_geoorloofd")
_GEEN_EINDE: Final = date(9999, 12, 31)
_LEEG_DATUM: Final = pl.lit(None, dtype=pl.Date)


def signaleer(
    gegevens: Gegevens,
    peildatum: date,
    drempels: Drempels = Drempels(),
    *,
    soorten: Iterable[str] = SOORTEN,
) -> pl.DataFrame:
    """Every rule in `soorten` on `peildatum`; rows of SIGNAAL_SCHEMA, sorted by leerling_id,
    soort and begindatum. Data after the peildatum is ignored."""
    gevraagd = set(soorten)
    onbekend = gevraagd - set(SOORTEN)
    if onbekend:
        raise ValueError(f"onbekende signaalsoort: {', '.join(sorted(onbekend))}")
    v = Voorbereid.van(gegevens, peildatum)
    delen = [REGELS[soort](v, drempels) for soort in SOORTEN if soort in gevraagd]
    uitkomst = pl.concat(
        [d.select(SIGNAAL_SCHEMA.names()).cast(SIGNAAL_SCHEMA) for d in delen],
        how="vertical",
    )
    return uitkomst.sort("leerling_id", "soort", "begindatum")


# --- preparation ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Voorbereid:
    """The input restricted to the peildatum, with the lesdagen numbered per school."""

    peildatum: date
    # + leerplichtig_vanaf (without a calendar: the 1st of the month after the 5th birthday,
    # art. 3 lid 1) and kwalificatieplichtig_tot (the day before the 18th birthday, art. 4b)
    leerlingen: pl.DataFrame
    inschrijvingen: pl.DataFrame
    vrijstellingen: pl.DataFrame
    # school_id, datum, dagnr (0, 1, ... per school), weeknr (lesweken 0, 1, ...), maandag
    lesdagen: pl.DataFrame
    # school_id, laatste_dagnr: the last lesdag on or before the peildatum
    laatste: pl.DataFrame
    # verzuim on lesdagen only, with dagnr, weeknr and maandag of its lesdag, and the daglengte
    # of its school (null: not given)
    verzuim: pl.DataFrame
    vakanties: pl.DataFrame

    @classmethod
    def van(cls, g: Gegevens, peildatum: date) -> Voorbereid:
        p = pl.lit(peildatum)
        lesdagen = (
            g.lesdagen.lazy()
            .filter(pl.col("datum") <= p)
            .unique()
            .sort("school_id", "datum")
            .with_columns(maandag=_maandag(pl.col("datum")))
            .with_columns(
                dagnr=pl.int_range(pl.len(), dtype=pl.Int64).over("school_id"),
                weeknr=(pl.col("maandag").rank("dense").over("school_id") - 1).cast(pl.Int64),
            )
            .collect()
        )
        laatste = lesdagen.group_by("school_id").agg(laatste_dagnr=pl.col("dagnr").max())
        verzuim = (
            g.verzuim.lazy()
            .filter(pl.col("datum") <= p)
            .join(lesdagen.lazy(), on=["school_id", "datum"], how="inner")
            .join(
                g.daglengten.lazy().cast(DAGLENGTEN_SCHEMA).unique("school_id"),
                on="school_id",
                how="left",
            )
            # The order every rule walks in: per pupil by date (one integer key sorts fastest;
            # a pupil has at most one absence row per day). A change of school starts a new
            # run because the runs compare the school too.
            .sort(pl.col("leerling_id") * 65_536 + pl.col("datum").cast(pl.Int32))
            .collect()
        )
        leerlingen = g.leerlingen.with_columns(
            leerplichtig_vanaf=pl.col("geboortedatum")
            .dt.offset_by("5y")
            .dt.month_start()
            .dt.offset_by("1mo"),
            # 31 July of the school year in which the child turns 16 (art. 3 lid 1 onder b)
            leerplichtig_tot=pl.date(
                pl.col("geboortedatum").dt.year()
                + 16
                + (pl.col("geboortedatum").dt.offset_by("16y").dt.month() >= 8).cast(pl.Int32),
                7,
                31,
            ),
            kwalificatieplichtig_tot=pl.col("geboortedatum").dt.offset_by("18y")
            - pl.duration(days=1),
        )
        return cls(
            peildatum=peildatum,
            leerlingen=leerlingen,
            inschrijvingen=g.inschrijvingen.filter(pl.col("begindatum") <= p),
            vrijstellingen=g.vrijstellingen.filter(pl.col("begindatum") <= p),
            lesdagen=lesdagen,
            laatste=laatste,
            verzuim=verzuim,
            vakanties=g.vakanties.cast(VAKANTIES_SCHEMA),
        )

    def plichtig_zonder_vrijstelling(self, rijen: pl.DataFrame) -> pl.DataFrame:
        """The rows whose pupil is leerplichtig or kwalificatieplichtig on the row's `datum`
        and has no exemption that day."""
        plichtig = rijen.join(
            self.leerlingen.select("leerling_id", "leerplichtig_vanaf", "kwalificatieplichtig_tot"),
            on="leerling_id",
            how="inner",
        ).filter(
            (pl.col("datum") >= pl.col("leerplichtig_vanaf"))
            & (pl.col("datum") <= pl.col("kwalificatieplichtig_tot"))
        )
        vrijgesteld = (
            plichtig.select("leerling_id", "datum")
            .unique()
            .join(self.vrijstellingen, on="leerling_id", how="inner")
            .filter(
                (pl.col("begindatum") <= pl.col("datum"))
                & (pl.col("einddatum").fill_null(_GEEN_EINDE) >= pl.col("datum"))
            )
            .select("leerling_id", "datum")
            .unique()
        )
        return plichtig.join(vrijgesteld, on=["leerling_id", "datum"], how="anti").drop(
            "leerplichtig_vanaf", "kwalificatieplichtig_tot"
        )

    def op_peildatum(self, tabel: pl.DataFrame) -> pl.DataFrame:
        """The rows of an enrolment or exemption table that cover the peildatum."""
        return tabel.filter(
            (pl.col("begindatum") <= self.peildatum)
            & (pl.col("einddatum").fill_null(_GEEN_EINDE) >= self.peildatum)
        )

    def laatste_einde(self, tabel: pl.DataFrame, naam: str) -> pl.DataFrame:
        """Per pupil, the last einddatum before the peildatum in an enrolment or exemption
        table, as column `naam`."""
        return (
            tabel.filter(pl.col("einddatum") < self.peildatum)
            .group_by("leerling_id")
            .agg(pl.col("einddatum").max().alias(naam))
        )


def _maandag(datum: pl.Expr) -> pl.Expr:
    # polars numbers Monday 1 ... Sunday 7
    return datum - pl.duration(days=datum.dt.weekday() - 1)


def _minuten(*kolommen: str) -> pl.Expr:
    return pl.sum_horizontal(*kolommen)


# --- runs of consecutive lesdagen ----------------------------------------------------------


def _runs(
    v: Voorbereid,
    dag_telt: pl.Expr,
    minuten: pl.Expr,
    drempeldata: dict[str, Callable[[pl.Expr], pl.Expr] | Schoolweken],
    *,
    relatief: pl.Expr | None = None,
) -> pl.DataFrame:
    """Runs of consecutive lesdagen of one pupil at one school on which `dag_telt` holds:
    leerling_id, school_id, begin, eind, begin_dagnr, eind_dagnr, dagen, minuten, lopend (the
    run reaches the last lesdag on or before the peildatum) and einddatum (null while it goes
    on, else the lesdag after its last day). A holiday has no lesdagen, so it neither breaks
    nor ends a run. For every name in `drempeldata` a column with the first lesdag of the run
    on or after `drempeldata[name](begin)` (null when the run stopped before it); with
    `relatief`, a column `alleen_relatief`: whether that holds on every day of the run."""
    # v.verzuim is sorted by pupil, school and lesdag, so a run starts where the previous row
    # is not the previous lesdag of the same pupil at the same school, and ends where the next
    # row does not continue it: no grouping needed, only shifts and cumulative sums.
    zelfde = (pl.col("leerling_id") == pl.col("leerling_id").shift(1)) & (
        pl.col("school_id") == pl.col("school_id").shift(1)
    )
    dagen = (
        v.verzuim.lazy()
        .filter(dag_telt)
        .select(
            "leerling_id",
            "school_id",
            "datum",
            "dagnr",
            _m=minuten.cast(pl.Int64),
            _nr=(relatief if relatief is not None else pl.lit(False)).not_().cast(pl.Int64),
        )
        .with_columns(
            _start=~(zelfde & (pl.col("dagnr") == pl.col("dagnr").shift(1) + 1)).fill_null(False)
        )
        .with_columns(
            _einde=pl.col("_start").shift(-1).fill_null(True),
            _run=pl.col("_start").cum_sum(),
            _cum_m=pl.col("_m").cum_sum(),
            _cum_nr=pl.col("_nr").cum_sum(),
        )
        .collect()
    )
    begin = dagen.filter(pl.col("_start")).select(
        "_run",
        "leerling_id",
        "school_id",
        begin=pl.col("datum"),
        begin_dagnr=pl.col("dagnr"),
        _m_voor=pl.col("_cum_m") - pl.col("_m"),
        _nr_voor=pl.col("_cum_nr") - pl.col("_nr"),
    )
    einde = dagen.filter(pl.col("_einde")).select(
        eind=pl.col("datum"),
        eind_dagnr=pl.col("dagnr"),
        _m_tot=pl.col("_cum_m"),
        _nr_tot=pl.col("_cum_nr"),
    )
    runs = (
        pl.concat([begin, einde], how="horizontal")
        .with_columns(
            dagen=pl.col("eind_dagnr") - pl.col("begin_dagnr") + 1,
            minuten=pl.col("_m_tot") - pl.col("_m_voor"),
            alleen_relatief=pl.col("_nr_tot") == pl.col("_nr_voor"),
        )
        .drop("_m_voor", "_nr_voor", "_m_tot", "_nr_tot")
        .join(v.laatste, on="school_id", how="left")
        .with_columns(lopend=pl.col("eind_dagnr") == pl.col("laatste_dagnr"))
        .drop("laatste_dagnr")
    )
    # The threshold dates, looked up among the days of the runs that last long enough.
    for naam, grens in drempeldata.items():
        kolom = f"_grens_{naam}"
        if isinstance(grens, Schoolweken):
            runs = _met_schoolwekengrens(runs, v, grens, kolom)
        else:
            runs = runs.with_columns(grens(pl.col("begin")).alias(kolom))
        lang = runs.filter(pl.col("eind") >= pl.col(kolom)).select("_run", _grens=pl.col(kolom))
        runs = runs.drop(kolom)
        eerste = (
            dagen.join(lang, on="_run", how="inner")
            .filter(pl.col("datum") >= pl.col("_grens"))
            .group_by("_run")
            .agg(pl.col("datum").min().alias(naam))
        )
        runs = runs.join(eerste, on="_run", how="left")
    volgende = v.lesdagen.select(
        "school_id", _volgende_dagnr=pl.col("dagnr"), _volgende=pl.col("datum")
    )
    return (
        runs.with_columns(_volgende_dagnr=pl.col("eind_dagnr") + 1)
        .join(volgende, on=["school_id", "_volgende_dagnr"], how="left")
        .with_columns(
            einddatum=pl.when(pl.col("lopend"))
            .then(_LEEG_DATUM)
            .otherwise(pl.col("_volgende").fill_null(pl.col("eind") + pl.duration(days=1)))
        )
        .drop("_run", "_volgende_dagnr", "_volgende")
    )


@dataclass(frozen=True)
class Schoolweken:
    """A threshold `weken` school weeks (plus `dagen` calendar days) after the first day of a
    run: the Monday of the `weken`-th lesweek of the school after the run's first lesweek, at
    the same weekday (kern.termijnen.schoolweken_na over the school's own lesweken)."""

    weken: int
    dagen: int = 0


def _met_schoolwekengrens(
    runs: pl.DataFrame, v: Voorbereid, grens: Schoolweken, kolom: str
) -> pl.DataFrame:
    """`runs` with column `kolom`: the day `grens` after `begin`, by the lesweken of the
    run's school (null when that lesweek is not in the data up to the peildatum: not reached
    yet)."""
    weken = v.lesdagen.select("school_id", "weeknr", "maandag").unique(["school_id", "weeknr"])
    eerste = v.lesdagen.select("school_id", begin="datum", _w0="weeknr", _m0="maandag")
    doel = weken.select("school_id", _w0=pl.col("weeknr") - grens.weken, _mn=pl.col("maandag"))
    return (
        runs.join(eerste, on=["school_id", "begin"], how="left")
        .join(doel, on=["school_id", "_w0"], how="left")
        .with_columns(
            (
                pl.col("begin") + (pl.col("_mn") - pl.col("_m0")) + pl.duration(days=grens.dagen)
            ).alias(kolom)
        )
        .drop("_w0", "_m0", "_mn")
    )


def _dagen_na(n: int) -> Callable[[pl.Expr], pl.Expr]:
    return lambda begin: begin + pl.duration(days=n)


def _maanden_na(n: int) -> Callable[[pl.Expr], pl.Expr]:
    # Clamped to the month's last day, like kern.termijnen.maanden_na.
    return lambda begin: begin.dt.offset_by(f"{n}mo")


def _hele_dag(drempels: Drempels) -> pl.Expr:
    """The minutes of a whole day at the row's school: its day length, else the threshold."""
    return pl.col("daglengte").fill_null(drempels.hele_dag_minuten)


def _hele_dagen_runs(v: Voorbereid, drempels: Drempels, kolommen: tuple[str, ...]) -> pl.DataFrame:
    """Runs of whole days absent (the minutes of `kolommen` reach the day length of the row's
    school), with the signal dates `na_4_weken` and `na_3_maanden`."""
    return _runs(
        v,
        _minuten(*kolommen) >= _hele_dag(drempels),
        _minuten(*kolommen),
        {
            "na_4_weken": (
                Schoolweken(*divmod(drempels.dagen_langdurig, 7))
                if drempels.langdurig_schoolweken
                else _dagen_na(drempels.dagen_langdurig)
            ),
            "na_3_maanden": _maanden_na(drempels.thuiszitter_maanden),
        },
        relatief=_minuten(*ONGEOORLOOFD_KOLOMMEN) >= _hele_dag(drempels),
    )


def _lange_runs(runs: pl.DataFrame, v: Voorbereid, datum: str) -> pl.DataFrame:
    """The runs that reached their signal date in column `datum`, of pupils of compulsory
    age without exemption on that day; `van`/`tot` span the run up to the peildatum."""
    lang = runs.filter(pl.col(datum).is_not_null()).with_columns(datum=pl.col(datum))
    return v.plichtig_zonder_vrijstelling(lang).with_columns(
        begindatum=pl.col("begin"), van=pl.col("begin"), tot=pl.col("eind")
    )


def langdurig_relatief_verzuim(v: Voorbereid, drempels: Drempels) -> pl.DataFrame:
    """Enrolled, of compulsory age, no exemption, absent the whole day without valid reason
    (ongeoorloofd, luxe or te laat) on every lesdag of a run that started more than 4 school
    weeks before (28 days, plus 7 for each week without lesdagen in the run: a holiday is no
    absence). The signal date is the first lesdag of the run on or after that day; the
    signal closes on the first lesdag the pupil is back. Source: the national thuiszitter
    definition (relatief verzuim longer than 4 weeks without valid reason; Thuiszitterspact
    2016, definition since 3 February 2016)."""
    runs = _lange_runs(_hele_dagen_runs(v, drempels, ONGEOORLOOFD_KOLOMMEN), v, "na_4_weken")
    return runs.with_columns(
        soort=pl.lit(LANGDURIG_RELATIEF_VERZUIM),
        uitleg=_uitleg_run("zonder geldige reden", drempels),
    )


def langdurig_geoorloofd_verzuim(v: Voorbereid, drempels: Drempels) -> pl.DataFrame:
    """The same as langdurig_relatief_verzuim with any reason, sick and authorised leave
    included: the *verborgen thuiszitter*. A run that was without valid reason on every day is
    already langdurig relatief verzuim and is not reported twice. Source: the Amsterdam-Noord
    pilot, which counts pupils at home for more than 4 weeks with a valid reason too."""
    runs = _hele_dagen_runs(v, drempels, ALLE_KOLOMMEN).filter(~pl.col("alleen_relatief"))
    return _lange_runs(runs, v, "na_4_weken").with_columns(
        soort=pl.lit(LANGDURIG_GEOORLOOFD_VERZUIM),
        uitleg=_uitleg_run("(ook met geldige reden, zoals ziekte)", drempels),
    )


def _uitleg_run(reden: str, drempels: Drempels) -> pl.Expr:
    dagen = pl.col("dagen")
    meervoud = pl.when(dagen == 1).then(pl.lit(" lesdag")).otherwise(pl.lit(" lesdagen"))
    return pl.concat_str(
        pl.lit("Hele dagen afwezig "),
        pl.lit(reden),
        pl.lit(" op elke lesdag sinds "),
        _nl_datum(pl.col("begin")),
        pl.lit(": "),
        dagen.cast(pl.Utf8),
        meervoud,
        pl.lit(" tot en met "),
        _nl_datum(pl.col("eind")),
        pl.lit(
            f"; langer dan {drempels.dagen_langdurig // 7} schoolweken op "
            if drempels.langdurig_schoolweken and drempels.dagen_langdurig % 7 == 0
            else f"; meer dan {drempels.dagen_langdurig} dagen op "
        ),
        _nl_datum(pl.col("datum")),
        pl.when(pl.col("lopend"))
        .then(pl.lit(". Duurt nog voort."))
        .otherwise(
            pl.concat_str(
                pl.lit(". Weer op school op "), _nl_datum(pl.col("einddatum")), pl.lit(".")
            )
        ),
    )


def _nl_datum(datum: pl.Expr) -> pl.Expr:
    return datum.dt.strftime("%d-%m-%Y")


def _uren(minuten: int) -> str:
    uren, rest = divmod(minuten, 60)
    if uren and rest:
        return f"{uren} uur {rest} min"
    return f"{uren} uur" if uren else f"{rest} min"


def _dag(d: date) -> str:
    return d.strftime("%d-%m-%Y")


# --- verzuim_16_uur -----------------------------------------------------------------------


def verzuim_16_uur(v: Voorbereid, drempels: Drempels) -> pl.DataFrame:
    """Minutes without valid reason (ongeoorloofd + luxe + te laat) reach 16 × 60 within 4
    consecutive lesweken: a rolling window of lesweken, so a holiday week is skipped, not
    counted. The signal date is the lesdag on which the total is reached; after a signal the
    next window starts in the following lesweek. Source: LPW art. 21a (the school reports to
    DUO) with Besluit register onderwijsdeelnemers art. 14."""
    n = drempels.lesweken_16_uur
    dagen = (
        v.verzuim.select(*_SLEUTEL, "datum", "weeknr", "maandag", *ONGEOORLOOFD_KOLOMMEN)
        .with_columns(_m=_minuten(*ONGEOORLOOFD_KOLOMMEN))
        .filter(pl.col("_m") > 0)
    )
    # a necessary condition, cheap to test: 16 hours in the whole period
    genoeg = (
        dagen.group_by(_SLEUTEL)
        .agg(pl.col("_m").sum())
        .filter(pl.col("_m") >= drempels.minuten_16_uur)
        .select(_SLEUTEL)
    )
    dagen = dagen.join(genoeg, on=_SLEUTEL, how="semi", maintain_order="left")
    treffers = _eerste_vensters(
        dagen, "datum", "_m", n, drempels.minuten_16_uur, sommen=ONGEOORLOOFD_KOLOMMEN
    )
    if not treffers.height:
        return _gebeurtenissen(v, pl.DataFrame(), VERZUIM_16_UUR)
    # the explanation, only for the pupils of compulsory age without exemption on the day
    treffers = v.plichtig_zonder_vrijstelling(treffers).with_row_index("_i")
    lesweken = pl.col("weeknr") - pl.col("_eerste_week") + 1
    kalenderweken = (pl.col("maandag") - pl.col("_eerste_maandag")).dt.total_days() // 7 + 1
    overgeslagen = kalenderweken - lesweken
    vakanties = (
        treffers.select("_i", "school_id", "_eerste_maandag", "maandag")
        .join(v.vakanties, on="school_id", how="inner")
        .filter(
            (pl.col("begindatum") <= pl.col("maandag"))
            & (pl.col("einddatum") >= pl.col("_eerste_maandag"))
        )
        .group_by("_i")
        .agg(_vakanties=pl.col("naam").unique().sort().str.join(" en "))
    )
    soorten = pl.concat_list(
        [
            pl.when(pl.col(f"_{k}") > 0).then(
                pl.concat_str(pl.lit(f"{naam} "), _uren_expr(f"_{k}"))
            )
            for k, naam in zip(
                ONGEOORLOOFD_KOLOMMEN, ("ongeoorloofd", "luxe verzuim", "te laat"), strict=True
            )
        ]
    ).list.drop_nulls()
    weken = pl.concat_str(
        lesweken.cast(pl.Utf8),
        pl.when(lesweken == 1).then(pl.lit(" lesweek")).otherwise(pl.lit(" lesweken")),
        pl.when(overgeslagen == 0)
        .then(pl.lit(""))
        .when(pl.col("_vakanties").is_not_null())
        .then(pl.concat_str(pl.lit(", "), pl.col("_vakanties"), pl.lit(" overgeslagen")))
        .otherwise(
            pl.concat_str(
                pl.lit(", "),
                overgeslagen.cast(pl.Utf8),
                pl.when(overgeslagen == 1).then(pl.lit(" week")).otherwise(pl.lit(" weken")),
                pl.lit(" zonder lessen overgeslagen"),
            )
        ),
    )
    nummers = (
        pl.when(lesweken == 1)
        .then(pl.concat_str(pl.lit("lesweek "), pl.col("_eerste_maandag").dt.week().cast(pl.Utf8)))
        .otherwise(
            pl.concat_str(
                pl.lit("lesweken "),
                pl.col("_eerste_maandag").dt.week().cast(pl.Utf8),
                pl.lit("–"),
                pl.col("maandag").dt.week().cast(pl.Utf8),
            )
        )
    )
    return (
        treffers.join(vakanties, on="_i", how="left")
        .with_columns(_soorten=soorten)
        .select(
            "leerling_id",
            "school_id",
            "datum",
            begindatum=pl.col("_eerste_maandag"),
            van=pl.col("_eerste_maandag"),
            tot=pl.col("datum"),
            minuten=pl.col("_totaal"),
            dagen=pl.col("_dagen"),
            uitleg=pl.concat_str(
                _uren_expr("_totaal"),
                pl.lit(" zonder geldige reden"),
                pl.when(pl.col("_soorten").list.len() > 1)
                .then(pl.concat_str(pl.lit(" ("), pl.col("_soorten").list.join(", "), pl.lit(")")))
                .otherwise(pl.lit("")),
                pl.lit(" in "),
                nummers,
                pl.lit(" ("),
                weken,
                pl.lit(f"); {_uren(drempels.minuten_16_uur)} bereikt op "),
                _nl_datum(pl.col("datum")),
                pl.lit("."),
            ),
            soort=pl.lit(VERZUIM_16_UUR),
            einddatum=_LEEG_DATUM,
        )
    )


def _uren_expr(kolom: str) -> pl.Expr:
    """Minutes as "16 uur 20 min", "16 uur" or "20 min" (see _uren)."""
    uren, rest = pl.col(kolom) // 60, pl.col(kolom) % 60
    return (
        pl.when((uren > 0) & (rest > 0))
        .then(
            pl.concat_str(uren.cast(pl.Utf8), pl.lit(" uur "), rest.cast(pl.Utf8), pl.lit(" min"))
        )
        .when(uren > 0)
        .then(pl.concat_str(uren.cast(pl.Utf8), pl.lit(" uur")))
        .otherwise(pl.concat_str(rest.cast(pl.Utf8), pl.lit(" min")))
    )


_SLEUTEL: Final = ("leerling_id", "school_id")


def _eerste_vensters(
    rijen: pl.DataFrame,
    volgorde: str,
    waarde: str,
    weken: int,
    drempel: int,
    *,
    sommen: tuple[str, ...] = (),
    herstart_na_week: bool = True,
) -> pl.DataFrame:
    """The rolling window of `weken` lesweken: per pupil and school, the first row (in
    `volgorde`) on which the sum of `waarde` over the rows of its lesweek and the `weken` - 1
    lesweken before reaches `drempel`; then afresh from the following lesweek
    (`herstart_na_week`) or the following row, until no window reaches it. The first window of
    every pupil is found set-based in one query (a running total and an as-of join); the
    windows after it, in Python by _vervolg_vensters, over the rows of the pupils that already
    had one. Returns the hit rows with `_eerste_week`, `_eerste_maandag` (where the window's
    first row lies), `_totaal`, `_dagen` (rows in the window), `_lijst` (their `volgorde`
    values) and the sum of each column in `sommen` as `_<column>`."""
    sleutel = list(_SLEUTEL)
    rest = rijen.sort(*sleutel, volgorde)
    # afresh after a signal: only the rows of a later lesweek, or the later rows
    verder = (
        pl.col("weeknr") > pl.col("_w") if herstart_na_week else pl.col(volgorde) > pl.col("_tot")
    )
    # The set-based pass: the first window of every pupil, in one query.
    cum = rest.lazy().with_columns(_cum=pl.col(waarde).cum_sum().over(sleutel))
    per_week = cum.group_by(*sleutel, "weeknr").agg(_cum_week=pl.col("_cum").max()).sort("weeknr")
    # the running total through the lesweek just before the window
    hits = (
        cum.with_columns(_grens=pl.col("weeknr") - weken)
        .sort("_grens")
        .join_asof(
            per_week.rename({"weeknr": "_week_voor"}),
            left_on="_grens",
            right_on="_week_voor",
            by=sleutel,
            strategy="backward",
            check_sortedness=False,  # sorted on the key; polars cannot check within groups
        )
        .with_columns(_totaal=pl.col("_cum") - pl.col("_cum_week").fill_null(0))
        .filter(pl.col("_totaal") >= drempel)
        .sort(*sleutel, volgorde)
        .unique(subset=sleutel, keep="first", maintain_order=True)
    )
    sleutels_hits = hits.select(*sleutel, _w=pl.col("weeknr"), _tot=pl.col(volgorde))
    venster = (
        cum.join(sleutels_hits, on=sleutel, how="inner")
        .filter((pl.col("weeknr") > pl.col("_w") - weken) & (pl.col(volgorde) <= pl.col("_tot")))
        .group_by(sleutel)
        .agg(
            pl.col("weeknr").min().alias("_eerste_week"),
            pl.col("maandag").min().alias("_eerste_maandag"),
            pl.len().cast(pl.Int64).alias("_dagen"),
            pl.col(volgorde).sort().alias("_lijst"),
            *[pl.col(k).sum().alias(f"_{k}") for k in sommen],
        )
    )
    eerste, rest = pl.collect_all(
        [
            hits.drop("_cum", "_grens", "_week_voor", "_cum_week").join(
                venster, on=sleutel, how="inner"
            ),
            cum.join(sleutels_hits, on=sleutel, how="inner")
            .filter(verder)
            .drop("_w", "_tot", "_cum"),
        ]
    )
    # The sequential detail, in Python, over the rest of the flagged pupils' rows only.
    vervolg = _vervolg_vensters(
        rest, volgorde, waarde, weken, drempel, sommen=sommen, herstart_na_week=herstart_na_week
    )
    if not vervolg:
        return eerste
    return pl.concat(
        [eerste, pl.DataFrame(vervolg, schema_overrides=eerste.schema)], how="diagonal_relaxed"
    )


def _vervolg_vensters(
    rijen: pl.DataFrame,
    volgorde: str,
    waarde: str,
    weken: int,
    drempel: int,
    *,
    sommen: tuple[str, ...],
    herstart_na_week: bool,
) -> list[dict[str, Any]]:
    """The windows after the first, one pupil at a time: the same rule as _eerste_vensters."""
    kolommen = [*_SLEUTEL, volgorde, "weeknr", "maandag", waarde, *sommen]
    treffers: list[dict[str, Any]] = []
    venster: deque[tuple[Any, ...]] = deque()
    huidig: tuple[int, int] | None = None
    vanaf = 0
    for rij in rijen.sort(*_SLEUTEL, volgorde).select(kolommen).iter_rows():
        sleutel, weeknr = (rij[0], rij[1]), rij[3]
        if sleutel != huidig:
            huidig, vanaf = sleutel, 0
            venster.clear()
        if weeknr < vanaf:
            continue
        while venster and venster[0][3] <= weeknr - weken:
            venster.popleft()
        venster.append(rij)
        totaal = sum(r[5] for r in venster)
        if totaal < drempel:
            continue
        treffers.append(
            {
                **dict(zip(kolommen[:5], rij[:5], strict=True)),
                "_totaal": totaal,
                "_eerste_week": venster[0][3],
                "_eerste_maandag": venster[0][4],
                "_dagen": len(venster),
                "_lijst": [r[2] for r in venster],
                **{f"_{k}": sum(r[6 + i] for r in venster) for i, k in enumerate(sommen)},
            }
        )
        venster.clear()
        if herstart_na_week:
            vanaf = weeknr + 1
    return treffers


def _gebeurtenissen(v: Voorbereid, signalen: pl.DataFrame, soort: str) -> pl.DataFrame:
    """Rows of SIGNAAL_SCHEMA for event signals, of pupils of compulsory age without exemption
    on the signal date."""
    if not signalen.height:
        return _leeg(SIGNAAL_SCHEMA)
    return v.plichtig_zonder_vrijstelling(signalen).with_columns(
        soort=pl.lit(soort), einddatum=_LEEG_DATUM
    )


def zorgwekkend_ziekteverzuim(v: Voorbereid, drempels: Drempels) -> pl.DataFrame:
    """Four sick reports (a sick report is a run of consecutive lesdagen with sick minutes;
    a weekend or holiday does not break it) starting within 12 lesweken, or the 7th
    consecutive lesdag sick. The signal date is the start of the 4th report, or the 7th sick
    lesdag; after a 4-reports signal the count starts afresh with the next report. Source: the
    MAZL criteria (Medische Advisering van de Ziekgemelde Leerling, VO/MBO)."""
    n = drempels.ziekdagen_aaneengesloten
    runs = _runs(
        v,
        pl.col("minuten_ziek") > 0,
        pl.col("minuten_ziek"),
        {},
    )
    lang = _ziek_lang(v, runs, n)
    vaak = _ziek_vaak(v, runs, drempels)
    beide = pl.concat(
        [deel.select(SIGNAAL_SCHEMA.names()).cast(SIGNAAL_SCHEMA) for deel in (lang, vaak)],
        how="vertical",
    )
    # the 7th day of a report that is also the first of four: one episode
    return beide.sort("datum").unique(
        ["leerling_id", "begindatum"], keep="first", maintain_order=True
    )


def _ziek_lang(v: Voorbereid, runs: pl.DataFrame, n: int) -> pl.DataFrame:
    # the n-th lesdag of each run, if it has one
    nde = (
        v.lesdagen.select("school_id", "dagnr", nde=pl.col("datum"))
        .join(
            runs.filter(pl.col("dagen") >= n).with_columns(dagnr=pl.col("begin_dagnr") + n - 1),
            on=["school_id", "dagnr"],
            how="inner",
        )
        .with_columns(datum=pl.col("nde"), begindatum=pl.col("begin"), van=pl.col("begin"))
    )
    signalen = v.plichtig_zonder_vrijstelling(nde).with_columns(
        tot=pl.col("eind"),
        uitleg=pl.concat_str(
            pl.lit(f"{n} aaneengesloten lesdagen ziek: ziek sinds "),
            _nl_datum(pl.col("begin")),
            pl.lit(f", de {n}e lesdag was "),
            _nl_datum(pl.col("datum")),
            pl.when(pl.col("lopend"))
            .then(pl.lit("; nog steeds ziek"))
            .otherwise(pl.concat_str(pl.lit("; ziek tot en met "), _nl_datum(pl.col("eind")))),
            pl.lit(" (MAZL)."),
        ),
    )
    return signalen.with_columns(soort=pl.lit(ZORGWEKKEND_ZIEKTEVERZUIM), einddatum=_LEEG_DATUM)


def _ziek_vaak(v: Voorbereid, runs: pl.DataFrame, drempels: Drempels) -> pl.DataFrame:
    aantal, weken = drempels.ziekmeldingen, drempels.ziekmeldingen_lesweken
    meldingen = runs.join(
        v.lesdagen.select(
            "school_id", "maandag", begin_dagnr=pl.col("dagnr"), weeknr=pl.col("weeknr")
        ),
        on=["school_id", "begin_dagnr"],
        how="inner",
    ).with_columns(_een=pl.lit(1, dtype=pl.Int64), _ziekdagen=pl.col("dagen"))
    # a necessary condition, cheap to test: enough reports in the whole period
    genoeg = meldingen.group_by(_SLEUTEL).len().filter(pl.col("len") >= aantal).select(_SLEUTEL)
    meldingen = meldingen.join(genoeg, on=_SLEUTEL, how="semi")
    treffers = _eerste_vensters(
        meldingen, "begin", "_een", weken, aantal, sommen=("_ziekdagen",), herstart_na_week=False
    )
    if not treffers.height:
        return _gebeurtenissen(v, pl.DataFrame(), ZORGWEKKEND_ZIEKTEVERZUIM)
    data = pl.col("_lijst").list.eval(pl.element().dt.strftime("%d-%m-%Y"))
    signalen = treffers.select(
        "leerling_id",
        "school_id",
        begindatum=pl.col("_lijst").list.first(),
        datum=pl.col("begin"),
        van=pl.col("_lijst").list.first(),
        tot=pl.col("begin"),
        minuten=pl.lit(0, dtype=pl.Int64),
        dagen=pl.col("__ziekdagen"),
        uitleg=pl.concat_str(
            pl.col("_lijst").list.len().cast(pl.Utf8),
            pl.lit(f" ziekmeldingen binnen {weken} lesweken, op "),
            data.list.head(pl.col("_lijst").list.len() - 1).list.join(", "),
            pl.lit(" en "),
            data.list.last(),
            pl.lit(" (MAZL)."),
        ),
    )
    return _gebeurtenissen(v, signalen, ZORGWEKKEND_ZIEKTEVERZUIM)


# --- absoluut verzuim, four-year-olds, thuiszitters ----------------------------------------


def _absoluut(v: Voorbereid) -> pl.DataFrame:
    """The pupils in absoluut verzuim on the peildatum, with begindatum: the day it began."""
    p = v.peildatum
    nu_ingeschreven = v.op_peildatum(v.inschrijvingen).select("leerling_id")
    nu_vrijgesteld = v.op_peildatum(v.vrijstellingen).select("leerling_id")
    return (
        v.leerlingen.filter(
            pl.col("woont_in_gemeente")
            & (pl.col("leerplichtig_vanaf") <= p)
            & (pl.col("kwalificatieplichtig_tot") >= p)
        )
        .join(nu_ingeschreven, on="leerling_id", how="anti")
        .join(nu_vrijgesteld, on="leerling_id", how="anti")
        .join(v.laatste_einde(v.inschrijvingen, "ingeschreven_tot"), on="leerling_id", how="left")
        .join(v.laatste_einde(v.vrijstellingen, "vrijgesteld_tot"), on="leerling_id", how="left")
        .with_columns(
            begindatum=pl.max_horizontal(
                pl.col("leerplichtig_vanaf"),
                pl.col("ingeschreven_tot") + pl.duration(days=1),
                pl.col("vrijgesteld_tot") + pl.duration(days=1),
            )
        )
    )


def _zonder_school(p: date) -> dict[str, pl.Expr]:
    """The columns of a signal about a situation on the peildatum that no school is part of
    (absoluut verzuim, four-year-olds): from begindatum up to the peildatum, in calendar
    days."""
    return {
        "datum": pl.col("begindatum"),
        "einddatum": _LEEG_DATUM,
        "school_id": pl.lit(None, dtype=pl.Int64),
        "van": pl.col("begindatum"),
        "tot": pl.lit(p),
        "minuten": pl.lit(0, dtype=pl.Int64),
        "dagen": (pl.lit(p) - pl.col("begindatum")).dt.total_days() + 1,
    }


def absoluut_verzuim(v: Voorbereid, drempels: Drempels) -> pl.DataFrame:
    """Leerplichtig or kwalificatieplichtig on the peildatum, living in the municipality, no
    enrolment and no exemption on the peildatum. The episode began on the latest of: the start
    of leerplicht, the day after the last enrolment, the day after the last exemption. Source:
    LPW art. 2 and 19 (the municipality checks the population register against the
    enrolments)."""
    p = v.peildatum
    plicht = (
        pl.when(pl.col("leerplichtig_tot") >= p)
        .then(pl.lit("Leerplichtig"))
        .otherwise(pl.lit("Kwalificatieplichtig"))
    )
    return _absoluut(v).with_columns(
        **_zonder_school(p),
        soort=pl.lit(ABSOLUUT_VERZUIM),
        uitleg=pl.concat_str(
            plicht,
            pl.lit(" en woont in de gemeente, maar op "),
            pl.lit(_dag(p)),
            pl.lit(" op geen school ingeschreven en niet vrijgesteld; "),
            pl.when(pl.col("ingeschreven_tot").is_not_null())
            .then(
                pl.concat_str(
                    pl.lit("niet meer ingeschreven sinds "),
                    _nl_datum(pl.col("ingeschreven_tot") + pl.duration(days=1)),
                    pl.lit("."),
                )
            )
            .otherwise(
                pl.concat_str(
                    pl.lit("nooit ingeschreven geweest; leerplichtig sinds "),
                    _nl_datum(pl.col("leerplichtig_vanaf")),
                    pl.lit("."),
                )
            ),
        ),
    )


def vierjarige_niet_ingeschreven(v: Voorbereid, drempels: Drempels) -> pl.DataFrame:
    """Lives in the municipality, 4 years and 9 months or older, not yet leerplichtig and not
    enrolled on the peildatum. Source: the Utrecht approach (four-year-olds "in beeld")."""
    p = v.peildatum
    maanden = drempels.vierjarige_maanden
    nu_ingeschreven = v.op_peildatum(v.inschrijvingen).select("leerling_id")
    return (
        v.leerlingen.with_columns(_grens=pl.col("geboortedatum").dt.offset_by(f"{maanden}mo"))
        .filter(
            pl.col("woont_in_gemeente")
            & (pl.col("_grens") <= p)
            & (pl.col("leerplichtig_vanaf") > p)
        )
        .join(nu_ingeschreven, on="leerling_id", how="anti")
        .join(v.laatste_einde(v.inschrijvingen, "ingeschreven_tot"), on="leerling_id", how="left")
        .with_columns(
            begindatum=pl.max_horizontal(
                pl.col("_grens"), pl.col("ingeschreven_tot") + pl.duration(days=1)
            )
        )
        .with_columns(
            **_zonder_school(p),
            soort=pl.lit(VIERJARIGE_NIET_INGESCHREVEN),
            uitleg=pl.concat_str(
                pl.lit(f"{maanden // 12} jaar en {maanden % 12} maanden sinds "),
                _nl_datum(pl.col("_grens")),
                pl.lit(", leerplichtig vanaf "),
                _nl_datum(pl.col("leerplichtig_vanaf")),
                pl.lit(", maar op "),
                pl.lit(_dag(p)),
                pl.lit(" op geen school ingeschreven."),
            ),
        )
    )


def thuiszitter_3_maanden(v: Voorbereid, drempels: Drempels) -> pl.DataFrame:
    """A thuiszit period (langdurig relatief verzuim, or absoluut verzuim) longer than 3
    months; with `verborgen_thuiszitters_meetellen` also a period at home with a valid reason.
    The signal date is the first lesdag of the run 3 months after it began (for absoluut
    verzuim: the day 3 months after it began). A passend aanbod ends the period; until the
    regie app records one, the period ends when the pupil is back at school or enrolled.
    Source: Thuiszitterspact 2016 (no child at home longer than 3 months without a fitting
    offer)."""
    verborgen = drempels.verborgen_thuiszitters_meetellen
    kolommen = ALLE_KOLOMMEN if verborgen else ONGEOORLOOFD_KOLOMMEN
    maanden = drempels.thuiszitter_maanden
    runs = _lange_runs(_hele_dagen_runs(v, drempels, kolommen), v, "na_3_maanden").with_columns(
        uitleg=pl.concat_str(
            pl.lit("Thuiszitter sinds "),
            _nl_datum(pl.col("begin")),
            pl.lit(" (hele dagen afwezig" + ("" if verborgen else " zonder geldige reden")),
            pl.lit(", "),
            pl.col("dagen").cast(pl.Utf8),
            pl.lit(f" lesdagen); langer dan {maanden} maanden op "),
            _nl_datum(pl.col("datum")),
            pl.when(pl.col("lopend"))
            .then(pl.lit(", zonder passend aanbod."))
            .otherwise(
                pl.concat_str(
                    pl.lit(". Weer op school op "), _nl_datum(pl.col("einddatum")), pl.lit(".")
                )
            ),
        )
    )
    p = v.peildatum
    zonder_school = _zonder_school(p)
    # the signal date is 3 months after absoluut verzuim began, not the day it began
    zonder_school["datum"] = pl.col("begindatum").dt.offset_by(f"{maanden}mo")
    absoluut = (
        _absoluut(v)
        .with_columns(**zonder_school)
        .filter(pl.col("datum") <= p)
        .with_columns(
            uitleg=pl.concat_str(
                pl.lit("Thuiszitter sinds "),
                _nl_datum(pl.col("begindatum")),
                pl.lit(f" (op geen school ingeschreven); langer dan {maanden} maanden op "),
                _nl_datum(pl.col("datum")),
                pl.lit(", zonder passend aanbod."),
            ),
        )
    )
    return pl.concat(
        [
            deel.with_columns(soort=pl.lit(THUISZITTER_3_MAANDEN))
            .select(SIGNAAL_SCHEMA.names())
            .cast(SIGNAAL_SCHEMA)
            for deel in (runs, absoluut)
        ],
        how="vertical",
    )


REGELS: Final[dict[str, Callable[[Voorbereid, Drempels], pl.DataFrame]]] = {
    VERZUIM_16_UUR: verzuim_16_uur,
    LANGDURIG_RELATIEF_VERZUIM: langdurig_relatief_verzuim,
    LANGDURIG_GEOORLOOFD_VERZUIM: langdurig_geoorloofd_verzuim,
    ZORGWEKKEND_ZIEKTEVERZUIM: zorgwekkend_ziekteverzuim,
    ABSOLUUT_VERZUIM: absoluut_verzuim,
    VIERJARIGE_NIET_INGESCHREVEN: vierjarige_niet_ingeschreven,
    THUISZITTER_3_MAANDEN: thuiszitter_3_maanden,
}
