# SPDX-License-Identifier: EUPL-1.2
"""The lists in a real browser: in the Signalen inbox the school filters on a kind, a real
click on "select all" ticks every row, "Mark selected as seen" marks exactly those signals and
the same filtered list comes back. The lists' filter forms work at 390 px and pass axe."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from binnenboord.registratie.models import School
from binnenboord.signalering.models import Signaal, Soort
from tests.factories import InschrijvingFactory, LeerlingFactory
from tests.signalering.factories import SignaalFactory
from tests.wereld import Wereld, bouw_wereld

from .hulp import ernstige_schendingen, log_in, nl, past_op_telefoon

pytestmark = pytest.mark.e2e


@pytest.fixture
def wereld_met_signalen(transactional_db: None) -> Wereld:
    """School 1 has three long-term absence signals and one stay-at-home signal; school 2 has
    a long-term absence signal of its own pupil."""
    wereld = bouw_wereld()
    school1 = School.objects.get(organisatie__naam="Het Baken")
    school2 = School.objects.get(organisatie__naam="De Vuurtoren")
    ll = wereld.leerlingen
    leerlingen = [ll["demodam_school1"], ll["buurdorp_school1"]]
    extra = LeerlingFactory(woongemeente=school1.gemeente)
    InschrijvingFactory(leerling=extra, school=school1)
    leerlingen.append(extra)
    for dag, leerling in enumerate(leerlingen, start=2):
        SignaalFactory(
            leerling=leerling,
            school=school1,
            soort=Soort.LANGDURIG_RELATIEF_VERZUIM,
            datum=date(2026, 3, dag),
        )
    SignaalFactory(leerling=extra, school=school1, soort=Soort.THUISZITTER_3_MAANDEN)
    SignaalFactory(leerling=ll["buurdorp_school2"], school=school2)
    return wereld


def test_alles_kiezen_en_gezien_houdt_de_gefilterde_lijst(
    page: Page, live_server: Any, wereld_met_signalen: Wereld, axe_script: Path
) -> None:
    log_in(page, live_server.url, "schoolmedewerker", telefoon=False)
    page.get_by_role("link", name=nl("Signals"), exact=True).click()
    # the school filters on long-term absence, newest first, with the filter form
    page.get_by_label(nl("Kind")).select_option(Soort.LANGDURIG_RELATIEF_VERZUIM)
    page.get_by_label(nl("Sort by")).select_option("-datum")
    page.get_by_role("button", name=nl("Filter"), exact=True).click()
    expect(page.get_by_role("button", name=nl("Filter"), exact=True)).to_be_visible()
    assert "soort=langdurig_relatief_verzuim" in page.url and "sortering=-datum" in page.url
    rijen = page.locator('input[type="checkbox"][name="signalen"]')
    expect(rijen).to_have_count(3)
    assert ernstige_schendingen(page, axe_script) == []

    # a real click on "select all" ticks every row
    alles = page.get_by_label(nl("Select all signals on this page"))
    expect(alles).to_be_visible()
    alles.click()
    for i in range(3):
        expect(rijen.nth(i)).to_be_checked()
    # one row cleared: "select all" is no longer ticked; ticked again: all rows
    rijen.nth(1).click()
    expect(alles).not_to_be_checked()
    rijen.nth(1).click()
    expect(alles).to_be_checked()

    gefilterd = page.url
    page.get_by_role("button", name=nl("Mark selected as seen")).click()
    # the same filtered, sorted list comes back, with the message
    expect(page.get_by_text("3 signalen gemarkeerd als gezien.")).to_be_visible()
    assert page.url == gefilterd
    expect(page.get_by_label(nl("Kind"))).to_have_value(Soort.LANGDURIG_RELATIEF_VERZUIM)
    expect(rijen).to_have_count(3)
    gezien = Signaal.objects.filter(gezien_door__username="schoolmedewerker")
    assert set(gezien.values_list("soort", flat=True)) == {Soort.LANGDURIG_RELATIEF_VERZUIM}
    assert gezien.count() == 3
    # the stay-at-home signal and school 2's signal were not touched
    assert Signaal.objects.filter(gezien_door__isnull=True).count() == 2


@pytest.mark.parametrize(
    ("gebruiker", "pad"),
    [
        ("schoolmedewerker", "/signalen/"),
        ("schoolmedewerker", "/casussen/"),
        ("schoolmedewerker", "/leerlingen/school/"),
        ("schoolmedewerker", "/leerlingen/"),
        ("leerplichtambtenaar", "/meldingen/"),
    ],
)
def test_de_filterformulieren_passen_op_een_telefoon_en_zijn_toegankelijk(
    page: Page,
    live_server: Any,
    wereld_met_signalen: Wereld,
    axe_script: Path,
    gebruiker: str,
    pad: str,
) -> None:
    log_in(page, live_server.url, gebruiker, telefoon=True)
    page.goto(f"{live_server.url}{pad}")
    expect(page.get_by_role("button", name=nl("Filter"), exact=True)).to_be_visible()
    past_op_telefoon(page, pad)
    assert ernstige_schendingen(page, axe_script) == [], pad
    # every filter field has its label, and the sort works from the form
    page.get_by_label(nl("Sort by")).select_option(index=1)
    page.get_by_role("button", name=nl("Filter"), exact=True).click()
    assert "sortering=" in page.url
    past_op_telefoon(page, pad)
