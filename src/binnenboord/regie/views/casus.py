# SPDX-License-Identifier: EUPL-1.2
"""Cases: the Casussen list, opening a case (from a signal, a melding or by hand), the case
page with its phase, regisseur, next deadline and timeline, and the forms on it. Every screen
reads through the scoped selectors, asks the access rules and writes the access log; a case
the user may not see answers 404, an action the user may not do on a visible case 403."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from binnenboord.gedeeld.views import vereis
from binnenboord.gedeeld.zoekkeuze import alleen_zoeken, zoek_via
from binnenboord.registratie.lezen import lees_leerling
from binnenboord.registratie.models import Leerling
from binnenboord.signalering.lezen import lees_melding, lees_signaal
from binnenboord.signalering.models import Melding, Signaal
from binnenboord.signalering.services.signaal import SignaalNietOpen
from binnenboord.toegang.http import AppRequest
from binnenboord.toegang.models import Rol
from binnenboord.verantwoording.inzage import log_gelezen, log_lijst, logt_inzage, uitkomst
from binnenboord.verantwoording.models import Inzage

from .. import services
from ..beoordeling import kop_van, stapkeuzes
from ..configuratie import aanpak_van, aanpakken
from ..filters import Casusfilters
from ..forms.casus import (
    ActieAfrondenForm,
    ActieForm,
    BeeindigenForm,
    ContactmomentForm,
    DeelnemerForm,
    HeropenenForm,
    OpenCasusForm,
    OverdrachtForm,
    PlanForm,
    SluitenForm,
    StapForm,
)
from ..geschiedenis import orgaan_naam
from ..models import Actie, Casus, Casusoverdracht, Deelnemer, PlanVanAanpak
from ..selectors.casus import (
    TIJDLIJNSOORTEN,
    heeft_medisch,
    heeft_open_casus,
    kandidaten,
    medische_inhoud,
    met_medisch,
    tijdlijn,
)
from ..selectors.casuspagina import (
    huidige_school,
    huisbezoekgegevens,
    laatste_contact,
    plan_alleen_als_stap,
    reden_van,
    staprij,
)
from ..selectors.gezinsstem import stem_van_het_gezin
from ..services.casus import mag_stap_vastleggen
from ..services.deelname import beeindig_deelname
from ..services.verhuizing import concept_van
from .casuspagina import justitie_van, overleggen_van, secties_van
from .lezen import lees_casus
from .signalen import koppelkeuze

PER_PAGINA = 25


def log_casus(request: AppRequest, casus: Casus, handeling: str, bron: str) -> None:
    """A further access-log line of a case view (bron "regie:..."), such as the medical content
    a template tag of the case page shows; written when the view ends (verantwoording.inzage)."""
    log_gelezen(
        request, [casus.leerling], bron=f"regie:{bron}", handeling=handeling, casus_id=casus.pk
    )


@permission_required("regie.list_casus", raise_exception=True)
@logt_inzage
def casussen(request: AppRequest) -> HttpResponse:
    """The cases in the user's view with search, filters and sort (regie.filters): the scope
    first, the filters only narrow it."""
    filters = Casusfilters(request.GET, gebruiker=request.user, peildatum=timezone.localdate())
    pagina = Paginator(filters.rijen(), PER_PAGINA).get_page(request.GET.get("pagina"))
    standen = filters.standen(pagina.object_list)
    for rij in pagina.object_list:
        rij.stand = standen[rij.pk]  # type: ignore[attr-defined]
    log_lijst(request, [c.leerling for c in pagina.object_list], bron="regie:casussen")
    namen = {code: a.naam for code, a in aanpakken().items()}
    return render(
        request,
        "regie/casussen.html",
        {
            "pagina": pagina,
            "filters": filters,
            "sortering": filters.sortering,
            "aanpaknamen": namen,
        },
    )


# --- opening a case ------------------------------------------------------------------------


def _bron_uit(request: AppRequest, leerling: Leerling) -> tuple[Signaal | None, Melding | None]:
    """The open signal (?signaal=ID, which the user may handle) or the melding (?melding=ID)
    the case comes from."""
    signaal = melding = None
    if pk := request.GET.get("signaal") or request.POST.get("signaal"):
        # the same pupil on the same screen: no second access-log line
        signaal = lees_signaal(request, pk, bron="regie:nieuw")
        if signaal.leerling_id != leerling.pk or signaal.status != Signaal.Status.OPEN:
            raise Http404
        vereis(request.user, "signalering.handle_signaal", signaal)
    if pk := request.GET.get("melding") or request.POST.get("melding"):
        melding = lees_melding(request, pk, bron="regie:nieuw")
        if melding.leerling_id != leerling.pk:
            raise Http404
        # a case from a report is Leerplicht's step (the school opens one by hand)
        vereis(request.user, "signalering.handle_melding", melding)
    return signaal, melding


def opencasusform(
    request: AppRequest, leerling: Leerling, data: Any = None, **kwargs: Any
) -> OpenCasusForm:
    """The form that opens a case; its regisseur searched at web:zoek_regisseur."""
    form = OpenCasusForm(data, kandidaten=kandidaten(request.user, None, leerling), **kwargs)
    zoek_via(form, "regisseur", reverse("web:zoek_regisseur", args=[leerling.pk]))
    return form


@logt_inzage
def nieuw(request: AppRequest, leerling_pk: int) -> HttpResponse:
    leerling = lees_leerling(request, leerling_pk, bron="regie:nieuw", mag="regie.add_casus")
    signaal, melding = _bron_uit(request, leerling)
    status = 200
    if request.method == "POST":
        form = opencasusform(request, leerling, request.POST)
        if alleen_zoeken(form):
            pass  # the regisseur's search button (no JavaScript): the form again, with matches
        elif form.is_valid():
            try:
                casus = services.open_casus(
                    leerling=leerling,
                    door=request.user,
                    start=form.cleaned_data["start"],
                    signaal=signaal,
                    melding=melding,
                    regisseur=form.cleaned_data["regisseur"],
                    toelichting=form.cleaned_data["toelichting"],
                )
            except services.CasusNietMogelijk as fout:
                form.add_error(None, str(fout))
            except SignaalNietOpen:
                form.add_error(None, _("This signal is no longer open."))
            else:
                uitkomst(request, Inzage.Handeling.AANMAKEN, casus_id=casus.pk)
                messages.success(request, _("The case has been opened."))
                return redirect("regie:casus", pk=casus.pk)
        status = 200 if alleen_zoeken(form) else 400
    else:
        start = signaal.van if signaal else (melding.begindatum if melding else None)
        form = opencasusform(request, leerling, initial={"start": start})
    aanpak = aanpakken()[aanpak_van(leerling)]
    context = {
        "leerling": leerling,
        "signaal": signaal,
        "melding": melding,
        "form": form,
        "aanpak": aanpak,
        "heeft_open_casus": heeft_open_casus(leerling),
        **koppelkeuze(request.user, leerling, signaal),
    }
    return render(request, "regie/nieuw.html", context, status=status)


# --- the case page -------------------------------------------------------------------------

FORMULIEREN = (
    "overdracht",
    "deelnemer",
    "contact",
    "plan",
    "actie",
    "stap",
    "sluiten",
    "heropenen",
)
PERMISSIE = {
    "overdracht": "regie.transfer_casus",
    "deelnemer": "regie.add_deelnemer",
    "contact": "regie.add_contactmoment",
    "plan": "regie.change_plan",
    "actie": "regie.add_actie",
    "stap": "regie.add_stap",
    "sluiten": "regie.close_casus",
    "heropenen": "regie.reopen_casus",
}


# The folded forms of the case page (each in a <details>): the page renders none of them, so a
# case is read without building and rendering some fifty form fields nobody opened. Opening a
# fold fetches its form (htmx on the toggle); without JavaScript the fold holds a link to the
# form on a page of its own. A form sent back with errors is shown in its open fold.
# naam: (summary, button, the URL the form posts to)
UITKLAPBAAR: dict[str, tuple[Any, Any, str]] = {
    "stap": (gettext_lazy("Record a step"), gettext_lazy("Record step"), "regie:stap"),
    "overdracht": (
        gettext_lazy("Transfer case direction"),
        gettext_lazy("Transfer"),
        "regie:overdragen",
    ),
    "deelnemer": (
        gettext_lazy("Add participant"),
        gettext_lazy("Add participant"),
        "regie:deelnemer",
    ),
    "plan": (
        gettext_lazy("Save a new version of the plan"),
        gettext_lazy("Save new version"),
        "regie:plan",
    ),
    "actie": (gettext_lazy("Add action"), gettext_lazy("Add action"), "regie:actie"),
    "contact": (
        gettext_lazy("Record contact or home visit"),
        gettext_lazy("Record contact"),
        "regie:contactmoment",
    ),
}


@dataclass(frozen=True)
class Uitklapformulier:
    """A folded form of the case page: its texts and addresses, and the form itself only
    when it was sent back with errors."""

    samenvatting: Any
    knop: Any
    actie: str
    ophalen: str
    form: Form | None


def _uitklapformulier(casus: Casus, naam: str, form: Form | None) -> Uitklapformulier:
    samenvatting, knop, url = UITKLAPBAAR[naam]
    return Uitklapformulier(
        samenvatting=samenvatting,
        knop=knop,
        actie=reverse(url, args=[casus.pk]),
        ophalen=reverse("regie:formulier", args=[casus.pk, naam]),
        form=form,
    )


@logt_inzage
def formulier(request: AppRequest, pk: int, naam: str) -> HttpResponse:
    """One folded form of the case page: the form alone for htmx, else a page of its own. 404
    for a hidden case or an unknown form, 403 when the user may not do what the form does;
    the form shows the case's data (the plan, the parents), so it is an access-log read."""
    if naam not in UITKLAPBAAR:
        raise Http404
    gevonden = lees_casus(request, pk, bron=f"regie:formulier:{naam}", mag=PERMISSIE[naam])
    return toon_uitklapformulier(
        request, gevonden, _uitklapformulier(gevonden, naam, _maak_form(request, gevonden, naam))
    )


