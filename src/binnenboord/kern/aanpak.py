# SPDX-License-Identifier: EUPL-1.2
"""Escalation models as data (docs/domein.md, "Regie: de twee escalatiemodellen"): the phases of a
case, their entry (time since the thuiszit period or melding started, or an event), the role that
directs in each, the steps that must happen with their deadlines, and the body the case is
escalated to. One pure function, `beoordeel`, evaluates a case on a peildatum. A third city's
model is a new `Aanpak` declaration, not new code. Pure: no Django, no database, no I/O.

Vocabulary (the contract with the regie app):

- `CasusFeiten.start`: the first day of the thuiszit period, or the day of the melding;
- `CasusFeiten.gebeurtenissen`: step or event code -> when it happened (a date, or an aware
  datetime for hour-based deadlines, e.g. the moment the Interventieteam took the case);
- `CasusFeiten.kenmerken`: facts that switch steps on or off (e.g. "vo" for a VO pupil, "ziek"
  when the absence is sickness, "wachtlijst_jeugdhulp");
- `CasusFeiten.regisseur`: the role of the person who directs the case now;
- a step is *gedaan* when its code is in `gebeurtenissen` (a transfer of regie, `overdracht`,
  also when the regisseur already holds the role the phase wants); *nog_niet* while its anchor
  has not happened; *vervallen* when the case entered a later phase (a step that belonged only
  to its own phase) or closed before it was done; otherwise its deadline makes it *lopend*,
  *binnenkort* or *verlopen* (kern.termijnen.Termijn.status_op).

Time: a phase entry counts from the start in the unit its Termijndefinitie names (four, eight
and ten weeks in school weeks: a week without lesdagen does not count, so `beoordeel` needs
the school's `vakantieweken`); a step's deadline that ends on a Saturday, Sunday or recognised
holiday moves to the next werkdag (`Stap.naar_werkdag`).
"""

from __future__ import annotations

from collections.abc import Container, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Final, Literal

from .kalender import AMSTERDAM
from .termijnen import (
    ACHT_WEKEN,
    ACHTENVEERTIG_UUR,
    DRIE_MAANDEN,
    TIEN_WEKEN,
    TIEN_WERKDAGEN,
    TWEE_WEKEN,
    VIER_WEKEN,
    Eenheid,
    Termijn,
    Termijndefinitie,
)

StapStatus = Literal["gedaan", "nog_niet", "lopend", "binnenkort", "verlopen", "vervallen"]

# The anchor of a phase entry or a deadline: the start of the case, or an event/step code.
START: Final = "start"
# The anchor of an aftercare step (Aanpak.nazorg): the day of the passend aanbod.
PASSEND_AANBOD: Final = "passend_aanbod"


@dataclass(frozen=True)
class Stap:
    """Something that must happen in a phase, by `rol`, within `termijn` after `na` (START,
    the phase entry "fase", or another step or event code). `alleen_als`: only for cases with
    that kenmerk. `vervalt_met_fase`: the step lapses (vervallen) when the case enters a later
    phase before it was done; False for a duty that outlives its phase (a legal report, an
    answer to an event). `naar_werkdag`: a deadline ending on a Saturday, Sunday or recognised
    holiday moves to the next werkdag. `overdracht`: the step is the transfer of regie to the
    role the phase wants, done as soon as the case's regisseur holds that role."""

    code: str
    naam: str
    termijn: Termijndefinitie
    na: str = "fase"
    rol: str | None = None
    alleen_als: str | None = None
    vervalt_met_fase: bool = True
    naar_werkdag: bool = True
    overdracht: bool = False


