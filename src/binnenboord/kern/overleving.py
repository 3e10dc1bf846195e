# SPDX-License-Identifier: EUPL-1.2
"""Statistics for monitoring (issue 6): the time to passend aanbod as a Kaplan–Meier curve
(open cases are censored, not dropped), its quantiles, the log-rank test between two curves,
and the intervals and tests for counts and fractions that make a comparison honest ("15 this
year against 24 the year before").

Pure: plain Python (math, statistics), no numpy or scipy at run time. The incomplete gamma and
beta functions the exact intervals need are computed here (series and continued fractions,
Numerical Recipes, 3rd ed., §6.2 and §6.4) and inverted by bisection. The tests check every
function against lifelines, numpy and scipy."""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from statistics import NormalDist

# --- Kaplan–Meier ----------------------------------------------------------------------------


@dataclass(frozen=True)
class KMPunt:
    """One step of the Kaplan–Meier curve."""

    tijd: int  # days since start
    in_beeld: int  # number at risk just before `tijd`
    gebeurtenissen: int  # events at `tijd` (passend aanbod reached)
    gecensureerd: int  # censored at `tijd` (still open, or moved away)
    overleving: float  # S(t): share still without passend aanbod
    laag: float  # lower bound of the pointwise confidence interval
    hoog: float  # upper bound


def kaplan_meier(
    duren: Sequence[int], gebeurtenis: Sequence[bool], *, betrouwbaarheid: float = 0.95
) -> tuple[KMPunt, ...]:
    """The Kaplan–Meier estimate S(t) = Π_{t_i <= t} (1 - d_i / n_i) of the share that has not
    had the event by day t (Kaplan & Meier, JASA 53 (1958) 457–481). A duration with
    `gebeurtenis` false is censored: the case counts as at risk up to and including that day.

    The pointwise interval is the exponential Greenwood ("log(-log)") interval
    (Kalbfleisch & Prentice, *The Statistical Analysis of Failure Time Data*, 2nd ed., §4.3):
    with v = log S(t) and σ² = Σ_{t_i <= t} d_i / (n_i (n_i - d_i)) (Greenwood's sum),
    laag = S^exp(zσ/|v|) and hoog = S^exp(-zσ/|v|). Where S = 1 the interval is 1..1, where
    S = 0 it is 0..0; this is lifelines' KaplanMeierFitter.confidence_interval_.

    The first point is day 0 with everybody at risk (the events and censorings of day 0, if
    any, are in it and in its S), then one point per distinct day with an event or censoring,
    as lifelines' event_table."""
    if len(duren) != len(gebeurtenis):
        raise ValueError("duren and gebeurtenis differ in length")
    if not duren:
        return ()
    if min(duren) < 0:
        raise ValueError("a duration is negative")
    z = _z(betrouwbaarheid)

    per_dag: dict[int, list[int]] = {0: [0, 0]}
    for duur, gebeurd in zip(duren, gebeurtenis, strict=True):
        telling = per_dag.setdefault(int(duur), [0, 0])
        telling[0 if gebeurd else 1] += 1

    punten = []
    in_beeld = len(duren)
    overleving = 1.0
    greenwood = 0.0
    for tijd in sorted(per_dag):
        gebeurtenissen, gecensureerd = per_dag[tijd]
        if gebeurtenissen:
            overleving *= (in_beeld - gebeurtenissen) / in_beeld
            if gebeurtenissen < in_beeld:
                greenwood += gebeurtenissen / (in_beeld * (in_beeld - gebeurtenissen))
        laag, hoog = _loglog_interval(overleving, greenwood, z)
        punten.append(KMPunt(tijd, in_beeld, gebeurtenissen, gecensureerd, overleving, laag, hoog))
        in_beeld -= gebeurtenissen + gecensureerd
    return tuple(punten)


def _loglog_interval(overleving: float, greenwood: float, z: float) -> tuple[float, float]:
    if overleving >= 1.0:
        return 1.0, 1.0
    if overleving <= 0.0:
        return 0.0, 0.0
    v = math.log(overleving)
    c = z * math.sqrt(greenwood) / -v
    return math.exp(v * math.exp(c)), math.exp(v * math.exp(-c))


