# SPDX-License-Identifier: EUPL-1.2
"""Scoped reads for Vandaag: which open cases each filter shows (mine, my organisation,
escalations, this week's meetings), the closed cases whose aftercare the user may owe, the
running escalations to the user's bodies, the open MAZL referrals of a youth doctor, and the
meldingen and held writes that wait for the user. Every case comes from zichtbare_casussen: a
filter only narrows what the user may see."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce

from binnenboord.registratie.bevestigen import (
    te_bevestigen_inschrijvingen,
    te_bevestigen_verhuismeldingen,
)
from binnenboord.registratie.models import InschrijvingTerBevestiging, Verhuismelding
from binnenboord.signalering.models import Melding
from binnenboord.signalering.selectors import OPEN_MELDING, zichtbare_meldingen
from binnenboord.toegang.models import Medewerker, Rol

from ..beoordeling import met_open_nazorg
from ..models import Actie, Agendapunt, Casus, Escalatie, Mazlverwijzing, Overleg
from ..rules import escalatie_scope, overleg_scope
from .casus import betrokken, zichtbare_casussen


class Filter:
    """The filters of Vandaag's case list (the GET parameter `toon`)."""

    MIJN = "mijn"
    ORGANISATIE = "organisatie"
    ESCALATIES = "escalaties"
    OVERLEGGEN = "overleggen"
    ALLE = (MIJN, ORGANISATIE, ESCALATIES, OVERLEGGEN)


def toegewezen(gebruiker: Medewerker) -> Q:
    """The cases with an open plan action assigned to the user (Actie.wie)."""
    return Q(
        Exists(
            Actie.objects.filter(
                casus=OuterRef("pk"), wie_id=gebruiker.pk, status=Actie.Status.OPEN
            )
        )
    )


def mijn(gebruiker: Medewerker) -> Q:
    """ "Mijn casussen": the cases the user directs or takes part in, or has an open action in."""
    return betrokken(gebruiker) | toegewezen(gebruiker)


def lopende_escalaties(gebruiker: Medewerker) -> QuerySet[Escalatie]:
    """The running escalations to a body the user is a member of, in open cases the user may
    see: regie.rules.escalatie_scope, the same as the "Escalaties" worklist (a participant on
    the grond "escalatie", the chair or a member of the meeting the case is proposed for, staff
    with the body's role, and for Leerplicht those of its municipalities)."""
    return Escalatie.objects.filter(escalatie_scope(gebruiker))


def overleggen_van_de_week(gebruiker: Medewerker, dag: date) -> QuerySet[Overleg]:
    """The meetings of `dag`'s week (Monday to Sunday) the user may see."""
    maandag = dag - timedelta(days=dag.weekday())
    return Overleg.objects.filter(
        overleg_scope(gebruiker), datum__range=(maandag, maandag + timedelta(days=6))
    )


def werklijst_casussen(gebruiker: Medewerker, toon: str, dag: date) -> QuerySet[Casus]:
    """The open cases of one filter of Vandaag, within zichtbare_casussen: `mijn` (directs,
    takes part, has an open action), `organisatie` (every open case the user's scope holds:
    the school's pupils, Leerplicht's municipalities; for the other roles that is their own),
    `escalaties` (a running escalation to one of the user's bodies), `overleggen` (on the
    agenda of a meeting of this week the user may see)."""
    casussen = zichtbare_casussen(gebruiker).filter(status=Casus.Status.OPEN)
    if toon == Filter.ORGANISATIE:
        pass
    elif toon == Filter.ESCALATIES:
        casussen = casussen.filter(pk__in=lopende_escalaties(gebruiker).values("casus_id"))
    elif toon == Filter.OVERLEGGEN:
        casussen = casussen.filter(
            pk__in=Agendapunt.objects.filter(
                overleg__in=overleggen_van_de_week(gebruiker, dag).values("pk")
            ).values("casus_id")
        )
    else:
        casussen = casussen.filter(mijn(gebruiker))
    return casussen.select_related("leerling", "regisseur", "signaal")


def nazorg_casussen(gebruiker: Medewerker, dag: date) -> QuerySet[Casus]:
    """The closed cases the user directed whose aftercare step may be due (regie.beoordeling.
    met_open_nazorg: closed with a return to school, the step not recorded yet), within
    zichtbare_casussen. Whether the step is due the worklist's evaluation says."""
    casussen = zichtbare_casussen(gebruiker).filter(regisseur_id=gebruiker.pk)
    return met_open_nazorg(casussen, dag).select_related("leerling", "regisseur", "signaal")


def open_mazlverwijzingen(gebruiker: Medewerker) -> QuerySet[Mazlverwijzing]:
    """The youth doctor's referrals that wait for a consult or an advice (new or planned),
    longest waiting first."""
    if gebruiker.rol != Rol.JEUGDARTS:
        return Mazlverwijzing.objects.none()
    return (
        Mazlverwijzing.objects.filter(
            jeugdarts_id=gebruiker.pk,
            status__in=[Mazlverwijzing.Status.NIEUW, Mazlverwijzing.Status.GEPLAND],
        )
        .select_related("leerling", "school")
        .order_by("verwezen_op", "pk")
    )


def wachtende_meldingen(gebruiker: Medewerker) -> QuerySet[Melding]:
    """The open meldingen (within zichtbare_meldingen) that wait for this user: for Leerplicht
    a sent melding nobody took yet, or one the user handles; for the SWV one nobody of the SWV
    took yet, or one the user handles; for the school its own drafts not sent yet. Newest
    first."""
    meldingen = zichtbare_meldingen(gebruiker)
    if gebruiker.rol == Rol.LEERPLICHTAMBTENAAR:
        wacht = Q(status="") | Q(behandelaar_id=gebruiker.pk)
    elif gebruiker.rol == Rol.SWV_CONSULENT:
        wacht = Q(swv_behandelaar__isnull=True) | Q(swv_behandelaar_id=gebruiker.pk)
    elif gebruiker.rol == Rol.SCHOOLMEDEWERKER:
        wacht = Q(verzonden_op__isnull=True, aangemaakt_door_id=gebruiker.pk)
    else:
        return Melding.objects.none()
    return (
        meldingen.filter(OPEN_MELDING, wacht)
        .select_related("leerling", "school")
        .order_by(Coalesce("verzonden_op", "aangemaakt_op").desc(), "-pk")
    )


def te_bevestigen(
    gebruiker: Medewerker,
) -> tuple[QuerySet[Verhuismelding], QuerySet[InschrijvingTerBevestiging]]:
    """The reported moves and the enrolments that wait for the user's decision (registratie's
    scoped reads), oldest first."""
    verhuizingen = te_bevestigen_verhuismeldingen(gebruiker).order_by("gemeld_op", "pk")
    inschrijvingen = te_bevestigen_inschrijvingen(gebruiker).order_by("aangevraagd_op", "pk")
    return verhuizingen, inschrijvingen