@dataclass(frozen=True)
class Fase:
    """A phase: entered `vanaf` after the start or when event `bij` happens, whichever comes
    first (the first phase: at the start); `regisseur` is the role (a toegang Rol value) that
    directs, None when the regie stays where it was (the previous phase's regisseur);
    `escalatie` the body the case goes to when this phase is entered (None: no escalation), due
    until the event of that code is recorded. `vanaf_tenzij`: an event that, recorded before
    the time entry, means the phase is not entered by time (`bij` still enters it). A later
    phase entered by its event before an earlier phase's entry skips the earlier one."""

    code: str
    naam: str
    regisseur: str | None
    vanaf: Termijndefinitie | None = None
    bij: str | None = None
    stappen: tuple[Stap, ...] = ()
    escalatie: str | None = None
    # only for cases with this kenmerk (the Interventieteam VO is for VO pupils)
    alleen_als: str | None = None
    # kenmerk -> another role that directs instead (Amsterdam: a gezinsmanager may hold regie)
    regisseur_als: Mapping[str, str] = field(default_factory=dict)
    vanaf_tenzij: str | None = None


@dataclass(frozen=True)
class Aanpak:
    """An escalation model: phases in order, the national norm that applies under every model
    (no child longer than `norm` at home without passend aanbod), and the aftercare steps of a
    closed case (`nazorg`, anchored on PASSEND_AANBOD, evaluated only once the case is
    closed)."""

    code: str
    naam: str
    bron: str
    fasen: tuple[Fase, ...]
    norm: Termijndefinitie
    nazorg: tuple[Stap, ...] = ()


@dataclass(frozen=True)
class CasusFeiten:
    start: date
    gebeurtenissen: Mapping[str, date | datetime] = field(default_factory=dict)
    kenmerken: frozenset[str] = frozenset()
    passend_aanbod_op: date | None = None
    # the role of the case's regisseur now (None: unknown)
    regisseur: str | None = None


@dataclass(frozen=True)
class Stapbeoordeling:
    stap: Stap
    fase: str
    status: StapStatus
    termijn: Termijn | None  # None while the anchor has not happened
    gedaan_op: date | datetime | None = None
    # the day a vervallen step lapsed: the next phase's entry, or the passend aanbod
    vervallen_op: date | None = None

    @property
    def gemist(self) -> bool:
        """A lapsed step whose deadline had already passed when it lapsed: it was missed, and
        the timeline says so."""
        return (
            self.status == "vervallen"
            and self.termijn is not None
            and self.vervallen_op is not None
            and self.termijn.verloopt_op < self.vervallen_op
        )


@dataclass(frozen=True)
class Beoordeling:
    """A case on the peildatum: the current phase and since when, the role that should direct,
    every step of the phases entered so far with its status (and the aftercare of a closed
    case), the escalation due (the body of the current phase when it escalates and that has not
    happened yet), and the national norm."""

    fase: Fase
    fase_sinds: date
    regisseur: str
    stappen: tuple[Stapbeoordeling, ...]
    escalatie: str | None
    norm: Termijn
    norm_status: StapStatus
    afgesloten: bool


