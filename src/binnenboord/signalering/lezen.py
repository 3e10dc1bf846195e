# SPDX-License-Identifier: EUPL-1.2
"""A signal or melding read by an HTML view: scoped, checked and access-logged in one step
(verantwoording.inzage)."""

from __future__ import annotations

from binnenboord.toegang.http import AppRequest
from binnenboord.verantwoording.inzage import lees
from binnenboord.verantwoording.models import Inzage

from .models import Melding, Signaal
from .selectors import haal_melding, haal_signaal


def lees_signaal(
    request: AppRequest,
    pk: object,
    *,
    bron: str,
    mag: str | None = None,
    handeling: str = Inzage.Handeling.BEKIJKEN,
) -> Signaal:
    """The signal (404 outside the user's scope), after the permission `mag` on it (403)."""
    return lees(
        request,
        haal_signaal,
        pk,
        bron=bron,
        leerling=lambda signaal: signaal.leerling,
        mag=mag,
        handeling=handeling,
    )


def lees_melding(
    request: AppRequest,
    pk: object,
    *,
    bron: str,
    mag: str | None = None,
    handeling: str = Inzage.Handeling.BEKIJKEN,
) -> Melding:
    """The melding (404 outside the user's scope), after the permission `mag` on it (403)."""
    return lees(
        request,
        haal_melding,
        pk,
        bron=bron,
        leerling=lambda melding: melding.leerling,
        mag=mag,
        handeling=handeling,
    )
