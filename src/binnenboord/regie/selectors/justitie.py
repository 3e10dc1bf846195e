# SPDX-License-Identifier: EUPL-1.2
"""Reads for the justice, letters, advice and exemption sections of a case. The caller has
already found the case through regie.selectors.haal_casus (its scope) and asks the access
rules which sections the user may see."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Final

from django.conf import settings

from binnenboord.kern.termijnen import Termijn, maanden_na, vernieuwing_vrijstelling
from binnenboord.registratie.models import Vrijstelling

from ..models import Casus, Vrijstellingsadvies, Vrijstellingsverklaring

# Art. 6 lid 2 LPW: the yearly kennisgeving concerns a claim under art. 5 (a, b, c). Art. 5a
# (travelling) and art. 15 (a decision with its own end date) are not renewed this way.
JAARLIJKS_VERNIEUWD: Final = frozenset(
    {Vrijstelling.Artikel.ART_5A, Vrijstelling.Artikel.ART_5B, Vrijstelling.Artikel.ART_5C}
)
HERBEOORDELING_MAANDEN_STANDAARD: Final = 12
BRON_HERBEOORDELING: Final = (
    "Utrechtse aanpak 'Van thuiszitten naar schoolgaan': vrijstellingen op grond van art. 5 "
    "onder a worden opnieuw bekeken waar (gedeeltelijk) onderwijs mogelijk kan zijn; G4-afspraak "
    "om alle 5a-dossiers te herbeoordelen. Interval [ONBEVESTIGD], standaard jaarlijks "
    "(VRIJSTELLING_HERBEOORDELING_MAANDEN)"
)


def herbeoordeling_maanden() -> int:
    """The re-assessment interval of art. 5 onder a exemptions in months; setting
    VRIJSTELLING_HERBEOORDELING_MAANDEN, default 12. [ONBEVESTIGD]: no source gives one."""
    return int(
        getattr(settings, "VRIJSTELLING_HERBEOORDELING_MAANDEN", HERBEOORDELING_MAANDEN_STANDAARD)
    )


def herbeoordeling_van(
    vrijstelling: Vrijstelling, verklaringen: Iterable[date], adviezen: Iterable[date]
) -> Termijn:
    """When an art. 5 onder a exemption is to be looked at again: herbeoordeling_maanden()
    after the newest expert statement (regie.Vrijstellingsverklaring) or SWV advice, or after
    the start of the exemption when there is neither. The one rule for the case page and the
    worklist (herbeoordelingen)."""
    basis = max([vrijstelling.begindatum, *verklaringen, *adviezen])
    return Termijn(
        naam="herbeoordeling_5a",
        bron=BRON_HERBEOORDELING,
        start=basis,
        verloopt_op=maanden_na(basis, herbeoordeling_maanden()),
    )


@dataclass(frozen=True)
class VrijstellingInCasus:
    vrijstelling: Vrijstelling
    lopend: bool
    vernieuwing: Termijn | None
    herbeoordeling: Termijn | None
    nooit_schoolgeschikt: bool
    verklaringen: list[Vrijstellingsverklaring] = field(default_factory=list)
    adviezen: list[Vrijstellingsadvies] = field(default_factory=list)


def vrijstellingen_van(casus: Casus, peildatum: date) -> list[VrijstellingInCasus]:
    """The pupil's exemptions with their due dates on `peildatum` (current ones only):

    - the yearly renewal before 1 July (kern.termijnen.vernieuwing_vrijstelling) for a claim
      under art. 5 — not when the newest expert statement says the child will never be able
      to attend a school (art. 6 lid 3);
    - for art. 5 onder a, the re-assessment: herbeoordeling_maanden() after the newest
      statement or SWV advice, or after the start of the exemption."""
    uitkomst = []
    vrijstellingen = list(
        Vrijstelling.objects.filter(leerling_id=casus.leerling_id).order_by("-begindatum", "pk")
    )
    per_verklaring: dict[int, list[Vrijstellingsverklaring]] = defaultdict(list)
    for verklaring in Vrijstellingsverklaring.objects.filter(
        vrijstelling__in=vrijstellingen
    ).order_by("datum", "pk"):
        per_verklaring[verklaring.vrijstelling_id].append(verklaring)
    per_advies: dict[int, list[Vrijstellingsadvies]] = defaultdict(list)
    for advies in (
        Vrijstellingsadvies.objects.filter(vrijstelling__in=vrijstellingen)
        .select_related("swv_consulent")
        .order_by("datum", "pk")
    ):
        per_advies[advies.vrijstelling_id].append(advies)
    for vrijstelling in vrijstellingen:
        verklaringen = per_verklaring[vrijstelling.pk]
        adviezen = per_advies[vrijstelling.pk]
        lopend = vrijstelling.begindatum <= peildatum and (
            vrijstelling.einddatum is None or vrijstelling.einddatum >= peildatum
        )
        nooit = bool(verklaringen) and verklaringen[-1].nooit_schoolgeschikt
        vernieuwing = herbeoordeling = None
        if lopend and vrijstelling.artikel in JAARLIJKS_VERNIEUWD and not nooit:
            vernieuwing = vernieuwing_vrijstelling(peildatum)
        if lopend and vrijstelling.artikel == Vrijstelling.Artikel.ART_5A:
            herbeoordeling = herbeoordeling_van(
                vrijstelling, [v.datum for v in verklaringen], [a.datum for a in adviezen]
            )
        uitkomst.append(
            VrijstellingInCasus(
                vrijstelling=vrijstelling,
                lopend=lopend,
                vernieuwing=vernieuwing,
                herbeoordeling=herbeoordeling,
                nooit_schoolgeschikt=nooit,
                verklaringen=verklaringen[::-1],
                adviezen=adviezen[::-1],
            )
        )
    return uitkomst


# --- the worklist of art. 5 onder a exemptions due for re-assessment -------------------------

HERBEOORDELING_VOORUIT_WEKEN: Final = 8


@dataclass(frozen=True)
class Herbeoordeling:
    """A running art. 5 onder a exemption whose re-assessment is due: the exemption, its
    pupil's newest expert statement (None: none recorded), the case of that statement or the
    pupil's open case, and the deadline (herbeoordeling_van)."""

    vrijstelling: Vrijstelling
    termijn: Termijn
    verklaring: Vrijstellingsverklaring | None
    casus: Casus | None