def beoordeel(
    feiten: CasusFeiten,
    aanpak: Aanpak,
    feestdagen: Container[date],
    peildatum: date | datetime,
    *,
    vakantieweken: Container[date] | None = None,
) -> Beoordeling:
    """The case on `peildatum` under `aanpak`. `feestdagen` are the recognised holidays for
    deadlines in werkdagen and for moving a deadline to the next werkdag
    (kern.kalender.Schoolkalender(...)._erkende_feestdagen or any container); `vakantieweken`
    the Mondays of the weeks without lesdagen of the pupil's school, for phase entries in
    school weeks (kern.kalender.Schoolkalender(...).vakantieweken). A case with a passend
    aanbod on or before the peildatum is afgesloten: its phase is the one it was in then, its
    open steps are vervallen, and the aftercare steps run."""
    dag = _als_dag(peildatum)
    afgesloten = feiten.passend_aanbod_op is not None and feiten.passend_aanbod_op <= dag
    tot = feiten.passend_aanbod_op if afgesloten and feiten.passend_aanbod_op else dag
    ingegaan = _ingegane_fasen(feiten, aanpak, feestdagen, vakantieweken, tot)
    fase, sinds = ingegaan[-1]
    regisseurs = _regisseurs(ingegaan, feiten.kenmerken)
    stappen: list[Stapbeoordeling] = []
    for i, (fase_, begin) in enumerate(ingegaan):
        einde = ingegaan[i + 1][1] if i + 1 < len(ingegaan) else None
        for stap in fase_.stappen:
            if stap.alleen_als is not None and stap.alleen_als not in feiten.kenmerken:
                continue
            vervallen_op = feiten.passend_aanbod_op if afgesloten else None
            if einde is not None and stap.vervalt_met_fase:
                vervallen_op = einde
            stappen.append(
                _beoordeel_stap(
                    stap,
                    fase_.code,
                    begin,
                    feiten,
                    feestdagen,
                    vakantieweken,
                    peildatum,
                    vervallen_op,
                    regisseurs[i],
                )
            )
    if afgesloten:
        for stap in aanpak.nazorg:
            if stap.alleen_als is None or stap.alleen_als in feiten.kenmerken:
                stappen.append(
                    _beoordeel_stap(
                        stap,
                        fase.code,
                        sinds,
                        feiten,
                        feestdagen,
                        vakantieweken,
                        peildatum,
                        None,
                        regisseurs[-1],
                    )
                )
    escalatie = (
        fase.escalatie
        if fase.escalatie and fase.escalatie not in feiten.gebeurtenissen and not afgesloten
        else None
    )
    norm = aanpak.norm.termijn_vanaf(
        feiten.start, feestdagen=feestdagen, vakantieweken=vakantieweken
    )
    norm_status: StapStatus
    if feiten.passend_aanbod_op is not None and afgesloten:
        norm_status = "gedaan" if feiten.passend_aanbod_op <= norm.verloopt_op else "verlopen"
    else:
        norm_status = norm.status_op(peildatum)
    return Beoordeling(
        fase=fase,
        fase_sinds=sinds,
        regisseur=regisseurs[-1],
        stappen=tuple(stappen),
        escalatie=escalatie,
        norm=norm,
        norm_status=norm_status,
        afgesloten=afgesloten,
    )


def _regisseurs(ingegaan: list[tuple[Fase, date]], kenmerken: frozenset[str]) -> list[str]:
    """Per entered phase the role that directs in it: its own (or the one its kenmerk asks
    for), or where the regie was when the phase leaves it unchanged (regisseur None)."""
    uitkomst: list[str] = []
    for fase, _begin in ingegaan:
        rol = next(
            (r for kenmerk, r in fase.regisseur_als.items() if kenmerk in kenmerken),
            fase.regisseur,
        )
        if rol is None:
            if not uitkomst:
                raise ValueError(f"De eerste fase {fase.code} moet een regisseur hebben.")
            rol = uitkomst[-1]
        uitkomst.append(rol)
    return uitkomst


def _ingegane_fasen(
    feiten: CasusFeiten,
    aanpak: Aanpak,
    feestdagen: Container[date],
    vakantieweken: Container[date] | None,
    tot: date,
) -> list[tuple[Fase, date]]:
    """The phases entered on or before `tot`, with the day each was entered. A phase that does
    not apply to the case (alleen_als) is skipped; so is a phase whose entry comes after a
    later phase's (that later phase was entered early, by its event: phases only go forward);
    a later phase is never entered before an earlier one."""
    eerste, *overige = aanpak.fasen
    kandidaten: list[tuple[Fase, date]] = []
    for fase in overige:
        if fase.alleen_als is not None and fase.alleen_als not in feiten.kenmerken:
            continue
        momenten = []
        if fase.vanaf is not None:
            op_tijd = fase.vanaf.termijn_vanaf(
                feiten.start, feestdagen=feestdagen, vakantieweken=vakantieweken
            ).verloopt_op
            tenzij = feiten.gebeurtenissen.get(fase.vanaf_tenzij) if fase.vanaf_tenzij else None
            if tenzij is None or _als_dag(tenzij) >= op_tijd:
                momenten.append(op_tijd)
        if fase.bij is not None and fase.bij in feiten.gebeurtenissen:
            momenten.append(_als_dag(feiten.gebeurtenissen[fase.bij]))
        if momenten and min(momenten) <= tot:
            kandidaten.append((fase, min(momenten)))
    ingegaan = [(eerste, feiten.start)]
    for i, (fase, moment) in enumerate(kandidaten):
        if any(later < moment for _fase, later in kandidaten[i + 1 :]):
            continue
        ingegaan.append((fase, max(moment, ingegaan[-1][1])))
    return ingegaan


