# SPDX-License-Identifier: EUPL-1.2
"""A fresh install knows every municipality (migration 0004): an import naming one by CBS
code or name works, a common spelling too, and a municipality that a herindeling ended is read
at its successor with a notice in the report (docs/inrichten.md)."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from django.core.management import call_command
from django.utils import translation

import pytest

from binnenboord.registratie.importeren.services import importeer
from binnenboord.registratie.models import Afwijzing, Import, Leerling, School
from binnenboord.toegang.models import Gemeente

pytestmark = pytest.mark.django_db

KOP = "brin;vestiging;naam;soort;gemeente;regio"


@pytest.fixture(autouse=True)
def nederlands() -> None:
    translation.activate("nl")


def _importeer(soort: str, *regels: str) -> Import:
    inhoud = ("\n".join(regels) + "\n").encode()
    return importeer(soort=soort, bestand=io.BytesIO(inhoud), bestandsnaam=f"{soort}.csv",
                     door=None)  # fmt: skip


def test_na_migrate_leest_een_verse_installatie_scholen_in_utrecht_op_naam_en_code() -> None:
    # given the database as migrate leaves it: no municipality added by hand
    assert Gemeente.objects.filter(code="0344").exists()
    # when schools name their municipality as "Utrecht" and as "0344"
    import_ = _importeer(
        "scholen",
        KOP,
        "12AB;00;De Domtoren;PO;Utrecht;midden",
        "34CD;00;Het Lichtpunt;VO;0344;midden",
    )
    # then both are stored in Utrecht, and the report has no notice
    assert (import_.status, import_.aantal_nieuw, import_.aantal_afgewezen) == ("klaar", 2, 0)
    assert import_.melding == ""
    assert set(School.objects.values_list("naam", "gemeente__code")) == {
        ("De Domtoren", "0344"),
        ("Het Lichtpunt", "0344"),
    }


@pytest.mark.parametrize(
    ("waarde", "code"),
    [
        ("Den Haag", "0518"),
        ("'s-Gravenhage", "0518"),
        ("s-Gravenhage", "0518"),
        ("Den Bosch", "0796"),
        ("'s-Hertogenbosch", "0796"),
        ("ROTTERDAM", "0599"),
        ("GM0363", "0363"),
        ("363", "0363"),
        ("Hengelo", "0164"),
        ("Sudwest Fryslan", "1900"),
    ],
)
def test_een_gangbare_schrijfwijze_vindt_de_gemeente(waarde: str, code: str) -> None:
    import_ = _importeer("scholen", KOP, f"12AB;00;De School;PO;{waarde};midden")
    assert import_.aantal_nieuw == 1, list(Afwijzing.objects.values_list("reden", flat=True))
    assert School.objects.get().gemeente.code == code


def test_een_dubbelzinnige_naam_zonder_provincie_wordt_afgewezen() -> None:
    # Bergen (L.) and Bergen (NH.): "Bergen" alone names neither
    import_ = _importeer("scholen", KOP, "12AB;00;De School;PO;Bergen;midden")
    assert import_.aantal_afgewezen == 1
    assert Afwijzing.objects.get().reden == (
        "Er is geen gemeente met CBS-code of naam Bergen bekend."
    )
    assert _importeer("scholen", KOP, "12AB;00;De School;PO;Bergen (NH.);midden").aantal_nieuw == 1


def test_een_opgeheven_gemeente_wordt_bij_haar_opvolger_ingelezen_en_het_rapport_zegt_het() -> None:
    # given a school file that still names Weesp (by name and by code) and Beemster
    import_ = _importeer(
        "scholen",
        KOP,
        "12AB;00;De Vecht;PO;Weesp;noord",
        "34CD;00;Het Slot;PO;0457;noord",
        "56EF;00;De Polder;PO;Beemster;noord",
    )
    # then the rows are stored at Amsterdam and Purmerend
    assert (import_.status, import_.aantal_nieuw, import_.aantal_afgewezen) == ("klaar", 3, 0)
    assert dict(School.objects.values_list("naam", "gemeente__naam")) == {
        "De Vecht": "Amsterdam",
        "Het Slot": "Amsterdam",
        "De Polder": "Purmerend",
    }
    # and the report names the old and the new municipality, the date and the rows
    assert import_.melding == (
        "Gemeente Weesp (0457) is per 24-03-2022 opgegaan in Amsterdam (0363); 2 rijen (2, 3) "
        "zijn bij Amsterdam ingelezen. Gemeente Beemster (0370) is per 01-01-2022 opgegaan in "
        "Purmerend (0439); rij 4 is bij Purmerend ingelezen."
    )


def test_een_keten_van_herindelingen_komt_bij_de_huidige_gemeente_uit() -> None:
    # given Purmerend itself ended later (a herindeling that has not happened)
    purmerend = Gemeente.objects.get(code="0439")
    nieuw = Gemeente.objects.create(code="9801", naam="Groot-Waterland")
    purmerend.opgeheven_op, purmerend.opvolger = date(2030, 1, 1), nieuw
    purmerend.save()
    # when a row names Beemster
    import_ = _importeer("scholen", KOP, "12AB;00;De Polder;PO;Beemster;noord")
    # then it lands at the end of the chain and the notice names both ends
    assert School.objects.get().gemeente == nieuw
    assert "Gemeente Beemster (0370) is per 01-01-2022 opgegaan in Groot-Waterland (9801)" in (
        import_.melding
    )


def test_een_gesplitste_gemeente_wordt_afgewezen_met_de_reden() -> None:
    import_ = _importeer("scholen", KOP, "12AB;00;De School;PO;Haaren;zuid")
    assert import_.aantal_afgewezen == 1
    assert Afwijzing.objects.get().reden == (
        "Gemeente Haaren (0788) bestaat niet meer: een herindeling heeft haar over meerdere "
        "gemeenten verdeeld. Geef de huidige gemeente op."
    )


def test_een_afgewezen_rij_krijgt_geen_melding_over_de_herindeling() -> None:
    import_ = _importeer("scholen", KOP, "12AB;00;De Vecht;XX;Weesp;noord")
    assert (import_.aantal_nieuw, import_.aantal_afgewezen, import_.melding) == (0, 1, "")


def test_een_leerling_in_een_opgeheven_gemeente_woont_bij_de_opvolger(wereld: object) -> None:
    import_ = _importeer(
        "leerlingen",
        "bsn;voornamen;achternaam;geboortedatum;woongemeente",
        "111222333;Anna;de Vries;2014-03-01;Hellevoetsluis",
    )
    assert import_.aantal_nieuw == 1, list(Afwijzing.objects.values_list("reden", flat=True))
    assert Leerling.objects.get(bsn="111222333").woongemeente.code == "1992"
    assert "Gemeente Hellevoetsluis (0530) is per 01-01-2023 opgegaan in Voorne aan Zee (1992)" in (
        import_.melding
    )


def test_het_importcommando_drukt_de_melding_over_de_herindeling_af(tmp_path: Path) -> None:
    pad = tmp_path / "scholen.csv"
    pad.write_text(f"{KOP}\n12AB;00;De Vecht;PO;Weesp;noord\n", encoding="utf-8")
    uit = io.StringIO()
    call_command("importeer", "scholen", str(pad), stdout=uit)
    assert uit.getvalue().splitlines() == [
        "1 rijen gelezen: 1 nieuw, 0 bijgewerkt, 0 ongewijzigd, 0 afgewezen.",
        "Gemeente Weesp (0457) is per 24-03-2022 opgegaan in Amsterdam (0363); rij 2 is bij "
        "Amsterdam ingelezen.",
    ]
