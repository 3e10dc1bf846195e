# SPDX-License-Identifier: EUPL-1.2
"""The case page's section "Ouders en leerling" asks as many queries for a family with many
accesses, stories, reactions, meeting invitations, messages and correction requests as for
one with few: no read per row."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from binnenboord.regie import services
from binnenboord.regie.models import (
    Agendapunt,
    Bericht,
    Casus,
    Correctieverzoek,
    Overleg,
    Overlegsoort,
    Overleguitnodiging,
    Planreactie,
    Verhaal,
)
from binnenboord.toegang.models import Rol
from tests.factories import OuderFactory, PortaaltoegangFactory
from tests.regie.factories import open_casus
from tests.wereld import Wereld


def _queries(client: Client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        antwoord = client.get(url)
    assert antwoord.status_code == 200
    return len(queries), antwoord.content.decode()


def _vul(casus: Casus, school: Any, van: int, tot: int) -> list[str]:
    """Adds parents with an active access, each with a story, a reaction to the plan, a meeting
    invitation with a reply, a message and a correction request (half of them answered), and
    a story noted on their behalf. Returns texts the page must show."""
    plan = casus.planversies.order_by("-versie").first()
    overleg = Overleg.objects.filter(agendapunten__casus=casus).get()
    teksten = []
    for i in range(van, tot):
        ouder = OuderFactory(leerling=casus.leerling, achternaam=f"Ouder{i}", gezag=True)
        toegang = PortaaltoegangFactory(casus=casus, ouder=ouder)
        Verhaal.objects.create(casus=casus, toegang=toegang, wat_speelt=f"Verhaal{i}")
        Verhaal.objects.create(
            casus=casus, door=school, namens_ouder=ouder, wat_wil_ik=f"Genoteerd{i}"
        )
        Planreactie.objects.create(
            casus=casus, plan=plan, toegang=toegang, eens=False, toelichting=f"Oneens{i}"
        )
        Overleguitnodiging.objects.create(
            overleg=overleg,
            casus=casus,
            toegang=toegang,
            uitgenodigd_door=school,
            antwoord="meegeven",
            antwoord_tekst=f"Meegeven{i}",
            beantwoord_op=timezone.now(),
        )
        Bericht.objects.create(toegang=toegang, casus=casus, tekst=f"Bericht{i}")
        verzoek = Correctieverzoek.objects.create(
            toegang=toegang, casus=casus, wat=f"Verzoek{i}", toelichting="Anders"
        )
        if i % 2:
            verzoek.uitkomst = "afgewezen"
            verzoek.antwoord = "Nee"
            verzoek.afgehandeld_door = school
            verzoek.afgehandeld_op = timezone.now()
            verzoek.save()
        teksten += [f"Ouder{i}", f"Verhaal{i}", f"Genoteerd{i}", f"Oneens{i}", f"Meegeven{i}"]
        teksten.append(f"Verzoek{i}")
    return teksten


def test_de_sectie_vraagt_evenveel_queries_voor_een_groot_gezin_als_voor_een_klein(
    wereld: Wereld, client: Client
) -> None:
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    casus = open_casus(wereld.leerlingen["demodam_school1"], school)
    services.sla_plan_op(casus=casus, door=school, basis_versie=0, doel="Doel")
    overleg = Overleg.objects.create(
        soort=Overlegsoort.UVO,
        organisatie=school.organisatie,
        datum=timezone.localdate() + timedelta(days=3),
        voorzitter=school,
        aangemaakt_door=school,
    )
    Agendapunt.objects.create(overleg=overleg, casus=casus, volgorde=1, toegevoegd_door=school)
    # the pupil's own access, with a message thread too
    PortaaltoegangFactory(casus=casus, ouder=None)
    client.force_login(school)
    url = reverse("regie:casus", args=[casus.pk])

    eerst = _vul(casus, school, 0, 1)
    weinig, inhoud = _queries(client, url)
    assert all(t in inhoud for t in eerst)
    daarna = _vul(casus, school, 1, 6)
    veel, inhoud = _queries(client, url)
    # the page really shows all of it
    assert all(t in inhoud for t in eerst + daarna)
    assert veel == weinig
