# SPDX-License-Identifier: EUPL-1.2
"""The access-log page of the functional administrator (issue 17): names instead of codes, the
pupil's name next to her number, one line per page view, filters on date range, action, role,
pupil and user; only the own region's entries; the page's own read of the names is logged.
And once per page view: one Vandaag load or one list writes one line per pupil shown."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

import pytest

from binnenboord.registratie.models import Gemeente, School
from binnenboord.signalering.models import Melding
from binnenboord.toegang.models import Medewerker, Rol
from binnenboord.verantwoording.models import Inzage
from binnenboord.verantwoording.services import inzagerijen, voeg_toe
from tests.factories import MedewerkerFactory, OrganisatieFactory
from tests.regie.factories import open_casus
from tests.wereld import Wereld

URL = "verantwoording:inzagelog"


def _lees(
    wie: Medewerker,
    leerlingen: list[Any],
    *,
    bron: str = "registratie:leerling",
    handeling: str = Inzage.Handeling.BEKIJKEN,
    om: datetime | None = None,
) -> None:
    """One page view of `wie` that showed `leerlingen` (one entry per pupil, one moment)."""
    voeg_toe(
        inzagerijen(
            gebruiker=wie,
            handeling=handeling,
            bron=bron,
            leerlingen=leerlingen,
            tijdstip=om or timezone.now(),
        )
    )


def _beheerder(wereld: Wereld) -> Medewerker:
    return wereld.medewerkers[Rol.FUNCTIONEEL_BEHEERDER]


def _beheerder_buurdorp() -> Medewerker:
    """The functional administrator of another municipality's Leerplicht (Buurdorp)."""
    buurdorp = Gemeente.objects.get(naam="Buurdorp")
    organisatie = OrganisatieFactory(naam="Leerplicht Buurdorp", gemeenten=[buurdorp])
    return MedewerkerFactory(
        username="beheer_buurdorp", rol=Rol.FUNCTIONEEL_BEHEERDER, organisatie=organisatie
    )


def _pagina(client: Client, wie: Medewerker, **filters: Any) -> str:
    client.force_login(wie)
    antwoord = client.get(reverse(URL), filters)
    assert antwoord.status_code == 200
    return antwoord.content.decode()


def _regels(pagina: str) -> int:
    tabel = pagina.split('<tbody class="utrecht-table__body">', 1)[1].split("</tbody>", 1)[0]
    return len(re.findall(r'<tr class="utrecht-table__row">', tabel)) - ("No entries" in tabel)


# --- names, not codes -----------------------------------------------------------------------


def test_de_pagina_toont_schermnamen_de_medewerker_met_rol_en_organisatie_en_de_leerling(
    wereld: Wereld, client: Client
) -> None:
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    leerling = wereld.leerlingen["demodam_school1"]
    _lees(school, [leerling], bron="regie:formulier:contact")
    _lees(school, [leerling], bron="web:vandaag", handeling=Inzage.Handeling.ZOEKEN)

    pagina = _pagina(client, _beheerder(wereld))

    assert "Casus – formulier contactmoment" in pagina
    assert ">Vandaag<" in pagina
    # the code only as the title of the name, never as the text of a cell
    assert ">regie:formulier:contact<" not in pagina and ">web:vandaag<" not in pagina
    with translation.override("nl"):
        rol = str(Rol.SCHOOLMEDEWERKER.label)
    assert escape(f"{school} · {rol} · {school.organisatie}") in pagina
    assert f"{escape(leerling.naam)}</a> (<span>{leerling.pk}</span>)" in pagina


def test_het_tonen_van_namen_is_zelf_een_leesregel_per_getoonde_leerling(
    wereld: Wereld, client: Client
) -> None:
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    getoond = [wereld.leerlingen["demodam_school1"], wereld.leerlingen["demodam_uitgeschreven"]]
    _lees(school, getoond)
    beheerder = _beheerder(wereld)

    _pagina(client, beheerder)

    eigen = Inzage.objects.filter(medewerker=beheerder)
    assert sorted(eigen.values_list("leerling_id", flat=True)) == sorted(g.pk for g in getoond)
    assert set(eigen.values_list("bron", "handeling")) == {("verantwoording:inzagelog", "zoeken")}
    assert len(set(eigen.values_list("tijdstip", flat=True))) == 1


# --- scope: only the own region's entries -------------------------------------------------


