# SPDX-License-Identifier: EUPL-1.2
"""Files that cannot be read at all end as "mislukt" with a Dutch message and nothing stored;
files that can be read are read exactly (separator, BOM, quotes, blank lines, XLSX)."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from binnenboord.registratie.importeren.services import importeer
from binnenboord.registratie.models import Afwijzing, Import, Verzuim
from tests.registratie.importeren.conftest import (
    BRIN1,
    Opzet,
    csv_bytes,
    importeer_bytes,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db

KOP = "bsn;brin;vestiging;datum;minuten;soort;hele_dag;reden_code"


def _mislukt(import_: Import, melding: str) -> None:
    assert (import_.status, import_.melding) == ("mislukt", melding)
    assert import_.klaar_op is not None
    assert (import_.aantal_nieuw, import_.aantal_afgewezen) == (0, 0)
    assert not Verzuim.objects.exists()
    assert not Afwijzing.objects.exists()


@pytest.mark.parametrize(
    ("data", "melding"),
    [
        (b"", "Het bestand is leeg."),
        (b"\xef\xbb\xbf  \r\n\r\n", "Het bestand is leeg."),
        (
            b"bsn;school;datum\n123;x;2026-01-05\n",
            "Onbekende kolom(men) in de kopregel: school. De kolommen voor verzuim zijn: bsn, "
            "brin, vestiging, datum, minuten, soort, hele_dag, reden_code, onderwijsnummer.",
        ),
        (
            b"bsn;brin;vestiging;datum;soort\n",
            "Verplichte kolom(men) ontbreken in de kopregel: minuten.",
        ),
        (
            b"bsn;brin;vestiging;datum;minuten;soort;datum\n",
            "De kolom datum staat meer dan eens in de kopregel.",
        ),
        (b"\x00\x01\x02binary\x00", "Dit is geen CSV- of XLSX-bestand."),
        (b"PK\x03\x04 not really a zip", "Dit is geen CSV- of XLSX-bestand."),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old excel",
            "Dit is een oud Excel-bestand (.xls). Sla het op als .xlsx of als CSV (UTF-8).",
        ),
        (
            "bsn;brin;vestiging;datum;minuten;soort\n1;2;3;4;5;é\n".encode("cp1252"),
            'Het bestand is geen UTF-8-tekst. Sla het op als CSV UTF-8 (in Excel: "CSV UTF-8 '
            "(door komma's gescheiden)\") of als XLSX.",
        ),
    ],
)
def test_een_onleesbaar_bestand_mislukt_met_een_melding(
    opzet: Opzet, data: bytes, melding: str
) -> None:
    # given an unreadable file; when it is imported
    import_ = importeer_bytes("verzuim", data)
    # then the import failed with the reason and stored nothing
    _mislukt(import_, melding)


def test_een_bestand_boven_de_groottegrens_mislukt(
    opzet: Opzet, settings: object, tmp_path: Path
) -> None:
    # given a limit of 1 MB and a file of 2 MB
    settings.IMPORT_MAX_MB = 1  # type: ignore[attr-defined]
    pad = tmp_path / "groot.csv"
    pad.write_bytes(csv_bytes(KOP) + b"x" * 2_000_000)
    # when it is imported, from a path and from an open file
    van_pad = importeer(soort="verzuim", bestand=pad, bestandsnaam="groot.csv", door=None)
    with pad.open("rb") as open_bestand:
        van_stroom = importeer(
            soort="verzuim", bestand=open_bestand, bestandsnaam="groot.csv", door=None
        )
    # then both fail without reading further
    melding = "Het bestand is groter dan 1 MB; splits het in kleinere bestanden."
    _mislukt(van_pad, melding)
    _mislukt(van_stroom, melding)


def test_een_kopregel_zonder_rijen_wordt_gelezen_als_een_lege_import(opzet: Opzet) -> None:
    import_ = importeer_bytes("verzuim", csv_bytes(KOP))
    assert (import_.status, import_.aantal_rijen, import_.melding) == ("klaar", 0, "")


def test_bom_crlf_lege_regels_aanhalingstekens_en_kolomvolgorde_worden_gelezen(
    opzet: Opzet,
) -> None:
    # given a BOM, CRLF line ends, a capitalised header in another order, quoted cells (one
    # holding the separator) and blank lines
    a = opzet.bsn("demodam_school1")
    data = (
        "\ufeffSoort;BSN;Brin;Vestiging;Datum;Minuten;Reden_code\r\n"
        f'ziek;"{a}";{BRIN1};00;2026-01-05;60;"Z;K"\r\n'
        "\r\n"
        f"ongeoorloofd;{a};{BRIN1};00;2026-01-06;45;\r\n"
        ";;;;;;\r\n"
    ).encode()
    # when it is imported
    import_ = importeer_bytes("verzuim", data)
    # then the two rows are stored and the row numbers are the file's
    assert (import_.status, import_.aantal_rijen, import_.aantal_nieuw) == ("klaar", 2, 2)
    assert sorted(Verzuim.objects.values_list("datum", "reden_code")) == [
        (date(2026, 1, 5), "Z;K"),
        (date(2026, 1, 6), ""),
    ]


def test_een_csv_rij_met_aanhalingstekens_en_te_veel_velden_wordt_afgewezen(opzet: Opzet) -> None:
    a = opzet.bsn("demodam_school1")
    data = csv_bytes(KOP, f'"{a}";{BRIN1};00;2026-01-05;60;ziek;;;extra')
    import_ = importeer_bytes("verzuim", data)
    assert (import_.aantal_rijen, import_.aantal_afgewezen) == (1, 1)
    assert list(Afwijzing.objects.values_list("rij", "veld", "waarde", "reden")) == [
        (
            2,
            "",
            f"{a};{BRIN1};00;2026-01-05;60;ziek;;;extra",
            "De rij heeft 9 velden; de kopregel heeft er 8.",
        )
    ]
    assert not Verzuim.objects.exists()


def test_een_xlsx_cel_met_een_formule_weigert_de_rij_en_wordt_nooit_uitgerekend(
    opzet: Opzet,
) -> None:
    # given an XLSX whose minutes cell is a formula
    a = opzet.bsn("demodam_school1")
    data = xlsx_bytes(
        [
            KOP.split(";"),
            [a, BRIN1, "00", "2026-01-05", "=10*6", "ziek", None, None],
            [a, BRIN1, "00", "2026-01-06", 60, "ziek", None, None],
        ]
    )
    # when it is imported
    import_ = importeer_bytes("verzuim", data, naam="verzuim.xlsx")
    # then the formula row is rejected and the other row stored
    assert (import_.status, import_.aantal_nieuw, import_.aantal_afgewezen) == ("klaar", 1, 1)
    assert list(Afwijzing.objects.values_list("rij", "veld", "waarde", "reden")) == [
        (
            2,
            "minuten",
            "=10*6",
            "De cel bevat een formule (=10*6); formules worden niet uitgerekend. Vul de waarde "
            "zelf in.",
        )
    ]
    assert list(Verzuim.objects.values_list("datum", flat=True)) == [date(2026, 1, 6)]


def test_een_xlsx_met_een_verkeerde_kopregel_mislukt(opzet: Opzet) -> None:
    data = xlsx_bytes([["bsn", "datum"], ["1", "2"]])
    import_ = importeer_bytes("verzuim", data, naam="verzuim.xlsx")
    _mislukt(
        import_,
        "Verplichte kolom(men) ontbreken in de kopregel: brin, vestiging, minuten, soort.",
    )


def test_een_bestand_van_50_mb_wordt_met_exacte_aantallen_geimporteerd(
    opzet: Opzet, tmp_path: Path
) -> None:
    # given a 50 MB absence file: the school days of January-March 2026 of one pupil, repeated,
    # so every pupil-day adds up many rows; every 1000th row is broken
    from binnenboord.kern.kalender import Schoolkalender

    a = opzet.bsn("demodam_school1")
    dagen = Schoolkalender("noord").lesdagen(date(2026, 1, 5), date(2026, 3, 31))
    regels = [f"{a};{BRIN1};00;{d.isoformat()};0;ongeoorloofd;nee;OG\n" for d in dagen]
    blok = "".join(regels).encode()
    herhalingen = 50_000_000 // len(blok) + 1
    pad = tmp_path / "groot.csv"
    with pad.open("wb") as uit:
        uit.write((KOP + "\n").encode())
        for i in range(herhalingen):
            uit.write(blok if i % 1000 else blok.replace(b";0;", b";nul;", 1))
    aantal = herhalingen * len(dagen)
    assert pad.stat().st_size > 50_000_000
    # when it is imported
    begin = time.monotonic()
    import_ = importeer(soort="verzuim", bestand=pad, bestandsnaam="groot.csv", door=None)
    duur = time.monotonic() - begin
    # then it finished with every row accounted for
    fout = (herhalingen + 999) // 1000
    assert (import_.status, import_.aantal_rijen, import_.aantal_afgewezen) == (
        "klaar",
        aantal,
        fout,
    )
    assert import_.aantal_nieuw == aantal - fout
    assert Verzuim.objects.count() == len(dagen)
    assert Afwijzing.objects.filter(bestandsimport=import_).count() == fout
    assert duur < 60


# --- the row limit (IMPORT_MAX_RIJEN) and the unpacked-size limit ---------------------------

TE_VEEL = (
    "Het bestand heeft meer dan 3 rijen; er kunnen hooguit 3 rijen tegelijk worden "
    "geïmporteerd. Splits het in kleinere bestanden. Er is niets opgeslagen."
)


@pytest.mark.parametrize(
    "maak",
    [
        pytest.param(lambda rijen: csv_bytes(KOP, *rijen), id="csv"),
        pytest.param(
            lambda rijen: csv_bytes(KOP, *(f'"{r}'.replace(";", '";', 1) for r in rijen)),
            id="csv-aanhalingstekens",
        ),
        pytest.param(
            lambda rijen: xlsx_bytes([list[object](v.split(";")) for v in (KOP, *rijen)]), id="xlsx"
        ),
    ],
)
def test_een_bestand_boven_de_rijgrens_wordt_in_zijn_geheel_geweigerd(
    opzet: Opzet, settings: Any, maak: Any
) -> None:
    settings.IMPORT_MAX_RIJEN = 3
    rij = f"{opzet.bsn('demodam_school1')};{BRIN1};00;2026-01-05;60;ziek;nee;ZK"
    # exactly at the limit: read
    assert importeer_bytes("verzuim", maak([rij] * 3)).aantal_rijen == 3
    Verzuim.objects.all().delete()
    Afwijzing.objects.all().delete()
    # one row over it: refused, nothing stored
    _mislukt(importeer_bytes("verzuim", maak([rij] * 4)), TE_VEEL)


def test_een_xlsx_mag_uitpakken_tot_vijf_keer_de_uploadgrens(settings: Any) -> None:
    import io
    import zipfile

    from binnenboord.registratie.importeren.bestanden import OnleesbaarBestand, controleer_xlsx

    settings.IMPORT_MAX_MB = 1

    def archief(grootte: int) -> io.BytesIO:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("xl/workbook.xml", b"")
            z.writestr("xl/worksheets/sheet1.xml", b" " * grootte)
        buffer.seek(0)
        return buffer

    controleer_xlsx(archief(5 * 1024 * 1024))
    with pytest.raises(OnleesbaarBestand):
        controleer_xlsx(archief(5 * 1024 * 1024 + 1))