def toon_uitklapformulier(
    request: AppRequest,
    casus: Casus,
    uitklap: Uitklapformulier,
    *,
    status: int = 200,
    anker: str = "",
) -> HttpResponse:
    """A fold's form: alone for htmx (the fold on the case page opening), else on a page of
    its own (a browser without JavaScript following the fold's link, or a form sent back
    with errors); `anker`: where on the case page its back link lands."""
    context = {
        "casus": casus,
        "form": uitklap.form,
        "actie": uitklap.actie,
        "knop": uitklap.knop,
        "samenvatting": uitklap.samenvatting,
        "anker": anker,
    }
    if request.htmx:
        return render(request, "regie/_formulier.html", context, status=status)
    return render(request, "regie/formulier.html", context, status=status)


# the staff choice of a case form, searched at web:zoek_casusmedewerker (web/keuzes.py)
ZOEKVELDEN = {"overdracht": "naar", "deelnemer": "medewerker", "actie": "wie"}


def _maak_form(request: AppRequest, casus: Casus, naam: str, data: Any = None) -> Form:
    """A form of the case page, its staff choice searched at web:zoek_casusmedewerker."""
    form = _maak_form_zelf(request, casus, naam, data)
    if naam in ZOEKVELDEN:
        url = reverse("web:zoek_casusmedewerker", args=[casus.pk, naam])
        zoek_via(form, ZOEKVELDEN[naam], url)
    return form


