# SPDX-License-Identifier: EUPL-1.2
"""Writes of a case as a whole: opening (from a signal, a melding or by hand), transferring
regie, adding participants, model steps, closing with a passend aanbod and reopening; and what
the other services share: the error CasusNietMogelijk, locking the case row
(`vergrendel_casus`) and the pupil's row (`vergrendel_leerling`), and who can be involved in a
case. Each service owns its transaction, locks the case row, and writes the case's history
(regie.geschiedenis) in the same transaction. The messages of the exceptions are Dutch: the
views show them as they are."""

from __future__ import annotations

from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from binnenboord.notificaties.services import notificeer
from binnenboord.registratie.models import Leerling, Ouder
from binnenboord.signalering.models import Melding, Signaal
from binnenboord.signalering.services.melding import behandel_melding
from binnenboord.signalering.services.signaal import handel_af
from binnenboord.toegang.models import TECHNISCH_ACCOUNT, Medewerker, Rol
from binnenboord.toegang.rules import hoort_bij_leerplicht

from .. import geschiedenis
from ..configuratie import aanpak_van, aanpakken
from ..models import Casus, CasusGebeurtenis, Deelnemer, RegieOverdracht
from ..selectors.casus import CASUSROLLEN, ziet_casus
from . import signalen as _signalen

# A transfer to one of these roles is the model step "regie_overgedragen" (Amsterdam phase 2:
# Leerplicht takes over, or a gezinsmanager instead).
REGIE_OVERGEDRAGEN = "regie_overgedragen"
ROLLEN_OVERNAME = frozenset({Rol.LEERPLICHTAMBTENAAR, Rol.GEZINSWERKER})


class CasusNietMogelijk(ValueError):
    """The change is not possible in the case's current state; the message says why."""


# Events of a model only some people may record (docs/aanpakken.md, "Utrecht: kernpartners"): the
# Utrecht Interventieteam is engaged (early) by a teammanager or by Leerplicht, not by whoever
# takes part in the case. event code -> the message for anyone else.
VOORBEHOUDEN_STAPPEN: dict[str, str] = {
    "interventieteam": (
        "Alleen een teammanager of Leerplicht kan het Interventieteam inschakelen."
    ),
}


def mag_stap_vastleggen(medewerker: Medewerker, stap: str) -> bool:
    """Whether `medewerker` may record the step or event `stap` (VOORBEHOUDEN_STAPPEN): the
    Interventieteam only by a teammanager (of any organisation) or Leerplicht."""
    if stap not in VOORBEHOUDEN_STAPPEN:
        return True
    if medewerker.rol == Rol.TEAMMANAGER:
        return True
    return medewerker.organisatie_id is not None and hoort_bij_leerplicht(medewerker)


def vergrendel_casus(casus: Casus, *, open_: bool | None = True) -> Casus:
    """The case row, locked for the rest of the transaction; refuses a closed case (or an
    open one when `open_` is False)."""
    casus = Casus.objects.select_for_update().get(pk=casus.pk)
    if open_ is True and not casus.is_open:
        raise CasusNietMogelijk("Deze casus is gesloten; heropen hem eerst.")
    if open_ is False and casus.is_open:
        raise CasusNietMogelijk("Deze casus is al open.")
    return casus


def vergrendel_leerling(pk: int) -> None:
    """Lock the pupil's row: two openings (or reopenings) for one pupil wait for each other,
    so the check for an open case holds until the transaction ends."""
    list(Leerling.objects.select_for_update().filter(pk=pk).values_list("pk", flat=True))


def is_technisch_account(medewerker: Medewerker | None) -> bool:
    """Whether `medewerker` is the technical account of an API token (api.ApiToken): a system,
    not a person; it never directs, takes part in, chairs or carries out anything."""
    return bool(
        medewerker is not None
        and Medewerker.objects.filter(TECHNISCH_ACCOUNT, pk=medewerker.pk).exists()
    )


def kan_betrokken_zijn(medewerker: Medewerker | None) -> bool:
    return bool(
        medewerker is not None
        and medewerker.is_active
        and medewerker.heeft_passende_rol
        and medewerker.rol in CASUSROLLEN
        and not is_technisch_account(medewerker)
    )


