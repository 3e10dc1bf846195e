# SPDX-License-Identifier: EUPL-1.2
"""Scoped reads of signals. Every queryset starts from zichtbare_signalen: the signals of the
pupils toegang lets the user see (zichtbare_leerlingen's scope), narrowed by
toegang.rules.signaal_scope, the same filter the signalering.view_signaal rule uses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.http import Http404

from binnenboord.registratie.models import Leerling, School
from binnenboord.toegang.rules import signaal_scope

from .models import URGENTIE, Signaal


def zichtbare_signalen(gebruiker: Any) -> QuerySet[Signaal]:
    return Signaal.objects.filter(signaal_scope(gebruiker))


def haal_signaal(gebruiker: Any, pk: Any) -> Signaal:
    """The signal, or 404 for "missing" and "forbidden" alike."""
    try:
        return zichtbare_signalen(gebruiker).select_related("leerling", "school").get(pk=pk)
    except (ValueError, Signaal.DoesNotExist):
        raise Http404 from None


def behandelbare_signalen(gebruiker: Any) -> QuerySet[Signaal]:
    """The signals the user may mark as seen or dismiss (signalering.handle_signaal as a
    set: the handling roles, within the visible signals)."""
    if not gebruiker.has_perm("signalering.list_signaal"):
        return Signaal.objects.none()
    return zichtbare_signalen(gebruiker)


def op_urgentie(signalen: QuerySet[Signaal]) -> QuerySet[Signaal]:
    """Most urgent kind first (models.URGENTIE), newest first within a kind."""
    return signalen.annotate(
        rang=Case(
            *(When(soort=soort, then=Value(rang)) for soort, rang in URGENTIE.items()),
            output_field=IntegerField(),
        )
    ).order_by("rang", "-datum", "-pk")


@dataclass(frozen=True)
class Inboxfilter:
    soort: str = ""
    school_id: int | None = None
    leeftijd_van: int | None = None
    leeftijd_tot: int | None = None


def _jaren_terug(dag: date, jaren: int) -> date:
    try:
        return dag.replace(year=dag.year - jaren)
    except ValueError:  # 29 February
        return dag.replace(year=dag.year - jaren, day=28)


def inbox(gebruiker: Any, filter_: Inboxfilter, *, vandaag: date) -> QuerySet[Signaal]:
    """The open signals of the user's scope, most urgent first; age is in whole years on
    `vandaag`."""
    signalen = zichtbare_signalen(gebruiker).filter(status=Signaal.Status.OPEN)
    if filter_.soort:
        signalen = signalen.filter(soort=filter_.soort)
    if filter_.school_id is not None:
        signalen = signalen.filter(school_id=filter_.school_id)
    if filter_.leeftijd_van is not None:
        # at least n years old: born on or before this day n years ago
        signalen = signalen.filter(
            leerling__geboortedatum__lte=_jaren_terug(vandaag, filter_.leeftijd_van)
        )
    if filter_.leeftijd_tot is not None:
        # at most n years old: not yet n + 1
        signalen = signalen.filter(
            leerling__geboortedatum__gt=_jaren_terug(vandaag, filter_.leeftijd_tot + 1)
        )
    return op_urgentie(signalen).select_related("leerling", "school", "gezien_door")


def scholen_in_inbox(gebruiker: Any) -> QuerySet[School]:
    """The schools the user's open signals are about, for the school filter (one query)."""
    return School.objects.filter(
        pk__in=zichtbare_signalen(gebruiker)
        .filter(status=Signaal.Status.OPEN, school__isnull=False)
        .values("school_id")
    ).order_by("naam", "pk")


def aantal_open(gebruiker: Any) -> int:
    return zichtbare_signalen(gebruiker).filter(status=Signaal.Status.OPEN).count()


def signalen_van(gebruiker: Any, leerling: Leerling) -> QuerySet[Signaal]:
    """One pupil's signals the user may see: open first, then the rest, newest first."""
    return (
        zichtbare_signalen(gebruiker)
        .filter(leerling=leerling)
        .annotate(
            gesloten=Case(
                When(Q(status=Signaal.Status.OPEN), then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .select_related("school")
        .order_by("gesloten", "-datum", "-pk")
    )
