# SPDX-License-Identifier: EUPL-1.2
"""kern.overleving: a hand-computed Kaplan–Meier curve, then every function against an
independent implementation on the same data: lifelines (curve, interval, median, at risk,
log-rank), numpy (quantiles) and scipy (Wilson, Garwood, the exact binomial test and the
Clopper–Pearson interval)."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lifelines import KaplanMeierFitter
from lifelines.statistics import logrank_test
from scipy import stats

from binnenboord.kern.overleving import (
    KMPunt,
    Stand,
    Toets,
    kaplan_meier,
    kwantiel,
    kwantiel_km,
    logrank,
    poisson_interval,
    stand_op,
    vergelijk_aantallen,
    wilson,
)

Z95 = 1.959963984540054

# --- a curve worked out by hand --------------------------------------------------------------

# Eight cases; duration in days to passend aanbod, or to the peildatum for a case still open.
DUREN = [3, 3, 5, 7, 7, 10, 12, 12]
GEBEURTENIS = [True, True, False, True, False, True, True, False]
# day  at risk  events  censored  S(t)                   Greenwood sum Σ d/(n(n-d))
#  0      8       0        0      1
#  3      8       2        0      6/8 = 0.75             2/(8·6) = 1/24
#  5      6       0        1      0.75                   1/24
#  7      5       1        1      0.75 · 4/5 = 0.6       1/24 + 1/(5·4) = 11/120
# 10      3       1        0      0.6 · 2/3 = 0.4        11/120 + 1/(3·2) = 31/120
# 12      2       1        1      0.4 · 1/2 = 0.2        31/120 + 1/(2·1) = 91/120
# At day 3: v = log 0.75 = -0.287682, σ = √(1/24) = 0.204124, c = 1.959964 · σ / |v| = 1.390688,
# laag = 0.75^e^c = 0.75^4.017613 = 0.314807, hoog = 0.75^e^-c = 0.75^0.248904 = 0.930898.


def _loglog(s: float, greenwood: float) -> tuple[float, float]:
    c = Z95 * math.sqrt(greenwood) / -math.log(s)
    return s ** math.exp(c), s ** math.exp(-c)


def test_kaplan_meier_met_censurering_en_gelijke_duren():
    # given / when
    curve = kaplan_meier(DUREN, GEBEURTENIS)

    # then
    assert [(p.tijd, p.in_beeld, p.gebeurtenissen, p.gecensureerd) for p in curve] == [
        (0, 8, 0, 0),
        (3, 8, 2, 0),
        (5, 6, 0, 1),
        (7, 5, 1, 1),
        (10, 3, 1, 0),
        (12, 2, 1, 1),
    ]
    assert [p.overleving for p in curve] == pytest.approx([1, 0.75, 0.75, 0.6, 0.4, 0.2], abs=1e-15)
    assert (curve[0].laag, curve[0].hoog) == (1.0, 1.0)
    assert (curve[1].laag, curve[1].hoog) == pytest.approx((0.314807, 0.930898), abs=1e-6)
    greenwood = [Fraction(1, 24), Fraction(1, 24), Fraction(11, 120), Fraction(31, 120)]
    greenwood.append(Fraction(91, 120))
    for punt, som in zip(curve[1:], greenwood, strict=True):
        assert (punt.laag, punt.hoog) == pytest.approx(_loglog(punt.overleving, float(som)))


def test_kwantielen_en_stand_van_de_curve_met_de_hand():
    # given
    curve = kaplan_meier(DUREN, GEBEURTENIS)

    # when / then: the median is the first day with S <= 0.5
    assert kwantiel_km(curve, 0.5) == 10
    assert kwantiel_km(curve, 0.25) == 3
    assert kwantiel_km(curve, 0.8) == 12
    assert kwantiel_km(curve, 0.9) is None
    assert stand_op(curve, 0) == Stand(0, 8, 0, 1.0, 1.0, 1.0)
    # day 6: still at risk are the durations 7, 7, 10, 12, 12; two events so far
    zes = stand_op(curve, 6)
    assert (zes.tijd, zes.in_beeld, zes.gebeurtenissen) == (6, 5, 2)
    assert (zes.overleving, zes.laag, zes.hoog) == (0.75, curve[2].laag, curve[2].hoog)
    assert stand_op(curve, 12) == Stand(
        12, 2, 5, curve[-1].overleving, curve[-1].laag, curve[-1].hoog
    )
    assert stand_op(curve, 400).in_beeld == 0
    assert stand_op(curve, 400).overleving == curve[-1].overleving


def test_mediaan_op_een_exacte_helft():
    # given: 24 cases, passend aanbod on days 1..12, the other 12 still open on days 13..24:
    # S(12) = 23/24 · 22/23 · … · 12/13 = 12/24 = 1/2 exactly, in floating point 0.5000000000000001
    curve = kaplan_meier(list(range(1, 25)), [True] * 12 + [False] * 12)

    # then: the median is day 12, not 13 (the first day with S <= 1/2)
    assert curve[12].overleving == pytest.approx(0.5, abs=1e-15)
    assert kwantiel_km(curve, 0.5) == 12


def test_gebeurtenissen_op_dag_nul_en_een_curve_die_nul_bereikt():
    # given: one case with passend aanbod on day 0, one still open on day 0, one on day 4
    curve = kaplan_meier([0, 0, 4], [True, False, True])

    # then: day 0 carries its own event and censoring (as lifelines' event_table): n = 3,
    # S = 2/3, Greenwood 1/(3·2); on day 4 the last one at risk has the event: S = 0, 0..0
    assert [(p.tijd, p.in_beeld, p.gebeurtenissen, p.gecensureerd) for p in curve] == [
        (0, 3, 1, 1),
        (4, 1, 1, 0),
    ]
    assert curve[0].overleving == pytest.approx(2 / 3, rel=1e-15)
    assert (curve[0].laag, curve[0].hoog) == pytest.approx(_loglog(2 / 3, 1 / 6), rel=1e-14)
    assert (curve[0].laag, curve[0].hoog) == pytest.approx((0.054073, 0.945206), abs=1e-6)
    assert curve[1] == KMPunt(4, 1, 1, 0, 0.0, 0.0, 0.0)
    assert kwantiel_km(curve, 0.5) == 4


def test_lege_en_ongeldige_invoer():
    assert kaplan_meier([], []) == ()
    assert stand_op((), 10) == Stand(10, 0, 0, 1.0, 1.0, 1.0)
    assert kwantiel_km((), 0.5) is None
    assert kwantiel([], 0.5) is None
    with pytest.raises(ValueError):
        kaplan_meier([3, -1], [True, False])
    with pytest.raises(ValueError):
        kaplan_meier([3, 4], [True])
    with pytest.raises(ValueError):
        kaplan_meier([3], [True], betrouwbaarheid=1.0)
    with pytest.raises(ValueError):
        kwantiel([1.0], 1.5)
    with pytest.raises(ValueError):
        wilson(11, 10)
    with pytest.raises(ValueError):
        poisson_interval(-1)
    with pytest.raises(ValueError):
        vergelijk_aantallen(3, 4, omvang_b=0.0)


# --- against lifelines -----------------------------------------------------------------------

# Durations 0..400 with many ties (a second source draws from 0..20), events mixed.
steekproef = st.lists(
    st.tuples(st.integers(0, 400) | st.integers(0, 20), st.booleans()), min_size=1, max_size=80
)


def _exacte_overleving(duren: list[int], gebeurtenis: list[bool], tot: int) -> Fraction:
    s = Fraction(1)
    for tijd in sorted({d for d, g in zip(duren, gebeurtenis, strict=True) if g and d <= tot}):
        n = sum(1 for d in duren if d >= tijd)
        d_t = sum(1 for d, g in zip(duren, gebeurtenis, strict=True) if g and d == tijd)
        s *= Fraction(n - d_t, n)
    return s


@pytest.mark.filterwarnings("ignore::FutureWarning", "ignore::DeprecationWarning")
@settings(max_examples=60, deadline=None)
@given(steekproef, st.sampled_from([0.8, 0.9, 0.95, 0.99]))
def test_kaplan_meier_gelijk_aan_lifelines(gevallen, betrouwbaarheid):
    # given
    duren = [d for d, _g in gevallen]
    gebeurtenis = [g for _d, g in gevallen]
    kmf = KaplanMeierFitter(alpha=1 - betrouwbaarheid).fit(duren, gebeurtenis)

    # when
    curve = kaplan_meier(duren, gebeurtenis, betrouwbaarheid=betrouwbaarheid)

    # then
    tabel = kmf.event_table
    assert [p.tijd for p in curve] == [int(t) for t in tabel.index]
    assert [p.in_beeld for p in curve] == tabel["at_risk"].tolist()
    assert [p.gebeurtenissen for p in curve] == tabel["observed"].tolist()
    assert [p.gecensureerd for p in curve] == tabel["censored"].tolist()
    overleving = kmf.survival_function_.iloc[:, 0].to_numpy()
    interval = kmf.confidence_interval_.to_numpy()
    assert [p.overleving for p in curve] == pytest.approx(overleving, rel=0, abs=1e-9)
    assert [p.laag for p in curve] == pytest.approx(interval[:, 0], rel=0, abs=1e-9)
    assert [p.hoog for p in curve] == pytest.approx(interval[:, 1], rel=0, abs=1e-9)

    mediaan = kwantiel_km(curve, 0.5)
    verwacht = kmf.median_survival_time_
    if mediaan is None:
        assert verwacht == math.inf
    elif mediaan != verwacht:
        # only a floating-point tie may differ: lifelines' exp(Σ log) lands a hair above 1/2
        # where S is exactly 1/2
        assert _exacte_overleving(duren, gebeurtenis, mediaan) == Fraction(1, 2)
    else:
        assert _exacte_overleving(duren, gebeurtenis, mediaan) <= Fraction(1, 2)

    for tijd in (0, 7, 30, 91, 200, 401):
        stand = stand_op(curve, tijd)
        assert stand.in_beeld == sum(1 for d in duren if d >= tijd)
        assert stand.gebeurtenissen == sum(
            1 for d, g in zip(duren, gebeurtenis, strict=True) if g and d <= tijd
        )
        assert stand.overleving == pytest.approx(float(kmf.predict(tijd)), abs=1e-9)


@pytest.mark.filterwarnings("ignore::FutureWarning", "ignore::DeprecationWarning")
@settings(max_examples=60, deadline=None)
@given(steekproef, steekproef)
def test_logrank_gelijk_aan_lifelines(groep_a, groep_b):
    # given
    duren_a, gebeurtenis_a = [d for d, _g in groep_a], [g for _d, g in groep_a]
    duren_b, gebeurtenis_b = [d for d, _g in groep_b], [g for _d, g in groep_b]
    verwacht = logrank_test(duren_a, duren_b, gebeurtenis_a, gebeurtenis_b)

    # when
    toets = logrank(duren_a, gebeurtenis_a, duren_b, gebeurtenis_b)

    # then
    assert toets.statistiek == pytest.approx(verwacht.test_statistic, rel=1e-9, abs=1e-12)
    assert toets.p == pytest.approx(verwacht.p_value, rel=1e-9, abs=1e-15)


def test_logrank_met_de_hand():
    # given: a: events on days 1 and 2; b: events on days 3 and 4.
    # day 1: n=4 (2+2), d=1: O-E for a = 1 - 2/4 = 0.5, V = 2·2·1·3/(16·3) = 0.25
    # day 2: n=3 (1+2), d=1: 1 - 1/3 = 2/3, V = 1·2·1·2/(9·2) = 2/9
    # day 3: n=2 (0+2): a has nobody at risk, V = 0; day 4 likewise
    # U = 7/6, V = 17/36, statistic = (49/36)/(17/36) = 49/17
    toets = logrank([1, 2], [True, True], [3, 4], [True, True])

    # then
    assert toets.statistiek == pytest.approx(49 / 17, rel=1e-14)
    assert toets.p == pytest.approx(stats.chi2.sf(49 / 17, 1), rel=1e-12)
    assert logrank([5, 6], [False, False], [7], [False]) == Toets(0.0, 1.0)


# --- quantiles, proportions and counts -------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.floats(-1e6, 1e6) | st.integers(0, 400), min_size=1, max_size=50),
    st.floats(0, 1),
)
def test_kwantiel_gelijk_aan_numpy(waarden, q):
    verwacht = float(np.percentile(waarden, q * 100))
    assert kwantiel(waarden, q) == pytest.approx(verwacht, rel=1e-12, abs=1e-9)


def test_kwantiel_met_de_hand():
    doorlooptijden = [10, 40, 20, 30]
    # sorted 10, 20, 30, 40; p75 at position 3·0.75 = 2.25: 30 + 0.25·10
    assert kwantiel(doorlooptijden, 0.75) == 32.5
    assert kwantiel(doorlooptijden, 0.5) == 25.0
    assert kwantiel(doorlooptijden, 1.0) == 40.0
    assert kwantiel([7], 0.9) == 7.0


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 5000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))),
    st.sampled_from([0.8, 0.9, 0.95, 0.99]),
)
def test_wilson_gelijk_aan_scipy(kn, betrouwbaarheid):
    k, n = kn
    verwacht = stats.binomtest(k, n).proportion_ci(betrouwbaarheid, method="wilson")
    laag, hoog = wilson(k, n, betrouwbaarheid=betrouwbaarheid)
    assert (laag, hoog) == pytest.approx((verwacht.low, verwacht.high), rel=1e-12, abs=1e-15)


def test_wilson_met_de_hand_en_zonder_waarnemingen():
    # 8 of 10 within the norm: centre (8 + z²/2)/(10 + z²),
    # half width z/(10 + z²)·√(10·0.8·0.2 + z²/4)
    noemer = 10 + Z95**2
    midden = (8 + Z95**2 / 2) / noemer
    half = Z95 / noemer * math.sqrt(1.6 + Z95**2 / 4)
    assert wilson(8, 10) == pytest.approx((midden - half, midden + half), rel=1e-14)
    assert wilson(8, 10) == pytest.approx((0.4902, 0.9433), abs=1e-4)
    assert wilson(0, 0) == (0.0, 1.0)


def _garwood(k: int, betrouwbaarheid: float) -> tuple[float, float]:
    alfa = 1 - betrouwbaarheid
    laag = stats.chi2.ppf(alfa / 2, 2 * k) / 2 if k else 0.0
    return laag, stats.chi2.ppf(1 - alfa / 2, 2 * k + 2) / 2


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 3000), st.sampled_from([0.8, 0.9, 0.95, 0.99, 0.999]))
def test_poisson_interval_gelijk_aan_garwood(aantal, betrouwbaarheid):
    assert poisson_interval(aantal, betrouwbaarheid=betrouwbaarheid) == pytest.approx(
        _garwood(aantal, betrouwbaarheid), rel=1e-9
    )


@pytest.mark.parametrize("aantal", [10_000, 54_321, 100_000])
def test_poisson_interval_bij_grote_aantallen(aantal):
    assert poisson_interval(aantal) == pytest.approx(_garwood(aantal, 0.95), rel=1e-9)


def test_poisson_interval_met_de_hand():
    # nothing seen: hoog solves e^-λ = 0.025, so λ = ln 40
    assert poisson_interval(0) == (0.0, pytest.approx(math.log(40), rel=1e-14))
    # 24 long-term thuiszitters: 15.38 .. 35.71 (tables of Garwood intervals)
    assert poisson_interval(24) == pytest.approx((15.3773, 35.7101), abs=1e-4)


def _ratio(pi: float, schaal: float) -> float:
    return pi / (1 - pi) * schaal


@settings(max_examples=60, deadline=None)
@given(
    st.integers(0, 400),
    st.integers(0, 400),
    st.floats(0.5, 200_000),
    st.floats(0.5, 200_000),
    st.sampled_from([0.9, 0.95, 0.99]),
)
def test_vergelijk_aantallen_gelijk_aan_scipy(a, b, omvang_a, omvang_b, betrouwbaarheid):
    # given
    if a + b == 0:
        a = 1
    pi0 = omvang_a / (omvang_a + omvang_b)
    verwacht = stats.binomtest(a, a + b, pi0)
    alfa = 1 - betrouwbaarheid

    # when
    uitkomst = vergelijk_aantallen(
        a, b, omvang_a=omvang_a, omvang_b=omvang_b, betrouwbaarheid=betrouwbaarheid
    )

    # then
    assert uitkomst.verschil == a - b
    # (below 1e-200 scipy's own tail sum drifts by ~1e-9: a = 302, b = 29, omvang 15914 and
    # 156546 gives 6.6399183730e-273 where the exact sum is 6.6399183811e-273, as here)
    assert uitkomst.p == pytest.approx(verwacht.pvalue, rel=1e-9, abs=1e-200)
    if b == 0:
        assert (uitkomst.ratio, uitkomst.ratio_laag, uitkomst.ratio_hoog) == (None, None, None)
        return
    schaal = omvang_b / omvang_a
    assert uitkomst.ratio == pytest.approx(a / omvang_a / (b / omvang_b), rel=1e-12)
    # scipy's binomtest interval (brentq, xtol 2e-12) on the proportion ...
    interval = verwacht.proportion_ci(betrouwbaarheid, method="exact")
    assert uitkomst.ratio_laag / (uitkomst.ratio_laag + schaal) == pytest.approx(
        interval.low, abs=1e-10
    )
    assert uitkomst.ratio_hoog / (uitkomst.ratio_hoog + schaal) == pytest.approx(
        interval.high, abs=1e-10
    )
    # ... and the beta quantiles behind it, on the ratio itself
    laag = _ratio(stats.beta.ppf(alfa / 2, a, b + 1), schaal) if a else 0.0
    rest = stats.beta.ppf(alfa / 2, b, a + 1)
    assert uitkomst.ratio_laag == pytest.approx(laag, rel=1e-9)
    assert uitkomst.ratio_hoog == pytest.approx((1 - rest) / rest * schaal, rel=1e-9)


def test_15_tegen_24_thuiszitters():
    # given: 15 long-term thuiszitters this year against 24 the year before (Amsterdam-Noord)
    # when
    uitkomst = vergelijk_aantallen(15, 24)

    # then: if nothing changed, each of the 39 is as likely in either year, so the 15 this year
    # are Binomial(39, 1/2); the two-sided p sums both tails: 2 · P(X <= 15)
    p = Fraction(2 * sum(math.comb(39, i) for i in range(16)), 2**39)
    assert (uitkomst.a, uitkomst.b, uitkomst.verschil) == (15, 24, -9)
    assert uitkomst.ratio == 0.625
    assert uitkomst.p == pytest.approx(float(p), rel=1e-12)
    assert uitkomst.p == pytest.approx(0.1996, abs=1e-4)
    # 15 against 24 is 37.5 % fewer, but the 95 % interval of the ratio runs from 0.30 to
    # 1.24: consistent with no change at all
    assert (uitkomst.ratio_laag, uitkomst.ratio_hoog) == pytest.approx((0.3049, 1.2412), abs=1e-4)


def test_vergelijk_zonder_aantallen_en_met_nul():
    assert vergelijk_aantallen(0, 0).p == 1.0
    assert vergelijk_aantallen(0, 0).ratio is None
    nul = vergelijk_aantallen(0, 5)
    assert (nul.ratio, nul.ratio_laag) == (0.0, 0.0)
    # P(X = 0 | n = 5, 1/2) = 1/32, the other tail P(X = 5) likewise
    assert nul.p == pytest.approx(1 / 16, rel=1e-12)
