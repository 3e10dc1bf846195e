# SPDX-License-Identifier: EUPL-1.2
"""The charts as inline SVG: well-formed, accessible (role, title, description, contrast),
the same on every render, and suppressed cells left out of the drawing."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from binnenboord.monitoring import grafieken
from binnenboord.monitoring.rapport import Cel, Grafiek, Kolom, Rij, Tabel
from tests.monitoring.voorbeeld import voorbeeldrapport

SVG = "{http://www.w3.org/2000/svg}"
BALKKLEUR = grafieken.KLEUREN[0]


def _grafiek_en_tabel(onderdrukt: bool, sleutel: str) -> tuple[Grafiek, Tabel]:
    rapport = voorbeeldrapport()
    if onderdrukt:
        rapport = rapport.onderdrukt()
    sectie = next(s for s in rapport.secties if any(g.sleutel == sleutel for g in s.grafieken))
    grafiek = next(g for g in sectie.grafieken if g.sleutel == sleutel)
    return grafiek, rapport.tabel(grafiek.tabel)


def _balken(svg: str) -> int:
    """Bars are the filled paths in the first series colour."""
    return len(re.findall(rf'<path d="[^"]*"[^>]*fill="{BALKKLEUR}"', svg))


def test_de_svg_is_welgevormd_en_noemt_titel_en_beschrijving() -> None:
    grafiek, tabel = _grafiek_en_tabel(False, "categorie")

    svg = grafieken.svg(grafiek, tabel, id="thuiszitters-categorie")

    assert not svg.startswith("<?xml") and "<!DOCTYPE" not in svg
    wortel = ET.fromstring(svg)
    assert wortel.tag == f"{SVG}svg"
    assert wortel.get("role") == "img"
    assert wortel.get("aria-labelledby") == (
        "thuiszitters-categorie-titel thuiszitters-categorie-beschrijving"
    )
    titel = wortel.find(f"{SVG}title")
    beschrijving = wortel.find(f"{SVG}desc")
    assert titel is not None and beschrijving is not None
    assert titel.get("id") == "thuiszitters-categorie-titel"
    assert titel.text == "Thuiszitters naar categorie"
    assert beschrijving.get("id") == "thuiszitters-categorie-beschrijving"
    assert beschrijving.text == grafiek.beschrijving
    # scales through its viewBox: no fixed size
    assert wortel.get("viewBox") is not None
    assert wortel.get("width") is None and wortel.get("height") is None
    # text stays text (accessible, small): the labels are <text> elements
    teksten = {t.text for t in wortel.iter(f"{SVG}text")}
    assert {"Absoluut verzuim", "Langdurig relatief verzuim", "3", "12"} <= teksten
    # the total row is no bar
    assert "Totaal" not in teksten
    assert _balken(svg) == 2


def test_twee_keer_tekenen_geeft_byte_voor_byte_hetzelfde() -> None:
    for sleutel in ("categorie", "km"):
        grafiek, tabel = _grafiek_en_tabel(False, sleutel)

        assert grafieken.svg(grafiek, tabel, id="a") == grafieken.svg(grafiek, tabel, id="a")


def test_ids_binnenin_volgen_uit_het_gegeven_id_zodat_grafieken_een_pagina_delen() -> None:
    grafiek, tabel = _grafiek_en_tabel(False, "km")

    een = grafieken.svg(grafiek, tabel, id="een")
    twee = grafieken.svg(grafiek, tabel, id="twee")

    ids_een = set(re.findall(r' id="([^"]+)"', een))
    ids_twee = set(re.findall(r' id="([^"]+)"', twee))
    assert ids_een and not ids_een & ids_twee
    assert all(i.startswith("een-") for i in ids_een)
    # every reference points to an id in the same chart
    verwijzingen = set(re.findall(r'(?:url\(#|href="#)([^")]+)', een))
    assert verwijzingen and verwijzingen <= ids_een


def test_titels_en_beschrijvingen_zijn_ge_escaped() -> None:
    _grafiek, tabel = _grafiek_en_tabel(False, "categorie")
    gevaarlijk = Grafiek(
        "x",
        '<script>alert("x")</script> & co',
        "staaf",
        tabel.sleutel,
        ("aantal",),
        "</desc><script>alert(1)</script>",
    )

    svg = grafieken.svg(gevaarlijk, tabel, id='x" onload="alert(1)')

    assert "<script>" not in svg and "onload=" not in svg
    wortel = ET.fromstring(svg)
    titel = wortel.find(f"{SVG}title")
    beschrijving = wortel.find(f"{SVG}desc")
    assert titel is not None and titel.text == '<script>alert("x")</script> & co'
    assert beschrijving is not None and beschrijving.text == "</desc><script>alert(1)</script>"


def test_een_onderdrukt_aantal_krijgt_geen_staaf_en_geen_getal_alleen_lt_5() -> None:
    tabel = Tabel(
        "t",
        "Per school",
        (Kolom("aantal", "Aantal"),),
        (
            Rij("a", "School A", (Cel(None, onderdrukt=True),)),
            Rij("b", "School B", (Cel(12),)),
            Rij("c", "School C", (Cel(None),)),
        ),
    )
    grafiek = Grafiek("t", "Per school", "staaf", "t", ("aantal",), "School A: 3; School B: 12.")

    svg = grafieken.svg(grafiek, tabel, id="t")

    assert _balken(svg) == 1
    teksten = [t.text for t in ET.fromstring(svg).iter(f"{SVG}text")]
    assert teksten.count("< 5") == 1
    assert "12" in teksten and "3" not in teksten
    # (a description written from exact numbers is replaced by Rapport.onderdrukt(): see
    # tests/monitoring/test_rapport_onderdrukt.py)


def test_het_onderdrukte_voorbeeldrapport_tekent_geen_staven_voor_verborgen_aantallen() -> None:
    vol_grafiek, vol_tabel = _grafiek_en_tabel(False, "categorie")
    grafiek, tabel = _grafiek_en_tabel(True, "categorie")
    verborgen = sum(1 for r in tabel.rijen if not r.totaal and r.cellen[0].onderdrukt)

    svg = grafieken.svg(grafiek, tabel, id="c")

    assert verborgen >= 1
    assert _balken(svg) == _balken(grafieken.svg(vol_grafiek, vol_tabel, id="c")) - verborgen
    assert "3" not in [t.text for t in ET.fromstring(svg).iter(f"{SVG}text")]


def _trap_hoekpunten(svg: str) -> int:
    pad = re.search(rf'<path d="([^"]*)"[^>]*stroke="{BALKKLEUR}"', svg)
    assert pad is not None
    return len(re.findall(r"[ML] ", pad[1]))


def test_de_trapcurve_laat_een_onderdrukt_punt_weg() -> None:
    vol = grafieken.svg(*_grafiek_en_tabel(False, "km"), id="km")
    onderdrukt = grafieken.svg(*_grafiek_en_tabel(True, "km"), id="km")

    # 4 points drawn as steps: 7 vertices; the last (n = 2) hidden: 3 points, 5 vertices
    assert _trap_hoekpunten(vol) == 7
    assert _trap_hoekpunten(onderdrukt) == 5
    teksten = {t.text for t in ET.fromstring(onderdrukt).iter(f"{SVG}text")}
    assert {"0%", "50%", "100%"} & teksten  # the y axis as a percentage
    assert "Weken" in teksten


def test_een_lijngrafiek_met_twee_reeksen_heeft_een_legenda_en_breekt_bij_een_verborgen_punt() -> (
    None
):
    tabel = Tabel(
        "verloop",
        "Per maand",
        (
            Kolom("maand", "Maand", "tekst"),
            Kolom("pilot", "Pilot $5 $10"),
            Kolom("rest", "Rest"),
        ),
        tuple(
            Rij(m, m, (Cel(m), Cel(p), Cel(r)))
            for m, p, r in (("sep", 12, 40), ("okt", None, 1_250), ("nov", 9, 38))
        ),
    )
    grafiek = Grafiek("verloop", "Verloop", "lijn", "verloop", ("pilot", "rest"), "-", x="maand")

    svg = grafieken.svg(grafiek, tabel, id="v")

    teksten = {t.text for t in ET.fromstring(svg).iter(f"{SVG}text")}
    # the legend, with dollar signs as text (no mathtext), months on the x axis
    assert {"Pilot $5 $10", "Rest", "sep", "okt", "nov"} <= teksten
    # Dutch thousands separator on the y axis
    assert any(t and re.fullmatch(r"1\.\d{3}", t) for t in teksten)
    # the pilot line (clipped to the axes; the legend's sample is not) has no segment across
    # the missing October: two loose points
    lijn = re.search(rf'<path d="([^"]*)" clip-path="[^"]*" fill="none" stroke="{BALKKLEUR}"', svg)
    assert lijn is not None
    assert re.findall(r"[ML] ", lijn[1]) == ["M ", "M "]


def _luminantie(kleur: str) -> float:
    kanalen = [int(kleur[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lineair = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in kanalen]
    return 0.2126 * lineair[0] + 0.7152 * lineair[1] + 0.0722 * lineair[2]


@pytest.mark.parametrize("kleur", [*grafieken.KLEUREN, grafieken.ASKLEUR])
def test_elke_tekenkleur_heeft_3_op_1_contrast_op_wit(kleur: str) -> None:
    assert 1.05 / (_luminantie(kleur) + 0.05) >= 3


def test_tekst_heeft_4_5_op_1_contrast_op_wit() -> None:
    assert 1.05 / (_luminantie(grafieken.TEKSTKLEUR) + 0.05) >= 4.5
