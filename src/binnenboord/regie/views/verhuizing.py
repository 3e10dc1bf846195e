# SPDX-License-Identifier: EUPL-1.2
"""The case handover after a move (services.verhuizing): the sending side's form on its case,
and the receiving Leerplicht's page with what was handed over, to accept or refuse. A case or
handover the user may not see answers 404, an action the user may not do 403; every page
that shows the pupil and every change is in the access log."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binnenboord.toegang.http import AppRequest
from binnenboord.toegang.models import Medewerker
from binnenboord.verantwoording.inzage import lees, logt_inzage, uitkomst
from binnenboord.verantwoording.models import Inzage

from ..forms.verhuizing import GemeenteoverdrachtForm, WeigerenForm
from ..models import Casusoverdracht, Contactmoment
from ..rules import overdracht_scope
from ..services import CasusNietMogelijk
from ..services import verhuizing as diensten
from .lezen import lees_casus


@logt_inzage
def versturen(request: AppRequest, pk: int) -> HttpResponse:
    """The sending side chooses what goes along and sends it (the case then closes)."""
    casus = lees_casus(request, pk, bron="regie:overdracht_versturen", mag="regie.send_overdracht")
    concept = diensten.concept_van(casus)
    if concept is None:
        raise Http404
    status = 200
    if request.method == "POST":
        form = GemeenteoverdrachtForm(request.POST)
        if form.is_valid():
            try:
                diensten.verstuur_overdracht(casus=casus, door=request.user, **form.cleaned_data)
            except CasusNietMogelijk as fout:
                form.add_error(None, str(fout))
            else:
                uitkomst(request, Inzage.Handeling.WIJZIGEN)
                messages.success(request, _("The case has been handed over and closed."))
                return redirect("regie:casus", pk=casus.pk)
        status = 400
    else:
        form = GemeenteoverdrachtForm()
    return render(
        request,
        "regie/overdracht_versturen.html",
        {"casus": casus, "overdracht": concept, "form": form},
        status=status,
    )


def haal_overdracht(gebruiker: Medewerker, pk: Any) -> Casusoverdracht:
    """A handover the user receives, or 404 for "missing" and "forbidden" alike."""
    try:
        return (
            Casusoverdracht.objects.filter(overdracht_scope(gebruiker))
            .select_related(
                "casus__leerling",
                "van_gemeente",
                "naar_gemeente",
                "verzonden_door",
                "nieuwe_casus",
            )
            .get(pk=pk)
        )
    except (ValueError, Casusoverdracht.DoesNotExist):
        raise Http404 from None


def lees_overdracht(
    request: AppRequest, pk: Any, *, bron: str, mag: str | None = None
) -> Casusoverdracht:
    """A handover the user receives (404 otherwise), after the permission `mag` on it (403);
    the access-log line names the pupil and the sending case."""
    return lees(
        request,
        haal_overdracht,
        pk,
        bron=bron,
        leerling=lambda overdracht: overdracht.casus.leerling,
        casus_id=lambda overdracht: overdracht.casus_id,
        mag=mag,
    )


def _toon(
    request: AppRequest, overdracht: Casusoverdracht, weigeren: WeigerenForm | None, status: int
) -> HttpResponse:
    inhoud = overdracht.inhoud
    soorten = dict(Contactmoment.Soort.choices)
    contacten = [
        {**c, "soort": soorten.get(c["soort"], c["soort"])}
        for c in inhoud.get("contactmomenten", [])
    ]
    mag = request.user.has_perm("regie.accept_overdracht", overdracht) and (
        overdracht.status == Casusoverdracht.Status.VERZONDEN
    )
    return render(
        request,
        "regie/overdracht.html",
        {
            "overdracht": overdracht,
            "leerling": overdracht.casus.leerling,
            "inhoud": inhoud,
            "contactmomenten": contacten,
            "mag_behandelen": mag,
            "weigeren": (weigeren or WeigerenForm()) if mag else None,
        },
        status=status,
    )


@logt_inzage
def overdracht(request: AppRequest, pk: int) -> HttpResponse:
    """The receiving Leerplicht's page: what was handed over, never the sending case."""
    gevonden = lees_overdracht(request, pk, bron="regie:overdracht")
    return _toon(request, gevonden, None, 200)


@require_POST
@logt_inzage
def aanvaarden(request: AppRequest, pk: int) -> HttpResponse:
    gevonden = lees_overdracht(
        request, pk, bron="regie:overdracht_aanvaarden", mag="regie.accept_overdracht"
    )
    try:
        nieuw = diensten.aanvaard_overdracht(overdracht=gevonden, door=request.user)
    except CasusNietMogelijk as fout:
        messages.error(request, str(fout))
        return redirect("regie:overdracht", pk=gevonden.pk)
    # the line names the new case, the pupil is the same
    uitkomst(request, Inzage.Handeling.AANMAKEN, casus_id=nieuw.pk)
    messages.success(request, _("The handover has been accepted: the case is now yours."))
    return redirect("regie:casus", pk=nieuw.pk)


@require_POST
@logt_inzage
def weigeren(request: AppRequest, pk: int) -> HttpResponse:
    gevonden = lees_overdracht(
        request, pk, bron="regie:overdracht_weigeren", mag="regie.accept_overdracht"
    )
    form = WeigerenForm(request.POST)
    if form.is_valid():
        try:
            diensten.weiger_overdracht(
                overdracht=gevonden, door=request.user, reden=form.cleaned_data["reden"]
            )
        except CasusNietMogelijk as fout:
            form.add_error(None, str(fout))
        else:
            uitkomst(request, Inzage.Handeling.WIJZIGEN)
            messages.success(request, _("The handover has been refused."))
            return redirect("regie:overdracht", pk=gevonden.pk)
    return _toon(request, gevonden, form, 400)
