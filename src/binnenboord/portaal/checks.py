# SPDX-License-Identifier: EUPL-1.2
"""System checks of the portal (docs/relatie.md, "Inloggen"): a server on which nobody can
log in to the portal (no DigiD configured and the code log-in off, the production default)
says so at start-up instead of showing parents an empty log-in page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks


@checks.register("portaal")
def inloggen_mogelijk(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    from .oidc import digid_ingesteld

    if digid_ingesteld() or settings.PORTAAL_INLOG_MET_CODE:
        return []
    return [
        checks.Warning(
            "Niemand kan inloggen op het portaal: DigiD is niet ingesteld en inloggen met "
            "een code staat uit.",
            hint="Stel PORTAAL_OIDC_RP_CLIENT_ID en PORTAAL_OIDC_OP_*_ENDPOINT in, of zet "
            "PORTAAL_INLOG_MET_CODE aan (alleen voor een demo).",
            id="portaal.W001",
        )
    ]
