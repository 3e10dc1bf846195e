# SPDX-License-Identifier: EUPL-1.2
"""The test run starts its own throwaway PostgreSQL cluster (initdb/pg_ctl of the Debian
server), on a free port on 127.0.0.1 with fsync off, and stops it afterwards, also when tests
fail. PostgreSQL refuses to run as root, so as root the cluster runs as the `postgres` user.
Set TEST_DATABASE_URL to use an existing server instead."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.pgcluster import wegwerpcluster
from tests.portaal.oidc import digid, oidc_provider  # noqa: F401  (fixtures: the DigiD test provider)
from tests.toegang.oidc import sso_provider  # noqa: F401  (fixture: the staff SSO test provider)
from tests.wereld import Wereld, bouw_wereld


@pytest.fixture(scope="session")
def pg_server() -> Iterator[dict[str, str]]:
    with wegwerpcluster() as server:
        yield {**server, "NAME": "binnenboord"}


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


@pytest.fixture(scope="session")
def gemigreerde_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite database migrated as `make demo` migrates it (binnenboord.conf.dev, every
    migration from the start), once per run: the SQLite tests copy it (demodatabase) instead of
    each running every migration again."""
    database = tmp_path_factory.mktemp("sqlite") / "demo.sqlite3"
    omgeving = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "binnenboord.conf.dev",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    gedaan = subprocess.run(
        [sys.executable, "-m", "binnenboord.manage", "migrate", "--noinput", "-v", "0"],
        env=omgeving,
        capture_output=True,
        text=True,
    )
    assert gedaan.returncode == 0, gedaan.stderr[-3000:]
    return database


@pytest.fixture
def demodatabase(gemigreerde_sqlite: Path, tmp_path: Path) -> Path:
    """A copy of the migrated SQLite database of this run, in the test's own directory."""
    kopie = tmp_path / "demo.sqlite3"
    with sqlite3.connect(gemigreerde_sqlite) as bron, sqlite3.connect(kopie) as doel:
        bron.backup(doel)
    bron.close()
    doel.close()
    return kopie


@pytest.fixture(autouse=True)
def _standaardtaal() -> Iterator[None]:
    """Each test starts and ends in the default language: a request with another language
    (LocaleMiddleware) leaves it active in the thread, so a later test would read English."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()
