# SPDX-License-Identifier: EUPL-1.2
"""The Casussen list's search, filters and sort (regie.filters): which cases come back for
each filter, the order for each sort, a filter naming another school's or municipality's
school or regisseur giving none of theirs, bad values as a Dutch form error, the filters
kept by the pages and the access log of what was shown."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from binnenboord.regie.filters import fasekeuzes
from binnenboord.regie.models import Casus, Escalatie
from binnenboord.regie.views import casus as casusviews
from binnenboord.toegang.models import Rol
from binnenboord.verantwoording.models import Inzage
from tests.factories import InschrijvingFactory, LeerlingFactory
from tests.regie.factories import (
    casussen,
    open_casus,
    scholen,
    school2_medewerker,
    start_weken_terug,
)
from tests.wereld import Wereld

URL = reverse("regie:casussen")


@pytest.fixture
def alle(wereld: Wereld) -> dict[str, Casus]:
    return casussen(wereld)


def _lijst(client: Client, **params: Any) -> list[Casus]:
    antwoord = client.get(URL, params)
    assert antwoord.status_code == 200
    return list(antwoord.context["pagina"])


def _pks(client: Client, **params: Any) -> list[int]:
    return [c.pk for c in _lijst(client, **params)]


def test_zoeken_op_naam_geeft_alleen_die_leerling(
    wereld: Wereld, client: Client, alle: dict[str, Casus]
) -> None:
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    leerling = wereld.leerlingen["demodam_school1"]
    assert _pks(client, q=leerling.achternaam) == [alle["demodam_school1"].pk]
    # a name of a pupil outside the school's view finds nothing
    buiten = wereld.leerlingen["buurdorp_school2"]
    assert _pks(client, q=f"{buiten.voornamen.split()[0]} {buiten.achternaam}") == []


def test_filter_op_school_geeft_alleen_de_casussen_van_die_school_binnen_het_zicht(
    wereld: Wereld, client: Client, alle: dict[str, Casus]
) -> None:
    school1, school2 = scholen()
    m = wereld.medewerkers
    client.force_login(m[Rol.SCHOOLMEDEWERKER])
    assert set(_pks(client, school=school1.pk)) == {
        alle["demodam_school1"].pk,
        alle["buurdorp_school1"].pk,
    }
    # another school: none of its cases, no error (the filter is no oracle)
    antwoord = client.get(URL, {"school": school2.pk})
    assert list(antwoord.context["pagina"]) == []
    assert not antwoord.context["filters"].form.errors
    # another municipality: Leerplicht Demodam filtering on school 1 does not get the Buurdorp
    # pupil enrolled there
    client.force_login(m[Rol.LEERPLICHTAMBTENAAR])
    assert _pks(client, school=school1.pk) == [alle["demodam_school1"].pk]
    assert _pks(client, school=school2.pk) == []


def test_de_schoolkeuze_biedt_alleen_scholen_binnen_het_zicht(
    wereld: Wereld, client: Client, alle: dict[str, Casus]
) -> None:
    school1, _ = scholen()
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    keuzes = client.get(URL).context["filters"].form.fields["school"].choices
    assert [pk for pk, _ in keuzes] == ["", school1.pk]


def test_filter_op_regisseur_binnen_het_zicht(
    wereld: Wereld, client: Client, alle: dict[str, Casus]
) -> None:
    m = wereld.medewerkers
    school = m[Rol.SCHOOLMEDEWERKER]
    client.force_login(school)
    assert set(_pks(client, regisseur=school.pk)) == {
        alle["demodam_school1"].pk,
        alle["buurdorp_school1"].pk,
    }
    # the regisseur of another school's case: nothing of theirs
    assert _pks(client, regisseur=school2_medewerker().pk) == []
    # another municipality: Leerplicht Demodam sees only its own pupil's case of that regisseur
    client.force_login(m[Rol.LEERPLICHTAMBTENAAR])
    assert _pks(client, regisseur=school.pk) == [alle["demodam_school1"].pk]
    assert _pks(client, regisseur=school2_medewerker().pk) == []


def test_filter_op_escalatie(wereld: Wereld, client: Client, alle: dict[str, Casus]) -> None:
    m = wereld.medewerkers
    geescaleerd = alle["buurdorp_school1"]
    Escalatie.objects.create(
        casus=geescaleerd,
        orgaan="doorbraakoverleg",
        datum=timezone.localdate(),
        bevestigd_door=m[Rol.SCHOOLMEDEWERKER],
    )
    # a running escalation of a case outside the school's view
    Escalatie.objects.create(
        casus=alle["buurdorp_school2"],
        orgaan="doorbraakoverleg",
        datum=timezone.localdate(),
        bevestigd_door=school2_medewerker(),
    )
    client.force_login(m[Rol.SCHOOLMEDEWERKER])
    assert _pks(client, escalatie="ja") == [geescaleerd.pk]
    assert _pks(client, escalatie="doorbraakoverleg") == [geescaleerd.pk]
    assert _pks(client, escalatie="teammanagers") == []
    assert _pks(client, escalatie="nee") == [alle["demodam_school1"].pk]
    # Leerplicht Demodam: neither escalated case is in its view
    client.force_login(m[Rol.LEERPLICHTAMBTENAAR])
    assert _pks(client, escalatie="ja") == []


def test_filter_op_fase(wereld: Wereld, client: Client, alle: dict[str, Casus]) -> None:
    m = wereld.medewerkers
    school = m[Rol.SCHOOLMEDEWERKER]
    oud = alle["demodam_school1"]
    # a case started a year ago is in a later phase than one of two weeks
    Casus.objects.filter(pk=oud.pk).update(start=start_weken_terug(52))
    client.force_login(school)
    rijen = {c.pk: c.stand for c in _lijst(client)}
    nieuw = alle["buurdorp_school1"]
    assert rijen[oud.pk].fasecode != rijen[nieuw.pk].fasecode
    assert rijen[oud.pk].fasecode in dict(fasekeuzes())
    assert _pks(client, fase=rijen[oud.pk].fasecode) == [oud.pk]
    assert _pks(client, fase=rijen[nieuw.pk].fasecode) == [nieuw.pk]
    # Leerplicht Demodam filtering on the new case's phase does not get the Buurdorp pupil's case
    client.force_login(m[Rol.LEERPLICHTAMBTENAAR])
    assert _pks(client, fase=rijen[nieuw.pk].fasecode) == []


def test_alleen_open_casussen_tenzij_een_andere_status_gekozen(
    wereld: Wereld, client: Client, alle: dict[str, Casus]
) -> None:
    client.force_login(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    assert _pks(client) == [alle["demodam_school1"].pk]
    assert _pks(client, status="gesloten") == [alle["demodam_uitgeschreven"].pk]
    # a sort link keeps the default: open cases only
    assert _pks(client, sortering="-naam") == [alle["demodam_school1"].pk]


def _drie_casussen(wereld: Wereld) -> dict[int, Casus]:
    """Three open cases of school 1's pupils, started 30, 2 and 10 weeks ago."""
    m = wereld.medewerkers
    ll = wereld.leerlingen
    uitkomst = {
        30: open_casus(ll["demodam_school1"], m[Rol.SCHOOLMEDEWERKER], start=start_weken_terug(30)),
        2: open_casus(ll["buurdorp_school1"], m[Rol.SCHOOLMEDEWERKER], start=start_weken_terug(2)),
        10: open_casus(
            ll["demodam_uitgeschreven"], m[Rol.LEERPLICHTAMBTENAAR], start=start_weken_terug(10)
        ),
    }
    return uitkomst


