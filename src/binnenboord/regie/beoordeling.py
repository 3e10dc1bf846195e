# SPDX-License-Identifier: EUPL-1.2
"""The one place where a stored case meets kern.aanpak: its facts are gathered (start, the
steps and events done from its history, its kenmerken, the passend aanbod) and evaluated on a
peildatum under the model the case runs under."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binnenboord.gedeeld.gegevens import in_ids
from binnenboord.kern import aanpak as kern
from binnenboord.kern.kalender import Vakantieweken, vo_leeftijd
from binnenboord.kern.termijnen import AMSTERDAM
from binnenboord.registratie.kalenders import schoolkalender, schoolkalenders
from binnenboord.registratie.models import Inschrijving, Leerling, School
from binnenboord.signalering.models import Melding, Signaal, Soort
from binnenboord.toegang.models import Rol

from .configuratie import TERUG_OP_SCHOOL, VO_LEEFTIJD, VO_SOORTEN, ZIEKTESIGNALEN, aanpakken
from .models import Casus, CasusGebeurtenis

# Signals and meldingen this long before the start still belong to the episode of the case.
AANLOOP = timedelta(weeks=4)

# Labels of event codes the models name that are not steps with their own name.
GEBEURTENISLABELS = {
    "verzuim_16_uur": _("16 hours of unauthorised absence reached"),
    "jeugdhulp_geen_plek": _("Youth care provider has no place"),
    "doorbraakoverleg": _("Case brought to the Doorbraakoverleg"),
    "teammanagers": _("Case presented to the team managers"),
    "interventieteam": _("Case taken on by the Intervention team VO"),
    "gezamenlijk_besluit": _("Joint decision of school, core partners, parents and pupil"),
    "geen_perspectief": _("No education and no perspective"),
}


def _vroegste(momenten: dict[str, date | datetime], code: str, moment: date | datetime) -> None:
    bestaand = momenten.get(code)
    if bestaand is None or _dag(moment) < _dag(bestaand):
        momenten[code] = moment


def _dag(moment: date | datetime) -> date:
    if isinstance(moment, datetime):
        return moment.astimezone(AMSTERDAM).date()
    return moment


def feiten_van(casus: Casus, *, op: date | None = None) -> kern.CasusFeiten:
    """The case as kern.aanpak reads it (see feiten_in_bulk); `op` (default today) is the day
    the pupil's school is taken from."""
    feiten, _scholen = feiten_in_bulk([casus], op=op or timezone.localdate())
    return feiten[casus.pk]


def beoordeel_casus(casus: Casus, peildatum: date | datetime) -> kern.Beoordeling:
    """The case on `peildatum` under its own model: phase, who should direct, the steps with
    their deadlines, the escalation due and the national norm."""
    return beoordeel_in_bulk([casus], peildatum)[casus.pk]


class _Feestdagen:
    """The weekdays that are no werkdag on a school calendar: its recognised public holidays,
    as kern.termijnen needs them for deadlines in werkdagen."""

    def __init__(self, kalender: Any) -> None:
        self._kalender = kalender
        self._gezien: dict[date, bool] = {}

    def __contains__(self, dag: object) -> bool:
        if not isinstance(dag, date) or dag.weekday() >= 5:
            return False
        # many cases count werkdagen over the same weeks: remember each day's answer
        feestdag = self._gezien.get(dag)
        if feestdag is None:
            feestdag = self._gezien[dag] = not self._kalender.is_werkdag(dag)
        return feestdag


def _scholen_op(leerling_ids: Iterable[int], op: date) -> tuple[dict[int, School], set[int]]:
    """Per pupil the school of the newest enrolment begun on or before `op` (for the calendar:
    also an enrolment that has ended), and the pupils enrolled on `op`: two queries, and one
    School object per school (not per enrolment)."""
    school_van: dict[int, int] = {}
    ingeschreven: set[int] = set()
    for leerling_id, school_id, einddatum in (
        Inschrijving.objects.filter(in_ids("leerling_id", leerling_ids), begindatum__lte=op)
        .order_by("leerling_id", "-begindatum", "-pk")
        .values_list("leerling_id", "school_id", "einddatum")
    ):
        school_van.setdefault(leerling_id, school_id)
        if einddatum is None or einddatum >= op:
            ingeschreven.add(leerling_id)
    scholen = School.objects.in_bulk(set(school_van.values()))
    return (
        {leerling_id: scholen[school_id] for leerling_id, school_id in school_van.items()},
        ingeschreven,
    )


