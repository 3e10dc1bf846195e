# SPDX-License-Identifier: EUPL-1.2
"""`binnenboord rapport`: a small world in, a suppressed file out; bad input as a Dutch
command error."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

from django.core.management import CommandError, call_command
from django.utils import timezone

import pytest
from openpyxl import load_workbook

from binnenboord.monitoring.rapport import BESCHERMEND, ONDERDRUKT
from tests.factories import (
    GemeenteFactory,
    InschrijvingFactory,
    LeerlingFactory,
    OrganisatieFactory,
    SchoolFactory,
)

# what a hidden count reads as: small, or hidden to protect a small one
VERBORGEN = (ONDERDRUKT, BESCHERMEND)


@pytest.fixture
def demodam(db: None) -> None:
    """Demodam with one school: eight enrolled pupils and three of compulsory age who are not
    enrolled anywhere (absoluut verzuim: a count below 5)."""
    gemeente = GemeenteFactory(code="9999", naam="Demodam")
    OrganisatieFactory(naam="Leerplicht Demodam", gemeenten=[gemeente])
    school = SchoolFactory(gemeente=gemeente, brin="12AB", vestiging="00")
    for _i in range(8):
        InschrijvingFactory(leerling=LeerlingFactory(woongemeente=gemeente), school=school)
    for _i in range(3):
        LeerlingFactory(woongemeente=gemeente, geboortedatum=date(2013, 3, 1))


def _rapport(*args: str) -> str:
    uit = io.StringIO()
    call_command("rapport", *args, stdout=uit)
    return uit.getvalue()


def _aantallen(gegevens: dict[str, object]) -> list[object]:
    uitkomst = []
    for sectie in gegevens["secties"]:  # type: ignore[attr-defined]
        for tabel in sectie["tabellen"]:
            soorten = {k["sleutel"]: k["soort"] for k in tabel["kolommen"]}
            for rij in tabel["rijen"]:
                uitkomst += [w for s, w in rij["waarden"].items() if soorten[s] == "aantal"]
    return uitkomst


def test_json_naar_stdout_is_het_onderdrukte_rapport(demodam: None) -> None:
    uitvoer = _rapport(
        "maand", "--scope", "gemeente:9999", "--periode", "2026-10", "--formaat", "json",
        "--uitvoer", "-",
    )  # fmt: skip

    gegevens = json.loads(uitvoer)
    assert gegevens["soort"] == "maand"
    assert gegevens["periode"] == {"van": "2026-10-01", "tot": "2026-10-31"}
    assert gegevens["scope"]["code"] == "9999" and gegevens["scope"]["naam"] == "Demodam"
    assert gegevens["kleine_aantallen_onderdrukt"] is True
    aantallen = _aantallen(gegevens)
    assert aantallen
    assert all(w in VERBORGEN or (isinstance(w, int) and w >= 5) for w in aantallen)


def test_xlsx_krijgt_een_standaardnaam_in_de_gegeven_map(demodam: None, tmp_path: Path) -> None:
    uitvoer = _rapport(
        "kernpartners", "--scope", "gemeente:9999", "--periode", "2026-09..2026-10",
        "--formaat", "xlsx", "--uitvoer", str(tmp_path),
    )  # fmt: skip

    pad = tmp_path / "binnenboord-kernpartneroverleg-gemeente-9999-2026-09-01-2026-10-31.xlsx"
    assert pad.exists()
    boek = load_workbook(pad)
    tabellen = len(boek.sheetnames) - 1
    assert tabellen >= 1
    assert str(pad) in uitvoer and f": {tabellen} " in uitvoer


def test_zonder_uitvoer_komt_het_bestand_in_de_huidige_map(
    demodam: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)

    _rapport("maand", "--scope", "gemeente:9999", "--periode", "2026-10", "--formaat", "csv")

    bestanden = [p.name for p in tmp_path.iterdir()]
    assert bestanden == ["binnenboord-maandrapportage-gemeente-9999-2026-10-01-2026-10-31.csv"]
    inhoud = (tmp_path / bestanden[0]).read_bytes()
    assert inhoud.startswith(b"\xef\xbb\xbfsectie;tabel;rij;kolom;waarde")


def test_een_basisgetal_en_een_standaardperiode(demodam: None, tmp_path: Path) -> None:
    pad = tmp_path / "maand.json"

    _rapport(
        "maand", "--scope", "gemeente:9999", "--formaat", "json", "--uitvoer", str(pad),
        "--basis", "24",
    )  # fmt: skip

    gegevens = json.loads(pad.read_text())
    # today is after the period: the last whole month before today
    van = date.fromisoformat(gegevens["periode"]["van"])
    assert van.day == 1 and van < timezone.localdate().replace(day=1)
    assert len(gegevens["secties"]) >= 2


@pytest.mark.parametrize(
    ("optie", "waarde"),
    [("--periode", "2026-13"), ("--periode", "oktober"), ("--basis", "2025/2027")],
)
def test_een_foute_periode_is_een_commandofout_die_haar_noemt(optie: str, waarde: str) -> None:
    with pytest.raises(CommandError, match=waarde):
        _rapport("maand", "--scope", "gemeente:9999", "--formaat", "json", optie, waarde)


@pytest.mark.parametrize("scope", ["9999", "gemeente:99", "school:12ab00", "buurt:1"])
def test_een_fout_bereik_is_een_commandofout_die_het_noemt(scope: str) -> None:
    with pytest.raises(CommandError, match=scope):
        _rapport("maand", "--scope", scope, "--periode", "2026-10", "--formaat", "json")


def test_een_bereik_dat_niet_bestaat_is_een_commandofout(db: None) -> None:
    with pytest.raises(CommandError, match="gemeente:0001"):
        _rapport("maand", "--scope", "gemeente:0001", "--periode", "2026-10", "--formaat", "json")


def test_een_spreadsheet_kan_niet_naar_de_terminal() -> None:
    with pytest.raises(CommandError, match="xlsx"):
        _rapport("jaar", "--scope", "gemeente:9999", "--formaat", "xlsx", "--uitvoer", "-")


def test_bereik_en_formaat_zijn_verplicht() -> None:
    with pytest.raises(CommandError, match="--scope"):
        _rapport("maand", "--formaat", "json")
    with pytest.raises(CommandError, match="--formaat"):
        _rapport("maand", "--scope", "gemeente:9999")
