# SPDX-License-Identifier: EUPL-1.2
"""The figures as a policy officer reads them (issue 17): headline numbers at the top, the
statistical terms explained in plain words (page and PDF), no internal codes, Excel sheet
names that are not cut off, one suppression for every table of a report (totals included:
"Totaal x" beside "Totaal 9" was a leak and a contradiction), the same values in page, Excel
and PDF, and a chart whose values are all suppressed saying so instead of an empty frame.

The DB tests use the small city of tests/monitoring/test_views.py: 3 pupils with absoluut
verzuim (10 days), 6 with langdurig relatief verzuim (60 days), 2 open cases."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import timedelta
from html import unescape
from itertools import combinations
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import translation

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from binnenboord.kern import onderdrukking
from binnenboord.monitoring import exporteren
from binnenboord.monitoring.cijfers import maak_rapport
from binnenboord.monitoring.exporteren import BLADLENGTE, BLADNAMEN, bladnaam, celtekst
from binnenboord.monitoring.rapport import (
    Cel,
    Grafiek,
    Kolom,
    Periode,
    Rapport,
    Rij,
    Sectie,
    Tabel,
    lees_scope,
)
from binnenboord.monitoring.uitleg import niets_te_tekenen
from binnenboord.toegang.models import Rol
from tests.monitoring.exporthulp import export_bestand
from tests.monitoring.test_views import DEMODAM, Stad, _als, _params, bouw_stad
from tests.monitoring.voorbeeld import cel, maandrapport
from tests.wereld import Wereld

# --- a report whose totals the old per-table suppression published differently ---------------


def _teltabel(sleutel: str, rijen: list[tuple[str, Cel]]) -> Tabel:
    return Tabel(
        sleutel,
        sleutel,
        (Kolom("aantal", "Aantal", "aantal", lijst="leerling"),),
        tuple(Rij(k, k, (c,), totaal=k == "totaal") for k, c in rijen),
        (frozenset((k, "aantal") for k, _c in rijen),),
    )


def _twee_totalen() -> Rapport:
    """The same 9 pupils counted by category (1 + 8) and by duration (0 + 1 + 8). Each table
    suppressed on its own hid the duration table's total (its zero makes the relation
    ambiguous) but showed the category table's: "Totaal x" beside "Totaal 9"."""
    alle = tuple(range(1, 10))
    categorie = _teltabel(
        "categorie",
        [
            ("absoluut_verzuim", cel(1)),
            ("langdurig_relatief_verzuim", cel(*alle[1:])),
            ("totaal", cel(*alle)),
        ],
    )
    duur = _teltabel(
        "duur",
        [
            ("korter_dan_4_weken", cel()),
            ("4_weken_tot_3_maanden", cel(1)),
            ("langer_dan_3_maanden", cel(*alle[1:])),
            ("totaal", cel(*alle)),
        ],
    )
    return maandrapport(
        (
            Sectie(
                "thuiszitters",
                "Thuiszitters",
                (categorie, duur),
                (Grafiek("duur", "Naar duur", "staaf", "duur", ("aantal",), "Staafdiagram."),),
            ),
        ),
    )


def test_een_totaal_is_in_elke_tabel_even_verborgen() -> None:
    rapport = _twee_totalen().onderdrukt()

    categorie = rapport.tabel("categorie").cel("totaal", "aantal")
    duur = rapport.tabel("duur").cel("totaal", "aantal")
    assert categorie.tekst == duur.tekst
    # and the 1 pupil cannot be computed back: 9 - 8 shown nowhere
    assert rapport.tabel("duur").cel("4_weken_tot_3_maanden", "aantal").onderdrukt
    assert rapport.tabel("categorie").cel("absoluut_verzuim", "aantal").onderdrukt


def _zichtbaar(tabel: Tabel) -> dict[str, str]:
    return {r.sleutel: r.cellen[0].tekst for r in tabel.rijen}


def test_excel_en_pdf_tonen_dezelfde_waarden_als_het_rapport() -> None:
    rapport = _twee_totalen()
    onderdrukt = rapport.onderdrukt()
    with translation.override("nl"):
        boek = load_workbook(io.BytesIO(exporteren.als_xlsx(rapport)))
        pdf = " ".join(
            " ".join(p.extract_text().split())
            for p in PdfReader(io.BytesIO(exporteren.als_pdf(rapport))).pages
        )
    for tabel in onderdrukt.tabellen():
        blad = boek[bladnaam(tabel)]
        in_excel = {str(r[0]): str(r[1]) for r in blad.iter_rows(min_row=4, values_only=True)}
        assert in_excel == _zichtbaar(tabel)
        for sleutel, tekst in _zichtbaar(tabel).items():
            assert f"{sleutel} {tekst}" in pdf


