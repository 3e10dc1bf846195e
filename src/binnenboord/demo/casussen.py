# SPDX-License-Identifier: EUPL-1.2
"""Demo cases, run the way a Leerplicht officer would — through the regie services — so the
demo shows the case page, the timeline, the work list and the monitoring reports as they are
after a year of work:

- the year: about AANDEEL_PER_JAAR of Demodam's pupils had a case that started during the
  year before the peildatum, each opened from a signal that pupil really had (a verborgen
  thuiszitter whose sickness ended, or a threatening thuiszitter after 16 hours of truancy or
  worrying sickness), its model steps recorded on their dates (on time, late or missing), and
  most of them closed with a passend aanbod after weeks or months; the rest is still open.
  Each case runs under the model configuration gives its pupil's area (AANPAK_PER_GEBIED), so a
  pilot district shows the other model's steps;
- today: the most urgent open signals become cases on the peildatum; the older half is handed
  to Leerplicht with a home visit and a plan.

Deterministic: the same city and seed give the same cases."""

from __future__ import annotations

import functools
import random
from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import TypeVar

from django.db import transaction
from django.utils import timezone

from binnenboord.kern import aanpak as kern
from binnenboord.kern.termijnen import AMSTERDAM, Termijndefinitie
from binnenboord.notificaties.services import markeer_gelezen
from binnenboord.regie import services
from binnenboord.regie.beoordeling import feiten_van
from binnenboord.regie.configuratie import aanpakken
from binnenboord.regie.models import Casus, Contactmoment, Deelnemer
from binnenboord.registratie.models import Inschrijving
from binnenboord.signalering.models import Signaal, SignaalGebeurtenis, Soort
from binnenboord.toegang.models import Gemeente, Medewerker, Rol

AANTAL: int = 6
# Of today's cases, the oldest this many have missed one step: a handful of cases on
# Leerplicht's Vandaag, one or two of them overdue (not every step of every case).
ACHTERSTALLIG: int = 2
URGENT = (Soort.THUISZITTER_3_MAANDEN, Soort.LANGDURIG_RELATIEF_VERZUIM)

# Cases over the year, as a share of the pupils living in Demodam (1-2% in the source texts'
# cities), and which signals they come from: verborgen thuiszitters first (their sickness
# episode is the thuiszit period, and its end the return to school), then threatening
# thuiszitters. The urgent kinds are left to "today" and to the inbox.
AANDEEL_PER_JAAR = 0.012
BRONNEN: tuple[tuple[str, float], ...] = (
    (Soort.LANGDURIG_GEOORLOOFD_VERZUIM, 0.5),
    (Soort.VERZUIM_16_UUR, 0.3),
    (Soort.ZORGWEKKEND_ZIEKTEVERZUIM, 0.2),
)
ZIEKTE = frozenset({Soort.LANGDURIG_GEOORLOOFD_VERZUIM, Soort.ZORGWEKKEND_ZIEKTEVERZUIM})
# A case needs some time behind it: signals of the last two weeks wait in the inbox.
JONGSTE = timedelta(weeks=2)

