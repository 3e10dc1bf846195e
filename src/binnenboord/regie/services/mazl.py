# SPDX-License-Identifier: EUPL-1.2
"""Writes of a MAZL referral (docs/samenwerken.md, "MAZL"; docs/domein.md, Bronnen § 5): the
school refers a pupil with worrying sick leave to the youth doctor of its kernteam, without
opening a case; the youth doctor plans and records the consult, keeps the medical notes apart
(MedischeInhoud of the referral, for youth doctors of the own organisation only) and sends back
a short, non-medical advice. A referral made while the pupil has an open case is attached to it:
the case shows its status and advice, and the advice completes the case's model step "mazl".

Each service owns its transaction and locks the referral row; every person it reaches is
notified (notificaties.notificeer) in the same transaction, with no pupil's name. The messages
are Dutch, the views show them as they are."""

from __future__ import annotations

from datetime import date
from typing import Final

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from binnenboord.notificaties.services import notificeer
from binnenboord.registratie.models import Leerling, School
from binnenboord.registratie.selectors import eigen_school_op
from binnenboord.signalering.models import Signaal, Soort
from binnenboord.signalering.rules import signaal_zichtbaar
from binnenboord.toegang.models import Kernteam, Medewerker, Rol

from .. import geschiedenis
from ..beoordeling import stapkeuzes
from ..models import Casus, Mazlverwijzing, MedischeInhoud
from .casus import controleer_stap, vergrendel_leerling

# the model step (kern.aanpak) a sent advice completes, where the case's model has it
STAP_MAZL: Final = "mazl"
LOPEND: Final = (Mazlverwijzing.Status.NIEUW, Mazlverwijzing.Status.GEPLAND)

Status = Mazlverwijzing.Status


class VerwijzingNietMogelijk(ValueError):
    """The referral or its next step is not possible; the message says why."""


def jeugdarts_van(school: School) -> Medewerker | None:
    """The youth doctor of the school's kernteam, when the school has one who can receive a
    referral (an active youth doctor); None otherwise."""
    if school.organisatie_id is None:
        return None
    kernteam = (
        Kernteam.objects.filter(school_id=school.organisatie_id).select_related("jeugdarts").first()
    )
    jeugdarts = kernteam.jeugdarts if kernteam is not None else None
    if (
        jeugdarts is None
        or not jeugdarts.is_active
        or jeugdarts.rol != Rol.JEUGDARTS
        or not jeugdarts.heeft_passende_rol
    ):
        return None
    return jeugdarts


def school_van(door: Medewerker, leerling: Leerling) -> School | None:
    """The school of `door`'s organisation at which `leerling` is enrolled today."""
    return eigen_school_op(leerling, door, timezone.localdate())


def _url(verwijzing: Mazlverwijzing) -> str:
    return reverse("mazl:verwijzing", args=[verwijzing.pk])


def _vergrendel(verwijzing: Mazlverwijzing) -> Mazlverwijzing:
    return Mazlverwijzing.objects.select_for_update().get(pk=verwijzing.pk)


def _alleen_de_jeugdarts(verwijzing: Mazlverwijzing, door: Medewerker) -> None:
    if door.rol != Rol.JEUGDARTS or verwijzing.jeugdarts_id != door.pk:
        raise VerwijzingNietMogelijk("Alleen de jeugdarts aan wie verwezen is, behandelt dit.")


def _loopt(verwijzing: Mazlverwijzing) -> None:
    if verwijzing.status == Status.AFGEROND:
        raise VerwijzingNietMogelijk("Het advies is al verstuurd; de verwijzing is afgerond.")


def _niet_in_de_toekomst(datum: date, wat: str) -> None:
    if datum > timezone.localdate():
        raise VerwijzingNietMogelijk(f"{wat} kan niet in de toekomst liggen.")


@transaction.atomic
def verwijs_naar_jeugdarts(
    *,
    leerling: Leerling,
    school: School,
    reden: str,
    door: Medewerker,
    signaal: Signaal | None = None,
) -> Mazlverwijzing:
    """The school (`door`, staff of `school`) refers `leerling`, enrolled there today, to the
    youth doctor of the school's kernteam, with the worrying sickness signal it came from
    (`signaal`, one of the pupil's that `door` sees). No case is opened; an open case of the
    pupil is attached. One running referral per pupil at a time."""
    if door.rol != Rol.SCHOOLMEDEWERKER or door.organisatie_id != school.organisatie_id:
        raise VerwijzingNietMogelijk("Alleen de school van de leerling verwijst naar de jeugdarts.")
    if school_van(door, leerling) != school:
        raise VerwijzingNietMogelijk("De leerling staat vandaag niet ingeschreven op deze school.")
    if not reden.strip():
        raise VerwijzingNietMogelijk("Geef de reden van de verwijzing.")
    if signaal is not None and (
        signaal.leerling_id != leerling.pk
        or signaal.soort != Soort.ZORGWEKKEND_ZIEKTEVERZUIM
        or not signaal_zichtbaar(door, signaal)
    ):
        raise VerwijzingNietMogelijk(
            "Dit signaal is geen signaal van zorgwekkend ziekteverzuim van deze leerling."
        )
    jeugdarts = jeugdarts_van(school)
    if jeugdarts is None:
        raise VerwijzingNietMogelijk(
            "Deze school heeft geen jeugdarts in haar kernteam; verwijzen kan pas als de "
            "jeugdarts in het kernteam staat."
        )
    # two referrals of one pupil wait for each other, so the check below holds
    vergrendel_leerling(leerling.pk)
    if Mazlverwijzing.objects.filter(leerling=leerling, status__in=LOPEND).exists():
        raise VerwijzingNietMogelijk("Voor deze leerling loopt al een MAZL-verwijzing.")
    casus = Casus.objects.filter(leerling=leerling, status=Casus.Status.OPEN).first()
    verwijzing = Mazlverwijzing.objects.create(
        leerling=leerling,
        school=school,
        jeugdarts=jeugdarts,
        casus=casus,
        signaal=signaal,
        reden=reden.strip(),
        verwezen_door=door,
    )
    if casus is not None:
        geschiedenis.mazl_verwezen(casus, door=door, datum=timezone.localdate())
    notificeer(
        [jeugdarts],
        "mazl_verwijzing",
        url=_url(verwijzing),
        gegevens={
            "verwijzing": verwijzing.pk,
            "verwezen_op": timezone.localdate().isoformat(),
            **({"casus": casus.pk} if casus is not None else {}),
        },
        sleutel=f"mazl_verwijzing:{verwijzing.pk}",
        door=door,
    )
    return verwijzing


