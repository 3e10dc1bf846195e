# SPDX-License-Identifier: EUPL-1.2
"""`make demo` runs on SQLite, the other tests on PostgreSQL: build the demo city at its default
size on SQLite, as `make demo` does, so that a query SQLite cannot run (an OR of a whole batch's
keys was one: "Expression tree is too large") shows up here and not in a user's first demo."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_de_demostad_bouwt_op_sqlite_zonder_geweigerde_batch(demodatabase: Path) -> None:
    # the database is migrated as `make demo` does it (tests/conftest.py, gemigreerde_sqlite)
    omgeving = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "binnenboord.conf.dev",
        "DATABASE_URL": f"sqlite:///{demodatabase}",
    }
    klaar = subprocess.run(
        [sys.executable, "-m", "binnenboord.manage", "demo", "--grootte", "3000"],
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert klaar.returncode == 0, klaar.stderr[-3000:]
    uitvoer = klaar.stdout + klaar.stderr
    # every batch stored as one (a refused batch falls back to one row at a time)
    assert "import_batch_geweigerd" not in uitvoer
    assert "Expression tree" not in uitvoer
    assert "3000 leerlingen" in uitvoer
    assert "1 gemelde verhuizing(en)" in uitvoer and "1 inschrijving(en)" in uitvoer
