# SPDX-License-Identifier: EUPL-1.2
"""The school calendar: lesdagen, lesweken, school years, werkdagen and the holiday feed."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from binnenboord.kern.kalender import (
    Schoolkalender,
    Vakantie,
    lees_schoolvakanties,
    schooljaar,
    vo_leeftijd,
)

FEED = Path(__file__).parent / "bestanden" / "schoolvakanties-2025-2026.json"
NOORD = Schoolkalender("noord")
dagen = st.dates(min_value=date(2016, 1, 1), max_value=date(2034, 12, 31))


@pytest.mark.parametrize(
    ("dag", "lesdag", "waarom"),
    [
        (date(2025, 12, 10), True, "gewone woensdag"),
        (date(2025, 12, 13), False, "zaterdag"),
        (date(2025, 12, 22), False, "kerstvakantie 20-12-2025 t/m 04-01-2026"),
        (date(2026, 1, 2), False, "kerstvakantie"),
        (date(2026, 1, 5), True, "eerste dag na de kerstvakantie"),
        (date(2026, 2, 23), False, "voorjaarsvakantie noord 21-02 t/m 01-03-2026"),
        (date(2026, 3, 2), True, "eerste dag na de voorjaarsvakantie"),
        (date(2026, 4, 27), False, "Koningsdag"),
        (date(2026, 5, 14), False, "Hemelvaartsdag"),
        (date(2026, 5, 25), False, "tweede pinksterdag"),
    ],
)
def test_lesdagen_in_regio_noord_2025_2026(dag: date, lesdag: bool, waarom: str) -> None:
    assert NOORD.is_lesdag(dag) is lesdag, waarom


def test_de_regios_hebben_hun_eigen_voorjaarsvakantie() -> None:
    # voorjaarsvakantie 2026: noord 21-02 t/m 01-03, midden and zuid 14-02 t/m 22-02
    assert Schoolkalender("noord").is_lesdag(date(2026, 2, 16))
    assert not Schoolkalender("midden").is_lesdag(date(2026, 2, 16))
    assert not Schoolkalender("zuid").is_lesdag(date(2026, 2, 16))


def test_een_eigen_vrije_dag_van_een_school_is_geen_lesdag() -> None:
    studiedag = date(2025, 11, 12)
    assert NOORD.is_lesdag(studiedag)
    assert not Schoolkalender("noord", vrije_dagen=[studiedag]).is_lesdag(studiedag)


def test_lesdagen_telt_de_dagen_ertussen_inclusief() -> None:
    # week 50 of 2025 (Mon 8 to Fri 12 Dec) and the weekend after
    assert NOORD.lesdagen(date(2025, 12, 8), date(2025, 12, 14)) == [
        date(2025, 12, d) for d in range(8, 13)
    ]


def test_lesweek_slaat_vakantieweken_over() -> None:
    # docs/domein.md worked example: weeks 50, 51, 2 and 3 are lesweken, the two Christmas weeks not
    assert NOORD.lesweek(date(2025, 12, 17)) == date(2025, 12, 15)
    assert NOORD.lesweek(date(2025, 12, 24)) is None
    assert NOORD.lesweek(date(2025, 12, 31)) is None
    assert NOORD.lesweek(date(2026, 1, 11)) == date(2026, 1, 5)


def test_een_week_met_een_lesdag_is_een_lesweek() -> None:
    # the week of 19-12-2025: only Friday 19 Dec is a lesdag before the Christmas holiday
    assert NOORD.lesweek(date(2025, 12, 20)) == date(2025, 12, 15)


@pytest.mark.parametrize(
    ("dag", "verwacht"),
    [
        (date(2025, 8, 1), (date(2025, 8, 1), date(2026, 7, 31))),
        (date(2026, 7, 31), (date(2025, 8, 1), date(2026, 7, 31))),
        (date(2026, 1, 15), (date(2025, 8, 1), date(2026, 7, 31))),
        (date(2026, 8, 1), (date(2026, 8, 1), date(2027, 7, 31))),
    ],
)
def test_art_1_schooljaar_loopt_van_1_augustus_tot_31_juli(
    dag: date, verwacht: tuple[date, date]
) -> None:
    assert schooljaar(dag) == NOORD.schooljaar(dag) == verwacht


@pytest.mark.parametrize(
    ("dag", "n", "verwacht"),
    [
        (date(2026, 4, 1), 1, date(2026, 4, 2)),  # Wed + 1
        (date(2026, 4, 2), 1, date(2026, 4, 3)),  # Goede Vrijdag is a werkdag
        (date(2026, 4, 3), 1, date(2026, 4, 7)),  # weekend and tweede paasdag skipped
        (date(2026, 4, 24), 1, date(2026, 4, 28)),  # Koningsdag Mon 27-04 skipped
        (date(2026, 5, 4), 1, date(2026, 5, 6)),  # 5 May skipped (Algemene termijnenwet)
        (date(2026, 5, 11), 10, date(2026, 5, 27)),  # Hemelvaart and 2e Pinksterdag skipped
    ],
)
def test_algemene_termijnenwet_werkdag_plus(dag: date, n: int, verwacht: date) -> None:
    assert NOORD.werkdag_plus(dag, n) == verwacht


@settings(max_examples=300, deadline=None)
@given(dag=dagen)
def test_een_vakantiedag_is_nooit_een_lesdag(dag: date) -> None:
    if NOORD.is_vakantie(dag) or dag.weekday() >= 5 or dag in NOORD._feestdagen:
        assert not NOORD.is_lesdag(dag)


@settings(max_examples=200, deadline=None)
@given(dag=dagen, n=st.integers(min_value=1, max_value=60))
def test_werkdag_plus_is_een_werkdag_en_stijgt_strikt(dag: date, n: int) -> None:
    uitkomst = NOORD.werkdag_plus(dag, n)
    volgende = NOORD.werkdag_plus(dag, n + 1)
    assert NOORD.is_werkdag(uitkomst)
    assert NOORD.is_werkdag(volgende)
    assert dag <= uitkomst < volgende


@settings(max_examples=200, deadline=None)
@given(dag=dagen)
def test_lesweek_is_een_maandag_met_een_lesdag_of_none(dag: date) -> None:
    maandag = NOORD.lesweek(dag)
    week = [dag - timedelta(days=dag.weekday()) + timedelta(days=i) for i in range(7)]
    assert (maandag is None) == (not any(NOORD.is_lesdag(d) for d in week))
    if maandag is not None:
        assert maandag == week[0]


def test_de_feed_wordt_in_amsterdamse_tijd_gelezen_met_inclusieve_dagen() -> None:
    # given the sample file in the rijksoverheid format (UTC timestamps)
    vakanties = lees_schoolvakanties(FEED.read_text(encoding="utf-8"))
    # then the Christmas holiday is 20-12-2025 t/m 04-01-2026 for the whole country: the end
    # at local midnight of 5 January is exclusive
    kerst = [v for v in vakanties if v.naam == "Kerstvakantie"]
    assert kerst == [
        Vakantie("Kerstvakantie", "heel nederland", date(2025, 12, 20), date(2026, 1, 4), True)
    ]
    # and an end at 23:59:59 local time is inclusive (voorjaar noord 21-02 t/m 01-03-2026)
    voorjaar_noord = next(
        v for v in vakanties if v.naam == "Voorjaarsvakantie" and v.regio == "noord"
    )
    assert (voorjaar_noord.begin, voorjaar_noord.eind, voorjaar_noord.verplicht) == (
        date(2026, 2, 21),
        date(2026, 3, 1),
        False,
    )
    # and a type with trailing spaces is trimmed
    assert {v.naam for v in vakanties} == {"Herfstvakantie", "Kerstvakantie", "Voorjaarsvakantie"}


def test_de_feed_corrigeert_de_vakanties_van_het_pakket_voor_zijn_schooljaar() -> None:
    vakanties = lees_schoolvakanties(FEED.read_bytes())
    gecorrigeerd = Schoolkalender("noord", vakanties=vakanties)
    # the package has herfstvakantie noord 18-10 t/m 26-10-2025; the file says 11-10 t/m 19-10
    assert NOORD.is_lesdag(date(2025, 10, 13)) and not NOORD.is_lesdag(date(2025, 10, 20))
    assert not gecorrigeerd.is_lesdag(date(2025, 10, 13))
    assert gecorrigeerd.is_lesdag(date(2025, 10, 20))
    # holidays the file does not name for that school year are no longer taken from the package
    assert gecorrigeerd.is_lesdag(date(2026, 4, 29))  # meivakantie 2026 not in the file
    # other school years keep the package's holidays
    assert not gecorrigeerd.is_lesdag(date(2026, 12, 23))


def test_een_feed_met_een_andere_afspraak_voor_de_einddatum_wordt_luid_geweigerd() -> None:
    fout = {
        "content": [
            {
                "vacations": [
                    {
                        "type": "Kerstvakantie",
                        "compulsorydates": "true",
                        "regions": [
                            {
                                "region": "heel Nederland",
                                "startdate": "2025-12-19T23:00:00.000Z",
                                "enddate": "2026-01-05T23:00:00.000Z",
                            }
                        ],
                    }
                ]
            }
        ]
    }
    with pytest.raises(ValueError, match="niet van zaterdag tot en met zondag"):
        lees_schoolvakanties(fout)


def test_een_bestand_dat_geen_vakantiefeed_is_wordt_geweigerd() -> None:
    with pytest.raises(ValueError, match="'content' ontbreekt"):
        lees_schoolvakanties("{}")


def test_een_onbekende_regio_wordt_geweigerd() -> None:
    with pytest.raises(ValueError, match="Onbekende regio"):
        Schoolkalender("oost")


def test_vakantieweken_zijn_de_weken_zonder_lesdag() -> None:
    noord = Schoolkalender("noord")
    # the voorjaarsvakantie of region noord 2026: the week of 23 February; any day stands for
    # its week
    assert date(2026, 2, 23) in noord.vakantieweken
    assert date(2026, 2, 26) in noord.vakantieweken
    assert date(2026, 2, 16) not in noord.vakantieweken
    # region midden has it a week earlier
    assert date(2026, 2, 16) in Schoolkalender("midden").vakantieweken
    # a week with one lesdag is a lesweek: the school's own free days on four days leave one
    vrij = [date(2026, 3, 9) + timedelta(days=i) for i in range(4)]
    assert date(2026, 3, 9) not in Schoolkalender("noord", vrij).vakantieweken
    heel = [*vrij, date(2026, 3, 13)]
    assert date(2026, 3, 9) in Schoolkalender("noord", heel).vakantieweken
    assert "geen datum" not in noord.vakantieweken


@pytest.mark.parametrize(
    ("geboortedatum", "op", "vo"),
    [
        # 12 on 1 October of school year 2025/26
        (date(2013, 10, 1), date(2026, 3, 1), True),
        (date(2013, 10, 2), date(2026, 3, 1), False),
        # the same child the next school year
        (date(2013, 10, 2), date(2026, 8, 1), True),
        # born on 29 February: 12 on 1 March in a common year
        (date(2012, 2, 29), date(2024, 9, 1), True),
    ],
)
def test_vo_leeftijd_per_schooljaar(geboortedatum: date, op: date, vo: bool) -> None:
    assert vo_leeftijd(geboortedatum, op) is vo
