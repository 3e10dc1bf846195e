# SPDX-License-Identifier: EUPL-1.2
"""Reads for the monitoring screens: the scopes a user can choose on the dashboard, and the
records behind a number, filtered by what the user may see (the scopes of the apps' rules:
toegang.rules.leerling_scope, regie.rules.casus_scope, signalering.rules.signaal_scope and
melding_scope)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from binnenboord.regie.selectors.casus import zichtbare_casussen
from binnenboord.registratie.models import Leerling, School, Vrijstelling
from binnenboord.registratie.selectors import zichtbare_leerlingen
from binnenboord.signalering.selectors import zichtbare_meldingen, zichtbare_signalen
from binnenboord.toegang.models import Medewerker, Organisatie

from .lezen import gebieden_van, gebiednaam
from .rapport import Lijstsoort, Scope


def scopes_voor(user: Medewerker | AnonymousUser) -> list[Scope]:
    """The scopes `user` can choose, with their names, in the order of the choice list.

    A municipal organisation: each of its municipalities, followed by the districts
    AANPAK_PER_GEBIED configures for it (each with the rest of its municipality), then the
    schools located in its municipalities. A samenwerkingsverband: itself, then its schools.
    Built with the same filters as the rule `monitoring.view_rapport` (monitoring.rules.
    scope_zichtbaar) in a fixed number of queries, so every scope listed passes it; the view
    still asks the rule for the scope chosen."""
    if not isinstance(user, Medewerker) or not user.has_perm("monitoring.view_cijfers"):
        return []
    organisatie: Organisatie | None = user.organisatie
    if organisatie is None:
        return []
    scholen: QuerySet[School]
    scopes: list[Scope] = []
    if organisatie.soort == Organisatie.Soort.GEMEENTE:
        gemeenten = list(organisatie.gemeenten.order_by("naam").values_list("code", "naam"))
        for code, naam in gemeenten:
            scopes.append(Scope("gemeente", code, naam))
            scopes.extend(_gebieden(code, naam))
        scholen = School.objects.filter(gemeente__organisaties=organisatie)
    elif organisatie.soort == Organisatie.Soort.SAMENWERKINGSVERBAND:
        scopes.append(Scope("swv", str(organisatie.pk), organisatie.naam))
        scholen = School.objects.filter(samenwerkingsverband=organisatie)
    else:
        return []
    for brin, vestiging, naam in scholen.order_by("naam", "brin", "vestiging").values_list(
        "brin", "vestiging", "naam"
    ):
        scopes.append(Scope("school", f"{brin}{vestiging}", f"{naam} ({brin}{vestiging})"))
    return scopes


def _gebieden(gemeente_code: str, gemeente_naam: str) -> list[Scope]:
    """The districts of one municipality configured in AANPAK_PER_GEBIED (lezen.gebieden_van),
    each followed by the rest of the municipality (a pilot district and what it is compared
    with)."""
    uitkomst = []
    for code in gebieden_van(gemeente_code):
        if ":brin=" in code:
            # a pilot area of schools (lezen.gebied_q)
            uitkomst += [
                Scope(soort, code, gebiednaam(Scope(soort, code), gemeente_naam))
                for soort in ("gebied", "buiten")
            ]
            continue
        van, tot = code.split(":")[1].split("-")
        postcodes = {"gemeente": gemeente_naam, "van": van, "tot": tot}
        uitkomst += [
            Scope("gebied", code, _("%(gemeente)s, postcodes %(van)s–%(tot)s") % postcodes),
            Scope("buiten", code, _("%(gemeente)s outside postcodes %(van)s–%(tot)s") % postcodes),
        ]
    return uitkomst


@dataclass(frozen=True)
class Lijst:
    """The records behind one number that the user may see (`rijen`, in reading order), and
    how many there are behind it in all (`totaal`)."""

    soort: Lijstsoort
    rijen: list[Any]
    totaal: int

    @property
    def leerlingen(self) -> list[Leerling]:
        """The pupils the list names (once each), for the access log."""
        if self.soort == "leerling":
            return list(self.rijen)
        return list({rij.leerling_id: rij.leerling for rij in self.rijen}.values())


def lijst(user: Medewerker, soort: Lijstsoort, ids: Collection[int]) -> Lijst:
    """The records of `soort` with these ids, within the user's scope for that kind (pupils:
    leerling_scope; cases: casus_scope; signals: signaal_scope; meldingen: melding_scope;
    exemptions: the exemptions of the pupils in leerling_scope). One query."""
    rijen: QuerySet[Any]
    if soort == "leerling":
        rijen = (
            zichtbare_leerlingen(user)
            .filter(pk__in=ids)
            .select_related("woongemeente")
            .order_by("achternaam", "voornamen", "pk")
        )
    elif soort == "casus":
        rijen = (
            zichtbare_casussen(user)
            .filter(pk__in=ids)
            .select_related("leerling", "regisseur")
            .order_by("start", "pk")
        )
    elif soort == "signaal":
        rijen = (
            zichtbare_signalen(user)
            .filter(pk__in=ids)
            .select_related("leerling", "school")
            .order_by("datum", "pk")
        )
    elif soort == "melding":
        rijen = (
            zichtbare_meldingen(user)
            .filter(pk__in=ids)
            .select_related("leerling", "school")
            .order_by("verzonden_op", "pk")
        )
    else:
        rijen = (
            Vrijstelling.objects.filter(
                pk__in=ids, leerling__in=zichtbare_leerlingen(user).values("pk")
            )
            .select_related("leerling")
            .order_by("begindatum", "pk")
        )
    return Lijst(soort, list(rijen), len(ids))
