# SPDX-License-Identifier: EUPL-1.2
from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from binnenboord.kern.kalender import schooljaar
from binnenboord.kern.leerplicht import leerplicht_op
from binnenboord.toegang.http import AppRequest
from binnenboord.verantwoording.inzage import log_lijst, logt_inzage

from ..dossier import dossiersecties
from ..filters import Leerlingfilters, Schoolfilters
from ..lezen import lees_leerling
from ..selectors import (
    eigen_perioden,
    kalender_van,
    verzuimoverzicht,
    zichtbaar_verzuim,
)
from ..verzuimkalender import bouw_verzuimkalender
from ..weergave import LEERPLICHT_STATUS

PER_PAGINA = 25


@permission_required("registratie.list_leerling", raise_exception=True)
@logt_inzage
def leerlingen(request: AppRequest) -> HttpResponse:
    # the pupils of the user's scope, then the search, filters and sort (registratie.filters)
    filters = Leerlingfilters(request.GET, gebruiker=request.user, peildatum=timezone.localdate())
    pagina = Paginator(filters.qs, PER_PAGINA).get_page(request.GET.get("pagina"))
    log_lijst(request, pagina.object_list, bron="registratie:leerlingen")
    return render(
        request,
        "registratie/leerlingen.html",
        {"pagina": pagina, "filters": filters, "sortering": filters.sortering},
    )


@logt_inzage
def leerling(request: AppRequest, pk: int) -> HttpResponse:
    # the same scope as registratie.view_leerling; 404 for "missing" and "forbidden" alike,
    # so nobody can probe which pupils exist
    gevonden = lees_leerling(request, pk, bron="registratie:leerling")
    vandaag = timezone.localdate()
    secties = dossiersecties(request, gevonden)
    markering = next((s.markering for s in secties if s.markering is not None), None)
    # a highlighted period opens the calendar on its school year
    peildatum = _peildatum_uit(
        request, standaard=min(markering.tot, vandaag) if markering else vandaag
    )
    inschrijvingen = list(gevonden.inschrijvingen.select_related("school"))
    kalender = kalender_van(inschrijvingen, gevonden)
    leerplicht = leerplicht_op(gevonden.geboortedatum, vandaag, kalender=kalender)
    # access follows time: a school sees the absence of its own enrolment periods only
    verzuim = zichtbaar_verzuim(request.user)
    context = {
        "leerling": gevonden,
        "leerplicht": leerplicht,
        "leerplicht_status": LEERPLICHT_STATUS[leerplicht.status],
        "ouders": gevonden.ouders.all(),
        "mag_ouder_wijzigen": request.user.has_perm("registratie.change_ouder", gevonden),
        "inschrijvingen": inschrijvingen,
        "vrijstellingen": gevonden.vrijstellingen.all(),
        "verzuim": verzuimoverzicht(gevonden, tot=vandaag, verzuim=verzuim),
        "kalender": bouw_verzuimkalender(
            gevonden,
            peildatum=peildatum,
            vandaag=vandaag,
            kalender=kalender,
            markering=markering,
            verzuim=verzuim,
            perioden=eigen_perioden(request.user, inschrijvingen),
        ),
        "secties": secties,
        "vorig_schooljaar": schooljaar(peildatum)[0] - timedelta(days=1),
        "volgend_schooljaar": schooljaar(peildatum)[1] + timedelta(days=1),
    }
    return render(request, "registratie/leerling.html", context)


PEILJAREN = (1900, 2100)


def _peildatum_uit(request: HttpRequest, *, standaard: date) -> date:
    """The day whose school year the calendar shows (?peildatum=JJJJ-MM-DD). Anything else,
    or a year outside 1900..2100 (year 1 has no school year before it), shows `standaard`
    with a notice on the page instead of an error."""
    waarde = request.GET.get("peildatum", "")
    if not waarde:
        return standaard
    try:
        dag = date.fromisoformat(waarde)
    except ValueError:
        dag = None
    if dag is None or not PEILJAREN[0] <= dag.year <= PEILJAREN[1]:
        messages.warning(
            request,
            _(
                "The reference date %(waarde)s is not a date between %(eerste)s and %(laatste)s "
                "(YYYY-MM-DD); the calendar shows the current school year."
            )
            % {"waarde": waarde[:20], "eerste": PEILJAREN[0], "laatste": PEILJAREN[1]},
        )
        return standaard
    return dag


@permission_required("registratie.view_school", raise_exception=True)
@logt_inzage
def school(request: AppRequest) -> HttpResponse:
    vandaag = timezone.localdate()
    # the school's pupils with their absence, then the search and sort (registratie.filters)
    filters = Schoolfilters(request.GET, gebruiker=request.user, peildatum=vandaag)
    pagina = Paginator(filters.qs, PER_PAGINA).get_page(request.GET.get("pagina"))
    log_lijst(request, pagina.object_list, bron="registratie:school")
    context = {
        "pagina": pagina,
        "filters": filters,
        "sortering": filters.sortering,
        "schooljaar": schooljaar(vandaag),
    }
    return render(request, "registratie/school.html", context)
