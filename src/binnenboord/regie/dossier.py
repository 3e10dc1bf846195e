# SPDX-License-Identifier: EUPL-1.2
"""The cases section of the pupil page (registered in apps.py through registratie.dossier):
the pupil's cases the user may see, and the button to open one."""

from __future__ import annotations

from django.http import HttpRequest

from binnenboord.registratie.dossier import Dossiersectie
from binnenboord.registratie.models import Leerling
from binnenboord.toegang.models import Medewerker

from .selectors.casus import casussen_van, heeft_open_casus


def casussectie(request: HttpRequest, leerling: Leerling) -> Dossiersectie | None:
    gebruiker = request.user
    if not isinstance(gebruiker, Medewerker) or not gebruiker.has_perm("regie.list_casus"):
        return None
    return Dossiersectie(
        template_name="regie/_dossier.html",
        context={
            "casussen": list(casussen_van(gebruiker, leerling)),
            "mag_openen": gebruiker.has_perm("regie.add_casus", leerling)
            and not heeft_open_casus(leerling),
            "leerling_id": leerling.pk,
        },
    )
