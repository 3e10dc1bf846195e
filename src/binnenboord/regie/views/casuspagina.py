# SPDX-License-Identifier: EUPL-1.2
"""The case page's sections (docs/schermen.md, "De casuspagina"): what each section holds, and
which sections have nothing yet. A section with content stays where it is; the empty ones fold
into one line "Nog niet gebruikt: …", each name still opening its section with its form for
who may add. The case page (views.casus) is access-checked and writes the access log; these
sections read only the case it already read (and the medical content, logged apart)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binnenboord.toegang.http import AppRequest
from binnenboord.verantwoording.inzage import log_gelezen

from ..models import Agendapunt, Casus, Overleg
from ..rules import overleg_scope
from ..selectors.casus import heeft_medisch, medische_inhoud, met_medisch
from ..selectors.casuspagina import overlegstappen_zonder_agendapunt
from ..selectors.justitie import vrijstellingen_van


@dataclass(frozen=True)
class Sectie:
    """One section of the case page: its anchor (the id of its heading), its title, its
    template (regie/casus/_<code>.html), whether it has nothing yet, and whether it must be
    open when folded (a form in it came back with errors)."""

    code: str
    titel: Any
    leeg: bool
    open: bool = False

    @property
    def sjabloon(self) -> str:
        return f"regie/casus/_{self.code}.html"


def justitie_van(request: AppRequest, casus: Casus) -> dict[str, Any]:
    """The sections of the justice chain, letters, MAZL advice, exemptions, OPP and evaluation;
    reading medical MAZL content writes its own access-log line."""
    # views.justitie imports views.casus, which imports this module
    from .justitie import formulieren_voor

    gebruiker = request.user
    ziet_justitie = gebruiker.has_perm("regie.view_justitiestap", casus)
    ziet_brieven = gebruiker.has_perm("regie.export_brief", casus)
    medisch = [m for m in medische_inhoud(gebruiker, casus) if m.mazladvies_id is not None]
    if medisch:
        log_gelezen(request, [casus.leerling], bron="regie:medisch", casus_id=casus.pk)
    stappen = casus.justitiestappen.select_related("door").order_by("-datum", "-pk")
    justitiestappen = list(stappen) if ziet_justitie else []
    return {
        "ziet_justitie": ziet_justitie,
        "justitiestappen": justitiestappen,
        "heeft_justitiestappen": bool(justitiestappen) or stappen.exists(),
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


def overleggen_van(request: AppRequest, casus: Casus, staplabels: dict[str, str]) -> dict[str, Any]:
    """The case's agenda items with their outcome (a meeting linked only for who may see it),
    and the meeting steps recorded without an agenda item in Binnenboord."""
    punten = list(
        Agendapunt.objects.filter(casus=casus)
        .select_related("overleg")
        .order_by("-overleg__datum", "-pk")
    )
    zichtbaar = (
        set(
            Overleg.objects.filter(
                overleg_scope(request.user), agendapunten__casus=casus
            ).values_list("pk", flat=True)
        )
        if punten
        else set()
    )
    return {
        "punten": [{"punt": p, "mag_zien": p.overleg_id in zichtbaar} for p in punten],
        "zonder_agendapunt": overlegstappen_zonder_agendapunt(casus, staplabels),
    }


def secties_van(context: dict[str, Any]) -> list[Sectie]:
    """The sections below the model steps, in page order, each marked empty or not (see the
    module's docstring) from the case page's context."""
    uitklap = context["uitklap"]
    justitie = context["justitie"]
    overleggen = context["overleggen"]

    def fout(naam: str) -> bool:
        return naam in uitklap and uitklap[naam].form is not None

    # the daily work of every case (who directs, who takes part, the plan, the actions, the
    # contacts) is always shown, also when still empty: that is where a new case starts
    secties = [
        Sectie("regie", _("Case direction"), False, fout("overdracht")),
        Sectie("deelnemers", _("Participants"), False, fout("deelnemer")),
        Sectie("plan", _("Plan of action"), False, fout("plan")),
        Sectie("acties", _("Actions"), False, fout("actie")),
        Sectie("contacten", _("Contacts"), False, fout("contact")),
        Sectie(
            "overleggen",
            _("Meetings"),
            not overleggen["punten"] and not overleggen["zonder_agendapunt"],
        ),
        Sectie("ouders-en-leerling", _("Parents and pupil"), False),
        Sectie("vrijstellingen", _("Exemptions"), not justitie["vrijstellingen"]),
        Sectie("mazl", _("MAZL advice of the youth doctor"), not justitie["mazladviezen"]),
        Sectie("opp", _("Development perspective plan (OPP)"), not justitie["oppkoppelingen"]),
        Sectie("justitie", _("Justice chain"), not justitie["heeft_justitiestappen"]),
    ]
    if justitie["ziet_brieven"]:
        secties.append(Sectie("brieven", _("Letters"), not justitie["brieven"]))
    secties.append(
        Sectie("evaluatie", _("Evaluation after the intervention"), not justitie["evaluaties"])
    )
    return secties
