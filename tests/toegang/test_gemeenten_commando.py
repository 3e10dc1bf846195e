# SPDX-License-Identifier: EUPL-1.2
"""`binnenboord gemeenten`: updates the municipalities from a CBS file (CSV with `;` or `,`,
or XLSX), marks ended ones, never deletes, names a bad row and keeps the valid ones."""

from __future__ import annotations

from datetime import date
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command
from django.utils import translation

import pytest
from auditlog.models import LogEntry
from openpyxl import Workbook

from binnenboord.toegang.models import Gemeente

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def nederlands() -> None:
    translation.activate("nl")


def _commando(*argumenten: str) -> tuple[str, str]:
    uit, fout = StringIO(), StringIO()
    call_command("gemeenten", *argumenten, stdout=uit, stderr=fout)
    return uit.getvalue(), fout.getvalue()


def _cbs_csv(pad: Path, *regels: str, scheiding: str = ";") -> Path:
    kop = ["Gemeentecode", "GemeentecodeGM", "Gemeentenaam", "Provinciecode", "Provincienaam"]
    tekst = "\n".join([scheiding.join(kop), *(r.replace(";", scheiding) for r in regels)])
    pad.write_text(tekst + "\n", encoding="utf-8-sig")
    return pad


def test_een_cbs_csv_voegt_toe_hernoemt_en_meldt_een_foute_rij(tmp_path: Path) -> None:
    # given a CBS-shaped file: Utrecht unchanged, a new municipality, a changed name, a bad row
    pad = _cbs_csv(
        tmp_path / "gemeenten.csv",
        "0344;GM0344;Utrecht;26;Utrecht",
        "1993;GM1993;Nieuwe Meren;27;Noord-Holland",
        "0363;GM0363;Amsterdam-Amstel;27;Noord-Holland",
        "12A;GM012A;Foutdorp;20;Groningen",
        "1994;GM1994;;20;Groningen",
    )
    # when the command reads it
    uit, fout = _commando(str(pad))
    # then the new one is added, the renamed one renamed, and the bad rows named
    assert Gemeente.objects.get(code="1993").naam == "Nieuwe Meren"
    assert Gemeente.objects.get(code="0363").naam == "Amsterdam-Amstel"
    assert "Nieuw: Nieuwe Meren (1993)" in uit.splitlines()
    assert "Hernoemd: Amsterdam (0363) heet nu Amsterdam-Amstel." in uit.splitlines()
    assert fout.splitlines() == [
        "Niet verwerkt: gemeenten.csv: Rij 5, veld gemeentecode: 12A is geen CBS-code van vier "
        "cijfers.",
        "Niet verwerkt: gemeenten.csv: Rij 6, veld gemeentenaam: de naam is leeg.",
    ]
    assert uit.splitlines()[-1] == "1 nieuw, 1 hernoemd, 0 opgeheven, 2 niet verwerkt."
    # and every municipality the file lacks is still there, listed, not deleted
    assert Gemeente.objects.filter(code="0599", opgeheven_op=None).exists()
    assert "Rotterdam (0599)" in uit


def test_een_cbs_xlsx_met_komma_codes_als_getal_wordt_gelezen(tmp_path: Path) -> None:
    boek = Workbook()
    blad = boek.active
    assert blad is not None
    blad.append(["Gemeenten alfabetisch 2027"])
    blad.append(["Gemeentecode", "GemeentecodeGM", "Gemeentenaam", "Provinciecode"])
    blad.append([344, "GM0344", "Utrecht", 26])
    blad.append([1995, "GM1995", "Zeekust", 28])
    pad = tmp_path / "Gemeenten alfabetisch 2027.xlsx"
    boek.save(pad)
    uit, fout = _commando(str(pad))
    assert fout == ""
    assert Gemeente.objects.get(code="1995").naam == "Zeekust"
    assert uit.splitlines()[-1] == "1 nieuw, 0 hernoemd, 0 opgeheven, 0 niet verwerkt."


