# SPDX-License-Identifier: EUPL-1.2
"""A request id in every log line and in django-auditlog's correlation id (conf/verzoek.py):
the proxy's X-Request-ID when sane, otherwise a new one; the same id in the response header,
in every line the request logs (ours and Django's, also the "Not Found" line Django writes
after the middleware) and as `cid` of the change history written in the request. A background
task's lines carry the task id, and the line that queued it links it to the request."""

from __future__ import annotations

import io
import json
import logging  # noqa: TID251  (the test listens to the stdlib loggers structlog writes to)
from collections.abc import Callable, Iterator
from typing import Any

from django.test import Client
from django.urls import reverse

import pytest
import structlog
from auditlog.models import LogEntry
from django_tasks import task

from binnenboord.conf.logboek import logging_config
from binnenboord.conf.verzoek import kies_verzoek_id, verzoek_id
from binnenboord.registratie.models import Ouder
from binnenboord.toegang.models import Rol
from tests.factories import OuderFactory
from tests.wereld import Wereld

ID = "proxy-7f3a9c21-4d5e"


Regels = Callable[[], list[dict[str, Any]]]


@pytest.fixture
def regels() -> Iterator[Regels]:
    """The JSON log lines written so far in the test, through the production formatter."""
    opties = logging_config(json=True, niveau="INFO")["formatters"]["structlog"]
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            processors=opties["processors"], foreign_pre_chain=opties["foreign_pre_chain"]
        )
    )
    loggers = [logging.getLogger(), logging.getLogger("django")]
    for logger in loggers:
        logger.addHandler(handler)
    yield lambda: [json.loads(r) for r in buffer.getvalue().splitlines() if r.strip()]
    for logger in loggers:
        logger.removeHandler(handler)


@pytest.mark.parametrize(
    ("aangeleverd", "overgenomen"),
    [
        (ID, True),
        ("0123456789abcdef0123456789abcdef", True),
        ("kort", False),  # too short
        ("x" * 129, False),  # too long
        ("abc def ghi", False),  # a space
        ("id\nNEP-REGEL: level=error", False),  # a forged log line
        ("<script>alert(1)</script>", False),
        ("123456782-123456782", False),  # allowed characters, but it holds a BSN
        ("", False),
        (None, False),
    ],
)
def test_alleen_een_net_verzoek_id_wordt_overgenomen(
    aangeleverd: str | None, overgenomen: bool
) -> None:
    gekozen = kies_verzoek_id(aangeleverd)
    if overgenomen:
        assert gekozen == aangeleverd
    else:
        assert gekozen != aangeleverd
        assert len(gekozen) == 32 and int(gekozen, 16) >= 0  # a uuid4 in hex


def test_elke_regel_van_een_verzoek_draagt_hetzelfde_verzoek_id(
    wereld: Wereld, regels: Regels
) -> None:
    # given a failed log-in (django-axes logs it)
    client = Client()
    client.post(
        reverse("login"),
        {"username": "onbekend", "password": "fout-wachtwoord"},
        headers={"X-Request-ID": ID},
    )
    eerste = regels()
    # then every line of that request carries its id, and it is unbound afterwards
    assert any(r.get("logger", "").startswith("axes") for r in eerste)
    assert {r.get("request_id") for r in eerste} == {ID}
    assert verzoek_id() is None

    # given a page that does not exist: Django's request logger writes "Not Found" after the
    # middleware, when the response is finished
    client.force_login(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    al = len(regels())
    antwoord = client.get("/bestaat-niet/", headers={"X-Request-ID": "tweede-verzoek-01"})
    assert antwoord.status_code == 404
    assert antwoord["X-Request-ID"] == "tweede-verzoek-01"
    tweede = regels()[al:]
    assert any(r["event"].startswith("Not Found") for r in tweede)
    assert {r.get("request_id") for r in tweede} == {"tweede-verzoek-01"}
    assert verzoek_id() is None


def test_een_onzinnig_verzoek_id_wordt_vervangen(wereld: Wereld) -> None:
    client = Client()
    client.force_login(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    antwoord = client.get(reverse("web:vandaag"), headers={"X-Request-ID": "a b\r\nc;<>"})
    assert antwoord.status_code == 200
    nieuw = antwoord["X-Request-ID"]
    assert nieuw != "a b\r\nc;<>" and len(nieuw) == 32
    # without a header the page gets an id of its own too, another one each time
    assert client.get(reverse("web:vandaag"))["X-Request-ID"] not in ("", nieuw)


def test_de_wijzigingshistorie_krijgt_het_verzoek_id_als_correlatie_id(wereld: Wereld) -> None:
    # given a parent Leerplicht changes (Ouder is in auditlog's history)
    ouder: Any = OuderFactory(leerling=wereld.leerlingen["demodam_school1"], gezag=True)
    client = Client()
    client.force_login(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    gegevens = {
        veld: getattr(ouder, veld)
        for veld in (
            "relatie",
            "voornamen",
            "tussenvoegsel",
            "achternaam",
            "email",
            "bsn",
            "straat",
            "huisnummer",
            "postcode",
            "woonplaats",
        )
    }
    # when the phone number is changed in a request with the proxy's id
    antwoord = client.post(
        reverse("registratie:ouder", args=[ouder.leerling_id, ouder.pk]),
        {**gegevens, "gezag": "on", "telefoon": "0687654321", "reden": ""},
        headers={"X-Request-ID": ID},
    )
    assert antwoord.status_code == 302
    # then the change history's entry has that id as its correlation id
    entry = LogEntry.objects.get_for_object(ouder).latest("pk")
    assert entry.changes["telefoon"][1] == "0687654321"
    assert entry.cid == ID
    # and a change outside any request has none
    Ouder.objects.get(pk=ouder.pk).save()
    assert verzoek_id() is None


@task()
def schrijf_een_regel() -> None:
    structlog.get_logger("tests.taak").info("in de taak")


def test_een_taak_logt_met_haar_eigen_id_en_de_wachtrijregel_koppelt_het_verzoek(
    regels: Regels,
) -> None:
    # given a request id bound as in a request; when a task is queued (the tests run it at
    # once, like the immediate backend) and another one outside any request
    tokens = structlog.contextvars.bind_contextvars(request_id=ID)
    try:
        binnen = schrijf_een_regel.enqueue()
    finally:
        structlog.contextvars.reset_contextvars(**tokens)
    buiten = schrijf_een_regel.enqueue()
    regels_ = regels()
    wachtrij = [r for r in regels_ if r["event"] == "taak in de wachtrij"]
    in_taak = [r for r in regels_ if r["event"] == "in de taak"]
    # then the queueing line links the request and the task
    assert (wachtrij[0]["request_id"], wachtrij[0]["taak_id"]) == (ID, str(binnen.id))
    # and inside the request the task keeps the request's id, with its own task id
    assert (in_taak[0]["request_id"], in_taak[0]["taak_id"]) == (ID, str(binnen.id))
    # and outside a request the task's id is the request id
    assert (in_taak[1]["request_id"], in_taak[1]["taak_id"]) == (str(buiten.id), str(buiten.id))
    assert "request_id" not in structlog.contextvars.get_contextvars()
