# SPDX-License-Identifier: EUPL-1.2
"""A school's own absence codes (Verzuimcode, import kind verzuimcodes): each maps to one of
Binnenboord's kinds with the authorised flag that follows from it; a re-import updates and
never duplicates; a school sets only its own codes; the schools import sets a school's day
and lesson length."""

from __future__ import annotations

import io

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

import pytest
from auditlog.models import LogEntry

from binnenboord.registratie.importeren.services import importeer
from binnenboord.registratie.models import Afwijzing, Import, School, Verzuimcode
from binnenboord.toegang.models import Medewerker, Rol
from tests.wereld import Wereld

pytestmark = pytest.mark.django_db

BRIN1, BRIN2 = "12AB", "34CD"
KOP = "brin;vestiging;code;soort;geoorloofd;omschrijving"


@pytest.fixture
def scholen(wereld: Wereld) -> tuple[School, School]:
    translation.activate("nl")
    school1 = School.objects.get(organisatie__naam="Het Baken")
    school2 = School.objects.get(organisatie__naam="De Vuurtoren")
    School.objects.filter(pk=school1.pk).update(brin=BRIN1, vestiging="00", naam="Het Baken")
    School.objects.filter(pk=school2.pk).update(brin=BRIN2, vestiging="00", naam="De Vuurtoren")
    school1.refresh_from_db()
    school2.refresh_from_db()
    return school1, school2


def _importeer(soort: str, *regels: str, door: Medewerker | None = None) -> Import:
    data = ("\n".join(regels) + "\n").encode()
    return importeer(soort=soort, bestand=io.BytesIO(data), bestandsnaam="codes.csv", door=door)


def _codes(school: School) -> list[tuple[str, str, bool, str]]:
    return list(
        Verzuimcode.objects.filter(school=school)
        .order_by("code")
        .values_list("code", "soort", "geoorloofd", "omschrijving")
    )


def _redenen(import_: Import) -> list[tuple[int, str, str]]:
    return list(
        Afwijzing.objects.filter(bestandsimport=import_)
        .order_by("rij")
        .values_list("rij", "veld", "reden")
    )


def test_de_codes_van_een_school_krijgen_hun_soort_en_geoorloofd_volgt_uit_de_soort(
    scholen: tuple[School, School],
) -> None:
    school1, _ = scholen
    import_ = _importeer(
        "verzuimcodes",
        KOP,
        f"{BRIN1};00;SP;ongeoorloofd;;spijbelen",
        f"{BRIN1};00;TA;;ja;tandarts",
        f"{BRIN1};00;ZK;ziek;ja;ziek",
        f"{BRIN1};00;VL;;nee;verlof zonder toestemming",
        f"{BRIN1};00;TL;te_laat;nee;te laat",
    )
    assert (import_.status, import_.aantal_nieuw, import_.aantal_afgewezen) == ("klaar", 5, 0)
    assert _codes(school1) == [
        ("SP", "ongeoorloofd", False, "spijbelen"),
        ("TA", "geoorloofd", True, "tandarts"),
        ("TL", "te_laat", False, "te laat"),
        ("VL", "ongeoorloofd", False, "verlof zonder toestemming"),
        ("ZK", "ziek", True, "ziek"),
    ]


def test_een_herimport_werkt_bij_en_maakt_nooit_een_tweede_code(
    scholen: tuple[School, School],
) -> None:
    school1, _ = scholen
    _importeer("verzuimcodes", KOP, f"{BRIN1};00;SP;ongeoorloofd;;spijbelen")
    # the same code in other case: the same code, now authorised with another description
    tweede = _importeer("verzuimcodes", KOP, f"{BRIN1};0;sp;geoorloofd;ja;spreekuur")
    derde = _importeer("verzuimcodes", KOP, f"{BRIN1};0;sp;geoorloofd;ja;spreekuur")

    assert (tweede.aantal_nieuw, tweede.aantal_bijgewerkt) == (0, 1)
    assert (derde.aantal_nieuw, derde.aantal_bijgewerkt, derde.aantal_ongewijzigd) == (0, 0, 1)
    assert _codes(school1) == [("sp", "geoorloofd", True, "spreekuur")]
    code = Verzuimcode.objects.get(school=school1)
    wijziging = LogEntry.objects.get_for_object(code).get(action=LogEntry.Action.UPDATE)
    assert wijziging.changes_dict["soort"] == ["ongeoorloofd", "geoorloofd"]


def test_twee_rijen_met_dezelfde_code_in_een_bestand_de_tweede_wordt_afgewezen(
    scholen: tuple[School, School],
) -> None:
    school1, _ = scholen
    import_ = _importeer(
        "verzuimcodes",
        KOP,
        f"{BRIN1};00;SP;ongeoorloofd;;spijbelen",
        f"{BRIN1};00;Sp;ziek;;ziek",
    )
    assert _codes(school1) == [("SP", "ongeoorloofd", False, "spijbelen")]
    [(rij, _veld, reden)] = _redenen(import_)
    assert rij == 3
    assert "Rij 2 heeft dezelfde school en code" in reden


