# SPDX-License-Identifier: EUPL-1.2
"""Organisations and kernteams of the region: a new school is a school of one of the own
municipalities (its registratie School made or linked), another kind serves only own
municipalities and keeps those of other regions, never a Leerplicht organisation; a kernteam
gets only the region's staff of each role. Every change has actor and time."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

import pytest
from auditlog.models import LogEntry

from binnenboord.registratie.models import School
from binnenboord.toegang.models import Kernteam, Organisatie, Rol
from tests.beheer.regio import Regio, bouw_regio


@pytest.fixture
def regio(db: None) -> Regio:
    return bouw_regio()


@pytest.fixture
def beheerder(regio: Regio, client: Client) -> Client:
    client.force_login(regio.beheerder)
    return client


def _school(regio: Regio, **anders: Any) -> dict[str, Any]:
    return {
        "soort": "school",
        "naam": "De Nieuwe School",
        "brin": "31QQ",
        "vestigingsnummer": "01",
        "gemeente": regio.demodam.pk,
        "onderwijssoort": "PO",
        "regio": "noord",
        **anders,
    }


def test_een_nieuwe_school_komt_in_de_eigen_gemeente_en_de_regio(
    regio: Regio, beheerder: Client
) -> None:
    antwoord = beheerder.post(reverse("beheer:organisatie_nieuw"), _school(regio))
    assert antwoord.status_code == 302
    organisatie = Organisatie.objects.get(naam="De Nieuwe School")
    assert (organisatie.soort, organisatie.brin, organisatie.vestigingsnummer) == (
        "school",
        "31QQ",
        "01",
    )
    school = School.objects.get(organisatie=organisatie)
    assert (school.brin, school.vestiging, school.gemeente) == ("31QQ", "01", regio.demodam)
    lijst = beheerder.get(reverse("beheer:organisaties"))
    assert organisatie in lijst.context["pagina"].object_list
    wijziging = LogEntry.objects.get_for_object(organisatie).get()
    assert wijziging.actor == regio.beheerder and wijziging.timestamp is not None


def test_een_school_in_een_andere_gemeente_kan_niet(regio: Regio, beheerder: Client) -> None:
    antwoord = beheerder.post(
        reverse("beheer:organisatie_nieuw"), _school(regio, gemeente=regio.buurdorp.pk)
    )
    assert antwoord.status_code == 400
    assert "gemeente" in antwoord.context["form"].errors
    # nor taking over an imported school of another municipality by its BRIN
    vuurtoren = School.objects.get(organisatie__naam="De Vuurtoren")
    School.objects.filter(pk=vuurtoren.pk).update(organisatie=None)
    antwoord = beheerder.post(
        reverse("beheer:organisatie_nieuw"),
        _school(regio, brin=vuurtoren.brin, vestigingsnummer=vuurtoren.vestiging),
    )
    assert antwoord.status_code == 400
    assert "brin" in antwoord.context["form"].errors
    assert not Organisatie.objects.filter(naam="De Nieuwe School").exists()
    assert School.objects.get(pk=vuurtoren.pk).gemeente == regio.buurdorp


def test_een_geimporteerde_school_zonder_organisatie_wordt_gekoppeld(
    regio: Regio, beheerder: Client
) -> None:
    geimporteerd = School.objects.create(
        brin="42RR",
        vestiging="00",
        naam="Import",
        soort="VO",
        gemeente=regio.demodam,
        regio="noord",
    )
    antwoord = beheerder.post(
        reverse("beheer:organisatie_nieuw"),
        _school(regio, brin="42RR", vestigingsnummer="00", onderwijssoort="VO"),
    )
    assert antwoord.status_code == 302
    geimporteerd.refresh_from_db()
    assert geimporteerd.organisatie is not None
    assert geimporteerd.organisatie.naam == "De Nieuwe School"
    assert School.objects.filter(brin="42RR").count() == 1


def test_een_andere_soort_bedient_alleen_eigen_gemeenten(regio: Regio, beheerder: Client) -> None:
    antwoord = beheerder.post(
        reverse("beheer:organisatie_nieuw"),
        {"soort": "wijkteam", "naam": "Wijkteam Zuid", "gemeenten": [regio.buurdorp.pk]},
    )
    assert antwoord.status_code == 400
    assert "gemeenten" in antwoord.context["form"].errors
    antwoord = beheerder.post(
        reverse("beheer:organisatie_nieuw"),
        {"soort": "wijkteam", "naam": "Wijkteam Zuid", "gemeenten": []},
    )
    assert antwoord.status_code == 400
    antwoord = beheerder.post(
        reverse("beheer:organisatie_nieuw"),
        {"soort": "wijkteam", "naam": "Wijkteam Zuid", "gemeenten": [regio.demodam.pk]},
    )
    assert antwoord.status_code == 302
    assert set(Organisatie.objects.get(naam="Wijkteam Zuid").gemeenten.all()) == {regio.demodam}


def test_nooit_een_tweede_leerplichtorganisatie(regio: Regio, beheerder: Client) -> None:
    antwoord = beheerder.post(
        reverse("beheer:organisatie_nieuw"),
        {"soort": "gemeente", "naam": "Leerplicht Twee", "gemeenten": [regio.demodam.pk]},
    )
    assert antwoord.status_code == 400
    assert "soort" in antwoord.context["form"].errors
    assert not Organisatie.objects.filter(naam="Leerplicht Twee").exists()


def test_wijzigen_houdt_de_gemeenten_van_een_andere_regio(regio: Regio, beheerder: Client) -> None:
    # GGD Demodam serves Demodam and Buurdorp; Demodam's administrator renames it and unticks
    # Demodam: Buurdorp stays (and the kind stays, whatever is posted)
    ggd = regio.organisaties["GGD Demodam"]
    antwoord = beheerder.post(
        reverse("beheer:organisatie", args=[ggd.pk]),
        {"soort": "school", "naam": "GGD Regio", "gemeenten": []},
    )
    assert antwoord.status_code == 302
    ggd.refresh_from_db()
    assert ggd.naam == "GGD Regio" and ggd.soort == "jgz"
    assert set(ggd.gemeenten.all()) == {regio.buurdorp}
    # it left Demodam's region: now "not found" for Demodam, still Buurdorp's
    assert beheerder.get(reverse("beheer:organisatie", args=[ggd.pk])).status_code == 404
    andere = Client()
    andere.force_login(regio.beheerder_buurdorp)
    assert andere.get(reverse("beheer:organisatie", args=[ggd.pk])).status_code == 200


def test_een_school_wijzigen_blijft_in_de_eigen_gemeenten(regio: Regio, beheerder: Client) -> None:
    baken = regio.organisaties["Het Baken"]
    gegevens = _school(
        regio, naam="Het Baken (nieuw)", brin=baken.brin, vestigingsnummer=baken.vestigingsnummer
    )
    antwoord = beheerder.post(
        reverse("beheer:organisatie", args=[baken.pk]), {**gegevens, "gemeente": regio.buurdorp.pk}
    )
    assert antwoord.status_code == 400
    assert School.objects.get(organisatie=baken).gemeente == regio.demodam
    antwoord = beheerder.post(reverse("beheer:organisatie", args=[baken.pk]), gegevens)
    assert antwoord.status_code == 302
    assert School.objects.get(organisatie=baken).naam == "Het Baken (nieuw)"


def test_het_kernteam_krijgt_alleen_medewerkers_van_de_regio_met_de_rol(
    regio: Regio, beheerder: Client
) -> None:
    m = regio.wereld.medewerkers
    baken = regio.organisaties["Het Baken"]
    pagina = beheerder.get(reverse("beheer:kernteam", args=[baken.pk]))
    assert pagina.status_code == 200
    form = pagina.context["form"]
    assert set(form.fields["leerplichtambtenaar"].queryset) == {m[Rol.LEERPLICHTAMBTENAAR]}
    assert set(form.fields["jeugdarts"].queryset) == {m[Rol.JEUGDARTS]}
    # the family worker is of Buurdorp's neighbourhood team: not offered, refused when posted
    assert set(form.fields["gezinswerker"].queryset) == set()
    antwoord = beheerder.post(
        reverse("beheer:kernteam", args=[baken.pk]),
        {"gezinswerker": m[Rol.GEZINSWERKER].pk},
    )
    assert antwoord.status_code == 400
    assert "gezinswerker" in antwoord.context["form"].errors
    # Buurdorp's officer neither
    antwoord = beheerder.post(
        reverse("beheer:kernteam", args=[baken.pk]),
        {"leerplichtambtenaar": regio.medewerkers["lpa_buurdorp"].pk},
    )
    assert antwoord.status_code == 400
    assert not Kernteam.objects.filter(school=baken).exists()
    antwoord = beheerder.post(
        reverse("beheer:kernteam", args=[baken.pk]),
        {
            "leerplichtambtenaar": m[Rol.LEERPLICHTAMBTENAAR].pk,
            "jeugdarts": m[Rol.JEUGDARTS].pk,
            "swv_consulent": m[Rol.SWV_CONSULENT].pk,
        },
    )
    assert antwoord.status_code == 302
    kernteam = Kernteam.objects.get(school=baken)
    assert kernteam.leden() == [m[Rol.LEERPLICHTAMBTENAAR], m[Rol.JEUGDARTS], m[Rol.SWV_CONSULENT]]
    assert LogEntry.objects.get_for_object(kernteam).get().actor == regio.beheerder
    lijst = beheerder.get(reverse("beheer:kernteams"))
    assert [(s.naam, k) for s, k in lijst.context["pagina"]] == [("Het Baken", kernteam)]
    # a SWV has no kernteam
    swv = regio.organisaties["SWV Demodam"]
    assert beheerder.get(reverse("beheer:kernteam", args=[swv.pk])).status_code == 404


def test_de_startpagina_en_het_menu(regio: Regio, beheerder: Client) -> None:
    antwoord = beheerder.get(reverse("beheer:start"))
    assert antwoord.status_code == 200
    assert antwoord.context["aantal_organisaties"] == 4
    assert antwoord.context["aantal_scholen"] == 1
    assert reverse("beheer:start") in {item.url() for item in antwoord.context["menu"]}
    andere = Client()
    andere.force_login(regio.wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    menu = andere.get(reverse("web:vandaag")).context["menu"]
    assert reverse("beheer:start") not in {item.url() for item in menu}


def test_de_zoekkeuze_van_het_kernteam_vindt_alleen_de_regio(
    regio: Regio, beheerder: Client
) -> None:
    m = regio.wereld.medewerkers
    baken = regio.organisaties["Het Baken"]
    zoek = reverse("beheer:zoek_kernteamlid", args=[baken.pk])
    jeugdarts = m[Rol.JEUGDARTS]
    antwoord = beheerder.get(
        zoek, {"veld": "jeugdarts", "jeugdarts-zoekterm": jeugdarts.last_name[:4]}
    )
    assert antwoord.status_code == 200
    assert [o.pk for o in antwoord.context["k"]["getoond"]] == [jeugdarts.pk]
    # Buurdorp's officer is no choice for Demodam's school, whatever is searched
    antwoord = beheerder.get(
        zoek, {"veld": "leerplichtambtenaar", "leerplichtambtenaar-zoekterm": "Buurdorpling"}
    )
    assert antwoord.context["k"]["getoond"] == []
    assert beheerder.get(zoek, {"veld": "wachtwoord"}).status_code == 400
    # another region's school: not found; another role: forbidden
    vuurtoren = regio.organisaties["De Vuurtoren"]
    assert (
        beheerder.get(
            reverse("beheer:zoek_kernteamlid", args=[vuurtoren.pk]), {"veld": "jeugdarts"}
        ).status_code
        == 404
    )
    andere = Client()
    andere.force_login(m[Rol.LEERPLICHTAMBTENAAR])
    assert andere.get(zoek, {"veld": "jeugdarts"}).status_code == 404


def test_zonder_javascript_zoekt_de_zoekknop_en_bewaart_niets(
    regio: Regio, beheerder: Client
) -> None:
    jeugdarts = regio.wereld.medewerkers[Rol.JEUGDARTS]
    baken = regio.organisaties["Het Baken"]
    antwoord = beheerder.post(
        reverse("beheer:kernteam", args=[baken.pk]),
        {"jeugdarts-zoekterm": jeugdarts.last_name, "zoek-jeugdarts": "1"},
    )
    assert antwoord.status_code == 200
    assert str(jeugdarts) in antwoord.content.decode()
    assert not Kernteam.objects.filter(school=baken).exists()
