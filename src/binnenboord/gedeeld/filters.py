# SPDX-License-Identifier: EUPL-1.2
"""The shared pieces of the staff lists' search, filters and sorting (django-filter): the
lists of regie, signalering and registratie build their FilterSets on `Lijstfilters`.

The rules every list keeps (docs/schermen.md, "Lijsten"):
- a FilterSet filters the queryset the view already scoped to the user; it never widens it;
- a chosen id (a school, a regisseur) is any whole number: one outside the user's list simply
  matches nothing in the scoped rows, so the form never says whether it exists elsewhere;
- a value that is not one (text for an id, an unknown choice, a NUL character) gives a Dutch
  error on the filter form and that filter filters nothing; never a server error;
- the sort is one of the list's own keys ("naam", "-naam"), the default when none or an
  invalid one is given; a key without database fields is sorted by the view in Python."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

import django_filters

from .forms import Opmaak

# The largest id a bigint holds (PostgreSQL refuses a larger number in a query).
GROOTSTE_ID = 2**63 - 1
NUL = "\x00"
# The longest search text read; a longer one is cut (a name is never this long).
ZOEKLENGTE = 100


def zonder_nul(waarde: Any) -> None:
    if isinstance(waarde, str) and NUL in waarde:
        raise ValidationError(_("This value contains a NUL character."), code="nul")


class Filterformulier(Opmaak, forms.Form):
    """The form of a list's filters: NL Design System classes on every widget."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._opmaak()


class IdKeuzeVeld(forms.ChoiceField):
    """An id chosen from the user's own list (a school, a regisseur), shown as a select. Any
    whole number from 1 to GROOTSTE_ID is valid: one outside the list matches nothing in the
    scoped rows, so the answer says nothing about objects outside the user's scope."""

    def to_python(self, value: Any) -> int | None:
        zonder_nul(value)
        if value in self.empty_values:
            return None
        try:
            getal = int(str(value))
        except ValueError:
            raise ValidationError(_("Enter a whole number."), code="invalid") from None
        if not 1 <= getal <= GROOTSTE_ID:
            raise ValidationError(
                _("Enter a whole number from 1 to %(max)s."),
                code="bereik",
                params={"max": GROOTSTE_ID},
            )
        return getal

    def valid_value(self, value: Any) -> bool:
        return True


class IdKeuzeFilter(django_filters.Filter):
    """A filter on an id, offered as the choices the FilterSet sets (`kies`)."""

    field_class = IdKeuzeVeld


class KeuzeVeld(django_filters.fields.ChoiceField):
    """A choice that refuses a NUL character with its own message."""

    def to_python(self, value: Any) -> str:
        zonder_nul(value)
        return super().to_python(value)


class KeuzeFilter(django_filters.ChoiceFilter):
    field_class = KeuzeVeld


class VinkjeFilter(django_filters.Filter):
    """A checkbox with a `method`: the method gets True or False (unticked)."""

    field_class = forms.BooleanField


class SorteerFilter(KeuzeFilter):
    """The sort choice: Lijstfilters.qs applies it, also when nothing else is filtered."""

    def filter(self, qs: Any, value: Any) -> Any:
        return qs


class ZoekVeld(forms.CharField):
    def to_python(self, value: Any) -> str:
        zonder_nul(value)
        return str(super().to_python(value))[:ZOEKLENGTE]


class ZoekFilter(django_filters.CharFilter):
    field_class = ZoekVeld

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "search"}))
        super().__init__(*args, **kwargs)


class DatumVeld(forms.DateField):
    """A date from 1900 to 2100 (PostgreSQL and Python agree on those; year 1 has nothing)."""

    def to_python(self, value: Any) -> Any:
        zonder_nul(value)
        dag = super().to_python(value)
        if dag is not None and not 1900 <= dag.year <= 2100:
            raise ValidationError(_("Enter a date between 1900 and 2100."), code="bereik")
        return dag


class DatumFilter(django_filters.DateFilter):
    field_class = DatumVeld

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
        super().__init__(*args, **kwargs)


Kolom = tuple[Any, tuple[str, ...] | None]


def sorteerkeuzes(kolommen: dict[str, Kolom]) -> list[tuple[str, Any]]:
    """Both directions of every column, as choices: "naam" (ascending), "-naam"."""
    keuzes: list[tuple[str, Any]] = []
    for sleutel, (label, _velden) in kolommen.items():
        keuzes.append((sleutel, format_lazy("{} ({})", label, _("ascending"))))
        keuzes.append((f"-{sleutel}", format_lazy("{} ({})", label, _("descending"))))
    return keuzes


def _omgekeerd(veld: str) -> str:
    return veld[1:] if veld.startswith("-") else f"-{veld}"


class Lijstfilters(django_filters.FilterSet):
    """A list's filters and its sort. Subclasses declare their filters, `KOLOMMEN` (sort key
    → label and the database fields, None for a key the view sorts in Python), `EXTRA`
    (more sort choices: key → label and fields) and `STANDAARD` (the default key); the
    `sortering` filter is added here."""

    KOLOMMEN: dict[str, Kolom] = {}
    EXTRA: dict[str, Kolom] = {}
    STANDAARD = ""
    # a filter's value when the query string does not name it at all (the list's first view,
    # a sort link); sent empty, it filters nothing
    STANDAARDWAARDEN: dict[str, str] = {}

    class Meta:
        form = Filterformulier

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        # whether the user filtered or sorted (the form offers to clear it)
        self.gefilterd = bool(data)
        if self.STANDAARDWAARDEN:
            data = data.copy() if data is not None else QueryDict(mutable=True)
            for naam, waarde in self.STANDAARDWAARDEN.items():
                if naam not in data:
                    data[naam] = waarde
        super().__init__(data or None, *args, **kwargs)
        keuzes = [
            *((k, label) for k, (label, _v) in self.EXTRA.items()),
            *sorteerkeuzes(self.KOLOMMEN),
        ]
        # the default first: a form sent without a sort shows the sort it gets
        keuzes.sort(key=lambda keuze: keuze[0] != self.STANDAARD)
        self.filters["sortering"] = SorteerFilter(
            label=_("Sort by"), choices=keuzes, empty_label=None, initial=self.STANDAARD
        )

    def kies(self, naam: str, keuzes: list[tuple[Any, Any]], leeg: Any) -> None:
        """Set the choices of an id filter (before the form is built)."""
        self.filters[naam].extra["choices"] = [("", leeg), *keuzes]

    @property
    def sortering(self) -> str:
        """The sort key: the valid chosen one, or the default."""
        if self.is_bound:
            self.form.is_valid()
            gekozen = self.form.cleaned_data.get("sortering")
            if gekozen:
                return str(gekozen)
        return self.STANDAARD

    def velden(self, sleutel: str) -> tuple[str, ...] | None:
        """The database fields of a sort key; None when the view sorts it in Python."""
        if sleutel in self.EXTRA:
            return self.EXTRA[sleutel][1]
        kolom = self.KOLOMMEN.get(sleutel.lstrip("-"))
        if kolom is None or kolom[1] is None:
            return None
        if sleutel.startswith("-"):
            return tuple(_omgekeerd(v) for v in kolom[1])
        return kolom[1]

    @property
    def qs(self) -> QuerySet[Any]:
        if not hasattr(self, "_gesorteerd"):
            gefilterd = super().qs
            velden = self.velden(self.sortering)
            self._gesorteerd = gefilterd.order_by(*velden) if velden else gefilterd
        return self._gesorteerd

    @property
    def fouten(self) -> bool:
        return bool(self.is_bound and self.form.errors)