def _beoordeel_stap(
    stap: Stap,
    fase: str,
    fase_begin: date,
    feiten: CasusFeiten,
    feestdagen: Container[date],
    vakantieweken: Container[date] | None,
    peildatum: date | datetime,
    vervallen_op: date | None,
    regisseur: str,
) -> Stapbeoordeling:
    anker: date | datetime | None
    if stap.na == "fase":
        anker = fase_begin
    elif stap.na == START:
        anker = feiten.start
    elif stap.na == PASSEND_AANBOD:
        anker = feiten.passend_aanbod_op
    else:
        anker = feiten.gebeurtenissen.get(stap.na)
    gedaan_op = feiten.gebeurtenissen.get(stap.code)
    if gedaan_op is None and stap.overdracht and feiten.regisseur == regisseur:
        # the regisseur already holds the role the phase wants: nothing to transfer
        gedaan_op = feiten.start
    termijn = None
    if anker is not None:
        if stap.termijn.eenheid == "uren" and not isinstance(anker, datetime):
            # a day without a time: the deadline counts from the start of that day
            anker = datetime.combine(anker, time(0), tzinfo=AMSTERDAM)
        termijn = stap.termijn.termijn_vanaf(
            anker,
            feestdagen=feestdagen,
            vakantieweken=vakantieweken,
            naar_werkdag=stap.naar_werkdag,
        )
    status: StapStatus
    if gedaan_op is not None:
        status = "gedaan"
        vervallen_op = None
    elif vervallen_op is not None and vervallen_op <= _als_dag(peildatum):
        status = "vervallen"
    elif termijn is None:
        status = "nog_niet"
        vervallen_op = None
    else:
        status = termijn.status_op(peildatum)
        vervallen_op = None
    return Stapbeoordeling(
        stap=stap,
        fase=fase,
        status=status,
        termijn=termijn,
        gedaan_op=gedaan_op,
        vervallen_op=vervallen_op,
    )


def _als_dag(moment: date | datetime) -> date:
    if isinstance(moment, datetime):
        return moment.astimezone(AMSTERDAM).date()
    return moment


# --- the two models of the source texts ----------------------------------------------------

SCHOOL: Final = "schoolmedewerker"
LEERPLICHT: Final = "leerplichtambtenaar"
GEZINSWERKER: Final = "gezinswerker"
TEAMMANAGER: Final = "teammanager"
INTERVENTIETEAM: Final = "interventieteamlid"
JEUGDARTS: Final = "jeugdarts"


def _binnen(naam: str, bron: str, eenheid: Eenheid, aantal: int) -> Termijndefinitie:
    return Termijndefinitie(naam=naam, bron=bron, eenheid=eenheid, aantal=aantal)


_AMSTERDAM: Final = (
    "Pilot Amsterdam-Noord (interview 2 oktober 2017; docs/domein.md, 'Regie: de twee "
    "escalatiemodellen')"
)
_AMSTERDAM_BINNEN_FASE: Final = (
    _AMSTERDAM + " [ONBEVESTIGD: de termijnen binnen een fase noemt de bron niet; dit zijn "
    "instelbare standaarden]"
)
_UTRECHT: Final = (
    "Utrechtse aanpak 'Van thuiszitten naar schoolgaan' (docs/domein.md, 'Regie: de twee "
    "escalatiemodellen')"
)
_NAZORG: Final = (
    "Na terugkeer op school volgt nazorg (docs/domein.md, 'Regie: de twee escalatiemodellen') "
    "[ONBEVESTIGD: termijn]"
)

# The aftercare of both models: some weeks after a return to school (kenmerk
# "terug_op_school": the passend aanbod is education at a school), the regisseur checks that
# the pupil still goes.
NAZORG: Final = Stap(
    "nazorg",
    "Nazorg: gaat de leerling nog naar school?",
    _binnen("zes_weken", _NAZORG, "weken", 6),
    na=PASSEND_AANBOD,
    rol=LEERPLICHT,
    alleen_als="terug_op_school",
)

