# SPDX-License-Identifier: EUPL-1.2
"""No answer of Binnenboord is kept by a browser or a proxy (docs/beveiliging.md): every
response a view makes gets `Cache-Control: no-store, private`, so a pupil page, a case, an
export or an API answer cannot stay behind in a shared computer's cache or a proxy. A view
that sets its own Cache-Control keeps it (Django's never_cache on the log-in page, the
melding export). The static files never get here: WhiteNoiseMiddleware, before this one,
answers them with its own caching."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import patch_cache_control


class NietBewaren:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, no_store=True, private=True)
        return response
