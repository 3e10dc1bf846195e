# SPDX-License-Identifier: EUPL-1.2
"""The signal run after an absence import never runs in a web request (issue 18, item 8).

registratie announces an absence import (registratie.signals.verzuim_geimporteerd); signalering
reacts with a background task (signalering.tasks.signaleer_na_import) queued when the import
commits. The API's small upload, imported within its request, so only queues the signal run;
a real `binnenboord db_worker` process runs it. The import's own task (a file uploaded on the
import screen) and `binnenboord importeer` run it in their own process, after storing.

The data: docs/domein.md's worked example (regio noord): 5 hours on three Wednesdays, then 1
hour on Monday 12-01-2026 reaches 16 hours; the upload brings that last hour."""

from __future__ import annotations

from datetime import date
from io import StringIO
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

import pytest
from django_tasks_db.models import DBTaskResult
from rest_framework.test import APIClient

from binnenboord.api.tokens import maak_token
from binnenboord.registratie.models import Import, Verzuim
from binnenboord.registratie.tasks import verwerk_import
from binnenboord.signalering import receivers
from binnenboord.signalering.models import Signaal, Soort
from binnenboord.signalering.tasks import signaleer_na_import
from binnenboord.toegang.models import Rol
from tests.factories import (
    GemeenteFactory,
    InschrijvingFactory,
    LeerlingFactory,
    MedewerkerFactory,
    OrganisatieFactory,
    SchoolFactory,
    VerzuimFactory,
)
from tests.taken import DATABASE_BACKEND, draai_worker

VIJFTIEN_UUR = (date(2025, 12, 10), date(2025, 12, 17), date(2026, 1, 7))
LAATSTE_UUR = date(2026, 1, 12)
TAAK = "binnenboord.signalering.tasks.signaleer_na_import"


class Stad:
    """A school of Demodam, its pupil with 15 hours of unauthorised absence, the school's API
    key and an import clerk of the school."""

    def __init__(self) -> None:
        gemeente = GemeenteFactory(naam="Demodam", code="9999")
        OrganisatieFactory(naam="Leerplicht Demodam", gemeenten=[gemeente])
        organisatie = OrganisatieFactory(naam="Het Baken", school=True)
        self.school = SchoolFactory(
            organisatie=organisatie, gemeente=gemeente, regio="noord", brin="12AB", vestiging="00"
        )
        self.leerling: Any = LeerlingFactory(woongemeente=gemeente)
        InschrijvingFactory(leerling=self.leerling, school=self.school, begindatum=date(2024, 8, 1))
        for dag in VIJFTIEN_UUR:
            VerzuimFactory(
                leerling=self.leerling, school=self.school, datum=dag, minuten_ongeoorloofd=300
            )
        _token, self.sleutel = maak_token(
            organisatie=organisatie,
            naam="leerlingvolgsysteem",
            scopes=["verzuim:schrijven"],
            door=None,
        )
        self.medewerker = MedewerkerFactory(rol=Rol.SCHOOLMEDEWERKER, organisatie=organisatie)

    def rij(self) -> dict[str, Any]:
        return {
            "bsn": self.leerling.bsn,
            "brin": "12AB",
            "vestiging": "00",
            "datum": LAATSTE_UUR.isoformat(),
            "minuten": 60,
            "soort": "ongeoorloofd",
        }

    def csv(self) -> bytes:
        rij = self.rij()
        return (
            "bsn;brin;vestiging;datum;minuten;soort\n"
            f"{rij['bsn']};12AB;00;{rij['datum']};60;ongeoorloofd\n"
        ).encode()

    def api(self) -> APIClient:
        return APIClient(HTTP_AUTHORIZATION=f"Bearer {self.sleutel}")

    def signalen(self) -> list[tuple[str, date]]:
        return list(Signaal.objects.filter(leerling=self.leerling).values_list("soort", "datum"))


@pytest.fixture
def stad(db: None) -> Stad:
    return Stad()


def _upload(stad: Stad, capture: Any) -> Any:
    with capture(execute=True):
        return stad.api().post("/api/v1/verzuim/", [stad.rij()], format="json")


# --- the API: the import in the request, the signal run not ----------------------------------


