# SPDX-License-Identifier: EUPL-1.2
"""Vandaag in a real browser on a 390 px phone: Leerplicht's worklist has one line per case with
its most urgent item and "werkdagen te laat", the filters are chosen with clicks (mine, my
organisation, escalations, meetings), a new melding and a reported move are items with a link.
Every page: axe without violations and no sideways scrolling."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from django.utils import timezone

import pytest
from playwright.sync_api import Page, expect

from binnenboord.regie.models import Actie, Casus, Escalatie
from binnenboord.registratie.models import Gemeente, School, Verhuismelding
from binnenboord.signalering.models import Melding
from binnenboord.toegang.models import Rol
from tests.factories import MedewerkerFactory
from tests.regie.factories import open_casus
from tests.wereld import Wereld, bouw_wereld

from .hulp import Stappen, log_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def wereld_live(transactional_db: None) -> Wereld:
    wereld = bouw_wereld()
    lp = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    ll = wereld.leerlingen
    vandaag = timezone.localdate()
    eigen = open_casus(ll["demodam_school1"], lp, start=vandaag - timedelta(weeks=3))
    Actie.objects.create(
        casus=eigen,
        wat="Huisbezoek afleggen",
        uiterlijk=vandaag - timedelta(days=14),
        wie=lp,
        aangemaakt_door=lp,
    )
    # a Demodam case the school directs, escalated to the Doorbraakoverleg
    van_school = open_casus(ll["demodam_uitgeschreven"], lp, start=vandaag - timedelta(weeks=1))
    Casus.objects.filter(pk=van_school.pk).update(regisseur=school)
    Escalatie.objects.create(
        casus=van_school, orgaan="doorbraakoverleg", datum=vandaag, bevestigd_door=lp
    )
    Melding.objects.create(
        soort=Melding.Soort.VERZUIMMELDING,
        leerling=ll["demodam_school1"],
        school=School.objects.get(organisatie__naam="Het Baken"),
        gemeente=ll["demodam_school1"].woongemeente,
        begindatum=vandaag - timedelta(days=20),
        vermoedelijke_soort=Melding.VermoedelijkeSoort.ZESTIEN_UUR,
        prioriteit=Melding.Prioriteit.NORMAAL,
        aangemaakt_door=school,
        verzonden_door=school,
        verzonden_op=timezone.now(),
    )
    melder = MedewerkerFactory(rol=Rol.LEERPLICHTAMBTENAAR)
    Verhuismelding.objects.create(
        leerling=ll["demodam_uitgeschreven"],
        van_gemeente=Gemeente.objects.get(naam="Demodam"),
        naar_gemeente=Gemeente.objects.get(naam="Buurdorp"),
        gemeld_door=melder,
        organisatie=melder.organisatie,
    )
    return wereld


def test_vandaag_met_filters_en_wachtende_punten_op_een_telefoon(
    page: Page, live_server: Any, wereld_live: Wereld, artefacten: Path, axe_script: Path
) -> None:
    ll = wereld_live.leerlingen
    stappen = Stappen(
        page, axe_script, artefacten, "vandaag", genummerd=False, alleen_ernstig=False
    )
    log_in(page, live_server.url, Rol.LEERPLICHTAMBTENAAR, telefoon=True)

    # her own case: one line, the overdue action counted in werkdagen
    regels = page.locator("#werkregels > li")
    expect(regels).to_have_count(1)
    expect(regels.first.get_by_role("link", name=ll["demodam_school1"].naam)).to_be_visible()
    expect(regels.first).to_contain_text("werkdagen te laat")
    # the melding and the reported move wait for her, each with a link
    expect(
        page.locator("#wachtende-meldingen").get_by_role("link", name=ll["demodam_school1"].naam)
    ).to_be_visible()
    expect(
        page.locator("#wachtende-verhuizingen").get_by_role(
            "link", name=ll["demodam_uitgeschreven"].naam
        )
    ).to_be_visible()
    stappen.controleer("mijn")

    # my organisation: the school's Demodam case too
    page.get_by_role("radio", name="Mijn organisatie").check()
    page.get_by_role("button", name="Tonen").click()
    expect(regels).to_have_count(2)
    expect(page.get_by_role("radio", name="Mijn organisatie")).to_be_checked()
    stappen.controleer("organisatie")

    # escalations: only the escalated case, with the escalation as its item
    page.get_by_role("radio", name="Escalaties").check()
    page.get_by_role("button", name="Tonen").click()
    expect(regels).to_have_count(1)
    expect(regels.first.get_by_role("link", name=ll["demodam_uitgeschreven"].naam)).to_be_visible()
    stappen.controleer("escalaties")

    # meetings: none this week
    page.get_by_role("radio", name="Overleggen deze week").check()
    page.get_by_role("button", name="Tonen").click()
    expect(regels).to_have_count(0)
    expect(page.locator("#mijn-casussen")).to_contain_text("Geen casus van u staat deze week")
    stappen.controleer("overleggen")

    # the line leads to the case
    page.get_by_role("radio", name="Mijn casussen").check()
    page.get_by_role("button", name="Tonen").click()
    regels.first.get_by_role("link", name=ll["demodam_school1"].naam).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(ll["demodam_school1"].naam)
