# SPDX-License-Identifier: EUPL-1.2
"""Meetings and the Leerplichtspreekuur: planning a meeting (and the next of its series), the
agenda proposed from the worklist, recording advice and decision per case with the model
steps it completes and the actions that follow, and referrals to the consultation hour with
their outcome. Each write owns its transaction and writes the case's history
(CasusGebeurtenis) in it, so meetings appear on the case's timeline."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from binnenboord.notificaties.services import notificeer
from binnenboord.registratie.models import Inschrijving, Leerling, School
from binnenboord.toegang.models import Medewerker

from .. import geschiedenis
from ..beoordeling import OPEN_STATUSSEN, beoordeel_casus, stapkeuzes, staplabel
from ..configuratie import aanpakken
from ..models import (
    Actie,
    Agendapunt,
    Casus,
    CasusGebeurtenis,
    Overleg,
    Overlegreeks,
    Overlegsoort,
    Spreekuur,
    Verwijzing,
)
from ..rules import overleg_scope
from ..selectors.casus import zichtbare_casussen
from .casus import (
    CasusNietMogelijk,
    controleer_stap,
    is_technisch_account,
    open_casus,
    vergrendel_casus,
)
from .deelname import overleggen_voor
from .escalatie import escaleer
from .plan import voeg_actie_toe


@dataclass(frozen=True)
class Overlegcodes:
    """What a kind of meeting stands for in the escalation models: the escalation body it is
    (kern.aanpak.Fase.escalatie) and the steps it completes (kern.aanpak.Stap.code)."""

    escalatie: str | None
    stappen: tuple[str, ...]

    @property
    def alle(self) -> tuple[str, ...]:
        return ((self.escalatie,) if self.escalatie else ()) + self.stappen


CODES: dict[str, Overlegcodes] = {
    Overlegsoort.ACTIETAFEL: Overlegcodes(None, ("actietafel",)),
    Overlegsoort.UVO: Overlegcodes(None, ("uvo",)),
    Overlegsoort.TEAMMANAGERSOVERLEG: Overlegcodes("teammanagers", ("besluit_teammanagers",)),
    Overlegsoort.INTERVENTIETEAM: Overlegcodes("interventieteam", ()),
    Overlegsoort.DOORBRAAKOVERLEG: Overlegcodes("doorbraakoverleg", ("inbreng_doorbraakoverleg",)),
    Overlegsoort.KERNPARTNEROVERLEG: Overlegcodes(None, ()),
}


class OverlegNietMogelijk(CasusNietMogelijk):
    """The change to a meeting or consultation hour is not possible; the message says why."""


# --- planning ------------------------------------------------------------------------------


@transaction.atomic
def plan_overleg(
    *,
    soort: str,
    datum: date,
    door: Medewerker,
    leden: Iterable[Medewerker] = (),
    aanvang: time | None = None,
    locatie: str = "",
    voorzitter: Medewerker | None = None,
    voorzitter_naam: str = "",
    externe_leden: str = "",
    interval_weken: int | None = None,
    naam_reeks: str = "",
) -> Overleg:
    """Plan a meeting, organised by `door`'s organisation. With `interval_weken` it is the
    first of a new series (the Doorbraakoverleg: every 3 weeks)."""
    if soort not in Overlegsoort.values:
        raise OverlegNietMogelijk("Kies de soort overleg.")
    leden = list(leden)
    if any(is_technisch_account(m) for m in [*leden, voorzitter] if m is not None):
        raise OverlegNietMogelijk(
            "Een technisch account (API) kan geen voorzitter of lid van een overleg zijn."
        )
    samenstelling: dict[str, Any] = {
        "soort": soort,
        "organisatie": door.organisatie,
        "aanvang": aanvang,
        "locatie": locatie.strip(),
        "voorzitter": voorzitter,
        "voorzitter_naam": voorzitter_naam.strip(),
        "externe_leden": externe_leden.strip(),
        "aangemaakt_door": door,
    }
    reeks = None
    if interval_weken:
        reeks = Overlegreeks.objects.create(
            naam=naam_reeks.strip() or str(Overlegsoort(soort).label),
            interval_weken=interval_weken,
            **samenstelling,
        )
        reeks.leden.set(leden)
    overleg = Overleg.objects.create(datum=datum, reeks=reeks, **samenstelling)
    overleg.leden.set(leden)
    return overleg


@transaction.atomic
def plan_volgend_overleg(*, reeks: Overlegreeks, door: Medewerker) -> Overleg:
    """The next meeting of the series: `interval_weken` after its last one, with the series'
    chair and members. Planning it twice gives the same meeting back."""
    reeks = Overlegreeks.objects.select_for_update().get(pk=reeks.pk)
    laatste = reeks.overleggen.aggregate(laatste=Max("datum"))["laatste"]
    if laatste is None:
        raise OverlegNietMogelijk("Deze reeks heeft nog geen overleg.")
    datum = laatste + timedelta(weeks=reeks.interval_weken)
    overleg = Overleg.objects.create(
        soort=reeks.soort,
        organisatie=reeks.organisatie,
        aanvang=reeks.aanvang,
        locatie=reeks.locatie,
        voorzitter=reeks.voorzitter,
        voorzitter_naam=reeks.voorzitter_naam,
        externe_leden=reeks.externe_leden,
        aangemaakt_door=door,
        datum=datum,
        reeks=reeks,
    )
    overleg.leden.set(reeks.leden.all())
    return overleg


# --- the agenda from the worklist ----------------------------------------------------------


@dataclass(frozen=True)
class Voorstel:
    """A case due for the meeting: why (the code and its label), since or by when, and whether
    it is overdue."""

    casus: Casus
    waarom: str
    label: str
    datum: date
    te_laat: bool


def _voorstel(casus: Casus, codes: Overlegcodes, peildatum: date) -> Voorstel | None:
    beoordeling = beoordeel_casus(casus, peildatum)
    if beoordeling.afgesloten:
        return None
    stappen = [
        s
        for s in beoordeling.stappen
        if s.stap.code in codes.stappen and s.status in OPEN_STATUSSEN and s.termijn is not None
    ]
    if stappen:
        stap = min(stappen, key=lambda s: s.termijn.verloopt_op if s.termijn else date.max)
        assert stap.termijn is not None
        return Voorstel(
            casus=casus,
            waarom=stap.stap.code,
            label=stap.stap.naam,
            datum=stap.termijn.verloopt_op,
            te_laat=stap.status == "verlopen",
        )
    if codes.escalatie and beoordeling.escalatie == codes.escalatie:
        # due since the phase that escalates began: overdue as soon as it is due
        return Voorstel(
            casus=casus,
            waarom=codes.escalatie,
            label=staplabel(casus, codes.escalatie),
            datum=beoordeling.fase_sinds,
            te_laat=beoordeling.fase_sinds < peildatum,
        )
    return None


def stel_agenda_voor(
    overleg: Overleg, *, gebruiker: Medewerker, peildatum: date | None = None
) -> list[Voorstel]:
    """The open cases `gebruiker` may see that are due for this meeting on `peildatum` (the
    meeting's day by default) and not on its agenda yet: the escalation of their phase is this
    meeting's body, or a step this meeting completes is running, near or overdue. The most
    overdue first (earliest deadline). A person confirms which go on the agenda."""
    codes = CODES[overleg.soort]
    if not codes.alle:
        return []
    peildatum = peildatum or overleg.datum
    modellen = [
        code
        for code, aanpak in aanpakken().items()
        if any(
            fase.escalatie in codes.alle or any(s.code in codes.alle for s in fase.stappen)
            for fase in aanpak.fasen
        )
    ]
    kandidaten = (
        zichtbare_casussen(gebruiker)
        .filter(status=Casus.Status.OPEN, aanpak__in=modellen, start__lte=peildatum)
        # only the cases of the municipalities the meeting's organisation serves (agendeer)
        .filter(gemeente__in=overleg.organisatie.gemeenten.all())
        .exclude(agendapunten__overleg=overleg)
        .select_related("leerling", "regisseur", "signaal")
    )
    voorstellen = [v for c in kandidaten if (v := _voorstel(c, codes, peildatum)) is not None]
    return sorted(voorstellen, key=lambda v: (v.datum, v.casus.start, v.casus.pk))


@transaction.atomic
def agendeer(*, overleg: Overleg, casus: Casus, door: Medewerker, waarom: str = "") -> Agendapunt:
    """Put a case on the meeting's agenda (at the end), with the reason it is due."""
    if not zichtbare_casussen(door).filter(pk=casus.pk).exists():
        raise OverlegNietMogelijk("U mag deze casus niet zien.")
    casus = vergrendel_casus(casus)
    overleg = Overleg.objects.select_for_update().get(pk=overleg.pk)
    if not overleggen_voor(casus).filter(pk=overleg.pk).exists():
        # its members would see the case (the published agenda, a follow-up action, the
        # escalation it records): only a meeting of the case's municipality takes it
        raise OverlegNietMogelijk(
            "Dit overleg is niet van een organisatie van de gemeente van de casus."
        )
    if waarom and waarom not in dict(stapkeuzes(casus)):
        raise OverlegNietMogelijk("Deze reden hoort niet bij de aanpak van de casus.")
    volgende = (overleg.agendapunten.aggregate(m=Max("volgorde"))["m"] or 0) + 1
    try:
        with transaction.atomic():
            punt = Agendapunt.objects.create(
                overleg=overleg, casus=casus, volgorde=volgende, waarom=waarom, toegevoegd_door=door
            )
    except IntegrityError as fout:
        raise OverlegNietMogelijk("Deze casus staat al op de agenda.") from fout
    geschiedenis.geagendeerd(casus, door=door, overleg=overleg)
    if overleg.agenda_gepubliceerd_op is not None:
        # on an agenda already published: the members see it from now on
        geschiedenis.agenda_gepubliceerd(casus, door=door, overleg=overleg)
    return punt


@transaction.atomic
def haal_van_agenda(*, agendapunt: Agendapunt, door: Medewerker) -> None:
    """Take a case off the agenda while it has not been discussed."""
    punt = Agendapunt.objects.select_for_update().select_related("overleg").get(pk=agendapunt.pk)
    if punt.status != Agendapunt.Status.GEAGENDEERD:
        raise OverlegNietMogelijk("Een besproken casus blijft op de agenda.")
    overleg = punt.overleg
    casus = punt.casus
    punt.delete()
    geschiedenis.van_agenda(casus, door=door, overleg=overleg, datum=timezone.localdate())


@transaction.atomic
def stel_vraag(*, agendapunt: Agendapunt, door: Medewerker, vraag: str) -> Agendapunt:
    """The question the meeting is asked about the case; the members see it with the case's
    summary and plan once the agenda is published."""
    punt = Agendapunt.objects.select_for_update().get(pk=agendapunt.pk)
    if punt.status != Agendapunt.Status.GEAGENDEERD:
        raise OverlegNietMogelijk("Voor deze casus is de uitkomst al vastgelegd.")
    punt.vraag = vraag.strip()
    punt.save(update_fields=["vraag"])
    return punt


@transaction.atomic
def publiceer_agenda(overleg: Overleg, door: Medewerker) -> Overleg:
    """Publish the meeting's agenda: from now on its chair and members see each case on it
    that is still to be discussed (the summary, the plan and the question; regie.rules
    agendapunt_scope), each until its outcome is recorded. Every such case gets a history row
    the first time it is on this published agenda, and the chair and members are notified,
    again at each publication (after the agenda changed), without any pupil's name. Only who
    sees every case still to be discussed publishes: publishing never shares a case its
    publisher does not see."""
    if not Overleg.objects.filter(overleg_scope(door), pk=overleg.pk).exists():
        raise OverlegNietMogelijk("U mag dit overleg niet zien.")
    overleg = Overleg.objects.select_for_update().get(pk=overleg.pk)
    punten = list(
        overleg.agendapunten.filter(status=Agendapunt.Status.GEAGENDEERD)
        .select_related("casus")
        .order_by("volgorde", "pk")
    )
    if not punten:
        raise OverlegNietMogelijk("Er staat geen casus op de agenda die nog besproken wordt.")
    zichtbaar = zichtbare_casussen(door).filter(pk__in=[p.casus_id for p in punten])
    if zichtbaar.count() != len({p.casus_id for p in punten}):
        # publishing shows each case to every member: only who sees them all shares them
        raise OverlegNietMogelijk(
            "Op de agenda staat een casus die u niet ziet; u kunt de agenda niet publiceren."
        )
    overleg.agenda_gepubliceerd_op = timezone.now()
    overleg.agenda_gepubliceerd_door = door
    overleg.save(update_fields=["agenda_gepubliceerd_op", "agenda_gepubliceerd_door"])
    al_gemeld = set(
        CasusGebeurtenis.objects.filter(
            casus__in=[p.casus_id for p in punten],
            soort=CasusGebeurtenis.Soort.AGENDA,
            gegevens__overleg_id=overleg.pk,
        ).values_list("casus_id", flat=True)
    )
    for punt in punten:
        if punt.casus_id not in al_gemeld:
            geschiedenis.agenda_gepubliceerd(punt.casus, door=door, overleg=overleg)
    notificeer(
        [*overleg.leden.all(), overleg.voorzitter],
        "agenda_gepubliceerd",
        url=reverse("overleg:overleg", args=[overleg.pk]),
        gegevens={
            "overleg": overleg.pk,
            "soort": overleg.soort,
            "datum": overleg.datum.isoformat(),
            "aantal": len(punten),
        },
        sleutel=f"agenda:{overleg.pk}:{overleg.agenda_gepubliceerd_op.isoformat()}",
        door=door,
    )
    return overleg


# --- the outcome per case ------------------------------------------------------------------


@dataclass(frozen=True)
class Vervolgactie:
    wat: str
    uiterlijk: date
    wie: Medewerker | None = None
    wie_naam: str = ""


@transaction.atomic
def leg_besluit_vast(
    *,
    agendapunt: Agendapunt,
    door: Medewerker,
    advies: str = "",
    besluit: str = "",
    aangehouden: bool = False,
    acties: Iterable[Vervolgactie] = (),
) -> Agendapunt:
    """Record what the meeting advised and decided for the case. A discussed case completes
    the model's escalation and steps this meeting stands for (doorbraakoverleg: the escalation
    "doorbraakoverleg" and the step "inbreng_doorbraakoverleg"; teammanagersoverleg:
    "teammanagers" and "besluit_teammanagers"; ...), on the meeting's day, so the case's phase
    and escalation move on. A postponed case completes nothing. Follow-up actions become the
    case's plan actions, linked to this agenda item."""
    punt = (
        Agendapunt.objects.select_for_update()
        .select_related("overleg", "casus")
        .get(pk=agendapunt.pk)
    )
    overleg = punt.overleg
    casus = vergrendel_casus(punt.casus)
    if punt.status != Agendapunt.Status.GEAGENDEERD:
        raise OverlegNietMogelijk("Voor deze casus is de uitkomst al vastgelegd.")
    if overleg.datum > timezone.localdate():
        raise OverlegNietMogelijk("Dit overleg heeft nog niet plaatsgevonden.")
    if not (advies.strip() or besluit.strip() or aangehouden):
        raise OverlegNietMogelijk("Geef het advies of het besluit.")
    punt.advies = advies.strip()
    punt.besluit = besluit.strip()
    punt.status = Agendapunt.Status.AANGEHOUDEN if aangehouden else Agendapunt.Status.BESPROKEN
    punt.besproken_door = door
    punt.save(update_fields=["advies", "besluit", "status", "besproken_door"])
    geschiedenis.besproken(casus, door=door, agendapunt=punt)
    if not aangehouden:
        _registreer_stappen(punt, casus, door)
    for actie in acties:
        voeg_vervolgactie_toe(agendapunt=punt, door=door, actie=actie)
    return punt


def _registreer_stappen(punt: Agendapunt, casus: Casus, door: Medewerker) -> None:
    overleg = punt.overleg
    in_model = dict(stapkeuzes(casus))
    gedaan = set(casus.gebeurtenissen.exclude(stap="").values_list("stap", flat=True))
    tijdstip = None
    if overleg.aanvang is not None:
        # hour-based deadlines (the Interventieteam's plan in 48 hours) count from the meeting
        tijdstip = timezone.make_aware(datetime.combine(overleg.datum, overleg.aanvang))
    for code in CODES[overleg.soort].alle:
        if code in in_model and code not in gedaan:
            controleer_stap(code, overleg.datum, tijdstip)
            geschiedenis.stap_in_overleg(
                casus, door=door, stap=code, overleg=overleg, tijdstip=tijdstip
            )
            if code == CODES[overleg.soort].escalatie:  # the body takes the case (escalatie.py)
                escaleer(casus, orgaan=code, door=door, datum=overleg.datum, overleg=overleg)


@transaction.atomic
def voeg_vervolgactie_toe(
    *, agendapunt: Agendapunt, door: Medewerker, actie: Vervolgactie
) -> Actie:
    """An action that follows from the meeting: a plan action of the case, linked here."""
    nieuw = voeg_actie_toe(
        casus=agendapunt.casus,
        door=door,
        wat=actie.wat,
        uiterlijk=actie.uiterlijk,
        wie=actie.wie,
        wie_naam=actie.wie_naam,
    )
    agendapunt.acties.add(nieuw)
    return nieuw


# --- the Leerplichtspreekuur ---------------------------------------------------------------


@transaction.atomic
def plan_spreekuur(
    *,
    school: School,
    leerplichtambtenaar: Medewerker,
    datum: date,
    begin: time,
    einde: time,
    duur_minuten: int = 20,
    locatie: str = "",
) -> Spreekuur:
    if einde <= begin:
        raise OverlegNietMogelijk("Het spreekuur eindigt na het begin.")
    return Spreekuur.objects.create(
        school=school,
        leerplichtambtenaar=leerplichtambtenaar,
        datum=datum,
        begin=begin,
        einde=einde,
        duur_minuten=duur_minuten,
        locatie=locatie.strip(),
    )


def vrije_tijdvakken(spreekuur: Spreekuur) -> list[time]:
    bezet = set(spreekuur.verwijzingen.values_list("tijdvak", flat=True))
    return [t for t in spreekuur.tijdvakken() if t not in bezet]


@transaction.atomic
def verwijs(
    *, spreekuur: Spreekuur, leerling: Leerling, door: Medewerker, tijdvak: time, reden: str
) -> Verwijzing:
    """The school refers its pupil to a free slot of its own school's consultation hour,
    preventively: no threshold and no case is needed."""
    spreekuur = Spreekuur.objects.select_for_update().select_related("school").get(pk=spreekuur.pk)
    if not reden.strip():
        raise OverlegNietMogelijk("Geef de reden van de verwijzing.")
    if tijdvak not in spreekuur.tijdvakken():
        raise OverlegNietMogelijk("Kies een tijdvak van het spreekuur.")
    ingeschreven = Inschrijving.objects.filter(
        leerling=leerling, school=spreekuur.school, begindatum__lte=spreekuur.datum
    ).exclude(einddatum__lt=spreekuur.datum)
    if not ingeschreven.exists():
        raise OverlegNietMogelijk("Deze leerling staat niet ingeschreven op deze school.")
    try:
        with transaction.atomic():
            return Verwijzing.objects.create(
                spreekuur=spreekuur,
                tijdvak=tijdvak,
                leerling=leerling,
                verwezen_door=door,
                reden=reden.strip(),
            )
    except IntegrityError as fout:
        raise OverlegNietMogelijk("Dit tijdvak is al bezet.") from fout


@transaction.atomic
def leg_uitkomst_vast(
    *, verwijzing: Verwijzing, door: Medewerker, uitkomst_soort: str, uitkomst: str = ""
) -> Verwijzing:
    """The leerplichtambtenaar records the outcome of the conversation. "casus geopend" opens
    the pupil's case (directed by the leerplichtambtenaar, starting on the day of the
    consultation hour), or links the open case the pupil already has."""
    verwijzing = (
        Verwijzing.objects.select_for_update().select_related("spreekuur").get(pk=verwijzing.pk)
    )
    if uitkomst_soort not in Verwijzing.Uitkomst.values:
        raise OverlegNietMogelijk("Kies de uitkomst.")
    if verwijzing.spreekuur.datum > timezone.localdate():
        raise OverlegNietMogelijk("Dit spreekuur heeft nog niet plaatsgevonden.")
    if verwijzing.uitkomst_soort:
        raise OverlegNietMogelijk("De uitkomst is al vastgelegd.")
    if uitkomst_soort == Verwijzing.Uitkomst.CASUS_GEOPEND:
        bestaand = Casus.objects.filter(
            leerling_id=verwijzing.leerling_id, status=Casus.Status.OPEN
        ).first()
        verwijzing.casus = bestaand or open_casus(
            leerling=verwijzing.leerling,
            door=door,
            start=verwijzing.spreekuur.datum,
            spreekuurreden=verwijzing.reden,
        )
    verwijzing.uitkomst_soort = uitkomst_soort
    verwijzing.uitkomst = uitkomst.strip()
    verwijzing.afgehandeld_door = door
    verwijzing.save(update_fields=["uitkomst_soort", "uitkomst", "afgehandeld_door", "casus"])
    return verwijzing
