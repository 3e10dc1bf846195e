# SPDX-License-Identifier: EUPL-1.2
"""What every app's access rules build on (docs/domein.md, "Privacy en dossiers").

Who may see and do what is said per app, next to its objects: each app owns a rules.py with the
scopes (filters on its models) and the permissions of its own objects, and `rules`' autodiscovery
loads them all (rules.apps.AutodiscoverRulesConfig imports `<app>.rules`):

- registratie.rules: pupils, absence, the school page, held writes, imports;
- signalering.rules: signals and meldingen;
- regie.rules: cases and everything in them, meetings, consultation hours, handovers;
- monitoring.rules: figures and reports;
- verantwoording.rules: the access log;
- this module: beheer (the organisations, accounts and kernteams of the administrator's
  region; the region itself is binnenboord.beheer's scope "toegang.organisatie") and the start
  page (web.view_vandaag).

This module holds what they all share: who counts as an active staff member, the role
predicates, the municipalities an organisation serves, and leerling_scope, "the pupils I may
see", the base of every scope about a pupil. It knows no model of a later app except
registratie.Inschrijving, by name, in leerling_scope (see there). Views, exports and the API ask
the permissions; list querysets use the same scopes through each app's selectors, so an object
check and a list never disagree. A scope an app lower in the flow needs from a higher one
(verantwoording asks for cases) is registered by name with add_scope and asked with scope, as
permissions are asked by name.

Need-to-know, in short:
- a school sees the pupils currently enrolled at its own school;
- Leerplicht sees the pupils living in the municipalities its organisation serves;
- youth doctor, family worker, SWV consultant, team manager and intervention team see only the
  cases they direct or take part in, for as long as their grounds hold: added by a person, an
  assigned action or membership of the body the case is escalated to (regie.rules.casus_scope;
  a team manager of Leerplicht as Leerplicht), not the pupil file itself;
- policy staff see aggregates only, never a pupil;
- the functional administrator manages the organisations, accounts and kernteams of its region
  and reads the access log, but not the pupil files themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeAlias

from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

import rules
from rules.predicates import Predicate

from .models import TECHNISCH_ACCOUNT, Gemeente, Kernteam, Medewerker, Organisatie, Rol
from .verzoek import onthouden

NIETS = Q(pk__in=[])

# Whom the rules are asked about: a logged-in staff member, or an anonymous visitor (through
# has_perm), who gets nothing. The views' own user is a Medewerker (toegang.http.AppRequest).
Gebruiker: TypeAlias = Medewerker | AnonymousUser
# A scope: the filter on a model that says which rows a user may see.
Scope: TypeAlias = Callable[[Gebruiker], Q]
_scopes: dict[str, Scope] = {}


def add_scope(model: str, bouwer: Scope) -> None:
    """Register the scope of `model` ("app_label.model_name", lower case, as Django's
    _meta.label_lower), for the apps lower in the flow that may not import its app."""
    _scopes[model] = bouwer


def scope(model: str, user: Gebruiker) -> Q:
    """The registered scope of `model` for `user` (see add_scope)."""
    return _scopes[model](user)


def actieve_medewerker(user: Gebruiker) -> Medewerker | None:
    """`user` if it is a logged-in, active staff member whose role fits its organisation; None
    for everyone else (an anonymous visitor, an inactive account)."""
    if isinstance(user, Medewerker) and user.is_authenticated and user.heeft_passende_rol:
        return user
    return None


def gemeenten_van(medewerker: Medewerker) -> list[int]:
    """The ids of the municipalities the user's organisation serves (once per request). The
    scopes name them as a list of values, not as a join through the organisation: the planner
    then knows how many pupils a municipality has, where "IN (every pupil of the
    organisation)" became a hash of all 150,000 pupils of a G4 city on every list and check."""
    organisatie = medewerker.organisatie
    assert organisatie is not None
    return onthouden(
        ("gemeenten", organisatie.pk),
        lambda: sorted(organisatie.gemeenten.values_list("pk", flat=True)),
    )


