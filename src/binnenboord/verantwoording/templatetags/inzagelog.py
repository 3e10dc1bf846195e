# SPDX-License-Identifier: EUPL-1.2
"""Readable names in the access-log tables: the screen (bronnen.bronnaam) and the role."""

from __future__ import annotations

from django import template

from ..bronnen import bronnaam as _bronnaam
from ..weergave import rolnaam as _rolnaam

register = template.Library()


@register.filter
def bronnaam(code: str) -> str:
    return _bronnaam(code)


@register.filter
def rolnaam(rol: str) -> str:
    return _rolnaam(rol) if rol else ""
