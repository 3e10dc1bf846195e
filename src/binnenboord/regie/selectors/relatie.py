# SPDX-License-Identifier: EUPL-1.2
"""The reads of the case page's section "Ouders en leerling" (docs/relatie.md, "De kant van de
professional"): per parent and the pupil their place in the portal and why it gives no access
today, the meetings they can be invited to, their own words (story versions, reactions to the
plan), the message threads and the correction requests. The case itself is read (scoped,
checked and access-logged) by the view; these only read what belongs to that case."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet

from binnenboord.registratie.models import Ouder

from ..models import (
    Bericht,
    Casus,
    Correctieverzoek,
    Overleg,
    Overleguitnodiging,
    Planreactie,
    PlanVanAanpak,
    Portaaltoegang,
    Verhaal,
)
from ..relatie import reden_geen_toegang, uit_te_nodigen

LEERLING = "leerling"


def sleutel_van(ouder: Ouder | None) -> str:
    """The key of a person in the forms, as regie.relatie.uit_te_nodigen names them."""
    return LEERLING if ouder is None else f"ouder:{ouder.pk}"


@dataclass
class Persoon:
    """A parent of the pupil, or the pupil: who, and their place in the portal."""

    sleutel: str
    naam: str
    rol: str  # the relation ("moeder", ...) or "leerling"
    ouder: Ouder | None
    gezag: bool
    email: str
    toegang: Portaaltoegang | None  # the running access, else the last one
    reden: str  # why it gives no access today ("" when it does, or nothing to say)
    uit_te_nodigen: bool
    ongelezen: int = 0
    berichten: int = 0
    eerder: list[Portaaltoegang] = field(default_factory=list)

    @property
    def is_leerling(self) -> bool:
        return self.ouder is None

    @property
    def status(self) -> str:
        return self.toegang.status if self.toegang is not None else ""


def _toegangen(casus: Casus) -> dict[int | None, list[Portaaltoegang]]:
    """The accesses of the case per parent (None: the pupil), the running one first."""
    lopend = set(Portaaltoegang.LOPEND)
    per: dict[int | None, list[Portaaltoegang]] = {}
    rijen = (
        Portaaltoegang.objects.filter(casus=casus)
        .select_related("gebruiker", "uitgenodigd_door", "beeindigd_door", "ouder")
        .annotate(
            aantal_berichten=Count("berichten", distinct=True),
            aantal_ongelezen=Count(
                "berichten",
                filter=Q(berichten__door__isnull=True, berichten__gelezen_op__isnull=True),
                distinct=True,
            ),
        )
        .order_by("-pk")
    )
    for toegang in rijen:
        toegang.casus = casus  # the case as the view read it (no second read)
        per.setdefault(toegang.ouder_id, []).append(toegang)
    for lijst in per.values():
        lijst.sort(key=lambda t: (t.status not in lopend, -t.pk))
    return per


def _reden(casus: Casus, ouder: Ouder | None, toegang: Portaaltoegang | None, vandaag: date) -> str:
    """Why the person has no access today. An active access: its own reason. No access yet,
    or an invitation not yet accepted: the reason it would give once accepted (gezag, age,
    the pupil's consent), so the regisseur knows before inviting. Ended or withheld: the
    status says it (empty here)."""
    if toegang is not None and toegang.status in (
        Portaaltoegang.Status.BEEINDIGD,
        Portaaltoegang.Status.ONTZEGD,
    ):
        return ""
    if toegang is not None and toegang.status == Portaaltoegang.Status.ACTIEF:
        return reden_geen_toegang(toegang, vandaag)
    # as if accepted today (an unsaved row: nothing is written)
    denkbeeldig = Portaaltoegang(
        casus=casus,
        ouder=ouder,
        status=Portaaltoegang.Status.ACTIEF,
        toestemming_leerling_op=toegang.toestemming_leerling_op if toegang else None,
    )
    return reden_geen_toegang(denkbeeldig, vandaag)


def personen(casus: Casus, vandaag: date) -> list[Persoon]:
    """Each parent of the pupil and the pupil, with their place in the portal."""
    toegangen = _toegangen(casus)
    uitnodigbaar = {sleutel for sleutel, _label in uit_te_nodigen(casus, vandaag)}
    uitkomst: list[Persoon] = []
    leerling = casus.leerling
    ouders = list(leerling.ouders.all())
    for ouder in [*ouders, None]:
        rijen = toegangen.get(ouder.pk if ouder is not None else None, [])
        toegang = rijen[0] if rijen else None
        sleutel = sleutel_van(ouder)
        persoon = Persoon(
            sleutel=sleutel,
            naam=str(ouder) if ouder is not None else leerling.naam,
            rol=ouder.get_relatie_display() if ouder is not None else LEERLING,
            ouder=ouder,
            gezag=ouder.gezag if ouder is not None else True,
            email=ouder.email if ouder is not None else "",
            toegang=toegang,
            reden=_reden(casus, ouder, toegang, vandaag),
            uit_te_nodigen=sleutel in uitnodigbaar,
            eerder=rijen[1:],
        )
        for rij in rijen:
            persoon.berichten += getattr(rij, "aantal_berichten", 0)
            persoon.ongelezen += getattr(rij, "aantal_ongelezen", 0)
        uitkomst.append(persoon)
    return uitkomst


def ouder_van(casus: Casus, pk: Any) -> Ouder | None:
    """A parent of this case's pupil, or None (an id of another pupil's parent, or no id)."""
    try:
        return casus.leerling.ouders.get(pk=pk)
    except (ValueError, TypeError, Ouder.DoesNotExist):
        return None


def toegang_van(casus: Casus, pk: Any) -> Portaaltoegang | None:
    """An access of this case, or None (an id of another case's access, or no id)."""
    try:
        toegang = Portaaltoegang.objects.select_related("ouder", "gebruiker").get(
            casus=casus, pk=pk
        )
    except (ValueError, TypeError, Portaaltoegang.DoesNotExist):
        return None
    toegang.casus = casus
    return toegang


def actieve_toegangen(casus: Casus, vandaag: date) -> list[Portaaltoegang]:
    """The accesses of the case that give access today: who can be invited to a meeting."""
    uitkomst = []
    for toegang in Portaaltoegang.objects.filter(
        casus=casus, status=Portaaltoegang.Status.ACTIEF
    ).select_related("ouder", "gebruiker"):
        toegang.casus = casus
        if reden_geen_toegang(toegang, vandaag) == "":
            uitkomst.append(toegang)
    return uitkomst


def komende_overleggen(casus: Casus, vandaag: date) -> QuerySet[Overleg]:
    """The meetings with this case on their agenda, today or later."""
    return (
        Overleg.objects.filter(agendapunten__casus=casus, datum__gte=vandaag)
        .distinct()
        .order_by("datum", "aanvang", "pk")
    )


def overleguitnodigingen(casus: Casus) -> list[Overleguitnodiging]:
    rijen = list(
        casus.overleguitnodigingen.select_related(
            "overleg", "toegang__ouder", "uitgenodigd_door"
        ).order_by("-overleg__datum", "pk")
    )
    for rij in rijen:
        rij.toegang.casus = casus  # the person's name without a read per row
    return rijen


def verhalen(casus: Casus) -> list[Verhaal]:
    """Every version of every story, newest first."""
    return list(
        Verhaal.objects.filter(casus=casus)
        .select_related("toegang__ouder", "door", "namens_ouder")
        .order_by("-geschreven_op", "-pk")
    )


def laatste_plan(casus: Casus) -> PlanVanAanpak | None:
    return casus.planversies.order_by("-versie").first()


def _persoonsleutel(rij: Verhaal | Planreactie) -> str:
    """Whose words: the parent's or the pupil's, whether typed in the portal or noted."""
    if rij.toegang_id is not None:
        assert rij.toegang is not None
        return sleutel_van(rij.toegang.ouder)
    return sleutel_van(rij.namens_ouder)


def planreacties(plan: PlanVanAanpak | None) -> list[Planreactie]:
    """Per person their latest reaction to this plan version (a later one replaces it on the
    page; all are kept)."""
    if plan is None:
        return []
    gezien: set[str] = set()
    uitkomst = []
    for reactie in (
        Planreactie.objects.filter(plan=plan)
        .select_related("toegang__ouder", "door", "namens_ouder")
        .order_by("-geschreven_op", "-pk")
    ):
        sleutel = _persoonsleutel(reactie)
        if sleutel not in gezien:
            gezien.add(sleutel)
            uitkomst.append(reactie)
    return uitkomst


def berichten(toegang: Portaaltoegang) -> list[Bericht]:
    return list(toegang.berichten.select_related("door").order_by("verstuurd_op", "pk"))


def correctieverzoeken(casus: Casus) -> list[Correctieverzoek]:
    """Open requests first, then the handled ones; newest first."""
    rijen = sorted(
        casus.correctieverzoeken.select_related("toegang__ouder", "afgehandeld_door"),
        key=lambda v: (v.uitkomst != "", -v.ingediend_op.timestamp(), -v.pk),
    )
    for rij in rijen:
        rij.toegang.casus = casus
    return rijen


def correctieverzoek_van(casus: Casus, pk: Any) -> Correctieverzoek | None:
    try:
        return casus.correctieverzoeken.select_related("toegang").get(pk=pk)
    except (ValueError, TypeError, Correctieverzoek.DoesNotExist):
        return None
