# SPDX-License-Identifier: EUPL-1.2
"""Reading the engine's input from the database: set-wise, per scope, lesdagen per school."""

from __future__ import annotations

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

import polars as pl
import pytest

from binnenboord.kern.signalen import (
    INSCHRIJVINGEN_SCHEMA,
    LEERLINGEN_SCHEMA,
    LESDAGEN_SCHEMA,
    VERZUIM_SCHEMA,
    VRIJSTELLINGEN_SCHEMA,
)
from binnenboord.registratie.models import Verzuim, VrijeDag
from binnenboord.signalering.gegevens import (
    Bereik,
    lees_gegevens,
    lees_verzuim,
    periode,
)
from tests.factories import (
    GemeenteFactory,
    InschrijvingFactory,
    LeerlingFactory,
    OrganisatieFactory,
    SchoolFactory,
    VerzuimFactory,
    VrijstellingFactory,
)

PEILDATUM = date(2026, 1, 13)


def _leerlingen_met_verzuim(aantal: int, school: object) -> None:
    for _ in range(aantal):
        leerling = LeerlingFactory(woongemeente=school.gemeente)  # type: ignore[attr-defined]
        InschrijvingFactory(leerling=leerling, school=school)
        VrijstellingFactory(leerling=leerling, begindatum=date(2025, 9, 1))
        for datum in (date(2025, 12, 10), date(2026, 1, 7)):
            VerzuimFactory(leerling=leerling, school=school, datum=datum, minuten_ongeoorloofd=60)


def _aantal_queries(bereik: Bereik) -> int:
    with CaptureQueriesContext(connection) as queries:
        lees_gegevens(bereik=bereik, peildatum=PEILDATUM)
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("soort_bereik", ["alles", "gemeente", "leerlingen"])
def test_het_aantal_queries_groeit_niet_met_het_aantal_leerlingen(soort_bereik: str) -> None:
    school = SchoolFactory()
    VrijeDag.objects.create(school=school, datum=date(2025, 10, 3))

    def bereik() -> Bereik:
        if soort_bereik == "gemeente":
            return Bereik.voor_gemeente(school.gemeente)
        if soort_bereik == "leerlingen":
            return Bereik.voor_leerlingen(school.inschrijvingen.values_list("leerling", flat=True))
        return Bereik.alles()

    _leerlingen_met_verzuim(10, school)
    weinig = _aantal_queries(bereik())
    _leerlingen_met_verzuim(40, SchoolFactory(gemeente=school.gemeente))
    _leerlingen_met_verzuim(0, school)
    assert _aantal_queries(bereik()) == weinig


@pytest.mark.django_db
def test_de_tabellen_hebben_de_schemas_en_rijen_van_de_kern() -> None:
    # given one pupil with an enrolment, an exemption and two days of absence
    school = SchoolFactory(regio="noord")
    leerling = LeerlingFactory(woongemeente=school.gemeente, geboortedatum=date(2012, 5, 17))
    InschrijvingFactory(leerling=leerling, school=school, begindatum=date(2024, 8, 1))
    VrijstellingFactory(leerling=leerling, begindatum=date(2025, 9, 1))
    VerzuimFactory(leerling=leerling, school=school, datum=date(2025, 12, 10), minuten_ziek=300)
    # and absence after the peildatum, which the engine must not see
    VerzuimFactory(leerling=leerling, school=school, datum=date(2026, 2, 4), minuten_ziek=300)

    gegevens = lees_gegevens(bereik=Bereik.alles(), peildatum=PEILDATUM)

    assert gegevens.leerlingen.schema == LEERLINGEN_SCHEMA
    assert gegevens.inschrijvingen.schema == INSCHRIJVINGEN_SCHEMA
    assert gegevens.vrijstellingen.schema == VRIJSTELLINGEN_SCHEMA
    assert gegevens.verzuim.schema == VERZUIM_SCHEMA
    assert gegevens.lesdagen.schema == LESDAGEN_SCHEMA
    assert gegevens.leerlingen.rows() == [(leerling.pk, date(2012, 5, 17), False)]
    assert gegevens.inschrijvingen.rows() == [(leerling.pk, school.pk, date(2024, 8, 1), None)]
    assert gegevens.vrijstellingen.rows() == [(leerling.pk, "5a", date(2025, 9, 1), None)]
    assert gegevens.verzuim.rows() == [
        (leerling.pk, school.pk, date(2025, 12, 10), 0, 0, 0, 300, 0)
    ]


@pytest.mark.django_db
def test_woont_in_gemeente_betekent_dat_een_leerplichtorganisatie_de_woongemeente_bedient() -> None:
    bediend, onbekend = GemeenteFactory(), GemeenteFactory()
    OrganisatieFactory(gemeenten=[bediend])
    binnen = LeerlingFactory(woongemeente=bediend)
    buiten = LeerlingFactory(woongemeente=onbekend)
    gegevens = lees_gegevens(bereik=Bereik.alles(), peildatum=PEILDATUM)
    assert dict(gegevens.leerlingen.select("leerling_id", "woont_in_gemeente").rows()) == {
        binnen.pk: True,
        buiten.pk: False,
    }