# How long a threatening thuiszitter's case runs to a passend aanbod: (weight, weeks from, to).
DUUR_WEKEN: tuple[tuple[int, int, int], ...] = ((40, 3, 8), (30, 8, 13), (30, 13, 30))
# The pilot model's cases reach a passend aanbod somewhat sooner: made up, so the demo's pilot
# comparison has a difference to show (docs/demo: the demo's figures prove nothing).
PILOT = kern.UTRECHT_KERNPARTNERS.code
PILOT_FACTOR = 0.8
AANBOD_NA_ZIEKTE: tuple[tuple[str, int], ...] = (
    (Casus.PassendAanbod.EIGEN_SCHOOL, 70),
    (Casus.PassendAanbod.ZORGARRANGEMENT, 15),
    (Casus.PassendAanbod.COMBINATIE, 15),
)
AANBOD: tuple[tuple[str, int], ...] = (
    (Casus.PassendAanbod.EIGEN_SCHOOL, 40),
    (Casus.PassendAanbod.ANDERE_SCHOOL, 25),
    (Casus.PassendAanbod.ZORGARRANGEMENT, 10),
    (Casus.PassendAanbod.COMBINATIE, 10),
    (Casus.PassendAanbod.VERHUISD, 10),
    (Casus.PassendAanbod.OVERIG, 5),
)
OPMERKING: dict[str, str] = {
    Casus.PassendAanbod.EIGEN_SCHOOL: "Weer volledig naar de eigen school.",
    Casus.PassendAanbod.ANDERE_SCHOOL: "Gestart op een andere school met een passend rooster.",
    Casus.PassendAanbod.ZORGARRANGEMENT: "Zorgarrangement gestart, met een deel onderwijs.",
    Casus.PassendAanbod.COMBINATIE: "Onderwijs-zorgarrangement: school en dagbehandeling.",
    Casus.PassendAanbod.VERHUISD: "Verhuisd; het dossier is overgedragen aan de nieuwe gemeente.",
    Casus.PassendAanbod.OVERIG: "Maatwerktraject met een leerwerkplek.",
}
# How a case's deadlines were kept: (weight, chance a step is on time, chance it is late;
# the rest is missing).
DISCIPLINE: tuple[tuple[int, float, float], ...] = (
    (50, 0.85, 0.1),
    (35, 0.6, 0.25),
    (15, 0.3, 0.35),
)
# Who records a model step of a role; steps of the school are recorded by Leerplicht, as it
# heard of them (the demo has one school employee, at one school).
OPNEMER: dict[str, str] = {
    kern.LEERPLICHT: Rol.LEERPLICHTAMBTENAAR,
    kern.GEZINSWERKER: Rol.GEZINSWERKER,
    kern.TEAMMANAGER: Rol.TEAMMANAGER,
    kern.INTERVENTIETEAM: Rol.INTERVENTIETEAMLID,
}
VAN_DE_SCHOOL = "Doorgegeven door de school."
OCHTEND = time(10, 0)
# Deadlines in werkdagen are planned without holidays: that gives the same or an earlier last
# day, so a step planned on time is on time; a late one is planned well past it (TE_LAAT).
GEEN_FEESTDAGEN: frozenset[date] = frozenset()


@functools.cache
def _vakantieweken() -> Container[date]:
    """The weeks without lesdagen of the demo's calendar, for deadlines counted in school
    weeks ("langer dan vier weken": a holiday week does not count)."""
    from binnenboord.demo.generator import _kalender

    return _kalender().vakantieweken


TE_LAAT = (6, 25)

T = TypeVar("T")


@dataclass(frozen=True)
class Demoregie:
    """What the demo opened: the cases of today, and the cases of the year (open, closed)."""

    vandaag: int
    open: int
    gesloten: int


@transaction.atomic
def maak_demo_casussen(*, peildatum: date, seed: int = 2026) -> Demoregie:
    """First today's cases from the most urgent signals, then the cases of the year before the
    peildatum, from other pupils. One transaction: all cases or none (and the services'
    own transactions become savepoints, which spares a disk sync per service call)."""
    mensen = _medewerkers()
    _vakantieweken.cache_clear()  # the calendar as imported now
    # today's cases draw from their own generator, so the year's cases stay as the seed makes
    # them
    vandaag = _maak_casussen_van_vandaag(peildatum, mensen, random.Random(seed + 1))
    jaar = _maak_casussen_van_het_jaar(peildatum, random.Random(seed), mensen)
    # what reached the staff over the year they have read: the unread ones are today's
    # (demo.samenwerking), a few per person, not a year of them
    for medewerker in mensen.values():
        markeer_gelezen(medewerker=medewerker)
    return Demoregie(vandaag=vandaag, open=jaar.open + vandaag, gesloten=jaar.gesloten)


