# SPDX-License-Identifier: EUPL-1.2
"""The filters of the beheer lists (gedeeld.filters.Lijstfilters): they filter the region's
rows the view gives them, never more."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from binnenboord.gedeeld.filters import IdKeuzeFilter, KeuzeFilter, Lijstfilters, ZoekFilter
from binnenboord.toegang.models import Medewerker, Organisatie, Rol


class Organisatiefilters(Lijstfilters):
    soort = KeuzeFilter(label=_("Kind"), choices=Organisatie.Soort.choices, empty_label=_("All"))
    q = ZoekFilter(label=_("Name"), method="zoek")

    KOLOMMEN = {
        "naam": (_("Name"), ("naam", "pk")),
        "soort": (_("Kind"), ("soort", "naam", "pk")),
    }
    STANDAARD = "naam"

    def zoek(self, queryset: QuerySet[Any], naam: str, waarde: str) -> QuerySet[Any]:
        for woord in waarde.split():
            queryset = queryset.filter(naam__icontains=woord)
        return queryset


ACTIEF_KEUZES = [("ja", _("Active")), ("nee", _("Deactivated"))]


class Medewerkerfilters(Lijstfilters):
    organisatie = IdKeuzeFilter(label=_("Organisation"), field_name="organisatie_id")
    rol = KeuzeFilter(label=_("Role"), choices=Rol.choices, empty_label=_("All"))
    actief = KeuzeFilter(
        label=_("Status"), choices=ACTIEF_KEUZES, empty_label=_("All"), method="op_status"
    )
    q = ZoekFilter(label=_("Name or e-mail"), method="zoek")

    KOLOMMEN = {
        "naam": (_("Name"), ("last_name", "first_name", "pk")),
        "organisatie": (_("Organisation"), ("organisatie__naam", "last_name", "pk")),
        "rol": (_("Role"), ("rol", "last_name", "pk")),
    }
    STANDAARD = "naam"

    def __init__(
        self, data: Any, *, queryset: QuerySet[Medewerker], organisaties: QuerySet[Organisatie]
    ) -> None:
        super().__init__(data, queryset=queryset)
        self.kies("organisatie", [(o.pk, o.naam) for o in organisaties], _("All organisations"))

    def op_status(self, queryset: QuerySet[Any], naam: str, waarde: str) -> QuerySet[Any]:
        return queryset.filter(is_active=waarde == "ja")

    def zoek(self, queryset: QuerySet[Any], naam: str, waarde: str) -> QuerySet[Any]:
        for woord in waarde.split():
            queryset = queryset.filter(
                Q(first_name__icontains=woord)
                | Q(last_name__icontains=woord)
                | Q(email__icontains=woord)
            )
        return queryset
