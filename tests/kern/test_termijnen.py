# SPDX-License-Identifier: EUPL-1.2
"""Deadlines: date arithmetic, werkdagen, the status of a termijn, and the domain's named
deadlines. Pure: no database."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from binnenboord.kern.termijnen import (
    ACHT_WEKEN,
    ACHTENVEERTIG_UUR,
    BRON_VERNIEUWING_VRIJSTELLING,
    DOMEINTERMIJNEN,
    DRIE_MAANDEN,
    TIEN_WEKEN,
    TIEN_WERKDAGEN,
    TWEE_WEKEN,
    VIER_WEKEN,
    Termijn,
    Termijndefinitie,
    dagen_na,
    is_werkdag,
    maanden_na,
    naar_werkdag,
    schoolweken_na,
    uren_na,
    vernieuwing_vrijstelling,
    weken_na,
    werkdagen_na,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# Koningsdag (Monday) and Bevrijdingsdag 2026, Kerst 2025 (Thursday and Friday)
FEESTDAGEN = frozenset(
    {date(2026, 4, 27), date(2026, 5, 5), date(2025, 12, 25), date(2025, 12, 26)}
)
# The Mondays of the weeks without lesdagen of region noord around the examples:
# kerstvakantie 2025 (2 weeks), voorjaarsvakantie and meivakantie 2026
VAKANTIEWEKEN = frozenset(
    {date(2025, 12, 22), date(2025, 12, 29), date(2026, 2, 23), date(2026, 4, 27)}
)


def test_dagen_en_weken_na() -> None:
    assert dagen_na(date(2026, 2, 2), 28) == date(2026, 3, 2)
    assert dagen_na(date(2026, 3, 2), -28) == date(2026, 2, 2)
    assert weken_na(date(2026, 2, 2), 4) == date(2026, 3, 2)


@pytest.mark.parametrize(
    ("dag", "n", "verwacht"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),  # clamped to the end of February
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # leap year
        (date(2025, 8, 31), 1, date(2025, 9, 30)),
        (date(2025, 11, 15), 3, date(2026, 2, 15)),  # across the year
        (date(2025, 11, 30), 3, date(2026, 2, 28)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),  # counting back
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2026, 5, 17), 0, date(2026, 5, 17)),
    ],
)
def test_maanden_na_kalendermaanden_met_afkappen_op_maandeinde(
    dag: date, n: int, verwacht: date
) -> None:
    assert maanden_na(dag, n) == verwacht


@given(
    dag=st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    n=st.integers(-1200, 1200),
)
def test_maanden_na_faalt_nooit_en_landt_in_de_goede_maand(dag: date, n: int) -> None:
    # When a number of months is added to any date
    uitkomst = maanden_na(dag, n)
    # Then the result lies exactly n calendar months further, on the same day or clamped
    assert (uitkomst.year * 12 + uitkomst.month) - (dag.year * 12 + dag.month) == n
    assert uitkomst.day == dag.day or (uitkomst.day < dag.day and dagen_na(uitkomst, 1).day == 1)


def test_uren_na_weigert_een_naieve_datetime() -> None:
    with pytest.raises(ValueError):
        uren_na(datetime(2026, 3, 28, 12, 0), 48)  # noqa: DTZ001


@pytest.mark.parametrize(
    ("moment", "verwacht"),
    [
        # Summer time starts 29-03-2026: 48 real hours end at 13:00 local time
        (
            datetime(2026, 3, 28, 12, 0, tzinfo=AMSTERDAM),
            datetime(2026, 3, 30, 13, 0, tzinfo=AMSTERDAM),
        ),
        # Winter time starts 25-10-2026: 48 real hours end at 11:00 local time
        (
            datetime(2026, 10, 24, 12, 0, tzinfo=AMSTERDAM),
            datetime(2026, 10, 26, 11, 0, tzinfo=AMSTERDAM),
        ),
        (
            datetime(2026, 5, 12, 9, 30, tzinfo=AMSTERDAM),
            datetime(2026, 5, 14, 9, 30, tzinfo=AMSTERDAM),
        ),
    ],
)
def test_uren_na_telt_echte_uren_over_de_zomertijd(moment: datetime, verwacht: datetime) -> None:
    # When 48 hours are added to a moment in Dutch local time
    uitkomst = uren_na(moment, 48)
    # Then the local time and offset are those of 48 real hours later (compared in UTC:
    # Python subtracts datetimes with the same tzinfo on wall-clock time)
    assert uitkomst.utcoffset() == verwacht.utcoffset()
    assert uitkomst.astimezone(UTC) == verwacht.astimezone(UTC)
    assert uitkomst.astimezone(UTC) - moment.astimezone(UTC) == timedelta(hours=48)
    assert uitkomst.tzinfo is AMSTERDAM


@pytest.mark.parametrize(
    ("dag", "n", "verwacht"),
    [
        (date(2026, 4, 24), 1, date(2026, 4, 28)),  # Friday; Monday is Koningsdag
        (date(2025, 12, 24), 1, date(2025, 12, 29)),  # over Kerst and the weekend
        (date(2026, 1, 3), 1, date(2026, 1, 5)),  # from a Saturday: Monday is the 1st
        (date(2026, 1, 3), 10, date(2026, 1, 16)),
        (date(2026, 4, 24), 10, date(2026, 5, 12)),  # Koningsdag and Bevrijdingsdag skipped
        (date(2026, 1, 7), 0, date(2026, 1, 7)),  # n=0 on a werkdag: the day itself
        (date(2026, 1, 3), 0, date(2026, 1, 5)),  # n=0 on a Saturday: the next werkdag
        (date(2026, 4, 27), 0, date(2026, 4, 28)),  # n=0 on a holiday: the next werkdag
    ],
)
def test_werkdagen_na_slaat_weekenden_en_feestdagen_over(dag: date, n: int, verwacht: date) -> None:
    assert werkdagen_na(dag, n, feestdagen=FEESTDAGEN) == verwacht


def test_werkdagen_na_weigert_negatief_aantal() -> None:
    with pytest.raises(ValueError):
        werkdagen_na(date(2026, 1, 7), -1, feestdagen=FEESTDAGEN)


class AlleDagen:
    def __contains__(self, dag: object) -> bool:
        return True


def test_werkdagen_na_zonder_enige_werkdag_stopt_met_een_fout() -> None:
    with pytest.raises(ValueError):
        werkdagen_na(date(2026, 1, 7), 1, feestdagen=AlleDagen())


dagen_2026 = st.dates(min_value=date(2025, 12, 1), max_value=date(2026, 12, 31))


@given(dag=dagen_2026, feestdagen=st.frozensets(dagen_2026, max_size=40), n=st.integers(1, 30))
def test_werkdagen_na_is_een_werkdag_en_stijgt_strikt(
    dag: date, feestdagen: frozenset[date], n: int
) -> None:
    # Given any day, any set of holidays and n >= 1
    # When n and n + 1 werkdagen are counted
    uitkomst = werkdagen_na(dag, n, feestdagen=feestdagen)
    volgende = werkdagen_na(dag, n + 1, feestdagen=feestdagen)
    # Then both are werkdagen, the later strictly after, and exactly n werkdagen lie in
    # (dag, uitkomst]
    assert is_werkdag(uitkomst, feestdagen=feestdagen)
    assert is_werkdag(volgende, feestdagen=feestdagen)
    assert uitkomst < volgende
    tussen = [dagen_na(dag, i) for i in range(1, (uitkomst - dag).days + 1)]
    assert sum(is_werkdag(d, feestdagen=feestdagen) for d in tussen) == n


@given(dag=dagen_2026, feestdagen=st.frozensets(dagen_2026, max_size=40))
def test_werkdagen_na_nul_is_de_dag_zelf_of_de_volgende_werkdag(
    dag: date, feestdagen: frozenset[date]
) -> None:
    nul = werkdagen_na(dag, 0, feestdagen=feestdagen)
    een = werkdagen_na(dag, 1, feestdagen=feestdagen)
    assert is_werkdag(nul, feestdagen=feestdagen)
    # n=0 and n=1 coincide exactly when the start day is no werkdag
    assert (nul == een) is (not is_werkdag(dag, feestdagen=feestdagen))
    assert nul <= een


TERMIJN = Termijn(naam="test", bron="test", start=date(2026, 2, 2), verloopt_op=date(2026, 3, 2))


@pytest.mark.parametrize(
    ("peildatum", "binnenkort_dagen", "status"),
    [
        (date(2026, 1, 15), 3, "lopend"),  # before the start
        (date(2026, 2, 26), 3, "lopend"),
        (date(2026, 2, 27), 3, "binnenkort"),
        (date(2026, 3, 2), 3, "binnenkort"),  # the last day is still on time
        (date(2026, 3, 3), 3, "verlopen"),
        (date(2026, 3, 1), 0, "lopend"),
        (date(2026, 3, 2), 0, "binnenkort"),
        (date(2026, 2, 16), 14, "binnenkort"),
    ],
)
def test_termijn_status_op(peildatum: date, binnenkort_dagen: int, status: str) -> None:
    assert TERMIJN.status_op(peildatum, binnenkort_dagen=binnenkort_dagen) == status


@pytest.mark.parametrize(
    ("peildatum", "status"),
    [
        (datetime(2026, 3, 2, 23, 59, tzinfo=AMSTERDAM), "binnenkort"),
        # 23:30 UTC on 2 March is already 3 March in Amsterdam
        (datetime(2026, 3, 2, 23, 30, tzinfo=UTC), "verlopen"),
    ],
)
def test_termijn_status_op_een_moment_telt_de_nederlandse_dag(
    peildatum: datetime, status: str
) -> None:
    assert TERMIJN.status_op(peildatum) == status


def test_termijn_status_op_weigert_een_naief_moment() -> None:
    with pytest.raises(ValueError):
        TERMIJN.status_op(datetime(2026, 3, 2, 12, 0))  # noqa: DTZ001


@pytest.mark.parametrize(
    ("definitie", "start", "verloopt_op"),
    [
        # docs/domein.md worked example: 02-02-2026 + 28 days, plus 7 for the voorjaarsvakantie
        (VIER_WEKEN, date(2026, 2, 2), date(2026, 3, 9)),
        (DRIE_MAANDEN, date(2025, 11, 30), date(2026, 2, 28)),
        # 8 and 10 school weeks: the voorjaarsvakantie adds a week, the kerstvakantie two
        (ACHT_WEKEN, date(2026, 1, 5), date(2026, 3, 9)),
        (ACHT_WEKEN, date(2025, 12, 1), date(2026, 2, 9)),
        (TIEN_WEKEN, date(2026, 1, 5), date(2026, 3, 23)),
        (TWEE_WEKEN, date(2026, 1, 5), date(2026, 1, 19)),
        (TIEN_WERKDAGEN, date(2026, 4, 24), date(2026, 5, 12)),
    ],
)
def test_domeintermijnen_vanaf_een_dag(
    definitie: Termijndefinitie, start: date, verloopt_op: date
) -> None:
    termijn = definitie.termijn_vanaf(start, feestdagen=FEESTDAGEN, vakantieweken=VAKANTIEWEKEN)
    assert termijn == Termijn(
        naam=definitie.naam, bron=definitie.bron, start=start, verloopt_op=verloopt_op
    )


@pytest.mark.parametrize(
    ("start", "weken", "verloopt_op"),
    [
        # no holiday in the run: calendar weeks
        (date(2026, 1, 12), 4, date(2026, 2, 9)),
        # the run ends just before the holiday week: it does not count yet
        (date(2026, 1, 26), 4, date(2026, 2, 23) + timedelta(weeks=1)),
        (date(2026, 1, 19), 4, date(2026, 2, 16)),
        # starting on the Friday before the holiday: the weekday stays
        (date(2026, 2, 20), 1, date(2026, 3, 6)),
        # two holiday weeks in a row (kerstvakantie) add two weeks
        (date(2025, 12, 15), 2, date(2026, 1, 12)),
        (date(2026, 2, 2), 0, date(2026, 2, 2)),
    ],
)
def test_schoolweken_tellen_een_week_zonder_lesdagen_niet(
    start: date, weken: int, verloopt_op: date
) -> None:
    assert schoolweken_na(start, weken, vakantieweken=VAKANTIEWEKEN) == verloopt_op


def test_schoolweken_hebben_de_vakantieweken_nodig() -> None:
    with pytest.raises(ValueError):
        VIER_WEKEN.termijn_vanaf(date(2026, 2, 2), feestdagen=FEESTDAGEN)
    with pytest.raises(ValueError):
        schoolweken_na(date(2026, 2, 2), -1, vakantieweken=VAKANTIEWEKEN)


class _Altijd:
    def __contains__(self, dag: object) -> bool:
        return True


def test_schoolweken_zonder_enige_lesweek_geven_geen_antwoord() -> None:
    with pytest.raises(ValueError):
        schoolweken_na(date(2026, 2, 2), 1, vakantieweken=_Altijd())


@pytest.mark.parametrize(
    ("eenheid", "aantal", "start", "zonder", "met"),
    [
        # 1 week from Monday 20-04-2026 is Koningsdag (27-04, a holiday): Tuesday
        ("weken", 1, date(2026, 4, 20), date(2026, 4, 27), date(2026, 4, 28)),
        # 2 weeks from a Saturday: Saturday, so the next Monday
        ("weken", 2, date(2026, 3, 7), date(2026, 3, 21), date(2026, 3, 23)),
        # ending on a werkdag: unchanged
        ("weken", 2, date(2026, 3, 9), date(2026, 3, 23), date(2026, 3, 23)),
        ("dagen", 5, date(2026, 3, 9), date(2026, 3, 14), date(2026, 3, 16)),
        # a month ending on Bevrijdingsdag (5 May) and the weekend after a Friday
        ("maanden", 1, date(2026, 4, 5), date(2026, 5, 5), date(2026, 5, 6)),
    ],
)
def test_een_termijn_van_een_professional_op_een_vrije_dag_schuift_naar_de_werkdag(
    eenheid: str, aantal: int, start: date, zonder: date, met: date
) -> None:
    definitie = Termijndefinitie("t", "test", eenheid, aantal)  # type: ignore[arg-type]
    assert definitie.termijn_vanaf(start, feestdagen=FEESTDAGEN).verloopt_op == zonder
    assert (
        definitie.termijn_vanaf(start, feestdagen=FEESTDAGEN, naar_werkdag=True).verloopt_op == met
    )
    assert naar_werkdag(zonder, feestdagen=FEESTDAGEN) == met


def test_achtenveertig_uur_op_een_vrije_dag_schuift_naar_dezelfde_tijd_op_de_werkdag() -> None:
    # Friday 27-03-2026 16:00 + 48 hours is Sunday 17:00 (summer time began): Monday 17:00
    termijn = ACHTENVEERTIG_UUR.termijn_vanaf(
        datetime(2026, 3, 27, 16, 0, tzinfo=AMSTERDAM), feestdagen=FEESTDAGEN, naar_werkdag=True
    )
    assert termijn.verloopt_om == datetime(2026, 3, 30, 17, 0, tzinfo=AMSTERDAM)
    assert termijn.verloopt_op == date(2026, 3, 30)
    # a Wednesday start ends on Friday: unchanged
    vrijdag = ACHTENVEERTIG_UUR.termijn_vanaf(
        datetime(2026, 3, 25, 16, 0, tzinfo=AMSTERDAM), feestdagen=FEESTDAGEN, naar_werkdag=True
    )
    assert vrijdag.verloopt_om == datetime(2026, 3, 27, 16, 0, tzinfo=AMSTERDAM)
    # moving to a werkdag needs the holidays
    with pytest.raises(ValueError):
        TWEE_WEKEN.termijn_vanaf(date(2026, 3, 7), naar_werkdag=True)


def test_achtenveertig_uur_is_verlopen_zodra_het_moment_voorbij_is() -> None:
    # Given an Interventieteam that starts on Friday 27-03-2026 at 16:00
    termijn = ACHTENVEERTIG_UUR.termijn_vanaf(datetime(2026, 3, 27, 16, 0, tzinfo=AMSTERDAM))
    # Then the plan is due 48 real hours later: Sunday 17:00 (summer time began in between)
    assert termijn.verloopt_om == datetime(2026, 3, 29, 17, 0, tzinfo=AMSTERDAM)
    assert (termijn.start, termijn.verloopt_op) == (date(2026, 3, 27), date(2026, 3, 29))
    # and is overdue one minute after that moment, though still on the same day
    assert termijn.status_op(datetime(2026, 3, 29, 17, 0, tzinfo=AMSTERDAM)) == "binnenkort"
    assert termijn.status_op(datetime(2026, 3, 29, 17, 1, tzinfo=AMSTERDAM)) == "verlopen"
    assert termijn.status_op(date(2026, 3, 29)) == "binnenkort"


def test_termijn_in_uren_heeft_een_moment_nodig() -> None:
    with pytest.raises(ValueError):
        ACHTENVEERTIG_UUR.termijn_vanaf(date(2026, 3, 27))


def test_termijn_in_werkdagen_heeft_feestdagen_nodig() -> None:
    # a deadline that silently ignores holidays would be wrong, so there is no default
    with pytest.raises(ValueError):
        TIEN_WERKDAGEN.termijn_vanaf(date(2026, 4, 24))


def test_termijn_vanaf_een_moment_telt_de_nederlandse_dag() -> None:
    # 23:30 UTC on 1 February is 00:30 on 2 February in Amsterdam
    termijn = TWEE_WEKEN.termijn_vanaf(datetime(2026, 2, 1, 23, 30, tzinfo=UTC))
    assert (termijn.start, termijn.verloopt_op) == (date(2026, 2, 2), date(2026, 2, 16))


def test_termijn_vanaf_weigert_een_naief_moment() -> None:
    with pytest.raises(ValueError):
        TWEE_WEKEN.termijn_vanaf(datetime(2026, 2, 2, 9, 0))  # noqa: DTZ001


def test_domeintermijnen_hebben_een_bron_en_de_tekst_noemt_ze() -> None:
    assert set(DOMEINTERMIJNEN) == {
        "vier_weken",
        "drie_maanden",
        "acht_weken",
        "tien_weken",
        "achtenveertig_uur",
        "tien_werkdagen",
        "twee_weken",
    }
    for definitie in DOMEINTERMIJNEN.values():
        assert definitie.bron
        # the source texts state each of these deadlines: none is marked unconfirmed
        assert "[ONBEVESTIGD" not in definitie.bron
    assert "Thuiszitterspact" in DRIE_MAANDEN.bron


@pytest.mark.parametrize(
    ("peildatum", "start", "verloopt_op"),
    [
        (date(2026, 3, 10), date(2025, 7, 1), date(2026, 6, 30)),
        (date(2026, 6, 30), date(2025, 7, 1), date(2026, 6, 30)),
        (date(2026, 7, 1), date(2026, 7, 1), date(2027, 6, 30)),
    ],
)
def test_art_6_lid_2_vrijstelling_elk_jaar_vernieuwen_voor_1_juli(
    peildatum: date, start: date, verloopt_op: date
) -> None:
    assert vernieuwing_vrijstelling(peildatum) == Termijn(
        naam="vernieuwing_vrijstelling",
        bron=BRON_VERNIEUWING_VRIJSTELLING,
        start=start,
        verloopt_op=verloopt_op,
    )


def test_termijn_in_uren_vergelijkt_echte_tijd_in_het_herhaalde_uur() -> None:
    # Given a deadline at 02:30 summer time on 25-10-2026, the night summer time ends
    verloopt_om = datetime(2026, 10, 25, 2, 30, tzinfo=AMSTERDAM)
    termijn = Termijn(
        naam="test",
        bron="test",
        start=date(2026, 10, 23),
        verloopt_op=date(2026, 10, 25),
        verloopt_om=verloopt_om,
    )
    # When it is 02:10 winter time, in the repeated hour: 40 real minutes later
    peildatum = datetime(2026, 10, 25, 2, 10, fold=1, tzinfo=AMSTERDAM)
    # Then the deadline has passed, although the wall clock shows an earlier time
    assert termijn.status_op(peildatum) == "verlopen"
