# SPDX-License-Identifier: EUPL-1.2
"""Deadlines (termijnen): date arithmetic and the domain's named deadlines (docs/domein.md,
"Signalen" and "Regie: de twee escalatiemodellen"). Pure: no Django, no database, no clock —
the peildatum is always a parameter.

A `Termijndefinitie` says how long a deadline is and where that comes from; applied to a start
it gives a `Termijn` with a concrete `verloopt_op`, whose `status_op(peildatum)` is what the
screens show as due ("binnenkort") or overdue ("verlopen")."""

from __future__ import annotations

import calendar
from collections.abc import Container
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Final, Literal
from zoneinfo import ZoneInfo

TermijnStatus = Literal["lopend", "binnenkort", "verlopen"]
Eenheid = Literal["dagen", "weken", "maanden", "uren", "werkdagen", "schoolweken"]

# The project's TIME_ZONE (docs/ontwikkelen.md): a moment becomes a day in Dutch local time.
AMSTERDAM: Final = ZoneInfo("Europe/Amsterdam")

BINNENKORT_DAGEN: Final = 3

# Longer than any real run of weekends and holidays; only a `feestdagen` that contains every
# day could reach it, and then no answer exists.
_MAX_VRIJE_DAGEN_OP_RIJ: Final = 366


def dagen_na(dag: date, n: int) -> date:
    """The day `n` calendar days after `dag` (negative `n` counts back)."""
    return dag + timedelta(days=n)


def weken_na(dag: date, n: int) -> date:
    """The day `n` weeks (7 × `n` calendar days) after `dag`: the same weekday."""
    return dag + timedelta(weeks=n)


def maanden_na(dag: date, n: int) -> date:
    """The same day of the month `n` calendar months after `dag` (negative `n` counts back).

    When that month is shorter the result is clamped to its last day: 31-01 + 1 month is 28-02
    (29-02 in a leap year), 31-08 + 1 month is 30-09. This is the usual calendar convention
    (the same as dateutil's relativedelta) and keeps a three-month deadline inside the third
    month rather than spilling into the fourth. Raises ValueError only when the result falls
    outside the years 1–9999 that `date` supports."""
    index = dag.year * 12 + (dag.month - 1) + n
    jaar, maand_index = divmod(index, 12)
    maand = maand_index + 1
    if not 1 <= jaar <= 9999:
        raise ValueError(f"{dag} + {n} maanden valt buiten het datumbereik.")
    return date(jaar, maand, min(dag.day, calendar.monthrange(jaar, maand)[1]))


