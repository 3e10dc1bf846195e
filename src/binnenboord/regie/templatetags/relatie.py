# SPDX-License-Identifier: EUPL-1.2
"""The case page's section "Ouders en leerling" (docs/relatie.md, "De kant van de
professional"): per parent and the pupil their place in the portal, their own words, the
meeting invitations, the message threads and the correction requests, with the forms the
user may use (regie.rules). The case page itself is access-checked and logged; the forms post
to regie.views.relatie."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from ..forms.relatie import CorrectieForm, OverlegUitnodigenForm, UitnodigenForm, VerhaalNamensForm
from ..models import Portaaltoegang
from ..relatie import uit_te_nodigen
from ..selectors import relatie as lezen
from ..views.relatie import namenskeuzes, overlegkeuzes

register = template.Library()


@register.inclusion_tag("regie/_relatie.html", takes_context=True)
def relatie_casus(context: template.Context) -> dict[str, Any]:
    casus = context["casus"]
    gebruiker = context["request"].user
    vandaag = timezone.localdate()
    mag_uitnodigen = gebruiker.has_perm("regie.invite_portaal", casus)
    mag_beeindigen = gebruiker.has_perm("regie.end_portaal", casus)
    ziet_verhaal = gebruiker.has_perm("regie.view_verhaal", casus)
    ziet_berichten = gebruiker.has_perm("regie.view_bericht", casus)
    mag_correctie = gebruiker.has_perm("regie.change_correctieverzoek", casus)
    personen = lezen.personen(casus, vandaag)
    uitnodigen: dict[str, UitnodigenForm] = {}
    if mag_uitnodigen:
        keuzes = list(uit_te_nodigen(casus, vandaag))
        for p in personen:
            if p.uit_te_nodigen:
                uitnodigen[p.sleutel] = UitnodigenForm(
                    keuzes=keuzes,
                    initial={
                        "persoon": p.sleutel,
                        "via": Portaaltoegang.Via.BRIEF,
                        "email": p.email,
                    },
                    auto_id=f"id_%s_{p.sleutel.replace(':', '_')}",
                )
    overlegform = None
    if mag_uitnodigen:
        overleggen, toegangen = overlegkeuzes(casus)
        if overleggen and toegangen:
            overlegform = OverlegUitnodigenForm(overleggen=overleggen, toegangen=toegangen)
    plan = lezen.laatste_plan(casus) if ziet_verhaal else None
    return {
        "casus": casus,
        "vandaag": vandaag,
        "nu": timezone.now(),
        "personen": [(p, uitnodigen.get(p.sleutel)) for p in personen],
        "mag_uitnodigen": mag_uitnodigen,
        "mag_beeindigen": mag_beeindigen,
        "ziet_verhaal": ziet_verhaal,
        "ziet_berichten": ziet_berichten,
        "mag_correctie": mag_correctie,
        "overlegform": overlegform,
        "overleguitnodigingen": lezen.overleguitnodigingen(casus),
        "verhalen": lezen.verhalen(casus) if ziet_verhaal else [],
        "plan": plan,
        "planreacties": lezen.planreacties(plan) if ziet_verhaal else [],
        "verhaalform": VerhaalNamensForm(keuzes=namenskeuzes(casus))
        if gebruiker.has_perm("regie.add_verhaal", casus)
        else None,
        "correctieverzoeken": [
            (v, None if v.uitkomst else CorrectieForm(auto_id=f"id_%s_{v.pk}"))
            for v in lezen.correctieverzoeken(casus)
        ]
        if mag_correctie
        else [],
    }
