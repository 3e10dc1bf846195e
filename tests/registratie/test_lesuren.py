# SPDX-License-Identifier: EUPL-1.2
"""Absence per lesson (columns lesuur and code): each row counts the school's lesson length
(or its own minutes) for the kind of the school's own code, and the rows of a pupil-day add up
to the one day row; an unknown code or a second row for one lesson is rejected and named. And
the day format's hele_dag=ja: the minutes the school gave, else the school's day length."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.utils import translation

import pytest

from binnenboord.registratie.importeren.services import importeer
from binnenboord.registratie.models import Afwijzing, Import, Leerling, School, Verzuim
from binnenboord.toegang.models import Medewerker, Rol
from tests.registratie.importeren.conftest import commando
from tests.wereld import Wereld

pytestmark = pytest.mark.django_db

BRIN1, BRIN2 = "12AB", "34CD"
LESKOP = "bsn;brin;vestiging;datum;lesuur;code;minuten"
DAGKOP = "bsn;brin;vestiging;datum;minuten;soort;hele_dag;reden_code"
SOORTEN = ("ongeoorloofd", "luxe", "te_laat", "ziek", "geoorloofd")
CODES = (
    ("SP", "ongeoorloofd", "spijbelen"),
    ("TL", "te_laat", "te laat"),
    ("ZK", "ziek", "ziek gemeld"),
    ("TA", "geoorloofd", "tandarts"),
    ("LX", "luxe", "vakantie buiten de schoolvakantie"),
)


@dataclass
class Lesopzet:
    wereld: Wereld
    school1: School
    school2: School

    def bsn(self, naam: str) -> str:
        bsn = self.wereld.leerlingen[naam].bsn
        assert bsn is not None
        return bsn

    def leerling(self, naam: str) -> Leerling:
        return self.wereld.leerlingen[naam]

    @property
    def school(self) -> Medewerker:
        """The staff member of school 1 (Het Baken)."""
        return self.wereld.medewerkers[Rol.SCHOOLMEDEWERKER]


def maak_lesopzet(wereld: Wereld, *, daglengte: int = 360, lesuur: int = 60) -> Lesopzet:
    """School 1 (Het Baken, 12AB) with a day of `daglengte` and lessons of `lesuur` minutes and
    the codes of CODES; school 2 (De Vuurtoren, 34CD) with the defaults and no codes."""
    translation.activate("nl")
    school1 = School.objects.get(organisatie__naam="Het Baken")
    school2 = School.objects.get(organisatie__naam="De Vuurtoren")
    School.objects.filter(pk=school1.pk).update(
        brin=BRIN1, naam="Het Baken", daglengte_minuten=daglengte, lesuur_minuten=lesuur
    )
    School.objects.filter(pk=school2.pk).update(brin=BRIN2, naam="De Vuurtoren")
    school1.refresh_from_db()
    school2.refresh_from_db()
    regels = [f"{BRIN1};00;{c};{s};;{o}" for c, s, o in CODES]
    codes = importeer_regels(
        "verzuimcodes", "brin;vestiging;code;soort;geoorloofd;omschrijving", *regels
    )
    assert (codes.aantal_nieuw, codes.aantal_afgewezen) == (len(CODES), 0)
    return Lesopzet(wereld, school1, school2)


@pytest.fixture
def opzet(wereld: Wereld) -> Lesopzet:
    return maak_lesopzet(wereld)


def importeer_regels(soort: str, *regels: str, door: Medewerker | None = None) -> Import:
    data = ("\n".join(regels) + "\n").encode()
    return importeer(soort=soort, bestand=io.BytesIO(data), bestandsnaam="f.csv", door=door)


def opgeslagen_verzuim() -> list[tuple[object, ...]]:
    """Every stored day row, by what it holds (not its id)."""
    return list(
        Verzuim.objects.order_by("leerling_id", "datum").values_list(
            "leerling_id",
            "school_id",
            "datum",
            *(f"minuten_{s}" for s in SOORTEN),
            "reden_code",
            "bron",
        )
    )


def _minuten(leerling: Leerling, dag: date) -> dict[str, int]:
    verzuim = Verzuim.objects.get(leerling=leerling, datum=dag)
    minuten = {s: getattr(verzuim, f"minuten_{s}") for s in SOORTEN}
    return {s: m for s, m in minuten.items() if m}


def _afwijzingen(import_: Import) -> list[tuple[int, str, str, str]]:
    return list(
        Afwijzing.objects.filter(bestandsimport=import_)
        .order_by("rij")
        .values_list("rij", "veld", "waarde", "reden")
    )


def test_elk_lesuur_telt_de_lesuurlengte_van_de_school_en_de_lesuren_tellen_op_tot_een_dag(
    opzet: Lesopzet,
) -> None:
    a = opzet.bsn("demodam_school1")
    import_ = importeer_regels(
        "verzuim",
        LESKOP,
        f"{a};{BRIN1};00;2026-01-12;1;SP;",
        f"{a};{BRIN1};00;2026-01-12;2;sp;",  # the school's code in any case
        f"{a};{BRIN1};00;2026-01-12;3;TL;10",  # its own minutes override the lesson length
        f"{a};{BRIN1};00;12-01-2026;4;ZK;",
        door=opzet.school,
    )

    assert (import_.status, import_.aantal_rijen, import_.aantal_nieuw) == ("klaar", 4, 4)
    assert import_.aantal_afgewezen == 0
    leerling = opzet.leerling("demodam_school1")
    assert _minuten(leerling, date(2026, 1, 12)) == {
        "ongeoorloofd": 120,
        "te_laat": 10,
        "ziek": 60,
    }
    # one row per pupil-day, with the school's codes beside the kinds
    [dag] = Verzuim.objects.filter(leerling=leerling)
    assert (dag.school_id, dag.reden_code, dag.bron) == (opzet.school1.pk, "SP,TL,ZK", "import")


def test_een_onbekende_code_wijst_de_rij_af_met_code_school_en_rij_en_de_rest_wordt_opgeslagen(
    opzet: Lesopzet,
) -> None:
    a = opzet.bsn("demodam_school1")
    import_ = importeer_regels(
        "verzuim",
        LESKOP,
        f"{a};{BRIN1};00;2026-01-12;1;SP;",
        f"{a};{BRIN1};00;2026-01-12;2;XX;",
        f"{a};{BRIN1};00;2026-01-12;3;SP;",
        door=opzet.school,
    )

    assert (import_.aantal_nieuw, import_.aantal_afgewezen) == (2, 1)
    assert _afwijzingen(import_) == [
        (
            3,
            "code",
            "XX",
            "Onbekende verzuimcode 'XX' voor school 12AB00 in rij 3; leg de code vast met de "
            "import verzuimcodes.",
        )
    ]
    assert _minuten(opzet.leerling("demodam_school1"), date(2026, 1, 12)) == {"ongeoorloofd": 120}


def test_de_code_van_een_andere_school_geldt_niet(opzet: Lesopzet) -> None:
    """Codes are per school: school 2 has none, so SP is unknown there."""
    c = opzet.bsn("buurdorp_school2")
    import_ = importeer_regels("verzuim", LESKOP, f"{c};{BRIN2};00;2026-01-12;1;SP;")
    [(rij, veld, _waarde, reden)] = _afwijzingen(import_)
    assert (rij, veld) == (2, "code")
    assert "Onbekende verzuimcode 'SP' voor school 34CD00" in reden
    assert not Verzuim.objects.exists()


def test_een_tweede_rij_voor_hetzelfde_lesuur_wordt_afgewezen_en_noemt_de_eerste(
    opzet: Lesopzet,
) -> None:
    a = opzet.bsn("demodam_school1")
    import_ = importeer_regels(
        "verzuim",
        LESKOP,
        f"{a};{BRIN1};00;2026-01-12;1;SP;",
        f"{a};{BRIN1};00;2026-01-12;2;SP;",
        f"{a};{BRIN1};00;2026-01-12;2;ZK;",
        door=opzet.school,
    )

    [(rij, veld, waarde, reden)] = _afwijzingen(import_)
    assert (rij, veld, waarde) == (4, "lesuur", "2")
    assert reden == (
        "Lesuur 2 van deze leerling op 2026-01-12 staat al in rij 3; één rij per lesuur."
    )
    # the first row of the lesson counts, once
    assert _minuten(opzet.leerling("demodam_school1"), date(2026, 1, 12)) == {"ongeoorloofd": 120}


def test_een_lesuur_dat_geen_getal_is_of_een_ontbrekende_code_wordt_afgewezen(
    opzet: Lesopzet,
) -> None:
    a = opzet.bsn("demodam_school1")
    import_ = importeer_regels(
        "verzuim",
        LESKOP,
        f"{a};{BRIN1};00;2026-01-12;derde;SP;",
        f"{a};{BRIN1};00;2026-01-12;25;SP;",
        f"{a};{BRIN1};00;2026-01-12;1;;",
        f"{a};{BRIN1};00;2026-01-12;2;SP;-5",
        door=opzet.school,
    )
    assert [(r, v) for r, v, _w, _d in _afwijzingen(import_)] == [
        (2, "lesuur"),
        (3, "lesuur"),
        (4, "code"),
        (5, "minuten"),
    ]
    assert not Verzuim.objects.exists()


def test_hetzelfde_lesuurbestand_opnieuw_importeren_verdubbelt_niets(opzet: Lesopzet) -> None:
    a = opzet.bsn("demodam_school1")
    regels = (
        LESKOP,
        f"{a};{BRIN1};00;2026-01-12;1;SP;",
        f"{a};{BRIN1};00;2026-01-12;2;SP;",
        f"{a};{BRIN1};00;2026-01-13;1;ZK;",
    )
    eerste = importeer_regels("verzuim", *regels, door=opzet.school)
    na_eerste = opgeslagen_verzuim()
    tweede = importeer_regels("verzuim", *regels, door=opzet.school)

    assert (eerste.aantal_nieuw, tweede.aantal_nieuw, tweede.aantal_ongewijzigd) == (3, 0, 3)
    assert opgeslagen_verzuim() == na_eerste
    assert Verzuim.objects.count() == 2


def test_hele_dag_met_minuten_telt_die_minuten_en_zonder_minuten_de_daglengte_van_de_school(
    opzet: Lesopzet,
) -> None:
    """School 1 has a day of 360 minutes; school 2 the default 300."""
    a, c = opzet.bsn("demodam_school1"), opzet.bsn("buurdorp_school2")
    import_ = importeer_regels(
        "verzuim",
        DAGKOP,
        f"{a};{BRIN1};00;2026-01-12;360;ongeoorloofd;ja;",
        f"{a};{BRIN1};00;2026-01-13;;ongeoorloofd;ja;",
        f"{a};{BRIN1};00;2026-01-14;200;ziek;ja;",
        f"{c};{BRIN2};00;2026-01-12;;ziek;ja;",
        f"{c};{BRIN2};00;2026-01-13;abc;ziek;ja;",
    )

    a_ = opzet.leerling("demodam_school1")
    assert _minuten(a_, date(2026, 1, 12)) == {"ongeoorloofd": 360}
    assert _minuten(a_, date(2026, 1, 13)) == {"ongeoorloofd": 360}
    assert _minuten(a_, date(2026, 1, 14)) == {"ziek": 200}
    assert _minuten(opzet.leerling("buurdorp_school2"), date(2026, 1, 12)) == {"ziek": 300}
    # minutes that are given are checked, also beside hele_dag=ja
    [(rij, veld, _waarde, _reden)] = _afwijzingen(import_)
    assert (rij, veld) == (6, "minuten")


def test_de_opdrachtregel_herkent_het_lesuurformaat_aan_zijn_kolommen(
    opzet: Lesopzet, tmp_path: Path
) -> None:
    a = opzet.bsn("demodam_school1")
    pad = tmp_path / "lesuren.csv"
    pad.write_text(f"{LESKOP}\n{a};{BRIN1};00;2026-01-12;1;TA;\n{a};{BRIN1};00;2026-01-12;2;TA;\n")

    code, uit, _fout = commando("verzuim", str(pad))

    assert code == 0, uit
    assert "2 nieuw" in uit
    assert _minuten(opzet.leerling("demodam_school1"), date(2026, 1, 12)) == {"geoorloofd": 120}


def test_een_kop_met_lesuur_maar_zonder_code_noemt_de_ontbrekende_kolom(opzet: Lesopzet) -> None:
    a = opzet.bsn("demodam_school1")
    import_ = importeer_regels(
        "verzuim", "bsn;brin;vestiging;datum;lesuur;minuten", f"{a};{BRIN1};00;2026-01-12;1;50"
    )
    assert import_.status == "mislukt"
    assert "code" in import_.melding
    assert not Verzuim.objects.exists()
