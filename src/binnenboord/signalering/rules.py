# SPDX-License-Identifier: EUPL-1.2
"""Who may see and do what with signalering's objects: signals (the inbox of school and
Leerplicht) and meldingen (reports to Leerplicht and the SWV). The scoped reads that use these
scopes are signalering.selectors'."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import DateTimeField, Exists, ExpressionWrapper, OuterRef, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

import rules

from binnenboord.registratie.models import Inschrijving
from binnenboord.registratie.rules import in_eigen_periode, leerling_zichtbaar, per_schooldag
from binnenboord.toegang.models import Medewerker, Rol
from binnenboord.toegang.rules import (
    NIETS,
    Gebruiker,
    actieve_medewerker,
    add_scope,
    is_leerplichtambtenaar,
    is_schoolmedewerker,
    is_swv_consulent,
    leerling_scope,
)

from .models import Melding, Signaal, Soort


def signaal_scope(user: Gebruiker, *, peildatum: date | None = None) -> Q:
    """The signals `user` may see, as a filter on Signaal: the signals of the pupils in
    leerling_scope; a school only the signals about its own school raised on a day inside one
    of its own enrolment periods (a pupil who changed schools keeps the old school's signals out
    of the new school's inbox, and access follows time), Leerplicht every signal of its pupils.
    The youth doctor of a school's kernteam: that school's worrying sickness absence signals
    (MAZL), as the school sees them (jeugdarts_signalen). Other roles: none (their access comes
    with cases)."""
    medewerker = actieve_medewerker(user)
    if medewerker is not None and medewerker.rol == Rol.JEUGDARTS:
        return jeugdarts_signalen(medewerker, peildatum=peildatum)
    return per_schooldag(user, peildatum=peildatum)


def jeugdarts_signalen(medewerker: Medewerker, *, peildatum: date | None = None) -> Q:
    """The `zorgwekkend_ziekteverzuim` signals of pupils currently enrolled at a school whose
    kernteam has `medewerker` as youth doctor, raised at that school on a day inside that
    enrolment: one Exists on the enrolments, no other kind of signal."""
    dag = peildatum or timezone.localdate()
    ingeschreven = Inschrijving.objects.filter(
        Q(einddatum__isnull=True) | Q(einddatum__gte=dag),
        leerling=OuterRef("leerling_id"),
        school=OuterRef("school_id"),
        school__organisatie__kernteam__jeugdarts=medewerker,
        begindatum__lte=dag,
    ).filter(begindatum__lte=OuterRef("datum"))
    return Q(soort=Soort.ZORGWEKKEND_ZIEKTEVERZUIM) & Q(Exists(ingeschreven))


@rules.predicate
def signaal_zichtbaar(user: Gebruiker, signaal: Signaal | None) -> bool:
    if signaal is None:
        return False
    return bool(Signaal.objects.filter(signaal_scope(user), pk=signaal.pk).exists())


def _datum_van(moment: Any) -> Any:
    """The local date of a moment on the outer row (an OuterRef has no type of its own)."""
    return TruncDate(ExpressionWrapper(moment, output_field=DateTimeField()))


def melding_scope(user: Gebruiker, *, peildatum: date | None = None) -> Q:
    """The meldingen `user` may see, as a filter on Melding. A school: its own meldingen
    (drafts included) of pupils in its leerling_scope, made on a day inside one of its own
    enrolment periods, as with signals. Leerplicht: the sent meldingen of pupils living in its
    municipalities. The SWV consultant: the sent stay-at-home meldingen addressed to its own
    samenwerkingsverband, never an absence report. Every other role: none."""
    medewerker = actieve_medewerker(user)
    if medewerker is None:
        return NIETS
    verzonden = Q(verzonden_op__isnull=False)
    if medewerker.rol == Rol.SWV_CONSULENT:
        return (
            verzonden
            & Q(samenwerkingsverband=medewerker.organisatie)
            & ~Q(soort=Melding.Soort.VERZUIMMELDING)
        )
    if medewerker.rol not in (Rol.SCHOOLMEDEWERKER, Rol.LEERPLICHTAMBTENAAR):
        return NIETS
    zichtbaar = leerling_scope(user, peildatum=peildatum, via="leerling")
    if medewerker.rol == Rol.SCHOOLMEDEWERKER:
        return (
            zichtbaar
            & Q(school__organisatie=medewerker.organisatie)
            & in_eigen_periode(medewerker, dag=_datum_van(OuterRef("aangemaakt_op")))
        )
    return zichtbaar & verzonden


@rules.predicate
def melding_zichtbaar(user: Gebruiker, melding: Melding | None) -> bool:
    if melding is None:
        return False
    return bool(Melding.objects.filter(melding_scope(user), pk=melding.pk).exists())


@rules.predicate
def melding_is_concept(user: Gebruiker, melding: Melding | None) -> bool:
    return melding is not None and melding.verzonden_op is None


@rules.predicate
def melding_is_thuiszitter(user: Gebruiker, melding: Melding | None) -> bool:
    return melding is not None and melding.soort != Melding.Soort.VERZUIMMELDING


@rules.predicate
def melding_is_verzuimmelding(user: Gebruiker, melding: Melding | None) -> bool:
    return melding is not None and melding.soort == Melding.Soort.VERZUIMMELDING


add_scope("signalering.signaal", signaal_scope)
add_scope("signalering.melding", melding_scope)

# Signals: the inbox for school and Leerplicht; each signal within signaal_scope. Marking seen
# and dismissing (with a reason) by the same roles, for the signals they see.
rules.add_perm("signalering.list_signaal", is_leerplichtambtenaar | is_schoolmedewerker)
rules.add_perm("signalering.view_signaal", signaal_zichtbaar)
rules.add_perm(
    "signalering.handle_signaal",
    (is_leerplichtambtenaar | is_schoolmedewerker) & signaal_zichtbaar,
)
# Meldingen (reports): the inbox for school, Leerplicht and the SWV; each melding within
# melding_scope. The school makes (for a pupil it sees), changes and sends its drafts;
# Leerplicht handles art. 14 l-p; the SWV consultant handles its part of a stay-at-home
# report. Whoever sees a melding may export it (the export is access-logged).
rules.add_perm(
    "signalering.list_melding", is_leerplichtambtenaar | is_schoolmedewerker | is_swv_consulent
)
rules.add_perm("signalering.add_melding", is_schoolmedewerker & leerling_zichtbaar)
rules.add_perm("signalering.view_melding", melding_zichtbaar)
rules.add_perm(
    "signalering.change_melding", is_schoolmedewerker & melding_zichtbaar & melding_is_concept
)
rules.add_perm("signalering.handle_melding", is_leerplichtambtenaar & melding_zichtbaar)
# The school confirms it reported the absence to DUO itself (draft or sent): the school that
# may edit the report, i.e. a school employee who sees it (melding_scope: its own school).
rules.add_perm(
    "signalering.confirm_duo_melding",
    is_schoolmedewerker & melding_zichtbaar & melding_is_verzuimmelding,
)
rules.add_perm(
    "signalering.handle_melding_swv",
    is_swv_consulent & melding_zichtbaar & melding_is_thuiszitter,
)
rules.add_perm("signalering.export_melding", melding_zichtbaar)
