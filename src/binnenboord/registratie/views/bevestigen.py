# SPDX-License-Identifier: EUPL-1.2
"""Te bevestigen: the writes that wait for the organisation that has the pupil.

Leerplicht sees the reported moves of its pupils and the enrolments that schools asked for, and
confirms or rejects each with an explanation the requester reads. The requesting side (the
Leerplicht that reported a move, the school that asked for an enrolment) sees what it sent and
what became of it, never the pupil as stored by the other side. Objects outside the user's
reach answer 404, as missing ones do (also for roles that never decide: the scoped look-up
finds nothing for them); the page's pupil names are access-logged."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binnenboord.gedeeld.views import haal_of_404
from binnenboord.toegang.http import AppRequest
from binnenboord.toegang.models import Medewerker
from binnenboord.verantwoording.inzage import lees, log_lijst, logt_inzage, uitkomst
from binnenboord.verantwoording.models import Inzage

from .. import bevestigen
from ..forms import BesluitForm
from ..models import InschrijvingTerBevestiging, Verhuismelding

LIJST_MAX = 200


@permission_required("registratie.view_bevestigen", raise_exception=True)
@logt_inzage
def overzicht(request: AppRequest) -> HttpResponse:
    gebruiker = request.user
    verhuizingen = list(
        bevestigen.te_bevestigen_verhuismeldingen(gebruiker).prefetch_related("leerling__ouders")[
            :LIJST_MAX
        ]
    )
    inschrijvingen = list(
        bevestigen.te_bevestigen_inschrijvingen(gebruiker).prefetch_related(
            "leerling__inschrijvingen__school"
        )[:LIJST_MAX]
    )
    for melding in verhuizingen:
        # everything confirming changes, old next to new; the form carries what was shown
        melding.wijzigingen = bevestigen.wijzigingen_van(melding)  # type: ignore[attr-defined]
        melding.versie = bevestigen.versie(melding)  # type: ignore[attr-defined]
    for verzoek in inschrijvingen:
        verzoek.versie = bevestigen.versie(verzoek)  # type: ignore[attr-defined]
    genoemd = {v.leerling_id: v.leerling for v in verhuizingen}
    genoemd |= {i.leerling.pk: i.leerling for i in inschrijvingen if i.leerling is not None}
    if genoemd:
        log_lijst(request, genoemd.values(), bron="registratie:bevestigen")
    context: dict[str, Any] = {
        "verhuizingen": verhuizingen,
        "inschrijvingen": inschrijvingen,
        "gemelde_verhuizingen": list(
            bevestigen.aangevraagde_verhuismeldingen(gebruiker)[:LIJST_MAX]
        ),
        "aangevraagde_inschrijvingen": list(
            bevestigen.aangevraagde_inschrijvingen(gebruiker)[:LIJST_MAX]
        ),
        "form": BesluitForm(),
    }
    return render(request, "registratie/bevestigen.html", context)


def _besluit(
    request: AppRequest,
    verzoek: Any,
    bevestig: Any,
    wijs_af: Any,
    sleutel: str,
) -> HttpResponse:
    form = BesluitForm(request.POST)
    if not form.is_valid():
        for fouten in form.errors.values():
            for fout in fouten:
                messages.error(request, str(fout))
        return redirect("registratie:bevestigen")
    besluit = {
        sleutel: verzoek,
        "door": request.user,
        "toelichting": form.cleaned_data["toelichting"],
        "gezien": form.cleaned_data["versie"] or None,
    }
    try:
        if form.cleaned_data["besluit"] == BesluitForm.BEVESTIGEN:
            bevestig(**besluit)
            messages.success(request, _("Confirmed."))
        else:
            wijs_af(**besluit)
            messages.success(request, _("Rejected; the requester sees your explanation."))
    except bevestigen.KanNiet as fout:
        messages.error(request, str(fout))
    else:
        uitkomst(request, Inzage.Handeling.WIJZIGEN)
    return redirect("registratie:bevestigen")


def _verhuismelding(gebruiker: Medewerker, pk: object) -> Verhuismelding:
    return haal_of_404(bevestigen.te_bevestigen_verhuismeldingen(gebruiker), pk)


def _inschrijving(gebruiker: Medewerker, pk: object) -> InschrijvingTerBevestiging:
    return haal_of_404(bevestigen.te_bevestigen_inschrijvingen(gebruiker), pk)


@require_POST
@logt_inzage
def verhuizing(request: AppRequest, pk: int) -> HttpResponse:
    # the decision changes the pupil's file: an access-log line with the pupil
    melding = lees(
        request,
        _verhuismelding,
        pk,
        bron="registratie:bevestig_verhuizing",
        leerling=lambda gemeld: gemeld.leerling,
    )
    return _besluit(
        request,
        melding,
        bevestigen.bevestig_verhuismelding,
        bevestigen.wijs_verhuismelding_af,
        "verhuismelding",
    )


@require_POST
@logt_inzage
def inschrijving(request: AppRequest, pk: int) -> HttpResponse:
    # a pupil already in the register gets the line; a new one has no file yet
    verzoek = lees(
        request,
        _inschrijving,
        pk,
        bron="registratie:bevestig_inschrijving",
        leerling=lambda gevraagd: gevraagd.leerling,
    )
    return _besluit(
        request,
        verzoek,
        bevestigen.bevestig_inschrijving,
        bevestigen.wijs_inschrijving_af,
        "verzoek",
    )
