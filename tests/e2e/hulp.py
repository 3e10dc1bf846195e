# SPDX-License-Identifier: EUPL-1.2
"""Shared helpers of the end-to-end tests: logging in and out, Dutch texts, axe, the 390 px
"no sideways scrolling" check and a numbered walk of checked pages (the fixtures and the
two-step verification stay in conftest.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.utils import translation
from django.utils.translation import gettext

from playwright.sync_api import Page, ViewportSize, expect

from tests.factories import WACHTWOORD

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ERNSTIG = ("serious", "critical")
TELEFOON: ViewportSize = {"width": 390, "height": 844}
BUREAU: ViewportSize = {"width": 1280, "height": 900}


def nl(tekst: str) -> str:
    """The Dutch translation of an interface text."""
    with translation.override("nl"):
        return gettext(tekst)


def log_in(
    page: Page,
    url: str,
    gebruikersnaam: str,
    *,
    telefoon: bool | None = None,
    wacht_op_vandaag: bool = True,
    wis_cookies: bool = False,
) -> None:
    """Log in with the log-in form (conftest types the TOTP code). telefoon True or False sets
    the phone's or the desk's viewport first, None leaves it; wis_cookies starts from a fresh
    session; wacht_op_vandaag expects the start page Vandaag."""
    if wis_cookies:
        page.context.clear_cookies()
    if telefoon is not None:
        page.set_viewport_size(TELEFOON if telefoon else BUREAU)
    page.goto(f"{url}/")
    page.get_by_label("Gebruikersnaam").fill(gebruikersnaam)
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    if wacht_op_vandaag:
        expect(page.get_by_role("heading", level=1)).to_have_text(nl("Today"))


def log_uit(page: Page) -> None:
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_label("Gebruikersnaam")).to_be_visible()


def open_formulier(page: Page, samenvatting: str) -> None:
    """Open the folded form (a <details>) with this summary; on the case page, when it sits in
    a section not used yet (the line "Nog niet gebruikt"), that section's name is clicked
    first, as a person would."""
    formulier = page.locator("summary", has_text=samenvatting)
    sectie = page.locator("details.bb-ongebruikt__sectie:not([open])", has=formulier)
    if sectie.count():
        sectie.locator("xpath=./summary").click()
    formulier.click()


def axe_schendingen(page: Page, axe_script: Path) -> list[dict[str, Any]]:
    """Every axe violation of WCAG 2.1 A/AA on the page, with its impact."""
    page.add_script_tag(path=str(axe_script))
    schendingen: list[dict[str, Any]] = page.evaluate(
        """async (tags) => (await axe.run(document,
            {runOnly: {type: 'tag', values: tags}})).violations
            .map(v => ({id: v.id, impact: v.impact,
                        nodes: v.nodes.map(n => n.target.join(' '))}))""",
        AXE_TAGS,
    )
    return schendingen


def ernstige_schendingen(page: Page, axe_script: Path) -> list[dict[str, Any]]:
    """The axe violations of impact serious or critical."""
    return [s for s in axe_schendingen(page, axe_script) if s["impact"] in ERNSTIG]


def past_op_telefoon(page: Page, naam: str = "") -> None:
    """The page does not scroll sideways at 390 px; the message names what sticks out (outside
    a region that scrolls by itself, .bb-scrollvlak: docs/schermen.md)."""
    breed = page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > 391
                && !(e.parentElement && e.parentElement.closest(
                    '.bb-scrollvlak, .bb-tabel, .bb-kalender-rol')))
            .slice(0, 5).map(e => e.tagName + '#' + e.id + '.' + e.className + ' '
                + (e.textContent || '').trim().slice(0, 80))"""
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, (naam, breed)


def past_en_is_toegankelijk(page: Page, axe_script: Path, naam: str = "") -> None:
    """No sideways scrolling at 390 px and no axe violation at all."""
    past_op_telefoon(page, naam)
    assert axe_schendingen(page, axe_script) == [], naam


class Stappen:
    """Each page of a walk: a screenshot named voorvoegsel-[number-]naam.png, no axe violation
    (only_ernstig: none serious or critical), never the text nooit (unless the step allows it),
    and on the phone's viewport no sideways scrolling."""

    def __init__(
        self,
        page: Page,
        axe_script: Path,
        artefacten: Path,
        voorvoegsel: str,
        *,
        genummerd: bool = True,
        alleen_ernstig: bool = True,
        nooit: str | None = None,
    ) -> None:
        self.page, self.axe_script, self.artefacten = page, axe_script, artefacten
        self.voorvoegsel, self.genummerd, self.alleen_ernstig = (
            voorvoegsel,
            genummerd,
            alleen_ernstig,
        )
        self.nooit = nooit
        self.nummer = 0

    def controleer(self, naam: str, *, nooit_mag: bool = False) -> None:
        self.nummer += 1
        nummer = f"{self.nummer:02d}-" if self.genummerd else ""
        self.page.screenshot(
            path=str(self.artefacten / f"{self.voorvoegsel}-{nummer}{naam}.png"), full_page=True
        )
        if self.nooit is not None and not nooit_mag:
            assert self.nooit not in self.page.content(), naam
        if self.alleen_ernstig:
            assert ernstige_schendingen(self.page, self.axe_script) == [], naam
        else:
            assert axe_schendingen(self.page, axe_script=self.axe_script) == [], naam
        if self.page.viewport_size == TELEFOON:
            past_op_telefoon(self.page, naam)


def portaal_menu(page: Page, naam: str) -> None:
    """In the portal: open the case's menu and click the page `naam` (real clicks)."""
    page.locator("summary.pt-nav__knop").click()
    page.locator("nav.pt-nav").get_by_role("link", name=naam, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
