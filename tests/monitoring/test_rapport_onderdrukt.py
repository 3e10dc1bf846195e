# SPDX-License-Identifier: EUPL-1.2
"""A report as it leaves the system or reaches policy staff (`Rapport.onderdrukt()`, issue
6): every count below 5 reads "< 5", no total gives one back, a statistic over fewer than 5
records is hidden, and no cell keeps the ids behind it. Pure: the hand-built example report,
no database."""

from __future__ import annotations

import json
from collections.abc import Iterator

from binnenboord.kern.onderdrukking import GRENS
from binnenboord.monitoring.rapport import BESCHERMEND, ONDERDRUKT, Tabel, als_json
from tests.monitoring.voorbeeld import voorbeeldrapport

# what a hidden count reads as: small, or hidden to protect a small one
VERBORGEN = (ONDERDRUKT, BESCHERMEND)


def _aantalcellen(tabel: Tabel) -> Iterator[tuple[str, str]]:
    for rij in tabel.rijen:
        for kolom in tabel.kolommen:
            if kolom.soort == "aantal":
                yield rij.sleutel, kolom.sleutel


def test_elk_aantal_onder_vijf_leest_kleiner_dan_vijf() -> None:
    # given
    rapport = voorbeeldrapport()
    # when
    onderdrukt = rapport.onderdrukt()
    # then
    klein = 0
    for tabel in rapport.tabellen():
        for rij, kolom in _aantalcellen(tabel):
            waarde = tabel.cel(rij, kolom).waarde
            assert isinstance(waarde, int)
            if waarde < GRENS:
                klein += 1
                cel = onderdrukt.tabel(tabel.sleutel).cel(rij, kolom)
                assert cel.onderdrukt
                assert cel.waarde is None
                assert cel.tekst == ONDERDRUKT == "< 5"
    assert klein == 2  # the 3 absoluut verzuim and the 2 still in view after 26 weeks
    assert onderdrukt.onderdrukking


def test_het_totaal_geeft_het_verborgen_deel_niet_terug() -> None:
    # given: 3 absoluut verzuim + 12 langdurig relatief verzuim = 15
    categorie = voorbeeldrapport().onderdrukt().tabel("categorie")
    # when
    absoluut = categorie.cel("absoluut_verzuim", "aantal")
    relatief = categorie.cel("langdurig_relatief_verzuim", "aantal")
    totaal = categorie.cel("totaal", "aantal")
    # then: the 12 is hidden too (the smaller of 12 and 15), so 15 − ? stays unknown
    assert absoluut.onderdrukt and absoluut.waarde is None
    assert relatief.onderdrukt and relatief.waarde is None
    assert "12" not in relatief.tekst and relatief.tekst == BESCHERMEND
    assert not totaal.onderdrukt
    assert totaal.waarde == 15
    assert totaal.tekst == "15"


def test_elke_vergelijking_is_heel_open_heel_dicht_of_twee_verborgen_van_samen_vijf() -> None:
    rapport = voorbeeldrapport()
    onderdrukt = rapport.onderdrukt()
    for tabel in rapport.tabellen():
        for vergelijking in tabel.vergelijkingen:
            verborgen = [
                plek
                for plek in vergelijking
                if onderdrukt.tabel(tabel.sleutel).cel(*plek).onderdrukt
            ]
            if verborgen and len(verborgen) < len(vergelijking):
                assert len(verborgen) >= 2
                waarden = [tabel.cel(*plek).waarde for plek in verborgen]
                assert sum(w for w in waarden if isinstance(w, int)) >= GRENS


def test_een_statistiek_over_minder_dan_vijf_is_verborgen() -> None:
    km = voorbeeldrapport().onderdrukt().tabel("km")
    # 0.1 over 2 cases: hidden, and says why
    na_26 = km.cel("26", "overleving")
    assert na_26.onderdrukt
    assert na_26.waarde is None
    assert na_26.tekst == "n < 5"
    # 0.3 over 6 cases stays, as do the weeks (a number, not a count: 0 and 4 are no cases)
    assert km.cel("13", "overleving").tekst == "0,30"
    assert km.cel("13", "in_beeld").tekst == "6"
    assert [km.cel(r, "weken").waarde for r in ("0", "4", "13", "26")] == [0, 4, 13, 26]


def test_geen_cel_houdt_ids() -> None:
    rapport = voorbeeldrapport()
    assert any(c.ids for t in rapport.tabellen() for r in t.rijen for c in r.cellen)
    onderdrukt = rapport.onderdrukt()
    assert all(not c.ids for t in onderdrukt.tabellen() for r in t.rijen for c in r.cellen)


def _alle_sleutels(data: object) -> Iterator[str]:
    if isinstance(data, dict):
        for sleutel, waarde in data.items():
            yield sleutel
            yield from _alle_sleutels(waarde)
    elif isinstance(data, list):
        for waarde in data:
            yield from _alle_sleutels(waarde)


def test_json_bevat_geen_aantal_onder_vijf() -> None:
    # given / when: the json export, through the text a file would hold
    data = json.loads(json.dumps(als_json(voorbeeldrapport().onderdrukt())))
    # then: walk every table; each count is "< 5" or at least 5
    assert data["kleine_aantallen_onderdrukt"] is True
    gezien = []
    for sectie in data["secties"]:
        for tabel in sectie["tabellen"]:
            soorten = {k["sleutel"]: k["soort"] for k in tabel["kolommen"]}
            for rij in tabel["rijen"]:
                for kolom, waarde in rij["waarden"].items():
                    if soorten[kolom] == "aantal":
                        gezien.append(waarde)
                        assert waarde in VERBORGEN or (isinstance(waarde, int) and waarde >= GRENS)
    # the 12 beside the 3 is hidden to protect it: "x", not "< 5" (it is not small)
    assert sorted(gezien, key=str) == sorted(
        [ONDERDRUKT, ONDERDRUKT, 15, 20, 14, 6, BESCHERMEND], key=str
    )
    # no ids anywhere, under any name
    assert not {s for s in _alle_sleutels(data) if "id" in s.lower()}


def test_onderdrukken_is_stabiel() -> None:
    rapport = voorbeeldrapport()
    eerste = rapport.onderdrukt()
    assert rapport.onderdrukt() == eerste
    assert eerste.onderdrukt() == eerste
    assert als_json(eerste.onderdrukt()) == als_json(eerste)
    # the exact report is left as it was, with its ids
    assert rapport == voorbeeldrapport()
    assert not rapport.onderdrukking


def test_een_grafiek_met_verborgen_cellen_noemt_geen_getallen_meer() -> None:
    # given: text alternatives written from the exact numbers ("3 absoluut verzuim, 12 ...")
    rapport = voorbeeldrapport()
    # when
    onderdrukt = rapport.onderdrukt()
    # then: a chart whose table now hides a cell no longer names the numbers behind it
    for sectie in onderdrukt.secties:
        for grafiek in sectie.grafieken:
            exact = rapport.sectie(sectie.sleutel)
            oud = next(g for g in exact.grafieken if g.sleutel == grafiek.sleutel).beschrijving
            assert grafiek.beschrijving != oud
            assert "3 absoluut" not in grafiek.beschrijving
            assert "12" not in grafiek.beschrijving
            assert "%" not in grafiek.beschrijving
