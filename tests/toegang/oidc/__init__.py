# SPDX-License-Identifier: EUPL-1.2
"""The real OpenID Connect provider of the staff log-in with the own organisation: a node
process with the npm package oidc-provider (provider.mjs beside this file), started once per
test run on a free port and stopped afterwards, as the portal's DigiD provider is
(tests/portaal/oidc). Its accounts' claims come from a JSON file that a test fills before it
logs in (`SsoProvider.account`); `SsoProvider.koppeling` makes an Inlogkoppeling that points
at it. tests/conftest.py imports the fixture `sso_provider`."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings as django_settings

import pytest

from binnenboord.toegang.models import Inlogkoppeling, Organisatie
from tests.portaal.oidc import _vrije_poort, _wacht_op

SCRIPT = Path(__file__).with_name("provider.mjs")
CLIENT_ID = "binnenboord-medewerkers"
CLIENT_SECRET = "een-geheim-van-de-sso-testclient"
TERUG = "/inloggen/organisatie/terug/"


@dataclass(frozen=True)
class SsoProvider:
    issuer: str
    configuratie: dict[str, Any]
    accounts: Path

    def account(self, sub: str, **claims: Any) -> None:
        """Give the provider's account `sub` these claims (besides `sub`), from its next
        log-in on."""
        alle = json.loads(self.accounts.read_text()) if self.accounts.exists() else {}
        alle[sub] = claims
        self.accounts.write_text(json.dumps(alle))

    def koppeling(self, organisatie: Organisatie, **velden: Any) -> Inlogkoppeling:
        """An active connection with this provider, managed by `organisatie`."""
        c = self.configuratie
        waarden: dict[str, Any] = {
            "naam": "Testprovider",
            "slug": "test",
            "organisatie": organisatie,
            "autorisatie_url": c["authorization_endpoint"],
            "token_url": c["token_endpoint"],
            "userinfo_url": c["userinfo_endpoint"],
            "jwks_url": c["jwks_uri"],
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "scopes": "openid email profile groups status",
            "claim_uitgezet": "account_disabled",
        }
        waarden.update(velden)
        return Inlogkoppeling.objects.create(**waarden)


@pytest.fixture(scope="session")
def sso_provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SsoProvider]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node ontbreekt: de SSO-tests starten een echte OpenID Connect-provider.")
    accounts = tmp_path_factory.mktemp("sso") / "accounts.json"
    accounts.write_text("{}")
    poort = _vrije_poort()
    issuer = f"http://127.0.0.1:{poort}"
    proces = subprocess.Popen(
        [
            node,
            str(SCRIPT),
            str(poort),
            CLIENT_ID,
            CLIENT_SECRET,
            f"http://testserver{TERUG}",
            str(accounts),
        ],
        cwd=django_settings.BASE_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        configuratie = _wacht_op(proces, issuer)
        yield SsoProvider(issuer, configuratie, accounts)
    finally:
        proces.terminate()
        try:
            proces.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proces.kill()
            proces.wait()