@pytest.mark.django_db
def test_een_gemeente_omvat_haar_inwoners_en_de_leerlingen_van_haar_scholen() -> None:
    # given a municipality with a school, and a neighbour
    hier, buren = GemeenteFactory(), GemeenteFactory()
    school_hier, school_buren = SchoolFactory(gemeente=hier), SchoolFactory(gemeente=buren)
    woont_hier = LeerlingFactory(woongemeente=hier)
    InschrijvingFactory(leerling=woont_hier, school=school_buren)
    school_hier_woont_elders = LeerlingFactory(woongemeente=buren)
    InschrijvingFactory(leerling=school_hier_woont_elders, school=school_hier)
    vroeger_hier = LeerlingFactory(woongemeente=buren)
    InschrijvingFactory(
        leerling=vroeger_hier,
        school=school_hier,
        begindatum=date(2020, 8, 1),
        einddatum=date(2023, 7, 31),
    )
    helemaal_elders = LeerlingFactory(woongemeente=buren)
    InschrijvingFactory(leerling=helemaal_elders, school=school_buren)

    gegevens = lees_gegevens(bereik=Bereik.voor_gemeente(hier), peildatum=PEILDATUM)

    assert set(gegevens.leerlingen["leerling_id"]) == {woont_hier.pk, school_hier_woont_elders.pk}
    # the lesdagen cover every school of the pupils in scope
    assert set(gegevens.lesdagen["school_id"]) == {school_hier.pk, school_buren.pk}


@pytest.mark.django_db
def test_lesdagen_volgen_de_regio_en_laten_de_eigen_vrije_dagen_van_de_school_weg() -> None:
    noord, zuid = SchoolFactory(regio="noord"), SchoolFactory(regio="zuid")
    VrijeDag.objects.create(school=noord, datum=date(2025, 11, 14))
    for school in (noord, zuid):
        InschrijvingFactory(school=school)

    lesdagen = lees_gegevens(bereik=Bereik.alles(), peildatum=PEILDATUM).lesdagen

    def dagen(school: object) -> set[date]:
        return set(lesdagen.filter(pl.col("school_id") == school.pk)["datum"])  # type: ignore[attr-defined]

    assert min(lesdagen["datum"]) >= periode(PEILDATUM)[0]
    assert max(lesdagen["datum"]) <= PEILDATUM
    assert date(2025, 11, 14) not in dagen(noord)
    assert date(2025, 11, 14) in dagen(zuid)
    # kerstvakantie 2025/26 (both regions), a Saturday, and an ordinary Wednesday
    assert date(2025, 12, 24) not in dagen(noord) | dagen(zuid)
    assert date(2025, 12, 13) not in dagen(noord)
    assert date(2025, 12, 10) in dagen(noord) & dagen(zuid)


@pytest.mark.django_db
def test_copy_en_cursor_fetch_lezen_hetzelfde_verzuim() -> None:
    school = SchoolFactory()
    _leerlingen_met_verzuim(5, school)
    rijen = Verzuim.objects.order_by("leerling_id", "datum")
    via_copy = lees_verzuim(rijen, copy=True)
    via_cursor = lees_verzuim(rijen, copy=False)
    assert via_copy.height == 10
    assert via_copy.equals(via_cursor)
    assert lees_verzuim(Verzuim.objects.none(), copy=True).schema == VERZUIM_SCHEMA


def _leerlingen_met_16_uur(aantal: int, school: object) -> None:
    for _ in range(aantal):
        leerling = LeerlingFactory(
            woongemeente=school.gemeente,  # type: ignore[attr-defined]
            geboortedatum=date(2012, 5, 17),
        )
        InschrijvingFactory(leerling=leerling, school=school, begindatum=date(2024, 8, 1))
        for datum in (date(2025, 12, 10), date(2025, 12, 17), date(2026, 1, 7)):
            VerzuimFactory(leerling=leerling, school=school, datum=datum, minuten_ongeoorloofd=300)
        VerzuimFactory(
            leerling=leerling, school=school, datum=date(2026, 1, 12), minuten_ongeoorloofd=60
        )


@pytest.mark.django_db
def test_een_hele_run_vraagt_evenveel_queries_voor_veel_leerlingen_als_voor_weinig() -> None:
    from binnenboord.signalering.models import Signaal
    from binnenboord.signalering.services.signaal import signaleer

    def run() -> int:
        with CaptureQueriesContext(connection) as queries:
            signaleer(bereik=Bereik.alles(), peildatum=PEILDATUM)
        return len(queries)

    # given 5 pupils who each reach 16 hours: a first run (all new) and a re-run
    school = SchoolFactory(regio="noord")
    _leerlingen_met_16_uur(5, school)
    weinig_nieuw, weinig_opnieuw = run(), run()
    assert Signaal.objects.count() == 5
    # when 25 more pupils at another school do the same
    _leerlingen_met_16_uur(25, SchoolFactory(regio="noord", gemeente=school.gemeente))
    veel_nieuw, veel_opnieuw = run(), run()
    # then the runs took the same number of queries, and stored one signal per pupil
    assert Signaal.objects.count() == 30
    assert (veel_nieuw, veel_opnieuw) == (weinig_nieuw, weinig_opnieuw)
