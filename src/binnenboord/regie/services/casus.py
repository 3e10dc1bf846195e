# SPDX-License-Identifier: EUPL-1.2
"""Writes of cases: opening (from a signal, a melding or by hand), transferring regie, adding
participants, plan versions with optimistic locking, actions, contact moments, model steps,
closing with a passend aanbod and reopening. Each service owns its transaction, locks the case
row, and writes the case's history (CasusGebeurtenis) in the same transaction. The messages of
the exceptions are Dutch: the views show them as they are."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from binnenboord.registratie.models import Leerling
from binnenboord.signalering.models import Melding, Signaal
from binnenboord.signalering.services import handel_af
from binnenboord.toegang.models import Medewerker, Rol
from binnenboord.toegang.rules import casus_scope

from .configuratie import aanpak_van, aanpakken
from .models import (
    Actie,
    Casus,
    CasusGebeurtenis,
    Contactmoment,
    Deelnemer,
    MedischeInhoud,
    PlanVanAanpak,
    RegieOverdracht,
)

# Roles that can hold regie or take part in a case; policy staff and the administrator never.
CASUSROLLEN = frozenset(Rol.values) - {Rol.BELEIDSMEDEWERKER, Rol.FUNCTIONEEL_BEHEERDER}
# A transfer to one of these roles is the model step "regie_overgedragen" (Amsterdam phase 2:
# Leerplicht takes over, or a gezinsmanager instead).
REGIE_OVERGEDRAGEN = "regie_overgedragen"
ROLLEN_OVERNAME = frozenset({Rol.LEERPLICHTAMBTENAAR, Rol.GEZINSWERKER})
HUISBEZOEK = "huisbezoek"
PLAN_VAN_AANPAK = "plan_van_aanpak"

Soort = CasusGebeurtenis.Soort


class CasusNietMogelijk(ValueError):
    """The change is not possible in the case's current state; the message says why."""


class PlanVerouderd(CasusNietMogelijk):
    """The plan was saved by someone else since the version this change was based on."""

    def __init__(self, huidige_versie: int) -> None:
        self.huidige_versie = huidige_versie
        super().__init__(
            "Het plan van aanpak is intussen door iemand anders opgeslagen (nu versie "
            f"{huidige_versie}). Uw wijziging is niet opgeslagen: bekijk de nieuwe versie en "
            "breng uw wijziging daarin opnieuw aan."
        )


def _systeemtekst(tekst: str, **waarden: Any) -> str:
    """History is stored in the default language, whoever writes it."""
    with translation.override(settings.LANGUAGE_CODE):
        return _(tekst) % waarden


def _gebeurtenis(
    casus: Casus,
    soort: str,
    door: Any,
    toelichting: str = "",
    *,
    stap: str = "",
    datum: date | None = None,
    tijdstip: datetime | None = None,
) -> CasusGebeurtenis:
    return CasusGebeurtenis.objects.create(
        casus=casus,
        soort=soort,
        wie=door,
        toelichting=toelichting,
        stap=stap,
        datum=datum,
        tijdstip=tijdstip,
    )


def _vergrendel(casus: Casus, *, open_: bool | None = True) -> Casus:
    """The case row, locked for the rest of the transaction; refuses a closed case (or an
    open one when `open_` is False)."""
    casus = Casus.objects.select_for_update().get(pk=casus.pk)
    if open_ is True and not casus.is_open:
        raise CasusNietMogelijk("Deze casus is gesloten; heropen hem eerst.")
    if open_ is False and casus.is_open:
        raise CasusNietMogelijk("Deze casus is al open.")
    return casus


def _vergrendel_leerling(pk: int) -> None:
    """Lock the pupil's row: two openings (or reopenings) for one pupil wait for each other,
    so the check for an open case holds until the transaction ends."""
    list(Leerling.objects.select_for_update().filter(pk=pk).values_list("pk", flat=True))


