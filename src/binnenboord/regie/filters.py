# SPDX-License-Identifier: EUPL-1.2
"""The Casussen list's search, filters and sort (django-filter, gedeeld.filters): on the
cases the user may see (selectors.zichtbare_casussen), never more.

The phase and the next deadline are not stored: the escalation model gives them on the day
(beoordeling.beoordeel_in_bulk). A filter on phase or a sort on phase, deadline or overdue
therefore evaluates every case the other filters left (a fixed number of queries); otherwise
only the page's cases are evaluated, for their columns."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from binnenboord.gedeeld.filters import (
    IdKeuzeFilter,
    KeuzeFilter,
    Lijstfilters,
    VinkjeFilter,
    ZoekFilter,
)
from binnenboord.kern.termijnen import werkdagen_te_laat
from binnenboord.registratie.models import Inschrijving, School
from binnenboord.registratie.selectors import naam_bevat
from binnenboord.toegang.models import Medewerker

from .beoordeling import beoordeel_in_bulk
from .configuratie import aanpakken
from .geschiedenis import ORGANEN
from .models import Casus, Escalatie
from .selectors.casus import betrokken, zichtbare_casussen
from .services.werklijst import werkdagen

# the escalation filter: escalated to any body now, to none, or to one body
ESCALATIE_JA, ESCALATIE_NEE = "ja", "nee"


def _ingeschreven_op(dag: date) -> Q:
    return Q(begindatum__lte=dag) & (Q(einddatum__isnull=True) | Q(einddatum__gte=dag))


def met_school(casussen: QuerySet[Casus], dag: date) -> QuerySet[Casus]:
    """The cases with `school_naam`: the school the pupil is enrolled at on `dag` (the latest
    enrolment when there are two), empty when none."""
    inschrijving = (
        Inschrijving.objects.filter(_ingeschreven_op(dag), leerling=OuterRef("leerling_id"))
        .order_by("-begindatum", "-pk")
        .values("school__naam")[:1]
    )
    return casussen.annotate(school_naam=Subquery(inschrijving))


def _woorden(zoekterm: str) -> Q:
    return naam_bevat(zoekterm, "leerling__")


def escalatiekeuzes() -> list[tuple[str, Any]]:
    return [
        (ESCALATIE_JA, _("Escalated to a body")),
        (ESCALATIE_NEE, _("Not escalated")),
        *((code, _(naam)) for code, naam in ORGANEN.items()),
    ]


def fasekeuzes() -> list[tuple[str, str]]:
    """Every phase of every model, as "model:phase"."""
    modellen = aanpakken()
    return [
        (f"{code}:{fase.code}", f"{fase.naam} ({aanpak.naam})" if len(modellen) > 1 else fase.naam)
        for code, aanpak in modellen.items()
        for fase in aanpak.fasen
    ]


@dataclass(frozen=True)
class Stand:
    """A case on the day: its phase (and the phase's place in its model), its next deadline
    (the earliest running or overdue step of its model) and how many werkdagen that is late."""

    fase: str
    fasecode: str
    fasenummer: int
    volgende_termijn: date | None
    werkdagen_te_laat: int

    @property
    def te_laat(self) -> bool:
        return self.werkdagen_te_laat > 0


def standen(casussen: Sequence[Casus], peildatum: date) -> dict[int, Stand]:
    """The Stand of every case (by pk), in a fixed number of queries."""
    if not casussen:
        return {}
    beoordelingen = beoordeel_in_bulk(casussen, peildatum)
    feestdagen = werkdagen()
    modellen = aanpakken()
    uitkomst = {}
    for casus in casussen:
        beoordeling = beoordelingen[casus.pk]
        termijnen = [
            s.termijn.verloopt_op
            for s in beoordeling.stappen
            if s.termijn is not None and s.status in ("lopend", "binnenkort", "verlopen")
        ]
        volgende = min(termijnen, default=None) if casus.is_open else None
        fasen = [f.code for f in modellen[casus.aanpak].fasen]
        uitkomst[casus.pk] = Stand(
            fase=beoordeling.fase.naam,
            fasecode=f"{casus.aanpak}:{beoordeling.fase.code}",
            fasenummer=fasen.index(beoordeling.fase.code) if beoordeling.fase.code in fasen else 0,
            volgende_termijn=volgende,
            werkdagen_te_laat=(
                werkdagen_te_laat(volgende, peildatum, feestdagen=feestdagen) if volgende else 0
            ),
        )
    return uitkomst


class Casusfilters(Lijstfilters):
    q = ZoekFilter(label=_("Pupil's name"), method="zoek")
    alleen_mijn = VinkjeFilter(
        label=_("Only my cases"), method="mijn", help_text=_("Cases you direct or take part in.")
    )
    status = KeuzeFilter(
        label=_("Status"), choices=Casus.Status.choices, empty_label=_("All statuses")
    )
    # the phase is known only after the evaluation: Casusfilters.rijen filters it
    fase = KeuzeFilter(
        label=_("Phase"), choices=fasekeuzes, empty_label=_("All phases"), method="in_rijen"
    )
    school = IdKeuzeFilter(label=_("School"), method="op_school")
    regisseur = IdKeuzeFilter(label=_("Case director"), field_name="regisseur_id")
    escalatie = KeuzeFilter(
        label=_("Escalation"),
        choices=escalatiekeuzes,
        empty_label=_("All cases"),
        method="op_escalatie",
    )
    aanpak = KeuzeFilter(
        label=_("Escalation model"),
        choices=lambda: [(code, a.naam) for code, a in aanpakken().items()],
        empty_label=_("All models"),
    )

    KOLOMMEN = {
        "naam": (_("Pupil"), ("leerling__achternaam", "leerling__voornamen", "pk")),
        "school": (_("School"), ("school_naam", "start", "pk")),
        "start": (_("Start"), ("start", "pk")),
        "status": (_("Status"), ("status", "start", "pk")),
        "fase": (_("Phase"), None),
        "termijn": (_("Next deadline"), None),
        "regisseur": (_("Case director"), ("regisseur__last_name", "regisseur__first_name", "pk")),
    }
    EXTRA = {"te_laat": (_("Most overdue first"), None)}
    STANDAARD = "start"
    STANDAARDWAARDEN = {"status": Casus.Status.OPEN}

    def __init__(self, data: Any, *, gebruiker: Medewerker, peildatum: date) -> None:
        self.gebruiker, self.peildatum = gebruiker, peildatum
        zichtbaar = zichtbare_casussen(gebruiker)
        super().__init__(
            data,
            queryset=met_school(zichtbaar, peildatum).select_related("leerling", "regisseur"),
        )
        self.kies(
            "school",
            list(
                School.objects.filter(
                    Exists(
                        Inschrijving.objects.filter(
                            _ingeschreven_op(peildatum),
                            school=OuterRef("pk"),
                            leerling__in=zichtbaar.values("leerling_id"),
                        )
                    )
                )
                .order_by("naam", "pk")
                .values_list("pk", "naam")
            ),
            _("All schools"),
        )
        self.kies(
            "regisseur",
            [
                (m.pk, str(m))
                for m in Medewerker.objects.filter(
                    pk__in=zichtbaar.values("regisseur_id")
                ).order_by("last_name", "first_name", "pk")
            ],
            _("All case directors"),
        )

    def in_rijen(self, queryset: QuerySet[Casus], naam: str, waarde: str) -> QuerySet[Casus]:
        return queryset

    def zoek(self, queryset: QuerySet[Casus], naam: str, waarde: str) -> QuerySet[Casus]:
        return queryset.filter(_woorden(waarde))

    def mijn(self, queryset: QuerySet[Casus], naam: str, waarde: bool) -> QuerySet[Casus]:
        return queryset.filter(betrokken(self.gebruiker)) if waarde else queryset

    def op_school(self, queryset: QuerySet[Casus], naam: str, waarde: int) -> QuerySet[Casus]:
        return queryset.filter(
            Exists(
                Inschrijving.objects.filter(
                    _ingeschreven_op(self.peildatum),
                    leerling=OuterRef("leerling_id"),
                    school_id=waarde,
                )
            )
        )

    def op_escalatie(self, queryset: QuerySet[Casus], naam: str, waarde: str) -> QuerySet[Casus]:
        lopend = Escalatie.objects.filter(casus=OuterRef("pk"), beeindigd_op__isnull=True)
        if waarde == ESCALATIE_JA:
            return queryset.filter(Exists(lopend))
        if waarde == ESCALATIE_NEE:
            return queryset.exclude(Exists(lopend))
        return queryset.filter(Exists(lopend.filter(orgaan=waarde)))

    @property
    def gekozen_fase(self) -> str:
        if not self.is_bound:
            return ""
        self.form.is_valid()
        return str(self.form.cleaned_data.get("fase") or "")

    def rijen(self) -> QuerySet[Casus] | list[Casus]:
        """The filtered cases in the chosen order: the queryset when the database can do it
        all, else a list (every case evaluated once, its Stand kept for the columns)."""
        sortering = self.sortering
        if not self.gekozen_fase and self.velden(sortering) is not None:
            return self.qs
        casussen = list(self.qs)
        self._standen = standen(casussen, self.peildatum)
        if self.gekozen_fase:
            fase = self.gekozen_fase
            casussen = [c for c in casussen if self._standen[c.pk].fasecode == fase]
        if self.velden(sortering) is None:
            sleutel = sortering.lstrip("-")
            casussen.sort(key=self._sleutel(sleutel), reverse=sortering.startswith("-"))
            if sleutel == "termijn":  # cases without a deadline last, either way
                casussen.sort(key=lambda c: self._standen[c.pk].volgende_termijn is None)
        return casussen

    def _sleutel(self, sleutel: str) -> Any:
        s = self._standen
        verst = date.max
        if sleutel == "fase":
            return lambda c: (s[c.pk].fasenummer, s[c.pk].fase, c.start, c.pk)
        if sleutel == "termijn":
            return lambda c: (s[c.pk].volgende_termijn or verst, c.start, c.pk)
        # most overdue first, then the nearest deadline, then cases without one
        return lambda c: (
            -s[c.pk].werkdagen_te_laat,
            s[c.pk].volgende_termijn is None,
            s[c.pk].volgende_termijn or verst,
            c.start,
            c.pk,
        )

    def standen(self, casussen: Any) -> dict[int, Stand]:
        """The Stand of the page's cases (an iterable of cases; evaluated already when the list
        needed it)."""
        bekend = getattr(self, "_standen", None)
        if bekend is not None:
            return {c.pk: bekend[c.pk] for c in casussen}
        return standen(list(casussen), self.peildatum)