AMSTERDAM_DRIE_FASEN: Final = Aanpak(
    code="amsterdam_drie_fasen",
    naam="Amsterdam: drie fasen",
    bron=_AMSTERDAM,
    norm=DRIE_MAANDEN,
    nazorg=(NAZORG,),
    fasen=(
        Fase(
            code="school",
            naam="Fase 1: de school heeft de regie",
            regisseur=SCHOOL,
            stappen=(
                Stap(
                    "gesprek_ouders",
                    "Verzuimgesprek met ouders en leerling (verzuimprotocol)",
                    _binnen("een_week", _AMSTERDAM_BINNEN_FASE, "weken", 1),
                    rol=SCHOOL,
                ),
                Stap(
                    "mazl",
                    "MAZL-consult bij de jeugdarts",
                    _binnen("twee_weken", _AMSTERDAM_BINNEN_FASE, "weken", 2),
                    rol=JEUGDARTS,
                    alleen_als="ziek",
                    # sickness does not stop at 4 weeks: the consult stays due
                    vervalt_met_fase=False,
                ),
                Stap(
                    "melding_duo",
                    "Verzuimmelding aan DUO door de school (art. 21a LPW)",
                    _binnen("een_week", _AMSTERDAM_BINNEN_FASE, "weken", 1),
                    na="verzuim_16_uur",
                    rol=SCHOOL,
                    # a legal duty of the school, whatever the phase; done on the day the
                    # school confirms it reported to DUO (Melding.duo_gemeld_op)
                    vervalt_met_fase=False,
                ),
            ),
        ),
        Fase(
            code="leerplicht",
            naam="Fase 2: Leerplicht heeft de regie",
            regisseur=LEERPLICHT,
            regisseur_als={"gezinsmanager": GEZINSWERKER},
            vanaf=VIER_WEKEN,
            stappen=(
                Stap(
                    "regie_overgedragen",
                    "Regie overgedragen aan de leerplichtambtenaar",
                    _binnen("drie_werkdagen", _AMSTERDAM_BINNEN_FASE, "werkdagen", 3),
                    rol=SCHOOL,
                    overdracht=True,
                ),
                Stap(
                    "huisbezoek",
                    "Huisbezoek door de ouder- en kindadviseur",
                    _binnen("twee_weken", _AMSTERDAM_BINNEN_FASE, "weken", 2),
                    rol=GEZINSWERKER,
                ),
                Stap(
                    "plan_van_aanpak",
                    "Plan van aanpak met ouders en leerling (wie doet wat wanneer)",
                    _binnen("vier_weken", _AMSTERDAM_BINNEN_FASE, "weken", 4),
                    rol=LEERPLICHT,
                    # the Doorbraakoverleg of phase 3 works on this plan
                    vervalt_met_fase=False,
                ),
                Stap(
                    "uvo",
                    "Plan besproken in het uitvoerdersoverleg (UVO)",
                    _binnen("twee_weken", _AMSTERDAM_BINNEN_FASE, "weken", 2),
                    na="plan_van_aanpak",
                    rol=LEERPLICHT,
                ),
            ),
        ),
        Fase(
            code="doorbraak",
            naam="Fase 3: het Doorbraakoverleg",
            regisseur=LEERPLICHT,
            vanaf=DRIE_MAANDEN,
            escalatie="doorbraakoverleg",
            stappen=(
                Stap(
                    "inbreng_doorbraakoverleg",
                    "Plan ingebracht in het Doorbraakoverleg (elke 3 weken)",
                    _binnen("drie_weken", _AMSTERDAM_BINNEN_FASE, "weken", 3),
                    rol=LEERPLICHT,
                ),
                Stap(
                    "advies_doorbraakoverleg_uitgevoerd",
                    "Advies van het Doorbraakoverleg gecoördineerd en uitgevoerd",
                    _binnen("drie_weken", _AMSTERDAM_BINNEN_FASE, "weken", 3),
                    na="inbreng_doorbraakoverleg",
                    rol=LEERPLICHT,
                ),
            ),
        ),
    ),
)

