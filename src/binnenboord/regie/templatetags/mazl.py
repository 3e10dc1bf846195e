# SPDX-License-Identifier: EUPL-1.2
"""MAZL referrals on other pages: the case page's section (status and advice of the referrals
attached to the case) and the signal page's button to refer the pupil (the school, from a
signal of worrying sickness absence)."""

from __future__ import annotations

from typing import Any

from django import template

from binnenboord.signalering.models import Signaal, Soort

from ..selectors.mazl import verwijzingen_bij_casus

register = template.Library()


@register.inclusion_tag("regie/mazl_casus.html", takes_context=True)
def mazl_casus(context: template.Context) -> dict[str, Any]:
    """The referrals of the case (whoever sees the case sees their status); the advice for the
    case director and youth doctors (regie.view_medisch_advies) and whoever sees the referral
    itself (the referring school, the addressed youth doctor)."""
    casus = context["casus"]
    gebruiker = context["request"].user
    ziet_advies = gebruiker.has_perm("regie.view_medisch_advies", casus)
    rijen = [
        (v, ziet_advies or gebruiker.has_perm("regie.view_mazlverwijzing", v))
        for v in verwijzingen_bij_casus(casus.pk)
    ]
    return {"verwijzingen": rijen}


@register.inclusion_tag("regie/mazl_signaallink.html", takes_context=True)
def mazl_signaallink(context: template.Context, signaal: Signaal) -> dict[str, Any]:
    """The button "refer to the youth doctor" on a signal of worrying sickness absence, for
    who may refer the pupil (the school that sees the pupil)."""
    gebruiker = context["request"].user
    mag = signaal.soort == Soort.ZORGWEKKEND_ZIEKTEVERZUIM and gebruiker.has_perm(
        "regie.add_mazlverwijzing", signaal.leerling
    )
    return {"mag": mag, "signaal": signaal}