def leerling_scope(user: Gebruiker, *, peildatum: date | None = None, via: str = "") -> Q:
    """The pupils `user` may see on `peildatum`, as a filter on Leerling, or with
    via="leerling" on a model whose foreign key `leerling` points at them (signals, meldingen,
    cases): one definition of "the pupils I may see" for every model about a pupil.

    A school sees its pupils through their enrolments, a model of registratie, which is later in
    the flow than toegang: the one model this module names by string (apps.get_model)."""
    medewerker = actieve_medewerker(user)
    if medewerker is None:
        return NIETS
    organisatie = medewerker.organisatie
    assert organisatie is not None
    if medewerker.rol == Rol.LEERPLICHTAMBTENAAR:
        veld = f"{via}__woongemeente_id__in" if via else "woongemeente_id__in"
        return Q(**{veld: gemeenten_van(medewerker)})
    if medewerker.rol == Rol.SCHOOLMEDEWERKER:
        dag = peildatum or timezone.localdate()
        inschrijving = apps.get_model("registratie", "Inschrijving")
        ingeschreven = inschrijving.objects.filter(
            Q(einddatum__isnull=True) | Q(einddatum__gte=dag),
            leerling=OuterRef(f"{via}_id" if via else "pk"),
            school__organisatie=organisatie,
            begindatum__lte=dag,
        )
        return Q(Exists(ingeschreven))
    return NIETS


def hoort_bij_leerplicht(medewerker: Medewerker) -> bool:
    """Leerplicht: the officer, or a team manager of a municipal (Leerplicht) organisation."""
    organisatie = medewerker.organisatie
    assert organisatie is not None
    return medewerker.rol == Rol.LEERPLICHTAMBTENAAR or (
        medewerker.rol == Rol.TEAMMANAGER and organisatie.soort == organisatie.Soort.GEMEENTE
    )


@rules.predicate
def is_leerplicht(user: Gebruiker) -> bool:
    medewerker = actieve_medewerker(user)
    return medewerker is not None and hoort_bij_leerplicht(medewerker)


def rol_predicate(*rollen: str) -> Predicate:
    """A predicate: `user` is an active staff member with one of `rollen`."""

    @rules.predicate(name="heeft_rol_" + "_of_".join(rollen))
    def heeft_rol(user: Gebruiker) -> bool:
        medewerker = actieve_medewerker(user)
        return medewerker is not None and medewerker.rol in rollen

    return heeft_rol


is_leerplichtambtenaar = rol_predicate(Rol.LEERPLICHTAMBTENAAR)
is_schoolmedewerker = rol_predicate(Rol.SCHOOLMEDEWERKER)
is_functioneel_beheerder = rol_predicate(Rol.FUNCTIONEEL_BEHEERDER)
is_swv_consulent = rol_predicate(Rol.SWV_CONSULENT)
is_jeugdarts = rol_predicate(Rol.JEUGDARTS)
is_beleidsmedewerker = rol_predicate(Rol.BELEIDSMEDEWERKER)
is_professional = rol_predicate(*Rol.values)


@rules.predicate
def is_leerplicht_organisatie(user: Gebruiker) -> bool:
    """The user's organisation is a municipal (Leerplicht) organisation."""
    medewerker = actieve_medewerker(user)
    organisatie = medewerker.organisatie if medewerker is not None else None
    return organisatie is not None and organisatie.soort == Organisatie.Soort.GEMEENTE


@rules.predicate
def zelfde_organisatie(user: Gebruiker, medewerker: Medewerker | None) -> bool:
    ik = actieve_medewerker(user)
    return (
        medewerker is not None and ik is not None and medewerker.organisatie_id == ik.organisatie_id
    )


# Beheer (binnenboord.beheer, docs/toegang-en-verantwoording.md "Beheer: de regio"): the
# functional administrator of a Leerplicht organisation manages the organisations, accounts and
# kernteams of its region. The region is registered by binnenboord.beheer as the scope
# "toegang.organisatie" (a school's municipality is registratie's, which toegang may not import).


def _organisatie_id(obj: object) -> int | None:
    if isinstance(obj, Organisatie):
        return obj.pk
    if isinstance(obj, Medewerker):
        return obj.organisatie_id
    if isinstance(obj, Kernteam):
        return obj.school_id
    return None


