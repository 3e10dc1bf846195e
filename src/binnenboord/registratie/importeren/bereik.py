# SPDX-License-Identifier: EUPL-1.2
"""What one importer may write directly (Bereik), and when a valid enrolment must wait for
Leerplicht's confirmation instead (reden_om_te_wachten): a write never widens who sees a child.
The file import, the API upload and the API's change of one enrolment ask the same rules."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from binnenboord.registratie.models import Inschrijving, InschrijvingTerBevestiging
from binnenboord.toegang.models import Medewerker

BEVESTIGINGSTERMIJN_DAGEN = 30
"""An enrolment that starts (or an ended enrolment reopened) more than this many days before
the import is confirmed by Leerplicht before it counts."""


@dataclass(frozen=True)
class Bereik:
    """What one importer may touch: everything (the command line), the own organisation's
    school (a school), or the municipalities the organisation serves (Leerplicht)."""

    alles: bool
    organisatie_id: int | None = None
    gemeente_ids: frozenset[int] = field(default_factory=frozenset)

    @classmethod
    def van(cls, door: Medewerker | None) -> Bereik:
        if door is None:
            return cls(alles=True)
        organisatie = door.organisatie
        if organisatie is None:
            return cls(alles=False)
        gemeenten = frozenset(organisatie.gemeenten.values_list("pk", flat=True))
        return cls(alles=False, organisatie_id=organisatie.pk, gemeente_ids=gemeenten)

    def school(self, organisatie_id: int | None) -> bool:
        return self.alles or (organisatie_id is not None and organisatie_id == self.organisatie_id)

    def gemeente(self, gemeente_id: int) -> bool:
        return self.alles or gemeente_id in self.gemeente_ids


def reden_om_te_wachten(
    *,
    school_id: int,
    begin: date,
    eind: date | None,
    bestaand: Inschrijving | None,
    andere: Sequence[Inschrijving],
    vandaag: date,
) -> str | None:
    """Why an enrolment written by a school must be confirmed by Leerplicht before it counts,
    because it would give the school a file it does not have; None when it may be stored.

    - a new enrolment that starts more than BEVESTIGINGSTERMIJN_DAGEN before `vandaag`;
    - a stored enrolment (`bestaand`, same pupil, school and start) whose end moves later, when
      it ended more than BEVESTIGINGSTERMIJN_DAGEN ago (it reopens an old file);
    - either, when the new days overlap an ongoing enrolment (not ended before `vandaag`) at
      another school: a dubbele inschrijving.
    `andere`: the pupil's stored enrolments (any school)."""
    grens = vandaag - timedelta(days=BEVESTIGINGSTERMIJN_DAGEN)
    if bestaand is None:
        nieuw_begin = begin
        if begin < grens:
            return str(InschrijvingTerBevestiging.Reden.TERUGGEDATEERD)
    else:
        oud = bestaand.einddatum
        if oud is None or (eind is not None and eind <= oud):
            return None
        if oud < grens:
            return str(InschrijvingTerBevestiging.Reden.HEROPEND)
        nieuw_begin = oud + timedelta(days=1)
    for inschrijving in andere:
        if inschrijving.school_id == school_id:
            continue
        lopend = inschrijving.einddatum is None or inschrijving.einddatum >= vandaag
        overlapt = (eind is None or inschrijving.begindatum <= eind) and (
            inschrijving.einddatum is None or nieuw_begin <= inschrijving.einddatum
        )
        if lopend and overlapt:
            return str(InschrijvingTerBevestiging.Reden.DUBBEL)
    return None
