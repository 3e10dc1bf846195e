# SPDX-License-Identifier: EUPL-1.2
"""One Utrecht VO case through the roles, in a real browser (issue 15, "Tests"): the school
reports a thuiszitter and opens the case; the leerplichtambtenaar puts it on the kernteam's
actietafel, publishes the agenda and records the decision with an action for the SWV
consultant; the consultant, who could not open the case before, finds the action on Vandaag and
in his notifications, opens the case and does it; the school confirms the escalation to the
teammanagers; a teammanager of the SWV finds the case under "Escalaties" and engages the
Interventieteam early (the case enters that phase at once); a member of the Interventieteam
records the plan within 48 hours, the solution and the evaluation.

Every page: a screenshot, no serious or critical axe violation, and never the youth doctor's
medical note. The pages of the SWV consultant, the teammanager and the Interventieteam member
are read on a 390 px phone without sideways scrolling. Only the starting world is built in
code (pupil, organisations, kernteam, the actietafel, and the youth doctor's medical note);
every step of the story is a click on the pages."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from django.urls import reverse
from django.utils import timezone

import pytest
from playwright.sync_api import Page, expect

from binnenboord.regie import services
from binnenboord.regie.beoordeling import beoordeel_casus, stapkeuzes
from binnenboord.regie.models import (
    Actie,
    Agendapunt,
    Casus,
    Deelnemer,
    Escalatie,
    Evaluatie,
    Overleg,
    Overlegsoort,
)
from binnenboord.regie.services.overleg import plan_overleg
from binnenboord.registratie.models import Gemeente, School
from binnenboord.signalering.models import Melding
from binnenboord.toegang.models import Kernteam, Organisatie, Rol
from tests.factories import MedewerkerFactory
from tests.wereld import Wereld, bouw_wereld

from .hulp import Stappen, log_in, log_uit, nl, open_formulier

pytestmark = pytest.mark.e2e

MEDISCH = "Medisch-UTR-7Q: slaapstoornis, medicatie gewijzigd"


@pytest.fixture
def utrechtse_wereld(transactional_db: None, settings: Any) -> Wereld:
    """Demodam runs the Utrecht model; Het Baken (VO) belongs to SWV Demodam and has a kernteam
    (Leerplicht, the youth doctor, the SWV consultant); a teammanager of the SWV; the
    Interventieteam serves Demodam; this week's actietafel of the kernteam, chaired by the
    leerplichtambtenaar with the school's care coordinator and the SWV consultant."""
    settings.AANPAK_PER_GEBIED = {"9999": "utrecht_kernpartners"}
    wereld = bouw_wereld()
    m = wereld.medewerkers
    swv = Organisatie.objects.get(naam="SWV Demodam")
    baken = Organisatie.objects.get(naam="Het Baken")
    School.objects.filter(organisatie=baken).update(samenwerkingsverband=swv)
    Kernteam.objects.create(
        school=baken,
        leerplichtambtenaar=m[Rol.LEERPLICHTAMBTENAAR],
        jeugdarts=m[Rol.JEUGDARTS],
        swv_consulent=m[Rol.SWV_CONSULENT],
    )
    Organisatie.objects.get(naam="Interventieteam VO").gemeenten.set(
        [Gemeente.objects.get(naam="Demodam")]
    )
    MedewerkerFactory(username="tm_swv", rol=Rol.TEAMMANAGER, organisatie=swv, first_name="Thea")
    plan_overleg(
        soort=Overlegsoort.ACTIETAFEL,
        datum=timezone.localdate(),
        door=m[Rol.LEERPLICHTAMBTENAAR],
        voorzitter=m[Rol.LEERPLICHTAMBTENAAR],
        leden=[m[Rol.SCHOOLMEDEWERKER], m[Rol.SWV_CONSULENT]],
        locatie="Het Baken",
    )
    return wereld


def _registreer_stap(page: Page, stap: str, *, tijd: str = "") -> None:
    open_formulier(page, nl("Record a step"))
    page.locator("#id_stap-stap").select_option(stap)
    if tijd:
        page.locator("#id_stap-tijd").fill(tijd)
    page.get_by_role("button", name=nl("Record step")).click()
    expect(page.get_by_text(nl("The step has been recorded."))).to_be_visible()


def _staprij(page: Page, casus: Casus, code: str) -> Any:
    naam = dict(stapkeuzes(casus))[code]
    return page.locator("#stappen + div table tbody tr", has_text=naam)


