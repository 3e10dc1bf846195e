# SPDX-License-Identifier: EUPL-1.2
"""MAZL referrals (services.mazl): the school refers a pupil from the pupil page or from a
worrying sickness signal; the youth doctor's inbox of referrals (with the sickness signals of
the schools of their kernteams) and the referral page, where the youth doctor records the
consult, the medical notes and the advice, and the school reads the status and the advice.

A referral the user may not see answers 404, an action the user may not do 403; every page
that shows the pupil and every change is in the access log, the medical notes with a line of
their own (bron "regie:medisch"). The youth doctor does not get the pupil file from this: the
referral page shows only what the consult needs (name, date of birth, school, the signal)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from binnenboord.registratie.dossier import Dossiersectie
from binnenboord.registratie.lezen import lees_leerling
from binnenboord.registratie.models import Leerling
from binnenboord.signalering.lezen import lees_signaal
from binnenboord.signalering.models import Signaal, Soort
from binnenboord.toegang.http import AppRequest
from binnenboord.toegang.models import Medewerker, Rol
from binnenboord.verantwoording.inzage import lees, log_gelezen, log_lijst, logt_inzage, uitkomst
from binnenboord.verantwoording.models import Inzage

from ..forms.mazl import AdviesForm, ConsultForm, MedischForm, VerwijzingForm
from ..models import Mazlverwijzing, MedischeInhoud
from ..selectors.mazl import haal_verwijzing, verwijzingen_van, ziekteverzuimsignalen
from ..services import mazl as diensten
from ..services.mazl import VerwijzingNietMogelijk

PER_PAGINA = 25


def lees_verwijzing(
    request: AppRequest,
    pk: Any,
    *,
    bron: str,
    mag: str = "regie.view_mazlverwijzing",
    handeling: str = Inzage.Handeling.BEKIJKEN,
) -> Mazlverwijzing:
    """The referral (404 outside the user's scope), after the permission `mag` on it (403);
    the access-log line names the pupil (and the case it belongs to)."""
    return lees(
        request,
        haal_verwijzing,
        pk,
        bron=bron,
        leerling=lambda verwijzing: verwijzing.leerling,
        casus_id=lambda verwijzing: verwijzing.casus_id,
        mag=mag,
        handeling=handeling,
    )


# --- the inbox and the school's list -------------------------------------------------------


@permission_required("regie.list_mazlverwijzing", raise_exception=True)
@logt_inzage
def verwijzingen(request: AppRequest) -> HttpResponse:
    """The youth doctor's inbox (referrals addressed to them, new and planned first, and the
    open worrying sickness signals of their schools) or the school's referrals."""
    gebruiker = request.user
    pagina = Paginator(verwijzingen_van(gebruiker), PER_PAGINA).get_page(request.GET.get("pagina"))
    log_lijst(request, [v.leerling for v in pagina.object_list], bron="regie:mazl_verwijzingen")
    signalen: list[Signaal] = []
    if gebruiker.rol == Rol.JEUGDARTS:
        signalen = list(ziekteverzuimsignalen(gebruiker)[:PER_PAGINA])
        log_lijst(request, [s.leerling for s in signalen], bron="regie:mazl_signalen")
    return render(
        request,
        "regie/mazl_verwijzingen.html",
        {
            "pagina": pagina,
            "is_jeugdarts": gebruiker.rol == Rol.JEUGDARTS,
            "signalen": signalen,
        },
    )


# --- the school refers ------------------------------------------------------------------------


def _signaal_uit(request: AppRequest, leerling: Leerling) -> Signaal | None:
    """The worrying sickness signal the referral comes from (?signaal=ID), one of the pupil's
    that the user sees."""
    pk = request.GET.get("signaal") or request.POST.get("signaal")
    if not pk:
        return None
    # the same pupil on the same screen: no second access-log line
    signaal = lees_signaal(request, pk, bron="regie:mazl_nieuw")
    if signaal.leerling_id != leerling.pk or signaal.soort != Soort.ZORGWEKKEND_ZIEKTEVERZUIM:
        raise Http404
    return signaal


@logt_inzage
def nieuw(request: AppRequest, leerling_pk: int) -> HttpResponse:
    """The school refers the pupil to the youth doctor of its kernteam; without one, the page
    says so and offers nothing else."""
    leerling = lees_leerling(
        request, leerling_pk, bron="regie:mazl_nieuw", mag="regie.add_mazlverwijzing"
    )
    school = diensten.school_van(request.user, leerling)
    if school is None:
        raise PermissionDenied
    signaal = _signaal_uit(request, leerling)
    jeugdarts = diensten.jeugdarts_van(school)
    status = 200
    form = VerwijzingForm()
    if request.method == "POST":
        status = 400
        form = VerwijzingForm(request.POST)
        if jeugdarts is not None and form.is_valid():
            try:
                gemaakt = diensten.verwijs_naar_jeugdarts(
                    leerling=leerling,
                    school=school,
                    reden=form.cleaned_data["reden"],
                    door=request.user,
                    signaal=signaal,
                )
            except VerwijzingNietMogelijk as fout:
                form.add_error(None, str(fout))
            else:
                uitkomst(request, Inzage.Handeling.AANMAKEN, casus_id=gemaakt.casus_id)
                messages.success(request, _("The pupil has been referred to the youth doctor."))
                return redirect("mazl:verwijzing", pk=gemaakt.pk)
    lopend = (
        Mazlverwijzing.objects.filter(leerling=leerling, status__in=diensten.LOPEND)
        .filter(pk__in=verwijzingen_van(request.user).values("pk"))
        .first()
    )
    return render(
        request,
        "regie/mazl_nieuw.html",
        {
            "leerling": leerling,
            "school": school,
            "jeugdarts": jeugdarts,
            "signaal": signaal,
            "form": form if jeugdarts is not None else None,
            "lopend": lopend,
        },
        status=status,
    )


