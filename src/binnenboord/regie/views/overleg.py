# SPDX-License-Identifier: EUPL-1.2
"""Meetings and the Leerplichtspreekuur: the Overleggen list (upcoming first), planning a
meeting (and the next of its series), the meeting page with its agenda proposed from the
worklist and the outcome per case, and the consultation hour for the school and the
leerplichtambtenaar. A meeting or consultation hour the user may not see answers 404, an
action the user may not do 403; an agenda item shows the case only to who may see the case.
Every page that shows a pupil writes the access log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binnenboord.gedeeld.views import haal_of_404, vereis
from binnenboord.gedeeld.zoekkeuze import alleen_zoeken, getoond, zoek_via
from binnenboord.registratie.models import Leerling, School
from binnenboord.registratie.selectors import zichtbare_leerlingen
from binnenboord.toegang.http import AppRequest
from binnenboord.toegang.models import Medewerker
from binnenboord.verantwoording.inzage import lees, log_gelezen, logt_inzage
from binnenboord.verantwoording.models import Inzage

from ..beoordeling import staplabel
from ..forms.overleg import (
    AgenderenForm,
    BesluitForm,
    OverlegForm,
    SpreekuurForm,
    UitkomstForm,
    VerwijzingForm,
    VraagForm,
)
from ..models import Agendapunt, Casus, Overleg, Spreekuur, Verwijzing
from ..rules import overleg_scope, spreekuur_scope
from ..selectors.casus import kiesbare_medewerkers, zichtbare_casussen
from ..selectors.overleg import als_lid, haal_agendapunt, samenvatting
from ..services import CasusNietMogelijk
from ..services import overleg as diensten


def _kandidaten() -> QuerySet[Medewerker]:
    """Staff who can chair, sit in a meeting or carry out an action."""
    return kiesbare_medewerkers()


def overlegform(data: Any = None) -> OverlegForm:
    """The form of a new meeting; its staff choices searched at web:zoek_medewerker."""
    form = OverlegForm(data, kandidaten=_kandidaten())
    for veld in ("voorzitter", "leden"):
        zoek_via(form, veld, f"{reverse('web:zoek_medewerker')}?veld={veld}")
    return form


def besluitform(punt: Agendapunt, data: Any = None) -> BesluitForm:
    """The outcome form of an agenda item; its staff choice searched at web:zoek_medewerker."""
    form = BesluitForm(data, prefix=f"besluit-{punt.pk}", kandidaten=_kandidaten())
    zoek_via(form, "wie", f"{reverse('web:zoek_medewerker')}?veld=wie")
    return form


def haal_overleg(gebruiker: Medewerker, pk: Any) -> Overleg:
    """The meeting, or 404 for "missing" and "forbidden" alike."""
    return haal_of_404(
        Overleg.objects.filter(overleg_scope(gebruiker)).select_related(
            "organisatie", "voorzitter", "reeks"
        ),
        pk,
    )


# --- meetings ------------------------------------------------------------------------------


@permission_required("regie.list_overleg", raise_exception=True)
def overleggen(request: AppRequest) -> HttpResponse:
    vandaag = timezone.localdate()
    zichtbaar = (
        Overleg.objects.filter(overleg_scope(request.user))
        .select_related("organisatie", "voorzitter")
        .annotate(aantal=Count("agendapunten"))
    )
    komend = list(zichtbaar.filter(datum__gte=vandaag).order_by("datum", "aanvang", "pk"))
    geweest = list(zichtbaar.filter(datum__lt=vandaag).order_by("-datum", "-aanvang", "-pk")[:50])
    return render(
        request,
        "regie/overleggen.html",
        {
            "komend": komend,
            "geweest": geweest,
            "mag_plannen": request.user.has_perm("regie.add_overleg"),
            "mag_spreekuren": request.user.has_perm("regie.list_spreekuur"),
        },
    )


@permission_required("regie.add_overleg", raise_exception=True)
def overleg_nieuw(request: AppRequest) -> HttpResponse:
    status = 200
    if request.method == "POST":
        form = overlegform(request.POST)
        if alleen_zoeken(form):
            pass  # the form again, with the matches of the search (no JavaScript)
        elif form.is_valid():
            data = form.cleaned_data
            try:
                overleg = diensten.plan_overleg(
                    soort=data["soort"],
                    datum=data["datum"],
                    door=request.user,
                    leden=data["leden"],
                    aanvang=data["aanvang"],
                    locatie=data["locatie"],
                    voorzitter=data["voorzitter"],
                    voorzitter_naam=data["voorzitter_naam"],
                    externe_leden=data["externe_leden"],
                    interval_weken=data["interval_weken"],
                )
            except CasusNietMogelijk as fout:
                form.add_error(None, str(fout))
            else:
                messages.success(request, _("The meeting has been planned."))
                return redirect("overleg:overleg", pk=overleg.pk)
            status = 400
        else:
            status = 400
    else:
        form = overlegform()
    return render(request, "regie/overleg_nieuw.html", {"form": form}, status=status)


def _voorstellen(request: AppRequest, overleg: Overleg) -> list[diensten.Voorstel]:
    return diensten.stel_agenda_voor(overleg, gebruiker=request.user)


@logt_inzage
def overleg(request: AppRequest, pk: int) -> HttpResponse:
    gevonden = haal_overleg(request.user, pk)
    return _toon(request, gevonden)


def _toon(
    request: AppRequest,
    gevonden: Overleg,
    *,
    agenderen: AgenderenForm | None = None,
    besluiten: dict[int, BesluitForm] | None = None,
    vragen: dict[int, VraagForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    gebruiker = request.user
    mag_wijzigen = gebruiker.has_perm("regie.change_overleg", gevonden)
    zichtbaar = set(
        zichtbare_casussen(gebruiker)
        .filter(agendapunten__overleg=gevonden)
        .values_list("pk", flat=True)
    )
    punten = list(
        gevonden.agendapunten.select_related("casus", "casus__leerling", "besproken_door")
        .prefetch_related("acties", "acties__wie")
        .order_by("volgorde", "pk")
    )
    besluiten = besluiten or {}
    agenda = []
    # the items the user sees as chair or member of the meeting: from its publication until
    # each item's outcome is recorded (regie.view_agendapunt), the case itself not
    als_lid_zichtbaar = set(
        als_lid(gebruiker).filter(overleg=gevonden).values_list("pk", flat=True)
    )
    vragen = vragen or {}
    for punt in punten:
        ziet = punt.casus_id in zichtbaar
        lid = not ziet and punt.pk in als_lid_zichtbaar
        form = vraagform = None
        if mag_wijzigen and ziet and punt.status == Agendapunt.Status.GEAGENDEERD:
            form = besluiten.get(punt.pk) or besluitform(punt)
            vraagform = vragen.get(punt.pk) or VraagForm(
                prefix=f"vraag-{punt.pk}", initial={"vraag": punt.vraag}
            )
        agenda.append(
            {
                "punt": punt,
                "ziet": ziet,
                "als_lid": lid,
                "waarom": staplabel(punt.casus, punt.waarom)
                if (ziet or lid) and punt.waarom
                else "",
                "form": form,
                "vraagform": vraagform,
            }
        )
    voorstellen: list[diensten.Voorstel] = []
    if mag_wijzigen:
        voorstellen = _voorstellen(request, gevonden)
        agenderen = agenderen or AgenderenForm(keuzes=_keuzes(voorstellen))
    leerlingen = {
        p.casus.leerling_id: p.casus.leerling
        for p in punten
        if p.casus_id in zichtbaar or p.pk in als_lid_zichtbaar
    }
    leerlingen.update({v.casus.leerling_id: v.casus.leerling for v in voorstellen})
    if leerlingen:
        log_gelezen(request, leerlingen.values(), bron="regie:overleg")
    context = {
        "overleg": gevonden,
        "agenda": agenda,
        "voorstellen": voorstellen,
        "agenderen": agenderen if mag_wijzigen else None,
        "mag_wijzigen": mag_wijzigen,
        # publishing shows each open case to every member: only who sees them all
        # (overleg.publiceer_agenda)
        "mag_publiceren": mag_wijzigen
        and any(p.status == Agendapunt.Status.GEAGENDEERD for p in punten)
        and all(
            p.casus_id in zichtbaar for p in punten if p.status == Agendapunt.Status.GEAGENDEERD
        ),
        "vandaag": timezone.localdate(),
        "leden": list(gevonden.leden.select_related("organisatie")),
    }
    return render(request, "regie/overleg.html", context, status=status)


def _keuzes(voorstellen: list[diensten.Voorstel]) -> list[tuple[str, str]]:
    return [(str(v.casus.pk), f"{v.casus.leerling.naam}: {v.label}") for v in voorstellen]


def _log_wijziging(request: AppRequest, casus: Casus, bron: str) -> None:
    log_gelezen(
        request,
        [casus.leerling],
        bron=f"regie:{bron}",
        handeling=Inzage.Handeling.WIJZIGEN,
        casus_id=casus.pk,
    )


@require_POST
@logt_inzage
def agenderen(request: AppRequest, pk: int) -> HttpResponse:
    gevonden = haal_overleg(request.user, pk)
    vereis(request.user, "regie.change_overleg", gevonden)
    voorstellen = {str(v.casus.pk): v for v in _voorstellen(request, gevonden)}
    form = AgenderenForm(request.POST, keuzes=_keuzes(list(voorstellen.values())))
    if not form.is_valid():
        return _toon(request, gevonden, agenderen=form, status=400)
    for casus_pk in form.cleaned_data["casussen"]:
        voorstel = voorstellen[casus_pk]
        try:
            diensten.agendeer(
                overleg=gevonden, casus=voorstel.casus, door=request.user, waarom=voorstel.waarom
            )
        except CasusNietMogelijk as fout:
            messages.error(request, str(fout))
        else:
            _log_wijziging(request, voorstel.casus, "agenderen")
    messages.success(request, _("The agenda has been updated."))
    return redirect("overleg:overleg", pk=gevonden.pk)


def _haal_punt(request: AppRequest, overleg: Overleg, punt_pk: int) -> Agendapunt:
    """An agenda item of the meeting whose case the user may see (else 403)."""
    try:
        punt = overleg.agendapunten.select_related("casus", "casus__leerling").get(pk=punt_pk)
    except (ValueError, Agendapunt.DoesNotExist):
        raise Http404 from None
    if not zichtbare_casussen(request.user).filter(pk=punt.casus_id).exists():
        raise PermissionDenied
    return punt


@require_POST
@logt_inzage
def van_agenda(request: AppRequest, pk: int, punt_pk: int) -> HttpResponse:
    gevonden = haal_overleg(request.user, pk)
    vereis(request.user, "regie.change_overleg", gevonden)
    punt = _haal_punt(request, gevonden, punt_pk)
    try:
        diensten.haal_van_agenda(agendapunt=punt, door=request.user)
    except CasusNietMogelijk as fout:
        messages.error(request, str(fout))
    else:
        _log_wijziging(request, punt.casus, "van_agenda")
        messages.success(request, _("The case has been taken off the agenda."))
    return redirect("overleg:overleg", pk=gevonden.pk)


@require_POST
@logt_inzage
def besluit(request: AppRequest, pk: int, punt_pk: int) -> HttpResponse:
    gevonden = haal_overleg(request.user, pk)
    vereis(request.user, "regie.change_overleg", gevonden)
    punt = _haal_punt(request, gevonden, punt_pk)
    form = besluitform(punt, request.POST)
    if alleen_zoeken(form):
        return _toon(request, gevonden, besluiten={punt.pk: form})
    if form.is_valid():
        data = form.cleaned_data
        acties = []
        if data["wat"].strip():
            acties.append(
                diensten.Vervolgactie(
                    wat=data["wat"],
                    uiterlijk=data["uiterlijk"],
                    wie=data["wie"],
                    wie_naam=data["wie_naam"],
                )
            )
        try:
            diensten.leg_besluit_vast(
                agendapunt=punt,
                door=request.user,
                advies=data["advies"],
                besluit=data["besluit"],
                aangehouden=data["uitkomst"] == Agendapunt.Status.AANGEHOUDEN,
                acties=acties,
            )
        except CasusNietMogelijk as fout:
            form.add_error(None, str(fout))
        else:
            _log_wijziging(request, punt.casus, "besluit")
            messages.success(request, _("The outcome has been recorded."))
            return redirect("overleg:overleg", pk=gevonden.pk)
    return _toon(request, gevonden, besluiten={punt.pk: form}, status=400)


@require_POST
@logt_inzage
def publiceren(request: AppRequest, pk: int) -> HttpResponse:
    """Publish the agenda: the chair and members see its cases and are notified. Publishing
    widens who sees each case on it: a change line per pupil in the access log."""
    gevonden = haal_overleg(request.user, pk)
    vereis(request.user, "regie.change_overleg", gevonden)
    try:
        diensten.publiceer_agenda(gevonden, request.user)
    except CasusNietMogelijk as fout:
        messages.error(request, str(fout))
    else:
        for punt in gevonden.agendapunten.filter(
            status=Agendapunt.Status.GEAGENDEERD
        ).select_related("casus", "casus__leerling"):
            _log_wijziging(request, punt.casus, "publiceren")
        messages.success(
            request, _("The agenda has been published; the chair and members have been notified.")
        )
    return redirect("overleg:overleg", pk=gevonden.pk)


@require_POST
@logt_inzage
def vraag(request: AppRequest, pk: int, punt_pk: int) -> HttpResponse:
    """The question for the meeting about one case on the agenda."""
    gevonden = haal_overleg(request.user, pk)
    vereis(request.user, "regie.change_overleg", gevonden)
    punt = _haal_punt(request, gevonden, punt_pk)
    form = VraagForm(request.POST, prefix=f"vraag-{punt.pk}")
    if form.is_valid():
        try:
            diensten.stel_vraag(
                agendapunt=punt, door=request.user, vraag=form.cleaned_data["vraag"]
            )
        except CasusNietMogelijk as fout:
            form.add_error(None, str(fout))
        else:
            _log_wijziging(request, punt.casus, "vraag")
            messages.success(request, _("The question for the meeting has been saved."))
            return redirect("overleg:overleg", pk=gevonden.pk)
    return _toon(request, gevonden, vragen={punt.pk: form}, status=400)


@logt_inzage
def agendapunt(request: AppRequest, pk: int, punt_pk: int) -> HttpResponse:
    """A case on the published agenda, as the chair and members read it until its outcome is
    recorded: the summary, the current plan with its open actions, and the question. Never
    medical content, contact reports, the justice chain or the case's history; reading it
    does not make the reader a participant. Every read is in the access log."""
    punt = lees(
        request,
        lambda gebruiker, punt_pk: haal_agendapunt(gebruiker, pk, punt_pk),
        punt_pk,
        bron="regie:agendapunt",
        leerling=lambda p: p.casus.leerling,
        casus_id=lambda p: p.casus_id,
        mag="regie.view_agendapunt",
    )
    dag = timezone.localdate()
    return render(
        request,
        "regie/agendapunt.html",
        {
            "overleg": punt.overleg,
            "s": samenvatting(punt, dag),
            "ziet_casus": request.user.has_perm("regie.view_casus", punt.casus),
        },
    )


@require_POST
def volgend_overleg(request: AppRequest, pk: int) -> HttpResponse:
    gevonden = haal_overleg(request.user, pk)
    vereis(request.user, "regie.change_overleg", gevonden)
    if gevonden.reeks is None:
        raise Http404
    volgend = diensten.plan_volgend_overleg(reeks=gevonden.reeks, door=request.user)
    messages.success(request, _("The next meeting has been planned."))
    return redirect("overleg:overleg", pk=volgend.pk)


# --- the Leerplichtspreekuur ---------------------------------------------------------------


def haal_spreekuur(gebruiker: Medewerker, pk: Any) -> Spreekuur:
    """The consultation hour, or 404 for "missing" and "forbidden" alike."""
    return haal_of_404(
        Spreekuur.objects.filter(spreekuur_scope(gebruiker)).select_related(
            "school", "leerplichtambtenaar"
        ),
        pk,
    )


def _scholen_van(gebruiker: Medewerker) -> QuerySet[School]:
    """The schools a leerplichtambtenaar holds consultation hours at: in the municipalities
    of the own organisation, or where he is in the school's kernteam."""
    return (
        School.objects.filter(
            Q(gemeente__organisaties=gebruiker.organisatie_id)
            | Q(organisatie__kernteam__leerplichtambtenaar=gebruiker)
        )
        .distinct()
        .order_by("naam")
    )


