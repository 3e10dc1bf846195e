# SPDX-License-Identifier: EUPL-1.2
"""The two-step verification pages are Binnenboord pages in Dutch: our base template (lang,
header, a way back), no package placeholder, no CDN, no English of django-two-factor-auth; and
the setup wizard completes with a real TOTP code from the key it shows."""

from __future__ import annotations

import re
from base64 import b32decode
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from binnenboord.toegang.models import Medewerker
from tests.factories import WACHTWOORD, MedewerkerFactory

pytestmark = pytest.mark.django_db

# what django-two-factor-auth's own templates say (and must not reach our users)
ENGELS = (
    "Provide a template",
    "TOTP Secret",
    "Token:",
    "Backup Tokens",
    "Account Security",
    "Two-Factor",
    "Two-factor",
    "Generate Tokens",
    "Enable",
    "Disable",
    "Yes, I am sure",
    "Entered token",
)
JIJ = re.compile(r"\b(je|jij|jouw|jou)\b", re.IGNORECASE)


@pytest.fixture(autouse=True)
def verplicht(settings: Any) -> None:
    settings.TWEESTAPS_VERPLICHT = True


def nl(tekst: str) -> str:
    with translation.override("nl"):
        return gettext(tekst)


def _code(geheim_b32: str) -> str:
    return f"{totp(b32decode(geheim_b32), step=30, t0=0, digits=6):06d}"


def _geverifieerd(client: Client) -> Medewerker:
    """A user with an app, logged in with password and code."""
    gebruiker: Medewerker = MedewerkerFactory()
    apparaat = TOTPDevice.objects.create(user=gebruiker, name="default", confirmed=True)
    client.post(reverse("login"), {"username": gebruiker.username, "password": WACHTWOORD})
    code = f"{totp(apparaat.bin_key, apparaat.step, apparaat.t0, apparaat.digits):06d}"
    assert client.post(reverse("verificatie"), {"code": code}).status_code == 302
    return gebruiker


def _is_een_binnenboordpagina(html: str, pagina: str) -> None:
    assert '<html lang="nl">' in html, pagina
    assert 'class="bb-kop"' in html, pagina  # our header, with the log-out button
    assert re.search(r"<(script|link)[^>]+(src|href)=\"(https?:)?//", html) is None, pagina
    inhoud = html.split('<main id="inhoud"', 1)[1].split("</main>", 1)[0]
    for engels in ENGELS:
        assert engels not in html, (pagina, engels)
    assert JIJ.search(re.sub(r"<[^>]+>", " ", inhoud)) is None, pagina


def test_elke_tweestapspagina_is_een_nederlandse_binnenboordpagina(client: Client) -> None:
    gebruiker = _geverifieerd(client)
    vandaag = reverse("web:vandaag")

    for naam in ("two_factor:profile", "two_factor:backup_tokens", "two_factor:disable"):
        antwoord = client.get(reverse(naam))
        assert antwoord.status_code == 200, naam
        html = antwoord.content.decode()
        _is_een_binnenboordpagina(html, naam)
        # a way back: to Vandaag, or (a page below it) to the two-step overview
        assert f'href="{vandaag}"' in html or f'href="{reverse("two_factor:profile")}"' in html

    # the backup codes: made, shown, and counted on the overview in Dutch
    client.post(reverse("two_factor:backup_tokens"))
    codes = client.get(reverse("two_factor:backup_tokens")).content.decode()
    _is_een_binnenboordpagina(codes, "reservecodes")
    for token in StaticDevice.objects.get(user=gebruiker).token_set.all():
        assert f"<code>{token.token}</code>" in codes
    profiel = client.get(reverse("two_factor:profile")).content.decode()
    assert "U hebt nog 10 reservecodes." in profiel
    assert f'href="{vandaag}"' in profiel

    klaar = client.get(reverse("two_factor:setup_complete"))
    assert klaar.status_code == 200
    _is_een_binnenboordpagina(klaar.content.decode(), "setup_complete")
    assert nl("Two-step verification is set up") in klaar.content.decode()

    verificatie = client.get(reverse("verificatie"))  # verified: straight on
    assert verificatie.status_code == 302


