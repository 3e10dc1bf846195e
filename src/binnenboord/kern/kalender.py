# SPDX-License-Identifier: EUPL-1.2
"""The school calendar: lesdagen, lesweken, school years and werkdagen (docs/domein.md, "Verzuim
en de schoolkalender"). Pure: no Django, no database, no I/O.

- A **lesdag** is a weekday that is not a public holiday, not in the school holiday of the
  school's region (noord/midden/zuid) and not one of the school's own free days.
- A **lesweek** is a calendar week (Monday to Sunday) with at least one lesdag.
- A **werkdag** (for deadlines of professionals) is a weekday that is not a generally
  recognised holiday (Algemene termijnenwet art. 3: Nieuwjaarsdag, tweede paas- en
  pinksterdag, Hemelvaartsdag, eerste en tweede kerstdag, Koningsdag, and 5 May).
- The school year runs from 1 August to 31 July (LPW art. 1).

Public and school holidays come from the `holidays` package (NL, per region; school holidays
for the published years). Holidays from the rijksoverheid open-data feed (see
`lees_schoolvakanties`) replace the package's school holidays for the school years they cover.
Goede Vrijdag counts as a free day for schools, as the package lists it [ONBEVESTIGD: school-
specific]; it is no generally recognised holiday, so it is a werkdag."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache, cached_property
from typing import Any
from zoneinfo import ZoneInfo

import holidays

from .termijnen import is_werkdag, werkdagen_na

REGIO_NAAR_SUBDIV = {"noord": "Noord", "midden": "Midden", "zuid": "Zuid"}
HEEL_NEDERLAND = "heel nederland"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# Years the calendar knows; school holidays exist in the package for published years only.
JAREN = range(2000, 2051)


@dataclass(frozen=True)
class Vakantie:
    """A school holiday of one region, first and last day inclusive."""

    naam: str
    regio: str
    begin: date
    eind: date
    verplicht: bool

    def dagen(self) -> list[date]:
        return [self.begin + timedelta(days=i) for i in range((self.eind - self.begin).days + 1)]


@dataclass(frozen=True)
class GeenLesdag:
    """Why a day is no lesdag: `soort` is weekend (`naam` empty: the weekday tells), feestdag
    or vakantie (`naam`: the day's or holiday's Dutch name), or vrije_dag (the school's own)."""

    soort: str
    naam: str = ""


@cache
def _namen(regio: str, categorie: str) -> holidays.HolidayBase:
    """The package's holidays with their Dutch names (for saying why a day is free)."""
    return holidays.country_holidays(
        "NL", subdiv=REGIO_NAAR_SUBDIV[regio], categories=(categorie,), years=JAREN, language="nl"
    )


@cache
def _pakket(regio: str, categorie: str) -> holidays.HolidayBase:
    """The package's holidays of one region and category, computed once per process; in
    English always (_erkende_feestdagen compares a name), whatever the package's default."""
    return holidays.country_holidays(
        "NL",
        subdiv=REGIO_NAAR_SUBDIV[regio],
        categories=(categorie,),
        years=JAREN,
        language="en_US",
    )


def schooljaar(dag: date) -> tuple[date, date]:
    """The school year of `dag`: 1 August up to and including 31 July (LPW art. 1)."""
    begin_jaar = dag.year if dag.month >= 8 else dag.year - 1
    return date(begin_jaar, 8, 1), date(begin_jaar + 1, 7, 31)


class Schoolkalender:
    def __init__(
        self,
        regio: str,
        vrije_dagen: Iterable[date] = (),
        *,
        vakanties: Iterable[Vakantie] = (),
    ) -> None:
        if regio not in REGIO_NAAR_SUBDIV:
            raise ValueError(f"Onbekende regio {regio!r}: kies noord, midden of zuid.")
        self.regio = regio
        self.vrije_dagen = frozenset(vrije_dagen)
        self.vakanties = tuple(v for v in vakanties if v.regio in (regio, HEEL_NEDERLAND))

    @cached_property
    def _feestdagen(self) -> frozenset[date]:
        return frozenset(_pakket(self.regio, "public"))

    @cached_property
    def _schoolvakanties(self) -> frozenset[date]:
        # The feed's holidays replace the package's for every school year the feed covers.
        vervangen = {schooljaar(v.begin) for v in self.vakanties}
        uit_pakket = {d for d in _pakket(self.regio, "school") if schooljaar(d) not in vervangen}
        return frozenset(uit_pakket.union(*(v.dagen() for v in self.vakanties)))

    @cached_property
    def _erkende_feestdagen(self) -> frozenset[date]:
        """Algemene termijnenwet art. 3: no Goede Vrijdag; 5 May every year."""
        feestdagen = _pakket(self.regio, "public")
        dagen = {d for d, naam in feestdagen.items() if naam != "Good Friday"}
        return frozenset(dagen | {date(jaar, 5, 5) for jaar in JAREN})

    def is_vakantie(self, dag: date) -> bool:
        return dag in self._schoolvakanties

    def is_lesdag(self, dag: date) -> bool:
        return (
            dag.weekday() < 5
            and dag not in self._feestdagen
            and dag not in self._schoolvakanties
            and dag not in self.vrije_dagen
        )

    def geen_lesdag(self, dag: date) -> GeenLesdag | None:
        """Why `dag` is no lesdag (None: it is one): the weekend first, then a public holiday,
        the school holiday, the school's own free day."""
        if dag.weekday() >= 5:
            return GeenLesdag("weekend")
        if dag in self._feestdagen:
            return GeenLesdag("feestdag", str(_namen(self.regio, "public").get(dag, "")))
        if dag in self._schoolvakanties:
            uit_feed = next((v.naam for v in self.vakanties if v.begin <= dag <= v.eind), None)
            naam = uit_feed or _namen(self.regio, "school").get(dag, "")
            return GeenLesdag("vakantie", str(naam))
        if dag in self.vrije_dagen:
            return GeenLesdag("vrije_dag")
        return None

    def lesdagen(self, van: date, tot: date) -> list[date]:
        """The lesdagen from `van` up to and including `tot`."""
        dagen = (van + timedelta(days=i) for i in range((tot - van).days + 1))
        return [dag for dag in dagen if self.is_lesdag(dag)]

    def lesweek(self, dag: date) -> date | None:
        """The Monday of `dag`'s week if that week has a lesdag, else None."""
        maandag = dag - timedelta(days=dag.weekday())
        if any(self.is_lesdag(maandag + timedelta(days=i)) for i in range(5)):
            return maandag
        return None

    def schooljaar(self, dag: date) -> tuple[date, date]:
        return schooljaar(dag)

    @cached_property
    def vakantieweken(self) -> Vakantieweken:
        """The Mondays of the weeks without lesdagen, as kern.termijnen counts school weeks
        (Termijndefinitie with eenheid "schoolweken")."""
        return Vakantieweken(self)

    def is_werkdag(self, dag: date) -> bool:
        return is_werkdag(dag, feestdagen=self._erkende_feestdagen)

    def werkdag_plus(self, dag: date, n: int) -> date:
        """`n` werkdagen after `dag` (Algemene termijnenwet: weekends and recognised
        holidays do not count)."""
        return werkdagen_na(dag, n, feestdagen=self._erkende_feestdagen)


class Vakantieweken:
    """A container of the Mondays of the calendar weeks without a lesdag on a school calendar
    (a holiday week, or a week of the school's own free days): `maandag in vakantieweken`.
    A day that is no Monday stands for its week. Each week is looked up once."""

    def __init__(self, kalender: Schoolkalender) -> None:
        self._kalender = kalender
        self._gezien: dict[date, bool] = {}

    def __contains__(self, dag: object) -> bool:
        if not isinstance(dag, date):
            return False
        maandag = dag - timedelta(days=dag.weekday())
        vakantie = self._gezien.get(maandag)
        if vakantie is None:
            vakantie = self._gezien[maandag] = self._kalender.lesweek(maandag) is None
        return vakantie


def vo_leeftijd(
    geboortedatum: date, op: date, *, leeftijd: int = 12, peildag: tuple[int, int] = (10, 1)
) -> bool:
    """Whether a child born on `geboortedatum` is of VO age in the school year of `op`: it is
    at least `leeftijd` years old on the `peildag` (month, day; default 1 October) of that
    school year. A pupil moves to VO in the school year after eight years of PO, which it
    started in the school year it was 4 [ONBEVESTIGD: the 1 October reading is the usual
    teldatum of schools; a setting of the caller]."""
    begin, _eind = schooljaar(op)
    maand, dag = peildag
    jaar = begin.year if maand >= 8 else begin.year + 1
    peil = date(jaar, maand, dag)
    try:
        verjaardag = geboortedatum.replace(year=geboortedatum.year + leeftijd)
    except ValueError:  # 29 February: the birthday is 1 March in a common year
        verjaardag = date(geboortedatum.year + leeftijd, 3, 1)
    return verjaardag <= peil


def _lokale_dag(tijdstip: str, *, einde: bool) -> date:
    """A feed timestamp (UTC, 'Z') as a day in Europe/Amsterdam. An end at local midnight is
    exclusive (the holiday ended the day before); an end during the day is inclusive."""
    moment = datetime.fromisoformat(tijdstip.replace("Z", "+00:00")).astimezone(AMSTERDAM)
    if einde and (moment.hour, moment.minute, moment.second) == (0, 0, 0):
        return moment.date() - timedelta(days=1)
    return moment.date()


def lees_schoolvakanties(document: str | bytes | Mapping[str, Any]) -> list[Vakantie]:
    """Read the rijksoverheid school-holiday JSON (`content[0].vacations[].regions[]`).

    Source: opendata.rijksoverheid.nl, infotype schoolholidays (docs/domein.md, Bronnen § 9.3).
    Timestamps
    are UTC; they are converted to Europe/Amsterdam first. Every Dutch school holiday runs
    from a Saturday to a Sunday, which the reader checks so a change in the feed's end-date
    convention cannot go unnoticed."""
    gegevens = json.loads(document) if isinstance(document, str | bytes) else document
    try:
        inhoud = gegevens["content"]
    except (KeyError, TypeError):
        raise ValueError("Geen schoolvakantiebestand: het veld 'content' ontbreekt.") from None
    vakanties: list[Vakantie] = []
    for schooljaar_blok in inhoud:
        for vakantie in schooljaar_blok.get("vacations", []):
            naam = str(vakantie["type"]).strip()
            verplicht = str(vakantie.get("compulsorydates", "")).strip().lower() == "true"
            for regio_blok in vakantie["regions"]:
                regio = str(regio_blok["region"]).strip().lower()
                begin = _lokale_dag(regio_blok["startdate"], einde=False)
                eind = _lokale_dag(regio_blok["enddate"], einde=True)
                if begin.weekday() != 5 or eind.weekday() != 6 or eind < begin:
                    raise ValueError(
                        f"{naam} ({regio}): {begin:%d-%m-%Y} t/m {eind:%d-%m-%Y} loopt niet van "
                        "zaterdag tot en met zondag; controleer de datumconventie van het bestand."
                    )
                vakanties.append(Vakantie(naam, regio, begin, eind, verplicht))
    return vakanties
