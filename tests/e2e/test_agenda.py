# SPDX-License-Identifier: EUPL-1.2
"""A published agenda in a real browser on a 390 px phone: Leerplicht puts the question for the
meeting and publishes the agenda with clicks; the SWV consultant, a member of the UVO, finds
the cases on her Vandaag, opens one and reads its summary, plan and question, and never the
youth doctor's medical note. No sideways scroll, no axe violation."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from django.utils import timezone

import pytest
from playwright.sync_api import Page, expect

from binnenboord.notificaties.models import Notificatie
from binnenboord.regie import services
from binnenboord.regie.models import Agendapunt, Casus, Overleg, Overlegsoort
from binnenboord.regie.services import overleg as diensten
from binnenboord.toegang.models import Rol
from tests.regie.factories import open_casus
from tests.wereld import bouw_wereld

from .hulp import log_in, past_en_is_toegankelijk

pytestmark = pytest.mark.e2e

MEDISCH = "Diagnose-Zeldzaam-5123"


@pytest.fixture
def uvo(transactional_db: None) -> tuple[Overleg, Casus, Casus]:
    """A UVO of today by Leerplicht with the youth doctor and the SWV consultant as members,
    and two cases on its agenda: school 1's (with a plan, an action and a medical note) and
    Leerplicht's own."""
    wereld = bouw_wereld()
    m = wereld.medewerkers
    school, leerplicht = m[Rol.SCHOOLMEDEWERKER], m[Rol.LEERPLICHTAMBTENAAR]
    casus_a = open_casus(wereld.leerlingen["demodam_school1"], school)
    services.sla_plan_op(casus=casus_a, door=school, basis_versie=0, doel="Terug naar school")
    services.voeg_actie_toe(
        casus=casus_a,
        door=school,
        wat="Gesprek met ouders",
        uiterlijk=timezone.localdate() + timedelta(days=7),
        wie_naam="Mentor",
    )
    services.registreer_contactmoment(
        casus=casus_a,
        door=m[Rol.JEUGDARTS],
        soort="gesprek",
        datum=timezone.localdate(),
        verslag=MEDISCH,
    )
    casus_b = open_casus(wereld.leerlingen["demodam_uitgeschreven"], leerplicht)
    overleg = diensten.plan_overleg(
        soort=Overlegsoort.UVO,
        datum=timezone.localdate(),
        door=leerplicht,
        leden=[m[Rol.JEUGDARTS], m[Rol.SWV_CONSULENT]],
    )
    for casus in (casus_a, casus_b):
        diensten.agendeer(overleg=overleg, casus=casus, door=leerplicht)
    return overleg, casus_a, casus_b


def test_leerplicht_stelt_de_vraag_en_publiceert_de_agenda(
    page: Page,
    live_server: Any,
    uvo: tuple[Overleg, Casus, Casus],
    artefacten: Path,
    axe_script: Path,
) -> None:
    overleg, casus_a, _ = uvo
    log_in(page, live_server.url, Rol.LEERPLICHTAMBTENAAR, telefoon=True)
    page.goto(f"{live_server.url}/overleggen/{overleg.pk}/")
    expect(page.locator("#publicatie")).to_contain_text("niet gepubliceerd")
    past_en_is_toegankelijk(page, axe_script)
    # the question for case A, in its folded form
    punt = overleg.agendapunten.get(casus=casus_a)
    item = page.locator(f"#agendapunt-{punt.pk}")
    item.locator("summary", has_text="Vraag aan het overleg").click()
    item.get_by_label("Vraag aan het overleg").fill("Is een TLV nodig?")
    past_en_is_toegankelijk(page, axe_script)
    item.get_by_role("button", name="Vraag opslaan").click()
    expect(page.get_by_text("De vraag aan het overleg is opgeslagen.")).to_be_visible()
    punt.refresh_from_db()
    assert punt.vraag == "Is een TLV nodig?"
    # publishing
    page.get_by_role("button", name="Agenda publiceren").click()
    expect(page.get_by_text("De agenda is gepubliceerd; de voorzitter")).to_be_visible()
    expect(page.get_by_role("button", name="Agenda opnieuw publiceren")).to_be_visible()
    past_en_is_toegankelijk(page, axe_script)
    page.screenshot(path=str(artefacten / "agenda-gepubliceerd-telefoon.png"), full_page=True)
    overleg.refresh_from_db()
    assert overleg.agenda_gepubliceerd_op is not None
    assert Notificatie.objects.filter(soort="agenda_gepubliceerd").count() == 2


def test_het_lid_leest_de_gepubliceerde_casus_vanuit_vandaag(
    page: Page,
    live_server: Any,
    uvo: tuple[Overleg, Casus, Casus],
    artefacten: Path,
    axe_script: Path,
) -> None:
    overleg, casus_a, casus_b = uvo
    leerplicht = overleg.aangemaakt_door
    punt = overleg.agendapunten.get(casus=casus_a)
    diensten.stel_vraag(agendapunt=punt, door=leerplicht, vraag="Is een TLV nodig?")
    diensten.publiceer_agenda(overleg, leerplicht)
    log_in(page, live_server.url, Rol.SWV_CONSULENT, telefoon=True)
    # her Vandaag names both cases of this week's meeting
    overleggen = page.locator("#overleggen")
    expect(overleggen).to_contain_text(casus_a.leerling.naam)
    expect(overleggen).to_contain_text(casus_b.leerling.naam)
    past_en_is_toegankelijk(page, axe_script)
    overleggen.get_by_role("link", name=casus_a.leerling.naam).click()
    # the agenda item: summary, question, plan and open action
    expect(page.get_by_role("heading", name=casus_a.leerling.naam, level=1)).to_be_visible()
    inhoud = page.locator("main")
    for tekst in ("Is een TLV nodig?", "Terug naar school", "Gesprek met ouders", "Fase"):
        expect(inhoud).to_contain_text(tekst)
    expect(inhoud).not_to_contain_text(MEDISCH)
    past_en_is_toegankelijk(page, axe_script)
    page.screenshot(path=str(artefacten / "agendapunt-lid-telefoon.png"), full_page=True)
    # and after the decision it is gone
    diensten.leg_besluit_vast(
        agendapunt=Agendapunt.objects.get(pk=punt.pk), door=leerplicht, besluit="Ja"
    )
    page.reload()
    expect(page.get_by_role("heading", name=casus_a.leerling.naam, level=1)).to_have_count(0)
