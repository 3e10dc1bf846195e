# SPDX-License-Identifier: EUPL-1.2
"""A professional logs in through a real browser, finds a pupil and opens the file; every
page passes the axe WCAG 2.1 A/AA checks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from binnenboord.toegang.models import Rol
from binnenboord.verantwoording.models import Inzage
from tests.wereld import Wereld, bouw_wereld

from .hulp import axe_schendingen, log_in, nl

pytestmark = pytest.mark.e2e


@pytest.fixture
def wereld_live(transactional_db: None) -> Wereld:
    return bouw_wereld()


def test_inlogpagina_schermafdruk_en_toegankelijkheid(
    page: Page, live_server: Any, artefacten: Path, axe_script: Path, db: None
) -> None:
    # when the log-in page opens in Chromium
    page.goto(f"{live_server.url}/inloggen/")

    # then it is Dutch, shows the form, and a screenshot of it is kept
    expect(page.get_by_role("heading", name="Inloggen bij Binnenboord")).to_be_visible()
    expect(page.get_by_label("Gebruikersnaam")).to_be_visible()
    schermafdruk = artefacten / "inloggen.png"
    page.screenshot(path=str(schermafdruk), full_page=True)
    assert schermafdruk.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert schermafdruk.stat().st_size > 5_000
    # and axe finds no WCAG 2.1 A/AA violation
    assert axe_schendingen(page, axe_script) == []


def test_leerplicht_logt_in_vindt_een_leerling_en_de_inzage_wordt_gelogd(
    page: Page, live_server: Any, wereld_live: Wereld, artefacten: Path, axe_script: Path
) -> None:
    leerling = wereld_live.leerlingen["demodam_school1"]

    # given the leerplichtambtenaar logs in
    log_in(page, live_server.url, "leerplichtambtenaar")

    # then the start page for her role shows, accessible
    expect(page.get_by_role("heading", name="Vandaag", exact=True)).to_be_visible()
    expect(page.get_by_text("U bent ingelogd als Leerplichtambtenaar")).to_be_visible()
    assert axe_schendingen(page, axe_script) == []
    page.screenshot(path=str(artefacten / "vandaag.png"), full_page=True)

    # when she searches the pupil by surname and opens the file
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role(
        "link", name="Leerlingen"
    ).click()
    page.get_by_label("Naam, BSN of onderwijsnummer").fill(leerling.achternaam)
    page.get_by_role("button", name=nl("Filter"), exact=True).click()
    page.get_by_role("link", name=leerling.achternaam, exact=False).first.click()

    # then the file shows, accessible, and exactly one view of it is logged
    expect(page.get_by_role("heading", level=1)).to_have_text(leerling.naam)
    assert axe_schendingen(page, axe_script) == []
    assert Inzage.objects.filter(leerling=leerling, handeling="bekijken").count() == 1
    assert (
        wereld_live.medewerkers[Rol.LEERPLICHTAMBTENAAR].pk
        == Inzage.objects.filter(handeling="bekijken").get().medewerker_id
    )
