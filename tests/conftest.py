# SPDX-License-Identifier: EUPL-1.2
"""The test run starts its own throwaway PostgreSQL cluster (initdb/pg_ctl of the Debian
server), on a free port on 127.0.0.1 with fsync off, and stops it afterwards, also when tests
fail. PostgreSQL refuses to run as root, so as root the cluster runs as the `postgres` user.
Set TEST_DATABASE_URL to use an existing server instead."""

from __future__ import annotations

import os
from collections.abc import Iterator

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


@pytest.fixture(autouse=True)
def _standaardtaal() -> Iterator[None]:
    """Each test starts and ends in the default language: a request with another language
    (LocaleMiddleware) leaves it active in the thread, so a later test would read English."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()
