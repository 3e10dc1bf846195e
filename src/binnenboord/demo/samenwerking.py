# SPDX-License-Identifier: EUPL-1.2
"""The demo's collaboration: the bodies a case can go to, and a working day's worth of work that
reaches each role, all through the regie services (so participation, escalation, history and
notifications follow as they do for a real user):

- the bodies: a series of the teammanagersoverleg, the Interventieteam, the Doorbraakoverleg
  and the UVO, organised by Leerplicht Demodam, each with its chair and members and its next
  meeting after the peildatum;
- the school's care coordinator has an action in a case of a pupil of her school;
- a UVO held last week decided on a TLV application: the SWV consultant has that action;
- in the pilot district (Utrecht model), one case is presented to the teammanagers at 8 weeks
  and one is taken on early by the Interventieteam (the early route);
- the next UVO has three cases on its published agenda, each with its question, so its members
  (the youth doctor, the SWV consultant, the family worker) see them;
- the school referred two pupils with worrying sickness absence to the youth doctor of its
  kernteam (MAZL), without a case: they wait in her inbox.

Deterministic: the same city gives the same work (the first candidates by their keys)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, time, timedelta

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from binnenboord.kern import aanpak as kern
from binnenboord.regie import services
from binnenboord.regie.configuratie import aanpak_van, aanpakken
from binnenboord.regie.models import Casus, Escalatie, Overlegsoort
from binnenboord.regie.services import overleg as overlegdiensten
from binnenboord.registratie.models import Inschrijving
from binnenboord.signalering.models import Signaal, Soort
from binnenboord.toegang.models import Medewerker, Rol

from .casussen import (
    GEEN_FEESTDAGEN,
    _leg_vast,
    _medewerkers,
    _moment,
    _Plan,
    _stappen_bijgehouden,
    _vakantieweken,
)

UTRECHT = kern.UTRECHT_KERNPARTNERS.code
# How long before the peildatum the pilot cases started: just past the teammanagers' 8 (school)
# weeks, and four weeks in (still at the kernteam) for the early Interventieteam.
TEAMMANAGERS_WEKEN = 8
VROEG_WEKEN = 4
# the opening note of the cases the collaboration opens (the tests tell them apart by it)
AANGEMELD = "Aangemeld door de school na weken verzuim."
# the steps of the new cases are drawn on time from a generator of their own (deterministic)
SEED = 15
# how many pupils the school refers to the youth doctor (MAZL)
MAZL_VERWIJZINGEN = 2


@dataclass(frozen=True)
class Demosamenwerking:
    """What the demo set up: the bodies' series, and the cases each piece of work is in."""

    organen: int
    actie_school: Casus | None
    actie_swv: Casus | None
    teammanagers: Casus | None
    interventieteam: Casus | None
    agenda_uvo: int  # the cases on the next UVO's published agenda
    mazl: int  # the referrals in the youth doctor's inbox


def _werkdag_op_of_na(dag: date) -> date:
    while dag.weekday() >= 5:
        dag += timedelta(days=1)
    return dag


def _werkdag_op_of_voor(dag: date) -> date:
    while dag.weekday() >= 5:
        dag -= timedelta(days=1)
    return dag


@transaction.atomic
def maak_demo_samenwerking(*, peildatum: date) -> Demosamenwerking:
    """The bodies and the work of the roles (see the module's text), after the demo's cases."""
    mensen = _medewerkers()
    # what happened is recorded up to the peildatum, and never in the future (the services
    # refuse that); meetings to come lie after it
    grens = min(peildatum, timezone.localdate())
    organen = _maak_organen(peildatum, mensen)
    uitkomst = Demosamenwerking(
        organen=organen,
        actie_school=_actie_voor_de_school(grens, mensen),
        actie_swv=_besluit_van_de_uvo(grens, mensen),
        teammanagers=_naar_de_teammanagers(grens, mensen),
        interventieteam=_vroeg_naar_het_interventieteam(grens, mensen),
        agenda_uvo=_agenda_van_de_uvo(mensen),
        mazl=_verwijzingen_naar_de_jeugdarts(mensen),
    )
    return uitkomst


