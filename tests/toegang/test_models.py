# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

import pytest

from binnenboord.toegang.models import ROLLEN_PER_SOORT, Organisatie, Rol
from tests.factories import KernteamFactory, MedewerkerFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db


def test_every_role_fits_at_least_one_kind_of_organisation() -> None:
    passend = set().union(*ROLLEN_PER_SOORT.values())
    assert passend == set(Rol.values)


def test_a_role_that_does_not_fit_the_organisation_is_refused_with_a_dutch_message() -> None:
    medewerker = MedewerkerFactory.build(
        rol=Rol.JEUGDARTS, organisatie=OrganisatieFactory(school=True)
    )
    with pytest.raises(ValidationError) as fout:
        medewerker.clean()
    assert fout.value.message_dict["rol"] == [
        "De rol Jeugdarts / jeugdverpleegkundige past niet bij een organisatie van soort School."
    ]


def test_only_a_school_has_a_brin() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisatieFactory(soort=Organisatie.Soort.JGZ, brin="12AB")
    assert not Organisatie.objects.filter(brin="12AB").exists()


def test_brin_and_branch_identify_one_school_organisation() -> None:
    OrganisatieFactory(school=True, brin="12AB", vestigingsnummer="00")
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisatieFactory(school=True, brin="12AB", vestigingsnummer="00")


def test_a_core_team_lists_its_members() -> None:
    lpa = MedewerkerFactory(rol=Rol.LEERPLICHTAMBTENAAR)
    arts = MedewerkerFactory(rol=Rol.JEUGDARTS, organisatie=OrganisatieFactory(jgz=True))
    kernteam = KernteamFactory(leerplichtambtenaar=lpa, jeugdarts=arts)
    assert kernteam.leden() == [lpa, arts]
