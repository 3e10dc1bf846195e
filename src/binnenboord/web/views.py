# SPDX-License-Identifier: EUPL-1.2
"""The start page per role ("Vandaag"): one line per case with its most urgent item (a model
step, a plan action, an escalation to the user's body), the others counted and the werkdagen
late; filters (mine, my organisation, escalations, this week's meetings); the meldingen, held
writes and MAZL referrals that wait for the user as items; the meetings of this week with their
agenda; what the parents and the pupil sent from the portal to the cases the user directs. A
fixed number of queries however many cases."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import permission_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from binnenboord.regie.selectors.casus import overdrachten_werklijst
from binnenboord.regie.selectors.overleg import zichtbare_agendapunten
from binnenboord.regie.selectors.werklijst import (
    Filter,
    lopende_escalaties,
    nazorg_casussen,
    open_mazlverwijzingen,
    overleggen_van_de_week,
    te_bevestigen,
    van_het_gezin,
    wachtende_meldingen,
    werklijst_casussen,
)
from binnenboord.regie.services.werklijst import MijnCasus, werklijst
from binnenboord.registratie.bevestigen import aantal_te_bevestigen
from binnenboord.registratie.selectors import zichtbare_leerlingen
from binnenboord.signalering.selectors import (
    aantal_open,
    aantal_open_meldingen,
)
from binnenboord.toegang.http import AppRequest
from binnenboord.toegang.models import Medewerker
from binnenboord.verantwoording.inzage import log_lijst, logt_inzage

from .forms import VandaagfilterForm

# More cases than this are for the Casussen list, not the start page: the lines shown, after
# sorting by urgency, and the cases weighed for that sorting (the longest running first).
MAX_CASUSSEN = 50
MAX_GEWOGEN = 500
# Meldingen, held writes and referrals listed as items; beyond this a link to their page.
MAX_ITEMS = 10


@permission_required("web.view_vandaag", raise_exception=True)
@logt_inzage
def vandaag(request: AppRequest) -> HttpResponse:
    gebruiker = request.user
    dag = timezone.localdate()
    filterform = VandaagfilterForm(request.GET or None)
    toon = filterform.keuze()
    if not filterform.is_bound or not filterform.is_valid():
        filterform = VandaagfilterForm(initial={"toon": toon})
    # A count is no read of a child's file: it names nobody, so it is not access-logged.
    context: dict[str, Any] = {
        "vandaag": dag,
        "filterform": filterform,
        "toon": toon,
        "aantal_leerlingen": None,
        "aantal_signalen": None,
        "aantal_nieuwe_signalen": None,
        "aantal_meldingen": None,
        "mijn_casussen": None,
        "overleggen": None,
        "meldingen": None,
        "mazlverwijzingen": None,
        "van_het_gezin": None,
    }
    genoemd: dict[int, Any] = {}
    if gebruiker.has_perm("registratie.list_leerling"):
        context["aantal_leerlingen"] = zichtbare_leerlingen(gebruiker).count()
    if gebruiker.has_perm("signalering.list_signaal"):
        context["aantal_signalen"], context["aantal_nieuwe_signalen"] = aantal_open(gebruiker)
    if gebruiker.has_perm("signalering.list_melding"):
        context["aantal_meldingen"] = aantal_open_meldingen(gebruiker)
        meldingen = list(wachtende_meldingen(gebruiker)[: MAX_ITEMS + 1])
        context["meldingen"] = meldingen[:MAX_ITEMS]
        context["meer_meldingen"] = len(meldingen) > MAX_ITEMS
        genoemd.update({m.leerling_id: m.leerling for m in context["meldingen"]})
    context["aantal_te_bevestigen"] = aantal_te_bevestigen(gebruiker)
    if context["aantal_te_bevestigen"]:
        verhuizingen, inschrijvingen = te_bevestigen(gebruiker)
        context["verhuizingen"] = list(verhuizingen[:MAX_ITEMS])
        context["inschrijvingen"] = list(inschrijvingen[:MAX_ITEMS])
        genoemd.update({v.leerling_id: v.leerling for v in context["verhuizingen"]})
        genoemd.update({i.leerling_id: i.leerling for i in context["inschrijvingen"]})
    verwijzingen = list(open_mazlverwijzingen(gebruiker)[: MAX_ITEMS + 1])
    if verwijzingen:
        context["mazlverwijzingen"] = verwijzingen[:MAX_ITEMS]
        context["meer_mazlverwijzingen"] = len(verwijzingen) > MAX_ITEMS
        genoemd.update({v.leerling_id: v.leerling for v in verwijzingen[:MAX_ITEMS]})
    if gebruiker.has_perm("regie.list_casus"):
        mijn = _mijn_casussen(gebruiker, toon, dag)
        context["mijn_casussen"] = mijn[:MAX_CASUSSEN]
        context["casussen_meer"] = max(len(mijn) - MAX_CASUSSEN, 0)
        context["aantal_te_laat"] = sum(m.te_laat for m in mijn)
        genoemd.update({m.casus.leerling_id: m.casus.leerling for m in context["mijn_casussen"]})
        versturen, ontvangen = overdrachten_werklijst(gebruiker)
        context["overdrachten_te_versturen"] = versturen
        context["overdrachten_te_ontvangen"] = ontvangen
        genoemd.update({o.casus.leerling_id: o.casus.leerling for o in versturen + ontvangen})
        # messages, correction requests and new input of the family, for their regisseur
        gezin = van_het_gezin(gebruiker, dag)
        context["van_het_gezin"] = gezin
        genoemd.update({r.casus.leerling_id: r.casus.leerling for r in gezin})
        overleggen = _overleggen_deze_week(gebruiker, dag)
        context["overleggen"] = overleggen
        for overleg in overleggen:
            genoemd.update({p.casus.leerling_id: p.casus.leerling for p in overleg.punten})
    if genoemd:
        # the work list names pupils: a read of their data
        log_lijst(request, genoemd.values(), bron="web:vandaag")
    return render(request, "web/vandaag.html", context)


def _mijn_casussen(gebruiker: Medewerker, toon: str, dag: date) -> list[MijnCasus]:
    """The open cases of the chosen filter, one line each, the most urgent first; under
    "mine" also the closed cases whose aftercare step is due."""
    casussen = list(werklijst_casussen(gebruiker, toon, dag).order_by("start", "pk")[:MAX_GEWOGEN])
    escalaties = lopende_escalaties(gebruiker).filter(casus__in=[c.pk for c in casussen])
    # "mine" also holds the closed cases the user directed whose aftercare is due
    nazorg = nazorg_casussen(gebruiker, dag).order_by("passend_aanbod_op", "pk")[:MAX_GEWOGEN]
    return werklijst(
        casussen,
        dag,
        gebruiker=gebruiker,
        escalaties=escalaties,
        nazorg=nazorg if toon == Filter.MIJN else (),
    )


def _overleggen_deze_week(gebruiker: Medewerker, dag: date) -> list[Any]:
    """The meetings of this week (Monday to Sunday) the user may see, each with `punten`: its
    agenda items of cases the user may see, or sees as chair or member of a meeting with a
    published agenda (regie.selectors.overleg.zichtbare_agendapunten)."""
    punten = (
        zichtbare_agendapunten(gebruiker)
        .select_related("casus", "casus__leerling")
        .order_by("volgorde", "pk")
    )
    return list(
        overleggen_van_de_week(gebruiker, dag)
        .prefetch_related(Prefetch("agendapunten", queryset=punten, to_attr="punten"))
        .order_by("datum", "aanvang", "pk")
    )


def geblokkeerd(
    request: HttpRequest, original_response: HttpResponse | None, credentials: object
) -> HttpResponse:
    """django-axes' lock-out page (AXES_LOCKOUT_CALLABLE): in Dutch, with the waiting time."""
    wachttijd = settings.AXES_COOLOFF_TIME
    return render(
        request,
        "web/geblokkeerd.html",
        {"wachttijd_minuten": max(1, int(wachttijd.total_seconds() // 60))},
        status=429,
    )
