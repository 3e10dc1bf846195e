# SPDX-License-Identifier: EUPL-1.2
"""Cases for tests, made through the services as the application makes them."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from binnenboord.regie import services
from binnenboord.regie.models import Casus
from binnenboord.registratie.models import School
from binnenboord.toegang.models import Medewerker, Organisatie, Rol
from tests.factories import MedewerkerFactory
from tests.wereld import Wereld


def start_weken_terug(weken: int) -> date:
    return timezone.localdate() - timedelta(weeks=weken)


def open_casus(leerling: Any, door: Any, **kwargs: Any) -> Casus:
    kwargs.setdefault("start", start_weken_terug(2))
    return services.open_casus(leerling=leerling, door=door, **kwargs)


def school2_medewerker() -> Any:
    """A staff member of school 2 (De Vuurtoren), made once."""
    bestaand = Medewerker.objects.filter(username="school2").first()
    if bestaand is not None:
        return bestaand
    organisatie = Organisatie.objects.get(naam="De Vuurtoren")
    return MedewerkerFactory(username="school2", rol=Rol.SCHOOLMEDEWERKER, organisatie=organisatie)


def casussen(wereld: Wereld) -> dict[str, Casus]:
    """One case per pupil of the small world, each with a different director and participant:

    - demodam_school1: directed by school 1's staff, the youth doctor takes part;
    - buurdorp_school2: directed by school 2's staff, the family worker takes part;
    - buurdorp_school1: directed by school 1's staff, the SWV consultant takes part;
    - demodam_uitgeschreven: directed by Leerplicht, the intervention team takes part, closed.
    """
    m = wereld.medewerkers
    ll = wereld.leerlingen
    school = m[Rol.SCHOOLMEDEWERKER]
    uitkomst = {
        "demodam_school1": open_casus(ll["demodam_school1"], school),
        "buurdorp_school2": open_casus(ll["buurdorp_school2"], school2_medewerker()),
        "buurdorp_school1": open_casus(ll["buurdorp_school1"], school),
        "demodam_uitgeschreven": open_casus(
            ll["demodam_uitgeschreven"], m[Rol.LEERPLICHTAMBTENAAR]
        ),
    }
    deelnemers = {
        "demodam_school1": Rol.JEUGDARTS,
        "buurdorp_school2": Rol.GEZINSWERKER,
        "buurdorp_school1": Rol.SWV_CONSULENT,
        "demodam_uitgeschreven": Rol.INTERVENTIETEAMLID,
    }
    for naam, rol in deelnemers.items():
        casus = uitkomst[naam]
        services.voeg_deelnemer_toe(
            casus=casus, door=casus.regisseur, soort="professional", medewerker=m[rol]
        )
    uitkomst["demodam_uitgeschreven"] = services.sluit_casus(
        casus=uitkomst["demodam_uitgeschreven"],
        door=m[Rol.LEERPLICHTAMBTENAAR],
        passend_aanbod=Casus.PassendAanbod.ANDERE_SCHOOL,
        op=timezone.localdate(),
    )
    return uitkomst


def scholen() -> tuple[School, School]:
    return (
        School.objects.get(organisatie__naam="Het Baken"),
        School.objects.get(organisatie__naam="De Vuurtoren"),
    )
