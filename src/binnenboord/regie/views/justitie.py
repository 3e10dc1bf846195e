# SPDX-License-Identifier: EUPL-1.2
"""The justice chain, letters, MAZL advice, exemption statements and advice, the OPP link and
export, and the evaluation of a case. The sections stand on the case page (templatetag
regie.templatetags.justitie); the forms post here. A case the user may not see answers 404,
an action the user may not do on a visible case 403; every write and every export (PDF) is in
the access log with the pupil and the case."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.forms import Form
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from binnenboord.registratie.models import Vrijstelling
from binnenboord.toegang.http import AppRequest
from binnenboord.toegang.models import Medewerker
from binnenboord.verantwoording.inzage import logt_inzage, uitkomst
from binnenboord.verantwoording.models import Inzage

from ..forms.justitie import (
    BriefForm,
    EvaluatieForm,
    JustitiestapForm,
    MazlAdviesForm,
    OppForm,
    VrijstellingsadviesForm,
    VrijstellingsverklaringForm,
)
from ..models import Brief, Casus
from ..services import CasusNietMogelijk
from ..services import justitie as diensten
from .casus import Uitklapformulier, toon_uitklapformulier
from .lezen import lees_casus


def _vrijstellingen(casus: Casus) -> Any:
    return Vrijstelling.objects.filter(leerling_id=casus.leerling_id).order_by("-begindatum")


@dataclass(frozen=True)
class Formulier:
    form: type[Form]
    permissie: str
    voer_uit: Callable[[Casus, Any, dict[str, Any]], Any]
    succes: Promise
    knop: Promise
    samenvatting: Promise  # the summary of its fold on the case page
    met_vrijstelling: bool = False


FORMULIEREN: dict[str, Formulier] = {
    "justitie": Formulier(
        JustitiestapForm,
        "regie.add_justitiestap",
        lambda c, door, d: diensten.registreer_justitiestap(casus=c, door=door, **d),
        _("The justice step has been recorded."),
        _("Record justice step"),
        _("Record a justice step"),
    ),
    "brief": Formulier(
        BriefForm,
        "regie.add_brief",
        lambda c, door, d: diensten.maak_brief(casus=c, door=door, **d),
        _("The letter has been made."),
        _("Make letter"),
        _("Make a letter"),
    ),
    "mazl": Formulier(
        MazlAdviesForm,
        "regie.add_mazladvies",
        lambda c, door, d: diensten.leg_mazladvies_vast(casus=c, door=door, **d),
        _("The MAZL advice has been recorded."),
        _("Record advice"),
        _("Record MAZL advice"),
    ),
    "vrijstellingsadvies": Formulier(
        VrijstellingsadviesForm,
        "regie.add_vrijstellingsadvies",
        lambda c, door, d: diensten.geef_vrijstellingsadvies(casus=c, door=door, **d),
        _("The advice on the exemption has been recorded."),
        _("Record advice"),
        _("Advise on the exemption"),
        met_vrijstelling=True,
    ),
    "verklaring": Formulier(
        VrijstellingsverklaringForm,
        "regie.add_vrijstellingsverklaring",
        lambda c, door, d: diensten.leg_vrijstellingsverklaring_vast(casus=c, door=door, **d),
        _("The statement has been recorded."),
        _("Record statement"),
        _("Record the statement of the appointed expert"),
        met_vrijstelling=True,
    ),
    "opp": Formulier(
        OppForm,
        "regie.add_opp",
        lambda c, door, d: diensten.koppel_opp(casus=c, door=door, **d),
        _("The OPP has been linked."),
        _("Link OPP"),
        _("Link the OPP"),
    ),
    "evaluatie": Formulier(
        EvaluatieForm,
        "regie.add_evaluatie",
        lambda c, door, d: diensten.leg_evaluatie_vast(casus=c, door=door, **d),
        _("The evaluation has been recorded."),
        _("Record evaluation"),
        _("Record the evaluation"),
    ),
}


def maak_form(casus: Casus, naam: str, data: Any = None) -> Form:
    formulier = FORMULIEREN[naam]
    if naam == "brief":
        # the parents with gezag (not withheld) and the pupil: the letter shows in their portal
        return BriefForm(data, ontvangers=diensten.briefontvangers(casus))
    if formulier.met_vrijstelling:
        return formulier.form(data, vrijstellingen=_vrijstellingen(casus))  # type: ignore[call-arg]
    return formulier.form(data)


def formulieren_voor(gebruiker: Medewerker, casus: Casus) -> dict[str, Uitklapformulier]:
    """The folds of the sections the user may use on this case; their forms are fetched when
    a fold opens (see views.UITKLAPBAAR)."""
    return {
        naam: _uitklap(casus, naam)
        for naam, formulier in FORMULIEREN.items()
        if gebruiker.has_perm(formulier.permissie, casus)
    }


def _uitklap(casus: Casus, naam: str, form: Form | None = None) -> Uitklapformulier:
    """The fold of a section's form; its one URL fetches the form (GET) and takes it (POST)."""
    url = reverse("regie:justitie_formulier", args=[casus.pk, naam])
    formulier = FORMULIEREN[naam]
    return Uitklapformulier(
        samenvatting=formulier.samenvatting,
        knop=formulier.knop,
        actie=url,
        ophalen=url,
        form=form,
    )