def _medewerkers() -> dict[str, Medewerker]:
    """The demo's staff by role (their username is the role)."""
    return {m.username: m for m in Medewerker.objects.filter(username__in=Rol.values)}


def _gemeente(leerplicht: Medewerker) -> Gemeente | None:
    assert leerplicht.organisatie is not None, "the demo's Leerplicht officer has an organisation"
    return leerplicht.organisatie.gemeenten.order_by("code").first()


# --- today ---------------------------------------------------------------------------------


def _maak_casussen_van_vandaag(
    peildatum: date, mensen: dict[str, Medewerker], rng: random.Random
) -> int:
    """Opens up to AANTAL cases from open urgent signals of pupils living in Demodam, their
    model steps so far kept (the oldest ACHTERSTALLIG have missed one, so Leerplicht's Vandaag
    has something overdue, not a backlog); the older half is handed to Leerplicht with a home
    visit and a plan. Returns the number."""
    leerplicht = mensen[Rol.LEERPLICHTAMBTENAAR]
    gezinswerker = mensen[Rol.GEZINSWERKER]
    grens = min(peildatum, timezone.localdate())
    signalen = (
        Signaal.objects.filter(
            status=Signaal.Status.OPEN,
            soort__in=URGENT,
            leerling__woongemeente=_gemeente(leerplicht),
        )
        .exclude(leerling__casussen__status=Casus.Status.OPEN)
        .select_related("leerling")
        .order_by("begindatum", "leerling__bsn")
    )
    gezien: set[int] = set()
    aantal = 0
    for signaal in signalen:
        if aantal == AANTAL or signaal.leerling_id in gezien:
            continue
        gezien.add(signaal.leerling_id)
        casus = services.open_casus(leerling=signaal.leerling, door=leerplicht, signaal=signaal)
        aantal += 1
        stappen = _stappen_bijgehouden(casus, grens, rng, mis_er_een=aantal <= ACHTERSTALLIG)
        _leg_vast(casus, _Plan(signaal, stappen=stappen), mensen)
        if aantal > AANTAL // 2:
            continue
        if not any(code == services.HUISBEZOEK for code, _dag, _moment in stappen):
            # the home visit five weeks in (Amsterdam phase 2), or on the peildatum if sooner
            dag = min(grens, casus.start + timedelta(weeks=5))
            _huisbezoek(casus, leerplicht, gezinswerker, dag)
        _sla_plan_op(casus, leerplicht)
    return aantal


PLAN_VAN_AANPAK = "plan_van_aanpak"


def _sla_plan_op(casus: Casus, leerplicht: Medewerker) -> None:
    """The demo's plan of a case, once (a second call keeps the plan there is)."""
    if casus.planversies.exists():
        return
    services.sla_plan_op(
        casus=casus,
        door=leerplicht,
        basis_versie=0,
        doel="Binnen zes weken weer naar school, eerst twee ochtenden per week.",
        afspraken="School maakt een rooster op maat; gezinswerker begeleidt de ouders.",
        visie_ouders="Ouders steunen een langzame opbouw.",
        visie_leerling="De leerling wil liever naar een kleinere klas.",
        leerling_gehoord=True,
        akkoord_ouders=True,
    )


def _huisbezoek(casus: Casus, leerplicht: Medewerker, gezinswerker: Medewerker, dag: date) -> None:
    services.voeg_deelnemer_toe(
        casus=casus,
        door=leerplicht,
        soort=Deelnemer.Soort.PROFESSIONAL,
        medewerker=gezinswerker,
        rol="ouder- en kindadviseur",
    )
    services.registreer_contactmoment(
        casus=casus,
        door=gezinswerker,
        soort=Contactmoment.Soort.HUISBEZOEK,
        datum=dag,
        verslag="Ouders en leerling thuis gesproken; de leerling wil terug naar school.",
        met=["ouders", "leerling"],
    )


