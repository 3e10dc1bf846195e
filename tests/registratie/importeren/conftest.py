# SPDX-License-Identifier: EUPL-1.2
"""A small world for the import tests, on top of tests/wereld.py: its two schools get a known
BRIN, and helpers turn lines of text into files."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from django.core.management import call_command
from django.utils import translation

import pytest

from binnenboord.registratie.importeren.services import importeer
from binnenboord.registratie.models import Import, Leerling, School
from binnenboord.toegang.models import Medewerker
from tests.wereld import Wereld

# School 1 (Het Baken, in Demodam) and school 2 (De Vuurtoren, in Buurdorp), both region noord.
BRIN1, BRIN2 = "12AB", "34CD"


@dataclass
class Opzet:
    wereld: Wereld
    school1: School
    school2: School

    def leerling(self, naam: str) -> Leerling:
        return self.wereld.leerlingen[naam]

    def bsn(self, naam: str) -> str:
        bsn = self.leerling(naam).bsn
        assert bsn is not None
        return bsn

    def medewerker(self, rol: str) -> Medewerker:
        return self.wereld.medewerkers[rol]


@pytest.fixture(autouse=True)
def nederlands() -> None:
    translation.activate("nl")


@pytest.fixture
def opzet(wereld: Wereld) -> Opzet:
    school1 = School.objects.get(organisatie__naam="Het Baken")
    school2 = School.objects.get(organisatie__naam="De Vuurtoren")
    School.objects.filter(pk=school1.pk).update(brin=BRIN1, vestiging="00", naam="Het Baken")
    School.objects.filter(pk=school2.pk).update(brin=BRIN2, vestiging="00", naam="De Vuurtoren")
    school1.refresh_from_db()
    school2.refresh_from_db()
    return Opzet(wereld, school1, school2)


def csv_bytes(*regels: str, scheiding: str = ";") -> bytes:
    return ("\n".join(r.replace(";", scheiding) for r in regels) + "\n").encode()


def importeer_bytes(
    soort: str, data: bytes, door: Medewerker | None = None, naam: str = "bestand.csv"
) -> Import:
    return importeer(soort=soort, bestand=io.BytesIO(data), bestandsnaam=naam, door=door)


def xlsx_bytes(rijen: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    boek = Workbook()
    blad = boek.active
    assert blad is not None
    for rij in rijen:
        blad.append(rij)
    buffer = io.BytesIO()
    boek.save(buffer)
    return buffer.getvalue()


def commando(*args: str) -> tuple[int, str, str]:
    """Runs `binnenboord importeer` as the command line does; returns exit code and output."""
    uit, fout = io.StringIO(), io.StringIO()
    try:
        call_command("importeer", *args, stdout=uit, stderr=fout)
    except SystemExit as stop:
        return int(stop.code or 0), uit.getvalue(), fout.getvalue()
    except Exception as e:
        from django.core.management import CommandError

        if isinstance(e, CommandError):
            return e.returncode, uit.getvalue(), str(e)
        raise
    return 0, uit.getvalue(), fout.getvalue()


def schrijf(pad: Path, data: bytes) -> Path:
    pad.write_bytes(data)
    return pad
