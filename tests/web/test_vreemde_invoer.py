# SPDX-License-Identifier: EUPL-1.2
"""Odd input never gives a server error (issue 13, finding 12): every query parameter a page
or an API endpoint reads gets odd values (far dates, a range over all of time, a number no
database holds, a negative number, text, a NUL character, 10,000 characters) from a user who
may open the page. The answer is the normal page (200, the value ignored or shown as a form
error) or a 400 in Dutch; never a 500.

- Which parameters exist is not left to memory: test_elke_parameter_die_een_view_leest_wordt_getest
  opens every page and endpoint while recording which query parameters the code reads (a
  QueryDict that notes every lookup), and fails when one is read that PARAMETERS does not list.
- The victim world of tests/web/test_aanvallen.py is reused (its `_bouw`), with the rightful
  users, so the odd value reaches the code behind the access check.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse, QueryDict
from django.test import Client
from django.urls import reverse

import pytest

from binnenboord.portaal.sessie import SESSIE_SLEUTEL
from binnenboord.toegang.models import Medewerker, Rol
from tests.web.test_aanvallen import (
    LIJST,
    OBJECTEN,
    PAGINAS,
    PORTAAL,
    SCOPE_X,
    Slachtoffer,
    _bouw,
)

VREEMD = {
    "oud": "0001-01-01",
    "ver": "9999-12-31",
    "alle_tijd": "0001-01-01..9999-12-31",
    "groot": "99999999999999999999999",
    "negatief": "-1",
    "tekst": "abc",
    "nul": "\x00",
    "lang": "x" * 10_000,
}

# Words of which a Dutch message has at least one (the answer is in the default language).
NEDERLANDS = re.compile(
    r"\b(een|geen|geef|geheel|getal|ongeldige?|datum|waarde|bevat|kies|niet|is|van|tot)\b", re.I
)


@dataclass(frozen=True)
class Doel:
    """A page or endpoint: who may open it, the query parameters its code reads, and valid
    values for the others (so that the odd one is read where it matters)."""

    naam: str
    wie: str
    parameters: tuple[str, ...]
    args: Callable[[Slachtoffer], list[Any]] = lambda s: []
    basis: dict[str, str] = field(default_factory=dict)


def _o(sleutel: str) -> Callable[[Slachtoffer], list[Any]]:
    return lambda s: [s.objecten[sleutel].pk]


API_LIJST = ("pagina", "per_pagina", "format")
# the figures' choice of period (monitoring.forms.RapportForm, issue 17)
PERIODEKEUZE = ("tijdvak", "maand", "twee_maanden", "schooljaar", "van", "tot")
API: dict[str, tuple[str, ...]] = {
    # the filters of docs/api.md
    "school": ("soort", "gemeente"),
    "leerling": ("school",),
    "inschrijving": ("school", "leerling"),
    "vrijstelling": ("leerling", "artikel"),
    "signaal": ("school", "leerling", "soort", "status", "aangemaakt_sinds"),
    "melding": ("school", "leerling", "soort", "status", "aangemaakt_sinds"),
    "casus": ("leerling", "status"),
}

PARAMETERS: dict[str, Doel] = {
    # pages (URL names as in tests/web/test_aanvallen.py)
    "registratie:leerlingen": Doel(
        "registratie:leerlingen",
        "school",
        ("q", "school", "woongemeente", "geboren_van", "geboren_tot", "sortering", "pagina"),
    ),
    "registratie:leerling": Doel(
        "registratie:leerling", "school", ("peildatum", "signaal"), _o("leerling")
    ),
    "registratie:school": Doel("registratie:school", "school", ("q", "sortering", "pagina")),
    "signalering:signalen": Doel(
        "signalering:signalen",
        "school",
        ("q", "soort", "school", "leeftijd_van", "leeftijd_tot", "sortering", "pagina"),
    ),
    "meldingen:meldingen": Doel(
        "meldingen:meldingen",
        "lpa",
        ("q", "stand", "soort", "school", "van", "tot", "sortering", "pagina"),
    ),
    "meldingen:thuiszitter": Doel("meldingen:thuiszitter", "school", ("signaal",), _o("leerling")),
    "regie:casussen": Doel(
        "regie:casussen",
        "school",
        (
            "q",
            "alleen_mijn",
            "status",
            "fase",
            "school",
            "regisseur",
            "escalatie",
            "aanpak",
            "sortering",
            "pagina",
        ),
    ),
    "regie:nieuw": Doel("regie:nieuw", "school", ("signaal", "melding"), _o("leerling")),
    "regie:casus": Doel("regie:casus", "school", ("soort",), _o("casus")),
    "verantwoording:inzagelog": Doel(
        "verantwoording:inzagelog",
        "beheerder",
        ("van", "tot", "handeling", "rol", "leerling", "gebruiker", "pagina"),
    ),
    # beheer's lists (binnenboord.beheer): the region's organisations, staff and kernteams
    "beheer:organisaties": Doel(
        "beheer:organisaties", "beheerder", ("soort", "q", "sortering", "pagina")
    ),
    "beheer:medewerkers": Doel(
        "beheer:medewerkers",
        "beheerder",
        ("organisatie", "rol", "actief", "q", "sortering", "pagina"),
    ),
    "beheer:kernteams": Doel("beheer:kernteams", "beheerder", ("pagina",)),
    "beheer:zoek_kernteamlid": Doel(
        "beheer:zoek_kernteamlid",
        "beheerder",
        ("veld", "jeugdarts-zoekterm", "jeugdarts"),
        lambda s: [s.objecten["organisatie_a"].pk],
        basis={"veld": "jeugdarts"},
    ),
    "monitoring:dashboard": Doel(
        "monitoring:dashboard",
        "lpa",
        ("soort", "periode", "scope", "vergelijking", "basis", *PERIODEKEUZE),
        basis=SCOPE_X,
    ),
    "monitoring:lijst": Doel(
        "monitoring:lijst",
        "lpa",
        (
            "soort",
            "periode",
            "scope",
            "vergelijking",
            "basis",
            "tabel",
            "rij",
            "kolom",
            *PERIODEKEUZE,
        ),
        basis=LIJST,
    ),
    "monitoring:export": Doel(
        "monitoring:export",
        "lpa",
        ("soort", "periode", "scope", "vergelijking", "basis", "formaat", *PERIODEKEUZE),
        basis={**SCOPE_X, "formaat": "csv"},
    ),
    # the person pickers' searches (web/keuzes.py): the search term and what is chosen
    "web:zoek_verwijzing": Doel(
        "web:zoek_verwijzing",
        "school",
        ("verwijzing-leerling-zoekterm", "verwijzing-leerling"),
        _o("spreekuur"),
    ),
    "web:zoek_casusmedewerker": Doel(
        "web:zoek_casusmedewerker",
        "school",
        ("deelnemer-medewerker-zoekterm", "deelnemer-medewerker"),
        lambda s: [s.objecten["casus"].pk, "deelnemer"],
    ),
    "web:zoek_regisseur": Doel(
        "web:zoek_regisseur", "school", ("regisseur-zoekterm", "regisseur"), _o("leerling")
    ),
    "web:zoek_medewerker": Doel(
        "web:zoek_medewerker",
        "lpa",
        ("veld", "naam", "leden-zoekterm", "leden"),
        basis={"veld": "leden", "naam": "leden"},
    ),
    # working together: the MAZL inbox, a referral from a signal, one's notifications
    "mazl:verwijzingen": Doel("mazl:verwijzingen", "jeugdarts", ("pagina",)),
    "mazl:nieuw": Doel("mazl:nieuw", "school", ("signaal",), _o("leerling")),
    "notificaties:lijst": Doel("notificaties:lijst", "school", ("pagina",)),
    # the portal's log-in page: the code of the invitation e-mail's link, DigiD's failure
    "portaal:inloggen": Doel("portaal:inloggen", "school", ("code", "mislukt")),
    # the REST API: the lists with their filters and pages, the schema
    **{
        f"api:{soort}-list": Doel(f"api:{soort}-list", "school", (*filters, *API_LIJST))
        for soort, filters in API.items()
    },
    "api:schema": Doel("api:schema", "school", ("format", "lang", "version")),
}


@pytest.fixture(scope="module")
def slachtoffer(django_db_setup: None, django_db_blocker: Any) -> Iterator[Slachtoffer]:
    with django_db_blocker.unblock(), transaction.atomic():
        s = _bouw()
        s.gebruikers["beheerder"] = Medewerker.objects.get(
            rol=Rol.FUNCTIONEEL_BEHEERDER, organisatie__naam="Leerplicht Demodam"
        )
        yield s
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def clients(slachtoffer: Slachtoffer, django_db_blocker: Any) -> dict[str, Client]:
    with django_db_blocker.unblock():
        uitkomst = {}
        for wie in {d.wie for d in PARAMETERS.values()} | {"school", "lpa"}:
            # a server error is an answer to count, not an exception in the test
            client = Client(raise_request_exception=False)
            client.force_login(slachtoffer.gebruikers[wie])
            uitkomst[wie] = client
        return uitkomst


def _inhoud(antwoord: Any) -> str:
    inhoud = b"".join(antwoord) if antwoord.streaming else antwoord.content
    return inhoud.decode("utf-8", errors="replace")


def _probeer(client: Client, url: str, query: dict[str, str]) -> tuple[int, str]:
    antwoord = client.get(url, query)
    return antwoord.status_code, _inhoud(antwoord)


# --- the sweep ------------------------------------------------------------------------------


def _gevallen() -> list[Any]:
    return [
        pytest.param(sleutel, parameter, id=f"{sleutel}?{parameter}")
        for sleutel, doel in PARAMETERS.items()
        for parameter in doel.parameters
    ]


@pytest.mark.parametrize(("sleutel", "parameter"), _gevallen())
def test_een_vreemde_waarde_geeft_de_pagina_of_een_nederlandse_400_nooit_een_serverfout(
    slachtoffer: Slachtoffer, db: None, clients: dict[str, Client], sleutel: str, parameter: str
) -> None:
    doel = PARAMETERS[sleutel]
    url = reverse(doel.naam, args=doel.args(slachtoffer))
    fouten: list[tuple[Any, ...]] = []
    for naam, waarde in VREEMD.items():
        status, inhoud = _probeer(clients[doel.wie], url, {**doel.basis, parameter: waarde})
        if status >= 500:
            fouten.append((naam, status))
            # DEBUG is off: no traceback or settings in the answer
            assert "Traceback" not in inhoud and "SECRET_KEY" not in inhoud
        elif status == 400 and not NEDERLANDS.search(inhoud):
            fouten.append((naam, status, "not Dutch", inhoud[:200]))
    assert fouten == []


@pytest.mark.parametrize("sleutel", PARAMETERS)
def test_ter_controle_opent_elk_doel_voor_zijn_gebruiker(
    slachtoffer: Slachtoffer, db: None, clients: dict[str, Client], sleutel: str
) -> None:
    """The sweep is not vacuous: with only its valid values each target answers 200."""
    doel = PARAMETERS[sleutel]
    url = reverse(doel.naam, args=doel.args(slachtoffer))
    assert _probeer(clients[doel.wie], url, doel.basis)[0] == 200


# --- the API's answer to an out-of-range value ---------------------------------------------


@pytest.mark.parametrize(
    ("pad", "parameter", "waarde"),
    [
        ("signalen", "school", "99999999999999999999999"),
        ("meldingen", "leerling", "99999999999999999999999"),
        ("leerlingen", "school", "9223372036854775808"),
        ("inschrijvingen", "leerling", "-1"),
        ("casussen", "leerling", "0"),
        ("scholen", "pagina", "99999999999999999999999"),
        ("scholen", "pagina", "-1"),
        ("scholen", "pagina", "abc"),
        ("scholen", "per_pagina", "0"),
        ("scholen", "per_pagina", "abc"),
        ("signalen", "aangemaakt_sinds", "0001-01-01T00:00:00+01:00"),
        ("signalen", "aangemaakt_sinds", "9999-12-31T23:59:59-01:00"),
    ],
)
def test_de_api_weigert_een_waarde_buiten_bereik_met_een_nederlandse_400(
    slachtoffer: Slachtoffer,
    db: None,
    clients: dict[str, Client],
    pad: str,
    parameter: str,
    waarde: str,
) -> None:
    antwoord = clients["school"].get(f"/api/v1/{pad}/", {parameter: waarde})
    assert antwoord.status_code == 400, antwoord.content
    (melding,) = antwoord.json()[parameter]
    assert NEDERLANDS.search(melding), melding
    assert melding.startswith("Geef"), melding


def test_de_api_neemt_nog_het_grootste_id_en_een_pagina_voorbij_het_einde(
    slachtoffer: Slachtoffer, db: None, clients: dict[str, Client]
) -> None:
    client = clients["school"]
    grootste = str(2**63 - 1)
    assert client.get("/api/v1/signalen/", {"school": grootste}).json()["count"] == 0
    assert client.get("/api/v1/scholen/", {"per_pagina": "100000"}).status_code == 200
    # a well-formed page after the last is "not found", as before (DRF)
    assert client.get("/api/v1/scholen/", {"pagina": "5000"}).status_code == 404
    # an id in the path that no database holds is "not found" like any other
    assert client.get("/api/v1/leerlingen/99999999999999999999999/").status_code == 404


# --- no parameter is forgotten --------------------------------------------------------------

GELEZEN: dict[str, set[str]] = {}


class _Opnemend(QueryDict):
    """A QueryDict that notes every parameter the code looks up (copies too)."""

    doel = ""

    def _noteer(self, sleutel: object) -> None:
        if self.doel:  # not while QueryDict fills itself from the query string
            GELEZEN.setdefault(self.doel, set()).add(str(sleutel))

    def __getitem__(self, sleutel: str) -> Any:
        self._noteer(sleutel)
        return super().__getitem__(sleutel)

    def __contains__(self, sleutel: object) -> bool:
        self._noteer(sleutel)
        return super().__contains__(sleutel)

    def get(self, sleutel: str, default: Any = None) -> Any:
        self._noteer(sleutel)
        return super().get(sleutel, default)

    def getlist(self, sleutel: str, default: Any = None) -> list[Any]:
        self._noteer(sleutel)
        return super().getlist(sleutel, default)

    def __deepcopy__(self, memo: Any) -> Any:
        kopie = super().__deepcopy__(memo)
        kopie.doel = self.doel
        return kopie


class Opnemer:
    """Test middleware: request.GET becomes an _Opnemend for the URL's name."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.urls import resolve

        doel = resolve(request.path_info).view_name
        opnemend: Any = _Opnemend(request.META.get("QUERY_STRING", ""), encoding=request.encoding)
        opnemend.doel = doel
        request.GET = opnemend
        return self.get_response(request)


