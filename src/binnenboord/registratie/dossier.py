# SPDX-License-Identifier: EUPL-1.2
"""Sections that later apps add to the pupil page (signals, later cases) without registratie
importing them: an app registers a builder in its AppConfig.ready(); the pupil view calls every
builder with the request and the pupil (already checked as visible and access-logged) and
renders the sections it returns, in registration order. A section may ask the absence
calendar to highlight a period."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.http import HttpRequest

    from .models import Leerling


@dataclass(frozen=True)
class Markering:
    """Days [van, tot] (inclusive) the absence calendar highlights, with a label for screen
    readers and the legend."""

    van: date
    tot: date
    label: str

    def bevat(self, dag: date) -> bool:
        return self.van <= dag <= self.tot


@dataclass(frozen=True)
class Dossiersectie:
    template_name: str
    context: Mapping[str, Any] = field(default_factory=dict)
    markering: Markering | None = None


SectieBouwer = Callable[["HttpRequest", "Leerling"], Dossiersectie | None]

_bouwers: list[SectieBouwer] = []


def registreer_dossiersectie(bouwer: SectieBouwer) -> None:
    """Add a section builder (once; registering the same builder again does nothing)."""
    if bouwer not in _bouwers:
        _bouwers.append(bouwer)


def dossiersecties(request: HttpRequest, leerling: Leerling) -> list[Dossiersectie]:
    return [s for s in (bouwer(request, leerling) for bouwer in _bouwers) if s is not None]