def _ziet_casus(medewerker: Medewerker, casus: Casus) -> bool:
    return Casus.objects.filter(casus_scope(medewerker), pk=casus.pk).exists()


def is_technisch_account(medewerker: Any) -> bool:
    """Whether `medewerker` is the technical account of an API token (api.ApiToken): a system,
    not a person; it never directs, takes part in, chairs or carries out anything."""
    return bool(
        medewerker is not None
        and Medewerker.objects.filter(pk=medewerker.pk, api_token__isnull=False).exists()
    )


def _kan_betrokken_zijn(medewerker: Any) -> bool:
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
) -> Casus:
    """Open the case of `leerling`, from a signal (which is then handled as "casus"), from a
    melding, or by hand. The start is the first day of the signal's episode, the melding's
    start of absence (or the day it was sent), or given. The regisseur is `door` unless
    another is named; the model comes from configuration by the pupil's home municipality."""
    if signaal is not None and signaal.leerling_id != leerling.pk:
        raise CasusNietMogelijk("Het signaal hoort niet bij deze leerling.")
    if melding is not None and melding.leerling_id != leerling.pk:
        raise CasusNietMogelijk("De melding hoort niet bij deze leerling.")
    if start is None:
        start = _start_uit(signaal, melding)
    regisseur = regisseur or door
    if not _kan_betrokken_zijn(regisseur):
        raise CasusNietMogelijk("Deze medewerker kan geen regisseur zijn.")
    if aanpak is None:
        aanpak = aanpak_van(leerling)
    if aanpak not in aanpakken():
        raise CasusNietMogelijk(f"Onbekende aanpak {aanpak!r}.")
    # one open case per pupil: lock the pupil so two openings wait for each other
    _vergrendel_leerling(leerling.pk)
    if Casus.objects.filter(leerling=leerling, status=Casus.Status.OPEN).exists():
        raise CasusNietMogelijk("Deze leerling heeft al een open casus.")
    if signaal is not None:
        # handles the signal first: one already handled (by someone else) stops here
        handel_af(signaal=signaal, door=door, afhandeling=Signaal.Afhandeling.CASUS)
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
    tekst = _systeemtekst(
        gettext_noop("Case director: %(regisseur)s; model: %(aanpak)s."),
        regisseur=regisseur,
        aanpak=aanpakken()[aanpak].naam,
    )
    if toelichting.strip():
        tekst = f"{tekst} {toelichting.strip()}"
    _gebeurtenis(casus, Soort.GEOPEND, door, tekst, datum=start)
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
    casus = _vergrendel(casus)
    if aan.pk == casus.regisseur_id:
        raise CasusNietMogelijk("Deze medewerker heeft de regie al.")
    if not _kan_betrokken_zijn(aan):
        raise CasusNietMogelijk("Deze medewerker kan geen regisseur zijn.")
    datum = datum or timezone.localdate()
    van = casus.regisseur
    casus.regisseur = aan
    casus.save(update_fields=["regisseur"])
    if not _ziet_casus(aan, casus):
        # the access rules would hide the case from its own regisseur (e.g. another school)
        raise CasusNietMogelijk(
            "Deze medewerker mag de casus niet zien en kan geen regisseur zijn."
        )
    RegieOverdracht.objects.create(
        casus=casus, datum=datum, van=van, naar=aan, reden=reden, door=door
    )
    _gebeurtenis(
        casus,
        Soort.REGIE_OVERGEDRAGEN,
        door,
        _systeemtekst(
            gettext_noop("From %(van)s to %(naar)s: %(reden)s"), van=van, naar=aan, reden=reden
        ),
        stap=REGIE_OVERGEDRAGEN if aan.rol in ROLLEN_OVERNAME else "",
        datum=datum,
    )
    return casus