def test_een_foute_soort_of_een_geoorloofd_dat_niet_bij_de_soort_past_wordt_afgewezen(
    scholen: tuple[School, School],
) -> None:
    school1, _ = scholen
    import_ = _importeer(
        "verzuimcodes",
        KOP,
        f"{BRIN1};00;A;spijbelen;;",
        f"{BRIN1};00;B;ziek;nee;",
        f"{BRIN1};00;C;;;",
        f"{BRIN1};00;D;;misschien;",
        f"{BRIN1};00;E;luxe;nee;op vakantie",
    )
    redenen = _redenen(import_)
    assert [(r, v) for r, v, _ in redenen] == [
        (2, "soort"),
        (3, "geoorloofd"),
        (4, "soort"),
        (5, "geoorloofd"),
    ]
    assert "spijbelen is geen verzuimsoort" in redenen[0][2]
    assert "past niet bij de soort ziek" in redenen[1][2]
    assert redenen[2][2] == "Vul soort of geoorloofd in."
    assert _codes(school1) == [("E", "luxe", False, "op vakantie")]


def test_een_school_zet_alleen_haar_eigen_codes_en_een_andere_school_wordt_genoemd(
    scholen: tuple[School, School], wereld: Wereld
) -> None:
    school1, school2 = scholen
    Verzuimcode.objects.create(school=school2, code="SP", soort="ongeoorloofd")
    medewerker = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]  # of Het Baken (school 1)

    import_ = _importeer(
        "verzuimcodes",
        KOP,
        f"{BRIN1};00;SP;ziek;;eigen code",
        f"{BRIN2};00;SP;geoorloofd;;code van de andere school",
        f"{BRIN2};00;NW;geoorloofd;;nieuwe code bij de andere school",
        door=medewerker,
    )

    # which rows are stored: only the own school's
    assert _codes(school1) == [("SP", "ziek", True, "eigen code")]
    assert _codes(school2) == [("SP", "ongeoorloofd", False, "")]
    redenen = _redenen(import_)
    assert [(r, v) for r, v, _ in redenen] == [(3, "brin"), (4, "brin")]
    for _rij, _veld, reden in redenen:
        assert f"De Vuurtoren ({BRIN2}00) is geen school van uw organisatie" in reden
        assert "alleen de codes van uw eigen school" in reden


@pytest.mark.parametrize("rol", [Rol.LEERPLICHTAMBTENAAR, Rol.FUNCTIONEEL_BEHEERDER])
def test_alleen_een_schoolmedewerker_of_de_opdrachtregel_importeert_verzuimcodes(
    scholen: tuple[School, School], wereld: Wereld, rol: str
) -> None:
    with pytest.raises(PermissionDenied):
        _importeer("verzuimcodes", KOP, f"{BRIN1};00;SP;ziek;;", door=wereld.medewerkers[rol])
    assert not Verzuimcode.objects.exists()
    assert not Import.objects.filter(soort="verzuimcodes").exists()


def test_de_database_houdt_geoorloofd_gelijk_aan_de_soort(scholen: tuple[School, School]) -> None:
    school1, _ = scholen
    code = Verzuimcode(school=school1, code="X", soort="ziek", geoorloofd=False)
    with pytest.raises(ValidationError):
        code.clean()
    # save() derives the flag from the kind
    code.save()
    assert Verzuimcode.objects.get(pk=code.pk).geoorloofd is True
    # a write that bypasses save() cannot store a contradiction, nor a second code in other case
    with pytest.raises(IntegrityError), transaction.atomic():
        Verzuimcode.objects.filter(pk=code.pk).update(geoorloofd=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        Verzuimcode.objects.bulk_create(
            [Verzuimcode(school=school1, code="x", soort="ziek", geoorloofd=True)]
        )


def test_de_scholenimport_zet_de_daglengte_en_de_lengte_van_een_lesuur(
    scholen: tuple[School, School],
) -> None:
    school1, _ = scholen
    gemeente = school1.gemeente.code
    kop = "brin;vestiging;naam;soort;gemeente;regio;daglengte;lesuur"
    eerste = _importeer(
        "scholen",
        kop,
        f"{BRIN1};00;Het Baken;VO;{gemeente};noord;360;45",
        f"56EF;00;Nieuwe School;PO;{gemeente};noord;;",
        f"78GH;00;Foute School;PO;{gemeente};noord;0;300",
    )
    school1.refresh_from_db()
    assert (school1.daglengte_minuten, school1.lesuur_minuten) == (360, 45)
    # a new school without lengths gets 300 and 50
    nieuw = School.objects.get(brin="56EF")
    assert (nieuw.daglengte_minuten, nieuw.lesuur_minuten) == (300, 50)
    [(rij, veld, reden)] = _redenen(eerste)
    assert (rij, veld) == (4, "daglengte, lesuur")
    assert "daglengte moet een geheel aantal minuten van 1 tot 720 zijn (0)" in reden
    assert "lesuur moet een geheel aantal minuten van 1 tot 240 zijn (300)" in reden

    # an empty cell keeps the stored length; a file without the columns too
    _importeer("scholen", kop, f"{BRIN1};00;Het Baken;VO;{gemeente};noord;;50")
    _importeer(
        "scholen",
        "brin;vestiging;naam;soort;gemeente;regio",
        f"{BRIN1};00;Het Baken;VO;{gemeente};noord",
    )
    school1.refresh_from_db()
    assert (school1.daglengte_minuten, school1.lesuur_minuten) == (360, 50)
