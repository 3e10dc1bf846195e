# SPDX-License-Identifier: EUPL-1.2
"""The health endpoints for load balancers (conf/gezondheid.py): liveness without the
database, readiness with the database and the task queue; JSON, 200 or 503, without log-in,
two-step verification or access log, and only for the allowed hosts."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from binnenboord.toegang.models import Rol
from binnenboord.verantwoording.models import Inzage
from tests.wereld import Wereld

LEEFT = "/gezondheid/leeft"
KLAAR = "/gezondheid/klaar"


@task()
def wachtende_taak() -> None:
    """A task that does nothing: it only has to be queued and picked up."""


def _json(antwoord: Any) -> dict[str, Any]:
    assert antwoord["Content-Type"] == "application/json"
    return dict(json.loads(antwoord.content))


def test_de_adressen_zijn_die_van_de_documentatie() -> None:
    assert reverse("gezondheid_leeft") == LEEFT
    assert reverse("gezondheid_klaar") == KLAAR


def test_leeft_antwoordt_zonder_database(client: Client) -> None:
    # no database fixture: any query here would fail the test
    antwoord = client.get(LEEFT)
    assert antwoord.status_code == 200
    assert _json(antwoord) == {"status": "ok", "controles": {"proces": {"status": "ok"}}}
    assert "no-store" in antwoord["Cache-Control"]


@pytest.mark.django_db
def test_klaar_met_database_en_zonder_takenwachtrij(client: Client) -> None:
    # the tests run tasks at once (immediate backend): there is no worker to wait for
    antwoord = client.get(KLAAR)
    assert antwoord.status_code == 200
    assert _json(antwoord) == {
        "status": "ok",
        "controles": {
            "database": {"status": "ok"},
            "taakverwerker": {"status": "niet_van_toepassing"},
        },
    }


# transaction: the real worker below closes the database connection between tasks, as it does
# in production, which a test wrapped in one transaction would not survive
@pytest.mark.django_db(transaction=True)
def test_klaar_meldt_een_taakverwerker_die_niet_bijhoudt(client: Client, settings: Any) -> None:
    # given the database task backend, as in production, and a limit of 60 seconds
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    settings.GEZONDHEID_WACHTRIJ_SECONDEN = 60
    # an empty queue is fine
    assert _json(client.get(KLAAR))["controles"]["taakverwerker"] == {
        "status": "ok",
        "oudste_wachtende_taak_seconden": 0,
    }
    # a task queued just now is fine too
    resultaat = wachtende_taak.enqueue()
    assert client.get(KLAAR).status_code == 200
    # a task waiting for 10 minutes: the worker is stale, the instance not ready
    DBTaskResult.objects.filter(pk=resultaat.id).update(
        enqueued_at=timezone.now() - timedelta(minutes=10)
    )
    antwoord = client.get(KLAAR)
    assert antwoord.status_code == 503
    gegevens = _json(antwoord)
    assert gegevens["status"] == "fout"
    assert gegevens["controles"]["database"] == {"status": "ok"}
    assert gegevens["controles"]["taakverwerker"]["status"] == "fout"
    assert gegevens["controles"]["taakverwerker"]["oudste_wachtende_taak_seconden"] >= 600
    # a task planned for later waits only from its run_after on
    DBTaskResult.objects.filter(pk=resultaat.id).update(
        run_after=timezone.now() - timedelta(seconds=5)
    )
    assert client.get(KLAAR).status_code == 200
    DBTaskResult.objects.filter(pk=resultaat.id).update(
        run_after=timezone.now() - timedelta(minutes=10)
    )
    assert client.get(KLAAR).status_code == 503
    # when a real worker empties the queue, the instance is ready again
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")
    assert DBTaskResult.objects.get(pk=resultaat.id).status == "SUCCESSFUL"
    assert client.get(KLAAR).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_klaar_meldt_een_database_die_niet_antwoordt(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    # given the database connection pointing at a port where nothing listens
    instellingen = connection.settings_dict
    poort = instellingen["PORT"]
    connection.close()
    instellingen["PORT"] = 1
    try:
        antwoord = client.get(KLAAR)
        leeft = client.get(LEEFT)
    finally:
        connection.close()
        instellingen["PORT"] = poort
    # then readiness fails without any detail of the error, and liveness still answers
    assert antwoord.status_code == 503
    assert _json(antwoord) == {
        "status": "fout",
        "controles": {"database": {"status": "fout"}, "taakverwerker": {"status": "onbekend"}},
    }
    assert leeft.status_code == 200
    # and the log has one warning with the reason, not an error line per probe (Django's
    # "Service Unavailable", which Sentry would also count as an event)
    berichten = [(r.name, r.levelname, r.getMessage()) for r in caplog.records]
    assert any("de database antwoordt niet" in m for _n, _l, m in berichten)
    assert not [b for b in berichten if b[0] == "django.request"]


def test_alleen_get_en_head(client: Client) -> None:
    assert client.head(LEEFT).status_code == 200
    assert client.post(LEEFT).status_code == 405


@pytest.mark.django_db
def test_ook_een_half_ingelogde_sessie_krijgt_het_antwoord_zonder_omweg(
    wereld: Wereld, settings: Any
) -> None:
    # given two-step verification on and a session that only gave its password
    settings.TWEESTAPS_VERPLICHT = True
    client = Client()
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    # then a page asks for the code, the health checks answer themselves
    assert client.get(reverse("web:vandaag")).status_code == 302
    assert client.get(LEEFT).status_code == 200
    assert client.get(KLAAR).status_code == 200
    # and nothing is written to the access log
    assert not Inzage.objects.exists()


def test_een_onbekende_host_wordt_geweigerd(client: Client) -> None:
    assert client.get(LEEFT, headers={"host": "aanvaller.example"}).status_code == 400
