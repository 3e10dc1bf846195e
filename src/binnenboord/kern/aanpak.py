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
- a step is *gedaan* when its code is in `gebeurtenissen`; *nog_niet* while its anchor has not
  happened; otherwise its deadline makes it *lopend*, *binnenkort* or *verlopen*
  (kern.termijnen.Termijn.status_op).
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


@dataclass(frozen=True)
class Stap:
    """Something that must happen in a phase, by `rol`, within `termijn` after `na` (START,
    the phase entry "fase", or another step or event code). `alleen_als`: only for cases with
    that kenmerk."""

    code: str
    naam: str
    termijn: Termijndefinitie
    na: str = "fase"
    rol: str | None = None
    alleen_als: str | None = None


@dataclass(frozen=True)
class Fase:
    """A phase: entered `vanaf` after the start or when event `bij` happens, whichever comes
    first (the first phase: at the start); `regisseur` is the role (a toegang Rol value) that
    directs; `escalatie` the body the case goes to when this phase is entered (None: no
    escalation), due until the event of that code is recorded."""

    code: str
    naam: str
    regisseur: str
    vanaf: Termijndefinitie | None = None
    bij: str | None = None
    stappen: tuple[Stap, ...] = ()
    escalatie: str | None = None
    # only for cases with this kenmerk (the Interventieteam VO is for VO pupils)
    alleen_als: str | None = None
    # kenmerk -> another role that directs instead (Amsterdam: a gezinsmanager may hold regie)
    regisseur_als: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Aanpak:
    """An escalation model: phases in order, and the national norm that applies under every
    model (no child longer than `norm` at home without passend aanbod)."""

    code: str
    naam: str
    bron: str
    fasen: tuple[Fase, ...]
    norm: Termijndefinitie


@dataclass(frozen=True)
class CasusFeiten:
    start: date
    gebeurtenissen: Mapping[str, date | datetime] = field(default_factory=dict)
    kenmerken: frozenset[str] = frozenset()
    passend_aanbod_op: date | None = None


@dataclass(frozen=True)
class Stapbeoordeling:
    stap: Stap
    fase: str
    status: StapStatus
    termijn: Termijn | None  # None while the anchor has not happened
    gedaan_op: date | datetime | None = None


@dataclass(frozen=True)
class Beoordeling:
    """A case on the peildatum: the current phase and since when, the role that should direct,
    every step of the phases entered so far with its status, the escalation due (the body of the
    current phase when it escalates and that has not happened yet), and the national norm."""

    fase: Fase
    fase_sinds: date
    regisseur: str
    stappen: tuple[Stapbeoordeling, ...]
    escalatie: str | None
    norm: Termijn
    norm_status: StapStatus
    afgesloten: bool


def beoordeel(
    feiten: CasusFeiten, aanpak: Aanpak, feestdagen: Container[date], peildatum: date | datetime
) -> Beoordeling:
    """The case on `peildatum` under `aanpak`. `feestdagen` are the recognised holidays for
    deadlines in werkdagen (kern.kalender.Schoolkalender(...)._erkende_feestdagen or any
    container). A case with a passend aanbod on or before the peildatum is afgesloten: its phase
    is the one it was in then, and its open steps are vervallen."""
    dag = _als_dag(peildatum)
    afgesloten = feiten.passend_aanbod_op is not None and feiten.passend_aanbod_op <= dag
    tot = feiten.passend_aanbod_op if afgesloten and feiten.passend_aanbod_op else dag
    ingegaan = _ingegane_fasen(feiten, aanpak, feestdagen, tot)
    fase, sinds = ingegaan[-1]
    stappen = tuple(
        _beoordeel_stap(stap, fase_.code, begin, feiten, feestdagen, peildatum, afgesloten)
        for fase_, begin in ingegaan
        for stap in fase_.stappen
        if stap.alleen_als is None or stap.alleen_als in feiten.kenmerken
    )
    regisseur = next(
        (rol for kenmerk, rol in fase.regisseur_als.items() if kenmerk in feiten.kenmerken),
        fase.regisseur,
    )
    escalatie = (
        fase.escalatie
        if fase.escalatie and fase.escalatie not in feiten.gebeurtenissen and not afgesloten
        else None
    )
    norm = aanpak.norm.termijn_vanaf(feiten.start, feestdagen=feestdagen)
    norm_status: StapStatus
    if feiten.passend_aanbod_op is not None and afgesloten:
        norm_status = "gedaan" if feiten.passend_aanbod_op <= norm.verloopt_op else "verlopen"
    else:
        norm_status = norm.status_op(peildatum)
    return Beoordeling(
        fase=fase,
        fase_sinds=sinds,
        regisseur=regisseur,
        stappen=stappen,
        escalatie=escalatie,
        norm=norm,
        norm_status=norm_status,
        afgesloten=afgesloten,
    )


def _ingegane_fasen(
    feiten: CasusFeiten, aanpak: Aanpak, feestdagen: Container[date], tot: date
) -> list[tuple[Fase, date]]:
    """The phases entered on or before `tot`, with the day each was entered. A phase that does
    not apply to the case (alleen_als) is skipped; a later phase is never entered before an
    earlier one."""
    eerste, *overige = aanpak.fasen
    ingegaan = [(eerste, feiten.start)]
    for fase in overige:
        if fase.alleen_als is not None and fase.alleen_als not in feiten.kenmerken:
            continue
        momenten = []
        if fase.vanaf is not None:
            momenten.append(
                fase.vanaf.termijn_vanaf(feiten.start, feestdagen=feestdagen).verloopt_op
            )
        if fase.bij is not None and fase.bij in feiten.gebeurtenissen:
            momenten.append(_als_dag(feiten.gebeurtenissen[fase.bij]))
        if not momenten:
            continue
        begin = max(min(momenten), ingegaan[-1][1])
        if begin > tot:
            break
        ingegaan.append((fase, begin))
    return ingegaan


