# SPDX-License-Identifier: EUPL-1.2
"""A parent's data changed by Leerplicht on the pupil page (registratie:ouder): one write, with
the change history naming who did it and, for gezag and the shielding, why. Whether a parent
may use the portal is read from these fields at every request (regie.relatie), so taking gezag
away ends the parent's portal access at once."""

from __future__ import annotations

from django.db import transaction

from auditlog.context import set_actor
from auditlog.models import LogEntry

from binnenboord.toegang.models import Medewerker

from .models import Ouder

GEVOELIG = ("gezag", "adres_afgeschermd")
"""Fields whose change widens or narrows who sees a child: a change needs a reason."""


def wijzig_ouder(*, ouder: Ouder, door: Medewerker, reden: str = "") -> Ouder:
    """Store `ouder` as the form changed it. `reden` goes into the change history's entry
    (additional_data) next to the old and new values."""
    with transaction.atomic(), set_actor(door):
        ouder.save()
        reden = reden.strip()
        if reden:
            entry = LogEntry.objects.get_for_object(ouder).order_by("-pk").first()
            if entry is not None:
                entry.additional_data = {**(entry.additional_data or {}), "reden": reden}
                entry.save(update_fields=["additional_data"])
    return ouder
