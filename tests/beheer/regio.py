# SPDX-License-Identifier: EUPL-1.2
"""Two regions for the beheer tests, on the small world (tests/wereld.py).

- Demodam: Leerplicht Demodam (its functional administrator is the world's), school Het Baken
  (in Demodam), SWV Demodam (serves Demodam), GGD Demodam (serves Demodam and Buurdorp).
- Buurdorp: Leerplicht Buurdorp with its own administrator, school De Vuurtoren (in Buurdorp),
  GGD Demodam, Wijkteam Noord (serves Buurdorp).
- In neither: Interventieteam VO (serves no municipality), a superuser and an API account of
  Het Baken (never listed)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from binnenboord.api.tokens import maak_token
from binnenboord.toegang.models import Gemeente, Medewerker, Organisatie, Rol
from tests.factories import MedewerkerFactory, OrganisatieFactory
from tests.wereld import Wereld, bouw_wereld


@dataclass
class Regio:
    wereld: Wereld
    beheerder: Medewerker
    beheerder_buurdorp: Medewerker
    organisaties: dict[str, Organisatie]
    medewerkers: dict[str, Medewerker]
    demodam: Gemeente
    buurdorp: Gemeente


def bouw_regio() -> Regio:
    wereld = bouw_wereld()
    m = wereld.medewerkers
    demodam = Gemeente.objects.get(code="9999")
    buurdorp = Gemeente.objects.get(code="9998")
    o = {org.naam: org for org in Organisatie.objects.all()}
    o["SWV Demodam"].gemeenten.set([demodam])
    o["GGD Demodam"].gemeenten.set([demodam, buurdorp])
    o["Wijkteam Noord"].gemeenten.set([buurdorp])
    leerplicht_buurdorp: Any = OrganisatieFactory(naam="Leerplicht Buurdorp", gemeenten=[buurdorp])
    o["Leerplicht Buurdorp"] = leerplicht_buurdorp
    beheerder_buurdorp: Any = MedewerkerFactory(
        username="beheerder_buurdorp",
        rol=Rol.FUNCTIONEEL_BEHEERDER,
        organisatie=leerplicht_buurdorp,
    )
    medewerkers = {
        "school_buurdorp": MedewerkerFactory(
            username="school_buurdorp",
            rol=Rol.SCHOOLMEDEWERKER,
            organisatie=o["De Vuurtoren"],
            last_name="Vuurtorenwachter",
        ),
        "lpa_buurdorp": MedewerkerFactory(
            username="lpa_buurdorp",
            rol=Rol.LEERPLICHTAMBTENAAR,
            organisatie=leerplicht_buurdorp,
            last_name="Buurdorpling",
        ),
        "superuser": MedewerkerFactory(
            username="root",
            rol=Rol.SCHOOLMEDEWERKER,
            organisatie=o["Het Baken"],
            is_superuser=True,
            last_name="Wortelaccount",
        ),
    }
    token, _sleutel = maak_token(
        organisatie=o["Het Baken"], naam="Systeem", scopes=["lezen"], door=None
    )
    medewerkers["technisch"] = token.medewerker
    return Regio(
        wereld,
        m[Rol.FUNCTIONEEL_BEHEERDER],
        beheerder_buurdorp,
        o,
        medewerkers,
        demodam,
        buurdorp,
    )
