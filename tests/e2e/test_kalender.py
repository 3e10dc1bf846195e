# SPDX-License-Identifier: EUPL-1.2
"""The absence calendar in a real browser: a weekend inside the highlighted days of a signal
stays the grey of a day without school, and is not drawn in the yellow of "te laat"."""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO
from typing import Any

from django.utils import timezone

import pytest
from PIL import Image
from playwright.sync_api import Locator, Page, expect

from tests.signalering.factories import SignaalFactory
from tests.wereld import Wereld, bouw_wereld

from .hulp import log_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def wereld_live(transactional_db: None) -> Wereld:
    return bouw_wereld()


def _midden(cel: Locator) -> tuple[int, int, int]:
    """The colour in the middle of a cell as the browser draws it."""
    beeld = Image.open(BytesIO(cel.screenshot())).convert("RGB")
    r, g, b = beeld.getpixel((beeld.width // 2, beeld.height // 2))  # type: ignore[misc]
    return r, g, b


def _geel_deel(cel: Locator) -> float:
    """The share of the cell's pixels in a yellow like "te laat" (or a yellow highlight)."""
    beeld = Image.open(BytesIO(cel.screenshot())).convert("RGB")
    pixels = list(beeld.getdata())
    geel = sum(1 for r, g, b in pixels if r > 200 and g > 150 and b < 130)
    return geel / len(pixels)


def _afstand(a: tuple[int, int, int], b: tuple[int, int, int]) -> int:
    return sum(abs(x - y) for x, y in zip(a, b, strict=True))


def test_een_weekend_in_de_gemarkeerde_periode_is_grijs_en_niet_geel_zoals_te_laat(
    page: Page, live_server: Any, wereld_live: Wereld
) -> None:
    leerling = wereld_live.leerlingen["demodam_school1"]
    vandaag = timezone.localdate()
    zaterdag = vandaag - timedelta(days=(vandaag.weekday() - 5) % 7 + 14)
    signaal = SignaalFactory(
        leerling=leerling,
        school=leerling.inschrijvingen.get().school,
        begindatum=zaterdag - timedelta(days=2),
        van=zaterdag - timedelta(days=2),
        datum=zaterdag + timedelta(days=3),
        tot=zaterdag + timedelta(days=3),
    )

    log_in(page, live_server.url, "leerplichtambtenaar", telefoon=False)
    page.goto(f"{live_server.url}/leerlingen/{leerling.pk}/?signaal={signaal.pk}")

    weekend = page.locator(f'td[data-datum="{zaterdag:%Y-%m-%d}"]')
    expect(weekend).to_have_class("bb-kal bb-kal--vrij bb-kal--gemarkeerd")
    weekend.scroll_into_view_if_needed()
    grijs = _midden(page.locator(".bb-legenda .bb-kal--vrij"))
    geel = _midden(page.locator(".bb-legenda .bb-kal--te_laat"))
    assert _afstand(grijs, geel) > 100  # the legend itself tells them apart

    for dag in (zaterdag, zaterdag + timedelta(days=1)):
        kleur = _midden(page.locator(f'td[data-datum="{dag:%Y-%m-%d}"]'))
        assert _afstand(kleur, grijs) < 20, (dag, kleur, grijs)
        assert _afstand(kleur, geel) > 100, (dag, kleur, geel)
        # and no yellow anywhere in it (no tinted ring either), unlike the "te laat" sample
        assert _geel_deel(page.locator(f'td[data-datum="{dag:%Y-%m-%d}"]')) < 0.02, dag
    assert _geel_deel(page.locator(".bb-legenda .bb-kal--te_laat")) > 0.5
