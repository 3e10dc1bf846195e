# SPDX-License-Identifier: EUPL-1.2
"""Helpers of the portal tests: log a client in to the portal as sessie.log_in does, and a
family with a case (a pupil of a given age, a parent with gezag, a second parent without, their
accesses) made the way the application makes them (the case through the services)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from binnenboord.portaal.sessie import SESSIE_SLEUTEL
from binnenboord.regie import services
from binnenboord.regie.models import Casus, Portaaltoegang
from binnenboord.regie.services import relatie
from binnenboord.registratie.models import Leerling, Ouder
from binnenboord.toegang.models import Medewerker, Organisatie, Portaalgebruiker, Rol
from tests.factories import (
    WACHTWOORD,
    GemeenteFactory,
    InschrijvingFactory,
    LeerlingFactory,
    MedewerkerFactory,
    OrganisatieFactory,
    OuderFactory,
    PortaalgebruikerFactory,
    PortaaltoegangFactory,
    SchoolFactory,
    _bsn,
)

PORTAAL_WACHTWOORD = WACHTWOORD  # the password PortaalgebruikerFactory gives


def log_in_portaal(client: Client, gebruiker: Portaalgebruiker) -> Client:
    """The client has a portal session for `gebruiker` (as portaal.sessie.log_in leaves it),
    and no staff log-in."""
    client.logout()
    sessie = client.session
    sessie[SESSIE_SLEUTEL] = gebruiker.pk
    sessie.save()
    return client


def geboren_jaren_geleden(jaren: int, vandaag: date | None = None) -> date:
    """A birthday `jaren` years and half a year ago: that age today, for months to come."""
    vandaag = vandaag or timezone.localdate()
    try:
        dag = vandaag.replace(year=vandaag.year - jaren)
    except ValueError:  # 29 February
        dag = vandaag.replace(year=vandaag.year - jaren, day=28)
    return dag - timedelta(days=182)


def regisseur_in(gemeente: Any | None = None) -> Medewerker:
    """A Leerplicht officer of a (new) municipality: a regisseur of its pupils' cases."""
    gemeente = gemeente or GemeenteFactory()
    leerplicht = OrganisatieFactory(naam=f"Leerplicht {gemeente.naam}", gemeenten=[gemeente])
    return MedewerkerFactory(rol=Rol.LEERPLICHTAMBTENAAR, organisatie=leerplicht)


@dataclass
class Gezin:
    """A case with its family: the pupil, the parent with gezag, the second parent without,
    and (when made active) the parent's and the pupil's accesses and portal users."""

    casus: Casus
    regisseur: Medewerker
    leerling: Leerling
    ouder: Ouder
    ouder_zonder_gezag: Ouder
    ouder_toegang: Portaaltoegang | None
    leerling_toegang: Portaaltoegang | None

    @property
    def ouder_gebruiker(self) -> Portaalgebruiker:
        assert self.ouder_toegang is not None and self.ouder_toegang.gebruiker is not None
        return self.ouder_toegang.gebruiker

    @property
    def leerling_gebruiker(self) -> Portaalgebruiker:
        assert self.leerling_toegang is not None and self.leerling_toegang.gebruiker is not None
        return self.leerling_toegang.gebruiker


def gezin(
    *,
    leeftijd: int = 14,
    actief: bool = True,
    regisseur: Medewerker | None = None,
    leerling: Leerling | None = None,
) -> Gezin:
    """A pupil of `leeftijd` at a school, with an open case directed by a Leerplicht officer,
    a mother with gezag (a BSN, a shielded address) and a father without gezag. With
    `actief`, the mother and the pupil have an active access each, with their own portal user
    (code log-in, password PORTAAL_WACHTWOORD); else no access yet (invite them with
    `nodig_uit`)."""
    regisseur = regisseur or regisseur_in()
    organisatie = regisseur.organisatie
    assert isinstance(organisatie, Organisatie)
    gemeente = organisatie.gemeenten.first()
    if leerling is None:
        leerling = LeerlingFactory(
            woongemeente=gemeente, geboortedatum=geboren_jaren_geleden(leeftijd)
        )
        InschrijvingFactory(leerling=leerling, school=SchoolFactory(gemeente=gemeente))
    ouder = OuderFactory(
        leerling=leerling,
        relatie=Ouder.Relatie.MOEDER,
        gezag=True,
        bsn=_bsn(500_000 + leerling.pk),
        straat="Geheimstraat",
        huisnummer="7",
        postcode="9999 ZZ",
        woonplaats="Demodam",
        adres_afgeschermd=True,
    )
    vader = OuderFactory(leerling=leerling, relatie=Ouder.Relatie.VADER, gezag=False)
    casus = services.open_casus(
        leerling=leerling, door=regisseur, start=timezone.localdate() - timedelta(weeks=3)
    )
    ouder_toegang = leerling_toegang = None
    if actief:
        ouder_toegang = PortaaltoegangFactory(casus=casus, ouder=ouder, uitgenodigd_door=regisseur)
        leerling_toegang = PortaaltoegangFactory(
            casus=casus, ouder=None, uitgenodigd_door=regisseur
        )
    return Gezin(casus, regisseur, leerling, ouder, vader, ouder_toegang, leerling_toegang)


def nodig_uit(g: Gezin, ouder: Ouder | None) -> relatie.Uitnodiging:
    """The regisseur invites `ouder` (None: the pupil) by letter, through the service."""
    return relatie.nodig_uit(casus=g.casus, door=g.regisseur, ouder=ouder, via="brief")


def portaalgebruiker(**kwargs: Any) -> Portaalgebruiker:
    gebruiker: Portaalgebruiker = PortaalgebruikerFactory(**kwargs)
    return gebruiker
