# SPDX-License-Identifier: EUPL-1.2
"""The OpenAPI schema and the interactive documentation are not for anonymous visitors
(issue 13, finding 11): the schema needs a verified session or a valid API token, the docs
page a verified session (docs/api.md)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import reverse

import pytest
from rest_framework.test import APIClient

from binnenboord.api.models import ApiToken
from binnenboord.api.tokens import trek_in
from binnenboord.toegang.models import Rol
from tests.wereld import Wereld

SCHEMA = "/api/schema/"
DOCS = "/api/docs/"

TokenClient = Callable[..., tuple[APIClient, ApiToken]]


def test_de_urls_zijn_de_gedocumenteerde() -> None:
    assert (reverse("api:schema"), reverse("api:docs")) == (SCHEMA, DOCS)


@pytest.mark.django_db
def test_een_anonieme_bezoeker_krijgt_geen_schema() -> None:
    antwoord = APIClient().get(SCHEMA)
    assert antwoord.status_code == 401
    assert antwoord["WWW-Authenticate"].startswith("Bearer")
    assert b"openapi" not in antwoord.content
    # the same for a format asked for by name
    assert APIClient().get(SCHEMA, {"format": "json"}).status_code == 401


@pytest.mark.django_db
def test_een_onbekend_of_ingetrokken_token_krijgt_geen_schema(
    wereld: Wereld, token_client: TokenClient
) -> None:
    onbekend = APIClient()
    onbekend.credentials(HTTP_AUTHORIZATION="Bearer bb_abcdefgh_" + "x" * 43)
    assert onbekend.get(SCHEMA).status_code == 401
    client, token = token_client("Het Baken", "lezen")
    assert client.get(SCHEMA).status_code == 200
    trek_in(token=token)
    assert client.get(SCHEMA).status_code == 401


@pytest.mark.django_db
@pytest.mark.parametrize("scopes", [("lezen",), ("verzuim:schrijven",)])
def test_een_geldig_token_krijgt_het_schema(
    wereld: Wereld, token_client: TokenClient, scopes: tuple[str, ...]
) -> None:
    # the schema names no pupil: any valid token may read how to call the API
    client, _token = token_client("Het Baken", *scopes)
    antwoord = client.get(SCHEMA)
    assert antwoord.status_code == 200
    assert b"openapi: 3" in antwoord.content


@pytest.mark.django_db
@pytest.mark.parametrize(
    "rol", [Rol.SCHOOLMEDEWERKER, Rol.LEERPLICHTAMBTENAAR, Rol.BELEIDSMEDEWERKER]
)
def test_een_ingelogde_professional_krijgt_schema_en_docs(
    wereld: Wereld, client_als: Callable[[str], APIClient], rol: str
) -> None:
    client = client_als(rol)
    assert client.get(SCHEMA).status_code == 200
    assert client.get(DOCS).status_code == 200


@pytest.mark.django_db
def test_de_docspagina_stuurt_een_anonieme_bezoeker_naar_het_inloggen() -> None:
    antwoord = APIClient().get(DOCS)
    assert antwoord.status_code == 302
    assert antwoord["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_een_sessie_zonder_haar_tweede_stap_krijgt_geen_schema(
    wereld: Wereld, settings: Any
) -> None:
    settings.TWEESTAPS_VERPLICHT = True
    client = APIClient()
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    assert client.get(SCHEMA).status_code == 401
    # the docs page sends it to the code step, like every other page
    assert client.get(DOCS).status_code == 302
