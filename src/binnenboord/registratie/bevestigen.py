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

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from auditlog.context import set_actor

from binnenboord.notificaties.services import Bericht, notificeer_velen
from binnenboord.toegang.models import Medewerker, Rol
from binnenboord.toegang.rules import Gebruiker, gemeenten_van

from .importeren.opslaan import ouder_waarden, vind_ouder
from .models import (
    Bevestiging,
    Inschrijving,
    InschrijvingTerBevestiging,
    Leerling,
    Ouder,
    Verhuismelding,
)
from .signals import leerling_verhuisd


class KanNiet(ValueError):
    """A decision on a held write that cannot be carried out; the message says why (Dutch)."""


class AlBehandeld(KanNiet):
    """The held write was confirmed or rejected by someone else in the meantime."""


class Gewijzigd(KanNiet):
    """The held write changed (a new import of the same row) after the decider saw it."""


def versie(verzoek: Verhuismelding | InschrijvingTerBevestiging) -> str:
    """A short fingerprint of what a decider sees of a held write: the decision form carries
    it, so a decision is about exactly what was shown (a re-import may change the open one)."""
    if isinstance(verzoek, Verhuismelding):
        inhoud: Any = [verzoek.naar_gemeente_id, verzoek.gegevens]
    else:
        inhoud = [verzoek.leerling_id, verzoek.begindatum, verzoek.einddatum, verzoek.reden]
    tekst = json.dumps(inhoud, sort_keys=True, default=str)
    return hashlib.sha256(tekst.encode()).hexdigest()[:16]


def _leerplicht(gebruiker: Gebruiker) -> Medewerker | None:
    if (
        isinstance(gebruiker, Medewerker)
        and gebruiker.heeft_passende_rol
        and gebruiker.rol == Rol.LEERPLICHTAMBTENAAR
    ):
        return gebruiker
    return None


# --- scoped reads ---------------------------------------------------------------------------


def te_bevestigen_verhuismeldingen(gebruiker: Gebruiker) -> QuerySet[Verhuismelding]:
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


def aangevraagde_verhuismeldingen(gebruiker: Gebruiker) -> QuerySet[Verhuismelding]:
    """The reported moves the user's organisation sent (any state): what it sent itself, never
    the pupil as stored by the other municipality."""
    medewerker = _leerplicht(gebruiker)
    if medewerker is None:
        return Verhuismelding.objects.none()
    # the organisation fixed at the report, not the reporter's current one (as with imports)
    return Verhuismelding.objects.filter(organisatie=medewerker.organisatie).select_related(
        "naar_gemeente"
    )


def te_bevestigen_inschrijvingen(gebruiker: Gebruiker) -> QuerySet[InschrijvingTerBevestiging]:
    """Open enrolments awaiting confirmation of pupils who live in the user's municipalities."""
    medewerker = _leerplicht(gebruiker)
    if medewerker is None:
        return InschrijvingTerBevestiging.objects.none()
    return InschrijvingTerBevestiging.objects.filter(
        status=Bevestiging.OPEN, leerling__woongemeente_id__in=gemeenten_van(medewerker)
    ).select_related("leerling", "school")


def aangevraagde_inschrijvingen(gebruiker: Gebruiker) -> QuerySet[InschrijvingTerBevestiging]:
    """The school's own enrolment rows that wait or waited: the school sees the identifier it
    sent and the state, never the pupil's name or file before Leerplicht confirmed, nor why a
    row waits (that would tell an unknown BSN from somebody else's pupil)."""
    if not (
        isinstance(gebruiker, Medewerker)
        and gebruiker.heeft_passende_rol
        and gebruiker.rol == Rol.SCHOOLMEDEWERKER
    ):
        return InschrijvingTerBevestiging.objects.none()
    return InschrijvingTerBevestiging.objects.filter(
        school__organisatie=gebruiker.organisatie
    ).select_related("school")


def aantal_te_bevestigen(gebruiker: Gebruiker) -> int:
    """For the worklist: how many held writes wait for this user's decision."""
    if _leerplicht(gebruiker) is None:
        return 0
    return (
        te_bevestigen_verhuismeldingen(gebruiker).count()
        + te_bevestigen_inschrijvingen(gebruiker).count()
    )


