# SPDX-License-Identifier: EUPL-1.2
"""The example files of docs/importeren.md ("Importprofielen", docs/voorbeelden/) stay valid:
the codes import without a rejected row, and the lesson-level file stores exactly what its
equivalent day file stores."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.utils import translation

import pytest

from binnenboord.registratie.importeren.services import importeer
from binnenboord.registratie.models import Afwijzing, Import, School, Verzuim, Verzuimcode
from tests.factories import InschrijvingFactory, LeerlingFactory, SchoolFactory
from tests.registratie.test_lesuren import opgeslagen_verzuim

pytestmark = pytest.mark.django_db

VOORBEELDEN = Path(__file__).resolve().parents[2] / "docs" / "voorbeelden"


def _importeer(soort: str, naam: str) -> Import:
    pad = VOORBEELDEN / naam
    import_ = importeer(soort=soort, bestand=pad, bestandsnaam=naam, door=None)
    redenen = list(Afwijzing.objects.filter(bestandsimport=import_).values_list("rij", "reden"))
    assert (import_.status, import_.melding, redenen) == ("klaar", "", []), naam
    return import_


def test_de_voorbeeldbestanden_importeren_zonder_afwijzing_en_lesuren_en_dagen_zijn_gelijk() -> (
    None
):
    translation.activate("nl")
    SchoolFactory(brin="99XY", vestiging="00", daglengte_minuten=350, lesuur_minuten=50)
    school = School.objects.get(brin="99XY")
    for bsn in ("999990007", "999990019"):
        InschrijvingFactory(
            leerling=LeerlingFactory(bsn=bsn), school=school, begindatum=date(2025, 8, 1)
        )

    codes = _importeer("verzuimcodes", "verzuimcodes.csv")
    assert codes.aantal_nieuw == 6
    assert Verzuimcode.objects.get(school=school, code="UV").soort == "ongeoorloofd"

    lesuren = _importeer("verzuim", "verzuim-per-lesuur.csv")
    assert lesuren.aantal_rijen == 26
    per_lesuur = opgeslagen_verzuim()
    assert len(per_lesuur) == 5

    Verzuim.objects.all().delete()
    _importeer("verzuim", "verzuim-per-dag.csv")
    assert opgeslagen_verzuim() == per_lesuur
