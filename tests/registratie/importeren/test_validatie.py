# SPDX-License-Identifier: EUPL-1.2
"""The set-wise checks (polars) give the same answers as the row-wise ones (python-stdnum), and
the ORM path of the demo database stores absence like the PostgreSQL path."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from binnenboord.registratie.importeren import opslaan
from binnenboord.registratie.importeren.normaliseren import (
    lees_datum,
    normaliseer_bsn,
    normaliseer_onderwijsnummer,
)
from binnenboord.registratie.importeren.tabelcontroles import (
    bsn_expr,
    datum_expr,
    onderwijsnummer_expr,
)
from binnenboord.registratie.models import Verzuim
from tests.factories import _bsn
from tests.registratie.importeren.conftest import BRIN1, Opzet, csv_bytes, importeer_bytes

NUMMERS = st.one_of(
    st.integers(0, 999_999_999).map(str),
    st.integers(0, 99_999).map(_bsn),
    st.text(alphabet="0123456789 .-x", max_size=12),
)


@given(st.lists(NUMMERS, min_size=1, max_size=50))
def test_de_bsn_expressie_geeft_hetzelfde_als_stdnum(waarden: list[str]) -> None:
    uitkomst = pl.DataFrame({"w": waarden}).select(
        bsn=bsn_expr(pl.col("w")), onr=onderwijsnummer_expr(pl.col("w"))
    )
    assert uitkomst["bsn"].to_list() == [normaliseer_bsn(w) for w in waarden]
    assert uitkomst["onr"].to_list() == [normaliseer_onderwijsnummer(w) for w in waarden]


@pytest.mark.parametrize(
    ("tekst", "datum"),
    [
        ("2026-01-05", date(2026, 1, 5)),
        ("05-01-2026", date(2026, 1, 5)),
        ("31-02-2026", None),
        ("2026-02-31", None),
        ("2026/01/05", None),
        ("5 januari", None),
    ],
)
def test_datums_worden_op_beide_manieren_hetzelfde_gelezen(tekst: str, datum: date | None) -> None:
    assert lees_datum(tekst) == datum
    assert pl.DataFrame({"d": [tekst]}).select(datum_expr(pl.col("d")))["d"][0] == datum


@pytest.mark.django_db
def test_het_orm_pad_slaat_op_werkt_bij_en_blijft_idempotent(
    opzet: Opzet, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given the path the SQLite demo takes
    monkeypatch.setattr(opslaan, "is_postgres", lambda: False)
    a = opzet.bsn("demodam_school1")
    kop = "bsn;brin;vestiging;datum;minuten;soort"
    data = csv_bytes(kop, f"{a};{BRIN1};00;2026-01-05;50;ziek", f"x;{BRIN1};00;2026-01-05;5;ziek")
    # when a file is imported, again, and changed
    eerste = importeer_bytes("verzuim", data)
    tweede = importeer_bytes("verzuim", data)
    derde = importeer_bytes("verzuim", data.replace(b";50;", b";60;"))
    # then the counts and the stored day are those of the PostgreSQL path
    tellingen = [
        (i.aantal_nieuw, i.aantal_bijgewerkt, i.aantal_ongewijzigd, i.aantal_afgewezen)
        for i in (eerste, tweede, derde)
    ]
    assert tellingen == [(1, 0, 0, 1), (0, 0, 1, 1), (0, 1, 0, 1)]
    assert list(Verzuim.objects.values_list("minuten_ziek", "bron")) == [(60, "import")]
