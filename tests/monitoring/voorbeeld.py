# SPDX-License-Identifier: EUPL-1.2
"""A small hand-built report for tests of the dashboard, the charts and the exports, so they do
not depend on how monitoring.cijfers computes one. The numbers are chosen to exercise
suppression: some counts below 5, a total that would give one back, a statistic over few."""

from __future__ import annotations

from datetime import UTC, date, datetime

from binnenboord.monitoring.rapport import (
    Cel,
    Grafiek,
    Kolom,
    Periode,
    Rapport,
    Rij,
    Scope,
    Sectie,
    Tabel,
)


def cel(*ids: int) -> Cel:
    """A count of exactly these records (the ids the joint suppression compares)."""
    return Cel(len(ids), ids=frozenset(ids))


def maandrapport(secties: tuple[Sectie, ...]) -> Rapport:
    """A monthly report of Demodam, October 2026, with these sections."""
    return Rapport(
        soort="maand",
        titel="Maandrapportage",
        periode=Periode(date(2026, 10, 1), date(2026, 10, 31)),
        scope=Scope("gemeente", "0363", "Demodam"),
        peildatum=date(2026, 10, 31),
        gemaakt_op=datetime(2026, 11, 1, 8, 0, tzinfo=UTC),
        secties=secties,
    )


def _aantal(waarde: int, start: int) -> Cel:
    return Cel(waarde, ids=frozenset(range(start, start + waarde)))


def voorbeeldrapport() -> Rapport:
    categorie = Tabel(
        sleutel="categorie",
        titel="Thuiszitters op de peildatum naar categorie",
        kolommen=(Kolom("aantal", "Aantal", "aantal", lijst="leerling"),),
        rijen=(
            Rij("absoluut_verzuim", "Absoluut verzuim", (_aantal(3, 100),)),
            Rij("langdurig_relatief_verzuim", "Langdurig relatief verzuim", (_aantal(12, 200),)),
            Rij("totaal", "Totaal", (_aantal(15, 100),), totaal=True),
        ),
        vergelijkingen=(
            frozenset(
                {
                    ("absoluut_verzuim", "aantal"),
                    ("langdurig_relatief_verzuim", "aantal"),
                    ("totaal", "aantal"),
                }
            ),
        ),
    )
    km = Tabel(
        sleutel="km",
        titel="Tijd tot passend aanbod (Kaplan–Meier)",
        kolommen=(
            Kolom("weken", "Weken", "getal"),
            Kolom("in_beeld", "Nog zonder aanbod in beeld", "aantal", lijst="casus"),
            Kolom("overleving", "Aandeel nog zonder aanbod", "fractie"),
        ),
        rijen=(
            Rij("0", "0 weken", (Cel(0), _aantal(20, 1), Cel(1.0, n=20))),
            Rij("4", "4 weken", (Cel(4), _aantal(14, 1), Cel(0.7, n=14))),
            Rij("13", "13 weken", (Cel(13), _aantal(6, 1), Cel(0.3, n=6))),
            Rij("26", "26 weken", (Cel(26), _aantal(2, 1), Cel(0.1, n=2))),
        ),
    )
    return maandrapport(
        (
            Sectie(
                "thuiszitters",
                "Thuiszitters",
                (categorie,),
                (
                    Grafiek(
                        "categorie",
                        "Thuiszitters naar categorie",
                        "staaf",
                        "categorie",
                        ("aantal",),
                        "Staafdiagram: 3 absoluut verzuim, 12 langdurig relatief verzuim.",
                    ),
                ),
            ),
            Sectie(
                "doorlooptijd",
                "Doorlooptijd",
                (km,),
                (
                    Grafiek(
                        "km",
                        "Tijd tot passend aanbod",
                        "trap",
                        "km",
                        ("overleving",),
                        "Trapcurve: na 4 weken 70%, na 13 weken 30% nog zonder aanbod.",
                        x="weken",
                    ),
                ),
            ),
        ),
    )
