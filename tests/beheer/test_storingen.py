# SPDX-License-Identifier: EUPL-1.2
"""The database goes away in the middle of a write: nothing half-written remains, and what was
confirmed before remains.

The connection is ended with pg_terminate_backend from a second connection, at a point inside
the transaction (after the rows of the batch or the plan version were written, before the
commit). For the session that is what a crash or restart of PostgreSQL is: its backend is gone
and PostgreSQL rolls back the open transaction. A real `pg_ctl restart` of the test cluster would
also cut every other test's connection in a shared test run, so the tests end one backend only
(docs/beheer.md, "Storingen")."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any

from django.db import DatabaseError, connection

import pytest

from binnenboord.regie import geschiedenis
from binnenboord.regie import services as regie
from binnenboord.regie.models import Casus, CasusGebeurtenis, PlanVanAanpak
from binnenboord.registratie.importeren import opslaan
from binnenboord.registratie.importeren.services import importeer
from binnenboord.registratie.models import Import, School, Verzuim
from binnenboord.toegang.models import Rol
from tests.beheer import pg
from tests.regie.factories import open_casus
from tests.wereld import Wereld, bouw_wereld

KOP = "bsn;brin;vestiging;datum;minuten;soort;hele_dag;reden_code"
BRIN = "12AB"


def _lesdagen(aantal: int) -> list[date]:
    """Weekdays from Monday 5 January 2026 (after the Christmas holiday of region noord)."""
    dagen: list[date] = []
    dag = date(2026, 1, 5)
    while len(dagen) < aantal:
        if dag.weekday() < 5:
            dagen.append(dag)
        dag += timedelta(days=1)
    return dagen


def _na_de_nde(aantal: int, functie: Callable[..., Any]) -> Callable[..., Any]:
    """`functie`, but on its `aantal`-th call the connection is ended after it did its work,
    inside the caller's transaction."""
    aanroepen = 0

    def omhulsel(*args: Any, **kwargs: Any) -> Any:
        nonlocal aanroepen
        aanroepen += 1
        uitkomst = functie(*args, **kwargs)
        if aanroepen == aantal:
            pg.beeindig(connection.connection.info.backend_pid)
        return uitkomst

    return omhulsel


@pytest.fixture
def wereld_vast() -> Iterator[Wereld]:
    """The small world, committed; Django's connection is closed afterwards so a broken one
    is not handed to the next step or test."""
    wereld = bouw_wereld()
    School.objects.filter(organisatie__naam="Het Baken").update(brin=BRIN, vestiging="00")
    yield wereld
    connection.close()


def _verzuimbestand(wereld: Wereld, dagen: list[date]) -> bytes:
    leerling = wereld.leerlingen["demodam_school1"]
    regels = [KOP] + [f"{leerling.bsn};{BRIN};00;{d.isoformat()};;ziek;ja;ZK" for d in dagen]
    return ("\n".join(regels) + "\n").encode()


def _importeer(wereld: Wereld, dagen: list[date]) -> Import:
    return importeer(
        soort="verzuim",
        bestand=io.BytesIO(_verzuimbestand(wereld, dagen)),
        bestandsnaam="verzuim.csv",
        door=None,
    )


@pytest.fixture
def database_weg() -> Iterator[Callable[[], None]]:
    """Ends Django's backend and refuses new connections until the test's end (or until it
    calls pg.sta_verbindingen_toe(True))."""

    def weg() -> None:
        pg.sta_verbindingen_toe(False)
        pg.beeindig(connection.connection.info.backend_pid)

    yield weg
    pg.sta_verbindingen_toe(True)


