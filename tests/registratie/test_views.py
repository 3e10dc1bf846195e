# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from binnenboord.registratie.models import School
from binnenboord.toegang.models import Rol
from tests.factories import InschrijvingFactory, LeerlingFactory, OuderFactory
from tests.tekst import noemt
from tests.wereld import Wereld


def _aantal_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _voeg_leerlingen_toe(wereld: Wereld, aantal: int) -> None:
    school = School.objects.get(organisatie__naam="Het Baken")
    for _ in range(aantal):
        leerling = LeerlingFactory(woongemeente=school.gemeente)
        InschrijvingFactory(leerling=leerling, school=school)
        OuderFactory(leerling=leerling)


def test_de_leerlingenlijst_vraagt_evenveel_queries_voor_2_of_22_leerlingen(
    wereld: Wereld, client: Client
) -> None:
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    url = reverse("registratie:leerlingen")
    weinig = _aantal_queries(client, url)
    _voeg_leerlingen_toe(wereld, 20)
    assert _aantal_queries(client, url) == weinig


def test_het_aantal_queries_van_de_leerlingpagina_groeit_niet_met_ouders_of_inschrijvingen(
    wereld: Wereld, client: Client
) -> None:
    leerling = wereld.leerlingen["demodam_school1"]
    client.force_login(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    url = reverse("registratie:leerling", args=[leerling.pk])
    voor = _aantal_queries(client, url)
    for _ in range(3):
        OuderFactory(leerling=leerling)
        InschrijvingFactory(leerling=leerling)
    assert _aantal_queries(client, url) == voor


def test_zoeken_op_bsn_vindt_precies_die_leerling(wereld: Wereld, client: Client) -> None:
    leerling = wereld.leerlingen["demodam_school1"]
    client.force_login(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    response = client.get(reverse("registratie:leerlingen"), {"q": leerling.bsn})
    assert [gevonden.pk for gevonden in response.context["pagina"]] == [leerling.pk]


def test_zoeken_vindt_nooit_een_leerling_buiten_het_bereik(wereld: Wereld, client: Client) -> None:
    vreemd = wereld.leerlingen["buurdorp_school2"]
    client.force_login(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    response = client.get(reverse("registratie:leerlingen"), {"q": vreemd.bsn})
    assert list(response.context["pagina"]) == []
    assert not noemt(response.content.decode(), vreemd.achternaam)


def test_de_schoolpagina_toont_haar_leerlingen_met_het_verzuim_van_dit_jaar_op_deze_school(
    wereld: Wereld, client: Client
) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from binnenboord.verantwoording.models import Inzage
    from tests.factories import SchoolFactory, VerzuimFactory

    # given a pupil of the school with 2 hours unauthorised absence here and 5 elsewhere
    leerling = wereld.leerlingen["demodam_school1"]
    school = leerling.inschrijvingen.get().school
    gisteren = timezone.localdate() - timedelta(days=1)
    VerzuimFactory(leerling=leerling, school=school, datum=gisteren, minuten_ongeoorloofd=120)
    VerzuimFactory(
        leerling=leerling,
        school=SchoolFactory(),
        datum=gisteren - timedelta(days=1),
        minuten_ongeoorloofd=300,
    )
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])

    # when the school opens its page
    response = client.get(reverse("registratie:school"))

    # then it lists exactly its enrolled pupils, with only the absence at this school
    rijen = {r.pk: r.minuten_ongeoorloofd for r in response.context["pagina"]}
    assert rijen == {
        leerling.pk: 120,
        wereld.leerlingen["buurdorp_school1"].pk: 0,
    }
    # and each pupil shown is in the access log
    assert set(Inzage.objects.values_list("leerling_id", flat=True)) == set(rijen)


def test_het_aantal_queries_van_de_schoolpagina_is_constant(wereld: Wereld, client: Client) -> None:
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    url = reverse("registratie:school")
    weinig = _aantal_queries(client, url)
    _voeg_leerlingen_toe(wereld, 15)
    assert _aantal_queries(client, url) == weinig