def test_een_csv_met_komma_als_scheiding_wordt_gelezen(tmp_path: Path) -> None:
    pad = _cbs_csv(tmp_path / "g.csv", "1996;GM1996;Kommadorp;21;Fryslân", scheiding=",")
    _commando(str(pad))
    assert Gemeente.objects.get(code="1996").naam == "Kommadorp"


def test_herindeling_markeert_een_opgeheven_gemeente_met_opvolger(tmp_path: Path) -> None:
    pad = _cbs_csv(tmp_path / "g.csv", "1997;GM1997;Groot-Gooi;27;Noord-Holland")
    uit, _fout = _commando(str(pad), "--herindeling", "0376:1997:01-01-2027",
                           "--herindeling", "0417:1997:2027-01-01")  # fmt: skip
    blaricum = Gemeente.objects.select_related("opvolger").get(code="0376")
    assert blaricum.opgeheven_op == date(2027, 1, 1)
    assert blaricum.opvolger is not None and blaricum.opvolger.naam == "Groot-Gooi"
    assert "Opgeheven: Blaricum (0376) is per 01-01-2027 opgegaan in Groot-Gooi (1997)." in uit
    assert Gemeente.objects.get(code="0417").opvolger == blaricum.opvolger
    # and each change is in the audit log
    gelogd = LogEntry.objects.get_for_objects(Gemeente.objects.filter(code__in=["0376", "1997"]))
    assert gelogd.count() == 2
    assert uit.splitlines()[-1] == "1 nieuw, 0 hernoemd, 2 opgeheven, 0 niet verwerkt."


def test_een_herindelingenbestand_en_een_foute_herindeling(tmp_path: Path) -> None:
    pad = tmp_path / "herindelingen.csv"
    pad.write_text(
        "code;naam;opgeheven_op;opvolger\n0376;Blaricum;2027-01-01;0402\n0417;Laren;morgen;0402\n",
        encoding="utf-8",
    )
    uit, fout = _commando("--herindelingen", str(pad), "--herindeling", "0402:0363")
    assert Gemeente.objects.get(code="0376").opvolger == Gemeente.objects.get(code="0402")
    assert Gemeente.objects.get(code="0417").opgeheven_op is None
    assert fout.splitlines() == [
        "Niet verwerkt: herindelingen.csv: Rij 3, veld opgeheven_op: morgen is geen datum "
        "(JJJJ-MM-DD of DD-MM-JJJJ).",
        "Niet verwerkt: --herindeling 0402:0363: 0402:0363 is niet in de vorm CODE:OPVOLGER:DATUM.",
    ]
    assert uit.splitlines()[-1] == "0 nieuw, 0 hernoemd, 1 opgeheven, 2 niet verwerkt."


def test_proefdraaien_toont_de_wijzigingen_en_slaat_niets_op(tmp_path: Path) -> None:
    pad = _cbs_csv(tmp_path / "g.csv", "1998;GM1998;Proefdorp;20;Groningen")
    aantal = Gemeente.objects.count()
    uit, _fout = _commando(str(pad), "--herindeling", "0376:0402:2027-01-01", "--dry-run")
    assert "Nieuw: Proefdorp (1998)" in uit
    assert uit.splitlines()[-1] == (
        "1 nieuw, 0 hernoemd, 1 opgeheven, 0 niet verwerkt. Proefdraaien: er is niets opgeslagen."
    )
    assert Gemeente.objects.count() == aantal
    assert Gemeente.objects.get(code="0376").opgeheven_op is None


def test_een_bestand_zonder_codekolom_of_een_ontbrekend_bestand_is_een_fout(
    tmp_path: Path,
) -> None:
    pad = tmp_path / "leeg.csv"
    pad.write_text("Plaats;Provincie\nUtrecht;Utrecht\n", encoding="utf-8")
    with pytest.raises(CommandError, match="geen kolom Gemeentecode"):
        _commando(str(pad))
    with pytest.raises(CommandError, match="bestaat niet"):
        _commando(str(tmp_path / "weg.csv"))
    with pytest.raises(CommandError, match="Geef een CBS-bestand"):
        _commando()