# --- the bodies ----------------------------------------------------------------------------


def _maak_organen(peildatum: date, mensen: dict[str, Medewerker]) -> int:
    """A series per body, organised by Leerplicht Demodam, its first meeting after the
    peildatum: the teammanagers every two weeks, the Interventieteam every week, the
    Doorbraakoverleg every three weeks (docs/domein.md), the UVO every four."""
    leerplicht = mensen[Rol.LEERPLICHTAMBTENAAR]
    organen: list[tuple[str, int, int, time, Medewerker, list[Medewerker]]] = [
        (
            Overlegsoort.TEAMMANAGERSOVERLEG,
            2,
            4,
            time(14, 0),
            mensen[Rol.TEAMMANAGER],
            [mensen[Rol.TEAMMANAGER], leerplicht],
        ),
        (
            Overlegsoort.INTERVENTIETEAM,
            1,
            2,
            time(9, 0),
            mensen[Rol.INTERVENTIETEAMLID],
            [mensen[Rol.INTERVENTIETEAMLID]],
        ),
        (
            Overlegsoort.DOORBRAAKOVERLEG,
            3,
            8,
            time(10, 0),
            leerplicht,
            [leerplicht, mensen[Rol.JEUGDARTS], mensen[Rol.SWV_CONSULENT]],
        ),
        (
            Overlegsoort.UVO,
            4,
            3,
            time(13, 30),
            leerplicht,
            _uvo_leden(mensen),
        ),
    ]
    for soort, interval, over, aanvang, voorzitter, leden in organen:
        overlegdiensten.plan_overleg(
            soort=soort,
            datum=_werkdag_op_of_na(peildatum + timedelta(days=over)),
            door=leerplicht,
            leden=leden,
            aanvang=aanvang,
            locatie="Stadskantoor Demodam",
            voorzitter=voorzitter,
            interval_weken=interval,
        )
    return len(organen)


def _uvo_leden(mensen: dict[str, Medewerker]) -> list[Medewerker]:
    return [
        mensen[Rol.LEERPLICHTAMBTENAAR],
        mensen[Rol.JEUGDARTS],
        mensen[Rol.SWV_CONSULENT],
        mensen[Rol.GEZINSWERKER],
    ]


# --- the work ------------------------------------------------------------------------------


def _open_casussen() -> QuerySet[Casus]:
    return (
        Casus.objects.filter(status=Casus.Status.OPEN)
        .select_related("leerling__woongemeente")
        .order_by("start", "pk")
    )


def _nieuwe_casus(
    grens: date,
    mensen: dict[str, Medewerker],
    leerlingen: Q,
    *,
    aanpak: str | None,
    weken: int,
) -> Casus | None:
    """A case opened `weeks` before `grens` by Leerplicht from an open signal of a Demodam
    pupil without an open case (matching `leerlingen`, under model `aanpak` when given), its
    steps so far kept. None when no pupil fits."""
    leerplicht = mensen[Rol.LEERPLICHTAMBTENAAR]
    signalen = (
        Signaal.objects.filter(
            leerlingen,
            status=Signaal.Status.OPEN,
            leerling__woongemeente__code="9999",
        )
        .exclude(leerling__casussen__status=Casus.Status.OPEN)
        .select_related("leerling__woongemeente")
        .order_by("begindatum", "leerling__bsn", "pk")
    )
    for signaal in signalen:
        if aanpak is not None and aanpak_van(signaal.leerling) != aanpak:
            continue
        casus = services.open_casus(
            leerling=signaal.leerling,
            door=leerplicht,
            signaal=signaal,
            start=grens - timedelta(weeks=weken, days=2),
            toelichting=AANGEMELD,
        )
        _leg_vast(
            casus,
            _Plan(signaal, stappen=_stappen_bijgehouden(casus, grens, random.Random(SEED))),
            mensen,
        )
        return casus
    return None


