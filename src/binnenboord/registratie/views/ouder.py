# SPDX-License-Identifier: EUPL-1.2
"""Leerplicht changes a parent of a pupil of its municipality (registratie.change_ouder)."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from binnenboord.toegang.http import AppRequest
from binnenboord.verantwoording.inzage import logt_inzage, uitkomst
from binnenboord.verantwoording.models import Inzage

from ..forms import OuderForm
from ..lezen import lees_leerling
from ..ouders import wijzig_ouder


@require_http_methods(["GET", "POST"])
@logt_inzage
def ouder(request: AppRequest, pk: int, ouder: int) -> HttpResponse:
    # 404 outside the user's scope (another municipality), 403 without the permission (a
    # school); the parent is looked up among this pupil's parents only
    leerling = lees_leerling(request, pk, bron="registratie:ouder", mag="registratie.change_ouder")
    gevonden = leerling.ouders.filter(pk=ouder).first()
    if gevonden is None:
        raise Http404
    form = OuderForm(request.POST or None, instance=gevonden)
    if request.method == "POST" and form.is_valid():
        reden = form.cleaned_data["reden"]
        wijzig_ouder(ouder=form.save(commit=False), door=request.user, reden=reden)
        uitkomst(request, Inzage.Handeling.WIJZIGEN, reden=reden)
        messages.success(request, _("The parent's data are saved."))
        return redirect("registratie:leerling", pk=leerling.pk)
    return render(
        request, "registratie/ouder.html", {"leerling": leerling, "ouder": gevonden, "form": form}
    )
