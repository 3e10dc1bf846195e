# SPDX-License-Identifier: EUPL-1.2
"""Sensitive answers are never stored by a browser or proxy (issue 13, finding 10): every
answer Binnenboord's views make carries `Cache-Control: no-store` (binnenboord.web.cache),
unless the view chose its own; the static files keep whitenoise's caching."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.contrib.staticfiles import finders
from django.db import transaction
from django.test import Client
from django.urls import reverse

import pytest

from binnenboord.api.tokens import maak_token
from binnenboord.toegang.models import Organisatie
from tests.web.test_aanvallen import SCOPE_X, Slachtoffer, _bouw


@pytest.fixture(scope="module")
def slachtoffer(django_db_setup: None, django_db_blocker: Any) -> Iterator[Slachtoffer]:
    with django_db_blocker.unblock(), transaction.atomic():
        yield _bouw()
        transaction.set_rollback(True)


def _als(s: Slachtoffer, wie: str) -> Client:
    client = Client()
    client.force_login(s.gebruikers[wie])
    return client


def _richtlijnen(antwoord: Any) -> set[str]:
    return {d.strip() for d in antwoord.get("Cache-Control", "").split(",") if d.strip()}


def _url(s: Slachtoffer, naam: str, *args: Any) -> str:
    return reverse(naam, args=[s.objecten[a].pk if a in s.objecten else a for a in args])


GEVOELIG = {
    # id: (user, URL name, arguments (object keys or literal values), query)
    "leerling": ("school", "registratie:leerling", ("leerling",), {}),
    "casus": ("school", "regie:casus", ("casus",), {}),
    "afgewezen.csv": ("school", "registratie:import_rapport", ("import", "csv"), {}),
    "afgewezen.xlsx": ("school", "registratie:import_rapport", ("import", "xlsx"), {}),
    "importrapport": ("school", "registratie:import", ("import",), {}),
    "melding_pdf": ("lpa", "meldingen:export_pdf", ("melding",), {}),
    "melding_csv": ("lpa", "meldingen:export_csv", ("melding",), {}),
    "cijfers_csv": ("lpa", "monitoring:export", (), {**SCOPE_X, "formaat": "csv"}),
    # PDF and Excel are made in the background: the download of the made file
    "cijfers_xlsx": ("lpa", "monitoring:exportbestand", ("export",), {}),
    "cijfers": ("lpa", "monitoring:dashboard", (), SCOPE_X),
    "vandaag": ("school", "web:vandaag", (), {}),
    "leerlingen": ("lpa", "registratie:leerlingen", (), {"q": "Geheimhouder"}),
}


@pytest.mark.parametrize("sleutel", GEVOELIG)
def test_een_gevoelige_pagina_of_download_wordt_nooit_bewaard(
    slachtoffer: Slachtoffer, db: None, sleutel: str
) -> None:
    wie, naam, args, query = GEVOELIG[sleutel]
    antwoord = _als(slachtoffer, wie).get(_url(slachtoffer, naam, *args), query)
    assert antwoord.status_code == 200
    assert "no-store" in _richtlijnen(antwoord)


def test_een_api_detail_wordt_nooit_bewaard_en_houdt_zijn_etag(
    slachtoffer: Slachtoffer, db: None
) -> None:
    url = f"/api/v1/leerlingen/{slachtoffer.objecten['leerling'].pk}/"
    antwoord = _als(slachtoffer, "school").get(url)
    assert antwoord.status_code == 200
    assert {"no-store", "private"} <= _richtlijnen(antwoord)
    # the ETag stays for If-Match (docs/api.md); no-store only forbids keeping the answer
    assert antwoord["ETag"].startswith('"')


def test_een_api_antwoord_met_een_token_wordt_nooit_bewaard(
    slachtoffer: Slachtoffer, db: None
) -> None:
    _token, sleutel = maak_token(
        organisatie=Organisatie.objects.get(naam="Het Baken"),
        naam="systeem",
        scopes=["lezen"],
        door=None,
    )
    client = Client(HTTP_AUTHORIZATION=f"Bearer {sleutel}")
    lijst = client.get("/api/v1/leerlingen/")
    detail = client.get(f"/api/v1/leerlingen/{slachtoffer.objecten['leerling'].pk}/")
    assert (lijst.status_code, detail.status_code) == (200, 200)
    assert {"no-store", "private"} <= _richtlijnen(lijst)
    assert {"no-store", "private"} <= _richtlijnen(detail)
    # a refused call holds no data, but is not stored either
    assert "no-store" in _richtlijnen(Client().get("/api/v1/leerlingen/"))


def test_de_inlogpagina_wordt_ook_niet_bewaard(db: None) -> None:
    # it carries a CSRF token bound to the visitor's cookie (Django's never_cache)
    antwoord = Client().get(reverse("login"))
    assert antwoord.status_code == 200
    assert {"no-store", "private"} <= _richtlijnen(antwoord)


def test_een_statisch_bestand_houdt_zijn_eigen_caching(db: None) -> None:
    assert finders.find("web/layout.css")
    antwoord = Client().get("/static/web/layout.css")
    assert antwoord.status_code == 200
    richtlijnen = _richtlijnen(antwoord)
    assert "no-store" not in richtlijnen
    assert any(r.startswith("max-age=") for r in richtlijnen)


def test_een_view_die_zelf_zijn_cache_control_koos_houdt_die(
    slachtoffer: Slachtoffer, db: None
) -> None:
    # the melding export sets no-store itself; the middleware does not add to it
    antwoord = _als(slachtoffer, "lpa").get(_url(slachtoffer, "meldingen:export_csv", "melding"))
    assert antwoord["Cache-Control"] == "no-store"
