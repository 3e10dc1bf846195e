# SPDX-License-Identifier: EUPL-1.2
"""What every database benchmark needs: Django on a PostgreSQL database, being the one
DATABASE_URL names or else a throwaway cluster the way the tests start one
(tests/pgcluster.py), tuned for bulk loading and removed afterwards."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

# The repository root, so a benchmark can use the test run's throwaway cluster.
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.pgcluster import wegwerpcluster  # noqa: E402

BULK = "-c shared_buffers=1GB -c work_mem=64MB -c maintenance_work_mem=512MB -c max_wal_size=4GB"


def _django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "binnenboord.conf.dev")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["DEBUG"] = "false"  # no query log in memory
    import django

    django.setup()


def draai(meet: Callable[[int, date], None], *, beschrijving: str, grootte: int) -> None:
    """Parses `grootte` and `--peildatum` from the command line, sets Django up on PostgreSQL
    and calls `meet(grootte, peildatum)`."""
    parser = argparse.ArgumentParser(description=beschrijving)
    parser.add_argument("grootte", type=int, nargs="?", default=grootte)
    parser.add_argument("--peildatum", type=date.fromisoformat, default=date(2026, 6, 30))
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        _django(url)
        meet(args.grootte, args.peildatum)
        return
    with wegwerpcluster(extra_opties=BULK) as server:
        _django(f"postgres://postgres@{server['HOST']}:{server['PORT']}/postgres")
        meet(args.grootte, args.peildatum)


def in_vers_proces(code: str, *argumenten: str, stderr_tonen: bool = False) -> dict[str, Any]:
    """Runs `code` (a Python script that sets Django up itself and prints one JSON line last)
    in a fresh interpreter, so its peak memory is its own, and returns that JSON."""
    uit = subprocess.run(
        [sys.executable, "-c", code, *argumenten],
        check=True,
        stdout=subprocess.PIPE,
        stderr=None if stderr_tonen else subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    return dict(json.loads(uit.stdout.strip().splitlines()[-1]))
