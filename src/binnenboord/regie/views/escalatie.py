# SPDX-License-Identifier: EUPL-1.2
"""Escalations (docs/samenwerken.md, "Escalatie"): the "Escalaties" worklist of the running
escalations of the bodies the user is a member of (for Leerplicht also those of its
municipalities), and ending an escalation with a reason. The list is an access-log search, the
end a change of the case."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binnenboord.gedeeld.views import vereis
from binnenboord.toegang.http import AppRequest
from binnenboord.verantwoording.inzage import log_lijst, logt_inzage, uitkomst
from binnenboord.verantwoording.models import Inzage

from .. import services
from ..forms.casus import BeeindigenForm
from ..geschiedenis import orgaan_naam
from ..models import Escalatie
from ..rules import escalatie_scope
from ..services.escalatie import beeindig_escalatie
from .lezen import lees_casus


@permission_required("regie.list_escalatie", raise_exception=True)
@logt_inzage
def escalaties(request: AppRequest) -> HttpResponse:
    rijen = list(
        Escalatie.objects.filter(escalatie_scope(request.user))
        .select_related("casus__leerling", "overleg", "bevestigd_door")
        .order_by("datum", "pk")
    )
    log_lijst(request, [e.casus.leerling for e in rijen], bron="regie:escalaties")
    regels = [(e, orgaan_naam(e.orgaan)) for e in rijen]
    return render(request, "regie/escalaties.html", {"escalaties": regels})


@require_POST
@logt_inzage
def beeindigen(request: AppRequest, pk: int) -> HttpResponse:
    """End an escalation (a member of the body or Leerplicht): 404 when its case is hidden, 403
    for who does not hold it."""
    gevonden = Escalatie.objects.filter(pk=pk).first()
    if gevonden is None:
        raise Http404
    casus = lees_casus(request, gevonden.casus_id, bron="regie:escalatie_beeindigen")
    vereis(request.user, "regie.end_escalatie", gevonden)
    terug = request.POST.get("volgende", "")
    if not url_has_allowed_host_and_scheme(terug, allowed_hosts={request.get_host()}):
        terug = ""
    terug = terug or reverse("regie:casus", args=[casus.pk]) + "#escalaties"
    form = BeeindigenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for ending."))
        return redirect(terug)
    try:
        beeindig_escalatie(escalatie=gevonden, door=request.user, reden=form.cleaned_data["reden"])
    except services.CasusNietMogelijk as fout:
        messages.error(request, str(fout))
    else:
        uitkomst(request, Inzage.Handeling.WIJZIGEN)
        messages.success(request, _("The escalation has been ended."))
    return redirect(terug)