def _stappen_bijgehouden(
    casus: Casus, grens: date, rng: random.Random, *, mis_er_een: bool = False
) -> list[tuple[str, date, datetime | None]]:
    """The model steps of an open case up to `grens`, each on time; with `mis_er_een`, one step
    is left out: the one that leaves the fewest (but at least one) steps overdue on `grens`, by
    the model's own reading (kern.aanpak.beoordeel), so the case is late on one thing."""
    aanpak = aanpakken()[casus.aanpak]
    feiten = feiten_van(casus, op=grens)
    stappen = _stappen(
        aanpak,
        casus.start,
        grens,
        feiten.kenmerken,
        dict(feiten.gebeurtenissen),
        lambda: "op_tijd",
        rng,
    )
    if not mis_er_een:
        return stappen
    escalaties = {fase.escalatie for fase in aanpak.fasen if fase.escalatie}
    beste: tuple[int, int] | None = None
    for index in reversed(range(len(stappen))):
        if stappen[index][0] in escalaties:
            continue
        over = stappen[:index] + stappen[index + 1 :]
        gebeurtenissen = dict(feiten.gebeurtenissen)
        for code, dag, moment in over:
            gebeurtenissen.setdefault(code, moment or dag)
        beoordeling = kern.beoordeel(
            replace(feiten, gebeurtenissen=gebeurtenissen),
            aanpak,
            GEEN_FEESTDAGEN,
            grens,
            vakantieweken=_vakantieweken(),
        )
        verlopen = sum(1 for s in beoordeling.stappen if s.status == "verlopen")
        if verlopen and (beste is None or verlopen < beste[0]):
            beste = (verlopen, index)
    if beste is None:
        return stappen
    return stappen[: beste[1]] + stappen[beste[1] + 1 :]


# --- the year ------------------------------------------------------------------------------


@dataclass
class _Jaar:
    open: int = 0
    gesloten: int = 0


@dataclass
class _Plan:
    """One case of the year, planned before anything is written."""

    signaal: Signaal
    einde: date | None = None
    aanbod: str = ""
    stappen: list[tuple[str, date, datetime | None]] = field(default_factory=list)


def _maak_casussen_van_het_jaar(
    peildatum: date, rng: random.Random, mensen: dict[str, Medewerker]
) -> _Jaar:
    leerplicht = mensen[Rol.LEERPLICHTAMBTENAAR]
    gemeente = _gemeente(leerplicht)
    # a step or a passend aanbod cannot lie in the future (the services refuse it)
    grens = min(peildatum, timezone.localdate())
    aantal = round(AANDEEL_PER_JAAR * gemeente.inwoners.count()) if gemeente else 0
    signalen = _kies_signalen(gemeente, peildatum, rng, aantal)
    soorten = _schoolsoorten(s.leerling_id for s in signalen)
    uitkomst = _Jaar()
    for signaal in signalen:
        casus = _open(signaal, leerplicht)
        plan = _plan_casus(casus, signaal, soorten, rng, grens)
        _leg_vast(casus, plan, mensen)
        if plan.einde is None:
            uitkomst.open += 1
        else:
            services.sluit_casus(
                casus=casus,
                door=leerplicht,
                passend_aanbod=plan.aanbod,
                op=plan.einde,
                opmerking=OPMERKING[plan.aanbod],
            )
            uitkomst.gesloten += 1
    return uitkomst