def _beoordeel_stap(
    stap: Stap,
    fase: str,
    fase_begin: date,
    feiten: CasusFeiten,
    feestdagen: Container[date],
    peildatum: date | datetime,
    afgesloten: bool,
) -> Stapbeoordeling:
    anker: date | datetime | None
    if stap.na == "fase":
        anker = fase_begin
    elif stap.na == START:
        anker = feiten.start
    else:
        anker = feiten.gebeurtenissen.get(stap.na)
    gedaan_op = feiten.gebeurtenissen.get(stap.code)
    termijn = None
    if anker is not None:
        if stap.termijn.eenheid == "uren" and not isinstance(anker, datetime):
            # a day without a time: the deadline counts from the start of that day
            anker = datetime.combine(anker, time(0), tzinfo=AMSTERDAM)
        termijn = stap.termijn.termijn_vanaf(anker, feestdagen=feestdagen)
    status: StapStatus
    if gedaan_op is not None:
        status = "gedaan"
    elif termijn is None:
        status = "vervallen" if afgesloten else "nog_niet"
    elif afgesloten:
        status = "vervallen"
    else:
        status = termijn.status_op(peildatum)
    return Stapbeoordeling(
        stap=stap, fase=fase, status=status, termijn=termijn, gedaan_op=gedaan_op
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


def _binnen(naam: str, bron: str, eenheid: Eenheid, aantal: int) -> Termijndefinitie:
    return Termijndefinitie(naam=naam, bron=bron, eenheid=eenheid, aantal=aantal)


_AMSTERDAM: Final = (
    "Pilot Amsterdam-Noord (interview 2 oktober 2017; docs/domein.md, 'Regie: de twee "
    "escalatiemodellen') [ONBEVESTIGD: de termijnen binnen een fase noemt de bron niet; dit zijn "
    "instelbare standaarden]"
)
_UTRECHT: Final = (
    "Utrechtse aanpak 'Van thuiszitten naar schoolgaan' (docs/domein.md, 'Regie: de twee "
    "escalatiemodellen')"
)

AMSTERDAM_DRIE_FASEN: Final = Aanpak(
    code="amsterdam_drie_fasen",
    naam="Amsterdam: drie fasen",
    bron=_AMSTERDAM,
    norm=DRIE_MAANDEN,
    fasen=(
        Fase(
            code="school",
            naam="Fase 1: de school heeft de regie",
            regisseur=SCHOOL,
            stappen=(
                Stap(
                    "gesprek_ouders",
                    "Verzuimgesprek met ouders en leerling (verzuimprotocol)",
                    _binnen("een_week", _AMSTERDAM, "weken", 1),
                    rol=SCHOOL,
                ),
                Stap(
                    "mazl",
                    "MAZL-consult bij de jeugdarts",
                    _binnen("twee_weken", _AMSTERDAM, "weken", 2),
                    rol=SCHOOL,
                    alleen_als="ziek",
                ),
                Stap(
                    "melding_duo",
                    "Verzuimmelding aan DUO (art. 21a LPW)",
                    _binnen("een_week", _AMSTERDAM, "weken", 1),
                    na="verzuim_16_uur",
                    rol=SCHOOL,
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
                    _binnen("drie_werkdagen", _AMSTERDAM, "werkdagen", 3),
                    rol=SCHOOL,
                ),
                Stap(
                    "huisbezoek",
                    "Huisbezoek door de ouder- en kindadviseur",
                    _binnen("twee_weken", _AMSTERDAM, "weken", 2),
                    rol=GEZINSWERKER,
                ),
                Stap(
                    "plan_van_aanpak",
                    "Plan van aanpak met ouders en leerling (wie doet wat wanneer)",
                    _binnen("vier_weken", _AMSTERDAM, "weken", 4),
                    rol=LEERPLICHT,
                ),
                Stap(
                    "uvo",
                    "Plan besproken in het uitvoerdersoverleg (UVO)",
                    _binnen("twee_weken", _AMSTERDAM, "weken", 2),
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
                    _binnen("drie_weken", _AMSTERDAM, "weken", 3),
                    rol=LEERPLICHT,
                ),
                Stap(
                    "advies_doorbraakoverleg_uitgevoerd",
                    "Advies van het Doorbraakoverleg gecoördineerd en uitgevoerd",
                    _binnen("drie_weken", _AMSTERDAM, "weken", 3),
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
                ),
            ),
        ),
        Fase(
            code="teammanagers",
            naam="Teammanagers van de kernpartners",
            regisseur=TEAMMANAGER,
            vanaf=ACHT_WEKEN,
            escalatie="teammanagers",
            stappen=(
                Stap(
                    "besluit_teammanagers",
                    "Gezamenlijk besluit van de teammanagers",
                    _binnen("twee_weken", _UTRECHT, "weken", 2),
                    rol=TEAMMANAGER,
                ),
            ),
        ),
        Fase(
            code="interventieteam",
            naam="Interventieteam VO",
            regisseur=INTERVENTIETEAM,
            vanaf=TIEN_WEKEN,
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
