# SPDX-License-Identifier: EUPL-1.2
"""End-to-end tests in Debian's chromium (Playwright cannot download a browser here)."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from importlib import import_module
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.db.models.signals import post_save

import pytest
from django_otp.oath import hotp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Locator, Page

from binnenboord.toegang.models import Medewerker

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Playwright's sync API runs an event loop in the test thread; Django's ORM calls in the
# test itself are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} ontbreekt: `make test` installeert het Debian-pakket chromium.")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def artefacten() -> Path:
    map_ = Path(settings.BASE_DIR) / "test-artifacts"
    map_.mkdir(exist_ok=True)
    return map_


@pytest.fixture(scope="session")
def axe_script() -> Path:
    return Path(settings.NODE_MODULES) / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    # Our users' browsers ask for Dutch; the interface follows Accept-Language. The Content
    # Security Policy forbids inline scripts, and axe-core is injected as one: these tests check
    # pages, not the policy (tests/beveiliging/test_csp_browser.py does that, with the policy on).
    return {**browser_context_args, "locale": "nl-NL", "bypass_csp": True}


# --- two-step verification ----------------------------------------------------------------
# Every account made during an end-to-end test has an authenticator app (as if its owner set
# one up), and whenever the browser lands on the code step, the test types the current TOTP
# code of the logged-in user's app: the real form, the real check, no shortcut in the server.


def _geef_app(sender: type[Medewerker], instance: Medewerker, created: bool, **kwargs: Any) -> None:
    if created:
        TOTPDevice.objects.create(user=instance, name="default", confirmed=True)


def totp_code(apparaat: TOTPDevice) -> str:
    """The code the app shows now; after a code was used within the same 30 seconds (a second
    log-in of the same person), the next one, which the device still accepts; after that one
    too (a third log-in, as the walks of test_schermen.py may do), the code of the next 30
    seconds, once they begin."""
    while True:
        sinds = time.time() - apparaat.t0
        nu = int(sinds // apparaat.step) + apparaat.drift
        teller = max(nu, apparaat.last_t + 1)
        if teller <= nu + 1:
            return f"{hotp(apparaat.bin_key, teller, apparaat.digits):0{apparaat.digits}d}"
        time.sleep(apparaat.step - sinds % apparaat.step + 0.1)


def ingelogde_gebruiker(page: Page) -> Medewerker:
    """The user of the browser's session, read from the session store."""
    sleutel = next(
        c["value"] for c in page.context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME
    )
    sessie = import_module(settings.SESSION_ENGINE).SessionStore(session_key=sleutel)
    return Medewerker.objects.get(pk=sessie[SESSION_KEY])


def vul_code_in(page: Page) -> None:
    apparaat = TOTPDevice.objects.get(user=ingelogde_gebruiker(page), name="default")
    veld = page.locator("input#id_code")
    veld.fill(totp_code(apparaat))
    veld.press("Enter")


@pytest.fixture(autouse=True)
def tweestapsverificatie(settings: Any, page: Page) -> Iterator[None]:
    settings.TWEESTAPS_VERPLICHT = True
    post_save.connect(_geef_app, sender=Medewerker, dispatch_uid="e2e-tweestaps")

    def bij_codestap(veld: Locator) -> None:
        vul_code_in(page)

    page.add_locator_handler(page.locator("input#id_code"), bij_codestap)
    yield
    post_save.disconnect(sender=Medewerker, dispatch_uid="e2e-tweestaps")
