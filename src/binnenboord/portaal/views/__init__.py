# SPDX-License-Identifier: EUPL-1.2
"""The portal's pages, one module per part, each with its own `urls` list (portaal/urls.py
joins them): inloggen (log-in, DigiD, the invitation code, log-out), paginas (the case: people,
plan, own story, meetings, letters, messages, settings and consent), avg (what is registered,
who looked, correction requests, the questionnaire)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from binnenboord.regie.models import Portaaltoegang


def toon(
    request: HttpRequest, toegang: Portaaltoegang, sjabloon: str, context: dict[str, Any]
) -> HttpResponse:
    """A page of one case: the template with the access (for the case navigation)."""
    return render(
        request,
        f"portaal/{sjabloon}",
        {"toegang": toegang, "is_leerling": toegang.is_leerling, **context},
    )
