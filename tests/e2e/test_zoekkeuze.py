# SPDX-License-Identifier: EUPL-1.2
"""The person pickers (gedeeld.zoekkeuze) in a real browser, with JavaScript (htmx asks the
search endpoint as the user types) and without (the search button sends the form back and the
server shows it again with the matches): a school refers a pupil to the spreekuur, Leerplicht
plans a meeting with two members. Part of a surname is typed, the match is chosen with a real
mouse click, the form is sent, and what was saved is checked. The forms with matches shown have
no axe violation and do not scroll sideways at 390 px."""

from __future__ import annotations

from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

from django.urls import reverse
from django.utils import timezone

import pytest
from playwright.sync_api import Browser, Page, expect

from binnenboord.regie.models import Overleg, Spreekuur, Verwijzing
from binnenboord.regie.services import overleg as diensten
from binnenboord.registratie.models import Leerling, School
from binnenboord.toegang.models import Medewerker, Organisatie, Rol
from tests.factories import InschrijvingFactory, LeerlingFactory, MedewerkerFactory
from tests.wereld import Wereld, bouw_wereld

from .conftest import vul_code_in
from .hulp import TELEFOON, log_in, nl, past_en_is_toegankelijk

pytestmark = pytest.mark.e2e

MET_EN_ZONDER = pytest.mark.parametrize("javascript", [True, False], ids=["met-js", "zonder-js"])


@pytest.fixture
def wereld(transactional_db: None) -> Wereld:
    return bouw_wereld()


def _spreekuur(wereld: Wereld) -> Spreekuur:
    return diensten.plan_spreekuur(
        school=School.objects.get(organisatie__naam="Het Baken"),
        leerplichtambtenaar=wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR],
        datum=timezone.localdate() + timedelta(days=7),
        begin=time(9, 0),
        einde=time(10, 0),
    )


def _leerling(school: str, voornamen: str, achternaam: str) -> Leerling:
    leerling: Leerling = LeerlingFactory(
        voornamen=voornamen, achternaam=achternaam, geboortedatum=date(2014, 3, 12)
    )
    InschrijvingFactory(leerling=leerling, school=School.objects.get(organisatie__naam=school))
    return leerling


def _lid(achternaam: str) -> Medewerker:
    lid: Medewerker = MedewerkerFactory(
        first_name="Jet",
        last_name=achternaam,
        rol=Rol.JEUGDARTS,
        organisatie=Organisatie.objects.get(naam="GGD Demodam"),
    )
    return lid


def _pagina(page: Page, browser: Browser, javascript: bool) -> Page:
    """The test's page, or one in a context without JavaScript (two-step code typed too)."""
    if javascript:
        return page
    context = browser.new_context(java_script_enabled=False, locale="nl-NL", bypass_csp=True)
    zonder = context.new_page()
    zonder.add_locator_handler(zonder.locator("input#id_code"), lambda _v: vul_code_in(zonder))
    return zonder


def _zoek(pagina: Page, veld: str, zoekterm: str, javascript: bool) -> None:
    """Type in the picker's search box; without JavaScript press its search button."""
    vak = pagina.get_by_label(nl("Search: %(label)s") % {"label": nl(veld)}, exact=True)
    vak.fill(zoekterm)
    if not javascript:
        vak.locator("xpath=..").get_by_role("button", name=nl("Search")).click()


@MET_EN_ZONDER
def test_de_school_zoekt_en_verwijst_een_leerling_naar_het_spreekuur(
    page: Page, browser: Browser, live_server: Any, wereld: Wereld, javascript: bool
) -> None:
    spreekuur = _spreekuur(wereld)
    piet = _leerling("Het Baken", "Piet", "Zoekbaarman")
    _leerling("Het Baken", "Anna", "Zoekbaarvrouw")
    _leerling("De Vuurtoren", "Klaas", "Zoekbaarman")  # another school: never offered
    pagina = _pagina(page, browser, javascript)
    log_in(pagina, live_server.url, "schoolmedewerker")
    pagina.goto(live_server.url + reverse("overleg:spreekuur", args=[spreekuur.pk]))
    form = pagina.locator(f'form[action="{reverse("overleg:verwijs", args=[spreekuur.pk])}"]')
    form.locator('textarea[name="verwijzing-reden"]').fill("Vaak te laat op maandag")

    _zoek(pagina, "Pupil", "zoekbaar", javascript)

    keuze = pagina.get_by_label("Zoekbaarman, Piet (12-03-2014)")
    expect(keuze).to_be_visible()
    expect(pagina.get_by_label("Zoekbaarvrouw, Anna (12-03-2014)")).to_be_visible()
    expect(pagina.get_by_text("Klaas")).to_have_count(0)
    # without JavaScript the reason typed before the search is still there
    expect(form.locator('textarea[name="verwijzing-reden"]')).to_have_value(
        "Vaak te laat op maandag"
    )
    pagina.get_by_text("Zoekbaarman, Piet (12-03-2014)").click()
    expect(keuze).to_be_checked()
    form.locator('select[name="verwijzing-tijdvak"]').select_option("09:20")
    form.get_by_role("button", name=nl("Refer"), exact=True).click()

    expect(pagina.get_by_text(nl("The pupil has been referred."))).to_be_visible()
    assert list(Verwijzing.objects.values_list("leerling_id", "tijdvak", "reden")) == [
        (piet.pk, time(9, 20), "Vaak te laat op maandag")
    ]


