# SPDX-License-Identifier: EUPL-1.2
"""Statistics for monitoring (issue 6): the time to passend aanbod as a Kaplan–Meier curve
(open cases are censored, not dropped), its quantiles, the log-rank test between two curves,
and the intervals and tests for counts and fractions that make a comparison honest ("15 this
year against 24 the year before").

Pure: no Django, no database, no I/O. The estimates and tests are SciPy's (`scipy.stats.ecdf`
on `CensoredData`, `logrank`, `binomtest`, the chi-square and beta quantiles); this module puts
them in the shape the report reads and fixes what they leave open at the edges (an empty group,
a curve at 1 or at 0). scipy.stats is imported on first use, not at import time: it takes about
a second, and every process that loads the monitoring views would pay it. The tests check every
function against lifelines, numpy and scipy and against values worked out by hand."""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass

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
    had the event by day t (Kaplan & Meier, JASA 53 (1958) 457–481), as scipy.stats.ecdf on
    right-censored data. A duration with `gebeurtenis` false is censored: the case counts as at
    risk up to and including that day.

    The pointwise interval is the exponential Greenwood ("log(-log)") interval
    (Kalbfleisch & Prentice, *The Statistical Analysis of Failure Time Data*, 2nd ed., §4.3;
    scipy's `confidence_interval(method="log-log")`). Where S = 1 the interval is 1..1, where
    S = 0 it is 0..0 (scipy leaves both undefined); this is lifelines'
    KaplanMeierFitter.confidence_interval_.

    The first point is day 0 with everybody at risk (the events and censorings of day 0, if
    any, are in it and in its S), then one point per distinct day with an event or censoring,
    as lifelines' event_table."""
    if len(duren) != len(gebeurtenis):
        raise ValueError("duren and gebeurtenis differ in length")
    if not duren:
        return ()
    if min(duren) < 0:
        raise ValueError("a duration is negative")
    _betrouwbaarheid(betrouwbaarheid)
    import numpy as np
    from scipy import stats

    tijden_alle = np.asarray(duren, dtype=np.int64)
    gebeurd = np.asarray(gebeurtenis, dtype=bool)
    schatting = stats.ecdf(
        stats.CensoredData(uncensored=tijden_alle[gebeurd], right=tijden_alle[~gebeurd])
    ).sf
    with warnings.catch_warnings(), np.errstate(divide="ignore", invalid="ignore"):
        # undefined where S is 1 or 0; set below
        warnings.simplefilter("ignore", RuntimeWarning)
        interval = schatting.confidence_interval(betrouwbaarheid, method="log-log")

    # the table per distinct day, with day 0 always in it (lifelines' event_table)
    tijden, index = np.unique(np.append(tijden_alle, 0), return_inverse=True)
    index = index[:-1]
    gebeurtenissen = np.bincount(index, weights=gebeurd, minlength=tijden.size).astype(np.int64)
    weg = np.bincount(index, minlength=tijden.size)
    in_beeld = len(duren) - np.concatenate(([0], np.cumsum(weg)[:-1]))
    overleving = schatting.evaluate(tijden)
    laag, hoog = interval.low.evaluate(tijden), interval.high.evaluate(tijden)

    punten = []
    for i, tijd in enumerate(tijden.tolist()):
        s = float(overleving[i])
        if s >= 1.0:
            grenzen = (1.0, 1.0)
        elif s <= 0.0:
            grenzen = (0.0, 0.0)
        else:
            grenzen = (float(laag[i]), float(hoog[i]))
        punten.append(
            KMPunt(
                int(tijd),
                int(in_beeld[i]),
                int(gebeurtenissen[i]),
                int(weg[i] - gebeurtenissen[i]),
                s,
                *grenzen,
            )
        )
    return tuple(punten)


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
    numpy.quantile's default method 'linear'). None for no values."""
    if not 0.0 <= q <= 1.0:
        raise ValueError("q must lie in [0, 1]")
    if not waarden:
        return None
    import numpy as np

    return float(np.quantile(np.asarray(waarden, dtype=np.float64), q))


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
    50 (1966) 163–170; Klein & Moeschberger §7.3), as scipy.stats.logrank: over the days with
    an event, U = Σ (d_a - n_a d / n), V = Σ n_a n_b d (n - d) / (n² (n - 1)); scipy returns
    U / √V, the statistic here is its square U² / V, chi-square with 1 degree of freedom under
    the null (lifelines.statistics.logrank_test). Without information (V = 0: no events, or an
    empty group) the statistic is 0 and p is 1."""
    if len(duren_a) != len(gebeurtenis_a) or len(duren_b) != len(gebeurtenis_b):
        raise ValueError("durations and events differ in length")
    if any(d < 0 for d in duren_a) or any(d < 0 for d in duren_b):
        raise ValueError("a duration is negative")
    if not duren_a or not duren_b or not (any(gebeurtenis_a) or any(gebeurtenis_b)):
        return Toets(0.0, 1.0)
    import numpy as np
    from scipy import stats

    def steekproef(duren: Sequence[int], gebeurtenis: Sequence[bool]) -> object:
        tijden, gebeurd = np.asarray(duren, dtype=np.int64), np.asarray(gebeurtenis, dtype=bool)
        return stats.CensoredData(uncensored=tijden[gebeurd], right=tijden[~gebeurd])

    with warnings.catch_warnings(), np.errstate(divide="ignore", invalid="ignore"):
        # V = 0 (every event where only one group is left at risk): scipy divides by zero
        warnings.simplefilter("ignore", RuntimeWarning)
        uitkomst = stats.logrank(
            steekproef(duren_a, gebeurtenis_a), steekproef(duren_b, gebeurtenis_b)
        )
    z = float(uitkomst.statistic)
    if not math.isfinite(z):
        return Toets(0.0, 1.0)
    return Toets(z * z, float(uitkomst.pvalue))


# --- proportions and counts ------------------------------------------------------------------


def wilson(geslaagd: int, n: int, *, betrouwbaarheid: float = 0.95) -> tuple[float, float]:
    """The Wilson score interval for a fraction geslaagd / n, without continuity correction
    (Wilson, JASA 22 (1927) 209–212; Newcombe, Stat. Med. 17 (1998) 857–872, method 3):
    scipy.stats.binomtest(...).proportion_ci(method="wilson"). n = 0 gives 0..1."""
    if n < 0 or not 0 <= geslaagd <= n:
        raise ValueError("need 0 <= geslaagd <= n")
    _betrouwbaarheid(betrouwbaarheid)
    if n == 0:
        return 0.0, 1.0
    from scipy import stats

    interval = stats.binomtest(geslaagd, n).proportion_ci(betrouwbaarheid, method="wilson")
    return float(interval.low), float(interval.high)


def poisson_interval(aantal: int, *, betrouwbaarheid: float = 0.95) -> tuple[float, float]:
    """The exact (Garwood) interval for the mean of a Poisson count (Garwood, Biometrika 28
    (1936) 437–442): laag = χ²_{α/2}(2·aantal)/2 and hoog = χ²_{1-α/2}(2·aantal + 2)/2
    (scipy.stats.chi2; the upper one through its survival function, so that a small α keeps
    its precision); laag is 0 for a count of 0."""
    if aantal < 0:
        raise ValueError("aantal is negative")
    halve_alfa = (1.0 - _betrouwbaarheid(betrouwbaarheid)) / 2.0
    from scipy import stats

    hoog = float(stats.chi2.isf(halve_alfa, 2 * aantal + 2)) / 2.0
    if aantal == 0:
        return 0.0, hoog
    return float(stats.chi2.ppf(halve_alfa, 2 * aantal)) / 2.0, hoog


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
    Research* II (1987) §2.3). p is scipy.stats.binomtest's two-sided exact test. The interval
    of the rate ratio R = π/(1-π) · omvang_b/omvang_a comes from the Clopper–Pearson interval
    of π (Clopper & Pearson, Biometrika 26 (1934) 404–413), the beta quantiles that
    binomtest(...).proportion_ci(method="exact") solves for; the upper limit is taken as the
    quantile of 1 - π, so the odds π/(1-π) keep their precision when π is close to 1.
    When b = 0 the ratio and its interval are None."""
    if a < 0 or b < 0:
        raise ValueError("counts must not be negative")
    if not (omvang_a > 0 and omvang_b > 0 and math.isfinite(omvang_a + omvang_b)):
        raise ValueError("omvang must be positive")
    alfa = 1.0 - _betrouwbaarheid(betrouwbaarheid)
    from scipy import stats

    n = a + b
    pi0 = omvang_a / (omvang_a + omvang_b)
    p = 1.0 if n == 0 else float(stats.binomtest(a, n, pi0).pvalue)
    if b == 0:
        return Vergelijking(a, b, a - b, None, None, None, p)
    schaal = omvang_b / omvang_a
    ratio = a / b * schaal
    # Clopper–Pearson: π_laag = B⁻¹(α/2; a, b+1), 1 - π_hoog = B⁻¹(α/2; b, a+1)
    if a == 0:
        ratio_laag = 0.0
    else:
        pi_laag = float(stats.beta.ppf(alfa / 2.0, a, b + 1))
        ratio_laag = pi_laag / (1.0 - pi_laag) * schaal
    rest_hoog = float(stats.beta.ppf(alfa / 2.0, b, a + 1))
    ratio_hoog = (1.0 - rest_hoog) / rest_hoog * schaal
    return Vergelijking(a, b, a - b, ratio, ratio_laag, ratio_hoog, p)


def _betrouwbaarheid(betrouwbaarheid: float) -> float:
    if not 0.0 < betrouwbaarheid < 1.0:
        raise ValueError("betrouwbaarheid must lie strictly between 0 and 1")
    return betrouwbaarheid
