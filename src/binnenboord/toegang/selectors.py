# SPDX-License-Identifier: EUPL-1.2
"""Scoped reads: every queryset of protected data starts here, never with an ad-hoc filter."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.http import Http404

from .models import Rol
from .rules import leerling_scope, verzuim_scope

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from binnenboord.registratie.models import Inschrijving, Leerling, Verzuim


def zichtbare_leerlingen(gebruiker: Any, *, peildatum: date | None = None) -> QuerySet[Leerling]:
    model = apps.get_model("registratie", "Leerling")
    return model.objects.filter(leerling_scope(gebruiker, peildatum=peildatum))


def haal_leerling(gebruiker: Any, pk: Any) -> Leerling:
    """The pupil, or 404 for "missing" and "forbidden" alike."""
    try:
        return zichtbare_leerlingen(gebruiker).select_related("woongemeente").get(pk=pk)
    except (ValueError, apps.get_model("registratie", "Leerling").DoesNotExist):
        raise Http404 from None


def zichtbaar_verzuim(gebruiker: Any) -> QuerySet[Verzuim]:
    """The absence rows `gebruiker` may see (toegang.rules.verzuim_scope): a school its own
    rows of its own enrolment periods, Leerplicht every row of its pupils."""
    model = apps.get_model("registratie", "Verzuim")
    return model.objects.filter(verzuim_scope(gebruiker))


def eigen_perioden(
    gebruiker: Any, inschrijvingen: Iterable[Inschrijving]
) -> list[tuple[date, date | None]] | None:
    """The periods of a pupil's life that `gebruiker` sees (access follows time): for a school
    the periods of the pupil's enrolments at a school of its own organisation; None (the whole
    picture) for everyone else who sees the pupil. `inschrijvingen` with their school loaded."""
    if getattr(gebruiker, "rol", None) != Rol.SCHOOLMEDEWERKER:
        return None
    return [
        (i.begindatum, i.einddatum)
        for i in inschrijvingen
        if i.school.organisatie_id == gebruiker.organisatie_id
    ]
