# SPDX-License-Identifier: EUPL-1.2
"""The search, filters and sort of the Leerlingen list and of Mijn school (django-filter,
gedeeld.filters): on the pupils the user may see (selectors.zichtbare_leerlingen,
schoolleerlingen), never more."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from binnenboord.gedeeld.filters import DatumFilter, IdKeuzeFilter, Lijstfilters, ZoekFilter
from binnenboord.toegang.models import Gemeente

from .models import Inschrijving, Leerling, School
from .selectors import schoolleerlingen, zichtbare_leerlingen


def zoekvoorwaarde(zoekterm: str) -> Q:
    """A BSN or education number (digits only) exactly; otherwise every word in the first
    names or surname (or the whole tussenvoegsel)."""
    zoekterm = zoekterm.strip()
    if zoekterm.isdigit():
        return Q(bsn=zoekterm) | Q(onderwijsnummer=zoekterm)
    voorwaarde = Q()
    for woord in zoekterm.split():
        voorwaarde &= (
            Q(voornamen__icontains=woord)
            | Q(achternaam__icontains=woord)
            | Q(tussenvoegsel__iexact=woord)
        )
    return voorwaarde


def _ingeschreven_op(dag: date) -> Q:
    return Q(begindatum__lte=dag) & (Q(einddatum__isnull=True) | Q(einddatum__gte=dag))


NAAM = ("achternaam", "voornamen", "pk")


class Leerlingfilters(Lijstfilters):
    q = ZoekFilter(label=_("Name, BSN or education number"), method="zoek")
    school = IdKeuzeFilter(label=_("School"), method="op_school")
    woongemeente = IdKeuzeFilter(label=_("Home municipality"), field_name="woongemeente_id")
    geboren_van = DatumFilter(label=_("Born from"), field_name="geboortedatum", lookup_expr="gte")
    geboren_tot = DatumFilter(
        label=_("Born up to and including"), field_name="geboortedatum", lookup_expr="lte"
    )

    KOLOMMEN = {
        "naam": (_("Name"), NAAM),
        "geboortedatum": (_("Date of birth"), ("geboortedatum", *NAAM)),
        "woongemeente": (_("Home municipality"), ("woongemeente__naam", *NAAM)),
    }
    STANDAARD = "naam"

    def __init__(self, data: Any, *, gebruiker: Any, peildatum: date) -> None:
        self.peildatum = peildatum
        zichtbaar = zichtbare_leerlingen(gebruiker)
        super().__init__(data, queryset=zichtbaar.select_related("woongemeente"))
        scholen = School.objects.filter(
            Exists(
                Inschrijving.objects.filter(
                    _ingeschreven_op(peildatum),
                    school=OuterRef("pk"),
                    leerling__in=zichtbaar.values("pk"),
                )
            )
        ).order_by("naam", "pk")
        self.kies("school", list(scholen.values_list("pk", "naam")), _("All schools"))
        gemeenten = Gemeente.objects.filter(pk__in=zichtbaar.values("woongemeente_id")).order_by(
            "naam", "pk"
        )
        self.kies(
            "woongemeente",
            [(g.pk, str(g)) for g in gemeenten],
            _("All municipalities"),
        )

    def zoek(self, queryset: QuerySet[Leerling], naam: str, waarde: str) -> QuerySet[Leerling]:
        return queryset.filter(zoekvoorwaarde(waarde))

    def op_school(self, queryset: QuerySet[Leerling], naam: str, waarde: int) -> QuerySet[Leerling]:
        """Pupils enrolled at the school today."""
        return queryset.filter(
            Exists(
                Inschrijving.objects.filter(
                    _ingeschreven_op(self.peildatum), leerling=OuterRef("pk"), school_id=waarde
                )
            )
        )


class Schoolfilters(Lijstfilters):
    """Mijn school: the pupils enrolled today with this school year's absence per kind."""

    q = ZoekFilter(label=_("Name, BSN or education number"), method="zoek")

    KOLOMMEN = {
        "naam": (_("Name"), NAAM),
        "geboortedatum": (_("Date of birth"), ("geboortedatum", *NAAM)),
        "ongeoorloofd": (_("Unauthorised"), ("minuten_ongeoorloofd", *NAAM)),
        "luxe": (_("Luxury absence"), ("minuten_luxe", *NAAM)),
        "te_laat": (_("Late"), ("minuten_te_laat", *NAAM)),
        "ziek": (_("Sick"), ("minuten_ziek", *NAAM)),
        "geoorloofd": (_("Authorised"), ("minuten_geoorloofd", *NAAM)),
    }
    EXTRA = {
        "meeste_ongeoorloofd": (
            _("Most unauthorised hours first"),
            ("-minuten_ongeoorloofd", *NAAM),
        )
    }
    STANDAARD = "naam"

    def __init__(self, data: Any, *, gebruiker: Any, peildatum: date) -> None:
        super().__init__(data, queryset=schoolleerlingen(gebruiker, peildatum=peildatum))

    def zoek(self, queryset: QuerySet[Leerling], naam: str, waarde: str) -> QuerySet[Leerling]:
        return queryset.filter(zoekvoorwaarde(waarde))
