# SPDX-License-Identifier: EUPL-1.2
"""Reading many rows at once: in_ids and lees_tabel."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

import polars as pl
import pytest

from binnenboord.gedeeld.gegevens import in_ids, lees_tabel
from binnenboord.registratie.models import Leerling
from tests.factories import LeerlingFactory


@pytest.mark.django_db
def test_in_ids_filtert_precies_die_ids_met_een_parameter() -> None:
    leerlingen = [LeerlingFactory() for _ in range(5)]
    gevraagd = [leerlingen[0].pk, leerlingen[3].pk, leerlingen[3].pk, 10**9]
    with CaptureQueriesContext(connection) as queries:
        gevonden = set(Leerling.objects.filter(in_ids("pk", gevraagd)).values_list("pk", flat=True))
    assert gevonden == {leerlingen[0].pk, leerlingen[3].pk}
    # one array parameter, not a placeholder per id
    assert "unnest" in queries[0]["sql"] and str(leerlingen[3].pk) in queries[0]["sql"]
    assert not Leerling.objects.filter(in_ids("pk", [])).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("copy", [True, False])
def test_lees_tabel_leest_copy_en_cursor_gelijk_ook_leeg(copy: bool) -> None:
    leerlingen = sorted(LeerlingFactory.create_batch(3), key=lambda leerling: leerling.pk)
    schema = pl.Schema({"pk": pl.Int64, "geboortedatum": pl.Date, "achternaam": pl.Utf8})
    rijen = Leerling.objects.order_by("pk").values_list("pk", "geboortedatum", "achternaam")
    frame = lees_tabel(rijen, schema, copy=copy)
    assert frame.schema == schema
    assert frame.rows() == [(x.pk, x.geboortedatum, x.achternaam) for x in leerlingen]
    leeg = lees_tabel(rijen.filter(in_ids("pk", [])), schema, copy=copy)
    assert (leeg.schema, leeg.height) == (schema, 0)
