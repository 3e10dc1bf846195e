# SPDX-License-Identifier: EUPL-1.2
"""Meldingen: make a verzuimmelding from a 16-hour signal, report a (threatening)
stay-at-home pupil, the Meldingen inbox, one melding with Leerplicht's and the SWV's handling,
and the exports (PDF, JSON, CSV). Every screen reads through the scoped selectors, asks the
access rules and writes the access log (verantwoording.inzage): a melding the user may not
see answers 404 like a missing one, an action the user may not do on a visible one 403."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms import BaseForm
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binnenboord.gedeeld.views import vereis
from binnenboord.registratie.lezen import lees_leerling
from binnenboord.registratie.models import Leerling
from binnenboord.toegang.http import AppRequest
from binnenboord.verantwoording.inzage import log_lijst, logt_inzage, uitkomst
from binnenboord.verantwoording.models import Inzage

from .. import exporteren
from ..filters import Meldingfilters
from ..forms.melding import (
    BehandelForm,
    DuoGemeldForm,
    SwvForm,
    ThuiszitterForm,
    VerzuimmeldingForm,
)
from ..lezen import lees_melding, lees_signaal
from ..meldingvelden import art14_rijen, benoem, specificatie_tekst, wijzigingen
from ..models import Melding, Signaal, Soort
from ..selectors import (
    leerplicht_behandelaars,
    swv_behandelaars,
)
from ..services.melding import (
    MeldingNietMogelijk,
    behandel_melding,
    behandel_melding_swv,
    bevestig_duo_melding,
    maak_thuiszittermelding,
    maak_verzuimmelding,
    verstuur_melding,
    wijzig_melding,
)
from ..services.signaal import SignaalNietOpen

PER_PAGINA = 25


def _fouten_in_formulier(form: BaseForm, fout: ValidationError) -> None:
    for bericht in fout.messages:
        form.add_error(None, bericht)


@permission_required("signalering.list_melding", raise_exception=True)
@logt_inzage
def meldingen(request: AppRequest) -> HttpResponse:
    # the meldingen of the user's scope, then the search, filters and sort (signalering.filters)
    filters = Meldingfilters(request.GET, gebruiker=request.user)
    pagina = Paginator(filters.qs, PER_PAGINA).get_page(request.GET.get("pagina"))
    log_lijst(request, [m.leerling for m in pagina.object_list], bron="meldingen:meldingen")
    return render(
        request,
        "signalering/meldingen.html",
        {"pagina": pagina, "filters": filters, "sortering": filters.sortering},
    )


@logt_inzage
def melding(request: AppRequest, pk: int) -> HttpResponse:
    gevonden = lees_melding(request, pk, bron="meldingen:melding")
    return _toon(request, gevonden)


def _toon(
    request: AppRequest,
    gevonden: Melding,
    *,
    behandelform: BehandelForm | None = None,
    swvform: SwvForm | None = None,
    duoform: DuoGemeldForm | None = None,
    status: int = 200,
) -> HttpResponse:
    gebruiker = request.user
    behandelt = gebruiker.has_perm("signalering.handle_melding", gevonden)
    if behandelform is None and behandelt:
        behandelform = BehandelForm(
            instance=gevonden,
            behandelaars=leerplicht_behandelaars(gebruiker),
            initial=_gemeentecontact(request, gevonden),
        )
    if swvform is None and gebruiker.has_perm("signalering.handle_melding_swv", gevonden):
        swvform = SwvForm(instance=gevonden, behandelaars=swv_behandelaars(gebruiker))
    if duoform is None and gebruiker.has_perm("signalering.confirm_duo_melding", gevonden):
        duoform = DuoGemeldForm(
            initial={"duo_gemeld_op": gevonden.duo_gemeld_op or timezone.localdate()}
        )
    schoolrijen = art14_rijen(gevonden, gemeente=False)
    # the cases opened from this report, as far as the user may see them
    uit_melding = list(gevonden.casussen.all())
    casussen = [c for c in uit_melding if gebruiker.has_perm("regie.view_casus", c)]
    context = {
        "melding": gevonden,
        "schoolrijen": schoolrijen,
        "gemeenterijen": art14_rijen(gevonden)[len(schoolrijen) :],
        "gebeurtenissen": [
            (g, wijzigingen(g.toelichting) if g.soort == g.Soort.GEWIJZIGD else g.toelichting)
            for g in gevonden.gebeurtenissen.select_related("wie")
        ],
        "casussen": casussen,
        # Leerplicht (not the school) opens the case from a sent report: regie:nieuw?melding=
        "mag_casus_openen": (
            behandelt
            and not gevonden.is_concept
            and not any(c.status == "open" for c in uit_melding)
            and gebruiker.has_perm("regie.add_casus", gevonden.leerling)
        ),
        "behandelform": benoem(behandelform) if behandelform is not None else None,
        "swvform": swvform,
        "duoform": duoform,
        "mag_wijzigen": gebruiker.has_perm("signalering.change_melding", gevonden),
        "mag_leerling_zien": gebruiker.has_perm("registratie.view_leerling", gevonden.leerling),
    }
    return render(request, "signalering/melding.html", context, status=status)


def _gemeentecontact(request: AppRequest, gevonden: Melding) -> dict[str, str]:
    """An empty municipal contact (art. 14 p) is proposed as the user."""
    if gevonden.gemeente_contactpersoon_naam:
        return {}
    gebruiker = request.user
    return {
        "gemeente_contactpersoon_naam": gebruiker.get_full_name() or gebruiker.username,
        "gemeente_contactpersoon_functie": gebruiker.get_rol_display(),
        "gemeente_contactpersoon_email": gebruiker.email,
    }


@require_POST
@logt_inzage
def maak_verzuim(request: AppRequest, signaal_pk: int) -> HttpResponse:
    signaal = lees_signaal(
        request, signaal_pk, bron="meldingen:maak_verzuim", mag="signalering.handle_signaal"
    )
    vereis(request.user, "signalering.add_melding", signaal.leerling)
    if signaal.soort != Soort.VERZUIM_16_UUR or signaal.status != Signaal.Status.OPEN:
        messages.error(request, _("Only an open 16-hour signal can become an absence report."))
        return redirect("signalering:signaal", pk=signaal.pk)
    try:
        nieuw = maak_verzuimmelding(signaal=signaal, door=request.user)
    except (SignaalNietOpen, MeldingNietMogelijk, ValidationError):
        messages.error(request, _("This signal cannot become an absence report."))
        return redirect("signalering:signaal", pk=signaal.pk)
    uitkomst(request, Inzage.Handeling.AANMAKEN)
    messages.success(
        request, _("A draft absence report has been made. Check it, complete it and send it.")
    )
    return redirect("meldingen:wijzigen", pk=nieuw.pk)


@logt_inzage
def wijzigen(request: AppRequest, pk: int) -> HttpResponse:
    gevonden = lees_melding(
        request, pk, bron="meldingen:wijzigen", mag="signalering.change_melding"
    )
    if not gevonden.is_verzuimmelding:
        raise Http404
    if request.method != "POST":
        return _formulier(request, gevonden, VerzuimmeldingForm(instance=gevonden))
    form = VerzuimmeldingForm(request.POST, instance=Melding.objects.get(pk=gevonden.pk))
    if form.is_valid():
        try:
            gewijzigd = wijzig_melding(
                melding=gevonden, door=request.user, gegevens=form.cleaned_data
            )
            duo = form.cleaned_data.get("duo_gemeld_op")
            if duo is not None and duo != gewijzigd.duo_gemeld_op:
                gewijzigd = bevestig_duo_melding(melding=gewijzigd, door=request.user, op=duo)
            if "versturen" in request.POST:
                gewijzigd = verstuur_melding(melding=gewijzigd, door=request.user)
        except ValidationError as fout:
            _fouten_in_formulier(form, fout)
        else:
            uitkomst(request, Inzage.Handeling.WIJZIGEN)
            if gewijzigd.is_concept:
                messages.success(request, _("The draft has been saved."))
                return redirect("meldingen:wijzigen", pk=gevonden.pk)
            messages.success(request, _("The absence report has been sent to Leerplicht."))
            return redirect("meldingen:melding", pk=gevonden.pk)
    return _formulier(request, gevonden, form, status=400)


def _formulier(
    request: AppRequest, gevonden: Melding, form: VerzuimmeldingForm, *, status: int = 200
) -> HttpResponse:
    context = {
        "melding": gevonden,
        "form": benoem(form),
        "specificatie": specificatie_tekst(gevonden.verzuimspecificatie),
    }
    return render(request, "signalering/verzuimmelding_form.html", context, status=status)


@require_POST
@logt_inzage
def versturen(request: AppRequest, pk: int) -> HttpResponse:
    gevonden = lees_melding(
        request, pk, bron="meldingen:versturen", mag="signalering.change_melding"
    )
    try:
        verstuur_melding(melding=gevonden, door=request.user)
    except (ValidationError, MeldingNietMogelijk) as fout:
        berichten = fout.messages if isinstance(fout, ValidationError) else [str(fout)]
        for bericht in berichten:
            messages.error(request, bericht)
        return redirect("meldingen:melding", pk=gevonden.pk)
    uitkomst(request, Inzage.Handeling.WIJZIGEN)
    messages.success(request, _("The report has been sent."))
    return redirect("meldingen:melding", pk=gevonden.pk)


@require_POST
@logt_inzage
def duo_gemeld(request: AppRequest, pk: int) -> HttpResponse:
    """The school confirms it reported the absence to DUO itself (Binnenboord sends nothing
    to DUO): only the school that may edit the report, for an absence report."""
    gevonden = lees_melding(
        request, pk, bron="meldingen:duo_gemeld", mag="signalering.confirm_duo_melding"
    )
    form = DuoGemeldForm(request.POST)
    if form.is_valid():
        try:
            bevestig_duo_melding(
                melding=gevonden, door=request.user, op=form.cleaned_data["duo_gemeld_op"]
            )
        except ValidationError as fout:
            _fouten_in_formulier(form, fout)
        else:
            uitkomst(request, Inzage.Handeling.WIJZIGEN)
            messages.success(request, _("Recorded: your school reported this absence to DUO."))
            return redirect("meldingen:melding", pk=gevonden.pk)
    return _toon(request, gevonden, duoform=form, status=400)


@logt_inzage
def thuiszitter(request: AppRequest, leerling_pk: int) -> HttpResponse:
    leerling = lees_leerling(
        request, leerling_pk, bron="meldingen:thuiszitter", mag="signalering.add_melding"
    )
    signaal = _signaal_uit(request, leerling.pk)
    if request.method != "POST":
        form = ThuiszitterForm()
        return _thuiszitterformulier(request, leerling, signaal, form)
    form = ThuiszitterForm(request.POST)
    if form.is_valid():
        try:
            nieuw = maak_thuiszittermelding(
                leerling=leerling, door=request.user, signaal=signaal, **form.cleaned_data
            )
        except ValidationError as fout:
            _fouten_in_formulier(form, fout)
        except (MeldingNietMogelijk, SignaalNietOpen):
            form.add_error(None, _("This pupil cannot be reported by your school now."))
        else:
            uitkomst(request, Inzage.Handeling.AANMAKEN)
            messages.success(
                request,
                _("The report has been sent to Leerplicht and the school partnership."),
            )
            return redirect("meldingen:melding", pk=nieuw.pk)
    return _thuiszitterformulier(request, leerling, signaal, form, status=400)


def _signaal_uit(request: AppRequest, leerling_pk: int) -> Signaal | None:
    """The open signal (?signaal=ID) the report comes from, if the user may handle it."""
    pk = request.GET.get("signaal") or request.POST.get("signaal")
    if not pk:
        return None
    # the same pupil on the same screen: no second access-log line
    signaal = lees_signaal(request, pk, bron="meldingen:thuiszitter")
    if signaal.leerling_id != leerling_pk or signaal.status != Signaal.Status.OPEN:
        raise Http404
    vereis(request.user, "signalering.handle_signaal", signaal)
    return signaal


def _thuiszitterformulier(
    request: AppRequest,
    leerling: Leerling,
    signaal: Signaal | None,
    form: ThuiszitterForm,
    *,
    status: int = 200,
) -> HttpResponse:
    context = {"leerling": leerling, "signaal": signaal, "form": form}
    return render(request, "signalering/thuiszitter_form.html", context, status=status)


@require_POST
@logt_inzage
def behandelen(request: AppRequest, pk: int) -> HttpResponse:
    gevonden = lees_melding(
        request, pk, bron="meldingen:behandelen", mag="signalering.handle_melding"
    )
    form = BehandelForm(
        request.POST,
        instance=Melding.objects.get(pk=gevonden.pk),
        behandelaars=leerplicht_behandelaars(request.user),
    )
    if form.is_valid():
        try:
            behandel_melding(melding=gevonden, door=request.user, gegevens=form.cleaned_data)
        except ValidationError as fout:
            _fouten_in_formulier(form, fout)
        else:
            uitkomst(request, Inzage.Handeling.WIJZIGEN)
            messages.success(request, _("The handling of the report has been saved."))
            return redirect("meldingen:melding", pk=gevonden.pk)
    return _toon(request, gevonden, behandelform=form, status=400)


@require_POST
@logt_inzage
def swv(request: AppRequest, pk: int) -> HttpResponse:
    gevonden = lees_melding(request, pk, bron="meldingen:swv", mag="signalering.handle_melding_swv")
    form = SwvForm(
        request.POST,
        instance=Melding.objects.get(pk=gevonden.pk),
        behandelaars=swv_behandelaars(request.user),
    )
    if form.is_valid():
        behandel_melding_swv(melding=gevonden, door=request.user, gegevens=form.cleaned_data)
        uitkomst(request, Inzage.Handeling.WIJZIGEN)
        messages.success(request, _("The partnership's handling has been saved."))
        return redirect("meldingen:melding", pk=gevonden.pk)
    return _toon(request, gevonden, swvform=form, status=400)


@logt_inzage
def _export(request: AppRequest, pk: int, soort: str) -> HttpResponse:
    gevonden = lees_melding(
        request,
        pk,
        bron=f"meldingen:export_{soort}",
        mag="signalering.export_melding",
        handeling=Inzage.Handeling.EXPORTEREN,
    )
    if soort == "pdf":
        inhoud, mime = exporteren.als_pdf(gevonden), "application/pdf"
    elif soort == "json":
        inhoud, mime = exporteren.als_json(gevonden), "application/json"
    else:
        inhoud, mime = exporteren.als_csv(gevonden), "text/csv; charset=utf-8"
    response = HttpResponse(inhoud, content_type=mime)
    response["Content-Disposition"] = (
        f'attachment; filename="{exporteren.bestandsnaam(gevonden, soort)}"'
    )
    response["Cache-Control"] = "no-store"
    return response


def export_pdf(request: AppRequest, pk: int) -> HttpResponse:
    return _export(request, pk, "pdf")


def export_json(request: AppRequest, pk: int) -> HttpResponse:
    return _export(request, pk, "json")


def export_csv(request: AppRequest, pk: int) -> HttpResponse:
    return _export(request, pk, "csv")
