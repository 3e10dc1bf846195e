# SPDX-License-Identifier: EUPL-1.2
"""Demo cases: the demo city's most urgent signals of Demodam pupils become cases, run the
way a Leerplicht officer would — through the regie services, so the demo shows the case page,
the timeline and the work list as they are on a real morning. Deterministic: the same city
gives the same cases."""

from __future__ import annotations

from datetime import date, timedelta

from binnenboord.regie import services
from binnenboord.regie.models import Casus, Contactmoment, Deelnemer
from binnenboord.signalering.models import Signaal, Soort
from binnenboord.toegang.models import Medewerker, Rol

AANTAL: int = 6
URGENT = (Soort.THUISZITTER_3_MAANDEN, Soort.LANGDURIG_RELATIEF_VERZUIM)


def maak_demo_casussen(*, peildatum: date) -> int:
    """Opens up to AANTAL cases from open urgent signals of pupils living in Demodam; the
    older half is handed to Leerplicht with a home visit and a plan. Returns the number."""
    leerplicht = Medewerker.objects.get(username=Rol.LEERPLICHTAMBTENAAR)
    gezinswerker = Medewerker.objects.get(username=Rol.GEZINSWERKER)
    assert leerplicht.organisatie is not None, "the demo's Leerplicht officer has an organisation"
    signalen = (
        Signaal.objects.filter(
            status=Signaal.Status.OPEN,
            soort__in=URGENT,
            leerling__woongemeente=leerplicht.organisatie.gemeenten.first(),
        )
        .exclude(leerling__casussen__status=Casus.Status.OPEN)
        .select_related("leerling")
        .order_by("begindatum", "leerling__bsn")
    )
    gezien: set[int] = set()
    aantal = 0
    for signaal in signalen:
        if aantal == AANTAL or signaal.leerling_id in gezien:
            continue
        gezien.add(signaal.leerling_id)
        casus = services.open_casus(leerling=signaal.leerling, door=leerplicht, signaal=signaal)
        aantal += 1
        if aantal > AANTAL // 2:
            continue
        # the home visit five weeks in (Amsterdam phase 2), or on the peildatum if sooner
        dag = min(peildatum, casus.start + timedelta(weeks=5))
        services.voeg_deelnemer_toe(
            casus=casus,
            door=leerplicht,
            soort=Deelnemer.Soort.PROFESSIONAL,
            medewerker=gezinswerker,
            rol="ouder- en kindadviseur",
        )
        services.registreer_contactmoment(
            casus=casus,
            door=gezinswerker,
            soort=Contactmoment.Soort.HUISBEZOEK,
            datum=dag,
            verslag="Ouders en leerling thuis gesproken; de leerling wil terug naar school.",
            met=["ouders", "leerling"],
        )
        services.sla_plan_op(
            casus=casus,
            door=leerplicht,
            basis_versie=0,
            doel="Binnen zes weken weer naar school, eerst twee ochtenden per week.",
            afspraken="School maakt een rooster op maat; gezinswerker begeleidt de ouders.",
            visie_ouders="Ouders steunen een langzame opbouw.",
            visie_leerling="De leerling wil liever naar een kleinere klas.",
            leerling_gehoord=True,
            akkoord_ouders=True,
        )
    return aantal
