# SPDX-License-Identifier: EUPL-1.2
"""The access log is complete: every URL that shows the pupil's data leaves a line naming her.

The victim world and the URL table of test_aanvallen are reused: it knows every URL of the site
(test_geen_url_is_vergeten fails on a new one), fills in each with the victim's objects and names
the rightful user. Here that rightful user opens each URL that names an object (GET, when the
URL takes GET) and gets 200; the request must leave an access-log line naming the victim's
pupil; a write (POST) by the rightful user that is not refused must leave one too. A page
without object (a list, a search, the start page) is opened by the users who see the pupil
there; when the page names her (her surname or BSN), it must log her too.

And by construction: no view module fetches a child's object with a scoped selector of its own
(haal_leerling, haal_signaal, haal_melding, haal_casus); views read through the readers of
verantwoording.inzage, which log."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

from django.contrib.messages.storage.cookie import CookieStorage
from django.test import Client
from django.urls import reverse

import pytest

from binnenboord.verantwoording.models import Inzage
from tests.web.test_aanvallen import (
    OBJECTEN,
    PAGINAS,
    PORTAAL,
    Slachtoffer,
    _inhoud,
    _vraag,
    clients,  # noqa: F401  (a fixture)
    portaalclients,  # noqa: F401  (a fixture)
    slachtoffer,  # noqa: F401  (a fixture)
)

BRON = Path(__file__).resolve().parents[2] / "src" / "binnenboord"
SELECTOR_LEZERS = {"haal_leerling", "haal_signaal", "haal_melding", "haal_casus"}

# the users who see the victim's pupil on pages without an object
KIJKERS = ("school", "lpa")
# (page, user): why the page may show her number without a line in her log
EIGEN_INVOER = {
    ("registratie:bevestigen", "school"): "the school's list of what it asked shows the BSN "
    "the school sent itself, never the pupil as stored (registratie.bevestigen)",
}


def _leerling(s: Slachtoffer) -> Any:
    return s.objecten["leerling"]


def _regels(s: Slachtoffer) -> int:
    return Inzage.objects.filter(leerling_id=_leerling(s).pk).count()


def _noemt_leerling(s: Slachtoffer, inhoud: str) -> bool:
    leerling = _leerling(s)
    return leerling.achternaam in inhoud or leerling.bsn in inhoud


@pytest.fixture(autouse=True)
def _geen_oude_berichten(clients: dict[str, Client]) -> None:  # noqa: F811
    """The clients live for the module, the database for one test: a flash message that an
    earlier test's write left in a client's cookie ("… verwezen naar het spreekuur") would be
    shown on whatever page that client opens next, and name the pupil there without that page
    having read her. Each test starts without one."""
    for client in clients.values():
        client.cookies.pop(CookieStorage.cookie_name, None)


# object URLs that show no pupil without a query: {URL: why}
ZONDER_ZOEKTERM = {
    "web:zoek_verwijzing": "the pupil picker's search shows nobody without a search term; "
    "tests/web/test_keuzes.py checks that it logs every pupil a search shows",
    "monitoring:exportstatus": "a figures export's page: aggregate figures, no pupil",
    "monitoring:exportbestand": "a figures export's file: aggregate figures, small numbers "
    "suppressed, no pupil (monitoring.exporteren)",
    "beheer:inlogkoppeling": "a log-in connection of the region: its settings and claim "
    "rules, no pupil",
    # beheer: organisations, staff accounts and kernteams of the region, never a pupil
    "beheer:organisatie": "an organisation of the region and its staff; no pupil",
    "beheer:medewerker": "a staff account of the region; no pupil",
    "beheer:kernteam": "a school's kernteam members; no pupil",
    "beheer:zoek_kernteamlid": "the kernteam picker's search: staff of the region; no pupil",
}
LEZENDE_OBJECTEN = [
    sleutel
    for sleutel, doel in OBJECTEN.items()
    if "GET" in doel.methoden and sleutel not in ZONDER_ZOEKTERM
]


def test_de_lezende_urls_zijn_er() -> None:
    # the table really holds the pupil's pages (a walk over nothing would pass)
    assert {"registratie:leerling", "signalering:signaal", "regie:casus"} <= set(LEZENDE_OBJECTEN)


@pytest.mark.parametrize("sleutel", LEZENDE_OBJECTEN)
def test_elke_pagina_van_een_object_logt_de_leerling(
    slachtoffer: Slachtoffer,  # noqa: F811
    db: None,
    clients: dict[str, Client],  # noqa: F811
    sleutel: str,
) -> None:
    doel = OBJECTEN[sleutel]
    url = reverse(doel.naam, args=doel.args(slachtoffer))
    voor = _regels(slachtoffer)
    antwoord = _vraag(clients[doel.eigenaar], "GET", url, {})
    assert antwoord.status_code == 200, (sleutel, antwoord.status_code)
    assert _regels(slachtoffer) > voor, f"{sleutel}: read without an access-log line"


@pytest.mark.parametrize(
    "naam", [naam for naam, pagina in PAGINAS.items() if pagina.methode == "GET"]
)
@pytest.mark.parametrize("wie", KIJKERS)
def test_een_pagina_die_de_leerling_noemt_logt_haar(
    slachtoffer: Slachtoffer,  # noqa: F811
    db: None,
    clients: dict[str, Client],  # noqa: F811
    naam: str,
    wie: str,
) -> None:
    voor = _regels(slachtoffer)
    antwoord = _vraag(clients[wie], "GET", reverse(naam), {})
    if (
        antwoord.status_code != 200
        or not _noemt_leerling(slachtoffer, _inhoud(antwoord))
        or (naam, wie) in EIGEN_INVOER
    ):
        # a page this user may not open, or one that does not name her, reads nothing of hers
        assert _regels(slachtoffer) == voor or antwoord.status_code == 200
        return
    assert _regels(slachtoffer) > voor, f"{naam} as {wie}: names the pupil without a log line"


def test_een_pagina_die_haar_noemt_is_er(
    slachtoffer: Slachtoffer,  # noqa: F811
    db: None,
    clients: dict[str, Client],  # noqa: F811
) -> None:
    # the page test above is not vacuous: the school's own lists name the victim's pupil
    antwoord = _vraag(clients["school"], "GET", reverse("registratie:leerlingen"), {})
    assert antwoord.status_code == 200
    assert _noemt_leerling(slachtoffer, _inhoud(antwoord))


def _views_modules() -> list[Path]:
    return sorted(
        p
        for p in BRON.rglob("*.py")
        if (p.name.startswith("views") or p.parent.name == "views")
        # the readers themselves (regie.views.lezen) are where the selectors are asked
        and p.name != "lezen.py"
    )


def test_geen_view_haalt_een_object_van_een_kind_buiten_de_lezers_om() -> None:
    overtreders = []
    for pad in _views_modules():
        for knoop in ast.walk(ast.parse(pad.read_text())):
            if isinstance(knoop, ast.ImportFrom):
                namen = {a.name for a in knoop.names} & SELECTOR_LEZERS
                if namen:
                    overtreders.append(f"{pad.relative_to(BRON)}: {sorted(namen)}")
    assert len(_views_modules()) >= 8
    assert overtreders == []


SCHRIJVENDE_OBJECTEN = [sleutel for sleutel, doel in OBJECTEN.items() if "POST" in doel.methoden]
# object URLs whose write touches no pupil's data: {URL: why}
ZONDER_LEERLING = {
    "overleg:volgend": "plans the next meeting of a series; no case or pupil",
    "notificaties:openen": "marks the user's own notification read and follows its link, "
    "where the page read is logged; it reads no pupil",
    "beheer:inlogkoppeling": "changes a log-in connection of the region; no pupil",
    "beheer:claimregel_nieuw": "adds a claim rule to a log-in connection; no pupil",
    "beheer:claimregel_verwijderen": "removes a claim rule of a log-in connection; no pupil",
    "beheer:organisatie": "changes an organisation of the region; no pupil",
    "beheer:medewerker": "changes a staff account of the region; no pupil",
    "beheer:medewerker_deactiveren": "deactivates a staff account; no pupil",
    "beheer:medewerker_heractiveren": "reactivates a staff account; no pupil",
    "beheer:medewerker_uitnodigen": "invites a staff member again; no pupil",
    "beheer:kernteam": "sets a school's kernteam; no pupil",
}


@pytest.mark.parametrize("sleutel", SCHRIJVENDE_OBJECTEN)
def test_elke_schrijfactie_op_een_object_logt_de_leerling(
    slachtoffer: Slachtoffer,  # noqa: F811
    db: None,
    clients: dict[str, Client],  # noqa: F811
    sleutel: str,
) -> None:
    doel = OBJECTEN[sleutel]
    url = reverse(doel.naam, args=doel.args(slachtoffer))
    voor = _regels(slachtoffer)
    antwoord = _vraag(clients[doel.eigenaar], "POST", url, doel.post(slachtoffer))
    assert antwoord.status_code < 500, sleutel
    if antwoord.status_code in (403, 404) or sleutel in ZONDER_LEERLING:
        # refused (the victim's case is open, so it cannot be reopened), or no pupil at all
        assert _regels(slachtoffer) == voor, sleutel
        return
    assert _regels(slachtoffer) > voor, f"{sleutel}: {antwoord.status_code} without a log line"


def test_de_schrijfacties_lukken_meestal(
    slachtoffer: Slachtoffer,  # noqa: F811
    db: None,
    clients: dict[str, Client],  # noqa: F811
) -> None:
    # the write test above is not vacuous: a rightful write succeeds and is logged
    doel = OBJECTEN["regie:actie"]
    url = reverse(doel.naam, args=doel.args(slachtoffer))
    voor = _regels(slachtoffer)
    antwoord = _vraag(clients[doel.eigenaar], "POST", url, doel.post(slachtoffer))
    assert antwoord.status_code == 302
    assert _regels(slachtoffer) == voor + 1


# the portal's pages of a case: the parent's or the pupil's own reads are logged as well
LEZENDE_PORTAALPAGINAS = [
    sleutel for sleutel, doel in PORTAAL.items() if "GET" in doel.methoden and not doel.eigen
]


@pytest.mark.parametrize("sleutel", LEZENDE_PORTAALPAGINAS)
def test_elke_portaalpagina_van_een_casus_logt_de_leerling(
    slachtoffer: Slachtoffer,  # noqa: F811
    db: None,
    portaalclients: dict[str, Client],  # noqa: F811
    sleutel: str,
) -> None:
    doel = PORTAAL[sleutel]
    url = reverse(doel.naam, args=doel.args(slachtoffer))
    voor = _regels(slachtoffer)
    antwoord = _vraag(portaalclients[doel.eigenaar], "GET", url, {})
    assert antwoord.status_code == 200, (sleutel, antwoord.status_code)
    regels = Inzage.objects.filter(leerling_id=_leerling(slachtoffer).pk)
    assert regels.count() == voor + 1, f"{sleutel}: read without an access-log line"
    nieuw = regels.order_by("-pk").first()
    assert nieuw is not None and nieuw.medewerker_id is None and nieuw.bron == sleutel
