# SPDX-License-Identifier: EUPL-1.2
"""Writes that wait for the organisation that has the pupil (docs/toegang-en-verantwoording.md,
"Een schrijfactie verruimt nooit wie een kind ziet").

- A **verhuismelding** (an import row that says a pupil of another municipality now lives in
  the importer's) is confirmed or rejected by Leerplicht of the municipality where the pupil
  lives now. Only on confirmation does the pupil move; registratie then announces the move
  (signals.leerling_verhuisd) so that regie offers the open case for an explicit overdracht.
- An **inschrijving ter bevestiging** (a school's enrolment row that would open a file it does
  not have) is confirmed or rejected by Leerplicht of the pupil's municipality. Only on
  confirmation is the enrolment stored, and only then does the school see the pupil.

Scoped reads (te_bevestigen_*, aangevraagde_*) and the rules live here too, so the views, the
worklist and the tests ask one place."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from auditlog.context import set_actor

from binnenboord.toegang.models import Medewerker, Rol
from binnenboord.toegang.rules import gemeenten_van

from .models import (
    Bevestiging,
    Inschrijving,
    InschrijvingTerBevestiging,
    Leerling,
    Ouder,
    Verhuismelding,
)
from .signals import leerling_verhuisd


class AlBehandeld(ValueError):
    """The held write was confirmed or rejected by someone else in the meantime."""


def _leerplicht(gebruiker: Any) -> Medewerker | None:
    if (
        getattr(gebruiker, "is_authenticated", False)
        and gebruiker.heeft_passende_rol
        and gebruiker.rol == Rol.LEERPLICHTAMBTENAAR
    ):
        return gebruiker
    return None


# --- scoped reads ---------------------------------------------------------------------------


def te_bevestigen_verhuismeldingen(gebruiker: Any) -> QuerySet[Verhuismelding]:
    """Open reported moves of pupils who live in the user's municipalities: the current
    Leerplicht decides."""
    medewerker = _leerplicht(gebruiker)
    if medewerker is None:
        return Verhuismelding.objects.none()
    return Verhuismelding.objects.filter(
        status=Bevestiging.OPEN,
        van_gemeente_id__in=gemeenten_van(medewerker),
        leerling__woongemeente_id__in=gemeenten_van(medewerker),
    ).select_related("leerling", "van_gemeente", "naar_gemeente")


def aangevraagde_verhuismeldingen(gebruiker: Any) -> QuerySet[Verhuismelding]:
    """The reported moves the user's organisation sent (any state): what it sent itself, never
    the pupil as stored by the other municipality."""
    medewerker = _leerplicht(gebruiker)
    if medewerker is None:
        return Verhuismelding.objects.none()
    return Verhuismelding.objects.filter(
        gemeld_door__organisatie=medewerker.organisatie
    ).select_related("naar_gemeente")


def te_bevestigen_inschrijvingen(gebruiker: Any) -> QuerySet[InschrijvingTerBevestiging]:
    """Open enrolments awaiting confirmation of pupils who live in the user's municipalities."""
    medewerker = _leerplicht(gebruiker)
    if medewerker is None:
        return InschrijvingTerBevestiging.objects.none()
    return InschrijvingTerBevestiging.objects.filter(
        status=Bevestiging.OPEN, leerling__woongemeente_id__in=gemeenten_van(medewerker)
    ).select_related("leerling", "school")


def aangevraagde_inschrijvingen(gebruiker: Any) -> QuerySet[InschrijvingTerBevestiging]:
    """The school's own enrolment rows that wait or waited: the school sees the identifier it
    sent and the state, never the pupil's name or file before Leerplicht confirmed, nor why a
    row waits (that would tell an unknown BSN from somebody else's pupil)."""
    if not (
        getattr(gebruiker, "is_authenticated", False)
        and gebruiker.heeft_passende_rol
        and gebruiker.rol == Rol.SCHOOLMEDEWERKER
    ):
        return InschrijvingTerBevestiging.objects.none()
    return InschrijvingTerBevestiging.objects.filter(
        school__organisatie=gebruiker.organisatie
    ).select_related("school")


def aantal_te_bevestigen(gebruiker: Any) -> int:
    """For the worklist: how many held writes wait for this user's decision."""
    if _leerplicht(gebruiker) is None:
        return 0
    return (
        te_bevestigen_verhuismeldingen(gebruiker).count()
        + te_bevestigen_inschrijvingen(gebruiker).count()
    )


def haal_verhuismelding(gebruiker: Any, pk: int) -> Verhuismelding:
    """The open reported move the user may decide on; "missing" and "not yours" alike raise
    DoesNotExist (a 404 in the view)."""
    return te_bevestigen_verhuismeldingen(gebruiker).get(pk=pk)


