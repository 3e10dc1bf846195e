# SPDX-License-Identifier: EUPL-1.2
"""`binnenboord importeer`: Dutch counts, the report or the first 20 rejections, exit code 0
when the file was read and non-zero when the import failed."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from binnenboord.registratie.models import Import
from tests.registratie.importeren.conftest import BRIN1, Opzet, commando, csv_bytes, schrijf

pytestmark = pytest.mark.django_db

KOP = "bsn;brin;vestiging;datum;minuten;soort"


def test_het_commando_drukt_de_aantallen_en_de_afwijzingen_af(opzet: Opzet, tmp_path: Path) -> None:
    # given a file with one good row and 21 bad ones
    a = opzet.bsn("demodam_school1")
    regels = [f"{a};{BRIN1};00;2026-01-05;50;ziek"]
    regels += [f"{a};{BRIN1};00;2026-01-{d:02d};-{d};ziek" for d in range(6, 27)]
    pad = schrijf(tmp_path / "verzuim.csv", csv_bytes(KOP, *regels))
    # when the command imports it
    code, uit, _fout = commando("verzuim", str(pad))
    # then it exits 0 and prints the counts and the first 20 rejections
    assert code == 0
    regels_uit = uit.splitlines()
    assert regels_uit[0] == (
        "22 rijen gelezen: 1 nieuw, 0 bijgewerkt, 0 ongewijzigd, 21 afgewezen."
    )
    assert regels_uit[1] == "Rij 3: Minuten kunnen niet negatief zijn (-6)."
    assert len(regels_uit) == 22
    assert regels_uit[-1] == "… en nog 1; schrijf ze allemaal weg met --rapport UIT.csv."
    import_ = Import.objects.get()
    assert (import_.bestandsnaam, import_.medewerker) == ("verzuim.csv", None)


def test_het_commando_schrijft_het_rapport(opzet: Opzet, tmp_path: Path) -> None:
    pad = schrijf(tmp_path / "verzuim.csv", csv_bytes(KOP, f"123;{BRIN1};00;2026-01-05;5;ziek"))
    rapport = tmp_path / "afwijzingen.xlsx"
    code, uit, _fout = commando("verzuim", str(pad), "--rapport", str(rapport))
    assert code == 0
    assert uit.splitlines() == [
        "1 rijen gelezen: 0 nieuw, 0 bijgewerkt, 0 ongewijzigd, 1 afgewezen.",
        f"Rapport met afgewezen rijen geschreven naar {rapport}.",
    ]
    blad = load_workbook(io.BytesIO(rapport.read_bytes())).active
    assert blad is not None
    assert [c.value for c in next(blad.iter_rows())][-4:] == ["rij", "veld", "waarde", "reden"]


def test_het_commando_mislukt_op_een_onleesbaar_bestand(opzet: Opzet, tmp_path: Path) -> None:
    pad = schrijf(tmp_path / "leeg.csv", b"")
    code, uit, fout = commando("verzuim", str(pad))
    assert (code, uit, fout) == (1, "", "Import mislukt: Het bestand is leeg.")
    assert Import.objects.get().status == "mislukt"


def test_het_commando_mislukt_op_een_ontbrekend_bestand_of_een_slechte_rapportnaam(
    tmp_path: Path,
) -> None:
    assert commando("verzuim", str(tmp_path / "weg.csv"))[0] == 1
    pad = schrijf(tmp_path / "v.csv", csv_bytes(KOP))
    assert commando("verzuim", str(pad), "--rapport", str(tmp_path / "r.txt")) == (
        1, "", "Het rapport moet eindigen op .csv of .xlsx.",
    )  # fmt: skip
