# SPDX-License-Identifier: EUPL-1.2
"""The access log names a staff member only for a staff account: a portal user (a parent or
the pupil) shares its pk space with no Medewerker, so its id must never land in
Inzage.medewerker (it would name an unrelated professional as the reader)."""

from __future__ import annotations

from typing import Any

from binnenboord.portaal.inzage import Portaallezer
from binnenboord.verantwoording.services import inzagerijen, log_inzage
from tests.factories import LeerlingFactory, MedewerkerFactory, PortaalgebruikerFactory


def test_een_portaalgebruiker_is_geen_medewerker_in_het_inzagelog(db: None) -> None:
    medewerker: Any = MedewerkerFactory()
    gebruiker: Any = PortaalgebruikerFactory()
    # the same number in both tables: the mistake would be invisible otherwise
    gebruiker.pk = medewerker.pk
    (rij,) = inzagerijen(gebruiker=gebruiker, handeling="bekijken", bron="test")
    assert rij.medewerker_id is None
    (staf,) = inzagerijen(gebruiker=medewerker, handeling="bekijken", bron="test")
    assert staf.medewerker_id == medewerker.pk
    assert staf.gebruikersnaam == medewerker.username


def test_de_portaallezer_schrijft_naam_en_rol_zonder_medewerker_of_organisatie(db: None) -> None:
    leerling: Any = LeerlingFactory()
    (rij,) = log_inzage(
        gebruiker=Portaallezer(username="portaal:7", rol="ouder"),
        handeling="bekijken",
        bron="portaal:casus",
        leerlingen=[leerling],
        casus_id=3,
    )
    rij.refresh_from_db()
    assert (rij.medewerker_id, rij.gebruikersnaam, rij.rol, rij.organisatie) == (
        None,
        "portaal:7",
        "ouder",
        "",
    )
    assert (rij.leerling_id, rij.casus_id, rij.bron) == (leerling.pk, 3, "portaal:casus")
