# SPDX-License-Identifier: EUPL-1.2
"""One Amsterdam case with a MAZL referral, in a real browser (issue 15, "Tests"): a pupil is
sick eight lesdagen in a row, so the engine signals zorgwekkend ziekteverzuim; the school sees
the signal and refers the pupil from it to the youth doctor of its kernteam, without a case;
the youth doctor, on a 390 px phone, finds the referral on Vandaag (and a notification in the
header) and the signal in her MAZL inbox, plans the consult and writes a medical note; the
pupil stays at home and the school opens a case; the youth doctor sends a short advice; the
school reads the advice, never the medical note, and the case's MAZL step is done.

Every page: a screenshot and no serious or critical axe violation; every page but the youth
doctor's own referral page never shows the medical note; the youth doctor's pages do not
scroll sideways at 390 px. Only the starting world is built in code (pupil, absence, the
engine's signals, organisations, kernteam); every step of the story is a click on the pages."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from django.urls import reverse
from django.utils import timezone

import pytest
from playwright.sync_api import Page, expect

from binnenboord.kern.kalender import Schoolkalender
from binnenboord.regie.beoordeling import beoordeel_casus
from binnenboord.regie.models import Casus, Mazlverwijzing, MedischeInhoud
from binnenboord.signalering.gegevens import Bereik
from binnenboord.signalering.models import Signaal, Soort
from binnenboord.signalering.services.signaal import signaleer
from binnenboord.toegang.models import Kernteam, Organisatie, Rol
from tests.factories import VerzuimFactory
from tests.wereld import Wereld, bouw_wereld

from .hulp import Stappen, log_in, log_uit, nl

pytestmark = pytest.mark.e2e

MEDISCH = "Medisch-AMS-4K: verdenking ziekte van Pfeiffer, bloedonderzoek aangevraagd"
ADVIES = "Kan twee uur per dag naar school; geen gym tot de kerstvakantie."


@pytest.fixture
def zieke_leerling(transactional_db: None) -> tuple[Wereld, list[Any]]:
    """demodam_school1 sick all day on the last eight lesdagen (the 7th consecutive sick
    lesdag: zorgwekkend ziekteverzuim); Het Baken's kernteam has the youth doctor."""
    wereld = bouw_wereld()
    Kernteam.objects.create(
        school=Organisatie.objects.get(naam="Het Baken"),
        leerplichtambtenaar=wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR],
        jeugdarts=wereld.medewerkers[Rol.JEUGDARTS],
    )
    leerling = wereld.leerlingen["demodam_school1"]
    inschrijving = leerling.inschrijvingen.get()
    vandaag = timezone.localdate()
    inschrijving.begindatum = vandaag - timedelta(days=200)
    inschrijving.save()
    kalender = Schoolkalender(inschrijving.school.regio)
    ziekdagen = list(kalender.lesdagen(vandaag - timedelta(days=30), vandaag))[-8:]
    for dag in ziekdagen:
        VerzuimFactory(leerling=leerling, school=inschrijving.school, datum=dag, minuten_ziek=360)
    signaleer(bereik=Bereik.alles(), peildatum=vandaag)
    return wereld, ziekdagen