def test_alleen_de_functioneel_beheerder_ziet_het_log_en_alleen_dat_van_de_eigen_regio(
    wereld: Wereld, client: Client
) -> None:
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    lpa = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    demodam = wereld.leerlingen["demodam_school1"]
    buurdorp = wereld.leerlingen["buurdorp_school1"]
    _lees(school, [demodam], bron="registratie:leerling")
    _lees(school, [buurdorp], bron="registratie:school", handeling=Inzage.Handeling.ZOEKEN)
    _lees(lpa, [], bron="regie:casussen", handeling=Inzage.Handeling.ZOEKEN)
    andere = _beheerder_buurdorp()

    # every other role: 403
    for rol, wie in wereld.medewerkers.items():
        if rol != Rol.FUNCTIONEEL_BEHEERDER:
            client.force_login(wie)
            assert client.get(reverse(URL)).status_code == 403

    # Demodam: the read of its resident and its own officer's search, not Buurdorp's pupil
    pagina = _pagina(client, _beheerder(wereld))
    assert escape(demodam.naam) in pagina and escape(buurdorp.naam) not in pagina
    assert "Leerlingdossier" in pagina and "Casussen (lijst)" in pagina
    assert "Mijn school" not in pagina
    # Buurdorp: only the read of its resident
    pagina = _pagina(client, andere)
    assert escape(buurdorp.naam) in pagina and escape(demodam.naam) not in pagina
    assert "Mijn school" in pagina
    assert "Leerlingdossier" not in pagina and "Casussen (lijst)" not in pagina
    # and each administrator's page logged only the pupils it showed
    assert set(Inzage.objects.filter(medewerker=andere).values_list("leerling_id", flat=True)) == {
        buurdorp.pk
    }


# --- filters ------------------------------------------------------------------------------


@pytest.fixture
def gevuld(wereld: Wereld) -> dict[str, Any]:
    """Four page views on three days by three roles."""
    m, ll = wereld.medewerkers, wereld.leerlingen
    dag = timezone.make_aware(datetime.combine(date(2026, 11, 16), time(10, 0)))
    _lees(m[Rol.SCHOOLMEDEWERKER], [ll["demodam_school1"]], om=dag)
    _lees(
        m[Rol.LEERPLICHTAMBTENAAR],
        [ll["demodam_school1"], ll["demodam_uitgeschreven"]],
        bron="web:vandaag",
        handeling=Inzage.Handeling.ZOEKEN,
        om=dag + timedelta(days=1),
    )
    _lees(
        m[Rol.LEERPLICHTAMBTENAAR],
        [ll["demodam_uitgeschreven"]],
        bron="meldingen:export_pdf",
        handeling=Inzage.Handeling.EXPORTEREN,
        om=dag + timedelta(days=1, hours=2),
    )
    _lees(m[Rol.JEUGDARTS], [ll["demodam_school1"]], bron="regie:casus", om=dag + timedelta(days=2))
    return {"dag": dag}


@pytest.mark.parametrize(
    ("filters", "schermen"),
    [
        ({}, {"Leerlingdossier", "Vandaag", "Melding – export (pdf)", "Casus"}),
        ({"van": "2026-11-17"}, {"Vandaag", "Melding – export (pdf)", "Casus"}),
        ({"tot": "2026-11-16"}, {"Leerlingdossier"}),
        ({"van": "17-11-2026", "tot": "17-11-2026"}, {"Vandaag", "Melding – export (pdf)"}),
        ({"handeling": "exporteren"}, {"Melding – export (pdf)"}),
        ({"rol": "jeugdarts"}, {"Casus"}),
        ({"gebruiker": "schoolmedewerker"}, {"Leerlingdossier"}),
    ],
)
def test_filters_op_datum_handeling_rol_en_gebruiker(
    wereld: Wereld,
    client: Client,
    gevuld: dict[str, Any],
    filters: dict[str, str],
    schermen: set[str],
) -> None:
    pagina = _pagina(client, _beheerder(wereld), **filters)
    alle = {"Leerlingdossier", "Vandaag", "Melding – export (pdf)", "Casus"}
    gevonden = {s for s in alle if f"{s}</span>" in pagina}
    assert gevonden == schermen
    assert _regels(pagina) == len(schermen)


def test_filter_op_leerling_toont_alleen_haar_regels(
    wereld: Wereld, client: Client, gevuld: dict[str, Any]
) -> None:
    uitgeschreven = wereld.leerlingen["demodam_uitgeschreven"]
    pagina = _pagina(client, _beheerder(wereld), leerling=str(uitgeschreven.pk))
    assert _regels(pagina) == 2
    assert escape(wereld.leerlingen["demodam_school1"].naam) not in pagina
    # the filter's value is the number the log shows: a link on her name sets it
    assert f"?leerling={uitgeschreven.pk}" in pagina


@pytest.mark.parametrize(
    "filters",
    [
        {"van": "gisteren"},
        {"van": "2026-13-45"},
        {"tot": "0001-01-01"},
        {"van": "9999-12-31"},
        {"van": "2026-11-18", "tot": "2026-11-16"},
        {"leerling": "abc"},
        {"leerling": "99999999999999999999999"},
        {"handeling": "stelen"},
        {"rol": "directeur"},
    ],
)
def test_een_onjuiste_waarde_geeft_een_nederlandse_fout_op_het_formulier(
    wereld: Wereld, client: Client, gevuld: dict[str, Any], filters: dict[str, str]
) -> None:
    pagina = _pagina(client, _beheerder(wereld), **filters)
    assert 'class="bb-fout"' in pagina
    assert "Een filter met een fout wordt niet toegepast" in pagina


