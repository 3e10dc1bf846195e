# SPDX-License-Identifier: EUPL-1.2
"""Scoped reads of signals. Every queryset starts from zichtbare_signalen: the signals of the
pupils toegang lets the user see (zichtbare_leerlingen's scope), narrowed by
signalering.rules.signaal_scope, the same filter the signalering.view_signaal rule uses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from binnenboord.registratie.models import Leerling, School
from binnenboord.toegang.models import Medewerker, Rol
from binnenboord.toegang.rules import Gebruiker

from .models import URGENTIE, Melding, Signaal
from .rules import melding_scope, signaal_scope


def zichtbare_signalen(gebruiker: Gebruiker) -> QuerySet[Signaal]:
    return Signaal.objects.filter(signaal_scope(gebruiker))


def haal_signaal(gebruiker: Medewerker, pk: Any) -> Signaal:
    """The signal, or 404 for "missing" and "forbidden" alike."""
    try:
        return zichtbare_signalen(gebruiker).select_related("leerling", "school").get(pk=pk)
    except (ValueError, Signaal.DoesNotExist):
        raise Http404 from None


def behandelbare_signalen(gebruiker: Medewerker) -> QuerySet[Signaal]:
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


def inbox(gebruiker: Medewerker, filter_: Inboxfilter, *, vandaag: date) -> QuerySet[Signaal]:
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


def scholen_in_inbox(gebruiker: Medewerker) -> QuerySet[School]:
    """The schools the user's open signals are about, for the school filter (one query)."""
    return School.objects.filter(
        pk__in=zichtbare_signalen(gebruiker)
        .filter(status=Signaal.Status.OPEN, school__isnull=False)
        .values("school_id")
    ).order_by("naam", "pk")


def aantal_open(gebruiker: Medewerker) -> tuple[int, int]:
    """How many signals in the user's inbox are open, and how many of those nobody has seen
    yet (one query)."""
    aantallen = (
        zichtbare_signalen(gebruiker)
        .filter(status=Signaal.Status.OPEN)
        .aggregate(open=Count("pk"), nieuw=Count("pk", filter=Q(gezien_op__isnull=True)))
    )
    return aantallen["open"], aantallen["nieuw"]


def signalen_van(gebruiker: Gebruiker, leerling: Leerling) -> QuerySet[Signaal]:
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


# The status as the inbox filters it: draft, sent (not yet taken up), or art. 14 m.
STANDEN = [
    ("concept", _("draft")),
    ("verzonden", _("sent")),
    *Melding.Status.choices,
]
STAND_FILTER = {
    "concept": Q(verzonden_op__isnull=True),
    "verzonden": Q(verzonden_op__isnull=False, status=""),
    **{waarde: Q(status=waarde) for waarde in Melding.Status.values},
}
OPEN_MELDING = Q(status__in=["", Melding.Status.IN_BEHANDELING])


def zichtbare_meldingen(gebruiker: Gebruiker) -> QuerySet[Melding]:
    return Melding.objects.filter(melding_scope(gebruiker))


def haal_melding(gebruiker: Medewerker, pk: Any) -> Melding:
    """The melding, or 404 for "missing" and "forbidden" alike."""
    try:
        return (
            zichtbare_meldingen(gebruiker)
            .select_related(
                "leerling",
                "school",
                "gemeente",
                "samenwerkingsverband",
                "signaal",
                "aangemaakt_door",
                "verzonden_door",
                "behandelaar",
                "swv_behandelaar",
            )
            .get(pk=pk)
        )
    except (ValueError, Melding.DoesNotExist):
        raise Http404 from None


@dataclass(frozen=True)
class Meldingfilter:
    stand: str = ""
    soort: str = ""
    school_id: int | None = None


def meldingen_inbox(gebruiker: Medewerker, filter_: Meldingfilter) -> QuerySet[Melding]:
    """The meldingen of the user's scope, newest first (sent, or made for a draft)."""
    meldingen = zichtbare_meldingen(gebruiker)
    if filter_.stand:
        meldingen = meldingen.filter(STAND_FILTER[filter_.stand])
    if filter_.soort:
        meldingen = meldingen.filter(soort=filter_.soort)
    if filter_.school_id is not None:
        meldingen = meldingen.filter(school_id=filter_.school_id)
    return meldingen.select_related(
        "leerling", "school", "behandelaar", "swv_behandelaar", "verzonden_door"
    ).order_by(Coalesce("verzonden_op", "aangemaakt_op").desc(), F("pk").desc())


def scholen_in_meldingen(gebruiker: Medewerker) -> QuerySet[School]:
    return School.objects.filter(
        pk__in=zichtbare_meldingen(gebruiker).values("school_id")
    ).order_by("naam", "pk")


def aantal_open_meldingen(gebruiker: Medewerker) -> int:
    """Meldingen in the user's scope that are not closed or accepted for information (drafts
    included for the school)."""
    return zichtbare_meldingen(gebruiker).filter(OPEN_MELDING).count()


def meldingen_van(gebruiker: Gebruiker, leerling: Leerling) -> QuerySet[Melding]:
    return (
        zichtbare_meldingen(gebruiker)
        .filter(leerling=leerling)
        .select_related("school", "behandelaar")
        .order_by("-aangemaakt_op", "-pk")
    )


def collegas(gebruiker: Medewerker, rol: str) -> QuerySet[Medewerker]:
    """Active staff of the user's organisation with `rol`: who may be assigned a melding. Never
    the technical account of an API token (a system, not a person)."""
    # the id, not the object: no query for the user's organisation
    organisatie_id: Any = gebruiker.organisatie_id
    return Medewerker.objects.filter(
        organisatie_id=organisatie_id, rol=rol, is_active=True, api_token__isnull=True
    ).order_by("last_name", "first_name", "pk")


def leerplicht_behandelaars(gebruiker: Medewerker) -> QuerySet[Medewerker]:
    return collegas(gebruiker, Rol.LEERPLICHTAMBTENAAR)


def swv_behandelaars(gebruiker: Medewerker) -> QuerySet[Medewerker]:
    return collegas(gebruiker, Rol.SWV_CONSULENT)
