# SPDX-License-Identifier: EUPL-1.2
"""Who may see monitoring's figures: aggregate figures without names, a report of a scope
(municipality, district, school, samenwerkingsverband) and the lists behind its numbers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings

import rules

from binnenboord.registratie.models import School
from binnenboord.toegang.models import Rol
from binnenboord.toegang.rules import (
    Gebruiker,
    actieve_medewerker,
    is_beleidsmedewerker,
    rol_predicate,
)

if TYPE_CHECKING:
    from .rapport import Scope

mag_cijfers_zien = rol_predicate(
    Rol.LEERPLICHTAMBTENAAR, Rol.BELEIDSMEDEWERKER, Rol.TEAMMANAGER, Rol.SWV_CONSULENT
)


@rules.predicate
def scope_zichtbaar(user: Gebruiker, scope: Scope | None) -> bool:
    """Whether `user` may see the figures of `scope` (a monitoring.rapport.Scope: soort and
    code). A municipal organisation (Leerplicht, its policy staff and team managers): its
    municipalities, districts of them and the rest outside a district, and the schools located
    in them. A samenwerkingsverband (its consultants, policy staff and team managers): itself
    and its schools. Anyone else: nothing."""
    medewerker = actieve_medewerker(user)
    if scope is None or medewerker is None or not mag_cijfers_zien(user):
        return False
    organisatie = medewerker.organisatie
    assert organisatie is not None
    if organisatie.soort == organisatie.Soort.GEMEENTE:
        if scope.soort in ("gemeente", "gebied", "buiten"):
            # a district only as configured: any range would let two nested ranges be
            # subtracted past the suppression of small numbers (issue 13)
            if scope.soort != "gemeente" and scope.code not in settings.AANPAK_PER_GEBIED:
                return False
            return bool(organisatie.gemeenten.filter(code=scope.code[:4]).exists())
        if scope.soort == "school":
            return bool(
                School.objects.filter(
                    brin=scope.code[:4],
                    vestiging=scope.code[4:],
                    gemeente__organisaties=organisatie,
                ).exists()
            )
        return False
    if organisatie.soort == organisatie.Soort.SAMENWERKINGSVERBAND:
        if scope.soort == "swv":
            return scope.code == str(organisatie.pk)
        if scope.soort == "school":
            return bool(
                School.objects.filter(
                    brin=scope.code[:4],
                    vestiging=scope.code[4:],
                    samenwerkingsverband=organisatie,
                ).exists()
            )
    return False


# Aggregate figures without names.
rules.add_perm("monitoring.view_cijfers", mag_cijfers_zien)
# A report of a scope, and the lists behind its numbers: the lists only for roles that see
# pupils or cases (never policy staff); each list still passes the list's own scope
# (leerling_scope, casus_scope, signaal_scope, melding_scope).
rules.add_perm("monitoring.view_rapport", scope_zichtbaar)
rules.add_perm("monitoring.view_lijst", scope_zichtbaar & ~is_beleidsmedewerker)


@rules.predicate
def eigen_export_in_zicht(user: Gebruiker, export: Any) -> bool:
    """An export of the figures (monitoring.Export): only its asker, and only while they may
    still see the figures of its area (and of the rest of the municipality it compares with):
    asking for a file never widens who sees what."""
    if export is None or getattr(user, "pk", None) is None or export.medewerker_id != user.pk:
        return False
    scope = export.scope
    if scope is None or not scope_zichtbaar(user, scope):
        return False
    if export.parameters.get("vergelijking") == "rest":
        if scope.soort != "gebied":
            return False
        return bool(scope_zichtbaar(user, scope.rest()))
    return True


# A figures export made in the background: fetched (its page, its file) by its asker only.
rules.add_perm("monitoring.view_export", eigen_export_in_zicht)
