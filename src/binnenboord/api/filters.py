# SPDX-License-Identifier: EUPL-1.2
"""The query filters of the read endpoints, as django-filter FilterSets: the views filter with
them (DjangoFilterBackend) and drf-spectacular builds the OpenAPI parameters from them.

A value that is not one gives 400 with a Dutch message per parameter, before any query: an id
must be a whole number from 1 to the largest bigint (SQLite cannot even compare a larger one),
a moment ISO 8601 with a time zone, and no value may hold a NUL character (PostgreSQL text
cannot). An empty value filters nothing. A value that is well-formed but matches nothing gives
an empty list, never an error: a filter is no oracle for what exists outside the caller's
scope."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

import django_filters
from drf_spectacular.utils import extend_schema_field

from binnenboord.registratie.models import Inschrijving

# The largest id a bigint holds: PostgreSQL and SQLite hold no larger one, and SQLite raises
# OverflowError for a larger number in a query (issue 13), so it is refused before any query.
GROOTSTE_ID = 2**63 - 1
NUL = "\x00"


def geheel_getal(waarde: str) -> int:
    """An id or page number from a query parameter: a whole number from 1 to GROOTSTE_ID;
    raises ValidationError with the Dutch message otherwise."""
    try:
        getal = int(waarde)
    except ValueError:  # also for more than 4,300 digits (Python's limit)
        raise ValidationError(_("Enter a whole number."), code="invalid") from None
    if not 1 <= getal <= GROOTSTE_ID:
        raise ValidationError(
            _("Enter a whole number from 1 to %(max)s."), code="bereik", params={"max": GROOTSTE_ID}
        )
    return getal


def moment(waarde: str) -> datetime:
    """An ISO 8601 moment with a time zone, in UTC (PostgreSQL refuses offsets beyond ±15:59
    that ISO 8601 and Python allow); raises ValidationError with the Dutch message otherwise."""
    ongeldig = ValidationError(
        _("Enter a date and time as ISO 8601, e.g. 2026-11-23T08:00:00+01:00."), code="invalid"
    )
    try:
        gelezen = parse_datetime(waarde)
    except ValueError:
        gelezen = None
    if gelezen is None:
        raise ongeldig
    if gelezen.tzinfo is None:
        raise ValidationError(_("Give the time zone, e.g. +01:00."), code="tijdzone")
    try:
        return gelezen.astimezone(UTC)
    except OverflowError:
        raise ongeldig from None


def _zonder_nul(waarde: Any) -> None:
    if isinstance(waarde, str) and NUL in waarde:
        raise ValidationError(_("This value contains a NUL character."), code="nul")


class TekstVeld(forms.CharField):
    """The text as sent: " open " matches nothing, as it did before the filters were
    FilterSets (Django's CharField would strip it and drop the filter)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("strip", False)
        super().__init__(*args, **kwargs)

    def to_python(self, value: Any) -> str | None:
        _zonder_nul(value)
        return super().to_python(value)


class IdVeld(forms.Field):
    def to_python(self, value: Any) -> int | None:
        _zonder_nul(value)
        if value in self.empty_values:
            return None
        return geheel_getal(str(value))


class MomentVeld(forms.Field):
    def to_python(self, value: Any) -> datetime | None:
        _zonder_nul(value)
        if value in self.empty_values:
            return None
        return moment(str(value))


class TekstFilter(django_filters.CharFilter):
    """Exactly this text (a kind, a status, a CBS code)."""

    field_class = TekstVeld


class IdFilter(django_filters.Filter):
    field_class = IdVeld


class MomentFilter(django_filters.Filter):
    field_class = MomentVeld


def _id(veld: str, beschrijving: str, **opties: Any) -> IdFilter:
    """An id filter with its OpenAPI schema: drf-spectacular cannot tell an id from any other
    number (schema.foutantwoorden adds its range)."""
    filter_ = IdFilter(field_name=veld, help_text=beschrijving, **opties)
    return extend_schema_field({"type": "integer", "description": beschrijving})(filter_)


def _moment(veld: str, beschrijving: str) -> MomentFilter:
    """A filter on objects from a moment on, with its OpenAPI schema (not the model field's)."""
    filter_ = MomentFilter(field_name=veld, lookup_expr="gte", help_text=beschrijving)
    schema = {"type": "string", "format": "date-time", "description": beschrijving}
    return extend_schema_field(schema)(filter_)


def _tekst(veld: str, beschrijving: str) -> TekstFilter:
    return TekstFilter(field_name=veld, help_text=beschrijving)


def _school() -> IdFilter:
    return _id("school", "Only objects of this school (id).")


def _leerling() -> IdFilter:
    return _id("leerling", "Only objects of this pupil (id).")


def _soort() -> TekstFilter:
    return _tekst("soort", "Only objects of this kind.")


def _status() -> TekstFilter:
    return _tekst("status", "Only objects with this status.")


class SchoolFilters(django_filters.FilterSet):
    soort = _soort()
    gemeente = _tekst("gemeente__code", "CBS code.")


class LeerlingFilters(django_filters.FilterSet):
    school = _id("school", "Only objects of this school (id).", method="ingeschreven")

    def ingeschreven(self, queryset: QuerySet[Any], naam: str, school_id: int) -> QuerySet[Any]:
        """Pupils with an enrolment (any period) at the school."""
        return queryset.filter(
            Exists(Inschrijving.objects.filter(leerling=OuterRef("pk"), school_id=school_id))
        )


class InschrijvingFilters(django_filters.FilterSet):
    school = _school()
    leerling = _leerling()


class VrijstellingFilters(django_filters.FilterSet):
    leerling = _leerling()
    artikel = _tekst("artikel", "Article.")


class SignaalEnMeldingFilters(django_filters.FilterSet):
    """Signals and meldingen are filtered alike: the same query parameters, the same schema."""

    school = _school()
    leerling = _leerling()
    soort = _soort()
    status = _status()
    aangemaakt_sinds = _moment(
        "aangemaakt_op", "Only objects created at or after this moment (ISO 8601 with time zone)."
    )


class CasusFilters(django_filters.FilterSet):
    leerling = _leerling()
    status = _status()
