# SPDX-License-Identifier: EUPL-1.2
"""Taking part in a case on grounds (docs/samenwerken.md, "Deelname en toegewezen werk"): an
action assigned to a professional who does not see the case makes that person a participant
(Deelnemer, grond "actie") for as long as the case is open; the regisseur or Leerplicht ends a
participation with a reason. The row stays (the history), the access ends (regie.rules).

Who may be assigned an action is the case's candidate list (regie.selectors.casus.kandidaten of
the person assigning) and the members and chair of a meeting the case is on the agenda of: a
write never widens who sees a child beyond who the rules allow to be assigned."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from binnenboord.notificaties.services import notificeer
from binnenboord.toegang.models import Medewerker

from .. import geschiedenis
from ..models import Actie, Casus, Deelnemer, Overleg
from ..selectors.casus import kandidaten, ziet_casus
from .casus import CasusNietMogelijk, kan_betrokken_zijn, vergrendel_casus


def casus_url(casus: Casus) -> str:
    return reverse("regie:casus", args=[casus.pk])


def overleggen_voor(casus: Casus) -> QuerySet[Overleg]:
    """The meetings that may take up `casus`: those of an organisation serving the case's
    municipality (Organisatie.gemeenten). A meeting's agenda, its follow-up actions and the
    escalation it records give its chair and members access to the case, so a meeting of
    another municipality never gets it (regie.services.overleg.agendeer, escalatie.escaleer)."""
    if casus.gemeente_id is None:
        return Overleg.objects.none()
    return Overleg.objects.filter(organisatie__gemeenten=casus.gemeente_id)


def mag_uitvoerder_zijn(casus: Casus, wie: Medewerker, door: Medewerker) -> bool:
    """Whether `door` may assign an action of `casus` to `wie`: `wie` is on the case's candidate
    list of `door` (the same list the action form offers), or chairs or is a member of a meeting
    of the case's municipality (overleggen_voor) that has the case on its agenda (a meeting's
    follow-up action)."""
    if not kan_betrokken_zijn(wie):
        return False
    if kandidaten(door, casus, casus.leerling).filter(pk=wie.pk).exists():
        return True
    leden = Overleg.leden.through.objects.filter(medewerker_id=wie.pk).values("overleg_id")
    return (
        overleggen_voor(casus)
        .filter(Q(voorzitter_id=wie.pk) | Q(pk__in=leden), agendapunten__casus_id=casus.pk)
        .exists()
    )


def neem_deel(casus: Casus, medewerker: Medewerker, *, grond: str, door: Medewerker) -> Deelnemer:
    """The professional's one participant row of the case, active: a new row with `grond`, an
    ended row made active again with `grond`, or the active row as it is (its grond unchanged:
    one row per person, the first ground that still holds)."""
    bestaand = (
        Deelnemer.objects.select_for_update().filter(casus=casus, medewerker=medewerker).first()
    )
    if bestaand is None:
        return Deelnemer.objects.create(
            casus=casus,
            soort=Deelnemer.Soort.PROFESSIONAL,
            medewerker=medewerker,
            organisatie=medewerker.organisatie.naam if medewerker.organisatie else "",
            grond=grond,
            toegevoegd_door=door,
        )
    if bestaand.beeindigd_op is not None:
        bestaand.beeindigd_op = None
        bestaand.grond = grond
        bestaand.save(update_fields=["beeindigd_op", "grond"])
    return bestaand


def maak_deelnemer_voor_actie(actie: Actie, *, door: Medewerker) -> Deelnemer | None:
    """After `actie` was added (in the caller's transaction, the case row locked): when it is
    assigned to a professional who may be assigned it (mag_uitvoerder_zijn; else
    CasusNietMogelijk, which undoes the action) and who does not see the case, that person
    takes part on the grond "actie" (history row "via an action"). The assignee is notified
    (actie_toegewezen), also when they already saw the case. Returns the participant row when
    one was made or made active again."""
    if actie.wie_id is None:
        return None
    casus = vergrendel_casus(actie.casus)
    wie = Medewerker.objects.select_related("organisatie").get(pk=actie.wie_id)
    if not mag_uitvoerder_zijn(casus, wie, door):
        raise CasusNietMogelijk("Deze medewerker kan in deze casus geen actie krijgen.")
    deelnemer = None
    if not ziet_casus(wie, casus):
        deelnemer = neem_deel(casus, wie, grond=Deelnemer.Grond.ACTIE, door=door)
        if not ziet_casus(wie, casus):
            raise CasusNietMogelijk(
                "Deze medewerker mag de casus niet zien en kan de actie niet krijgen."
            )
        geschiedenis.deelnemer_via_actie(casus, door=door, deelnemer=deelnemer, actie=actie)
    notificeer(
        [wie],
        "actie_toegewezen",
        url=casus_url(casus),
        gegevens={"casus": casus.pk, "actie": actie.pk, "uiterlijk": actie.uiterlijk.isoformat()},
        sleutel=f"actie:{actie.pk}",
        door=door,
    )
    return deelnemer


@transaction.atomic
def beeindig_deelname(*, deelnemer: Deelnemer, door: Medewerker, reden: str) -> Deelnemer:
    """End a participation with a reason: from now on the participant no longer sees the case
    by it (the row stays, for the history)."""
    reden = reden.strip()
    if not reden:
        raise CasusNietMogelijk("Het beëindigen van een deelname heeft een reden nodig.")
    casus = vergrendel_casus(deelnemer.casus, open_=None)
    deelnemer = Deelnemer.objects.select_for_update().get(pk=deelnemer.pk, casus=casus)
    if deelnemer.beeindigd_op is not None:
        raise CasusNietMogelijk("Deze deelname is al beëindigd.")
    deelnemer.beeindigd_op = timezone.now()
    deelnemer.save(update_fields=["beeindigd_op"])
    geschiedenis.deelname_beeindigd(casus, door=door, deelnemer=deelnemer, reden=reden)
    return deelnemer