@transaction.atomic
def open_casus(
    *,
    leerling: Leerling,
    door: Medewerker,
    start: date | None = None,
    signaal: Signaal | None = None,
    melding: Melding | None = None,
    regisseur: Medewerker | None = None,
    aanpak: str | None = None,
    toelichting: str = "",
    spreekuurreden: str = "",
) -> Casus:
    """Open the case of `leerling`, from a signal (which is then handled as "casus"), from a
    melding, from a referral to the consultation hour (`spreekuurreden`: the school's reason)
    or by hand. The start is the first day of the signal's episode, the melding's start of
    absence (or the day it was sent), or given. The regisseur is `door` unless another is
    named; the model comes from configuration by the pupil's home municipality."""
    if signaal is not None and signaal.leerling_id != leerling.pk:
        raise CasusNietMogelijk("Het signaal hoort niet bij deze leerling.")
    if melding is not None and melding.leerling_id != leerling.pk:
        raise CasusNietMogelijk("De melding hoort niet bij deze leerling.")
    if start is None:
        start = _start_uit(signaal, melding)
    regisseur = regisseur or door
    if not kan_betrokken_zijn(regisseur):
        raise CasusNietMogelijk("Deze medewerker kan geen regisseur zijn.")
    if aanpak is None:
        aanpak = aanpak_van(leerling)
    if aanpak not in aanpakken():
        raise CasusNietMogelijk(f"Onbekende aanpak {aanpak!r}.")
    # one open case per pupil: lock the pupil so two openings wait for each other
    vergrendel_leerling(leerling.pk)
    if Casus.objects.filter(leerling=leerling, status=Casus.Status.OPEN).exists():
        raise CasusNietMogelijk("Deze leerling heeft al een open casus.")
    if signaal is not None:
        # handles the signal first: one already handled (by someone else) stops here
        handel_af(signaal=signaal, door=door, afhandeling=Signaal.Afhandeling.CASUS)
    if (
        melding is not None
        and not melding.status
        and melding.verzonden_op is not None
        and door.has_perm("signalering.handle_melding", melding)
    ):
        # a sent report not yet handled: Leerplicht takes it up with the case (art. 14 m)
        behandel_melding(
            melding=melding, door=door, gegevens={"status": Melding.Status.IN_BEHANDELING}
        )
    try:
        with transaction.atomic():
            casus = Casus.objects.create(
                leerling=leerling,
                gemeente_id=leerling.woongemeente_id,
                aanpak=aanpak,
                start=start,
                signaal=signaal,
                melding=melding,
                regisseur=regisseur,
                geopend_door=door,
            )
    except IntegrityError as fout:
        raise CasusNietMogelijk("Deze leerling heeft al een open casus.") from fout
    geschiedenis.geopend(
        casus,
        door=door,
        regisseur=regisseur,
        aanpak=aanpak,
        toelichting=toelichting.strip(),
        spreekuurreden=spreekuurreden.strip(),
    )
    _signalen.sluit_signalen_bij_opening(casus, door=door)
    return casus


def _start_uit(signaal: Signaal | None, melding: Melding | None) -> date:
    if signaal is not None:
        return signaal.van
    if melding is not None:
        if melding.begindatum is not None:
            return melding.begindatum
        moment = melding.verzonden_op or melding.aangemaakt_op
        return timezone.localdate(moment)
    raise CasusNietMogelijk("Geef de startdatum van de casus.")


@transaction.atomic
def draag_regie_over(
    *, casus: Casus, aan: Medewerker, door: Medewerker, reden: str, datum: date | None = None
) -> Casus:
    """Transfer regie to `aan`: the case has exactly one regisseur before and after, and the
    transfer is recorded with date, from, to, reason and who did it. The new regisseur must be
    someone who may see the case."""
    reden = reden.strip()
    if not reden:
        raise CasusNietMogelijk("Een overdracht van de regie heeft een reden nodig.")
    casus = vergrendel_casus(casus)
    if aan.pk == casus.regisseur_id:
        raise CasusNietMogelijk("Deze medewerker heeft de regie al.")
    if not kan_betrokken_zijn(aan):
        raise CasusNietMogelijk("Deze medewerker kan geen regisseur zijn.")
    datum = datum or timezone.localdate()
    van = casus.regisseur
    casus.regisseur = aan
    casus.save(update_fields=["regisseur"])
    if not ziet_casus(aan, casus):
        # the access rules would hide the case from its own regisseur (e.g. another school)
        raise CasusNietMogelijk(
            "Deze medewerker mag de casus niet zien en kan geen regisseur zijn."
        )
    RegieOverdracht.objects.create(
        casus=casus, datum=datum, van=van, naar=aan, reden=reden, door=door
    )
    geschiedenis.regie_overgedragen(
        casus,
        door=door,
        van=van,
        naar=aan,
        reden=reden,
        datum=datum,
        stap=REGIE_OVERGEDRAGEN if aan.rol in ROLLEN_OVERNAME else "",
    )
    return casus


