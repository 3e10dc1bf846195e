# SPDX-License-Identifier: EUPL-1.2
"""The issue's attack list on the portal, tested in one place and exhaustively (docs/relatie.md,
"Wie komt erin", "Wat ouders en leerling nooit zien"). Each sweep walks EVERY URL pattern of
the `portaal` namespace that takes a case (read from the resolver, so a new page is covered the
day it is added; a new URL parameter or page fails `test_elke_portaalpagina_is_bekend` until it
is given ids and POST data here), with GET and a POST of plausible valid data, and checks:

- the answer is 404, or a redirect to the portal's log-in or start page; never a page;
- nothing was written: the rows of Verhaal, Planreactie, Bericht, answered
  Overleguitnodiging, Correctieverzoek, Terugkoppeling and consents are counted before/after;
- the victim's distinctive strings (surname, address, story, message, letter, plan) appear in
  no answer.

Each test names the guard it protects; removing that guard makes it fail."""

from __future__ import annotations

import io
import json
import logging  # noqa: TID251  (only to quiet the django.request logger, below)
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import time, timedelta
from typing import Any

from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.converters import IntConverter, UUIDConverter
from django.utils import timezone

import pytest
from pypdf import PdfReader

from binnenboord.portaal.sessie import SESSIE_SLEUTEL
from binnenboord.regie import services
from binnenboord.regie.models import (
    Bericht,
    Brief,
    Contactmoment,
    Correctieverzoek,
    MedischeInhoud,
    Overleg,
    Overleguitnodiging,
    Planreactie,
    Portaaltoegang,
    Terugkoppeling,
    Verhaal,
)
from binnenboord.regie.relatie import uit_te_nodigen
from binnenboord.regie.services import relatie as diensten
from binnenboord.registratie.models import Leerling, Ouder
from binnenboord.toegang.models import Medewerker, Rol
from tests.factories import MedewerkerFactory, OrganisatieFactory, PortaaltoegangFactory
from tests.portaal.hulp import Gezin, gezin, log_in_portaal, nodig_uit, portaalgebruiker

pytestmark = pytest.mark.django_db

WACHTWOORD_NIEUW = "Een-lang-nieuw-wachtwoord-2026!"


@pytest.fixture(autouse=True)
def _stille_weigeringen() -> Iterator[None]:
    """Every refusal is logged as a warning with a traceback; here they are the expected
    outcome of hundreds of requests."""
    logger = logging.getLogger("django.request")
    niveau = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(niveau)


# --- a family's world: what each page of their case shows -------------------------------------


@dataclass
class Wereld:
    """A family (tests.portaal.hulp.gezin) with everything a portal page shows: a plan, the
    mother's and the pupil's story, messages, a past UVO and a meeting to come with the
    mother's invitations, a letter to the mother and to the pupil, a shared contact note, and
    what the family never sees (a note for professionals only with advice to the regisseur,
    medical content). Every text carries `merk`, so a leak is recognised."""

    g: Gezin
    merk: str
    uitnodiging: Overleguitnodiging  # the mother's, to a meeting to come
    uitnodiging_leerling: Overleguitnodiging
    brief: Brief  # to the mother
    brief_leerling: Brief
    kenmerken: tuple[str, ...] = ()
    geheimen: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    def ids(self, toegang: Portaaltoegang | None = None) -> dict[str, Any]:
        """The URL ids of `toegang`'s world (default the mother's)."""
        toegang = toegang or self.g.ouder_toegang
        assert toegang is not None
        leerling = toegang.is_leerling
        return {
            "toegang": toegang.pk,
            "uitnodiging": (self.uitnodiging_leerling if leerling else self.uitnodiging).pk,
            "brief": (self.brief_leerling if leerling else self.brief).pk,
            "moment": Terugkoppeling.Moment.NA_UVO,
            "pagina": 1,
        }


def _brief(w: Gezin, tekst: str, **aan: Any) -> Brief:
    return Brief.objects.create(
        casus=w.casus,
        sjabloon=Brief.Sjabloon.UITNODIGING_GESPREK,
        aan="Aan u",
        tekst=f"<html><body><p>{tekst}</p></body></html>",
        datum=timezone.localdate(),
        door=w.regisseur,
        **aan,
    )


def _overleg(g: Gezin, dagen: int) -> Overleg:
    return Overleg.objects.create(
        soort="uvo",
        organisatie=g.regisseur.organisatie,  # type: ignore[misc]
        datum=timezone.localdate() + timedelta(days=dagen),
        aanvang=time(14, 30),
        locatie="Stadhuis",
        aangemaakt_door=g.regisseur,
    )


