# SPDX-License-Identifier: EUPL-1.2
"""The case page's sections for the justice chain, letters, MAZL advice, exemptions, OPP and
evaluation: `{% justitie_secties %}` in regie/justitie.html. The case page itself already
wrote the access log for reading the case."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from binnenboord.verantwoording.inzage import log_gelezen

from ..selectors.casus import heeft_medisch, medische_inhoud, met_medisch
from ..selectors.justitie import vrijstellingen_van
from ..views.justitie import formulieren_voor

register = template.Library()


@register.inclusion_tag("regie/justitie_secties.html", takes_context=True)
def justitie_secties(context: template.Context) -> dict[str, Any]:
    casus = context["casus"]
    gebruiker = context["request"].user
    ziet_justitie = gebruiker.has_perm("regie.view_justitiestap", casus)
    ziet_brieven = gebruiker.has_perm("regie.export_brief", casus)
    medisch = [m for m in medische_inhoud(gebruiker, casus) if m.mazladvies_id is not None]
    if medisch:
        log_gelezen(context["request"], [casus.leerling], bron="regie:medisch", casus_id=casus.pk)
    stappen = casus.justitiestappen.select_related("door").order_by("-datum", "-pk")
    return {
        "casus": casus,
        "vandaag": timezone.localdate(),
        "ziet_justitie": ziet_justitie,
        "justitiestappen": list(stappen) if ziet_justitie else [],
        "heeft_justitiestappen": stappen.exists(),
        "ziet_brieven": ziet_brieven,
        "brieven": list(casus.brieven.select_related("door")) if ziet_brieven else [],
        "mazladviezen": met_medisch(
            list(
                casus.mazladviezen.select_related("jeugdarts").annotate(
                    heeft_medisch=heeft_medisch("mazladvies")
                )
            ),
            medisch,
            "mazladvies",
        ),
        "ziet_mazl_advies": gebruiker.has_perm("regie.view_medisch_advies", casus),
        "vrijstellingen": vrijstellingen_van(casus, timezone.localdate()),
        "oppkoppelingen": list(casus.oppkoppelingen.select_related("door")),
        "mag_opp_exporteren": gebruiker.has_perm("regie.export_opp", casus),
        "evaluaties": list(casus.evaluaties.select_related("door")),
        "formulieren": formulieren_voor(gebruiker, casus),
    }
