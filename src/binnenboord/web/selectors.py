# SPDX-License-Identifier: EUPL-1.2
"""Aggregate figures without names for the figures page; counts below 5 are suppressed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import Count, Q
from django.utils import timezone

DREMPEL_KLEINE_AANTALLEN = 5


@dataclass(frozen=True)
class Cijfer:
    label: str
    aantal: int

    @property
    def weergave(self) -> str:
        return "< 5" if 0 < self.aantal < DREMPEL_KLEINE_AANTALLEN else str(self.aantal)


def cijfers_voor(user: Any) -> list[Cijfer]:
    """Pupils living in the user's municipalities, by kind of school of their enrolment today."""
    leerling = apps.get_model("registratie", "Leerling")
    school = apps.get_model("registratie", "School")
    gemeenten = user.organisatie.gemeenten.all() if user.organisatie_id else []
    dag = timezone.localdate()
    actief = Q(inschrijvingen__begindatum__lte=dag) & (
        Q(inschrijvingen__einddatum__isnull=True) | Q(inschrijvingen__einddatum__gte=dag)
    )
    rijen = (
        leerling.objects.filter(actief, woongemeente__in=gemeenten)
        .values("inschrijvingen__school__soort")
        .annotate(aantal=Count("pk", distinct=True))
        .order_by("inschrijvingen__school__soort")
    )
    labels = dict(school.Soort.choices)
    return [Cijfer(str(labels[r["inschrijvingen__school__soort"]]), r["aantal"]) for r in rijen]
