# SPDX-License-Identifier: EUPL-1.2
"""The Leerlingen list and Mijn school: search, filters and sort (registratie.filters): which
pupils come back for each filter, a filter naming another school or municipality giving none
of theirs, the order for each sort, bad values as a Dutch form error."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from binnenboord.registratie.models import Leerling, School
from binnenboord.toegang.models import Gemeente, Rol
from tests.factories import VerzuimFactory
from tests.wereld import Wereld

LEERLINGEN = reverse("registratie:leerlingen")
SCHOOL = reverse("registratie:school")


def _scholen() -> tuple[School, School]:
    return (
        School.objects.get(organisatie__naam="Het Baken"),
        School.objects.get(organisatie__naam="De Vuurtoren"),
    )


def _pks(client: Client, url: str, **params: Any) -> list[int]:
    antwoord = client.get(url, params)
    assert antwoord.status_code == 200
    return [rij.pk for rij in antwoord.context["pagina"]]


def _naam(leerling: Leerling) -> tuple[str, str]:
    return (leerling.achternaam, leerling.voornamen)


def test_leerlingen_filter_op_school_binnen_het_zicht(wereld: Wereld, client: Client) -> None:
    school1, school2 = _scholen()
    ll = wereld.leerlingen
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    assert set(_pks(client, LEERLINGEN, school=school1.pk)) == {
        ll["demodam_school1"].pk,
        ll["buurdorp_school1"].pk,
    }
    # another school: none of its pupils, and no error
    antwoord = client.get(LEERLINGEN, {"school": school2.pk})
    assert list(antwoord.context["pagina"]) == []
    assert not antwoord.context["filters"].form.errors
    # another municipality: Leerplicht Demodam never gets the Buurdorp pupils of either school
    client.force_login(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    for school in (school1, school2):
        gevonden = set(_pks(client, LEERLINGEN, school=school.pk))
        assert not gevonden & {ll["buurdorp_school1"].pk, ll["buurdorp_school2"].pk}
    assert ll["demodam_school1"].pk in _pks(client, LEERLINGEN, school=school1.pk)


def test_leerlingen_filter_op_woongemeente_binnen_het_zicht(wereld: Wereld, client: Client) -> None:
    ll = wereld.leerlingen
    buurdorp = Gemeente.objects.get(naam="Buurdorp")
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    # the school's Buurdorp pupil, not school 2's
    assert _pks(client, LEERLINGEN, woongemeente=buurdorp.pk) == [ll["buurdorp_school1"].pk]
    client.force_login(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    assert _pks(client, LEERLINGEN, woongemeente=buurdorp.pk) == []
    keuzes = client.get(LEERLINGEN).context["filters"].form.fields["woongemeente"].choices
    assert buurdorp.pk not in [pk for pk, _ in keuzes]


def test_leerlingen_zoeken_en_filter_op_geboortedatum(wereld: Wereld, client: Client) -> None:
    ll = wereld.leerlingen
    Leerling.objects.filter(pk=ll["demodam_school1"].pk).update(geboortedatum=date(2012, 5, 1))
    Leerling.objects.filter(pk=ll["buurdorp_school1"].pk).update(geboortedatum=date(2014, 5, 1))
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    assert _pks(client, LEERLINGEN, geboren_van="2013-01-01") == [ll["buurdorp_school1"].pk]
    assert _pks(client, LEERLINGEN, geboren_tot="2013-01-01") == [ll["demodam_school1"].pk]
    assert _pks(client, LEERLINGEN, q=ll["demodam_school1"].achternaam) == [
        ll["demodam_school1"].pk
    ]
    assert _pks(client, LEERLINGEN, q=ll["buurdorp_school2"].achternaam) == []


def test_leerlingen_elke_sortering(wereld: Wereld, client: Client) -> None:
    ll = wereld.leerlingen
    eigen = [ll["demodam_school1"], ll["buurdorp_school1"]]
    Leerling.objects.filter(pk=eigen[0].pk).update(geboortedatum=date(2012, 5, 1))
    Leerling.objects.filter(pk=eigen[1].pk).update(geboortedatum=date(2014, 5, 1))
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    school1, _ = _scholen()
    # only the pupils enrolled now (the list may hold a former pupil too)
    op = {"school": school1.pk}
    op_naam = [p.pk for p in sorted(eigen, key=_naam)]
    assert _pks(client, LEERLINGEN, **op) == op_naam
    assert _pks(client, LEERLINGEN, sortering="-naam", **op) == op_naam[::-1]
    assert _pks(client, LEERLINGEN, sortering="geboortedatum", **op) == [p.pk for p in eigen]
    assert _pks(client, LEERLINGEN, sortering="-geboortedatum", **op) == [p.pk for p in eigen[::-1]]
    # Buurdorp before Demodam
    assert _pks(client, LEERLINGEN, sortering="woongemeente", **op) == [p.pk for p in eigen[::-1]]
    assert _pks(client, LEERLINGEN, sortering="-woongemeente", **op) == [p.pk for p in eigen]


@pytest.mark.parametrize(
    ("parameter", "waarde"),
    [("school", "abc"), ("woongemeente", "0"), ("geboren_van", "morgen"), ("sortering", "bsn")],
)
def test_leerlingen_foute_waarde_geeft_een_nederlandse_fout(
    wereld: Wereld, client: Client, parameter: str, waarde: str
) -> None:
    client.force_login(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    antwoord = client.get(LEERLINGEN, {parameter: waarde})
    assert antwoord.status_code == 200
    tekst = " ".join(antwoord.context["filters"].form.errors[parameter])
    assert any(w in tekst for w in ("Geef", "Selecteer", "Voer", "geheel")), tekst
    assert wereld.leerlingen["buurdorp_school2"].pk not in _pks(
        client, LEERLINGEN, **{parameter: waarde}
    )


def test_mijn_school_sorteert_op_uren_ongeoorloofd(wereld: Wereld, client: Client) -> None:
    ll = wereld.leerlingen
    school1, _ = _scholen()
    gisteren = timezone.localdate() - timedelta(days=1)
    veel, weinig = ll["buurdorp_school1"], ll["demodam_school1"]
    VerzuimFactory(leerling=veel, school=school1, datum=gisteren, minuten_ongeoorloofd=300)
    VerzuimFactory(leerling=weinig, school=school1, datum=gisteren, minuten_ongeoorloofd=60)
    VerzuimFactory(
        leerling=weinig, school=school1, datum=gisteren - timedelta(days=1), minuten_ziek=600
    )
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    assert _pks(client, SCHOOL, sortering="meeste_ongeoorloofd") == [veel.pk, weinig.pk]
    assert _pks(client, SCHOOL, sortering="-ongeoorloofd") == [veel.pk, weinig.pk]
    assert _pks(client, SCHOOL, sortering="ongeoorloofd") == [weinig.pk, veel.pk]
    assert _pks(client, SCHOOL, sortering="-ziek") == [weinig.pk, veel.pk]
    op_naam = [p.pk for p in sorted([veel, weinig], key=_naam)]
    assert _pks(client, SCHOOL) == op_naam
    assert _pks(client, SCHOOL, sortering="-naam") == op_naam[::-1]
    assert _pks(client, SCHOOL, q=veel.achternaam) == [veel.pk]
    # the header link of the column sorts it and says how it is sorted
    html = client.get(SCHOOL, {"sortering": "-ongeoorloofd"}).content.decode()
    assert 'aria-sort="descending"' in html and "?sortering=ongeoorloofd" in html


def test_mijn_school_zoeken_vindt_geen_leerling_van_een_andere_school(
    wereld: Wereld, client: Client
) -> None:
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    vreemd = wereld.leerlingen["buurdorp_school2"]
    assert _pks(client, SCHOOL, q=vreemd.achternaam) == []
    assert _pks(client, SCHOOL, q=vreemd.bsn) == []
