# SPDX-License-Identifier: EUPL-1.2
"""Thresholds per municipality (settings.SIGNAAL_DREMPELS): a pupil's signals follow the
thresholds of the municipality he lives in; a wrong setting stops the start."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

import pytest

from binnenboord.signalering.drempels import controleer_drempels, drempels_per_gemeente
from binnenboord.signalering.gegevens import Bereik
from binnenboord.signalering.models import Signaal, Soort
from binnenboord.signalering.services.signaal import signaleer
from tests.factories import (
    GemeenteFactory,
    InschrijvingFactory,
    LeerlingFactory,
    OrganisatieFactory,
    SchoolFactory,
    VerzuimFactory,
)

# 10 hours without valid reason in lesweken 50, 51 and 2 (the Christmas weeks skipped)
TIEN_UUR = (date(2025, 12, 10), date(2025, 12, 17))
PEILDATUM = date(2026, 1, 13)


def _tien_uur(gemeente: object, school: object) -> object:
    leerling = LeerlingFactory(woongemeente=gemeente, geboortedatum=date(2012, 5, 17))
    InschrijvingFactory(leerling=leerling, school=school, begindatum=date(2024, 8, 1))
    for dag in TIEN_UUR:
        VerzuimFactory(leerling=leerling, school=school, datum=dag, minuten_ongeoorloofd=300)
    return leerling


@pytest.mark.django_db
@override_settings(SIGNAAL_DREMPELS={"9999": {"minuten_16_uur": 600}})
def test_een_gemeente_met_een_eigen_drempel_signaleert_haar_eigen_leerlingen_daarmee() -> None:
    # given a pupil of Demodam (report at 10 hours) and one of Buurdorp (the law's 16) at the
    # same school, each 10 hours absent
    demodam = GemeenteFactory(code="9999", naam="Demodam")
    buurdorp = GemeenteFactory(code="9998", naam="Buurdorp")
    OrganisatieFactory(naam="Leerplicht Demodam", gemeenten=[demodam, buurdorp])
    school = SchoolFactory(gemeente=demodam, regio="noord")
    uit_demodam = _tien_uur(demodam, school)
    uit_buurdorp = _tien_uur(buurdorp, school)

    # when everyone is signalled
    signaleer(bereik=Bereik.alles(), peildatum=PEILDATUM)

    # then only the Demodam pupil has the report signal, explained with Demodam's threshold
    [signaal] = Signaal.objects.filter(soort=Soort.VERZUIM_16_UUR)
    assert signaal.leerling_id == uit_demodam.pk  # type: ignore[attr-defined]
    assert signaal.datum == date(2025, 12, 17)
    assert signaal.uitleg.endswith("10 uur bereikt op 17-12-2025.")
    assert not Signaal.objects.filter(leerling=uit_buurdorp).exists()


@pytest.mark.parametrize(
    ("instelling", "fout"),
    [
        ({"0363": {"minuten_17_uur": 600}}, "onbekende drempel 'minuten_17_uur'"),
        ({"0363": {"minuten_16_uur": "600"}}, "'600' is geen int"),
        ({"0363": {"minuten_16_uur": -1}}, "-1 mag niet negatief zijn"),
        ({"0363": {"verborgen_thuiszitters_meetellen": 1}}, "1 is geen bool"),
        ({"0363": 600}, "moet een object met drempels zijn"),
    ],
)
def test_een_foute_instelling_is_een_fout_in_de_systeemcontrole_en_wordt_nooit_gebruikt(
    instelling: dict[str, object], fout: str
) -> None:
    with override_settings(SIGNAAL_DREMPELS=instelling):
        [melding] = controleer_drempels()
        assert melding.id == "binnenboord.E001"
        assert fout in melding.msg
        with pytest.raises(ImproperlyConfigured, match=fout):
            drempels_per_gemeente()


def test_amsterdam_telt_verborgen_thuiszitters() -> None:
    with override_settings(SIGNAAL_DREMPELS={"0363": {"verborgen_thuiszitters_meetellen": True}}):
        assert controleer_drempels() == []
        [(code, drempels)] = drempels_per_gemeente().items()
    assert code == "0363"
    assert drempels.verborgen_thuiszitters_meetellen
    assert drempels.minuten_16_uur == 960
