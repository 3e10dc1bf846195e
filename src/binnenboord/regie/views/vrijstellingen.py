# SPDX-License-Identifier: EUPL-1.2
"""The worklist of art. 5 onder a exemptions due for re-assessment (docs/regie.md,
"Vrijstellingen"): for Leerplicht, the running exemptions of pupils of its municipalities whose
re-assessment falls within the coming weeks or has passed. Every pupil shown is in the access
log."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from binnenboord.toegang.http import AppRequest
from binnenboord.toegang.models import Medewerker
from binnenboord.toegang.rules import gemeenten_van
from binnenboord.verantwoording.inzage import log_lijst, logt_inzage

from ..selectors.justitie import (
    BRON_HERBEOORDELING,
    HERBEOORDELING_VOORUIT_WEKEN,
    herbeoordeling_maanden,
    herbeoordelingen,
)


@permission_required("regie.list_herbeoordeling", raise_exception=True)
@logt_inzage
def herbeoordeling(request: AppRequest) -> HttpResponse:
    medewerker = request.user
    assert isinstance(medewerker, Medewerker)
    vandaag = timezone.localdate()
    rijen = herbeoordelingen(gemeenten_van(medewerker), vandaag)
    log_lijst(request, [r.vrijstelling.leerling for r in rijen], bron="regie:herbeoordeling")
    return render(
        request,
        "regie/vrijstellingen_herbeoordeling.html",
        {
            "rijen": rijen,
            "vandaag": vandaag,
            "weken": HERBEOORDELING_VOORUIT_WEKEN,
            "maanden": herbeoordeling_maanden(),
            "bron": BRON_HERBEOORDELING,
        },
    )
