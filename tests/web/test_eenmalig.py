# SPDX-License-Identifier: EUPL-1.2
"""The one-time log-in link (toegang.uitnodigen) and the page it opens (web/eenmalig.py):
choose a password, get logged in, set up two-step verification; a used, expired or forged
link gets a clear page of its own."""

from __future__ import annotations

import logging  # noqa: TID251  (to read what Django's request log writes)
from datetime import timedelta
from urllib.parse import urlsplit

from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

import pytest

from binnenboord.toegang import uitnodigen
from binnenboord.toegang.models import Medewerker, Organisatie, Rol
from binnenboord.toegang.uitnodigen import inloglink, medewerker_van_link
from binnenboord.web.eenmalig import IN_SESSIE
from tests.factories import MedewerkerFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db

NIEUW = "Lange-zin-van-de-beheerder-2026"


def _nieuwe_beheerder() -> Medewerker:
    medewerker: Medewerker = MedewerkerFactory(
        organisatie=OrganisatieFactory(soort=Organisatie.Soort.GEMEENTE),
        rol=Rol.FUNCTIONEEL_BEHEERDER,
        password=None,
    )
    medewerker.set_unusable_password()
    medewerker.save()
    return medewerker


def _pad(link: str) -> str:
    return urlsplit(link).path


def _kies_wachtwoord(client: Client, link: str) -> tuple[str, object]:
    """Opens the link, follows it to the form, sends the new password; the form's address and
    the answer to sending it."""
    eerste = client.get(_pad(link))
    assert eerste.status_code == 302
    formulier = eerste["Location"]
    assert client.get(formulier).status_code == 200
    antwoord = client.post(formulier, {"new_password1": NIEUW, "new_password2": NIEUW})
    return formulier, antwoord


def test_de_link_is_absoluut_en_noemt_de_pagina(settings: object) -> None:
    settings.SITE_URL = "https://binnenboord.utrecht.example"  # type: ignore[attr-defined]
    medewerker = _nieuwe_beheerder()
    link = inloglink(medewerker)
    assert link.startswith("https://binnenboord.utrecht.example/inloggen/eenmalig/")
    uidb64, token = _pad(link).strip("/").split("/")[-2:]
    assert medewerker_van_link(uidb64, token) == medewerker


def test_de_link_werkt_een_keer_en_leidt_naar_tweestapsverificatie(client: Client) -> None:
    medewerker = _nieuwe_beheerder()
    link = inloglink(medewerker)

    formulier, antwoord = _kies_wachtwoord(client, link)

    assert antwoord.status_code == 302  # type: ignore[attr-defined]
    assert antwoord["Location"].startswith(reverse("two_factor:setup"))  # type: ignore[index]
    assert client.session[SESSION_KEY] == str(medewerker.pk)
    medewerker.refresh_from_db()
    assert medewerker.check_password(NIEUW)

    # a second use, in another browser or the same one, is refused with the clear page
    for bezoeker in (Client(), client):
        tweede = bezoeker.get(_pad(link))
        assert tweede.status_code == 410
        assert "Deze link werkt niet meer" in tweede.content.decode()
        assert "functioneel beheerder" in tweede.content.decode()
    assert client.post(formulier, {"new_password1": "x", "new_password2": "x"}).status_code == 410
    medewerker.refresh_from_db()
    assert medewerker.check_password(NIEUW)


def test_bekijken_verandert_niets(client: Client) -> None:
    """A mail scanner opening the link (GET) does not use it up."""
    medewerker = _nieuwe_beheerder()
    link = inloglink(medewerker)
    wachtwoord = medewerker.password
    for _ in range(2):
        formulier = Client().get(_pad(link))["Location"]
    assert Client().get(_pad(link)).status_code == 302
    medewerker.refresh_from_db()
    assert medewerker.password == wachtwoord
    assert medewerker.last_login is None
    _, antwoord = _kies_wachtwoord(client, link)
    assert antwoord.status_code == 302  # type: ignore[attr-defined]
    assert IN_SESSIE in formulier


def test_het_token_staat_niet_in_het_adres_van_het_formulier(client: Client) -> None:
    link = inloglink(_nieuwe_beheerder())
    token = _pad(link).strip("/").split("/")[-1]
    formulier = client.get(_pad(link))["Location"]
    assert token not in formulier
    pagina = client.get(formulier)
    assert token not in pagina.content.decode()
    assert 'autocomplete="new-password"' in pagina.content.decode()


def test_een_zwak_wachtwoord_wordt_geweigerd_en_de_link_blijft_geldig(client: Client) -> None:
    medewerker = _nieuwe_beheerder()
    link = inloglink(medewerker)
    formulier = client.get(_pad(link))["Location"]
    antwoord = client.post(formulier, {"new_password1": "1234", "new_password2": "1234"})
    assert antwoord.status_code == 200
    assert 'role="alert"' in antwoord.content.decode()
    assert SESSION_KEY not in client.session
    assert medewerker_van_link(*_pad(link).strip("/").split("/")[-2:]) == medewerker


