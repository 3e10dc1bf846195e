# SPDX-License-Identifier: EUPL-1.2
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .selectors import zichtbare_inzages

PER_PAGINA = 50


@permission_required("verantwoording.view_inzage", raise_exception=True)
def inzagelog(request: HttpRequest) -> HttpResponse:
    inzages = zichtbare_inzages(request.user)
    gebruikersnaam = request.GET.get("gebruiker", "").strip()
    if gebruikersnaam:
        inzages = inzages.filter(gebruikersnaam=gebruikersnaam)
    pagina = Paginator(inzages.order_by("-tijdstip", "-pk"), PER_PAGINA).get_page(
        request.GET.get("pagina")
    )
    return render(
        request,
        "verantwoording/inzagelog.html",
        {"pagina": pagina, "gebruikersnaam": gebruikersnaam},
    )
