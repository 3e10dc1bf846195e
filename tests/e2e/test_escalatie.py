# SPDX-License-Identifier: EUPL-1.2
"""Escalation and participation in a real browser on a 390 px phone: the SWV's team manager,
a member of the body the case is escalated to, finds it under "Escalaties" in the menu, opens
the case and ends the escalation with a reason; the school, directing the case, ends the
participation of the SWV consultant who was assigned an action. No sideways scroll, no axe
violation."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from django.utils import timezone

import pytest
from playwright.sync_api import Page, expect

from binnenboord.regie import services
from binnenboord.regie.models import Casus, Deelnemer, Escalatie
from binnenboord.registratie.models import School
from binnenboord.toegang.models import Kernteam, Medewerker, Organisatie, Rol
from tests.factories import MedewerkerFactory
from tests.regie.factories import open_casus
from tests.wereld import bouw_wereld

from .hulp import log_in, past_en_is_toegankelijk

pytestmark = pytest.mark.e2e


@pytest.fixture
def geescaleerd(transactional_db: None) -> tuple[Casus, Medewerker, Medewerker]:
    """A Utrecht case of school 1 with an action for the SWV consultant, escalated to the team
    managers; the SWV's team manager is in the body."""
    wereld = bouw_wereld()
    m = wereld.medewerkers
    swv = Organisatie.objects.get(naam="SWV Demodam")
    School.objects.filter(organisatie__naam="Het Baken").update(samenwerkingsverband=swv)
    Kernteam.objects.create(
        school=Organisatie.objects.get(naam="Het Baken"), swv_consulent=m[Rol.SWV_CONSULENT]
    )
    teammanager = MedewerkerFactory(
        username="tm_swv", rol=Rol.TEAMMANAGER, organisatie=swv, first_name="Thea"
    )
    casus = open_casus(
        wereld.leerlingen["demodam_school1"], m[Rol.SCHOOLMEDEWERKER], aanpak="utrecht_kernpartners"
    )
    services.voeg_actie_toe(
        casus=casus,
        door=m[Rol.SCHOOLMEDEWERKER],
        wat="TLV-aanvraag indienen",
        uiterlijk=timezone.localdate() + timedelta(days=10),
        wie=m[Rol.SWV_CONSULENT],
    )
    services.registreer_stap(
        casus=casus,
        door=m[Rol.LEERPLICHTAMBTENAAR],
        stap="teammanagers",
        datum=timezone.localdate(),
    )
    return casus, teammanager, m[Rol.SWV_CONSULENT]


def test_het_lid_van_het_orgaan_vindt_en_beeindigt_de_escalatie(
    page: Page,
    live_server: Any,
    geescaleerd: tuple[Casus, Medewerker, Medewerker],
    artefacten: Path,
    axe_script: Path,
) -> None:
    casus, teammanager, _ = geescaleerd
    log_in(page, live_server.url, "tm_swv", telefoon=True)
    page.get_by_role("link", name="Escalaties").first.click()
    expect(page.get_by_role("heading", name="Escalaties", level=1)).to_be_visible()
    rij = page.locator("#escalaties tbody tr")
    expect(rij).to_have_count(1)
    expect(rij).to_contain_text("De teammanagers")
    expect(rij).to_contain_text(casus.leerling.naam)
    past_en_is_toegankelijk(page, axe_script)
    page.screenshot(path=str(artefacten / "escalaties-telefoon.png"), full_page=True)

    # the case page: the escalation with its button
    page.get_by_role("link", name=str(casus.pk), exact=True).click()
    expect(page.get_by_role("heading", name="Escalaties", level=2)).to_be_visible()
    past_en_is_toegankelijk(page, axe_script)

    # back on the worklist: ending it with a reason
    page.go_back()
    page.get_by_label("Reden van beëindigen").fill("Besluit genomen: andere school")
    page.get_by_role("button", name="Escalatie beëindigen").click()
    expect(page.get_by_text("De escalatie is beëindigd.")).to_be_visible()
    expect(page.get_by_text("Geen lopende escalaties.")).to_be_visible()
    escalatie = Escalatie.objects.get(casus=casus)
    assert (escalatie.beeindigd_door, escalatie.reden_einde) == (
        teammanager,
        "Besluit genomen: andere school",
    )


def test_de_regisseur_beeindigt_de_deelname_van_de_consulent(
    page: Page,
    live_server: Any,
    geescaleerd: tuple[Casus, Medewerker, Medewerker],
    axe_script: Path,
) -> None:
    casus, _, consulent = geescaleerd
    log_in(page, live_server.url, "schoolmedewerker", telefoon=True)
    page.goto(f"{live_server.url}/casussen/{casus.pk}/#deelnemers")
    rij = page.locator("#deelnemerstabel tbody tr", has_text=str(consulent))
    expect(rij).to_contain_text("Heeft een actie toegewezen gekregen")
    past_en_is_toegankelijk(page, axe_script)
    rij.get_by_label("Reden van beëindigen").fill("Aanvraag is ingediend")
    rij.get_by_role("button", name="Deelname beëindigen").click()
    expect(page.get_by_text("De deelname is beëindigd.")).to_be_visible()
    expect(page.locator("#deelnemerstabel tbody tr", has_text=str(consulent))).to_contain_text(
        "beëindigd op"
    )
    assert Deelnemer.objects.get(casus=casus, medewerker=consulent).beeindigd_op is not None