def uren_na(moment: datetime, n: int) -> datetime:
    """The moment `n` real hours after `moment`, in the same time zone.

    Needs a timezone-aware datetime (docs/ontwikkelen.md: alleen tijdzonebewuste tijdstippen); a
    naive one raises
    ValueError. The sum is taken in UTC because adding to a zoned datetime adds wall-clock
    time: across the switch to summer time "48 hours" would otherwise be 47 real hours."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{moment} heeft geen tijdzone; gebruik een tijdzonebewuste datetime.")
    return (moment.astimezone(UTC) + timedelta(hours=n)).astimezone(moment.tzinfo)


def is_werkdag(dag: date, *, feestdagen: Container[date]) -> bool:
    """A werkdag is a weekday that is not a public holiday (docs/domein.md, "Werkdagen")."""
    return dag.weekday() < 5 and dag not in feestdagen


def _volgende_werkdag(dag: date, feestdagen: Container[date]) -> date:
    """The first werkdag after `dag` (never `dag` itself)."""
    for i in range(1, _MAX_VRIJE_DAGEN_OP_RIJ + 1):
        kandidaat = dag + timedelta(days=i)
        if is_werkdag(kandidaat, feestdagen=feestdagen):
            return kandidaat
    raise ValueError(f"Geen werkdag binnen {_MAX_VRIJE_DAGEN_OP_RIJ} dagen na {dag}.")


def naar_werkdag(dag: date, *, feestdagen: Container[date]) -> date:
    """`dag` when it is a werkdag, else the next werkdag: a deadline of a professional that ends
    on a Saturday, Sunday or recognised holiday moves to the next werkdag, as the Algemene
    termijnenwet (art. 1 lid 1) does for statutory deadlines."""
    return dag if is_werkdag(dag, feestdagen=feestdagen) else _volgende_werkdag(dag, feestdagen)


def _maandag(dag: date) -> date:
    return dag - timedelta(days=dag.weekday())


# More weeks than any school calendar has without lessons in a row.
_MAX_VAKANTIEWEKEN_OP_RIJ: Final = 104


def schoolweken_na(dag: date, n: int, *, vakantieweken: Container[date]) -> date:
    """The day `n` school weeks after `dag`: `n` weeks, plus one week for every calendar week
    (Monday to Sunday) without lesdagen on the way. `vakantieweken` holds the Mondays of the
    weeks without lesdagen of the pupil's school (kern.kalender.Schoolkalender.vakantieweken).

    "Langer dan vier weken" counts school weeks: 28 days grow by 7 for each holiday week in
    the run (docs/domein.md, "Uitgewerkte voorbeelden": 02-02-2026 + 4 school weeks across the
    voorjaarsvakantie of region noord is 09-03-2026). The weekday stays the same. Negative `n`
    raises ValueError."""
    if n < 0:
        raise ValueError(f"Aantal schoolweken moet 0 of meer zijn, niet {n}.")
    maandag = _maandag(dag)
    weken = 0
    geteld = 0
    while geteld < n:
        weken += 1
        if maandag + timedelta(weeks=weken) not in vakantieweken:
            geteld += 1
        elif weken - geteld > n + _MAX_VAKANTIEWEKEN_OP_RIJ:
            raise ValueError(f"Geen {n} schoolweken na {dag}: elke week is vakantie.")
    return dag + timedelta(weeks=weken)


def werkdagen_na(dag: date, n: int, *, feestdagen: Container[date]) -> date:
    """The `n`-th werkdag after `dag`; `feestdagen` are the public holidays (e.g. the
    `holidays` package's NL calendar), weekends never count.

    `dag` itself never counts, so "within 10 werkdagen" from a Saturday ends on the 10th
    werkdag from the Monday on. For `n == 0` the answer is `dag` when it is a werkdag, else
    the next werkdag: a deadline of zero days that lands on a weekend or holiday moves to the
    next werkdag, as the Algemene termijnenwet (art. 1 lid 1) does for statutory deadlines.
    Hence the result is always a werkdag and grows strictly with `n` from `n == 1` on.
    Negative `n` raises ValueError."""
    if n < 0:
        raise ValueError(f"Aantal werkdagen moet 0 of meer zijn, niet {n}.")
    if n == 0:
        return naar_werkdag(dag, feestdagen=feestdagen)
    for _ in range(n):
        dag = _volgende_werkdag(dag, feestdagen)
    return dag


def werkdagen_te_laat(verloopt_op: date, peildatum: date, *, feestdagen: Container[date]) -> int:
    """How many werkdagen a deadline is overdue on `peildatum`: the werkdagen after
    `verloopt_op` up to and including `peildatum` (0 while it is not overdue). A deadline of
    Friday is 1 werkdag late on Monday; a weekend or public holiday in between does not count."""
    if peildatum <= verloopt_op:
        return 0
    dagen = (verloopt_op + timedelta(days=i) for i in range(1, (peildatum - verloopt_op).days + 1))
    return sum(1 for dag in dagen if is_werkdag(dag, feestdagen=feestdagen))


@dataclass(frozen=True)
class Termijn:
    """One concrete deadline. `verloopt_op` is the last day on which it is still met.

    Hour-based deadlines also carry the exact moment in `verloopt_om`; `verloopt_op` is then
    its day in Dutch local time."""

    naam: str
    bron: str
    start: date
    verloopt_op: date
    verloopt_om: datetime | None = None

    def status_op(
        self, peildatum: date, *, binnenkort_dagen: int = BINNENKORT_DAGEN
    ) -> TermijnStatus:
        """ "verlopen" after `verloopt_op`; "binnenkort" from `binnenkort_dagen` days before it
        up to and including that day; "lopend" before that (also before `start`).

        A timezone-aware datetime as peildatum is compared to the exact `verloopt_om` when the
        deadline has one, so a 48-hour deadline is overdue the moment it passes."""
        if isinstance(peildatum, datetime):
            if peildatum.tzinfo is None or peildatum.utcoffset() is None:
                raise ValueError(f"{peildatum} heeft geen tijdzone.")
            if self.verloopt_om is not None:
                # In UTC: Python compares two datetimes with the same tzinfo on wall-clock
                # time, which is wrong in the hour that repeats when summer time ends.
                moment, verloopt_om = peildatum.astimezone(UTC), self.verloopt_om.astimezone(UTC)
                if moment > verloopt_om:
                    return "verlopen"
                if moment >= verloopt_om - timedelta(days=binnenkort_dagen):
                    return "binnenkort"
                return "lopend"
            peildatum = peildatum.astimezone(AMSTERDAM).date()
        if peildatum > self.verloopt_op:
            return "verlopen"
        if peildatum >= self.verloopt_op - timedelta(days=binnenkort_dagen):
            return "binnenkort"
        return "lopend"


@dataclass(frozen=True)
class Termijndefinitie:
    """A kind of deadline: `aantal` × `eenheid` after a start, with its source in `bron`.

    The values below are defaults; an escalation model (policy as data) may declare its own."""

    naam: str
    bron: str
    eenheid: Eenheid
    aantal: int

    def termijn_vanaf(
        self,
        start: date | datetime,
        *,
        feestdagen: Container[date] | None = None,
        vakantieweken: Container[date] | None = None,
        naar_werkdag: bool = False,
    ) -> Termijn:
        """The deadline that starts at `start`.

        Hour-based deadlines need a timezone-aware datetime; werkdagen need `feestdagen`
        (there is deliberately no default: a deadline that ignores holidays is wrong);
        schoolweken need `vakantieweken` (the Mondays of the weeks without lesdagen, see
        schoolweken_na). Other deadlines take a date, or an aware datetime that counts as its
        local day. With `naar_werkdag` (a professional's deadline) a deadline that ends on a
        Saturday, Sunday or one of `feestdagen` moves to the next werkdag; an hour-based one
        keeps its time of day."""
        if naar_werkdag and feestdagen is None:
            raise ValueError(f"Termijn {self.naam} naar een werkdag heeft feestdagen nodig.")
        if self.eenheid == "uren":
            if not isinstance(start, datetime):
                raise ValueError(f"Termijn {self.naam} in uren heeft een tijdstip nodig.")
            verloopt_om = uren_na(start, self.aantal)
            if naar_werkdag and feestdagen is not None:
                lokaal = verloopt_om.astimezone(AMSTERDAM)
                dag = naar_werkdag_(lokaal.date(), feestdagen=feestdagen)
                if dag != lokaal.date():
                    verloopt_om = datetime.combine(dag, lokaal.time(), tzinfo=AMSTERDAM)
            return Termijn(
                naam=self.naam,
                bron=self.bron,
                start=start.astimezone(AMSTERDAM).date(),
                verloopt_op=verloopt_om.astimezone(AMSTERDAM).date(),
                verloopt_om=verloopt_om,
            )
        dag = _als_dag(start)
        verloopt_op: date
        if self.eenheid == "werkdagen":
            if feestdagen is None:
                raise ValueError(f"Termijn {self.naam} in werkdagen heeft feestdagen nodig.")
            verloopt_op = werkdagen_na(dag, self.aantal, feestdagen=feestdagen)
        elif self.eenheid == "schoolweken":
            if vakantieweken is None:
                raise ValueError(f"Termijn {self.naam} in schoolweken heeft vakantieweken nodig.")
            verloopt_op = schoolweken_na(dag, self.aantal, vakantieweken=vakantieweken)
        elif self.eenheid == "maanden":
            verloopt_op = maanden_na(dag, self.aantal)
        elif self.eenheid == "weken":
            verloopt_op = weken_na(dag, self.aantal)
        else:
            verloopt_op = dagen_na(dag, self.aantal)
        if naar_werkdag and feestdagen is not None:
            verloopt_op = naar_werkdag_(verloopt_op, feestdagen=feestdagen)
        return Termijn(naam=self.naam, bron=self.bron, start=dag, verloopt_op=verloopt_op)


# the module-level function, under a name the keyword argument `naar_werkdag` does not hide
naar_werkdag_ = naar_werkdag


def _als_dag(start: date | datetime) -> date:
    if isinstance(start, datetime):
        if start.tzinfo is None or start.utcoffset() is None:
            raise ValueError(f"{start} heeft geen tijdzone.")
        return start.astimezone(AMSTERDAM).date()
    return start


# The Utrecht text of the project (docs/domein.md, "Regie: de twee escalatiemodellen"): these
# deadlines it states; public sources have not confirmed them yet (Bronnen § 6.2), so they are
# settings with this reading as the default. Deadlines the texts do not state are marked
# [ONBEVESTIGD] where a model declares them (kern.aanpak).
_UTRECHTSE_TEKST: Final = (
    "Utrechtse aanpak 'Van thuiszitten naar schoolgaan' (uitgangstekst; docs/domein.md, "
    "Bronnen § 6.2)"
)

VIER_WEKEN: Final = Termijndefinitie(
    naam="vier_weken",
    bron=(
        "Landelijke thuiszitterdefinitie (3 februari 2016): langdurig relatief verzuim langer "
        "dan 4 weken, geteld in schoolweken (een week zonder lesdagen telt niet); "
        "Amsterdam-Noord pilot (2017): na 4 weken gaat de regie van de school naar de "
        "leerplichtambtenaar"
    ),
    eenheid="schoolweken",
    aantal=4,
)
DRIE_MAANDEN: Final = Termijndefinitie(
    naam="drie_maanden",
    bron=(
        "Thuiszitterspact (13 juni 2016): geen kind langer dan drie maanden thuis zonder passend "
        "aanbod; Amsterdam-Noord pilot (2017): na 3 maanden naar het Doorbraakoverleg"
    ),
    eenheid="maanden",
    aantal=3,
)
ACHT_WEKEN: Final = Termijndefinitie(
    naam="acht_weken",
    bron=(
        f"{_UTRECHTSE_TEKST}: na 8 weken zonder passend aanbod wordt de casus voorgelegd aan de "
        "teammanagers van de kernpartners (geteld in schoolweken)"
    ),
    eenheid="schoolweken",
    aantal=8,
)
TIEN_WEKEN: Final = Termijndefinitie(
    naam="tien_weken",
    bron=(
        f"{_UTRECHTSE_TEKST}: niet binnen 10 weken een gezamenlijk besluit van school, "
        "kernpartners, ouders en leerling: naar het Interventieteam VO (geteld in schoolweken)"
    ),
    eenheid="schoolweken",
    aantal=10,
)
ACHTENVEERTIG_UUR: Final = Termijndefinitie(
    naam="achtenveertig_uur",
    bron=f"{_UTRECHTSE_TEKST}: het Interventieteam VO maakt binnen 48 uur een plan",
    eenheid="uren",
    aantal=48,
)
TIEN_WERKDAGEN: Final = Termijndefinitie(
    naam="tien_werkdagen",
    bron=f"{_UTRECHTSE_TEKST}: het Interventieteam VO bereikt binnen 10 werkdagen een oplossing",
    eenheid="werkdagen",
    aantal=10,
)
TWEE_WEKEN: Final = Termijndefinitie(
    naam="twee_weken",
    bron=(
        f"{_UTRECHTSE_TEKST}: jeugdhulp kent geen wachtlijst; heeft een aanbieder geen plek, "
        "dan volgt binnen twee weken een alternatief"
    ),
    eenheid="weken",
    aantal=2,
)

DOMEINTERMIJNEN: Final[dict[str, Termijndefinitie]] = {
    definitie.naam: definitie
    for definitie in (
        VIER_WEKEN,
        DRIE_MAANDEN,
        ACHT_WEKEN,
        TIEN_WEKEN,
        ACHTENVEERTIG_UUR,
        TIEN_WERKDAGEN,
        TWEE_WEKEN,
    )
}

BRON_VERNIEUWING_VRIJSTELLING: Final = (
    "art. 6 lid 2 Leerplichtwet 1969: de kennisgeving van een beroep op vrijstelling elk jaar "
    "opnieuw vóór 1 juli"
)


def vernieuwing_vrijstelling(peildatum: date) -> Termijn:
    """The yearly renewal of a claimed vrijstelling that is due next on `peildatum`: the
    kennisgeving must be made again every year before 1 July (art. 6 lid 2 Leerplichtwet
    1969), so the last day is 30 June. The caller skips it when the art. 7 statement says the
    child will never be able to attend a school (art. 6 lid 3)."""
    jaar = peildatum.year if peildatum <= date(peildatum.year, 6, 30) else peildatum.year + 1
    return Termijn(
        naam="vernieuwing_vrijstelling",
        bron=BRON_VERNIEUWING_VRIJSTELLING,
        start=date(jaar - 1, 7, 1),
        verloopt_op=date(jaar, 6, 30),
    )
