# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from datetime import date

from django.test import Client
from django.urls import reverse

import pytest

from binnenboord.kern.kalender import Schoolkalender
from binnenboord.registratie.verzuimkalender import bouw_verzuimkalender
from binnenboord.toegang.models import Rol
from tests.factories import LeerlingFactory, SchoolFactory, VerzuimFactory
from tests.wereld import Wereld

NOORD = Schoolkalender("noord")


@pytest.mark.django_db
def test_de_kalender_toont_elke_dag_met_zijn_soort_en_de_totalen() -> None:
    # given absence on two lesdagen of school year 2025/26 and one in the year before
    leerling = LeerlingFactory()
    school = SchoolFactory()
    VerzuimFactory(
        leerling=leerling, school=school, datum=date(2025, 12, 10), minuten_ongeoorloofd=300
    )
    VerzuimFactory(
        leerling=leerling,
        school=school,
        datum=date(2026, 1, 12),
        minuten_ziek=200,
        minuten_te_laat=20,
    )
    VerzuimFactory(leerling=leerling, school=school, datum=date(2025, 6, 2), minuten_ziek=300)

    # when the calendar of that school year is built on 15 January 2026
    kalender = bouw_verzuimkalender(
        leerling, peildatum=date(2025, 9, 1), vandaag=date(2026, 1, 15), kalender=NOORD
    )

    # then it runs August to July, one row per month with 31 slots
    assert (kalender.van, kalender.tot) == (date(2025, 8, 1), date(2026, 7, 31))
    assert [m.eerste.month for m in kalender.maanden] == [8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7]
    december = kalender.maanden[4]
    assert len(december.dagen) == 31
    assert len([d for d in kalender.maanden[6].dagen if d is not None]) == 28  # February 2026
    # and the days carry their kind, the holiday and the future
    dag_10_dec = december.dagen[9]
    assert dag_10_dec is not None
    assert (dag_10_dec.soort, dag_10_dec.letter, dag_10_dec.totaal) == ("ongeoorloofd", "O", 300)
    kerst = december.dagen[21]
    assert kerst is not None and (kerst.lesdag, kerst.vakantie) == (False, True)
    dag_12_jan = kalender.maanden[5].dagen[11]
    assert dag_12_jan is not None and dag_12_jan.soort == "ziek"
    later = kalender.maanden[5].dagen[19]
    assert later is not None and later.toekomst
    # and the totals count this school year only, up to today
    assert kalender.dagen_met_verzuim == 2
    assert kalender.uren_per_soort == {
        "ongeoorloofd": 5.0,
        "luxe": 0.0,
        "te_laat": 0.3,
        "ziek": 3.3,
        "geoorloofd": 0.0,
    }
    assert kalender.lesdagen == len(NOORD.lesdagen(date(2025, 8, 1), date(2026, 1, 15)))


def test_de_leerlingpagina_toont_status_vrijstelling_en_kalender(
    wereld: Wereld, client: Client
) -> None:
    from tests.factories import VrijstellingFactory

    leerling = wereld.leerlingen["demodam_school1"]
    VrijstellingFactory(leerling=leerling, artikel="5a", begindatum=date(2025, 8, 1))
    client.force_login(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    html = client.get(reverse("registratie:leerling", args=[leerling.pk])).content.decode()
    assert "Leerplichtig" in html or "leerplichtig" in html
    assert "art. 3" in html
    assert "art. 5 onder a" in html
    assert "Verzuimkalender schooljaar" in html


@pytest.mark.django_db
def test_de_kalender_van_een_school_beslaat_alleen_haar_eigen_perioden() -> None:
    # given absence on 10 December and 12 January, and a school whose period starts 5 January
    leerling = LeerlingFactory()
    school = SchoolFactory()
    VerzuimFactory(
        leerling=leerling, school=school, datum=date(2025, 12, 10), minuten_ongeoorloofd=300
    )
    VerzuimFactory(leerling=leerling, school=school, datum=date(2026, 1, 12), minuten_ziek=120)

    # when the calendar is built with that school's periods
    kalender = bouw_verzuimkalender(
        leerling,
        peildatum=date(2025, 9, 1),
        vandaag=date(2026, 1, 15),
        kalender=NOORD,
        perioden=[(date(2026, 1, 5), None)],
    )

    # then the day before the period is "elders" and empty, the day in it is shown
    december, januari = kalender.maanden[4], kalender.maanden[5]
    dag_10_dec, dag_12_jan = december.dagen[9], januari.dagen[11]
    assert dag_10_dec is not None and (dag_10_dec.elders, dag_10_dec.minuten) == (True, {})
    assert dag_12_jan is not None and (dag_12_jan.elders, dag_12_jan.minuten) == (
        False,
        {"ziek": 120},
    )
    # and the totals and school days count the period only (5 to 15 January: 9 school days)
    assert kalender.beperkt
    assert (kalender.dagen_met_verzuim, kalender.lesdagen) == (1, 9)
    assert kalender.uren_per_soort["ongeoorloofd"] == 0.0
    assert kalender.uren_per_soort["ziek"] == 2.0
