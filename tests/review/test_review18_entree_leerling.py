# SPDX-License-Identifier: EUPL-1.2
"""Review of issue 18: an Entree
Federatie connection whose administrator forgot the optional condition eduPersonAffiliation =
employee lets a pupil of the school in as school staff, who then sees every pupil of the
school. A rule on an Entree branch claim should need the condition (or the connection should
refuse a 'student' affiliation by itself): the backend refuses a person whose
eduPersonAffiliation is only pupil or student (toegang.oidc.is_lerende)."""

from __future__ import annotations

import pytest

from binnenboord.toegang.models import Claimregel, Inlogkoppeling, Rol
from binnenboord.toegang.oidc import InlogkoppelingBackend, Weigering
from tests.wereld import Wereld

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("affiliatie", "wordt_medewerker"),
    [(["student"], False), (["Student", "affiliate"], False), (["employee", "member"], True)],
)
def test_een_leerling_via_entree_wordt_nooit_schoolmedewerker(
    wereld: Wereld, affiliatie: list[str], wordt_medewerker: bool
) -> None:
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER].organisatie
    assert school is not None
    koppeling = Inlogkoppeling.objects.create(
        naam="Entree",
        slug="entree",
        organisatie=wereld.leerplicht,
        autorisatie_url="https://entree.example/authorize",
        token_url="https://entree.example/token",
        userinfo_url="https://entree.example/userinfo",
        jwks_url="https://entree.example/jwks",
        client_id="binnenboord",
    )
    Claimregel.objects.create(
        koppeling=koppeling,
        claim="nlEduPersonHomeOrganizationBranchId",
        waarde=f"{school.brin}{school.vestigingsnummer}",
        organisatie=school,
        rol=Rol.SCHOOLMEDEWERKER,
    )
    backend = InlogkoppelingBackend()
    backend.koppeling = koppeling

    claims = {
        "sub": "persoon-1",
        "eduPersonAffiliation": affiliatie,
        "nlEduPersonHomeOrganizationBranchId": f"{school.brin}{school.vestigingsnummer}",
    }
    if not wordt_medewerker:
        with pytest.raises(Weigering):
            backend._medewerker(claims)
        return
    medewerker = backend._medewerker(claims)
    assert (medewerker.organisatie, medewerker.rol) == (school, Rol.SCHOOLMEDEWERKER)