@dataclass(frozen=True)
class Stand:
    """The curve read at one moment."""

    tijd: int
    in_beeld: int  # still at risk at `tijd` (duration >= tijd)
    gebeurtenissen: int  # cumulative events with time <= tijd
    overleving: float
    laag: float
    hoog: float


def stand_op(curve: Sequence[KMPunt], tijd: int) -> Stand:
    """The curve at day `tijd`: S and its interval from the last step at or before `tijd` (the
    curve is a right-continuous step function), the number still at risk on that day and the
    events up to and including it. An empty curve (nobody) reads S = 1 with nobody at risk."""
    if tijd < 0:
        raise ValueError("tijd is negative")
    in_beeld = next((punt.in_beeld for punt in curve if punt.tijd >= tijd), 0)
    tot_nu = [punt for punt in curve if punt.tijd <= tijd]
    if not tot_nu:
        return Stand(tijd, in_beeld, 0, 1.0, 1.0, 1.0)
    laatste = tot_nu[-1]
    gebeurtenissen = sum(punt.gebeurtenissen for punt in tot_nu)
    return Stand(tijd, in_beeld, gebeurtenissen, laatste.overleving, laatste.laag, laatste.hoog)


# S values that are mathematically equal to 1 - q can land a few ulps above it.
_SPELING = 1e-12


def kwantiel_km(curve: Sequence[KMPunt], q: float) -> int | None:
    """The q-quantile of the time to the event read from the curve: the smallest t with
    S(t) <= 1 - q (q = 0.5: the median survival time, as lifelines' median_survival_time_;
    Klein & Moeschberger, *Survival Analysis*, 2nd ed., §4.5). None when the curve never gets
    that low (too many cases still open)."""
    if not 0.0 <= q <= 1.0:
        raise ValueError("q must lie in [0, 1]")
    grens = 1.0 - q + _SPELING
    return next((punt.tijd for punt in curve if punt.overleving <= grens), None)


def kwantiel(waarden: Sequence[float], q: float) -> float | None:
    """The observed q-quantile with linear interpolation between order statistics: position
    h = (n - 1) q in the sorted values (Hyndman & Fan, Am. Stat. 50 (1996), definition 7;
    numpy's default method 'linear'). None for no values."""
    if not 0.0 <= q <= 1.0:
        raise ValueError("q must lie in [0, 1]")
    if not waarden:
        return None
    gesorteerd = sorted(waarden)
    positie = (len(gesorteerd) - 1) * q
    onder = math.floor(positie)
    if onder + 1 >= len(gesorteerd):
        return float(gesorteerd[-1])
    a, b = float(gesorteerd[onder]), float(gesorteerd[onder + 1])
    fractie = positie - onder
    # numpy's lerp: from the nearer end, so the result is exact at both ends and monotone
    if fractie < 0.5:
        return a + (b - a) * fractie
    return b - (b - a) * (1.0 - fractie)


# --- log-rank --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Toets:
    statistiek: float
    p: float


def logrank(
    duren_a: Sequence[int],
    gebeurtenis_a: Sequence[bool],
    duren_b: Sequence[int],
    gebeurtenis_b: Sequence[bool],
) -> Toets:
    """The two-sample log-rank test of equal survival curves (Mantel, Cancer Chemother. Rep.
    50 (1966) 163–170; Klein & Moeschberger §7.3): over the days with an event,
    U = Σ (d_a - n_a d / n), V = Σ n_a n_b d (n - d) / (n² (n - 1)), statistic U² / V, which is
    chi-square with 1 degree of freedom under the null: p = erfc(√(statistic / 2)). As
    lifelines.statistics.logrank_test. Without information (V = 0: no events, or an empty
    group) the statistic is 0 and p is 1."""
    if len(duren_a) != len(gebeurtenis_a) or len(duren_b) != len(gebeurtenis_b):
        raise ValueError("durations and events differ in length")
    if any(d < 0 for d in duren_a) or any(d < 0 for d in duren_b):
        raise ValueError("a duration is negative")
    # per day: [events a, leaving a, events b, leaving b]
    per_dag: dict[int, list[int]] = {}
    for kant, duren, gebeurtenis in ((0, duren_a, gebeurtenis_a), (2, duren_b, gebeurtenis_b)):
        for duur, gebeurd in zip(duren, gebeurtenis, strict=True):
            telling = per_dag.setdefault(int(duur), [0, 0, 0, 0])
            telling[kant] += 1 if gebeurd else 0
            telling[kant + 1] += 1
    n_a, n_b = len(duren_a), len(duren_b)
    u = 0.0
    v = 0.0
    for tijd in sorted(per_dag):
        d_a, weg_a, d_b, weg_b = per_dag[tijd]
        n, d = n_a + n_b, d_a + d_b
        if d and n > 1:
            u += d_a - n_a * d / n
            v += n_a * n_b * d * (n - d) / (n * n * (n - 1))
        n_a -= weg_a
        n_b -= weg_b
    if v <= 0.0:
        return Toets(0.0, 1.0)
    statistiek = u * u / v
    return Toets(statistiek, math.erfc(math.sqrt(statistiek / 2.0)))


