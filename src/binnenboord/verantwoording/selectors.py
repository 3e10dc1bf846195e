# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from .models import Inzage


def zichtbare_inzages(gebruiker: Any) -> QuerySet[Inzage]:
    """Entries made by the own organisation's staff, or about pupils living in the
    municipalities the own organisation serves."""
    if not gebruiker.has_perm("verantwoording.view_inzage"):
        return Inzage.objects.none()
    organisatie = gebruiker.organisatie
    return Inzage.objects.filter(
        Q(medewerker__organisatie=organisatie) | Q(leerling__woongemeente__organisaties=organisatie)
    ).distinct()