def wereld(merk: str, *, leeftijd: int = 14, regisseur: Medewerker | None = None) -> Wereld:
    g = gezin(leeftijd=leeftijd, regisseur=regisseur)
    assert g.ouder_toegang is not None and g.leerling_toegang is not None
    Leerling.objects.filter(pk=g.leerling.pk).update(
        achternaam=f"Achternaam{merk}", straat=f"Kindstraat{merk}", huisnummer="1"
    )
    Ouder.objects.filter(pk=g.ouder.pk).update(
        achternaam=f"Moedernaam{merk}", straat=f"Moederstraat{merk}", postcode="9999 ZZ"
    )
    g.leerling.refresh_from_db()
    g.ouder.refresh_from_db()
    services.sla_plan_op(
        casus=g.casus, door=g.regisseur, basis_versie=0, doel=f"Plandoel{merk}", afspraken="Bellen"
    )
    Verhaal.objects.create(casus=g.casus, toegang=g.ouder_toegang, wat_speelt=f"Verhaal{merk}")
    Verhaal.objects.create(
        casus=g.casus, toegang=g.leerling_toegang, wat_speelt=f"Leerlingverhaal{merk}"
    )
    for t in (g.ouder_toegang, g.leerling_toegang):
        Bericht.objects.create(toegang=t, casus=g.casus, door=g.regisseur, tekst=f"Bericht{merk}")
    verleden, straks = _overleg(g, -3), _overleg(g, 10)
    uitnodigingen = {}
    for t in (g.ouder_toegang, g.leerling_toegang):
        Overleguitnodiging.objects.create(
            overleg=verleden, casus=g.casus, toegang=t, uitgenodigd_door=g.regisseur
        )
        uitnodigingen[t.pk] = Overleguitnodiging.objects.create(
            overleg=straks, casus=g.casus, toegang=t, uitgenodigd_door=g.regisseur
        )
    brief = _brief(g, f"Brieftekst{merk}", ouder=g.ouder)
    brief_leerling = _brief(g, f"Leerlingbrief{merk}", aan_leerling=True)
    Contactmoment.objects.create(
        casus=g.casus,
        soort="gesprek",
        datum=timezone.localdate(),
        met=["ouders", "leerling"],
        verslag=f"Gedeeldverslag{merk}",
        door=g.regisseur,
    )
    apart = Contactmoment.objects.create(
        casus=g.casus,
        soort="telefoon",
        datum=timezone.localdate(),
        met=["zorg"],
        verslag=f"Alleenprofessionals{merk}",
        alleen_professionals=True,
        advies_regisseur=f"Adviesregisseur{merk}",
        door=g.regisseur,
    )
    gemeente = g.leerling.woongemeente
    jgz: Medewerker = MedewerkerFactory(  # type: ignore[assignment]
        rol=Rol.JEUGDARTS, organisatie=OrganisatieFactory(naam=f"GGD {merk}", gemeenten=[gemeente])
    )
    MedischeInhoud.objects.create(
        casus=g.casus,
        contactmoment=apart,
        tekst=f"Medisch{merk}",
        organisatie=jgz.organisatie,  # type: ignore[misc]
        door=jgz,
    )
    return Wereld(
        g=g,
        merk=merk,
        uitnodiging=uitnodigingen[g.ouder_toegang.pk],
        uitnodiging_leerling=uitnodigingen[g.leerling_toegang.pk],
        brief=brief,
        brief_leerling=brief_leerling,
        kenmerken=(
            f"Achternaam{merk}",
            f"Kindstraat{merk}",
            f"Moedernaam{merk}",
            f"Moederstraat{merk}",
            f"Plandoel{merk}",
            f"Verhaal{merk}",
            f"Bericht{merk}",
            f"Brieftekst{merk}",
            f"Leerlingbrief{merk}",
            f"Gedeeldverslag{merk}",
        ),
        geheimen=(f"Alleenprofessionals{merk}", f"Adviesregisseur{merk}", f"Medisch{merk}"),
    )


# --- the portal's case pages, read from the resolver -------------------------------------------


def _naamruimte(naam: str) -> URLResolver:
    for patroon in get_resolver().url_patterns:
        if isinstance(patroon, URLResolver) and patroon.namespace == naam:
            return patroon
    raise AssertionError(f"no namespace {naam}")


def casuspaginas() -> list[tuple[str, list[str]]]:
    """Every URL of the `portaal` namespace that takes a case (`toegang`): (name, its
    parameters in order)."""
    uitkomst = []
    for patroon in _naamruimte("portaal").url_patterns:
        assert isinstance(patroon, URLPattern), patroon
        parameters = list(patroon.pattern.converters)
        if "toegang" in parameters:
            uitkomst.append((str(patroon.name), parameters))
    return uitkomst


def _post(naam: str, ids: dict[str, Any], merk: str) -> dict[str, Any]:
    """Plausible valid data for each page's form (what the rightful user would send)."""
    tekst = f"Aanval{merk}"
    data: dict[str, dict[str, Any]] = {
        "plan": {"eens": "nee", "toelichting": tekst},
        "verhaal": {"wat_speelt": tekst, "wat_wil_ik": tekst, "wat_heb_ik_nodig": tekst},
        "overleg_antwoord": {
            f"u{ids['uitnodiging']}-antwoord": "meegeven",
            f"u{ids['uitnodiging']}-tekst": tekst,
        },
        "berichten": {"tekst": tekst},
        "correctie": {"wat": tekst, "toelichting": tekst},
        "vragenlijst": {
            **{f"vraag_{code}": "2" for code in diensten.VRAGEN},
            "open_antwoord": tekst,
        },
        "toestemming": {
            "ouder": ids.get("ouder_toegang", ids["toegang"]),
            f"ouder{ids.get('ouder_toegang', ids['toegang'])}-toestemming": "ja",
        },
    }
    return data.get(naam, {"tekst": tekst})


