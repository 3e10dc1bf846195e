# SPDX-License-Identifier: EUPL-1.2
"""The read endpoints: the same scopes as the pages, 404 outside them, 401 without a caller,
access logging per pupil, paging, filters, ETags and a constant number of queries."""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from rest_framework.test import APIClient

from binnenboord.toegang.models import Rol
from binnenboord.verantwoording.models import Inzage
from tests.api.conftest import Objecten, ids
from tests.factories import InschrijvingFactory, LeerlingFactory
from tests.wereld import Wereld

pytestmark = pytest.mark.django_db

LIJSTEN = [
    "scholen",
    "leerlingen",
    "inschrijvingen",
    "vrijstellingen",
    "signalen",
    "meldingen",
    "casussen",
]


def test_een_school_ziet_haar_ingeschreven_leerlingen_en_elke_staat_in_het_inzagelog(
    wereld: Wereld, client_als: Callable[[str], APIClient]
) -> None:
    # given a school employee, when the pupils are listed
    response = client_als(Rol.SCHOOLMEDEWERKER).get("/api/v1/leerlingen/")
    # then exactly the two pupils enrolled at school 1 come back
    verwacht = {wereld.leerlingen[n].pk for n in ("demodam_school1", "buurdorp_school1")}
    assert ids(response) == verwacht
    # and each pupil on the page has one access-log entry of this API call
    log = Inzage.objects.filter(bron="api:leerlingen")
    assert sorted(log.values_list("leerling_id", flat=True)) == sorted(verwacht)
    assert set(log.values_list("handeling", "gebruikersnaam")) == {("zoeken", "schoolmedewerker")}


def test_leerplicht_ziet_de_leerlingen_die_in_haar_gemeenten_wonen(
    wereld: Wereld, client_als: Callable[[str], APIClient]
) -> None:
    response = client_als(Rol.LEERPLICHTAMBTENAAR).get("/api/v1/leerlingen/")
    verwacht = {wereld.leerlingen[n].pk for n in ("demodam_school1", "demodam_uitgeschreven")}
    assert ids(response) == verwacht


def test_een_detail_logt_zijn_leerling_en_heeft_een_etag(
    wereld: Wereld, client_als: Callable[[str], APIClient]
) -> None:
    leerling = wereld.leerlingen["demodam_school1"]
    client = client_als(Rol.SCHOOLMEDEWERKER)
    eerste = client.get(f"/api/v1/leerlingen/{leerling.pk}/")
    assert eerste.status_code == 200
    assert eerste.json()["bsn"] == leerling.bsn
    assert (
        Inzage.objects.filter(
            bron="api:leerlingen", handeling="bekijken", leerling_id=leerling.pk
        ).count()
        == 1
    )
    # the same data gives the same ETag; a change gives another
    assert client.get(f"/api/v1/leerlingen/{leerling.pk}/")["ETag"] == eerste["ETag"]
    leerling.achternaam = "Anders"
    leerling.save()
    assert client.get(f"/api/v1/leerlingen/{leerling.pk}/")["ETag"] != eerste["ETag"]


# (role, endpoint) -> whether the role sees the object of `objecten` on that endpoint
ZIET = {
    Rol.SCHOOLMEDEWERKER: {"signalen", "meldingen", "casussen", "leerlingen", "inschrijvingen"},
    Rol.LEERPLICHTAMBTENAAR: {"signalen", "casussen", "leerlingen", "inschrijvingen"},
    # a team manager of Leerplicht sees Leerplicht's cases (regie.rules.casus_scope)
    Rol.TEAMMANAGER: {"casussen"},
}


def _objecten_per_endpoint(wereld: Wereld, objecten: Objecten) -> dict[str, int]:
    leerling = wereld.leerlingen["demodam_school1"]
    return {
        "leerlingen": leerling.pk,
        "inschrijvingen": leerling.inschrijvingen.get().pk,
        "signalen": objecten.signaal.pk,
        "meldingen": objecten.melding.pk,
        "casussen": objecten.casus.pk,
    }


