# SPDX-License-Identifier: EUPL-1.2
"""The log-in connections of the region (toegang.Inlogkoppeling): a municipality's Entra ID or
ADFS, Entree Federatie for the schools, each with its claim rules (docs/inrichten.md,
"Inloggen met de eigen organisatie (OpenID Connect)").

Who: a functional administrator of a Leerplicht organisation (toegang.view_beheer for the
list and a new connection; toegang.change_inlogkoppeling for one connection). A connection of
an organisation outside the region answers 404, like a missing one. The organisations a
connection or rule may name are the region's only. Changes are logged (django-auditlog)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db.models import Count, Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binnenboord.gedeeld.views import haal_of_404, vereis
from binnenboord.toegang.http import AppRequest
from binnenboord.toegang.models import Claimregel, Inlogkoppeling

from . import selectors
from .forms_inloggen import ClaimregelForm, InlogkoppelingForm

BEHEER = "toegang.view_beheer"
WIJZIGEN = "toegang.change_inlogkoppeling"


def _koppelingen(request: AppRequest) -> QuerySet[Inlogkoppeling]:
    """The connections of the region's organisations."""
    if selectors.beheerder(request.user) is None:
        return Inlogkoppeling.objects.none()
    regio = selectors.beheerde_organisaties(request.user).values("pk")
    return Inlogkoppeling.objects.filter(organisatie__in=regio).select_related("organisatie")


def _haal(request: AppRequest, pk: int) -> Inlogkoppeling:
    koppeling = haal_of_404(_koppelingen(request), pk)
    vereis(request.user, WIJZIGEN, koppeling)
    return koppeling


@permission_required(BEHEER, raise_exception=True)
def inlogkoppelingen(request: AppRequest) -> HttpResponse:
    koppelingen = _koppelingen(request).annotate(
        aantal_regels=Count("regels", distinct=True),
        aantal_accounts=Count("medewerkers", filter=Q(medewerkers__is_active=True), distinct=True),
    )
    return render(request, "beheer/inlogkoppelingen.html", {"koppelingen": koppelingen})


@permission_required(BEHEER, raise_exception=True)
def inlogkoppeling_nieuw(request: AppRequest) -> HttpResponse:
    organisaties = selectors.beheerde_organisaties(request.user)
    form = InlogkoppelingForm(request.POST or None, organisaties=organisaties)
    if request.method == "POST":
        if form.is_valid():
            koppeling = form.save()
            messages.success(request, _("The log-in connection has been created."))
            return redirect("beheer:inlogkoppeling", pk=koppeling.pk)
        return render(request, "beheer/inlogkoppeling_nieuw.html", {"form": form}, status=400)
    return render(request, "beheer/inlogkoppeling_nieuw.html", {"form": form})


def _pagina(
    request: AppRequest,
    koppeling: Inlogkoppeling,
    form: InlogkoppelingForm,
    regelform: ClaimregelForm,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "beheer/inlogkoppeling.html",
        {
            "koppeling": koppeling,
            "form": form,
            "regelform": regelform,
            "regels": koppeling.regels.select_related("organisatie"),
            "accounts": koppeling.medewerkers.filter(is_active=True).count(),
        },
        status=status,
    )


def inlogkoppeling(request: AppRequest, pk: int) -> HttpResponse:
    koppeling = _haal(request, pk)
    organisaties = selectors.beheerde_organisaties(request.user)
    form = InlogkoppelingForm(
        request.POST if request.method == "POST" else None,
        instance=koppeling,
        organisaties=organisaties,
    )
    regelform = ClaimregelForm(organisaties=organisaties, prefix="regel")
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("The log-in connection has been saved."))
            return redirect("beheer:inlogkoppeling", pk=koppeling.pk)
        return _pagina(request, koppeling, form, regelform, status=400)
    return _pagina(request, koppeling, form, regelform)


@require_POST
def claimregel_nieuw(request: AppRequest, pk: int) -> HttpResponse:
    koppeling = _haal(request, pk)
    organisaties = selectors.beheerde_organisaties(request.user)
    regelform = ClaimregelForm(
        request.POST,
        instance=Claimregel(koppeling=koppeling),
        organisaties=organisaties,
        prefix="regel",
    )
    if regelform.is_valid():
        regelform.save()
        messages.success(request, _("The claim rule has been added."))
        return redirect("beheer:inlogkoppeling", pk=koppeling.pk)
    form = InlogkoppelingForm(instance=koppeling, organisaties=organisaties)
    return _pagina(request, koppeling, form, regelform, status=400)


@require_POST
def claimregel_verwijderen(request: AppRequest, pk: int) -> HttpResponse:
    regel = haal_of_404(Claimregel.objects.filter(koppeling__in=_koppelingen(request)), pk)
    vereis(request.user, WIJZIGEN, regel.koppeling)
    koppeling_pk = regel.koppeling_id
    regel.delete()
    messages.success(request, _("The claim rule has been removed."))
    return redirect("beheer:inlogkoppeling", pk=koppeling_pk)
