# SPDX-License-Identifier: EUPL-1.2
"""The school calendar: lesdagen per holiday region (DOMAIN.md, "Absence and the school
calendar"). Pure: no Django, no database.

A lesdag is a weekday that is not a public holiday, not in the school holiday of the
school's region (noord/midden/zuid) and not one of the school's own free days. Public and
school holidays come from the `holidays` package (NL, per region, school holidays for the
published years)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import cached_property

import holidays

REGIO_NAAR_SUBDIV = {"noord": "Noord", "midden": "Midden", "zuid": "Zuid"}


class Schoolkalender:
    def __init__(self, regio: str, vrije_dagen: Iterable[date] = ()) -> None:
        if regio not in REGIO_NAAR_SUBDIV:
            raise ValueError(f"Onbekende regio {regio!r}: kies noord, midden of zuid.")
        self.regio = regio
        self.vrije_dagen = frozenset(vrije_dagen)

    @cached_property
    def _vrij(self) -> holidays.HolidayBase:
        return holidays.country_holidays(
            "NL",
            subdiv=REGIO_NAAR_SUBDIV[self.regio],
            categories=("public", "school"),
            language="nl",
        )

    def is_lesdag(self, dag: date) -> bool:
        return dag.weekday() < 5 and dag not in self._vrij and dag not in self.vrije_dagen

    def lesdagen(self, van: date, tot: date) -> list[date]:
        """The lesdagen from `van` up to and including `tot`."""
        dagen = (van + timedelta(days=i) for i in range((tot - van).days + 1))
        return [dag for dag in dagen if self.is_lesdag(dag)]
