# SPDX-License-Identifier: EUPL-1.2
"""A plain reference implementation of the absence rules of kern.signalen: a straightforward
loop per pupil, written from docs/domein.md without polars and without sharing code with the engine
(compulsory age comes from kern.leerplicht.leerplicht_op, one pupil at a time). The tests use it
as an oracle; benchmarks/signalen.py measures the engine against it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

import polars as pl

from binnenboord.kern.leerplicht import is_leerplichtig_of_kwalificatieplichtig, leerplicht_op
from binnenboord.kern.signalen import (
    LANGDURIG_RELATIEF_VERZUIM,
    VERZUIM_16_UUR,
    ZORGWEKKEND_ZIEKTEVERZUIM,
    Drempels,
    Gegevens,
)

# (leerling_id, soort, begindatum, datum, einddatum)
Uitkomst = tuple[int, str, date, date, date | None]


@dataclass
class _Dag:
    datum: date
    ongeoorloofd: int
    ziek: int


def referentie(gegevens: Gegevens, peildatum: date, drempels: Drempels) -> set[Uitkomst]:
    """verzuim_16_uur, langdurig_relatief_verzuim and zorgwekkend_ziekteverzuim, per pupil."""
    lesdagen: dict[int, list[date]] = defaultdict(list)
    for school_id, datum in gegevens.lesdagen.iter_rows():
        if datum <= peildatum:
            lesdagen[school_id].append(datum)
    index = {s: {d: i for i, d in enumerate(sorted(set(ds)))} for s, ds in lesdagen.items()}
    weken = {}
    maandagen_van: dict[int, list[date]] = {}
    for s, ds in index.items():
        maandagen = sorted({d - timedelta(days=d.weekday()) for d in ds})
        maandagen_van[s] = maandagen
        weeknr = {m: i for i, m in enumerate(maandagen)}
        weken[s] = {d: weeknr[d - timedelta(days=d.weekday())] for d in ds}
    geboren = dict(gegevens.leerlingen.select("leerling_id", "geboortedatum").iter_rows())
    vrij: dict[int, list[tuple[date, date | None]]] = defaultdict(list)
    for leerling_id, _artikel, begin, eind in gegevens.vrijstellingen.iter_rows():
        vrij[leerling_id].append((begin, eind))

    def telt(leerling_id: int, dag: date) -> bool:
        plicht = leerplicht_op(geboren[leerling_id], dag)
        if not is_leerplichtig_of_kwalificatieplichtig(plicht):
            return False
        return not any(b <= dag and (e is None or dag <= e) for b, e in vrij[leerling_id])

    per_leerling: dict[tuple[int, int], list[_Dag]] = defaultdict(list)
    for rij in gegevens.verzuim.filter(pl.col("datum") <= peildatum).iter_rows(named=True):
        if rij["datum"] not in index[rij["school_id"]]:
            continue
        ongeoorloofd = rij["minuten_ongeoorloofd"] + rij["minuten_luxe"] + rij["minuten_te_laat"]
        per_leerling[(rij["leerling_id"], rij["school_id"])].append(
            _Dag(rij["datum"], ongeoorloofd, rij["minuten_ziek"])
        )

    uitkomst: set[Uitkomst] = set()
    for (leerling_id, school_id), dagen in per_leerling.items():
        dagen.sort(key=lambda dag: dag.datum)
        idx, week = index[school_id], weken[school_id]
        laatste = max(idx.values())
        volgende = {i: d for d, i in idx.items()}
        uitkomst |= {
            s for s in _zestien_uur(leerling_id, dagen, week, drempels) if telt(leerling_id, s[3])
        }
        hele = [dag.datum for dag in dagen if dag.ongeoorloofd >= drempels.hele_dag_minuten]
        for run in _runs(hele, idx):
            grens = _grens(run[0], drempels, maandagen_van[school_id], week)
            datum = next((d for d in run if d >= grens), None)
            if datum is None or not telt(leerling_id, datum):
                continue
            eind = None if idx[run[-1]] == laatste else volgende[idx[run[-1]] + 1]
            uitkomst.add((leerling_id, LANGDURIG_RELATIEF_VERZUIM, run[0], datum, eind))
        ziek = _runs([dag.datum for dag in dagen if dag.ziek > 0], idx)
        zorg: dict[date, date] = {}
        n = drempels.ziekdagen_aaneengesloten
        # each criterion counts only on a day the pupil is of compulsory age and not exempt;
        # the 7th sick day and the 4th report of one episode give one signal, the earliest
        for run in ziek:
            if len(run) >= n and telt(leerling_id, run[n - 1]):
                zorg[run[0]] = min(zorg.get(run[0], run[n - 1]), run[n - 1])
        teller: list[date] = []
        for run in ziek:
            teller = [b for b in teller if week[b] > week[run[0]] - drempels.ziekmeldingen_lesweken]
            teller.append(run[0])
            if len(teller) >= drempels.ziekmeldingen:
                if telt(leerling_id, run[0]):
                    zorg[teller[0]] = min(zorg.get(teller[0], run[0]), run[0])
                teller = []
        for begin, datum in zorg.items():
            uitkomst.add((leerling_id, ZORGWEKKEND_ZIEKTEVERZUIM, begin, datum, None))
    return uitkomst


def _grens(begin: date, drempels: Drempels, maandagen: list[date], week: dict[date, int]) -> date:
    """The day a run from `begin` is langdurig: `dagen_langdurig` days, the whole weeks
    counted in the school's lesweken (a week without lesdagen does not count)."""
    if not drempels.langdurig_schoolweken:
        return begin + timedelta(days=drempels.dagen_langdurig)
    weken, dagen = divmod(drempels.dagen_langdurig, 7)
    doel = week[begin] + weken
    if doel >= len(maandagen):
        return date.max
    return begin + (maandagen[doel] - maandagen[week[begin]]) + timedelta(days=dagen)


def _runs(datums: list[date], idx: dict[date, int]) -> list[list[date]]:
    runs: list[list[date]] = []
    for datum in datums:
        if runs and idx[datum] == idx[runs[-1][-1]] + 1:
            runs[-1].append(datum)
        else:
            runs.append([datum])
    return runs


def _zestien_uur(
    leerling_id: int, dagen: list[_Dag], week: dict[date, int], drempels: Drempels
) -> list[Uitkomst]:
    signalen: list[Uitkomst] = []
    vanaf = 0  # the first lesweek a window may use
    for i, dag in enumerate(dagen):
        if dag.ongeoorloofd == 0:
            continue
        w = week[dag.datum]
        ondergrens = max(vanaf, w - drempels.lesweken_16_uur + 1)
        venster = [
            d for d in dagen[: i + 1] if d.ongeoorloofd > 0 and ondergrens <= week[d.datum] <= w
        ]
        if sum(d.ongeoorloofd for d in venster) >= drempels.minuten_16_uur:
            eerste = venster[0].datum
            maandag = eerste - timedelta(days=eerste.weekday())
            signalen.append((leerling_id, VERZUIM_16_UUR, maandag, dag.datum, None))
            vanaf = w + 1
    return signalen
