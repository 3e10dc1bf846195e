# SPDX-License-Identifier: EUPL-1.2
"""The case of a pupil who moved (issue 13, "Moving house is a reported move, not an
overwrite"): a case belongs to a municipality (Casus.gemeente), and the receiving
municipality's Leerplicht gets it only through a recorded handover (Casusoverdracht).

1. registratie confirms a reported move and sends signals.leerling_verhuisd; `bij_verhuizing`
   marks each open case of the pupil that belongs elsewhere as awaiting handover (a concept
   and a line in the case's history).
2. The sending side (the case's regisseur, or Leerplicht of the case's municipality) chooses
   what goes along and sends it (`verstuur_overdracht`): the chosen parts are copied (never
   medical content or the youth doctor's advice), the case is closed with "verhuisd".
3. Leerplicht of the receiving municipality accepts it (`aanvaard_overdracht`: a new case of
   its own, the accepting officer directing it, with the handed-over plan and open actions)
   or refuses it with a reason (`weiger_overdracht`: the sending side reads why and may reopen
   its case).

Each service owns its transaction and writes the history of the case(s) it touches."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from binnenboord.registratie.models import Leerling
from binnenboord.toegang.models import Gemeente, Medewerker, Rol

from .. import geschiedenis
from ..configuratie import aanpak_van
from ..models import Actie, Agendapunt, Casus, Casusoverdracht, PlanVanAanpak
from .casus import CasusNietMogelijk, sluit_casus, vergrendel_casus, vergrendel_leerling
from .signalen import sluit_signalen_bij_opening

ONDERDELEN = ("plan", "acties", "contactmomenten", "besluiten")


def bij_verhuizing(
    sender: Any,
    *,
    leerling: Leerling,
    naar_gemeente: Gemeente,
    door: Medewerker | None = None,
    **kwargs: Any,
) -> None:
    """Receiver of registratie.signals.leerling_verhuisd (inside the confirming transaction):
    each open case of the pupil that belongs to another municipality awaits a handover to
    `naar_gemeente`. A concept for an earlier move lapses; a pupil who moves back to the case's
    municipality needs none. A handover sent to another municipality and not decided yet
    lapses: the pupil no longer lives where it was sent, so nobody there takes the case."""
    verzonden = Casusoverdracht.objects.filter(
        casus__leerling_id=leerling.pk, status=Casusoverdracht.Status.VERZONDEN
    ).exclude(naar_gemeente=naar_gemeente)
    for overdracht in verzonden.select_related("casus"):
        geschiedenis.overdracht_vervallen(
            overdracht.casus, door=door, naar=naar_gemeente, datum=timezone.localdate()
        )
    verzonden.update(status=Casusoverdracht.Status.VERVALLEN)
    for casus in Casus.objects.select_for_update().filter(
        leerling_id=leerling.pk, status=Casus.Status.OPEN
    ):
        bied_overdracht_aan(casus=casus, naar_gemeente=naar_gemeente, door=door)


def bied_overdracht_aan(*, casus: Casus, naar_gemeente: Gemeente, door: Medewerker | None) -> None:
    """The open case awaits a handover to `naar_gemeente` (a concept the sending side fills in
    and sends), unless the case already belongs there. An earlier concept lapses. Also used when
    a case is reopened whose pupil lives elsewhere by then (services.heropen_casus)."""
    eerder = Casusoverdracht.objects.filter(casus=casus, status=Casusoverdracht.Status.CONCEPT)
    eerder.update(status=Casusoverdracht.Status.VERVALLEN)
    if casus.gemeente_id == naar_gemeente.pk:
        return
    Casusoverdracht.objects.create(
        casus=casus, van_gemeente_id=casus.gemeente_id, naar_gemeente=naar_gemeente
    )
    geschiedenis.overdracht_aangeboden(
        casus, door=door, naar=naar_gemeente, datum=timezone.localdate()
    )


def concept_van(casus: Casus) -> Casusoverdracht | None:
    """The handover the case awaits, if any."""
    return (
        Casusoverdracht.objects.filter(casus=casus, status=Casusoverdracht.Status.CONCEPT)
        .select_related("naar_gemeente", "van_gemeente")
        .first()
    )


def _inhoud(
    casus: Casus,
    *,
    plan: bool,
    acties: bool,
    contactmomenten: bool,
    besluiten: bool,
    samenvatting: str,
) -> dict[str, Any]:
    """A copy of the chosen parts. Contact moments carry their shared notes only: never the
    youth doctor's medical content (MedischeInhoud) nor the advice for the case director."""
    inhoud: dict[str, Any] = {"samenvatting": samenvatting.strip()}
    if plan:
        laatste = casus.planversies.order_by("-versie").first()
        inhoud["plan"] = (
            {"versie": laatste.versie, **{v: getattr(laatste, v) for v in PlanVanAanpak.INHOUD}}
            if laatste is not None
            else None
        )
    if acties:
        inhoud["acties"] = [
            {
                "wie": a.uitvoerder,
                "wat": a.wat,
                "uiterlijk": a.uiterlijk.isoformat(),
                "status": a.status,
            }
            for a in casus.acties.select_related("wie").order_by("uiterlijk", "pk")
        ]
    if contactmomenten:
        inhoud["contactmomenten"] = [
            {
                "datum": c.datum.isoformat(),
                "soort": c.soort,
                "met": list(c.met),
                "verslag": c.verslag,
                "door": str(c.door),
            }
            for c in casus.contactmomenten.select_related("door").order_by("datum", "pk")
        ]
    if besluiten:
        inhoud["besluiten"] = [
            {
                "overleg": str(p.overleg.get_soort_display()),
                "datum": p.overleg.datum.isoformat(),
                "advies": p.advies,
                "besluit": p.besluit,
            }
            for p in Agendapunt.objects.filter(casus=casus)
            .exclude(Q(advies="") & Q(besluit=""))
            .select_related("overleg")
            .order_by("overleg__datum", "pk")
        ]
    return inhoud