def test_de_onderdrukking_laat_geen_relatie_een_klein_getal_teruggeven() -> None:
    # secondary suppression: a relation (the parts and their total) with a hidden cell has
    # at least two hidden cells that together count 5 or more
    rapport = _twee_totalen()
    onderdrukt = rapport.onderdrukt()
    for exact, getoond in zip(rapport.tabellen(), onderdrukt.tabellen(), strict=True):
        for relatie in exact.vergelijkingen:
            verborgen = [p for p in relatie if getoond.cel(*p).onderdrukt]
            if verborgen and len(verborgen) < len(relatie):
                assert len(verborgen) >= 2
                assert sum(int(exact.cel(*p).waarde or 0) for p in verborgen) >= 5


# --- Excel sheet names -----------------------------------------------------------------------


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_elke_bladnaam_is_kort_en_heel(taal: str) -> None:
    with translation.override(taal):
        namen = {sleutel: naam() for sleutel, naam in BLADNAMEN.items()}
    for naam in namen.values():
        assert 0 < len(naam) <= BLADLENGTE, naam
        assert not exporteren.VERBODEN_IN_BLADNAAM.search(naam), naam
    # unique ignoring case, as Excel compares them (so none gets a " (2)")
    assert len({n.lower() for n in namen.values()}) == len(namen)


# --- a chart with nothing to draw ------------------------------------------------------------


def test_een_grafiek_met_alleen_onderdrukte_waarden_zegt_dat() -> None:
    rapport = _twee_totalen()
    grafiek = rapport.secties[0].grafieken[0]
    with translation.override("nl"):
        # exact: drawn
        assert niets_te_tekenen(grafiek, rapport.tabel("duur")) == ""
        reden = niets_te_tekenen(grafiek, rapport.onderdrukt().tabel("duur"))
    assert reden.startswith("Te weinig gegevens om te tonen")
    assert f"kleiner dan {onderdrukking.GRENS}" in reden


def test_een_grafiek_zonder_waarden_zegt_dat() -> None:
    tabel = Tabel(
        "km",
        "KM",
        (Kolom("weken", "Weken", "getal"), Kolom("overleving", "Aandeel", "fractie")),
        (),
    )
    grafiek = Grafiek("km", "KM", "trap", "km", ("overleving",), "Geen.", x="weken")
    with translation.override("nl"):
        assert niets_te_tekenen(grafiek, tabel).startswith("Niets te tonen")


# --- the screens (database) ------------------------------------------------------------------


@pytest.fixture
def stad(wereld: Wereld) -> Stad:
    return bouw_stad(wereld)


