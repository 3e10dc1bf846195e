# SPDX-License-Identifier: EUPL-1.2
"""Review of issue 18: a log-in connection of an organisation two municipalities share (a GGD
serving Demodam and Buurdorp) whose claim rules put people into Leerplicht Demodam. The
administrator of Buurdorp also manages the shared GGD; were it allowed to change that
connection, it would point the provider at its own server and mint compulsory education
officers of Demodam (who see Demodam's pupils, without a second step), or log in as the
accounts the connection already made."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

import pytest

from binnenboord.toegang.models import Claimregel, Gemeente, Inlogkoppeling, Organisatie, Rol
from tests.factories import MedewerkerFactory, OrganisatieFactory
from tests.wereld import Wereld

pytestmark = pytest.mark.django_db

PROVIDER = {
    "autorisatie_url": "https://login.ggd.example/authorize",
    "token_url": "https://login.ggd.example/token",
    "userinfo_url": "https://login.ggd.example/userinfo",
    "jwks_url": "https://login.ggd.example/jwks",
}


@pytest.fixture
def gedeeld(wereld: Wereld) -> dict[str, Any]:
    demodam, buurdorp = Gemeente.objects.get(code="9999"), Gemeente.objects.get(code="9998")
    leerplicht_buurdorp = Organisatie.objects.create(naam="Leerplicht Buurdorp", soort="gemeente")
    leerplicht_buurdorp.gemeenten.set([buurdorp])
    ggd = OrganisatieFactory(naam="GGD Regio", jgz=True, gemeenten=[demodam, buurdorp])
    koppeling = Inlogkoppeling.objects.create(
        naam="GGD Entra ID",
        slug="ggd",
        organisatie=ggd,
        client_id="binnenboord",
        client_secret="Geheim",
        **PROVIDER,
    )
    regel = Claimregel.objects.create(
        koppeling=koppeling,
        claim="groups",
        waarde="leerplicht-demodam",
        organisatie=wereld.leerplicht,
        rol=Rol.LEERPLICHTAMBTENAAR,
    )
    beheerder_buurdorp = MedewerkerFactory(
        rol=Rol.FUNCTIONEEL_BEHEERDER, organisatie=leerplicht_buurdorp
    )
    return {"koppeling": koppeling, "regel": regel, "beheerder": beheerder_buurdorp}


def _formulier(koppeling: Inlogkoppeling, **velden: Any) -> dict[str, Any]:
    return {
        "naam": koppeling.naam,
        "slug": koppeling.slug,
        "organisatie": koppeling.organisatie_id,
        "actief": "on",
        "client_id": "binnenboord",
        "client_secret": "",
        "scopes": "openid email profile",
        "ondertekening": "RS256",
        "pkce": "on",
        "claim_onderwerp": "sub",
        "claim_email": "email",
        "claim_voornaam": "given_name",
        "claim_achternaam": "family_name",
        "claim_uitgezet": "",
        **PROVIDER,
        **velden,
    }


def test_een_andere_gemeente_wijzigt_geen_koppeling_die_in_demodam_laat_inloggen(
    client: Client, gedeeld: dict[str, Any]
) -> None:
    koppeling: Inlogkoppeling = gedeeld["koppeling"]
    client.force_login(gedeeld["beheerder"])

    # the page, a change of the provider's address and the removal of Demodam's rule
    pagina = client.get(reverse("beheer:inlogkoppeling", args=[koppeling.pk]))
    wijzig = client.post(
        reverse("beheer:inlogkoppeling", args=[koppeling.pk]),
        _formulier(koppeling, token_url="https://kwaad.example/token"),
    )
    weg = client.post(reverse("beheer:claimregel_verwijderen", args=[gedeeld["regel"].pk]))

    assert pagina.status_code in (403, 404)
    assert wijzig.status_code in (403, 404)
    assert weg.status_code in (403, 404)
    koppeling.refresh_from_db()
    assert koppeling.token_url == PROVIDER["token_url"]
    assert Claimregel.objects.filter(pk=gedeeld["regel"].pk).exists()


def test_een_koppeling_met_accounts_van_demodam_is_niet_van_een_andere_gemeente(
    client: Client, gedeeld: dict[str, Any], wereld: Wereld
) -> None:
    # given a connection whose rule is gone but whose account of Demodam's Leerplicht remains
    koppeling: Inlogkoppeling = gedeeld["koppeling"]
    gedeeld["regel"].delete()
    MedewerkerFactory(
        rol=Rol.LEERPLICHTAMBTENAAR,
        organisatie=wereld.leerplicht,
        inlogkoppeling=koppeling,
        inlogonderwerp="lpa-1",
    )
    client.force_login(gedeeld["beheerder"])

    wijzig = client.post(
        reverse("beheer:inlogkoppeling", args=[koppeling.pk]),
        _formulier(koppeling, userinfo_url="https://kwaad.example/userinfo"),
    )

    assert wijzig.status_code in (403, 404)
    koppeling.refresh_from_db()
    assert koppeling.userinfo_url == PROVIDER["userinfo_url"]


def test_de_beheerder_van_demodam_beheert_de_gedeelde_koppeling_wel(
    client: Client, gedeeld: dict[str, Any], wereld: Wereld
) -> None:
    koppeling: Inlogkoppeling = gedeeld["koppeling"]
    client.force_login(wereld.medewerkers[Rol.FUNCTIONEEL_BEHEERDER])

    assert client.get(reverse("beheer:inlogkoppeling", args=[koppeling.pk])).status_code == 200
