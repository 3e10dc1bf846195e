# SPDX-License-Identifier: EUPL-1.2
"""Two-step verification with enforcement on: the password alone opens nothing but the code
step (or the setup of an app); a right code opens the requested page."""

from __future__ import annotations

import time
from base64 import b32decode
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

import pytest
from django_otp.oath import hotp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from binnenboord.toegang.models import Medewerker
from binnenboord.web.tweestaps import TweestapsMiddleware
from tests.factories import WACHTWOORD, MedewerkerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def verplicht(settings: Any) -> None:
    settings.TWEESTAPS_VERPLICHT = True


def nl(tekst: str) -> str:
    with translation.override("nl"):
        return gettext(tekst)


def _code(sleutel: bytes, *, verschuiving: int = 0) -> str:
    return f"{hotp(sleutel, int(time.time() // 30) + verschuiving, 6):06d}"


def _log_in_met_wachtwoord(client: Client, gebruiker: Medewerker) -> None:
    antwoord = client.post(
        reverse("login"), {"username": gebruiker.username, "password": WACHTWOORD}
    )
    assert antwoord.status_code == 302


@pytest.fixture
def met_app() -> tuple[Medewerker, TOTPDevice]:
    gebruiker = MedewerkerFactory()
    return gebruiker, TOTPDevice.objects.create(user=gebruiker, name="default", confirmed=True)


def test_het_wachtwoord_alleen_leidt_vanaf_elke_pagina_naar_de_codestap(
    client: Client, met_app: tuple[Medewerker, TOTPDevice]
) -> None:
    gebruiker, _apparaat = met_app
    _log_in_met_wachtwoord(client, gebruiker)

    for pagina in ("/", "/leerlingen/", "/casussen/", "/beheer/", "/tweestapsverificatie/"):
        antwoord = client.get(pagina)
        assert antwoord.status_code == 302, pagina
        assert antwoord["Location"].startswith("/inloggen/code/?next="), pagina


def test_een_onbevestigde_sessie_kan_geen_app_toevoegen_of_reservecodes_maken(
    client: Client, met_app: tuple[Medewerker, TOTPDevice]
) -> None:
    gebruiker, _apparaat = met_app
    _log_in_met_wachtwoord(client, gebruiker)

    for naam in ("two_factor:setup", "two_factor:qr", "two_factor:backup_tokens"):
        antwoord = client.get(reverse(naam))
        assert antwoord["Location"].startswith("/inloggen/code/"), naam
    assert TOTPDevice.objects.filter(user=gebruiker).count() == 1
    assert not StaticDevice.objects.filter(user=gebruiker).exists()


def test_een_foute_code_wordt_geweigerd_en_de_juiste_opent_de_gevraagde_pagina(
    client: Client, met_app: tuple[Medewerker, TOTPDevice]
) -> None:
    gebruiker, apparaat = met_app
    _log_in_met_wachtwoord(client, gebruiker)
    url = reverse("verificatie") + "?next=/leerlingen/"

    fout = client.post(url, {"code": "000000" if _code(apparaat.bin_key) != "000000" else "1"})
    assert fout.status_code == 200
    assert nl("This code is not correct.") in fout.content.decode()
    assert client.get("/").status_code == 302

    apparaat.refresh_from_db()
    apparaat.throttle_reset()
    goed = client.post(url, {"code": _code(apparaat.bin_key), "next": "/leerlingen/"})
    assert goed.status_code == 302
    assert goed["Location"] == "/leerlingen/"
    assert client.get("/").status_code == 200


def test_een_code_kan_niet_twee_keer_worden_gebruikt(
    client: Client, met_app: tuple[Medewerker, TOTPDevice]
) -> None:
    gebruiker, apparaat = met_app
    code = _code(apparaat.bin_key)
    _log_in_met_wachtwoord(client, gebruiker)
    assert client.post(reverse("verificatie"), {"code": code}).status_code == 302

    tweede = Client()
    _log_in_met_wachtwoord(tweede, gebruiker)
    antwoord = tweede.post(reverse("verificatie"), {"code": code})
    assert antwoord.status_code == 200
    assert tweede.get("/").status_code == 302


