# SPDX-License-Identifier: EUPL-1.2
"""Why a day is no lesdag: the weekend, a public holiday by its Dutch name, the school holiday
(the feed's name when the feed covers it), or the school's own free day."""

from __future__ import annotations

from datetime import date

import pytest

from binnenboord.kern.kalender import GeenLesdag, Schoolkalender, Vakantie

NOORD = Schoolkalender("noord", vrije_dagen=[date(2026, 1, 14)])


@pytest.mark.parametrize(
    ("dag", "reden"),
    [
        (date(2026, 1, 7), None),
        (date(2026, 1, 10), GeenLesdag("weekend")),
        (date(2025, 12, 27), GeenLesdag("weekend")),  # a Saturday in the Christmas holiday
        (date(2026, 4, 27), GeenLesdag("feestdag", "Koningsdag")),
        (date(2026, 12, 25), GeenLesdag("feestdag", "Eerste kerstdag")),
        (date(2025, 12, 23), GeenLesdag("vakantie", "Kerstvakantie")),
        (date(2026, 1, 14), GeenLesdag("vrije_dag")),
    ],
)
def test_de_reden_per_dag(dag: date, reden: GeenLesdag | None) -> None:
    assert NOORD.geen_lesdag(dag) == reden
    assert NOORD.is_lesdag(dag) is (reden is None)


def test_de_naam_uit_de_feed_gaat_voor() -> None:
    feed = Vakantie("Herfstvakantie", "noord", date(2025, 10, 18), date(2025, 10, 26), False)
    kalender = Schoolkalender("noord", vakanties=[feed])
    assert kalender.geen_lesdag(date(2025, 10, 21)) == GeenLesdag("vakantie", "Herfstvakantie")