# pages that take no POST at all (still POSTed to: they must refuse it the same way)
ALLEEN_GET = {
    "casus",
    "mensen",
    "overleggen",
    "brieven",
    "brief_pdf",
    "gegevens",
    "gegevens_pdf",
    "gegevens_json",
    "wie_keek",
}
MET_POST = {
    "plan",
    "verhaal",
    "overleg_antwoord",
    "berichten",
    "correctie",
    "vragenlijst",
    "toestemming",
}


def url(naam: str, parameters: list[str], ids: dict[str, Any]) -> str:
    return reverse(f"portaal:{naam}", args=[ids[p] for p in parameters])


def test_elke_portaalpagina_is_bekend() -> None:
    """A new page of a case must be placed here (its ids and POST data) to be swept."""
    paginas = casuspaginas()
    assert {n for n, _ in paginas} == ALLEEN_GET | MET_POST
    bekend = {"toegang", "uitnodiging", "brief", "moment", "pagina"}
    assert {p for _, ps in paginas for p in ps} <= bekend


# --- reading an answer -------------------------------------------------------------------------


def tekst(antwoord: Any) -> str:
    """The text of an answer: the HTML or JSON as sent (JSON also decoded, so escaped
    characters count), a PDF's extracted text."""
    inhoud = b"".join(antwoord) if getattr(antwoord, "streaming", False) else antwoord.content
    if antwoord.get("Content-Type", "").startswith("application/pdf"):
        lezer = PdfReader(io.BytesIO(inhoud))
        return "\n".join(p.extract_text() or "" for p in lezer.pages)
    ruw = inhoud.decode("utf-8", errors="replace")
    if antwoord.get("Content-Type", "").startswith("application/json"):
        ruw += json.dumps(json.loads(ruw), ensure_ascii=False)
    return ruw


def stand() -> dict[str, int]:
    """What an attack could write, counted."""
    return {
        "verhaal": Verhaal.objects.count(),
        "planreactie": Planreactie.objects.count(),
        "bericht": Bericht.objects.count(),
        "overlegantwoord": Overleguitnodiging.objects.exclude(antwoord="").count(),
        "correctieverzoek": Correctieverzoek.objects.count(),
        "terugkoppeling": Terugkoppeling.objects.count(),
        "toestemming": Portaaltoegang.objects.filter(toestemming_leerling_op__isnull=False).count(),
        "actief": Portaaltoegang.objects.filter(status=Portaaltoegang.Status.ACTIEF).count(),
    }


def _ingelogd(antwoord: Any) -> bool:
    """Whether the request ran as a logged-in staff member."""
    gebruiker = getattr(antwoord.wsgi_request, "user", None)
    return bool(gebruiker is not None and gebruiker.is_authenticated)


def _geweigerd(antwoord: Any) -> bool:
    if antwoord.status_code == 404:
        return True
    return antwoord.status_code == 302 and antwoord["Location"] in (
        reverse("portaal:inloggen"),
        reverse("portaal:start"),
    )


def veeg(
    client: Client, ids: dict[str, Any], kenmerken: tuple[str, ...], merk: str = "X"
) -> list[tuple[Any, ...]]:
    """GET and POST every case page with `ids`: what was not refused, or showed a
    distinctive string, or made request.user a staff member. Empty: all refused."""
    fouten: list[tuple[Any, ...]] = []
    voor = stand()
    for naam, parameters in casuspaginas():
        adres = url(naam, parameters, ids)
        for methode in ("GET", "POST"):
            if methode == "GET":
                antwoord = client.get(adres)
            else:
                antwoord = client.post(adres, _post(naam, ids, merk))
            if not _geweigerd(antwoord):
                fouten.append((naam, methode, antwoord.status_code))
            inhoud = tekst(antwoord)
            if lek := [k for k in kenmerken if k in inhoud]:
                fouten.append((naam, methode, "toont", lek))
            if _ingelogd(antwoord):
                fouten.append((naam, methode, "request.user is ingelogd"))
    if (na := stand()) != voor:
        fouten.append(("veranderd", voor, na))
    return fouten


def open_paginas(client: Client, ids: dict[str, Any]) -> dict[str, int]:
    """The status of GET on every case page: the positive control."""
    return {
        "/".join([naam, *parameters]): client.get(url(naam, parameters, ids)).status_code
        for naam, parameters in casuspaginas()
    }


