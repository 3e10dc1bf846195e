# SPDX-License-Identifier: EUPL-1.2
"""Leerplicht and kwalificatieplicht (LPW art. 3, 4a, 4b): worked examples from docs/domein.md and
docs/domein.md (Bronnen), and properties over random birth dates. Pure: no database."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from binnenboord.kern.kalender import Schoolkalender
from binnenboord.kern.leerplicht import (
    GRONDSLAG_KWALIFICATIEPLICHT,
    GRONDSLAG_LEERPLICHT_12_SCHOOLJAREN,
    GRONDSLAG_LEERPLICHT_16,
    GRONDSLAG_NOG_NIET_LEERPLICHTIG,
    GRONDSLAG_VRIJ_18,
    GRONDSLAG_VRIJ_STARTKWALIFICATIE,
    STATUSSEN,
    Leerplicht,
    is_leerplichtig_of_kwalificatieplichtig,
    leerplicht_op,
    verjaardag,
)


class VasteKalender:
    """A kalender whose lesdagen are listed explicitly."""

    def __init__(self, lesdagen: set[date]) -> None:
        self.lesdagen = lesdagen

    def is_lesdag(self, dag: date) -> bool:
        return dag in self.lesdagen


PEIL = date(2000, 1, 1)  # the peildatum does not matter for the interval boundaries


@pytest.mark.parametrize(
    ("geboortedatum", "vanaf"),
    [
        (date(2021, 3, 15), date(2026, 4, 1)),  # docs/domein.md
        (date(2021, 3, 1), date(2026, 4, 1)),  # born on the 1st: still the next month
        (date(2021, 1, 1), date(2026, 2, 1)),
        (date(2021, 3, 31), date(2026, 4, 1)),
        (date(2020, 12, 31), date(2026, 1, 1)),  # turns 5 in December: January, next year
        (date(2020, 12, 1), date(2026, 1, 1)),
    ],
)
def test_art_3_lid_1_leerplicht_begint_eerste_schooldag_volgende_maand(
    geboortedatum: date, vanaf: date
) -> None:
    # Given a child and no school calendar
    # When leerplicht is computed
    leerplicht = leerplicht_op(geboortedatum, PEIL)
    # Then it starts on the 1st of the month after the 5th birthday
    assert leerplicht.leerplichtig_vanaf == vanaf


@pytest.mark.parametrize(
    ("geboortedatum", "vanaf"),
    [
        # 1 January 2026 is Nieuwjaarsdag in the kerstvakantie (to 04-01-2026, regio noord)
        (date(2020, 12, 10), date(2026, 1, 5)),
        # 1 August 2025 is in the zomervakantie noord (to 24-08-2025)
        (date(2020, 7, 15), date(2025, 8, 25)),
        # 1 April 2026 is an ordinary Wednesday
        (date(2021, 3, 15), date(2026, 4, 1)),
    ],
)
def test_art_3_lid_1_leerplicht_begint_eerste_lesdag_van_de_schoolkalender(
    geboortedatum: date, vanaf: date
) -> None:
    # Given the school calendar of regio noord
    kalender = Schoolkalender("noord")
    # When leerplicht is computed with it
    leerplicht = leerplicht_op(geboortedatum, PEIL, kalender=kalender)
    # Then it starts on the first lesdag on or after the 1st of the month
    assert leerplicht.leerplichtig_vanaf == vanaf


def test_art_3_lid_1_kalender_zonder_lesdagen_valt_terug_op_de_eerste() -> None:
    # Given a kalender that never has a lesdag
    kalender = VasteKalender(set())
    # When leerplicht is computed
    leerplicht = leerplicht_op(date(2021, 3, 15), PEIL, kalender=kalender)
    # Then the 1st of the month is used rather than waiting for ever
    assert leerplicht.leerplichtig_vanaf == date(2026, 4, 1)


@pytest.mark.parametrize(
    ("schrikkeldag_op_1_maart", "vanaf", "kwalificatieplichtig_tot"),
    [
        # default: 5 on 28-02-2025, 18 on 28-02-2038
        (False, date(2025, 3, 1), date(2038, 2, 27)),
        # configurable: 5 on 01-03-2025, 18 on 01-03-2038
        (True, date(2025, 4, 1), date(2038, 2, 28)),
    ],
)
def test_art_3_en_4b_schrikkeldag_verjaardag_is_configureerbaar(
    schrikkeldag_op_1_maart: bool, vanaf: date, kwalificatieplichtig_tot: date
) -> None:
    # Given a child born on 29 February 2020
    # When leerplicht is computed with either birthday convention
    leerplicht = leerplicht_op(
        date(2020, 2, 29), PEIL, schrikkeldag_op_1_maart=schrikkeldag_op_1_maart
    )
    # Then the start of leerplicht and the end of kwalificatieplicht follow the convention
    assert leerplicht.leerplichtig_vanaf == vanaf
    assert leerplicht.kwalificatieplichtig_tot == kwalificatieplichtig_tot
    # and the 16th birthday (29-02-2036, a leap year) is unaffected
    assert leerplicht.leerplichtig_tot == date(2036, 7, 31)


@pytest.mark.parametrize(
    ("geboortedatum", "leeftijd", "dag"),
    [
        (date(2010, 8, 1), 16, date(2026, 8, 1)),
        (date(2020, 2, 29), 4, date(2024, 2, 29)),
        (date(2020, 2, 29), 5, date(2025, 2, 28)),
    ],
)
def test_verjaardag(geboortedatum: date, leeftijd: int, dag: date) -> None:
    assert verjaardag(geboortedatum, leeftijd) == dag


@pytest.mark.parametrize(
    ("geboortedatum", "tot"),
    [
        (date(2010, 8, 1), date(2027, 7, 31)),  # 16 on 01-08-2026: school year 2026/27
        (date(2010, 7, 31), date(2026, 7, 31)),  # 16 on 31-07-2026: school year 2025/26
        (date(2010, 1, 15), date(2026, 7, 31)),
        (date(2010, 12, 31), date(2027, 7, 31)),
    ],
)
def test_art_3_lid_1_onder_b_leerplicht_eindigt_31_juli_van_schooljaar_waarin_16(
    geboortedatum: date, tot: date
) -> None:
    # Given a child without a known school history
    # When leerplicht is computed
    leerplicht = leerplicht_op(geboortedatum, PEIL)
    # Then it ends on 31 July of the school year in which the child turns 16
    assert leerplicht.leerplichtig_tot == tot


def test_art_3_lid_1_onder_a_twaalf_schooljaren_beeindigen_leerplicht_eerder() -> None:
    # Given a child born 01-08-2010 (16-rule end 31-07-2027) with twelve full school years
    # completed at the end of 2025/26
    # When leerplicht is computed during the school year 2025/26
    leerplicht = leerplicht_op(
        date(2010, 8, 1), date(2026, 3, 1), twaalf_schooljaren_tot=date(2026, 7, 31)
    )
    # Then leerplicht ends a year earlier, on the twelve-year rule
    assert leerplicht == Leerplicht(
        status="leerplichtig",
        leerplichtig_vanaf=date(2015, 9, 1),
        leerplichtig_tot=date(2026, 7, 31),
        kwalificatieplichtig_tot=date(2028, 7, 31),
        grondslag=GRONDSLAG_LEERPLICHT_12_SCHOOLJAREN,
    )


def test_art_3_lid_1_twaalf_schooljaren_na_de_16_regel_tellen_niet() -> None:
    # Given twelve school years that would only end after the 16-rule end
    # When leerplicht is computed
    leerplicht = leerplicht_op(
        date(2010, 8, 1), date(2026, 3, 1), twaalf_schooljaren_tot=date(2028, 7, 31)
    )
    # Then the 16-rule (the earlier of the two) applies
    assert leerplicht.leerplichtig_tot == date(2027, 7, 31)
    assert leerplicht.grondslag == GRONDSLAG_LEERPLICHT_16


@pytest.mark.parametrize("twaalf_schooljaren_tot", [date(2026, 6, 30), date(2014, 7, 31)])
def test_art_3_lid_1_onder_a_onmogelijk_einde_wordt_geweigerd(
    twaalf_schooljaren_tot: date,
) -> None:
    # Given an end that is no 31 July, or lies before leerplicht began (01-09-2015)
    # When / Then leerplicht is not computed from it
    with pytest.raises(ValueError):
        leerplicht_op(date(2010, 8, 1), PEIL, twaalf_schooljaren_tot=twaalf_schooljaren_tot)


@pytest.mark.parametrize(
    ("startkwalificatie_op", "tot"),
    [
        (None, date(2026, 5, 9)),  # the day before the 18th birthday
        (date(2025, 6, 20), date(2025, 6, 19)),  # the day before the diploma
        (date(2026, 6, 1), date(2026, 5, 9)),  # a diploma after 18 changes nothing
    ],
)
def test_art_4b_kwalificatieplicht_eindigt_op_18e_verjaardag_of_startkwalificatie(
    startkwalificatie_op: date | None, tot: date
) -> None:
    # Given a youth born 10-05-2008
    # When kwalificatieplicht is computed
    leerplicht = leerplicht_op(date(2008, 5, 10), PEIL, startkwalificatie_op=startkwalificatie_op)
    # Then its last day is the day before the earlier of the two
    assert leerplicht.kwalificatieplichtig_tot == tot


@pytest.mark.parametrize(
    ("peildatum", "status", "grondslag"),
    [
        (date(2014, 7, 31), "te_jong", GRONDSLAG_NOG_NIET_LEERPLICHTIG),
        (date(2014, 8, 1), "vierjarig", GRONDSLAG_NOG_NIET_LEERPLICHTIG),
        (date(2015, 8, 31), "vierjarig", GRONDSLAG_NOG_NIET_LEERPLICHTIG),
        (date(2015, 9, 1), "leerplichtig", GRONDSLAG_LEERPLICHT_16),
        (date(2027, 7, 31), "leerplichtig", GRONDSLAG_LEERPLICHT_16),
        (date(2027, 8, 1), "kwalificatieplichtig", GRONDSLAG_KWALIFICATIEPLICHT),
        (date(2028, 7, 31), "kwalificatieplichtig", GRONDSLAG_KWALIFICATIEPLICHT),
        (date(2028, 8, 1), "vrij", GRONDSLAG_VRIJ_18),
    ],
)
def test_art_3_4a_4b_status_op_de_grenzen(peildatum: date, status: str, grondslag: str) -> None:
    # Given a child born 01-08-2010: leerplichtig 01-09-2015 t/m 31-07-2027,
    # kwalificatieplichtig t/m 31-07-2028
    # When the status is computed on a boundary day
    leerplicht = leerplicht_op(date(2010, 8, 1), peildatum)
    # Then the status and its legal ground are those of that day
    assert (leerplicht.status, leerplicht.grondslag) == (status, grondslag)


@pytest.mark.parametrize(
    ("peildatum", "status", "grondslag"),
    [
        (date(2028, 6, 14), "kwalificatieplichtig", GRONDSLAG_KWALIFICATIEPLICHT),
        (date(2028, 6, 15), "vrij", GRONDSLAG_VRIJ_STARTKWALIFICATIE),
    ],
)
def test_art_4b_startkwalificatie_maakt_vrij_op_de_dag_zelf(
    peildatum: date, status: str, grondslag: str
) -> None:
    # Given a youth born 01-08-2010 who obtains a havo diploma on 15-06-2028
    # When the status is computed around that day
    leerplicht = leerplicht_op(date(2010, 8, 1), peildatum, startkwalificatie_op=date(2028, 6, 15))
    # Then the diploma day itself is already free
    assert (leerplicht.status, leerplicht.grondslag) == (status, grondslag)


@pytest.mark.parametrize(
    ("peildatum", "status"),
    [(date(2027, 7, 31), "leerplichtig"), (date(2027, 8, 1), "vrij")],
)
def test_art_3_en_4b_startkwalificatie_voor_einde_leerplicht_slaat_kwalificatieplicht_over(
    peildatum: date, status: str
) -> None:
    # Given a startkwalificatie during leerplicht (which it does not end; art. 3 knows no
    # such ground)
    # When the status is computed at the end of leerplicht
    leerplicht = leerplicht_op(date(2010, 8, 1), peildatum, startkwalificatie_op=date(2027, 6, 30))
    # Then kwalificatieplicht is skipped: its interval is empty
    assert leerplicht.status == status


@pytest.mark.parametrize(
    ("peildatum", "verwacht"),
    [
        (date(2015, 8, 31), False),
        (date(2015, 9, 1), True),
        (date(2028, 7, 31), True),
        (date(2028, 8, 1), False),
    ],
)
def test_art_19_is_leerplichtig_of_kwalificatieplichtig(peildatum: date, verwacht: bool) -> None:
    assert is_leerplichtig_of_kwalificatieplichtig(leerplicht_op(date(2010, 8, 1), peildatum)) is (
        verwacht
    )


# --- properties -------------------------------------------------------------------------------

geboortedata = st.dates(min_value=date(2000, 1, 1), max_value=date(2025, 12, 31))


@st.composite
def kinderen(draw: st.DrawFn) -> tuple[date, date | None, date | None]:
    """A birth date with an optional startkwalificatie and twelve-school-year end."""
    geboren = draw(geboortedata)
    startkwalificatie = draw(
        st.none()
        | st.dates(
            min_value=geboren + timedelta(days=14 * 365),
            max_value=geboren + timedelta(days=20 * 365),
        )
    )
    twaalf = draw(st.none() | st.integers(14, 18).map(lambda j: date(geboren.year + j, 7, 31)))
    return geboren, startkwalificatie, twaalf


def _peildata(geboren: date) -> st.SearchStrategy[date]:
    return st.dates(
        min_value=geboren - timedelta(days=365), max_value=geboren + timedelta(days=25 * 365)
    )


@given(kind=kinderen(), data=st.data())
def test_art_3_4a_4b_precies_een_status(
    kind: tuple[date, date | None, date | None], data: st.DataObject
) -> None:
    # Given a child and a peildatum
    geboren, startkwalificatie, twaalf = kind
    peildatum = data.draw(_peildata(geboren))
    # When the status is computed
    uitkomst = leerplicht_op(
        geboren, peildatum, startkwalificatie_op=startkwalificatie, twaalf_schooljaren_tot=twaalf
    )
    # Then exactly one of the five intervals holds, and it is the status
    vier = verjaardag(geboren, 4)
    intervallen = {
        "te_jong": peildatum < vier,
        "vierjarig": vier <= peildatum < uitkomst.leerplichtig_vanaf,
        "leerplichtig": uitkomst.leerplichtig_vanaf <= peildatum <= uitkomst.leerplichtig_tot,
        "kwalificatieplichtig": uitkomst.leerplichtig_tot
        < peildatum
        <= uitkomst.kwalificatieplichtig_tot,
        "vrij": peildatum > max(uitkomst.leerplichtig_tot, uitkomst.kwalificatieplichtig_tot),
    }
    assert [status for status, geldt in intervallen.items() if geldt] == [uitkomst.status]
    assert uitkomst.status in STATUSSEN


@given(kind=kinderen(), data=st.data())
def test_art_3_4a_4b_statussen_volgen_elkaar_op_in_volgorde(
    kind: tuple[date, date | None, date | None], data: st.DataObject
) -> None:
    # Given a child and two peildata, the first not after the second
    geboren, startkwalificatie, twaalf = kind
    eerste, tweede = sorted([data.draw(_peildata(geboren)), data.draw(_peildata(geboren))])
    # When the status is computed on both
    eerder, later = (
        leerplicht_op(
            geboren, dag, startkwalificatie_op=startkwalificatie, twaalf_schooljaren_tot=twaalf
        ).status
        for dag in (eerste, tweede)
    )
    # Then the status never goes back
    assert STATUSSEN.index(eerder) <= STATUSSEN.index(later)


@given(geboren=geboortedata)
def test_art_3_lid_1_leerplicht_begint_op_een_eerste_na_de_vijfde_verjaardag(
    geboren: date,
) -> None:
    # Given a child and no kalender
    # When leerplicht is computed
    vanaf = leerplicht_op(geboren, PEIL).leerplichtig_vanaf
    # Then it starts on a 1st, after the 5th birthday, within the following month
    vijf = verjaardag(geboren, 5)
    assert vanaf.day == 1
    assert vijf < vanaf <= vijf + timedelta(days=31)


@given(
    geboren=geboortedata,
    lesdagen=st.frozensets(st.integers(0, 60), max_size=20),
)
def test_art_3_lid_1_met_kalender_begint_leerplicht_op_de_eerste_lesdag(
    geboren: date, lesdagen: frozenset[int]
) -> None:
    # Given a kalender with some lesdagen around the start month
    eerste = leerplicht_op(geboren, PEIL).leerplichtig_vanaf
    kalender = VasteKalender({eerste + timedelta(days=i - 10) for i in lesdagen})
    # When leerplicht is computed with it
    vanaf = leerplicht_op(geboren, PEIL, kalender=kalender).leerplichtig_vanaf
    # Then it is the first lesdag on or after the 1st (or the 1st when there is none)
    na_de_eerste = sorted(d for d in kalender.lesdagen if d >= eerste)
    assert vanaf == (na_de_eerste[0] if na_de_eerste else eerste)


@given(kind=kinderen())
def test_art_3_lid_1_leerplicht_eindigt_altijd_op_31_juli(
    kind: tuple[date, date | None, date | None],
) -> None:
    geboren, startkwalificatie, twaalf = kind
    uitkomst = leerplicht_op(
        geboren, PEIL, startkwalificatie_op=startkwalificatie, twaalf_schooljaren_tot=twaalf
    )
    assert (uitkomst.leerplichtig_tot.month, uitkomst.leerplichtig_tot.day) == (7, 31)
    assert uitkomst.leerplichtig_tot <= date(verjaardag(geboren, 16).year + 1, 7, 31)


@given(kind=kinderen())
def test_art_4b_kwalificatieplicht_eindigt_voor_de_18e_verjaardag(
    kind: tuple[date, date | None, date | None],
) -> None:
    geboren, startkwalificatie, twaalf = kind
    uitkomst = leerplicht_op(
        geboren, PEIL, startkwalificatie_op=startkwalificatie, twaalf_schooljaren_tot=twaalf
    )
    assert uitkomst.kwalificatieplichtig_tot < verjaardag(geboren, 18)
    assert uitkomst.kwalificatieplichtig_tot == verjaardag(geboren, 18) - timedelta(days=1) or (
        startkwalificatie is not None
        and uitkomst.kwalificatieplichtig_tot == startkwalificatie - timedelta(days=1)
    )