def meld_verhuizingen(meldingen: Iterable[Verhuismelding], *, door: Medewerker | None) -> None:
    """Notify the Leerplicht officers who must decide on these reported moves: exactly those
    to whom te_bevestigen_verhuismeldingen shows them (candidates of the municipalities
    concerned, each checked against that scoped read). The notification names no pupil."""
    per_pk = {melding.pk: melding for melding in meldingen}
    if not per_pk:
        return
    gemeenten = {m.van_gemeente_id for m in per_pk.values()}
    kandidaten = (
        Medewerker.objects.filter(
            rol=Rol.LEERPLICHTAMBTENAAR, is_active=True, organisatie__gemeenten__in=gemeenten
        )
        .select_related("organisatie")
        .distinct()
    )
    ontvangers: dict[int, list[Medewerker]] = {}
    for medewerker in kandidaten:
        for pk in (
            te_bevestigen_verhuismeldingen(medewerker)
            .filter(pk__in=per_pk)
            .values_list("pk", flat=True)
        ):
            ontvangers.setdefault(pk, []).append(medewerker)
    notificeer_velen(
        Bericht(
            tuple(ontvangers[pk]),
            "verhuismelding",
            reverse("registratie:bevestig_verhuizing", args=[pk]),
            {"verhuismelding": pk},
            f"verhuismelding:{pk}",
            door,
        )
        for pk in sorted(ontvangers)
    )


def haal_verhuismelding(gebruiker: Gebruiker, pk: int) -> Verhuismelding:
    """The open reported move the user may decide on; "missing" and "not yours" alike raise
    DoesNotExist (a 404 in the view)."""
    return te_bevestigen_verhuismeldingen(gebruiker).get(pk=pk)


def haal_inschrijving(gebruiker: Gebruiker, pk: int) -> InschrijvingTerBevestiging:
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


def _vergrendeld(model: Any, verzoek: Any, gezien: str | None) -> Any:
    vers = model.objects.select_for_update().get(pk=verzoek.pk)
    if vers.status != Bevestiging.OPEN:
        raise AlBehandeld(_("Someone else has already handled this in the meantime."))
    if gezien is not None and gezien != versie(vers):
        raise Gewijzigd(_("This changed after you opened the page; look at it again and decide."))
    return vers


def _waarde(veld: str, waarde: Any) -> Any:
    return date.fromisoformat(waarde) if veld == "geboortedatum" and waarde else waarde


def toe_te_passen(melding: Verhuismelding, leerling: Leerling) -> dict[str, Any]:
    """What confirming changes on the pupil: the reported values of the fields nobody changed
    since the report (a later correction, say of the date of birth, is newer and stays), and
    always the municipality (the move itself)."""
    voor = melding.gegevens.get("voor")
    wijzigingen: dict[str, Any] = {}
    for veld, waarde in melding.gegevens.get("waarden", {}).items():
        nieuw, nu = _waarde(veld, waarde), getattr(leerling, veld)
        ongemoeid = voor is None or veld not in voor or _waarde(veld, voor[veld]) == nu
        if nieuw != nu and (ongemoeid or veld == "woongemeente_id"):
            wijzigingen[veld] = nieuw
    return wijzigingen


@dataclass(frozen=True)
class Wijziging:
    veld: str
    oud: str
    nieuw: str


def wijzigingen_van(melding: Verhuismelding) -> list[Wijziging]:
    """Every change confirming makes, old next to new, for the decider to read first: the
    pupil's fields and the parents' names and contact details."""
    leerling = melding.leerling
    regels = []
    for veld, nieuw in toe_te_passen(melding, leerling).items():
        if veld == "woongemeente_id":
            continue  # shown as "from and to"
        label = str(getattr(Leerling._meta.get_field(veld), "verbose_name", veld))
        oud = getattr(leerling, veld)
        regels.append(Wijziging(label, _tekst(oud), _tekst(nieuw)))
    for oud, ouder in _ouderwijzigingen(leerling, melding.gegevens.get("ouders", [])):
        naam = f"{ouder['voornamen']} {ouder['achternaam']}"
        waarden = ouder_waarden(ouder)
        nieuw = _ouder_tekst(waarden) or "—"
        if oud is None:
            regels.append(Wijziging(_("Parent %(naam)s (new)") % {"naam": naam}, "—", nieuw))
        else:
            was = _ouder_tekst({v: getattr(oud, v) for v in waarden}) or "—"
            regels.append(Wijziging(_("Parent %(naam)s") % {"naam": naam}, was, nieuw))
    return regels


def _ouderwijzigingen(
    leerling: Leerling, ouders: list[dict[str, Any]]
) -> list[tuple[Ouder | None, dict[str, Any]]]:
    """The reported parents that change something, as the import decides it: a known parent
    (same BSN, else same names) with a reported field that differs, with the stored parent; a
    new one, with None.
    What the page shows and what confirming stores are these same pairs."""
    bestaand = list(leerling.ouders.all())
    paren: list[tuple[Ouder | None, dict[str, Any]]] = []
    for ouder in ouders:
        oud = vind_ouder(bestaand, ouder)
        waarden = ouder_waarden(ouder)
        if oud is None or any(getattr(oud, v) != w for v, w in waarden.items()):
            paren.append((oud, ouder))
    return paren


