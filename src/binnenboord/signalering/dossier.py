# SPDX-License-Identifier: EUPL-1.2
"""The signals section of the pupil page (registered in apps.py through registratie.dossier):
the pupil's signals the user may see, and, with ?signaal=ID, that signal's days highlighted in
the absence calendar."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _

from binnenboord.registratie.dossier import Dossiersectie, Markering
from binnenboord.registratie.models import Leerling

from .selectors import meldingen_van, signalen_van


def signalensectie(request: HttpRequest, leerling: Leerling) -> Dossiersectie | None:
    if not request.user.has_perm("signalering.list_signaal"):
        return None
    signalen = list(signalen_van(request.user, leerling))
    gekozen = next((s for s in signalen if str(s.pk) == request.GET.get("signaal", "")), None)
    markering = (
        Markering(
            gekozen.van, gekozen.tot, _("signal %(soort)s") % {"soort": gekozen.get_soort_display()}
        )
        if gekozen is not None
        else None
    )
    return Dossiersectie(
        template_name="signalering/_dossier.html",
        context={"signalen": signalen, "gekozen": gekozen.pk if gekozen else None},
        markering=markering,
    )


def meldingensectie(request: HttpRequest, leerling: Leerling) -> Dossiersectie | None:
    """The pupil's meldingen the user may see, and for the school the button to report a
    (threatening) stay-at-home pupil."""
    if not request.user.has_perm("signalering.list_melding"):
        return None
    return Dossiersectie(
        template_name="signalering/_dossier_meldingen.html",
        context={
            "meldingen": list(meldingen_van(request.user, leerling)),
            "mag_melden": request.user.has_perm("signalering.add_melding", leerling),
            "leerling_id": leerling.pk,
        },
    )