# --- proportions and counts ------------------------------------------------------------------


def wilson(geslaagd: int, n: int, *, betrouwbaarheid: float = 0.95) -> tuple[float, float]:
    """The Wilson score interval for a fraction geslaagd / n, without continuity correction
    (Wilson, JASA 22 (1927) 209–212; Newcombe, Stat. Med. 17 (1998) 857–872, method 3; as
    scipy.stats.binomtest(...).proportion_ci(method="wilson")). n = 0 gives 0..1."""
    if n < 0 or not 0 <= geslaagd <= n:
        raise ValueError("need 0 <= geslaagd <= n")
    z = _z(betrouwbaarheid)
    if n == 0:
        return 0.0, 1.0
    p = geslaagd / n
    noemer = 2 * (n + z * z)
    midden = (2 * n * p + z * z) / noemer
    halve_breedte = z / noemer * math.sqrt(4 * n * p * (1 - p) + z * z)
    laag = 0.0 if geslaagd == 0 else max(0.0, midden - halve_breedte)
    hoog = 1.0 if geslaagd == n else min(1.0, midden + halve_breedte)
    return laag, hoog


def poisson_interval(aantal: int, *, betrouwbaarheid: float = 0.95) -> tuple[float, float]:
    """The exact (Garwood) interval for the mean of a Poisson count (Garwood, Biometrika 28
    (1936) 437–442): laag solves P(X >= aantal; λ) = α/2 and hoog solves
    P(X <= aantal; λ) = α/2, i.e. laag = χ²_{α/2}(2·aantal)/2 and
    hoog = χ²_{1-α/2}(2·aantal + 2)/2. Computed through the regularized incomplete gamma
    function (P(X >= k; λ) = P(k, λ)), inverted by bisection; accurate for counts up to
    100 000 and beyond."""
    if aantal < 0:
        raise ValueError("aantal is negative")
    alfa = 1.0 - _betrouwbaarheid(betrouwbaarheid)
    halve_alfa = alfa / 2.0
    boven = aantal + 10.0 * math.sqrt(aantal) + 10.0 - math.log(halve_alfa)
    while _gamma_pq(aantal + 1.0, boven)[1] > halve_alfa:
        boven *= 2.0
    hoog = _bisect(lambda lam: -_gamma_pq(aantal + 1.0, lam)[1], -halve_alfa, 0.0, boven)
    if aantal == 0:
        return 0.0, hoog
    laag = _bisect(lambda lam: _gamma_pq(float(aantal), lam)[0], halve_alfa, 0.0, hoog)
    return laag, hoog


@dataclass(frozen=True)
class Vergelijking:
    a: int
    b: int
    verschil: int  # a - b
    ratio: float | None  # (a / omvang_a) / (b / omvang_b); None when b == 0
    ratio_laag: float | None  # exact interval of the ratio
    ratio_hoog: float | None
    p: float  # two-sided exact test of equal rates


