# SPDX-License-Identifier: EUPL-1.2
"""The pages of the functional administrator (docs/inrichten.md, "Beheer in Binnenboord"):
the organisations, staff accounts and kernteams of its region, and invitations by e-mail.

Who: a functional administrator of a Leerplicht organisation (toegang.view_beheer); anyone
else gets 403 on a page without an object. An object outside the region answers 404, like a
missing one; one in the region the administrator may not change (its own account, its own
Leerplicht organisation) 403. Every choice a form offers is of the region, so a write never
moves anything into or out of another region. No page reads pupil data."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.db.models import Count, Model
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from auditlog.models import LogEntry

from binnenboord.gedeeld.views import haal_of_404, vereis
from binnenboord.gedeeld.zoekkeuze import ZOEKTERM, alleen_zoeken, zoek_via
from binnenboord.registratie.models import School
from binnenboord.toegang.http import AppRequest
from binnenboord.toegang.models import Gemeente, Kernteam, Medewerker, Organisatie

from . import selectors, services
from .filters import Medewerkerfilters, Organisatiefilters
from .forms import KernteamForm, MedewerkerForm, OrganisatieForm

PER_PAGINA = 25
OPTIES = "gedeeld/widgets/_zoekkeuze_opties.html"
BEHEER = "toegang.view_beheer"


def _eigen_gemeenten(request: AppRequest) -> Any:
    return Gemeente.objects.filter(pk__in=selectors.regio_gemeenten(request.user))


def _wijzigingen(obj: Model) -> list[LogEntry]:
    """The last changes of `obj` (django-auditlog): when, who and which fields."""
    return list(LogEntry.objects.get_for_object(obj).select_related("actor")[:10])


@permission_required(BEHEER, raise_exception=True)
def start(request: AppRequest) -> HttpResponse:
    organisaties = selectors.beheerde_organisaties(request.user)
    return render(
        request,
        "beheer/start.html",
        {
            "gemeenten": _eigen_gemeenten(request),
            "aantal_organisaties": organisaties.count(),
            "aantal_medewerkers": selectors.beheerde_medewerkers(request.user).count(),
            "aantal_scholen": selectors.beheerde_scholen(request.user).count(),
        },
    )


# --- organisations ------------------------------------------------------------------------


@permission_required(BEHEER, raise_exception=True)
def organisaties(request: AppRequest) -> HttpResponse:
    regio = selectors.beheerde_organisaties(request.user).annotate(
        aantal=Count("medewerkers", distinct=True)
    )
    filters = Organisatiefilters(request.GET, queryset=regio)
    pagina = Paginator(filters.qs, PER_PAGINA).get_page(request.GET.get("pagina"))
    return render(
        request,
        "beheer/organisaties.html",
        {"pagina": pagina, "filters": filters, "sortering": filters.sortering},
    )


@permission_required(BEHEER, raise_exception=True)
def organisatie_nieuw(request: AppRequest) -> HttpResponse:
    gemeenten = _eigen_gemeenten(request)
    form = OrganisatieForm(request.POST or None, gemeenten=gemeenten)
    if request.method == "POST":
        if form.is_valid():
            organisatie = services.bewaar_organisatie(
                form.cleaned_data, eigen_gemeenten=gemeenten, organisatie=None
            )
            messages.success(request, _("The organisation has been created."))
            return redirect("beheer:organisatie", pk=organisatie.pk)
        return render(request, "beheer/organisatie_nieuw.html", {"form": form}, status=400)
    return render(request, "beheer/organisatie_nieuw.html", {"form": form})


def organisatie(request: AppRequest, pk: int) -> HttpResponse:
    gevonden = haal_of_404(selectors.beheerde_organisaties(request.user), pk)
    vereis(request.user, "toegang.view_organisatie", gevonden)
    mag_wijzigen = request.user.has_perm("toegang.change_organisatie", gevonden)
    gemeenten = _eigen_gemeenten(request)
    form = None
    status = 200
    if mag_wijzigen:
        form = OrganisatieForm(
            request.POST if request.method == "POST" else None,
            gemeenten=gemeenten,
            organisatie=gevonden,
        )
    if request.method == "POST":
        if form is None:
            vereis(request.user, "toegang.change_organisatie", gevonden)
        elif form.is_valid():
            services.bewaar_organisatie(
                form.cleaned_data, eigen_gemeenten=gemeenten, organisatie=gevonden
            )
            messages.success(request, _("The organisation has been saved."))
            return redirect("beheer:organisatie", pk=gevonden.pk)
        else:
            status = 400
    school = School.objects.filter(organisatie=gevonden).select_related("gemeente").first()
    return render(
        request,
        "beheer/organisatie.html",
        {
            "organisatie": gevonden,
            "form": form,
            "school": school,
            "gemeenten": gevonden.gemeenten.all(),
            "medewerkers": selectors.beheerde_medewerkers(request.user).filter(
                organisatie=gevonden
            ),
            "wijzigingen": _wijzigingen(gevonden),
        },
        status=status,
    )


# --- staff ---------------------------------------------------------------------------------


def _medewerkerform(request: AppRequest, medewerker: Medewerker | None = None) -> MedewerkerForm:
    return MedewerkerForm(
        request.POST if request.method == "POST" else None,
        organisaties=selectors.geheel_beheerde_organisaties(request.user),
        beheerder=request.user,
        medewerker=medewerker,
    )


@permission_required(BEHEER, raise_exception=True)
def medewerkers(request: AppRequest) -> HttpResponse:
    filters = Medewerkerfilters(
        request.GET,
        queryset=selectors.beheerde_medewerkers(request.user),
        organisaties=selectors.beheerde_organisaties(request.user).order_by("naam"),
    )
    pagina = Paginator(filters.qs, PER_PAGINA).get_page(request.GET.get("pagina"))
    return render(
        request,
        "beheer/medewerkers.html",
        {"pagina": pagina, "filters": filters, "sortering": filters.sortering},
    )


@permission_required(BEHEER, raise_exception=True)
def medewerker_nieuw(request: AppRequest) -> HttpResponse:
    form = _medewerkerform(request)
    if request.method == "POST":
        if form.is_valid():
            medewerker = services.nodig_uit(form.cleaned_data)
            messages.success(
                request,
                _("The account has been created; the invitation is sent to %(email)s.")
                % {"email": medewerker.email},
            )
            return redirect("beheer:medewerker", pk=medewerker.pk)
        return render(request, "beheer/medewerker_nieuw.html", {"form": form}, status=400)
    return render(request, "beheer/medewerker_nieuw.html", {"form": form})


def _haal_medewerker(request: AppRequest, pk: int) -> Medewerker:
    return haal_of_404(selectors.beheerde_medewerkers(request.user), pk)


def medewerker(request: AppRequest, pk: int) -> HttpResponse:
    gevonden = _haal_medewerker(request, pk)
    mag_wijzigen = request.user.has_perm("toegang.change_medewerker", gevonden)
    form = _medewerkerform(request, gevonden) if mag_wijzigen else None
    status = 200
    if request.method == "POST":
        vereis(request.user, "toegang.change_medewerker", gevonden)
        assert form is not None
        if form.is_valid():
            services.wijzig_medewerker(gevonden, form.cleaned_data)
            messages.success(request, _("The account has been saved."))
            return redirect("beheer:medewerker", pk=gevonden.pk)
        status = 400
    return render(
        request,
        "beheer/medewerker.html",
        {
            "medewerker": gevonden,
            "form": form,
            "mag_wijzigen": mag_wijzigen,
            "wijzigingen": _wijzigingen(gevonden),
        },
        status=status,
    )


def _medewerkeractie(request: AppRequest, pk: int) -> Medewerker:
    gevonden = _haal_medewerker(request, pk)
    vereis(request.user, "toegang.change_medewerker", gevonden)
    return gevonden


@require_POST
def medewerker_deactiveren(request: AppRequest, pk: int) -> HttpResponse:
    gevonden = _medewerkeractie(request, pk)
    services.deactiveer(gevonden)
    messages.success(request, _("The account has been deactivated and logged out."))
    return redirect("beheer:medewerker", pk=gevonden.pk)


@require_POST
def medewerker_heractiveren(request: AppRequest, pk: int) -> HttpResponse:
    gevonden = _medewerkeractie(request, pk)
    services.heractiveer(gevonden)
    messages.success(request, _("The account is active again."))
    return redirect("beheer:medewerker", pk=gevonden.pk)


@require_POST
def medewerker_uitnodigen(request: AppRequest, pk: int) -> HttpResponse:
    gevonden = _medewerkeractie(request, pk)
    if not gevonden.is_active or not gevonden.email:
        messages.error(request, _("Only an active account with an e-mail address is invited."))
    elif gevonden.inlogkoppeling_id is not None:
        messages.error(
            request, _("An account that logs in with its own organisation gets no invitation.")
        )
    else:
        services.nodig_opnieuw_uit(gevonden)
        messages.success(
            request,
            _("A new invitation is sent to %(email)s.") % {"email": gevonden.email},
        )
    return redirect("beheer:medewerker", pk=gevonden.pk)


# --- kernteams -----------------------------------------------------------------------------


@permission_required(BEHEER, raise_exception=True)
def kernteams(request: AppRequest) -> HttpResponse:
    scholen = list(selectors.beheerde_scholen(request.user).order_by("naam", "pk"))
    teams = {
        k.school_id: k
        for k in Kernteam.objects.filter(school__in=scholen).select_related(*Kernteam.LEDEN)
    }
    rijen = [(school, teams.get(school.pk)) for school in scholen]
    pagina = Paginator(rijen, PER_PAGINA).get_page(request.GET.get("pagina"))
    return render(request, "beheer/kernteams.html", {"pagina": pagina})


def _kernteamform(request: AppRequest, school: Organisatie, data: Any = None) -> KernteamForm:
    """The kernteam form of `school`: per member the region's active staff of that role (and
    the current member); each searched at beheer:zoek_kernteamlid."""
    huidig = selectors.kernteam_van(school)
    keuzes = {
        veld: selectors.kiesbare_leden(
            request.user,
            Kernteam._meta.get_field(veld).remote_field.limit_choices_to["rol"],  # type: ignore[union-attr,index]
            getattr(huidig, veld) if huidig else None,
        )
        for veld in Kernteam.LEDEN
    }
    form = KernteamForm(data, keuzes=keuzes, kernteam=huidig)
    zoekurl = reverse("beheer:zoek_kernteamlid", args=[school.pk])
    for veld in Kernteam.LEDEN:
        zoek_via(form, veld, f"{zoekurl}?veld={veld}")
    return form


def _haal_school(request: AppRequest, pk: int) -> Organisatie:
    school = haal_of_404(selectors.beheerde_scholen(request.user), pk)
    vereis(request.user, "toegang.change_kernteam", school)
    return school


def kernteam(request: AppRequest, pk: int) -> HttpResponse:
    school = _haal_school(request, pk)
    form = _kernteamform(request, school, request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if alleen_zoeken(form):
            pass  # the form again, with the matches of the search (no JavaScript)
        elif form.is_valid():
            services.bewaar_kernteam(school, form.cleaned_data)
            messages.success(request, _("The core team has been saved."))
            return redirect("beheer:kernteams")
        else:
            status = 400
    huidig = selectors.kernteam_van(school)
    return render(
        request,
        "beheer/kernteam.html",
        {
            "school": school,
            "form": form,
            "wijzigingen": _wijzigingen(huidig) if huidig else [],
        },
        status=status,
    )


@require_GET
def zoek_kernteamlid(request: AppRequest, pk: int) -> HttpResponse:
    """The person picker's search of a kernteam member (htmx): the options of that field of the
    very form the page shows, so it offers nothing the form would refuse. Staff only, never a
    pupil; 404 for a school outside the region."""
    school = _haal_school(request, pk)
    veld = request.GET.get("veld", "")
    if veld not in Kernteam.LEDEN:
        return HttpResponseBadRequest(_("This search does not exist."))
    bound = _kernteamform(request, school)[veld]
    naam = bound.html_name
    zoekveld: Any = bound.field
    context = zoekveld.opties(
        naam, f"id_{naam}", request.GET.get(naam + ZOEKTERM, ""), request.GET.getlist(naam)
    )
    antwoord = HttpResponse(render_to_string(OPTIES, {"k": context}, request=request))
    antwoord["Cache-Control"] = "no-store"
    return antwoord
