# SPDX-License-Identifier: EUPL-1.2
"""CSRF everywhere: a form posted without its token is refused and changes nothing."""

from __future__ import annotations

from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

import pytest

from tests.factories import WACHTWOORD, MedewerkerFactory

pytestmark = pytest.mark.django_db


def test_inloggen_zonder_csrf_token_wordt_geweigerd() -> None:
    client = Client(enforce_csrf_checks=True)
    gebruiker = MedewerkerFactory()

    antwoord = client.post(
        reverse("login"), {"username": gebruiker.username, "password": WACHTWOORD}
    )

    assert antwoord.status_code == 403
    assert not Session.objects.exists()


def test_een_formulierpagina_weigert_een_post_zonder_token_en_aanvaardt_hem_met() -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(MedewerkerFactory())

    zonder = client.post(reverse("logout"))
    assert zonder.status_code == 403
    assert client.get("/").status_code == 200

    # the same post with the token of the page succeeds
    client.get("/")
    token = client.cookies["csrftoken"].value
    met = client.post(reverse("logout"), {"csrfmiddlewaretoken": token})
    assert met.status_code == 302
    assert client.get("/").status_code == 302
