# SPDX-License-Identifier: EUPL-1.2
"""Issue 13, finding 13: a melding is never assigned to the technical account of an API token
(a Leerplicht token's account has the role leerplichtambtenaar, like the people)."""

from __future__ import annotations

from binnenboord.api.tokens import maak_token
from binnenboord.signalering.selectors import leerplicht_behandelaars
from binnenboord.toegang.models import Rol
from tests.wereld import Wereld


def test_de_keuzelijst_van_meldingbehandelaars_bevat_alleen_mensen(wereld: Wereld) -> None:
    lpa = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    assert lpa.organisatie is not None
    token, _sleutel = maak_token(
        organisatie=lpa.organisatie, naam="BRP-koppeling", scopes=["lezen"], door=None
    )
    assert token.medewerker.rol == Rol.LEERPLICHTAMBTENAAR
    assert token.medewerker.organisatie_id == lpa.organisatie_id
    assert set(leerplicht_behandelaars(lpa)) == {lpa}