@transaction.atomic
def voeg_deelnemer_toe(
    *,
    casus: Casus,
    door: Medewerker,
    soort: str,
    medewerker: Medewerker | None = None,
    ouder: Ouder | None = None,
    naam: str = "",
    organisatie: str = "",
    rol: str = "",
    visie: str = "",
    casusverantwoordelijke_zorg: bool = False,
) -> Deelnemer:
    """Add a participant: a professional with an account (who from now on sees the case), an
    external person, a parent or the pupil, with their role and view. Only one participant is
    the casusverantwoordelijke zorg."""
    casus = vergrendel_casus(casus)
    eerder: Deelnemer | None = None
    if soort == Deelnemer.Soort.PROFESSIONAL:
        if not kan_betrokken_zijn(medewerker):
            raise CasusNietMogelijk("Deze medewerker kan niet deelnemen aan een casus.")
        eerder = casus.deelnemers.filter(medewerker=medewerker).first()
        if eerder is not None and eerder.beeindigd_op is None:
            raise CasusNietMogelijk("Deze medewerker neemt al deel aan de casus.")
    else:
        medewerker = None
    if ouder is not None and ouder.leerling_id != casus.leerling_id:
        raise CasusNietMogelijk("Deze ouder hoort niet bij de leerling.")
    if soort in (Deelnemer.Soort.EXTERN, Deelnemer.Soort.OUDER) and not (naam.strip() or ouder):
        raise CasusNietMogelijk("Geef de naam van de deelnemer.")
    if (
        casusverantwoordelijke_zorg
        and casus.deelnemers.filter(casusverantwoordelijke_zorg=True).exists()
    ):
        raise CasusNietMogelijk("Deze casus heeft al een casusverantwoordelijke zorg.")
    velden = {
        "soort": soort,
        "medewerker": medewerker,
        "ouder": ouder,
        "naam": naam.strip(),
        "organisatie": organisatie.strip(),
        "rol": rol.strip(),
        "visie": visie.strip(),
        "casusverantwoordelijke_zorg": casusverantwoordelijke_zorg,
        "toegevoegd_door": door,
        "grond": Deelnemer.Grond.TOEGEVOEGD,
        "beeindigd_op": None,
    }
    if eerder is not None:
        # one row per person: an ended participation is taken up again, added by a person
        for veld, waarde in velden.items():
            setattr(eerder, veld, waarde)
        eerder.save(update_fields=list(velden))
        deelnemer = eerder
    else:
        deelnemer = Deelnemer.objects.create(casus=casus, **velden)
    if medewerker is not None and not ziet_casus(medewerker, casus):
        raise CasusNietMogelijk("Deze medewerker mag de casus niet zien en kan niet deelnemen.")
    geschiedenis.deelnemer_toegevoegd(casus, door=door, deelnemer=deelnemer)
    if medewerker is not None:
        notificeer(
            [medewerker],
            "deelnemer_toegevoegd",
            url=reverse("regie:casus", args=[casus.pk]),
            gegevens={"casus": casus.pk},
            sleutel=f"deelnemer:{deelnemer.pk}:{timezone.now():%Y%m%d%H%M%S%f}",
            door=door,
        )
    return deelnemer


@transaction.atomic
def registreer_stap(
    *,
    casus: Casus,
    door: Medewerker,
    stap: str,
    datum: date,
    tijdstip: datetime | None = None,
    toelichting: str = "",
) -> CasusGebeurtenis:
    """Record that a step or event of the escalation model (its code) happened on `datum`,
    at `tijdstip` when a deadline counts in hours. An aftercare step (kern.aanpak.Aanpak.nazorg)
    is recorded on the closed case. Some events only certain people may record
    (mag_stap_vastleggen)."""
    nazorg = {s.code for s in aanpakken()[casus.aanpak].nazorg}
    casus = vergrendel_casus(casus, open_=None if stap in nazorg else True)
    controleer_stap(stap, datum, tijdstip)
    if not mag_stap_vastleggen(door, stap):
        raise CasusNietMogelijk(VOORBEHOUDEN_STAPPEN[stap])
    gebeurtenis = geschiedenis.stap_gedaan(
        casus, door=door, stap=stap, datum=datum, tijdstip=tijdstip, toelichting=toelichting.strip()
    )
    from .escalatie import escalatiecodes, escaleer

    if stap in escalatiecodes(casus):
        # the escalation event of the model: the body takes the case (docs/samenwerken.md)
        escaleer(casus, orgaan=stap, door=door, datum=datum)
    return gebeurtenis


