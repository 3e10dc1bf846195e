# SPDX-License-Identifier: EUPL-1.2
"""The link in the invitation e-mail (notificaties.portaal.uitnodigingslink): the log-in page
with `?code=`. The code goes into the session and the page loads again without it in its
address; it is filled in only in the first-time form, and kept through a DigiD log-in to the
code page, where the user still confirms it with the button. It is in no log line, in no
other page, and the link can send the browser nowhere else."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

from django.test import Client
from django.urls import reverse

import pytest
from structlog.testing import capture_logs

from binnenboord.notificaties.portaal import uitnodigingslink
from binnenboord.portaal.sessie import CODE_SLEUTEL, SESSIE_SLEUTEL
from binnenboord.regie.models import Portaaltoegang
from binnenboord.regie.services.relatie import normaliseer_code
from binnenboord.toegang.models import Portaalgebruiker
from binnenboord.verantwoording.models import Inzage
from tests.portaal.hulp import gezin, log_in_portaal, nodig_uit
from tests.portaal.oidc import Provider, log_in_bij_provider

pytestmark = pytest.mark.django_db

INLOGGEN = reverse("portaal:inloggen")
NIEUW = "mijn-eigen-lange-wachtwoord"


def _open_link(client: Client, code: str) -> Any:
    deel = urlsplit(uitnodigingslink(code))
    return client.get(deel.path, parse_qs(deel.query))


def _waarde(html: str, naam: str) -> str | None:
    veld = re.search(rf'<input[^>]*name="{naam}"[^>]*>', html)
    assert veld, naam
    waarde = re.search(r'value="([^"]*)"', veld.group(0))
    return waarde.group(1) if waarde else None


def test_de_link_vult_de_code_in_bij_de_eerste_keer_en_nergens_anders(client: Client) -> None:
    g = gezin(actief=False)
    uitnodiging = nodig_uit(g, g.ouder)
    code = normaliseer_code(uitnodiging.code)

    antwoord = _open_link(client, uitnodiging.code.lower())

    # the same page again, without the code in its address
    assert antwoord.status_code == 302 and antwoord["Location"] == INLOGGEN
    assert client.session[CODE_SLEUTEL] == code
    html = client.get(INLOGGEN).content.decode()
    assert _waarde(html, "activeren-code") == code
    assert _waarde(html, "inloggen-code") is None
    assert html.count(code) == 1
    # not accepted by opening the link: the user still chooses a password and confirms
    uitnodiging.toegang.refresh_from_db()
    assert uitnodiging.toegang.status == Portaaltoegang.Status.UITGENODIGD


def test_met_de_ingevulde_code_lukt_de_eerste_keer_en_daarna_is_hij_weg(client: Client) -> None:
    g = gezin(actief=False)
    uitnodiging = nodig_uit(g, g.ouder)
    _open_link(client, uitnodiging.code)

    antwoord = client.post(
        INLOGGEN,
        {
            "actie": "activeren",
            "activeren-code": client.session[CODE_SLEUTEL],
            "activeren-wachtwoord": NIEUW,
            "activeren-wachtwoord_opnieuw": NIEUW,
        },
    )

    assert antwoord["Location"] == reverse("portaal:start")
    assert CODE_SLEUTEL not in client.session
    uitnodiging.toegang.refresh_from_db()
    assert uitnodiging.toegang.status == Portaaltoegang.Status.ACTIEF


@pytest.mark.parametrize(
    "waarde", ["", "-- --", "x" * 10_000, "https://elders.example/", "//elders.example"]
)
def test_een_vreemde_code_in_de_link_wordt_genegeerd_en_stuurt_nergens_anders_heen(
    client: Client, waarde: str
) -> None:
    antwoord = client.get(INLOGGEN, {"code": waarde})

    assert antwoord.status_code == 302 and antwoord["Location"] == INLOGGEN
    opgeslagen = client.session.get(CODE_SLEUTEL)
    assert opgeslagen is None or (opgeslagen.isalnum() and len(opgeslagen) <= 40)
    assert client.get(INLOGGEN).status_code == 200


def test_de_code_blijft_bewaard_door_digid_heen_en_wordt_pas_met_de_knop_aanvaard(
    client: Client, digid: Provider, caplog: Any
) -> None:
    caplog.set_level("DEBUG")
    g = gezin(actief=False)
    uitnodiging = nodig_uit(g, g.ouder)
    code = normaliseer_code(uitnodiging.code)
    with capture_logs() as gebeurtenissen:
        _open_link(client, uitnodiging.code)
        begin = client.get(reverse("portaal:oidc_start"))
        terug = urlsplit(log_in_bij_provider(begin["Location"], g.ouder.bsn or ""))
        callback = client.get(terug.path, parse_qs(terug.query))
        pagina = client.get(reverse("portaal:code"))

    gebruiker = Portaalgebruiker.objects.get(bsn=g.ouder.bsn)
    assert client.session[SESSIE_SLEUTEL] == gebruiker.pk
    assert callback["Location"] == reverse("portaal:code")
    assert _waarde(pagina.content.decode(), "uitnodiging-code") == code
    uitnodiging.toegang.refresh_from_db()
    assert uitnodiging.toegang.status == Portaaltoegang.Status.UITGENODIGD  # not silently

    with capture_logs() as verder:
        bevestigd = client.post(reverse("portaal:code"), {"uitnodiging-code": code})
        casus = client.get(reverse("portaal:start"), follow=True)

    assert bevestigd["Location"] == reverse("portaal:start")
    uitnodiging.toegang.refresh_from_db()
    assert uitnodiging.toegang.status == Portaaltoegang.Status.ACTIEF
    assert uitnodiging.toegang.gebruiker == gebruiker
    assert CODE_SLEUTEL not in client.session
    # nowhere in a log line, nor in the access log's paths
    assert casus.status_code == 200 and code not in casus.content.decode()
    # structlog's own capture sees a logger only when it was first used inside the block (the
    # loggers are cached on first use, and the random order may have used them before); every
    # structlog line also goes through the standard library, where caplog sees it always
    alle = [*gebeurtenissen, *verder]
    assert all(code not in str(g) for g in alle)
    assert caplog.records
    assert all(code not in r.getMessage() and code not in str(r.__dict__) for r in caplog.records)
    assert not Inzage.objects.filter(pad__contains=code).exists()


def test_ingelogd_opent_de_link_de_codepagina_met_de_code(client: Client) -> None:
    eerste = gezin()
    tweede = gezin(regisseur=eerste.regisseur, actief=False)
    uitnodiging = nodig_uit(tweede, tweede.ouder)
    log_in_portaal(client, eerste.ouder_gebruiker)

    antwoord = _open_link(client, uitnodiging.code)
    verder = client.get(antwoord["Location"])

    assert verder["Location"] == reverse("portaal:code")
    pagina = client.get(reverse("portaal:code")).content.decode()
    assert _waarde(pagina, "uitnodiging-code") == normaliseer_code(uitnodiging.code)


def test_zonder_link_blijft_het_veld_leeg(client: Client) -> None:
    html = client.get(INLOGGEN).content.decode()
    assert _waarde(html, "activeren-code") is None