def _ouder_tekst(waarden: dict[str, Any]) -> str:
    """A parent's reported phone and e-mail, then its other filled-in fields with their label."""
    delen = [str(waarden.get(v) or "") for v in ("telefoon", "email")]
    for veld, waarde in waarden.items():
        if veld not in ("telefoon", "email"):
            label = getattr(Ouder._meta.get_field(veld), "verbose_name", veld)
            delen.append(f"{label}: {_tekst(waarde)}")
    return ", ".join(d for d in delen if d)


def _tekst(waarde: Any) -> str:
    if isinstance(waarde, bool):  # adres_afgeschermd
        return str(_("yes") if waarde else _("no"))
    if isinstance(waarde, date):
        return f"{waarde:%d-%m-%Y}"
    return str(waarde) if waarde not in (None, "") else "—"


def bevestig_verhuismelding(
    *,
    verhuismelding: Verhuismelding,
    door: Medewerker,
    toelichting: str = "",
    gezien: str | None = None,
) -> Leerling:
    """The pupil's current Leerplicht confirms the move: the changes shown (toe_te_passen; with
    change history naming `door`) are applied, the pupil now lives in the new municipality,
    another open report about her lapses, and regie hears of it (signals.leerling_verhuisd) in
    the same transaction. `gezien`: the versie() the decider saw."""
    with transaction.atomic(), set_actor(door):
        melding = _vergrendeld(Verhuismelding, verhuismelding, gezien)
        leerling = Leerling.objects.select_for_update().get(pk=melding.leerling_id)
        if leerling.woongemeente_id != melding.van_gemeente_id:
            raise KanNiet(_("The pupil no longer lives in the municipality this report is for."))
        van_gemeente = leerling.woongemeente
        for veld, waarde in toe_te_passen(melding, leerling).items():
            setattr(leerling, veld, waarde)
        try:
            with transaction.atomic():
                leerling.save()
        except IntegrityError:
            raise KanNiet(
                _(
                    "This move cannot be applied: its BSN or education number now belongs to "
                    "another pupil. Reject it with an explanation."
                )
            ) from None
        _bewaar_ouders(leerling, melding.gegevens.get("ouders", []))
        _afgehandeld(melding, status=Bevestiging.BEVESTIGD, door=door, toelichting=toelichting)
        Verhuismelding.objects.filter(leerling=leerling, status=Bevestiging.OPEN).update(
            status=Bevestiging.VERVALLEN, behandeld_op=timezone.now()
        )
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


def _bewaar_ouders(leerling: Leerling, ouders: list[dict[str, Any]]) -> None:
    """As the import does: a known parent gets the reported fields updated (ouder_waarden),
    a new one is added as carer; nobody is removed."""
    for oud, ouder in _ouderwijzigingen(leerling, ouders):
        if oud is None:
            Ouder.objects.create(leerling=leerling, relatie=Ouder.Relatie.VERZORGER, **ouder)
        else:
            waarden = ouder_waarden(ouder)
            for veld, waarde in waarden.items():
                setattr(oud, veld, waarde)
            oud.save(update_fields=list(waarden))


def wijs_verhuismelding_af(
    *, verhuismelding: Verhuismelding, door: Medewerker, toelichting: str, gezien: str | None = None
) -> Verhuismelding:
    """The pupil's current Leerplicht rejects the move with a reason the reporting
    municipality reads; nothing about the pupil changes."""
    with transaction.atomic(), set_actor(door):
        melding = _vergrendeld(Verhuismelding, verhuismelding, gezien)
        _afgehandeld(melding, status=Bevestiging.AFGEWEZEN, door=door, toelichting=toelichting)
    return melding


def bevestig_inschrijving(
    *,
    verzoek: InschrijvingTerBevestiging,
    door: Medewerker,
    toelichting: str = "",
    gezien: str | None = None,
) -> Inschrijving:
    """Leerplicht confirms the enrolment: it is stored (or the stored one gets the end date),
    with change history naming `door`; from now on the school sees the pupil."""
    with transaction.atomic(), set_actor(door):
        vers = _vergrendeld(InschrijvingTerBevestiging, verzoek, gezien)
        inschrijving, _nieuw = Inschrijving.objects.update_or_create(
            leerling_id=vers.leerling_id,
            school_id=vers.school_id,
            begindatum=vers.begindatum,
            defaults={"einddatum": vers.einddatum},
        )
        _afgehandeld(vers, status=Bevestiging.BEVESTIGD, door=door, toelichting=toelichting)
    return inschrijving


def wijs_inschrijving_af(
    *,
    verzoek: InschrijvingTerBevestiging,
    door: Medewerker,
    toelichting: str,
    gezien: str | None = None,
) -> InschrijvingTerBevestiging:
    with transaction.atomic(), set_actor(door):
        vers = _vergrendeld(InschrijvingTerBevestiging, verzoek, gezien)
        _afgehandeld(vers, status=Bevestiging.AFGEWEZEN, door=door, toelichting=toelichting)
    return vers