def _tekst(html: str) -> str:
    """What a reader sees: the text without tags, scripts or attribute values."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _dashboard(client: Client, stad: Stad, rol: str = Rol.BELEIDSMEDEWERKER, **extra: str) -> str:
    _als(client, stad, rol)
    with translation.override("nl"):
        response = client.get(reverse("monitoring:dashboard"), _params(stad, **extra))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_de_kerncijfers_staan_bovenaan_en_zijn_de_cellen_van_de_tabellen(
    client: Client, stad: Stad
) -> None:
    html = _dashboard(client, stad)
    kop = html.index('id="kopcijfers"')
    assert kop < html.index('id="sectie-thuiszitters"')
    rapport = maak_rapport("maand", stad.periode, lees_scope(DEMODAM)).onderdrukt()

    def getoond(sleutel: str) -> str:
        blok = re.search(rf'data-kopcijfer="{sleutel}">(.*?)</li>', html, re.S)
        assert blok is not None, sleutel
        return unescape(re.sub(r"<[^>]+>", " ", blok[1])).split()[0:3]

    def cel(tabel: str, rij: str, kolom: str = "aantal") -> str:
        t = rapport.tabel(tabel)
        return celtekst(t.kolom(kolom), t.cel(rij, kolom))

    # each headline number is exactly its table's cell, hidden or not (the 0 longer than 3
    # months is hidden)
    assert " ".join(getoond("thuiszitters")).startswith(cel("categorie", "totaal"))
    assert " ".join(getoond("langer")).startswith(cel("duur", "langer_dan_3_maanden"))
    assert cel("duur", "langer_dan_3_maanden") in ("< 5", "x")
    assert " ".join(getoond("nieuw")).startswith(cel("stroom", "nieuw"))
    assert " ".join(getoond("beeindigd")).startswith(cel("stroom", "beeindigd"))
    assert 'data-kopcijfer="mediaan"' in html


@pytest.mark.django_db
def test_leerplicht_ziet_exacte_kerncijfers(client: Client, stad: Stad) -> None:
    html = _dashboard(client, stad, Rol.LEERPLICHTAMBTENAAR)
    blok = re.search(r'data-kopcijfer="thuiszitters">(.*?)</li>', html, re.S)
    assert blok is not None
    assert _tekst(blok[1]).startswith("9 ")
    langer = re.search(r'data-kopcijfer="langer">(.*?)</li>', html, re.S)
    assert langer is not None
    assert _tekst(langer[1]).startswith("0 ")


@pytest.mark.django_db
def test_statistische_begrippen_staan_uitgelegd_bij_hun_tabel(client: Client, stad: Stad) -> None:
    html = _dashboard(client, stad, soort="jaar")
    tekst = _tekst(html)
    for term, uitleg in (
        ("Kaplan–Meier", "ook de casussen meetellen die nog lopen"),
        ("Gecensureerd", "heet gecensureerd"),
        ("Mediaan", "Het middelste getal"),
        ("p-waarde", "Onder 0,05 is toeval alleen"),
        ("95%-interval (betrouwbaarheidsinterval)", "met 95 procent zekerheid"),
    ):
        assert term in tekst
        assert uitleg in tekst
    # beside the table that uses it: the Kaplan–Meier table is followed by its explanation
    km = html.index('id="tabel-doorlooptijd-km"')
    assert html.index("heet gecensureerd", km) < html.index('id="tabel-doorlooptijd-uitkomsten"')
    assert html.count('<details class="bb-begrippen">') >= 3


@pytest.mark.django_db
def test_de_pdf_legt_de_begrippen_uit_en_noemt_geen_codes(
    client: Client, stad: Stad, django_capture_on_commit_callbacks: Any
) -> None:
    _als(client, stad, Rol.BELEIDSMEDEWERKER)
    with translation.override("nl"):
        response, _export = export_bestand(
            client, _params(stad, soort="jaar", formaat="pdf"), django_capture_on_commit_callbacks
        )
    assert response.status_code == 200
    lezer = PdfReader(io.BytesIO(response.content))
    tekst = " ".join(" ".join(p.extract_text().split()) for p in lezer.pages)
    for uitleg in ("heet gecensureerd", "Het middelste getal", "Onder 0,05 is toeval alleen"):
        assert uitleg in tekst
    assert "In één oogopslag" in tekst
    assert "Gemeente Demodam" in tekst
    assert "gemeente:9999" not in tekst
    # the document's description (its PDF subject) names the area too, never its code
    assert lezer.metadata is not None
    assert "Gemeente Demodam" in str(lezer.metadata.subject)


@pytest.mark.django_db
def test_nergens_een_interne_code(
    client: Client, stad: Stad, django_capture_on_commit_callbacks: Any
) -> None:
    html = _dashboard(client, stad)
    tekst = _tekst(html)
    assert "Gemeente Demodam" in tekst
    assert "gemeente:9999" not in tekst
    # the choice of scope shows the name (its value is the code, which no one reads)
    assert re.search(r'<option value="gemeente:9999"[^>]*>Gemeente Demodam</option>', html)
    _als(client, stad, Rol.BELEIDSMEDEWERKER)
    response, _export = export_bestand(
        client, _params(stad, formaat="xlsx"), django_capture_on_commit_callbacks
    )
    boek = load_workbook(io.BytesIO(response.content))
    waarden = [
        str(c) for blad in boek.worksheets for rij in blad.iter_rows(values_only=True) for c in rij
    ]
    assert not any("gemeente:" in w for w in waarden)


def _bladen(rapport: Rapport) -> Iterator[tuple[str, str]]:
    boek = load_workbook(io.BytesIO(exporteren.als_xlsx(rapport)))
    tabellen = rapport.tabellen()
    assert boek.sheetnames[0] == "Rapport"
    assert len(boek.sheetnames) == 1 + len(tabellen)
    for naam, tabel in zip(boek.sheetnames[1:], tabellen, strict=True):
        yield naam, bladnaam(tabel)


@pytest.mark.django_db
@pytest.mark.parametrize("taal", ["nl", "en"])
def test_de_bladnamen_van_een_volledig_rapport_zijn_de_bedoelde(stad: Stad, taal: str) -> None:
    # the annual report has every table (with the comparison and both curves), the
    # core-partner report the per-school and art. 5a tables
    with translation.override(taal):
        for soort in ("jaar", "kernpartners"):
            rapport = maak_rapport(soort, stad.periode, lees_scope(DEMODAM))
            for tabel in rapport.tabellen():
                assert tabel.sleutel in BLADNAMEN, tabel.sleutel
            for naam, bedoeld in _bladen(rapport):
                assert naam == bedoeld
                assert len(naam) <= BLADLENGTE


@pytest.mark.django_db
def test_een_grafiek_zonder_zichtbare_waarden_zegt_het_op_de_pagina(
    client: Client, stad: Stad
) -> None:
    html = _dashboard(client, stad)
    rapport = maak_rapport("maand", stad.periode, lees_scope(DEMODAM)).onderdrukt()
    leeg = [
        g
        for s in rapport.secties
        for g in s.grafieken
        if niets_te_tekenen(g, rapport.tabel(g.tabel))
    ]
    # in this small city the deadlines chart (all "< 5") has nothing to draw
    assert leeg
    assert html.count('class="bb-grafiek bb-grafiek--leeg"') == len(leeg)
    assert "Te weinig gegevens om te tonen" in _tekst(html)
    getekend = len(re.findall(r"<svg\b", html))
    assert getekend == sum(len(s.grafieken) for s in rapport.secties) - len(leeg)


@pytest.mark.django_db
def test_dezelfde_leerlingen_staan_overal_even_verborgen(stad: Stad) -> None:
    # every two counts of the very same records show the same text in the suppressed report
    for soort in ("maand", "kernpartners", "jaar"):
        exact = maak_rapport(soort, stad.periode, lees_scope(DEMODAM))
        getoond = exact.onderdrukt()
        cellen = [
            ((k.lijst, c.ids), (t.sleutel, r.sleutel, k.sleutel), cg.tekst)
            for t, tg in zip(exact.tabellen(), getoond.tabellen(), strict=True)
            for r, rg in zip(t.rijen, tg.rijen, strict=True)
            for k, c, cg in zip(t.kolommen, r.cellen, rg.cellen, strict=True)
            if k.soort == "aantal" and c.ids
        ]
        for (a, plek_a, tekst_a), (b, plek_b, tekst_b) in combinations(cellen, 2):
            if a == b:
                assert tekst_a == tekst_b, (soort, plek_a, plek_b)


@pytest.mark.django_db
def test_het_dashboard_kiest_de_periode_met_de_nieuwe_velden(client: Client, stad: Stad) -> None:
    _als(client, stad, Rol.BELEIDSMEDEWERKER)
    tot = stad.periode.tot
    van = tot - timedelta(days=44)
    parameters = {
        "soort": "maand",
        "scope": DEMODAM,
        "tijdvak": "eigen",
        "van": van.isoformat(),
        "tot": tot.isoformat(),
    }
    response = client.get(reverse("monitoring:dashboard"), parameters)
    assert response.status_code == 200
    assert response.context["rapport"].periode == Periode(van, tot)
    # the links behind it (export) carry the same period
    assert f"periode={van.isoformat()}..{tot.isoformat()}" in unescape(
        response.content.decode()
    ).replace("%3A", ":").replace("%2E", ".")
    # the end before the beginning: the form's error at "Tot en met", no report, no 500
    with translation.override("nl"):
        response = client.get(
            reverse("monitoring:dashboard"),
            {**parameters, "van": tot.isoformat(), "tot": van.isoformat()},
        )
    assert response.status_code == 200
    assert response.context["rapport"] is None
    assert "Tot en met" in response.context["form"].errors["tot"][0]
    assert 'id="fout-tot"' in response.content.decode()
