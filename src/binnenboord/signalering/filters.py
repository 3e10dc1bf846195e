# SPDX-License-Identifier: EUPL-1.2
"""The search, filters and sort of the Signalen inbox and the Meldingen list (django-filter,
gedeeld.filters): on the rows the user may see (selectors.inbox, zichtbare_meldingen), never
more."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.db.models import F, Q, QuerySet
from django.db.models.functions import Coalesce, TruncDate
from django.utils.translation import gettext_lazy as _

import django_filters

from binnenboord.gedeeld.filters import (
    DatumFilter,
    IdKeuzeFilter,
    KeuzeFilter,
    Lijstfilters,
    ZoekFilter,
    zonder_nul,
)
from binnenboord.registratie.selectors import naam_bevat
from binnenboord.toegang.models import Medewerker

from .models import Melding, Signaal, Soort
from .selectors import (
    STAND_FILTER,
    STANDEN,
    Inboxfilter,
    _jaren_terug,
    inbox,
    scholen_in_inbox,
    scholen_in_meldingen,
    zichtbare_meldingen,
)


def _naam(zoekterm: str) -> Q:
    return naam_bevat(zoekterm, "leerling__")


class LeeftijdVeld(forms.IntegerField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", 30)
        super().__init__(*args, **kwargs)

    def to_python(self, value: Any) -> int | None:
        zonder_nul(value)
        return super().to_python(value)


class LeeftijdFilter(django_filters.Filter):
    field_class = LeeftijdVeld


class Signaalfilters(Lijstfilters):
    q = ZoekFilter(label=_("Pupil's name"), method="zoek")
    soort = KeuzeFilter(label=_("Kind"), choices=Soort.choices, empty_label=_("All kinds"))
    school = IdKeuzeFilter(label=_("School"), field_name="school_id")
    leeftijd_van = LeeftijdFilter(label=_("Age from"), method="vanaf")
    leeftijd_tot = LeeftijdFilter(label=_("Age up to and including"), method="tot_en_met")

    KOLOMMEN = {
        "naam": (_("Pupil"), ("leerling__achternaam", "leerling__voornamen", "pk")),
        "soort": (_("Kind"), ("soort", "-datum", "-pk")),
        "datum": (_("Date"), ("datum", "pk")),
        "school": (_("School"), ("school__naam", "-datum", "-pk")),
    }
    # the inbox's own order (selectors.op_urgentie)
    EXTRA = {"urgentie": (_("Most urgent first"), ())}
    STANDAARD = "urgentie"

    def __init__(self, data: Any, *, gebruiker: Medewerker, vandaag: date) -> None:
        self.vandaag = vandaag
        super().__init__(data, queryset=inbox(gebruiker, Inboxfilter(), vandaag=vandaag))
        self.kies(
            "school",
            list(scholen_in_inbox(gebruiker).values_list("pk", "naam")),
            _("All schools"),
        )

    def zoek(self, queryset: QuerySet[Signaal], naam: str, waarde: str) -> QuerySet[Signaal]:
        return queryset.filter(_naam(waarde))

    def vanaf(self, queryset: QuerySet[Signaal], naam: str, jaren: int) -> QuerySet[Signaal]:
        # at least n years old: born on or before this day n years ago
        return queryset.filter(leerling__geboortedatum__lte=_jaren_terug(self.vandaag, jaren))

    def tot_en_met(self, queryset: QuerySet[Signaal], naam: str, jaren: int) -> QuerySet[Signaal]:
        # at most n years old: not yet n + 1
        return queryset.filter(leerling__geboortedatum__gt=_jaren_terug(self.vandaag, jaren + 1))


class Meldingfilters(Lijstfilters):
    q = ZoekFilter(label=_("Pupil's name"), method="zoek")
    stand = KeuzeFilter(
        label=_("Status"), choices=STANDEN, empty_label=_("All statuses"), method="in_stand"
    )
    soort = KeuzeFilter(label=_("Kind"), choices=Melding.Soort.choices, empty_label=_("All kinds"))
    school = IdKeuzeFilter(label=_("School"), field_name="school_id")
    van = DatumFilter(label=_("Sent or made from"), field_name="dag", lookup_expr="gte")
    tot = DatumFilter(
        label=_("Sent or made up to and including"), field_name="dag", lookup_expr="lte"
    )

    KOLOMMEN = {
        "naam": (_("Pupil"), ("leerling__achternaam", "leerling__voornamen", "pk")),
        "soort": (_("Kind"), ("soort", "-moment", "-pk")),
        "school": (_("School"), ("school__naam", "-moment", "-pk")),
        "verzonden": (_("Sent"), ("moment", "pk")),
    }
    STANDAARD = "-verzonden"

    def __init__(self, data: Any, *, gebruiker: Medewerker) -> None:
        meldingen = (
            zichtbare_meldingen(gebruiker)
            .annotate(moment=Coalesce("verzonden_op", "aangemaakt_op"))
            .annotate(dag=TruncDate(F("moment")))
            .select_related(
                "leerling", "school", "behandelaar", "swv_behandelaar", "verzonden_door"
            )
        )
        super().__init__(data, queryset=meldingen)
        self.kies(
            "school",
            list(scholen_in_meldingen(gebruiker).values_list("pk", "naam")),
            _("All schools"),
        )

    def zoek(self, queryset: QuerySet[Melding], naam: str, waarde: str) -> QuerySet[Melding]:
        return queryset.filter(_naam(waarde))

    def in_stand(self, queryset: QuerySet[Melding], naam: str, waarde: str) -> QuerySet[Melding]:
        return queryset.filter(STAND_FILTER[waarde])
