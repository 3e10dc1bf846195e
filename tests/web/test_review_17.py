# SPDX-License-Identifier: EUPL-1.2
"""Review of issue 17 as another school, another municipality and an outsider would attack it:

- the Casussen filter form names only the case directors and schools of the cases the user
  sees; a case director or school id of someone else's case filters to nothing, exactly as
  an id that does not exist (no existence leak);
- after "gezien" the inbox comes back with its filters, and nowhere else: another site, a
  protocol-relative or backslash address, another page of Binnenboord all go to the plain
  inbox."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse

import pytest

from binnenboord.regie.models import Casus
from binnenboord.registratie.models import School
from binnenboord.toegang.models import Medewerker, Rol
from tests.regie.factories import casussen, school2_medewerker
from tests.signalering.factories import SignaalFactory
from tests.wereld import Wereld

pytestmark = pytest.mark.django_db


def _opties(html: str, naam: str) -> dict[str, str]:
    blok = re.search(rf'<select name="{naam}"[^>]*>(.*?)</select>', html, re.S)
    assert blok is not None, naam
    return dict(re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', blok.group(1)))


def _rijen(html: str) -> list[str]:
    return re.findall(r'href="/casussen/(\d+)/"', html)


@pytest.fixture
def alle(wereld: Wereld) -> dict[str, Casus]:
    return casussen(wereld)


def _als(client: Client, gebruiker: Medewerker) -> Client:
    client.force_login(gebruiker)
    return client


def test_het_filterformulier_van_casussen_noemt_alleen_wat_de_school_ziet(
    wereld: Wereld, client: Client, alle: dict[str, Casus]
) -> None:
    vreemde_regisseur = school2_medewerker()
    vreemde_school = School.objects.get(organisatie__naam="De Vuurtoren")
    _als(client, wereld.medewerkers[Rol.SCHOOLMEDEWERKER])

    html = client.get(reverse("regie:casussen")).content.decode()
    regisseurs = _opties(html, "regisseur")
    scholen = _opties(html, "school")
    assert str(wereld.medewerkers[Rol.SCHOOLMEDEWERKER].pk) in regisseurs
    assert str(vreemde_regisseur.pk) not in regisseurs
    assert vreemde_regisseur.last_name not in " ".join(regisseurs.values())
    assert str(vreemde_school.pk) not in scholen
    assert vreemde_school.naam not in html


@pytest.mark.parametrize("filter_", ["regisseur", "school"])
def test_een_id_van_een_ander_filtert_als_een_id_dat_niet_bestaat(
    wereld: Wereld, client: Client, alle: dict[str, Casus], filter_: str
) -> None:
    vreemd = {
        "regisseur": school2_medewerker().pk,
        "school": School.objects.get(organisatie__naam="De Vuurtoren").pk,
    }[filter_]
    _als(client, wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    url = reverse("regie:casussen")

    alles = client.get(url, {"status": ""})
    anders = client.get(url, {"status": "", filter_: vreemd})
    niets = client.get(url, {"status": "", filter_: 2**62})

    assert _rijen(alles.content.decode())  # Leerplicht sees cases of Demodam
    assert anders.status_code == niets.status_code == 200
    assert _rijen(anders.content.decode()) == _rijen(niets.content.decode()) == []
    assert str(alle["buurdorp_school2"].pk) not in anders.content.decode()


@pytest.mark.parametrize(
    ("terug", "verwacht"),
    [
        ("/signalen/?soort=verzuim_16_uur&pagina=2", "/signalen/?soort=verzuim_16_uur&pagina=2"),
        ("https://kwaad.example/signalen/", "/signalen/"),
        ("//kwaad.example/signalen/", "/signalen/"),
        ("/\\kwaad.example/signalen/", "/signalen/"),
        ("\\\\kwaad.example", "/signalen/"),
        ("javascript:alert(1)//signalen/", "/signalen/"),
        ("/leerlingen/", "/signalen/"),
        ("/signalen/../beheer/", "/signalen/"),
        ("", "/signalen/"),
    ],
)
def test_na_gezien_terug_naar_de_eigen_lijst_en_nergens_anders(
    wereld: Wereld, client: Client, terug: str, verwacht: str
) -> None:
    leerling = wereld.leerlingen["demodam_school1"]
    signaal = SignaalFactory(
        leerling=leerling, school=leerling.inschrijvingen.get().school, gebeurtenis=True
    )
    _als(client, wereld.medewerkers[Rol.SCHOOLMEDEWERKER])

    antwoord = client.post(reverse("signalering:gezien"), {"signalen": signaal.pk, "terug": terug})

    assert antwoord.status_code == 302
    assert antwoord["Location"] == verwacht


# --- the person picker's search endpoint: no way past the minimum and the limit ------------


def test_een_lijst_gekozen_ids_toont_niet_de_hele_school_zonder_zoekterm(wereld: Wereld) -> None:
    from binnenboord.gedeeld.zoekkeuze import MAX_TREFFERS
    from binnenboord.verantwoording.models import Inzage
    from tests.web.test_keuzes import VERWIJZING, _client, _leerling, _spreekuur, _waarden

    spreekuur = _spreekuur(wereld)
    leerlingen = [_leerling(wereld, "Het Baken", f"Kind{i}", "Opsomming") for i in range(30)]
    client = _client(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])

    # no search term, but every pupil's id as "chosen" (a single choice: one pupil at most)
    antwoord = client.get(
        reverse("web:zoek_verwijzing", args=[spreekuur.pk]),
        {VERWIJZING: [leerling.pk for leerling in leerlingen]},
    )

    assert antwoord.status_code == 200
    getoond = _waarden(antwoord, VERWIJZING)
    assert len(getoond) <= 1 < MAX_TREFFERS
    assert Inzage.objects.filter(bron="web:zoek_verwijzing").count() == len(getoond)


# --- the figures' period: any combination of kind and value, never a server error -----------

RARE_WAARDEN = (
    "",
    "0000-01",
    "9999-12",
    "2026-13",
    "2026-00",
    "-2026-01",
    "2026-1",
    "9" * 5000,
    "2026-2027\x00",
    "0-1",
    "9998-9999",
    "2025/2026",
    "2026-2025",
    "0001-01-01",
    "9999-12-31",
    "31-12-9999",
    "2026-02-30",
    "november",
)


@pytest.mark.parametrize("tijdvak", ["maand", "twee_maanden", "schooljaar", "eigen", "x"])
def test_elke_periodekeuze_met_rare_waarden_geeft_een_pagina(wereld: Wereld, tijdvak: str) -> None:
    client = Client()
    client.force_login(wereld.medewerkers[Rol.BELEIDSMEDEWERKER])
    veld = {"eigen": "van", "x": "maand"}.get(tijdvak, tijdvak)
    for waarde in RARE_WAARDEN:
        for extra in ({}, {"tot": waarde}, {"periode": "2026-09..2026-10"}):
            antwoord = client.get(
                reverse("monitoring:dashboard"),
                {"soort": "maand", "scope": "gemeente:9999", "tijdvak": tijdvak, veld: waarde}
                | extra,
            )
            assert antwoord.status_code in (200, 400), (tijdvak, waarde, extra)
            assert "Traceback" not in antwoord.content.decode()


# --- the access log of another region -------------------------------------------------------


def test_de_beheerder_van_een_andere_regio_ziet_regels_noch_namen_van_de_eerste(
    wereld: Wereld,
) -> None:
    from binnenboord.toegang.models import Gemeente
    from binnenboord.verantwoording.models import Inzage
    from binnenboord.verantwoording.services import log_inzage
    from tests.factories import MedewerkerFactory, OrganisatieFactory

    # Leerplicht Demodam reads a pupil of Demodam; Buurdorp's administrator looks
    leerling = wereld.leerlingen["demodam_school1"]
    leerling.achternaam = "Regiogrensvrouw"
    leerling.save()
    log_inzage(
        gebruiker=wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR],
        handeling=Inzage.Handeling.BEKIJKEN,
        bron="registratie:leerling",
        leerlingen=[leerling],
    )
    buurdorp = OrganisatieFactory(
        naam="Leerplicht Buurdorp", gemeenten=[Gemeente.objects.get(naam="Buurdorp")]
    )
    beheerder = MedewerkerFactory(rol=Rol.FUNCTIONEEL_BEHEERDER, organisatie=buurdorp)
    client = Client()
    client.force_login(beheerder)

    for url, parameters in (
        (reverse("verantwoording:inzagelog"), {}),
        (reverse("verantwoording:inzagelog"), {"leerling": leerling.pk}),
        (reverse("verantwoording:inzagelog"), {"gebruiker": "leerplichtambtenaar"}),
        (reverse("verantwoording:ongebruikelijk"), {}),
    ):
        html = client.get(url, parameters).content.decode()
        assert leerling.achternaam not in html, (url, parameters)
        assert "registratie:leerling" not in html

    # the own region's administrator does see the read, with the pupil's name
    client.force_login(wereld.medewerkers[Rol.FUNCTIONEEL_BEHEERDER])
    html = client.get(reverse("verantwoording:inzagelog"), {"leerling": leerling.pk})
    assert leerling.achternaam in html.content.decode()
