# SPDX-License-Identifier: EUPL-1.2
"""Signals and cases in a real browser, on a 390 px phone: the school's inbox shows the
repeated 16-hour signals of a pupil with a case as one row ("heeft een casus", every date),
the signal page links the case, and the school attaches the signal with a click. Every page
passes axe (WCAG 2.1 A/AA) and has no sideways scroll."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from binnenboord.regie.models import Casus, CasusGebeurtenis
from binnenboord.registratie.models import School
from binnenboord.signalering.models import Signaal
from binnenboord.toegang.models import Rol
from tests.regie.factories import open_casus
from tests.signalering.factories import SignaalFactory
from tests.wereld import Wereld, bouw_wereld

from .hulp import log_in, nl, past_en_is_toegankelijk

pytestmark = pytest.mark.e2e


@pytest.fixture
def wereld_met_casus(transactional_db: None) -> tuple[Wereld, Casus, list[Signaal]]:
    wereld = bouw_wereld()
    leerling = wereld.leerlingen["demodam_school1"]
    casus = open_casus(leerling, wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    school = School.objects.get(organisatie__naam="Het Baken")
    signalen = []
    for k in range(3):
        van = date(2026, 1, 5) + timedelta(weeks=2 * k)
        signalen.append(
            SignaalFactory(
                leerling=leerling,
                school=school,
                gebeurtenis=True,
                begindatum=van,
                van=van,
                tot=van + timedelta(days=4),
                datum=van + timedelta(days=4),
            )
        )
    return wereld, casus, signalen


def test_een_school_koppelt_een_herhaald_signaal_aan_de_casus(
    page: Page,
    live_server: Any,
    wereld_met_casus: tuple[Wereld, Casus, list[Signaal]],
    axe_script: Path,
    artefacten: Path,
) -> None:
    _wereld, casus, signalen = wereld_met_casus
    log_in(page, live_server.url, "schoolmedewerker", telefoon=True)

    # the inbox: one row for the three report dates, saying the pupil has a case
    page.get_by_role("link", name=nl("Signals"), exact=True).click()
    expect(
        page.get_by_text("16 uur bereikt op: 09-01-2026, 23-01-2026, 06-02-2026")
    ).to_be_visible()
    expect(page.get_by_role("link", name="heeft een casus")).to_have_count(1)
    past_en_is_toegankelijk(page, axe_script)
    page.screenshot(path=str(artefacten / "signalen_casus.png"), full_page=True)

    # the signal page names the case and offers to attach, not to open a second one
    page.get_by_role("link", name=nl("16 hours of unauthorised absence")).click()
    expect(page.get_by_text("Deze leerling heeft een casus.")).to_be_visible()
    expect(page.get_by_role("link", name="Casus openen")).to_have_count(0)
    past_en_is_toegankelijk(page, axe_script)
    page.get_by_role("button", name="Signaal aan de casus koppelen").click()

    # attached: the newest signal is handled within the case, the page says so
    expect(page.get_by_text("Het signaal is aan de casus gekoppeld.")).to_be_visible()
    nieuwste = signalen[-1]
    nieuwste.refresh_from_db()
    assert nieuwste.afhandeling == Signaal.Afhandeling.GEKOPPELD
    assert list(casus.gekoppelde_signalen.all()) == [nieuwste]
    assert casus.gebeurtenissen.filter(soort=CasusGebeurtenis.Soort.SIGNAAL_GEKOPPELD).exists()
    past_en_is_toegankelijk(page, axe_script)

    # and the case link leads to the case, whose timeline records it
    page.get_by_role("link", name="Naar de casus").click()
    expect(
        page.get_by_text("Signaal gekoppeld: 16 uur ongeoorloofd verzuim (06-02-2026).")
    ).to_be_visible()
