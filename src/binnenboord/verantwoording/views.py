# SPDX-License-Identifier: EUPL-1.2
from typing import Any

from django.apps import apps
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from binnenboord.toegang.http import AppRequest

from . import inzageverzoek, weergave
from .bronnen import bronnaam
from .filters import InzagelogFilter
from .inzage import log_gelezen, log_lijst, logt_inzage
from .models import Inzage
from .selectors import inzages_van_leerling, leerling_voor_inzagelog, zichtbare_inzages

PER_PAGINA = 50
REDEN_INZAGEVERZOEK = "inzageverzoek (AVG art. 15)"


@permission_required("verantwoording.view_inzage", raise_exception=True)
@logt_inzage
def inzagelog(request: AppRequest) -> HttpResponse:
    """The access log of the own organisation, one line per page view (weergave.py), filtered
    on date range, action, role, pupil and user (filters.py). The page names pupils, so it
    is itself a read of them: one "zoeken" line per pupil it shows, like every list."""
    filters = InzagelogFilter(request.GET or None, queryset=zichtbare_inzages(request.user))
    inzages = filters.qs
    pagina = Paginator(weergave.paginaweergaven(inzages), PER_PAGINA).get_page(
        request.GET.get("pagina")
    )
    regels = weergave.regels(inzages, list(pagina.object_list))
    log_lijst(
        request, _leerlingen(weergave.getoonde_leerlingen(regels)), bron="verantwoording:inzagelog"
    )
    return render(
        request,
        "verantwoording/inzagelog.html",
        {"pagina": pagina, "regels": regels, "filters": filters},
    )


def _leerlingen(pks: set[int]) -> list[Any]:
    """The pupils (still in the register) of `pks`, for a line in the access log."""
    leerling_model = apps.get_model("registratie", "Leerling")
    return list(
        leerling_model.objects.filter(pk__in=pks).only(
            "pk", "voornamen", "tussenvoegsel", "achternaam"
        )
    )


@permission_required("verantwoording.view_inzage", raise_exception=True)
@logt_inzage
def leerling_inzagelog(request: AppRequest) -> HttpResponse:
    """Who looked at this pupil's file: found by BSN or onderwijsnummer (POST keeps the number
    out of URLs and server logs); the lookup itself is access-logged."""
    zoekterm = request.POST.get("nummer", "").strip() if request.method == "POST" else ""
    context: dict[str, object] = {"zoekterm": zoekterm}
    if zoekterm:
        leerling = leerling_voor_inzagelog(request.user, zoekterm)
        if leerling is None:
            context["niet_gevonden"] = True
        else:
            inzages = list(inzages_van_leerling(request.user, leerling)[:500])
            log_gelezen(request, [leerling], bron="verantwoording:leerling_inzagelog")
            context.update(leerling=leerling, inzages=inzages)
    return render(request, "verantwoording/leerling_inzagelog.html", context)


@permission_required("verantwoording.view_inzage", raise_exception=True)
@logt_inzage
def leerling_inzagelog_export(request: AppRequest) -> HttpResponse:
    """The pupil's own log as CSV or JSON for an AVG request; the export is access-logged."""
    if request.method != "POST":
        raise Http404
    leerling = leerling_voor_inzagelog(request.user, request.POST.get("nummer", "").strip())
    formaat = request.POST.get("formaat", "csv")
    if leerling is None or formaat not in ("csv", "json"):
        raise Http404
    inzages = list(inzages_van_leerling(request.user, leerling))
    log_gelezen(
        request,
        [leerling],
        bron="verantwoording:leerling_inzagelog_export",
        handeling=Inzage.Handeling.EXPORTEREN,
        reden=REDEN_INZAGEVERZOEK,
    )
    if formaat == "json":
        inhoud, soort = inzageverzoek.als_json(leerling, inzages), "application/json"
    else:
        inhoud, soort = inzageverzoek.als_csv(inzages), "text/csv; charset=utf-8"
    antwoord = HttpResponse(inhoud, content_type=soort)
    naam = f"inzagelog-{leerling.pk}-{timezone.localdate():%Y%m%d}.{formaat}"
    antwoord["Content-Disposition"] = f'attachment; filename="{naam}"'
    return antwoord


@permission_required("verantwoording.view_inzage", raise_exception=True)
@logt_inzage
def ongebruikelijk(request: AppRequest) -> HttpResponse:
    """Unusual access in the entries the administrator sees (ongebruikelijk.py); the pupils it
    names are a list read of them."""
    from . import ongebruikelijk as analyse

    context = analyse.rapport(zichtbare_inzages(request.user))
    leerlingen = _leerlingen({b.leerling_id for b in context["buiten_bereik"]})
    namen = {leerling.pk: leerling.naam for leerling in leerlingen}
    context["zonder_relatie"] = [
        {
            "wie": b.gebruikersnaam,
            "tijdstip": b.tijdstip,
            "leerling_id": b.leerling_id,
            "naam": namen.get(b.leerling_id, ""),
            "handeling": Inzage.Handeling(b.handeling).label,
            "scherm": bronnaam(b.bron),
        }
        for b in context["buiten_bereik"]
    ]
    log_lijst(request, leerlingen, bron="verantwoording:ongebruikelijk")
    return render(request, "verantwoording/ongebruikelijk.html", context)