@transaction.atomic
def verstuur_overdracht(
    *,
    casus: Casus,
    door: Medewerker,
    plan: bool = False,
    acties: bool = False,
    contactmomenten: bool = False,
    besluiten: bool = False,
    samenvatting: str = "",
) -> Casusoverdracht:
    """Send the handover the case awaits, with the parts the sending side chose (and a free
    summary), and close the case with the outcome "verhuisd" today."""
    casus = vergrendel_casus(casus)
    overdracht = (
        Casusoverdracht.objects.select_for_update()
        .filter(casus=casus, status=Casusoverdracht.Status.CONCEPT)
        .first()
    )
    if overdracht is None:
        raise CasusNietMogelijk("Deze casus wacht niet op een overdracht.")
    if not (plan or acties or contactmomenten or besluiten or samenvatting.strip()):
        raise CasusNietMogelijk("Kies wat u overdraagt, of schrijf een samenvatting.")
    overdracht.inhoud = _inhoud(
        casus,
        plan=plan,
        acties=acties,
        contactmomenten=contactmomenten,
        besluiten=besluiten,
        samenvatting=samenvatting,
    )
    overdracht.status = Casusoverdracht.Status.VERZONDEN
    overdracht.verzonden_door = door
    overdracht.verzonden_op = timezone.now()
    overdracht.save(update_fields=["inhoud", "status", "verzonden_door", "verzonden_op"])
    geschiedenis.overdracht_verzonden(
        casus, door=door, overdracht=overdracht, datum=timezone.localdate()
    )
    # the closing remark is a field of the case, kept in the default language
    with translation.override(settings.LANGUAGE_CODE):
        opmerking = _("Handed over to Leerplicht of %(gemeente)s.") % {
            "gemeente": overdracht.naar_gemeente.naam
        }
    sluit_casus(
        casus=casus,
        door=door,
        passend_aanbod=Casus.PassendAanbod.VERHUISD,
        op=max(timezone.localdate(), casus.start),
        opmerking=opmerking,
    )
    return overdracht


def _vergrendel_overdracht(overdracht: Casusoverdracht) -> Casusoverdracht:
    vers = (
        Casusoverdracht.objects.select_for_update()
        .select_related("casus", "van_gemeente", "naar_gemeente")
        .get(pk=overdracht.pk)
    )
    if vers.status != Casusoverdracht.Status.VERZONDEN:
        raise CasusNietMogelijk("Deze overdracht is al behandeld of nog niet verzonden.")
    return vers


