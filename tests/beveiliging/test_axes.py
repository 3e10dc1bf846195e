# SPDX-License-Identifier: EUPL-1.2
"""Lock-out (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one user name from one
IP address, even the right password is refused, with a Dutch page, until the cool-off ends or
an administrator lifts it."""

from __future__ import annotations

from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

import pytest
from axes.models import AccessAttempt

from tests.factories import WACHTWOORD, MedewerkerFactory

pytestmark = pytest.mark.django_db


def nl(tekst: str) -> str:
    with translation.override("nl"):
        return gettext(tekst)


def _inloggen(client: Client, naam: str, wachtwoord: str, ip: str = "10.0.0.1") -> int:
    antwoord = client.post(
        reverse("login"), {"username": naam, "password": wachtwoord}, REMOTE_ADDR=ip
    )
    return antwoord.status_code


def test_vijf_foute_wachtwoorden_blokkeren_het_account_voor_dat_adres(client: Client) -> None:
    gebruiker = MedewerkerFactory(username="janneke")
    for _ in range(4):
        assert _inloggen(client, "janneke", "fout-wachtwoord") == 200

    # the fifth failure locks: the answer is the Dutch lock-out page
    geblokkeerd = client.post(
        reverse("login"), {"username": "janneke", "password": "nog-fout"}, REMOTE_ADDR="10.0.0.1"
    )
    assert geblokkeerd.status_code == 429
    assert nl("Account temporarily locked") in geblokkeerd.content.decode()
    assert "60" in geblokkeerd.content.decode()

    # even the right password is refused now, and nobody is logged in
    assert _inloggen(client, "janneke", WACHTWOORD) == 429
    assert "_auth_user_id" not in client.session
    # another address and another user name are not affected
    assert _inloggen(Client(), "janneke", WACHTWOORD, ip="10.0.0.2") == 302
    MedewerkerFactory(username="piet")
    assert _inloggen(Client(), "piet", WACHTWOORD) == 302
    assert gebruiker.pk


def test_een_geslaagde_inlog_zet_de_telling_terug(client: Client) -> None:
    MedewerkerFactory(username="janneke")
    for _ in range(4):
        _inloggen(client, "janneke", "fout")
    assert _inloggen(client, "janneke", WACHTWOORD) == 302
    client.logout()

    for _ in range(4):
        assert _inloggen(client, "janneke", "fout") == 200
    assert _inloggen(client, "janneke", WACHTWOORD) == 302


def test_de_beheerder_heft_een_blokkade_op_met_een_commando(client: Client) -> None:
    MedewerkerFactory(username="janneke")
    for _ in range(5):
        _inloggen(client, "janneke", "fout")
    assert _inloggen(client, "janneke", WACHTWOORD) == 429

    call_command("axes_reset_username", "janneke")

    assert not AccessAttempt.objects.filter(username="janneke").exists()
    assert _inloggen(client, "janneke", WACHTWOORD) == 302


def test_de_grens_is_instelbaar(client: Client, settings: object) -> None:
    settings.AXES_FAILURE_LIMIT = 2  # type: ignore[attr-defined]
    MedewerkerFactory(username="janneke")
    assert _inloggen(client, "janneke", "fout") == 200
    assert _inloggen(client, "janneke", "fout") == 429
