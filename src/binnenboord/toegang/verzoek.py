# SPDX-License-Identifier: EUPL-1.2
"""One answer per request to "may this user see this object?". A page asks the rules many times
about the same case (each form, each section), and each answer is a scope query; within one
request the answer cannot change before the response, so the first one is kept. Outside a
request (services, commands, tests that call has_perm directly) nothing is kept: every check
asks the database again."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from contextvars import ContextVar
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponse

_antwoorden: ContextVar[dict[Hashable, Any] | None] = ContextVar("toegang_antwoorden", default=None)
T = TypeVar("T")


def onthouden[T](sleutel: Hashable, bereken: Callable[[], T]) -> T:
    """The answer for `sleutel` in this request, computed once; outside a request every time."""
    antwoorden = _antwoorden.get()
    if antwoorden is None:
        return bereken()
    if sleutel not in antwoorden:
        antwoorden[sleutel] = bereken()
    antwoord: T = antwoorden[sleutel]
    return antwoord


class AntwoordenPerVerzoek:
    """Middleware: a fresh store of answers for each request, dropped after it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> Any:
        token = _antwoorden.set({})
        try:
            return self.get_response(request)
        finally:
            _antwoorden.reset(token)
