# SPDX-License-Identifier: EUPL-1.2
"""Leerplicht decides on held writes in a real browser, on a 390 px phone: a reported move is
confirmed and an enrolment is rejected with a reason, by clicking the buttons a person clicks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.utils import timezone

import pytest
from playwright.sync_api import Page, expect

from binnenboord.registratie.models import (
    Bevestiging,
    InschrijvingTerBevestiging,
    Leerling,
    School,
    Verhuismelding,
)
from binnenboord.toegang.models import Gemeente
from tests.wereld import Wereld, bouw_wereld

from .hulp import axe_schendingen, log_in, past_op_telefoon

pytestmark = pytest.mark.e2e


@pytest.fixture
def wereld_live(transactional_db: None) -> Wereld:
    wereld = bouw_wereld()
    leerling = wereld.leerlingen["demodam_school1"]
    buurdorp = Gemeente.objects.get(naam="Buurdorp")
    Verhuismelding.objects.create(
        leerling=leerling,
        van_gemeente=leerling.woongemeente,
        naar_gemeente=buurdorp,
        gegevens={
            "waarden": {
                "voornamen": leerling.voornamen,
                "achternaam": leerling.achternaam,
                "geboortedatum": leerling.geboortedatum.isoformat(),
                "woongemeente_id": buurdorp.pk,
                "straat": "Kaapstraat",
                "huisnummer": "7",
            },
            "ouders": [],
        },
    )
    ander = wereld.leerlingen["demodam_uitgeschreven"]
    InschrijvingTerBevestiging.objects.create(
        leerling=ander,
        identiteit=f"bsn:{ander.bsn}",
        school=School.objects.exclude(inschrijvingen__leerling=ander).first(),
        begindatum=timezone.localdate().replace(year=2015),
        reden=InschrijvingTerBevestiging.Reden.TERUGGEDATEERD,
    )
    return wereld


def test_leerplicht_bevestigt_op_een_telefoon_een_verhuizing_en_wijst_een_inschrijving_af(
    page: Page, live_server: Any, wereld_live: Wereld, artefacten: Path, axe_script: Path
) -> None:
    log_in(page, live_server.url, "leerplichtambtenaar", telefoon=True)
    # the worklist says two decisions wait, and leads there
    kaart = page.locator("section", has=page.locator("#kaart-bevestigen"))
    expect(kaart.locator(".bb-kaart__getal")).to_have_text("2")
    kaart.get_by_role("link", name="Te bevestigen").click()
    expect(page.get_by_role("heading", name="Te bevestigen", level=1)).to_be_visible()
    assert axe_schendingen(page, axe_script) == []
    past_op_telefoon(page)
    page.screenshot(path=str(artefacten / "bevestigen-telefoon.png"), full_page=True)

    # a rejection without a reason is refused, with the reason it is taken
    verzoek = page.locator("form[action*='/bevestigen/inschrijving/']")
    verzoek.get_by_role("button", name="Afwijzen").click()
    expect(page.get_by_text("Zeg waarom u afwijst")).to_be_visible()
    verzoek = page.locator("form[action*='/bevestigen/inschrijving/']")
    verzoek.get_by_label("Uitleg").fill("Zit sinds 2024 niet meer op school; eerst gesprek.")
    verzoek.get_by_role("button", name="Afwijzen").click()
    expect(page.get_by_text("Afgewezen; de aanvrager ziet uw toelichting.")).to_be_visible()

    # confirming the move moves the pupil
    page.locator("form[action*='/bevestigen/verhuizing/']").get_by_role(
        "button", name="Bevestigen"
    ).click()
    expect(page.get_by_text("Bevestigd.")).to_be_visible()
    expect(page.get_by_text("Er wachten geen gemelde verhuizingen op u.")).to_be_visible()
    assert axe_schendingen(page, axe_script) == []
    leerling = Leerling.objects.get(pk=wereld_live.leerlingen["demodam_school1"].pk)
    assert (leerling.woongemeente.naam, leerling.straat) == ("Buurdorp", "Kaapstraat")
    assert InschrijvingTerBevestiging.objects.get().status == Bevestiging.AFGEWEZEN
