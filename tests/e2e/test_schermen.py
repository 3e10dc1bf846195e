# SPDX-License-Identifier: EUPL-1.2
"""Every screen in a real browser (docs/schermen.md, "Telefoon en de tests die het
vasthouden"): every form page of the staff application and the portal, at 1366 px, with real
mouse clicks on every radio and checkbox option and nothing on top of any field; every page at
390 px without sideways scrolling and without serious axe violations (two-step pages, the
log-in and the code step included); screenshots of each role's main pages at 1366 and 390 px.

The catalogue comes from the registry of every URL (tests/web/test_aanvallen.py): a new page is
walked as soon as it is registered there."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from django.core.management import call_command
from django.urls import reverse

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, Page
from pytest_django.live_server_helper import LiveServer

from binnenboord.toegang.models import Medewerker, Rol
from binnenboord.toegang.uitnodigen import inlogpad

from .rondgang import (
    BUREAU_BREED,
    TELEFOON,
    ZONDER_APP,
    Browsers,
    Wereld,
    axe_ernstig,
    bezoek,
    bouw,
    catalogus,
    klik_alle_opties,
    open_alles,
    per_gebruiker,
    te_breed,
    velden_vrij,
)

pytestmark = pytest.mark.e2e

# Forms the walk must find, so an empty catalogue cannot pass (a radio group, checkboxes, the
# case page's folded forms, a portal form, a two-step page).
BEKENDE_FORMULIEREN = {
    "regie:casus",
    "meldingen:thuiszitter",
    "overleg:overleg",
    "regie:formulier[deelnemer]",
    "regie:formulier[contact]",
    "portaal:verhaal",
    "two_factor:disable",
}
# The user whose case page a role's screenshots show (the victim's case); policy and the
# administrator have none.
ROLGEBRUIKER = {
    Rol.SCHOOLMEDEWERKER: "school",
    Rol.LEERPLICHTAMBTENAAR: "lpa",
    Rol.JEUGDARTS: "jeugdarts_betrokken",
    Rol.GEZINSWERKER: "gezinswerker_betrokken",
    Rol.SWV_CONSULENT: "swv_betrokken",
    Rol.TEAMMANAGER: Rol.TEAMMANAGER.value,
    Rol.INTERVENTIETEAMLID: "it_betrokken",
    Rol.BELEIDSMEDEWERKER: Rol.BELEIDSMEDEWERKER.value,
    Rol.FUNCTIONEEL_BEHEERDER: Rol.FUNCTIONEEL_BEHEERDER.value,
}
MENU_ITEMS = 3  # Vandaag and the next items of a role's menu


# The world and its catalogue (a request for every URL of the site) take long to build, and so
# does logging every user in: the three walks share one world, built once for this module, and
# one logged-in browser context per user and width. pytest-django flushes the database after
# every test that uses its `live_server`, so these walks have a live server of their own; the
# database stays open for the module and is flushed afterwards, as a transactional test leaves it.


@pytest.fixture(scope="module")
def server(django_db_setup: None, django_db_blocker: Any) -> Iterator[LiveServer]:
    with django_db_blocker.unblock():
        adres = os.environ.get("DJANGO_LIVE_TEST_SERVER_ADDRESS") or "localhost"
        live = LiveServer(adres)
        live._live_server_modified_settings.enable()
        try:
            yield live
        finally:
            live._live_server_modified_settings.disable()
            live.stop()
            call_command("flush", verbosity=0, interactive=False)


@pytest.fixture(scope="module")
def wereld(server: LiveServer) -> Wereld:
    wereld = bouw(met_catalogus=False)
    # every account but the new colleague's has an authenticator app, as conftest's
    # tweestapsverificatie gives every account made during a test (that fixture is a test's own)
    for medewerker in Medewerker.objects.exclude(pk=wereld.gebruikers[ZONDER_APP].pk):
        TOTPDevice.objects.get_or_create(
            user=medewerker, name="default", defaults={"confirmed": True}
        )
    wereld.schermen = catalogus(wereld)
    return wereld


@pytest.fixture(scope="module")
def op_bureau(
    browser: Browser, browser_context_args: dict[str, Any], server: LiveServer, wereld: Wereld
) -> Iterator[Browsers]:
    browsers = Browsers(browser, browser_context_args, server.url, wereld, BUREAU_BREED)
    yield browsers
    browsers.sluit()


@pytest.fixture(scope="module")
def op_telefoon(
    browser: Browser, browser_context_args: dict[str, Any], server: LiveServer, wereld: Wereld
) -> Iterator[Browsers]:
    browsers = Browsers(browser, browser_context_args, server.url, wereld, TELEFOON)
    yield browsers
    browsers.sluit()


@pytest.fixture
def schermmap(artefacten: Path) -> Path:
    map_ = artefacten / "schermen"
    map_.mkdir(exist_ok=True)
    return map_


def _rapport(problemen: dict[str, list[str]]) -> str:
    return "\n".join(
        f"{naam}:\n" + "\n".join(f"    - {p}" for p in lijst) for naam, lijst in problemen.items()
    )


def _bewaar_fout(page: Page, map_: Path, voorvoegsel: str, naam: str) -> None:
    veilig = "".join(c if c.isalnum() else "-" for c in naam)
    page.screenshot(path=str(map_ / f"fout-{voorvoegsel}-{veilig}.png"), full_page=True)


def test_elk_formulier_met_echte_muisklikken(
    server: LiveServer, wereld: Wereld, op_bureau: Browsers, schermmap: Path
) -> None:
    """At 1366 px: on every page with a POST form (its folded parts opened with a click),
    every option of every radio and checkbox group is selected by a real mouse click where it
    is drawn and on its label, and every field has itself or its own label at its centre."""
    formulieren = [s for s in wereld.schermen if s.formulier]
    assert {s.naam for s in formulieren} >= BEKENDE_FORMULIEREN
    problemen: dict[str, list[str]] = {}
    opties = 0
    for _wie, schermen in per_gebruiker(formulieren):
        for scherm in schermen:
            page = op_bureau.van(scherm.gebruiker)
            fout = bezoek(page, f"{server.url}{scherm.pad}")
            lijst = [fout] if fout else []
            if not fout:
                lijst += open_alles(page)
                lijst += velden_vrij(page)
                opties += page.evaluate(
                    "() => document.querySelectorAll("
                    "'input[type=radio], input[type=checkbox]').length"
                )
                lijst += klik_alle_opties(page)
            if lijst:
                problemen[f"{scherm.naam} ({scherm.gebruiker}, {scherm.pad})"] = lijst
                _bewaar_fout(page, schermmap, "formulier", scherm.naam)
    assert opties > 20, "the walk clicked (almost) no options: is the catalogue empty?"
    assert not problemen, "\n" + _rapport(problemen)


def test_elke_pagina_past_op_een_telefoon_zonder_ernstige_axe_schending(
    server: LiveServer, wereld: Wereld, op_telefoon: Browsers, schermmap: Path, axe_script: Path
) -> None:
    """At 390 px: every page of the catalogue (lists, detail pages, figures, notifications,
    forms with their folded parts open, the two-step pages, the portal), the log-in page, the
    code step and the portal's log-in page are no wider than the screen and axe finds nothing
    serious or critical; on form pages nothing lies on top of a field either."""
    browsers = op_telefoon
    problemen: dict[str, list[str]] = {}

    def controleer(page: Page, naam: str, formulier: bool) -> None:
        lijst = open_alles(page) + te_breed(page) + axe_ernstig(page, axe_script)
        if formulier:
            lijst += velden_vrij(page)
        if lijst:
            problemen[naam] = lijst
            _bewaar_fout(page, schermmap, "telefoon", naam)

    # the log-in page and the code step, on the way in
    eerste = browsers.nieuw()
    eerste.goto(f"{server.url}/")
    controleer(eerste, "login", True)
    browsers.log_in(
        eerste,
        wereld.gebruikers["lpa"].username,
        bij_code=lambda p: controleer(p, "verificatie", True),
    )
    browsers.paginas["lpa"] = eerste
    # the portal's log-in page, before any log-in
    portaal = browsers.nieuw()
    portaal.goto(f"{server.url}{reverse('portaal:inloggen')}")
    controleer(portaal, "portaal:inloggen", True)
    # the one-time log-in link's page (opening it changes nothing) and a dead link's page
    eenmalig = browsers.nieuw()
    eenmalig.goto(f"{server.url}{inlogpad(wereld.gebruikers[ZONDER_APP])}")
    controleer(eenmalig, "eenmalig_inloggen", True)
    eenmalig.goto(f"{server.url}/inloggen/eenmalig/MQ/gebruikt-0/")
    controleer(eenmalig, "eenmalig_inloggen (gebruikt)", False)
    # a new colleague without an app is sent to set one up
    nieuw = browsers.nieuw()
    browsers.log_in(nieuw, wereld.gebruikers[ZONDER_APP].username)
    controleer(nieuw, f"{nieuw.url} ({ZONDER_APP})", True)
    browsers.paginas[ZONDER_APP] = nieuw
    for _wie, schermen in per_gebruiker(wereld.schermen):
        for scherm in schermen:
            page = browsers.van(scherm.gebruiker)
            naam = f"{scherm.naam} ({scherm.gebruiker}, {scherm.pad})"
            fout = bezoek(page, f"{server.url}{scherm.pad}")
            if fout:
                problemen[naam] = [fout]
                continue
            controleer(page, naam, scherm.formulier)
    namen = {s.naam for s in wereld.schermen}
    for verwacht in ("web:vandaag", "regie:casussen", "monitoring:dashboard", "portaal:casus"):
        assert verwacht in namen
    assert any(n.startswith("two_factor:") for n in namen)
    assert not problemen, "\n" + _rapport(problemen)


def test_schermafdrukken_van_elke_rol_op_bureau_en_telefoon(
    server: LiveServer,
    wereld: Wereld,
    op_bureau: Browsers,
    op_telefoon: Browsers,
    schermmap: Path,
) -> None:
    """Each of the nine roles: Vandaag, the next items of its menu and (when it has one) the
    case page, at 1366 and 390 px, saved as
    test-artifacts/schermen/<rol>-<breedte>-<nn>-<pad>.png; no page is wider than the screen."""
    problemen: dict[str, list[str]] = {}
    casus = reverse("regie:casus", args=[wereld.slachtoffer.objecten["casus"].pk])
    vandaag = reverse("web:vandaag")
    gemaakt = 0
    for browsers in (op_bureau, op_telefoon):
        breedte = browsers.viewport
        for rol, wie in ROLGEBRUIKER.items():
            page = browsers.van(wie)
            # a context a walk used before stands on its last page: back to the start page
            if urlparse(page.url).path != vandaag:
                assert bezoek(page, f"{server.url}{vandaag}") is None, rol
            menu = page.locator("nav.bb-nav a")
            hrefs = [menu.nth(i).get_attribute("href") for i in range(menu.count())]
            paden = [p for p in hrefs if p][:MENU_ITEMS]
            assert paden and paden[0] == vandaag, rol
            if rol not in (Rol.BELEIDSMEDEWERKER, Rol.FUNCTIONEEL_BEHEERDER):
                paden.append(casus)
            for nummer, pad in enumerate(paden, start=1):
                fout = bezoek(page, f"{server.url}{pad}")
                naam = f"{rol.value}-{breedte['width']}-{nummer:02d}" + pad.replace(
                    "/", "-"
                ).rstrip("-")
                page.screenshot(path=str(schermmap / f"{naam}.png"), full_page=True)
                gemaakt += 1
                lijst = ([fout] if fout else []) + te_breed(page)
                if lijst:
                    problemen[f"{rol.value} {breedte['width']} px {pad}"] = lijst
    assert gemaakt >= 2 * 9 * 2
    assert not problemen, "\n" + _rapport(problemen)


# --- the checks themselves can fail ---------------------------------------------------------

# The bug of issue 17 as the forms rendered it, with the real NL Design System and Binnenboord
# stylesheets: Django's radio group with `utrecht-radio-button` on the wrapping <div> (drawn as
# a 24 px circle), its labels wrapping one word per line over the next field, which takes the
# clicks; and a table wider than a phone outside a scrolling region.
FOUT = """<!DOCTYPE html><html lang="nl"><head><title>Fout</title>
<link rel="stylesheet" href="{url}/static/nlds/index.css">
<link rel="stylesheet" href="{url}/static/web/binnenboord-theme.css">
<link rel="stylesheet" href="{url}/static/web/layout.css">
</head><body class="utrecht-document binnenboord-theme"><main class="bb-inhoud">
<form method="post">
<div class="utrecht-form-field"><fieldset class="utrecht-form-fieldset">
  <legend class="utrecht-form-fieldset__legend">Passend aanbod</legend>
  <div id="id_aanbod" class="utrecht-radio-button utrecht-radio-button--html-input">
    <div><label for="id_aanbod_0"><input type="radio" name="aanbod" value="eigen_school"
      class="utrecht-radio-button utrecht-radio-button--html-input" id="id_aanbod_0">
      Terug naar de eigen school</label></div>
    <div><label for="id_aanbod_1"><input type="radio" name="aanbod" value="thuiszitter"
      class="utrecht-radio-button utrecht-radio-button--html-input" id="id_aanbod_1">
      Thuiszitter met een passend aanbod elders</label></div>
  </div></fieldset></div>
<div class="utrecht-form-field">
  <p class="utrecht-form-field__label"><label class="utrecht-form-label" for="id_t">
    Toelichting</label></p>
  <p class="utrecht-form-field__input"><textarea id="id_t" name="t" rows="10"
    class="utrecht-textarea utrecht-textarea--html-textarea"></textarea></p></div>
<table class="utrecht-table" style="inline-size: 800px"><tr><td>breed</td></tr></table>
</form></main></body></html>"""


def test_de_controles_vangen_overlappende_labels_en_een_te_brede_pagina(
    page: Page, live_server: Any
) -> None:
    page.set_viewport_size(TELEFOON)
    page.goto(f"{live_server.url}/static/web/layout.css")  # the page's origin serves the CSS
    page.set_content(FOUT.format(url=live_server.url))
    page.wait_for_load_state("networkidle")
    geklikt = klik_alle_opties(page)
    assert any(
        "aanbod=eigen_school" in p and "selecteerde niet" in p and "textarea#id_t" in p
        for p in geklikt
    ), geklikt
    [breed] = te_breed(page)
    assert "table.utrecht-table" in breed and "390 px" in breed
