# SPDX-License-Identifier: EUPL-1.2
"""The portal's way in, in a real browser on a 390 px phone: the log-in page (with the DigiD
button of the test provider), the first time with the code from the letter and a new password,
the start page with two children, the code page, the language switch to English and back, and
the log-out. Every page: no axe violation of WCAG 2.1 A/AA at all, no sideways scrolling; the
skip link is the first stop of the keyboard and leads to the content."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.portaal.hulp import gezin, nodig_uit
from tests.portaal.oidc import Provider

from .hulp import TELEFOON, Stappen, nl

pytestmark = pytest.mark.e2e

WACHTWOORD = "Een-eigen-wachtwoord-2026"


def test_de_weg_naar_binnen_op_een_telefoon(
    page: Page,
    live_server: Any,
    transactional_db: None,
    digid: Provider,
    artefacten: Path,
    axe_script: Path,
) -> None:
    # given a mother invited by letter for her second child, and access to her first
    eerste = gezin()
    tweede = gezin(regisseur=eerste.regisseur, actief=False)
    code = nodig_uit(tweede, tweede.ouder).code
    derde = gezin(regisseur=eerste.regisseur, actief=False)
    nog_een = nodig_uit(derde, derde.ouder).code
    page.set_viewport_size(TELEFOON)
    stappen = Stappen(page, axe_script, artefacten, "portaal-inloggen", alleen_ernstig=False)

    # the log-in page: DigiD and the code form; the skip link comes first
    page.goto(f"{live_server.url}/portaal/inloggen/")
    expect(page.get_by_role("link", name=nl("Log in with DigiD"))).to_be_visible()
    stappen.controleer("inloggen")
    page.keyboard.press("Tab")
    skiplink = page.get_by_role("link", name=nl("Go to the content"))
    expect(skiplink).to_be_focused()
    expect(skiplink).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main#inhoud")).to_be_focused()

    # a wrong password: one message, on the same page
    page.get_by_label(nl("Code"), exact=True).first.fill("ZZZZ-ZZZZ-ZZZZ")
    page.get_by_label(nl("Password"), exact=True).fill("fout")
    page.get_by_role("button", name=nl("Log in"), exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text(
        nl("Logging in did not work. Check the code and the password.")
    )
    stappen.controleer("fout")

    # the first time: the code from the letter and a new password, twice
    eerste_keer = page.locator(
        "section", has=page.get_by_role("heading", name=nl("The first time"))
    )
    eerste_keer.get_by_label(nl("Code"), exact=True).fill(code)
    eerste_keer.get_by_label(nl("New password"), exact=True).fill(WACHTWOORD)
    eerste_keer.get_by_label(nl("New password again")).fill(WACHTWOORD)
    eerste_keer.get_by_role("button", name=nl("Start")).click()
    # one child: straight to its overview
    expect(page).to_have_url(f"{live_server.url}/portaal/{_toegang(tweede)}/")

    # a second child through the code page: now the start page lists both
    page.goto(f"{live_server.url}/portaal/code/")
    stappen.controleer("code")
    page.get_by_label(nl("Code"), exact=True).fill(nog_een)
    page.get_by_role("button", name=nl("Send")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Start"))
    for g in (tweede, derde):
        expect(page.get_by_role("link", name=g.leerling.voornamen.split()[0])).to_be_visible()
    stappen.controleer("start")

    # English and back
    page.get_by_label(nl("Language")).select_option("en")
    page.get_by_role("button", name=nl("Change language")).click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Start")
    stappen.controleer("start-engels")
    page.get_by_label("Language").select_option("nl")
    page.get_by_role("button", name="Change language").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")

    # log out: back at the log-in page, and the start page wants a log-in again
    page.get_by_role("button", name=nl("Log out")).click()
    expect(page).to_have_url(f"{live_server.url}/portaal/inloggen/")
    page.goto(f"{live_server.url}/portaal/")
    expect(page).to_have_url(f"{live_server.url}/portaal/inloggen/")


def _toegang(g: Any) -> int:
    from binnenboord.regie.models import Portaaltoegang

    return int(Portaaltoegang.objects.get(casus=g.casus, ouder=g.ouder).pk)
