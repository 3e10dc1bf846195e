# SPDX-License-Identifier: EUPL-1.2
"""Fixtures of the API tests: the small world with a signal, a melding and a case for its
pupil at school 1, and clients as a person (session) or as a system (token)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from rest_framework.test import APIClient

from binnenboord.api.models import ApiToken
from binnenboord.api.tokens import maak_token
from binnenboord.regie import services as regie
from binnenboord.regie.models import Casus
from binnenboord.registratie.models import School
from binnenboord.signalering.models import Melding, Signaal
from binnenboord.toegang.models import Organisatie, Rol
from tests.factories import VrijstellingFactory
from tests.signalering.factories import SignaalFactory
from tests.wereld import Wereld


@dataclass
class Objecten:
    """One object of each kind, all about the pupil `demodam_school1` at school 1."""

    signaal: Signaal
    melding: Melding
    casus: Casus
    school1: School
    school2: School


@pytest.fixture
def objecten(wereld: Wereld) -> Objecten:
    school1 = School.objects.get(organisatie__naam="Het Baken")
    school2 = School.objects.get(organisatie__naam="De Vuurtoren")
    leerling = wereld.leerlingen["demodam_school1"]
    signaal = SignaalFactory(leerling=leerling, school=school1)
    melding = Melding.objects.create(
        soort=Melding.Soort.VERZUIMMELDING,
        leerling=leerling,
        school=school1,
        gemeente=leerling.woongemeente,
        prioriteit=Melding.Prioriteit.NORMAAL,
        begindatum=date(2026, 9, 1),
        vermoedelijke_soort=Melding.VermoedelijkeSoort.BEGINNEND,
        aangemaakt_door=wereld.medewerkers[Rol.SCHOOLMEDEWERKER],
    )
    casus = regie.open_casus(
        leerling=leerling, door=wereld.medewerkers[Rol.SCHOOLMEDEWERKER], start=date(2026, 9, 1)
    )
    VrijstellingFactory(leerling=wereld.leerlingen["buurdorp_school2"])
    return Objecten(signaal, melding, casus, school1, school2)


@pytest.fixture
def client_als(wereld: Wereld) -> Callable[[str], APIClient]:
    """A client logged in (session) as the world's Medewerker with role `rol`."""

    def maak(rol: str) -> APIClient:
        client = APIClient()
        client.force_login(wereld.medewerkers[rol])
        return client

    return maak


@pytest.fixture
def token_client() -> Callable[..., tuple[APIClient, ApiToken]]:
    """A client with a new token of organisation `naam` and the given scopes."""

    def maak(naam: str, *scopes: str) -> tuple[APIClient, ApiToken]:
        organisatie = Organisatie.objects.get(naam=naam)
        token, sleutel = maak_token(
            organisatie=organisatie, naam="systeem", scopes=list(scopes), door=None
        )
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {sleutel}")
        return client, token

    return maak


def ids(response: Any) -> set[int]:
    assert response.status_code == 200, response.content
    return {r["id"] for r in response.json()["results"]}
