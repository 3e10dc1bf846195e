# SPDX-License-Identifier: EUPL-1.2
"""Until regie imports them from registratie.selectors (the regie package is being
restructured): the scoped pupil reads, which live in registratie.selectors."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.http import Http404

from .models import Medewerker
from .rules import leerling_scope

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from binnenboord.registratie.models import Leerling


def zichtbare_leerlingen(
    gebruiker: Medewerker, *, peildatum: date | None = None
) -> QuerySet[Leerling]:
    model = apps.get_model("registratie", "Leerling")
    return model.objects.filter(leerling_scope(gebruiker, peildatum=peildatum))


def haal_leerling(gebruiker: Medewerker, pk: Any) -> Leerling:
    """The pupil, or 404 for "missing" and "forbidden" alike."""
    try:
        return zichtbare_leerlingen(gebruiker).select_related("woongemeente").get(pk=pk)
    except (ValueError, apps.get_model("registratie", "Leerling").DoesNotExist):
        raise Http404 from None
