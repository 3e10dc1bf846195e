# SPDX-License-Identifier: EUPL-1.2
"""Review of issue 18: a careless administrator changes the BRIN of a school organisation to
that of another school of its municipality (imported, not yet an organisation). The form must
say so at the field, never answer with a server error."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

import pytest

from binnenboord.registratie.models import School
from tests.beheer.regio import Regio, bouw_regio
from tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db


def test_de_brin_van_een_andere_school_van_de_gemeente_is_een_fout_bij_het_veld() -> None:
    regio: Regio = bouw_regio()
    client = Client(raise_request_exception=False)
    client.force_login(regio.beheerder)
    baken = regio.organisaties["Het Baken"]
    eigen = School.objects.get(organisatie=baken)
    andere = SchoolFactory(brin="44ZZ", vestiging="00", gemeente=regio.demodam, organisatie=None)

    antwoord = client.post(
        reverse("beheer:organisatie", args=[baken.pk]),
        {
            "naam": baken.naam,
            "brin": andere.brin,
            "vestigingsnummer": andere.vestiging,
            "gemeente": regio.demodam.pk,
            "onderwijssoort": eigen.soort,
            "regio": eigen.regio,
        },
    )

    assert antwoord.status_code == 400
    assert "een andere school heeft deze BRIN" in antwoord.content.decode()
    eigen.refresh_from_db()
    assert eigen.brin != "44ZZ"