@pytest.mark.parametrize("rol", list(Rol))
def test_elke_rol_krijgt_404_voor_een_object_buiten_haar_bereik(
    rol: str, wereld: Wereld, objecten: Objecten, client_als: Callable[[str], APIClient]
) -> None:
    # given the objects about a pupil of school 1 living in Demodam (the melding is a draft,
    # so Leerplicht does not see it yet)
    client = client_als(rol)
    for endpoint, pk in _objecten_per_endpoint(wereld, objecten).items():
        # when each role asks for each of them
        response = client.get(f"/api/v1/{endpoint}/{pk}/")
        # then it is there for who may see it, and "not found" for everybody else
        verwacht = 200 if endpoint in ZIET.get(rol, set()) else 404
        assert response.status_code == verwacht, (rol, endpoint)
        if verwacht == 404:
            assert response.json() == client.get(f"/api/v1/{endpoint}/999999/").json()


def test_een_andere_school_en_een_andere_gemeente_zien_niets_van_de_leerling(
    wereld: Wereld,
    objecten: Objecten,
    token_client: Callable[..., tuple[APIClient, object]],
) -> None:
    # school 2's system and a Leerplicht organisation of another municipality
    from tests.factories import GemeenteFactory, OrganisatieFactory

    OrganisatieFactory(naam="Leerplicht Elders", gemeenten=[GemeenteFactory(code="9001")])
    for organisatie in ("De Vuurtoren", "Leerplicht Elders"):
        client, _ = token_client(organisatie, "lezen")
        for endpoint, pk in _objecten_per_endpoint(wereld, objecten).items():
            assert client.get(f"/api/v1/{endpoint}/{pk}/").status_code == 404, endpoint
            gezien = ids(client.get(f"/api/v1/{endpoint}/"))
            assert pk not in gezien, (organisatie, endpoint)


def test_een_beleidsmedewerker_krijgt_lege_lijsten_en_geen_leerling_wordt_gelogd(
    wereld: Wereld, objecten: Objecten, client_als: Callable[[str], APIClient]
) -> None:
    client = client_als(Rol.BELEIDSMEDEWERKER)
    for endpoint in LIJSTEN[1:]:
        assert ids(client.get(f"/api/v1/{endpoint}/")) == set(), endpoint
    assert not Inzage.objects.filter(leerling__isnull=False).exists()


@pytest.mark.parametrize("endpoint", LIJSTEN)
def test_zonder_aanroeper_antwoordt_elk_endpoint_401(
    endpoint: str, wereld: Wereld, objecten: Objecten
) -> None:
    client = APIClient()
    for pad in (f"/api/v1/{endpoint}/", f"/api/v1/{endpoint}/1/"):
        response = client.get(pad)
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    for sleutel in ("bb_00000000_onzin", "geen-token", "bb__x"):
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {sleutel}")
        assert client.get(f"/api/v1/{endpoint}/").status_code == 401
    assert not Inzage.objects.exists()