@require_http_methods(["GET", "POST"])
@logt_inzage
def verwerk(request: AppRequest, pk: int, naam: str) -> HttpResponse:
    """One form of the sections: 404 when the case is hidden, 403 when not allowed. GET: the
    empty form (alone for htmx, when its fold on the case page opens; else on a page of its
    own). POST: the form again with its errors (400), or back to the case."""
    if naam not in FORMULIEREN:
        raise Http404
    formulier = FORMULIEREN[naam]
    gevonden = lees_casus(request, pk, bron=f"regie:justitie_{naam}", mag=formulier.permissie)
    if request.method == "GET":
        return toon_uitklapformulier(
            request,
            gevonden,
            _uitklap(gevonden, naam, maak_form(gevonden, naam)),
            anker="#justitie",
        )
    form = maak_form(gevonden, naam, request.POST)
    if form.is_valid():
        try:
            formulier.voer_uit(gevonden, request.user, form.cleaned_data)
        except CasusNietMogelijk as fout:
            form.add_error(None, str(fout))
        else:
            uitkomst(request, Inzage.Handeling.WIJZIGEN)
            messages.success(request, str(formulier.succes))
            return redirect(reverse("regie:casus", args=[gevonden.pk]) + "#justitie")
    return toon_uitklapformulier(
        request, gevonden, _uitklap(gevonden, naam, form), status=400, anker="#justitie"
    )


def _pdf(inhoud: bytes, bestandsnaam: str) -> HttpResponse:
    antwoord = HttpResponse(inhoud, content_type="application/pdf")
    antwoord["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    return antwoord


@require_GET
@logt_inzage
def brief_pdf(request: AppRequest, pk: int, brief_pk: int) -> HttpResponse:
    gevonden = lees_casus(
        request,
        pk,
        bron="regie:brief_pdf",
        mag="regie.export_brief",
        handeling=Inzage.Handeling.EXPORTEREN,
    )
    try:
        brief = gevonden.brieven.get(pk=brief_pk)
    except (ValueError, Brief.DoesNotExist):
        raise Http404 from None
    inhoud = diensten.brief_als_pdf(brief)
    return _pdf(inhoud, f"brief-{brief.sjabloon}-{brief.pk}-{brief.datum:%Y%m%d}.pdf")


@require_GET
@logt_inzage
def opp_pdf(request: AppRequest, pk: int) -> HttpResponse:
    gevonden = lees_casus(
        request,
        pk,
        bron="regie:opp_pdf",
        mag="regie.export_opp",
        handeling=Inzage.Handeling.EXPORTEREN,
    )
    inhoud = diensten.opp_als_pdf(gevonden, gemaakt_door=request.user)
    return _pdf(inhoud, f"opp-casus-{gevonden.pk}-{timezone.localdate():%Y%m%d}.pdf")