@permission_required("regie.list_spreekuur", raise_exception=True)
def spreekuren(request: AppRequest) -> HttpResponse:
    vandaag = timezone.localdate()
    zichtbaar = (
        Spreekuur.objects.filter(spreekuur_scope(request.user))
        .select_related("school", "leerplichtambtenaar")
        .annotate(aantal=Count("verwijzingen"))
    )
    return render(
        request,
        "regie/spreekuren.html",
        {
            "komend": list(zichtbaar.filter(datum__gte=vandaag).order_by("datum", "begin")),
            "geweest": list(zichtbaar.filter(datum__lt=vandaag).order_by("-datum")[:50]),
            "mag_plannen": request.user.has_perm("regie.add_spreekuur"),
        },
    )


@permission_required("regie.add_spreekuur", raise_exception=True)
def spreekuur_nieuw(request: AppRequest) -> HttpResponse:
    scholen = _scholen_van(request.user)
    status = 200
    if request.method == "POST":
        form = SpreekuurForm(request.POST, scholen=scholen)
        if form.is_valid():
            try:
                nieuw = diensten.plan_spreekuur(
                    leerplichtambtenaar=request.user, **form.cleaned_data
                )
            except CasusNietMogelijk as fout:
                form.add_error(None, str(fout))
            else:
                messages.success(request, _("The consultation hour has been planned."))
                return redirect("overleg:spreekuur", pk=nieuw.pk)
        status = 400
    else:
        form = SpreekuurForm(scholen=scholen)
    return render(request, "regie/spreekuur_nieuw.html", {"form": form}, status=status)


