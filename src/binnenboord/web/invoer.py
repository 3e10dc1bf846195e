# SPDX-License-Identifier: EUPL-1.2
"""Odd input is a 400 in Dutch, never a server error (issue 13, docs/beveiliging.md). A NUL
character in the query string reaches no view: PostgreSQL text cannot hold it, so any page
that searches or filters with a parameter would fail on it with a 500. The form fields
already refuse it (Django's ProhibitNullCharactersValidator); this covers the parameters a
view reads itself. The API checks its own filters and answers per field in JSON
(api/views.py), so it is left to that."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


class GeenNulTekens:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        # after LoginRequiredMiddleware: an anonymous visitor is sent to log in first
        match = request.resolver_match
        if match is not None and "api" in match.namespaces:
            return None
        if any(
            "\x00" in sleutel or "\x00" in "".join(waarden)
            for sleutel, waarden in request.GET.lists()
        ):
            return render(request, "web/ongeldige_invoer.html", status=400)
        return None
