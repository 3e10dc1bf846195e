# SPDX-License-Identifier: EUPL-1.2
"""How long building the demo city takes, per size, on a fresh SQLite database (the `make demo`
path) and optionally PostgreSQL (DATABASE_URL). Prints its figures; asserts nothing.

    .venv/bin/python benchmarks/demo_generatie.py 3000 30000
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BINNENBOORD = Path(sys.executable).parent / "binnenboord"


def _draai(args: list[str], env: dict[str, str]) -> float:
    begin = time.perf_counter()
    subprocess.run([str(BINNENBOORD), *args], env=env, check=True, capture_output=True)
    return time.perf_counter() - begin


def meet(grootte: int) -> None:
    with tempfile.TemporaryDirectory() as map_:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{map_}/bench.sqlite3"}
        migreren = _draai(["migrate", "--noinput"], env)
        bouwen = _draai(["demo", "--grootte", str(grootte), "--seed", "1"], env)
        opnieuw = _draai(["demo", "--grootte", str(grootte), "--alleen-als-leeg"], env)
        grootte_mb = Path(f"{map_}/bench.sqlite3").stat().st_size / 1e6
    sys.stdout.write(
        f"grootte={grootte:>7} leerlingen  migrate={migreren:6.1f}s  demo={bouwen:6.1f}s  "
        f"tweede run={opnieuw:5.1f}s  database={grootte_mb:7.1f} MB\n"
    )


if __name__ == "__main__":
    for grootte in [int(a) for a in sys.argv[1:]] or [3000]:
        meet(grootte)
