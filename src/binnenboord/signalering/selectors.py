# SPDX-License-Identifier: EUPL-1.2
"""Scoped reads of signals. Every queryset starts from zichtbare_signalen: the signals of the
pupils toegang lets the user see (zichtbare_leerlingen's scope), narrowed by
signalering.rules.signaal_scope, the same filter the signalering.view_signaal rule uses."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.apps import apps
from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateField,
    Exists,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from binnenboord.registratie.models import Leerling, School
from binnenboord.toegang.models import TECHNISCH_ACCOUNT, Medewerker, Rol
from binnenboord.toegang.rules import (
    Gebruiker,
    actieve_medewerker,
    is_leerplichtambtenaar,
    is_schoolmedewerker,
    leerling_scope,
    scope,
)

from .models import URGENTIE, Melding, Signaal, Soort
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
    # one row per ongoing episode of repeated 16-hour signals: the newest stands for the others
    signalen = signalen.filter(~Q(soort=Soort.VERZUIM_16_UUR) | Q(~_opvolger(gebruiker)))
    return op_urgentie(signalen).select_related("leerling", "school", "gezien_door")


# --- repeated 16-hour signals: one ongoing episode ---------------------------------------------
#
# The engine stores every time a pupil reaches 16 hours of unauthorised absence in 4 lesweken
# as a signal of its own (verzuim_16_uur, LPW art. 21a: each is a report date the law counts),
# and after a signal starts a new window in the following lesweek. A pupil who keeps staying
# away reaches 16 hours again and again; the inbox shows those as one row, with every date.
#
# One ongoing episode: the 16-hour signals of one pupil at one school, taken in order, where
# each next window starts (its first day with absence, `van`) at most EPISODE_AANSLUITEND
# after the day the previous one reached 16 hours (`tot`). Four weeks is the law's own
# window: whoever stayed away without reason again within four weeks did not get back to
# school in between; a longer stretch without unauthorised absence ends the episode, and so
# does another school (each school has its own report duty). Calendar weeks, not lesweken:
# the inbox does not know each school's holidays, and a holiday in between only makes the
# stretch that ends an episode longer than four lesweken, never shorter. Nothing is merged in
# the database: each signal, with its report date, stays stored and is handled on its own.
EPISODE_AANSLUITEND = timedelta(days=28)


def _opvolger(gebruiker: Gebruiker) -> Exists:
    """Whether an open, visible 16-hour signal continues the outer one (same pupil and school,
    a later episode start, its window starting within EPISODE_AANSLUITEND of the outer one
    reaching 16 hours). Only the last of an episode has none: it is the inbox's row."""
    return Exists(
        zichtbare_signalen(gebruiker).filter(
            leerling_id=OuterRef("leerling_id"),
            school_id=OuterRef("school_id"),
            soort=Soort.VERZUIM_16_UUR,
            status=Signaal.Status.OPEN,
            begindatum__gt=OuterRef("begindatum"),
            van__lte=ExpressionWrapper(
                OuterRef("tot") + EPISODE_AANSLUITEND, output_field=DateField()
            ),
        )
    )


def _episodes(signalen: Iterable[Signaal]) -> list[list[Signaal]]:
    """The 16-hour signals grouped into ongoing episodes (see EPISODE_AANSLUITEND), each in
    order of its start."""
    per_sleutel: dict[tuple[int, int | None], list[Signaal]] = {}
    for signaal in sorted(signalen, key=lambda s: (s.begindatum, s.pk)):
        per_sleutel.setdefault((signaal.leerling_id, signaal.school_id), []).append(signaal)
    episodes: list[list[Signaal]] = []
    for reeks in per_sleutel.values():
        huidige: list[Signaal] = []
        for signaal in reeks:
            if huidige and signaal.van > huidige[-1].tot + EPISODE_AANSLUITEND:
                episodes.append(huidige)
                huidige = []
            huidige.append(signaal)
        episodes.append(huidige)
    return episodes


def _open_16_uur(gebruiker: Gebruiker, leerling_ids: Iterable[int]) -> QuerySet[Signaal]:
    return zichtbare_signalen(gebruiker).filter(
        leerling_id__in=set(leerling_ids),
        soort=Soort.VERZUIM_16_UUR,
        status=Signaal.Status.OPEN,
    )


def met_herhalingen(gebruiker: Gebruiker, signalen: Iterable[Signaal]) -> None:
    """Give each inbox row `herhalingen`: for a 16-hour signal the dates on which its ongoing
    episode reached 16 hours, oldest first (the open signals of the episode the user sees;
    the row itself is the last); empty for a single signal and every other kind. One query for
    the whole page."""
    rijen = list(signalen)
    for rij in rijen:
        rij.herhalingen = []  # type: ignore[attr-defined]
    zestien = {s.pk: s for s in rijen if s.soort == Soort.VERZUIM_16_UUR}
    if not zestien:
        return
    leerlingen = {s.leerling_id for s in zestien.values()}
    for episode in _episodes(_open_16_uur(gebruiker, leerlingen).only(*EPISODEVELDEN)):
        laatste = zestien.get(episode[-1].pk)
        if laatste is not None and len(episode) > 1:
            laatste.herhalingen = [s.datum for s in episode]  # type: ignore[attr-defined]


