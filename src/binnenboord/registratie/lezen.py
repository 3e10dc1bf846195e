# SPDX-License-Identifier: EUPL-1.2
"""A pupil read by an HTML view: scoped, checked and access-logged in one step
(verantwoording.inzage)."""

from __future__ import annotations

from binnenboord.toegang.http import AppRequest
from binnenboord.verantwoording.inzage import lees
from binnenboord.verantwoording.models import Inzage

from .models import Leerling
from .selectors import haal_leerling


def lees_leerling(
    request: AppRequest,
    pk: object,
    *,
    bron: str,
    mag: str | None = None,
    handeling: str = Inzage.Handeling.BEKIJKEN,
) -> Leerling:
    """The pupil (404 outside the user's scope), after the permission `mag` on it (403)."""
    return lees(
        request,
        haal_leerling,
        pk,
        bron=bron,
        leerling=lambda leerling: leerling,
        mag=mag,
        handeling=handeling,
    )
