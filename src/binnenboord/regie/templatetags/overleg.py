# SPDX-License-Identifier: EUPL-1.2
"""The case page's block of meetings: the agenda items of the case with their outcome. The
case page itself is access-checked and logged; a meeting is linked only for who may see it."""

from __future__ import annotations

from typing import Any

from django import template

from ..models import Agendapunt, Overleg
from ..rules import overleg_scope

register = template.Library()


@register.inclusion_tag("regie/overleg_casus.html", takes_context=True)
def overleggen_van_casus(context: Any, casus: Any) -> dict[str, Any]:
    gebruiker = context["request"].user
    punten = list(
        Agendapunt.objects.filter(casus=casus)
        .select_related("overleg")
        .order_by("-overleg__datum", "-pk")
    )
    zichtbaar = set(
        Overleg.objects.filter(overleg_scope(gebruiker), agendapunten__casus=casus).values_list(
            "pk", flat=True
        )
    )
    return {"punten": [{"punt": p, "mag_zien": p.overleg_id in zichtbaar} for p in punten]}