def _actie_voor_de_school(grens: date, mensen: dict[str, Medewerker]) -> Casus | None:
    """Leerplicht gives the care coordinator an action in a case of a pupil of her school."""
    school = mensen[Rol.SCHOOLMEDEWERKER]
    assert school.organisatie_id is not None
    # the school sees the cases of its pupils enrolled today (regie.rules.casus_scope)
    vandaag = timezone.localdate()
    ingeschreven = Inschrijving.objects.filter(
        Q(einddatum__isnull=True) | Q(einddatum__gte=vandaag),
        school__organisatie_id=school.organisatie_id,
        begindatum__lte=vandaag,
    )
    van_de_school = Q(leerling__in=ingeschreven.values("leerling_id"))
    casus = next(iter(_open_casussen().filter(van_de_school).distinct()), None) or _nieuwe_casus(
        grens, mensen, van_de_school, aanpak=None, weken=5
    )
    if casus is None:
        return None
    services.voeg_actie_toe(
        casus=casus,
        door=mensen[Rol.LEERPLICHTAMBTENAAR],
        wat="Rooster op maat maken en een vaste mentor aanwijzen; terugkoppelen aan Leerplicht.",
        uiterlijk=_werkdag_op_of_na(grens + timedelta(days=5)),
        wie=school,
    )
    return casus


def _besluit_van_de_uvo(grens: date, mensen: dict[str, Medewerker]) -> Casus | None:
    """A UVO held last week discussed a case and decided on a TLV application for special
    secondary education: the SWV consultant files it."""
    leerplicht = mensen[Rol.LEERPLICHTAMBTENAAR]
    swv = mensen[Rol.SWV_CONSULENT]
    casus = next(
        iter(
            _open_casussen()
            .exclude(aanpak=UTRECHT)
            .exclude(acties__wie__isnull=False)
            .exclude(agendapunten__isnull=False)
        ),
        None,
    )
    if casus is None:
        return None
    uvo = overlegdiensten.plan_overleg(
        soort=Overlegsoort.UVO,
        datum=_werkdag_op_of_voor(grens - timedelta(days=7)),
        door=leerplicht,
        leden=_uvo_leden(mensen),
        aanvang=time(13, 30),
        locatie="Stadskantoor Demodam",
        voorzitter=leerplicht,
    )
    punt = overlegdiensten.agendeer(overleg=uvo, casus=casus, door=leerplicht)
    overlegdiensten.leg_besluit_vast(
        agendapunt=punt,
        door=leerplicht,
        advies="Onderwijs in een kleine setting; de eigen school kan dat niet bieden.",
        besluit="Een toelaatbaarheidsverklaring voor het VSO aanvragen.",
        acties=[
            overlegdiensten.Vervolgactie(
                wat="TLV-aanvraag indienen",
                uiterlijk=_werkdag_op_of_na(grens + timedelta(days=10)),
                wie=swv,
            )
        ],
    )
    return casus


def _weken_tot_fase(grens: date, aanpak: str, fase: str) -> int:
    """How many weeks before `grens` a case of `aanpak` starts to have entered `fase` a few
    days ago: its entry counts school weeks (a holiday week does not count), so it can take
    more calendar weeks than the phase's number."""
    vanaf = next(f.vanaf for f in aanpakken()[aanpak].fasen if f.code == fase)
    assert vanaf is not None
    weken = TEAMMANAGERS_WEKEN
    while (
        vanaf.termijn_vanaf(
            grens - timedelta(weeks=weken, days=2),
            feestdagen=GEEN_FEESTDAGEN,
            vakantieweken=_vakantieweken(),
        ).verloopt_op
        > grens
    ):
        weken += 1
    return weken