# --- the referral page and the youth doctor's forms ----------------------------------------


def _medisch(request: AppRequest, verwijzing: Mazlverwijzing) -> MedischeInhoud | None:
    """The referral's medical notes, when the user may read them (a line of their own in the
    access log); None otherwise, without reading them."""
    if request.user.rol != Rol.JEUGDARTS:
        return None
    inhoud = MedischeInhoud.objects.filter(mazlverwijzing=verwijzing).first()
    if inhoud is None or not request.user.has_perm("regie.view_medisch", inhoud):
        return None
    log_gelezen(request, [verwijzing.leerling], bron="regie:medisch", casus_id=verwijzing.casus_id)
    return inhoud


def _toon(
    request: AppRequest,
    verwijzing: Mazlverwijzing,
    *,
    ingevuld: dict[str, Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    gebruiker = request.user
    ingevuld = ingevuld or {}
    medisch = _medisch(request, verwijzing)
    formulieren: dict[str, Form] = {}
    if gebruiker.has_perm("regie.change_mazlverwijzing", verwijzing):
        formulieren["consult"] = ingevuld.get("consult") or ConsultForm(
            initial={"consult_op": verwijzing.consult_op} if verwijzing.consult_op else None
        )
        formulieren["advies"] = ingevuld.get("advies") or AdviesForm(
            initial={"consult_op": verwijzing.consult_op} if verwijzing.consult_op else None
        )
    if gebruiker.has_perm("regie.add_mazlmedisch", verwijzing):
        formulieren["medisch"] = ingevuld.get("medisch") or MedischForm(
            initial={"tekst": medisch.tekst} if medisch is not None else None
        )
    return render(
        request,
        "regie/mazl_verwijzing.html",
        {
            "verwijzing": verwijzing,
            "leerling": verwijzing.leerling,
            "signaal": verwijzing.signaal,
            "medisch": medisch,
            "heeft_medisch": medisch is not None
            or MedischeInhoud.objects.filter(mazlverwijzing=verwijzing).exists(),
            "is_jeugdarts": gebruiker.rol == Rol.JEUGDARTS,
            "mag_dossier": gebruiker.has_perm("registratie.view_leerling", verwijzing.leerling),
            "mag_casus": verwijzing.casus is not None
            and gebruiker.has_perm("regie.view_casus", verwijzing.casus),
            "formulieren": formulieren,
        },
        status=status,
    )


@require_GET
@logt_inzage
def verwijzing(request: AppRequest, pk: int) -> HttpResponse:
    gevonden = lees_verwijzing(request, pk, bron="regie:mazl_verwijzing")
    return _toon(request, gevonden)


def _verwerk(
    request: AppRequest,
    pk: int,
    *,
    naam: str,
    mag: str,
    form_class: type[Form],
    doe: Any,
    gelukt: str,
) -> HttpResponse:
    gevonden = lees_verwijzing(request, pk, bron=f"regie:mazl_{naam}", mag=mag)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            doe(gevonden, request.user, form.cleaned_data)
        except VerwijzingNietMogelijk as fout:
            form.add_error(None, str(fout))
        else:
            uitkomst(request, Inzage.Handeling.WIJZIGEN)
            messages.success(request, gelukt)
            return redirect("mazl:verwijzing", pk=gevonden.pk)
    return _toon(request, gevonden, ingevuld={naam: form}, status=400)


@require_POST
@logt_inzage
def consult(request: AppRequest, pk: int) -> HttpResponse:
    return _verwerk(
        request,
        pk,
        naam="consult",
        mag="regie.change_mazlverwijzing",
        form_class=ConsultForm,
        doe=lambda v, door, d: diensten.plan_consult(verwijzing=v, door=door, **d),
        gelukt=_("The consult has been recorded."),
    )


@require_POST
@logt_inzage
def medisch(request: AppRequest, pk: int) -> HttpResponse:
    return _verwerk(
        request,
        pk,
        naam="medisch",
        mag="regie.add_mazlmedisch",
        form_class=MedischForm,
        doe=lambda v, door, d: diensten.leg_medisch_vast_bij_verwijzing(
            verwijzing=v, door=door, **d
        ),
        gelukt=_("The medical notes have been saved."),
    )


@require_POST
@logt_inzage
def advies(request: AppRequest, pk: int) -> HttpResponse:
    return _verwerk(
        request,
        pk,
        naam="advies",
        mag="regie.change_mazlverwijzing",
        form_class=AdviesForm,
        doe=lambda v, door, d: diensten.stuur_advies(verwijzing=v, door=door, **d),
        gelukt=_("The advice has been sent to the school."),
    )


# --- the pupil page's section (registered in apps.py through registratie.dossier) -----------


def mazlsectie(request: HttpRequest, leerling: Leerling) -> Dossiersectie | None:
    """The pupil's MAZL referrals the school sees, and the button to refer (the school only)."""
    gebruiker = request.user
    if not isinstance(gebruiker, Medewerker) or gebruiker.rol != Rol.SCHOOLMEDEWERKER:
        return None
    if not gebruiker.has_perm("regie.list_mazlverwijzing"):
        return None
    return Dossiersectie(
        template_name="regie/mazl_dossier.html",
        context={
            "verwijzingen": list(verwijzingen_van(gebruiker).filter(leerling=leerling)),
            "mag_verwijzen": gebruiker.has_perm("regie.add_mazlverwijzing", leerling),
            "leerling_id": leerling.pk,
        },
    )