def test_elke_sortering_geeft_de_juiste_volgorde(wereld: Wereld, client: Client) -> None:
    drie = _drie_casussen(wereld)
    client.force_login(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    # Leerplicht Demodam sees the two Demodam pupils' cases
    zichtbaar = [drie[30], drie[10]]
    assert _pks(client) == [drie[30].pk, drie[10].pk]  # longest running first
    assert _pks(client, sortering="-start") == [drie[10].pk, drie[30].pk]
    op_naam = sorted(zichtbaar, key=lambda c: (c.leerling.achternaam, c.leerling.voornamen))
    assert _pks(client, sortering="naam") == [c.pk for c in op_naam]
    assert _pks(client, sortering="-naam") == [c.pk for c in reversed(op_naam)]
    op_regisseur = sorted(zichtbaar, key=lambda c: (c.regisseur.last_name, c.regisseur.first_name))
    assert _pks(client, sortering="regisseur") == [c.pk for c in op_regisseur]
    # school: the pupil enrolled at school 1 (Het Baken) before the one enrolled nowhere (last
    # ascending: PostgreSQL sorts empty last)
    assert _pks(client, sortering="school") == [drie[30].pk, drie[10].pk]
    assert _pks(client, sortering="-school") == [drie[10].pk, drie[30].pk]
    rijen = _lijst(client, sortering="te_laat")
    assert [c.pk for c in rijen] == [drie[30].pk, drie[10].pk]
    assert rijen[0].stand.werkdagen_te_laat > rijen[1].stand.werkdagen_te_laat
    termijnen = _lijst(client, sortering="termijn")
    assert [c.stand.volgende_termijn for c in termijnen] == sorted(
        c.stand.volgende_termijn for c in termijnen
    )
    terug = _lijst(client, sortering="-termijn")
    assert [c.pk for c in terug] == [c.pk for c in reversed(termijnen)]
    fasen = _lijst(client, sortering="fase")
    assert [c.stand.fasenummer for c in fasen] == sorted(c.stand.fasenummer for c in fasen)
    assert [c.pk for c in _lijst(client, sortering="-fase")] == [c.pk for c in reversed(fasen)]


def test_meest_te_laat_eerst_over_drie_casussen(wereld: Wereld, client: Client) -> None:
    drie = _drie_casussen(wereld)
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    # school 1 sees its two pupils' cases: the 30-week one is the most overdue
    rijen = _lijst(client, sortering="te_laat")
    assert [c.pk for c in rijen] == [drie[30].pk, drie[2].pk]
    assert rijen[0].stand.te_laat


def test_de_kolommen_fase_termijn_en_school_staan_in_de_lijst(
    wereld: Wereld, client: Client
) -> None:
    drie = _drie_casussen(wereld)
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    antwoord = client.get(URL)
    html = antwoord.content.decode()
    school1, _ = scholen()
    assert school1.naam in html
    rij = next(c for c in antwoord.context["pagina"] if c.pk == drie[30].pk)
    assert rij.stand.fase in html
    assert rij.stand.volgende_termijn.strftime("%d-%m-%Y") in html
    assert 'aria-sort="ascending"' in html  # the default sort column says so


@pytest.mark.parametrize(
    ("parameter", "waarde"),
    [
        ("school", "abc"),
        ("regisseur", "-1"),
        ("fase", "geen:fase"),
        ("escalatie", "overal"),
        ("status", "weg"),
        ("sortering", "wachtwoord"),
    ],
)
def test_een_foute_waarde_geeft_een_nederlandse_fout_en_nooit_meer_dan_het_zicht(
    wereld: Wereld, client: Client, alle: dict[str, Casus], parameter: str, waarde: str
) -> None:
    client.force_login(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    antwoord = client.get(URL, {parameter: waarde})
    assert antwoord.status_code == 200
    fouten = antwoord.context["filters"].form.errors
    assert parameter in fouten
    tekst = " ".join(fouten[parameter])
    assert any(w in tekst.lower() for w in ("geef", "geheel", "selecteer", "keuze"))
    zichtbaar = {alle["demodam_school1"].pk, alle["demodam_uitgeschreven"].pk}
    assert set(_pks(client, **{parameter: waarde})) <= zichtbaar


def test_de_paginering_houdt_de_filters_vast(
    wereld: Wereld, client: Client, alle: dict[str, Casus], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(casusviews, "PER_PAGINA", 1)
    school1, _ = scholen()
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    eerste = client.get(URL, {"school": school1.pk, "sortering": "-naam"})
    assert eerste.context["pagina"].paginator.count == 2
    html = eerste.content.decode()
    assert f"school={school1.pk}" in html and "sortering=-naam" in html and "pagina=2" in html
    tweede = client.get(URL, {"school": school1.pk, "sortering": "-naam", "pagina": 2})
    beide = [*eerste.context["pagina"], *tweede.context["pagina"]]
    assert {c.pk for c in beide} == {alle["demodam_school1"].pk, alle["buurdorp_school1"].pk}
    assert [c.leerling.achternaam for c in beide] == sorted(
        (c.leerling.achternaam for c in beide), reverse=True
    )


def test_het_inzagelog_noemt_alleen_de_getoonde_leerlingen(
    wereld: Wereld, client: Client, alle: dict[str, Casus]
) -> None:
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    leerling = wereld.leerlingen["demodam_school1"]
    _lijst(client, q=leerling.achternaam)
    gelogd = set(Inzage.objects.filter(bron="regie:casussen").values_list("leerling_id", flat=True))
    assert gelogd == {leerling.pk}


def _aantal_queries(client: Client, **params: Any) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, params).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "params",
    [{}, {"sortering": "te_laat"}, {"sortering": "-fase", "escalatie": "nee", "school": "1"}],
)
def test_het_aantal_queries_groeit_niet_met_het_aantal_casussen(
    wereld: Wereld, client: Client, params: dict[str, str]
) -> None:
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    client.force_login(school)
    school1, _ = scholen()
    open_casus(wereld.leerlingen["demodam_school1"], school)
    weinig = _aantal_queries(client, **params)
    for weken in (3, 20, 40):
        leerling = LeerlingFactory(woongemeente=school1.gemeente)
        InschrijvingFactory(leerling=leerling, school=school1)
        open_casus(leerling, school, start=start_weken_terug(weken))
    assert _aantal_queries(client, **params) == weinig