@transaction.atomic
def voeg_deelnemer_toe(
    *,
    casus: Casus,
    door: Medewerker,
    soort: str,
    medewerker: Medewerker | None = None,
    ouder: Any = None,
    naam: str = "",
    organisatie: str = "",
    rol: str = "",
    visie: str = "",
    casusverantwoordelijke_zorg: bool = False,
) -> Deelnemer:
    """Add a participant: a professional with an account (who from now on sees the case), an
    external person, a parent or the pupil, with their role and view. Only one participant is
    the casusverantwoordelijke zorg."""
    casus = _vergrendel(casus)
    if soort == Deelnemer.Soort.PROFESSIONAL:
        if not _kan_betrokken_zijn(medewerker):
            raise CasusNietMogelijk("Deze medewerker kan niet deelnemen aan een casus.")
        if casus.deelnemers.filter(medewerker=medewerker).exists():
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
    deelnemer = Deelnemer.objects.create(
        casus=casus,
        soort=soort,
        medewerker=medewerker,
        ouder=ouder,
        naam=naam.strip(),
        organisatie=organisatie.strip(),
        rol=rol.strip(),
        visie=visie.strip(),
        casusverantwoordelijke_zorg=casusverantwoordelijke_zorg,
        toegevoegd_door=door,
    )
    if medewerker is not None and not _ziet_casus(medewerker, casus):
        raise CasusNietMogelijk("Deze medewerker mag de casus niet zien en kan niet deelnemen.")
    with translation.override(settings.LANGUAGE_CODE):
        beschrijving = f"{deelnemer} ({deelnemer.get_soort_display()}"
        beschrijving += f", {deelnemer.rol})" if deelnemer.rol else ")"
    _gebeurtenis(casus, Soort.DEELNEMER_TOEGEVOEGD, door, beschrijving)
    return deelnemer


def huidige_planversie(casus: Casus) -> int:
    """The number of the newest plan version; 0 when there is none."""
    laatste = casus.planversies.order_by("-versie").values_list("versie", flat=True).first()
    return laatste or 0


@transaction.atomic
def sla_plan_op(
    *,
    casus: Casus,
    door: Medewerker,
    basis_versie: int,
    doel: str,
    afspraken: str = "",
    visie_ouders: str = "",
    visie_leerling: str = "",
    leerling_gehoord: bool = False,
    akkoord_ouders: bool = False,
    akkoord_leerling: bool = False,
) -> PlanVanAanpak:
    """Save a new version of the plan, based on version `basis_versie` (0: the first plan).
    Optimistic locking: when someone saved a newer version meanwhile, nothing is saved and
    PlanVerouderd says so. The first version is the model step "plan_van_aanpak"."""
    casus = _vergrendel(casus)
    huidig = huidige_planversie(casus)
    if basis_versie != huidig:
        raise PlanVerouderd(huidig)
    if not doel.strip():
        raise CasusNietMogelijk("Het plan van aanpak heeft een doel nodig.")
    plan = PlanVanAanpak.objects.create(
        casus=casus,
        versie=huidig + 1,
        doel=doel.strip(),
        afspraken=afspraken.strip(),
        visie_ouders=visie_ouders.strip(),
        visie_leerling=visie_leerling.strip(),
        leerling_gehoord=leerling_gehoord,
        akkoord_ouders=akkoord_ouders,
        akkoord_leerling=akkoord_leerling,
        gemaakt_door=door,
    )
    _gebeurtenis(
        casus,
        Soort.PLAN_OPGESLAGEN,
        door,
        _systeemtekst(gettext_noop("Version %(versie)d."), versie=plan.versie),
        stap=PLAN_VAN_AANPAK,
        datum=timezone.localdate(),
    )
    return plan


