# SPDX-License-Identifier: EUPL-1.2
import sqlite3
from io import StringIO
from pathlib import Path

from django.core.management import call_command

import pytest


@pytest.mark.django_db
def test_de_migraties_kloppen_met_de_modellen() -> None:
    uitvoer = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=uitvoer)
    assert "No changes detected" in uitvoer.getvalue()


def test_de_demodatabase_sqlite_migreert_en_houdt_het_inzagelog_alleen_aanvullend(
    demodatabase: Path,
) -> None:
    """`make demo` migrates an SQLite database: every migration must run there too (the
    fixture gemigreerde_sqlite of tests/conftest.py runs them, once for every SQLite test of
    the run), and the access log's append-only triggers must survive SQLite's table rebuilds."""
    with sqlite3.connect(demodatabase) as verbinding:
        triggers = {
            naam
            for (naam,) in verbinding.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?",
                ("verantwoording_inzage",),
            )
        }
        assert triggers == {
            "verantwoording_inzage_geen_update",
            "verantwoording_inzage_geen_delete",
        }
        verbinding.execute(
            "INSERT INTO verantwoording_inzage (tijdstip, gebruikersnaam, rol, organisatie, "
            "handeling, bron, pad, reden, aantal, vorige_hash, hash) "
            "VALUES ('2026-11-23', 'a', '', '', 'bekijken', '', '', '', 1, '', '')"
        )
        with pytest.raises(sqlite3.IntegrityError, match="alleen-toevoegen"):
            verbinding.execute("DELETE FROM verantwoording_inzage")
