# SPDX-License-Identifier: EUPL-1.2
"""How fast an absence file is imported on PostgreSQL: builds a demo city of N pupils (or reuses
the one in the database), writes all its absence days to a verzuim CSV, empties the Verzuim
table, imports the file (all rows new) and imports it again (all rows unchanged). Prints rows
per second for both; asserts nothing.

    .venv/bin/python benchmarks/import_verzuim.py 30000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python benchmarks/...

Without DATABASE_URL (or with a SQLite one) it starts a throwaway PostgreSQL cluster the way
tests/conftest.py does (as the postgres user when run as root) and removes it afterwards.
The Verzuim table of the database is emptied: never point it at data you want to keep."""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from omgeving import draai

SOORTEN = ("ongeoorloofd", "luxe", "te_laat", "ziek", "geoorloofd")


def _exporteer(pad: Path) -> int:
    """All absence days as a verzuim file, one row per kind with minutes (COPY TO; an empty
    value is written unquoted, so the file takes the importer's fast path for unquoted CSV)."""
    from django.db import connection

    delen = [
        f"SELECT l.bsn, l.onderwijsnummer, s.brin, "
        f"s.vestiging, v.datum, v.minuten_{soort} AS minuten, '{soort}' AS soort, v.reden_code "
        "FROM registratie_verzuim v JOIN registratie_leerling l ON l.id = v.leerling_id "
        f"JOIN registratie_school s ON s.id = v.school_id WHERE v.minuten_{soort} > 0"
        for soort in SOORTEN
    ]
    sql = " UNION ALL ".join(delen)
    with pad.open("wb") as uit:
        uit.write(b"bsn;onderwijsnummer;brin;vestiging;datum;minuten;soort;reden_code\n")
        with (
            connection.cursor() as cursor,
            cursor.copy(f"COPY ({sql}) TO STDOUT (FORMAT csv, DELIMITER ';')") as copy,
        ):
            for blok in copy:
                uit.write(blok)
    with pad.open("rb") as f:
        return sum(1 for _ in f) - 1


def _importeer(pad: Path, label: str) -> None:
    from binnenboord.registratie.importeren.services import importeer

    begin = time.perf_counter()
    import_ = importeer(soort="verzuim", bestand=pad, bestandsnaam=pad.name, door=None)
    duur = time.perf_counter() - begin
    sys.stdout.write(
        f"{label:<22} {import_.aantal_rijen:>9} rijen in {duur:6.2f} s = "
        f"{import_.aantal_rijen / duur:>9,.0f} rijen/s   (nieuw {import_.aantal_nieuw}, "
        f"bijgewerkt {import_.aantal_bijgewerkt}, ongewijzigd {import_.aantal_ongewijzigd}, "
        f"afgewezen {import_.aantal_afgewezen}, status {import_.status})\n"
    )


def meet(grootte: int, peildatum: date) -> None:
    from django.core.management import call_command
    from django.db import connection

    from binnenboord.demo.generator import bouw_demostad
    from binnenboord.registratie.models import Leerling, Verzuim

    call_command("migrate", verbosity=0)
    if not Leerling.objects.exists():
        begin = time.perf_counter()
        bouw_demostad(grootte=grootte, seed=1, peildatum=peildatum)
        sys.stdout.write(
            f"demostad van {grootte} leerlingen: {time.perf_counter() - begin:.0f} s\n"
        )
    else:
        sys.stdout.write(f"bestaande database: {Leerling.objects.count()} leerlingen\n")
    with tempfile.TemporaryDirectory() as map_:
        pad = Path(map_) / "verzuim.csv"
        rijen = _exporteer(pad)
        mb = pad.stat().st_size / 1e6
        sys.stdout.write(f"verzuimbestand: {rijen} rijen, {mb:.1f} MB\n")
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {Verzuim._meta.db_table}")
            cursor.execute("VACUUM ANALYZE registratie_verzuim")
        _importeer(pad, "eerste import (leeg)")
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE registratie_verzuim")
        _importeer(pad, "tweede import (gelijk)")


def main() -> None:
    draai(meet, beschrijving=(__doc__ or "").splitlines()[0], grootte=30_000)


if __name__ == "__main__":
    main()
