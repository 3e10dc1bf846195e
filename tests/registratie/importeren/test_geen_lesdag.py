# SPDX-License-Identifier: EUPL-1.2
"""A row on a day without school says why in plain words: "zaterdag is geen lesdag", the
holiday's or the school holiday's name, or the school's own free day; never just the region."""

from __future__ import annotations

from datetime import date

import pytest

from binnenboord.registratie.models import Afwijzing, Verzuim
from tests.registratie.importeren.conftest import BRIN1, Opzet, csv_bytes, importeer_bytes

pytestmark = pytest.mark.django_db

KOP = "bsn;brin;vestiging;datum;minuten;soort;hele_dag;reden_code"


@pytest.mark.parametrize(
    ("datum", "reden"),
    [
        ("2026-01-10", "2026-01-10: zaterdag is geen lesdag."),
        ("2026-01-11", "2026-01-11: zondag is geen lesdag."),
        ("2026-04-27", "2026-04-27: Koningsdag is geen lesdag."),
        ("2026-05-25", "2026-05-25: Tweede pinksterdag is geen lesdag."),
        ("2026-02-24", "2026-02-24: Voorjaarsvakantie, geen lesdag."),
    ],
)
def test_een_rij_op_een_dag_zonder_les_zegt_waarom(opzet: Opzet, datum: str, reden: str) -> None:
    bsn = opzet.bsn("demodam_school1")
    data = csv_bytes(
        KOP, f"{bsn};{BRIN1};00;2026-01-07;50;ziek;;", f"{bsn};{BRIN1};00;{datum};50;ziek;;"
    )

    import_ = importeer_bytes("verzuim", data)

    afwijzing = Afwijzing.objects.get(bestandsimport=import_)
    assert (afwijzing.veld, afwijzing.reden) == ("datum", reden)
    assert "vakantieregio" not in afwijzing.reden
    assert list(Verzuim.objects.values_list("datum", flat=True)) == [date(2026, 1, 7)]
