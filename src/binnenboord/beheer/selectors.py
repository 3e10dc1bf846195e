# SPDX-License-Identifier: EUPL-1.2
"""The region of a functional administrator: which organisations, staff and kernteams it
manages (docs/toegang-en-verantwoording.md, "Beheer: de regio").

The region of a functional administrator of a Leerplicht organisation is:
- its own organisation;
- the schools whose School.gemeente (registratie) is one of the municipalities its
  organisation serves (Organisatie.gemeenten);
- the organisations of the other kinds (SWV, JGZ, wijkteam, Interventieteam) whose
  municipalities overlap those.

A school's municipality is registratie's, which toegang may not import: so the region is
defined here and registered by name for toegang's rules (rules.py: add_scope
"toegang.organisatie"), as the other apps register what a lower app asks for. Staff of a
region are its organisations' staff, never a superuser nor a technical API account."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from binnenboord.toegang.models import (
    TECHNISCH_ACCOUNT,
    Gemeente,
    Kernteam,
    Medewerker,
    Organisatie,
    Rol,
)
from binnenboord.toegang.rules import NIETS, Gebruiker, actieve_medewerker, gemeenten_van

ANDERE_SOORTEN = (
    Organisatie.Soort.SAMENWERKINGSVERBAND,
    Organisatie.Soort.JGZ,
    Organisatie.Soort.WIJKTEAM,
    Organisatie.Soort.INTERVENTIETEAM,
)


def beheerder(user: Gebruiker) -> Medewerker | None:
    """`user` when it is an active functional administrator of a Leerplicht organisation."""
    medewerker = actieve_medewerker(user)
    if medewerker is None or medewerker.rol != Rol.FUNCTIONEEL_BEHEERDER:
        return None
    organisatie = medewerker.organisatie
    assert organisatie is not None
    if organisatie.soort != Organisatie.Soort.GEMEENTE:
        return None
    return medewerker


def regio_gemeenten(user: Gebruiker) -> list[int]:
    """The ids of the municipalities of the administrator's region (none for anyone else)."""
    medewerker = beheerder(user)
    return gemeenten_van(medewerker) if medewerker is not None else []


def regio_scope(user: Gebruiker) -> Q:
    """The organisations `user` manages, as a filter on Organisatie."""
    medewerker = beheerder(user)
    if medewerker is None:
        return NIETS
    gemeenten = gemeenten_van(medewerker)
    return (
        Q(pk=medewerker.organisatie_id)
        | Q(soort=Organisatie.Soort.SCHOOL, school__gemeente_id__in=gemeenten)
        | Q(
            pk__in=Organisatie.objects.filter(
                soort__in=ANDERE_SOORTEN, gemeenten__in=gemeenten
            ).values("pk")
        )
    )


def beheerde_organisaties(user: Gebruiker) -> QuerySet[Organisatie]:
    return Organisatie.objects.filter(regio_scope(user)).distinct()


def geheel_beheerde_organisaties(user: Gebruiker) -> QuerySet[Organisatie]:
    """The region's organisations that serve no municipality outside it: only there does the
    administrator create or move accounts (toegang.rules.geheel_in_regio)."""
    buiten = Gemeente.objects.exclude(pk__in=regio_gemeenten(user))
    return beheerde_organisaties(user).exclude(
        pk__in=Organisatie.objects.filter(gemeenten__in=buiten).values("pk")
    )


def beheerde_medewerkers(user: Gebruiker) -> QuerySet[Medewerker]:
    """The staff of the region's organisations; never a superuser or a technical account."""
    if beheerder(user) is None:
        return Medewerker.objects.none()
    return (
        Medewerker.objects.filter(organisatie__in=beheerde_organisaties(user).values("pk"))
        .exclude(TECHNISCH_ACCOUNT)
        .exclude(is_superuser=True)
        .select_related("organisatie")
    )


def beheerde_scholen(user: Gebruiker) -> QuerySet[Organisatie]:
    """The schools of the region (their kernteams)."""
    return beheerde_organisaties(user).filter(soort=Organisatie.Soort.SCHOOL)


def kiesbare_leden(user: Gebruiker, rol: str, huidig: Medewerker | None) -> QuerySet[Medewerker]:
    """Who may be the kernteam member of role `rol`: the region's active staff of that role,
    and the current member (who may come from before the region was managed here)."""
    voorwaarde = Q(pk__in=beheerde_medewerkers(user).filter(rol=rol, is_active=True).values("pk"))
    if huidig is not None:
        voorwaarde |= Q(pk=huidig.pk)
    return Medewerker.objects.filter(voorwaarde).select_related("organisatie")


def kernteam_van(school: Organisatie) -> Kernteam | None:
    return Kernteam.objects.filter(school=school).first()
