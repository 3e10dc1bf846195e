# SPDX-License-Identifier: EUPL-1.2
"""The Content Security Policy in a real browser: Chromium, with the policy enforced, reports
no blocked script, style or image on the log-in page, Vandaag, and the monitoring dashboard
with its inline SVG charts, and htmx is loaded and running."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.test import Client
from django.urls import reverse

import pytest
from playwright.sync_api import Browser, ConsoleMessage
from playwright.sync_api import Error as PlaywrightError

from binnenboord.toegang.models import Rol
from tests.monitoring.test_views import Stad, bouw_stad
from tests.wereld import bouw_wereld

pytestmark = pytest.mark.e2e


@pytest.fixture
def stad_live(transactional_db: None) -> Stad:
    return bouw_stad(bouw_wereld())


def test_geen_pagina_overtreedt_de_csp(browser: Browser, live_server: Any, stad_live: Stad) -> None:
    client = Client()
    client.force_login(stad_live.wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    sessie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context = browser.new_context(locale="nl-NL")
    meldingen: list[str] = []
    page = context.new_page()
    page.on("console", lambda m: meldingen.append(_tekst(m)))

    parameters = {"soort": "maand", "periode": stad_live.periode.code, "scope": "gemeente:9999"}
    dashboard = f"{reverse('monitoring:dashboard')}?{urlencode(parameters)}"
    page.goto(f"{live_server.url}/inloggen/")
    assert page.evaluate("typeof htmx") == "object"
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": sessie, "url": live_server.url}]
    )
    for pad in ("/", dashboard):
        antwoord = page.goto(f"{live_server.url}{pad}")
        assert antwoord is not None and antwoord.status == 200, pad
        assert "default-src 'self'" in antwoord.headers["content-security-policy"]

    assert page.locator("figure svg").count() >= 1
    assert [m for m in meldingen if "Content Security Policy" in m] == []
    # and the policy is really enforced here: an injected inline script is refused
    with pytest.raises(PlaywrightError, match="Content Security Policy"):
        page.add_script_tag(content="window.binnengesmokkeld = 1")
    assert page.evaluate("typeof window.binnengesmokkeld") == "undefined"
    context.close()


def _tekst(melding: ConsoleMessage) -> str:
    return melding.text