def _maak_form_zelf(request: AppRequest, casus: Casus, naam: str, data: Any = None) -> Form:
    """A form of the case page (the staff choices only for the forms that have them)."""
    if naam in ("overdracht", "deelnemer", "actie"):
        keuze = kandidaten(request.user, casus, casus.leerling)
        if naam == "overdracht":
            return OverdrachtForm(data, kandidaten=keuze.exclude(pk=casus.regisseur_id))
        if naam == "deelnemer":
            return DeelnemerForm(
                data,
                # who takes part now; an ended participation can be taken up again
                kandidaten=keuze.exclude(
                    pk__in=casus.deelnemers.filter(
                        beeindigd_op__isnull=True, medewerker__isnull=False
                    ).values("medewerker_id")
                ),
                ouders=casus.leerling.ouders.all(),
            )
        return ActieForm(data, kandidaten=keuze, ouders=casus.leerling.ouders.all())
    if naam == "contact":
        return ContactmomentForm(data, jeugdarts=request.user.rol == Rol.JEUGDARTS)
    if naam == "plan":
        return PlanForm(data, initial=_plan_initial(casus))
    if naam == "stap":
        return _stapform(request, casus, data)
    if naam == "sluiten":
        return SluitenForm(data)
    return HeropenenForm(data)


