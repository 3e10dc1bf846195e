# SPDX-License-Identifier: EUPL-1.2
"""Beheer in a real browser on a phone (390 px): the functional administrator opens Beheer
from the menu, walks every beheer page (no sideways scrolling, no serious axe violation) and
invites a new colleague with real clicks; the invitation e-mail is sent once."""

from __future__ import annotations

from pathlib import Path

from django.core import mail
from django.urls import reverse

import pytest
from playwright.sync_api import Page, expect

from binnenboord.toegang.models import Medewerker, Rol
from tests.beheer.regio import Regio, bouw_regio

from .hulp import ernstige_schendingen, log_in, nl, past_op_telefoon

pytestmark = pytest.mark.e2e


@pytest.fixture
def regio(transactional_db: None) -> Regio:
    return bouw_regio()


def _controleer(page: Page, axe_script: Path, naam: str) -> None:
    past_op_telefoon(page, naam)
    assert ernstige_schendingen(page, axe_script) == [], naam


def test_de_beheerder_nodigt_op_een_telefoon_een_collega_uit(
    page: Page, live_server: object, regio: Regio, axe_script: Path
) -> None:
    url = str(live_server)
    baken = regio.organisaties["Het Baken"]
    school = regio.wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    log_in(page, url, regio.beheerder.username, telefoon=True)
    # Beheer from the menu (on a phone behind the menu button when there is one)
    knop = page.get_by_role("button", name=nl("Menu"))
    if knop.count() and knop.is_visible():
        knop.click()
    page.get_by_role("link", name=nl("Management"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Management"))
    _controleer(page, axe_script, "beheer:start")
    for pad in (
        reverse("beheer:organisaties"),
        reverse("beheer:organisatie", args=[baken.pk]),
        reverse("beheer:organisatie_nieuw"),
        reverse("beheer:medewerkers"),
        reverse("beheer:medewerker", args=[school.pk]),
        reverse("beheer:kernteams"),
        reverse("beheer:kernteam", args=[baken.pk]),
    ):
        page.goto(f"{url}{pad}")
        _controleer(page, axe_script, pad)

    page.goto(f"{url}{reverse('beheer:medewerker_nieuw')}")
    _controleer(page, axe_script, "beheer:medewerker_nieuw")
    page.get_by_label(nl("First name")).fill("Noor")
    page.get_by_label(nl("Last name")).fill("Nieuwkomer")
    page.get_by_label(nl("E-mail")).fill("noor@example.org")
    page.get_by_label(nl("Organisation")).select_option(label="Het Baken")
    page.get_by_label(nl("Role")).select_option(Rol.SCHOOLMEDEWERKER)
    page.get_by_role("button", name=nl("Invite")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Noor")
    _controleer(page, axe_script, "beheer:medewerker (nieuw)")
    nieuw = Medewerker.objects.get(email="noor@example.org")
    assert nieuw.organisatie == baken and not nieuw.has_usable_password()
    assert [bericht.to for bericht in mail.outbox] == [["noor@example.org"]]
