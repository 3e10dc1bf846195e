# SPDX-License-Identifier: EUPL-1.2
"""Review of issue 18: an account that logs in with its own organisation (OpenID Connect) must
not get a local password through a one-time log-in link. With one, it would keep logging in
with that password after its provider switched it off (the provider's 'disabled' is only read
at a log-in through the provider), and an administrator who changes its e-mail address and
invites it again would own it (such an account has no authenticator app to stop that)."""

from __future__ import annotations

from django.core import mail
from django.test import Client
from django.urls import reverse

import pytest

from binnenboord.api.tokens import maak_token
from binnenboord.toegang.models import Inlogkoppeling, Medewerker, Rol
from binnenboord.toegang.uitnodigen import inlogpad, medewerker_van_link
from tests.factories import MedewerkerFactory
from tests.wereld import Wereld

pytestmark = pytest.mark.django_db


@pytest.fixture
def sso_account(wereld: Wereld) -> Medewerker:
    koppeling = Inlogkoppeling.objects.create(
        naam="Entra ID Demodam",
        slug="entra-demodam",
        organisatie=wereld.leerplicht,
        autorisatie_url="https://login.example/authorize",
        token_url="https://login.example/token",
        userinfo_url="https://login.example/userinfo",
        jwks_url="https://login.example/jwks",
        client_id="binnenboord",
        client_secret="Geheim",
    )
    medewerker: Medewerker = MedewerkerFactory(
        rol=Rol.LEERPLICHTAMBTENAAR,
        organisatie=wereld.leerplicht,
        email="lpa@demodam.example",
        inlogkoppeling=koppeling,
        inlogonderwerp="oid-1",
    )
    medewerker.set_unusable_password()
    medewerker.save()
    return medewerker


def test_een_account_van_de_eigen_organisatie_krijgt_geen_werkende_inloglink(
    client: Client, sso_account: Medewerker
) -> None:
    pad = inlogpad(sso_account)

    assert medewerker_van_link(*pad.rstrip("/").split("/")[-2:]) is None
    assert client.get(pad).status_code == 410
    sso_account.refresh_from_db()
    assert not sso_account.has_usable_password()


def test_opnieuw_uitnodigen_stuurt_een_account_van_de_eigen_organisatie_geen_link(
    client: Client, wereld: Wereld, sso_account: Medewerker, django_capture_on_commit_callbacks
) -> None:
    client.force_login(wereld.medewerkers[Rol.FUNCTIONEEL_BEHEERDER])

    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(
            reverse("beheer:medewerker_uitnodigen", args=[sso_account.pk]), follow=True
        )

    assert antwoord.status_code == 200
    assert not [bericht for bericht in mail.outbox if "/inloggen/" in bericht.body]
    assert "eigen organisatie" in antwoord.content.decode()


def test_een_superuser_of_technisch_account_krijgt_geen_werkende_inloglink(
    client: Client, wereld: Wereld
) -> None:
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER].organisatie
    superuser: Medewerker = MedewerkerFactory(
        rol=Rol.SCHOOLMEDEWERKER, organisatie=school, is_superuser=True
    )
    token, _sleutel = maak_token(
        organisatie=superuser.organisatie, naam="Systeem", scopes=["lezen"], door=None
    )
    for account in (superuser, token.medewerker):
        assert medewerker_van_link(*inlogpad(account).rstrip("/").split("/")[-2:]) is None
        assert client.get(inlogpad(account)).status_code == 410
