# SPDX-License-Identifier: EUPL-1.2
"""Error reporting to Sentry (conf/sentry.py): a real sentry-sdk client with a transport that
keeps the envelopes instead of sending them. No BSN reaches Sentry: not in the exception
message, not in the request body, not in a breadcrumb; no personal data by default; without
SENTRY_DSN nothing is initialised."""

from __future__ import annotations

import json
import logging  # noqa: TID251  (a stdlib log line becomes a Sentry breadcrumb)
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import path

import pytest
import sentry_sdk
from sentry_sdk.envelope import Envelope
from sentry_sdk.transport import Transport

from binnenboord.conf.sentry import start_sentry

BSN = "123456782"  # passes the eleven test
GEEN_BSN = "123456789"  # nine digits that fail it: left alone
DSN = "https://publiek@sentry.invalid/1"


class Bewaarder(Transport):
    """Keeps every envelope sentry-sdk would send."""

    enveloppen: list[Envelope] = []

    def capture_envelope(self, envelope: Envelope) -> None:
        Bewaarder.enveloppen.append(envelope)


def _gebeurtenissen() -> list[dict[str, Any]]:
    sentry_sdk.flush()
    return [
        item.payload.json
        for envelope in Bewaarder.enveloppen
        for item in envelope.items
        if item.type == "event" and item.payload.json is not None
    ]


@pytest.fixture
def sentry() -> Iterator[None]:
    Bewaarder.enveloppen = []
    assert start_sentry(DSN, omgeving="test", transport=Bewaarder)
    yield
    sentry_sdk.get_client().close()
    sentry_sdk.get_global_scope().set_client(None)
    sentry_sdk.get_isolation_scope().clear()


@login_not_required
def kapot(request: HttpRequest) -> HttpResponse:
    raise ValueError(f"leerling {BSN} niet gevonden ({request.POST.get('zoek')})")


urlpatterns = [path("kapot/", kapot)]


def test_zonder_dsn_wordt_niets_gestart() -> None:
    # the test settings have no SENTRY_DSN, so base.py initialised nothing
    assert settings.SENTRY_DSN == ""
    assert not sentry_sdk.get_client().is_active()
    assert start_sentry("", omgeving="test") is False
    assert not sentry_sdk.get_client().is_active()


def test_een_uitzondering_komt_zonder_bsn_aan(sentry: None) -> None:
    # given a log line with a BSN (a breadcrumb) and an exception whose message holds one
    logging.getLogger("binnenboord.test").warning("opzoeken van %s, order %s", BSN, GEEN_BSN)
    try:
        raise ValueError(f"leerling {BSN} niet gevonden")
    except ValueError:
        sentry_sdk.capture_exception()
    # then the event arrives with [BSN] in both places
    (gebeurtenis,) = _gebeurtenissen()
    tekst = json.dumps(gebeurtenis)
    assert BSN not in tekst
    assert gebeurtenis["exception"]["values"][0]["value"] == "leerling [BSN] niet gevonden"
    kruimels = [k["message"] for k in gebeurtenis["breadcrumbs"]["values"]]
    assert f"opzoeken van [BSN], order {GEEN_BSN}" in kruimels
    assert gebeurtenis["environment"] == "test"


@pytest.mark.urls(__name__)
@pytest.mark.django_db
def test_een_fout_in_een_verzoek_komt_zonder_bsn_en_zonder_persoonsgegevens_aan(
    sentry: None,
) -> None:
    # given a request whose body and URL hold a BSN, with a session cookie, that fails
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "geheime-sessie"
    antwoord = client.post(
        f"/kapot/?bsn={BSN}",
        {"zoek": BSN, "opmerking": "gewoon"},
        headers={"X-Request-ID": "sentry-test-0001"},
    )
    assert antwoord.status_code == 500
    # then Sentry gets the error with the request, every BSN replaced
    (gebeurtenis,) = _gebeurtenissen()
    tekst = json.dumps(gebeurtenis)
    assert BSN not in tekst
    verzoek = gebeurtenis["request"]
    assert verzoek["data"] == {"zoek": "[BSN]", "opmerking": "gewoon"}
    assert verzoek.get("query_string", "bsn=[BSN]") == "bsn=[BSN]"
    assert gebeurtenis["exception"]["values"][-1]["value"] == (
        "leerling [BSN] niet gevonden ([BSN])"
    )
    # and no personal data by default: no cookies, no user, no IP address
    assert "geheime-sessie" not in tekst
    assert "cookies" not in verzoek or not verzoek["cookies"]
    assert "ip_address" not in gebeurtenis.get("user", {})