def _te_verwijzen(gebruiker: Medewerker, spreekuur: Spreekuur) -> QuerySet[Leerling]:
    """The pupils the school may refer: those it sees today (leerling_scope), enrolled at this
    school today. Never "enrolled on the hour's date": for an hour in the past that listed
    pupils who have left since, with name and date of birth (issue 13, finding 5). A POST is
    checked against this same queryset, so a crafted id of another pupil is a form error."""
    vandaag = timezone.localdate()
    return (
        zichtbare_leerlingen(gebruiker)
        .filter(
            Q(inschrijvingen__einddatum__isnull=True) | Q(inschrijvingen__einddatum__gte=vandaag),
            inschrijvingen__school=spreekuur.school,
            inschrijvingen__begindatum__lte=vandaag,
        )
        .distinct()
        .order_by("achternaam", "voornamen", "pk")
    )


def verwijzingform(gebruiker: Medewerker, spreekuur: Spreekuur, data: Any = None) -> VerwijzingForm:
    """The referral form: the school's own pupils of today (_te_verwijzen), searched at
    web:zoek_verwijzing (which builds this same form)."""
    form = VerwijzingForm(
        data,
        leerlingen=_te_verwijzen(gebruiker, spreekuur),
        tijdvakken=diensten.vrije_tijdvakken(spreekuur),
    )
    zoek_via(form, "leerling", reverse("web:zoek_verwijzing", args=[spreekuur.pk]))
    return form


