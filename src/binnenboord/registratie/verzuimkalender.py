# SPDX-License-Identifier: EUPL-1.2
"""The absence calendar of one pupil for one school year: every day as a cell (lesdag,
holiday, weekend or other free day), the absence of that day by soort, and totals per soort.
One query for the absence; the calendar comes from kern.kalender. Access follows time: the
caller passes the absence the viewer may see (registratie.selectors.zichtbaar_verzuim) and, for a
school, its own enrolment periods; the days outside them are marked "elders" and not counted."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from binnenboord.kern.kalender import Schoolkalender, schooljaar

from .dossier import Markering
from .models import VERZUIMSOORTEN, Leerling, Verzuim

SOORT_LABELS = {
    "ongeoorloofd": _("Unauthorised"),
    "luxe": _("Luxury absence"),
    "te_laat": _("Late"),
    "ziek": _("Sick"),
    "geoorloofd": _("Authorised"),
}
Periode = tuple[date, date | None]  # first and last day of an enrolment (None: no end yet)
# A letter beside the colour, so the calendar does not rely on colour alone (WCAG 1.4.1).
SOORT_LETTERS = {"ongeoorloofd": "O", "luxe": "L", "te_laat": "T", "ziek": "Z", "geoorloofd": "G"}


@dataclass(frozen=True)
class Dag:
    datum: date
    lesdag: bool
    vakantie: bool
    toekomst: bool
    minuten: dict[str, int]
    gemarkeerd: bool = False
    elders: bool = False  # outside the viewing school's own enrolment periods

    @property
    def soort(self) -> str | None:
        """The soort with the most minutes that day, or None when present all day."""
        if not self.minuten:
            return None
        return max(self.minuten, key=lambda s: (self.minuten[s], -VERZUIMSOORTEN.index(s)))

    @property
    def letter(self) -> str:
        return SOORT_LETTERS[self.soort] if self.soort else ""

    @property
    def totaal(self) -> int:
        return sum(self.minuten.values())


@dataclass(frozen=True)
class Maand:
    eerste: date
    dagen: list[Dag | None]  # day 1 to 31 of the month; None past the month's last day


@dataclass(frozen=True)
class Verzuimkalender:
    van: date
    tot: date
    maanden: list[Maand]
    lesdagen: int
    dagen_met_verzuim: int
    uren_per_soort: dict[str, float] = field(default_factory=dict)
    markering: Markering | None = None
    beperkt: bool = False  # only the viewing school's own periods are shown

    @property
    def soorten(self) -> list[tuple[str, str, str, float]]:
        """(soort, label, letter, hours) for the legend and the totals table."""
        return [
            (s, str(SOORT_LABELS[s]), SOORT_LETTERS[s], self.uren_per_soort.get(s, 0.0))
            for s in VERZUIMSOORTEN
        ]


def bouw_verzuimkalender(
    leerling: Leerling,
    *,
    peildatum: date,
    vandaag: date,
    kalender: Schoolkalender,
    markering: Markering | None = None,
    verzuim: QuerySet[Verzuim] | None = None,
    perioden: Sequence[Periode] | None = None,
) -> Verzuimkalender:
    """The calendar of the school year that holds `peildatum`; days after `vandaag` are
    marked as future (no absence can be known yet); days within `markering` are highlighted.
    `verzuim`: the absence rows the viewer may see (default: all). `perioden`: the viewer's
    own enrolment periods (a school); days outside them are "elders", without absence and not
    counted as school days. None: the whole picture (Leerplicht)."""
    van, tot = schooljaar(peildatum)
    bron = Verzuim.objects.all() if verzuim is None else verzuim
    elders = _buiten(perioden)
    per_dag: dict[date, dict[str, int]] = {}
    for rij in bron.filter(leerling=leerling, datum__range=(van, tot)).values(
        "datum", *(f"minuten_{s}" for s in VERZUIMSOORTEN)
    ):
        minuten = {s: rij[f"minuten_{s}"] for s in VERZUIMSOORTEN if rij[f"minuten_{s}"]}
        if minuten and not elders(rij["datum"]):
            per_dag[rij["datum"]] = minuten
    maanden = []
    eerste = van
    while eerste <= tot:
        volgende = date(eerste.year + eerste.month // 12, eerste.month % 12 + 1, 1)
        maanden.append(
            _maand(
                eerste, volgende - timedelta(days=1), per_dag, kalender, vandaag, markering, elders
            )
        )
        eerste = volgende
    totalen = {s: sum(m.get(s, 0) for m in per_dag.values()) for s in VERZUIMSOORTEN}
    lesdagen = kalender.lesdagen(van, min(tot, vandaag)) if van <= vandaag else []
    return Verzuimkalender(
        van=van,
        tot=tot,
        maanden=maanden,
        lesdagen=sum(1 for dag in lesdagen if not elders(dag)),
        dagen_met_verzuim=len(per_dag),
        uren_per_soort={s: round(m / 60, 1) for s, m in totalen.items()},
        markering=markering,
        beperkt=perioden is not None,
    )


def _buiten(perioden: Sequence[Periode] | None) -> Callable[[date], bool]:
    """Whether a day lies outside every period (never, without periods)."""
    if perioden is None:
        return lambda dag: False
    return lambda dag: (
        not any(begin <= dag and (eind is None or dag <= eind) for begin, eind in perioden)
    )


def _maand(
    eerste: date,
    laatste: date,
    per_dag: dict[date, dict[str, int]],
    kalender: Schoolkalender,
    vandaag: date,
    markering: Markering | None = None,
    elders: Callable[[date], bool] = lambda dag: False,
) -> Maand:
    dagen: list[Dag | None] = []
    for nummer in range(1, 32):
        if nummer > laatste.day:
            dagen.append(None)
            continue
        dag = eerste.replace(day=nummer)
        dagen.append(
            Dag(
                datum=dag,
                lesdag=kalender.is_lesdag(dag),
                vakantie=kalender.is_vakantie(dag),
                toekomst=dag > vandaag,
                minuten=per_dag.get(dag, {}),
                gemarkeerd=markering is not None and markering.bevat(dag),
                elders=elders(dag),
            )
        )
    return Maand(eerste=eerste, dagen=dagen)
