# SPDX-License-Identifier: EUPL-1.2
"""The production settings, loaded in their own process as on a server: secure cookies, HSTS,
TLS redirect, and two-step verification that no environment variable can switch off."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.test import override_settings

from binnenboord.web.checks import check_tweestaps

OMGEVING = {
    "DJANGO_SETTINGS_MODULE": "binnenboord.conf.production",
    "SECRET_KEY": "k8Qz-vL2#pR7wN4!xT9$mB3^cF6&hJ1*dG5(sA0)eY" * 2,
    "DATABASE_URL": "postgres://binnenboord@127.0.0.1:1/binnenboord",
    "ALLOWED_HOSTS": "binnenboord.example.nl",
    # the portal's DigiD (without it, and with the code log-in off, portaal.W001 warns)
    "PORTAAL_OIDC_RP_CLIENT_ID": "binnenboord",
    "PORTAAL_OIDC_OP_AUTHORIZATION_ENDPOINT": "https://digid.example.nl/authorize",
    "PORTAAL_OIDC_OP_TOKEN_ENDPOINT": "https://digid.example.nl/token",
    "PORTAAL_OIDC_OP_USER_ENDPOINT": "https://digid.example.nl/userinfo",
    "PORTAAL_OIDC_OP_JWKS_ENDPOINT": "https://digid.example.nl/jwks",
    # an attempt to relax it: production ignores these
    "TWEESTAPS_VERPLICHT": "false",
    "DEBUG": "false",
}

LEES = """
import json, django
django.setup()
from django.conf import settings as s
namen = ["SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_SSL_REDIRECT",
         "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SESSION_COOKIE_HTTPONLY",
         "TWEESTAPS_VERPLICHT", "PRODUCTIE", "DEBUG", "SECURE_PROXY_SSL_HEADER",
         "CONTENT_SECURITY_POLICY", "AXES_FAILURE_LIMIT"]
print(json.dumps({n: getattr(s, n) for n in namen}))
"""


def _productie(code: str, **extra: str) -> subprocess.CompletedProcess[str]:
    # as on a server: not the test run's settings module nor the e2e tests' async switch
    weg = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    omgeving = {k: v for k, v in os.environ.items() if k not in weg}
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**omgeving, **OMGEVING, **extra},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_de_productie_instellingen_zijn_veilig_en_eisen_tweestapsverificatie() -> None:
    uit = _productie(LEES)
    assert uit.returncode == 0, uit.stderr
    waarden: dict[str, Any] = json.loads(uit.stdout.strip().splitlines()[-1])

    assert waarden["SESSION_COOKIE_SECURE"] is True
    assert waarden["CSRF_COOKIE_SECURE"] is True
    assert waarden["SESSION_COOKIE_HTTPONLY"] is True
    assert waarden["SECURE_SSL_REDIRECT"] is True
    assert waarden["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert waarden["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert waarden["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert waarden["TWEESTAPS_VERPLICHT"] is True
    assert waarden["PRODUCTIE"] is True
    assert waarden["DEBUG"] is False
    assert waarden["AXES_FAILURE_LIMIT"] == 5
    assert waarden["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["upgrade-insecure-requests"] is True
    # the policy of the other environments was not changed by production's
    assert "upgrade-insecure-requests" not in settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]


CHECK_DEPLOY = (
    "from django.core.management import execute_from_command_line; "
    "execute_from_command_line(['django-admin', 'check', '--deploy'])"
)


def test_de_deploycontrole_vindt_niets_behalve_de_optionele_preload() -> None:
    # HSTS preloading binds the whole domain for years: the municipality decides on it
    uit = _productie(CHECK_DEPLOY)
    assert uit.returncode == 0, uit.stdout + uit.stderr
    assert "System check identified 1 issue" in uit.stdout + uit.stderr
    assert "security.W021" in uit.stdout + uit.stderr

    met_preload = _productie(CHECK_DEPLOY, SECURE_HSTS_PRELOAD="true")
    assert "System check identified no issues" in met_preload.stdout, met_preload.stderr


def test_een_productie_zonder_tweestapsverificatie_faalt_haar_controle() -> None:
    with override_settings(PRODUCTIE=True, TWEESTAPS_VERPLICHT=False):
        assert [f.id for f in check_tweestaps()] == ["binnenboord.E001"]
    with override_settings(PRODUCTIE=False, TWEESTAPS_VERPLICHT=False):
        assert check_tweestaps() == []
    with override_settings(PRODUCTIE=True, TWEESTAPS_VERPLICHT=True):
        assert check_tweestaps() == []
