# SPDX-License-Identifier: EUPL-1.2
"""A whole Amsterdam case in a real browser: a pupil at home without valid reason for more than
4 weeks gets a signal; the school opens a case from it and transfers regie to the
leerplichtambtenaar, who finds it on Vandaag, records the home visit, saves the plan, records
the UVO and closes the case with a passend aanbod. A screenshot of every page, and no serious
or critical axe violation (WCAG 2.1 A/AA) on any."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from django.urls import reverse
from django.utils import timezone

import pytest
from playwright.sync_api import Page, expect

from binnenboord.kern.kalender import Schoolkalender
from binnenboord.regie.models import Casus, CasusGebeurtenis
from binnenboord.signalering.gegevens import Bereik
from binnenboord.signalering.models import Signaal
from binnenboord.signalering.services.signaal import signaleer
from binnenboord.toegang.models import Rol
from tests.factories import VerzuimFactory
from tests.wereld import Wereld, bouw_wereld

from .hulp import Stappen, log_in, log_uit, nl, open_formulier

pytestmark = pytest.mark.e2e


@pytest.fixture
def wereld_met_thuiszitter(transactional_db: None) -> Wereld:
    """demodam_school1 absent all day without valid reason on every lesdag of the last 8
    weeks: langdurig relatief verzuim (more than 4 weeks)."""
    wereld = bouw_wereld()
    leerling = wereld.leerlingen["demodam_school1"]
    inschrijving = leerling.inschrijvingen.get()
    inschrijving.begindatum = timezone.localdate() - timedelta(days=200)
    inschrijving.save()
    kalender = Schoolkalender(inschrijving.school.regio)
    vandaag = timezone.localdate()
    for dag in kalender.lesdagen(vandaag - timedelta(weeks=8), vandaag):
        VerzuimFactory(
            leerling=leerling, school=inschrijving.school, datum=dag, minuten_ongeoorloofd=360
        )
    signaleer(bereik=Bereik.alles(), peildatum=vandaag)
    return wereld


def test_een_hele_amsterdamse_casus_van_signaal_tot_passend_aanbod(
    page: Page,
    live_server: Any,
    wereld_met_thuiszitter: Wereld,
    axe_script: Path,
    artefacten: Path,
) -> None:
    wereld = wereld_met_thuiszitter
    leerling = wereld.leerlingen["demodam_school1"]
    leerplicht = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    [signaal] = Signaal.objects.filter(leerling=leerling, soort="langdurig_relatief_verzuim")
    stappen = Stappen(page, axe_script, artefacten, "casus")

    # given the school's care coordinator looks at the signal
    log_in(page, live_server.url, "schoolmedewerker")
    page.goto(live_server.url + reverse("signalering:signaal", args=[signaal.pk]))
    expect(page.get_by_text(signaal.uitleg)).to_be_visible()
    stappen.controleer("signaal")

    # when she opens a case from it
    page.get_by_role("link", name=nl("Open case")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(leerling.naam)
    stappen.controleer("casus-openen")
    page.get_by_role("button", name=nl("Open case")).click()

    # then the case runs under the Amsterdam model, from the first day of the signal
    expect(page.locator("#fase")).to_contain_text("Fase 2")
    casus = Casus.objects.get(leerling=leerling)
    assert (casus.aanpak, casus.start, casus.signaal_id) == (
        "amsterdam_drie_fasen",
        signaal.van,
        signaal.pk,
    )
    stappen.controleer("casus-geopend")

    # when she transfers regie to the leerplichtambtenaar (phase 2 of the model)
    open_formulier(page, nl("Transfer case direction"))
    # the new regisseur through the person picker: part of the surname, then a real click
    page.locator("#id_overdracht-naar-zoekterm").fill(leerplicht.last_name[:4])
    page.locator("label", has_text=f"{leerplicht} · ").click()
    expect(page.locator(f'input[name="overdracht-naar"][value="{leerplicht.pk}"]')).to_be_checked()
    page.locator("#id_overdracht-reden").fill("Meer dan vier weken thuis: fase 2.")
    page.get_by_role("button", name=nl("Transfer"), exact=True).click()
    expect(page.locator("#regisseur")).to_contain_text(str(leerplicht))
    stappen.controleer("regie-overgedragen")
    log_uit(page)

    # then the leerplichtambtenaar finds the case on Vandaag, with what is due or overdue
    log_in(page, live_server.url, "leerplichtambtenaar")
    werklijst = page.locator("#mijn-casussen")
    expect(werklijst.get_by_role("link", name=leerling.naam)).to_be_visible()
    stappen.controleer("vandaag-leerplicht")
    werklijst.get_by_role("link", name=leerling.naam).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(leerling.naam)

    # when she records the home visit
    open_formulier(page, nl("Record contact or home visit"))
    page.locator("#id_contact-soort").select_option("huisbezoek")
    page.locator("#id_contact-verslag").fill("Huisbezoek met de ouder- en kindadviseur.")
    page.get_by_role("button", name=nl("Record contact")).click()
    expect(page.locator(".bb-tijdlijn")).to_contain_text(nl("home visit"))
    stappen.controleer("huisbezoek")

    # and saves the plan van aanpak, made with the parents and the pupil
    open_formulier(page, nl("Save a new version of the plan"))
    page.locator("#id_plan-doel").fill("Binnen zes weken terug naar school, eerst halve dagen.")
    page.locator("#id_plan-visie_ouders").fill("Ouders willen dat hij terug naar school gaat.")
    page.locator("#id_plan-leerling_gehoord").check()
    page.get_by_role("button", name=nl("Save new version")).click()
    stappen.controleer("plan")

    # and records that the plan was discussed in the UVO
    open_formulier(page, nl("Record a step"))
    page.locator("#id_stap-stap").select_option("uvo")
    page.get_by_role("button", name=nl("Record step")).click()
    stappen.controleer("uvo")

    # and closes the case with a passend aanbod: back to the own school
    page.get_by_label(nl("back to the own school")).check()
    page.get_by_role("button", name=nl("Close case")).click()

    # then the case is closed with its doorlooptijd
    casus.refresh_from_db()
    assert casus.status == Casus.Status.GESLOTEN
    assert casus.passend_aanbod == Casus.PassendAanbod.EIGEN_SCHOOL
    assert casus.doorlooptijd == (timezone.localdate() - signaal.van).days
    expect(page.locator("#stand")).to_contain_text(f"{casus.doorlooptijd} ")
    stappen.controleer("gesloten")

    # and the history shows every step, in order
    soorten = list(casus.gebeurtenissen.order_by("wanneer", "pk").values_list("soort", "stap"))
    Soort = CasusGebeurtenis.Soort
    assert soorten == [
        (Soort.GEOPEND, ""),
        # the pupil's other open signals (the 16 hours of the same absence) went into the case
        (Soort.SIGNAAL_GEKOPPELD, ""),
        (Soort.REGIE_OVERGEDRAGEN, "regie_overgedragen"),
        (Soort.CONTACTMOMENT, "huisbezoek"),
        (Soort.PLAN_OPGESLAGEN, "plan_van_aanpak"),
        (Soort.STAP_GEDAAN, "uvo"),
        (Soort.GESLOTEN, ""),
    ]
    assert not Signaal.objects.filter(leerling=leerling, status=Signaal.Status.OPEN).exists()
    assert set(casus.gekoppelde_signalen.all()) == set(
        Signaal.objects.filter(leerling=leerling).exclude(pk=signaal.pk)
    )
    # as the timeline on the page does
    tijdlijn = page.locator("ol.bb-tijdlijn li strong")
    for titel in (
        Soort.GEOPEND.label,
        Soort.REGIE_OVERGEDRAGEN.label,
        Soort.CONTACTMOMENT.label,
        Soort.PLAN_OPGESLAGEN.label,
        Soort.STAP_GEDAAN.label,
        Soort.GESLOTEN.label,
    ):
        expect(tijdlijn.filter(has_text=nl(str(titel))).first).to_be_visible()
