# SPDX-License-Identifier: EUPL-1.2
"""How fast an absence file per lesson (columns lesuur and code) is imported on PostgreSQL:
builds a demo city of N pupils (or reuses the one in the database), gives every school one code
per kind of absence, writes all its absence days as lessons of the school's lesson length (the
last lesson of a kind with its own minutes), and imports that file twice: the first time it
replaces the demo's days (their reason codes change), the second time nothing changes. Prints
rows per second for the day file and the lesson file; asserts nothing.

    .venv/bin/python benchmarks/import_lesuren.py 10000

The database is changed (codes, absence): never point it at data you want to keep."""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

from import_verzuim import SOORTEN, _exporteer, _importeer
from omgeving import draai

CODES = {"ongeoorloofd": "OG", "luxe": "LX", "te_laat": "TL", "ziek": "ZK", "geoorloofd": "GO"}


def _exporteer_lesuren(pad: Path) -> int:
    """Every absence day as lessons: per kind ceil(minutes / lesson length) lessons, numbered
    per pupil-day, the last one with its remaining minutes."""
    from django.db import connection

    delen = [
        f"SELECT v.leerling_id, v.datum, {i} AS k, v.minuten_{soort} AS m, "
        f"'{CODES[soort]}' AS code, v.school_id FROM registratie_verzuim v "
        f"WHERE v.minuten_{soort} > 0"
        for i, soort in enumerate(SOORTEN)
    ]
    sql = (
        "SELECT l.bsn, s.brin, s.vestiging, d.datum, "
        "ROW_NUMBER() OVER (PARTITION BY d.leerling_id, d.datum ORDER BY d.k, g.n) AS lesuur, "
        "d.code, CASE WHEN g.n * s.lesuur_minuten <= d.m THEN NULL "
        "ELSE d.m - (g.n - 1) * s.lesuur_minuten END AS minuten "
        f"FROM ({' UNION ALL '.join(delen)}) d "
        "JOIN registratie_leerling l ON l.id = d.leerling_id "
        "JOIN registratie_school s ON s.id = d.school_id "
        "CROSS JOIN LATERAL generate_series(1, CEIL(d.m::numeric / s.lesuur_minuten)::int) g(n)"
    )
    with pad.open("wb") as uit:
        uit.write(b"bsn;brin;vestiging;datum;lesuur;code;minuten\n")
        with (
            connection.cursor() as cursor,
            cursor.copy(f"COPY ({sql}) TO STDOUT (FORMAT csv, DELIMITER ';')") as copy,
        ):
            for blok in copy:
                uit.write(blok)
    with pad.open("rb") as f:
        return sum(1 for _ in f) - 1


def meet(grootte: int, peildatum: date) -> None:
    from django.core.management import call_command

    from binnenboord.demo.generator import bouw_demostad
    from binnenboord.registratie.models import Leerling, School, Verzuimcode

    call_command("migrate", verbosity=0)
    if not Leerling.objects.exists():
        bouw_demostad(grootte=grootte, seed=1, peildatum=peildatum)
    Verzuimcode.objects.all().delete()
    Verzuimcode.objects.bulk_create(
        Verzuimcode(
            school_id=pk, code=code, soort=soort, geoorloofd=soort in ("ziek", "geoorloofd")
        )
        for pk in School.objects.values_list("pk", flat=True)
        for soort, code in CODES.items()
    )
    with tempfile.TemporaryDirectory() as map_:
        dagen, lesuren = Path(map_) / "verzuim.csv", Path(map_) / "lesuren.csv"
        rijen = _exporteer(dagen)
        sys.stdout.write(f"dagbestand: {rijen} rijen, {dagen.stat().st_size / 1e6:.1f} MB\n")
        rijen = _exporteer_lesuren(lesuren)
        sys.stdout.write(f"lesuurbestand: {rijen} rijen, {lesuren.stat().st_size / 1e6:.1f} MB\n")
        _importeer(dagen, "dagen (gelijk)")
        _importeer(lesuren, "lesuren (codes nieuw)")
        _importeer(lesuren, "lesuren (gelijk)")


def main() -> None:
    draai(meet, beschrijving=(__doc__ or "").splitlines()[0], grootte=10_000)


if __name__ == "__main__":
    main()
