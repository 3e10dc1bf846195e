# SPDX-License-Identifier: EUPL-1.2
"""The case page on a phone (390 px) in a real browser: no sideways scrolling and no axe
violation, the summary card visible at the top, the empty sections folded into one line whose
names open their section with a real click; the family worker who takes part sees the address,
the parents' phone numbers and the school."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.urls import reverse

import pytest
from playwright.sync_api import Page, expect

from binnenboord.regie import services
from binnenboord.regie.models import Casus, Contactmoment
from binnenboord.toegang.models import Rol
from tests.factories import OuderFactory
from tests.regie.factories import casussen
from tests.wereld import Wereld, bouw_wereld

from .hulp import log_in, nl, past_en_is_toegankelijk


def _log_in(page: Page, url: str, gebruikersnaam: str) -> None:
    """Log in on a phone; Vandaag may take a while on a busy test machine."""
    log_in(page, url, gebruikersnaam, telefoon=True, wacht_op_vandaag=False)
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Today"), timeout=30_000)


pytestmark = pytest.mark.e2e


@pytest.fixture
def wereld_met_casussen(transactional_db: None) -> tuple[Wereld, dict[str, Casus]]:
    wereld = bouw_wereld()
    alle = casussen(wereld)
    casus = alle["buurdorp_school2"]
    leerling = casus.leerling
    leerling.straat, leerling.huisnummer = "Langeheerenbrinkstraatweg", "128"
    leerling.postcode, leerling.woonplaats = "1234 AB", "Buurdorp"
    leerling.save()
    OuderFactory(leerling=leerling, telefoon="06-12345678")
    services.registreer_contactmoment(
        casus=casus,
        door=wereld.medewerkers[Rol.GEZINSWERKER],
        soort=Contactmoment.Soort.HUISBEZOEK,
        datum=casus.start,
        verslag="Thuis gesproken; een heel lang woord: "
        "onderwijsachterstandenbestrijdingsbeleidsvoornemens.",
        met=["ouders", "leerling"],
    )
    return wereld, alle


def test_de_casuspagina_past_op_een_telefoon_met_samenvatting_en_ingeklapte_secties(
    page: Page,
    live_server: Any,
    wereld_met_casussen: tuple[Wereld, dict[str, Casus]],
    axe_script: Path,
    artefacten: Path,
) -> None:
    _wereld, alle = wereld_met_casussen
    casus = alle["buurdorp_school2"]
    # given the family worker who takes part opens the case on a phone
    _log_in(page, live_server.url, "gezinswerker")
    page.goto(live_server.url + reverse("regie:casus", args=[casus.pk]))
    # then the summary card is the first thing under the title
    kaart = page.locator("#stand")
    expect(kaart).to_be_visible()
    expect(kaart.get_by_text(nl("Summary"), exact=True)).to_be_visible()
    expect(page.locator("#school")).to_have_text(casus.leerling.inschrijvingen.get().school.naam)
    expect(page.locator("#laatste-contact")).to_contain_text(nl("home visit").capitalize())
    # and the family worker sees the address and the parents' phone numbers
    expect(page.locator("#huisadres")).to_contain_text("Langeheerenbrinkstraatweg 128")
    expect(page.locator("#telefoons-ouders")).to_contain_text("06-12345678")
    # and the empty sections are one line of names
    regel = page.locator("#nog-niet-gebruikt")
    expect(regel).to_contain_text(nl("Not used yet:"))
    justitie = regel.locator("summary#justitie")
    expect(justitie).to_be_visible()
    expect(page.get_by_role("heading", name=nl("Justice chain"), exact=True)).to_have_count(0)
    page.screenshot(path=str(artefacten / "casuspagina-telefoon.png"), full_page=True)
    past_en_is_toegankelijk(page, axe_script, "casuspagina")
    # when a name is clicked, its section opens below the line
    justitie.click()
    expect(regel.get_by_text(nl("No justice steps."))).to_be_visible()
    page.screenshot(path=str(artefacten / "casuspagina-telefoon-open.png"), full_page=True)
    past_en_is_toegankelijk(page, axe_script, "casuspagina, sectie open")


def test_de_casuspagina_van_leerplicht_past_op_een_telefoon_met_een_uitklapformulier(
    page: Page,
    live_server: Any,
    wereld_met_casussen: tuple[Wereld, dict[str, Casus]],
    axe_script: Path,
) -> None:
    _wereld, alle = wereld_met_casussen
    casus = alle["demodam_school1"]
    # given Leerplicht, who may add to every section, on a phone
    _log_in(page, live_server.url, Rol.LEERPLICHTAMBTENAAR)
    page.goto(live_server.url + reverse("regie:casus", args=[casus.pk]))
    expect(page.locator("#stand")).to_be_visible()
    past_en_is_toegankelijk(page, axe_script, "casuspagina leerplicht")
    # when it opens the folded section "Justice chain" and its form inside (fetched by htmx)
    page.locator("#nog-niet-gebruikt summary#justitie").click()
    page.locator("summary", has_text=nl("Record a justice step")).click()
    expect(page.get_by_role("button", name=nl("Record justice step"))).to_be_visible()
    # then the page still fits the phone
    past_en_is_toegankelijk(page, axe_script, "casuspagina leerplicht, formulier open")