def _stapform(request: AppRequest, casus: Casus, data: Any = None) -> StapForm:
    """The steps of the model the user may record (an event reserved for some people, such as
    engaging the Interventieteam, only for them: mag_stap_vastleggen)."""
    keuzes = stapkeuzes(casus)
    if not casus.is_open:
        # a closed case: only its aftercare (regie.rules.casus_in_nazorg)
        nazorg = {stap.code for stap in aanpakken()[casus.aanpak].nazorg}
        keuzes = [(code, naam) for code, naam in keuzes if code in nazorg]
    voorbehouden = {
        code: _("Only a team manager or Leerplicht can engage the Intervention team.")
        for code, _naam in keuzes
        if not mag_stap_vastleggen(request.user, code)
    }
    mag = [(code, naam) for code, naam in keuzes if code not in voorbehouden]
    return StapForm(data, keuzes=mag, voorbehouden=voorbehouden)


def _plan_initial(casus: Casus) -> dict[str, Any]:
    laatste = casus.planversies.order_by("-versie").first()
    if laatste is None:
        return {"basis_versie": 0}
    return {
        "basis_versie": laatste.versie,
        **{v: getattr(laatste, v) for v in PlanVanAanpak.INHOUD},
    }


@logt_inzage
def casus(request: AppRequest, pk: int) -> HttpResponse:
    gevonden = lees_casus(request, pk, bron="regie:casus")
    return _toon(request, gevonden)


