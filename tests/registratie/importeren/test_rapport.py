# SPDX-License-Identifier: EUPL-1.2
"""The rejection report: the rejected rows with their own columns plus rij, veld, waarde and
reden; a corrected report can be uploaded again as it is; XLSX never holds a formula."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from binnenboord.registratie.importeren import rapport
from binnenboord.registratie.models import Verzuim
from tests.registratie.importeren.conftest import BRIN1, Opzet, csv_bytes, importeer_bytes

pytestmark = pytest.mark.django_db

KOP = "bsn;brin;vestiging;datum;minuten;soort"


def _bestand(opzet: Opzet) -> bytes:
    a = opzet.bsn("demodam_school1")
    return csv_bytes(
        KOP,
        f"{a};{BRIN1};00;2026-01-05;50;ziek",
        f"{a};{BRIN1};00;31-02-2026;50;ziek",
        f"{a};{BRIN1};00;2026-01-07;=1+2;ziek",
    )


def test_het_csv_rapport_bevat_de_afgewezen_rijen_met_hun_redenen(opzet: Opzet) -> None:
    # given an import with two rejected rows
    a = opzet.bsn("demodam_school1")
    import_ = importeer_bytes("verzuim", _bestand(opzet))
    # when the CSV report is made
    inhoud = rapport.afwijzingen_csv(import_)
    # then it is UTF-8 with BOM, `;`-separated, original columns first
    assert inhoud.startswith(b"\xef\xbb\xbf")
    rijen = list(csv.reader(io.StringIO(inhoud.decode("utf-8-sig")), delimiter=";"))
    assert rijen == [
        ["bsn", "brin", "vestiging", "datum", "minuten", "soort", "rij", "veld", "waarde", "reden"],
        [a, BRIN1, "00", "31-02-2026", "50", "ziek", "3", "datum", "31-02-2026",
         "31-02-2026 is geen geldige datum; gebruik JJJJ-MM-DD of DD-MM-JJJJ."],
        [a, BRIN1, "00", "2026-01-07", "'=1+2", "ziek", "4", "minuten", "'=1+2",
         "'=1+2 is geen geheel aantal minuten."],
    ]  # fmt: skip


def test_het_xlsx_rapport_bevat_dezelfde_rijen_als_tekst_nooit_als_formule(opzet: Opzet) -> None:
    # given an import whose rejected row holds "=1+2"
    import_ = importeer_bytes("verzuim", _bestand(opzet))
    # when the XLSX report is made and opened
    blad = load_workbook(io.BytesIO(rapport.afwijzingen_xlsx(import_))).active
    assert blad is not None
    # then the cells starting with = are text cells with Excel's quote prefix
    waarden = [[c.value for c in rij] for rij in blad.iter_rows()]
    assert waarden[0] == [
        "bsn", "brin", "vestiging", "datum", "minuten", "soort", "rij", "veld", "waarde", "reden",
    ]  # fmt: skip
    assert waarden[2][4:9] == ["=1+2", "ziek", 4, "minuten", "=1+2"]
    formulecel = blad.cell(row=3, column=5)
    assert (formulecel.data_type, formulecel.quotePrefix) == ("s", True)
    assert all(c.data_type != "f" for rij in blad.iter_rows() for c in rij)


def test_een_verbeterd_rapport_kan_opnieuw_worden_geupload(opzet: Opzet) -> None:
    # given the CSV report of an import, with the two rows corrected by the user
    import_ = importeer_bytes("verzuim", _bestand(opzet))
    tekst = rapport.afwijzingen_csv(import_).decode("utf-8-sig")
    verbeterd = tekst.replace("31-02-2026;50", "06-01-2026;50").replace(
        "2026-01-07;'=1+2", "2026-01-07;3"
    )
    # when the corrected report is uploaded
    opnieuw = importeer_bytes("verzuim", verbeterd.encode("utf-8-sig"))
    # then the rows are stored and the report columns were ignored
    assert (opnieuw.status, opnieuw.aantal_nieuw, opnieuw.aantal_afgewezen) == ("klaar", 2, 0)
    assert sorted(Verzuim.objects.values_list("datum", "minuten_ziek")) == [
        (date(2026, 1, 5), 50),
        (date(2026, 1, 6), 50),
        (date(2026, 1, 7), 3),
    ]


def test_het_rapport_van_een_import_zonder_afwijzingen_heeft_alleen_de_kopregel(
    opzet: Opzet,
) -> None:
    import_ = importeer_bytes("verzuim", csv_bytes(KOP))
    assert rapport.afwijzingen_csv(import_).decode("utf-8-sig") == "rij;veld;waarde;reden\r\n"


HYPERLINK = '=HYPERLINK("http://x")'


def _hyperlinkbestand(opzet: Opzet) -> bytes:
    a = opzet.bsn("demodam_school1")
    return csv_bytes(
        KOP, f'{a};{BRIN1};00;2026-01-07;"{HYPERLINK.replace(chr(34), chr(34) * 2)}";ziek'
    )


def test_een_afgewezen_formule_komt_ontsnapt_uit_het_csv_rapport(opzet: Opzet) -> None:
    # given an import whose rejected value is a spreadsheet formula
    import_ = importeer_bytes("verzuim", _hyperlinkbestand(opzet))
    # when the CSV report is made
    rijen = list(
        csv.reader(io.StringIO(rapport.afwijzingen_csv(import_).decode("utf-8-sig")), delimiter=";")
    )
    # then every cell that held the formula starts with an apostrophe, and no cell is a formula
    assert rijen[1][4] == rijen[1][8] == "'" + HYPERLINK
    assert not any(cel.startswith(("=", "+", "-", "@", "\t", "\r")) for rij in rijen for cel in rij)


def test_een_afgewezen_formule_is_een_tekstcel_tussen_aanhalingstekens_in_het_xlsx_rapport(
    opzet: Opzet,
) -> None:
    import_ = importeer_bytes("verzuim", _hyperlinkbestand(opzet))
    blad = load_workbook(io.BytesIO(rapport.afwijzingen_xlsx(import_))).active
    assert blad is not None
    cel = blad.cell(row=2, column=5)
    assert (cel.value, cel.data_type, cel.quotePrefix) == (HYPERLINK, "s", True)
    assert all(c.data_type != "f" for rij in blad.iter_rows() for c in rij)
