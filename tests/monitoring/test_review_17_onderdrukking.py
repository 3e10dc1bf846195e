# SPDX-License-Identifier: EUPL-1.2
"""Review of issue 17 (the figures): a suppressed count must not come back from the sum of
another table's shown counts.

Two tables that count the same records split differently (by category with a total row, by
duration without one) are one relation: the rows of the second add up to the first's total.
When the joint suppression does not know that relation, a hidden count of the second table
is the first table's total minus the shown rows: 9 - 8 = 1."""

from __future__ import annotations

from itertools import chain

import pytest

from binnenboord.kern import onderdrukking
from binnenboord.monitoring.cijfers import maak_rapport
from binnenboord.monitoring.rapport import (
    RAPPORTSOORTEN,
    Cel,
    Kolom,
    Rapport,
    Rij,
    Sectie,
    Tabel,
    lees_scope,
)
from tests.monitoring.test_views import DEMODAM, Stad, bouw_stad
from tests.monitoring.voorbeeld import cel, maandrapport
from tests.wereld import Wereld


def _tabel(sleutel: str, rijen: list[tuple[str, Cel]], *, met_totaal: bool) -> Tabel:
    return Tabel(
        sleutel,
        sleutel,
        (Kolom("aantal", "Aantal", "aantal", lijst="leerling"),),
        tuple(Rij(k, k, (c,), totaal=k == "totaal") for k, c in rijen),
        (frozenset((k, "aantal") for k, _c in rijen),) if met_totaal else (),
    )


def _rapport(*tabellen: Tabel) -> Rapport:
    return maandrapport(
        (Sectie("s", "Thuiszitters", tabellen, ()),),
    )


def terug_te_rekenen(rapport: Rapport) -> list[str]:
    """Every hidden count of `rapport` (suppressed) that one table's shown counts give back
    through a cell of another table counting the union of its rows' records: the rows of a
    column are disjoint and together are exactly the records of that cell."""
    lekken = []
    cellen = [
        (tabel, rij, kolom, cel)
        for tabel in rapport.tabellen()
        for rij in tabel.rijen
        for kolom, cel in zip(tabel.kolommen, rij.cellen, strict=True)
        if kolom.soort == "aantal"
    ]
    for tabel in rapport.tabellen():
        for k, kolom in enumerate(tabel.kolommen):
            if kolom.soort != "aantal" or kolom.lijst is None:
                continue
            delen = [(r, r.cellen[k]) for r in tabel.rijen if not r.totaal]
            if len(delen) < 2 or any(c.ids is None for _r, c in delen):
                continue
            sets = [c.ids for _r, c in delen]
            if sum(len(s) for s in sets) != len(frozenset(chain.from_iterable(sets))):
                continue  # the rows overlap: no sum relation
            samen = frozenset(chain.from_iterable(sets))
            for t2, r2, k2, geheel in cellen:
                if t2 is tabel or k2.lijst != kolom.lijst or geheel.ids != samen:
                    continue
                verborgen = [r.sleutel for r, c in delen if c.onderdrukt]
                if len(verborgen) == 1 and not geheel.onderdrukt:
                    lekken.append(
                        f"{tabel.sleutel}/{verborgen[0]}/{kolom.sleutel} = "
                        f"{t2.sleutel}/{r2.sleutel} - the other rows"
                    )
    return lekken


def test_een_verborgen_rij_komt_niet_terug_uit_het_totaal_van_een_andere_tabel() -> None:
    alle = tuple(range(1, 10))
    # the same 9 pupils: by category (2 + 7, with a total) and by duration (1 + 8, no total)
    categorie = _tabel(
        "categorie",
        [("p", cel(*alle[:2])), ("q", cel(*alle[2:])), ("totaal", cel(*alle))],
        met_totaal=True,
    )
    duur = _tabel("duur", [("kort", cel(1)), ("lang", cel(*alle[1:]))], met_totaal=False)
    rapport = _rapport(categorie, duur).onderdrukt()

    assert rapport.tabel("duur").cel("kort", "aantal").onderdrukt
    assert terug_te_rekenen(rapport) == []


@pytest.fixture
def stad(wereld: Wereld) -> Stad:
    return bouw_stad(wereld)


@pytest.mark.django_db
def test_geen_rapport_van_de_stad_laat_een_verborgen_rij_terugrekenen(stad: Stad) -> None:
    for soort in RAPPORTSOORTEN:
        rapport = maak_rapport(soort, stad.periode, lees_scope(DEMODAM)).onderdrukt()
        assert any(c.onderdrukt for t in rapport.tabellen() for r in t.rijen for c in r.cellen)
        assert terug_te_rekenen(rapport) == [], soort
    assert onderdrukking.GRENS == 5
