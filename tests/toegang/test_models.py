# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

import pytest

from binnenboord.toegang.models import ROLLEN_PER_SOORT, Organisatie, Rol
from tests.factories import KernteamFactory, MedewerkerFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db


def test_elke_rol_past_bij_minstens_een_soort_organisatie() -> None:
    passend = set().union(*ROLLEN_PER_SOORT.values())
    assert passend == set(Rol.values)


def test_een_rol_die_niet_bij_de_organisatie_past_wordt_geweigerd_met_een_nederlandse_melding() -> (
    None
):
    medewerker = MedewerkerFactory.build(
        rol=Rol.JEUGDARTS, organisatie=OrganisatieFactory(school=True)
    )
    with pytest.raises(ValidationError) as fout:
        medewerker.clean()
    assert fout.value.message_dict["rol"] == [
        "De rol Jeugdarts / jeugdverpleegkundige past niet bij een organisatie van soort School."
    ]


def test_alleen_een_school_heeft_een_brin() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisatieFactory(soort=Organisatie.Soort.JGZ, brin="12AB")
    assert not Organisatie.objects.filter(brin="12AB").exists()


def test_brin_en_vestiging_wijzen_een_schoolorganisatie_aan() -> None:
    OrganisatieFactory(school=True, brin="12AB", vestigingsnummer="00")
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisatieFactory(school=True, brin="12AB", vestigingsnummer="00")


def test_een_kernteam_noemt_zijn_leden() -> None:
    lpa = MedewerkerFactory(rol=Rol.LEERPLICHTAMBTENAAR)
    arts = MedewerkerFactory(rol=Rol.JEUGDARTS, organisatie=OrganisatieFactory(jgz=True))
    kernteam = KernteamFactory(leerplichtambtenaar=lpa, jeugdarts=arts)
    assert kernteam.leden() == [lpa, arts]