def test_de_paginering_houdt_de_filters(wereld: Wereld, client: Client) -> None:
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    leerling = wereld.leerlingen["demodam_school1"]
    begin = timezone.now() - timedelta(hours=2)
    for i in range(55):
        _lees(school, [leerling], om=begin + timedelta(minutes=i))
    pagina = _pagina(client, _beheerder(wereld), rol="schoolmedewerker")
    assert _regels(pagina) == 50
    assert "pagina=2" in pagina and "rol=schoolmedewerker" in pagina
    tweede = _pagina(client, _beheerder(wereld), rol="schoolmedewerker", pagina="2")
    assert _regels(tweede) == 5


# --- once per page view ---------------------------------------------------------------------


def _melding(wereld: Wereld, leerling: Any) -> Melding:
    door = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    return Melding.objects.create(
        soort=Melding.Soort.VERZUIMMELDING,
        leerling=leerling,
        school=School.objects.get(organisatie__naam="Het Baken"),
        gemeente=leerling.woongemeente,
        begindatum=date(2026, 9, 1),
        vermoedelijke_soort=Melding.VermoedelijkeSoort.ZESTIEN_UUR,
        prioriteit=Melding.Prioriteit.NORMAAL,
        aangemaakt_door=door,
        verzonden_door=door,
        verzonden_op=timezone.now(),
    )


def test_een_keer_vandaag_laden_schrijft_een_regel_per_getoonde_leerling_en_een_paginaweergave(
    wereld: Wereld, client: Client
) -> None:
    lpa = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    ll = wereld.leerlingen
    # the same pupil in two blocks (her case and two meldingen), another in one
    open_casus(ll["demodam_school1"], lpa)
    _melding(wereld, ll["demodam_school1"])
    _melding(wereld, ll["demodam_school1"])
    _melding(wereld, ll["demodam_uitgeschreven"])
    client.force_login(lpa)

    assert client.get(reverse("web:vandaag")).status_code == 200

    rijen = Inzage.objects.filter(medewerker=lpa)
    assert sorted(rijen.values_list("leerling_id", flat=True)) == sorted(
        [ll["demodam_school1"].pk, ll["demodam_uitgeschreven"].pk]
    )
    assert set(rijen.values_list("bron", "handeling")) == {("web:vandaag", "zoeken")}
    # one page view: the administrator's page shows it as one line
    pagina = _pagina(client, _beheerder(wereld), gebruiker="leerplichtambtenaar")
    assert _regels(pagina) == 1
    assert "2 leerlingen" in pagina or (
        escape(ll["demodam_school1"].naam) in pagina
        and escape(ll["demodam_uitgeschreven"].naam) in pagina
    )


def test_een_keer_een_lijst_laden_schrijft_een_regel_per_getoonde_leerling(
    wereld: Wereld, client: Client
) -> None:
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    client.force_login(school)
    assert client.get(reverse("registratie:leerlingen")).status_code == 200
    rijen = Inzage.objects.filter(medewerker=school)
    getoond = {wereld.leerlingen["demodam_school1"].pk, wereld.leerlingen["buurdorp_school1"].pk}
    assert sorted(rijen.values_list("leerling_id", flat=True)) == sorted(getoond)
    assert len(set(rijen.values_list("tijdstip", flat=True))) == 1


def test_een_leerling_die_een_pagina_ook_opent_wordt_niet_nog_eens_als_lijst_gelogd(
    wereld: Wereld,
) -> None:
    from django.test import RequestFactory

    from binnenboord.verantwoording.inzage import Inzagen

    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    ll = wereld.leerlingen
    verzoek = RequestFactory().get("/")
    verzoek.user = school
    inzagen = Inzagen()
    inzagen.noteer([ll["demodam_school1"]], bron="registratie:leerling", handeling="bekijken")
    inzagen.noteer(
        [ll["demodam_school1"], ll["buurdorp_school1"]], bron="web:vandaag", handeling="zoeken"
    )
    inzagen.noteer(
        [ll["demodam_school1"], ll["buurdorp_school1"]], bron="web:vandaag", handeling="zoeken"
    )
    inzagen.schrijf(verzoek)
    assert sorted(Inzage.objects.values_list("bron", "leerling_id")) == sorted(
        [
            ("registratie:leerling", ll["demodam_school1"].pk),
            ("web:vandaag", ll["buurdorp_school1"].pk),
        ]
    )
