# SPDX-License-Identifier: EUPL-1.2
"""Who may see and do what with registratie's objects: the pupil file, absence, the school's own
page, held writes (Te bevestigen) and the file imports. The shared parts (role predicates,
leerling_scope) are toegang.rules'; the scoped reads that use these scopes are
registratie.selectors'."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, Q

import rules

from binnenboord.toegang.models import Medewerker, Rol
from binnenboord.toegang.rules import (
    NIETS,
    Gebruiker,
    actieve_medewerker,
    add_scope,
    is_functioneel_beheerder,
    is_leerplichtambtenaar,
    is_schoolmedewerker,
    leerling_scope,
)
from binnenboord.toegang.verzoek import onthouden

from .models import Inschrijving, Leerling


@rules.predicate
def leerling_zichtbaar(user: Gebruiker, leerling: Leerling | None) -> bool:
    if leerling is None:
        return False
    return onthouden(
        ("leerling", getattr(user, "pk", None), leerling.pk),
        lambda: bool(Leerling.objects.filter(leerling_scope(user), pk=leerling.pk).exists()),
    )


def in_eigen_periode(medewerker: Medewerker, *, dag: Any, via: str = "leerling") -> Q:
    """Access follows time: the row's day (`dag`, an expression on the row such as
    OuterRef("datum")) lies in one of the pupil's enrolment periods at a school of the
    medewerker's organisation. A school sees absence, signals and meldingen of its own periods
    only; what happened at an earlier school, or at another school in a parallel period,
    reaches it only as a case participant."""
    return Q(
        Exists(
            Inschrijving.objects.filter(
                Q(einddatum__isnull=True) | Q(einddatum__gte=dag),
                leerling=OuterRef(f"{via}_id"),
                school__organisatie=medewerker.organisatie,
                begindatum__lte=dag,
            )
        )
    )


def per_schooldag(user: Gebruiker, *, peildatum: date | None = None) -> Q:
    """Rows about a pupil on a day at a school (`leerling`, `school`, `datum`: absence here,
    signals in signalering): Leerplicht every row of its pupils; a school the rows of its own
    school on a day inside one of its own enrolment periods; other roles none."""
    medewerker = actieve_medewerker(user)
    if medewerker is None or medewerker.rol not in (Rol.SCHOOLMEDEWERKER, Rol.LEERPLICHTAMBTENAAR):
        return NIETS
    zichtbaar = leerling_scope(user, peildatum=peildatum, via="leerling")
    if medewerker.rol == Rol.SCHOOLMEDEWERKER:
        return (
            zichtbaar
            & Q(school__organisatie=medewerker.organisatie)
            & in_eigen_periode(medewerker, dag=OuterRef("datum"))
        )
    return zichtbaar


def verzuim_scope(user: Gebruiker, *, peildatum: date | None = None) -> Q:
    """The absence rows `user` may see, as a filter on Verzuim. Leerplicht: every row of the
    pupils in its municipalities. A school: of the pupils in its leerling_scope, the rows its
    own school registered for a day inside one of its own enrolment periods. Other roles:
    none."""
    return per_schooldag(user, peildatum=peildatum)


add_scope("registratie.leerling", leerling_scope)
add_scope("registratie.verzuim", verzuim_scope)

# Pupil file: read, correct personal data, register absence, export.
rules.add_perm("registratie.view_leerling", leerling_zichtbaar)
rules.add_perm("registratie.change_leerling", is_leerplichtambtenaar & leerling_zichtbaar)
# A parent's data, gezag and shielding (asked on the pupil): Leerplicht of the home municipality.
rules.add_perm("registratie.change_ouder", is_leerplichtambtenaar & leerling_zichtbaar)
rules.add_perm("registratie.add_verzuim", is_schoolmedewerker & leerling_zichtbaar)
rules.add_perm(
    "registratie.export_leerling",
    (is_leerplichtambtenaar | is_schoolmedewerker) & leerling_zichtbaar,
)
# The school's own page: its enrolled pupils with their absence totals.
rules.add_perm("registratie.view_school", is_schoolmedewerker)
# Pupil lists and search (each row still passes leerling_scope).
rules.add_perm("registratie.list_leerling", is_leerplichtambtenaar | is_schoolmedewerker)
# Te bevestigen: held writes (registratie.bevestigen scopes which ones each user sees).
rules.add_perm("registratie.view_bevestigen", is_leerplichtambtenaar | is_schoolmedewerker)
# File imports: who may import which kind. Each row is checked again by the importer
# (a school only for its own school, Leerplicht only for its own municipalities).
rules.add_perm("registratie.import_scholen", is_functioneel_beheerder | is_leerplichtambtenaar)
rules.add_perm("registratie.import_leerlingen", is_leerplichtambtenaar)
rules.add_perm("registratie.import_inschrijvingen", is_schoolmedewerker)
rules.add_perm("registratie.import_verzuim", is_schoolmedewerker)
rules.add_perm("registratie.import_vrijstellingen", is_leerplichtambtenaar)
# A school's own absence codes (the codes of its lesson-level absence file).
rules.add_perm("registratie.import_verzuimcodes", is_schoolmedewerker)
# The import screen: everyone who may import some kind, for imports of the own organisation.
rules.add_perm(
    "registratie.view_import",
    is_functioneel_beheerder | is_leerplichtambtenaar | is_schoolmedewerker,
)
