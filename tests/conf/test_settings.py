# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import os
import secrets
import subprocess
import sys

from django.core.exceptions import ImproperlyConfigured
from django.db import connection

import pytest

from binnenboord.conf.checks import check_production_settings

GOED_GEHEIM = secrets.token_urlsafe(50)


@pytest.mark.django_db
def test_de_testrun_gebruikt_postgresql() -> None:
    assert connection.vendor == "postgresql"


@pytest.mark.parametrize(
    ("secret_key", "debug", "database_url", "melding"),
    [
        ("", False, "postgres://x", "SECRET_KEY"),
        ("kort", False, "postgres://x", "SECRET_KEY"),
        ("django-insecure-" + "a" * 60, False, "postgres://x", "SECRET_KEY"),
        (GOED_GEHEIM, True, "postgres://x", "DEBUG"),
        (GOED_GEHEIM, False, "", "DATABASE_URL"),
    ],
)
def test_productie_weigert_onveilige_instellingen(
    secret_key: str, debug: bool, database_url: str, melding: str
) -> None:
    with pytest.raises(ImproperlyConfigured, match=melding):
        check_production_settings(secret_key=secret_key, debug=debug, database_url=database_url)


def test_productie_aanvaardt_veilige_instellingen() -> None:
    assert (
        check_production_settings(
            secret_key=GOED_GEHEIM, debug=False, database_url="postgres://db/binnenboord"
        )
        is None
    )


def _start_production(**omgeving: str) -> subprocess.CompletedProcess[str]:
    weg = {"SECRET_KEY", "DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in weg}
    env.update(omgeving, DJANGO_SETTINGS_MODULE="binnenboord.conf.production")
    return subprocess.run(
        [sys.executable, "-m", "binnenboord.manage", "check", "--deploy"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_het_productieproces_start_niet_met_het_standaardgeheim() -> None:
    resultaat = _start_production(DATABASE_URL="postgres://127.0.0.1:1/x")
    assert resultaat.returncode != 0
    assert "SECRET_KEY ontbreekt" in resultaat.stderr


def test_het_productieproces_start_niet_met_debug_aan() -> None:
    resultaat = _start_production(
        SECRET_KEY=GOED_GEHEIM, DEBUG="true", DATABASE_URL="postgres://127.0.0.1:1/x"
    )
    assert resultaat.returncode != 0
    assert "DEBUG mag in productie niet aan staan" in resultaat.stderr


def test_het_productieproces_start_met_veilige_instellingen() -> None:
    resultaat = _start_production(SECRET_KEY=GOED_GEHEIM, DATABASE_URL="postgres://127.0.0.1:1/x")
    assert resultaat.returncode == 0, resultaat.stderr