def feiten_in_bulk(
    casussen: Iterable[Casus], *, op: date
) -> tuple[dict[int, kern.CasusFeiten], dict[int, School | None]]:
    """The case as kern.aanpak reads it, for every case (by pk), and each case's school on
    `op`, in a fixed number of queries. Steps and events: the recorded steps of its history
    (the earliest date per code, with the moment where one was given), the 16-hour signal, the
    sent stay-at-home meldingen and the school's confirmed reports to DUO (Melding.duo_gemeld_op)
    of the pupil from the episode (AANLOOP before the start on). The role of
    the regisseur (a transfer of regie to the role the phase wants is then done). Kenmerken
    (configuratie): "vo" when the pupil's school is VO or VSO, or the pupil is not enrolled on
    `op` and of VO age; the kind of the pupil's school in lower case ("po", ...); "ziek" when
    a sickness signal of the pupil falls in the episode (however the case was opened);
    "gezinsmanager" when a family worker holds regie; "terug_op_school" when the case closed
    with education at a school."""
    casussen = list(casussen)
    leerling_ids = {c.leerling_id for c in casussen}
    scholen, ingeschreven = _scholen_op(leerling_ids, op)
    zonder_school = leerling_ids - ingeschreven
    geboren: dict[int, date] = (
        dict(
            Leerling.objects.filter(in_ids("pk", zonder_school)).values_list("pk", "geboortedatum")
        )
        if zonder_school
        else {}
    )

    stappen: dict[int, list[tuple[str, date | datetime]]] = defaultdict(list)
    for casus_id, stap, datum, tijdstip in (
        CasusGebeurtenis.objects.filter(in_ids("casus_id", (c.pk for c in casussen)))
        .exclude(stap="")
        .values_list("casus_id", "stap", "datum", "tijdstip")
        .order_by("pk")
    ):
        stappen[casus_id].append((stap, tijdstip or datum))
    zestien_uur: dict[int, list[date]] = defaultdict(list)
    ziek: dict[int, list[date]] = defaultdict(list)
    for leerling_id, soort, datum in (
        Signaal.objects.filter(
            in_ids("leerling_id", leerling_ids),
            soort__in=[Soort.VERZUIM_16_UUR, *ZIEKTESIGNALEN],
        )
        .values_list("leerling_id", "soort", "datum")
        .order_by("datum")
    ):
        (zestien_uur if soort == Soort.VERZUIM_16_UUR else ziek)[leerling_id].append(datum)
    # the stay-at-home report counts when sent; the step "verzuimmelding aan DUO" when the
    # school confirmed it reported to DUO itself, on the day it gave (Binnenboord sends
    # nothing to DUO: sending the absence report to Leerplicht is not that step)
    meldingen: dict[int, list[tuple[str, date]]] = defaultdict(list)
    for leerling_id, soort, verzonden_op, duo_gemeld_op in Melding.objects.filter(
        Q(soort=Melding.Soort.VERZUIMMELDING, duo_gemeld_op__isnull=False)
        | (~Q(soort=Melding.Soort.VERZUIMMELDING) & Q(verzonden_op__isnull=False)),
        in_ids("leerling_id", leerling_ids),
    ).values_list("leerling_id", "soort", "verzonden_op", "duo_gemeld_op"):
        if soort == Melding.Soort.VERZUIMMELDING and duo_gemeld_op is not None:
            meldingen[leerling_id].append(("melding_duo", duo_gemeld_op))
        elif verzonden_op is not None:
            meldingen[leerling_id].append(("melding_thuiszitter", _dag(verzonden_op)))

    leeftijd, peildag = VO_LEEFTIJD
    feiten: dict[int, kern.CasusFeiten] = {}
    for casus in casussen:
        momenten: dict[str, date | datetime] = {}
        for stap, moment in stappen[casus.pk]:
            _vroegste(momenten, stap, moment)
        vanaf = casus.start - AANLOOP
        tot = casus.passend_aanbod_op or op
        eerste = next((d for d in zestien_uur[casus.leerling_id] if d >= vanaf), None)
        if eerste is not None:
            _vroegste(momenten, "verzuim_16_uur", eerste)
        for code, dag in meldingen[casus.leerling_id]:
            if dag >= vanaf:
                _vroegste(momenten, code, dag)
        kenmerken = set()
        school = scholen.get(casus.leerling_id)
        if school is not None:
            kenmerken.add(school.soort.lower())
            if school.soort in VO_SOORTEN:
                kenmerken.add("vo")
        geboortedatum = geboren.get(casus.leerling_id)
        if geboortedatum is not None and vo_leeftijd(
            geboortedatum, op, leeftijd=leeftijd, peildag=peildag
        ):
            kenmerken.add("vo")
        if any(vanaf <= d <= tot for d in ziek[casus.leerling_id]):
            kenmerken.add("ziek")
        rol = casus.regisseur.rol
        if rol == Rol.GEZINSWERKER:
            kenmerken.add("gezinsmanager")
        if casus.passend_aanbod in TERUG_OP_SCHOOL:
            kenmerken.add("terug_op_school")
        feiten[casus.pk] = kern.CasusFeiten(
            start=casus.start,
            gebeurtenissen=momenten,
            kenmerken=frozenset(kenmerken),
            passend_aanbod_op=casus.passend_aanbod_op,
            regisseur=rol,
        )
    return feiten, {c.pk: scholen.get(c.leerling_id) for c in casussen}


