# SPDX-License-Identifier: EUPL-1.2
"""Attaching a signal to the pupil's open case (docs/samenwerken.md, "Signalen en casussen"):
the button on the signal page and on the page that would open a second case. Both objects are
read through their scoped readers (404 for what the user may not see, with the access-log
line), then the permissions on each (403): regie.attach_signaal on the case and
signalering.handle_signaal on the signal; the service checks them again."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binnenboord.registratie.models import Leerling
from binnenboord.signalering.lezen import lees_signaal
from binnenboord.signalering.models import Signaal
from binnenboord.signalering.selectors import mag_koppelen, open_casussen
from binnenboord.toegang.http import AppRequest
from binnenboord.toegang.models import Medewerker
from binnenboord.verantwoording.inzage import logt_inzage, uitkomst
from binnenboord.verantwoording.models import Inzage

from ..services.casus import CasusNietMogelijk
from ..services.signalen import koppel_signaal
from .lezen import lees_casus


@require_POST
@logt_inzage
def koppel(request: AppRequest, pk: int, signaal_pk: int) -> HttpResponse:
    casus = lees_casus(
        request,
        pk,
        bron="regie:koppel_signaal",
        mag="regie.attach_signaal",
        handeling=Inzage.Handeling.WIJZIGEN,
    )
    signaal = lees_signaal(
        request,
        signaal_pk,
        bron="regie:koppel_signaal",
        mag="signalering.handle_signaal",
        handeling=Inzage.Handeling.WIJZIGEN,
    )
    if signaal.leerling_id != casus.leerling_id:
        # a signal of another pupil is not this case's: as if it did not exist
        raise Http404
    try:
        nieuw = koppel_signaal(casus=casus, signaal=signaal, door=request.user)
    except CasusNietMogelijk as fout:
        messages.error(request, str(fout))
        return redirect("signalering:signaal", pk=signaal.pk)
    uitkomst(request, Inzage.Handeling.WIJZIGEN, casus_id=casus.pk)
    if nieuw:
        messages.success(request, _("The signal has been attached to the case."))
    else:
        messages.info(request, _("This signal was already attached to the case."))
    return redirect("signalering:signaal", pk=signaal.pk)


def koppelkeuze(
    gebruiker: Medewerker, leerling: Leerling, signaal: Signaal | None
) -> dict[str, Any]:
    """For the page that opens a case: the pupil's open case as the user may know it
    (`open_casus`, signalering.selectors.open_casussen) and whether the signal the page came
    from can be attached to it instead (`mag_koppelen`)."""
    open_casus = open_casussen(gebruiker, [leerling.pk]).get(leerling.pk)
    return {
        "open_casus": open_casus,
        "mag_koppelen": signaal is not None
        and signaal.status == Signaal.Status.OPEN
        and gebruiker.has_perm("signalering.handle_signaal", signaal)
        and mag_koppelen(gebruiker, open_casus),
    }