def verwacht_open(leerling: bool) -> dict[str, int]:
    """What the rightful user gets on GET: every page, except the consent page for a
    parent (404) and the answer URL that takes only a POST (405)."""
    uitkomst = {}
    for naam, parameters in casuspaginas():
        status = 200
        if naam == "overleg_antwoord":
            status = 405
        elif naam == "toestemming" and not leerling:
            status = 404
        uitkomst["/".join([naam, *parameters])] = status
    return uitkomst


def als(gebruiker: Any) -> Client:
    return log_in_portaal(Client(), gebruiker)


# --- 1. another family -------------------------------------------------------------------------


@pytest.mark.parametrize("waar", ["zelfde gemeente", "andere gemeente"])
def test_een_ouder_van_een_ander_kind_probeert_elke_url_en_id(waar: str) -> None:
    """Guard: portaal.inzage.casuspagina → regie.relatie.geldige_toegang (only the user's own
    access; 404 otherwise), and the selectors that look a letter or invitation up within the
    access (portaal.selectors.brief / uitnodiging)."""
    slachtoffer = wereld("Slachtoffer")
    regisseur = slachtoffer.g.regisseur if waar == "zelfde gemeente" else None
    aanvaller = wereld("Aanvaller", regisseur=regisseur)
    if waar == "zelfde gemeente":
        assert aanvaller.g.leerling.woongemeente == slachtoffer.g.leerling.woongemeente
    else:
        assert aanvaller.g.leerling.woongemeente != slachtoffer.g.leerling.woongemeente
    kenmerken = slachtoffer.kenmerken + slachtoffer.geheimen
    g = slachtoffer.g
    for wie in (aanvaller.g.ouder_gebruiker, aanvaller.g.leerling_gebruiker):
        client = als(wie)
        # the victim's mother's and pupil's ids
        assert veeg(client, slachtoffer.ids(), kenmerken) == []
        assert veeg(client, slachtoffer.ids(g.leerling_toegang), kenmerken) == []
        # one's own access with the victim's letter, invitation: not found within one's own
        eigen = aanvaller.ids(wie.toegangen.get())
        gemengd = {
            **eigen,
            "brief": slachtoffer.brief.pk,
            "uitnodiging": slachtoffer.uitnodiging.pk,
        }
        voor = stand()
        for naam in ("brief_pdf", "overleg_antwoord"):
            parameters = next(ps for n, ps in casuspaginas() if n == naam)
            methode = client.get if naam == "brief_pdf" else client.post
            antwoord = methode(url(naam, parameters, gemengd), _post(naam, gemengd, "X"))
            assert antwoord.status_code == 404, (naam, antwoord.status_code)
            assert not [k for k in kenmerken if k in tekst(antwoord)]
        assert stand() == voor
    # positive control: the attacker's own pages open, the victim's own mother sees hers
    assert open_paginas(als(aanvaller.g.ouder_gebruiker), aanvaller.ids()) == verwacht_open(False)
    eigen_client = als(g.ouder_gebruiker)
    assert open_paginas(eigen_client, slachtoffer.ids()) == verwacht_open(False)
    assert "Verhaal" + slachtoffer.merk in tekst(
        eigen_client.get(url("verhaal", ["toegang"], slachtoffer.ids()))
    )


# --- 2. the staff side -------------------------------------------------------------------------

UITGESLOTEN_NAAMRUIMTEN = {"portaal", "admin", "djdt"}
# pages open to anyone by design (no case data): the staff log-in and the API's schema
# favicon: a redirect to a static icon; eenmalig_inloggen: a one-time link's page (410 without a
# live token); the health checks of load balancers; the log-in with the own organisation
OPENBAAR = {
    "login",
    "api:schema",
    "favicon",
    "eenmalig_inloggen",
    "gezondheid_leeft",
    "gezondheid_klaar",
    "web:sso_start",
    "web:sso_terug",
    "web:sso_geweigerd",
}


def _stafpatronen() -> list[tuple[str, dict[str, Any]]]:
    """Every named URL outside the portal, admin, static and i18n, as (name, converters)."""
    uitkomst: list[tuple[str, dict[str, Any]]] = []

    def loop(patronen: list[Any], ruimte: str, converters: dict[str, Any]) -> None:
        for patroon in patronen:
            eigen_groepen = patroon.pattern.regex.groupindex
            # a regex pattern (the REST API's router) names its groups without converters
            alle = {
                **converters,
                **{g: None for g in eigen_groepen},
                **patroon.pattern.converters,
            }
            if isinstance(patroon, URLResolver):
                if patroon.namespace in UITGESLOTEN_NAAMRUIMTEN:
                    continue
                eigen = f"{ruimte}{patroon.namespace}:" if patroon.namespace else ruimte
                loop(patroon.url_patterns, eigen, alle)
            elif isinstance(patroon, URLPattern) and patroon.name:
                route = str(patroon.pattern)
                if patroon.name == "set_language" or route.startswith(
                    (settings.STATIC_URL.lstrip("/"), "static")
                ):
                    continue
                uitkomst.append((f"{ruimte}{patroon.name}", alle))

    loop(get_resolver().url_patterns, "", {})
    return uitkomst


