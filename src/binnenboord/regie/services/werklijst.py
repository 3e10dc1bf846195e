# SPDX-License-Identifier: EUPL-1.2
"""The worklist of one user (Vandaag): one line per case with its most urgent item, how many
other items it has and how many werkdagen that item is late; the lines sorted by urgency. A
fixed number of queries for any number of cases.

The items of a case: the model steps overdue or due within BINNENKORT_DAGEN (their status is
the Beoordeling's: lapsed or done steps never show), the open plan actions overdue or due as
soon, every open action assigned to the user whatever its date, and the running escalations to
a body of the user. A closed case whose aftercare step (kern.aanpak.Aanpak.nazorg) is overdue or
due as soon has a line with that step; without it, no line."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from binnenboord.kern.kalender import Schoolkalender
from binnenboord.kern.termijnen import BINNENKORT_DAGEN, werkdagen_te_laat
from binnenboord.toegang.models import Medewerker

from ..beoordeling import GEBEURTENISLABELS, _Feestdagen, beoordeel_in_bulk
from ..configuratie import aanpakken
from ..models import Actie, Casus, Escalatie

# --- the worklist of one user (Vandaag) ----------------------------------------------------

# The order of the kinds of item at the same urgency: an overdue item first, then the escalation
# to the user's body (new work), then what is due.
_RANG_TE_LAAT, _RANG_ESCALATIE, _RANG_OPEN = 0, 1, 2
# The phase column of a closed case's line (its aftercare)
GESLOTEN = _("Closed: aftercare")


@dataclass(frozen=True)
class Werkitem:
    """A model step, plan action or escalation in one of the user's cases. `uiterlijk` is the
    deadline (for an escalation: the day it was confirmed); `werkdagen_te_laat` counts the
    werkdagen after the deadline up to today (0 while not overdue)."""

    soort: str  # "stap", "actie", "escalatie" or "nazorg" (a closed case's aftercare step)
    naam: str
    uiterlijk: date
    te_laat: bool
    werkdagen_te_laat: int = 0
    voor_mij: bool = False  # an action assigned to the user
    binnenkort: bool = True  # due within BINNENKORT_DAGEN (or overdue)

    @property
    def rang(self) -> int:
        if self.te_laat:
            return _RANG_TE_LAAT
        return _RANG_ESCALATIE if self.soort == "escalatie" else _RANG_OPEN


@dataclass(frozen=True)
class MijnCasus:
    """One line of Vandaag: a case, its phase and its items, most urgent first."""

    casus: Casus
    fase: str
    items: tuple[Werkitem, ...]

    @property
    def te_laat(self) -> int:
        return sum(1 for i in self.items if i.te_laat)

    @property
    def urgentste(self) -> Werkitem | None:
        return self.items[0] if self.items else None

    @property
    def andere(self) -> int:
        """How many items besides the most urgent one."""
        return max(len(self.items) - 1, 0)

    @property
    def werkdagen_te_laat(self) -> int:
        return self.items[0].werkdagen_te_laat if self.items else 0


def _itemvolgorde(item: Werkitem) -> tuple[int, date]:
    return (item.rang, item.uiterlijk)


def _urgentie(m: MijnCasus) -> tuple[int, int, int, date, date, int]:
    """Most werkdagen late first, then the nearest deadline; cases without items last."""
    eerste = m.urgentste
    if eerste is None:
        return (1, 0, _RANG_OPEN, date.max, m.casus.start, m.casus.pk)
    return (0, -eerste.werkdagen_te_laat, eerste.rang, eerste.uiterlijk, m.casus.start, m.casus.pk)


def werkdagen() -> _Feestdagen:
    """The recognised public holidays for counting werkdagen late: the same for every region
    (Algemene termijnenwet art. 3), so one calendar serves all cases."""
    return _Feestdagen(Schoolkalender(settings.SCHOOLREGIO))


def werklijst(
    casussen: Iterable[Casus],
    peildatum: date,
    *,
    gebruiker: Medewerker | None = None,
    escalaties: Iterable[Escalatie] = (),
    nazorg: Iterable[Casus] = (),
) -> list[MijnCasus]:
    """One line per case, sorted by urgency (see module doc). `escalaties` are the running
    escalations to the user's bodies (regie.selectors.werklijst.lopende_escalaties); those of
    the given cases become items. `nazorg`: closed cases whose aftercare may be due
    (regie.selectors.werklijst.nazorg_casussen), a line only when it is. The cases need
    `leerling`, `signaal` and `regisseur` loaded."""
    casussen = list(casussen)
    nazorg = [c for c in nazorg if not c.is_open]
    beoordelingen = beoordeel_in_bulk([*casussen, *nazorg], peildatum)
    feestdagen = werkdagen()
    grens = peildatum + timedelta(days=BINNENKORT_DAGEN)
    bijtijds = Q(uiterlijk__lte=grens)
    if gebruiker is not None:
        bijtijds |= Q(wie_id=gebruiker.pk)
    acties: dict[int, list[Actie]] = defaultdict(list)
    for actie in Actie.objects.filter(
        bijtijds, casus__in=casussen, status=Actie.Status.OPEN
    ).order_by("uiterlijk", "pk"):
        acties[actie.casus_id].append(actie)
    per_casus: dict[int, list[Escalatie]] = defaultdict(list)
    for escalatie in escalaties:
        per_casus[escalatie.casus_id].append(escalatie)

    def te_laat(uiterlijk: date) -> int:
        return werkdagen_te_laat(uiterlijk, peildatum, feestdagen=feestdagen)

    lijst = []
    for casus in casussen:
        beoordeling = beoordelingen[casus.pk]
        items = [
            Werkitem(
                "stap",
                s.stap.naam,
                s.termijn.verloopt_op,
                s.status == "verlopen",
                te_laat(s.termijn.verloopt_op) if s.status == "verlopen" else 0,
            )
            for s in beoordeling.stappen
            if s.status in ("verlopen", "binnenkort") and s.termijn is not None
        ]
        items += [
            Werkitem(
                "actie",
                a.wat,
                a.uiterlijk,
                a.uiterlijk < peildatum,
                te_laat(a.uiterlijk),
                voor_mij=gebruiker is not None and a.wie_id == gebruiker.pk,
                binnenkort=a.uiterlijk <= grens,
            )
            for a in acties[casus.pk]
        ]
        items += [
            Werkitem("escalatie", str(GEBEURTENISLABELS.get(e.orgaan, e.orgaan)), e.datum, False)
            for e in per_casus[casus.pk]
        ]
        items.sort(key=_itemvolgorde)
        lijst.append(MijnCasus(casus, beoordeling.fase.naam, tuple(items)))
    for casus in nazorg:
        codes = {stap.code for stap in aanpakken()[casus.aanpak].nazorg}
        items = [
            Werkitem(
                "nazorg",
                s.stap.naam,
                s.termijn.verloopt_op,
                s.status == "verlopen",
                te_laat(s.termijn.verloopt_op) if s.status == "verlopen" else 0,
            )
            for s in beoordelingen[casus.pk].stappen
            if s.stap.code in codes
            and s.status in ("verlopen", "binnenkort")
            and s.termijn is not None
        ]
        if items:
            items.sort(key=_itemvolgorde)
            lijst.append(MijnCasus(casus, str(GESLOTEN), tuple(items)))
    lijst.sort(key=_urgentie)
    return lijst
