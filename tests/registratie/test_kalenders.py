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


def test_the_holiday_feed_is_stored_once_and_a_second_import_changes_nothing() -> None:
    assert _importeer().strip() == "7 vakanties gelezen: 7 nieuw, 0 gewijzigd."
    assert _importeer().strip() == "7 vakanties gelezen: 0 nieuw, 0 gewijzigd."
    assert Schoolvakantie.objects.count() == 7
    kerst = Schoolvakantie.objects.get(naam="Kerstvakantie")
    assert (kerst.regio, kerst.begindatum, kerst.einddatum) == (
        "heel nederland",
        date(2025, 12, 20),
        date(2026, 1, 4),
    )


def test_a_corrected_end_date_updates_the_stored_holiday() -> None:
    _importeer()
    Schoolvakantie.objects.filter(naam="Kerstvakantie").update(einddatum=date(2026, 1, 11))
    assert _importeer().strip() == "7 vakanties gelezen: 0 nieuw, 1 gewijzigd."
    assert Schoolvakantie.objects.get(naam="Kerstvakantie").einddatum == date(2026, 1, 4)


def test_a_broken_file_gives_a_clear_error_and_stores_nothing(tmp_path: Path) -> None:
    kapot = tmp_path / "kapot.json"
    kapot.write_text('{"geen": "feed"}', encoding="utf-8")
    with pytest.raises(CommandError, match="'content' ontbreekt"):
        call_command("schoolvakanties", str(kapot))
    with pytest.raises(CommandError, match="kan niet worden gelezen"):
        call_command("schoolvakanties", str(tmp_path / "bestaat-niet.json"))
    assert not Schoolvakantie.objects.exists()


def test_a_schools_calendar_uses_the_stored_holidays_and_its_own_free_days() -> None:
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