def _vul(converters: dict[str, Any], pk: int) -> dict[str, Any]:
    waarden: dict[str, Any] = {}
    for naam, converter in converters.items():
        if naam == "format":
            waarden[naam] = "json"
        elif converter is None or isinstance(converter, IntConverter):
            waarden[naam] = pk
        elif isinstance(converter, UUIDConverter):
            waarden[naam] = uuid.uuid4()
        else:
            waarden[naam] = "na_uvo" if naam == "moment" else "x"
    return waarden


def test_een_portaalsessie_komt_op_geen_enkele_stafpagina() -> None:
    """Guard: Django's LoginRequiredMiddleware (a portal session is no staff log-in:
    portaal.sessie never calls django.contrib.auth.login) and each staff view's permission
    check. Every staff URL, filled with the ids of the parent's own child's case, answers a
    redirect to the staff log-in (or 401/403/404/405); a page open to anyone by design
    (login_not_required) shows nothing of the case; request.user is never authenticated."""
    w = wereld("Eigen")
    g = w.g
    client = als(g.ouder_gebruiker)
    inloggen = reverse(settings.LOGIN_URL)
    kenmerken = w.kenmerken + w.geheimen
    patronen = _stafpatronen()
    assert len(patronen) > 50  # the staff side is really walked
    fouten: list[tuple[Any, ...]] = []
    openbaar: list[str] = []
    voor = stand()
    for naam, converters in patronen:
        for pk in (g.casus.pk, g.leerling.pk):
            try:
                adres = reverse(naam, kwargs=_vul(converters, pk))
            except Exception as fout:
                fouten.append((naam, "reverse", repr(fout)))
                continue
            vrij = getattr(resolve(adres).func, "login_required", True) is False
            for methode in ("GET", "POST"):
                antwoord = client.get(adres) if methode == "GET" else client.post(adres, {"x": "1"})
                if _ingelogd(antwoord):
                    fouten.append((naam, methode, "request.user is ingelogd"))
                if lek := [k for k in kenmerken if k in tekst(antwoord)]:
                    fouten.append((naam, methode, "toont", lek))
                status = antwoord.status_code
                if vrij:
                    # outside the staff log-in by design: the log-in page and the API schema
                    # answer anyone; the REST API's token check refuses a portal session
                    openbaar.append(naam)
                    if naam in OPENBAAR or status in (401, 403, 404, 405):
                        continue
                naar_inloggen = status == 302 and antwoord["Location"].startswith(inloggen)
                if not (naar_inloggen or status in (401, 403, 404, 405)):
                    fouten.append((naam, methode, status))
    assert fouten == []
    assert stand() == voor
    # the staff pages are walked, not only the open ones
    assert len(set(openbaar)) < len(patronen) / 4
    assert set(openbaar) >= OPENBAAR
    # the session is still the portal's: the parent's own page opens
    assert client.get(url("casus", ["toegang"], w.ids())).status_code == 200


# --- 3. a pupil of 17 without consent ---------------------------------------------------------


def test_een_ouder_van_een_leerling_van_17_zonder_toestemming_en_met_toestemming() -> None:
    """Guard: regie.relatie.reden_geen_toegang, "from PORTAAL_LEEFTIJD_TOESTEMMING a parent
    only with the pupil's consent" (toestemming_leerling_op); the consent is given and
    withdrawn only by the pupil through portaal:toestemming (regie.services.relatie
    .geef_toestemming)."""
    w = wereld("Zeventien", leeftijd=17)
    g = w.g
    assert g.ouder_toegang is not None
    ouder = als(g.ouder_gebruiker)
    kenmerken = (f"Plandoel{w.merk}", f"Leerlingverhaal{w.merk}", f"Brieftekst{w.merk}")
    assert veeg(ouder, w.ids(), kenmerken + w.geheimen) == []
    # the parent cannot give herself the consent through the pupil's page
    ids_ouder = {**w.ids(), "ouder_toegang": g.ouder_toegang.pk}
    ouder.post(url("toestemming", ["toegang"], ids_ouder), _post("toestemming", ids_ouder, "X"))
    g.ouder_toegang.refresh_from_db()
    assert g.ouder_toegang.toestemming_leerling_op is None
    # the pupil gives consent in the portal: the parent is let in (the positive control)
    leerling = als(g.leerling_gebruiker)
    ids = {**w.ids(g.leerling_toegang), "ouder_toegang": g.ouder_toegang.pk}
    adres = url("toestemming", ["toegang"], ids)
    antwoord = leerling.post(adres, _post("toestemming", ids, "X"))
    assert antwoord.status_code == 302
    g.ouder_toegang.refresh_from_db()
    assert g.ouder_toegang.toestemming_leerling_op is not None
    assert open_paginas(ouder, w.ids()) == verwacht_open(False)
    # withdrawn: refused again
    antwoord = leerling.post(
        adres, {"ouder": g.ouder_toegang.pk, f"ouder{g.ouder_toegang.pk}-toestemming": "nee"}
    )
    assert antwoord.status_code == 302
    g.ouder_toegang.refresh_from_db()
    assert g.ouder_toegang.toestemming_leerling_op is None
    assert veeg(ouder, w.ids(), kenmerken + w.geheimen) == []


