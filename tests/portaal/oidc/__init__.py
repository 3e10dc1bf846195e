# SPDX-License-Identifier: EUPL-1.2
"""The real OpenID Connect provider of the portal's DigiD tests: a node process with the npm
package oidc-provider (provider.mjs beside this file), started once per test run on a free
port and stopped afterwards. `digid` points the PORTAAL_OIDC_* settings at it (the endpoints
read from its /.well-known/openid-configuration); `log_in_bij_provider` walks its development
log-in form as a person with a given BSN would, and returns the redirect to our callback.

tests/conftest.py imports the fixtures, so tests/portaal and tests/e2e share one provider."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from django.conf import settings as django_settings

import pytest
import requests

SCRIPT = Path(__file__).with_name("provider.mjs")
CLIENT_ID = "binnenboord-portaal"
CLIENT_SECRET = "een-geheim-van-de-test-client"
TERUG = "/portaal/digid/terug/"
STARTTIJD = 30.0


@dataclass(frozen=True)
class Provider:
    issuer: str
    configuratie: dict[str, Any]

    def instellingen(self) -> dict[str, Any]:
        """The portal's settings for this provider."""
        c = self.configuratie
        return {
            "PORTAAL_OIDC_RP_CLIENT_ID": CLIENT_ID,
            "PORTAAL_OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
            "PORTAAL_OIDC_OP_AUTHORIZATION_ENDPOINT": c["authorization_endpoint"],
            "PORTAAL_OIDC_OP_TOKEN_ENDPOINT": c["token_endpoint"],
            "PORTAAL_OIDC_OP_USER_ENDPOINT": c["userinfo_endpoint"],
            "PORTAAL_OIDC_OP_JWKS_ENDPOINT": c["jwks_uri"],
            "PORTAAL_OIDC_RP_SIGN_ALGO": "RS256",
            "PORTAAL_OIDC_RP_SCOPES": "openid bsn",
            "PORTAAL_OIDC_BSN_CLAIM": "bsn",
            "PORTAAL_OIDC_USE_PKCE": True,
        }


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def draai_provider(script: Path, *argumenten: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Runs `node script <port> *argumenten` (an oidc-provider script) on a free port until the
    block ends; yields its issuer and its discovery document."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node ontbreekt: deze tests starten een echte OpenID Connect-provider.")
    poort = _vrije_poort()
    issuer = f"http://127.0.0.1:{poort}"
    proces = subprocess.Popen(
        [node, str(script), str(poort), *argumenten],
        cwd=django_settings.BASE_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield issuer, _wacht_op(proces, issuer)
    finally:
        proces.terminate()
        try:
            proces.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proces.kill()
            proces.wait()


@pytest.fixture(scope="session")
def oidc_provider() -> Iterator[Provider]:
    with draai_provider(SCRIPT, CLIENT_ID, CLIENT_SECRET, f"http://testserver{TERUG}") as (
        issuer,
        configuratie,
    ):
        yield Provider(issuer, configuratie)


def _wacht_op(proces: subprocess.Popen[str], issuer: str) -> dict[str, Any]:
    einde = time.monotonic() + STARTTIJD
    while time.monotonic() < einde:
        if proces.poll() is not None:
            fout = proces.stderr.read() if proces.stderr else ""
            pytest.fail(f"de OpenID Connect-provider stopte meteen: {fout}")
        try:
            antwoord = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=2)
        except requests.ConnectionError:
            time.sleep(0.1)
            continue
        if antwoord.status_code == 200:
            configuratie: dict[str, Any] = antwoord.json()
            return configuratie
        time.sleep(0.1)
    pytest.fail("de OpenID Connect-provider startte niet op tijd")


@pytest.fixture
def digid(oidc_provider: Provider, settings: Any) -> Provider:
    """DigiD configured for this test: the PORTAAL_OIDC_* settings name the test provider."""
    for naam, waarde in oidc_provider.instellingen().items():
        setattr(settings, naam, waarde)
    return oidc_provider


class _Formulieren(HTMLParser):
    """The forms of a page: action and the named input values."""

    def __init__(self) -> None:
        super().__init__()
        self.formulieren: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form":
            self.formulieren.append((a.get("action") or "", {}))
        elif tag == "input" and self.formulieren and a.get("name"):
            self.formulieren[-1][1][a["name"] or ""] = a.get("value") or ""


def _formulier(pagina: requests.Response) -> tuple[str, dict[str, str]]:
    lezer = _Formulieren()
    lezer.feed(pagina.text)
    assert lezer.formulieren, f"geen formulier op {pagina.url}: {pagina.text[:500]}"
    actie, velden = lezer.formulieren[0]
    return urljoin(pagina.url, actie), velden


def log_in_bij_provider(autorisatie_url: str, bsn: str, terug: str = TERUG) -> str:
    """Follow the provider from the authorization URL our start view sent the browser to:
    its log-in form with `bsn` as the log-in name, then its consent form. Returns the URL the
    provider sends the browser back to (our callback, with code and state, or an error)."""
    sessie = requests.Session()
    url = autorisatie_url
    for _stap in range(12):
        antwoord = sessie.get(url, allow_redirects=False, timeout=10)
        while antwoord.status_code == 200:
            actie, velden = _formulier(antwoord)
            if velden.get("prompt") == "login":
                velden.update(login=bsn, password="wat-dan-ook")
            antwoord = sessie.post(actie, data=velden, allow_redirects=False, timeout=10)
        assert antwoord.status_code in (302, 303), antwoord.text[:500]
        url = urljoin(url, antwoord.headers["Location"])
        if terug in url:
            return url
    raise AssertionError("de provider stuurde niet terug naar de callback")