@rules.predicate
def in_regio(user: Gebruiker, obj: object) -> bool:
    """`obj` (an organisation, a staff member, a kernteam) belongs to the region `user`
    manages."""
    pk = _organisatie_id(obj)
    if pk is None or actieve_medewerker(user) is None:
        return False
    return Organisatie.objects.filter(scope("toegang.organisatie", user), pk=pk).exists()


@rules.predicate
def geheel_in_regio(user: Gebruiker, obj: object) -> bool:
    """The organisation of `obj` serves no municipality outside the administrator's own. An
    organisation two regions share (a GGD for two municipalities with each their own
    Leerplicht) is seen by both, and both keep its municipalities, but its accounts are changed
    by neither: whoever changed an account's e-mail and invited it again would own an account
    of the other region (docs/inrichten.md, "Gedeelde organisaties")."""
    pk = _organisatie_id(obj)
    medewerker = actieve_medewerker(user)
    if pk is None or medewerker is None:
        return False
    eigen = gemeenten_van(medewerker)
    return not Gemeente.objects.filter(organisaties__pk=pk).exclude(pk__in=eigen).exists()


@rules.predicate
def is_beheerbaar_account(user: Gebruiker, medewerker: object) -> bool:
    """Never the administrator's own account, a superuser or a technical API account."""
    return (
        isinstance(medewerker, Medewerker)
        and medewerker.pk != getattr(user, "pk", None)
        and not medewerker.is_superuser
        and not Medewerker.objects.filter(TECHNISCH_ACCOUNT, pk=medewerker.pk).exists()
    )


@rules.predicate
def is_beheerbare_organisatie(user: Gebruiker, organisatie: object) -> bool:
    """An organisation the administrator edits: not a Leerplicht (municipal) organisation, which
    `binnenboord inrichten` sets up."""
    return isinstance(organisatie, Organisatie) and organisatie.soort != Organisatie.Soort.GEMEENTE


@rules.predicate
def is_school(user: Gebruiker, obj: object) -> bool:
    if isinstance(obj, Kernteam):
        return True
    return isinstance(obj, Organisatie) and obj.soort == Organisatie.Soort.SCHOOL


beheerder_van_leerplicht = is_functioneel_beheerder & is_leerplicht_organisatie
# the pages without an object: the start page, the lists, a new organisation or account
rules.add_perm("toegang.view_beheer", beheerder_van_leerplicht)
rules.add_perm("toegang.view_organisatie", beheerder_van_leerplicht & in_regio)
rules.add_perm(
    "toegang.change_organisatie",
    beheerder_van_leerplicht & in_regio & is_beheerbare_organisatie,
)
rules.add_perm(
    "toegang.change_medewerker",
    beheerder_van_leerplicht & in_regio & geheel_in_regio & is_beheerbaar_account,
)
rules.add_perm("toegang.change_kernteam", beheerder_van_leerplicht & in_regio & is_school)


@rules.predicate
def koppeling_in_regio(user: Gebruiker, koppeling: object) -> bool:
    """A log-in connection (Inlogkoppeling) belongs to an organisation of the region, and every
    organisation its claim rules name and its accounts have is of the region too. Else (a
    connection of an organisation two regions share) whoever changes its provider decides who
    logs in as staff of another region's organisation, or as that region's accounts."""
    from .models import Inlogkoppeling

    if not (isinstance(koppeling, Inlogkoppeling) and in_regio(user, koppeling.organisatie)):
        return False
    regio = Organisatie.objects.filter(scope("toegang.organisatie", user)).values("pk")
    return not (
        koppeling.regels.exclude(organisatie__in=regio).exists()
        or koppeling.medewerkers.filter(organisatie__isnull=False)
        .exclude(organisatie__in=regio)
        .exists()
    )


# Log-in with the own organisation (toegang/oidc.py): the connections of the region's
# organisations, and their claim rules (which only name organisations of the region).
rules.add_perm("toegang.change_inlogkoppeling", beheerder_van_leerplicht & koppeling_in_regio)
# The start page is for every professional with a fitting role (web has no objects of its own).
rules.add_perm("web.view_vandaag", is_professional)
