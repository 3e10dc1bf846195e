# SPDX-License-Identifier: EUPL-1.2
"""A small world for the access and page tests: two municipalities, two schools and four pupils
whose visibility differs by home municipality and enrolment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from binnenboord.registratie.models import Leerling
from binnenboord.toegang.models import Medewerker, Organisatie, Rol
from tests.factories import (
    GemeenteFactory,
    InschrijvingFactory,
    LeerlingFactory,
    MedewerkerFactory,
    OrganisatieFactory,
    SchoolFactory,
)


@dataclass
class Wereld:
    medewerkers: dict[str, Medewerker]
    leerlingen: dict[str, Leerling]
    leerplicht: Organisatie


ORGANISATIE_VAN_ROL = {
    Rol.SCHOOLMEDEWERKER: "school1",
    Rol.LEERPLICHTAMBTENAAR: "leerplicht",
    Rol.JEUGDARTS: "jgz",
    Rol.GEZINSWERKER: "wijkteam",
    Rol.SWV_CONSULENT: "swv",
    Rol.TEAMMANAGER: "leerplicht",
    Rol.INTERVENTIETEAMLID: "interventieteam",
    Rol.BELEIDSMEDEWERKER: "leerplicht",
    Rol.FUNCTIONEEL_BEHEERDER: "leerplicht",
}


def bouw_wereld() -> Wereld:
    demodam = GemeenteFactory(code="9999", naam="Demodam")
    buurdorp = GemeenteFactory(code="9998", naam="Buurdorp")
    organisaties = {
        "leerplicht": OrganisatieFactory(naam="Leerplicht Demodam", gemeenten=[demodam]),
        "school1": OrganisatieFactory(naam="Het Baken", school=True),
        "school2": OrganisatieFactory(naam="De Vuurtoren", school=True),
        "swv": OrganisatieFactory(naam="SWV Demodam", swv=True),
        "jgz": OrganisatieFactory(naam="GGD Demodam", jgz=True),
        "wijkteam": OrganisatieFactory(naam="Wijkteam Noord", wijkteam=True),
        "interventieteam": OrganisatieFactory(naam="Interventieteam VO", interventieteam=True),
    }
    school1 = SchoolFactory(organisatie=organisaties["school1"], gemeente=demodam)
    school2 = SchoolFactory(organisatie=organisaties["school2"], gemeente=buurdorp)
    vandaag = timezone.localdate()
    leerlingen = {
        # lives in Demodam, enrolled at school 1
        "demodam_school1": LeerlingFactory(woongemeente=demodam),
        # lives in Buurdorp, enrolled at school 2
        "buurdorp_school2": LeerlingFactory(woongemeente=buurdorp),
        # lives in Buurdorp, enrolled at school 1
        "buurdorp_school1": LeerlingFactory(woongemeente=buurdorp),
        # lives in Demodam, left school 1 last year
        "demodam_uitgeschreven": LeerlingFactory(woongemeente=demodam),
    }
    InschrijvingFactory(leerling=leerlingen["demodam_school1"], school=school1)
    InschrijvingFactory(leerling=leerlingen["buurdorp_school2"], school=school2)
    InschrijvingFactory(leerling=leerlingen["buurdorp_school1"], school=school1)
    InschrijvingFactory(
        leerling=leerlingen["demodam_uitgeschreven"],
        school=school1,
        begindatum=date(2020, 8, 1),
        einddatum=vandaag - timedelta(days=200),
    )
    medewerkers = {
        rol: MedewerkerFactory(username=rol, rol=rol, organisatie=organisaties[org])
        for rol, org in ORGANISATIE_VAN_ROL.items()
    }
    return Wereld(medewerkers, leerlingen, organisaties["leerplicht"])
