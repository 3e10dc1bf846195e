# SPDX-License-Identifier: EUPL-1.2
"""The search endpoints of the person pickers (gedeeld.zoekkeuze): htmx asks them as the user
types and puts their answer, the option list, in the form.

Each builds the very form the page shows, with the queryset that form has for this user, and
answers with that field's options: so it offers exactly what the form would accept, never more.
A pupil search answers only for a consultation hour the user may refer to (404 for one the user
cannot see, 403 for one the user sees but may not refer to) and writes the pupils it shows to
the access log. At most MAX_TREFFERS matches, and none for fewer than MIN_TEKENS characters.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import permission_required
from django.forms import BaseForm
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from binnenboord.gedeeld.views import vereis
from binnenboord.gedeeld.zoekkeuze import NAAM, ZOEKTERM
from binnenboord.regie.models import Agendapunt
from binnenboord.regie.views.casus import PERMISSIE, ZOEKVELDEN, _maak_form, opencasusform
from binnenboord.regie.views.lezen import lees_casus
from binnenboord.regie.views.overleg import (
    besluitform,
    haal_spreekuur,
    overlegform,
    verwijzingform,
)
from binnenboord.registratie.lezen import lees_leerling
from binnenboord.toegang.http import AppRequest
from binnenboord.verantwoording.inzage import log_lijst, logt_inzage

OPTIES = "gedeeld/widgets/_zoekkeuze_opties.html"


def _opties(request: AppRequest, form: BaseForm, veldnaam: str, naam: str = "") -> Any:
    """The option list of field `veldnaam` of `form` for the search sent, and what it shows.
    `naam`: the field's name in the page's form (an outcome form's prefix names its item)."""
    bound = form[veldnaam]
    naam = naam or bound.html_name
    veld: Any = bound.field
    context = veld.opties(
        naam, f"id_{naam}", request.GET.get(naam + ZOEKTERM, ""), request.GET.getlist(naam)
    )
    antwoord = HttpResponse(render_to_string(OPTIES, {"k": context}, request=request))
    antwoord["Cache-Control"] = "no-store"
    return antwoord, context["getoond"]


@require_GET
@logt_inzage
def zoek_verwijzing(request: AppRequest, pk: int) -> HttpResponse:
    """The pupils a school may refer to this consultation hour (its own, enrolled today)."""
    spreekuur = haal_spreekuur(request.user, pk)
    vereis(request.user, "regie.refer_spreekuur", spreekuur)
    antwoord, getoond = _opties(request, verwijzingform(request.user, spreekuur), "leerling")
    log_lijst(request, getoond, bron="web:zoek_verwijzing")
    return antwoord


# the staff fields of the meeting forms: (form, field)
MEDEWERKERVELDEN = {
    "voorzitter": (lambda: overlegform(), "voorzitter"),
    "leden": (lambda: overlegform(), "leden"),
    "wie": (lambda: besluitform(Agendapunt(pk=0)), "wie"),
}


@require_GET
@permission_required("regie.list_overleg", raise_exception=True)
def zoek_medewerker(request: AppRequest) -> HttpResponse:
    """Staff for the chair, the members and the follow-up action of a meeting: the forms'
    choice (regie.selectors.casus.kiesbare_medewerkers), name · role · organisation."""
    veld = request.GET.get("veld", "")
    naam = request.GET.get("naam", "")
    if veld not in MEDEWERKERVELDEN or not NAAM.match(naam):
        return HttpResponseBadRequest(_("This search does not exist."))
    maak, veldnaam = MEDEWERKERVELDEN[veld]
    antwoord, _getoond = _opties(request, maak(), veldnaam, naam)
    return antwoord


@require_GET
@logt_inzage
def zoek_casusmedewerker(request: AppRequest, pk: int, formulier: str) -> HttpResponse:
    """Staff for a case form (the new regisseur, a participant, who does an action): the
    case's candidates (regie.selectors.casus.kandidaten), for who may fill in that form; 404
    for a case the user cannot see or an unknown form, 403 for a form the user may not use.
    Reading the case is an access-log line of its pupil."""
    if formulier not in ZOEKVELDEN:
        raise Http404
    casus = lees_casus(request, pk, bron="web:zoek_casusmedewerker", mag=PERMISSIE[formulier])
    antwoord, _getoond = _opties(
        request, _maak_form(request, casus, formulier), ZOEKVELDEN[formulier]
    )
    return antwoord


@require_GET
@logt_inzage
def zoek_regisseur(request: AppRequest, pk: int) -> HttpResponse:
    """Staff who can direct a new case of this pupil (regie.selectors.casus.kandidaten), for
    who may open one; 404 for a pupil the user cannot see, 403 without the right to open a
    case. Reading the pupil is an access-log line."""
    leerling = lees_leerling(request, pk, bron="web:zoek_regisseur", mag="regie.add_casus")
    antwoord, _getoond = _opties(request, opencasusform(request, leerling), "regisseur")
    return antwoord
