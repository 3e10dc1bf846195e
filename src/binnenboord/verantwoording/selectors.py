# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import apps
from django.db.models import Q, QuerySet

from binnenboord.toegang.rules import gemeenten_van

from .models import Inzage

if TYPE_CHECKING:
    from binnenboord.registratie.models import Leerling
    from binnenboord.toegang.models import Medewerker


def zichtbare_inzages(gebruiker: Medewerker) -> QuerySet[Inzage]:
    """Entries made by the own organisation's staff, or about pupils living in the
    municipalities the own organisation serves."""
    if not gebruiker.has_perm("verantwoording.view_inzage") or gebruiker.organisatie is None:
        return Inzage.objects.none()
    # the municipalities as a list of ids, not a join through the organisation: no entry is
    # counted twice (the page groups and counts them), so no DISTINCT is needed
    return Inzage.objects.filter(
        Q(medewerker__organisatie=gebruiker.organisatie)
        | Q(leerling__woongemeente_id__in=gemeenten_van(gebruiker))
    )


def leerling_voor_inzagelog(gebruiker: Medewerker, zoekterm: str) -> Leerling | None:
    """The pupil (by BSN or onderwijsnummer) whose own log `gebruiker` may read, else None.
    A municipal organisation's administrator: the pupils living in its municipalities (all
    entries about them). Any other organisation's administrator: pupils its own staff have
    entries about (only those entries). Missing and forbidden look the same."""
    if not gebruiker.has_perm("verantwoording.view_inzage") or not zoekterm:
        return None
    leerling_model = apps.get_model("registratie", "Leerling")
    leerling: Leerling | None = leerling_model.objects.filter(
        Q(bsn=zoekterm) | Q(onderwijsnummer=zoekterm)
    ).first()
    if (leerling is None or not inzages_van_leerling(gebruiker, leerling).exists()) and (
        leerling is None
        # without an organisation (id None) nothing matches, as with pk=None before
        or not leerling.woongemeente.organisaties.filter(pk=gebruiker.organisatie_id or 0).exists()
    ):
        return None
    return leerling


def inzages_van_leerling(gebruiker: Medewerker, leerling: Leerling) -> QuerySet[Inzage]:
    """Who looked at this pupil's file: the entries about `leerling` that `gebruiker` sees."""
    return zichtbare_inzages(gebruiker).filter(leerling_id=leerling.pk).order_by("-tijdstip", "-pk")
