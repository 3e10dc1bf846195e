# SPDX-License-Identifier: EUPL-1.2
"""The portal's pages of a case (docs/relatie.md, "Wat ouders en leerling zien en doen"):
the overview, the people, the plan with their reaction, "Mijn verhaal", meetings with their
reply, their letters as PDF, the messages with the regisseur, the pupil's consent for each
parent, and each user's e-mail settings.

Every page of a case reaches it only through portaal.inzage.casuspagina (the access valid
today, else 404) and writes the access log. Every write goes through
regie.services.relatie; a form with errors shows the page again with the input kept, a
write that worked redirects (POST-redirect-GET)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from binnenboord.regie.models import Portaaltoegang
from binnenboord.regie.relatie import leeftijd_toestemming
from binnenboord.regie.services import relatie as diensten
from binnenboord.regie.services.justitie import brief_als_pdf
from binnenboord.verantwoording.models import Inzage

from .. import selectors
from ..forms import (
    Berichtform,
    Instellingenform,
    Overlegantwoordform,
    Planreactieform,
    Toestemmingform,
    Verhaalform,
)
from ..inzage import casuspagina
from ..sessie import portaal_vereist
from . import toon


def _terug(naam: str, toegang: Portaaltoegang) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse(f"portaal:{naam}", args=[toegang.pk]))


# --- overview and people ---------------------------------------------------------------------


@casuspagina("portaal:casus")
@require_GET
def casus(request: HttpRequest, toegang: Portaaltoegang) -> HttpResponse:
    return toon(
        request,
        toegang,
        "casus.html",
        {
            "regisseur": selectors.regisseur(toegang),
            "volgend_overleg": selectors.volgend_overleg(toegang),
            "eigen_acties": selectors.eigen_open_acties(toegang),
            "ongelezen": selectors.ongelezen(toegang),
            "vragenlijsten": diensten.open_vragenlijsten(toegang),
        },
    )


@casuspagina("portaal:mensen")
@require_GET
def mensen(request: HttpRequest, toegang: Portaaltoegang) -> HttpResponse:
    return toon(
        request,
        toegang,
        "mensen.html",
        {"regisseur": selectors.regisseur(toegang), "deelnemers": selectors.deelnemers(toegang)},
    )


# --- the plan and the reaction ---------------------------------------------------------------


@casuspagina("portaal:plan")
@require_http_methods(["GET", "POST"])
def plan(request: HttpRequest, toegang: Portaaltoegang) -> HttpResponse:
    huidig = selectors.huidig_plan(toegang)
    form = Planreactieform(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if huidig is None:
            raise Http404
        if form.is_valid():
            try:
                diensten.reageer_op_plan(
                    plan=huidig,
                    eens=form.cleaned_data["eens"] == "ja",
                    toelichting=form.cleaned_data["toelichting"],
                    toegang=toegang,
                )
            except diensten.RelatieNietMogelijk as fout:
                form.add_error(None, str(fout))
            else:
                messages.success(request, _("Thank you. Your reaction is saved."))
                return _terug("plan", toegang)
    return toon(
        request,
        toegang,
        "plan.html",
        {
            "plan": huidig,
            "acties": selectors.acties(toegang),
            "reactie": selectors.mijn_reactie(toegang, huidig),
            "form": form,
        },
    )


# --- "Mijn verhaal" --------------------------------------------------------------------------


@casuspagina("portaal:verhaal")
@require_http_methods(["GET", "POST"])
def verhaal(request: HttpRequest, toegang: Portaaltoegang) -> HttpResponse:
    versies = list(selectors.verhalen(toegang))
    if request.method == "POST":
        form = Verhaalform(request.POST)
        if form.is_valid():
            try:
                diensten.schrijf_verhaal(
                    casus=toegang.casus,
                    toegang=toegang,
                    wat_speelt=form.cleaned_data["wat_speelt"],
                    wat_wil_ik=form.cleaned_data["wat_wil_ik"],
                    wat_heb_ik_nodig=form.cleaned_data["wat_heb_ik_nodig"],
                )
            except diensten.RelatieNietMogelijk as fout:
                form.add_error(None, str(fout))
            else:
                messages.success(request, _("Thank you. Your story is saved."))
                return _terug("verhaal", toegang)
    else:
        # the latest version is the start of the next one
        laatste = versies[0] if versies else None
        form = Verhaalform(
            initial={
                "wat_speelt": laatste.wat_speelt,
                "wat_wil_ik": laatste.wat_wil_ik,
                "wat_heb_ik_nodig": laatste.wat_heb_ik_nodig,
            }
            if laatste is not None
            else None
        )
    return toon(request, toegang, "verhaal.html", {"form": form, "versies": versies})


# --- meetings --------------------------------------------------------------------------------


def _overleggen(
    request: HttpRequest,
    toegang: Portaaltoegang,
    gebonden: dict[int, Overlegantwoordform] | None = None,
) -> HttpResponse:
    gebonden = gebonden or {}
    rijen = []
    for rij in selectors.uitnodigingen(toegang):
        form = gebonden.get(rij.pk) or Overlegantwoordform(
            prefix=f"u{rij.pk}",
            initial={"antwoord": rij.antwoord or None, "tekst": rij.antwoord_tekst},
        )
        rijen.append((rij, form))
    return toon(
        request,
        toegang,
        "overleggen.html",
        {"uitnodigingen": rijen, "vandaag": timezone.localdate()},
    )


@casuspagina("portaal:overleggen")
@require_GET
def overleggen(request: HttpRequest, toegang: Portaaltoegang) -> HttpResponse:
    return _overleggen(request, toegang)


@casuspagina("portaal:overleg_antwoord")
@require_POST
def overleg_antwoord(
    request: HttpRequest, toegang: Portaaltoegang, uitnodiging: int
) -> HttpResponse:
    gevonden = selectors.uitnodiging(toegang, uitnodiging)
    if gevonden is None:
        raise Http404
    form = Overlegantwoordform(request.POST, prefix=f"u{gevonden.pk}")
    if form.is_valid():
        try:
            diensten.beantwoord_overleguitnodiging(
                uitnodiging=gevonden,
                antwoord=form.cleaned_data["antwoord"],
                tekst=form.cleaned_data["tekst"],
            )
        except diensten.RelatieNietMogelijk as fout:
            form.add_error(None, str(fout))
        else:
            messages.success(request, _("Thank you. Your answer is sent."))
            return _terug("overleggen", toegang)
    return _overleggen(request, toegang, {gevonden.pk: form})


# --- letters ---------------------------------------------------------------------------------


@casuspagina("portaal:brieven")
@require_GET
def brieven(request: HttpRequest, toegang: Portaaltoegang) -> HttpResponse:
    return toon(request, toegang, "brieven.html", {"brieven": selectors.brieven(toegang)})


@casuspagina("portaal:brief_pdf", handeling=Inzage.Handeling.EXPORTEREN)
@require_GET
def brief_pdf(request: HttpRequest, toegang: Portaaltoegang, brief: int) -> HttpResponse:
    gevonden = selectors.brief(toegang, brief)
    if gevonden is None:
        raise Http404
    antwoord = HttpResponse(brief_als_pdf(gevonden), content_type="application/pdf")
    antwoord["Content-Disposition"] = (
        f'attachment; filename="brief-{gevonden.pk}-{gevonden.datum:%Y%m%d}.pdf"'
    )
    return antwoord


# --- messages --------------------------------------------------------------------------------


@casuspagina("portaal:berichten")
@require_http_methods(["GET", "POST"])
def berichten(request: HttpRequest, toegang: Portaaltoegang) -> HttpResponse:
    if request.method == "POST":
        form = Berichtform(request.POST)
        if form.is_valid():
            try:
                diensten.stuur_bericht(toegang=toegang, tekst=form.cleaned_data["tekst"])
            except diensten.RelatieNietMogelijk as fout:
                form.add_error(None, str(fout))
            else:
                messages.success(request, _("Your message is sent."))
                return _terug("berichten", toegang)
    else:
        form = Berichtform()
    rijen = list(selectors.berichten(toegang))
    if request.method == "GET":
        # shown now: the regisseur's messages are read
        diensten.markeer_berichten_gelezen(toegang=toegang)
    return toon(request, toegang, "berichten.html", {"berichten": rijen, "form": form})


# --- the pupil's consent ---------------------------------------------------------------------


@casuspagina("portaal:toestemming")
@require_http_methods(["GET", "POST"])
def toestemming(request: HttpRequest, toegang: Portaaltoegang) -> HttpResponse:
    if not toegang.is_leerling:
        # a parent never decides this, nor sees whom it concerns
        raise Http404
    mag_kiezen = selectors.geeft_toestemming(toegang)
    ouders = list(selectors.ouder_toegangen(toegang)) if mag_kiezen else []
    forms = [Toestemmingform(ouder_toegang=o) for o in ouders]
    if request.method == "POST":
        if not mag_kiezen:
            raise Http404
        try:
            gekozen = int(request.POST.get("ouder", ""))
        except ValueError:
            raise Http404 from None
        keuze = next((f for f in forms if f.ouder_toegang.pk == gekozen), None)
        if keuze is None:
            raise Http404
        gebonden = Toestemmingform(request.POST, ouder_toegang=keuze.ouder_toegang)
        forms = [gebonden if f is keuze else f for f in forms]
        if gebonden.is_valid():
            try:
                diensten.geef_toestemming(
                    leerling_toegang=toegang,
                    ouder_toegang=keuze.ouder_toegang,
                    ja=gebonden.cleaned_data["toestemming"] == "ja",
                )
            except diensten.RelatieNietMogelijk as fout:
                gebonden.add_error(None, str(fout))
            else:
                messages.success(request, pgettext("pupil", "Your choice is saved."))
                return _terug("toestemming", toegang)
    return toon(
        request,
        toegang,
        "toestemming.html",
        {
            "mag_kiezen": mag_kiezen,
            "leeftijd": leeftijd_toestemming(),
            "ouders": [(f.ouder_toegang, f) for f in forms],
        },
    )


# --- settings (per user, no case) ------------------------------------------------------------


@portaal_vereist
@require_http_methods(["GET", "POST"])
def instellingen(request: HttpRequest) -> HttpResponse:
    gebruiker = request.portaalgebruiker  # type: ignore[attr-defined]
    if request.method == "POST":
        form = Instellingenform(request.POST, instance=gebruiker)
        if form.is_valid():
            form.save()
            messages.success(request, _("Your settings are saved."))
            return HttpResponseRedirect(reverse("portaal:instellingen"))
    else:
        form = Instellingenform(instance=gebruiker)
    return render(request, "portaal/instellingen.html", {"form": form})


urls: list[URLPattern] = [
    path("<int:toegang>/", casus, name="casus"),
    path("<int:toegang>/mensen/", mensen, name="mensen"),
    path("<int:toegang>/plan/", plan, name="plan"),
    path("<int:toegang>/verhaal/", verhaal, name="verhaal"),
    path("<int:toegang>/overleggen/", overleggen, name="overleggen"),
    path(
        "<int:toegang>/overleggen/<int:uitnodiging>/",
        overleg_antwoord,
        name="overleg_antwoord",
    ),
    path("<int:toegang>/brieven/", brieven, name="brieven"),
    path("<int:toegang>/brieven/<int:brief>/", brief_pdf, name="brief_pdf"),
    path("<int:toegang>/berichten/", berichten, name="berichten"),
    path("<int:toegang>/toestemming/", toestemming, name="toestemming"),
    path("instellingen/", instellingen, name="instellingen"),
]