def test_de_codestap_zelf_is_een_nederlandse_binnenboordpagina(client: Client) -> None:
    gebruiker: Medewerker = MedewerkerFactory()
    TOTPDevice.objects.create(user=gebruiker, name="default", confirmed=True)
    client.post(reverse("login"), {"username": gebruiker.username, "password": WACHTWOORD})

    antwoord = client.get(reverse("verificatie"))
    assert antwoord.status_code == 200
    _is_een_binnenboordpagina(antwoord.content.decode(), "verificatie")


def test_de_wizard_wordt_doorlopen_met_een_echte_totp_code(client: Client) -> None:
    gebruiker: Medewerker = MedewerkerFactory()
    client.post(reverse("login"), {"username": gebruiker.username, "password": WACHTWOORD})
    instellen = reverse("two_factor:setup")

    welkom = client.get(instellen)
    assert welkom.status_code == 200
    _is_een_binnenboordpagina(welkom.content.decode(), "welkom")
    assert nl("Get started") in welkom.content.decode()
    # not verified yet: Vandaag is closed, so no link pretends it is open
    assert nl("Back to Today") not in welkom.content.decode()

    stap2 = client.post(instellen, {"setup_view-current_step": "welcome"})
    html = stap2.content.decode()
    assert stap2.status_code == 200
    _is_een_binnenboordpagina(html, "qr")
    geheim = client.session["django_two_factor-qr_secret_key"]
    assert f"<code>{geheim}</code>" in html
    assert f'<img src="{reverse("two_factor:qr")}"' in html
    assert nl("Code from the app") in html
    qr = client.get(reverse("two_factor:qr"))
    assert qr["Content-Type"].startswith("image/svg+xml")
    assert b"<script" not in qr.content and b"<style" not in qr.content

    # a wrong code: our words, the field marked
    fout = "000000" if _code(geheim) != "000000" else "111111"
    afgewezen = client.post(
        instellen, {"setup_view-current_step": "generator", "generator-token": fout}
    )
    assert nl("This code is not correct. Enter the code the app shows now.") in (
        afgewezen.content.decode()
    )
    assert 'aria-invalid="true"' in afgewezen.content.decode()
    assert not TOTPDevice.objects.filter(user=gebruiker).exists()

    klaar = client.post(
        instellen, {"setup_view-current_step": "generator", "generator-token": _code(geheim)}
    )
    assert klaar.status_code == 302
    assert klaar["Location"] == reverse("two_factor:setup_complete")
    apparaat = TOTPDevice.objects.get(user=gebruiker)
    assert apparaat.confirmed
    assert b32decode(geheim) == apparaat.bin_key
    assert client.get(reverse("web:vandaag")).status_code == 200


def test_de_app_heet_binnenboord_in_de_authenticator(client: Client) -> None:
    gebruiker: Medewerker = MedewerkerFactory()
    client.post(reverse("login"), {"username": gebruiker.username, "password": WACHTWOORD})
    stap2 = client.post(reverse("two_factor:setup"), {"setup_view-current_step": "welcome"})

    # the key, as a link that opens the app on the same phone
    koppeling = re.search(r'href="(otpauth://[^"]+)"', stap2.content.decode())
    assert koppeling is not None
    url = koppeling.group(1).replace("&amp;", "&")
    assert url.startswith(f"otpauth://totp/Binnenboord%3A%20{gebruiker.username}?")
    assert "issuer=Binnenboord" in url


def test_de_app_verwijderen_vraagt_om_bevestiging_en_daarna_een_nieuwe_app(
    client: Client,
) -> None:
    gebruiker = _geverifieerd(client)

    zonder_vinkje = client.post(reverse("two_factor:disable"), {})
    assert zonder_vinkje.status_code == 200
    assert 'aria-invalid="true"' in zonder_vinkje.content.decode()
    assert TOTPDevice.objects.filter(user=gebruiker).exists()

    weg = client.post(reverse("two_factor:disable"), {"understand": "on"})
    assert weg.status_code == 302
    assert not TOTPDevice.objects.filter(user=gebruiker).exists()
    assert client.get(reverse("web:vandaag"))["Location"].startswith(reverse("two_factor:setup"))
