# SPDX-License-Identifier: EUPL-1.2
"""The monitoring screens: the dashboard, the list behind a number and the export, per role.

The world (tests/wereld.py) plus, over the last whole month, in Demodam: 3 pupils with
absoluut verzuim and 6 with langdurig relatief verzuim at school 1 (2 of them with an open
case), and one pupil living in Buurdorp with langdurig relatief verzuim at school 1. Leerplicht
Demodam sees the 9 pupils of Demodam, not the one of Buurdorp."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import timedelta
from html import unescape
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

import pytest

from binnenboord.monitoring.exporteren import MEDIATYPES, bestandsnaam
from binnenboord.monitoring.forms import Keuze
from binnenboord.monitoring.rapport import (
    Periode,
    Rapport,
    Scope,
    lees_periode,
    standaardperiode,
)
from binnenboord.monitoring.selectors import scopes_voor
from binnenboord.regie import services
from binnenboord.regie.models import Casus
from binnenboord.registratie.models import Leerling, School
from binnenboord.toegang.models import Gemeente, Rol
from binnenboord.verantwoording.models import Inzage
from tests.factories import (
    InschrijvingFactory,
    LeerlingFactory,
    OrganisatieFactory,
)
from tests.monitoring.exporthulp import export_bestand
from tests.signalering.factories import episode
from tests.tekst import noemt
from tests.wereld import Wereld

pytestmark = pytest.mark.django_db

DEMODAM = "gemeente:9999"
BUURDORP = "gemeente:9998"


@dataclass
class Stad:
    wereld: Wereld
    periode: Periode
    school1: School
    absoluut: list[Leerling]
    relatief: list[Leerling]
    buurdorper: Leerling
    casussen: list[Casus]


def _thuiszitters(stad: Stad, aantal_absoluut: int, aantal_relatief: int) -> None:
    """Add pupils of Demodam at home on the last day of the period."""
    demodam = Gemeente.objects.get(code="9999")
    eind = stad.periode.tot
    for _ in range(aantal_absoluut):
        leerling = LeerlingFactory(woongemeente=demodam, postcode="1021 AB")
        episode(leerling, "absoluut_verzuim", eind - timedelta(days=10), eind - timedelta(10))
        stad.absoluut.append(leerling)
    for _ in range(aantal_relatief):
        leerling = LeerlingFactory(woongemeente=demodam, postcode="1050 AB")
        InschrijvingFactory(leerling=leerling, school=stad.school1)
        episode(
            leerling,
            "langdurig_relatief_verzuim",
            eind - timedelta(days=60),
            eind - timedelta(days=32),
            school=stad.school1,
        )
        stad.relatief.append(leerling)


def bouw_stad(wereld: Wereld) -> Stad:
    """The world of the module docstring (also used by tests/e2e/test_monitoring.py)."""
    periode = standaardperiode("maand", timezone.localdate())
    school1 = wereld.leerlingen["demodam_school1"].inschrijvingen.get().school
    buurdorp = Gemeente.objects.get(code="9998")
    buurdorper = LeerlingFactory(woongemeente=buurdorp, achternaam="Buitenstaander")
    InschrijvingFactory(leerling=buurdorper, school=school1)
    episode(
        buurdorper,
        "langdurig_relatief_verzuim",
        periode.tot - timedelta(days=60),
        periode.tot - timedelta(days=32),
        school=school1,
    )
    s = Stad(wereld, periode, school1, [], [], buurdorper, [])
    _thuiszitters(s, 3, 6)
    leerplicht = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    for leerling in s.relatief[:2]:
        s.casussen.append(
            services.open_casus(
                leerling=leerling,
                door=leerplicht,
                start=periode.tot - timedelta(days=60),
                aanpak="amsterdam_drie_fasen",
            )
        )
    return s


@pytest.fixture
def stad(wereld: Wereld) -> Stad:
    return bouw_stad(wereld)


def nl(tekst: str) -> str:
    with translation.override("nl"):
        return gettext(tekst)


def _params(stad: Stad, scope: str = DEMODAM, **extra: str) -> dict[str, str]:
    return {"soort": "maand", "periode": stad.periode.code, "scope": scope, **extra}


def _als(client: Client, stad: Stad, rol: str) -> Any:
    gebruiker = stad.wereld.medewerkers[rol]
    client.force_login(gebruiker)
    return gebruiker


def _lijstlinks(html: str) -> list[str]:
    return [unescape(u) for u in re.findall(r'href="(/cijfers/lijst/\?[^"]+)"', html)]


def _link(html: str, **waarden: str) -> str:
    """The drill-down link of one cell (by table, row and column)."""
    for url in _lijstlinks(html):
        parameters = dict(parse_qsl(urlsplit(url).query))
        if all(parameters.get(k) == v for k, v in waarden.items()):
            return url
    raise AssertionError(f"no link for {waarden}")


# --- who may open what -----------------------------------------------------------------------


@pytest.mark.parametrize("naam", ["monitoring:dashboard", "monitoring:lijst", "monitoring:export"])
def test_anonieme_bezoekers_gaan_naar_het_inloggen(client: Client, naam: str) -> None:
    response = client.get(reverse(naam), {"scope": DEMODAM, "formaat": "json"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("rol", [Rol.SCHOOLMEDEWERKER, Rol.JEUGDARTS, Rol.FUNCTIONEEL_BEHEERDER])
@pytest.mark.parametrize("naam", ["monitoring:dashboard", "monitoring:lijst", "monitoring:export"])
def test_rollen_zonder_cijfers_worden_geweigerd(
    client: Client, stad: Stad, rol: str, naam: str
) -> None:
    _als(client, stad, rol)
    params = _params(stad, tabel="categorie", rij="totaal", kolom="aantal", formaat="json")
    assert client.get(reverse(naam), params).status_code == 403
    assert not Inzage.objects.exists()


@pytest.mark.parametrize("naam", ["monitoring:dashboard", "monitoring:lijst", "monitoring:export"])
@pytest.mark.parametrize(
    ("rol", "scope"),
    [
        (Rol.LEERPLICHTAMBTENAAR, BUURDORP),
        (Rol.LEERPLICHTAMBTENAAR, "gemeente:4321"),
        (Rol.BELEIDSMEDEWERKER, BUURDORP),
        (Rol.LEERPLICHTAMBTENAAR, "swv:1"),
        (Rol.SWV_CONSULENT, DEMODAM),
    ],
)
def test_een_bereik_dat_de_gebruiker_niet_mag_zien_wordt_niet_gevonden(
    client: Client, stad: Stad, naam: str, rol: str, scope: str
) -> None:
    _als(client, stad, rol)
    params = _params(stad, scope, tabel="categorie", rij="totaal", kolom="aantal", formaat="pdf")
    assert client.get(reverse(naam), params).status_code == 404
    assert not Inzage.objects.exists()


def test_een_ander_samenwerkingsverband_wordt_niet_gevonden(client: Client, stad: Stad) -> None:
    ander = OrganisatieFactory(naam="SWV Elders", swv=True)
    _als(client, stad, Rol.SWV_CONSULENT)
    eigen = stad.wereld.medewerkers[Rol.SWV_CONSULENT].organisatie
    assert eigen is not None
    dashboard = reverse("monitoring:dashboard")
    assert client.get(dashboard, _params(stad, f"swv:{eigen.pk}")).status_code == 200
    assert client.get(dashboard, _params(stad, f"swv:{ander.pk}")).status_code == 404


def test_de_bereiken_die_een_gebruiker_kan_kiezen_halen_allemaal_de_regel(
    stad: Stad, settings: Any
) -> None:
    settings.AANPAK_PER_GEBIED = {"9999:1020-1039": "amsterdam_drie_fasen", "9998": "x"}
    leerplicht = stad.wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    scopes = scopes_voor(leerplicht)
    assert [s.tekst for s in scopes] == [
        DEMODAM,
        "gebied:9999:1020-1039",
        "buiten:9999:1020-1039",
        f"school:{stad.school1.brin}{stad.school1.vestiging}",
    ]
    assert scopes[0].label == "Demodam"
    assert all(leerplicht.has_perm("monitoring.view_rapport", s) for s in scopes)
    swv = stad.wereld.medewerkers[Rol.SWV_CONSULENT]
    assert [s.soort for s in scopes_voor(swv)] == ["swv"]
    assert all(swv.has_perm("monitoring.view_rapport", s) for s in scopes_voor(swv))
    assert scopes_voor(stad.wereld.medewerkers[Rol.SCHOOLMEDEWERKER]) == []
    assert scopes_voor(AnonymousUser()) == []


# --- the dashboard ---------------------------------------------------------------------------


def test_leerplicht_ziet_exacte_getallen_grafieken_met_tabellen_en_links(
    client: Client, stad: Stad
) -> None:
    _als(client, stad, Rol.LEERPLICHTAMBTENAAR)
    response = client.get(reverse("monitoring:dashboard"), _params(stad))
    assert response.status_code == 200
    rapport: Rapport = response.context["rapport"]
    assert not rapport.onderdrukking
    assert rapport.tabel("categorie").cel("absoluut_verzuim", "aantal").waarde == 3
    html = response.content.decode()
    # every chart has its text alternative and its table with caption and header scopes
    assert html.count('role="img"') == sum(len(s.grafieken) for s in rapport.secties) > 0
    assert html.count("<caption") == len(rapport.tabellen())
    assert 'scope="row"' in html and 'scope="col"' in html
    assert "<title id=" in html and "<desc id=" in html
    # the count of 3 opens its list; nothing is suppressed on screen for Leerplicht
    assert _link(html, tabel="categorie", rij="absoluut_verzuim", kolom="aantal")
    assert "&lt; 5" not in html
    # every export is offered
    for formaat in ("xlsx", "pdf", "csv", "json"):
        assert f"formaat={formaat}" in html


def test_standaard_is_het_rapport_van_vorige_maand_van_het_eerste_bereik(
    client: Client, stad: Stad
) -> None:
    _als(client, stad, Rol.LEERPLICHTAMBTENAAR)
    response = client.get(reverse("monitoring:dashboard"))
    assert response.status_code == 200
    rapport: Rapport = response.context["rapport"]
    assert (rapport.soort, rapport.periode, rapport.scope.tekst) == ("maand", stad.periode, DEMODAM)


def test_beleidsmedewerkers_zien_onderdrukte_getallen_en_geen_lijsten(
    client: Client, stad: Stad
) -> None:
    _als(client, stad, Rol.BELEIDSMEDEWERKER)
    response = client.get(reverse("monitoring:dashboard"), _params(stad))
    assert response.status_code == 200
    rapport: Rapport = response.context["rapport"]
    assert rapport.onderdrukking
    assert rapport.tabel("categorie").cel("absoluut_verzuim", "aantal").onderdrukt
    html = response.content.decode()
    assert "&lt; 5" in html
    assert _lijstlinks(html) == []
    assert not any(c.ids for t in rapport.tabellen() for r in t.rijen for c in r.cellen)
    for leerling in stad.absoluut + stad.relatief:
        assert not noemt(html, leerling.achternaam)
    # and the list behind a number stays closed, even with the right parameters
    lijst = client.get(
        reverse("monitoring:lijst"),
        _params(stad, tabel="categorie", rij="absoluut_verzuim", kolom="aantal"),
    )
    assert lijst.status_code == 403
    assert not Inzage.objects.exists()


@pytest.mark.parametrize(
    ("veld", "waarde", "fout"),
    [
        ("periode", "oktober", "'oktober' is geen periode"),
        ("periode", "2026-13", "'2026-13' is geen periode"),
        ("scope", "stad:1", "'stad:1' is geen bereik"),
        ("vergelijking", "rest", "Alleen een wijk heeft een rest van de gemeente"),
    ],
)
def test_foute_invoer_toont_de_nederlandse_fout_in_het_formulier(
    client: Client, stad: Stad, veld: str, waarde: str, fout: str
) -> None:
    _als(client, stad, Rol.LEERPLICHTAMBTENAAR)
    response = client.get(reverse("monitoring:dashboard"), _params(stad, **{veld: waarde}))
    assert response.status_code == 200
    assert response.context["rapport"] is None
    fouten = response.context["form"].errors[veld]
    assert len(fouten) == 1
    with translation.override("nl"):
        assert fout.lower() in fouten[0].lower()
    assert 'role="alert"' in response.content.decode()


def test_een_pilotwijk_vergeleken_met_de_rest(client: Client, stad: Stad, settings: Any) -> None:
    settings.AANPAK_PER_GEBIED = {"9999:1020-1039": "amsterdam_drie_fasen"}
    _als(client, stad, Rol.LEERPLICHTAMBTENAAR)
    response = client.get(
        reverse("monitoring:dashboard"),
        _params(stad, "gebied:9999:1020-1039", vergelijking="rest"),
    )
    assert response.status_code == 200
    rapport: Rapport = response.context["rapport"]
    vergelijking = rapport.tabel("vergelijking")
    # the 3 absent pupils live in postcode 1021, the 6 others in 1050: outside the district
    assert vergelijking.cel("a", "op_peildatum").waarde == 3
    assert vergelijking.cel("b", "op_peildatum").waarde == 6


def test_een_basis_met_de_hand_gegeven(client: Client, stad: Stad) -> None:
    _als(client, stad, Rol.LEERPLICHTAMBTENAAR)
    response = client.get(reverse("monitoring:dashboard"), _params(stad, basis="24"))
    rapport: Rapport = response.context["rapport"]
    assert rapport.tabel("vergelijking").cel("b", "ooit").waarde == 24


def test_het_aantal_queries_groeit_niet_met_de_gegevens(
    client: Client, stad: Stad, django_assert_max_num_queries: Any
) -> None:
    _als(client, stad, Rol.LEERPLICHTAMBTENAAR)
    url = reverse("monitoring:dashboard")
    with CaptureQueriesContext(connection) as klein:
        client.get(url, _params(stad))
    _thuiszitters(stad, 10, 15)
    leerplicht = stad.wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    for leerling in stad.relatief[6:12]:
        services.open_casus(
            leerling=leerling,
            door=leerplicht,
            start=stad.periode.van,
            aanpak="amsterdam_drie_fasen",
        )
    with django_assert_max_num_queries(len(klein.captured_queries)):
        response = client.get(url, _params(stad))
    assert response.context["rapport"].tabel("categorie").cel("totaal", "aantal").waarde == 34


# --- the list behind a number ----------------------------------------------------------------


def test_leerplicht_opent_de_leerlingen_achter_een_getal_en_de_inzage_wordt_gelogd(
    client: Client, stad: Stad
) -> None:
    gebruiker = _als(client, stad, Rol.LEERPLICHTAMBTENAAR)
    html = client.get(reverse("monitoring:dashboard"), _params(stad)).content.decode()
    url = _link(html, tabel="categorie", rij="absoluut_verzuim", kolom="aantal")

    response = client.get(url)

    assert response.status_code == 200
    assert {x.pk for x in response.context["lijst"].rijen} == {x.pk for x in stad.absoluut}
    pagina = response.content.decode()
    for leerling in stad.absoluut:
        assert reverse("registratie:leerling", args=[leerling.pk]) in pagina
    assert nl("%(zichtbaar)s of %(totaal)s visible to you.")[-20:] not in pagina
    logs = Inzage.objects.filter(bron="monitoring:lijst")
    assert sorted(logs.values_list("leerling_id", flat=True)) == sorted(x.pk for x in stad.absoluut)
    assert {(i.handeling, i.medewerker_id) for i in logs} == {
        (Inzage.Handeling.BEKIJKEN, gebruiker.pk)
    }


def test_een_lijst_toont_alleen_wat_de_gebruiker_mag_zien_en_zegt_dat(
    client: Client, stad: Stad
) -> None:
    # the school's figures count the pupil living in Buurdorp; Leerplicht Demodam may not see it
    _als(client, stad, Rol.LEERPLICHTAMBTENAAR)
    scope = f"school:{stad.school1.brin}{stad.school1.vestiging}"
    html = client.get(reverse("monitoring:dashboard"), _params(stad, scope)).content.decode()
    url = _link(html, tabel="categorie", rij="langdurig_relatief_verzuim", kolom="aantal")

    response = client.get(url)

    pagina = response.content.decode()
    assert {x.pk for x in response.context["lijst"].rijen} == {x.pk for x in stad.relatief}
    assert (
        nl("%(zichtbaar)s of %(totaal)s visible to you.") % {"zichtbaar": 6, "totaal": 7} in pagina
    )
    assert not noemt(pagina, stad.buurdorper.achternaam)
    assert Inzage.objects.filter(bron="monitoring:lijst").count() == 6
    assert not Inzage.objects.filter(leerling=stad.buurdorper).exists()


def test_een_casusaantal_opent_zijn_casussen(client: Client, stad: Stad) -> None:
    _als(client, stad, Rol.LEERPLICHTAMBTENAAR)
    response = client.get(reverse("monitoring:dashboard"), _params(stad))
    rapport: Rapport = response.context["rapport"]
    tabel, rij, kolom = next(
        (t, r, k)
        for t in rapport.tabellen()
        for r in t.rijen
        for k, c in zip(t.kolommen, r.cellen, strict=True)
        if k.lijst == "casus" and c.ids
    )
    url = _link(
        response.content.decode(), tabel=tabel.sleutel, rij=rij.sleutel, kolom=kolom.sleutel
    )

    lijst = client.get(url)

    verwacht = tabel.cel(rij.sleutel, kolom.sleutel).ids
    assert verwacht <= {c.pk for c in stad.casussen}
    assert {c.pk for c in lijst.context["lijst"].rijen} == verwacht
    pagina = lijst.content.decode()
    for pk in verwacht:
        assert reverse("regie:casus", args=[pk]) in pagina
    assert "Fase" in pagina
    assert Inzage.objects.filter(bron="monitoring:lijst").count() == len(verwacht)


@pytest.mark.parametrize(
    "extra",
    [
        {"tabel": "bestaat_niet", "rij": "totaal", "kolom": "aantal"},
        {"tabel": "categorie", "rij": "bestaat_niet", "kolom": "aantal"},
        {"tabel": "categorie", "rij": "totaal"},
        {"periode": "geen periode", "tabel": "categorie", "rij": "totaal", "kolom": "aantal"},
    ],
)
def test_een_lijst_die_niet_bestaat_wordt_niet_gevonden(
    client: Client, stad: Stad, extra: dict[str, str]
) -> None:
    _als(client, stad, Rol.LEERPLICHTAMBTENAAR)
    assert client.get(reverse("monitoring:lijst"), _params(stad, **extra)).status_code == 404
    assert not Inzage.objects.exists()


# --- the export ------------------------------------------------------------------------------


@pytest.mark.parametrize("formaat", ["xlsx", "pdf", "csv", "json"])
def test_de_export_is_een_bijlage_van_het_juiste_type(
    client: Client, stad: Stad, formaat: str, django_capture_on_commit_callbacks: Any
) -> None:
    _als(client, stad, Rol.BELEIDSMEDEWERKER)
    if formaat in ("xlsx", "pdf"):
        # made in the background (tests/monitoring/test_export_taak.py), then downloaded
        params = _params(stad, formaat=formaat)
        response, _export = export_bestand(client, params, django_capture_on_commit_callbacks)
    else:
        response = client.get(reverse("monitoring:export"), _params(stad, formaat=formaat))
    assert response.status_code == 200
    assert response["Content-Type"] == MEDIATYPES[formaat]  # type: ignore[index]
    keuze = Keuze("maand", stad.periode, Scope("gemeente", "9999"), "", None)
    rapport = Rapport("maand", "", keuze.periode, keuze.scope, stad.periode.tot, timezone.now(), ())
    naam = bestandsnaam(rapport, formaat)
    assert response["Content-Disposition"] == f'attachment; filename="{naam}"'
    assert naam.startswith("binnenboord-maandrapportage-gemeente-9999-")
    assert len(response.content) > 100
    assert not Inzage.objects.exists()


def test_de_export_voor_leerplicht_is_ook_onderdrukt(client: Client, stad: Stad) -> None:
    _als(client, stad, Rol.LEERPLICHTAMBTENAAR)
    response = client.get(reverse("monitoring:export"), _params(stad, formaat="json"))
    gegevens = json.loads(response.content)
    assert gegevens["kleine_aantallen_onderdrukt"] is True
    [categorie] = [
        t for s in gegevens["secties"] for t in s["tabellen"] if t["sleutel"] == "categorie"
    ]
    waarden = {r["sleutel"]: r["waarden"]["aantal"] for r in categorie["rijen"]}
    assert waarden["absoluut_verzuim"] == "< 5"
    assert "ids" not in response.content.decode()


def test_een_onbekend_exportformaat_wordt_niet_gevonden(client: Client, stad: Stad) -> None:
    _als(client, stad, Rol.LEERPLICHTAMBTENAAR)
    assert (
        client.get(reverse("monitoring:export"), _params(stad, formaat="docx")).status_code == 404
    )


def test_een_periode_in_een_link_wordt_precies_teruggelezen(stad: Stad) -> None:
    keuze = Keuze("maand", stad.periode, Scope("gemeente", "9999"), "vorige", None)
    assert lees_periode(keuze.parameters()["periode"]) == stad.periode
    assert keuze.basis == stad.periode.even_lang_ervoor()