def vergelijk_aantallen(
    a: int,
    b: int,
    *,
    omvang_a: float = 1.0,
    omvang_b: float = 1.0,
    betrouwbaarheid: float = 0.95,
) -> Vergelijking:
    """Compare two Poisson counts, e.g. 15 long-term thuiszitters this year against 24 the
    year before (omvang 1 and 1), or a pilot area against the rest of the city (omvang: their
    numbers of pupils). Given a + b, a ~ Binomial(a + b, π₀) with π₀ = omvang_a /
    (omvang_a + omvang_b) when the rates are equal: the conditional test (Przyborowski &
    Wileński, Biometrika 31 (1940) 313–323; Breslow & Day, *Statistical Methods in Cancer
    Research* II (1987) §2.3). p is the two-sided exact binomial test (the sum of the
    probabilities no larger than that of a, with scipy.stats.binomtest's relative tolerance
    1e-7). The interval of the rate ratio R = π/(1-π) · omvang_b/omvang_a comes from the
    Clopper–Pearson interval of π (Clopper & Pearson, Biometrika 26 (1934) 404–413).
    When b = 0 the ratio and its interval are None."""
    if a < 0 or b < 0:
        raise ValueError("counts must not be negative")
    if not (omvang_a > 0 and omvang_b > 0 and math.isfinite(omvang_a + omvang_b)):
        raise ValueError("omvang must be positive")
    alfa = 1.0 - _betrouwbaarheid(betrouwbaarheid)
    n = a + b
    pi0 = omvang_a / (omvang_a + omvang_b)
    p = _binomiaaltoets(a, n, pi0)
    if b == 0:
        return Vergelijking(a, b, a - b, None, None, None, p)
    schaal = omvang_b / omvang_a
    ratio = a / b * schaal
    # Clopper–Pearson: π_laag solves I_π(a, b+1) = α/2, π_hoog solves I_{1-π}(b, a+1) = α/2;
    # the upper limit is solved in 1 - π so the odds π/(1-π) keep their precision.
    if a == 0:
        ratio_laag = 0.0
    else:
        pi_laag = _bisect(lambda x: _beta_inc(a, b + 1.0, x)[0], alfa / 2.0, 0.0, 1.0)
        ratio_laag = pi_laag / (1.0 - pi_laag) * schaal
    rest_hoog = _bisect(lambda y: _beta_inc(b, a + 1.0, y)[0], alfa / 2.0, 0.0, 1.0)
    ratio_hoog = (1.0 - rest_hoog) / rest_hoog * schaal
    return Vergelijking(a, b, a - b, ratio, ratio_laag, ratio_hoog, p)


def _binomiaaltoets(k: int, n: int, p: float) -> float:
    """Two-sided exact binomial test (scipy.stats.binomtest's 'minlike' method): the total
    probability of the outcomes no more likely than k, with a relative tolerance of 1e-7 so
    that ties survive rounding."""
    if n == 0 or k == p * n:
        return 1.0
    drempel = _log_binom_pmf(k, n, p) + math.log1p(1e-7)

    def onwaarschijnlijk(i: int) -> bool:
        return _log_binom_pmf(i, n, p) <= drempel

    if k < p * n:
        # the far tail is a run at the top: the pmf falls from ceil(pn) on
        lo, hi = math.ceil(p * n), n + 1
        while lo < hi:
            mid = (lo + hi) // 2
            if onwaarschijnlijk(mid):
                hi = mid
            else:
                lo = mid + 1
        totaal = _binom_cdf(k, n, p) + _binom_sf(lo, n, p)
    else:
        # the far tail is a run at the bottom: the pmf rises up to floor(pn)
        lo, hi = -1, math.floor(p * n)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if onwaarschijnlijk(mid):
                lo = mid
            else:
                hi = mid - 1
        totaal = _binom_cdf(lo, n, p) + _binom_sf(k, n, p)
    return min(1.0, totaal)


def _log_binom_pmf(i: int, n: int, p: float) -> float:
    return (
        math.lgamma(n + 1)
        - math.lgamma(i + 1)
        - math.lgamma(n - i + 1)
        + i * math.log(p)
        + (n - i) * math.log1p(-p)
    )


def _binom_cdf(k: int, n: int, p: float) -> float:
    """P(X <= k) = I_{1-p}(n - k, k + 1)."""
    if k < 0:
        return 0.0
    if k >= n:
        return 1.0
    return _beta_inc(n - k, k + 1.0, 1.0 - p)[0]


def _binom_sf(j: int, n: int, p: float) -> float:
    """P(X >= j) = I_p(j, n - j + 1)."""
    if j <= 0:
        return 1.0
    if j > n:
        return 0.0
    return _beta_inc(j, n - j + 1.0, p)[0]