@transaction.atomic
def plan_consult(
    *, verwijzing: Mazlverwijzing, door: Medewerker, consult_op: date, status: str = Status.GEPLAND
) -> Mazlverwijzing:
    """The addressed youth doctor plans the consult on `consult_op` (status "gepland"), or
    records that the pupil did not come (status "niet_verschenen", a day that has passed)."""
    verwijzing = _vergrendel(verwijzing)
    _alleen_de_jeugdarts(verwijzing, door)
    _loopt(verwijzing)
    if status not in (Status.GEPLAND, Status.NIET_VERSCHENEN):
        raise VerwijzingNietMogelijk("Kies: consult gepland of niet verschenen.")
    if status == Status.NIET_VERSCHENEN:
        _niet_in_de_toekomst(consult_op, "Een consult waarvoor de leerling niet verscheen")
    if consult_op < verwijzing.verwezen_op.date():
        raise VerwijzingNietMogelijk("Het consult ligt niet voor de verwijzing.")
    verwijzing.consult_op = consult_op
    verwijzing.status = status
    verwijzing.afgehandeld_door = door
    verwijzing.save(update_fields=["consult_op", "status", "afgehandeld_door"])
    return verwijzing


@transaction.atomic
def leg_medisch_vast_bij_verwijzing(
    *, verwijzing: Mazlverwijzing, door: Medewerker, tekst: str
) -> MedischeInhoud:
    """The addressed youth doctor's medical notes of the consult: one MedischeInhoud of the
    referral (written again, it replaces the text), without a case, for the youth doctors of
    `door`'s organisation who see the referral (regie.rules.medisch_zichtbaar). Never in the
    advice, the case, a notification or the school's view."""
    verwijzing = _vergrendel(verwijzing)
    _alleen_de_jeugdarts(verwijzing, door)
    if door.organisatie_id is None:
        raise VerwijzingNietMogelijk(
            "Een jeugdarts zonder organisatie legt geen medische inhoud vast."
        )
    if not tekst.strip():
        raise VerwijzingNietMogelijk("Schrijf de medische aantekeningen.")
    inhoud, _nieuw = MedischeInhoud.objects.update_or_create(
        mazlverwijzing=verwijzing,
        defaults={
            "tekst": tekst.strip(),
            "door": door,
            "organisatie_id": door.organisatie_id,
            "casus": None,
        },
    )
    return inhoud


@transaction.atomic
def stuur_advies(
    *, verwijzing: Mazlverwijzing, door: Medewerker, consult_op: date, advies: str
) -> Mazlverwijzing:
    """The addressed youth doctor sends the short, non-medical advice (only what the family
    agreed to share) after the consult on `consult_op`: the referral is done and the referring
    school staff member is notified. When the referral belongs to an open case (also one opened
    while it ran) whose model has the step "mazl", that step is done on the consult's date."""
    verwijzing = _vergrendel(verwijzing)
    _alleen_de_jeugdarts(verwijzing, door)
    _loopt(verwijzing)
    _niet_in_de_toekomst(consult_op, "Het consult")
    if consult_op < verwijzing.verwezen_op.date():
        raise VerwijzingNietMogelijk("Het consult ligt niet voor de verwijzing.")
    if not advies.strip():
        raise VerwijzingNietMogelijk("Geef het advies dat met de school gedeeld mag worden.")
    if verwijzing.casus_id is None:
        # a case opened while the referral ran is about the same sickness: the referral joins
        # it, as a case open at the referral is attached (verwijs_naar_jeugdarts)
        verwijzing.casus = Casus.objects.filter(
            leerling_id=verwijzing.leerling_id, status=Casus.Status.OPEN
        ).first()
    verwijzing.consult_op = consult_op
    verwijzing.advies = advies.strip()
    verwijzing.advies_op = timezone.now()
    verwijzing.status = Status.AFGEROND
    verwijzing.afgehandeld_door = door
    verwijzing.save(
        update_fields=["casus", "consult_op", "advies", "advies_op", "status", "afgehandeld_door"]
    )
    if verwijzing.casus_id is not None:
        casus = Casus.objects.select_for_update().get(pk=verwijzing.casus_id)
        stap = ""
        if casus.is_open and STAP_MAZL in dict(stapkeuzes(casus)):
            controleer_stap(STAP_MAZL, consult_op)
            stap = STAP_MAZL
        geschiedenis.mazl_verwijzing_advies(casus, door=door, datum=consult_op, stap=stap)
    notificeer(
        [verwijzing.verwezen_door],
        "mazl_advies",
        url=_url(verwijzing),
        gegevens={
            "verwijzing": verwijzing.pk,
            "consult_op": consult_op.isoformat(),
            **({"casus": verwijzing.casus_id} if verwijzing.casus_id is not None else {}),
        },
        sleutel=f"mazl_advies:{verwijzing.pk}",
        door=door,
    )
    return verwijzing