# --- 4. a parent without gezag ------------------------------------------------------------------


def test_een_ouder_zonder_gezag_met_een_actieve_toegang_wordt_geweigerd() -> None:
    """Guard: regie.relatie.reden_geen_toegang, "Alleen een ouder met gezag" (gezag read from
    the register at every request, not when the access was accepted)."""
    w = wereld("Gezag")
    ouder = als(w.g.ouder_gebruiker)
    assert open_paginas(ouder, w.ids()) == verwacht_open(False)
    Ouder.objects.filter(pk=w.g.ouder.pk).update(gezag=False)  # the register changed
    assert veeg(ouder, w.ids(), w.kenmerken + w.geheimen) == []


def _activeer(client: Client, code: str) -> Any:
    return client.post(
        reverse("portaal:inloggen"),
        {
            "actie": "activeren",
            "activeren-code": code,
            "activeren-wachtwoord": WACHTWOORD_NIEUW,
            "activeren-wachtwoord_opnieuw": WACHTWOORD_NIEUW,
        },
    )


def test_een_ouder_zonder_gezag_kan_een_uitnodiging_niet_aanvaarden() -> None:
    """Guard: regie.services.relatie.aanvaard, "Alleen een ouder met gezag krijgt toegang"
    (gezag lost between invitation and acceptance)."""
    w = wereld("Aanvaarden")
    vader = w.g.ouder_zonder_gezag
    Ouder.objects.filter(pk=vader.pk).update(gezag=True)
    vader.refresh_from_db()
    uitnodiging = nodig_uit(w.g, vader)
    Ouder.objects.filter(pk=vader.pk).update(gezag=False)
    voor = stand()
    # the first log-in with the code, and the code page of a logged-in user
    client = Client()
    antwoord = _activeer(client, uitnodiging.code)
    assert antwoord.status_code == 200
    assert not antwoord.wsgi_request.session.get(SESSIE_SLEUTEL)
    # a logged-in user without any access in this case (the code page)
    als(portaalgebruiker()).post(reverse("portaal:code"), {"uitnodiging-code": uitnodiging.code})
    assert stand() == voor
    uitnodiging.toegang.refresh_from_db()
    assert uitnodiging.toegang.status == Portaaltoegang.Status.UITGENODIGD
    assert uitnodiging.toegang.gebruiker is None


def test_de_regisseur_kan_een_ouder_zonder_gezag_niet_uitnodigen() -> None:
    """Guard: regie.services.relatie.nodig_uit ("Alleen een ouder met gezag kan worden
    uitgenodigd") and regie.relatie.uit_te_nodigen (the invite form offers only parents with
    gezag)."""
    w = wereld("Uitnodigen")
    g = w.g
    vader = g.ouder_zonder_gezag
    with pytest.raises(diensten.RelatieNietMogelijk):
        nodig_uit(g, vader)
    assert f"ouder:{vader.pk}" not in dict(uit_te_nodigen(g.casus))
    staf = Client()
    staf.force_login(g.regisseur)
    aantal = Portaaltoegang.objects.count()
    antwoord = staf.post(
        reverse("regie:relatie_uitnodigen", args=[g.casus.pk]),
        {"uitnodigen-persoon": f"ouder:{vader.pk}", "uitnodigen-via": "brief"},
    )
    assert antwoord.status_code in (200, 400)
    assert Portaaltoegang.objects.count() == aantal
    assert not Portaaltoegang.objects.filter(ouder=vader).exists()


# --- 5. a withheld parent, an ended access ------------------------------------------------------


