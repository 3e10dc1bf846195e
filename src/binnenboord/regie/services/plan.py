# SPDX-License-Identifier: EUPL-1.2
"""Writes of a case's plan: plan versions with optimistic locking, and its actions (who does
what by when), added and completed. Each service owns its transaction, locks the case row and
writes the case's history in it."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from binnenboord.registratie.models import Ouder
from binnenboord.toegang.models import Medewerker

from .. import geschiedenis
from ..models import Actie, Casus, PlanVanAanpak
from .casus import CasusNietMogelijk, kan_betrokken_zijn, vergrendel_casus
from .deelname import maak_deelnemer_voor_actie

PLAN_VAN_AANPAK = "plan_van_aanpak"


class PlanVerouderd(CasusNietMogelijk):
    """The plan was saved by someone else since the version this change was based on."""

    def __init__(self, huidige_versie: int) -> None:
        self.huidige_versie = huidige_versie
        super().__init__(
            "Het plan van aanpak is intussen door iemand anders opgeslagen (nu versie "
            f"{huidige_versie}). Uw wijziging is niet opgeslagen: bekijk de nieuwe versie en "
            "breng uw wijziging daarin opnieuw aan."
        )


def huidige_planversie(casus: Casus) -> int:
    """The number of the newest plan version; 0 when there is none."""
    laatste = casus.planversies.order_by("-versie").values_list("versie", flat=True).first()
    return laatste or 0


@transaction.atomic
def sla_plan_op(
    *,
    casus: Casus,
    door: Medewerker,
    basis_versie: int,
    doel: str,
    afspraken: str = "",
    visie_ouders: str = "",
    visie_leerling: str = "",
    leerling_gehoord: bool = False,
    akkoord_ouders: bool = False,
    akkoord_leerling: bool = False,
) -> PlanVanAanpak:
    """Save a new version of the plan, based on version `basis_versie` (0: the first plan).
    Optimistic locking: when someone saved a newer version meanwhile, nothing is saved and
    PlanVerouderd says so. The first version is the model step "plan_van_aanpak"."""
    casus = vergrendel_casus(casus)
    huidig = huidige_planversie(casus)
    if basis_versie != huidig:
        raise PlanVerouderd(huidig)
    if not doel.strip():
        raise CasusNietMogelijk("Het plan van aanpak heeft een doel nodig.")
    plan = PlanVanAanpak.objects.create(
        casus=casus,
        versie=huidig + 1,
        doel=doel.strip(),
        afspraken=afspraken.strip(),
        visie_ouders=visie_ouders.strip(),
        visie_leerling=visie_leerling.strip(),
        leerling_gehoord=leerling_gehoord,
        akkoord_ouders=akkoord_ouders,
        akkoord_leerling=akkoord_leerling,
        gemaakt_door=door,
    )
    geschiedenis.plan_opgeslagen(
        casus, door=door, versie=plan.versie, stap=PLAN_VAN_AANPAK, datum=timezone.localdate()
    )
    # parents and the pupil who opted in get an e-mail with only a link (docs/relatie.md)
    from .relatie import meld_nieuwe_planversie

    meld_nieuwe_planversie(plan)
    return plan


@transaction.atomic
def voeg_actie_toe(
    *,
    casus: Casus,
    door: Medewerker,
    wat: str,
    uiterlijk: date,
    wie: Medewerker | None = None,
    wie_naam: str = "",
    ouder: Ouder | None = None,
    leerling_zelf: bool = False,
) -> Actie:
    """Add an action (who does what by when) to the case's current plan version. An action of
    the family goes to a parent of this case's pupil (`ouder`, checked against the stored row)
    or to the pupil (`leerling_zelf`); their name is its `wie_naam`, and the portal shows it
    as their own action."""
    casus = vergrendel_casus(casus)
    if sum((wie is not None, ouder is not None, leerling_zelf)) > 1:
        raise CasusNietMogelijk(
            "Een actie is voor één uitvoerder: een medewerker, een ouder of de leerling."
        )
    if ouder is not None:
        # only a parent of this pupil: the stored row decides, not the form's choice
        gevonden = Ouder.objects.filter(pk=ouder.pk, leerling_id=casus.leerling_id).first()
        if gevonden is None:
            raise CasusNietMogelijk("Deze ouder hoort niet bij de leerling van deze casus.")
        ouder, wie_naam = gevonden, str(gevonden)
    elif leerling_zelf:
        wie_naam = casus.leerling.naam
    if wie is None and not wie_naam.strip():
        raise CasusNietMogelijk("Geef aan wie de actie uitvoert.")
    if wie is not None and not kan_betrokken_zijn(wie):
        raise CasusNietMogelijk("Deze medewerker kan geen actie uitvoeren.")
    if not wat.strip():
        raise CasusNietMogelijk("Geef aan wat er moet gebeuren.")
    actie = Actie.objects.create(
        casus=casus,
        plan=casus.planversies.order_by("-versie").first(),
        wie=wie,
        wie_naam="" if wie is not None else wie_naam.strip(),
        ouder=ouder,
        leerling_zelf=leerling_zelf,
        wat=wat.strip(),
        uiterlijk=uiterlijk,
        aangemaakt_door=door,
    )
    geschiedenis.actie_toegevoegd(casus, door=door, actie=actie)
    # the assignee takes part (grond "actie") and is notified; refuses one outside the
    # candidates, which undoes the action
    maak_deelnemer_voor_actie(actie, door=door)
    return actie


@transaction.atomic
def rond_actie_af(
    *, actie: Actie, door: Medewerker, status: str = Actie.Status.GEDAAN, op: date | None = None
) -> Actie:
    """Mark an open action done (or cancelled) on `op` (today by default)."""
    vergrendel_casus(actie.casus)
    actie = Actie.objects.select_for_update().get(pk=actie.pk)
    if actie.status != Actie.Status.OPEN:
        raise CasusNietMogelijk("Deze actie is al afgerond.")
    if status not in (Actie.Status.GEDAAN, Actie.Status.VERVALLEN):
        raise CasusNietMogelijk("Een actie wordt gedaan of vervalt.")
    actie.status = status
    actie.gedaan_op = op or timezone.localdate()
    actie.save(update_fields=["status", "gedaan_op"])
    geschiedenis.actie_afgerond(actie.casus, door=door, actie=actie)
    return actie
