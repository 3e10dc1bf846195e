# SPDX-License-Identifier: EUPL-1.2
"""The consultation-hour page (issue 13, finding 5): its referral list holds the school's pupils
enrolled now (not every pupil enrolled on the hour's date), the page logs every pupil it shows
in one access-log call, and a crafted POST cannot refer a pupil outside the school's scope."""

from __future__ import annotations

from datetime import date, time, timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from binnenboord.regie.models import Spreekuur, Verwijzing
from binnenboord.regie.services import overleg as diensten
from binnenboord.registratie.models import Leerling, School
from binnenboord.toegang.models import Rol
from binnenboord.verantwoording.models import Inzage
from tests.factories import InschrijvingFactory, LeerlingFactory
from tests.tekst import noemt
from tests.wereld import Wereld


def _spreekuur(wereld: Wereld, datum: date) -> Spreekuur:
    return diensten.plan_spreekuur(
        school=School.objects.get(organisatie__naam="Het Baken"),
        leerplichtambtenaar=wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR],
        datum=datum,
        begin=time(9, 0),
        einde=time(10, 0),
    )


def _vertrokken(wereld: Wereld) -> Leerling:
    """A pupil who was at school 1 until ten days ago."""
    leerling: Leerling = LeerlingFactory(
        voornamen="Vertrokken",
        achternaam="Oudleerling",
        woongemeente=wereld.leerplicht.gemeenten.get(),
    )
    InschrijvingFactory(
        leerling=leerling,
        school=School.objects.get(organisatie__naam="Het Baken"),
        begindatum=date(2022, 8, 1),
        einddatum=timezone.localdate() - timedelta(days=10),
    )
    return leerling


def _keuzes(antwoord: object) -> set[int]:
    form = antwoord.context["verwijzen"]  # type: ignore[attr-defined]
    return {leerling.pk for leerling in form.fields["leerling"].queryset}


@pytest.mark.parametrize(
    "dagen",
    [-300, -30, 0, 30],
    ids=["300-dagen-terug", "30-dagen-terug", "vandaag", "over-30-dagen"],
)
def test_de_verwijslijst_bevat_de_leerlingen_die_nu_op_de_school_staan(
    dagen: int, wereld: Wereld, client: Client
) -> None:
    # given a consultation hour at school 1 on a day when two former pupils were enrolled
    vertrokken = _vertrokken(wereld)
    spreekuur = _spreekuur(wereld, timezone.localdate() + timedelta(days=dagen))
    # when school 1 opens its page
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    antwoord = client.get(reverse("overleg:spreekuur", args=[spreekuur.pk]))
    # then the list holds the two pupils enrolled now, never a former pupil
    assert antwoord.status_code == 200
    assert _keuzes(antwoord) == {
        wereld.leerlingen["demodam_school1"].pk,
        wereld.leerlingen["buurdorp_school1"].pk,
    }
    inhoud = antwoord.content.decode()
    # full names: two generated pupils may share a surname
    assert not noemt(inhoud, vertrokken.naam)
    assert not noemt(inhoud, wereld.leerlingen["demodam_uitgeschreven"].naam)


def test_de_pagina_logt_elke_getoonde_leerling_in_een_aanroep(
    wereld: Wereld, client: Client
) -> None:
    # given a consultation hour with one referral
    spreekuur = _spreekuur(wereld, timezone.localdate() - timedelta(days=30))
    verwezen = wereld.leerlingen["demodam_school1"]
    diensten.verwijs(
        spreekuur=spreekuur,
        leerling=verwezen,
        door=wereld.medewerkers[Rol.SCHOOLMEDEWERKER],
        tijdvak=time(9, 0),
        reden="Vaak te laat",
    )
    # when school 1 opens the page (the referral; the pupil picker shows nobody until a search)
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    antwoord = client.get(reverse("overleg:spreekuur", args=[spreekuur.pk]))
    assert antwoord.status_code == 200
    assert not noemt(antwoord.content.decode(), wereld.leerlingen["buurdorp_school1"].naam)
    # then each pupil shown has exactly one line, written at one moment
    regels = Inzage.objects.filter(bron="regie:spreekuur")
    assert sorted(regels.values_list("leerling_id", flat=True)) == [verwezen.pk]
    assert set(regels.values_list("handeling", flat=True)) == {Inzage.Handeling.BEKIJKEN}
    assert regels.values("tijdstip").distinct().count() == 1
    assert set(regels.values_list("medewerker_id", flat=True)) == {
        wereld.medewerkers[Rol.SCHOOLMEDEWERKER].pk
    }


def test_de_pagina_van_de_leerplichtambtenaar_zonder_verwijzingen_logt_niets(
    wereld: Wereld, client: Client
) -> None:
    spreekuur = _spreekuur(wereld, timezone.localdate() + timedelta(days=7))
    client.force_login(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    assert client.get(reverse("overleg:spreekuur", args=[spreekuur.pk])).status_code == 200
    assert not Inzage.objects.filter(bron="regie:spreekuur").exists()


@pytest.mark.parametrize(
    "wie", ["oudleerling", "uitgeschreven", "andere_school"], ids=lambda w: f"leerling-{w}"
)
def test_een_gemaakte_post_verwijst_geen_leerling_buiten_de_school(
    wie: str, wereld: Wereld, client: Client
) -> None:
    # given an hour 300 days ago, when both former pupils were still enrolled at school 1
    spreekuur = _spreekuur(wereld, timezone.localdate() - timedelta(days=300))
    leerling = {
        "oudleerling": _vertrokken(wereld),
        "uitgeschreven": wereld.leerlingen["demodam_uitgeschreven"],
        "andere_school": wereld.leerlingen["buurdorp_school2"],
    }[wie]
    # when school 1 posts the pupil's id by hand
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    antwoord = client.post(
        reverse("overleg:verwijs", args=[spreekuur.pk]),
        {
            "verwijzing-leerling": leerling.pk,
            "verwijzing-tijdvak": "09:00",
            "verwijzing-reden": "Verzonnen",
        },
    )
    # then the form refuses the pupil and nothing is stored
    assert antwoord.status_code == 400
    assert list(antwoord.context["verwijzen"].errors) == ["leerling"]
    assert not Verwijzing.objects.exists()
    # the full name: a generated staff member may share the surname (the header names them)
    assert not noemt(antwoord.content.decode(), leerling.naam)


def test_de_school_verwijst_haar_eigen_leerling_nog_naar_een_voorbij_spreekuur(
    wereld: Wereld, client: Client
) -> None:
    spreekuur = _spreekuur(wereld, timezone.localdate() - timedelta(days=300))
    leerling = wereld.leerlingen["buurdorp_school1"]
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    antwoord = client.post(
        reverse("overleg:verwijs", args=[spreekuur.pk]),
        {
            "verwijzing-leerling": leerling.pk,
            "verwijzing-tijdvak": "09:20",
            "verwijzing-reden": "x",
        },
    )
    assert antwoord.status_code == 302
    assert list(Verwijzing.objects.values_list("leerling_id", "tijdvak")) == [
        (leerling.pk, time(9, 20))
    ]
