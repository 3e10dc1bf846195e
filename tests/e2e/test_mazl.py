# SPDX-License-Identifier: EUPL-1.2
"""One Amsterdam case with a MAZL referral, in a real browser on a 390 px phone: the school
sees a signal of worrying sickness absence and refers the pupil to the youth doctor of its
kernteam; the youth doctor finds it under MAZL, plans the consult, writes medical notes and
sends the advice; the school reads the advice (never the notes) and the case's step "mazl" is
done. Every page: axe without violations and no sideways scrolling."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.utils import timezone

import pytest
from playwright.sync_api import Page, expect

from binnenboord.regie.models import CasusGebeurtenis, Mazlverwijzing
from binnenboord.registratie.models import School
from binnenboord.signalering.models import Soort
from binnenboord.toegang.models import Kernteam, Organisatie, Rol
from tests.regie.factories import open_casus
from tests.signalering.factories import SignaalFactory
from tests.wereld import Wereld, bouw_wereld

from .hulp import Stappen, log_in

pytestmark = pytest.mark.e2e

MEDISCH = "Medisch-E2E-migraine"
ADVIES = "Start met drie ochtenden per week"


@pytest.fixture
def wereld_live(transactional_db: None) -> Wereld:
    wereld = bouw_wereld()
    Kernteam.objects.create(
        school=Organisatie.objects.get(naam="Het Baken"),
        jeugdarts=wereld.medewerkers[Rol.JEUGDARTS],
    )
    leerling = wereld.leerlingen["demodam_school1"]
    open_casus(leerling, wereld.medewerkers[Rol.SCHOOLMEDEWERKER], aanpak="amsterdam_drie_fasen")
    SignaalFactory(
        leerling=leerling,
        school=School.objects.get(organisatie__naam="Het Baken"),
        soort=Soort.ZORGWEKKEND_ZIEKTEVERZUIM,
        datum=timezone.localdate(),
        uitleg="Zeven lesdagen achter elkaar ziek gemeld (MAZL).",
    )
    return wereld


def test_een_amsterdamse_casus_met_een_mazl_verwijzing_naar_de_jeugdarts(
    page: Page, live_server: Any, wereld_live: Wereld, artefacten: Path, axe_script: Path
) -> None:
    leerling = wereld_live.leerlingen["demodam_school1"]
    stappen = Stappen(page, axe_script, artefacten, "mazl", genummerd=False, alleen_ernstig=False)
    vandaag = timezone.localdate().isoformat()

    # the school opens the signal and refers the pupil to the youth doctor of its kernteam
    log_in(page, live_server.url, Rol.SCHOOLMEDEWERKER, wis_cookies=True, telefoon=True)
    page.get_by_role("link", name="Signalen").first.click()
    page.get_by_role("link", name="Zorgwekkend ziekteverzuim", exact=True).first.click()
    stappen.controleer("signaal")
    page.get_by_role("link", name="Verwijzen naar de jeugdarts (MAZL)").click()
    expect(page.locator("#mazl-jeugdarts")).to_contain_text(
        str(wereld_live.medewerkers[Rol.JEUGDARTS])
    )
    stappen.controleer("verwijzen")
    page.get_by_label("Reden van verwijzing").fill("Vaak ziek op maandag; gesprek met moeder.")
    page.get_by_role("button", name="Verwijzen naar de jeugdarts").click()
    expect(page.locator("#mazl-status")).to_contain_text("Nieuw")
    verwijzing = Mazlverwijzing.objects.get(leerling=leerling)
    assert verwijzing.casus is not None

    # the youth doctor finds it under MAZL and handles it
    log_in(page, live_server.url, Rol.JEUGDARTS, wis_cookies=True)
    page.get_by_role("link", name="MAZL").first.click()
    stappen.controleer("inbox")
    page.locator("#mazl-verwijzingen").get_by_role("link", name=leerling.naam).click()
    stappen.controleer("verwijzing-jeugdarts")
    consult = page.locator("form[action$='/consult/']")
    consult.get_by_label("Datum van het consult").fill(vandaag)
    consult.get_by_role("button", name="Consult opslaan").click()
    expect(page.locator("#mazl-status")).to_contain_text("Consult gepland")
    page.get_by_label("Medisch verslag").fill(MEDISCH)
    page.get_by_role("button", name="Medische aantekeningen opslaan").click()
    expect(page.locator("#mazl-medisch")).to_contain_text(MEDISCH)
    advies = page.locator("form[action$='/advies/']")
    advies.get_by_label("Datum van het consult").fill(vandaag)
    advies.get_by_label("Advies voor de school").fill(ADVIES)
    advies.get_by_role("button", name="Advies versturen").click()
    expect(page.locator("#mazl-advies")).to_contain_text(ADVIES)
    stappen.controleer("afgerond")

    # the school reads the advice, never the medical notes; the case's step is done
    log_in(page, live_server.url, Rol.SCHOOLMEDEWERKER, wis_cookies=True)
    page.get_by_role("link", name="MAZL").first.click()
    page.locator("#mazl-verwijzingen").get_by_role("link", name=leerling.naam).click()
    expect(page.locator("#mazl-advies")).to_contain_text(ADVIES)
    assert MEDISCH not in page.content()
    page.get_by_role("link", name="De open casus van de leerling").click()
    expect(page.locator("#mazl-verwijzingen")).to_be_visible()
    expect(page.get_by_text(ADVIES)).to_be_visible()
    assert MEDISCH not in page.content()
    assert CasusGebeurtenis.objects.filter(casus=verwijzing.casus, stap="mazl").exists()
