# SPDX-License-Identifier: EUPL-1.2
"""Writing notifications: `notificeer` is what every app calls when something reaches a person
(an action assigned, a case escalated to their body, an agenda published, a melding received...).

It stores one row per recipient (idempotent per `sleutel`) in the caller's transaction; an
inactive account or the person who caused it gets nothing. Delivery by e-mail (at once or as a
daily digest, per the recipient's Notificatievoorkeur) happens after the commit, outside the
request."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from binnenboord.toegang.models import Medewerker

from .models import Notificatie


def notificeer(
    ontvangers: Iterable[Medewerker | None],
    soort: str,
    *,
    url: str,
    gegevens: Mapping[str, Any] | None = None,
    sleutel: str = "",
    door: Medewerker | None = None,
) -> list[Notificatie]:
    """Notify each active recipient once (per `sleutel` when given) that `soort` happened, with
    a link to `url` (a path in this application, where access is checked and logged). `gegevens`
    holds values only (numbers, codes, dates), never a pupil's name. `door`, who caused it, is
    not notified of their own act."""
    if soort not in Notificatie.Soort.values:
        raise ValueError(f"Onbekende soort notificatie {soort!r}.")
    gezien: set[int] = set()
    rijen = []
    for ontvanger in ontvangers:
        if ontvanger is None or not ontvanger.is_active or ontvanger.pk in gezien:
            continue
        if door is not None and ontvanger.pk == door.pk:
            continue
        gezien.add(ontvanger.pk)
        rijen.append(
            Notificatie(
                ontvanger=ontvanger,
                soort=soort,
                url=url[:300],
                gegevens=dict(gegevens or {}),
                sleutel=sleutel[:100],
            )
        )
    if not rijen:
        return []
    return Notificatie.objects.bulk_create(rijen, ignore_conflicts=True)
