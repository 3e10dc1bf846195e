# SPDX-License-Identifier: EUPL-1.2
"""Changing an enrolment through PUT/PATCH: If-Match is required (428), a stale or weak ETag is
refused (412) and changes nothing, two writers with the same ETag cannot both win, the checks
are the file import's, every refused caller changes nothing, and a write is access-logged and
in the change history."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import date
from io import StringIO
from typing import Any

from django.core.management import call_command
from django.db import connection, connections, transaction

import pytest
from auditlog.models import LogEntry
from rest_framework.test import APIClient

from binnenboord.api.models import ApiToken
from binnenboord.api.serializers import InschrijvingSerializer
from binnenboord.api.views import etag
from binnenboord.registratie.models import Inschrijving, School
from binnenboord.toegang.models import Rol
from binnenboord.verantwoording.models import Inzage
from tests.factories import InschrijvingFactory
from tests.wereld import Wereld

pytestmark = pytest.mark.django_db
TokenClient = Callable[..., tuple[APIClient, ApiToken]]
SCHRIJVEN = "inschrijvingen:schrijven"


def _inschrijving(wereld: Wereld, naam: str) -> Inschrijving:
    return Inschrijving.objects.get(leerling=wereld.leerlingen[naam], einddatum__isnull=True)


def _url(inschrijving: Inschrijving) -> str:
    return f"/api/v1/inschrijvingen/{inschrijving.pk}/"


def _etag(inschrijving: Inschrijving) -> str:
    """The ETag a GET gives now (computed directly, for callers that may not read)."""
    inschrijving.refresh_from_db()
    return etag(InschrijvingSerializer(inschrijving).data)


def _patch(client: APIClient, inschrijving: Inschrijving, body: Any, if_match: str | None) -> Any:
    kop = {} if if_match is None else {"HTTP_IF_MATCH": if_match}
    return client.patch(_url(inschrijving), body, format="json", **kop)


def _niets_geschreven(inschrijving: Inschrijving, einddatum: date | None = None) -> None:
    inschrijving.refresh_from_db()
    assert inschrijving.einddatum == einddatum
    assert not LogEntry.objects.filter(additional_data__bron="api:inschrijvingen").exists()
    assert not Inzage.objects.filter(handeling=Inzage.Handeling.WIJZIGEN).exists()


def test_een_schoolsysteem_beeindigt_een_inschrijving_met_if_match_en_krijgt_de_nieuwe_etag(
    wereld: Wereld, token_client: TokenClient
) -> None:
    # given school 1's system that read the enrolment and its ETag
    client, token = token_client("Het Baken", SCHRIJVEN, "lezen")
    inschrijving = _inschrijving(wereld, "demodam_school1")
    gelezen = client.get(_url(inschrijving))
    # when it sets the end date with that ETag
    response = _patch(client, inschrijving, {"einddatum": "2026-12-31"}, gelezen["ETag"])
    # then the end date is stored and the answer carries the new ETag, the one GET now gives
    assert response.status_code == 200, response.content
    assert response.json()["einddatum"] == "2026-12-31"
    inschrijving.refresh_from_db()
    assert inschrijving.einddatum == date(2026, 12, 31)
    assert response["ETag"] != gelezen["ETag"]
    assert response["ETag"] == client.get(_url(inschrijving))["ETag"] == _etag(inschrijving)
    # and the change history names the system's account, the old and the new value
    entry = LogEntry.objects.get(object_id=inschrijving.pk, additional_data__bron__isnull=False)
    assert (entry.action, entry.actor_id, entry.changes) == (
        LogEntry.Action.UPDATE,
        token.medewerker_id,
        {"einddatum": [None, "2026-12-31"]},
    )
    assert entry.additional_data == {"bron": "api:inschrijvingen", "token": token.prefix}
    # and the access log has one "wijzigen" entry for this pupil by this account
    wijzigen = Inzage.objects.get(handeling=Inzage.Handeling.WIJZIGEN)
    assert (wijzigen.leerling_id, wijzigen.medewerker_id, wijzigen.bron, wijzigen.pad) == (
        inschrijving.leerling_id,
        token.medewerker_id,
        "api:inschrijvingen",
        _url(inschrijving),
    )


def test_een_schoolmedewerker_zet_terug_wat_get_gaf_met_een_nieuwe_einddatum(
    wereld: Wereld, client_als: Callable[[str], APIClient]
) -> None:
    client = client_als(Rol.SCHOOLMEDEWERKER)
    inschrijving = _inschrijving(wereld, "buurdorp_school1")
    gelezen = client.get(_url(inschrijving))
    body = {**gelezen.json(), "einddatum": "31-01-2027"}  # the file import's other format
    response = client.put(_url(inschrijving), body, format="json", HTTP_IF_MATCH=gelezen["ETag"])
    assert response.status_code == 200, response.content
    inschrijving.refresh_from_db()
    assert inschrijving.einddatum == date(2027, 1, 31)
    assert LogEntry.objects.get(additional_data__bron="api:inschrijvingen").actor_id == (
        wereld.medewerkers[Rol.SCHOOLMEDEWERKER].pk
    )
    # and an empty end date makes it open-ended again
    opnieuw = client.put(
        _url(inschrijving), {**body, "einddatum": None}, format="json",
        HTTP_IF_MATCH=response["ETag"],
    )  # fmt: skip
    assert opnieuw.status_code == 200, opnieuw.content
    inschrijving.refresh_from_db()
    assert inschrijving.einddatum is None


def test_een_schrijfactie_die_niets_verandert_houdt_de_etag_en_wordt_als_inzage_gelogd(
    wereld: Wereld, token_client: TokenClient
) -> None:
    client, _ = token_client("Het Baken", SCHRIJVEN)
    inschrijving = _inschrijving(wereld, "demodam_school1")
    huidig = _etag(inschrijving)
    for body in ({}, {"einddatum": None}, {"begindatum": "2024-08-01", "einddatum": ""}):
        response = _patch(client, inschrijving, body, huidig)
        assert (response.status_code, response["ETag"]) == (200, huidig), response.content
    assert not LogEntry.objects.filter(additional_data__bron="api:inschrijvingen").exists()
    assert list(Inzage.objects.values_list("handeling", flat=True)) == ["bekijken"] * 3


def test_zonder_if_match_is_het_antwoord_428_en_verandert_er_niets(
    wereld: Wereld, token_client: TokenClient
) -> None:
    client, _ = token_client("Het Baken", SCHRIJVEN)
    inschrijving = _inschrijving(wereld, "demodam_school1")
    for if_match in (None, "", "  "):
        response = _patch(client, inschrijving, {"einddatum": "2026-12-31"}, if_match)
        assert response.status_code == 428, (if_match, response.content)
        assert "If-Match" in response.json()["detail"]
    put = client.put(_url(inschrijving), {"einddatum": "2026-12-31"}, format="json")
    assert put.status_code == 428
    _niets_geschreven(inschrijving)


def test_een_verouderde_etag_na_een_andere_schrijfactie_krijgt_412_en_verandert_niets(
    wereld: Wereld, token_client: TokenClient, client_als: Callable[[str], APIClient]
) -> None:
    # given a system and a person who both read the enrolment
    systeem, _ = token_client("Het Baken", SCHRIJVEN, "lezen")
    mens = client_als(Rol.SCHOOLMEDEWERKER)
    inschrijving = _inschrijving(wereld, "demodam_school1")
    oud = systeem.get(_url(inschrijving))["ETag"]
    # when the person writes first
    assert _patch(mens, inschrijving, {"einddatum": "2026-12-31"}, oud).status_code == 200
    # then the system's write with the old ETag is refused and the person's value stays
    response = _patch(systeem, inschrijving, {"einddatum": "2027-07-31"}, oud)
    assert response.status_code == 412, response.content
    assert "ETag" in response.json()["detail"]
    inschrijving.refresh_from_db()
    assert inschrijving.einddatum == date(2026, 12, 31)
    assert LogEntry.objects.filter(additional_data__bron="api:inschrijvingen").count() == 1
    assert Inzage.objects.filter(handeling=Inzage.Handeling.WIJZIGEN).count() == 1


@pytest.mark.parametrize(
    ("soort", "verwacht"),
    [
        ("*", 200),
        ('"oud", {huidig}', 200),  # a list matches when one of its tags does
        ("{huidig}", 200),
        ("W/{huidig}", 412),  # weak tags never match If-Match (strong comparison)
        ('"oud", W/{huidig}', 412),
        ("{kaal}", 412),  # without quotes it is no entity-tag
        ('"{kaal}"x', 412),
        ('"ander"', 412),
    ],
)
def test_if_match_volgt_rfc_9110(
    soort: str, verwacht: int, wereld: Wereld, token_client: TokenClient
) -> None:
    client, _ = token_client("Het Baken", SCHRIJVEN)
    inschrijving = _inschrijving(wereld, "demodam_school1")
    huidig = _etag(inschrijving)
    if_match = soort.format(huidig=huidig, kaal=huidig.strip('"'))
    response = _patch(client, inschrijving, {"einddatum": "2026-12-31"}, if_match)
    assert response.status_code == verwacht, (if_match, response.content)
    inschrijving.refresh_from_db()
    assert inschrijving.einddatum == (date(2026, 12, 31) if verwacht == 200 else None)
    if soort.startswith("W/") or "W/" in soort:
        assert "W/" in response.json()["detail"]


@pytest.mark.parametrize(
    ("body", "veld", "reden"),
    [
        (
            {"einddatum": "31-13-2026"},
            "einddatum",
            "31-13-2026 is geen geldige datum; gebruik JJJJ-MM-DD of DD-MM-JJJJ.",
        ),
        (
            {"einddatum": "2024-01-01"},
            "einddatum",
            "De begindatum 2024-08-01 ligt na de einddatum 2024-01-01.",
        ),
        ({"einddatum": "2026-12-31-extra"}, "einddatum", None),
        ({"einddatum": ["2026-12-31"]}, "einddatum", None),
        ({"uitschrijfreden": "verhuisd"}, "uitschrijfreden", None),
        ({"begindatum": "2025-08-01"}, "begindatum", None),
        ({"school": 0}, "school", None),
        ({"leerling": "x"}, "leerling", None),
    ],
)
def test_ongeldige_waarden_zijn_400_noemen_het_veld_en_veranderen_niets(
    body: dict[str, Any], veld: str, reden: str | None, wereld: Wereld, token_client: TokenClient
) -> None:
    client, _ = token_client("Het Baken", SCHRIJVEN)
    inschrijving = _inschrijving(wereld, "demodam_school1")
    response = _patch(client, inschrijving, body, _etag(inschrijving))
    assert response.status_code == 400, response.content
    fouten = response.json()
    assert list(fouten) == [veld]
    if reden is not None:
        assert fouten[veld] == [reden]
    _niets_geschreven(inschrijving)


def test_bodies_die_geen_object_zijn_zijn_400(wereld: Wereld, token_client: TokenClient) -> None:
    client, _ = token_client("Het Baken", SCHRIJVEN)
    inschrijving = _inschrijving(wereld, "demodam_school1")
    huidig = _etag(inschrijving)
    assert _patch(client, inschrijving, [], huidig).status_code == 400
    assert _patch(client, inschrijving, "tekst", huidig).status_code == 400
    kapot = client.patch(
        _url(inschrijving), "{niet json", content_type="application/json", HTTP_IF_MATCH=huidig
    )
    assert kapot.status_code == 400
    # a PUT is the whole representation: the end date must be there (null for open-ended)
    assert client.put(_url(inschrijving), {}, format="json", HTTP_IF_MATCH=huidig).json() == {
        "einddatum": ["Dit veld is vereist."]
    }
    _niets_geschreven(inschrijving)


@pytest.fixture
def oude_inschrijving_elders(wereld: Wereld) -> Inschrijving:
    """An earlier enrolment at school 2 of a pupil now at school 1: school 1 sees it."""
    return InschrijvingFactory(
        leerling=wereld.leerlingen["demodam_school1"],
        school=School.objects.get(organisatie__naam="De Vuurtoren"),
        begindatum=date(2022, 8, 1),
        einddatum=date(2024, 7, 31),
    )


def _als(wereld: Wereld, token_client: TokenClient, wie: str) -> APIClient:
    if wie.startswith("token:"):
        organisatie, *scopes = wie.removeprefix("token:").split("|")
        return token_client(organisatie, *scopes)[0]
    if wie == "anoniem":
        return APIClient()
    if wie == "ingetrokken":
        client, token = token_client("Het Baken", SCHRIJVEN, "lezen")
        call_command("apitoken", "intrekken", token.prefix, stdout=StringIO())
        return client
    client = APIClient(enforce_csrf_checks=wie.endswith(":zonder_csrf"))
    client.force_login(wereld.medewerkers[wie.removesuffix(":zonder_csrf")])
    return client


@pytest.mark.parametrize(
    ("wie", "welke", "verwacht"),
    [
        # cannot see it: the same 404 as a missing enrolment
        ("token:De Vuurtoren|inschrijvingen:schrijven|lezen", "demodam_school1", 404),
        (Rol.SCHOOLMEDEWERKER, "buurdorp_school2", 404),  # another school
        (Rol.LEERPLICHTAMBTENAAR, "buurdorp_school1", 404),  # another municipality
        (Rol.BELEIDSMEDEWERKER, "demodam_school1", 404),  # policy staff see no pupils
        (Rol.JEUGDARTS, "demodam_school1", 404),  # uninvolved professional
        # can see it, may not write it
        (Rol.LEERPLICHTAMBTENAAR, "demodam_school1", 403),
        ("token:Leerplicht Demodam|inschrijvingen:schrijven|lezen", "demodam_school1", 403),
        ("token:Het Baken|lezen", "demodam_school1", 403),  # no write scope
        ("token:Het Baken|verzuim:schrijven", "demodam_school1", 403),  # another write scope
        ("token:Het Baken|inschrijvingen:schrijven", "elders", 403),  # another school's enrolment
        (f"{Rol.SCHOOLMEDEWERKER}:zonder_csrf", "demodam_school1", 403),
        # no caller
        ("anoniem", "demodam_school1", 401),
        ("ingetrokken", "demodam_school1", 401),
    ],
)
def test_geweigerde_aanroepers_veranderen_niets(
    wie: str, welke: str, verwacht: int, wereld: Wereld, token_client: TokenClient,
    oude_inschrijving_elders: Inschrijving,
) -> None:  # fmt: skip
    # given an enrolment and its current ETag (so only the caller's rights can refuse)
    elders = welke == "elders"
    inschrijving = oude_inschrijving_elders if elders else _inschrijving(wereld, welke)
    oorspronkelijk = inschrijving.einddatum
    client = _als(wereld, token_client, wie)
    # when the caller tries PATCH and PUT
    body = {"einddatum": "2026-12-31"}
    patch = _patch(client, inschrijving, body, _etag(inschrijving))
    put = client.put(_url(inschrijving), body, format="json", HTTP_IF_MATCH=_etag(inschrijving))
    # then both are refused, a 404 exactly as for an enrolment that does not exist
    assert (patch.status_code, put.status_code) == (verwacht, verwacht), patch.content
    if verwacht == 404:
        bestaat_niet = client.patch("/api/v1/inschrijvingen/999999999/", body, format="json")
        assert patch.json() == bestaat_niet.json()
    # and nothing changed: not the enrolment, not the history, not the access log
    _niets_geschreven(inschrijving, oorspronkelijk)


@pytest.mark.django_db(transaction=True)
def test_twee_schrijvers_met_dezelfde_etag_kunnen_niet_allebei_winnen(
    wereld: Wereld, token_client: TokenClient
) -> None:
    # given two systems of school 1 that read the same ETag
    inschrijving = _inschrijving(wereld, "demodam_school1")
    huidig = _etag(inschrijving)
    clients = [token_client("Het Baken", SCHRIJVEN)[0] for _ in range(2)]
    antwoorden: dict[str, int] = {}
    fouten: list[BaseException] = []

    def schrijf(client: APIClient, einddatum: str) -> None:
        try:
            antwoorden[einddatum] = _patch(
                client, inschrijving, {"einddatum": einddatum}, huidig
            ).status_code
        except BaseException as fout:
            fouten.append(fout)
        finally:
            connections.close_all()

    draden = [
        threading.Thread(target=schrijf, args=(c, d))
        for c, d in zip(clients, ("2026-12-31", "2027-07-31"), strict=True)
    ]
    # when both write at the same moment (this test holds the row, so both must queue up
    # behind it in their own connections, then it lets go)
    with transaction.atomic():
        Inschrijving.objects.select_for_update().get(pk=inschrijving.pk)
        for draad in draden:
            draad.start()
        assert _wacht_op_wachtenden(2), "the writers did not wait for the row lock"
    for draad in draden:
        draad.join(timeout=30)
    # then exactly one wins, the other gets 412, and the stored value is the winner's
    assert fouten == []
    assert sorted(antwoorden.values()) == [200, 412]
    winnaar = next(d for d, code in antwoorden.items() if code == 200)
    inschrijving.refresh_from_db()
    assert inschrijving.einddatum == date.fromisoformat(winnaar)
    assert LogEntry.objects.filter(additional_data__bron="api:inschrijvingen").count() == 1
    assert Inzage.objects.filter(handeling=Inzage.Handeling.WIJZIGEN).count() == 1


def _wacht_op_wachtenden(aantal: int, seconden: float = 10) -> bool:
    """Whether `aantal` other connections wait for a lock on an enrolment within `seconden`."""
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        with connection.cursor() as cursor:
            # the activity view is a snapshot per transaction, and this runs inside one
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                "AND query LIKE '%registratie_inschrijving%' AND pid <> pg_backend_pid()"
            )
            if cursor.fetchone()[0] >= aantal:
                return True
        time.sleep(0.02)
    return False