def beoordeel_in_bulk(
    casussen: Iterable[Casus], peildatum: date | datetime
) -> dict[int, kern.Beoordeling]:
    """The cases on `peildatum` under their own models (by pk), in a fixed number of
    queries."""
    casussen = list(casussen)
    dag = _dag(peildatum)
    feiten, scholen = feiten_in_bulk(casussen, op=dag)
    kalenders = schoolkalenders({s.pk: s for s in scholen.values() if s is not None}.values())
    # one holiday lookup per school (and one without a school), shared by its cases
    feestdagen = {pk: _Feestdagen(kalender) for pk, kalender in kalenders.items()}
    vakantieweken = {pk: kalender.vakantieweken for pk, kalender in kalenders.items()}
    # a pupil without a school: the holiday region of its municipality (Gemeente.regio, set
    # by binnenboord inrichten), else SCHOOLREGIO; one calendar per region
    zonder = {c.leerling_id for c in casussen if scholen[c.pk] is None}
    regio_van: dict[int, str | None] = (
        dict(Leerling.objects.filter(in_ids("pk", zonder)).values_list("pk", "woongemeente__regio"))
        if zonder
        else {}
    )
    zonder_school: dict[str, tuple[_Feestdagen, Vakantieweken]] = {}
    modellen = aanpakken()
    uitkomst: dict[int, kern.Beoordeling] = {}
    for casus in casussen:
        school = scholen[casus.pk]
        if school is not None:
            dagen, weken = feestdagen[school.pk], vakantieweken[school.pk]
        else:
            regio = regio_van.get(casus.leerling_id) or ""
            if regio not in zonder_school:
                kalender = schoolkalender(None, regio=regio)
                zonder_school[regio] = (_Feestdagen(kalender), kalender.vakantieweken)
            dagen, weken = zonder_school[regio]
        uitkomst[casus.pk] = kern.beoordeel(
            feiten[casus.pk], modellen[casus.aanpak], dagen, peildatum, vakantieweken=weken
        )
    return uitkomst


# How long after the passend aanbod a closed case's aftercare is still looked for: the aftercare
# steps' own deadline plus this margin (an overdue aftercare drops off a worklist after it).
NAZORG_HORIZON = timedelta(weeks=26)


