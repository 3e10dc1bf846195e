# SPDX-License-Identifier: EUPL-1.2
"""The demo's cases: opened from the most urgent signals through the regie services."""

from __future__ import annotations

from datetime import date
from io import StringIO

from django.core.management import call_command

import pytest

from binnenboord.regie.models import Casus, CasusGebeurtenis, Contactmoment, PlanVanAanpak
from binnenboord.signalering.models import Signaal

pytestmark = pytest.mark.django_db


def test_the_demo_opens_cases_from_urgent_signals_and_works_half_of_them() -> None:
    # when the demo city is built (1,500 pupils, a year of absence up to mid-March)
    uitvoer = StringIO()
    call_command("demo", grootte=1500, seed=7, peildatum=date(2026, 3, 16), stdout=uitvoer)

    # then there are a few open cases, each opened from a signal that is now handled as a case
    casussen = list(Casus.objects.select_related("signaal", "regisseur", "leerling"))
    assert 1 <= len(casussen) <= 6
    assert f"Open casussen: {len(casussen)}." in uitvoer.getvalue()
    for casus in casussen:
        assert casus.status == Casus.Status.OPEN
        assert casus.signaal is not None
        assert casus.signaal.status == Signaal.Status.AFGEHANDELD
        assert casus.signaal.afhandeling == Signaal.Afhandeling.CASUS
        assert casus.regisseur.username == "leerplichtambtenaar"
        assert casus.leerling.woongemeente.code == "9999"
    # and the older half has a home visit and a plan van aanpak, in their history too
    bezocht = Contactmoment.objects.filter(soort=Contactmoment.Soort.HUISBEZOEK)
    assert bezocht.count() == PlanVanAanpak.objects.count() == (len(casussen) + 1) // 2
    assert CasusGebeurtenis.objects.filter(
        soort=CasusGebeurtenis.Soort.PLAN_OPGESLAGEN
    ).count() == (PlanVanAanpak.objects.count())