def test_paginas_zijn_begrensd_en_filters_beperken_de_lijst(
    wereld: Wereld, objecten: Objecten, client_als: Callable[[str], APIClient]
) -> None:
    client = client_als(Rol.LEERPLICHTAMBTENAAR)
    eerste = client.get("/api/v1/leerlingen/?per_pagina=1").json()
    assert (eerste["count"], len(eerste["results"])) == (2, 1)
    assert "pagina=2" in eerste["next"]
    assert len(client.get("/api/v1/scholen/?per_pagina=100000").json()["results"]) == 2
    school1 = objecten.school1.pk
    assert ids(client.get(f"/api/v1/leerlingen/?school={school1}")) == {
        wereld.leerlingen[n].pk for n in ("demodam_school1", "demodam_uitgeschreven")
    }
    assert ids(client.get("/api/v1/signalen/?soort=verzuim_16_uur")) == set()
    # a value with spaces is taken as sent: it matches nothing, it does not drop the filter
    assert ids(client.get("/api/v1/signalen/?soort=%20")) == set()
    soort = objecten.signaal.soort
    assert ids(client.get(f"/api/v1/signalen/?soort=%20{soort}%20")) == set()
    assert ids(client.get(f"/api/v1/signalen/?soort={soort}")) == {objecten.signaal.pk}
    assert ids(client.get("/api/v1/signalen/?aangemaakt_sinds=2000-01-01T00:00:00Z")) == {
        objecten.signaal.pk
    }
    assert client.get("/api/v1/leerlingen/?school=abc").status_code == 400
    assert client.get("/api/v1/signalen/?aangemaakt_sinds=gisteren").status_code == 400
    # a NUL character PostgreSQL cannot compare (found by the fuzzer): a bad value
    assert client.get("/api/v1/signalen/?soort=%00").status_code == 400
    # an offset ISO 8601 allows but PostgreSQL does not (found by the fuzzer): read as UTC
    verre_zone = "/api/v1/signalen/?aangemaakt_sinds=2000-03-27T21:11:28%2B17:44"
    assert ids(client.get(verre_zone)) == {objecten.signaal.pk}
    assert (
        client.get("/api/v1/signalen/?aangemaakt_sinds=9999-12-31T23:00:00-05:00").status_code
        == 400
    )
    assert client.get("/api/v1/leerlingen/abc/").status_code == 404


def test_een_ongeldige_filterwaarde_geeft_400_met_een_nederlandse_reden_per_parameter(
    wereld: Wereld, objecten: Objecten, client_als: Callable[[str], APIClient]
) -> None:
    # given Leerplicht, when it filters with values that are no id, no moment with a time zone
    # or hold a NUL character
    client = client_als(Rol.LEERPLICHTAMBTENAAR)
    verwacht = {
        "/api/v1/leerlingen/?school=abc": {"school": ["Geef een geheel getal."]},
        "/api/v1/inschrijvingen/?leerling=0": {
            "leerling": [f"Geef een geheel getal van 1 tot en met {2**63 - 1}."]
        },
        "/api/v1/signalen/?aangemaakt_sinds=2026-11-23T08:00:00": {
            "aangemaakt_sinds": ["Geef de tijdzone, bijv. +01:00."]
        },
        "/api/v1/meldingen/?aangemaakt_sinds=gisteren": {
            "aangemaakt_sinds": [
                "Geef een datum en tijd in ISO 8601, bijv. 2026-11-23T08:00:00+01:00."
            ]
        },
        "/api/v1/scholen/?gemeente=%00": {"gemeente": ["Deze waarde bevat een NUL-teken."]},
        "/api/v1/casussen/?status=a%00b": {"status": ["Deze waarde bevat een NUL-teken."]},
        # two bad values: both are named
        "/api/v1/signalen/?school=x&leerling=-1": {
            "school": ["Geef een geheel getal."],
            "leerling": [f"Geef een geheel getal van 1 tot en met {2**63 - 1}."],
        },
    }
    for pad, fouten in verwacht.items():
        # then each answer is 400 with the parameter and the reason, and nothing is logged
        antwoord = client.get(pad)
        assert (antwoord.status_code, antwoord.json()) == (400, fouten), pad
    assert not Inzage.objects.exists()
    # an empty value filters nothing; a well-formed value that matches nothing is an empty list
    assert ids(client.get("/api/v1/signalen/?school=&soort=")) == {objecten.signaal.pk}
    assert ids(client.get("/api/v1/signalen/?status=onbekend")) == set()


@pytest.mark.parametrize("endpoint", LIJSTEN)
def test_een_lijst_kost_evenveel_queries_voor_veel_leerlingen_als_voor_weinig(
    endpoint: str, wereld: Wereld, objecten: Objecten, client_als: Callable[[str], APIClient]
) -> None:
    client = client_als(Rol.SCHOOLMEDEWERKER)

    def tel() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/api/v1/{endpoint}/").status_code == 200
        return len(queries)

    weinig = tel()
    for _ in range(6):
        leerling = LeerlingFactory(woongemeente=wereld.leerlingen["demodam_school1"].woongemeente)
        InschrijvingFactory(leerling=leerling, school=objecten.school1)
    assert tel() == weinig