UTRECHT_KERNPARTNERS: Final = Aanpak(
    code="utrecht_kernpartners",
    naam="Utrecht: kernpartners",
    bron=_UTRECHT,
    norm=DRIE_MAANDEN,
    nazorg=(NAZORG,),
    fasen=(
        Fase(
            code="kernteam",
            naam="Kernteam: school, Leerplicht en samenwerkingsverband",
            regisseur=SCHOOL,
            stappen=(
                Stap(
                    "melding_thuiszitter",
                    "Melding (dreigend) thuiszitter aan Leerplicht en samenwerkingsverband",
                    _binnen(
                        "direct",
                        _UTRECHT + " [ONBEVESTIGD: 'direct' als 1 werkdag]",
                        "werkdagen",
                        1,
                    ),
                    na=START,
                    rol=SCHOOL,
                ),
                Stap(
                    "actietafel",
                    "Actietafel van het kernteam (voorrang in de agenda's)",
                    _binnen("twee_weken", _UTRECHT + " [ONBEVESTIGD: termijn]", "weken", 2),
                    na=START,
                    rol=SCHOOL,
                    alleen_als="vo",
                ),
                Stap(
                    "jeugdhulp_alternatief",
                    "Alternatief voor jeugdhulp zonder plek",
                    TWEE_WEKEN,
                    na="jeugdhulp_geen_plek",
                    rol=LEERPLICHT,
                    vervalt_met_fase=False,
                ),
                Stap(
                    "save_voorstel",
                    "Voorstel om SAVE (jeugdbescherming) te betrekken: geen onderwijs en geen "
                    "perspectief",
                    _binnen("een_week", _UTRECHT + " [ONBEVESTIGD: termijn]", "weken", 1),
                    na="geen_perspectief",
                    rol=LEERPLICHT,
                    vervalt_met_fase=False,
                ),
            ),
        ),
        Fase(
            code="teammanagers",
            naam="Voorgelegd aan de teammanagers van de kernpartners",
            # the teammanagers decide; the regie stays with the regisseur
            regisseur=None,
            vanaf=ACHT_WEKEN,
            escalatie="teammanagers",
            stappen=(
                Stap(
                    "besluit_teammanagers",
                    "Besluit van de teammanagers (ook over een alternatief voorstel van een "
                    "actietafel)",
                    _binnen("twee_weken", _UTRECHT + " [ONBEVESTIGD: termijn]", "weken", 2),
                    rol=TEAMMANAGER,
                ),
            ),
        ),
        Fase(
            code="interventieteam",
            naam="Interventieteam VO",
            regisseur=INTERVENTIETEAM,
            # after 10 weeks without a joint decision, or earlier for a very complex case when
            # a teammanager or Leerplicht engages the Interventieteam (its event)
            vanaf=TIEN_WEKEN,
            vanaf_tenzij="gezamenlijk_besluit",
            bij="interventieteam",
            escalatie="interventieteam",
            alleen_als="vo",
            stappen=(
                Stap(
                    "interventieteam_plan",
                    "Plan van het Interventieteam",
                    ACHTENVEERTIG_UUR,
                    na="interventieteam",
                    rol=INTERVENTIETEAM,
                ),
                Stap(
                    "interventieteam_oplossing",
                    "Oplossing bereikt",
                    TIEN_WERKDAGEN,
                    na="interventieteam",
                    rol=INTERVENTIETEAM,
                ),
                Stap(
                    "evaluatie",
                    "Evaluatie op casus- en procesniveau",
                    _binnen("twee_weken", _UTRECHT + " [ONBEVESTIGD: termijn]", "weken", 2),
                    na="interventieteam_oplossing",
                    rol=INTERVENTIETEAM,
                ),
            ),
        ),
    ),
)

AANPAKKEN: Final[dict[str, Aanpak]] = {
    aanpak.code: aanpak for aanpak in (AMSTERDAM_DRIE_FASEN, UTRECHT_KERNPARTNERS)
}
