# SPDX-License-Identifier: EUPL-1.2
"""The log-in page's buttons: one per active log-in connection (toegang.Inlogkoppeling)."""

from __future__ import annotations

from django import template

from binnenboord.toegang.models import Inlogkoppeling

register = template.Library()


@register.simple_tag
def inlogkoppelingen() -> list[Inlogkoppeling]:
    return list(Inlogkoppeling.objects.filter(actief=True).order_by("naam"))