def _toon(
    request: AppRequest,
    gevonden: Casus,
    *,
    ingevuld: dict[str, Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    gebruiker = request.user
    ingevuld = ingevuld or {}
    toegestaan = [naam for naam in FORMULIEREN if gebruiker.has_perm(PERMISSIE[naam], gevonden)]
    uitklap = {
        naam: _uitklapformulier(gevonden, naam, ingevuld.get(naam))
        for naam in toegestaan
        if naam in UITKLAPBAAR
    }
    formulieren = {
        naam: ingevuld.get(naam) or _maak_form(request, gevonden, naam)
        for naam in toegestaan
        if naam not in UITKLAPBAAR
    }
    nu = timezone.now()
    vandaag = timezone.localdate(nu)
    kop = kop_van(gevonden, nu)
    keuzes = dict(stapkeuzes(gevonden))
    soort = request.GET.get("soort", "")
    if soort not in dict(TIJDLIJNSOORTEN):
        soort = ""
    items = tijdlijn(
        gebruiker,
        gevonden,
        soort=soort,
        fasen=tuple(kop.fasen_ingegaan()),
        staplabels=keuzes,
    )
    acties = list(gevonden.acties.select_related("wie").order_by("status", "uiterlijk", "pk"))
    medisch = medische_inhoud(gebruiker, gevonden)
    if medisch:
        # medical content is read: its own access-log entry, apart from the case page's
        log_gelezen(request, [gevonden.leerling], bron="regie:medisch", casus_id=gevonden.pk)
    mag_afronden = gebruiker.has_perm("regie.add_actie", gevonden)
    planversies = list(gevonden.planversies.select_related("gemaakt_door"))
    context: dict[str, Any] = {
        "casus": gevonden,
        "kop": kop,
        "aanpak": aanpakken()[gevonden.aanpak],
        "vandaag": vandaag,
        "tijdlijn": items,
        "tijdlijnsoorten": TIJDLIJNSOORTEN,
        "tijdlijnsoort": soort,
        "deelnemers": list(gevonden.deelnemers.select_related("medewerker__organisatie", "ouder")),
        "mag_deelname_beeindigen": gebruiker.has_perm("regie.end_deelname", gevonden),
        "escalaties": [
            (
                e,
                orgaan_naam(e.orgaan),
                e.is_lopend and gebruiker.has_perm("regie.end_escalatie", e),
            )
            for e in gevonden.escalaties.select_related("overleg", "bevestigd_door").order_by(
                "-datum", "-pk"
            )
        ],
        "overdrachten": list(gevonden.overdrachten.select_related("van", "naar", "door")),
        "planversies": planversies,
        # whose address is shielded: never given to the other parent (docs/relatie.md)
        "afgeschermd": ([gevonden.leerling.naam] if gevonden.leerling.adres_afgeschermd else [])
        + [
            f"{o} ({o.get_relatie_display()})"
            for o in gevonden.leerling.ouders.filter(adres_afgeschermd=True)
        ],
        # the family's own words beside the plan (their portal), never a professional's note
        "gezinsstem": stem_van_het_gezin(gevonden, planversies[0] if planversies else None)
        if gebruiker.has_perm("regie.view_verhaal", gevonden)
        else None,
        "acties": acties,
        "afrondform": ActieAfrondenForm() if mag_afronden else None,
        "contactmomenten": met_medisch(
            list(
                gevonden.contactmomenten.select_related("door").annotate(
                    heeft_medisch=heeft_medisch("contactmoment")
                )
            ),
            medisch,
            "contactmoment",
        ),
        "ziet_advies_regisseur": gebruiker.has_perm("regie.view_medisch_advies", gevonden),
        "formulieren": formulieren,
        "uitklap": uitklap,
        "mag_leerling_zien": gebruiker.has_perm("registratie.view_leerling", gevonden.leerling),
        "gemeenteoverdracht_concept": concept_van(gevonden)
        if gebruiker.has_perm("regie.send_overdracht", gevonden)
        else None,
        "gemeenteoverdrachten": list(
            gevonden.gemeenteoverdrachten.exclude(status=Casusoverdracht.Status.CONCEPT)
            .select_related("naar_gemeente")
            .order_by("aangemaakt_op", "pk")
        ),
        "ontvangen_overdracht": Casusoverdracht.objects.filter(nieuwe_casus=gevonden)
        .select_related("van_gemeente")
        .first(),
    }
    contactmomenten = context["contactmomenten"]
    context |= {
        "staprijen": [staprij(s) for s in kop.beoordeling.stappen],
        "plan_als_stap": plan_alleen_als_stap(gevonden, bool(planversies)),
        # the pupil's school now: every role that sees the case (docs/samenwerken.md)
        "school": huidige_school(gevonden.leerling, vandaag),
        "reden": reden_van(gevonden),
        "laatste_contact": laatste_contact(contactmomenten),
        # the family worker on a home visit: address and the parents' phone numbers
        "huisbezoek": huisbezoekgegevens(gevonden.leerling)
        if gebruiker.has_perm("regie.view_huisbezoekgegevens", gevonden)
        else None,
        "justitie": justitie_van(request, gevonden),
        "overleggen": overleggen_van(request, gevonden, keuzes),
    }
    context["secties"] = secties_van(context)
    context["ongebruikt"] = [s for s in context["secties"] if s.leeg]
    return render(request, "regie/casus.html", context, status=status)


@logt_inzage
def _verwerk(
    request: AppRequest,
    pk: int,
    naam: str,
    voer_uit: Callable[[Casus, dict[str, Any]], Any],
    succes: str,
) -> HttpResponse:
    """One form of the case page: 404 when the case is hidden, 403 when the action is not
    allowed, the page again with the form's errors (400), or back to the case."""
    gevonden = lees_casus(request, pk, bron=f"regie:{naam}", mag=PERMISSIE[naam])
    form = _maak_form(request, gevonden, naam, request.POST)
    if alleen_zoeken(form):
        # the search button of a staff choice (no JavaScript): the form again, with matches
        return toon_uitklapformulier(request, gevonden, _uitklapformulier(gevonden, naam, form))
    if form.is_valid():
        try:
            voer_uit(gevonden, form.cleaned_data)
        except services.PlanVerouderd as fout:
            # keep the user's text, now based on the newest version, and say why
            data = request.POST.copy()
            data[f"{form.prefix}-basis_versie"] = str(fout.huidige_versie)
            form = _maak_form(request, gevonden, naam, data)
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Someone else saved the plan meanwhile (now version %(versie)d). Your "
                    "change has not been saved: look at the newest version below and make "
                    "your change again."
                )
                % {"versie": fout.huidige_versie},
            )
        except services.CasusNietMogelijk as fout:
            form.add_error(None, str(fout))
        else:
            uitkomst(request, Inzage.Handeling.WIJZIGEN)
            messages.success(request, succes)
            return redirect("regie:casus", pk=gevonden.pk)
    verder = lees_casus(request, pk, bron=f"regie:{naam}")  # as it is now, for the page
    return _toon(request, verder, ingevuld={naam: form}, status=400)


@require_POST
def overdragen(request: AppRequest, pk: int) -> HttpResponse:
    def voer_uit(casus: Casus, data: dict[str, Any]) -> None:
        services.draag_regie_over(
            casus=casus,
            aan=data["naar"],
            door=request.user,
            reden=data["reden"],
            datum=data["datum"],
        )

    return _verwerk(request, pk, "overdracht", voer_uit, _("Case direction has been transferred."))


@require_POST
def deelnemer(request: AppRequest, pk: int) -> HttpResponse:
    def voer_uit(casus: Casus, data: dict[str, Any]) -> None:
        services.voeg_deelnemer_toe(casus=casus, door=request.user, **data)

    return _verwerk(request, pk, "deelnemer", voer_uit, _("The participant has been added."))


