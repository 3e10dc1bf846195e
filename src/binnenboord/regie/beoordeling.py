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

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binnenboord.gedeeld.gegevens import in_ids
from binnenboord.kern import aanpak as kern
from binnenboord.kern.termijnen import AMSTERDAM
from binnenboord.registratie.kalenders import schoolkalender, schoolkalenders
from binnenboord.registratie.models import Inschrijving, School
from binnenboord.signalering.models import Melding, Signaal, Soort
from binnenboord.toegang.models import Rol

from .configuratie import aanpakken
from .models import Casus, CasusGebeurtenis

# Signals and meldingen this long before the start still belong to the episode of the case.
AANLOOP = timedelta(weeks=4)
ZIEKTESIGNALEN = frozenset({Soort.LANGDURIG_GEOORLOOFD_VERZUIM, Soort.ZORGWEKKEND_ZIEKTEVERZUIM})

# Labels of event codes the models name that are not steps with their own name.
GEBEURTENISLABELS = {
    "verzuim_16_uur": _("16 hours of unauthorised absence reached"),
    "jeugdhulp_geen_plek": _("Youth care provider has no place"),
    "doorbraakoverleg": _("Case brought to the Doorbraakoverleg"),
    "teammanagers": _("Case brought to the team managers"),
    "interventieteam": _("Case taken on by the Intervention team VO"),
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


def _scholen_op(leerling_ids: Iterable[int], op: date) -> dict[int, School]:
    """Per pupil the school of the newest enrolment begun on or before `op`: two queries, and
    one School object per school (not per enrolment)."""
    school_van: dict[int, int] = {}
    for leerling_id, school_id in (
        Inschrijving.objects.filter(in_ids("leerling_id", leerling_ids), begindatum__lte=op)
        .order_by("leerling_id", "-begindatum", "-pk")
        .values_list("leerling_id", "school_id")
    ):
        school_van.setdefault(leerling_id, school_id)
    scholen = School.objects.in_bulk(set(school_van.values()))
    return {leerling_id: scholen[school_id] for leerling_id, school_id in school_van.items()}


def feiten_in_bulk(
    casussen: Iterable[Casus], *, op: date
) -> tuple[dict[int, kern.CasusFeiten], dict[int, School | None]]:
    """The case as kern.aanpak reads it, for every case (by pk), and each case's school on
    `op`, in a fixed number of queries. Steps and events: the recorded steps of its history
    (the earliest date per code, with the moment where one was given), the 16-hour signal and
    the sent meldingen of the pupil from the episode (AANLOOP before the start on). Kenmerken:
    the kind of the pupil's school ("vo", "po", ...), "ziek" when the case came from a
    sickness signal, "gezinsmanager" when a family worker holds regie."""
    casussen = list(casussen)
    leerling_ids = {c.leerling_id for c in casussen}
    scholen = _scholen_op(leerling_ids, op)

    stappen: dict[int, list[tuple[str, date | datetime]]] = defaultdict(list)
    for casus_id, stap, datum, tijdstip in (
        CasusGebeurtenis.objects.filter(in_ids("casus_id", (c.pk for c in casussen)))
        .exclude(stap="")
        .values_list("casus_id", "stap", "datum", "tijdstip")
        .order_by("pk")
    ):
        stappen[casus_id].append((stap, tijdstip or datum))
    zestien_uur: dict[int, list[date]] = defaultdict(list)
    for leerling_id, datum in (
        Signaal.objects.filter(in_ids("leerling_id", leerling_ids), soort=Soort.VERZUIM_16_UUR)
        .values_list("leerling_id", "datum")
        .order_by("datum")
    ):
        zestien_uur[leerling_id].append(datum)
    meldingen: dict[int, list[tuple[str, datetime | None]]] = defaultdict(list)
    for leerling_id, soort, verzonden_op in Melding.objects.filter(
        in_ids("leerling_id", leerling_ids), verzonden_op__isnull=False
    ).values_list("leerling_id", "soort", "verzonden_op"):
        meldingen[leerling_id].append((soort, verzonden_op))

    feiten: dict[int, kern.CasusFeiten] = {}
    for casus in casussen:
        momenten: dict[str, date | datetime] = {}
        for stap, moment in stappen[casus.pk]:
            _vroegste(momenten, stap, moment)
        vanaf = casus.start - AANLOOP
        eerste = next((d for d in zestien_uur[casus.leerling_id] if d >= vanaf), None)
        if eerste is not None:
            _vroegste(momenten, "verzuim_16_uur", eerste)
        for soort, verzonden_op in meldingen[casus.leerling_id]:
            if verzonden_op is None or _dag(verzonden_op) < vanaf:
                continue
            code = "melding_duo" if soort == Melding.Soort.VERZUIMMELDING else "melding_thuiszitter"
            _vroegste(momenten, code, _dag(verzonden_op))
        kenmerken = set()
        school = scholen.get(casus.leerling_id)
        if school is not None:
            kenmerken.add(school.soort.lower())
        if casus.signaal is not None and casus.signaal.soort in ZIEKTESIGNALEN:
            kenmerken.add("ziek")
        if casus.regisseur.rol == Rol.GEZINSWERKER:
            kenmerken.add("gezinsmanager")
        feiten[casus.pk] = kern.CasusFeiten(
            start=casus.start,
            gebeurtenissen=momenten,
            kenmerken=frozenset(kenmerken),
            passend_aanbod_op=casus.passend_aanbod_op,
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
    zonder_school: _Feestdagen | None = None
    modellen = aanpakken()
    uitkomst: dict[int, kern.Beoordeling] = {}
    for casus in casussen:
        school = scholen[casus.pk]
        if school is not None:
            dagen = feestdagen[school.pk]
        else:
            if zonder_school is None:
                zonder_school = _Feestdagen(schoolkalender(None))
            dagen = zonder_school
        uitkomst[casus.pk] = kern.beoordeel(
            feiten[casus.pk], modellen[casus.aanpak], dagen, peildatum
        )
    return uitkomst


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
    """The steps and events of the case's model a person can record, in model order."""
    aanpak = aanpakken()[casus.aanpak]
    keuzes: dict[str, str] = {}
    for fase in aanpak.fasen:
        if fase.escalatie:
            keuzes.setdefault(
                fase.escalatie, str(GEBEURTENISLABELS.get(fase.escalatie, fase.escalatie))
            )
        if fase.bij:
            keuzes.setdefault(fase.bij, str(GEBEURTENISLABELS.get(fase.bij, fase.bij)))
        for stap in fase.stappen:
            keuzes.setdefault(stap.code, stap.naam)
            if stap.na not in ("fase", kern.START) and stap.na in GEBEURTENISLABELS:
                keuzes.setdefault(stap.na, str(GEBEURTENISLABELS[stap.na]))
    return list(keuzes.items())


def staplabel(casus: Casus, code: str) -> str:
    return dict(stapkeuzes(casus)).get(code, code)