def test_een_amsterdamse_casus_met_een_mazl_verwijzing_door_school_en_jeugdarts(
    page: Page,
    live_server: Any,
    zieke_leerling: tuple[Wereld, list[Any]],
    axe_script: Path,
    artefacten: Path,
) -> None:
    wereld, ziekdagen = zieke_leerling
    leerling = wereld.leerlingen["demodam_school1"]
    jeugdarts = wereld.medewerkers[Rol.JEUGDARTS]
    [signaal] = Signaal.objects.filter(leerling=leerling, soort=Soort.ZORGWEKKEND_ZIEKTEVERZUIM)
    url = live_server.url
    vandaag = timezone.localdate()
    stappen = Stappen(page, axe_script, artefacten, "amsterdam-mazl", nooit=MEDISCH)

    # --- the school sees the signal and refers the pupil, without a case ----------------------
    log_in(page, url, "schoolmedewerker", telefoon=False)
    page.locator("nav").get_by_role("link", name=nl("Signals")).click()
    page.get_by_role(
        "link", name=str(Soort.ZORGWEKKEND_ZIEKTEVERZUIM.label), exact=True
    ).first.click()
    expect(page.get_by_text(signaal.uitleg)).to_be_visible()
    stappen.controleer("school-signaal")
    page.get_by_role("link", name=nl("Refer to the youth doctor (MAZL)")).click()
    expect(page.locator("#mazl-jeugdarts")).to_contain_text(str(jeugdarts))
    page.get_by_label(nl("Reason for referral")).fill("Acht dagen ziek; moeder maakt zich zorgen.")
    stappen.controleer("school-verwijzen")
    page.get_by_role("button", name=nl("Refer to the youth doctor")).click()
    expect(page.get_by_text(nl("The pupil has been referred to the youth doctor."))).to_be_visible()
    verwijzing = Mazlverwijzing.objects.get(leerling=leerling)
    assert (verwijzing.jeugdarts, verwijzing.signaal, verwijzing.casus) == (
        jeugdarts,
        signaal,
        None,
    )
    assert not Casus.objects.filter(leerling=leerling).exists()
    stappen.controleer("school-verwezen")
    log_uit(page)

    # --- the youth doctor: Vandaag, the notification, the inbox with the signal ---------------
    log_in(page, url, "jeugdarts", telefoon=True)
    expect(page.locator(".bb-kop__notificaties .bb-teller")).to_have_text("1")
    wachtend = page.locator("#wachtende-mazlverwijzingen")
    expect(wachtend.get_by_role("link", name=leerling.naam)).to_be_visible()
    stappen.controleer("jeugdarts-vandaag")
    page.locator("nav").get_by_role("link", name="MAZL").click()
    expect(
        page.locator("#mazl-verwijzingen").get_by_role("link", name=leerling.naam)
    ).to_be_visible()
    # the school's signal of worrying sickness absence reaches her too
    expect(page.locator("#ziekteverzuim ~ .bb-scrollvlak table").first).to_contain_text(
        leerling.naam
    )
    stappen.controleer("jeugdarts-inbox")
    page.locator("#mazl-verwijzingen").get_by_role("link", name=leerling.naam).click()
    expect(page.get_by_text("Acht dagen ziek; moeder maakt zich zorgen.")).to_be_visible()
    expect(page.get_by_text(signaal.uitleg)).to_be_visible()
    stappen.controleer("jeugdarts-verwijzing")

    # she plans the consult and writes her medical note
    consult = page.locator("form[action$='/consult/']")
    consult.locator("#id_consult-status").select_option(Mazlverwijzing.Status.GEPLAND)
    consult.locator("#id_consult-consult_op").fill(vandaag.isoformat())
    consult.get_by_role("button", name=nl("Save consult")).click()
    expect(page.locator("#mazl-status")).to_contain_text(nl("consult planned")[1:])
    page.locator("#id_medisch-tekst").fill(MEDISCH)
    page.get_by_role("button", name=nl("Save medical notes")).click()
    expect(page.locator("#mazl-medisch")).to_contain_text(MEDISCH)
    stappen.controleer("jeugdarts-consult-gepland", nooit_mag=True)
    log_uit(page)

    # --- the pupil stays at home: the school opens a case ------------------------------------
    log_in(page, url, "schoolmedewerker", telefoon=False)
    page.goto(url + reverse("registratie:leerling", args=[leerling.pk]))
    expect(page.locator("#mazl")).to_be_visible()
    page.get_by_role("link", name=nl("Open case")).click()
    page.locator("#id_start").fill(ziekdagen[0].isoformat())
    stappen.controleer("school-casus-openen")
    page.get_by_role("button", name=nl("Open case")).click()
    expect(page.get_by_text(nl("The case has been opened."))).to_be_visible()
    casus = Casus.objects.get(leerling=leerling)
    assert casus.aanpak == "amsterdam_drie_fasen"
    # the case's MAZL step: the youth doctor's, due because the absence data show sickness
    mazlstap = next(s for s in beoordeel_casus(casus, vandaag).stappen if s.stap.code == "mazl")
    assert mazlstap.status != "gedaan"
    staprij = page.locator("#stappen + div table tbody tr", has_text=mazlstap.stap.naam)
    expect(staprij).to_have_count(1)
    expect(staprij).not_to_contain_text(nl("done"))
    stappen.controleer("school-casus-geopend")
    log_uit(page)

    # --- the youth doctor sends the advice -----------------------------------------------------
    log_in(page, url, "jeugdarts", telefoon=True)
    page.locator("nav").get_by_role("link", name="MAZL").click()
    page.locator("#mazl-verwijzingen").get_by_role("link", name=leerling.naam).click()
    expect(page.locator("#mazl-medisch")).to_contain_text(MEDISCH)
    advies = page.locator("form[action$='/advies/']")
    advies.locator("#id_advies-consult_op").fill(vandaag.isoformat())
    advies.locator("#id_advies-advies").fill(ADVIES)
    advies.get_by_role("button", name=nl("Send advice")).click()
    expect(page.locator("#mazl-advies")).to_contain_text(ADVIES)
    verwijzing.refresh_from_db()
    assert verwijzing.status == Mazlverwijzing.Status.AFGEROND
    stappen.controleer("jeugdarts-advies", nooit_mag=True)
    log_uit(page)

    # --- the school: the advice, never the medical note; the case's MAZL step done ------------
    log_in(page, url, "schoolmedewerker", telefoon=False)
    expect(page.locator(".bb-kop__notificaties .bb-teller")).not_to_have_text("0")
    page.locator(".bb-kop__notificaties").click()
    teruggestuurd = nl("The youth doctor sent back a MAZL advice.").rstrip(".")
    page.get_by_role("button", name=teruggestuurd).first.click()
    expect(page.locator("#mazl-advies")).to_contain_text(ADVIES)
    expect(page.locator("#medisch")).to_have_count(0)
    stappen.controleer("school-advies")
    page.goto(url + reverse("regie:casus", args=[casus.pk]))
    staprij = page.locator("#stappen + div table tbody tr", has_text=mazlstap.stap.naam)
    expect(staprij).to_contain_text(nl("done"))
    expect(page.locator("#mazl-verwijzingen ~ table").first).to_contain_text(ADVIES)
    stappen.controleer("school-casus-mazl-gedaan")
    mazlstap = next(s for s in beoordeel_casus(casus, vandaag).stappen if s.stap.code == "mazl")
    assert (mazlstap.status, mazlstap.gedaan_op) == ("gedaan", vandaag)
    # the medical note stays with youth health care: the referral's, of her organisation
    assert (
        MedischeInhoud.objects.get(mazlverwijzing=verwijzing).organisatie == jeugdarts.organisatie
    )
