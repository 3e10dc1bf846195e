# SPDX-License-Identifier: EUPL-1.2
"""The professional's side of relatie (docs/relatie.md, "De kant van de professional"): the
forms of the case page's section "Ouders en leerling" post here, and a message thread has a
page of its own. The section itself stands on the case page (templatetag
regie.templatetags.relatie), whose read is access-logged.

Every view reads the case through `lees_casus` (404 for a case the user may not see, 403 for
an action the user may not do on it, an access-log line naming the pupil and the case), and
takes the ids it is given (parent, access, meeting, correction request) only from THIS case:
an id of another case answers 404 (in the path) or is no choice of the form (400). The
services (regie.services.relatie) check every rule again."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.forms import Form
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from binnenboord.registratie.models import Ouder
from binnenboord.toegang.http import AppRequest
from binnenboord.verantwoording.inzage import logt_inzage, uitkomst
from binnenboord.verantwoording.models import Inzage

from ..forms.relatie import (
    BerichtForm,
    CorrectieForm,
    OverlegUitnodigenForm,
    ToegangEindeForm,
    UitnodigenForm,
    VerhaalNamensForm,
)
from ..models import Casus, Portaaltoegang
from ..relatie import uit_te_nodigen
from ..selectors import relatie as lezen
from ..services import relatie as diensten
from .casus import Uitklapformulier, toon_uitklapformulier
from .lezen import lees_casus

ANKER = "#ouders-en-leerling"


def terug(casus: Casus, anker: str = ANKER) -> HttpResponse:
    return redirect(reverse("regie:casus", args=[casus.pk]) + anker)


def _opnieuw(
    request: AppRequest, casus: Casus, form: Form, url: str, samenvatting: Any, knop: Any
) -> HttpResponse:
    """The form again with its errors, on a page of its own (400)."""
    return toon_uitklapformulier(
        request,
        casus,
        Uitklapformulier(samenvatting=samenvatting, knop=knop, actie=url, ophalen=url, form=form),
        status=400,
        anker=ANKER,
    )


def _ouder_uit_sleutel(casus: Casus, sleutel: str) -> Ouder | None:
    """The parent of a person key "ouder:<pk>" (of this case's pupil); None for the pupil."""
    if sleutel == lezen.LEERLING:
        return None
    ouder = lezen.ouder_van(casus, sleutel.partition(":")[2])
    if ouder is None:
        raise Http404
    return ouder


def _pdf(inhoud: bytes, bestandsnaam: str) -> HttpResponse:
    antwoord = HttpResponse(inhoud, content_type="application/pdf")
    antwoord["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    # the letter holds the one-time code: never kept by a cache
    antwoord["Cache-Control"] = "no-store"
    return antwoord


def _met_code(request: AppRequest, uitnodiging: diensten.Uitnodiging) -> HttpResponse:
    """After an invitation: by letter, the letter with the code as PDF (the only time the code
    is readable); by e-mail, back to the case with a confirmation."""
    toegang = uitnodiging.toegang
    if toegang.via == Portaaltoegang.Via.BRIEF:
        uitkomst(request, Inzage.Handeling.EXPORTEREN)
        inhoud = diensten.brief_met_code_als_pdf(uitnodiging)
        return _pdf(
            inhoud,
            f"uitnodiging-portaal-{toegang.casus_id}-{toegang.pk}-{timezone.localdate():%Y%m%d}.pdf",
        )
    uitkomst(request, Inzage.Handeling.WIJZIGEN)
    messages.success(
        request,
        _("The invitation with a one-time code has been sent by e-mail to %(adres)s.")
        % {"adres": toegang.email},
    )
    return terug(toegang.casus)


# --- inviting, a new code -------------------------------------------------------------------


@require_POST
@logt_inzage
def uitnodigen(request: AppRequest, pk: int) -> HttpResponse:
    """Invite a parent with gezag or the pupil to the portal, by letter or e-mail."""
    casus = lees_casus(request, pk, bron="regie:relatie_uitnodigen", mag="regie.invite_portaal")
    form = UitnodigenForm(request.POST, keuzes=list(uit_te_nodigen(casus)))
    if form.is_valid():
        data = form.cleaned_data
        try:
            uitnodiging = diensten.nodig_uit(
                casus=casus,
                door=request.user,
                ouder=_ouder_uit_sleutel(casus, data["persoon"]),
                via=data["via"],
                email=data["email"] if data["via"] == Portaaltoegang.Via.EMAIL else "",
            )
        except diensten.RelatieNietMogelijk as fout:
            form.add_error(None, str(fout))
        else:
            return _met_code(request, uitnodiging)
    return _opnieuw(
        request,
        casus,
        form,
        reverse("regie:relatie_uitnodigen", args=[casus.pk]),
        gettext_lazy("Invite to the portal"),
        gettext_lazy("Invite"),
    )


@require_POST
@logt_inzage
def nieuwe_code(request: AppRequest, pk: int, toegang_pk: int) -> HttpResponse:
    """A new one-time code for an invitation not yet accepted (the old one stops working)."""
    casus = lees_casus(request, pk, bron="regie:relatie_code", mag="regie.invite_portaal")
    toegang = lezen.toegang_van(casus, toegang_pk)
    if toegang is None:
        raise Http404
    try:
        uitnodiging = diensten.nieuwe_code(toegang=toegang, door=request.user)
    except diensten.RelatieNietMogelijk as fout:
        messages.error(request, str(fout))
        return terug(casus)
    return _met_code(request, uitnodiging)


# --- ending, withholding, lifting (with a confirm step) --------------------------------------


def _einde(
    request: AppRequest,
    casus: Casus,
    *,
    url: str,
    wie: str,
    vraag: str,
    knop: str,
    voer_uit: Callable[[str], Any],
    succes: str,
) -> HttpResponse:
    """The reason first; then the confirm page (nothing changed yet); the confirmed POST
    does it."""
    form = ToegangEindeForm(request.POST)
    if not form.is_valid():
        return _opnieuw(request, casus, form, url, vraag, knop)
    if not form.cleaned_data["bevestigd"]:
        context = {
            "casus": casus,
            "wie": wie,
            "vraag": vraag,
            "knop": knop,
            "actie": url,
            "reden": form.cleaned_data["reden"],
            "anker": ANKER,
        }
        return render(request, "regie/relatie_bevestigen.html", context)
    try:
        voer_uit(form.cleaned_data["reden"])
    except diensten.RelatieNietMogelijk as fout:
        messages.error(request, str(fout))
    else:
        uitkomst(request, Inzage.Handeling.WIJZIGEN)
        messages.success(request, succes)
    return terug(casus)


@require_POST
@logt_inzage
def beeindigen(request: AppRequest, pk: int, toegang_pk: int) -> HttpResponse:
    """End an access or an invitation not yet accepted."""
    casus = lees_casus(request, pk, bron="regie:relatie_beeindigen", mag="regie.end_portaal")
    toegang = lezen.toegang_van(casus, toegang_pk)
    if toegang is None:
        raise Http404
    return _einde(
        request,
        casus,
        url=reverse("regie:relatie_beeindigen", args=[casus.pk, toegang.pk]),
        wie=toegang.persoon,
        vraag=_("End the access to the portal of %(wie)s?") % {"wie": toegang.persoon},
        knop=_("Yes, end the access"),
        voer_uit=lambda reden: diensten.beeindig_toegang(
            toegang=toegang, door=request.user, reden=reden
        ),
        succes=_("The access to the portal has been ended."),
    )


@require_POST
@logt_inzage
def ontzeggen(request: AppRequest, pk: int, ouder_pk: int) -> HttpResponse:
    """Withhold a parent's access (e.g. a Veilig Thuis situation): a running invitation or
    access ends, and the parent cannot be invited until it is lifted."""
    casus = lees_casus(request, pk, bron="regie:relatie_ontzeggen", mag="regie.end_portaal")
    ouder = lezen.ouder_van(casus, ouder_pk)
    if ouder is None:
        raise Http404
    return _einde(
        request,
        casus,
        url=reverse("regie:relatie_ontzeggen", args=[casus.pk, ouder.pk]),
        wie=str(ouder),
        vraag=_("Withhold access to the portal from %(wie)s?") % {"wie": ouder},
        knop=_("Yes, withhold the access"),
        voer_uit=lambda reden: diensten.ontzeg_toegang(
            casus=casus, ouder=ouder, door=request.user, reden=reden
        ),
        succes=_("The access to the portal has been withheld."),
    )


@require_POST
@logt_inzage
def opheffen(request: AppRequest, pk: int, toegang_pk: int) -> HttpResponse:
    """Lift a withholding: the withheld row ends (with the reason), so the parent can be
    invited again."""
    casus = lees_casus(request, pk, bron="regie:relatie_opheffen", mag="regie.end_portaal")
    toegang = lezen.toegang_van(casus, toegang_pk)
    if toegang is None or toegang.status != Portaaltoegang.Status.ONTZEGD:
        raise Http404
    return _einde(
        request,
        casus,
        url=reverse("regie:relatie_opheffen", args=[casus.pk, toegang.pk]),
        wie=toegang.persoon,
        vraag=_("Lift the withholding of %(wie)s?") % {"wie": toegang.persoon},
        knop=_("Yes, lift the withholding"),
        voer_uit=lambda reden: diensten.beeindig_toegang(
            toegang=toegang, door=request.user, reden=reden
        ),
        succes=_("The withholding has been lifted: the parent can be invited again."),
    )


# --- meetings -------------------------------------------------------------------------------


def overlegkeuzes(casus: Casus) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The meetings of this case today or later, and the people with access today."""
    vandaag = timezone.localdate()
    overleggen = [(str(o.pk), str(o)) for o in lezen.komende_overleggen(casus, vandaag)]
    toegangen = [(str(t.pk), t.persoon) for t in lezen.actieve_toegangen(casus, vandaag)]
    return overleggen, toegangen


@require_POST
@logt_inzage
def overleg(request: AppRequest, pk: int) -> HttpResponse:
    """Invite a parent or the pupil with access to a meeting that has the case on its agenda."""
    casus = lees_casus(request, pk, bron="regie:relatie_overleg", mag="regie.invite_portaal")
    overleggen, toegangen = overlegkeuzes(casus)
    form = OverlegUitnodigenForm(request.POST, overleggen=overleggen, toegangen=toegangen)
    if form.is_valid():
        gekozen = lezen.komende_overleggen(casus, timezone.localdate()).get(
            pk=form.cleaned_data["overleg"]
        )
        toegang = lezen.toegang_van(casus, form.cleaned_data["toegang"])
        assert toegang is not None  # one of the choices: an access of this case
        try:
            diensten.nodig_uit_voor_overleg(overleg=gekozen, toegang=toegang, door=request.user)
        except diensten.RelatieNietMogelijk as fout:
            form.add_error(None, str(fout))
        else:
            uitkomst(request, Inzage.Handeling.WIJZIGEN)
            messages.success(
                request,
                _("%(wie)s has been invited to the meeting of %(datum)s.")
                % {"wie": toegang.persoon, "datum": f"{gekozen.datum:%d-%m-%Y}"},
            )
            return terug(casus)
    return _opnieuw(
        request,
        casus,
        form,
        reverse("regie:relatie_overleg", args=[casus.pk]),
        gettext_lazy("Invite to a meeting"),
        gettext_lazy("Invite"),
    )


# --- their own words, noted on their behalf -------------------------------------------------


def namenskeuzes(casus: Casus) -> list[tuple[str, str]]:
    """On whose behalf a story can be noted: each parent of the pupil, and the pupil."""
    keuzes = [
        (lezen.sleutel_van(o), f"{o} ({o.get_relatie_display()})")
        for o in casus.leerling.ouders.all()
    ]
    keuzes.append((lezen.LEERLING, f"{casus.leerling.naam} ({_('pupil')})"))
    return keuzes


@require_POST
@logt_inzage
def verhaal(request: AppRequest, pk: int) -> HttpResponse:
    """Note a story on behalf of a parent or the pupil; the page shows it was noted."""
    casus = lees_casus(request, pk, bron="regie:relatie_verhaal", mag="regie.add_verhaal")
    form = VerhaalNamensForm(request.POST, keuzes=namenskeuzes(casus))
    if form.is_valid():
        data = form.cleaned_data
        try:
            diensten.schrijf_verhaal(
                casus=casus,
                wat_speelt=data["wat_speelt"].strip(),
                wat_wil_ik=data["wat_wil_ik"].strip(),
                wat_heb_ik_nodig=data["wat_heb_ik_nodig"].strip(),
                door=request.user,
                namens_ouder=_ouder_uit_sleutel(casus, data["namens"]),
            )
        except diensten.RelatieNietMogelijk as fout:
            form.add_error(None, str(fout))
        else:
            uitkomst(request, Inzage.Handeling.WIJZIGEN)
            messages.success(request, _("The story has been noted on their behalf."))
            return terug(casus)
    return _opnieuw(
        request,
        casus,
        form,
        reverse("regie:relatie_verhaal", args=[casus.pk]),
        gettext_lazy("Note a story on someone's behalf"),
        gettext_lazy("Note on their behalf"),
    )


# --- messages -------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@logt_inzage
def berichten(request: AppRequest, pk: int, toegang_pk: int) -> HttpResponse:
    """One person's message thread with the regisseur: opening it marks their messages read;
    a reply goes to their thread."""
    mag = "regie.add_bericht" if request.method == "POST" else "regie.view_bericht"
    casus = lees_casus(request, pk, bron="regie:relatie_berichten", mag=mag)
    toegang = lezen.toegang_van(casus, toegang_pk)
    if toegang is None:
        raise Http404
    status = 200
    mag_antwoorden = request.user.has_perm("regie.add_bericht", casus)
    form: BerichtForm | None = BerichtForm() if mag_antwoorden else None
    if request.method == "POST":
        form = BerichtForm(request.POST)
        if form.is_valid():
            try:
                diensten.stuur_bericht(
                    toegang=toegang, tekst=form.cleaned_data["tekst"], door=request.user
                )
            except diensten.RelatieNietMogelijk as fout:
                form.add_error(None, str(fout))
            else:
                uitkomst(request, Inzage.Handeling.WIJZIGEN)
                messages.success(request, _("Your message has been sent."))
                return redirect("regie:relatie_berichten", pk=casus.pk, toegang_pk=toegang.pk)
        status = 400
    else:
        diensten.markeer_berichten_gelezen(toegang=toegang, door=request.user)
    context = {
        "casus": casus,
        "toegang": toegang,
        "berichten": lezen.berichten(toegang),
        "form": form,
        "actie": reverse("regie:relatie_berichten", args=[casus.pk, toegang.pk]),
        "knop": _("Send"),
    }
    return render(request, "regie/relatie_berichten.html", context, status=status)


# --- correction requests --------------------------------------------------------------------


@require_POST
@logt_inzage
def correctie(request: AppRequest, pk: int, verzoek_pk: int) -> HttpResponse:
    """Answer a correction request: corrected or refused, with the answer."""
    casus = lees_casus(
        request, pk, bron="regie:relatie_correctie", mag="regie.change_correctieverzoek"
    )
    verzoek = lezen.correctieverzoek_van(casus, verzoek_pk)
    if verzoek is None:
        raise Http404
    form = CorrectieForm(request.POST)
    if form.is_valid():
        try:
            diensten.handel_correctie_af(
                verzoek=verzoek,
                door=request.user,
                uitkomst=form.cleaned_data["uitkomst"],
                antwoord=form.cleaned_data["antwoord"],
            )
        except diensten.RelatieNietMogelijk as fout:
            form.add_error(None, str(fout))
        else:
            uitkomst(request, Inzage.Handeling.WIJZIGEN)
            messages.success(request, _("The correction request has been answered."))
            return terug(casus)
    return _opnieuw(
        request,
        casus,
        form,
        reverse("regie:relatie_correctie", args=[casus.pk, verzoek.pk]),
        gettext_lazy("Answer the correction request"),
        gettext_lazy("Answer"),
    )
