# SPDX-License-Identifier: EUPL-1.2
"""Importing absence: the file's total per pupil-day replaces what was stored, idempotently,
set-wise; every bad row is rejected with its Dutch reason and nothing of it is stored."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied

import pytest
from auditlog.models import LogEntry

from binnenboord.registratie.models import Afwijzing, Import, Verzuim
from binnenboord.toegang.models import Rol
from binnenboord.verantwoording.models import Inzage
from tests.factories import VerzuimFactory
from tests.registratie.importeren.conftest import (
    BRIN1,
    BRIN2,
    Opzet,
    csv_bytes,
    importeer_bytes,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db

KOP = "bsn;brin;vestiging;datum;minuten;soort;hele_dag;reden_code"


def _minuten(verzuim: Verzuim) -> dict[str, int]:
    return {
        s: getattr(verzuim, f"minuten_{s}")
        for s in ("ongeoorloofd", "luxe", "te_laat", "ziek", "geoorloofd")
        if getattr(verzuim, f"minuten_{s}")
    }


def _afwijzingen(import_: Import) -> list[tuple[int, str, str, str]]:
    return list(
        Afwijzing.objects.filter(bestandsimport=import_)
        .order_by("rij")
        .values_list("rij", "veld", "waarde", "reden")
    )


def _telling(import_: Import) -> tuple[str, int, int, int, int, int]:
    return (
        import_.status,
        import_.aantal_rijen,
        import_.aantal_nieuw,
        import_.aantal_bijgewerkt,
        import_.aantal_ongewijzigd,
        import_.aantal_afgewezen,
    )


def _goed_bestand(opzet: Opzet, scheiding: str = ";") -> bytes:
    a, b = opzet.bsn("demodam_school1"), opzet.bsn("buurdorp_school1")
    return csv_bytes(
        KOP,
        f"{a};{BRIN1};00;2026-01-05;50;ongeoorloofd;;OG",
        f"{a};{BRIN1};00;05-01-2026;30;te_laat;;TL",
        f"{a};{BRIN1};00;2026-01-06;;ziek;ja;ZK",
        f"{b};{BRIN1};0;2026-01-07;120;geoorloofd;nee;VL",
        scheiding=scheiding,
    )


@pytest.mark.parametrize("scheiding", [";", ","])
def test_een_csv_bestand_slaat_een_rij_per_leerlingdag_op(opzet: Opzet, scheiding: str) -> None:
    # given a CSV with two rows for one pupil-day, a whole sick day and another pupil
    data = _goed_bestand(opzet, scheiding)
    # when the command line imports it
    import_ = importeer_bytes("verzuim", data)
    # then every row is accounted for and the days hold the summed minutes
    assert _telling(import_) == ("klaar", 4, 4, 0, 0, 0)
    assert import_.verwerkt == 4
    assert import_.melding == ""
    dagen = {
        (v.leerling.bsn, v.datum): (_minuten(v), v.reden_code, v.bron, v.school_id)
        for v in Verzuim.objects.select_related("leerling")
    }
    a, b = opzet.bsn("demodam_school1"), opzet.bsn("buurdorp_school1")
    s1 = opzet.school1.pk
    assert dagen == {
        (a, date(2026, 1, 5)): ({"ongeoorloofd": 50, "te_laat": 30}, "OG,TL", "import", s1),
        (a, date(2026, 1, 6)): ({"ziek": 300}, "ZK", "import", s1),
        (b, date(2026, 1, 7)): ({"geoorloofd": 120}, "VL", "import", s1),
    }


def test_een_xlsx_bestand_wordt_gelezen_als_een_csv(opzet: Opzet) -> None:
    # given the same rows in an XLSX, with a numeric BSN cell, a real date and a number
    a = opzet.bsn("demodam_school1")
    data = xlsx_bytes(
        [
            KOP.split(";"),
            [int(a), BRIN1, "00", date(2026, 1, 5), 50, "ongeoorloofd", None, "OG"],
            [a, BRIN1, 0, "2026-01-06", None, "ziek", "ja", "ZK"],
        ]
    )
    # when it is imported
    import_ = importeer_bytes("verzuim", data, naam="verzuim.xlsx")
    # then both rows are stored
    assert _telling(import_) == ("klaar", 2, 2, 0, 0, 0)
    assert sorted((v.datum, _minuten(v)) for v in Verzuim.objects.all()) == [
        (date(2026, 1, 5), {"ongeoorloofd": 50}),
        (date(2026, 1, 6), {"ziek": 300}),
    ]


def test_hetzelfde_bestand_opnieuw_importeren_verandert_niets(opzet: Opzet) -> None:
    # given an imported file
    data = _goed_bestand(opzet)
    importeer_bytes("verzuim", data)
    voor = list(Verzuim.objects.order_by("pk").values())
    logs = LogEntry.objects.count()
    # when the same file is imported again
    import_ = importeer_bytes("verzuim", data)
    # then every row is unchanged, no row is added and no history is written
    assert _telling(import_) == ("klaar", 4, 0, 0, 4, 0)
    assert list(Verzuim.objects.order_by("pk").values()) == voor
    assert LogEntry.objects.count() == logs


def test_een_gewijzigde_waarde_werkt_de_dag_bij_en_staat_in_de_historie(opzet: Opzet) -> None:
    # given an imported file and an existing day typed in by hand
    a = opzet.bsn("demodam_school1")
    importeer_bytes("verzuim", _goed_bestand(opzet))
    # when a corrected file says 55 instead of 50 minutes ongeoorloofd for 5 January
    gewijzigd = _goed_bestand(opzet).replace(b";50;", b";55;")
    import_ = importeer_bytes("verzuim", gewijzigd)
    # then the two rows of that day count as updated, the rest as unchanged
    assert _telling(import_) == ("klaar", 4, 0, 2, 2, 0)
    dag = Verzuim.objects.get(leerling__bsn=a, datum=date(2026, 1, 5))
    assert _minuten(dag) == {"ongeoorloofd": 55, "te_laat": 30}
    # and the change is in the history, with the import and without the BSN
    entry = LogEntry.objects.get_for_object(dag).get()
    assert entry.action == LogEntry.Action.UPDATE
    assert entry.changes == {"minuten_ongeoorloofd": [50, 55]}
    assert entry.actor is None
    assert entry.additional_data == {"import": import_.pk, "bestand": "bestand.csv"}
    assert a not in entry.object_repr
    assert a not in str(entry.changes)


def test_het_totaal_uit_het_bestand_vervangt_een_met_de_hand_ingevoerde_dag(opzet: Opzet) -> None:
    # given a day entered by hand at another school
    leerling = opzet.leerling("demodam_school1")
    VerzuimFactory(
        leerling=leerling, school=opzet.school2, datum=date(2026, 1, 5), minuten_ziek=300
    )
    # when the file says 50 minutes ongeoorloofd at school 1 for that day
    data = csv_bytes(KOP, f"{leerling.bsn};{BRIN1};00;2026-01-05;50;ongeoorloofd;;OG")
    import_ = importeer_bytes("verzuim", data)
    # then the file's total replaces the day, and the history says what it was
    assert _telling(import_) == ("klaar", 1, 0, 1, 0, 0)
    dag = Verzuim.objects.get()
    assert (_minuten(dag), dag.school_id, dag.bron) == (
        {"ongeoorloofd": 50},
        opzet.school1.pk,
        "import",
    )
    assert LogEntry.objects.get_for_object(dag).filter(action=1).get().changes == {
        "school": [opzet.school2.pk, opzet.school1.pk],
        "minuten_ongeoorloofd": [0, 50],
        "minuten_ziek": [300, 0],
        "reden_code": ["", "OG"],
        "bron": ["handmatig", "import"],
    }


@pytest.mark.parametrize(
    ("regel", "veld", "waarde", "reden"),
    [
        (
            "123456789;{brin};00;2026-01-05;50;ziek;;",
            "bsn",
            "123456789",
            "123456789 is geen geldig BSN (elfproef).",
        ),
        (
            "{bsn};99ZZ;00;2026-01-05;50;ziek;;",
            "brin",
            "99ZZ",
            "Er is geen school met BRIN 99ZZ en vestiging 00 bekend.",
        ),
        (
            "{bsn};{brin};00;31-02-2026;50;ziek;;",
            "datum",
            "31-02-2026",
            "31-02-2026 is geen geldige datum; gebruik JJJJ-MM-DD of DD-MM-JJJJ.",
        ),
        (
            "{bsn};{brin};00;2026-01-05;-30;ziek;;",
            "minuten",
            "-30",
            "Minuten kunnen niet negatief zijn (-30).",
        ),
        (
            "{bsn};{brin};00;2026-01-05;een uur;ziek;;",
            "minuten",
            "een uur",
            "een uur is geen geheel aantal minuten.",
        ),
        (
            "{bsn};{brin};00;2026-01-05;721;ziek;;",
            "minuten",
            "721",
            "721 minuten is meer dan 720 (12 uur) voor één rij.",
        ),
        (
            "{bsn};{brin};00;2026-01-05;50;spijbelen;;",
            "soort",
            "spijbelen",
            "spijbelen is geen verzuimsoort; gebruik ongeoorloofd, luxe, te_laat, ziek of "
            "geoorloofd.",
        ),
        (
            "{bsn};{brin};00;2026-01-05;50;ziek;misschien;",
            "hele_dag",
            "misschien",
            "misschien is geen ja of nee.",
        ),
        (
            "{bsn};{brin};00;2025-12-23;50;ziek;;",
            "datum",
            "2025-12-23",
            "2025-12-23: Kerstvakantie, geen lesdag.",
        ),
        (
            "{ander};{brin};00;2026-01-05;50;ziek;;",
            "datum",
            "2026-01-05",
            "De leerling stond op 2026-01-05 niet ingeschreven bij {school}.",
        ),
        (
            "111222333;{brin};00;2026-01-05;50;ziek;;",
            "bsn",
            "111222333",
            "Er is geen leerling met BSN 111222333 bekend; importeer eerst de leerling.",
        ),
        (
            "{bsn};{brin};00;2026-01-05;50;ziek",
            "",
            "{bsn};{brin};00;2026-01-05;50;ziek",
            "De rij heeft 6 velden; de kopregel heeft er 8.",
        ),
    ],
)
def test_een_slechte_rij_wordt_met_zijn_reden_afgewezen_en_de_rest_wordt_opgeslagen(
    opzet: Opzet, regel: str, veld: str, waarde: str, reden: str
) -> None:
    # given a file with one good row and one bad row
    bsn = opzet.bsn("demodam_school1")
    vul = {
        "bsn": bsn,
        "brin": BRIN1,
        "ander": opzet.bsn("buurdorp_school2"),
        "school": opzet.school1.naam,
    }
    data = csv_bytes(KOP, f"{bsn};{BRIN1};00;2026-01-07;50;ziek;;ZK", regel.format(**vul))
    # when it is imported
    import_ = importeer_bytes("verzuim", data)
    # then the import does not crash, stores the good row only and explains the bad one
    assert _telling(import_) == ("klaar", 2, 1, 0, 0, 1)
    assert list(Verzuim.objects.values_list("datum", flat=True)) == [date(2026, 1, 7)]
    assert _afwijzingen(import_) == [(3, veld, waarde.format(**vul), reden.format(**vul))]
    afwijzing = Afwijzing.objects.get()
    assert afwijzing.gegevens["bsn"] == regel.format(**vul).split(";")[0]


def test_een_rij_met_meerdere_fouten_noemt_ze_allemaal(opzet: Opzet) -> None:
    # given a row with a bad BSN, an impossible date and an unknown kind
    data = csv_bytes(KOP, f"123;{BRIN1};00;2026-02-31;5;x;;")
    # when it is imported
    import_ = importeer_bytes("verzuim", data)
    # then one rejection names the three fields
    assert _afwijzingen(import_) == [
        (
            2,
            "bsn, datum, soort",
            "123; 2026-02-31; x",
            "123 is geen geldig BSN (elfproef). 2026-02-31 is geen geldige datum; gebruik "
            "JJJJ-MM-DD of DD-MM-JJJJ. x is geen verzuimsoort; gebruik ongeoorloofd, luxe, "
            "te_laat, ziek of geoorloofd.",
        )
    ]
    assert not Verzuim.objects.exists()


def test_rijen_van_een_dag_tellen_op_en_een_dag_boven_24_uur_wordt_geheel_afgewezen(
    opzet: Opzet,
) -> None:
    # given three rows of 600 minutes for one pupil-day (even identical rows add up)
    a = opzet.bsn("demodam_school1")
    regel = f"{a};{BRIN1};00;2026-01-05;600;ziek;;"
    data = csv_bytes(KOP, regel, regel, f"{a};{BRIN1};00;2026-01-05;600;luxe;;")
    # when it is imported
    import_ = importeer_bytes("verzuim", data)
    # then all three are rejected: which one is wrong cannot be told
    reden = (
        "De rijen van deze leerling voor 2026-01-05 tellen op tot 1800 minuten, meer dan een "
        "etmaal (1440)."
    )
    assert _afwijzingen(import_) == [
        (2, "minuten", "600", reden),
        (3, "minuten", "600", reden),
        (4, "minuten", "600", reden),
    ]
    assert not Verzuim.objects.exists()


def test_een_dag_op_twee_scholen_wordt_afgewezen(opzet: Opzet) -> None:
    # given a pupil enrolled at school 1 and, for this test, also at school 2
    from tests.factories import InschrijvingFactory

    leerling = opzet.leerling("demodam_school1")
    InschrijvingFactory(leerling=leerling, school=opzet.school2)
    data = csv_bytes(
        KOP,
        f"{leerling.bsn};{BRIN1};00;2026-01-05;60;ziek;;",
        f"{leerling.bsn};{BRIN2};00;2026-01-05;60;ziek;;",
    )
    # when both schools are named for one day in one file
    import_ = importeer_bytes("verzuim", data, door=None)
    # then both rows are rejected
    reden = "De rijen van deze leerling voor 2026-01-05 noemen verschillende scholen."
    assert [a[3] for a in _afwijzingen(import_)] == [reden, reden]
    assert not Verzuim.objects.exists()


def test_een_school_importeert_alleen_voor_haar_eigen_school(opzet: Opzet) -> None:
    # given a school employee of school 1 and a file with rows for school 1 and school 2
    medewerker = opzet.medewerker(Rol.SCHOOLMEDEWERKER)
    eigen, ander = opzet.bsn("demodam_school1"), opzet.bsn("buurdorp_school2")
    data = csv_bytes(
        KOP,
        f"{eigen};{BRIN1};00;2026-01-05;50;ziek;;",
        f"{ander};{BRIN2};00;2026-01-05;50;ziek;;",
    )
    # when the employee imports it
    import_ = importeer_bytes("verzuim", data, door=medewerker)
    # then the other school's row is rejected, not silently dropped
    assert _telling(import_) == ("klaar", 2, 1, 0, 0, 1)
    # (a pupil of another school reads like an unknown BSN: the import is no oracle)
    assert _afwijzingen(import_) == [
        (
            3,
            "bsn, brin",
            f"{ander}; {BRIN2}",
            f"Er is geen leerling met BSN {ander} bekend; importeer eerst de leerling. "
            f"{opzet.school2.naam} is geen school van uw organisatie; u mag alleen voor uw "
            "eigen school importeren.",
        )
    ]
    assert list(Verzuim.objects.values_list("leerling__bsn", flat=True)) == [eigen]
    # and the import is recorded with its user, with one access-log entry
    assert import_.medewerker == medewerker
    inzage = Inzage.objects.get()
    assert (inzage.medewerker_id, inzage.handeling, inzage.bron, inzage.aantal, inzage.reden) == (
        medewerker.pk,
        "aanmaken",
        "registratie:import",
        1,
        "import verzuim bestand.csv",
    )


@pytest.mark.parametrize(
    "rol",
    [Rol.LEERPLICHTAMBTENAAR, Rol.JEUGDARTS, Rol.BELEIDSMEDEWERKER, Rol.FUNCTIONEEL_BEHEERDER],
)
def test_een_rol_zonder_het_recht_wordt_geweigerd_en_niets_wordt_opgeslagen(
    opzet: Opzet, rol: str
) -> None:
    # given a user whose role may not import absence
    medewerker = opzet.medewerker(rol)
    # when the user tries
    with pytest.raises(PermissionDenied):
        importeer_bytes("verzuim", _goed_bestand(opzet), door=medewerker)
    # then nothing was stored or recorded
    assert not Verzuim.objects.exists()
    assert not Import.objects.exists()
    assert not Afwijzing.objects.exists()
    assert not Inzage.objects.exists()


def test_de_voortgang_wordt_per_batch_geteld(opzet: Opzet, monkeypatch: pytest.MonkeyPatch) -> None:
    # given batches of 2 pupil-days and a file of 3 days
    from binnenboord.registratie.importeren import opslaan

    monkeypatch.setattr(opslaan, "VERZUIM_BATCH", 2)
    monkeypatch.setattr(opslaan, "BATCH", 2)
    gezien: list[int] = []
    echt = opslaan.zet_voortgang
    monkeypatch.setattr(opslaan, "zet_voortgang", lambda i, n: (gezien.append(n), echt(i, n))[1])
    from binnenboord.registratie.importeren import services

    monkeypatch.setattr(services, "zet_voortgang", opslaan.zet_voortgang)
    # when the file is imported
    import_ = importeer_bytes("verzuim", _goed_bestand(opzet))
    # then the progress went up after the rejections and after each batch
    assert gezien == [0, 3, 4]
    assert import_.verwerkt == 4


def test_een_wijziging_door_een_gebruiker_staat_met_die_gebruiker_in_de_historie(
    opzet: Opzet,
) -> None:
    # given a day imported by a school employee of school 1
    medewerker = opzet.medewerker(Rol.SCHOOLMEDEWERKER)
    bsn = opzet.bsn("demodam_school1")
    regel = f"{bsn};{BRIN1};00;2026-01-05;50;ziek;;ZK"
    importeer_bytes("verzuim", csv_bytes(KOP, regel), door=medewerker)
    # when the employee imports a corrected file
    import_ = importeer_bytes(
        "verzuim", csv_bytes(KOP, regel.replace(";50;", ";40;")), door=medewerker
    )
    # then the history names the employee, the import and the old and new minutes
    assert _telling(import_) == ("klaar", 1, 0, 1, 0, 0)
    entry = LogEntry.objects.get_for_object(Verzuim.objects.get()).get()
    assert (entry.action, entry.actor, entry.changes, entry.additional_data) == (
        LogEntry.Action.UPDATE,
        medewerker,
        {"minuten_ziek": [50, 40]},
        {"import": import_.pk, "bestand": "bestand.csv"},
    )


def test_een_batch_die_de_database_weigert_wordt_teruggedraaid_en_door_de_orm_opnieuw_opgeslagen(
    opzet: Opzet, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given an imported file, and a database that refuses the set-wise update of a batch
    # (as when another user changes the same days meanwhile)
    from binnenboord.registratie.importeren import opslaan

    importeer_bytes("verzuim", _goed_bestand(opzet))

    def weiger(*args: object) -> int:
        raise opslaan.BlokGewijzigd("gewijzigd")

    monkeypatch.setattr(opslaan, "_werk_bij", weiger)
    # when a corrected file is imported
    import_ = importeer_bytes("verzuim", _goed_bestand(opzet).replace(b";50;", b";55;"))
    # then the batch is stored by the row-wise path with the same counts and one history entry
    assert _telling(import_) == ("klaar", 4, 0, 2, 2, 0)
    dag = Verzuim.objects.get(leerling__bsn=opzet.bsn("demodam_school1"), datum=date(2026, 1, 5))
    assert _minuten(dag) == {"ongeoorloofd": 55, "te_laat": 30}
    assert LogEntry.objects.get_for_object(dag).get().changes == {"minuten_ongeoorloofd": [50, 55]}


def test_een_onderbroken_import_houdt_alleen_hele_batches(
    opzet: Opzet, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given batches of 2 pupil-days, a file of 3 days, and an error at the end of the second
    # batch, after its day was written
    from binnenboord.registratie.importeren import opslaan, services

    monkeypatch.setattr(opslaan, "VERZUIM_BATCH", 2)
    echt = services.zet_voortgang

    def stopt_na_drie(import_: Import, verwerkt: int) -> None:
        if verwerkt > 3:
            raise RuntimeError("verbinding weg")
        echt(import_, verwerkt)

    monkeypatch.setattr(services, "zet_voortgang", stopt_na_drie)
    # when the file is imported
    import_ = importeer_bytes("verzuim", _goed_bestand(opzet))
    # then the import failed after the first batch, whose two days are stored, and nothing of
    # the second batch is
    assert (import_.status, import_.verwerkt) == ("mislukt", 3)
    assert Verzuim.objects.count() == 2
