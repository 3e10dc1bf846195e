# SPDX-License-Identifier: EUPL-1.2
"""What a parent or the pupil sees of their case in the portal, built from the stored rows of
their own access (docs/relatie.md, "Wat ouders en leerling zien en doen").

Each function takes the person's valid Portaaltoegang (regie.relatie.geldige_toegang) and
reads only what belongs to it: their own letters, invitations, messages, story and reaction.
Nothing here reads contact notes, medical content or an address: those never reach these
pages. Another parent is named only by their relation to the child ("moeder"), never by
contact details."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from binnenboord.kern.monitoring import leeftijd
from binnenboord.regie.models import (
    Actie,
    Bericht,
    Brief,
    Deelnemer,
    Overleguitnodiging,
    Planreactie,
    PlanVanAanpak,
    Portaaltoegang,
    Verhaal,
)
from binnenboord.regie.relatie import leeftijd_toestemming
from binnenboord.regie.selectors.casus import rol_label


@dataclass(frozen=True)
class Persoon:
    """A professional or external person of the case as the family sees them."""

    naam: str
    organisatie: str
    rol: str
    email: str = ""


def regisseur(toegang: Portaaltoegang) -> Persoon:
    """The regisseur: name, organisation, role and how to reach them (their e-mail address
    when the account has one; else the organisation)."""
    medewerker = toegang.casus.regisseur
    organisatie = medewerker.organisatie
    return Persoon(
        naam=str(medewerker),
        organisatie=str(organisatie) if organisatie else "",
        rol=rol_label(medewerker.rol),
        email=medewerker.email,
    )


def deelnemers(toegang: Portaaltoegang) -> list[Persoon]:
    """The other professionals and external persons taking part now: name, organisation,
    role in the case. Parents and the pupil are not listed (nor their details)."""
    casus = toegang.casus
    rijen = (
        Deelnemer.objects.filter(
            casus=casus,
            soort__in=[Deelnemer.Soort.PROFESSIONAL, Deelnemer.Soort.EXTERN],
            beeindigd_op__isnull=True,
        )
        .exclude(medewerker_id=casus.regisseur_id)
        .select_related("medewerker__organisatie")
        .order_by("toegevoegd_op", "pk")
    )
    personen = []
    for rij in rijen:
        if rij.medewerker is not None:
            organisatie = rij.medewerker.organisatie
            personen.append(
                Persoon(
                    naam=str(rij.medewerker),
                    organisatie=rij.organisatie or (str(organisatie) if organisatie else ""),
                    rol=rij.rol or rol_label(rij.medewerker.rol),
                )
            )
        else:
            personen.append(Persoon(naam=rij.naam, organisatie=rij.organisatie, rol=rij.rol))
    return personen


def huidig_plan(toegang: Portaaltoegang) -> PlanVanAanpak | None:
    return toegang.casus.planversies.order_by("-versie").first()


@dataclass(frozen=True)
class Familieactie:
    """An action of the plan: what, by when, who, and whether it is this person's own."""

    actie: Actie
    wie: str
    van_mij: bool

    @property
    def open(self) -> bool:
        return self.actie.status == Actie.Status.OPEN


def is_van(toegang: Portaaltoegang, actie: Actie) -> bool:
    """The action is this person's: the parent's own (Actie.ouder) or the pupil's own
    (Actie.leerling_zelf)."""
    if toegang.is_leerling:
        return actie.leerling_zelf
    return actie.ouder_id is not None and actie.ouder_id == toegang.ouder_id


def _wie(toegang: Portaaltoegang, actie: Actie) -> str:
    if actie.leerling_zelf:
        return toegang.casus.leerling.voornamen
    if actie.ouder is not None:
        if actie.ouder_id == toegang.ouder_id:
            return str(actie.ouder)
        # the other parent: their relation to the child, never more
        return str(actie.ouder.get_relatie_display())
    return actie.uitvoerder


def acties(toegang: Portaaltoegang) -> list[Familieactie]:
    """The case's actions (not cancelled), by deadline."""
    rijen = (
        Actie.objects.filter(casus=toegang.casus)
        .exclude(status=Actie.Status.VERVALLEN)
        .select_related("wie", "ouder")
        .order_by("uiterlijk", "pk")
    )
    return [Familieactie(a, _wie(toegang, a), is_van(toegang, a)) for a in rijen]


def eigen_open_acties(toegang: Portaaltoegang) -> list[Familieactie]:
    return [a for a in acties(toegang) if a.van_mij and a.open]


