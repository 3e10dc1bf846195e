# SPDX-License-Identifier: EUPL-1.2
"""From signal to melding in a real browser: the school sees a 16-hour signal in its inbox,
turns it into a verzuimmelding and sends it; Leerplicht finds it in its Meldingen inbox. Every
page passes axe (WCAG 2.1 A/AA)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from django.utils import timezone

import pytest
from playwright.sync_api import Page, expect

from binnenboord.kern.kalender import Schoolkalender
from binnenboord.signalering.gegevens import Bereik
from binnenboord.signalering.models import Melding, Signaal
from binnenboord.signalering.services.signaal import signaleer
from tests.factories import VerzuimFactory
from tests.wereld import Wereld, bouw_wereld

from .hulp import axe_schendingen, log_in, log_uit, nl

pytestmark = pytest.mark.e2e


@pytest.fixture
def wereld_met_signaal(transactional_db: None) -> Wereld:
    wereld = bouw_wereld()
    leerling = wereld.leerlingen["demodam_school1"]
    inschrijving = leerling.inschrijvingen.get()
    inschrijving.begindatum = timezone.localdate() - timedelta(days=120)
    inschrijving.save()
    # four whole days without valid reason on the last four lesdagen: 20 hours
    kalender = Schoolkalender(inschrijving.school.regio)
    dagen = kalender.lesdagen(timezone.localdate() - timedelta(days=90), timezone.localdate())
    for dag in dagen[-4:]:
        VerzuimFactory(
            leerling=leerling, school=inschrijving.school, datum=dag, minuten_ongeoorloofd=300
        )
    signaleer(bereik=Bereik.alles(), peildatum=timezone.localdate())
    return wereld


def test_een_school_maakt_van_een_signaal_van_16_uur_een_melding_die_leerplicht_ontvangt(
    page: Page,
    live_server: Any,
    wereld_met_signaal: Wereld,
    axe_script: Path,
    artefacten: Path,
) -> None:
    leerling = wereld_met_signaal.leerlingen["demodam_school1"]
    [signaal] = Signaal.objects.filter(leerling=leerling, soort="verzuim_16_uur")

    # when the school's care coordinator opens the signal inbox
    log_in(page, live_server.url, "schoolmedewerker")
    page.get_by_role("link", name=nl("Signals"), exact=True).click()
    # then the signal is there with its explanation, and the page is accessible
    expect(page.get_by_text(signaal.uitleg)).to_be_visible()
    assert axe_schendingen(page, axe_script) == []
    page.screenshot(path=str(artefacten / "signalen.png"), full_page=True)

    # when she makes the verzuimmelding from it
    page.get_by_role("button", name=nl("Make absence report")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(leerling.achternaam)
    assert axe_schendingen(page, axe_script) == []
    page.get_by_role("button", name=nl("Save and send to Leerplicht")).click()

    # then the melding is sent and the signal is handled as a melding
    melding = Melding.objects.get(leerling=leerling)
    assert melding.verzonden_op is not None, page.content()
    signaal.refresh_from_db()
    assert signaal.status == Signaal.Status.AFGEHANDELD

    # and Leerplicht finds it in its Meldingen inbox and can open it
    log_uit(page)
    log_in(page, live_server.url, "leerplichtambtenaar")
    page.get_by_role("link", name=nl("Reports"), exact=True).click()
    assert axe_schendingen(page, axe_script) == []
    page.get_by_role("link", name=leerling.naam).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(melding.get_soort_display())
    assert axe_schendingen(page, axe_script) == []
