# SPDX-License-Identifier: EUPL-1.2
"""Moving a case to another escalation model: a form on the case page (templatetags
termijnen.aanpak_verplaatsen) that posts here. Leerplicht only (regie.change_aanpak); a case
the user may not see answers 404, a visible case the user may not move 403."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binnenboord.toegang.http import AppRequest
from binnenboord.verantwoording.inzage import logt_inzage, uitkomst
from binnenboord.verantwoording.models import Inzage

from ..forms.termijnen import AanpakForm
from ..services import CasusNietMogelijk
from ..services.termijnen import verplaats_naar_aanpak
from .lezen import lees_casus


@require_POST
@logt_inzage
def verplaats(request: AppRequest, pk: int) -> HttpResponse:
    casus = lees_casus(request, pk, bron="regie:aanpak_verplaatsen", mag="regie.change_aanpak")
    form = AanpakForm(request.POST, casus=casus)
    if form.is_valid():
        try:
            verplaats_naar_aanpak(
                casus=casus,
                aanpak=form.cleaned_data["aanpak"],
                door=request.user,
                reden=form.cleaned_data["reden"],
            )
        except CasusNietMogelijk as niet_mogelijk:
            messages.error(request, str(niet_mogelijk))
        else:
            uitkomst(request, Inzage.Handeling.WIJZIGEN)
            messages.success(request, _("The case now runs under the new escalation model."))
            return redirect("regie:casus", pk=casus.pk)
    else:
        for fouten in form.errors.values():
            for fout in fouten:
                messages.error(request, str(fout))
    return redirect("regie:casus", pk=casus.pk)
