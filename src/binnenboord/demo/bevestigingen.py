# SPDX-License-Identifier: EUPL-1.2
"""Writes that wait in the demo city, made through the real import path and its rules, so that
"Te bevestigen" shows what a real morning brings: Leerplicht Buurdorp reports that a pupil of
Demodam moved to Buurdorp (a verhuismelding for Leerplicht Demodam), and the demo school sends an
enrolment of a pupil who is still enrolled at another school (a dubbele inschrijving)."""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth.hashers import make_password

from binnenboord.registratie.importeren.services import importeer
from binnenboord.registratie.models import Inschrijving, Leerling
from binnenboord.toegang.models import Medewerker, Organisatie, Rol

from .generator import WACHTWOORD

GEBRUIKERSNAAM_BUURDORP = "leerplicht_buurdorp"


@dataclass(frozen=True)
class Bevestigingen:
    verhuizingen: int
    inschrijvingen: int


def _csv(kop: str, *regels: str) -> io.BytesIO:
    return io.BytesIO(("\n".join((kop, *regels)) + "\n").encode())


def maak_demo_bevestigingen(*, peildatum: date, seed: int) -> Bevestigingen:
    rng = random.Random(seed)
    leerplicht_buurdorp = Organisatie.objects.filter(
        soort=Organisatie.Soort.GEMEENTE, gemeenten__naam="Buurdorp"
    ).first()
    school = Medewerker.objects.filter(username=Rol.SCHOOLMEDEWERKER).first()
    if leerplicht_buurdorp is None or school is None or school.organisatie is None:
        return Bevestigingen(0, 0)
    melder, _nieuw = Medewerker.objects.get_or_create(
        username=GEBRUIKERSNAAM_BUURDORP,
        defaults={
            "password": make_password(WACHTWOORD),
            "first_name": "Bas",
            "last_name": "Buurman",
            "organisatie": leerplicht_buurdorp,
            "rol": Rol.LEERPLICHTAMBTENAAR,
        },
    )
    demodammers = list(
        Leerling.objects.filter(woongemeente__naam="Demodam", bsn__isnull=False).order_by("pk")[
            :200
        ]
    )
    verhuizingen = 0
    if demodammers:
        kind = rng.choice(demodammers)
        verhuisd = importeer(
            soort="leerlingen",
            bestand=_csv(
                "bsn;voornamen;achternaam;geboortedatum;woongemeente;straat;huisnummer;postcode;"
                "woonplaats",
                f"{kind.bsn};{kind.voornamen};{kind.achternaam};{kind.geboortedatum:%Y-%m-%d};"
                "Buurdorp;Dijkweg;12;9981 AB;Buurdorp",
            ),
            bestandsnaam="brp-mutaties-buurdorp.csv",
            door=melder,
        )
        verhuizingen = verhuisd.aantal_wachtend
    # a pupil enrolled at another school now, whom the demo school enrols from next week
    eigen_school = school.organisatie.school
    lopend = (
        Inschrijving.objects.filter(einddatum__isnull=True, leerling__bsn__isnull=False)
        .exclude(school=eigen_school)
        .select_related("leerling")
        .order_by("pk")
    )
    # preferably a pupil of the same kind of school (one VO school to another)
    elders = list(lopend.filter(school__soort=eigen_school.soort)[:200]) or list(lopend[:200])
    inschrijvingen = 0
    if elders:
        andere = rng.choice(elders)
        start = peildatum + timedelta(days=7)
        aangevraagd = importeer(
            soort="inschrijvingen",
            bestand=_csv(
                "bsn;brin;vestiging;begindatum;einddatum",
                f"{andere.leerling.bsn};{eigen_school.brin};{eigen_school.vestiging};"
                f"{start:%Y-%m-%d};",
            ),
            bestandsnaam="inschrijvingen-nieuwe-leerlingen.csv",
            door=school,
        )
        inschrijvingen = aangevraagd.aantal_wachtend
    return Bevestigingen(verhuizingen, inschrijvingen)
