# SPDX-License-Identifier: EUPL-1.2
"""`{% aanpak_verplaatsen casus %}`: the form to move a case to another escalation model, for
who may (regie.change_aanpak); nothing for anyone else."""

from __future__ import annotations

from typing import Any

from django import template

from ..forms.termijnen import AanpakForm

register = template.Library()


@register.inclusion_tag("regie/_aanpak_verplaatsen.html", takes_context=True)
def aanpak_verplaatsen(context: Any, casus: Any) -> dict[str, Any]:
    request = context.get("request")
    gebruiker = getattr(request, "user", None)
    if gebruiker is None or not gebruiker.has_perm("regie.change_aanpak", casus):
        return {"form": None}
    return {"form": AanpakForm(casus=casus), "casus": casus, "request": request}
