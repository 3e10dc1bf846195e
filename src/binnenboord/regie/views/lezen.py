# SPDX-License-Identifier: EUPL-1.2
"""A case read by an HTML view: scoped, checked and access-logged in one step
(verantwoording.inzage); the log line names the pupil and the case."""

from __future__ import annotations

from binnenboord.toegang.http import AppRequest
from binnenboord.verantwoording.inzage import lees
from binnenboord.verantwoording.models import Inzage

from ..models import Casus
from ..selectors.casus import haal_casus


def lees_casus(
    request: AppRequest,
    pk: object,
    *,
    bron: str,
    mag: str | None = None,
    handeling: str = Inzage.Handeling.BEKIJKEN,
) -> Casus:
    """The case (404 outside the user's scope), after the permission `mag` on it (403)."""
    return lees(
        request,
        haal_casus,
        pk,
        bron=bron,
        leerling=lambda casus: casus.leerling,
        casus_id=lambda casus: casus.pk,
        mag=mag,
        handeling=handeling,
    )
