# SPDX-License-Identifier: EUPL-1.2
"""Content Security Policy and the other security headers on a page, and templates without
inline script or style that the policy would block."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from django.test import Client

import pytest

from tests.factories import MedewerkerFactory

pytestmark = pytest.mark.django_db

STRIKT = {
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
}


@pytest.mark.parametrize("ingelogd", [False, True])
def test_een_pagina_draagt_een_strikte_csp_en_de_beveiligingsheaders(
    client: Client, ingelogd: bool
) -> None:
    if ingelogd:
        client.force_login(MedewerkerFactory())
    antwoord = client.get("/" if ingelogd else "/inloggen/")

    assert antwoord.status_code == 200
    assert set(antwoord["Content-Security-Policy"].split("; ")) == STRIKT
    assert antwoord["X-Frame-Options"] == "DENY"
    assert antwoord["X-Content-Type-Options"] == "nosniff"
    assert antwoord["Referrer-Policy"] == "same-origin"
    assert antwoord["Cross-Origin-Opener-Policy"] == "same-origin"
    sessie = antwoord.cookies.get(settings.SESSION_COOKIE_NAME)
    if ingelogd:
        assert sessie is not None
        assert sessie["httponly"] is True
        assert sessie["samesite"] == "Lax"


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
INLINE_STIJL = re.compile(r"<style\b|\sstyle=|\son[a-z]+=|hx-on", re.I)


def _html_templates() -> list[Path]:
    """Templates served as HTML pages: the PDF and letter templates go to WeasyPrint, which
    the policy does not concern."""
    return [
        p
        for p in Path(settings.PACKAGE_DIR).rglob("templates/**/*.html")
        if not p.name.endswith("_pdf.html") and "brieven" not in p.parts
    ]


def test_geen_template_heeft_een_inline_script_stijl_of_eventhandler() -> None:
    templates = _html_templates()
    assert len(templates) > 20

    overtredingen = [
        str(p.relative_to(settings.PACKAGE_DIR))
        for p in templates
        if INLINE_SCRIPT.search(p.read_text()) or INLINE_STIJL.search(p.read_text())
    ]

    assert overtredingen == []
