# SPDX-License-Identifier: EUPL-1.2
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from binnenboord.toegang.http import AppRequest

from . import inzageverzoek
from .inzage import log_gelezen, logt_inzage
from .models import Inzage
from .selectors import inzages_van_leerling, leerling_voor_inzagelog, zichtbare_inzages

PER_PAGINA = 50
REDEN_INZAGEVERZOEK = "inzageverzoek (AVG art. 15)"


@permission_required("verantwoording.view_inzage", raise_exception=True)
def inzagelog(request: AppRequest) -> HttpResponse:
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
def ongebruikelijk(request: AppRequest) -> HttpResponse:
    """Unusual access in the entries the administrator sees (ongebruikelijk.py)."""
    from . import ongebruikelijk as analyse

    return render(
        request,
        "verantwoording/ongebruikelijk.html",
        analyse.rapport(zichtbare_inzages(request.user)),
    )
