# SPDX-License-Identifier: EUPL-1.2
"""Reads only the case page makes (docs/schermen.md, "De casuspagina"): the summary card at the
top, the model steps with how late a step was done, the model steps that stand for a plan or a
meeting Binnenboord does not hold (so the page never says "gedaan" beside "nog geen plan"), and
what a family worker who takes part needs on a home visit. The case page itself is
access-checked and logged (regie.views.casus); these reads add nothing the page did not
already show, except the home-visit details behind regie.view_huisbezoekgegevens."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Q

from binnenboord.kern import aanpak as kern
from binnenboord.kern.termijnen import AMSTERDAM
from binnenboord.registratie.models import Inschrijving, Leerling, Ouder, School

from ..models import Agendapunt, Casus, CasusGebeurtenis, Overlegsoort

# The model steps a saved plan version records (regie.services.plan.PLAN_VAN_AANPAK).
PLANSTAP = "plan_van_aanpak"

# Per kind of meeting the model's escalation and steps a meeting of that kind records for the
# case (the same codes as regie.services.overleg.CODES).
OVERLEGSTAPPEN: dict[str, tuple[str, ...]] = {
    Overlegsoort.ACTIETAFEL: ("actietafel",),
    Overlegsoort.UVO: ("uvo",),
    Overlegsoort.TEAMMANAGERSOVERLEG: ("teammanagers", "besluit_teammanagers"),
    Overlegsoort.INTERVENTIETEAM: ("interventieteam",),
    Overlegsoort.DOORBRAAKOVERLEG: ("doorbraakoverleg", "inbreng_doorbraakoverleg"),
}


def huidige_school(leerling: Leerling, op: date) -> School | None:
    """The school of the pupil's enrolment running on `op` (the newest when more run), or None
    when the pupil is not enrolled."""
    inschrijving = (
        Inschrijving.objects.filter(leerling=leerling, begindatum__lte=op)
        .filter(Q(einddatum__isnull=True) | Q(einddatum__gte=op))
        .select_related("school")
        .order_by("-begindatum", "-pk")
        .first()
    )
    return inschrijving.school if inschrijving is not None else None


def _dag(moment: date | datetime) -> date:
    if isinstance(moment, datetime):
        return moment.astimezone(AMSTERDAM).date()
    return moment


@dataclass(frozen=True)
class Staprij:
    """A model step as the case page lists it: the step, and for a step done after its
    deadline how late (in days, or in hours for a deadline that counts in hours and was missed
    on its last day)."""

    s: kern.Stapbeoordeling
    dagen_te_laat: int = 0
    uren_te_laat: int = 0

    @property
    def te_laat_gedaan(self) -> bool:
        return self.dagen_te_laat > 0 or self.uren_te_laat > 0

    @property
    def gedaan_dag(self) -> date | None:
        return _dag(self.s.gedaan_op) if self.s.gedaan_op is not None else None


def staprij(s: kern.Stapbeoordeling) -> Staprij:
    if s.gedaan_op is None or s.termijn is None:
        return Staprij(s)
    dag = _dag(s.gedaan_op)
    if dag > s.termijn.verloopt_op:
        return Staprij(s, dagen_te_laat=(dag - s.termijn.verloopt_op).days)
    verloopt_om = s.termijn.verloopt_om
    if verloopt_om is not None and isinstance(s.gedaan_op, datetime) and s.gedaan_op > verloopt_om:
        uren = int((s.gedaan_op - verloopt_om).total_seconds() // 3600)
        return Staprij(s, uren_te_laat=max(uren, 1))
    return Staprij(s)


def stapgebeurtenissen(casus: Casus, codes: Iterable[str]) -> dict[str, CasusGebeurtenis]:
    """Per step code the first recorded event of it (the step's day for the model)."""
    eerste: dict[str, CasusGebeurtenis] = {}
    for g in (
        casus.gebeurtenissen.filter(stap__in=list(codes))
        .select_related("wie")
        .order_by("datum", "pk")
    ):
        eerste.setdefault(g.stap, g)
    return eerste


def plan_alleen_als_stap(casus: Casus, heeft_plan: bool) -> CasusGebeurtenis | None:
    """The step "plan van aanpak" recorded on its own while no plan version is saved: the case
    page then says the plan was recorded as a step without its content, not "no plan yet"."""
    if heeft_plan:
        return None
    return stapgebeurtenissen(casus, [PLANSTAP]).get(PLANSTAP)


@dataclass(frozen=True)
class Overlegstap:
    """A model step of a meeting, recorded without that meeting's agenda item in Binnenboord
    (for example a meeting held elsewhere)."""

    code: str
    label: str
    gebeurtenis: CasusGebeurtenis


def overlegstappen_zonder_agendapunt(casus: Casus, staplabels: dict[str, str]) -> list[Overlegstap]:
    """The steps of a meeting (OVERLEGSTAPPEN) recorded for the case while it is on no agenda
    of that kind of meeting in Binnenboord: the meetings block lists them instead of saying
    "not on the agenda of a meeting yet"."""
    soorten = set(Agendapunt.objects.filter(casus=casus).values_list("overleg__soort", flat=True))
    codes = [
        code
        for soort, stappen in OVERLEGSTAPPEN.items()
        if soort not in soorten
        for code in stappen
    ]
    gebeurtenissen = stapgebeurtenissen(casus, codes)
    return [
        Overlegstap(code=code, label=staplabels.get(code, code), gebeurtenis=g)
        for code, g in sorted(gebeurtenissen.items(), key=lambda i: (i[1].datum, i[1].pk))
    ]


@dataclass(frozen=True)
class Reden:
    """Why the case is there: what it was opened from, and the opener's words."""

    bron: str
    toelichting: str


def reden_van(casus: Casus) -> Reden:
    """The reason of the case as its page already shows it: the signal or report it was opened
    from (their kind and date, nothing of the report's content) and what the opener wrote when
    opening (the timeline shows the same)."""
    delen: list[str] = []
    if casus.signaal is not None:
        delen.append(str(casus.signaal))
    if casus.melding is not None:
        delen.append(str(casus.melding.get_soort_display()))
    geopend = (
        casus.gebeurtenissen.filter(soort=CasusGebeurtenis.Soort.GEOPEND).order_by("pk").first()
    )
    toelichting = geopend.toelichting.strip() if geopend is not None else ""
    if geopend is not None and not toelichting:
        toelichting = str((geopend.gegevens or {}).get("spreekuur", "")).strip()
    return Reden(bron=" · ".join(delen), toelichting=toelichting)


@dataclass(frozen=True)
class Huisbezoek:
    """What the family worker needs on a home visit: the pupil's address (None when shielded)
    and per parent the phone number as stored (a parent's address is never shown here)."""

    adres: str | None
    afgeschermd: bool
    telefoons: list[tuple[Ouder, str]]


def huisbezoekgegevens(leerling: Leerling) -> Huisbezoek:
    adres = None
    if not leerling.adres_afgeschermd:
        straat = " ".join(d for d in (leerling.straat, leerling.huisnummer) if d)
        plaats = " ".join(d for d in (leerling.postcode, leerling.woonplaats) if d)
        adres = ", ".join(d for d in (straat, plaats) if d)
    return Huisbezoek(
        adres=adres,
        afgeschermd=leerling.adres_afgeschermd,
        telefoons=[(o, o.telefoon) for o in leerling.ouders.order_by("relatie", "pk")],
    )


def laatste_contact(contactmomenten: Iterable[Any]) -> Any:
    """The newest contact moment (by date, then the latest recorded), or None."""
    return max(contactmomenten, key=lambda c: (c.datum, c.pk), default=None)