def test_een_utrechtse_vo_casus_door_alle_rollen(
    page: Page,
    live_server: Any,
    utrechtse_wereld: Wereld,
    axe_script: Path,
    artefacten: Path,
) -> None:
    wereld = utrechtse_wereld
    m = wereld.medewerkers
    leerling = wereld.leerlingen["demodam_school1"]
    consulent = m[Rol.SWV_CONSULENT]
    actietafel = Overleg.objects.get(soort=Overlegsoort.ACTIETAFEL)
    url = live_server.url
    vandaag = timezone.localdate()
    stappen = Stappen(page, axe_script, artefacten, "utrecht", nooit=MEDISCH)

    # --- the school: the thuiszitter melding and the case ------------------------------------
    log_in(page, url, "schoolmedewerker", telefoon=False)
    page.goto(url + reverse("registratie:leerling", args=[leerling.pk]))
    page.get_by_role("link", name=nl("Report (threatening) stay-at-home pupil")).click()
    page.get_by_role("radio", name=str(Melding.Soort.THUISZITTER.label), exact=True).check()
    page.get_by_label(nl("Description")).fill("Sinds drie weken niet op school, angstklachten.")
    stappen.controleer("melding-formulier")
    page.get_by_role("button", name=nl("Send to Leerplicht and the partnership")).click()
    expect(
        page.get_by_text(nl("The report has been sent to Leerplicht and the school partnership."))
    ).to_be_visible()
    melding = Melding.objects.get(leerling=leerling)
    assert melding.soort == Melding.Soort.THUISZITTER
    assert melding.samenwerkingsverband == Organisatie.objects.get(naam="SWV Demodam")
    stappen.controleer("melding-verstuurd")

    page.get_by_role("link", name=leerling.naam).click()
    page.get_by_role("link", name=nl("Open case")).click()
    page.locator("#id_start").fill((vandaag - timedelta(days=7)).isoformat())
    stappen.controleer("casus-openen")
    page.get_by_role("button", name=nl("Open case")).click()
    expect(page.locator("#fase")).to_contain_text("Kernteam")
    casus = Casus.objects.get(leerling=leerling)
    assert (casus.aanpak, casus.regisseur) == ("utrecht_kernpartners", m[Rol.SCHOOLMEDEWERKER])
    stappen.controleer("casus-geopend")
    log_uit(page)

    # the world: the kernteam's youth doctor takes part and writes a medical note (only youth
    # doctors of her organisation ever read it)
    jeugdarts = m[Rol.JEUGDARTS]
    services.voeg_deelnemer_toe(
        casus=casus, door=m[Rol.SCHOOLMEDEWERKER], soort="professional", medewerker=jeugdarts
    )
    services.registreer_contactmoment(
        casus=casus, door=jeugdarts, soort="gesprek", datum=vandaag, verslag=MEDISCH
    )

    # before anything reaches them, neither the consultant nor the SWV's teammanager opens it
    for wie in ("swv_consulent", "tm_swv"):
        log_in(page, url, wie, telefoon=True)
        antwoord = page.goto(url + reverse("regie:casus", args=[casus.pk]))
        assert antwoord is not None and antwoord.status == 404, wie
        page.goto(f"{url}/")
        log_uit(page)

    # --- the leerplichtambtenaar chairs the actietafel ---------------------------------------
    log_in(page, url, "leerplichtambtenaar", telefoon=False)
    expect(page.locator("#overleggen")).to_contain_text(nl("Meetings this week"))
    page.locator("nav").get_by_role("link", name=nl("Meetings")).click()
    page.get_by_role("link", name=vandaag.strftime("%d-%m-%Y")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(vandaag.strftime("%d-%m-%Y"))
    page.get_by_role("checkbox", name=leerling.naam).check()
    stappen.controleer("actietafel-voorstel")
    page.get_by_role("button", name=nl("Put on the agenda")).click()
    expect(page.get_by_text(nl("The agenda has been updated."))).to_be_visible()
    punt = Agendapunt.objects.get(overleg=actietafel, casus=casus)
    assert punt.waarom == "actietafel"
    rij = page.locator(f"#agendapunt-{punt.pk}")
    rij.locator("summary", has_text=nl("Question for the meeting")).click()
    page.locator(f"#id_vraag-{punt.pk}-vraag").fill("Welke school past, en wie vraagt de TLV aan?")
    page.get_by_role("button", name=nl("Save question")).click()
    expect(page.get_by_text(nl("The question for the meeting has been saved."))).to_be_visible()
    page.get_by_role("button", name=nl("Publish the agenda")).click()
    expect(
        page.get_by_text(
            nl("The agenda has been published; the chair and members have been notified.")
        )
    ).to_be_visible()
    expect(page.get_by_role("button", name=nl("Publish the agenda again"))).to_be_visible()
    stappen.controleer("agenda-gepubliceerd")
    log_uit(page)

    # --- the SWV consultant, a member, reads the case on the published agenda ----------------
    log_in(page, url, "swv_consulent", telefoon=True)
    expect(page.locator(".bb-kop__notificaties .bb-teller")).not_to_have_text("0")
    page.locator("#overleggen").get_by_role("link", name=leerling.naam).click()
    expect(page.get_by_text("Welke school past, en wie vraagt de TLV aan?")).to_be_visible()
    stappen.controleer("consulent-agendapunt")
    log_uit(page)

    # --- the meeting: the decision, with an action for the SWV consultant --------------------
    log_in(page, url, "leerplichtambtenaar", telefoon=False)
    page.goto(url + reverse("overleg:overleg", args=[actietafel.pk]))
    rij = page.locator(f"#agendapunt-{punt.pk}")
    rij.locator("summary", has_text=nl("Record advice and decision")).click()
    rij.get_by_label(nl("discussed")).check()
    page.locator(f"#id_besluit-{punt.pk}-besluit").fill("Terug naar school via een TLV voor VSO.")
    page.locator(f"#id_besluit-{punt.pk}-wat").fill("TLV-aanvraag indienen")
    # who does it: the person picker, part of the surname typed, the match clicked
    page.locator(f"#id_besluit-{punt.pk}-wie-zoekterm").fill(consulent.last_name[:4])
    rij.locator("label", has_text=f"{consulent} · ").click()
    expect(
        rij.locator(f'input[name="besluit-{punt.pk}-wie"][value="{consulent.pk}"]')
    ).to_be_checked()
    uiterlijk = vandaag + timedelta(days=10)
    page.locator(f"#id_besluit-{punt.pk}-uiterlijk").fill(uiterlijk.isoformat())
    stappen.controleer("besluit-formulier")
    page.get_by_role("button", name=nl("Record outcome")).click()
    expect(page.get_by_text(nl("The outcome has been recorded."))).to_be_visible()
    actie = Actie.objects.get(casus=casus, wat="TLV-aanvraag indienen")
    assert (actie.wie, actie.uiterlijk) == (consulent, uiterlijk)
    assert Deelnemer.objects.get(casus=casus, medewerker=consulent).grond == "actie"
    stappen.controleer("besluit-vastgelegd")
    log_uit(page)

    # --- the SWV consultant: Vandaag, the notification, the case, the action done -----------
    log_in(page, url, "swv_consulent", telefoon=True)
    regel = page.locator(f"#werkregels > li[data-casus='{casus.pk}']")
    expect(regel.get_by_role("link", name=leerling.naam)).to_be_visible()
    expect(regel).to_contain_text(nl("your action"))
    expect(regel).to_contain_text("TLV-aanvraag indienen")
    expect(regel).to_contain_text(uiterlijk.strftime("%d-%m-%Y"))
    stappen.controleer("consulent-vandaag")
    page.locator(".bb-kop__notificaties").click()
    toegewezen = nl("An action in case %(casus)s was assigned to you, due %(datum)s.") % {
        "casus": casus.pk,
        "datum": uiterlijk.strftime("%d-%m-%Y"),
    }
    stappen.controleer("consulent-notificaties")
    page.get_by_role("button", name=toegewezen).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(leerling.naam)
    # a participant's need-to-know view: the contact is there, its medical note not
    expect(page.locator("#contacten + div")).to_contain_text(
        nl("Medical notes of the youth doctor: only youth doctors read them.")
    )
    stappen.controleer("consulent-casus")
    actierij = page.locator("#acties + div tbody tr", has_text="TLV-aanvraag indienen")
    actierij.locator(f"#afronden-status-{actie.pk}").select_option("gedaan")
    actierij.get_by_role("button", name=nl("Complete")).click()
    expect(page.get_by_text(nl("The action has been completed."))).to_be_visible()
    actie.refresh_from_db()
    assert (actie.status, actie.gedaan_op) == (Actie.Status.GEDAAN, vandaag)
    stappen.controleer("consulent-actie-gedaan")
    log_uit(page)

    # --- the school confirms the escalation to the teammanagers -------------------------------
    log_in(page, url, "schoolmedewerker", telefoon=False)
    page.locator(f"#werkregels > li[data-casus='{casus.pk}']").get_by_role(
        "link", name=leerling.naam
    ).click()
    _registreer_stap(page, "teammanagers")
    expect(page.locator("#escalatietabel")).to_contain_text(nl("the body holds the case"))
    escalatie = Escalatie.objects.get(casus=casus, orgaan="teammanagers")
    assert escalatie.bevestigd_door == m[Rol.SCHOOLMEDEWERKER]
    stappen.controleer("escalatie-teammanagers")
    log_uit(page)

    # --- the SWV's teammanager: Escalaties, the case, the Interventieteam engaged early -----
    log_in(page, url, "tm_swv", telefoon=True)
    expect(page.locator(".bb-kop__notificaties .bb-teller")).not_to_have_text("0")
    stappen.controleer("teammanager-vandaag")
    page.get_by_role("link", name=nl("Escalations")).first.click()
    escalatierij = page.locator("#escalaties tbody tr", has_text=leerling.naam)
    expect(escalatierij).to_have_count(1)
    stappen.controleer("teammanager-escalaties")
    escalatierij.get_by_role("link", name=str(casus.pk), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(leerling.naam)
    stappen.controleer("teammanager-casus")
    nu = timezone.localtime()
    _registreer_stap(page, "interventieteam", tijd=nu.strftime("%H:%M"))
    # the case enters the Interventieteam's phase at once, its 48 hours running from now
    expect(page.locator("#fase")).to_contain_text("Interventieteam VO")
    plan = beoordeel_casus(casus, timezone.now())
    assert plan.fase.code == "interventieteam"
    planstap = next(s for s in plan.stappen if s.stap.code == "interventieteam_plan")
    assert planstap.termijn is not None and planstap.status not in ("verlopen", "gedaan")
    assert Escalatie.objects.filter(casus=casus, orgaan="interventieteam").exists()
    stappen.controleer("teammanager-interventieteam")
    log_uit(page)

    # --- the Interventieteam: plan within 48 hours, solution, evaluation ----------------------
    log_in(page, url, "interventieteamlid", telefoon=True)
    regel = page.locator(f"#werkregels > li[data-casus='{casus.pk}']")
    expect(regel.get_by_role("link", name=leerling.naam)).to_be_visible()
    stappen.controleer("interventieteam-vandaag")
    regel.get_by_role("link", name=leerling.naam).click()
    expect(page.locator("#fase")).to_contain_text("Interventieteam VO")
    stappen.controleer("interventieteam-casus")
    _registreer_stap(page, "interventieteam_plan", tijd=timezone.localtime().strftime("%H:%M"))
    _registreer_stap(page, "interventieteam_oplossing")
    open_formulier(page, nl("Record the evaluation"))
    page.locator("#id_evaluatie-wat_ging_goed").fill("Snel een plan met school en ouders.")
    page.locator("#id_evaluatie-wat_kan_beter").fill("Eerder het Interventieteam betrekken.")
    page.get_by_role("button", name=nl("Record evaluation")).click()
    expect(page.get_by_text(nl("The evaluation has been recorded."))).to_be_visible()
    expect(page.locator("#evaluatie ~ dl").first).to_contain_text(
        "Eerder het Interventieteam betrekken."
    )
    stappen.controleer("interventieteam-evaluatie")

    # every step of the Interventieteam done, the plan within its 48 hours
    beoordeling = beoordeel_casus(casus, timezone.now())
    status = {s.stap.code: s for s in beoordeling.stappen}
    for code in ("interventieteam_plan", "interventieteam_oplossing", "evaluatie"):
        assert status[code].status == "gedaan", code
    plan_termijn = status["interventieteam_plan"].termijn
    gedaan_op = status["interventieteam_plan"].gedaan_op
    assert plan_termijn is not None and plan_termijn.verloopt_om is not None
    assert gedaan_op is not None and gedaan_op <= plan_termijn.verloopt_om
    assert plan_termijn.verloopt_om - timedelta(hours=48) <= timezone.now()
    assert Evaluatie.objects.filter(casus=casus, door=m[Rol.INTERVENTIETEAMLID]).exists()
    for code in ("interventieteam_plan", "interventieteam_oplossing", "evaluatie"):
        expect(_staprij(page, casus, code).first).to_contain_text(nl("done"))