# the user who may open each page of the attack sweep that PARAMETERS does not list
GEBRUIKER = {
    "meldingen:meldingen": "lpa",
    "overleg:overleggen": "lpa",
    "overleg:nieuw": "lpa",
    "overleg:spreekuren": "lpa",
    "overleg:spreekuur_nieuw": "lpa",
    "verantwoording:inzagelog": "beheerder",
    "verantwoording:ongebruikelijk": "beheerder",
    "verantwoording:leerling_inzagelog": "beheerder",
    "verantwoording:leerling_inzagelog_export": "beheerder",
}


def test_elke_parameter_die_een_view_leest_wordt_getest(
    slachtoffer: Slachtoffer, db: None, settings: Any
) -> None:
    settings.MIDDLEWARE = ["tests.web.test_vreemde_invoer.Opnemer", *settings.MIDDLEWARE]
    GELEZEN.clear()
    clients: dict[str, Client] = {}

    def als(wie: str) -> Client:
        if wie not in clients:
            clients[wie] = Client()
            clients[wie].force_login(slachtoffer.gebruikers[wie])
        return clients[wie]

    # every GET of the attack sweep as its rightful user, and every target of this sweep
    # with its valid values (which leads the code to the parameters it reads further on)
    for aanval in OBJECTEN.values():
        if "GET" in aanval.methoden:
            als(aanval.eigenaar).get(reverse(aanval.naam, args=aanval.args(slachtoffer)))
    for naam in PAGINAS:
        bekend = PARAMETERS.get(naam)
        als(bekend.wie if bekend else GEBRUIKER.get(naam, "school")).get(
            reverse(naam), bekend.basis if bekend else None
        )
    for doel in PARAMETERS.values():
        als(doel.wie).get(reverse(doel.naam, args=doel.args(slachtoffer)), doel.basis)
    # the portal's pages, with a portal session of their rightful parent or pupil
    for portaaldoel in PORTAAL.values():
        if "GET" in portaaldoel.methoden:
            client = Client()
            sessie = client.session
            sessie[SESSIE_SLEUTEL] = slachtoffer.objecten[
                f"portaal_{portaaldoel.eigenaar}"
            ].gebruiker_id
            sessie.save()
            client.get(reverse(portaaldoel.naam, args=portaaldoel.args(slachtoffer)))
    for soort in API:
        pk = _een(soort, als("school"))
        if pk is not None:
            als("school").get(reverse(f"api:{soort}-detail", args=[pk]))

    assert GELEZEN, "the recorder saw nothing"
    vergeten = {
        naam: sorted(gelezen - set(PARAMETERS[naam].parameters if naam in PARAMETERS else ()))
        for naam, gelezen in GELEZEN.items()
    }
    # a detail of the API reads its list's filters (the same get_queryset), nothing more
    for soort in API:
        detail = GELEZEN.get(f"api:{soort}-detail", set())
        vergeten[f"api:{soort}-detail"] = sorted(
            detail - set(PARAMETERS[f"api:{soort}-list"].parameters)
        )
    assert {naam: p for naam, p in vergeten.items() if p} == {}


def _een(soort: str, client: Client) -> int | None:
    resultaten = client.get(reverse(f"api:{soort}-list")).json().get("results", [])
    return resultaten[0]["id"] if resultaten else None
