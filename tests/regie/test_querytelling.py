# SPDX-License-Identifier: EUPL-1.2
"""No N+1 on the pages of a case and of meetings: the number of queries of a page does not grow
with what the case or the meeting list holds (issue 7, "every page's query count is
constant")."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from binnenboord.regie import services
from binnenboord.regie.models import Casus, Contactmoment, Deelnemer, Overlegsoort
from binnenboord.regie.services import overleg as services_overleg
from binnenboord.toegang.models import Medewerker, Organisatie, Rol
from tests.factories import MedewerkerFactory, OrganisatieFactory
from tests.regie.factories import open_casus
from tests.wereld import Wereld


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        antwoord = client.get(url)
    assert antwoord.status_code == 200
    return len(queries)


def _vul(casus: Casus, leerplicht: Medewerker, n: int, versie: int) -> int:
    """Adds n of everything the case page shows: contacts, actions, plan versions, external
    participants, professionals of other organisations and steps. Returns the current plan
    version."""
    vandaag = timezone.localdate()
    for i in range(n):
        services.registreer_contactmoment(
            casus=casus,
            door=leerplicht,
            soort=Contactmoment.Soort.GESPREK,
            datum=vandaag - timedelta(days=i),
            verslag=f"Gesprek {i}",
            met=["ouders"],
        )
        services.voeg_actie_toe(
            casus=casus,
            door=leerplicht,
            wat=f"Actie {i}",
            uiterlijk=vandaag + timedelta(days=7 + i),
            wie_naam="Gezinscoach",
        )
        services.sla_plan_op(
            casus=casus,
            door=leerplicht,
            basis_versie=versie,
            doel=f"Doel {i}",
        )
        versie += 1
        services.voeg_deelnemer_toe(
            casus=casus,
            door=leerplicht,
            soort=Deelnemer.Soort.EXTERN,
            naam=f"Hulpverlener {versie}",
            organisatie="Jeugdhulp",
        )
        # a professional of an organisation of their own (the page names it)
        services.voeg_deelnemer_toe(
            casus=casus,
            door=leerplicht,
            soort=Deelnemer.Soort.PROFESSIONAL,
            medewerker=MedewerkerFactory(
                rol=Rol.JEUGDARTS,
                organisatie=OrganisatieFactory(soort=Organisatie.Soort.JGZ),
            ),
        )
        services.registreer_stap(
            casus=casus,
            door=leerplicht,
            stap="gesprek_ouders",
            datum=vandaag - timedelta(days=i),
        )
    return versie


def test_de_casuspagina_vraagt_evenveel_queries_voor_een_volle_casus_als_voor_een_nieuwe(
    wereld: Wereld, client: Client
) -> None:
    leerplicht = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    casus = open_casus(wereld.leerlingen["demodam_school1"], leerplicht)
    client.force_login(leerplicht)
    url = reverse("regie:casus", args=[casus.pk])

    versie = _vul(casus, leerplicht, 1, 0)
    weinig = _queries(client, url)
    _vul(casus, leerplicht, 6, versie)
    veel = _queries(client, url)

    assert veel == weinig


def test_de_overleglijst_vraagt_evenveel_queries_voor_veel_overleggen_als_voor_weinig(
    wereld: Wereld, client: Client
) -> None:
    leerplicht = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    client.force_login(leerplicht)
    url = reverse("overleg:overleggen")

    def plan(aantal: int) -> None:
        for i in range(aantal):
            services_overleg.plan_overleg(
                door=leerplicht,
                soort=Overlegsoort.UVO,
                datum=timezone.localdate() + timedelta(days=i + 1),
                leden=[wereld.medewerkers[Rol.GEZINSWERKER], wereld.medewerkers[Rol.JEUGDARTS]],
                locatie=f"Zaal {i}",
            )

    plan(1)
    weinig = _queries(client, url)
    plan(6)
    veel = _queries(client, url)

    assert veel == weinig
