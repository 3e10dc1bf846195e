# SPDX-License-Identifier: EUPL-1.2
"""The test run starts its own throwaway PostgreSQL cluster (initdb/pg_ctl of the Debian
server), on a free port on 127.0.0.1 with fsync off, and stops it afterwards, also when tests
fail. PostgreSQL refuses to run as root, so as root the cluster runs as the `postgres` user.
Set TEST_DATABASE_URL to use an existing server instead."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.wereld import Wereld, bouw_wereld


def _pg_bin(naam: str) -> str:
    mappen = [os.environ["PG_BINDIR"]] if os.environ.get("PG_BINDIR") else []
    mappen += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for map_ in mappen:
        if (Path(map_) / naam).exists():
            return str(Path(map_) / naam)
    gevonden = shutil.which(naam)
    if gevonden is None:
        pytest.exit(f"{naam} niet gevonden: installeer de PostgreSQL-server (postgresql-15).", 2)
    return gevonden


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def pg_server() -> Iterator[dict[str, str]]:
    basis = Path(tempfile.mkdtemp(prefix="binnenboord-pg-"))
    als_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if als_postgres:
        shutil.chown(basis, "postgres")
    poort = _vrije_poort()
    data = basis / "data"
    subprocess.run(
        [*als_postgres, _pg_bin("initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
         "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
        check=True, capture_output=True,
    )  # fmt: skip
    opties = (
        f"-p {poort} -k {basis} -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off"
    )
    subprocess.run(
        [*als_postgres, _pg_bin("pg_ctl"), "-D", str(data), "-o", opties,
         "-l", str(basis / "postgresql.log"), "-w", "start"],
        check=True, capture_output=True,
    )  # fmt: skip
    try:
        yield {"HOST": "127.0.0.1", "PORT": str(poort), "USER": "postgres", "NAME": "binnenboord"}
    finally:
        subprocess.run(
            [*als_postgres, _pg_bin("pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
        )
        shutil.rmtree(basis, ignore_errors=True)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(request: pytest.FixtureRequest) -> None:
    from django.conf import settings

    if os.environ.get("TEST_DATABASE_URL"):
        return
    server = request.getfixturevalue("pg_server")
    settings.DATABASES["default"].update(server)


@pytest.fixture
def wereld(db: None) -> Wereld:
    return bouw_wereld()
