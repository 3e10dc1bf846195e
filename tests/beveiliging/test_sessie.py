# SPDX-License-Identifier: EUPL-1.2
"""Session expiry after SESSION_IDLE_MINUTES of inactivity: each request moves the end
forward; a session left alone longer than that is gone."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

import pytest

from tests.factories import MedewerkerFactory

pytestmark = pytest.mark.django_db


def test_elk_verzoek_vernieuwt_de_sessie_en_een_inactieve_verloopt(client: Client) -> None:
    client.force_login(MedewerkerFactory())
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_IDLE_MINUTES * 60 == 30 * 60

    # a request renews the session to SESSION_IDLE_MINUTES from now
    antwoord = client.get("/")
    assert antwoord.status_code == 200
    sessie = Session.objects.get()
    over = (sessie.expire_date - timezone.now()).total_seconds()
    assert 30 * 60 - 10 < over <= 30 * 60
    # and the cookie itself ends with the browser
    assert antwoord.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == ""

    # when that time passes without a request, the session is over: back to log in
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    verlopen = client.get("/")
    assert verlopen.status_code == 302
    assert verlopen["Location"].startswith("/inloggen/")
