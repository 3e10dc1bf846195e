# SPDX-License-Identifier: EUPL-1.2
"""Notifications in a real browser on a 390 px phone: the header shows the unread count, the
list opens a notification (it is then read), "Alles gelezen" empties the count, and the e-mail
choice is made by clicking; no sideways scroll, no axe violation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.urls import reverse

import pytest
from playwright.sync_api import Page, expect

from binnenboord.notificaties.models import Notificatie, Notificatievoorkeur
from binnenboord.notificaties.services import notificeer
from binnenboord.toegang.models import Rol
from tests.wereld import Wereld, bouw_wereld

from .hulp import axe_schendingen, log_in, past_op_telefoon

pytestmark = pytest.mark.e2e


@pytest.fixture
def wereld_live(transactional_db: None) -> Wereld:
    wereld = bouw_wereld()
    lpa = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    for nummer in (41, 42):
        notificeer(
            [lpa],
            "verhuismelding",
            url=reverse("registratie:bevestigen"),
            gegevens={"verhuismelding": nummer},
            sleutel=f"e2e:{nummer}",
        )
    return wereld


def test_de_kop_telt_de_ongelezen_notificaties_op_een_telefoon(
    page: Page, live_server: Any, wereld_live: Wereld, artefacten: Path, axe_script: Path
) -> None:
    log_in(page, live_server.url, "leerplichtambtenaar", telefoon=True)

    # the header: a link "Notificaties" with the count, named for screen readers
    kop = page.get_by_role("link", name="Notificaties: 2 ongelezen")
    expect(kop).to_be_visible()
    expect(kop).to_contain_text("Notificaties")
    expect(kop.locator(".bb-teller")).to_have_text("2")
    past_op_telefoon(page)
    assert axe_schendingen(page, axe_script) == []

    # the list: two unread, each a button with its sentence
    kop.click()
    expect(page.get_by_role("heading", name="Notificaties", level=1)).to_be_visible()
    expect(page.get_by_text("Ongelezen", exact=True)).to_have_count(2)
    past_op_telefoon(page)
    assert axe_schendingen(page, axe_script) == []
    page.screenshot(path=str(artefacten / "notificaties-telefoon.png"), full_page=True)

    # opening one goes to its page and leaves one unread
    page.get_by_role("button", name="Er is een verhuizing gemeld").first.click()
    expect(page.get_by_role("heading", name="Te bevestigen", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Notificaties: 1 ongelezen")).to_be_visible()
    assert Notificatie.objects.filter(gelezen_op__isnull=True).count() == 1

    # "Alles gelezen" empties the count
    page.get_by_role("link", name="Notificaties: 1 ongelezen").click()
    page.get_by_role("button", name="Alles gelezen").click()
    expect(page.get_by_role("link", name="Notificaties: 0 ongelezen")).to_be_visible()
    expect(page.get_by_text("Ongelezen", exact=True)).to_have_count(0)

    # the e-mail choice, by clicking
    page.get_by_role("link", name="Kies hoe u notificaties per e-mail krijgt").click()
    expect(page.get_by_label("eenmaal per dag, als overzicht")).to_be_checked()
    page.get_by_label("direct").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Uw keuze is opgeslagen.")).to_be_visible()
    past_op_telefoon(page)
    assert axe_schendingen(page, axe_script) == []
    assert Notificatievoorkeur.objects.get().mail == "direct"
