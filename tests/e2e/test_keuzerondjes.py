# SPDX-License-Identifier: EUPL-1.2
"""The shared radio group (gedeeld/widgets/, web/formulieren.css) in a real browser, on a real
form with a long group: closing a case with a passend aanbod (seven options), at the desk's and
the phone's width. Every option is chosen with a real mouse click at its visible place (on its
label and on the radio button itself, no force), the chosen one is clearly marked, each option
is a whole row at least 44 px high, and at the centre of every field of the form is that field
or its own label (nothing of another field lies over it)."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from django.urls import reverse

import pytest
from playwright.sync_api import Locator, Page, expect

from binnenboord.regie.models import Casus
from binnenboord.toegang.models import Rol
from tests.regie.factories import open_casus
from tests.wereld import bouw_wereld

from .hulp import ernstige_schendingen, log_in, nl, past_op_telefoon

pytestmark = pytest.mark.e2e

# Every visible control and label of a form whose centre is covered by something else: the
# element at the centre must be the control (or inside it), or a label of it; at a label's
# centre the label (or inside it) or its own control.
BEDEKT = """(form) => [...form.querySelectorAll(
        'input:not([type=hidden]), select, textarea, button, label')]
    .filter(e => e.getClientRects().length > 0)
    .map(e => {
        e.scrollIntoView({block: 'center', inline: 'nearest'});
        const r = e.getBoundingClientRect();
        const raak = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        const label = raak && raak.closest('label');
        const goed = raak !== null && (raak === e || e.contains(raak)
            || (label !== null && label.control === e)
            || (e.tagName === 'LABEL' && raak === e.control));
        return {veld: e.tagName + '#' + (e.id || e.htmlFor || e.name || '')
                      + ' ' + (e.textContent || '').trim().slice(0, 40),
                raak: raak ? raak.tagName + '#' + raak.id + '.' + raak.className : null,
                goed};
    })
    .filter(v => !v.goed)"""


@pytest.fixture
def casus(transactional_db: None) -> Casus:
    wereld = bouw_wereld()
    return open_casus(
        wereld.leerlingen["demodam_school1"], wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    )


def _box(locator: Locator) -> dict[str, float]:
    box = locator.bounding_box()
    assert box is not None
    return box


@pytest.mark.parametrize("telefoon", [False, True], ids=["bureau", "telefoon"])
def test_elk_passend_aanbod_is_met_een_echte_klik_te_kiezen(
    page: Page,
    live_server: Any,
    casus: Casus,
    axe_script: Path,
    artefacten: Path,
    telefoon: bool,
) -> None:
    log_in(page, live_server.url, "leerplichtambtenaar", telefoon=telefoon)
    page.goto(live_server.url + reverse("regie:casus", args=[casus.pk]))
    form = page.locator(f'form[action="{reverse("regie:sluiten", args=[casus.pk])}"]')
    groep = form.locator("fieldset", has=page.locator('input[name="sluiten-passend_aanbod"]'))
    expect(groep.locator("legend")).to_be_visible()
    radios = groep.get_by_role("radio")
    expect(radios).to_have_count(len(Casus.PassendAanbod.choices))

    # the Utrecht class is on the inputs only: no wrapper is drawn as a 24 px circle
    assert form.locator("div.utrecht-radio-button, p.utrecht-radio-button").count() == 0
    groepbreedte = _box(groep.locator(".bb-keuzes"))["width"]

    rijen = []
    for i, (waarde, _tekst) in enumerate(Casus.PassendAanbod.choices):
        radio = radios.nth(i)
        assert radio.get_attribute("value") == waarde
        label = groep.locator(f'label[for="{radio.get_attribute("id")}"]')
        expect(label).to_have_count(1)

        # a real click at the centre of the label (Playwright checks that the label, not
        # another field, is what lies there) chooses this option and only this one
        label.click()
        expect(radio).to_be_checked()
        for j in range(radios.count()):
            if j != i:
                expect(radios.nth(j)).not_to_be_checked()

        # the chosen one is clearly marked: a bold label and a coloured border around its row
        rij = radio.locator("xpath=ancestor::div[contains(@class, 'bb-keuze')][1]")
        assert label.evaluate("e => getComputedStyle(e).fontWeight") == "700"
        rand = rij.evaluate("e => getComputedStyle(e).borderTopColor")
        assert rand not in ("rgba(0, 0, 0, 0)", "transparent"), rand

        # a whole row: at least 44 px high, most of the group's width, not a word per line
        vak = _box(label)
        assert vak["height"] >= 44, (waarde, vak)
        assert vak["width"] >= groepbreedte * 0.6, (waarde, vak, groepbreedte)
        assert vak["height"] <= 100, (waarde, vak)
        rijen.append(rij)

    # the rows lie below each other without overlapping
    for boven, onder in itertools.pairwise([_box(rij) for rij in rijen]):
        assert boven["y"] + boven["height"] <= onder["y"] + 0.5, (boven, onder)

    # a click on the radio button itself chooses too; the others lose their mark
    for i in reversed(range(radios.count())):
        radios.nth(i).click()
        expect(radios.nth(i)).to_be_checked()
    assert groep.locator(".bb-keuze:has(:checked)").count() == 1
    assert (
        groep.locator(".bb-keuze:not(:has(:checked)) label").first.evaluate(
            "e => getComputedStyle(e).fontWeight"
        )
        == "400"
    )

    # at the centre of every field and label of the form: that field or its own label
    assert form.evaluate(BEDEKT) == []

    naam = "telefoon" if telefoon else "bureau"
    page.screenshot(path=str(artefacten / f"keuzerondjes-{naam}.png"), full_page=True)
    form.screenshot(path=str(artefacten / f"keuzerondjes-{naam}-formulier.png"))
    assert ernstige_schendingen(page, axe_script) == []
    if telefoon:
        past_op_telefoon(page, "casus sluiten")

    # and the choice is what the form sends: the case closes with it
    groep.get_by_label(nl("back to the own school")).click()
    with page.expect_navigation():
        form.get_by_role("button").click()
    casus.refresh_from_db()
    assert casus.passend_aanbod == Casus.PassendAanbod.EIGEN_SCHOOL
