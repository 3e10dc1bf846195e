# SPDX-License-Identifier: EUPL-1.2
"""The start page per role ("Vandaag") and the figures page. Later issues fill the worklists;
here each role sees what it may and a clear statement of what comes."""

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from binnenboord.signalering.selectors import aantal_open, aantal_open_meldingen
from binnenboord.toegang.selectors import zichtbare_leerlingen

from .selectors import cijfers_voor


@permission_required("web.view_vandaag", raise_exception=True)
def vandaag(request: HttpRequest) -> HttpResponse:
    # A count is no read of a child's file: it names nobody, so it is not access-logged.
    context: dict[str, int | None] = {
        "aantal_leerlingen": None,
        "aantal_signalen": None,
        "aantal_meldingen": None,
    }
    if request.user.has_perm("registratie.list_leerling"):
        context["aantal_leerlingen"] = zichtbare_leerlingen(request.user).count()
    if request.user.has_perm("signalering.list_signaal"):
        context["aantal_signalen"] = aantal_open(request.user)
    if request.user.has_perm("signalering.list_melding"):
        context["aantal_meldingen"] = aantal_open_meldingen(request.user)
    return render(request, "web/vandaag.html", context)


@permission_required("monitoring.view_cijfers", raise_exception=True)
def cijfers(request: HttpRequest) -> HttpResponse:
    return render(request, "web/cijfers.html", {"cijfers": cijfers_voor(request.user)})
