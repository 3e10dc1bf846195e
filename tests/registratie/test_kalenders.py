# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from datetime import date
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command

import pytest

from binnenboord.registratie.kalenders import schoolkalender, schoolkalenders
from binnenboord.registratie.models import Schoolvakantie, VrijeDag
from tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db

FEED = Path(__file__).parent.parent / "kern" / "bestanden" / "schoolvakanties-2025-2026.json"


def _importeer() -> str:
    uitvoer = StringIO()
    call_command("schoolvakanties", str(FEED), stdout=uitvoer)
    return uitvoer.getvalue()


def test_de_vakantiefeed_wordt_eenmaal_opgeslagen_en_een_tweede_import_verandert_niets() -> None:
    assert _importeer().strip() == "7 vakanties gelezen: 7 nieuw, 0 gewijzigd."
    assert _importeer().strip() == "7 vakanties gelezen: 0 nieuw, 0 gewijzigd."
    assert Schoolvakantie.objects.count() == 7
    kerst = Schoolvakantie.objects.get(naam="Kerstvakantie")
    assert (kerst.regio, kerst.begindatum, kerst.einddatum) == (
        "heel nederland",
        date(2025, 12, 20),
        date(2026, 1, 4),
    )


def test_een_verbeterde_einddatum_werkt_de_opgeslagen_vakantie_bij() -> None:
    _importeer()
    Schoolvakantie.objects.filter(naam="Kerstvakantie").update(einddatum=date(2026, 1, 11))
    assert _importeer().strip() == "7 vakanties gelezen: 0 nieuw, 1 gewijzigd."
    assert Schoolvakantie.objects.get(naam="Kerstvakantie").einddatum == date(2026, 1, 4)


def test_een_kapot_bestand_geeft_een_duidelijke_fout_en_slaat_niets_op(tmp_path: Path) -> None:
    kapot = tmp_path / "kapot.json"
    kapot.write_text('{"geen": "feed"}', encoding="utf-8")
    with pytest.raises(CommandError, match="'content' ontbreekt"):
        call_command("schoolvakanties", str(kapot))
    with pytest.raises(CommandError, match="kan niet worden gelezen"):
        call_command("schoolvakanties", str(tmp_path / "bestaat-niet.json"))
    assert not Schoolvakantie.objects.exists()


def test_een_schoolkalender_gebruikt_de_opgeslagen_vakanties_en_haar_eigen_vrije_dagen() -> None:
    school = SchoolFactory(regio="noord")
    andere = SchoolFactory(regio="noord")
    VrijeDag.objects.create(school=school, datum=date(2025, 11, 12), omschrijving="studiedag")
    # before the feed: the package's herfstvakantie noord (18-10 t/m 26-10-2025)
    assert schoolkalender(school).is_lesdag(date(2025, 10, 13))
    _importeer()
    kalender = schoolkalender(school)
    assert not kalender.is_lesdag(date(2025, 10, 13))  # the feed's herfstvakantie
    assert not kalender.is_lesdag(date(2025, 11, 12))  # the school's own day off
    assert schoolkalender(andere).is_lesdag(date(2025, 11, 12))
    alle = schoolkalenders([school, andere])
    assert not alle[school.pk].is_lesdag(date(2025, 11, 12))
    assert alle[andere.pk].is_lesdag(date(2025, 11, 12))
