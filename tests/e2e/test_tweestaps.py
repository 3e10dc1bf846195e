# SPDX-License-Identifier: EUPL-1.2
"""The two-step verification pages in a real browser: a new colleague sets up the app (the QR
code shows, under the Content Security Policy), makes backup codes and removes the app, with
real clicks; every page is Dutch, in our layout, and axe finds nothing serious or critical."""

from __future__ import annotations

from base64 import b32decode
from pathlib import Path
from typing import Any

from django.conf import settings
from django.test import Client

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, ConsoleMessage, Page, expect

from binnenboord.toegang.models import Medewerker, Rol
from tests.factories import MedewerkerFactory
from tests.wereld import bouw_wereld

from .hulp import Stappen, log_in, nl

pytestmark = pytest.mark.e2e


@pytest.fixture
def nieuwe_collega(transactional_db: None) -> Medewerker:
    """Someone who logs in for the first time: an account, no app yet."""
    bouw_wereld()
    gebruiker: Medewerker = MedewerkerFactory(username="nieuw", rol=Rol.LEERPLICHTAMBTENAAR)
    TOTPDevice.objects.filter(user=gebruiker).delete()
    return gebruiker


def _is_binnenboord(page: Page) -> None:
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.locator("header.bb-kop")).to_be_visible()
    html = page.content()
    for engels in ("Provide a template", "TOTP Secret", "Token:", "Backup Tokens", "Two-Factor"):
        assert engels not in html, engels
    assert "cdnjs" not in html and "bootstrap" not in html


def _qr_is_geladen(page: Page) -> None:
    qr = page.get_by_role("img", name=nl("QR code to link your authenticator app to Binnenboord"))
    expect(qr).to_be_visible()
    # loaded, not only laid out: on a busy machine the image arrives after the page; a QR code
    # the CSP blocks never gets a natural width, and the wait times out
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=qr.element_handle(), timeout=15_000
    )


def _vul_app_code_in(page: Page) -> None:
    sleutel = page.locator("main code").first.inner_text()
    code = f"{totp(b32decode(sleutel), step=30, t0=0, digits=6):06d}"
    page.get_by_label(nl("Code from the app")).fill(code)
    page.get_by_role("button", name=nl("Next")).click()


def test_een_nieuwe_collega_stelt_de_app_in_maakt_reservecodes_en_verwijdert_de_app(
    page: Page, live_server: Any, nieuwe_collega: Medewerker, axe_script: Path, artefacten: Path
) -> None:
    stappen = Stappen(page, axe_script, artefacten, "tweestaps", nooit="Provide a template")

    # the first log-in: the password, then the setup of an app
    log_in(page, live_server.url, "nieuw", telefoon=True, wacht_op_vandaag=False)
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Set up two-step verification"))
    _is_binnenboord(page)
    stappen.controleer("welkom")

    page.get_by_role("button", name=nl("Get started")).click()
    expect(page.get_by_role("heading", level=2)).to_have_text(nl("Step 2 of 2: link your app"))
    _is_binnenboord(page)
    _qr_is_geladen(page)
    stappen.controleer("qr-code")

    # a typo first: our words, the field marked; then the real code
    page.get_by_label(nl("Code from the app")).fill("12")
    page.get_by_role("button", name=nl("Next")).click()
    expect(page.get_by_role("alert")).to_be_visible()
    stappen.controleer("foute-code")
    _vul_app_code_in(page)

    # then the page asked for first opens: Vandaag
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Today"))
    assert TOTPDevice.objects.get(user=nieuwe_collega).confirmed

    page.goto(f"{live_server.url}/tweestapsverificatie/instellen/klaar/")
    _is_binnenboord(page)
    stappen.controleer("ingesteld")
    page.get_by_role("link", name=nl("Make backup codes")).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Backup codes"))
    page.get_by_role("button", name=nl("Make backup codes")).click()
    expect(page.locator("main li code")).to_have_count(10)
    codes = {c.inner_text() for c in page.locator("main li code").all()}
    assert codes == {t.token for t in StaticDevice.objects.get(user=nieuwe_collega).token_set.all()}
    _is_binnenboord(page)
    stappen.controleer("reservecodes")

    page.get_by_role("link", name=nl("Back to two-step verification")).click()
    expect(page.get_by_text("U hebt nog 10 reservecodes.")).to_be_visible()
    _is_binnenboord(page)
    stappen.controleer("overzicht")

    page.get_by_role("link", name=nl("Remove app")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Remove app"))
    _is_binnenboord(page)
    stappen.controleer("verwijderen")
    page.get_by_label(nl("Yes, remove my app and my backup codes")).check()
    page.get_by_role("button", name=nl("Remove app")).click()

    # the app is gone: Binnenboord asks for a new one right away
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Set up two-step verification"))
    assert not TOTPDevice.objects.filter(user=nieuwe_collega).exists()

    # and from the overview a way back to Vandaag (on the desk's width too)
    _vul_nieuwe_app_in(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("link", name=nl("Two-step verification"), exact=True).click()
    _is_binnenboord(page)
    stappen.controleer("overzicht-bureau")
    page.get_by_role("link", name=nl("Back to Today")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Today"))


def _vul_nieuwe_app_in(page: Page) -> None:
    page.get_by_role("button", name=nl("Get started")).click()
    _vul_app_code_in(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Today"))


def test_de_qr_code_laadt_met_de_csp_aan(
    browser: Browser, live_server: Any, nieuwe_collega: Medewerker
) -> None:
    client = Client()
    client.force_login(nieuwe_collega)
    sessie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context = browser.new_context(locale="nl-NL")  # the policy enforced, as for a user
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": sessie, "url": live_server.url}]
    )
    meldingen: list[str] = []
    pagina = context.new_page()
    pagina.on("console", lambda m: meldingen.append(_tekst(m)))

    antwoord = pagina.goto(f"{live_server.url}/tweestapsverificatie/instellen/")
    assert antwoord is not None
    assert "img-src 'self'" in antwoord.headers["content-security-policy"]
    pagina.get_by_role("button", name=nl("Get started")).click()

    _qr_is_geladen(pagina)
    assert [m for m in meldingen if "Content Security Policy" in m] == []
    context.close()


def _tekst(melding: ConsoleMessage) -> str:
    return melding.text
