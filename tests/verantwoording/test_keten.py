# SPDX-License-Identifier: EUPL-1.2
"""Tamper evidence: the hash chain holds, a changed or removed entry is found, and two
connections logging at the same moment keep one unbroken chain."""

from __future__ import annotations

import itertools
import threading

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections, transaction

import pytest

from binnenboord.toegang.models import Rol
from binnenboord.verantwoording import keten
from binnenboord.verantwoording.models import Inzage
from binnenboord.verantwoording.services import log_inzage
from tests.factories import MedewerkerFactory, OrganisatieFactory
from tests.wereld import Wereld

TABEL = "verantwoording_inzage"


def _log(wereld: Wereld, n: int) -> list[Inzage]:
    leerlingen = list(wereld.leerlingen.values())
    return log_inzage(
        gebruiker=wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR],
        handeling=Inzage.Handeling.ZOEKEN,
        bron="test",
        leerlingen=leerlingen[:n],
    )


def _als_eigenaar(sql: str) -> None:
    """What a database owner could do: bypass the append-only trigger (inside the test's
    transaction, so it is undone afterwards)."""
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {TABEL} DISABLE TRIGGER {TABEL}_geen_wijziging")
        cursor.execute(sql)
        cursor.execute(f"ALTER TABLE {TABEL} ENABLE TRIGGER {TABEL}_geen_wijziging")


def test_regels_van_een_aanroep_en_van_latere_aanroepen_vormen_een_geverifieerde_keten(
    wereld: Wereld,
) -> None:
    # given three calls, the first with three pupils
    eerste = _log(wereld, 3)
    tweede = _log(wereld, 1)
    derde = _log(wereld, 0)
    # then every entry builds on the one before it, in the order written
    alle = list(Inzage.objects.order_by("pk"))
    assert [e.pk for e in alle] == [e.pk for e in eerste + tweede + derde]
    assert alle[0].vorige_hash == keten.BEGIN
    assert all(b.vorige_hash == a.hash for a, b in itertools.pairwise(alle))
    assert all(e.hash == keten.bereken_hash(e) for e in alle)
    # and the chain verifies, with the command too
    uitslag = keten.controleer()
    assert (uitslag.in_orde, uitslag.aantal, uitslag.kop) == (True, 5, alle[-1].hash)
    call_command("controleer_inzagelog")


def test_een_gewijzigde_regel_wordt_gevonden_en_genoemd(wereld: Wereld) -> None:
    # given a chain of five entries
    entries = _log(wereld, 3) + _log(wereld, 2)
    gewijzigd = entries[2]
    # when the database owner bypasses the trigger and changes who looked
    _als_eigenaar(f"UPDATE {TABEL} SET gebruikersnaam = 'iemand' WHERE id = {gewijzigd.pk}")
    # then the check names exactly that entry, and the command fails
    uitslag = keten.controleer()
    assert uitslag.breuk is not None
    assert (uitslag.breuk.inzage_id, uitslag.aantal) == (gewijzigd.pk, 2)
    with pytest.raises(CommandError, match=f"regel {gewijzigd.pk}"):
        call_command("controleer_inzagelog")


def test_een_verwijderde_regel_wordt_gevonden_bij_zijn_opvolger(wereld: Wereld) -> None:
    entries = _log(wereld, 3)
    _als_eigenaar(f"DELETE FROM {TABEL} WHERE id = {entries[1].pk}")
    uitslag = keten.controleer()
    assert uitslag.breuk is not None
    assert uitslag.breuk.inzage_id == entries[2].pk


def test_een_herberekende_hash_breekt_nog_de_schakel_met_de_volgende_regel(wereld: Wereld) -> None:
    # given a tamperer who changes an entry and recomputes its own hash
    entries = _log(wereld, 3)
    doel = Inzage.objects.get(pk=entries[0].pk)
    doel.handeling = Inzage.Handeling.BEKIJKEN
    nieuwe_hash = keten.bereken_hash(doel)
    _als_eigenaar(
        f"UPDATE {TABEL} SET handeling = 'bekijken', hash = '{nieuwe_hash}' WHERE id = {doel.pk}"
    )
    # then the next entry no longer links to it
    uitslag = keten.controleer()
    assert uitslag.breuk is not None
    assert uitslag.breuk.inzage_id == entries[1].pk


@pytest.mark.django_db(transaction=True)
def test_twee_verbindingen_die_tegelijk_loggen_houden_een_keten() -> None:
    # given two staff members in two threads (each its own database connection)
    organisatie = OrganisatieFactory(naam="Leerplicht Demodam")
    gebruikers = [
        MedewerkerFactory(organisatie=organisatie, rol=Rol.LEERPLICHTAMBTENAAR) for _ in range(2)
    ]
    start = threading.Barrier(2)
    fouten: list[BaseException] = []

    def schrijf(gebruiker: object) -> None:
        try:
            start.wait()
            for _ in range(25):
                with transaction.atomic():
                    log_inzage(gebruiker=gebruiker, handeling="zoeken", bron="test")
        except BaseException as fout:
            fouten.append(fout)
        finally:
            connections.close_all()

    draden = [threading.Thread(target=schrijf, args=(g,)) for g in gebruikers]
    # when both log 25 times at the same moment
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join()
    # then all 50 entries are there and form one unbroken chain
    assert fouten == []
    uitslag = keten.controleer()
    assert (uitslag.in_orde, uitslag.aantal) == (True, 50)
    assert Inzage.objects.values("vorige_hash").distinct().count() == 50
