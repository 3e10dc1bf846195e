# SPDX-License-Identifier: EUPL-1.2
"""A school uploads an absence file in a real browser (htmx upload) and reads the result."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from django.utils import timezone

import pytest
from playwright.sync_api import Page, expect

from binnenboord.kern.kalender import Schoolkalender
from binnenboord.registratie.models import Verzuim
from tests.wereld import Wereld, bouw_wereld

from .hulp import axe_schendingen, log_in, past_op_telefoon

pytestmark = pytest.mark.e2e


@pytest.fixture
def wereld_live(transactional_db: None) -> Wereld:
    return bouw_wereld()


def test_een_school_uploadt_verzuim_en_ziet_opgeslagen_en_afgewezen_rijen(
    page: Page, live_server: Any, wereld_live: Wereld, tmp_path: Path, axe_script: Path
) -> None:
    # given an absence file with one good row and one bad BSN
    leerling = wereld_live.leerlingen["demodam_school1"]
    school = leerling.inschrijvingen.get().school
    dag = timezone.localdate() - timedelta(days=1)
    while not Schoolkalender("noord").is_lesdag(dag):
        dag -= timedelta(days=1)
    bestand = tmp_path / "verzuim.csv"
    bestand.write_text(
        "bsn;brin;vestiging;datum;minuten;soort;hele_dag;reden_code\n"
        f"{leerling.bsn};{school.brin};{school.vestiging};{dag:%Y-%m-%d};90;ongeoorloofd;;OG\n"
        f"123456789;{school.brin};{school.vestiging};{dag:%Y-%m-%d};60;ziek;;ZK\n",
        encoding="utf-8",
    )

    # when the school employee logs in and uploads it on the import page
    log_in(page, live_server.url, "schoolmedewerker")
    page.get_by_role("link", name="Importeren").click()
    assert axe_schendingen(page, axe_script) == []
    page.get_by_label("Wat importeert u?").select_option("verzuim")
    page.get_by_label("Bestand", exact=True).set_input_files(str(bestand))
    page.get_by_role("button", name="Importeren").click()

    # then the import page shows one stored and one rejected row with its reason
    expect(page.get_by_role("heading", name="Import van verzuim.csv")).to_be_visible()
    expect(page.get_by_text("123456789 is geen geldig BSN (elfproef).")).to_be_visible()
    assert axe_schendingen(page, axe_script) == []
    assert Verzuim.objects.get().minuten_ongeoorloofd == 90


def test_de_importlijst_past_op_een_telefoon(
    page: Page, live_server: Any, wereld_live: Wereld, axe_script: Path
) -> None:
    from binnenboord.registratie.models import Import

    school = wereld_live.medewerkers["schoolmedewerker"]
    Import.objects.create(
        soort=Import.Soort.INSCHRIJVINGEN,
        bestandsnaam="inschrijvingen-nieuwe-leerlingen-schooljaar-2026-2027.csv",
        medewerker=school,
        organisatie=school.organisatie,
        status=Import.Status.KLAAR,
    )
    log_in(page, live_server.url, "schoolmedewerker", telefoon=True)
    page.get_by_role("link", name="Importeren").click()
    expect(page.get_by_role("region", name="Recente imports")).to_be_visible()
    past_op_telefoon(page)
    assert axe_schendingen(page, axe_script) == []