def _mag_ontvangen(door: Medewerker, overdracht: Casusoverdracht) -> None:
    if not (
        door.rol == Rol.LEERPLICHTAMBTENAAR
        and door.heeft_passende_rol
        and door.organisatie is not None
        and door.organisatie.gemeenten.filter(pk=overdracht.naar_gemeente_id).exists()
    ):
        raise CasusNietMogelijk(
            "Alleen een leerplichtambtenaar van de ontvangende gemeente neemt de casus over."
        )


@transaction.atomic
def aanvaard_overdracht(*, overdracht: Casusoverdracht, door: Medewerker) -> Casus:
    """The receiving Leerplicht accepts: a new case for its municipality opens, directed by
    `door`, from the same start (the child's stay at home did not begin again), under the
    model of the pupil's new area, with the handed-over plan as its first version and the
    handed-over open actions; its history says who handed it over and when."""
    overdracht = _vergrendel_overdracht(overdracht)
    _mag_ontvangen(door, overdracht)
    oud = overdracht.casus
    vergrendel_leerling(oud.leerling_id)
    leerling = Leerling.objects.get(pk=oud.leerling_id)
    if leerling.woongemeente_id != overdracht.naar_gemeente_id:
        # the pupil moved on before the handover was accepted: it is no longer this
        # municipality's to take (bij_verhuizing lets it lapse)
        raise CasusNietMogelijk(
            "De leerling woont niet meer in deze gemeente; de overdracht is vervallen."
        )
    if Casus.objects.filter(leerling=leerling, status=Casus.Status.OPEN).exists():
        raise CasusNietMogelijk("Deze leerling heeft al een open casus.")
    aanpak = aanpak_van(leerling)
    nieuw = Casus.objects.create(
        leerling=leerling,
        gemeente=overdracht.naar_gemeente,
        aanpak=aanpak,
        start=oud.start,
        regisseur=door,
        geopend_door=door,
    )
    geschiedenis.geopend_na_overdracht(
        nieuw,
        door=door,
        overdracht=overdracht,
        verzonden_op=timezone.localdate(overdracht.verzonden_op),
    )
    # like every opening: the pupil's open signals are handled within the new case
    sluit_signalen_bij_opening(nieuw, door=door)
    plan = overdracht.inhoud.get("plan")
    if plan:
        PlanVanAanpak.objects.create(
            casus=nieuw, versie=1, gemaakt_door=door, **{v: plan[v] for v in PlanVanAanpak.INHOUD}
        )
        geschiedenis.plan_overgedragen(nieuw, door=door)
    for actie in overdracht.inhoud.get("acties", []):
        if actie["status"] == Actie.Status.OPEN:
            Actie.objects.create(
                casus=nieuw,
                plan=nieuw.planversies.first(),
                wie_naam=actie["wie"] or "-",
                wat=actie["wat"],
                uiterlijk=actie["uiterlijk"],
                aangemaakt_door=door,
            )
    overdracht.status = Casusoverdracht.Status.AANVAARD
    overdracht.behandeld_door = door
    overdracht.behandeld_op = timezone.now()
    overdracht.nieuwe_casus = nieuw
    overdracht.save(update_fields=["status", "behandeld_door", "behandeld_op", "nieuwe_casus"])
    geschiedenis.overdracht_aanvaard(
        oud, door=door, overdracht=overdracht, datum=timezone.localdate()
    )
    return nieuw


@transaction.atomic
def weiger_overdracht(
    *, overdracht: Casusoverdracht, door: Medewerker, reden: str
) -> Casusoverdracht:
    """The receiving Leerplicht refuses (e.g. the pupil does not live there after all), with a
    reason the sending side reads in its case's history; it may then reopen its case."""
    reden = reden.strip()
    if not reden:
        raise CasusNietMogelijk("Geef de reden waarom u de overdracht weigert.")
    overdracht = _vergrendel_overdracht(overdracht)
    _mag_ontvangen(door, overdracht)
    overdracht.status = Casusoverdracht.Status.GEWEIGERD
    overdracht.behandeld_door = door
    overdracht.behandeld_op = timezone.now()
    overdracht.reden_weigering = reden
    overdracht.save(update_fields=["status", "behandeld_door", "behandeld_op", "reden_weigering"])
    geschiedenis.overdracht_geweigerd(
        overdracht.casus,
        door=door,
        overdracht=overdracht,
        reden=reden,
        datum=timezone.localdate(),
    )
    return overdracht