def _kies_signalen(
    gemeente: Gemeente | None, peildatum: date, rng: random.Random, aantal: int
) -> list[Signaal]:
    """`aantal` signals of different Demodam pupils without a case, begun in the year before
    the peildatum, in the shares of BRONNEN (a short kind is made up from the others); per
    pupil his first signal of the first kind. In the order they began."""
    kandidaten = (
        Signaal.objects.filter(
            leerling__woongemeente=gemeente,
            soort__in=[soort for soort, _deel in BRONNEN],
            van__gt=peildatum - timedelta(days=365),
            van__lte=peildatum - JONGSTE,
        )
        .exclude(status=Signaal.Status.AFGEHANDELD)
        .exclude(leerling__casussen__isnull=False)
        .select_related("leerling")
        .order_by("van", "leerling__bsn", "pk")
    )
    per_soort: dict[str, list[Signaal]] = {soort: [] for soort, _deel in BRONNEN}
    gezien: set[int] = set()
    for soort, _deel in BRONNEN:
        for signaal in kandidaten:
            if signaal.soort == soort and signaal.leerling_id not in gezien:
                gezien.add(signaal.leerling_id)
                per_soort[soort].append(signaal)
    gekozen: list[Signaal] = []
    over: list[Signaal] = []
    for soort, deel in BRONNEN:
        lijst = per_soort[soort]
        rng.shuffle(lijst)
        neem = round(deel * aantal)
        gekozen += lijst[:neem]
        over += lijst[neem:]
    gekozen += over[: max(0, aantal - len(gekozen))]
    return sorted(gekozen[:aantal], key=lambda s: (s.van, s.leerling.bsn, s.pk))


def _schoolsoorten(leerling_ids: Iterable[int]) -> dict[int, list[tuple[date, str]]]:
    """Per pupil the kinds of his schools by start date, for the kenmerken of his case."""
    soorten: dict[int, list[tuple[date, str]]] = {}
    for leerling_id, begindatum, soort in (
        Inschrijving.objects.filter(leerling_id__in=set(leerling_ids))
        .values_list("leerling_id", "begindatum", "school__soort")
        .order_by("leerling_id", "begindatum", "pk")
    ):
        soorten.setdefault(leerling_id, []).append((begindatum, soort))
    return soorten


def _moment(dag: date) -> datetime:
    return datetime.combine(dag, OCHTEND, tzinfo=AMSTERDAM)


def _open(signaal: Signaal, leerplicht: Medewerker) -> Casus:
    """Open the case from its signal on the day the signal was given. A signal whose situation
    is over (closed by the engine) cannot be handled any more: such a case is opened with the
    signal's start and linked to it afterwards, as it would have been while the signal was
    open."""
    if signaal.status == Signaal.Status.OPEN:
        casus = services.open_casus(leerling=signaal.leerling, door=leerplicht, signaal=signaal)
    else:
        casus = services.open_casus(
            leerling=signaal.leerling,
            door=leerplicht,
            start=signaal.van,
            toelichting=f"Naar aanleiding van het signaal van {signaal.datum:%d-%m-%Y}.",
        )
        # queryset update: open_casus only takes an open signal; this case was opened while
        # it was, so it is linked and the signal handled as "casus", with an appended history
        # row (the history itself is never changed)
        Casus.objects.filter(pk=casus.pk).update(signaal=signaal)
        Signaal.objects.filter(pk=signaal.pk).update(
            status=Signaal.Status.AFGEHANDELD,
            afhandeling=Signaal.Afhandeling.CASUS,
            afgehandeld_door=leerplicht,
        )
        SignaalGebeurtenis.objects.create(
            signaal=signaal, soort=SignaalGebeurtenis.Soort.CASUS_GEMAAKT, wie=leerplicht
        )
    # queryset update: open_casus and handel_af stamp the moment of the demo run; the case was
    # opened, and the signal handled, on the morning the signal was given (the history rows
    # keep the run's moment in `wanneer`; their `datum` is the case's own date)
    geopend = _moment(signaal.datum)
    Casus.objects.filter(pk=casus.pk).update(geopend_op=geopend)
    Signaal.objects.filter(pk=signaal.pk).update(afgehandeld_op=geopend)
    casus.refresh_from_db()
    return casus


def _kenmerken(
    casus: Casus, signaal: Signaal, soorten: dict[int, list[tuple[date, str]]]
) -> frozenset[str]:
    kenmerken = {
        soort.lower()
        for begindatum, soort in soorten.get(casus.leerling_id, [])[-1:]
        if begindatum <= casus.start
    }
    if signaal.soort in ZIEKTE:
        kenmerken.add("ziek")
    return frozenset(kenmerken)