def test_een_verlopen_link_wordt_geweigerd(
    client: Client, settings: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.EENMALIGE_LINK_DAGEN = 7  # type: ignore[attr-defined]
    medewerker = _nieuwe_beheerder()
    link = inloglink(medewerker)
    nu = uitnodigen.token_maker._now()
    monkeypatch.setattr(uitnodigen.token_maker, "_now", lambda: nu + timedelta(days=6))
    assert client.get(_pad(link)).status_code == 302
    monkeypatch.setattr(uitnodigen.token_maker, "_now", lambda: nu + timedelta(days=7, hours=1))
    antwoord = Client().get(_pad(link))
    assert antwoord.status_code == 410
    assert "Deze link werkt niet meer" in antwoord.content.decode()


@pytest.mark.parametrize(
    "pad",
    [
        "/inloggen/eenmalig/MQ/abc-123/",
        "/inloggen/eenmalig/%%%/x/",
        "/inloggen/eenmalig/OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5/1-2/",
        f"/inloggen/eenmalig/MQ/{IN_SESSIE}/",
    ],
)
def test_een_vervalste_link_krijgt_de_duidelijke_pagina(client: Client, pad: str) -> None:
    _nieuwe_beheerder()
    antwoord = client.get(pad)
    assert antwoord.status_code == 410
    assert "Deze link werkt niet meer" in antwoord.content.decode()


def test_een_link_van_een_ander_werkt_niet_met_dit_id(client: Client) -> None:
    eerste, tweede = _nieuwe_beheerder(), _nieuwe_beheerder()
    uidb64_tweede = _pad(inloglink(tweede)).strip("/").split("/")[-2]
    token_eerste = _pad(inloglink(eerste)).strip("/").split("/")[-1]
    assert medewerker_van_link(uidb64_tweede, token_eerste) is None
    assert client.get(f"/inloggen/eenmalig/{uidb64_tweede}/{token_eerste}/").status_code == 410


def test_alleen_een_actieve_medewerker_met_passende_rol_krijgt_een_werkende_link() -> None:
    medewerker = _nieuwe_beheerder()
    link = inloglink(medewerker)
    delen = _pad(link).strip("/").split("/")[-2:]
    medewerker.is_active = False
    medewerker.save()
    assert medewerker_van_link(*delen) is None
    medewerker.is_active = True
    medewerker.rol = Rol.SCHOOLMEDEWERKER  # past niet bij een gemeente
    medewerker.save()
    assert medewerker_van_link(*delen) is None
    medewerker.rol = Rol.FUNCTIONEEL_BEHEERDER
    medewerker.save()
    assert medewerker_van_link(*delen) == medewerker


def test_een_inloglink_is_geen_wachtwoordherstel() -> None:
    """Its own salt: Django's password-reset token does not open this page, nor the other way."""
    from django.contrib.auth.tokens import default_token_generator

    medewerker = _nieuwe_beheerder()
    uidb64 = _pad(inloglink(medewerker)).strip("/").split("/")[-2]
    assert medewerker_van_link(uidb64, default_token_generator.make_token(medewerker)) is None
    token = _pad(inloglink(medewerker)).strip("/").split("/")[-1]
    assert not default_token_generator.check_token(medewerker, token)


def test_het_token_komt_niet_in_het_log(client: Client, caplog: pytest.LogCaptureFixture) -> None:
    medewerker = _nieuwe_beheerder()
    link = inloglink(medewerker)
    token = _pad(link).strip("/").split("/")[-1]
    with caplog.at_level(logging.DEBUG):
        _kies_wachtwoord(client, link)
        assert client.get(_pad(link)).status_code == 410  # used: the page of a dead link
    assert caplog.records, "the request log should have written something"
    for record in caplog.records:
        assert token not in record.getMessage()
        assert token not in str(record.__dict__)


def test_een_ingelogde_maar_niet_geverifieerde_sessie_kan_de_link_gebruiken(
    client: Client, settings: object
) -> None:
    """Someone else half logged in on this computer (password, no code yet): the link still
    opens its own page, and choosing the password logs its own account in."""
    settings.TWEESTAPS_VERPLICHT = True  # type: ignore[attr-defined]
    ander = MedewerkerFactory()
    client.force_login(ander)
    medewerker = _nieuwe_beheerder()
    _, antwoord = _kies_wachtwoord(client, inloglink(medewerker))
    assert antwoord.status_code == 302  # type: ignore[attr-defined]
    assert antwoord["Location"].startswith(reverse("two_factor:setup"))  # type: ignore[index]
    assert client.session[SESSION_KEY] == str(medewerker.pk)