@pytest.mark.django_db(transaction=True)
def test_een_import_die_midden_in_een_batch_kort_wordt_afgebroken_slaat_elke_dag_eenmaal_op(
    wereld_vast: Wereld, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a verzuim file of 10 school days, stored in batches of 4 days
    dagen = _lesdagen(10)
    monkeypatch.setattr(opslaan, "VERZUIM_BATCH", 4)
    # and the database connection ends inside the second batch's transaction, after its rows
    # were written and before its commit, and the database is back at once
    monkeypatch.setattr(opslaan, "_verzuim_blok", _na_de_nde(2, opslaan._verzuim_blok))
    # when the file is imported
    import_ = _importeer(wereld_vast, dagen)
    # then the cut batch was rolled back by PostgreSQL and taken again on a new connection:
    # every day is stored once and counted once
    assert (import_.status, import_.aantal_nieuw, import_.aantal_afgewezen) == ("klaar", 10, 0)
    assert import_.verwerkt == 10
    assert sorted(Verzuim.objects.values_list("datum", flat=True)) == dagen


@pytest.mark.django_db(transaction=True)
def test_een_import_waarvan_de_database_wegblijft_houdt_de_batches_ervoor_en_verder_niets(
    wereld_vast: Wereld, monkeypatch: pytest.MonkeyPatch, database_weg: Callable[[], None]
) -> None:
    # given a verzuim file of 10 school days, stored in batches of 4 days
    dagen = _lesdagen(10)
    monkeypatch.setattr(opslaan, "VERZUIM_BATCH", 4)
    # and inside the second batch's transaction (its rows written, not committed) the
    # database goes away and refuses new connections
    aanroepen = 0
    echt = opslaan._verzuim_blok

    def blok(*args: Any, **kwargs: Any) -> Any:
        nonlocal aanroepen
        aanroepen += 1
        uitkomst = echt(*args, **kwargs)
        if aanroepen == 2:
            database_weg()
        return uitkomst

    monkeypatch.setattr(opslaan, "_verzuim_blok", blok)
    # when the file is imported, the import fails: it is not reported done
    with pytest.raises(DatabaseError):
        _importeer(wereld_vast, dagen)
    connection.close()
    pg.sta_verbindingen_toe(True)
    # then the first batch is stored, as its progress said; nothing of the second or third
    # batch is, and the import is not marked done
    (import_,) = Import.objects.all()
    assert sorted(Verzuim.objects.values_list("datum", flat=True)) == dagen[:4]
    assert import_.verwerkt == 4
    assert import_.status != Import.Status.KLAAR
    assert import_.afwijzingen.count() == 0
    # and importing the same file again completes it
    monkeypatch.setattr(opslaan, "_verzuim_blok", echt)
    opnieuw = _importeer(wereld_vast, dagen)
    assert (opnieuw.status, opnieuw.aantal_nieuw, opnieuw.aantal_ongewijzigd) == ("klaar", 6, 4)
    assert sorted(Verzuim.objects.values_list("datum", flat=True)) == dagen


@pytest.mark.django_db(transaction=True)
def test_een_planwijziging_afgebroken_voor_haar_commit_ontbreekt_en_de_opgeslagen_versie_blijft(
    wereld_vast: Wereld, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a case with a saved first plan version
    school = wereld_vast.medewerkers[Rol.SCHOOLMEDEWERKER]
    casus = open_casus(wereld_vast.leerlingen["demodam_school1"], school)
    regie.sla_plan_op(casus=casus, door=school, basis_versie=0, doel="Eerste versie")
    gebeurtenissen = CasusGebeurtenis.objects.filter(casus=casus).count()
    # and the connection ends after version 2 and its history row were written, before commit
    schrijver = _na_de_nde(1, geschiedenis.plan_opgeslagen)
    monkeypatch.setattr(geschiedenis, "plan_opgeslagen", schrijver)
    # when the professional saves version 2
    with pytest.raises(DatabaseError):
        regie.sla_plan_op(casus=casus, door=school, basis_versie=1, doel="Tweede versie")
    connection.close()
    # then version 2 is absent, not half-saved: no plan row, no history row, and the saved
    # version is untouched
    assert list(PlanVanAanpak.objects.filter(casus=casus).values_list("versie", "doel")) == [
        (1, "Eerste versie")
    ]
    assert CasusGebeurtenis.objects.filter(casus=casus).count() == gebeurtenissen
    assert Casus.objects.get(pk=casus.pk).is_open
    # and on a new connection the same edit (still based on version 1) succeeds
    schrijver = _na_de_nde(0, geschiedenis.plan_opgeslagen)
    monkeypatch.setattr(geschiedenis, "plan_opgeslagen", schrijver)
    plan = regie.sla_plan_op(casus=casus, door=school, basis_versie=1, doel="Tweede versie")
    assert plan.versie == 2
    assert CasusGebeurtenis.objects.filter(casus=casus).count() == gebeurtenissen + 1
