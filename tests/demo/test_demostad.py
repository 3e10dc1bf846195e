# SPDX-License-Identifier: EUPL-1.2
"""The demo city of 300 pupils, as built: counts, BSNs, ages, logins, organisations, absence,
enrolments and exemptions. These tests only read the city, so it is built once for the module
(in a transaction rolled back afterwards); the tests that build cities themselves (the seed, the
command) are in test_generator.py."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from django.db import transaction

import pytest
from stdnum.nl import brin, bsn

from binnenboord.demo.generator import (
    ABSOLUUT_MAANDEN,
    VRIJ_SINDS_MAANDEN,
    WACHTWOORD,
    DemoStad,
    _maanden_terug,
    bouw_demostad,
)
from binnenboord.kern.kalender import Schoolkalender
from binnenboord.registratie.models import (
    Afwijzing,
    Import,
    Inschrijving,
    Leerling,
    Ouder,
    School,
    Verzuim,
    Vrijstelling,
)
from binnenboord.toegang.models import (
    ROLLEN_PER_SOORT,
    Kernteam,
    Medewerker,
    Organisatie,
    Rol,
)
from tests.demo.test_generator import GROOTTE, PEILDATUM, SEED, _ingeschreven_op, _leeftijd

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def stad(django_db_setup: None, django_db_blocker: Any) -> Iterator[DemoStad]:
    with django_db_blocker.unblock(), transaction.atomic():
        yield bouw_demostad(grootte=GROOTTE, seed=SEED, peildatum=PEILDATUM)
        transaction.set_rollback(True)


def test_de_aantallen_kloppen_met_de_database(stad: DemoStad) -> None:
    assert stad.leerlingen == Leerling.objects.count() == GROOTTE
    assert stad.ouders == Ouder.objects.count()
    assert stad.inschrijvingen == Inschrijving.objects.count()
    assert stad.verzuim == Verzuim.objects.count()
    assert stad.vrijstellingen == Vrijstelling.objects.count()
    assert stad.scholen == School.objects.count()
    assert stad.organisaties == Organisatie.objects.count()
    assert stad.medewerkers == Medewerker.objects.count() == len(Rol.values)


def test_elk_bsn_is_geldig_en_uniek(stad: DemoStad) -> None:
    bsns = list(Leerling.objects.values_list("bsn", flat=True))
    assert len(bsns) == GROOTTE
    assert len(set(bsns)) == GROOTTE
    assert [b for b in bsns if b is None or len(b) != 9 or not bsn.is_valid(b)] == []


def test_elke_leerling_is_4_tot_17_en_heeft_een_of_twee_ouders(stad: DemoStad) -> None:
    leeftijden = {
        _leeftijd(g, PEILDATUM) for g in Leerling.objects.values_list("geboortedatum", flat=True)
    }
    assert leeftijden == set(range(4, 18))
    ouders_per_leerling: defaultdict[int, int] = defaultdict(int)
    for leerling_id in Ouder.objects.values_list("leerling_id", flat=True):
        ouders_per_leerling[leerling_id] += 1
    assert len(ouders_per_leerling) == GROOTTE
    assert set(ouders_per_leerling.values()) == {1, 2}
    assert Leerling.objects.exclude(tussenvoegsel="").exists()


def test_precies_een_login_per_rol_in_een_organisatie_die_erbij_past(stad: DemoStad) -> None:
    # given the demo log-ins
    demo = Medewerker.objects.filter(username__in=Rol.values).select_related("organisatie")
    # then each role has one, in an organisation whose kind allows that role
    assert sorted(m.rol for m in demo) == sorted(Rol.values)
    for medewerker in demo:
        assert medewerker.username == medewerker.rol
        assert medewerker.organisatie is not None
        assert medewerker.rol in ROLLEN_PER_SOORT[medewerker.organisatie.soort]
        assert medewerker.heeft_passende_rol
        assert medewerker.check_password(WACHTWOORD)
    assert sorted(i.gebruikersnaam for i in stad.inloggegevens) == sorted(Rol.values)
    schoolmedewerker = demo.get(rol=Rol.SCHOOLMEDEWERKER)
    assert schoolmedewerker.organisatie.school.soort == School.Soort.VO  # type: ignore[union-attr]


def test_de_stad_heeft_haar_scholen_partners_en_kernteams(stad: DemoStad) -> None:
    # then the smallest city still has every kind of school
    soorten = list(School.objects.values_list("soort", flat=True))
    assert soorten.count(School.Soort.PO) >= 2
    for soort in (School.Soort.VO, School.Soort.SO, School.Soort.VSO, School.Soort.MBO):
        assert soorten.count(soort) >= 1
    swv = Organisatie.objects.get(soort=Organisatie.Soort.SAMENWERKINGSVERBAND)
    for school in School.objects.select_related("organisatie", "gemeente"):
        assert brin.is_valid(school.brin) and len(school.brin) == 4
        assert school.vestiging == "00"
        assert school.regio == "noord"
        assert school.gemeente.naam == "Demodam"
        assert school.organisatie is not None
        assert school.organisatie.soort == Organisatie.Soort.SCHOOL
        assert school.samenwerkingsverband_id == swv.pk
        kernteam = Kernteam.objects.get(school=school.organisatie)
        assert {m.rol for m in kernteam.leden()} == {
            Rol.LEERPLICHTAMBTENAAR,
            Rol.JEUGDARTS,
            Rol.GEZINSWERKER,
            Rol.SWV_CONSULENT,
        }
    # and everything says it is fictitious
    assert not Organisatie.objects.exclude(naam__contains="(demo)").exists()
    leerplicht = Medewerker.objects.get(username=Rol.LEERPLICHTAMBTENAAR).organisatie
    assert leerplicht is not None
    assert list(leerplicht.gemeenten.values_list("code", "naam")) == [("9999", "Demodam")]


def test_een_klein_deel_van_de_leerlingen_woont_in_de_buurgemeente(stad: DemoStad) -> None:
    buurdorp = Leerling.objects.filter(woongemeente__code="9998")
    assert 0 < buurdorp.count() < 0.10 * GROOTTE
    # and they go to school in Demodam
    assert (
        not Inschrijving.objects.filter(leerling__in=buurdorp)
        .exclude(school__gemeente__code="9999")
        .exists()
    )


def test_elke_verzuimrij_valt_op_een_lesdag_binnen_een_inschrijving_op_die_school(
    stad: DemoStad,
) -> None:
    # given the lesdagen of the year up to the peildatum
    lesdagen = set(Schoolkalender("noord").lesdagen(PEILDATUM - timedelta(days=364), PEILDATUM))
    inschrijvingen: defaultdict[tuple[int, int], list[Inschrijving]] = defaultdict(list)
    for i in Inschrijving.objects.all():
        inschrijvingen[(i.leerling_id, i.school_id)].append(i)
    # then no absence row is outside them
    buiten = [
        v
        for v in Verzuim.objects.all()
        if v.datum not in lesdagen
        or not any(
            i.begindatum <= v.datum and (i.einddatum is None or v.datum <= i.einddatum)
            for i in inschrijvingen[(v.leerling_id, v.school_id)]
        )
    ]
    assert buiten == []
    assert not Verzuim.objects.exclude(bron=Verzuim.Bron.IMPORT).exists()
    assert set(Verzuim.objects.values_list("reden_code", flat=True)) <= {
        "ZK",
        "OG",
        "TL",
        "LX",
        "VL",
    }


def test_verzuim_is_scheef_verdeeld_weinig_dagen_voor_de_meesten_veel_uren_voor_sommigen(
    stad: DemoStad,
) -> None:
    # given the absence per enrolled pupil
    ingeschreven = set(Inschrijving.objects.values_list("leerling_id", flat=True))
    dagen: dict[int, list[Verzuim]] = {lln: [] for lln in ingeschreven}
    for v in Verzuim.objects.order_by("datum"):
        dagen[v.leerling_id].append(v)
    # then the median pupil was absent on only a few days
    assert statistics.median(len(rijen) for rijen in dagen.values()) <= 5

    # and some pupils have 16 hours without valid reason within 28 days
    def meeste_in_28_dagen(rijen: list[Verzuim]) -> int:
        return max(
            (
                sum(
                    r.minuten_ongeoorloofd + r.minuten_luxe + r.minuten_te_laat
                    for r in rijen
                    if begin.datum <= r.datum < begin.datum + timedelta(days=28)
                )
                for begin in rijen
            ),
            default=0,
        )

    zestien_uur = [lln for lln, rijen in dagen.items() if meeste_in_28_dagen(rijen) >= 16 * 60]
    assert len(zestien_uur) >= 2
    assert len(zestien_uur) <= 0.10 * len(ingeschreven)


def test_sommige_leerlingen_zijn_al_ruim_vier_weken_elke_lesdag_afwezig(stad: DemoStad) -> None:
    # given the lesdagen of the last 4 weeks and a day up to the peildatum
    recent = Schoolkalender("noord").lesdagen(PEILDATUM - timedelta(days=29), PEILDATUM)
    # then one pupil was away without valid reason and one was sick on every one of them
    for veld in ("minuten_ongeoorloofd", "minuten_ziek"):
        per_leerling: dict[int, int] = defaultdict(int)
        for leerling_id in Verzuim.objects.filter(
            datum__in=recent, **{f"{veld}__gte": 300}
        ).values_list("leerling_id", flat=True):
            per_leerling[leerling_id] += 1
        assert [n for n in per_leerling.values() if n == len(recent)], veld


def test_sommige_vierjarigen_van_4_jaar_en_9_maanden_zijn_niet_ingeschreven(stad: DemoStad) -> None:
    # given the pupils aged at least 4 years 9 months who are not yet 5
    oud_genoeg = date(2021, 6, 16)  # 4 years and 9 months before the peildatum
    kandidaten = Leerling.objects.filter(
        geboortedatum__lte=oud_genoeg, geboortedatum__gt=date(2021, 3, 16)
    )
    niet_ingeschreven = [lln for lln in kandidaten if not lln.inschrijvingen.exists()]
    # then some, but not most, are not enrolled
    assert 1 <= len(niet_ingeschreven) < kandidaten.count()
    assert all(lln.woongemeente.code == "9999" for lln in niet_ingeschreven)


def test_sommige_leerplichtige_leerlingen_zijn_sinds_enkele_maanden_nergens_ingeschreven(
    stad: DemoStad,
) -> None:
    # given the pupils of 6 to 15 without an enrolment or an exemption on the peildatum
    zonder = [
        lln
        for lln in Leerling.objects.exclude(
            inschrijvingen__in=Inschrijving.objects.filter(begindatum__lte=PEILDATUM).exclude(
                einddatum__lt=PEILDATUM
            )
        ).exclude(
            vrijstellingen__in=Vrijstelling.objects.filter(begindatum__lte=PEILDATUM).exclude(
                einddatum__lt=PEILDATUM
            )
        )
        if 6 <= _leeftijd(lln.geboortedatum, PEILDATUM) <= 15
    ]
    # then a few, all of Demodam, in absoluut verzuim since their school took them off its roll
    # some months ago (not since the year they turned five)
    assert 1 <= len(zonder) <= 0.02 * GROOTTE
    assert {lln.woongemeente.code for lln in zonder} == {"9999"}
    van, tot = ABSOLUUT_MAANDEN
    for leerling in zonder:
        laatste = leerling.inschrijvingen.order_by("-begindatum").first()
        assert laatste is not None and laatste.einddatum is not None
        assert (
            _maanden_terug(PEILDATUM, tot + 1)
            < laatste.einddatum
            < PEILDATUM - timedelta(days=28 * van)
        )


def test_sommige_leerlingen_wisselden_in_de_loop_van_het_jaar_van_school(stad: DemoStad) -> None:
    # given enrolments that ended within the year on another day than 31 July
    # (of pupils at a school today: the ones taken off the roll are the test above's)
    geeindigd = (
        Inschrijving.objects.filter(
            einddatum__gt=PEILDATUM - timedelta(days=365), einddatum__lt=PEILDATUM
        )
        .exclude(einddatum__month=7, einddatum__day=31)
        .filter(leerling__inschrijvingen__einddatum__isnull=True)
        .distinct()
    )
    # then each is followed the next day by an open enrolment at another school of that kind
    assert geeindigd.exists()
    for oud in geeindigd.select_related("school"):
        assert oud.einddatum is not None
        nieuw = Inschrijving.objects.get(
            leerling_id=oud.leerling_id, begindatum=oud.einddatum + timedelta(days=1)
        )
        assert nieuw.einddatum is None
        assert nieuw.school_id != oud.school_id
        assert nieuw.school.soort == oud.school.soort
    assert _ingeschreven_op(geeindigd[0].leerling_id, PEILDATUM)


def test_elke_soort_wordt_eenmaal_zonder_afwijzing_via_de_opdrachtregel_geimporteerd(
    stad: DemoStad,
) -> None:
    # given the imports the demo city was built with
    imports = list(Import.objects.order_by("pk"))
    # then there is one per kind, in the order a municipality would load them
    assert [i.soort for i in imports] == [
        "scholen",
        "leerlingen",
        "inschrijvingen",
        "verzuim",
        "vrijstellingen",
    ]
    # and every one finished and stored every row of its file
    for import_ in imports:
        assert import_.status == Import.Status.KLAAR, import_.melding
        assert import_.medewerker is None
        assert import_.aantal_afgewezen == 0
        assert import_.aantal_rijen == import_.aantal_nieuw == import_.verwerkt > 0
    assert not Afwijzing.objects.exists()
    per_soort = {i.soort: i for i in imports}
    assert per_soort["scholen"].aantal_nieuw == stad.scholen
    assert per_soort["leerlingen"].aantal_nieuw == stad.leerlingen
    assert per_soort["inschrijvingen"].aantal_nieuw == stad.inschrijvingen
    # and some days came as several rows (one per lesuur) that the import added up
    assert per_soort["verzuim"].aantal_rijen > stad.verzuim
    assert Verzuim.objects.filter(minuten_ongeoorloofd__in=[100, 150, 200]).exists()


def test_enkele_leerplichtige_leerlingen_zijn_vrijgesteld_onder_een_geldig_artikel(
    stad: DemoStad,
) -> None:
    # given the exemptions of the demo city
    vrijstellingen = list(Vrijstelling.objects.select_related("leerling__woongemeente"))
    # then there are a few, and every article the demo uses occurs
    assert 4 <= len(vrijstellingen) <= 0.01 * GROOTTE + 4
    assert {v.artikel for v in vrijstellingen} == {"5a", "5b", "5c", "15"}
    for vrijstelling in vrijstellingen:
        leeftijd = _leeftijd(vrijstelling.leerling.geboortedatum, PEILDATUM)
        # art. 15 is for the qualification duty (16 and 17), art. 5 for the younger ones
        assert 16 <= leeftijd <= 17 if vrijstelling.artikel == "15" else 5 <= leeftijd <= 16
        # this school year; one for good under 5 onder a since 11 months (its re-assessment is
        # near)
        if vrijstelling.begindatum != date(2025, 8, 1):
            assert vrijstelling.artikel == "5a" and vrijstelling.einddatum is None
            assert vrijstelling.begindatum == _maanden_terug(PEILDATUM, VRIJ_SINDS_MAANDEN)
        assert vrijstelling.einddatum is None or vrijstelling.einddatum > PEILDATUM
        assert vrijstelling.leerling.woongemeente.code == "9999"


def test_een_vrijgestelde_leerling_is_niet_ingeschreven_of_afwezig_zolang_de_vrijstelling_loopt(
    stad: DemoStad,
) -> None:
    for vrijstelling in Vrijstelling.objects.all():
        inschrijvingen = Inschrijving.objects.filter(leerling_id=vrijstelling.leerling_id)
        # then he went to school before, and no enrolment reaches into the exemption
        assert inschrijvingen.exists()
        assert not inschrijvingen.exclude(einddatum__lt=vrijstelling.begindatum).exists()
        assert not Verzuim.objects.filter(
            leerling_id=vrijstelling.leerling_id, datum__gte=vrijstelling.begindatum
        ).exists()