# --- special functions -----------------------------------------------------------------------

_EPS = sys.float_info.epsilon
_KLEIN = 1e-300
_MAX_STAPPEN = 1_000_000


def _betrouwbaarheid(betrouwbaarheid: float) -> float:
    if not 0.0 < betrouwbaarheid < 1.0:
        raise ValueError("betrouwbaarheid must lie strictly between 0 and 1")
    return betrouwbaarheid


def _z(betrouwbaarheid: float) -> float:
    """The two-sided standard normal quantile (1.96 for 95%)."""
    return NormalDist().inv_cdf(0.5 + _betrouwbaarheid(betrouwbaarheid) / 2.0)


def _gamma_pq(a: float, x: float) -> tuple[float, float]:
    """The regularized incomplete gamma functions P(a, x) and Q(a, x) = 1 - P(a, x), each
    computed directly where it is the smaller so neither loses precision: the series for
    x < a + 1, Lentz's continued fraction otherwise (Numerical Recipes §6.2)."""
    if x <= 0.0:
        return 0.0, 1.0
    voorfactor = math.exp(a * math.log(x) - x - math.lgamma(a))
    if x < a + 1.0:
        term = som = 1.0 / a
        noemer = a
        for _stap in range(_MAX_STAPPEN):
            noemer += 1.0
            term *= x / noemer
            som += term
            if abs(term) < abs(som) * _EPS:
                p = som * voorfactor
                return p, 1.0 - p
        raise ArithmeticError("incomplete gamma series did not converge")
    b = x + 1.0 - a
    c = 1.0 / _KLEIN
    d = 1.0 / b
    h = d
    for i in range(1, _MAX_STAPPEN):
        an = -i * (i - a)
        b += 2.0
        d = an * d + b
        d = _KLEIN if abs(d) < _KLEIN else d
        c = b + an / c
        c = _KLEIN if abs(c) < _KLEIN else c
        d = 1.0 / d
        delta = d * c
        h *= delta
        if abs(delta - 1.0) <= _EPS:
            q = voorfactor * h
            return 1.0 - q, q
    raise ArithmeticError("incomplete gamma continued fraction did not converge")


def _beta_inc(a: float, b: float, x: float) -> tuple[float, float]:
    """The regularized incomplete beta function I_x(a, b) and 1 - I_x(a, b), through the
    continued fraction on whichever side converges (Numerical Recipes §6.4)."""
    if x <= 0.0:
        return 0.0, 1.0
    if x >= 1.0:
        return 1.0, 0.0
    voorfactor = math.exp(
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    if x < (a + 1.0) / (a + b + 2.0):
        i = voorfactor * _beta_kettingbreuk(a, b, x) / a
        return i, 1.0 - i
    rest = voorfactor * _beta_kettingbreuk(b, a, 1.0 - x) / b
    return 1.0 - rest, rest


def _beta_kettingbreuk(a: float, b: float, x: float) -> float:
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c = 1.0
    d = 1.0 - qab * x / qap
    d = _KLEIN if abs(d) < _KLEIN else d
    d = 1.0 / d
    h = d
    for m in range(1, _MAX_STAPPEN):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = _KLEIN if abs(d) < _KLEIN else d
        c = 1.0 + aa / c
        c = _KLEIN if abs(c) < _KLEIN else c
        d = 1.0 / d
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = _KLEIN if abs(d) < _KLEIN else d
        c = 1.0 + aa / c
        c = _KLEIN if abs(c) < _KLEIN else c
        d = 1.0 / d
        delta = d * c
        h *= delta
        if abs(delta - 1.0) <= _EPS:
            return h
    raise ArithmeticError("incomplete beta continued fraction did not converge")


def _bisect(f: Callable[[float], float], doel: float, lo: float, hi: float) -> float:
    """The x in [lo, hi] with f(x) = doel for a nondecreasing f, to the last bit: halve the
    interval until its midpoint is one of its ends."""
    while True:
        mid = lo + (hi - lo) / 2.0
        if mid <= lo or mid >= hi:
            return mid
        if f(mid) < doel:
            lo = mid
        else:
            hi = mid
