# SPDX-License-Identifier: EUPL-1.2
"""What the functional administrator changes. The views check the permissions and give only
the region's choices; these functions write, each in one transaction, with django-auditlog
recording actor and time of every change (toegang/apps.py registers the models)."""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from binnenboord.registratie.models import School
from binnenboord.toegang.models import Gemeente, Kernteam, Medewerker, Organisatie

from .tasks import stuur_uitnodiging


@transaction.atomic
def bewaar_organisatie(
    data: dict[str, Any], *, eigen_gemeenten: QuerySet[Gemeente], organisatie: Organisatie | None
) -> Organisatie:
    """Creates or changes an organisation. Municipalities served: the administrator's own ones
    as chosen, the others the organisation had stay. A school is linked to its registratie
    School (found by BRIN and branch, or made in the chosen municipality)."""
    if organisatie is None:
        organisatie = Organisatie(soort=data["soort"])
    organisatie.naam = data["naam"]
    organisatie.brin = data.get("brin", "") or ""
    organisatie.vestigingsnummer = data.get("vestigingsnummer", "") or ""
    organisatie.full_clean()
    organisatie.save()
    if organisatie.soort == Organisatie.Soort.SCHOOL:
        _koppel_school(organisatie, data)
    else:
        anderen = list(organisatie.gemeenten.exclude(pk__in=eigen_gemeenten))
        organisatie.gemeenten.set([*anderen, *data["gemeenten"]])
    return organisatie


def _koppel_school(organisatie: Organisatie, data: dict[str, Any]) -> None:
    school = (
        School.objects.filter(organisatie=organisatie).first()
        or School.objects.filter(
            brin=organisatie.brin, vestiging=organisatie.vestigingsnummer, organisatie=None
        ).first()
        or School(organisatie=organisatie)
    )
    school.organisatie = organisatie
    school.brin, school.vestiging = organisatie.brin, organisatie.vestigingsnummer
    school.naam = organisatie.naam
    school.gemeente = data["gemeente"]
    school.soort = data["onderwijssoort"]
    school.regio = data["regio"]
    school.full_clean()
    school.save()


def _stuur_na_commit(medewerker: Medewerker) -> None:
    """Queues the invitation e-mail once the transaction is committed (never in the request)."""
    pk = medewerker.pk
    transaction.on_commit(lambda: stuur_uitnodiging.enqueue(pk))


@transaction.atomic
def nodig_uit(data: dict[str, Any]) -> Medewerker:
    """A new account without a usable password; the e-mail with the one-time log-in link is
    sent by a background task."""
    medewerker = Medewerker(
        username=data["email"],
        first_name=data["first_name"],
        last_name=data["last_name"],
        email=data["email"],
        organisatie=data["organisatie"],
        rol=data["rol"],
    )
    medewerker.set_unusable_password()
    medewerker.full_clean()
    medewerker.save()
    _stuur_na_commit(medewerker)
    return medewerker


@transaction.atomic
def nodig_opnieuw_uit(medewerker: Medewerker) -> None:
    """A fresh link. Without a chosen password, the earlier links stop working (a new unusable
    password changes the hash they were made with)."""
    if not medewerker.has_usable_password():
        medewerker.set_unusable_password()
        medewerker.save(update_fields=["password"])
    _stuur_na_commit(medewerker)


@transaction.atomic
def wijzig_medewerker(medewerker: Medewerker, data: dict[str, Any]) -> Medewerker:
    for veld in ("first_name", "last_name", "email", "organisatie", "rol"):
        setattr(medewerker, veld, data[veld])
    medewerker.full_clean()
    medewerker.save()
    return medewerker


def _beeindig_sessies(medewerker: Medewerker) -> int:
    """Deletes the open sessions of `medewerker`: a deactivated account is logged out now."""
    weg = [
        sessie.pk
        for sessie in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if sessie.get_decoded().get("_auth_user_id") == str(medewerker.pk)
    ]
    Session.objects.filter(pk__in=weg).delete()
    return len(weg)


@transaction.atomic
def deactiveer(medewerker: Medewerker) -> None:
    """Never deleted: deactivated, and logged out everywhere."""
    medewerker.is_active = False
    medewerker.save(update_fields=["is_active"])
    _beeindig_sessies(medewerker)


@transaction.atomic
def heractiveer(medewerker: Medewerker) -> None:
    medewerker.is_active = True
    medewerker.save(update_fields=["is_active"])


@transaction.atomic
def bewaar_kernteam(school: Organisatie, data: dict[str, Any]) -> Kernteam:
    # one save, so one change-history entry per change
    kernteam = Kernteam.objects.filter(school=school).first() or Kernteam(school=school)
    for veld in Kernteam.LEDEN:
        setattr(kernteam, veld, data[veld])
    kernteam.save()
    return kernteam
