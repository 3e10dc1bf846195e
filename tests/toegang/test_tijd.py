# SPDX-License-Identifier: EUPL-1.2
"""Access follows time (issue 13): a school sees a pupil's absence, signals and meldingen of
its own enrolment periods only; what happened at an earlier school (or at another school in a
parallel period) reaches it only as a case participant. Leerplicht keeps the whole picture.

The pupil "Wisselaar" lives in Demodam, was at school A (Het Baken) until the change day and
is at school B (De Vuurtoren) since; school C enrolled the pupil in parallel from the change
day. Absence, signals and meldingen of each school lie inside and outside each period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest
from rest_framework.test import APIClient

from binnenboord.kern.kalender import schooljaar
from binnenboord.registratie.models import Leerling, School, Verzuim
from binnenboord.registratie.rules import verzuim_scope
from binnenboord.signalering.models import Melding, Signaal
from binnenboord.signalering.rules import melding_scope, signaal_scope
from binnenboord.toegang.models import Medewerker, Rol
from tests.factories import (
    InschrijvingFactory,
    LeerlingFactory,
    MedewerkerFactory,
    OrganisatieFactory,
    SchoolFactory,
    VerzuimFactory,
)
from tests.regie.factories import school2_medewerker
from tests.signalering.factories import SignaalFactory
from tests.wereld import Wereld

VANDAAG = timezone.localdate()
WISSEL = VANDAAG - timedelta(days=20)  # the first day at school B (and at school C)
# the absence rows: (day, school key, minutes unauthorised)
A_EIGEN = WISSEL - timedelta(days=6)  # at A, in A's period
B_VOORAF = WISSEL - timedelta(days=3)  # registered by B for a day before B's period
B_EIGEN = WISSEL + timedelta(days=5)  # at B, in B's period
C_PARALLEL = WISSEL + timedelta(days=6)  # at C, in C's parallel period
A_NA_VERTREK = WISSEL + timedelta(days=7)  # registered by A after the pupil left A


@dataclass
class Tijdwereld:
    leerling: Leerling
    school_a: Medewerker
    school_b: Medewerker
    school_c: Medewerker
    lpa: Medewerker
    signalen: dict[str, Signaal]
    meldingen: dict[str, Melding]


def _melding(leerling: Leerling, school: School, door: Medewerker) -> Melding:
    melding: Melding = Melding.objects.create(
        soort=Melding.Soort.VERZUIMMELDING,
        leerling=leerling,
        school=school,
        gemeente=leerling.woongemeente,
        prioriteit=Melding.Prioriteit.NORMAAL,
        begindatum=WISSEL,
        vermoedelijke_soort=Melding.VermoedelijkeSoort.BEGINNEND,
        aangemaakt_door=door,
    )
    return melding


@pytest.fixture
def tijd(wereld: Wereld) -> Tijdwereld:
    school_a = School.objects.get(organisatie__naam="Het Baken")
    school_b = School.objects.get(organisatie__naam="De Vuurtoren")
    organisatie_c = OrganisatieFactory(naam="De Overkant", school=True)
    school_c = SchoolFactory(organisatie=organisatie_c, gemeente=school_a.gemeente)
    scholen = {"a": school_a, "b": school_b, "c": school_c}
    leerling: Leerling = LeerlingFactory(
        voornamen="Tijd", achternaam="Wisselaar", woongemeente=school_a.gemeente
    )
    InschrijvingFactory(
        leerling=leerling,
        school=school_a,
        begindatum=VANDAAG - timedelta(days=400),
        einddatum=WISSEL - timedelta(days=1),
    )
    InschrijvingFactory(leerling=leerling, school=school_b, begindatum=WISSEL)
    InschrijvingFactory(leerling=leerling, school=school_c, begindatum=WISSEL)
    for dag, school, minuten in (
        (A_EIGEN, "a", 60),
        (B_VOORAF, "b", 120),
        (B_EIGEN, "b", 300),
        (C_PARALLEL, "c", 240),
        (A_NA_VERTREK, "a", 180),
    ):
        VerzuimFactory(
            leerling=leerling, school=scholen[school], datum=dag, minuten_ongeoorloofd=minuten
        )

    def signaal(school: str, dag: date) -> Signaal:
        gemaakt: Signaal = SignaalFactory(
            leerling=leerling,
            school=scholen[school],
            begindatum=dag,
            datum=dag,
            van=dag,
            tot=dag,
        )
        return gemaakt

    medewerker_b = school2_medewerker()
    medewerker_c = MedewerkerFactory(
        username="school_c", rol=Rol.SCHOOLMEDEWERKER, organisatie=organisatie_c
    )
    return Tijdwereld(
        leerling=leerling,
        school_a=wereld.medewerkers[Rol.SCHOOLMEDEWERKER],
        school_b=medewerker_b,
        school_c=medewerker_c,
        lpa=wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR],
        signalen={
            "a_eigen": signaal("a", A_EIGEN),
            "b_vooraf": signaal("b", B_VOORAF),
            "b_eigen": signaal("b", B_EIGEN),
            "c_parallel": signaal("c", C_PARALLEL),
        },
        meldingen={
            "a": _melding(leerling, school_a, wereld.medewerkers[Rol.SCHOOLMEDEWERKER]),
            "b": _melding(leerling, school_b, medewerker_b),
        },
    )


def _verzuimdagen(gebruiker: Any, leerling: Leerling) -> dict[date, int]:
    return dict(
        Verzuim.objects.filter(verzuim_scope(gebruiker), leerling=leerling).values_list(
            "datum", "minuten_ongeoorloofd"
        )
    )


def _namen(tijd: Tijdwereld, ids: set[int], soort: str) -> set[str]:
    alle = tijd.signalen if soort == "signaal" else tijd.meldingen
    return {naam for naam, obj in alle.items() if obj.pk in ids}


def test_de_scopes_geven_een_school_haar_eigen_perioden_en_leerplicht_alles(
    tijd: Tijdwereld,
) -> None:
    leerling = tijd.leerling
    # school B: only its own absence, inside its own period
    assert _verzuimdagen(tijd.school_b, leerling) == {B_EIGEN: 300}
    # school C (parallel): only its own
    assert _verzuimdagen(tijd.school_c, leerling) == {C_PARALLEL: 240}
    # school A, after the enrolment ended: nothing
    assert _verzuimdagen(tijd.school_a, leerling) == {}
    # Leerplicht: the whole picture
    assert _verzuimdagen(tijd.lpa, leerling) == {
        A_EIGEN: 60,
        B_VOORAF: 120,
        B_EIGEN: 300,
        C_PARALLEL: 240,
        A_NA_VERTREK: 180,
    }

    def signalen(gebruiker: Medewerker) -> set[str]:
        ids = set(Signaal.objects.filter(signaal_scope(gebruiker)).values_list("pk", flat=True))
        return _namen(tijd, ids, "signaal")

    def meldingen(gebruiker: Medewerker) -> set[str]:
        ids = set(Melding.objects.filter(melding_scope(gebruiker)).values_list("pk", flat=True))
        return _namen(tijd, ids, "melding")

    assert signalen(tijd.school_b) == {"b_eigen"}
    assert signalen(tijd.school_c) == {"c_parallel"}
    assert signalen(tijd.school_a) == set()
    assert signalen(tijd.lpa) == {"a_eigen", "b_vooraf", "b_eigen", "c_parallel"}
    assert meldingen(tijd.school_b) == {"b"}
    assert meldingen(tijd.school_a) == set()
    assert meldingen(tijd.school_c) == set()


def _kalenderdagen(antwoord: Any) -> dict[date, int]:
    return {
        dag.datum: dag.minuten.get("ongeoorloofd", 0)
        for maand in antwoord.context["kalender"].maanden
        for dag in maand.dagen
        if dag is not None and dag.minuten
    }


def test_de_leerlingpagina_toont_school_b_alleen_het_verzuim_van_haar_eigen_perioden(
    tijd: Tijdwereld, client: Client
) -> None:
    client.force_login(tijd.school_b)
    url = reverse("registratie:leerling", args=[tijd.leerling.pk])
    antwoord = client.get(url, {"peildatum": B_EIGEN.isoformat()})
    assert antwoord.status_code == 200
    # the calendar: B's day only, not A's, not C's, not B's day before its period
    assert _kalenderdagen(antwoord) == {B_EIGEN: 300}
    kalender = antwoord.context["kalender"]
    assert kalender.dagen_met_verzuim == 1
    assert kalender.uren_per_soort["ongeoorloofd"] == 5.0
    # the school days counted are those of B's period up to today
    assert kalender.lesdagen <= (VANDAAG - WISSEL).days + 1
    # the last-weeks totals: the same single day
    verzuim = antwoord.context["verzuim"]
    assert (verzuim.dagen, verzuim.uren_per_soort["ongeoorloofd"]) == (1, 5.0)
    # the signals and meldingen sections
    secties = {s.template_name: s.context for s in antwoord.context["secties"]}
    assert [s.pk for s in secties["signalering/_dossier.html"]["signalen"]] == [
        tijd.signalen["b_eigen"].pk
    ]
    assert [m.pk for m in secties["signalering/_dossier_meldingen.html"]["meldingen"]] == [
        tijd.meldingen["b"].pk
    ]


def test_de_leerlingpagina_toont_leerplicht_het_hele_beeld(
    tijd: Tijdwereld, client: Client
) -> None:
    client.force_login(tijd.lpa)
    antwoord = client.get(
        reverse("registratie:leerling", args=[tijd.leerling.pk]),
        {"peildatum": B_EIGEN.isoformat()},
    )
    assert antwoord.status_code == 200
    van, tot = schooljaar(B_EIGEN)
    alles = {A_EIGEN: 60, B_VOORAF: 120, B_EIGEN: 300, C_PARALLEL: 240, A_NA_VERTREK: 180}
    assert _kalenderdagen(antwoord) == {d: m for d, m in alles.items() if van <= d <= tot}
    verzuim = antwoord.context["verzuim"]
    assert (verzuim.dagen, verzuim.uren_per_soort["ongeoorloofd"]) == (5, 15.0)


def test_school_a_ziet_de_leerling_niet_meer_na_het_einde_van_de_inschrijving(
    tijd: Tijdwereld, client: Client
) -> None:
    client.force_login(tijd.school_a)
    assert client.get(reverse("registratie:leerling", args=[tijd.leerling.pk])).status_code == 404
    inbox = client.get(reverse("signalering:signalen"))
    assert tijd.leerling.pk not in {s.leerling_id for s in inbox.context["pagina"]}
    meldingen = client.get(reverse("meldingen:meldingen"))
    assert tijd.leerling.pk not in {m.leerling_id for m in meldingen.context["pagina"]}


def test_de_inboxen_mijn_school_en_de_api_van_school_b_volgen_haar_periode(
    tijd: Tijdwereld, client: Client
) -> None:
    client.force_login(tijd.school_b)
    # the signal inbox: B's own signal in B's period, not the one dated before it
    inbox = client.get(reverse("signalering:signalen"))
    assert {s.pk for s in inbox.context["pagina"] if s.leerling_id == tijd.leerling.pk} == {
        tijd.signalen["b_eigen"].pk
    }
    # the melding inbox: B's own melding only
    meldingen = client.get(reverse("meldingen:meldingen"))
    assert {m.pk for m in meldingen.context["pagina"] if m.leerling_id == tijd.leerling.pk} == {
        tijd.meldingen["b"].pk
    }
    # Mijn school: this school year's absence at B inside B's period
    school = client.get(reverse("registratie:school"))
    rijen = {r.pk: r for r in school.context["pagina"]}
    assert schooljaar(VANDAAG)[0] <= B_EIGEN
    assert rijen[tijd.leerling.pk].minuten_ongeoorloofd == 300
    # the API lists follow the same scopes
    api = APIClient()
    api.force_login(tijd.school_b)
    signalen = api.get("/api/v1/signalen/", {"leerling": tijd.leerling.pk})
    assert signalen.status_code == 200, signalen.content
    assert {r["id"] for r in signalen.json()["results"]} == {tijd.signalen["b_eigen"].pk}
    meldingen_api = api.get("/api/v1/meldingen/", {"leerling": tijd.leerling.pk})
    assert {r["id"] for r in meldingen_api.json()["results"]} == {tijd.meldingen["b"].pk}


@pytest.mark.parametrize(
    "peildatum", ["0001-01-01", "9999-12-31", "1899-12-31", "2026-02-30", "gisteren"]
)
def test_een_vreemde_peildatum_valt_terug_op_vandaag_met_een_nederlandse_melding(
    peildatum: str, tijd: Tijdwereld, client: Client
) -> None:
    client.force_login(tijd.lpa)
    antwoord = client.get(
        reverse("registratie:leerling", args=[tijd.leerling.pk]), {"peildatum": peildatum}
    )
    assert antwoord.status_code == 200
    assert "De peildatum" in antwoord.content.decode()
    assert antwoord.context["kalender"].van <= VANDAAG <= antwoord.context["kalender"].tot