def met_open_nazorg(casussen: QuerySet[Casus], peildatum: date) -> QuerySet[Casus]:
    """The closed cases of `casussen` whose aftercare (kern.aanpak.Aanpak.nazorg) may be due:
    closed with education at a school (configuratie.TERUG_OP_SCHOOL) within NAZORG_HORIZON
    before `peildatum`, without a recorded aftercare step. A worklist evaluates them with
    beoordeel_in_bulk like open cases; the step's status says whether it is due."""
    codes = {stap.code for aanpak in aanpakken().values() for stap in aanpak.nazorg}
    return (
        casussen.filter(
            status=Casus.Status.GESLOTEN,
            passend_aanbod__in=TERUG_OP_SCHOOL,
            passend_aanbod_op__gte=peildatum - NAZORG_HORIZON,
            passend_aanbod_op__lte=peildatum,
        )
        .exclude(gebeurtenissen__stap__in=codes)
        .distinct()
    )


@dataclass(frozen=True)
class Kop:
    """What the top of the case page shows: the phase, who should direct by the model, the
    next deadline, and the overdue steps."""

    aanpak: kern.Aanpak
    beoordeling: kern.Beoordeling
    volgende: kern.Stapbeoordeling | None
    te_laat: tuple[kern.Stapbeoordeling, ...]
    binnenkort: tuple[kern.Stapbeoordeling, ...]

    def fasen_ingegaan(self) -> list[tuple[str, date]]:
        """The phases the case entered so far (name, day), first to current: read from the
        deadlines that count from a phase's entry, and the current phase's own entry."""
        namen = {f.code: f.naam for f in self.aanpak.fasen}
        begin: dict[str, date] = {}
        for s in self.beoordeling.stappen:
            if s.stap.na == "fase" and s.termijn is not None:
                begin.setdefault(s.fase, s.termijn.start)
        begin[self.beoordeling.fase.code] = self.beoordeling.fase_sinds
        volgorde = [f.code for f in self.aanpak.fasen]
        return [
            (namen[code], dag)
            for code, dag in sorted(begin.items(), key=lambda i: volgorde.index(i[0]))
        ]

    @property
    def escalatie(self) -> str:
        """The escalation due, as a person reads it (empty: none)."""
        code = self.beoordeling.escalatie
        return str(GEBEURTENISLABELS.get(code, code)) if code else ""

    @property
    def regisseur_volgens_model(self) -> str:
        return str(Rol(self.beoordeling.regisseur).label)


OPEN_STATUSSEN = ("lopend", "binnenkort", "verlopen")


def kop_van(casus: Casus, peildatum: date | datetime) -> Kop:
    beoordeling = beoordeel_casus(casus, peildatum)
    open_ = sorted(
        (s for s in beoordeling.stappen if s.status in OPEN_STATUSSEN and s.termijn is not None),
        key=lambda s: s.termijn.verloopt_op if s.termijn is not None else date.max,
    )
    return Kop(
        aanpak=aanpakken()[casus.aanpak],
        beoordeling=beoordeling,
        volgende=next((s for s in open_ if s.status != "verlopen"), None),
        te_laat=tuple(s for s in open_ if s.status == "verlopen"),
        binnenkort=tuple(s for s in open_ if s.status == "binnenkort"),
    )


def stapkeuzes(casus: Casus) -> list[tuple[str, str]]:
    """The steps and events of the case's model a person can record, in model order (the
    aftercare steps last)."""
    aanpak = aanpakken()[casus.aanpak]
    keuzes: dict[str, str] = {}
    for fase in aanpak.fasen:
        for code in (fase.escalatie, fase.bij, fase.vanaf_tenzij):
            if code:
                keuzes.setdefault(code, str(GEBEURTENISLABELS.get(code, code)))
        for stap in fase.stappen:
            keuzes.setdefault(stap.code, stap.naam)
            if stap.na not in ("fase", kern.START) and stap.na in GEBEURTENISLABELS:
                keuzes.setdefault(stap.na, str(GEBEURTENISLABELS[stap.na]))
    for stap in aanpak.nazorg:
        keuzes.setdefault(stap.code, stap.naam)
    return list(keuzes.items())


def staplabel(casus: Casus, code: str) -> str:
    return dict(stapkeuzes(casus)).get(code, code)
