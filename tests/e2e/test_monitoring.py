# SPDX-License-Identifier: EUPL-1.2
"""The figures in a real browser: Leerplicht opens the monthly report of a small city (the
world of tests/monitoring/test_views.py: 9 stay-at-home pupils, 2 cases), which passes axe
(WCAG 2.1 A/AA); a number opens the pupils behind it; the PDF download is a real report whose
first page is rendered to an image. Screenshots go to test-artifacts/."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from django.urls import reverse
from django.utils import translation

import pypdfium2 as pdfium
import pytest
from PIL import ImageStat
from playwright.sync_api import Page, expect

from binnenboord.verantwoording.models import Inzage
from tests.monitoring.test_views import Stad, bouw_stad
from tests.wereld import bouw_wereld

from .hulp import axe_schendingen, log_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def stad_live(transactional_db: None) -> Stad:
    return bouw_stad(bouw_wereld())


def test_leerplicht_leest_het_dashboard_opent_een_getal_en_downloadt_de_pdf(
    page: Page, live_server: Any, stad_live: Stad, axe_script: Path, artefacten: Path
) -> None:
    # given the leerplichtambtenaar is logged in
    log_in(page, live_server.url, "leerplichtambtenaar")
    expect(page.get_by_role("heading", name="Vandaag", exact=True)).to_be_visible()

    # when she opens the figures and chooses the period with the mouse (issue 17): a school
    # year first (only its list shows), then a month, last month, of Demodam
    page.goto(f"{live_server.url}{reverse('monitoring:dashboard')}")
    schooljaar = page.get_by_role("radio", name=re.compile(r"^Een schooljaar"))
    schooljaar.click()
    expect(schooljaar).to_be_checked()
    expect(page.get_by_label("Schooljaar", exact=True)).to_be_visible()
    expect(page.get_by_label("Maand", exact=True)).to_be_hidden()
    maand = page.get_by_role("radio", name="Een maand", exact=True)
    maand.click()
    expect(maand).to_be_checked()
    expect(page.get_by_label("Schooljaar", exact=True)).to_be_hidden()
    page.get_by_label("Maand", exact=True).select_option(f"{stad_live.periode.van:%Y-%m}")
    page.get_by_label(re.compile(r"^Cijfers van")).select_option("gemeente:9999")
    page.get_by_role("button", name="Tonen", exact=True).click()

    # then it shows that month's report with its headline numbers on top, its charts each
    # with a table beside it, and passes axe
    expect(page.locator("#kopcijfers")).to_be_visible()
    titel = page.locator("#rapport-titel").inner_text()
    assert "Demodam" in titel
    with translation.override("nl"):
        assert stad_live.periode.label in titel
    assert "tijdvak=maand" in page.url
    expect(page.get_by_role("radio", name="Een maand", exact=True)).to_be_checked()
    expect(page.locator("svg[role=img]").first).to_be_visible()
    assert page.locator("svg[role=img]").count() >= 3
    assert axe_schendingen(page, axe_script) == []
    page.screenshot(path=str(artefacten / "monitoring-dashboard.png"), full_page=True)

    # when she clicks the number of pupils with absoluut verzuim
    page.locator('a[href*="/cijfers/lijst/"][href*="rij=absoluut_verzuim"]').first.click()

    # then the list shows exactly those 3 pupils, accessible, and the read is logged
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    for leerling in stad_live.absoluut:
        expect(page.get_by_role("link", name=leerling.naam)).to_be_visible()
    assert page.locator("tbody tr").count() == 3
    assert axe_schendingen(page, axe_script) == []
    page.screenshot(path=str(artefacten / "monitoring-lijst.png"), full_page=True)
    assert Inzage.objects.filter(bron="monitoring:lijst").count() == 3

    # when she goes back and asks for the PDF: it is made in the background (the test
    # settings' task backend runs the task at once) and her export's page offers the file
    page.go_back()
    page.locator('form[action*="formaat=pdf"] button').click()
    expect(page.get_by_role("heading", name="Uw export", exact=True)).to_be_visible()
    assert axe_schendingen(page, axe_script) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Download het PDF-bestand").click()
    pdf = Path(download.value.path())

    # then it is the report: page 1 has the title and is not blank
    document = pdfium.PdfDocument(pdf.read_bytes())
    eerste = document[0]
    tekst = " ".join(eerste.get_textpage().get_text_range().split())
    assert " ".join(titel.split()) in tekst
    beeld = eerste.render(scale=1.5).to_pil()
    pad = artefacten / "monitoring-rapport-pdf-pagina1.png"
    beeld.save(pad)
    variantie = ImageStat.Stat(beeld.convert("L")).var[0]
    assert variantie > 100, variantie
    assert re.match(
        r"binnenboord-maandrapportage-gemeente-9999-", download.value.suggested_filename
    )
