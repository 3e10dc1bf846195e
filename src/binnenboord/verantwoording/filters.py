# SPDX-License-Identifier: EUPL-1.2
"""The filters of the access-log page (verantwoording:inzagelog), as a django-filter FilterSet:
date range (van/tot, days in local time, both inclusive), action, role, pupil (the number the
log shows, never a BSN: a filter is a URL and lands in server logs) and user name.

A value that is not one gives a Dutch error on the form and an empty list, never an error
page; an empty value filters nothing."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

import django_filters

from binnenboord.gedeeld.forms import Opmaak
from binnenboord.toegang.models import Rol

from .models import Inzage

# Dates outside these years are no day of the log (and would overflow the moment arithmetic).
EERSTE_DAG = date(2000, 1, 1)
LAATSTE_DAG = date(2999, 12, 31)
GROOTSTE_ID = 2**63 - 1


def _begin_van(dag: date) -> datetime:
    return timezone.make_aware(datetime.combine(dag, time.min))


class Datumveld(forms.DateField):
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    default_error_messages = {
        "invalid": _("Enter a date as day-month-year, e.g. 23-11-2026."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"])
        super().__init__(**kwargs)

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value is not None and not EERSTE_DAG <= value <= LAATSTE_DAG:
            raise forms.ValidationError(
                _("Enter a date from %(van)s to %(tot)s."),
                code="bereik",
                params={"van": f"{EERSTE_DAG:%d-%m-%Y}", "tot": f"{LAATSTE_DAG:%d-%m-%Y}"},
            )


class Datumfilter(django_filters.Filter):
    field_class = Datumveld


class Nummerfilter(django_filters.Filter):
    field_class = forms.IntegerField


class InzagelogForm(Opmaak, forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._opmaak()

    def clean(self) -> dict[str, Any]:
        gegevens = super().clean() or {}
        van, tot = gegevens.get("van"), gegevens.get("tot")
        if van and tot and van > tot:
            self.add_error("tot", _("The end date lies before the start date."))
        return gegevens


class InzagelogFilter(django_filters.FilterSet):
    van = Datumfilter(label=_("From (date)"), method="filter_van")
    tot = Datumfilter(label=_("Until (date)"), method="filter_tot")
    handeling = django_filters.ChoiceFilter(
        label=_("Action"), choices=Inzage.Handeling.choices, empty_label=_("All actions")
    )
    rol = django_filters.ChoiceFilter(
        label=_("Role"), choices=Rol.choices, empty_label=_("All roles")
    )
    leerling = Nummerfilter(
        label=_("Pupil number"),
        field_name="leerling_id",
        min_value=1,
        max_value=GROOTSTE_ID,
        help_text=_("The number the log shows next to the pupil's name."),
    )
    gebruiker = django_filters.CharFilter(
        label=_("User name"), field_name="gebruikersnaam", max_length=150
    )

    class Meta:
        model = Inzage
        fields: list[str] = []
        form = InzagelogForm

    def filter_van(self, queryset: QuerySet[Inzage], name: str, value: date) -> QuerySet[Inzage]:
        return queryset.filter(tijdstip__gte=_begin_van(value))

    def filter_tot(self, queryset: QuerySet[Inzage], name: str, value: date) -> QuerySet[Inzage]:
        return queryset.filter(tijdstip__lt=_begin_van(value + timedelta(days=1)))