@logt_inzage
def spreekuur(request: AppRequest, pk: int) -> HttpResponse:
    gevonden = haal_spreekuur(request.user, pk)
    return _toon_spreekuur(request, gevonden)


def _toon_spreekuur(
    request: AppRequest,
    gevonden: Spreekuur,
    *,
    verwijzen: VerwijzingForm | None = None,
    uitkomsten: dict[int, UitkomstForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    gebruiker = request.user
    mag_verwijzen = gebruiker.has_perm("regie.refer_spreekuur", gevonden)
    mag_afhandelen = gebruiker.has_perm("regie.record_verwijzing", gevonden)
    uitkomsten = uitkomsten or {}
    verwijzingen = list(
        gevonden.verwijzingen.select_related("leerling", "verwezen_door", "casus").order_by(
            "tijdvak"
        )
    )
    rijen = [
        {
            "verwijzing": v,
            "form": (uitkomsten.get(v.pk) or UitkomstForm(prefix=f"uitkomst-{v.pk}"))
            if mag_afhandelen and not v.uitkomst_soort
            else None,
        }
        for v in verwijzingen
    ]
    vrij = diensten.vrije_tijdvakken(gevonden)
    if mag_verwijzen and verwijzen is None and vrij:
        verwijzen = verwijzingform(gebruiker, gevonden)
    # every pupil on the page, once: the referred ones and what the referral's pupil choice
    # shows (the chosen one and the matches of a search; never the whole school)
    zichtbaar = {v.leerling_id: v.leerling for v in verwijzingen}
    if mag_verwijzen and verwijzen is not None:
        zichtbaar.update((leerling.pk, leerling) for leerling in getoond(verwijzen))
    if zichtbaar:
        log_gelezen(request, zichtbaar.values(), bron="regie:spreekuur")
    context = {
        "spreekuur": gevonden,
        "rijen": rijen,
        "vrij": vrij,
        "verwijzen": verwijzen if mag_verwijzen else None,
        "vandaag": timezone.localdate(),
    }
    return render(request, "regie/spreekuur.html", context, status=status)


@require_POST
@logt_inzage
def verwijs(request: AppRequest, pk: int) -> HttpResponse:
    gevonden = haal_spreekuur(request.user, pk)
    vereis(request.user, "regie.refer_spreekuur", gevonden)
    form = verwijzingform(request.user, gevonden, request.POST)
    if alleen_zoeken(form):
        return _toon_spreekuur(request, gevonden, verwijzen=form)
    if form.is_valid():
        data = form.cleaned_data
        try:
            verwijzing = diensten.verwijs(
                spreekuur=gevonden,
                leerling=data["leerling"],
                door=request.user,
                tijdvak=datetime.strptime(data["tijdvak"], "%H:%M").time(),  # noqa: DTZ007
                reden=data["reden"],
            )
        except CasusNietMogelijk as fout:
            form.add_error(None, str(fout))
        else:
            log_gelezen(
                request,
                [verwijzing.leerling],
                bron="regie:verwijzing",
                handeling=Inzage.Handeling.AANMAKEN,
            )
            messages.success(request, _("The pupil has been referred."))
            return redirect("overleg:spreekuur", pk=gevonden.pk)
    return _toon_spreekuur(request, gevonden, verwijzen=form, status=400)


@require_POST
@logt_inzage
def uitkomst(request: AppRequest, pk: int, verwijzing_pk: int) -> HttpResponse:
    gevonden = haal_spreekuur(request.user, pk)
    vereis(request.user, "regie.record_verwijzing", gevonden)
    try:
        verwijzing = gevonden.verwijzingen.select_related("leerling").get(pk=verwijzing_pk)
    except (ValueError, Verwijzing.DoesNotExist):
        raise Http404 from None
    form = UitkomstForm(request.POST, prefix=f"uitkomst-{verwijzing.pk}")
    if form.is_valid():
        data = form.cleaned_data
        opent = data["uitkomst_soort"] == Verwijzing.Uitkomst.CASUS_GEOPEND
        if opent and not request.user.has_perm("regie.add_casus", verwijzing.leerling):
            form.add_error("uitkomst_soort", _("You may not open a case for this pupil."))
        else:
            try:
                verwijzing = diensten.leg_uitkomst_vast(
                    verwijzing=verwijzing, door=request.user, **data
                )
            except CasusNietMogelijk as fout:
                form.add_error(None, str(fout))
            else:
                log_gelezen(
                    request,
                    [verwijzing.leerling],
                    bron="regie:verwijzing",
                    handeling=Inzage.Handeling.WIJZIGEN,
                    casus_id=verwijzing.casus_id,
                )
                messages.success(request, _("The outcome has been recorded."))
                return redirect("overleg:spreekuur", pk=gevonden.pk)
    return _toon_spreekuur(request, gevonden, uitkomsten={verwijzing.pk: form}, status=400)