@transaction.atomic
def voeg_actie_toe(
    *,
    casus: Casus,
    door: Medewerker,
    wat: str,
    uiterlijk: date,
    wie: Medewerker | None = None,
    wie_naam: str = "",
) -> Actie:
    """Add an action (who does what by when) to the case's current plan version."""
    casus = _vergrendel(casus)
    if wie is None and not wie_naam.strip():
        raise CasusNietMogelijk("Geef aan wie de actie uitvoert.")
    if wie is not None and not _kan_betrokken_zijn(wie):
        raise CasusNietMogelijk("Deze medewerker kan geen actie uitvoeren.")
    if not wat.strip():
        raise CasusNietMogelijk("Geef aan wat er moet gebeuren.")
    actie = Actie.objects.create(
        casus=casus,
        plan=casus.planversies.order_by("-versie").first(),
        wie=wie,
        wie_naam="" if wie is not None else wie_naam.strip(),
        wat=wat.strip(),
        uiterlijk=uiterlijk,
        aangemaakt_door=door,
    )
    _gebeurtenis(
        casus,
        Soort.ACTIE_TOEGEVOEGD,
        door,
        _systeemtekst(
            gettext_noop("%(wie)s: %(wat)s (by %(uiterlijk)s)"),
            wie=actie.uitvoerder,
            wat=actie.wat,
            uiterlijk=f"{uiterlijk:%d-%m-%Y}",
        ),
    )
    return actie


@transaction.atomic
def rond_actie_af(
    *, actie: Actie, door: Medewerker, status: str = Actie.Status.GEDAAN, op: date | None = None
) -> Actie:
    """Mark an open action done (or cancelled) on `op` (today by default)."""
    _vergrendel(actie.casus)
    actie = Actie.objects.select_for_update().get(pk=actie.pk)
    if actie.status != Actie.Status.OPEN:
        raise CasusNietMogelijk("Deze actie is al afgerond.")
    if status not in (Actie.Status.GEDAAN, Actie.Status.VERVALLEN):
        raise CasusNietMogelijk("Een actie wordt gedaan of vervalt.")
    actie.status = status
    actie.gedaan_op = op or timezone.localdate()
    actie.save(update_fields=["status", "gedaan_op"])
    with translation.override(settings.LANGUAGE_CODE):
        toelichting = f"{actie.get_status_display()}: {actie.wat}"
    _gebeurtenis(
        actie.casus,
        Soort.ACTIE_AFGEROND,
        door,
        toelichting,
        datum=actie.gedaan_op,
    )
    return actie