def _plan_casus(
    casus: Casus,
    signaal: Signaal,
    soorten: dict[int, list[tuple[date, str]]],
    rng: random.Random,
    grens: date,
) -> _Plan:
    """When the case reaches its passend aanbod (None: still open on the peildatum), which one,
    and its model steps with their dates."""
    plan = _Plan(signaal)
    if signaal.soort == Soort.LANGDURIG_GEOORLOOFD_VERZUIM:
        # the sickness episode is the thuiszit period: back at school the day it ended
        einde = signaal.einddatum
        plan.aanbod = _gewogen(rng, AANBOD_NA_ZIEKTE)
    else:
        gewicht = _gewogen(rng, tuple(((van, tot), w) for w, van, tot in DUUR_WEKEN))
        dagen = rng.randint(gewicht[0] * 7, gewicht[1] * 7)
        if casus.aanpak == PILOT:
            dagen = round(dagen * PILOT_FACTOR)
        einde = casus.start + timedelta(days=dagen)
        plan.aanbod = _gewogen(rng, AANBOD)
    plan.einde = einde if einde is not None and einde <= grens else None
    if plan.einde is None:
        # a case still open is one Leerplicht keeps up with: its steps so far on time (the
        # closed ones show how deadlines were kept over the year)
        plan.stappen = _stappen_bijgehouden(casus, grens, rng)
        return plan
    gebeurtenissen: dict[str, date | datetime] = {}
    if signaal.soort == Soort.VERZUIM_16_UUR:
        gebeurtenissen["verzuim_16_uur"] = signaal.datum
    plan.stappen = plan_stappen(
        aanpakken()[casus.aanpak],
        casus.start,
        plan.einde or grens,
        _kenmerken(casus, signaal, soorten),
        rng,
        gebeurtenissen=gebeurtenissen,
    )
    return plan


def plan_stappen(
    aanpak: kern.Aanpak,
    start: date,
    tot: date,
    kenmerken: frozenset[str],
    rng: random.Random,
    *,
    gebeurtenissen: dict[str, date | datetime] | None = None,
) -> list[tuple[str, date, datetime | None]]:
    """The escalations and model steps of a case from `start` up to `tot` (its passend
    aanbod, or the peildatum) under `aanpak`, kept with a discipline drawn for the case (most
    steps on time, some late, some missing): (code, day, moment or None) in order of day.
    Also used by benchmarks/rapport.py to give its bulk-made cases realistic steps."""
    op_tijd, te_laat = _gewogen(rng, tuple(((o, t), w) for w, o, t in DISCIPLINE))
    return _stappen(
        aanpak,
        start,
        tot,
        kenmerken,
        dict(gebeurtenissen or {}),
        lambda: _kwaliteit(rng, op_tijd, te_laat),
        rng,
    )


def _gewogen[T](rng: random.Random, keuzes: tuple[tuple[T, int], ...]) -> T:
    return rng.choices([k for k, _w in keuzes], weights=[w for _k, w in keuzes])[0]


def _kwaliteit(rng: random.Random, op_tijd: float, te_laat: float) -> str:
    kans = rng.random()
    if kans < op_tijd:
        return "op_tijd"
    return "te_laat" if kans < op_tijd + te_laat else "ontbreekt"


