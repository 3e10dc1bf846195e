# SPDX-License-Identifier: EUPL-1.2
"""The family's own voice beside the plan (docs/relatie.md, "De kant van de professional"):
what the parents and the pupil wrote themselves in the portal, so that the plan section never
presents a professional's note as their words. Per person with a portal access: their newest
own story and their newest reaction to the plan version shown. Two queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from ..models import Casus, Planreactie, PlanVanAanpak, Verhaal
from .werklijst import persoon


@dataclass(frozen=True)
class Stem:
    """One person's own words: `wie` as the regisseur reads it, whether it is the pupil, their
    newest own story and their newest reaction to the plan version (either may be None)."""

    wie: str
    is_leerling: bool
    verhaal: Verhaal | None
    reactie: Planreactie | None


@dataclass(frozen=True)
class Gezinsstem:
    ouders: tuple[Stem, ...]
    leerling: tuple[Stem, ...]

    @property
    def groepen(self) -> list[tuple[str, tuple[Stem, ...]]]:
        """(heading, voices) for the parents and the pupil, those with a voice only."""
        return [
            (str(label), stemmen)
            for label, stemmen in ((_("Parents"), self.ouders), (_("Pupil"), self.leerling))
            if stemmen
        ]


def stem_van_het_gezin(casus: Casus, plan: PlanVanAanpak | None) -> Gezinsstem:
    """The newest own story and reaction to `plan` of each person who wrote in the portal
    (never what a professional noted on their behalf: that row has `door`)."""
    verhalen: dict[int, Verhaal] = {}
    for verhaal in (
        Verhaal.objects.filter(casus=casus, toegang__isnull=False)
        .select_related("toegang__ouder")
        .order_by("-geschreven_op", "-pk")
    ):
        verhalen.setdefault(verhaal.toegang_id or 0, verhaal)
    reacties: dict[int, Planreactie] = {}
    if plan is not None:
        for reactie in (
            Planreactie.objects.filter(plan=plan, toegang__isnull=False)
            .select_related("toegang__ouder")
            .order_by("-geschreven_op", "-pk")
        ):
            reacties.setdefault(reactie.toegang_id or 0, reactie)
    stemmen = []
    for pk in sorted({*verhalen, *reacties}):
        rij = verhalen.get(pk) or reacties[pk]
        assert rij.toegang is not None
        stemmen.append(
            Stem(
                persoon(rij.toegang, casus),
                rij.toegang.ouder_id is None,
                verhalen.get(pk),
                reacties.get(pk),
            )
        )
    return Gezinsstem(
        ouders=tuple(s for s in stemmen if not s.is_leerling),
        leerling=tuple(s for s in stemmen if s.is_leerling),
    )
