# SPDX-License-Identifier: EUPL-1.2
"""The start page per role ("Vandaag"): the user's own cases with the model steps and plan
actions due or overdue, new signals and open meldingen, and the meetings of this week with
their agenda. A fixed number of queries however many cases."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import permission_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from binnenboord.regie.rules import overleg_scope
from binnenboord.regie.selectors.casus import betrokken, overdrachten_werklijst, zichtbare_casussen
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

# More of one's own cases than this are for the Casussen list, not the start page.
MAX_CASUSSEN = 50


@permission_required("web.view_vandaag", raise_exception=True)
@logt_inzage
def vandaag(request: AppRequest) -> HttpResponse:
    gebruiker = request.user
    dag = timezone.localdate()
    # A count is no read of a child's file: it names nobody, so it is not access-logged.
    context: dict[str, Any] = {
        "vandaag": dag,
        "aantal_leerlingen": None,
        "aantal_signalen": None,
        "aantal_nieuwe_signalen": None,
        "aantal_meldingen": None,
        "mijn_casussen": None,
        "overleggen": None,
    }
    if gebruiker.has_perm("registratie.list_leerling"):
        context["aantal_leerlingen"] = zichtbare_leerlingen(gebruiker).count()
    if gebruiker.has_perm("signalering.list_signaal"):
        context["aantal_signalen"], context["aantal_nieuwe_signalen"] = aantal_open(gebruiker)
    if gebruiker.has_perm("signalering.list_melding"):
        context["aantal_meldingen"] = aantal_open_meldingen(gebruiker)
    context["aantal_te_bevestigen"] = aantal_te_bevestigen(gebruiker)
    genoemd: dict[int, Any] = {}
    if gebruiker.has_perm("regie.list_casus"):
        mijn = _mijn_casussen(gebruiker, dag)
        context["mijn_casussen"] = mijn
        context["aantal_te_laat"] = sum(m.te_laat for m in mijn)
        genoemd.update({m.casus.leerling_id: m.casus.leerling for m in mijn})
        versturen, ontvangen = overdrachten_werklijst(gebruiker)
        context["overdrachten_te_versturen"] = versturen
        context["overdrachten_te_ontvangen"] = ontvangen
        genoemd.update({o.casus.leerling_id: o.casus.leerling for o in versturen + ontvangen})
        overleggen = _overleggen_deze_week(gebruiker, dag)
        if overleggen is not None:
            context["overleggen"] = overleggen
            for overleg in overleggen:
                genoemd.update({p.casus.leerling_id: p.casus.leerling for p in overleg.punten})
    if genoemd:
        # the work list names pupils: a read of their data
        log_lijst(request, genoemd.values(), bron="web:vandaag")
    return render(request, "web/vandaag.html", context)


def _mijn_casussen(gebruiker: Medewerker, dag: date) -> list[MijnCasus]:
    """The open cases the user directs or takes part in, with what is due or overdue."""
    casussen = (
        zichtbare_casussen(gebruiker)
        .filter(betrokken(gebruiker), status="open")
        .select_related("leerling", "regisseur", "signaal")
        .order_by("start", "pk")[:MAX_CASUSSEN]
    )
    return werklijst(casussen, dag)


def _overleggen_deze_week(gebruiker: Medewerker, dag: date) -> list[Any] | None:
    """The meetings of this week (Monday to Sunday) the user may see, each with `punten`: its
    agenda items of cases the user may see. None while meetings do not exist (yet)."""
    try:
        from binnenboord.regie.models import Agendapunt, Overleg
    except ImportError:
        return None
    maandag = dag - timedelta(days=dag.weekday())
    punten = (
        Agendapunt.objects.filter(casus__in=zichtbare_casussen(gebruiker).values("pk"))
        .select_related("casus", "casus__leerling")
        .order_by("volgorde", "pk")
    )
    return list(
        Overleg.objects.filter(
            overleg_scope(gebruiker), datum__range=(maandag, maandag + timedelta(6))
        )
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
