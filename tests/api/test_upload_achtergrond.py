# SPDX-License-Identifier: EUPL-1.2
"""A large API upload (more than IMPORT_API_DIRECT_RIJEN rows) is queued for the background
worker: 202 with the URL of its state, which only the importing organisation can read (issue
13, finding 7)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from binnenboord.api.models import ApiToken
from binnenboord.registratie.importeren.services import verwerk_wachtrij
from binnenboord.registratie.models import Import, Verzuim
from binnenboord.verantwoording.models import Inzage
from tests.wereld import Wereld

pytestmark = pytest.mark.django_db
TokenClient = Callable[..., tuple[APIClient, ApiToken]]
DATABASE_BACKEND = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
}


def _rij(leerling: Any, school: Any, datum: str) -> dict[str, Any]:
    return {
        "bsn": leerling.bsn,
        "brin": school.brin,
        "vestiging": school.vestiging,
        "datum": datum,
        "minuten": 60,
        "soort": "ongeoorloofd",
    }


def test_een_grote_upload_antwoordt_202_en_zijn_status_url_volgt_de_import(
    wereld: Wereld, token_client: TokenClient, settings: Any
) -> None:
    # given a direct limit of 2 rows and the database task backend (no worker yet)
    settings.IMPORT_API_DIRECT_RIJEN = 2
    settings.TASKS = DATABASE_BACKEND
    client, _ = token_client("Het Baken", "verzuim:schrijven")
    eigen = wereld.leerlingen["demodam_school1"]
    vreemd = wereld.leerlingen["buurdorp_school2"]
    school1, school2 = (eigen.inschrijvingen.get().school, vreemd.inschrijvingen.get().school)
    rijen = [
        _rij(eigen, school1, "2026-11-18"),
        _rij(eigen, school1, "2026-11-19"),
        _rij(vreemd, school2, "2026-11-18"),
    ]

    # when school 1's system uploads three rows
    response = client.post("/api/v1/verzuim/", rijen, format="json")

    # then it gets 202 with the state's URL, before any row is read
    import_ = Import.objects.get()
    url = f"http://testserver/api/v1/imports/{import_.pk}/"
    assert response.status_code == 202, response.content
    assert response.json() == {"import_id": import_.pk, "status": "wachtrij", "status_url": url}
    assert response["Location"] == url
    assert not Verzuim.objects.exists()
    wachtend = client.get(url)
    assert (wachtend.status_code, wachtend.json()["status"], wachtend.json()["verwerkt"]) == (
        200,
        "wachtrij",
        0,
    )

    # and once the worker has run it, the same URL gives the report
    verwerk_wachtrij(import_.pk)
    klaar = client.get(url).json()
    assert (klaar["status"], klaar["aantal_nieuw"], klaar["aantal_afgewezen"]) == ("klaar", 2, 1)
    assert [a["rij"] for a in klaar["afwijzingen"]] == [3]
    # that read of a rejected row is in the named pupil's access log
    assert Inzage.objects.filter(leerling=vreemd, bron="api:import").count() == 1

    # another school's system cannot read it
    ander, _ = token_client("De Vuurtoren", "verzuim:schrijven", "lezen")
    assert ander.get(url).status_code == 404


def test_een_kleine_upload_blijft_binnen_het_verzoek(
    wereld: Wereld, token_client: TokenClient, settings: Any
) -> None:
    settings.TASKS = DATABASE_BACKEND
    client, _ = token_client("Het Baken", "verzuim:schrijven")
    leerling = wereld.leerlingen["demodam_school1"]
    rijen = [_rij(leerling, leerling.inschrijvingen.get().school, "2026-11-18")]
    response = client.post("/api/v1/verzuim/", rijen, format="json")
    assert (response.status_code, response.json()["status"]) == (200, "klaar")
