# SPDX-License-Identifier: EUPL-1.2
"""The functional administrator manages the log-in connections of its region and their claim
rules (beheer/views_inloggen.py): which connections it sees, which organisations a rule may
name, and that another municipality's administrator gets 404 for them."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

import pytest

from binnenboord.toegang.models import Claimregel, Gemeente, Inlogkoppeling, Organisatie, Rol
from tests.factories import MedewerkerFactory
from tests.wereld import Wereld

pytestmark = pytest.mark.django_db

PROVIDER = {
    "autorisatie_url": "https://login.example/authorize",
    "token_url": "https://login.example/token",
    "userinfo_url": "https://login.example/userinfo",
    "jwks_url": "https://login.example/jwks",
}


def _koppeling(organisatie: Organisatie, slug: str, **velden: Any) -> Inlogkoppeling:
    return Inlogkoppeling.objects.create(
        naam=f"Koppeling {slug}",
        slug=slug,
        organisatie=organisatie,
        client_id="binnenboord",
        client_secret="Bewaard-Geheim",
        **PROVIDER,
        **velden,
    )


@pytest.fixture
def buurdorp() -> Organisatie:
    leerplicht = Organisatie.objects.create(naam="Leerplicht Buurdorp", soort="gemeente")
    leerplicht.gemeenten.set([Gemeente.objects.get(code="9998")])
    return leerplicht


@pytest.fixture
def beheerder(client: Client, wereld: Wereld) -> Any:
    gebruiker = wereld.medewerkers[Rol.FUNCTIONEEL_BEHEERDER]
    client.force_login(gebruiker)
    return gebruiker


def _school(wereld: Wereld) -> Organisatie:
    organisatie = wereld.medewerkers[Rol.SCHOOLMEDEWERKER].organisatie
    assert organisatie is not None
    return organisatie


def _formulier(**velden: Any) -> dict[str, Any]:
    return {
        "naam": "Entra ID Demodam",
        "slug": "entra-demodam",
        "actief": "on",
        "client_id": "binnenboord",
        "client_secret": "",
        "scopes": "openid email profile",
        "ondertekening": "RS256",
        "pkce": "on",
        "claim_onderwerp": "oid",
        "claim_email": "email",
        "claim_voornaam": "given_name",
        "claim_achternaam": "family_name",
        "claim_uitgezet": "",
        **PROVIDER,
        **velden,
    }


def test_de_lijst_toont_alleen_de_koppelingen_van_de_regio(
    client: Client, beheerder: Any, wereld: Wereld, buurdorp: Organisatie
) -> None:
    _koppeling(wereld.leerplicht, "demodam")
    _koppeling(_school(wereld), "baken")
    _koppeling(buurdorp, "buurdorp")

    tekst = client.get(reverse("beheer:inlogkoppelingen")).content.decode()

    assert "Koppeling demodam" in tekst and "Koppeling baken" in tekst
    assert "Koppeling buurdorp" not in tekst


def test_een_koppeling_van_een_andere_gemeente_is_niet_te_vinden(
    client: Client, wereld: Wereld, buurdorp: Organisatie
) -> None:
    # given the connection of Demodam with a rule, and the administrator of Buurdorp
    koppeling = _koppeling(wereld.leerplicht, "demodam")
    regel = Claimregel.objects.create(
        koppeling=koppeling,
        claim="groups",
        waarde="lpa",
        organisatie=wereld.leerplicht,
        rol=Rol.LEERPLICHTAMBTENAAR,
    )
    client.force_login(MedewerkerFactory(rol=Rol.FUNCTIONEEL_BEHEERDER, organisatie=buurdorp))

    # then each of its URLs answers as for a missing one, and nothing changes
    assert client.get(reverse("beheer:inlogkoppeling", args=[koppeling.pk])).status_code == 404
    wijzig = client.post(
        reverse("beheer:inlogkoppeling", args=[koppeling.pk]), _formulier(naam="Gekaapt")
    )
    assert wijzig.status_code == 404
    nieuw = client.post(
        reverse("beheer:claimregel_nieuw", args=[koppeling.pk]),
        {
            "regel-volgorde": 1,
            "regel-claim": "groups",
            "regel-waarde": "iedereen",
            "regel-organisatie": buurdorp.pk,
            "regel-rol": "leerplichtambtenaar",
        },
    )
    assert nieuw.status_code == 404
    weg = client.post(reverse("beheer:claimregel_verwijderen", args=[regel.pk]))
    assert weg.status_code == 404
    koppeling.refresh_from_db()
    assert koppeling.naam == "Koppeling demodam"
    assert list(koppeling.regels.all()) == [regel]
    # and it is not on the list either
    assert (
        "Koppeling demodam" not in client.get(reverse("beheer:inlogkoppelingen")).content.decode()
    )


def test_een_andere_rol_mag_de_paginas_niet_openen(client: Client, wereld: Wereld) -> None:
    koppeling = _koppeling(wereld.leerplicht, "demodam")
    client.force_login(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])

    assert client.get(reverse("beheer:inlogkoppelingen")).status_code == 403
    assert client.get(reverse("beheer:inlogkoppeling_nieuw")).status_code == 403
    assert client.get(reverse("beheer:inlogkoppeling", args=[koppeling.pk])).status_code == 404


def test_de_beheerder_maakt_een_koppeling_voor_de_eigen_organisatie(
    client: Client, beheerder: Any, wereld: Wereld
) -> None:
    antwoord = client.post(
        reverse("beheer:inlogkoppeling_nieuw"),
        _formulier(organisatie=wereld.leerplicht.pk, client_secret="Nieuw-Geheim"),
    )

    koppeling = Inlogkoppeling.objects.get(slug="entra-demodam")
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("beheer:inlogkoppeling", args=[koppeling.pk])
    assert (koppeling.organisatie, koppeling.claim_onderwerp) == (wereld.leerplicht, "oid")
    assert koppeling.client_secret == "Nieuw-Geheim"
    # the secret is never shown again
    pagina = client.get(antwoord["Location"]).content.decode()
    assert "Nieuw-Geheim" not in pagina
    assert "/inloggen/organisatie/terug/" in pagina


def test_een_koppeling_voor_een_organisatie_buiten_de_regio_kan_niet(
    client: Client, beheerder: Any, buurdorp: Organisatie
) -> None:
    antwoord = client.post(
        reverse("beheer:inlogkoppeling_nieuw"), _formulier(organisatie=buurdorp.pk)
    )

    assert antwoord.status_code == 400
    assert not Inlogkoppeling.objects.exists()


def test_wijzigen_zonder_geheim_houdt_het_bewaarde(
    client: Client, beheerder: Any, wereld: Wereld
) -> None:
    koppeling = _koppeling(wereld.leerplicht, "demodam")

    antwoord = client.post(
        reverse("beheer:inlogkoppeling", args=[koppeling.pk]),
        _formulier(organisatie=wereld.leerplicht.pk, slug="demodam", actief=""),
    )

    assert antwoord.status_code == 302
    koppeling.refresh_from_db()
    assert koppeling.client_secret == "Bewaard-Geheim"
    assert not koppeling.actief
    assert koppeling.naam == "Entra ID Demodam"


def test_een_claimregel_noemt_alleen_een_organisatie_van_de_regio_met_een_passende_rol(
    client: Client, beheerder: Any, wereld: Wereld, buurdorp: Organisatie
) -> None:
    koppeling = _koppeling(wereld.leerplicht, "entree")
    url = reverse("beheer:claimregel_nieuw", args=[koppeling.pk])
    school = _school(wereld)

    def regel(organisatie: Organisatie, rol: str) -> Any:
        return client.post(
            url,
            {
                "regel-volgorde": 10,
                "regel-claim": "nlEduPersonHomeOrganizationBranchId",
                "regel-waarde": f"{school.brin}{school.vestigingsnummer}",
                "regel-organisatie": organisatie.pk,
                "regel-rol": rol,
            },
        )

    # another municipality's organisation: refused, nothing stored
    assert regel(buurdorp, Rol.LEERPLICHTAMBTENAAR).status_code == 400
    # a role that does not fit a school: refused, naming the role
    fout = regel(school, Rol.LEERPLICHTAMBTENAAR)
    assert fout.status_code == 400
    assert "past niet" in fout.content.decode()
    assert not Claimregel.objects.exists()

    # the school of the region as school staff: stored
    assert regel(school, Rol.SCHOOLMEDEWERKER).status_code == 302
    opgeslagen = Claimregel.objects.get()
    assert (opgeslagen.organisatie, opgeslagen.rol) == (school, Rol.SCHOOLMEDEWERKER)

    # and removed again
    weg = client.post(reverse("beheer:claimregel_verwijderen", args=[opgeslagen.pk]))
    assert weg.status_code == 302
    assert not Claimregel.objects.exists()