def _stappen(
    aanpak: kern.Aanpak,
    start: date,
    tot: date,
    kenmerken: frozenset[str],
    gebeurtenissen: dict[str, date | datetime],
    kwaliteit: Callable[[], str],
    rng: random.Random,
) -> list[tuple[str, date, datetime | None]]:
    """The escalations and steps of `aanpak` a case from `start` had up to `tot` (its passend
    aanbod, or the peildatum): per phase entered, its escalation taken on and each step that
    applies, on time, late or missing as `kwaliteit` says. (code, day, moment or None), in
    order of day."""
    gedaan = dict(gebeurtenissen)
    uit: list[tuple[str, date, datetime | None]] = []
    for n, fase in enumerate(aanpak.fasen):
        if fase.alleen_als is not None and fase.alleen_als not in kenmerken:
            continue
        if n == 0:
            begin = start
        elif fase.vanaf is not None:
            begin = fase.vanaf.termijn_vanaf(
                start, feestdagen=GEEN_FEESTDAGEN, vakantieweken=_vakantieweken()
            ).verloopt_op
        else:
            continue
        if begin > tot:
            break
        if fase.escalatie is not None and (soort := kwaliteit()) != "ontbreekt":
            dag = begin + timedelta(
                days=rng.randint(0, 4) if soort == "op_tijd" else rng.randint(*TE_LAAT)
            )
            if dag <= tot:
                # a meeting has a moment: hour-based deadlines count from it
                gedaan[fase.escalatie] = _moment(dag)
                uit.append((fase.escalatie, dag, _moment(dag)))
        for stap in fase.stappen:
            if stap.alleen_als is not None and stap.alleen_als not in kenmerken:
                continue
            anker = {"fase": begin, kern.START: start}.get(stap.na, gedaan.get(stap.na))
            if anker is None or (soort := kwaliteit()) == "ontbreekt":
                continue
            dag, moment = _wanneer(stap.termijn, anker, soort == "op_tijd", rng)
            if dag <= tot:
                gedaan[stap.code] = moment or dag
                uit.append((stap.code, dag, moment))
    return sorted(uit, key=lambda stap: stap[1])


def _wanneer(
    termijn: Termijndefinitie, anker: date | datetime, op_tijd: bool, rng: random.Random
) -> tuple[date, datetime | None]:
    """A day (and for an hour-based deadline a moment) on time or late for `termijn` from
    `anker`."""
    if termijn.eenheid == "uren":
        vanaf = anker if isinstance(anker, datetime) else _moment(anker)
        uren = (
            rng.randint(2, termijn.aantal - 2)
            if op_tijd
            else rng.randint(termijn.aantal + 6, 2 * termijn.aantal)
        )
        moment = vanaf + timedelta(hours=uren)
        return moment.astimezone(AMSTERDAM).date(), moment
    dag = anker.astimezone(AMSTERDAM).date() if isinstance(anker, datetime) else anker
    laatste = termijn.termijn_vanaf(
        dag, feestdagen=GEEN_FEESTDAGEN, vakantieweken=_vakantieweken()
    ).verloopt_op
    if op_tijd:
        return dag + timedelta(days=rng.randint(0, (laatste - dag).days)), None
    return laatste + timedelta(days=rng.randint(*TE_LAAT)), None


def _leg_vast(casus: Casus, plan: _Plan, mensen: dict[str, Medewerker]) -> None:
    """Record the planned steps through the regie services, in the order they happened: a
    home visit as a contact moment of the family worker, the rest as model steps."""
    leerplicht = mensen[Rol.LEERPLICHTAMBTENAAR]
    rollen = {
        stap.code: stap.rol for fase in aanpakken()[casus.aanpak].fasen for stap in fase.stappen
    }
    for code, dag, moment in plan.stappen:
        if code == services.HUISBEZOEK:
            _huisbezoek(casus, leerplicht, mensen[Rol.GEZINSWERKER], dag)
            continue
        rol = rollen.get(code)
        services.registreer_stap(
            casus=casus,
            door=mensen[OPNEMER.get(rol or "", Rol.LEERPLICHTAMBTENAAR)],
            stap=code,
            datum=dag,
            tijdstip=moment,
            toelichting=VAN_DE_SCHOOL if rol == kern.SCHOOL else "",
        )
        if code == PLAN_VAN_AANPAK:
            # the step is the plan: save it too, so the case page never shows "plan van aanpak:
            # gedaan" beside "nog geen plan" (the step keeps its day: the earliest counts)
            _sla_plan_op(casus, leerplicht)