def test_een_onthouden_ouder_en_een_beeindigde_toegang_worden_geweigerd() -> None:
    """Guard: regie.relatie.reden_geen_toegang (status ontzegd / beeindigd) behind
    geldige_toegang; regie.services.relatie.nodig_uit refuses a new invitation of a withheld
    parent ("De toegang van deze ouder is onthouden"), and uit_te_nodigen does not offer her."""
    w = wereld("Onthouden")
    g = w.g
    assert g.ouder_toegang is not None and g.leerling_toegang is not None
    ouder, leerling = als(g.ouder_gebruiker), als(g.leerling_gebruiker)
    assert open_paginas(ouder, w.ids()) == verwacht_open(False)
    assert open_paginas(leerling, w.ids(g.leerling_toegang)) == verwacht_open(True)
    onthouden = diensten.ontzeg_toegang(
        casus=g.casus, ouder=g.ouder, door=g.regisseur, reden="Veilig Thuis"
    )
    diensten.beeindig_toegang(toegang=g.leerling_toegang, door=g.regisseur, reden="Gestopt")
    kenmerken = w.kenmerken + w.geheimen
    assert veeg(ouder, w.ids(), kenmerken) == []
    # the withholding row keeps her user: its id opens nothing either
    assert onthouden.gebruiker_id == g.ouder_gebruiker.pk
    assert veeg(ouder, {**w.ids(), "toegang": onthouden.pk}, kenmerken) == []
    assert veeg(leerling, w.ids(g.leerling_toegang), kenmerken) == []
    # a new invitation for the withheld parent: refused by the service and not offered
    aantal = Portaaltoegang.objects.count()
    with pytest.raises(diensten.RelatieNietMogelijk):
        nodig_uit(g, g.ouder)
    assert f"ouder:{g.ouder.pk}" not in dict(uit_te_nodigen(g.casus))
    staf = Client()
    staf.force_login(g.regisseur)
    staf.post(
        reverse("regie:relatie_uitnodigen", args=[g.casus.pk]),
        {"uitnodigen-persoon": f"ouder:{g.ouder.pk}", "uitnodigen-via": "brief"},
    )
    assert Portaaltoegang.objects.count() == aantal


# --- 6. a shielded address ---------------------------------------------------------------------


def _alle_antwoorden(client: Client, ids: dict[str, Any]) -> dict[str, str]:
    """The text of every case page the user opens (GET), PDFs and JSON included."""
    uitkomst = {}
    for naam, parameters in casuspaginas():
        antwoord = client.get(url(naam, parameters, ids))
        if antwoord.status_code == 200:
            uitkomst["/".join([naam, *parameters])] = tekst(antwoord)
    for naam in ("start", "instellingen", "code"):
        uitkomst[naam] = tekst(client.get(reverse(f"portaal:{naam}"), follow=True))
    return uitkomst


def test_de_andere_ouder_ziet_nooit_een_afgeschermd_adres() -> None:
    """Guard: portaal.avg (the copy: the other parent's address only when not shielded, the
    child's shielded address to no parent but ... ) and the pages' selectors; a parent sees
    her own address."""
    w = wereld("Afgeschermd")
    g = w.g
    Ouder.objects.filter(pk=g.ouder.pk).update(
        straat="Moedergeheimlaan", huisnummer="77", postcode="1234 QQ", adres_afgeschermd=True
    )
    Leerling.objects.filter(pk=g.leerling.pk).update(
        straat="Kindgeheimhof", huisnummer="88", postcode="5678 RR", adres_afgeschermd=True
    )
    vader = g.ouder_zonder_gezag
    Ouder.objects.filter(pk=vader.pk).update(gezag=True, straat="Vaderpad", huisnummer="5")
    t_vader: Portaaltoegang = PortaaltoegangFactory(  # type: ignore[assignment]
        casus=g.casus, ouder=vader, uitgenodigd_door=g.regisseur
    )
    Brief.objects.create(
        casus=g.casus,
        sjabloon=Brief.Sjabloon.UITNODIGING_GESPREK,
        aan="Aan u",
        tekst="<html><body><p>Vadersbrief</p></body></html>",
        datum=timezone.localdate(),
        door=g.regisseur,
        ouder=vader,
    )
    vaders_brief = Brief.objects.get(ouder=vader)
    uitnodiging = Overleguitnodiging.objects.create(
        overleg=w.uitnodiging.overleg, casus=g.casus, toegang=t_vader, uitgenodigd_door=g.regisseur
    )
    ids = {**w.ids(t_vader), "brief": vaders_brief.pk, "uitnodiging": uitnodiging.pk}
    antwoorden = _alle_antwoorden(als(t_vader.gebruiker), ids)
    # every page was read, the downloads too
    assert {
        "gegevens/toegang",
        "gegevens_pdf/toegang",
        "gegevens_json/toegang",
        "brief_pdf/toegang/brief",
    } <= set(antwoorden)
    assert "Vadersbrief" in antwoorden["brief_pdf/toegang/brief"]
    assert "Vaderpad" in antwoorden["gegevens/toegang"]  # his own address: the copy has addresses
    geheim = ("Moedergeheimlaan", "1234 QQ", "1234QQ", "Kindgeheimhof", "5678 RR", "5678RR")
    lekken = {pagina: [s for s in geheim if s in inhoud] for pagina, inhoud in antwoorden.items()}
    assert {p: w for p, w in lekken.items() if w} == {}
    # the mother sees her own address
    moeder = _alle_antwoorden(als(g.ouder_gebruiker), w.ids())
    assert "Moedergeheimlaan" in moeder["gegevens/toegang"]
    assert "Moedergeheimlaan" in moeder["gegevens_json/toegang"]


# --- 7. what never reaches the portal ----------------------------------------------------------


