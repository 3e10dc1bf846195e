# SPDX-License-Identifier: EUPL-1.2
"""Tokens and the bulk uploads: a school's system writes only its own school's absence, through
the file importer with its rejection report; a refused write changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from io import StringIO
from typing import Any

from django.core.management import call_command
from django.utils import timezone

import pytest
from rest_framework.test import APIClient

from binnenboord.api.models import ApiToken
from binnenboord.registratie.models import Import, Inschrijving, Verzuim
from binnenboord.toegang.models import Rol
from tests.api.conftest import Objecten, ids
from tests.wereld import Wereld

pytestmark = pytest.mark.django_db
TokenClient = Callable[..., tuple[APIClient, ApiToken]]


def _rij(leerling: Any, school: Any, **extra: Any) -> dict[str, Any]:
    return {
        "bsn": leerling.bsn,
        "brin": school.brin,
        "vestiging": school.vestiging,
        "datum": "2026-11-18",
        "minuten": 120,
        "soort": "ongeoorloofd",
        **extra,
    }


def test_een_schooltoken_schrijft_verzuim_van_haar_eigen_leerlingen_en_krijgt_het_afwijzingsrapport(
    wereld: Wereld, objecten: Objecten, token_client: TokenClient
) -> None:
    # given school 1's system with the scope to write absence
    client, _ = token_client("Het Baken", "verzuim:schrijven")
    eigen = wereld.leerlingen["demodam_school1"]
    vreemd = wereld.leerlingen["buurdorp_school2"]
    rijen = [
        _rij(eigen, objecten.school1),
        _rij(vreemd, objecten.school2),
        _rij(eigen, objecten.school1, datum="2026-11-19", soort="spijbelen"),
    ]
    # when it uploads one good row, one of another school and one with a wrong kind
    response = client.post("/api/v1/verzuim/", rijen, format="json")
    # then only the good row is stored and the others come back with their row and reason
    assert response.status_code == 200, response.content
    rapport = response.json()
    assert (rapport["aantal_rijen"], rapport["aantal_nieuw"], rapport["aantal_afgewezen"]) == (
        3,
        1,
        2,
    )
    afwijzingen = rapport["afwijzingen"]
    # another school's pupil reads like an unknown BSN (no oracle), and the school is not ours
    assert [(a["rij"], a["veld"], a["waarde"]) for a in afwijzingen] == [
        (2, "bsn, brin", f"{vreemd.bsn}; {objecten.school2.brin}"),
        (3, "soort", "spijbelen"),
    ]
    assert "geen leerling met BSN" in afwijzingen[0]["reden"]
    assert "eigen school" in afwijzingen[0]["reden"]
    assert "geen verzuimsoort" in afwijzingen[1]["reden"]
    assert list(Verzuim.objects.values_list("leerling_id", "datum", "minuten_ongeoorloofd")) == [
        (eigen.pk, date(2026, 11, 18), 120)
    ]


@pytest.mark.parametrize(
    ("organisatie", "scopes"),
    [("Het Baken", ("lezen",)), ("Leerplicht Demodam", ("verzuim:schrijven",))],
)
def test_een_token_zonder_schrijfbereik_of_rol_wordt_geweigerd_en_er_verandert_niets(
    organisatie: str, scopes: tuple[str, ...], wereld: Wereld, objecten: Objecten,
    token_client: TokenClient,
) -> None:  # fmt: skip
    client, _ = token_client(organisatie, *scopes)
    rij = _rij(wereld.leerlingen["demodam_school1"], objecten.school1)
    response = client.post("/api/v1/verzuim/", [rij], format="json")
    assert response.status_code == 403
    assert not Verzuim.objects.exists()
    assert not Import.objects.exists()


def test_anoniem_een_ingetrokken_token_en_een_sessie_zonder_csrf_veranderen_niets(
    wereld: Wereld, objecten: Objecten, token_client: TokenClient
) -> None:
    rij = _rij(wereld.leerlingen["demodam_school1"], objecten.school1)
    assert APIClient().post("/api/v1/verzuim/", [rij], format="json").status_code == 401
    client, token = token_client("Het Baken", "verzuim:schrijven", "lezen")
    assert client.get("/api/v1/leerlingen/").status_code == 200
    call_command("apitoken", "intrekken", token.prefix, stdout=StringIO())
    assert client.post("/api/v1/verzuim/", [rij], format="json").status_code == 401
    assert client.get("/api/v1/leerlingen/").status_code == 401
    sessie = APIClient(enforce_csrf_checks=True)
    sessie.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    assert sessie.post("/api/v1/verzuim/", [rij], format="json").status_code == 403
    assert not Verzuim.objects.exists()


def test_slechte_bodies_zijn_400_en_veranderen_niets(
    wereld: Wereld, objecten: Objecten, token_client: TokenClient
) -> None:
    client, _ = token_client("Het Baken", "verzuim:schrijven")
    for body in ({"bsn": "1"}, [], [{"bsn": 5}], ["tekst"]):
        assert client.post("/api/v1/verzuim/", body, format="json").status_code == 400, body
    response = client.post("/api/v1/verzuim/", "{niet json", content_type="application/json")
    assert response.status_code == 400
    assert not Verzuim.objects.exists()


def test_een_schooltoken_leest_alleen_haar_eigen_leerlingen(
    wereld: Wereld, objecten: Objecten, token_client: TokenClient
) -> None:
    client, token = token_client("Het Baken", "lezen")
    assert ids(client.get("/api/v1/leerlingen/")) == {
        wereld.leerlingen[n].pk for n in ("demodam_school1", "buurdorp_school1")
    }
    token.refresh_from_db()
    assert token.laatst_gebruikt_op is not None


def test_een_upload_van_inschrijvingen_gaat_via_de_importeur(
    wereld: Wereld, objecten: Objecten, token_client: TokenClient
) -> None:
    client, _ = token_client("Het Baken", "inschrijvingen:schrijven")
    leerling = wereld.leerlingen["demodam_uitgeschreven"]
    begin = timezone.localdate() - timedelta(days=10)
    rij = {
        "bsn": leerling.bsn,
        "brin": objecten.school1.brin,
        "vestiging": objecten.school1.vestiging,
        # within the last 30 days, and the pupil is enrolled nowhere else: nothing to confirm
        "begindatum": begin.isoformat(),
        "einddatum": "",
    }
    response = client.post("/api/v1/inschrijvingen/upload/", [rij], format="json")
    assert response.status_code == 200, response.content
    assert (response.json()["aantal_nieuw"], response.json()["aantal_wachtend"]) == (1, 0)
    assert Inschrijving.objects.filter(leerling=leerling, begindatum=begin).exists()
    verzuim = client.post("/api/v1/verzuim/", [], format="json")
    assert verzuim.status_code == 403


def test_het_commando_maakt_toont_en_trekt_tokens_in_en_bewaart_alleen_een_hash(
    wereld: Wereld,
) -> None:
    uit = StringIO()
    call_command(
        "apitoken", "maak", "--organisatie", "Het Baken", "--naam", "Magister",
        "--scope", "verzuim:schrijven", "--scope", "lezen", stdout=uit,
    )  # fmt: skip
    sleutel = uit.getvalue().strip().splitlines()[-1]
    token = ApiToken.objects.get()
    assert sleutel.startswith(f"bb_{token.prefix}_")
    assert sleutel not in str(ApiToken.objects.values().get())
    assert (token.medewerker.rol, token.medewerker.has_usable_password()) == (
        Rol.SCHOOLMEDEWERKER,
        False,
    )
    lijst = StringIO()
    call_command("apitoken", "lijst", stdout=lijst)
    assert "Magister" in lijst.getvalue() and "actief" in lijst.getvalue()
    call_command("apitoken", "intrekken", token.prefix, stdout=StringIO())
    token.refresh_from_db()
    assert token.ingetrokken_op is not None and not token.medewerker.is_active
