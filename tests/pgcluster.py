# SPDX-License-Identifier: EUPL-1.2
"""A throwaway PostgreSQL cluster (initdb/pg_ctl of the Debian server) on a free port on
127.0.0.1, with fsync off, removed afterwards, also after an error. PostgreSQL refuses to run
as root, so as root the cluster runs as the `postgres` user with a data dir it owns. Used by
the test run (tests/conftest.py) and by the benchmarks."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def pg_bin(naam: str) -> str:
    mappen = [os.environ["PG_BINDIR"]] if os.environ.get("PG_BINDIR") else []
    mappen += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for map_ in mappen:
        if (Path(map_) / naam).exists():
            return str(Path(map_) / naam)
    gevonden = shutil.which(naam)
    if gevonden is None:
        raise RuntimeError(
            f"{naam} niet gevonden: installeer de PostgreSQL-server (postgresql-15)."
        )
    return gevonden


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def wegwerpcluster(*, extra_opties: str = "") -> Iterator[dict[str, str]]:
    """Yields HOST, PORT and USER of the running cluster."""
    basis = Path(tempfile.mkdtemp(prefix="binnenboord-pg-"))
    als_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if als_postgres:
        shutil.chown(basis, "postgres")
    poort = _vrije_poort()
    data = basis / "data"
    try:
        subprocess.run(
            [*als_postgres, pg_bin("initdb"), "-D", str(data), "-U", "postgres",
             "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
            check=True, capture_output=True,
        )  # fmt: skip
        opties = (
            f"-p {poort} -k {basis} -c listen_addresses=127.0.0.1 -c fsync=off "
            f"-c synchronous_commit=off -c full_page_writes=off {extra_opties}"
        )
        subprocess.run(
            [*als_postgres, pg_bin("pg_ctl"), "-D", str(data), "-o", opties,
             "-l", str(basis / "postgresql.log"), "-w", "start"],
            check=True, capture_output=True,
        )  # fmt: skip
        yield {"HOST": "127.0.0.1", "PORT": str(poort), "USER": "postgres"}
    finally:
        subprocess.run(
            [*als_postgres, pg_bin("pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
        )
        shutil.rmtree(basis, ignore_errors=True)
