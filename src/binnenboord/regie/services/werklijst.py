# SPDX-License-Identifier: EUPL-1.2
"""The worklist of one user (Vandaag): per case what is due or overdue, set-wise."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from binnenboord.kern.termijnen import BINNENKORT_DAGEN

from ..beoordeling import beoordeel_in_bulk
from ..models import Actie, Casus

# --- the worklist of one user (Vandaag) ----------------------------------------------------


@dataclass(frozen=True)
class Werkitem:
    """A model step or plan action due or overdue in one of the user's cases."""

    soort: str  # "stap" or "actie"
    naam: str
    uiterlijk: date
    te_laat: bool


@dataclass(frozen=True)
class MijnCasus:
    casus: Casus
    fase: str
    items: tuple[Werkitem, ...]

    @property
    def te_laat(self) -> int:
        return sum(1 for i in self.items if i.te_laat)


def werklijst(casussen: Iterable[Casus], peildatum: date) -> list[MijnCasus]:
    """Per case the model steps overdue or due within BINNENKORT_DAGEN and the open plan
    actions overdue or due as soon, overdue first; a fixed number of queries for any number
    of cases. The cases need `leerling`, `signaal` and `regisseur` loaded."""
    casussen = list(casussen)
    beoordelingen = beoordeel_in_bulk(casussen, peildatum)
    grens = peildatum + timedelta(days=BINNENKORT_DAGEN)
    acties: dict[int, list[Actie]] = defaultdict(list)
    for actie in Actie.objects.filter(
        casus__in=casussen, status=Actie.Status.OPEN, uiterlijk__lte=grens
    ).order_by("uiterlijk", "pk"):
        acties[actie.casus_id].append(actie)
    lijst = []
    for casus in casussen:
        beoordeling = beoordelingen[casus.pk]
        items = [
            Werkitem("stap", s.stap.naam, s.termijn.verloopt_op, s.status == "verlopen")
            for s in beoordeling.stappen
            if s.status in ("verlopen", "binnenkort") and s.termijn is not None
        ] + [
            Werkitem("actie", a.wat, a.uiterlijk, a.uiterlijk < peildatum) for a in acties[casus.pk]
        ]
        items.sort(key=lambda i: (not i.te_laat, i.uiterlijk))
        lijst.append(MijnCasus(casus, beoordeling.fase.naam, tuple(items)))
    lijst.sort(key=lambda m: (-m.te_laat, not m.items, m.casus.start))
    return lijst
