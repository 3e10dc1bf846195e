# SPDX-License-Identifier: EUPL-1.2
"""A move from report to handover in a real browser on a 390 px phone: Leerplicht Buurdorp's
import reports that a pupil of Demodam moved; Leerplicht Demodam confirms it, chooses what of
the open case goes along and sends it; Leerplicht Buurdorp accepts and gets a case of its own.
Every page: axe without violations and no sideways scrolling."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from binnenboord.regie.models import Casus
from binnenboord.registratie.importeren.services import importeer
from binnenboord.registratie.models import Leerling
from binnenboord.toegang.models import Gemeente, Rol
from tests.factories import MedewerkerFactory, OrganisatieFactory
from tests.regie.factories import open_casus
from tests.wereld import Wereld, bouw_wereld

from .hulp import Stappen, log_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def wereld_live(transactional_db: None) -> Wereld:
    wereld = bouw_wereld()
    buurdorp = Gemeente.objects.get(naam="Buurdorp")
    wereld.medewerkers["buurdorp"] = MedewerkerFactory(
        username="lpa_buurdorp",
        rol=Rol.LEERPLICHTAMBTENAAR,
        organisatie=OrganisatieFactory(naam="Leerplicht Buurdorp", gemeenten=[buurdorp]),
    )
    leerling = wereld.leerlingen["demodam_school1"]
    open_casus(leerling, wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    rij = (
        f"{leerling.bsn};{leerling.voornamen};{leerling.achternaam};"
        f"{leerling.geboortedatum:%Y-%m-%d};Buurdorp;Dijkweg;12"
    )
    importeer(
        soort="leerlingen",
        bestand=io.BytesIO(
            f"bsn;voornamen;achternaam;geboortedatum;woongemeente;straat;huisnummer\n{rij}\n".encode()
        ),
        bestandsnaam="brp.csv",
        door=wereld.medewerkers["buurdorp"],
    )
    return wereld


def test_een_verhuizing_wordt_bevestigd_en_de_casus_met_klikken_overgedragen(
    page: Page, live_server: Any, wereld_live: Wereld, artefacten: Path, axe_script: Path
) -> None:
    leerling = wereld_live.leerlingen["demodam_school1"]
    oud = Casus.objects.get(leerling=leerling)
    stappen = Stappen(
        page, axe_script, artefacten, "verhuizing", genummerd=False, alleen_ernstig=False
    )

    # Leerplicht Demodam confirms the reported move
    log_in(page, live_server.url, "leerplichtambtenaar", telefoon=True)
    page.get_by_role("link", name="Te bevestigen").first.click()
    page.locator("form[action*='/bevestigen/verhuizing/']").get_by_role(
        "button", name="Bevestigen"
    ).click()
    expect(page.get_by_text("Bevestigd.")).to_be_visible()
    assert Leerling.objects.get(pk=leerling.pk).woongemeente.naam == "Buurdorp"

    # the open case waits for a handover on Vandaag; she chooses the plan and a summary
    page.get_by_role("link", name="Vandaag").first.click()
    werklijst = page.locator("#overdrachten")
    expect(werklijst).to_contain_text("Buurdorp")
    stappen.controleer("vandaag-demodam")
    werklijst.get_by_role("link").first.click()
    stappen.controleer("versturen")
    page.get_by_label("Het huidige plan van aanpak").check()
    page.get_by_label("Samenvatting voor de ontvangende gemeente").fill(
        "Thuis sinds oktober; moeder wil graag meedenken."
    )
    page.get_by_role("button", name="Overdragen en sluiten").click()
    oud.refresh_from_db()
    assert (oud.status, oud.passend_aanbod) == (Casus.Status.GESLOTEN, Casus.PassendAanbod.VERHUISD)

    # Leerplicht Buurdorp sees the incoming handover, never the old case, and accepts it
    page.context.clear_cookies()
    log_in(page, live_server.url, "lpa_buurdorp")
    werklijst = page.locator("#overdrachten")
    expect(werklijst).to_contain_text("Demodam")
    werklijst.get_by_role("link").first.click()
    expect(page.get_by_text("Thuis sinds oktober; moeder wil graag meedenken.")).to_be_visible()
    stappen.controleer("ontvangen")
    page.get_by_role("button", name="De overdracht aanvaarden").click()
    nieuw = Casus.objects.exclude(pk=oud.pk).get(leerling=leerling)
    assert (nieuw.gemeente.naam, nieuw.regisseur) == (
        "Buurdorp",
        wereld_live.medewerkers["buurdorp"],
    )
    assert page.goto(f"{live_server.url}/casussen/{oud.pk}/").status == 404