def herbeoordelingen(
    gemeente_ids: Iterable[int], peildatum: date, *, weken: int = HERBEOORDELING_VOORUIT_WEKEN
) -> list[Herbeoordeling]:
    """The running art. 5 onder a exemptions of pupils living in `gemeente_ids` (the
    municipalities Leerplicht serves) whose re-assessment falls within `weken` weeks after
    `peildatum`, or has passed: the most overdue first. Also when the newest statement says
    the child will never be able to attend a school (that ends the yearly renewal, art. 6 lid
    3, not the looking again; the list shows it), as on the case page."""
    vrijstellingen = list(
        Vrijstelling.objects.filter(
            artikel=Vrijstelling.Artikel.ART_5A,
            leerling__woongemeente_id__in=list(gemeente_ids),
            begindatum__lte=peildatum,
        )
        .exclude(einddatum__lt=peildatum)
        .select_related("leerling")
        .order_by("pk")
    )
    verklaringen: dict[int, list[Vrijstellingsverklaring]] = defaultdict(list)
    for verklaring in (
        Vrijstellingsverklaring.objects.filter(vrijstelling__in=vrijstellingen)
        .select_related("casus")
        .order_by("datum", "pk")
    ):
        verklaringen[verklaring.vrijstelling_id].append(verklaring)
    adviezen: dict[int, list[date]] = defaultdict(list)
    for vrijstelling_id, datum in Vrijstellingsadvies.objects.filter(
        vrijstelling__in=vrijstellingen
    ).values_list("vrijstelling_id", "datum"):
        adviezen[vrijstelling_id].append(datum)
    open_casussen = dict(
        Casus.objects.filter(
            leerling_id__in=[v.leerling_id for v in vrijstellingen], status=Casus.Status.OPEN
        ).values_list("leerling_id", "pk")
    )
    casussen = Casus.objects.in_bulk(open_casussen.values())
    grens = peildatum + timedelta(weeks=weken)
    uitkomst = []
    for vrijstelling in vrijstellingen:
        eigen = verklaringen[vrijstelling.pk]
        nieuwste = eigen[-1] if eigen else None
        termijn = herbeoordeling_van(
            vrijstelling, [v.datum for v in eigen], adviezen[vrijstelling.pk]
        )
        if termijn.verloopt_op > grens:
            continue
        casus = casussen.get(open_casussen.get(vrijstelling.leerling_id, 0))
        if casus is None and nieuwste is not None:
            casus = nieuwste.casus
        uitkomst.append(Herbeoordeling(vrijstelling, termijn, nieuwste, casus))
    return sorted(uitkomst, key=lambda h: (h.termijn.verloopt_op, h.vrijstelling.pk))