@MET_EN_ZONDER
def test_leerplicht_zoekt_twee_leden_en_plant_het_overleg(
    page: Page, browser: Browser, live_server: Any, wereld: Wereld, javascript: bool
) -> None:
    eerste, tweede = _lid("Vergaderdijk"), _lid("Overlegveld")
    pagina = _pagina(page, browser, javascript)
    log_in(pagina, live_server.url, "leerplichtambtenaar")
    pagina.goto(live_server.url + reverse("overleg:nieuw"))
    pagina.locator('input[name="datum"]').fill("2027-01-11")
    pagina.locator('input[name="locatie"]').fill("Stadhuis kamer 3")

    _zoek(pagina, "Members", "vergader", javascript)
    pagina.get_by_text("Jet Vergaderdijk · ").click()
    expect(pagina.get_by_label("Jet Vergaderdijk · ", exact=False)).to_be_checked()
    # a second search: the first stays chosen (a chip above the new matches)
    _zoek(pagina, "Members", "overlegv", javascript)
    if not javascript:
        expect(pagina.get_by_text(nl("Chosen (untick to remove):"))).to_be_visible()
    pagina.get_by_text("Jet Overlegveld · ").click()
    expect(pagina.get_by_label("Jet Overlegveld · ", exact=False)).to_be_checked()
    expect(pagina.get_by_label("Jet Vergaderdijk · ", exact=False)).to_be_checked()
    expect(pagina.locator('input[name="locatie"]')).to_have_value("Stadhuis kamer 3")
    pagina.get_by_role("button", name=nl("Plan meeting"), exact=True).click()

    expect(pagina.get_by_text(nl("The meeting has been planned."))).to_be_visible()
    overleg = Overleg.objects.get()
    assert set(overleg.leden.all()) == {eerste, tweede}
    assert overleg.locatie == "Stadhuis kamer 3"


@MET_EN_ZONDER
def test_de_keuzes_met_treffers_passen_op_de_telefoon_en_zijn_toegankelijk(
    page: Page,
    browser: Browser,
    live_server: Any,
    wereld: Wereld,
    axe_script: Path,
    javascript: bool,
) -> None:
    spreekuur = _spreekuur(wereld)
    _leerling("Het Baken", "Piet", "Zoekbaarman-Langenaamsdochter")
    _lid("Vergaderdijk-Langenaamsdochter")
    pagina = _pagina(page, browser, javascript)
    pagina.set_viewport_size(TELEFOON)
    log_in(pagina, live_server.url, "schoolmedewerker")
    pagina.goto(live_server.url + reverse("overleg:spreekuur", args=[spreekuur.pk]))
    _zoek(pagina, "Pupil", "zoekbaar", javascript)
    pagina.get_by_text("Zoekbaarman-Langenaamsdochter, Piet (12-03-2014)").click()
    if javascript:
        past_en_is_toegankelijk(pagina, axe_script, "spreekuur")

    log_in(pagina, live_server.url, "leerplichtambtenaar", wis_cookies=True)
    pagina.goto(live_server.url + reverse("overleg:nieuw"))
    _zoek(pagina, "Members", "vergader", javascript)
    pagina.get_by_text("Jet Vergaderdijk-Langenaamsdochter · ").click()
    _zoek(pagina, "Chair", "vergader", javascript)
    expect(pagina.get_by_text("Jet Vergaderdijk-Langenaamsdochter · ")).to_have_count(2)
    if javascript:
        past_en_is_toegankelijk(pagina, axe_script, "overleg")


def test_enter_in_een_ander_veld_slaat_op_en_enter_in_het_zoekvak_zoekt(
    page: Page, live_server: Any, wereld: Wereld
) -> None:
    # a browser sends a form on Enter with its first submit button, here the picker's "Zoeken":
    # web/zoekkeuze.js makes Enter in another field save, and Enter in the search box search
    lid = _lid("Entertoetsma")
    log_in(page, live_server.url, "leerplichtambtenaar")
    page.goto(live_server.url + reverse("overleg:nieuw"))
    page.locator('input[name="datum"]').fill("2027-01-12")
    vak = page.get_by_label(nl("Search: %(label)s") % {"label": nl("Members")}, exact=True)
    vak.fill("entertoets")
    vak.press("Enter")
    expect(page.get_by_text("Jet Entertoetsma · ")).to_be_visible()
    assert not Overleg.objects.exists()  # Enter in the search box searched, it did not save
    page.get_by_text("Jet Entertoetsma · ").click()
    page.locator('input[name="locatie"]').fill("Stadhuis kamer 4")
    page.locator('input[name="locatie"]').press("Enter")

    expect(page.get_by_text(nl("The meeting has been planned."))).to_be_visible()
    overleg = Overleg.objects.get()
    assert list(overleg.leden.all()) == [lid]
    assert overleg.locatie == "Stadhuis kamer 4"
