# SPDX-License-Identifier: EUPL-1.2
"""The signal inbox, one signal with its history, marking seen and dismissing. Every screen
reads through the scoped selectors and writes the access log."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from binnenboord.toegang.http import AppRequest
from binnenboord.toegang.models import Medewerker
from binnenboord.toegang.rules import is_schoolmedewerker
from binnenboord.verantwoording.inzage import log_gelezen, log_lijst, logt_inzage, uitkomst
from binnenboord.verantwoording.models import Inzage

from ..filters import Signaalfilters
from ..forms.signaal import AfwijzenForm, GezienForm
from ..lezen import lees_signaal
from ..models import Signaal, Soort
from ..selectors import (
    behandelbare_signalen,
    episode_van,
    mag_koppelen,
    met_episode,
    met_herhalingen,
    open_casussen,
)
from ..services.signaal import SignaalNietOpen, markeer_gezien, wijs_af

PER_PAGINA = 25


@permission_required("signalering.list_signaal", raise_exception=True)
@logt_inzage
def signalen(request: AppRequest) -> HttpResponse:
    vandaag = timezone.localdate()
    # the inbox of the user's scope, then the search, filters and sort (signalering.filters)
    filters = Signaalfilters(request.GET, gebruiker=request.user, vandaag=vandaag)
    pagina = Paginator(filters.qs, PER_PAGINA).get_page(request.GET.get("pagina"))
    log_lijst(request, [s.leerling for s in pagina.object_list], bron="signalering:signalen")
    # per row: the dates of its ongoing 16-hour episode and the pupil's open case (one query
    # each for the whole page)
    met_herhalingen(request.user, pagina.object_list)
    casussen = open_casussen(request.user, {s.leerling_id for s in pagina.object_list})
    for rij in pagina.object_list:
        rij.open_casus = casussen.get(rij.leerling_id)
    context = {
        "pagina": pagina,
        "filters": filters,
        "sortering": filters.sortering,
        "vandaag": vandaag,
        # the school may report every pupil of its inbox (the view checks each again)
        "kan_melden": is_schoolmedewerker.test(request.user),
        # a youth doctor sees the kernteam's sickness signals, not the pupil file
        "mag_leerlingen_zien": request.user.has_perm("registratie.list_leerling"),
    }
    return render(request, "signalering/signalen.html", context)


def _terug(request: AppRequest) -> str:
    """Back to the inbox as the user left it (its filters, sort and page): the form's `terug`
    is taken only when it is a relative path on this site to the inbox itself; of it only
    the path and the query string are kept. Anything else (another site, another page, a
    scheme, a backslash trick) goes back to the plain inbox."""
    lijst = reverse("signalering:signalen")
    terug = request.POST.get("terug", "")
    if not terug or not url_has_allowed_host_and_scheme(terug, allowed_hosts=None):
        return lijst
    delen = urlsplit(terug)
    if delen.scheme or delen.netloc or delen.path != lijst:
        return lijst
    return f"{lijst}?{delen.query}" if delen.query else lijst


@require_POST
@permission_required("signalering.list_signaal", raise_exception=True)
@logt_inzage
def gezien(request: AppRequest) -> HttpResponse:
    # Ids outside the user's scope are not valid choices: the form rejects them unseen.
    form = GezienForm(request.POST, signalen=behandelbare_signalen(request.user))
    if not form.is_valid():
        messages.error(request, _("Select at least one signal you may handle."))
        return redirect(_terug(request))
    gekozen = list(form.cleaned_data["signalen"])
    # a row of repeated 16-hour signals stands for its whole episode: all of it is seen
    aantal = markeer_gezien(
        signalen=behandelbare_signalen(request.user).filter(
            pk__in=met_episode(request.user, gekozen)
        ),
        door=request.user,
    )
    log_gelezen(
        request,
        [s.leerling for s in gekozen],
        bron="signalering:gezien",
        handeling=Inzage.Handeling.WIJZIGEN,
    )
    messages.success(
        request,
        ngettext("%(aantal)d signal marked as seen.", "%(aantal)d signals marked as seen.", aantal)
        % {"aantal": aantal},
    )
    return redirect(_terug(request))


@logt_inzage
def signaal(request: AppRequest, pk: int) -> HttpResponse:
    gevonden = lees_signaal(request, pk, bron="signalering:signaal")
    return _toon(request, gevonden, AfwijzenForm())


def _toon(
    request: AppRequest, gevonden: Signaal, form: AfwijzenForm, *, status: int = 200
) -> HttpResponse:
    open_ = gevonden.status == Signaal.Status.OPEN
    mag_afhandelen = open_ and request.user.has_perm("signalering.handle_signaal", gevonden)
    open_casus = open_casussen(request.user, [gevonden.leerling_id]).get(gevonden.leerling_id)
    episode = episode_van(request.user, gevonden)
    context = {
        "signaal": gevonden,
        "mag_leerling_zien": request.user.has_perm("registratie.view_leerling", gevonden.leerling),
        "gebeurtenissen": gevonden.gebeurtenissen.select_related("wie"),
        "form": form,
        "mag_afhandelen": mag_afhandelen,
        **mag_melden(request.user, gevonden),
        # a case (regie) can be opened from an open signal the user may handle, unless the
        # pupil has one already: then the signal is attached to it
        "mag_casus": mag_afhandelen
        and open_casus is None
        and request.user.has_perm("regie.add_casus", gevonden.leerling),
        "open_casus": open_casus,
        "mag_koppelen": mag_afhandelen and mag_koppelen(request.user, open_casus),
        "episode": episode if len(episode) > 1 else [],
    }
    return render(request, "signalering/signaal.html", context, status=status)


@require_POST
@logt_inzage
def afwijzen(request: AppRequest, pk: int) -> HttpResponse:
    gevonden = lees_signaal(
        request, pk, bron="signalering:afwijzen", mag="signalering.handle_signaal"
    )
    form = AfwijzenForm(request.POST)
    if not form.is_valid():
        return _toon(request, gevonden, form, status=400)
    try:
        wijs_af(signaal=gevonden, door=request.user, reden=form.cleaned_data["reden"])
    except SignaalNietOpen:
        messages.error(request, _("This signal is no longer open."))
        return redirect("signalering:signaal", pk=gevonden.pk)
    uitkomst(request, Inzage.Handeling.WIJZIGEN, reden=form.cleaned_data["reden"])
    messages.success(request, _("The signal has been dismissed."))
    return redirect("signalering:signalen")


def mag_melden(gebruiker: Medewerker, gevonden: Signaal) -> dict[str, bool]:
    """Which reports the user may make from this signal: an open signal the user may handle,
    about a pupil the user may report (the school); an absence report only from 16 hours."""
    kan = (
        gevonden.status == Signaal.Status.OPEN
        and gebruiker.has_perm("signalering.handle_signaal", gevonden)
        and gebruiker.has_perm("signalering.add_melding", gevonden.leerling)
    )
    return {
        "mag_verzuimmelding": kan and gevonden.soort == Soort.VERZUIM_16_UUR,
        "mag_thuiszittermelding": kan,
    }
