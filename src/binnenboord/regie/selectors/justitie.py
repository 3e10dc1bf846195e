# SPDX-License-Identifier: EUPL-1.2
"""Reads for the justice, letters, advice and exemption sections of a case. The caller has
already found the case through regie.selectors.haal_casus (its scope) and asks the access
rules which sections the user may see."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
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
            basis = max(
                [vrijstelling.begindatum]
                + [v.datum for v in verklaringen]
                + [a.datum for a in adviezen]
            )
            herbeoordeling = Termijn(
                naam="herbeoordeling_5a",
                bron=BRON_HERBEOORDELING,
                start=basis,
                verloopt_op=maanden_na(basis, herbeoordeling_maanden()),
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