@transaction.atomic
def registreer_contactmoment(
    *,
    casus: Casus,
    door: Medewerker,
    soort: str,
    datum: date,
    verslag: str,
    met: Iterable[str] = (),
    advies_regisseur: str = "",
) -> Contactmoment:
    """Record a conversation, phone call, home visit or letter. A home visit is also the model
    step "huisbezoek" on its date. A youth doctor's notes are medical: they are kept as
    MedischeInhoud (only youth doctors of the writer's organisation read them), never as the
    contact's shared notes; `advies_regisseur` is the youth doctor's short, non-medical advice
    for the case director."""
    casus = _vergrendel(casus)
    if datum > timezone.localdate():
        raise CasusNietMogelijk("Een contactmoment ligt niet in de toekomst.")
    if not verslag.strip():
        raise CasusNietMogelijk("Een contactmoment heeft een verslag nodig.")
    jeugdarts = door.rol == Rol.JEUGDARTS
    if advies_regisseur.strip() and not jeugdarts:
        raise CasusNietMogelijk("Alleen de jeugdarts geeft een advies voor de regisseur.")
    contact = Contactmoment.objects.create(
        casus=casus,
        soort=soort,
        datum=datum,
        met=list(met),
        verslag="" if jeugdarts else verslag.strip(),
        advies_regisseur=advies_regisseur.strip(),
        door=door,
    )
    if jeugdarts:
        leg_medisch_vast(casus=casus, door=door, tekst=verslag, contactmoment=contact)
    with translation.override(settings.LANGUAGE_CODE):
        toelichting = str(contact)
    _gebeurtenis(
        casus,
        Soort.CONTACTMOMENT,
        door,
        toelichting,
        stap=HUISBEZOEK if soort == Contactmoment.Soort.HUISBEZOEK else "",
        datum=datum,
    )
    return contact


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
    at `tijdstip` when a deadline counts in hours."""
    casus = _vergrendel(casus)
    if not stap:
        raise CasusNietMogelijk("Kies een stap.")
    if datum > timezone.localdate():
        raise CasusNietMogelijk("Een stap kan niet in de toekomst zijn gedaan.")
    if tijdstip is not None and timezone.localdate(tijdstip) != datum:
        raise CasusNietMogelijk("Het tijdstip valt niet op de datum van de stap.")
    return _gebeurtenis(
        casus,
        Soort.STAP_GEDAAN,
        door,
        toelichting.strip(),
        stap=stap,
        datum=datum,
        tijdstip=tijdstip,
    )


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
    casus = _vergrendel(casus)
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
    _gebeurtenis(
        casus,
        Soort.GESLOTEN,
        door,
        _systeemtekst(
            gettext_noop("%(aanbod)s on %(op)s; lead time %(dagen)d days. %(opmerking)s"),
            aanbod=casus.get_passend_aanbod_display(),
            op=f"{op:%d-%m-%Y}",
            dagen=casus.doorlooptijd or 0,
            opmerking=casus.opmerking_afsluiting,
        ).strip(),
        datum=op,
    )
    return casus


@transaction.atomic
def heropen_casus(*, casus: Casus, door: Medewerker, reden: str) -> Casus:
    """Reopen a closed case (the passend aanbod did not hold). The earlier outcome stays in the
    history; the pupil may not have another open case."""
    reden = reden.strip()
    if not reden:
        raise CasusNietMogelijk("Heropenen heeft een reden nodig.")
    casus = _vergrendel(casus, open_=False)
    _vergrendel_leerling(casus.leerling_id)
    if Casus.objects.filter(leerling_id=casus.leerling_id, status=Casus.Status.OPEN).exists():
        raise CasusNietMogelijk("Deze leerling heeft al een andere open casus.")
    vorig = _systeemtekst(
        gettext_noop("Earlier outcome: %(aanbod)s on %(op)s. Reason: %(reden)s"),
        aanbod=casus.get_passend_aanbod_display(),
        op=f"{casus.passend_aanbod_op:%d-%m-%Y}",
        reden=reden,
    )
    casus.status = Casus.Status.OPEN
    casus.passend_aanbod = ""
    casus.passend_aanbod_op = None
    casus.opmerking_afsluiting = ""
    casus.save(
        update_fields=["status", "passend_aanbod", "passend_aanbod_op", "opmerking_afsluiting"]
    )
    _gebeurtenis(casus, Soort.HEROPEND, door, vorig, datum=timezone.localdate())
    leerling = Leerling.objects.select_related("woongemeente").get(pk=casus.leerling_id)
    if leerling.woongemeente_id != casus.gemeente_id:
        # the pupil lives elsewhere by now (a handover lapsed when she moved on): the reopened
        # case awaits a handover to where she lives
        from .services_verhuizing import bied_overdracht_aan

        bied_overdracht_aan(casus=casus, naar_gemeente=leerling.woongemeente, door=door)
    return casus


def leg_medisch_vast(
    *,
    casus: Casus,
    door: Medewerker,
    tekst: str,
    contactmoment: Any = None,
    mazladvies: Any = None,
) -> MedischeInhoud:
    """Stores what a youth doctor wrote as medical, apart from what the case shows, for the
    youth doctors of `door`'s organisation only (toegang.rules.medisch_zichtbaar). The caller
    holds the case's transaction."""
    if door.organisatie_id is None:
        raise CasusNietMogelijk("Een jeugdarts zonder organisatie legt geen medische inhoud vast.")
    return MedischeInhoud.objects.create(
        casus=casus,
        contactmoment=contactmoment,
        mazladvies=mazladvies,
        tekst=tekst.strip(),
        door=door,
        organisatie_id=door.organisatie_id,
    )
