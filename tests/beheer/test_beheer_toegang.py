# SPDX-License-Identifier: EUPL-1.2
"""Who opens the beheer pages, and which organisations and staff they show (tests/beheer/
regio.py): the administrator only its region's, another municipality's administrator 404 for
everything outside its own, other roles 403 (404 for an object), a visitor the log-in page.
A write never moves anything into or out of another region: the stored object is checked."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

import pytest

from binnenboord.toegang.models import Kernteam, Medewerker, Organisatie, Rol
from tests.beheer.regio import Regio, bouw_regio

LIJSTEN = ("beheer:start", "beheer:organisaties", "beheer:medewerkers", "beheer:kernteams")
NIEUW = ("beheer:organisatie_nieuw", "beheer:medewerker_nieuw")


@pytest.fixture
def regio(db: None) -> Regio:
    return bouw_regio()


def _als(client: Client, wie: Medewerker) -> Client:
    client.force_login(wie)
    return client


def _namen(antwoord: Any) -> set[str]:
    return {str(o) for o in antwoord.context["pagina"].object_list}


def test_de_beheerder_ziet_precies_de_organisaties_van_de_eigen_regio(
    regio: Regio, client: Client
) -> None:
    antwoord = _als(client, regio.beheerder).get(reverse("beheer:organisaties"))
    assert antwoord.status_code == 200
    assert {o.naam for o in antwoord.context["pagina"]} == {
        "Leerplicht Demodam",
        "Het Baken",
        "SWV Demodam",
        "GGD Demodam",
    }
    html = antwoord.content.decode()
    assert "De Vuurtoren" not in html and "Wijkteam Noord" not in html

    client.force_login(regio.beheerder_buurdorp)
    antwoord = client.get(reverse("beheer:organisaties"))
    assert {o.naam for o in antwoord.context["pagina"]} == {
        "Leerplicht Buurdorp",
        "De Vuurtoren",
        "GGD Demodam",
        "Wijkteam Noord",
    }


def test_de_organisatielijst_filtert_op_soort_en_naam(regio: Regio, client: Client) -> None:
    _als(client, regio.beheerder)
    antwoord = client.get(reverse("beheer:organisaties"), {"soort": "school"})
    assert {o.naam for o in antwoord.context["pagina"]} == {"Het Baken"}
    antwoord = client.get(reverse("beheer:organisaties"), {"q": "demodam"})
    assert {o.naam for o in antwoord.context["pagina"]} == {
        "Leerplicht Demodam",
        "SWV Demodam",
        "GGD Demodam",
    }


def test_de_beheerder_ziet_precies_de_medewerkers_van_de_eigen_regio(
    regio: Regio, client: Client
) -> None:
    m = regio.wereld.medewerkers
    antwoord = _als(client, regio.beheerder).get(reverse("beheer:medewerkers"))
    assert antwoord.status_code == 200
    gezien = {mw.pk for mw in antwoord.context["pagina"]}
    # the Leerplicht bureau, the school in Demodam, SWV and GGD; not the family worker (Buurdorp's
    # neighbourhood team), the intervention team, a superuser or the API account
    assert gezien == {
        m[rol].pk
        for rol in (
            Rol.LEERPLICHTAMBTENAAR,
            Rol.TEAMMANAGER,
            Rol.BELEIDSMEDEWERKER,
            Rol.FUNCTIONEEL_BEHEERDER,
            Rol.SCHOOLMEDEWERKER,
            Rol.SWV_CONSULENT,
            Rol.JEUGDARTS,
        )
    }
    html = antwoord.content.decode()
    for buiten in ("Vuurtorenwachter", "Buurdorpling", "Wortelaccount"):
        assert buiten not in html
    assert str(m[Rol.GEZINSWERKER]) not in html


def test_de_medewerkerslijst_filtert_op_organisatie_rol_en_status(
    regio: Regio, client: Client
) -> None:
    m = regio.wereld.medewerkers
    _als(client, regio.beheerder)
    baken = regio.organisaties["Het Baken"]
    antwoord = client.get(reverse("beheer:medewerkers"), {"organisatie": baken.pk})
    assert {mw.pk for mw in antwoord.context["pagina"]} == {m[Rol.SCHOOLMEDEWERKER].pk}
    antwoord = client.get(reverse("beheer:medewerkers"), {"rol": Rol.JEUGDARTS})
    assert {mw.pk for mw in antwoord.context["pagina"]} == {m[Rol.JEUGDARTS].pk}
    Medewerker.objects.filter(pk=m[Rol.TEAMMANAGER].pk).update(is_active=False)
    antwoord = client.get(reverse("beheer:medewerkers"), {"actief": "nee"})
    assert {mw.pk for mw in antwoord.context["pagina"]} == {m[Rol.TEAMMANAGER].pk}
    # an organisation of another region filters nothing in: the list stays the region's
    vuurtoren = regio.organisaties["De Vuurtoren"]
    antwoord = client.get(reverse("beheer:medewerkers"), {"organisatie": vuurtoren.pk})
    assert list(antwoord.context["pagina"]) == []


def test_andere_rollen_krijgen_403_en_een_bezoeker_het_inlogscherm(
    regio: Regio, client: Client
) -> None:
    m = regio.wereld.medewerkers
    for rol in (Rol.LEERPLICHTAMBTENAAR, Rol.SCHOOLMEDEWERKER, Rol.TEAMMANAGER):
        client.force_login(m[rol])
        for naam in LIJSTEN + NIEUW:
            assert client.get(reverse(naam)).status_code == 403, (rol, naam)
        assert client.post(reverse("beheer:medewerker_nieuw"), {}).status_code == 403
        # an object: "not found", as a missing one
        for naam, pk in (
            ("beheer:organisatie", regio.organisaties["Het Baken"].pk),
            ("beheer:medewerker", m[Rol.SCHOOLMEDEWERKER].pk),
            ("beheer:kernteam", regio.organisaties["Het Baken"].pk),
            ("beheer:medewerker_deactiveren", m[Rol.SCHOOLMEDEWERKER].pk),
        ):
            assert client.post(reverse(naam, args=[pk])).status_code == 404, (rol, naam)
    client.logout()
    for naam in LIJSTEN + NIEUW:
        antwoord = client.get(reverse(naam))
        assert antwoord.status_code == 302
        assert antwoord["Location"].startswith(reverse("login"))
    assert Medewerker.objects.get(pk=m[Rol.SCHOOLMEDEWERKER].pk).is_active


def test_een_beheerder_van_een_andere_gemeente_krijgt_404_en_verandert_niets(
    regio: Regio, client: Client
) -> None:
    m = regio.wereld.medewerkers
    _als(client, regio.beheerder_buurdorp)
    baken = regio.organisaties["Het Baken"]
    school = m[Rol.SCHOOLMEDEWERKER]
    for naam, pk in (
        ("beheer:organisatie", baken.pk),
        ("beheer:organisatie", regio.organisaties["Leerplicht Demodam"].pk),
        ("beheer:organisatie", regio.organisaties["SWV Demodam"].pk),
        ("beheer:medewerker", school.pk),
        ("beheer:medewerker", regio.beheerder.pk),
        ("beheer:kernteam", baken.pk),
    ):
        assert client.get(reverse(naam, args=[pk])).status_code == 404, naam
    # pulling Demodam's school employee into Buurdorp's school: 404, nothing stored
    antwoord = client.post(
        reverse("beheer:medewerker", args=[school.pk]),
        {
            "first_name": "Over",
            "last_name": "Genomen",
            "email": "over@example.org",
            "organisatie": regio.organisaties["De Vuurtoren"].pk,
            "rol": Rol.SCHOOLMEDEWERKER,
        },
    )
    assert antwoord.status_code == 404
    for naam in ("beheer:medewerker_deactiveren", "beheer:medewerker_uitnodigen"):
        assert client.post(reverse(naam, args=[school.pk])).status_code == 404
    school.refresh_from_db()
    assert school.organisatie_id == baken.pk and school.is_active and school.last_name != "Genomen"
    antwoord = client.post(
        reverse("beheer:organisatie", args=[baken.pk]),
        {"naam": "Gekaapt", "brin": baken.brin, "vestigingsnummer": "00"},
    )
    assert antwoord.status_code == 404
    assert Organisatie.objects.get(pk=baken.pk).naam == "Het Baken"
    antwoord = client.post(
        reverse("beheer:kernteam", args=[baken.pk]),
        {"leerplichtambtenaar": regio.medewerkers["lpa_buurdorp"].pk},
    )
    assert antwoord.status_code == 404
    assert not Kernteam.objects.filter(school=baken).exists()


def test_een_medewerker_gaat_nooit_naar_een_organisatie_buiten_de_regio(
    regio: Regio, client: Client
) -> None:
    # Demodam's administrator moves its school employee: only to an organisation of Demodam
    school = regio.wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    _als(client, regio.beheerder)
    antwoord = client.post(
        reverse("beheer:medewerker", args=[school.pk]),
        {
            "first_name": school.first_name,
            "last_name": school.last_name,
            "email": "school@example.org",
            "organisatie": regio.organisaties["De Vuurtoren"].pk,
            "rol": Rol.SCHOOLMEDEWERKER,
        },
    )
    assert antwoord.status_code == 400
    assert "organisatie" in antwoord.context["form"].errors
    school.refresh_from_db()
    assert school.organisatie == regio.organisaties["Het Baken"]
    # and a new account neither
    antwoord = client.post(
        reverse("beheer:medewerker_nieuw"),
        {
            "first_name": "Nieuw",
            "last_name": "Elders",
            "email": "elders@example.org",
            "organisatie": regio.organisaties["Wijkteam Noord"].pk,
            "rol": Rol.GEZINSWERKER,
        },
    )
    assert antwoord.status_code == 400
    assert not Medewerker.objects.filter(email="elders@example.org").exists()


def test_de_beheerder_verandert_het_eigen_account_een_superuser_en_een_api_account_niet(
    regio: Regio, client: Client
) -> None:
    _als(client, regio.beheerder)
    eigen = reverse("beheer:medewerker", args=[regio.beheerder.pk])
    assert client.get(eigen).status_code == 200
    assert client.get(eigen).context["form"] is None
    antwoord = client.post(
        eigen,
        {
            "first_name": "Ik",
            "last_name": "Zelf",
            "email": "ik@example.org",
            "organisatie": regio.beheerder.organisatie_id,
            "rol": Rol.LEERPLICHTAMBTENAAR,
        },
    )
    assert antwoord.status_code == 403
    deactiveren = reverse("beheer:medewerker_deactiveren", args=[regio.beheerder.pk])
    assert client.post(deactiveren).status_code == 403
    regio.beheerder.refresh_from_db()
    assert regio.beheerder.is_active and regio.beheerder.rol == Rol.FUNCTIONEEL_BEHEERDER
    for wie in ("superuser", "technisch"):
        pk = regio.medewerkers[wie].pk
        assert client.get(reverse("beheer:medewerker", args=[pk])).status_code == 404
        assert client.post(reverse("beheer:medewerker_deactiveren", args=[pk])).status_code == 404
        assert Medewerker.objects.get(pk=pk).is_active


def test_de_eigen_leerplichtorganisatie_is_te_zien_maar_niet_te_wijzigen(
    regio: Regio, client: Client
) -> None:
    eigen = regio.organisaties["Leerplicht Demodam"]
    _als(client, regio.beheerder)
    antwoord = client.get(reverse("beheer:organisatie", args=[eigen.pk]))
    assert antwoord.status_code == 200 and antwoord.context["form"] is None
    antwoord = client.post(reverse("beheer:organisatie", args=[eigen.pk]), {"naam": "Anders"})
    assert antwoord.status_code == 403
    assert Organisatie.objects.get(pk=eigen.pk).naam == "Leerplicht Demodam"


def test_de_regels_van_beheer_per_rol(regio: Regio) -> None:
    baken = regio.organisaties["Het Baken"]
    vuurtoren = regio.organisaties["De Vuurtoren"]
    school = regio.wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    beheerder = regio.beheerder
    assert beheerder.has_perm("toegang.change_organisatie", baken)
    assert not beheerder.has_perm("toegang.change_organisatie", vuurtoren)
    assert beheerder.has_perm("toegang.change_kernteam", baken)
    assert not beheerder.has_perm("toegang.change_kernteam", regio.organisaties["SWV Demodam"])
    assert beheerder.has_perm("toegang.change_medewerker", school)
    assert not regio.beheerder_buurdorp.has_perm("toegang.change_medewerker", school)
    for rol, gebruiker in regio.wereld.medewerkers.items():
        if rol != Rol.FUNCTIONEEL_BEHEERDER:
            assert not gebruiker.has_perm("toegang.view_beheer"), rol
            assert not gebruiker.has_perm("toegang.change_medewerker", school), rol
    assert not AnonymousUser().has_perm("toegang.view_beheer")
