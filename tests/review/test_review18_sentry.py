# SPDX-License-Identifier: EUPL-1.2
"""Review of issue 18: Sentry gets the local variables of the failing frames. A dictionary
keyed by BSN (as an import matches its rows) must not carry the BSN to Sentry in its keys."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import path

import pytest
import sentry_sdk

from tests.conf.test_sentry import BSN, _gebeurtenissen, sentry  # noqa: F401  (fixture)


def _koppel(per_bsn: dict[str, int]) -> None:
    raise KeyError("onbekende leerling")


@pytest.mark.usefixtures("sentry")
def test_een_woordenboek_met_bsns_als_sleutels_komt_zonder_bsn_aan() -> None:
    # given an error in a frame whose local variable is keyed by BSN
    try:
        _koppel({BSN: 1})
    except KeyError:
        sentry_sdk.capture_exception()

    # then the event holds the frame's variables, but not the BSN
    (gebeurtenis,) = _gebeurtenissen()
    frames = gebeurtenis["exception"]["values"][0]["stacktrace"]["frames"]
    assert any("per_bsn" in frame.get("vars", {}) for frame in frames)
    assert BSN not in json.dumps(gebeurtenis)


@login_not_required
def kapot_na_formulier(request: HttpRequest) -> HttpResponse:
    raise ValueError("het bewaren ging mis")


urlpatterns = [path("kapot/", kapot_na_formulier)]

GEHEIMEN = {
    # the one-time log-in link's form (web/eenmalig.py)
    "new_password1": "Mijn-Nieuwe-Wachtwoord-1",
    "new_password2": "Mijn-Nieuwe-Wachtwoord-1",
    # a log-in connection's client secret (beheer/forms_inloggen.py)
    "client_secret": "Geheim-Van-De-Koppeling",
    # the two-step verification code
    "otp_token": "123987",
}


@pytest.mark.urls(__name__)
@pytest.mark.django_db
@pytest.mark.usefixtures("sentry")
def test_een_fout_na_een_formulier_met_wachtwoord_of_geheim_stuurt_ze_niet_naar_sentry() -> None:
    client = Client(raise_request_exception=False)

    antwoord = client.post("/kapot/", {**GEHEIMEN, "naam": "Entra ID"})

    assert antwoord.status_code == 500
    (gebeurtenis,) = _gebeurtenissen()
    assert gebeurtenis["request"]["data"]["naam"] == "Entra ID"
    tekst = json.dumps(gebeurtenis)
    for waarde in GEHEIMEN.values():
        assert waarde not in tekst
