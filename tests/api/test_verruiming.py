# SPDX-License-Identifier: EUPL-1.2
"""Issue 13: a PUT/PATCH of an enrolment never widens who sees a child. Moving the end date
later so that it overlaps an ongoing enrolment at another school, or reopening an enrolment
that ended more than 30 days ago, answers 409 with a Dutch reason and changes nothing; the
same change within the rules goes through (the positive control)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.utils import timezone

import pytest
from rest_framework.test import APIClient

from binnenboord.api.models import ApiToken
from binnenboord.registratie.models import Inschrijving, School
from tests.factories import InschrijvingFactory
from tests.wereld import Wereld

from .test_bijwerken import SCHRIJVEN, _etag, _niets_geschreven, _patch

pytestmark = pytest.mark.django_db
TokenClient = Callable[..., tuple[APIClient, ApiToken]]


def _school(naam: str) -> School:
    return School.objects.get(organisatie__naam=naam)


def test_verlengen_tot_in_de_lopende_inschrijving_van_een_andere_school_is_409(
    wereld: Wereld, token_client: TokenClient
) -> None:
    # given a pupil who leaves school 1 in ten days and is enrolled at school 2 from then on
    vandaag = timezone.localdate()
    leerling = wereld.leerlingen["demodam_school1"]
    eigen = Inschrijving.objects.get(leerling=leerling)
    eigen.einddatum = vandaag + timedelta(days=10)
    eigen.save()
    InschrijvingFactory(
        leerling=leerling, school=_school("De Vuurtoren"), begindatum=vandaag + timedelta(days=11)
    )
    client, _token = token_client("Het Baken", SCHRIJVEN)
    # when school 1 clears its end date (the enrolment would run on beside school 2's)
    antwoord = _patch(client, eigen, {"einddatum": None}, _etag(eigen))
    # then it is refused with the reason, and nothing changed
    assert antwoord.status_code == 409
    [reden] = antwoord.json()["einddatum"]
    assert "bevestiging" in reden and "andere school" in reden
    _niets_geschreven(eigen, vandaag + timedelta(days=10))
    # an end date before school 2's start is no widening
    binnen = _patch(client, eigen, {"einddatum": (vandaag + timedelta(days=5)).isoformat()},
                    _etag(eigen))  # fmt: skip
    assert binnen.status_code == 200
    eigen.refresh_from_db()
    assert eigen.einddatum == vandaag + timedelta(days=5)


def test_het_heropenen_van_een_lang_geleden_beeindigde_inschrijving_is_409(
    wereld: Wereld, token_client: TokenClient
) -> None:
    vandaag = timezone.localdate()
    leerling = wereld.leerlingen["demodam_school1"]
    oud = InschrijvingFactory(
        leerling=leerling,
        school=_school("Het Baken"),
        begindatum=vandaag - timedelta(days=900),
        einddatum=vandaag - timedelta(days=400),
    )
    client, _token = token_client("Het Baken", SCHRIJVEN)
    antwoord = _patch(client, oud, {"einddatum": None}, _etag(oud))
    assert antwoord.status_code == 409
    _niets_geschreven(oud, vandaag - timedelta(days=400))