@require_POST
def contactmoment(request: AppRequest, pk: int) -> HttpResponse:
    def voer_uit(casus: Casus, data: dict[str, Any]) -> None:
        services.registreer_contactmoment(casus=casus, door=request.user, **data)

    return _verwerk(request, pk, "contact", voer_uit, _("The contact has been recorded."))


@require_POST
def plan(request: AppRequest, pk: int) -> HttpResponse:
    def voer_uit(casus: Casus, data: dict[str, Any]) -> None:
        services.sla_plan_op(casus=casus, door=request.user, **data)

    return _verwerk(request, pk, "plan", voer_uit, _("A new version of the plan has been saved."))


@require_POST
def actie(request: AppRequest, pk: int) -> HttpResponse:
    def voer_uit(casus: Casus, data: dict[str, Any]) -> None:
        services.voeg_actie_toe(casus=casus, door=request.user, **data)

    return _verwerk(request, pk, "actie", voer_uit, _("The action has been added."))


@require_POST
def stap(request: AppRequest, pk: int) -> HttpResponse:
    def voer_uit(casus: Casus, data: dict[str, Any]) -> None:
        tijdstip = None
        if data["tijd"] is not None:
            tijdstip = timezone.make_aware(datetime.combine(data["datum"], data["tijd"]))
        services.registreer_stap(
            casus=casus,
            door=request.user,
            stap=data["stap"],
            datum=data["datum"],
            tijdstip=tijdstip,
            toelichting=data["toelichting"],
        )

    return _verwerk(request, pk, "stap", voer_uit, _("The step has been recorded."))


@require_POST
def sluiten(request: AppRequest, pk: int) -> HttpResponse:
    def voer_uit(casus: Casus, data: dict[str, Any]) -> None:
        services.sluit_casus(casus=casus, door=request.user, **data)

    return _verwerk(request, pk, "sluiten", voer_uit, _("The case has been closed."))


@require_POST
def heropenen(request: AppRequest, pk: int) -> HttpResponse:
    def voer_uit(casus: Casus, data: dict[str, Any]) -> None:
        services.heropen_casus(casus=casus, door=request.user, reden=data["reden"])

    return _verwerk(request, pk, "heropenen", voer_uit, _("The case has been reopened."))


@require_POST
@logt_inzage
def actie_afronden(request: AppRequest, pk: int, actie_pk: int) -> HttpResponse:
    gevonden = lees_casus(request, pk, bron="regie:actie_afronden", mag="regie.add_actie")
    try:
        gekozen = gevonden.acties.get(pk=actie_pk)
    except (ValueError, Actie.DoesNotExist):
        raise Http404 from None
    form = ActieAfrondenForm(request.POST)
    if form.is_valid():
        try:
            services.rond_actie_af(
                actie=gekozen,
                door=request.user,
                status=form.cleaned_data["status"],
                op=form.cleaned_data["op"],
            )
        except services.CasusNietMogelijk as fout:
            messages.error(request, str(fout))
        else:
            uitkomst(request, Inzage.Handeling.WIJZIGEN)
            messages.success(request, _("The action has been completed."))
            return redirect("regie:casus", pk=gevonden.pk)
    else:
        messages.error(request, _("Choose the outcome and the date of the action."))
    return redirect("regie:casus", pk=gevonden.pk)


@require_POST
@logt_inzage
def deelname_beeindigen(request: AppRequest, pk: int, deelnemer_pk: int) -> HttpResponse:
    """End a participation with a reason (the regisseur or Leerplicht): 404 for a hidden case or
    another case's participant, 403 for who may not."""
    gevonden = lees_casus(request, pk, bron="regie:deelname_beeindigen", mag="regie.end_deelname")
    try:
        gekozen = gevonden.deelnemers.get(pk=deelnemer_pk)
    except (ValueError, Deelnemer.DoesNotExist):
        raise Http404 from None
    form = BeeindigenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for ending."))
        return redirect(reverse("regie:casus", args=[gevonden.pk]) + "#deelnemers")
    try:
        beeindig_deelname(deelnemer=gekozen, door=request.user, reden=form.cleaned_data["reden"])
    except services.CasusNietMogelijk as fout:
        messages.error(request, str(fout))
    else:
        uitkomst(request, Inzage.Handeling.WIJZIGEN)
        messages.success(request, _("The participation has been ended."))
    return redirect(reverse("regie:casus", args=[gevonden.pk]) + "#deelnemers")