def test_foute_codes_vertragen_volgende_pogingen(
    client: Client, met_app: tuple[Medewerker, TOTPDevice]
) -> None:
    gebruiker, apparaat = met_app
    _log_in_met_wachtwoord(client, gebruiker)
    for _ in range(3):
        client.post(reverse("verificatie"), {"code": "12345678"})

    # even the right code waits now (django-otp: 1, 2, 4 seconds after 1, 2, 3 failures)
    antwoord = client.post(reverse("verificatie"), {"code": _code(apparaat.bin_key)})
    assert nl("Too many wrong codes. Wait a moment and try again.") in antwoord.content.decode()
    assert client.get("/").status_code == 302


def test_een_reservecode_werkt_een_keer(client: Client) -> None:
    gebruiker = MedewerkerFactory()
    reserve = StaticDevice.objects.create(user=gebruiker, name="backup", confirmed=True)
    reserve.token_set.create(token="abcd2345")
    _log_in_met_wachtwoord(client, gebruiker)

    assert client.post(reverse("verificatie"), {"code": "abcd2345"}).status_code == 302
    assert client.get("/").status_code == 200
    assert not reserve.token_set.exists()


def test_zonder_app_stelt_de_gebruiker_er_een_in_en_is_bevestigd(client: Client) -> None:
    gebruiker = MedewerkerFactory()
    _log_in_met_wachtwoord(client, gebruiker)
    doorgestuurd = client.get("/leerlingen/")
    assert doorgestuurd["Location"] == "/tweestapsverificatie/instellen/?next=%2Fleerlingen%2F"

    # the welcome step, then the QR code with the secret, then a code from the app
    instellen = doorgestuurd["Location"]
    assert client.get(instellen).status_code == 200
    qr = client.post(instellen, {"setup_view-current_step": "welcome"})
    assert qr.status_code == 200
    geheim = client.session["django_two_factor-qr_secret_key"]
    assert client.get(reverse("two_factor:qr"))["Content-Type"].startswith("image/svg")
    klaar = client.post(
        instellen,
        {"setup_view-current_step": "generator", "generator-token": _code(b32decode(geheim))},
    )

    assert klaar.status_code == 302
    assert klaar["Location"] == "/leerlingen/"
    assert TOTPDevice.objects.get(user=gebruiker).confirmed
    assert client.get("/leerlingen/").status_code == 200
    # and now backup codes can be made
    client.post(reverse("two_factor:backup_tokens"))
    assert StaticDevice.objects.get(user=gebruiker).token_set.count() == 10


def test_uitloggen_en_de_taal_wijzigen_blijven_open(
    client: Client, met_app: tuple[Medewerker, TOTPDevice]
) -> None:
    gebruiker, _apparaat = met_app
    _log_in_met_wachtwoord(client, gebruiker)

    taal = client.post(reverse("set_language"), {"language": "en", "next": "/inloggen/code/"})
    assert taal["Location"] == "/inloggen/code/"
    assert client.post(reverse("logout"))["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session


def test_de_api_behandelt_een_onbevestigde_sessie_als_anoniem(
    met_app: tuple[Medewerker, TOTPDevice],
) -> None:
    gebruiker, _apparaat = met_app
    verzoek = RequestFactory().get("/api/leerlingen/")
    verzoek.user = gebruiker
    gebruiker.is_verified = lambda: False  # type: ignore[attr-defined]
    middleware = TweestapsMiddleware(lambda r: HttpResponse())

    assert middleware.process_view(verzoek, lambda r: HttpResponse(), (), {}) is None
    assert isinstance(verzoek.user, AnonymousUser)


def test_uitgeschakeld_is_het_wachtwoord_genoeg(
    client: Client, met_app: tuple[Medewerker, TOTPDevice], settings: Any
) -> None:
    settings.TWEESTAPS_VERPLICHT = False
    gebruiker, _apparaat = met_app
    _log_in_met_wachtwoord(client, gebruiker)
    assert client.get("/").status_code == 200


def test_de_beheerder_zet_een_verloren_app_terug_met_een_commando(
    client: Client, met_app: tuple[Medewerker, TOTPDevice]
) -> None:
    gebruiker, _apparaat = met_app
    StaticDevice.objects.create(user=gebruiker, name="backup", confirmed=True)

    call_command("two_factor_disable", gebruiker.username)

    assert not TOTPDevice.objects.filter(user=gebruiker).exists()
    assert not StaticDevice.objects.filter(user=gebruiker).exists()
    _log_in_met_wachtwoord(client, gebruiker)
    assert client.get("/")["Location"].startswith("/tweestapsverificatie/instellen/")
