# SPDX-License-Identifier: EUPL-1.2
"""The page "Te bevestigen": Leerplicht decides on held writes about its pupils; the requesting
side sees only what it sent and what became of it; nobody else sees or decides anything."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from binnenboord.registratie.models import (
    Bevestiging,
    Inschrijving,
    InschrijvingTerBevestiging,
    Leerling,
    School,
    Verhuismelding,
)
from binnenboord.toegang.models import Gemeente, Medewerker, Organisatie, Rol
from binnenboord.verantwoording.models import Inzage
from tests.factories import MedewerkerFactory, OrganisatieFactory
from tests.tekst import noemt
from tests.wereld import Wereld


@pytest.fixture
def opzet(wereld: Wereld) -> dict[str, Any]:
    """A move of demodam_school1 reported by Leerplicht Buurdorp, and an enrolment of the same
    pupil at De Vuurtoren that waits (a dubbele inschrijving)."""
    buurdorp = Gemeente.objects.get(naam="Buurdorp")
    leerplicht_b = MedewerkerFactory(
        rol=Rol.LEERPLICHTAMBTENAAR,
        organisatie=OrganisatieFactory(naam="Leerplicht Buurdorp", gemeenten=[buurdorp]),
    )
    school2 = MedewerkerFactory(
        rol=Rol.SCHOOLMEDEWERKER, organisatie=Organisatie.objects.get(naam="De Vuurtoren")
    )
    leerling = wereld.leerlingen["demodam_school1"]
    melding = Verhuismelding.objects.create(
        leerling=leerling,
        van_gemeente=leerling.woongemeente,
        naar_gemeente=buurdorp,
        gemeld_door=leerplicht_b,
        gegevens={
            "waarden": {
                "bsn": leerling.bsn,
                "voornamen": "Nieuwe",
                "achternaam": "Verhuisd",
                "geboortedatum": leerling.geboortedatum.isoformat(),
                "woongemeente_id": buurdorp.pk,
                "straat": "Kaapstraat",
            },
            "ouders": [],
        },
    )
    verzoek = InschrijvingTerBevestiging.objects.create(
        leerling=leerling,
        school=School.objects.get(organisatie__naam="De Vuurtoren"),
        begindatum=timezone.localdate(),
        reden=InschrijvingTerBevestiging.Reden.DUBBEL,
        aangevraagd_door=school2,
    )
    return {
        "leerling": leerling,
        "melding": melding,
        "verzoek": verzoek,
        "lpa": wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR],
        "leerplicht_b": leerplicht_b,
        "school2": school2,
        "school1": wereld.medewerkers[Rol.SCHOOLMEDEWERKER],
    }


def _client(medewerker: Medewerker) -> Client:
    client = Client()
    client.force_login(medewerker)
    return client


def test_de_leerplicht_van_de_leerling_ziet_beide_en_de_inzage_wordt_gelogd(
    opzet: dict[str, Any],
) -> None:
    leerling: Leerling = opzet["leerling"]
    antwoord = _client(opzet["lpa"]).get(reverse("registratie:bevestigen"))
    assert antwoord.status_code == 200
    tekst = antwoord.content.decode()
    assert noemt(tekst, leerling.achternaam)
    assert "Demodam → Buurdorp" in tekst and opzet["verzoek"].school.naam in tekst
    assert "no-store" in antwoord["Cache-Control"]
    assert list(
        Inzage.objects.filter(bron="registratie:bevestigen").values_list("leerling_id", flat=True)
    ) == [leerling.pk]


def test_de_aanvragers_zien_wat_ze_stuurden_maar_niet_de_leerling(opzet: dict[str, Any]) -> None:
    leerling: Leerling = opzet["leerling"]
    for wie, verwacht in (("leerplicht_b", "Buurdorp"), ("school2", "wacht op bevestiging")):
        tekst = _client(opzet[wie]).get(reverse("registratie:bevestigen")).content.decode()
        assert verwacht in tekst, wie
        assert not noemt(tekst, leerling.achternaam), wie
        assert not noemt(tekst, leerling.voornamen), wie
        assert reverse("registratie:leerling", args=[leerling.pk]) not in tekst, wie


@pytest.mark.parametrize("rol", [Rol.JEUGDARTS, Rol.SWV_CONSULENT, Rol.BELEIDSMEDEWERKER])
def test_andere_rollen_mogen_de_pagina_niet_openen(wereld: Wereld, rol: str) -> None:
    antwoord = _client(wereld.medewerkers[rol]).get(reverse("registratie:bevestigen"))
    assert antwoord.status_code == 403


@pytest.mark.parametrize("wie", ["leerplicht_b", "school2", "school1"])
def test_alleen_de_leerplicht_van_de_leerling_kan_beslissen(
    opzet: dict[str, Any], wie: str
) -> None:
    client = _client(opzet[wie])
    for naam, obj in (("bevestig_verhuizing", "melding"), ("bevestig_inschrijving", "verzoek")):
        antwoord = client.post(
            reverse(f"registratie:{naam}", args=[opzet[obj].pk]), {"besluit": "bevestigen"}
        )
        assert antwoord.status_code == 404, (wie, naam)
    assert Verhuismelding.objects.get().status == Bevestiging.OPEN
    assert InschrijvingTerBevestiging.objects.get().status == Bevestiging.OPEN
    assert Leerling.objects.get(pk=opzet["leerling"].pk).woongemeente.naam == "Demodam"


def test_het_bevestigen_van_de_verhuizing_verhuist_de_leerling(opzet: dict[str, Any]) -> None:
    client = _client(opzet["lpa"])
    antwoord = client.post(
        reverse("registratie:bevestig_verhuizing", args=[opzet["melding"].pk]),
        {"besluit": "bevestigen", "toelichting": ""},
    )
    assert antwoord.status_code == 302
    vers = Leerling.objects.get(pk=opzet["leerling"].pk)
    assert (vers.woongemeente.naam, vers.achternaam, vers.straat) == (
        "Buurdorp",
        "Verhuisd",
        "Kaapstraat",
    )
    melding = Verhuismelding.objects.get()
    assert (melding.status, melding.behandeld_door) == (Bevestiging.BEVESTIGD, opzet["lpa"])
    # the change history names who confirmed
    from auditlog.models import LogEntry

    entry = LogEntry.objects.get_for_object(vers).latest("timestamp")
    assert entry.actor == opzet["lpa"] and "woongemeente" in entry.changes_dict


def test_een_afwijzing_vraagt_een_reden_en_de_aanvrager_leest_die(opzet: dict[str, Any]) -> None:
    client = _client(opzet["lpa"])
    url = reverse("registratie:bevestig_inschrijving", args=[opzet["verzoek"].pk])
    client.post(url, {"besluit": "afwijzen", "toelichting": "  "})
    assert InschrijvingTerBevestiging.objects.get().status == Bevestiging.OPEN
    client.post(url, {"besluit": "afwijzen", "toelichting": "Staat op Het Baken."})
    assert InschrijvingTerBevestiging.objects.get().status == Bevestiging.AFGEWEZEN
    assert not Inschrijving.objects.filter(school__organisatie__naam="De Vuurtoren",
                                           leerling=opzet["leerling"]).exists()  # fmt: skip
    tekst = _client(opzet["school2"]).get(reverse("registratie:bevestigen")).content.decode()
    assert "Staat op Het Baken." in tekst


def test_het_bevestigen_van_de_inschrijving_opent_het_dossier_voor_de_school(
    opzet: dict[str, Any],
) -> None:
    school2, leerling = opzet["school2"], opzet["leerling"]
    assert (
        _client(school2).get(reverse("registratie:leerling", args=[leerling.pk])).status_code == 404
    )
    _client(opzet["lpa"]).post(
        reverse("registratie:bevestig_inschrijving", args=[opzet["verzoek"].pk]),
        {"besluit": "bevestigen"},
    )
    assert (
        _client(school2).get(reverse("registratie:leerling", args=[leerling.pk])).status_code == 200
    )


def test_de_werklijst_van_vandaag_telt_wat_wacht(opzet: dict[str, Any]) -> None:
    tekst = _client(opzet["lpa"]).get(reverse("web:vandaag")).content.decode()
    kaart = re.search(r'id="kaart-bevestigen">.*?bb-kaart__getal">(\d+)<', tekst, re.S)
    assert kaart is not None and kaart.group(1) == "2"
    Verhuismelding.objects.update(status=Bevestiging.AFGEWEZEN)
    InschrijvingTerBevestiging.objects.update(status=Bevestiging.AFGEWEZEN)
    tekst = _client(opzet["lpa"]).get(reverse("web:vandaag")).content.decode()
    assert 'id="kaart-bevestigen"' not in tekst


def test_de_importpagina_telt_de_wachtende_rijen_en_leidt_erheen(wereld: Wereld) -> None:
    from binnenboord.registratie.models import Import

    school1 = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    import_ = Import.objects.create(
        soort=Import.Soort.INSCHRIJVINGEN,
        bestandsnaam="nieuw.csv",
        medewerker=school1,
        organisatie=school1.organisatie,
        status=Import.Status.KLAAR,
        aantal_rijen=3,
        aantal_nieuw=1,
        aantal_wachtend=2,
    )
    tekst = _client(school1).get(reverse("registratie:import", args=[import_.pk])).content.decode()
    rij = re.search(r"Wacht op bevestiging</th><td[^>]*>(\d+) <a[^>]*href=\"([^\"]+)\"", tekst)
    assert rij is not None
    assert (rij.group(1), rij.group(2)) == ("2", reverse("registratie:bevestigen"))


def test_te_bevestigen_vraagt_evenveel_queries_voor_veel_aangehouden_wijzigingen_als_voor_een(
    wereld: Wereld, client: Client
) -> None:
    """Leerplicht's page with 1 and with 11 reported moves and held enrolments (each with a
    parent and an enrolment elsewhere): the same number of queries, and every pupil shown."""
    from tests.factories import InschrijvingFactory, LeerlingFactory, OuderFactory
    from tests.web.test_querytelling import _vergelijk

    demodam = Gemeente.objects.get(naam="Demodam")
    buurdorp = Gemeente.objects.get(naam="Buurdorp")
    school1 = School.objects.get(organisatie__naam="Het Baken")
    school2 = School.objects.get(organisatie__naam="De Vuurtoren")
    client.force_login(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])

    def voeg_toe(van: int, tot: int) -> list[str]:
        namen = []
        for i in range(van, tot):
            leerling: Any = LeerlingFactory(woongemeente=demodam, achternaam=f"Wachtend{i}")
            OuderFactory(leerling=leerling)
            InschrijvingFactory(leerling=leerling, school=school1)
            Verhuismelding.objects.create(
                leerling=leerling,
                van_gemeente=demodam,
                naar_gemeente=buurdorp,
                gegevens={"waarden": {"straat": f"Straat{i}", "woongemeente_id": buurdorp.pk},
                          "ouders": [], "voor": {"straat": "", "woongemeente_id": demodam.pk}},
            )  # fmt: skip
            InschrijvingTerBevestiging.objects.create(
                leerling=leerling,
                identiteit=f"bsn:{leerling.bsn}",
                school=school2,
                begindatum=timezone.localdate(),
                reden=InschrijvingTerBevestiging.Reden.DUBBEL,
            )
            namen += [f"Wachtend{i}", f"Straat{i}"]
        return namen

    _vergelijk(client, reverse("registratie:bevestigen"), voeg_toe)
