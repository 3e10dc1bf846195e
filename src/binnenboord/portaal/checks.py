# SPDX-License-Identifier: EUPL-1.2
"""System checks of the portal (docs/relatie.md, "Inloggen"): a server on which nobody can
log in to the portal (no DigiD configured and the code log-in off, the production default)
says so at start-up instead of showing parents an empty log-in page; so does a DigiD set up
halfway (a client id without the provider's endpoints or a way to check its signature)."""

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


# what a DigiD log-in needs besides the client id (portaal.oidc)
ENDPOINTS = (
    "PORTAAL_OIDC_OP_AUTHORIZATION_ENDPOINT",
    "PORTAAL_OIDC_OP_TOKEN_ENDPOINT",
    "PORTAAL_OIDC_OP_USER_ENDPOINT",
)


@checks.register("portaal")
def digid_volledig(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    if not settings.PORTAAL_OIDC_RP_CLIENT_ID:
        return []
    ontbreekt = [naam for naam in ENDPOINTS if not getattr(settings, naam, "")]
    algoritme = str(settings.PORTAAL_OIDC_RP_SIGN_ALGO)
    if algoritme.startswith(("RS", "ES")) and not (
        settings.PORTAAL_OIDC_OP_JWKS_ENDPOINT
        or getattr(settings, "PORTAAL_OIDC_RP_IDP_SIGN_KEY", "")
    ):
        ontbreekt.append("PORTAAL_OIDC_OP_JWKS_ENDPOINT")
    if not ontbreekt:
        return []
    return [
        checks.Warning(
            "DigiD voor het portaal is maar half ingesteld: inloggen met DigiD mislukt.",
            hint="Stel ook in: " + ", ".join(ontbreekt) + ".",
            id="portaal.W002",
        )
    ]