def controleer_stap(stap: str, datum: date, tijdstip: datetime | None = None) -> None:
    """What every recorded model step holds to: a step, not in the future, and a moment on its
    day. Services that record a step with a history of their own check it here."""
    if not stap:
        raise CasusNietMogelijk("Kies een stap.")
    if datum > timezone.localdate():
        raise CasusNietMogelijk("Een stap kan niet in de toekomst zijn gedaan.")
    if tijdstip is not None and timezone.localdate(tijdstip) != datum:
        raise CasusNietMogelijk("Het tijdstip valt niet op de datum van de stap.")


@transaction.atomic
def sluit_casus(
    *,
    casus: Casus,
    door: Medewerker,
    passend_aanbod: str,
    op: date,
    opmerking: str = "",
) -> Casus:
    """Close the case with the passend aanbod reached on `op`; the doorlooptijd is then known
    (op − start)."""
    casus = vergrendel_casus(casus)
    from .escalatie import beeindig_lopende_escalaties

    if passend_aanbod not in Casus.PassendAanbod.values:
        raise CasusNietMogelijk("Kies het passend aanbod.")
    if op < casus.start:
        raise CasusNietMogelijk("Het passend aanbod kan niet voor de start van de casus liggen.")
    if op > timezone.localdate():
        raise CasusNietMogelijk("Het passend aanbod kan niet in de toekomst liggen.")
    casus.status = Casus.Status.GESLOTEN
    casus.passend_aanbod = passend_aanbod
    casus.passend_aanbod_op = op
    casus.opmerking_afsluiting = opmerking.strip()
    casus.save(
        update_fields=["status", "passend_aanbod", "passend_aanbod_op", "opmerking_afsluiting"]
    )
    geschiedenis.gesloten(casus, door=door)
    # the bodies no longer hold the case, and a participation on an action ends with it: the
    # row ends, so reopening the case later does not hand it back to every former assignee
    beeindig_lopende_escalaties(casus, door=door, reden="De casus is gesloten.")
    Deelnemer.objects.filter(
        casus=casus, grond=Deelnemer.Grond.ACTIE, beeindigd_op__isnull=True
    ).update(beeindigd_op=timezone.now())
    return casus


@transaction.atomic
def heropen_casus(*, casus: Casus, door: Medewerker, reden: str) -> Casus:
    """Reopen a closed case (the passend aanbod did not hold). The earlier outcome stays in the
    history; the pupil may not have another open case."""
    reden = reden.strip()
    if not reden:
        raise CasusNietMogelijk("Heropenen heeft een reden nodig.")
    casus = vergrendel_casus(casus, open_=False)
    vergrendel_leerling(casus.leerling_id)
    if Casus.objects.filter(leerling_id=casus.leerling_id, status=Casus.Status.OPEN).exists():
        raise CasusNietMogelijk("Deze leerling heeft al een andere open casus.")
    aanbod, op = casus.passend_aanbod, casus.passend_aanbod_op
    casus.status = Casus.Status.OPEN
    casus.passend_aanbod = ""
    casus.passend_aanbod_op = None
    casus.opmerking_afsluiting = ""
    casus.save(
        update_fields=["status", "passend_aanbod", "passend_aanbod_op", "opmerking_afsluiting"]
    )
    geschiedenis.heropend(
        casus, door=door, aanbod=aanbod, op=op, reden=reden, datum=timezone.localdate()
    )
    leerling = Leerling.objects.select_related("woongemeente").get(pk=casus.leerling_id)
    if leerling.woongemeente_id != casus.gemeente_id:
        # the pupil lives elsewhere by now (a handover lapsed when she moved on): the reopened
        # case awaits a handover to where she lives
        from .verhuizing import bied_overdracht_aan

        bied_overdracht_aan(casus=casus, naar_gemeente=leerling.woongemeente, door=door)
    return casus
