# SPDX-License-Identifier: EUPL-1.2
"""Imports in the background (issue 13, finding 7): the upload request only stores the file and
queues the import; a real `binnenboord db_worker` process reads it; the limits refuse a file
of too many rows as a whole and keep no more than IMPORT_MAX_AFWIJZINGEN rejected rows."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

import pytest

from binnenboord.kern.kalender import Schoolkalender
from binnenboord.registratie.importeren.services import verwerk_wachtrij
from binnenboord.registratie.models import Afwijzing, Import, Importbestand, Verzuim
from binnenboord.toegang.models import Rol
from tests.registratie.importeren.conftest import csv_bytes, importeer_bytes, xlsx_bytes
from tests.taken import DATABASE_BACKEND, draai_worker
from tests.wereld import Wereld, bouw_wereld

KOP = "bsn;brin;vestiging;datum;minuten;soort;hele_dag;reden_code"


def _lesdag() -> date:
    dag = timezone.localdate() - timedelta(days=1)
    while not Schoolkalender("noord").is_lesdag(dag):
        dag -= timedelta(days=1)
    return dag


def _verzuim(wereld: Wereld) -> bytes:
    leerling = wereld.leerlingen["demodam_school1"]
    school = leerling.inschrijvingen.get().school
    dag = _lesdag()
    return csv_bytes(
        KOP,
        f"{leerling.bsn};{school.brin};{school.vestiging};{dag:%Y-%m-%d};120;ongeoorloofd;nee;OG",
        f"123456789;{school.brin};{school.vestiging};{dag:%Y-%m-%d};60;ziek;nee;ZK",
    )


def _upload(client: Client, naam: str, data: bytes, soort: str = "verzuim") -> Any:
    bestand = SimpleUploadedFile(naam, data, content_type="application/octet-stream")
    return client.post(reverse("registratie:imports"), {"soort": soort, "bestand": bestand})


@pytest.mark.django_db(transaction=True)
def test_een_upload_wordt_door_een_echt_werkproces_geimporteerd(
    client: Client, settings: Any
) -> None:
    # given the database task backend and a school employee with a file of a good and a bad row
    settings.TASKS = DATABASE_BACKEND
    wereld = bouw_wereld()
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])

    # when she uploads it, the request returns with the import queued and nothing read
    response = _upload(client, "verzuim.csv", _verzuim(wereld))
    import_ = Import.objects.get()
    assert response["Location"] == reverse("registratie:import", args=[import_.pk])
    assert (import_.status, import_.verwerkt, import_.aantal_rijen) == ("wachtrij", 0, 0)
    assert Importbestand.objects.filter(bestandsimport=import_).exists()
    assert not Verzuim.objects.exists()
    wachtend = client.get(response["Location"]).content.decode()
    assert 'hx-trigger="every 1s"' in wachtend
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in wachtend

    # and a real worker process runs it
    worker = draai_worker()
    assert worker.returncode == 0, worker.stderr[-3000:]

    # then the good row is stored, the bad one rejected, the file gone
    import_.refresh_from_db()
    assert (import_.status, import_.aantal_rijen, import_.verwerkt) == ("klaar", 2, 2)
    assert (import_.aantal_nieuw, import_.aantal_afgewezen) == (1, 1)
    assert Verzuim.objects.get().minuten_ongeoorloofd == 120
    assert list(Afwijzing.objects.values_list("rij", flat=True)) == [3]
    assert not Importbestand.objects.exists()
    # and the page shows the result, no longer refreshing itself
    klaar = client.get(reverse("registratie:import", args=[import_.pk])).content.decode()
    assert "hx-trigger" not in klaar
    assert "http-equiv" not in klaar
    assert "<dd>klaar</dd>" in klaar
    assert "123456789" in klaar


@pytest.mark.django_db
def test_een_grote_slechte_xlsx_gaat_ongelezen_in_de_wachtrij_en_de_rijgrens_weigert_hem(
    wereld: Wereld, client: Client, settings: Any
) -> None:
    # given the database backend (no worker), a row limit of 1,000 and an XLSX of 1,500 bad rows
    settings.TASKS = DATABASE_BACKEND
    settings.IMPORT_MAX_RIJEN = 1_000
    rijen: list[list[object]] = [list[object](KOP.split(";"))]
    rijen += [["onzin", "XX", "00", "gisteren", "veel", "ziek", "", ""]] * 1_500
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])

    # when it is uploaded, the request returns before any row is processed
    response = _upload(client, "verzuim.xlsx", xlsx_bytes(rijen))
    import_ = Import.objects.get()
    assert response.status_code == 302
    assert (import_.status, import_.verwerkt, import_.aantal_rijen) == ("wachtrij", 0, 0)
    assert not Afwijzing.objects.exists()

    # and when the worker runs it, the file is refused as a whole, naming the limit
    with translation.override("nl"):
        verwerk_wachtrij(import_.pk)
    import_.refresh_from_db()
    assert (import_.status, import_.melding) == (
        "mislukt",
        "Het bestand heeft meer dan 1.000 rijen; er kunnen hooguit 1.000 rijen tegelijk worden "
        "geïmporteerd. Splits het in kleinere bestanden. Er is niets opgeslagen.",
    )
    assert not Afwijzing.objects.exists()
    assert not Importbestand.objects.exists()
    # a second delivery of the same task does nothing
    assert verwerk_wachtrij(import_.pk) is None


@pytest.mark.django_db
def test_een_bestand_met_vooral_slechte_rijen_houdt_alleen_de_eerste_afwijzingen_en_zegt_dat(
    wereld: Wereld, settings: Any
) -> None:
    # given a cap of 10 stored rejections and an enrolment file of 25 bad rows
    settings.IMPORT_MAX_AFWIJZINGEN = 10
    data = csv_bytes("bsn;brin;vestiging;begindatum;einddatum", *["x;y;z;;"] * 25)
    with translation.override("nl"):
        import_ = importeer_bytes(
            "inschrijvingen", data, door=wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
        )
    # then all 25 are counted, the first 10 kept, and the message says so
    assert (import_.status, import_.aantal_rijen, import_.aantal_afgewezen) == ("klaar", 25, 25)
    assert list(Afwijzing.objects.values_list("rij", flat=True)) == list(range(2, 12))
    assert import_.melding == (
        "Er zijn 25 rijen afgewezen; alleen de eerste 10 staan in het rapport met afgewezen "
        "rijen. Verbeter de oorzaak (vaak één kolom of het verkeerde bestand) en importeer het "
        "hele bestand opnieuw."
    )


@pytest.mark.django_db
def test_verzuim_houdt_zijn_geldige_rijen_als_de_afwijzingen_het_plafond_passeren(
    wereld: Wereld, settings: Any
) -> None:
    settings.IMPORT_MAX_AFWIJZINGEN = 3
    goed = _verzuim(wereld).decode().splitlines()[1]
    slecht = [f"onzin;XX;00;2026-01-0{i};60;ziek;nee;" for i in range(1, 8)]
    import_ = importeer_bytes(
        "verzuim", csv_bytes(KOP, goed, *slecht), door=wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    )
    assert (import_.status, import_.aantal_nieuw, import_.aantal_afgewezen) == ("klaar", 1, 7)
    assert Verzuim.objects.count() == 1
    assert list(Afwijzing.objects.values_list("rij", flat=True)) == [3, 4, 5]


@pytest.mark.django_db
def test_de_import_van_de_opdrachtregel_blijft_synchroon(wereld: Wereld, settings: Any) -> None:
    settings.TASKS = DATABASE_BACKEND
    import_ = importeer_bytes("verzuim", _verzuim(wereld))
    assert (import_.status, import_.aantal_rijen) == ("klaar", 2)
