# SPDX-License-Identifier: EUPL-1.2
"""Log-in to the portal: DigiD (portaal.oidc), the invitation code, log-out."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.views.decorators.http import require_POST

from binnenboord.regie.relatie import geldige_toegangen

from ..sessie import log_uit, portaal_vereist


@portaal_vereist
def start(request: HttpRequest) -> HttpResponse:
    gebruiker = request.portaalgebruiker  # type: ignore[attr-defined]
    return render(request, "portaal/start.html", {"toegangen": geldige_toegangen(gebruiker)})


@login_not_required
def inloggen(request: HttpRequest) -> HttpResponse:
    return render(request, "portaal/inloggen.html", {})


@login_not_required
@require_POST
def uitloggen(request: HttpRequest) -> HttpResponse:
    log_uit(request)
    return HttpResponseRedirect(reverse("portaal:inloggen"))


urls: list[URLPattern] = [
    path("", start, name="start"),
    path("inloggen/", inloggen, name="inloggen"),
    path("uitloggen/", uitloggen, name="uitloggen"),
]
