# SPDX-License-Identifier: EUPL-1.2
"""The start page's list of several children is access-logged (one line per pupil shown),
and the family's copy of the data says that the plan's view of the parents and of the pupil
was noted by a professional on their behalf, not written by themselves."""

from __future__ import annotations

from django.db.models import Max
from django.test import Client
from django.urls import reverse

import pytest

from binnenboord.regie import services
from binnenboord.regie.models import PlanVanAanpak
from binnenboord.verantwoording.models import Inzage
from tests.factories import PortaaltoegangFactory
from tests.portaal.hulp import gezin, log_in_portaal

pytestmark = pytest.mark.django_db


def test_de_lijst_van_kinderen_op_de_startpagina_staat_in_het_inzagelog(client: Client) -> None:
    eerste = gezin()
    tweede = gezin(regisseur=eerste.regisseur, actief=False)
    PortaaltoegangFactory(casus=tweede.casus, ouder=tweede.ouder, gebruiker=eerste.ouder_gebruiker)
    log_in_portaal(client, eerste.ouder_gebruiker)

    antwoord = client.get(reverse("portaal:start"))

    assert antwoord.status_code == 200
    regels = Inzage.objects.filter(bron="portaal:start")
    assert sorted(r.leerling_id for r in regels) == sorted([eerste.leerling.pk, tweede.leerling.pk])
    assert {(r.casus_id, r.handeling) for r in regels} == {
        (eerste.casus.pk, Inzage.Handeling.ZOEKEN),
        (tweede.casus.pk, Inzage.Handeling.ZOEKEN),
    }
    assert {r.gebruikersnaam for r in regels} == {f"portaal:{eerste.ouder_gebruiker.pk}"}
    assert all(r.medewerker_id is None for r in regels)


def test_met_een_kind_schrijft_de_startpagina_geen_lijstregel(client: Client) -> None:
    g = gezin()
    log_in_portaal(client, g.ouder_gebruiker)

    assert client.get(reverse("portaal:start")).status_code == 302  # to the case's page
    assert not Inzage.objects.filter(bron="portaal:start").exists()


def test_de_visie_in_het_plan_heet_genoteerd_door_de_professional(client: Client) -> None:
    g = gezin()
    basis = PlanVanAanpak.objects.filter(casus=g.casus).aggregate(m=Max("versie"))["m"] or 0
    services.sla_plan_op(
        casus=g.casus,
        door=g.regisseur,
        basis_versie=basis,
        doel="Terug naar school.",
        visie_ouders="Ouders willen rustig opbouwen.",
        visie_leerling="Ik wil eerst halve dagen.",
    )
    assert g.ouder_toegang is not None
    log_in_portaal(client, g.ouder_gebruiker)

    html = client.get(reverse("portaal:gegevens", args=[g.ouder_toegang.pk])).content.decode()

    assert "Ouders willen rustig opbouwen." in html and "Ik wil eerst halve dagen." in html
    assert "Visie van de ouders, genoteerd door de professional namens de ouders" in html
    assert "Visie van de leerling, genoteerd door de professional namens de leerling" in html