@pytest.mark.parametrize("wie", ["ouder", "leerling"])
def test_een_notitie_alleen_voor_professionals_en_medische_inhoud_bereiken_het_portaal_nooit(
    wie: str,
) -> None:
    """Guard: portaal.avg / portaal.selectors leave out Contactmoment.alleen_professionals,
    Contactmoment.advies_regisseur and MedischeInhoud (the shared note of the same case is
    shown: the copy does carry contact notes)."""
    w = wereld("Nooit")
    g = w.g
    toegang = g.ouder_toegang if wie == "ouder" else g.leerling_toegang
    assert toegang is not None
    antwoorden = _alle_antwoorden(als(toegang.gebruiker), w.ids(toegang))
    assert len(antwoorden) >= len(casuspaginas())  # every page answered 200 (one 405 + 3 extra)
    assert f"Gedeeldverslag{w.merk}" in antwoorden["gegevens_json/toegang"]
    assert f"Gedeeldverslag{w.merk}" in antwoorden["gegevens_pdf/toegang"]
    lekken = {p: [s for s in w.geheimen if s in i] for p, i in antwoorden.items()}
    assert {p: w for p, w in lekken.items() if w} == {}


# --- 8. a pupil under 12 -----------------------------------------------------------------------


def test_een_leerling_onder_de_12_met_een_toegang_wordt_geweigerd() -> None:
    """Guard: regie.relatie.reden_geen_toegang, "a pupil gets an own account from
    PORTAAL_LEEFTIJD_LEERLING" (an access row made anyway gives nothing)."""
    w = wereld("Elf", leeftijd=11)
    assert w.g.leerling_toegang is not None
    leerling = als(w.g.leerling_gebruiker)
    assert veeg(leerling, w.ids(w.g.leerling_toegang), w.kenmerken + w.geheimen) == []
    # positive control: the mother of the same case is let in
    assert open_paginas(als(w.g.ouder_gebruiker), w.ids()) == verwacht_open(False)


# --- 9. replay of a code -----------------------------------------------------------------------


def test_een_gebruikte_of_verlopen_code_aanvaardt_niets_en_een_code_opent_geen_andere_casus() -> (
    None
):
    """Guard: regie.services.relatie.uitnodiging_met_code (status uitgenodigd and
    code_geldig_tot in the future; aanvaard wipes the code), and geldige_toegang (a code
    gives the one access it belongs to)."""
    a = wereld("CasusA")
    b = wereld("CasusB")
    vader = a.g.ouder_zonder_gezag
    Ouder.objects.filter(pk=vader.pk).update(gezag=True)
    vader.refresh_from_db()
    eerste = nodig_uit(a.g, vader)
    client = Client()
    assert _activeer(client, eerste.code).status_code == 302  # the rightful first use
    eerste.toegang.refresh_from_db()
    gebruiker = eerste.toegang.gebruiker
    assert gebruiker is not None and eerste.toegang.status == Portaaltoegang.Status.ACTIEF
    # the code opens case A only: every id of case B is refused
    aanvaller = als(gebruiker)
    assert (
        open_paginas(aanvaller, {**a.ids(eerste.toegang), "brief": a.brief.pk})["casus/toegang"]
        == 200
    )
    assert veeg(aanvaller, b.ids(), b.kenmerken + b.geheimen) == []
    assert veeg(aanvaller, b.ids(b.g.leerling_toegang), b.kenmerken + b.geheimen) == []
    # used: a second activation and the code page of another user accept nothing
    voor = stand()
    opnieuw = _activeer(Client(), eerste.code)
    assert opnieuw.status_code == 200 and not opnieuw.wsgi_request.session.get(SESSIE_SLEUTEL)
    als(b.g.ouder_gebruiker).post(reverse("portaal:code"), {"uitnodiging-code": eerste.code})
    assert stand() == voor
    eerste.toegang.refresh_from_db()
    assert eerste.toegang.gebruiker_id == gebruiker.pk
    # expired: the pupil's invitation of case B, its code past its day
    assert b.g.leerling_toegang is not None
    diensten.beeindig_toegang(toegang=b.g.leerling_toegang, door=b.g.regisseur, reden="Opnieuw")
    verlopen = nodig_uit(b.g, None)
    Portaaltoegang.objects.filter(pk=verlopen.toegang.pk).update(
        code_geldig_tot=timezone.now() - timedelta(minutes=1)
    )
    voor = stand()
    antwoord = _activeer(Client(), verlopen.code)
    assert antwoord.status_code == 200 and not antwoord.wsgi_request.session.get(SESSIE_SLEUTEL)
    als(a.g.ouder_gebruiker).post(reverse("portaal:code"), {"uitnodiging-code": verlopen.code})
    assert stand() == voor
    verlopen.toegang.refresh_from_db()
    assert verlopen.toegang.status == Portaaltoegang.Status.UITGENODIGD
    assert verlopen.toegang.gebruiker is None
    # the positive control of the expiry: the same code one minute before its end works
    Portaaltoegang.objects.filter(pk=verlopen.toegang.pk).update(
        code_geldig_tot=timezone.now() + timedelta(minutes=1)
    )
    assert _activeer(Client(), verlopen.code).status_code == 302
