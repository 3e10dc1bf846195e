# SPDX-License-Identifier: EUPL-1.2
"""Integrity the database enforces itself, and the change history of domain records."""

from __future__ import annotations

from contextlib import nullcontext
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

import pytest
from auditlog.models import LogEntry

from binnenboord.registratie.models import Leerling, School, Verzuim
from tests.factories import InschrijvingFactory, LeerlingFactory, SchoolFactory, VerzuimFactory

pytestmark = pytest.mark.django_db


def _weigert(**velden: object) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        VerzuimFactory(**velden)


def test_een_verzuimrij_per_leerling_per_dag() -> None:
    eerste = VerzuimFactory(minuten_ziek=300)
    with pytest.raises(IntegrityError), transaction.atomic():
        VerzuimFactory(leerling=eerste.leerling, school=eerste.school, datum=eerste.datum)
    assert Verzuim.objects.count() == 1


@pytest.mark.parametrize("soort", ["ongeoorloofd", "luxe", "te_laat", "ziek", "geoorloofd"])
def test_verzuimminuten_zijn_nooit_negatief(soort: str) -> None:
    _weigert(**{f"minuten_{soort}": -1})
    assert not Verzuim.objects.exists()


def test_verzuim_van_een_dag_is_hoogstens_24_uur() -> None:
    _weigert(minuten_ziek=1000, minuten_ongeoorloofd=441)
    assert VerzuimFactory(minuten_ziek=1000, minuten_ongeoorloofd=440).minuten_totaal == 1440


def test_een_inschrijving_kan_niet_eindigen_voordat_ze_begint() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        InschrijvingFactory(begindatum=date(2025, 8, 1), einddatum=date(2025, 7, 31))
    assert InschrijvingFactory(begindatum=date(2025, 8, 1), einddatum=date(2025, 8, 1)).pk


def test_een_leerling_heeft_een_bsn_of_een_onderwijsnummer_nodig() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        LeerlingFactory(bsn=None, onderwijsnummer=None)
    assert not Leerling.objects.exists()


def test_bsn_is_uniek() -> None:
    LeerlingFactory(bsn="123456782")
    with pytest.raises(IntegrityError), transaction.atomic():
        LeerlingFactory(bsn="123456782")


@pytest.mark.parametrize(
    ("bsn", "geldig"),
    [("123456782", True), ("111222333", True), ("123456789", False), ("12345678", False)],
)
def test_bsn_wordt_gecontroleerd_met_de_elfproef(bsn: str, geldig: bool) -> None:
    leerling = LeerlingFactory.build(bsn=bsn, woongemeente=None)
    with nullcontext() if geldig else pytest.raises(ValidationError):
        leerling.clean_fields(exclude=["woongemeente"])


def test_school_is_uniek_per_brin_en_vestiging() -> None:
    SchoolFactory(brin="12AB", vestiging="00")
    with pytest.raises(IntegrityError), transaction.atomic():
        SchoolFactory(brin="12AB", vestiging="00")
    assert SchoolFactory(brin="12AB", vestiging="01").pk
    assert School.objects.count() == 2


def test_een_leerlingwijziging_staat_in_de_historie_met_voor_na_en_gemaskeerd_bsn() -> None:
    # given a pupil
    leerling = LeerlingFactory(achternaam="Jansen", bsn="123456782")
    # when the surname is corrected
    leerling.achternaam = "Janssen"
    leerling.save()
    # then the history holds the change with before and after, and no BSN in clear text
    wijziging = LogEntry.objects.get_for_object(leerling).get(action=LogEntry.Action.UPDATE)
    assert wijziging.changes_dict["achternaam"] == ["Jansen", "Janssen"]
    aanmaak = LogEntry.objects.get_for_object(leerling).get(action=LogEntry.Action.CREATE)
    assert "123456782" not in str(aanmaak.changes)
    assert aanmaak.changes_dict["bsn"][1].endswith("6782")