def mijn_reactie(toegang: Portaaltoegang, plan: PlanVanAanpak | None) -> Planreactie | None:
    """The person's latest reaction to this plan version (theirs, or noted for them)."""
    if plan is None:
        return None
    return (
        Planreactie.objects.filter(plan=plan)
        .filter(_eigen_woorden(toegang))
        .select_related("door")
        .order_by("-geschreven_op", "-pk")
        .first()
    )


def _eigen_woorden(toegang: Portaaltoegang) -> Q:
    """Rows in this person's own words: written in the portal by them (any of their accesses
    to this case), or noted for them by a professional, which the page says."""
    if toegang.is_leerling:
        return Q(toegang__casus=toegang.casus, toegang__ouder__isnull=True) | Q(
            toegang__isnull=True, namens_ouder__isnull=True
        )
    return Q(toegang__casus=toegang.casus, toegang__ouder=toegang.ouder_id) | Q(
        toegang__isnull=True, namens_ouder=toegang.ouder_id
    )


def verhalen(toegang: Portaaltoegang) -> QuerySet[Verhaal]:
    """Every version of "Mijn verhaal" of this person, newest first."""
    return (
        Verhaal.objects.filter(casus=toegang.casus)
        .filter(_eigen_woorden(toegang))
        .select_related("door")
        .order_by("-geschreven_op", "-pk")
    )


def uitnodigingen(toegang: Portaaltoegang) -> QuerySet[Overleguitnodiging]:
    return (
        Overleguitnodiging.objects.filter(toegang=toegang, casus=toegang.casus)
        .select_related("overleg")
        .order_by("overleg__datum", "overleg__aanvang", "pk")
    )


def volgend_overleg(
    toegang: Portaaltoegang, vandaag: date | None = None
) -> Overleguitnodiging | None:
    vandaag = vandaag or timezone.localdate()
    return uitnodigingen(toegang).filter(overleg__datum__gte=vandaag).first()


def uitnodiging(toegang: Portaaltoegang, pk: object) -> Overleguitnodiging | None:
    try:
        return uitnodigingen(toegang).get(pk=int(str(pk)))
    except (ValueError, Overleguitnodiging.DoesNotExist):
        return None


def brieven(toegang: Portaaltoegang) -> QuerySet[Brief]:
    """The letters addressed to this person: to this parent (Brief.ouder), or to the pupil
    (Brief.aan_leerling). Never another parent's letter."""
    rijen = Brief.objects.filter(casus=toegang.casus)
    if toegang.is_leerling:
        rijen = rijen.filter(aan_leerling=True)
    else:
        assert toegang.ouder_id is not None
        rijen = rijen.filter(ouder_id=toegang.ouder_id)
    return rijen.order_by("-datum", "-pk")


def brief(toegang: Portaaltoegang, pk: object) -> Brief | None:
    try:
        return brieven(toegang).get(pk=int(str(pk)))
    except (ValueError, Brief.DoesNotExist):
        return None


def berichten(toegang: Portaaltoegang) -> QuerySet[Bericht]:
    """The thread with the regisseur, oldest first."""
    return (
        Bericht.objects.filter(toegang=toegang)
        .select_related("door")
        .order_by("verstuurd_op", "pk")
    )


def ongelezen(toegang: Portaaltoegang) -> int:
    """Messages of the regisseur this person has not opened yet."""
    return Bericht.objects.filter(
        toegang=toegang, door__isnull=False, gelezen_op__isnull=True
    ).count()


def leeftijd_leerling(toegang: Portaaltoegang, vandaag: date | None = None) -> int:
    return leeftijd(toegang.casus.leerling.geboortedatum, vandaag or timezone.localdate())


def geeft_toestemming(toegang: Portaaltoegang, vandaag: date | None = None) -> bool:
    """The pupil's own access, old enough to decide whether a parent sees the case."""
    return toegang.is_leerling and leeftijd_leerling(toegang, vandaag) >= leeftijd_toestemming()


def ouder_toegangen(toegang: Portaaltoegang) -> QuerySet[Portaaltoegang]:
    """The parents' accesses of the pupil's case the pupil decides on: invited or active
    (an ended or withheld access is the regisseur's decision)."""
    return (
        Portaaltoegang.objects.filter(
            casus=toegang.casus,
            ouder__isnull=False,
            status__in=[Portaaltoegang.Status.UITGENODIGD, Portaaltoegang.Status.ACTIEF],
        )
        .select_related("ouder")
        .order_by("pk")
    )
