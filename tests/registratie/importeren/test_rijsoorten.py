# SPDX-License-Identifier: EUPL-1.2
"""Importing schools, pupils, enrolments and exemptions: upserts by natural key, idempotent,
every change in the history, duplicates and rows outside the user's scope rejected."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.utils import timezone

import pytest
from auditlog.models import LogEntry

from binnenboord.registratie.models import (
    Afwijzing,
    Import,
    Inschrijving,
    Leerling,
    Ouder,
    School,
    Vrijstelling,
)
from binnenboord.toegang.models import Rol
from tests.registratie.importeren.conftest import (
    BRIN1,
    BRIN2,
    Opzet,
    csv_bytes,
    importeer_bytes,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db
FORMATEN = ["csv;", "csv,", "xlsx"]
NIEUWE_BSN = "111222333"
ONDERWIJSNUMMER = "101234564"


def _bestand(formaat: str, *regels: str) -> bytes:
    if formaat == "xlsx":
        return xlsx_bytes([r.split(";") for r in regels])
    return csv_bytes(*regels, scheiding=formaat[-1])


def _telling(import_: Import) -> tuple[str, int, int, int, int, int]:
    return (
        import_.status,
        import_.aantal_rijen,
        import_.aantal_nieuw,
        import_.aantal_bijgewerkt,
        import_.aantal_ongewijzigd,
        import_.aantal_afgewezen,
    )


def _afwijzingen(import_: Import) -> list[tuple[int, str, str]]:
    return list(
        Afwijzing.objects.filter(bestandsimport=import_)
        .order_by("rij")
        .values_list("rij", "veld", "reden")
    )


# --- scholen --------------------------------------------------------------------------------

SCHOLEN = (
    "brin;vestiging;naam;soort;gemeente;regio",
    "56EF;1;De Nieuwe School;po;9999;noord",
    f"{BRIN1};00;Het Baken (vernieuwd);VO;demodam;midden",
)


@pytest.mark.parametrize("formaat", FORMATEN)
def test_scholen_worden_op_brin_en_vestiging_aangemaakt_en_bijgewerkt(
    opzet: Opzet, formaat: str
) -> None:
    # given a new school (by CBS code) and an existing one (by municipality name)
    data = _bestand(formaat, *SCHOLEN)
    # when the command line imports them
    import_ = importeer_bytes("scholen", data)
    # then one is new and one updated
    assert _telling(import_) == ("klaar", 2, 1, 1, 0, 0)
    nieuw = School.objects.get(brin="56EF")
    assert (nieuw.vestiging, nieuw.naam, nieuw.soort, nieuw.gemeente.code, nieuw.regio) == (
        "01",
        "De Nieuwe School",
        "PO",
        "9999",
        "noord",
    )
    opzet.school1.refresh_from_db()
    assert (opzet.school1.naam, opzet.school1.regio) == ("Het Baken (vernieuwd)", "midden")
    assert LogEntry.objects.get_for_object(opzet.school1).filter(action=1).get().changes == {
        "naam": ["Het Baken", "Het Baken (vernieuwd)"],
        "regio": ["noord", "midden"],
    }
    # and a second import of the same file changes nothing
    opnieuw = importeer_bytes("scholen", data)
    assert _telling(opnieuw) == ("klaar", 2, 0, 0, 2, 0)
    assert School.objects.count() == 3


def test_een_schoolrij_met_onbekende_waarden_wordt_afgewezen(opzet: Opzet) -> None:
    data = csv_bytes(
        "brin;vestiging;naam;soort;gemeente;regio",
        "56EF;00;De Nieuwe School;HBO;Atlantis;oost",
        "5;ab;;PO;9999;noord",
    )
    import_ = importeer_bytes("scholen", data)
    assert _afwijzingen(import_) == [
        (
            2,
            "soort, gemeente, regio",
            "HBO is geen schoolsoort; gebruik PO, SO, VO, VSO of MBO. Er is geen gemeente met "
            "CBS-code of naam Atlantis bekend. oost is geen vakantieregio; gebruik noord, midden "
            "of zuid.",
        ),
        (
            3,
            "vestiging, naam",
            "ab is geen geldig vestigingsnummer (twee cijfers). naam is verplicht.",
        ),
    ]
    assert School.objects.count() == 2


def test_leerplicht_importeert_alleen_scholen_in_haar_gemeenten(opzet: Opzet) -> None:
    data = csv_bytes(
        "brin;vestiging;naam;soort;gemeente;regio",
        "56EF;00;In Demodam;PO;Demodam;noord",
        "78GH;00;In Buurdorp;PO;Buurdorp;noord",
    )
    import_ = importeer_bytes("scholen", data, door=opzet.medewerker(Rol.LEERPLICHTAMBTENAAR))
    assert _afwijzingen(import_) == [
        (3, "gemeente", "Buurdorp is geen gemeente die uw organisatie bedient.")
    ]
    assert list(
        School.objects.filter(brin__in=["56EF", "78GH"]).values_list("naam", flat=True)
    ) == ["In Demodam"]


# --- leerlingen -----------------------------------------------------------------------------

LEERLINGEN_KOP = (
    "bsn;onderwijsnummer;voornamen;tussenvoegsel;achternaam;geboortedatum;woongemeente;"
    "straat;huisnummer;postcode;woonplaats;ouder1_voornamen;ouder1_achternaam;ouder1_telefoon;"
    "ouder1_email"
)


@pytest.mark.parametrize("formaat", FORMATEN)
def test_leerlingen_worden_met_hun_ouders_aangemaakt_en_bijgewerkt(
    opzet: Opzet, formaat: str
) -> None:
    # given a new pupil with a parent, a pupil with only an education number and a known pupil
    bekend = opzet.leerling("demodam_school1")
    data = _bestand(
        formaat,
        LEERLINGEN_KOP,
        f"{NIEUWE_BSN};;Sanne;van;Dijk;14-03-2015;9999;Dorpsstraat;1;1234ab;Demodam;"
        "Petra;van Dijk;+31 6 12345678;petra@example.org",
        f";{ONDERWIJSNUMMER};Ali;;Yilmaz;2014-09-01;9999;;;;;;;;",
        f"{bekend.bsn};;{bekend.voornamen};;Anders;2012-05-17;9999;Kade;2;;Demodam;;;;",
    )
    # when Leerplicht Demodam imports them
    import_ = importeer_bytes("leerlingen", data, door=opzet.medewerker(Rol.LEERPLICHTAMBTENAAR))
    # then two are new and one updated
    assert _telling(import_) == ("klaar", 3, 2, 1, 0, 0)
    sanne = Leerling.objects.get(bsn=NIEUWE_BSN)
    assert (sanne.naam, sanne.geboortedatum, sanne.postcode, sanne.woongemeente.naam) == (
        "Sanne van Dijk",
        date(2015, 3, 14),
        "1234 AB",
        "Demodam",
    )
    assert list(sanne.ouders.values_list("voornamen", "achternaam", "telefoon", "relatie")) == [
        ("Petra", "van Dijk", "+31 6 12345678", "verzorger")
    ]
    assert Leerling.objects.get(onderwijsnummer=ONDERWIJSNUMMER).bsn is None
    bekend.refresh_from_db()
    assert (bekend.achternaam, bekend.straat) == ("Anders", "Kade")
    # and a second import changes nothing
    opnieuw = importeer_bytes("leerlingen", data, door=opzet.medewerker(Rol.LEERPLICHTAMBTENAAR))
    assert _telling(opnieuw) == ("klaar", 3, 0, 0, 3, 0)
    assert (Leerling.objects.count(), Ouder.objects.count()) == (6, 1)


def test_een_wijziging_van_een_leerling_staat_zonder_bsn_in_de_historie(opzet: Opzet) -> None:
    # given a pupil known by education number only
    importeer_bytes(
        "leerlingen",
        csv_bytes(LEERLINGEN_KOP, f";{ONDERWIJSNUMMER};Ali;;Yilmaz;2014-09-01;9999;;;;;;;;"),
    )
    # when a file brings the pupil's BSN and a new surname
    import_ = importeer_bytes(
        "leerlingen",
        csv_bytes(
            LEERLINGEN_KOP,
            f"{NIEUWE_BSN};{ONDERWIJSNUMMER};Ali;;Yılmaz;2014-09-01;9999;;;;;;;;",
        ),
    )
    # then the pupil is updated and the history masks the BSN
    assert _telling(import_) == ("klaar", 1, 0, 1, 0, 0)
    leerling = Leerling.objects.get(onderwijsnummer=ONDERWIJSNUMMER)
    assert (leerling.bsn, leerling.achternaam) == (NIEUWE_BSN, "Yılmaz")
    entry = LogEntry.objects.get_for_object(leerling).filter(action=1).get()
    assert entry.changes == {"bsn": ["**ne", "****22333"], "achternaam": ["Yilmaz", "Yılmaz"]}
    assert NIEUWE_BSN not in str(entry.changes) + entry.object_repr


def test_leerlingrijen_buiten_bereik_dubbel_of_ongeldig_worden_afgewezen(opzet: Opzet) -> None:
    regel = f"{NIEUWE_BSN};;Sanne;;Dijk;2015-03-14;9999;;;;;;;;"
    data = csv_bytes(
        LEERLINGEN_KOP,
        regel,
        regel,
        f"{NIEUWE_BSN};;Sanne;;Dijkstra;2015-03-14;9999;;;;;;;;",
        "123456789;;Kees;;Buur;2015-03-14;Buurdorp;;;;;;;;",
        f"{opzet.bsn('buurdorp_school1')};;Kees;;Buur;2015-03-14;Buurdorp;;;;;;;;",
        ";;;;;14-14-2014;9999;;;1234;;;;;geen-mail",
    )
    import_ = importeer_bytes("leerlingen", data, door=opzet.medewerker(Rol.LEERPLICHTAMBTENAAR))
    assert _telling(import_) == ("klaar", 6, 1, 0, 0, 5)
    assert _afwijzingen(import_) == [
        (3, "", "Dubbel: gelijk aan rij 2; de rij is één keer geïmporteerd."),
        (4, "", "Rij 2 heeft dezelfde BSN met andere waarden; verbeter een van beide."),
        (
            5,
            "bsn, woongemeente",
            "123456789 is geen geldig BSN (elfproef). Buurdorp is geen gemeente die uw "
            "organisatie bedient.",
        ),
        (6, "woongemeente", "Buurdorp is geen gemeente die uw organisatie bedient."),
        (
            7,
            "bsn, voornamen, achternaam, geboortedatum, postcode, ouder1_voornamen, "
            "ouder1_achternaam, …",
            "Vul het BSN of het onderwijsnummer in. voornamen is verplicht. achternaam is "
            "verplicht. 14-14-2014 is geen geldige datum; gebruik JJJJ-MM-DD of DD-MM-JJJJ. 1234 "
            "is geen geldige postcode. ouder1_voornamen is verplicht. ouder1_achternaam is "
            "verplicht. geen-mail is geen geldig e-mailadres.",
        ),
    ]
    assert Leerling.objects.filter(bsn=NIEUWE_BSN).get().achternaam == "Dijk"
    assert Leerling.objects.count() == 5


# --- inschrijvingen -------------------------------------------------------------------------

INSCHRIJVINGEN_KOP = "bsn;brin;vestiging;begindatum;einddatum"


@pytest.mark.parametrize("formaat", FORMATEN)
def test_inschrijvingen_worden_aangemaakt_en_beeindigd(opzet: Opzet, formaat: str) -> None:
    # given a new enrolment (a pupil enrolled nowhere, starting within the last 30 days, so
    # nothing waits for Leerplicht) and the end of an existing one, by school 1's employee
    nieuw, bestaand = opzet.leerling("demodam_uitgeschreven"), opzet.leerling("demodam_school1")
    start = timezone.localdate() - timedelta(days=5)
    data = _bestand(
        formaat,
        INSCHRIJVINGEN_KOP,
        f"{nieuw.bsn};{BRIN1};00;{start:%Y-%m-%d};",
        f"{bestaand.bsn};{BRIN1};00;01-08-2024;31-07-2026",
    )
    medewerker = opzet.medewerker(Rol.SCHOOLMEDEWERKER)
    # when imported
    import_ = importeer_bytes("inschrijvingen", data, door=medewerker)
    # then
    assert _telling(import_) == ("klaar", 2, 1, 1, 0, 0)
    gemaakt = nieuw.inschrijvingen.get(school=opzet.school1, begindatum=start)
    assert gemaakt.einddatum is None
    oud = bestaand.inschrijvingen.get()
    assert oud.einddatum == date(2026, 7, 31)
    entry = LogEntry.objects.get_for_object(oud).filter(action=1).get()
    assert (entry.changes, entry.actor) == ({"einddatum": [None, "2026-07-31"]}, medewerker)
    # and again: nothing changes
    assert _telling(importeer_bytes("inschrijvingen", data, door=medewerker)) == (
        "klaar", 2, 0, 0, 2, 0,
    )  # fmt: skip
    assert Inschrijving.objects.count() == 5


def test_inschrijvingsrijen_buiten_bereik_of_met_slechte_datums_worden_afgewezen(
    opzet: Opzet,
) -> None:
    leerling = opzet.leerling("demodam_school1")
    data = csv_bytes(
        INSCHRIJVINGEN_KOP,
        f"{leerling.bsn};{BRIN2};00;2026-08-01;",
        f"{leerling.bsn};{BRIN1};00;2026-08-01;2026-07-31",
        f"{NIEUWE_BSN};{BRIN1};00;2026-08-01;",
    )
    import_ = importeer_bytes("inschrijvingen", data, door=opzet.medewerker(Rol.SCHOOLMEDEWERKER))
    assert _afwijzingen(import_) == [
        (
            2,
            "brin",
            f"{opzet.school2.naam} is geen school van uw organisatie; u mag alleen voor uw eigen "
            "school importeren.",
        ),
        (3, "einddatum", "De begindatum 2026-08-01 ligt na de einddatum 2026-07-31."),
    ]
    # a BSN no pupil has is not rejected (that would tell it from somebody else's pupil): it
    # waits for Leerplicht, like a row about a pupil of another school
    assert import_.aantal_wachtend == 1
    assert Inschrijving.objects.count() == 4


# --- vrijstellingen -------------------------------------------------------------------------

VRIJSTELLINGEN_KOP = "bsn;artikel;begindatum;einddatum"


@pytest.mark.parametrize("formaat", FORMATEN)
def test_vrijstellingen_worden_aangemaakt_en_bijgewerkt(opzet: Opzet, formaat: str) -> None:
    leerling = opzet.leerling("demodam_school1")
    lpa = opzet.medewerker(Rol.LEERPLICHTAMBTENAAR)
    data = _bestand(formaat, VRIJSTELLINGEN_KOP, f"{leerling.bsn};5a;2026-01-01;")
    assert _telling(importeer_bytes("vrijstellingen", data, door=lpa)) == ("klaar", 1, 1, 0, 0, 0)
    gewijzigd = _bestand(formaat, VRIJSTELLINGEN_KOP, f"{leerling.bsn};5A;2026-01-01;2026-07-31")
    assert _telling(importeer_bytes("vrijstellingen", gewijzigd, door=lpa)) == (
        "klaar", 1, 0, 1, 0, 0,
    )  # fmt: skip
    assert _telling(importeer_bytes("vrijstellingen", gewijzigd, door=lpa)) == (
        "klaar", 1, 0, 0, 1, 0,
    )  # fmt: skip
    vrijstelling = Vrijstelling.objects.get()
    assert (vrijstelling.artikel, vrijstelling.einddatum) == ("5a", date(2026, 7, 31))


def test_vrijstellingsrijen_voor_andere_gemeenten_worden_afgewezen(opzet: Opzet) -> None:
    data = csv_bytes(
        VRIJSTELLINGEN_KOP,
        f"{opzet.bsn('buurdorp_school1')};5b;2026-01-01;",
        f"{opzet.bsn('demodam_school1')};11;2026-01-01;",
    )
    import_ = importeer_bytes(
        "vrijstellingen", data, door=opzet.medewerker(Rol.LEERPLICHTAMBTENAAR)
    )
    assert _afwijzingen(import_) == [
        # a pupil outside the importer's municipalities reads exactly like an unknown BSN
        (
            2,
            "bsn",
            f"Er is geen leerling met BSN {opzet.bsn('buurdorp_school1')} bekend; importeer eerst "
            "de leerling.",
        ),
        (3, "artikel", "11 is geen artikel; gebruik 5a, 5b, 5c, 5a_trekkend of 15."),
    ]
    assert not Vrijstelling.objects.exists()


@pytest.mark.parametrize(
    ("soort", "rol"),
    [
        ("scholen", Rol.SCHOOLMEDEWERKER),
        ("leerlingen", Rol.SCHOOLMEDEWERKER),
        ("inschrijvingen", Rol.LEERPLICHTAMBTENAAR),
        ("vrijstellingen", Rol.JEUGDARTS),
    ],
)
def test_een_rol_zonder_het_recht_slaat_niets_op(opzet: Opzet, soort: str, rol: str) -> None:
    with pytest.raises(PermissionDenied):
        importeer_bytes(soort, b"whatever", door=opzet.medewerker(rol))
    assert not Import.objects.exists()
    assert (School.objects.count(), Leerling.objects.count()) == (2, 4)
