# SPDX-License-Identifier: EUPL-1.2
import os
import sqlite3
import subprocess
import sys
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
    tmp_path: Path,
) -> None:
    """`make demo` migrates an SQLite database: every migration must run there too, and the
    access log's append-only triggers must survive SQLite's table rebuilds."""
    database = tmp_path / "demo.sqlite3"
    omgeving = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "binnenboord.conf.dev",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    subprocess.run(
        [sys.executable, "-m", "binnenboord.manage", "migrate", "--noinput", "-v", "0"],
        env=omgeving,
        check=True,
        capture_output=True,
    )
    with sqlite3.connect(database) as verbinding:
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
