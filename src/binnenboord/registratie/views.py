# SPDX-License-Identifier: EUPL-1.2
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from binnenboord.toegang.selectors import haal_leerling
from binnenboord.verantwoording.models import Inzage
from binnenboord.verantwoording.services import log_inzage

from .selectors import verzuimoverzicht, zoek_leerlingen

PER_PAGINA = 25


@permission_required("registratie.list_leerling", raise_exception=True)
def leerlingen(request: HttpRequest) -> HttpResponse:
    zoekterm = request.GET.get("q", "")
    pagina = Paginator(zoek_leerlingen(request.user, zoekterm), PER_PAGINA).get_page(
        request.GET.get("pagina")
    )
    log_inzage(
        gebruiker=request.user,
        handeling=Inzage.Handeling.ZOEKEN,
        bron="registratie:leerlingen",
        leerlingen=pagina.object_list,
        request=request,
        aantal=0,
    )
    return render(request, "registratie/leerlingen.html", {"pagina": pagina, "zoekterm": zoekterm})


def leerling(request: HttpRequest, pk: int) -> HttpResponse:
    # haal_leerling applies the same scope as registratie.view_leerling and answers 404 for
    # "missing" and "forbidden" alike, so nobody can probe which pupils exist.
    gevonden = haal_leerling(request.user, pk)
    log_inzage(
        gebruiker=request.user,
        handeling=Inzage.Handeling.BEKIJKEN,
        bron="registratie:leerling",
        leerlingen=[gevonden],
        request=request,
    )
    context = {
        "leerling": gevonden,
        "ouders": gevonden.ouders.all(),
        "inschrijvingen": gevonden.inschrijvingen.select_related("school"),
        "verzuim": verzuimoverzicht(gevonden, tot=timezone.localdate()),
    }
    return render(request, "registratie/leerling.html", context)
