# SPDX-License-Identifier: EUPL-1.2
"""Scoped reads of meetings' agenda items: the items whose case the user may see, and the
items the user sees as chair or member of a meeting with a published agenda
(regie.rules.agendapunt_scope), with what a member is shown of such a case: a summary, the
current plan and its open actions, and the question. Never medical content (MedischeInhoud),
contact reports, the justice chain or the case's history: those stay on the case page, for
who may see the case."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from binnenboord.kern.monitoring import leeftijd
from binnenboord.registratie.models import Inschrijving, School
from binnenboord.toegang.models import Medewerker

from ..beoordeling import beoordeel_casus, staplabel
from ..models import Actie, Agendapunt, Casus, PlanVanAanpak
from ..rules import agendapunt_scope, casus_scope


def zichtbare_agendapunten(gebruiker: Medewerker) -> QuerySet[Agendapunt]:
    """The agenda items the user may see with their case: the case is in the user's scope, or
    the user is chair or member of the meeting and its agenda is published (until the item's
    outcome is recorded). `casus_zichtbaar` says which: the case page, or the item's page
    (overleg:agendapunt)."""
    casussen = Casus.objects.filter(casus_scope(gebruiker))
    return Agendapunt.objects.filter(
        Q(casus__in=casussen.values("pk")) | agendapunt_scope(gebruiker)
    ).annotate(casus_zichtbaar=Exists(casussen.filter(pk=OuterRef("casus_id"))))


def als_lid(gebruiker: Medewerker) -> QuerySet[Agendapunt]:
    """The agenda items the user sees as chair or member of their meeting."""
    return Agendapunt.objects.filter(agendapunt_scope(gebruiker))


def haal_agendapunt(gebruiker: Medewerker, overleg_pk: Any, punt_pk: Any) -> Agendapunt:
    """An agenda item of the meeting `overleg_pk`, or 404 when it is missing, of another
    meeting, or not visible to the user as chair or member (not published, its outcome
    recorded, not the user's meeting)."""
    try:
        return (
            als_lid(gebruiker)
            .select_related(
                "overleg",
                "casus",
                "casus__leerling",
                "casus__regisseur",
                "casus__regisseur__organisatie",
            )
            .get(pk=punt_pk, overleg_id=overleg_pk)
        )
    except (ValueError, TypeError, Agendapunt.DoesNotExist):
        raise Http404 from None


@dataclass(frozen=True)
class Agendasamenvatting:
    """What the chair and members read of a case on the agenda."""

    punt: Agendapunt
    casus: Casus
    leeftijd: int
    school: School | None
    fase: str
    waarom: str
    plan: PlanVanAanpak | None
    open_acties: list[Actie]


def samenvatting(punt: Agendapunt, dag: date) -> Agendasamenvatting:
    """The summary of the item's case on `dag`: pupil, age, current school, start, phase,
    director, why it is on the agenda, the latest plan version and the open actions."""
    casus = punt.casus
    inschrijving = (
        Inschrijving.objects.filter(leerling_id=casus.leerling_id, begindatum__lte=dag)
        .filter(Q(einddatum__isnull=True) | Q(einddatum__gte=dag))
        .select_related("school")
        .order_by("-begindatum", "-pk")
        .first()
    )
    beoordeling = beoordeel_casus(casus, dag)
    return Agendasamenvatting(
        punt=punt,
        casus=casus,
        leeftijd=leeftijd(casus.leerling.geboortedatum, dag),
        school=inschrijving.school if inschrijving is not None else None,
        fase=beoordeling.fase.naam,
        waarom=staplabel(casus, punt.waarom) if punt.waarom else "",
        plan=casus.planversies.order_by("-versie").first(),
        open_acties=list(
            casus.acties.filter(status=Actie.Status.OPEN)
            .select_related("wie")
            .order_by("uiterlijk", "pk")
        ),
    )