EPISODEVELDEN = ("pk", "leerling_id", "school_id", "begindatum", "van", "tot", "datum", "status")


def met_episode(gebruiker: Gebruiker, signalen: Iterable[Signaal]) -> list[int]:
    """The ids of `signalen` with those of the other open signals of their ongoing 16-hour
    episodes: what marking an inbox row as seen marks (one query)."""
    signalen = list(signalen)
    gekozen = {s.pk for s in signalen}
    zestien = [s for s in signalen if s.soort == Soort.VERZUIM_16_UUR]
    if not zestien:
        return sorted(gekozen)
    kandidaten = _open_16_uur(gebruiker, {s.leerling_id for s in zestien}).only(*EPISODEVELDEN)
    for episode in _episodes(kandidaten):
        if any(s.pk in gekozen for s in episode):
            gekozen.update(s.pk for s in episode)
    return sorted(gekozen)


def episode_van(gebruiker: Gebruiker, signaal: Signaal) -> list[Signaal]:
    """Every stored 16-hour signal the user sees of the ongoing episode `signaal` belongs to,
    oldest first, whatever its status (the signal page); just the signal itself for another
    kind or a single one."""
    if signaal.soort != Soort.VERZUIM_16_UUR or signaal.school_id is None:
        return [signaal]
    alle = zichtbare_signalen(gebruiker).filter(
        leerling_id=signaal.leerling_id, school_id=signaal.school_id, soort=Soort.VERZUIM_16_UUR
    )
    for episode in _episodes(alle):
        if any(s.pk == signaal.pk for s in episode):
            return episode
    return [signaal]


# --- the pupil's open case ---------------------------------------------------------------------


@dataclass(frozen=True)
class OpenCasus:
    """The open case of a signal's pupil as the user may know it: `pk` only when the user may
    see the case (regie.view_casus: the link), otherwise None (the words without a link)."""

    pk: int | None


def open_casussen(gebruiker: Gebruiker, leerling_ids: Iterable[int]) -> dict[int, OpenCasus]:
    """Per pupil (of `leerling_ids`) with an open case, what the user may know of it, in one
    query. signalering is below regie: it asks for the cases by name and through the scope
    regie registered (toegang.rules.scope), never by import.

    Who learns what: whoever sees the case gets the link. School and Leerplicht who see the
    pupil (as they do the pupil of every signal they see) and so may open a case for it,
    learn that there is one (the page to open a case tells them anyway, since a second cannot
    be opened): the words without a link, e.g. Leerplicht of the municipality a pupil moved
    to before the case was handed over. Every other role (a youth doctor who sees a sickness
    signal) learns nothing of a case it does not see."""
    ids = set(leerling_ids)
    if not ids or actieve_medewerker(gebruiker) is None:
        return {}
    weet_ervan = bool((is_leerplichtambtenaar | is_schoolmedewerker).test(gebruiker))
    casus = apps.get_model("regie", "Casus")
    rijen = (
        casus.objects.filter(leerling_id__in=ids, status="open")
        .annotate(
            zichtbaar=_als(scope("regie.casus", gebruiker)),
            leerling_zichtbaar=_als(leerling_scope(gebruiker, via="leerling")),
        )
        .values_list("leerling_id", "pk", "zichtbaar", "leerling_zichtbaar")
    )
    uitkomst: dict[int, OpenCasus] = {}
    for leerling_id, pk, zichtbaar, leerling_zichtbaar in rijen:
        if zichtbaar:
            uitkomst[leerling_id] = OpenCasus(pk)
        elif weet_ervan and leerling_zichtbaar:
            uitkomst[leerling_id] = OpenCasus(None)
    return uitkomst


def _als(voorwaarde: Q) -> Case:
    return Case(
        When(voorwaarde, then=Value(True)), default=Value(False), output_field=BooleanField()
    )


def mag_koppelen(gebruiker: Medewerker, open_casus: OpenCasus | None) -> bool:
    """Whether the user may attach a signal to the pupil's open case (regie.attach_signaal on
    the case, asked by name; the signal side, signalering.handle_signaal, is the caller's)."""
    if open_casus is None or open_casus.pk is None:
        return False
    casus = apps.get_model("regie", "Casus").objects.get(pk=open_casus.pk)
    return bool(gebruiker.has_perm("regie.attach_signaal", casus))


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
    return (
        Medewerker.objects.filter(organisatie_id=organisatie_id, rol=rol, is_active=True)
        .exclude(TECHNISCH_ACCOUNT)
        .order_by("last_name", "first_name", "pk")
    )


def leerplicht_behandelaars(gebruiker: Medewerker) -> QuerySet[Medewerker]:
    return collegas(gebruiker, Rol.LEERPLICHTAMBTENAAR)


def swv_behandelaars(gebruiker: Medewerker) -> QuerySet[Medewerker]:
    return collegas(gebruiker, Rol.SWV_CONSULENT)
