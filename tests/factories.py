# SPDX-License-Identifier: EUPL-1.2
"""Factories for every model the tests need, with Traits for the usual states."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

import factory
from factory.django import DjangoModelFactory

from binnenboord.regie.models import Portaaltoegang
from binnenboord.registratie.models import (
    Inschrijving,
    Leerling,
    Ouder,
    School,
    Verzuim,
    Vrijstelling,
)
from binnenboord.toegang.models import (
    Gemeente,
    Kernteam,
    Medewerker,
    Organisatie,
    Portaalgebruiker,
    Rol,
)

WACHTWOORD = "een-lang-test-wachtwoord"


class GemeenteFactory(DjangoModelFactory):
    class Meta:
        model = Gemeente
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{9000 + n % 999:04d}")
    naam = factory.Sequence(lambda n: f"Testgemeente {n}")


class OrganisatieFactory(DjangoModelFactory):
    class Meta:
        model = Organisatie
        skip_postgeneration_save = True

    naam = factory.Sequence(lambda n: f"Organisatie {n}")
    soort = Organisatie.Soort.GEMEENTE

    class Params:
        school = factory.Trait(
            soort=Organisatie.Soort.SCHOOL,
            brin=factory.Sequence(lambda n: f"{10 + n % 90:02d}XX"),
            vestigingsnummer="00",
        )
        swv = factory.Trait(soort=Organisatie.Soort.SAMENWERKINGSVERBAND)
        jgz = factory.Trait(soort=Organisatie.Soort.JGZ)
        wijkteam = factory.Trait(soort=Organisatie.Soort.WIJKTEAM)
        interventieteam = factory.Trait(soort=Organisatie.Soort.INTERVENTIETEAM)

    @factory.post_generation
    def gemeenten(self, create: bool, extracted: list[Gemeente] | None, **kwargs: object) -> None:
        if create and extracted:
            self.gemeenten.set(extracted)


class MedewerkerFactory(DjangoModelFactory):
    class Meta:
        model = Medewerker
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"medewerker{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    # never a pupil's surname (those are Dutch): many tests check that a pupil's surname is
    # NOT on a page, and the page's header names the logged-in staff member
    last_name = factory.Faker("last_name", locale="fi_FI")
    organisatie = factory.SubFactory(OrganisatieFactory)
    rol = Rol.LEERPLICHTAMBTENAAR
    password = factory.django.Password(WACHTWOORD)


class SchoolFactory(DjangoModelFactory):
    class Meta:
        model = School

    # "ZZ": never one of the BRINs tests write out ("12AB", "34CD", "56EF")
    brin = factory.Sequence(lambda n: f"{10 + n % 90:02d}ZZ")
    vestiging = "00"
    naam = factory.Sequence(lambda n: f"School {n}")
    soort = School.Soort.VO
    gemeente = factory.SubFactory(GemeenteFactory)
    regio = "noord"
    organisatie = factory.SubFactory(OrganisatieFactory, school=True)


class LeerlingFactory(DjangoModelFactory):
    class Meta:
        model = Leerling

    bsn = factory.Sequence(lambda n: _bsn(n))
    voornamen = factory.Faker("first_name", locale="nl_NL")
    achternaam = factory.Faker("last_name", locale="nl_NL")
    geboortedatum = date(2012, 5, 17)
    woongemeente = factory.SubFactory(GemeenteFactory)


class OuderFactory(DjangoModelFactory):
    class Meta:
        model = Ouder

    leerling = factory.SubFactory(LeerlingFactory)
    relatie = Ouder.Relatie.MOEDER
    voornamen = factory.Faker("first_name_female", locale="nl_NL")
    achternaam = factory.Faker("last_name", locale="nl_NL")


class InschrijvingFactory(DjangoModelFactory):
    class Meta:
        model = Inschrijving

    leerling = factory.SubFactory(LeerlingFactory)
    school = factory.SubFactory(SchoolFactory)
    begindatum = date(2024, 8, 1)
    einddatum = None


class VerzuimFactory(DjangoModelFactory):
    class Meta:
        model = Verzuim

    leerling = factory.SubFactory(LeerlingFactory)
    school = factory.SubFactory(SchoolFactory)
    datum = date(2025, 11, 12)
    bron = Verzuim.Bron.HANDMATIG


class KernteamFactory(DjangoModelFactory):
    class Meta:
        model = Kernteam

    school = factory.SubFactory(OrganisatieFactory, school=True)


def _bsn(n: int) -> str:
    """The n-th 9-digit number that passes the BSN eleven test (deterministic)."""
    kandidaat = 100_000_000 + n * 97
    while True:
        cijfers = f"{kandidaat:09d}"
        som = sum(int(c) * w for c, w in zip(cijfers[:8], range(9, 1, -1), strict=True))
        if (som - int(cijfers[8])) % 11 == 0:
            return cijfers
        kandidaat += 1


class VrijstellingFactory(DjangoModelFactory):
    class Meta:
        model = Vrijstelling

    leerling = factory.SubFactory(LeerlingFactory)
    artikel = Vrijstelling.Artikel.ART_5A
    begindatum = date(2025, 8, 1)


# --- relatie: the portal's users and their access to a case -------------------------------------


class PortaalgebruikerFactory(DjangoModelFactory):
    """A parent or pupil who logs in with a code and password (no BSN unless given)."""

    class Meta:
        model = Portaalgebruiker
        skip_postgeneration_save = True

    # as the log-in stores a code: capitals and digits only (relatie.normaliseer_code)
    inlognaam = factory.Sequence(lambda n: f"TEST{n:04d}CODE")
    naam = factory.Faker("name", locale="nl_NL")
    email = ""
    email_meldingen = False

    @factory.post_generation
    def wachtwoord(self, create: bool, extracted: str | None, **kwargs: object) -> None:
        self.set_wachtwoord(extracted or WACHTWOORD)
        if create:
            self.save(update_fields=["wachtwoord"])


class PortaaltoegangFactory(DjangoModelFactory):
    """An access to a case; pass `casus` (cases are made through the services) and `ouder`
    (empty: the pupil's own). Default an accepted, active access with its own user; the traits
    give the other states."""

    class Meta:
        model = Portaaltoegang

    casus = None
    ouder = None
    gebruiker = factory.SubFactory(PortaalgebruikerFactory)
    status = Portaaltoegang.Status.ACTIEF
    via = Portaaltoegang.Via.BRIEF
    uitgenodigd_op = factory.LazyFunction(timezone.now)
    aanvaard_op = factory.LazyFunction(timezone.now)

    class Params:
        uitgenodigd = factory.Trait(
            status=Portaaltoegang.Status.UITGENODIGD, gebruiker=None, aanvaard_op=None
        )
        beeindigd = factory.Trait(
            status=Portaaltoegang.Status.BEEINDIGD,
            beeindigd_op=factory.LazyFunction(timezone.now),
            reden="Beëindigd in een test.",
        )
        ontzegd = factory.Trait(
            status=Portaaltoegang.Status.ONTZEGD,
            gebruiker=None,
            aanvaard_op=None,
            beeindigd_op=factory.LazyFunction(timezone.now),
            reden="Ontzegd in een test.",
        )
