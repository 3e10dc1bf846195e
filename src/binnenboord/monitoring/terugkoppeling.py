# SPDX-License-Identifier: EUPL-1.2
"""The figures of "werkt dit?" (docs/monitoring.md, "Terugkoppeling van ouders en
leerlingen"; docs/relatie.md, "Werkt dit?"): the answers of parents and pupils to the short
questionnaire after the UVO and at closing, per escalation model (Casus.aanpak) and question,
counted for the report's scope (a municipality, a configured district or its rest, a school or
a samenwerkingsverband: the areas the rest of the report uses, so a pilot district is compared
with the rest of its municipality by choosing each). Per moment a table for parents and one for
pupils: per model and question the number of answers and the mean score (1–5). Apart, so a
small number of pupils never hides the parents' mean (a row with a hidden count hides its
mean too).

The counts are "aantal" cells like every other count, so suppression (Rapport.onderdrukt(),
kern.onderdrukking) hides a number of answers below 5, and a mean over fewer than 5 answers
(the cell's `n`), for policy staff and in every export; the family suppression of a
municipality with its districts covers them too. The open answers are never read here: they
may name a child."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from binnenboord.kern.aanpak import AANPAKKEN
from binnenboord.regie.models import Casus, Terugkoppeling
from binnenboord.regie.relatie import VRAGEN
from binnenboord.registratie.models import Leerling

from .lezen import casussen_q, leerlingen_q
from .rapport import Cel, Kolom, Periode, Rij, Scope, Sectie, Tabel

OUDER = "ouder"
LEERLING = "leerling"


def vragen() -> list[tuple[str, str]]:
    """The questions of regie.relatie.VRAGEN as (code, text), in their order."""
    return [(code, str(tekst)) for code, tekst in VRAGEN.items()]


@dataclass(frozen=True)
class Antwoord:
    """One filled-in questionnaire as the figures read it (never the open answer)."""

    pk: int
    aanpak: str
    moment: str
    wie: str  # OUDER or LEERLING
    scores: dict[str, int]


def lees(scope: Scope, periode: Periode) -> tuple[Antwoord, ...]:
    """The questionnaires filled in during `periode` in the cases of `scope` (the cases the
    report counts: monitoring.lezen.casussen_q). One query."""
    leerlingen = Leerling.objects.filter(leerlingen_q(scope, periode)).values("pk")
    casussen = Casus.objects.filter(casussen_q(scope, leerlingen, periode)).values("pk")
    rijen = (
        Terugkoppeling.objects.filter(
            casus__in=casussen,
            ingevuld_op__date__gte=periode.van,
            ingevuld_op__date__lte=periode.tot,
        )
        .order_by("pk")
        .values_list("pk", "casus__aanpak", "moment", "toegang__ouder_id", "antwoorden")
    )
    return tuple(
        Antwoord(pk, aanpak, moment, LEERLING if ouder is None else OUDER, dict(scores or {}))
        for pk, aanpak, moment, ouder, scores in rijen
    )


def _aanpaknaam(code: str) -> str:
    aanpak = AANPAKKEN.get(code)
    return aanpak.naam if aanpak is not None else code


def _cellen(antwoorden: Iterable[Antwoord], vraag: str) -> tuple[Cel, Cel]:
    """The number of answers to `vraag` (the ids: the questionnaires) and their mean."""
    scores = {a.pk: a.scores[vraag] for a in antwoorden if isinstance(a.scores.get(vraag), int)}
    n = len(scores)
    gemiddelde = round(sum(scores.values()) / n, 2) if n else None
    return Cel(n, ids=frozenset(scores)), Cel(gemiddelde, n=n)


TITELS = {
    OUDER: lambda: _("Feedback of parents %(moment)s, per escalation model and question"),
    LEERLING: lambda: _("Feedback of pupils %(moment)s, per escalation model and question"),
}


def _tabel(
    moment: str, wie: str, antwoorden: Sequence[Antwoord], vragenlijst: list[tuple[str, str]]
) -> Tabel:
    """One moment, parents or pupils: a row per model and question with the number of
    answers and the mean score."""
    per_aanpak: dict[str, list[Antwoord]] = defaultdict(list)
    for a in antwoorden:
        if a.moment == moment and a.wie == wie:
            per_aanpak[a.aanpak].append(a)
    rijen = [
        Rij(
            f"{aanpak}:{code}",
            f"{_aanpaknaam(aanpak)}: {tekst}",
            _cellen(per_aanpak[aanpak], code),
        )
        for aanpak in sorted(per_aanpak, key=lambda c: (_aanpaknaam(c), c))
        for code, tekst in vragenlijst
    ]
    return Tabel(
        f"terugkoppeling_{moment}_{wie}",
        TITELS[wie]() % {"moment": Terugkoppeling.Moment(moment).label},
        (
            Kolom("aantal", _("Answers"), "aantal"),
            Kolom("gemiddeld", _("Mean score (1–5)"), "getal"),
        ),
        tuple(rijen),
        toelichting=_(
            "Filled in during the period in the cases of this scope. 1 is not at all, 5 is "
            "completely. The open answers are not in the figures."
        ),
    )


def sectie(antwoorden: Sequence[Antwoord]) -> Sectie:
    """The section "Feedback of parents and pupils": one table per moment."""
    vragenlijst = vragen()
    return Sectie(
        "terugkoppeling",
        _("Feedback of parents and pupils (does this work?)"),
        tuple(
            _tabel(m.value, wie, antwoorden, vragenlijst)
            for m in Terugkoppeling.Moment
            for wie in (OUDER, LEERLING)
        ),
        toelichting=_(
            "The short questionnaire in the portal after the UVO and at closing. Compare a "
            "pilot district with the rest of the municipality by choosing each."
        ),
    )