def _naar_de_teammanagers(grens: date, mensen: dict[str, Medewerker]) -> Casus | None:
    """A pilot case just past 8 weeks: presented to the teammanagers (the escalation step,
    recorded with its steps so far), so it is on their next meeting."""
    weken = _weken_tot_fase(grens, UTRECHT, "teammanagers")
    casus = _nieuwe_casus(grens, mensen, Q(), aanpak=UTRECHT, weken=weken)
    if casus is not None and not Escalatie.objects.filter(casus=casus).exists():
        services.registreer_stap(
            casus=casus, door=mensen[Rol.LEERPLICHTAMBTENAAR], stap="teammanagers", datum=grens
        )
    return casus


def _vroeg_naar_het_interventieteam(grens: date, mensen: dict[str, Medewerker]) -> Casus | None:
    """A pilot case four weeks in, still at the kernteam: Leerplicht engages the
    Interventieteam early (the early route), so its plan and solution deadlines run now."""
    casus = _nieuwe_casus(grens, mensen, Q(), aanpak=UTRECHT, weken=VROEG_WEKEN)
    if casus is not None:
        services.registreer_stap(
            casus=casus,
            door=mensen[Rol.LEERPLICHTAMBTENAAR],
            stap="interventieteam",
            datum=grens,
            tijdstip=_moment(grens),
            toelichting="Heel complexe casus: Leerplicht schakelt het Interventieteam vroeg in.",
        )
    return casus


def _agenda_van_de_uvo(mensen: dict[str, Medewerker]) -> int:
    """Leerplicht puts three open cases on the next UVO, each with the question for the
    meeting, and publishes the agenda: the members are notified and see the cases."""
    from binnenboord.regie.models import Overleg

    leerplicht = mensen[Rol.LEERPLICHTAMBTENAAR]
    uvo = (
        Overleg.objects.filter(soort=Overlegsoort.UVO, reeks__isnull=False)
        .order_by("datum", "pk")
        .first()
    )
    if uvo is None:
        return 0
    casussen = list(
        _open_casussen().exclude(aanpak=UTRECHT).exclude(agendapunten__isnull=False)[:3]
    )
    for casus in casussen:
        punt = overlegdiensten.agendeer(overleg=uvo, casus=casus, door=leerplicht)
        overlegdiensten.stel_vraag(
            agendapunt=punt,
            door=leerplicht,
            vraag="Welk aanbod past: kan de eigen school het met extra ondersteuning, of is een "
            "andere plek nodig?",
        )
    if casussen:
        overlegdiensten.publiceer_agenda(uvo, leerplicht)
    return len(casussen)


def _verwijzingen_naar_de_jeugdarts(mensen: dict[str, Medewerker]) -> int:
    """The care coordinator refers pupils of her school with worrying sickness absence (their
    open signal) to the youth doctor of the school's kernteam; no case is opened."""
    from binnenboord.regie.services import mazl

    school = mensen[Rol.SCHOOLMEDEWERKER]
    assert school.organisatie_id is not None
    signalen = (
        Signaal.objects.filter(
            status=Signaal.Status.OPEN,
            soort=Soort.ZORGWEKKEND_ZIEKTEVERZUIM,
            school__organisatie_id=school.organisatie_id,
        )
        .exclude(leerling__casussen__status=Casus.Status.OPEN)
        .select_related("leerling", "school")
        .order_by("begindatum", "leerling__bsn", "pk")
    )
    aantal = 0
    gezien: set[int] = set()
    for signaal in signalen:
        if aantal == MAZL_VERWIJZINGEN or signaal.leerling_id in gezien or signaal.school is None:
            continue
        gezien.add(signaal.leerling_id)
        try:
            mazl.verwijs_naar_jeugdarts(
                leerling=signaal.leerling,
                school=signaal.school,
                reden="Veel ziekmeldingen dit schooljaar, vaak op maandag; ouders maken zich "
                "zorgen. Graag een MAZL-consult.",
                door=school,
                signaal=signaal,
            )
        except mazl.VerwijzingNietMogelijk:
            continue
        aantal += 1
    return aantal