def test_de_api_upload_zet_de_signalering_in_de_wachtrij_en_signaleert_niet_zelf(
    stad: Stad, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    # given the real task queue (the database backend)
    settings.TASKS = DATABASE_BACKEND

    # when the school's system uploads the last hour (a small upload: imported in the request)
    response = _upload(stad, django_capture_on_commit_callbacks)

    # then the row is stored, but no signal was computed in the request: a task waits for it
    assert response.status_code == 200, response.content
    assert Verzuim.objects.filter(leerling=stad.leerling, datum=LAATSTE_UUR).exists()
    assert stad.signalen() == []
    import_ = Import.objects.get()
    [taak] = DBTaskResult.objects.all()
    assert (taak.task_path, taak.status) == (TAAK, "READY")
    assert taak.args_kwargs == {
        "args": [[stad.leerling.pk], LAATSTE_UUR.isoformat(), import_.pk],
        "kwargs": {"alles": False},
    }

    # when the worker runs that task (its body, as db_worker calls it)
    telling = signaleer_na_import.call(*taak.args_kwargs["args"], **taak.args_kwargs["kwargs"])

    # then the 16-hour signal is there, on the file's newest day
    assert stad.signalen() == [(Soort.VERZUIM_16_UUR, LAATSTE_UUR)]
    assert telling["nieuw"] == 1


def test_met_de_testinstelling_loopt_de_taak_meteen_na_de_commit(
    stad: Stad, django_capture_on_commit_callbacks: Any
) -> None:
    # the test settings' backend runs a task at once: the signal is there after the upload,
    # computed by the task, not by the request's own code
    assert _upload(stad, django_capture_on_commit_callbacks).status_code == 200
    assert stad.signalen() == [(Soort.VERZUIM_16_UUR, LAATSTE_UUR)]
    assert not DBTaskResult.objects.exists()


def test_een_zeer_grote_import_laat_de_taak_iedereen_signaleren(
    stad: Stad, settings: Any, django_capture_on_commit_callbacks: Any, monkeypatch: Any
) -> None:
    # given an import above the size where one run over everyone is cheaper
    settings.TASKS = DATABASE_BACKEND
    monkeypatch.setattr(receivers, "GROTE_IMPORT", 0)
    _upload(stad, django_capture_on_commit_callbacks)
    # then the task carries no list of pupils, only "everyone"
    [taak] = DBTaskResult.objects.all()
    assert taak.args_kwargs["args"][0] == []
    assert taak.args_kwargs["kwargs"] == {"alles": True}
    signaleer_na_import.call(*taak.args_kwargs["args"], **taak.args_kwargs["kwargs"])
    assert stad.signalen() == [(Soort.VERZUIM_16_UUR, LAATSTE_UUR)]


# --- where the import itself runs outside a request: the signal run follows there ------------


def test_het_importscherm_signaleert_in_de_importtaak(
    stad: Stad, client: Client, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    # given the real task queue and the school's clerk uploading the file on the import screen
    settings.TASKS = DATABASE_BACKEND
    client.force_login(stad.medewerker)
    bestand = SimpleUploadedFile("verzuim.csv", stad.csv(), content_type="text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("registratie:imports"), {"soort": "verzuim", "bestand": bestand}
        )
    assert response.status_code == 302
    # the request only queued the import
    [importtaak] = DBTaskResult.objects.all()
    assert importtaak.task_path == "binnenboord.registratie.tasks.verwerk_import"
    assert stad.signalen() == []

    # when the worker runs the import's task
    with django_capture_on_commit_callbacks(execute=True):
        verwerk_import.call(*importtaak.args_kwargs["args"])

    # then the signal run followed inside that task: the signal is there, no second task
    assert stad.signalen() == [(Soort.VERZUIM_16_UUR, LAATSTE_UUR)]
    assert not DBTaskResult.objects.filter(task_path=TAAK).exists()


def test_de_opdrachtregel_signaleert_zelf(
    stad: Stad, settings: Any, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    # given the real task queue: `binnenboord importeer` does not leave it to the worker
    settings.TASKS = DATABASE_BACKEND
    pad = tmp_path / "verzuim.csv"
    pad.write_bytes(stad.csv())
    with django_capture_on_commit_callbacks(execute=True):
        call_command("importeer", "verzuim", str(pad), stdout=StringIO())
    assert stad.signalen() == [(Soort.VERZUIM_16_UUR, LAATSTE_UUR)]
    assert not DBTaskResult.objects.exists()


# --- a real worker process -------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_een_echt_werkproces_signaleert_na_de_api_upload(settings: Any) -> None:
    # given the real task queue and the school's system uploading the last hour
    settings.TASKS = DATABASE_BACKEND
    stad = Stad()
    response = stad.api().post("/api/v1/verzuim/", [stad.rij()], format="json")
    assert response.status_code == 200, response.content
    assert stad.signalen() == []
    assert DBTaskResult.objects.get().task_path == TAAK

    # when a real worker process runs one task
    worker = draai_worker()
    assert worker.returncode == 0, worker.stderr[-3000:]

    # then the signal is there and the task is done
    assert stad.signalen() == [(Soort.VERZUIM_16_UUR, LAATSTE_UUR)]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
