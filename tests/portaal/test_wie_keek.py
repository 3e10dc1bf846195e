# SPDX-License-Identifier: EUPL-1.2
""" "Wie keek in het dossier": the professionals' reads are the list (organisation, role,
moment, what), the family's own reads in the portal one summary line, so that a family who
clicks around does not bury the professionals' reads."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from binnenboord.verantwoording.models import Inzage
from binnenboord.verantwoording.services import log_inzage
from tests.portaal.hulp import gezin, log_in_portaal

pytestmark = pytest.mark.django_db


def test_eigen_inzagen_zijn_een_regel_en_de_professionals_blijven_de_lijst(
    client: Client,
) -> None:
    g = gezin()
    log_inzage(
        gebruiker=g.regisseur,
        handeling=Inzage.Handeling.BEKIJKEN,
        bron="regie:casus",
        leerlingen=[g.leerling],
        casus_id=g.casus.pk,
    )
    assert g.ouder_toegang is not None and g.leerling_toegang is not None
    # the family clicks around: more reads than a page holds, the pupil's too
    log_in_portaal(client, g.ouder_gebruiker)
    for _ in range(30):
        assert client.get(reverse("portaal:casus", args=[g.ouder_toegang.pk])).status_code == 200
    leerling = log_in_portaal(Client(), g.leerling_gebruiker)
    assert leerling.get(reverse("portaal:plan", args=[g.leerling_toegang.pk])).status_code == 200
    eigen = Inzage.objects.filter(
        leerling=g.leerling,
        medewerker__isnull=True,
        gebruikersnaam=f"portaal:{g.ouder_gebruiker.pk}",
    )
    aantal = eigen.count()
    assert aantal >= 30
    # the pupil's read is there too, but it is not the parent's to count
    assert Inzage.objects.filter(gebruikersnaam=f"portaal:{g.leerling_gebruiker.pk}").exists()

    antwoord = client.get(reverse("portaal:wie_keek", args=[g.ouder_toegang.pk]))

    assert antwoord.status_code == 200
    regels = antwoord.context["regels"]
    # one page: only the regisseur's read is a line of the list
    assert not antwoord.context["pagina"].has_other_pages()
    assert [r["organisatie"] for r in regels] == [str(g.regisseur.organisatie)]
    # the parent's own reads (this visit's not yet counted) in one sentence, with the last
    # moment; never the pupil's: a parent cannot follow when the pupil uses the portal
    laatst = timezone.localtime(eigen.order_by("-tijdstip").first().tijdstip)  # type: ignore[union-attr]
    html = antwoord.content.decode()
    assert (
        f"U keek zelf {aantal} keer in het portaal, het laatst op {laatst:%d-%m-%Y %H:%M}." in html
    )


def test_zonder_professionals_zegt_de_pagina_dat(client: Client) -> None:
    g = gezin()
    assert g.ouder_toegang is not None
    log_in_portaal(client, g.ouder_gebruiker)
    client.get(reverse("portaal:casus", args=[g.ouder_toegang.pk]))

    html = client.get(reverse("portaal:wie_keek", args=[g.ouder_toegang.pk])).content.decode()

    assert "Nog geen professional keek in het dossier." in html
    assert "U keek zelf 1 keer in het portaal" in html