def haal_inschrijving(gebruiker: Any, pk: int) -> InschrijvingTerBevestiging:
    return te_bevestigen_inschrijvingen(gebruiker).get(pk=pk)


# --- decisions ------------------------------------------------------------------------------


def _afgehandeld(
    verzoek: Verhuismelding | InschrijvingTerBevestiging,
    *,
    status: str,
    door: Medewerker,
    toelichting: str,
) -> None:
    verzoek.status = status
    verzoek.behandeld_door = door
    verzoek.behandeld_op = timezone.now()
    verzoek.toelichting = toelichting
    verzoek.save(update_fields=["status", "behandeld_door", "behandeld_op", "toelichting"])


def _vergrendeld(model: Any, verzoek: Any) -> Any:
    vers = model.objects.select_for_update().get(pk=verzoek.pk)
    if vers.status != Bevestiging.OPEN:
        raise AlBehandeld(_("Someone else has already handled this in the meantime."))
    return vers


def bevestig_verhuismelding(
    *, verhuismelding: Verhuismelding, door: Medewerker, toelichting: str = ""
) -> Leerling:
    """The pupil's current Leerplicht confirms the move: the reported values are applied (with
    change history naming `door`), the pupil now lives in the new municipality, and regie hears
    of it (signals.leerling_verhuisd) in the same transaction."""
    with transaction.atomic(), set_actor(door):
        melding = _vergrendeld(Verhuismelding, verhuismelding)
        leerling = Leerling.objects.select_for_update().get(pk=melding.leerling_id)
        van_gemeente = leerling.woongemeente
        for veld, waarde in melding.gegevens.get("waarden", {}).items():
            setattr(
                leerling, veld, date.fromisoformat(waarde) if veld == "geboortedatum" else waarde
            )
        leerling.save()
        _bewaar_ouders(leerling, melding.gegevens.get("ouders", []))
        _afgehandeld(melding, status=Bevestiging.BEVESTIGD, door=door, toelichting=toelichting)
        leerling.refresh_from_db()
        leerling_verhuisd.send(
            sender=Verhuismelding,
            leerling=leerling,
            van_gemeente=van_gemeente,
            naar_gemeente=leerling.woongemeente,
            door=door,
            verhuismelding=melding,
        )
    return leerling


def _bewaar_ouders(leerling: Leerling, ouders: list[dict[str, str]]) -> None:
    """As the import does: a known parent (same names) gets its phone and e-mail updated, a new
    name is added as carer; nobody is removed."""
    bestaand = {(o.voornamen.casefold(), o.achternaam.casefold()): o for o in leerling.ouders.all()}
    for ouder in ouders:
        oud = bestaand.get((ouder["voornamen"].casefold(), ouder["achternaam"].casefold()))
        if oud is None:
            Ouder.objects.create(leerling=leerling, relatie=Ouder.Relatie.VERZORGER, **ouder)
        elif (oud.telefoon, oud.email) != (ouder["telefoon"], ouder["email"]):
            oud.telefoon, oud.email = ouder["telefoon"], ouder["email"]
            oud.save(update_fields=["telefoon", "email"])


def wijs_verhuismelding_af(
    *, verhuismelding: Verhuismelding, door: Medewerker, toelichting: str
) -> Verhuismelding:
    """The pupil's current Leerplicht rejects the move with a reason the reporting
    municipality reads; nothing about the pupil changes."""
    with transaction.atomic(), set_actor(door):
        melding = _vergrendeld(Verhuismelding, verhuismelding)
        _afgehandeld(melding, status=Bevestiging.AFGEWEZEN, door=door, toelichting=toelichting)
    return melding


def bevestig_inschrijving(
    *, verzoek: InschrijvingTerBevestiging, door: Medewerker, toelichting: str = ""
) -> Inschrijving:
    """Leerplicht confirms the enrolment: it is stored (or the stored one gets the end date),
    with change history naming `door`; from now on the school sees the pupil."""
    with transaction.atomic(), set_actor(door):
        vers = _vergrendeld(InschrijvingTerBevestiging, verzoek)
        inschrijving, _nieuw = Inschrijving.objects.update_or_create(
            leerling_id=vers.leerling_id,
            school_id=vers.school_id,
            begindatum=vers.begindatum,
            defaults={"einddatum": vers.einddatum},
        )
        _afgehandeld(vers, status=Bevestiging.BEVESTIGD, door=door, toelichting=toelichting)
    return inschrijving


def wijs_inschrijving_af(
    *, verzoek: InschrijvingTerBevestiging, door: Medewerker, toelichting: str
) -> InschrijvingTerBevestiging:
    with transaction.atomic(), set_actor(door):
        vers = _vergrendeld(InschrijvingTerBevestiging, verzoek)
        _afgehandeld(vers, status=Bevestiging.AFGEWEZEN, door=door, toelichting=toelichting)
    return vers
