# SPDX-License-Identifier: EUPL-1.2
"""What a family writes in the portal, as rows, for the staff-side tests of Vandaag and the
case page (the portal's own writes are tested with their services elsewhere)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from binnenboord.regie import services
from binnenboord.regie.models import (
    Bericht,
    Casus,
    Correctieverzoek,
    Overleg,
    Overleguitnodiging,
    Planreactie,
    Portaaltoegang,
    Verhaal,
)
from binnenboord.registratie.models import Ouder
from tests.factories import OuderFactory, PortaaltoegangFactory


def toegang_van_ouder(casus: Casus, **kwargs: Any) -> Portaaltoegang:
    """An active access of a new parent (with gezag) of the case's pupil."""
    ouder: Ouder = OuderFactory(leerling=casus.leerling, gezag=True, **kwargs)
    toegang: Portaaltoegang = PortaaltoegangFactory(casus=casus, ouder=ouder)
    return toegang


def gezin_schrijft(
    casus: Casus, overleg: Overleg, *, toegang: Portaaltoegang | None = None
) -> Portaaltoegang:
    """One parent of the case writes every kind of input in the portal: a message (unread), a
    correction request, "niet eens" on the newest plan version (a plan is made when there is
    none), "kan niet" for `overleg`, and an own story."""
    toegang = toegang or toegang_van_ouder(casus)
    nu = timezone.now()
    Bericht.objects.create(toegang=toegang, casus=casus, tekst="Wanneer is het gesprek?")
    Correctieverzoek.objects.create(
        toegang=toegang, casus=casus, wat="Telefoonnummer", toelichting="Het is 0612345678."
    )
    plan = casus.planversies.order_by("-versie").first()
    if plan is None:
        plan = services.sla_plan_op(
            casus=casus, door=casus.regisseur, basis_versie=0, doel="Terug naar school."
        )
    Planreactie.objects.create(
        casus=casus, plan=plan, toegang=toegang, eens=False, toelichting="Te snel."
    )
    Overleguitnodiging.objects.create(
        overleg=overleg,
        casus=casus,
        toegang=toegang,
        uitgenodigd_door=casus.regisseur,
        antwoord=Overleguitnodiging.Antwoord.KAN_NIET,
        beantwoord_op=nu,
    )
    Verhaal.objects.create(casus=casus, toegang=toegang, wat_speelt="Hij slaapt slecht.")
    return toegang


def eerder(rij: Any, minuten: int = 5) -> None:
    """Move a row's own moment `minuten` back (to place it before a look at the case)."""
    for veld in ("geschreven_op", "beantwoord_op", "verstuurd_op", "ingediend_op"):
        if hasattr(rij, veld):
            type(rij).objects.filter(pk=rij.pk).update(
                **{veld: getattr(rij, veld) - timedelta(minutes=minuten)}
            )
