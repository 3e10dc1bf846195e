# SPDX-License-Identifier: EUPL-1.2
"""The real OpenID Connect provider of the staff log-in with the own organisation: a node
process with the npm package oidc-provider (provider.mjs beside this file), started once per
test run on a free port and stopped afterwards, as the portal's DigiD provider is
(tests/portaal/oidc). Its accounts' claims come from a JSON file that a test fills before it
logs in (`SsoProvider.account`); `SsoProvider.koppeling` makes an Inlogkoppeling that points
at it. tests/conftest.py imports the fixture `sso_provider`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from binnenboord.toegang.models import Inlogkoppeling, Organisatie
from tests.portaal.oidc import draai_provider

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
    accounts = tmp_path_factory.mktemp("sso") / "accounts.json"
    accounts.write_text("{}")
    argumenten = (CLIENT_ID, CLIENT_SECRET, f"http://testserver{TERUG}", str(accounts))
    with draai_provider(SCRIPT, *argumenten) as (issuer, configuratie):
        yield SsoProvider(issuer, configuratie, accounts)
