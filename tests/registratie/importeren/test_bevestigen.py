# SPDX-License-Identifier: EUPL-1.2
"""Issue 13: an import never widens who sees a child. A row about a pupil or school that
belongs to another organisation is rejected, or held for that organisation to confirm
(Verhuismelding, InschrijvingTerBevestiging); a rejection never tells whether a BSN is a pupil
somewhere.

World (tests/wereld.py plus): Leerplicht Demodam serves Demodam; "Leerplicht Buurdorp" serves
Buurdorp. School 1 (Het Baken) lies in Demodam, school 2 (De Vuurtoren) in Buurdorp."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

import pytest

from binnenboord.registratie import bevestigen
from binnenboord.registratie.models import (
    Bevestiging,
    Import,
    Inschrijving,
    InschrijvingTerBevestiging,
    Leerling,
    School,
    Verhuismelding,
)
from binnenboord.registratie.signals import leerling_verhuisd
from binnenboord.toegang.models import Gemeente, Medewerker, Organisatie, Rol
from tests.factories import MedewerkerFactory, OrganisatieFactory, _bsn

from .conftest import BRIN1, BRIN2, Opzet, csv_bytes, importeer_bytes

LEERLINGKOP = "bsn;voornamen;achternaam;geboortedatum;woongemeente;straat;ouder1_voornamen;ouder1_achternaam;ouder1_telefoon"  # noqa: E501
ONBEKEND_BSN = _bsn(987_654)


@pytest.fixture
def leerplicht_buurdorp(opzet: Opzet) -> Medewerker:
    buurdorp = Gemeente.objects.get(naam="Buurdorp")
    organisatie = OrganisatieFactory(naam="Leerplicht Buurdorp", gemeenten=[buurdorp])
    return MedewerkerFactory(rol=Rol.LEERPLICHTAMBTENAAR, organisatie=organisatie)  # type: ignore[no-any-return]


def _rij(leerling: Leerling, woongemeente: str, achternaam: str = "Overschreven") -> str:
    return (
        f"{leerling.bsn};Nieuwe;{achternaam};01-01-2012;{woongemeente};Kaapstraat 1;"
        "Vader;Overschreven;0612345678"
    )


def _stand(leerling: Leerling) -> tuple[Any, ...]:
    vers = Leerling.objects.get(pk=leerling.pk)
    ouders = sorted(vers.ouders.values_list("voornamen", "achternaam", "telefoon"))
    return (vers.voornamen, vers.achternaam, vers.geboortedatum, vers.woongemeente_id,
            vers.straat, tuple(ouders))  # fmt: skip


def _redenen(import_: Import) -> list[str]:
    return list(import_.afwijzingen.order_by("rij").values_list("reden", flat=True))


# --- finding 1: pupil takeover through the leerlingen import -------------------------------


def test_leerplicht_b_kan_een_leerling_van_a_niet_overnemen_via_een_import(
    opzet: Opzet, leerplicht_buurdorp: Medewerker
) -> None:
    # given a pupil living in Demodam with an open file at Leerplicht Demodam
    slachtoffer = opzet.leerling("demodam_school1")
    voor = _stand(slachtoffer)
    # when Leerplicht Buurdorp imports her BSN with woongemeente Buurdorp
    import_ = importeer_bytes(
        "leerlingen", csv_bytes(LEERLINGKOP, _rij(slachtoffer, "Buurdorp")), leerplicht_buurdorp
    )
    # then nothing about her changed, the row waits as a verhuismelding, and B sees nothing
    assert _stand(slachtoffer) == voor
    assert (import_.aantal_wachtend, import_.aantal_bijgewerkt, import_.aantal_nieuw) == (1, 0, 0)
    melding = Verhuismelding.objects.get(leerling=slachtoffer)
    assert (melding.status, melding.van_gemeente.naam, melding.naar_gemeente.naam) == (
        Bevestiging.OPEN,
        "Demodam",
        "Buurdorp",
    )
    assert not leerplicht_buurdorp.has_perm("registratie.view_leerling", slachtoffer)
    assert opzet.medewerker(Rol.LEERPLICHTAMBTENAAR).has_perm(
        "registratie.view_leerling", slachtoffer
    )


def test_een_herimport_van_een_aangehouden_verhuizing_maakt_geen_tweede_melding(
    opzet: Opzet, leerplicht_buurdorp: Medewerker
) -> None:
    slachtoffer = opzet.leerling("demodam_school1")
    data = csv_bytes(LEERLINGKOP, _rij(slachtoffer, "Buurdorp"))
    importeer_bytes("leerlingen", data, leerplicht_buurdorp)
    tweede = importeer_bytes("leerlingen", data, leerplicht_buurdorp)
    assert tweede.aantal_wachtend == 1
    assert Verhuismelding.objects.filter(leerling=slachtoffer).count() == 1


def test_de_huidige_leerplicht_bevestigt_de_verhuizing_en_regie_hoort_ervan(
    opzet: Opzet, leerplicht_buurdorp: Medewerker
) -> None:
    slachtoffer = opzet.leerling("demodam_school1")
    importeer_bytes(
        "leerlingen", csv_bytes(LEERLINGKOP, _rij(slachtoffer, "Buurdorp")), leerplicht_buurdorp
    )
    demodam = opzet.medewerker(Rol.LEERPLICHTAMBTENAAR)
    gehoord: list[dict[str, Any]] = []

    def ontvanger(**kwargs: Any) -> None:
        gehoord.append(kwargs)

    leerling_verhuisd.connect(ontvanger)
    try:
        # the receiving side cannot decide; the current side can
        with pytest.raises(Verhuismelding.DoesNotExist):
            bevestigen.haal_verhuismelding(leerplicht_buurdorp, Verhuismelding.objects.get().pk)
        melding = bevestigen.haal_verhuismelding(demodam, Verhuismelding.objects.get().pk)
        bevestigen.bevestig_verhuismelding(verhuismelding=melding, door=demodam)
    finally:
        leerling_verhuisd.disconnect(ontvanger)
    vers = Leerling.objects.get(pk=slachtoffer.pk)
    assert (vers.woongemeente.naam, vers.achternaam, vers.straat) == (
        "Buurdorp",
        "Overschreven",
        "Kaapstraat 1",
    )
    assert [(g["van_gemeente"].naam, g["naar_gemeente"].naam) for g in gehoord] == [
        ("Demodam", "Buurdorp")
    ]
    assert Verhuismelding.objects.get().status == Bevestiging.BEVESTIGD
    assert leerplicht_buurdorp.has_perm("registratie.view_leerling", vers)
    with pytest.raises(bevestigen.AlBehandeld):
        bevestigen.bevestig_verhuismelding(verhuismelding=melding, door=demodam)


def test_een_afgewezen_verhuizing_wordt_met_dezelfde_gegevens_niet_opnieuw_gemeld(
    opzet: Opzet, leerplicht_buurdorp: Medewerker
) -> None:
    slachtoffer = opzet.leerling("demodam_school1")
    data = csv_bytes(LEERLINGKOP, _rij(slachtoffer, "Buurdorp"))
    importeer_bytes("leerlingen", data, leerplicht_buurdorp)
    demodam = opzet.medewerker(Rol.LEERPLICHTAMBTENAAR)
    bevestigen.wijs_verhuismelding_af(
        verhuismelding=Verhuismelding.objects.get(), door=demodam, toelichting="Woont hier nog."
    )
    voor = _stand(slachtoffer)
    opnieuw = importeer_bytes("leerlingen", data, leerplicht_buurdorp)
    assert _stand(slachtoffer) == voor
    assert opnieuw.aantal_wachtend == 0
    [reden] = _redenen(opnieuw)
    assert "afgewezen" in reden and "Woont hier nog." in reden
    assert Verhuismelding.objects.filter(status=Bevestiging.OPEN).count() == 0


def test_eigen_leerlingen_worden_nog_steeds_direct_bijgewerkt(opzet: Opzet) -> None:
    leerling = opzet.leerling("demodam_school1")
    import_ = importeer_bytes(
        "leerlingen",
        csv_bytes(LEERLINGKOP, _rij(leerling, "Demodam", achternaam="Gecorrigeerd")),
        opzet.medewerker(Rol.LEERPLICHTAMBTENAAR),
    )
    assert (import_.aantal_bijgewerkt, import_.aantal_wachtend) == (1, 0)
    assert Leerling.objects.get(pk=leerling.pk).achternaam == "Gecorrigeerd"


def test_een_leerling_van_een_gemeente_die_niemand_bedient_verhuist_zonder_bevestiging(
    opzet: Opzet,
) -> None:
    # Buurdorp has no Leerplicht organisation in this world: nobody to confirm, nobody to lose
    leerling = opzet.leerling("buurdorp_school2")
    import_ = importeer_bytes(
        "leerlingen",
        csv_bytes(LEERLINGKOP, _rij(leerling, "Demodam")),
        opzet.medewerker(Rol.LEERPLICHTAMBTENAAR),
    )
    assert (import_.aantal_bijgewerkt, import_.aantal_wachtend) == (1, 0)
    assert Leerling.objects.get(pk=leerling.pk).woongemeente.naam == "Demodam"


# --- finding 2: school takeover through the scholen import ---------------------------------


def test_leerplicht_b_kan_een_school_van_a_niet_hernoemen_of_verplaatsen(
    opzet: Opzet, leerplicht_buurdorp: Medewerker
) -> None:
    voor = School.objects.filter(pk=opzet.school1.pk).values().get()
    import_ = importeer_bytes(
        "scholen",
        csv_bytes(
            "brin;vestiging;naam;soort;gemeente;regio",
            f"{BRIN1};00;Overgenomen;VO;Buurdorp;zuid",
        ),
        leerplicht_buurdorp,
    )
    assert School.objects.filter(pk=opzet.school1.pk).values().get() == voor
    assert import_.aantal_afgewezen == 1
    assert _redenen(import_) == [
        "Het Baken ligt in Demodam, een gemeente die uw organisatie niet bedient; u kunt "
        "deze school niet wijzigen."
    ]
    # its own school it may still change
    eigen = importeer_bytes(
        "scholen",
        csv_bytes(
            "brin;vestiging;naam;soort;gemeente;regio", f"{BRIN2};00;Vuurtoren;VO;Buurdorp;noord"
        ),
        leerplicht_buurdorp,
    )
    assert eigen.aantal_bijgewerkt == 1
    assert School.objects.get(pk=opzet.school2.pk).naam == "Vuurtoren"


# --- finding 3: self-enrolment --------------------------------------------------------------

INSCHRIJVINGKOP = "bsn;brin;vestiging;begindatum;einddatum"


def _school2() -> Medewerker:
    return MedewerkerFactory(  # type: ignore[no-any-return]
        rol=Rol.SCHOOLMEDEWERKER, organisatie=Organisatie.objects.get(naam="De Vuurtoren")
    )


@pytest.mark.parametrize(
    ("naam", "begin", "reden"),
    [
        # enrolled at school 1 now: a second, parallel enrolment
        ("demodam_school1", "vandaag", InschrijvingTerBevestiging.Reden.DUBBEL),
        # backdated to 2015 for a pupil who left school 1: would open years of file
        ("demodam_uitgeschreven", "2015-08-01", InschrijvingTerBevestiging.Reden.TERUGGEDATEERD),
    ],
)
def test_een_inschrijving_die_een_dossier_zou_openen_wacht_op_leerplicht(
    opzet: Opzet, naam: str, begin: str, reden: str
) -> None:
    school2 = _school2()
    leerling = opzet.leerling(naam)
    begindatum = timezone.localdate().isoformat() if begin == "vandaag" else begin
    voor = set(Inschrijving.objects.values_list("pk", "leerling_id", "school_id", "einddatum"))
    import_ = importeer_bytes(
        "inschrijvingen",
        csv_bytes(INSCHRIJVINGKOP, f"{leerling.bsn};{BRIN2};00;{begindatum};"),
        school2,
    )
    assert (
        set(Inschrijving.objects.values_list("pk", "leerling_id", "school_id", "einddatum")) == voor
    )
    assert (import_.aantal_wachtend, import_.aantal_nieuw, import_.aantal_afgewezen) == (1, 0, 0)
    verzoek = InschrijvingTerBevestiging.objects.get()
    assert (verzoek.leerling_id, verzoek.school_id, verzoek.reden) == (
        leerling.pk,
        opzet.school2.pk,
        reden,
    )
    assert not school2.has_perm("registratie.view_leerling", leerling)
    # the school sees its request, Leerplicht of the pupil's municipality decides
    assert list(bevestigen.aangevraagde_inschrijvingen(school2)) == [verzoek]
    leerplicht = opzet.medewerker(Rol.LEERPLICHTAMBTENAAR)
    assert list(bevestigen.te_bevestigen_inschrijvingen(leerplicht)) == [verzoek]
    bevestigen.bevestig_inschrijving(verzoek=verzoek, door=leerplicht)
    assert Inschrijving.objects.filter(leerling=leerling, school=opzet.school2).count() == 1
    assert school2.has_perm("registratie.view_leerling", leerling)


def test_een_nieuwe_inschrijving_zonder_conflict_wordt_meteen_opgeslagen(opzet: Opzet) -> None:
    school2 = _school2()
    leerling = opzet.leerling("demodam_uitgeschreven")
    begin = (timezone.localdate() - timedelta(days=10)).isoformat()
    import_ = importeer_bytes(
        "inschrijvingen", csv_bytes(INSCHRIJVINGKOP, f"{leerling.bsn};{BRIN2};00;{begin};"), school2
    )
    assert (import_.aantal_nieuw, import_.aantal_wachtend) == (1, 0)
    assert school2.has_perm("registratie.view_leerling", leerling)


def test_het_heropenen_van_een_lang_geleden_beeindigde_inschrijving_wacht(opzet: Opzet) -> None:
    school1 = opzet.medewerker(Rol.SCHOOLMEDEWERKER)
    leerling = opzet.leerling("demodam_uitgeschreven")
    oud = Inschrijving.objects.get(leerling=leerling)
    import_ = importeer_bytes(
        "inschrijvingen",
        csv_bytes(INSCHRIJVINGKOP, f"{leerling.bsn};{BRIN1};00;{oud.begindatum.isoformat()};"),
        school1,
    )
    assert import_.aantal_wachtend == 1
    assert Inschrijving.objects.get(pk=oud.pk).einddatum == oud.einddatum
    assert (
        InschrijvingTerBevestiging.objects.get().reden == InschrijvingTerBevestiging.Reden.HEROPEND
    )


def test_een_afgewezen_inschrijving_wordt_bij_opnieuw_sturen_geweigerd_met_de_reden(
    opzet: Opzet,
) -> None:
    school2 = _school2()
    leerling = opzet.leerling("demodam_school1")
    data = csv_bytes(INSCHRIJVINGKOP, f"{leerling.bsn};{BRIN2};00;{timezone.localdate()};")
    importeer_bytes("inschrijvingen", data, school2)
    bevestigen.wijs_inschrijving_af(
        verzoek=InschrijvingTerBevestiging.objects.get(),
        door=opzet.medewerker(Rol.LEERPLICHTAMBTENAAR),
        toelichting="Staat op Het Baken.",
    )
    opnieuw = importeer_bytes("inschrijvingen", data, school2)
    assert opnieuw.aantal_wachtend == 0
    [reden] = _redenen(opnieuw)
    assert "Staat op Het Baken." in reden
    assert not school2.has_perm("registratie.view_leerling", leerling)


def test_de_opdrachtregel_houdt_volledige_rechten(opzet: Opzet) -> None:
    leerling = opzet.leerling("demodam_school1")
    import_ = importeer_bytes(
        "inschrijvingen", csv_bytes(INSCHRIJVINGKOP, f"{leerling.bsn};{BRIN2};00;2015-08-01;"), None
    )
    assert (import_.aantal_nieuw, import_.aantal_wachtend) == (1, 0)


# --- finding 4: no BSN oracle ---------------------------------------------------------------


def _zonder_bsn(tekst: str, *bsns: str) -> str:
    for bsn in bsns:
        tekst = tekst.replace(bsn, "<BSN>")
    return re.sub(r"\s+", " ", tekst)


def test_verzuim_voor_een_leerling_buiten_bereik_leest_als_een_onbekend_bsn(opzet: Opzet) -> None:
    school2 = _school2()
    buiten = opzet.bsn("demodam_school1")
    dag = date(2025, 10, 1)  # a Wednesday, school days in region noord
    import_ = importeer_bytes(
        "verzuim",
        csv_bytes(
            "bsn;brin;vestiging;datum;minuten;soort",
            f"{buiten};{BRIN2};00;{dag};60;ongeoorloofd",
            f"{ONBEKEND_BSN};{BRIN2};00;{dag};60;ongeoorloofd",
        ),
        school2,
    )
    rijen = list(import_.afwijzingen.order_by("rij").values_list("veld", "waarde", "reden"))
    assert len(rijen) == 2
    assert _zonder_bsn(str(rijen[0]), buiten) == _zonder_bsn(str(rijen[1]), ONBEKEND_BSN)
    assert "geen leerling" in rijen[0][2].lower()


def test_een_vrijstelling_voor_een_leerling_buiten_bereik_leest_als_een_onbekend_bsn(
    opzet: Opzet, leerplicht_buurdorp: Medewerker
) -> None:
    buiten = opzet.bsn("demodam_school1")
    import_ = importeer_bytes(
        "vrijstellingen",
        csv_bytes(
            "bsn;artikel;begindatum;einddatum",
            f"{buiten};5a;2025-08-01;",
            f"{ONBEKEND_BSN};5a;2025-08-01;",
        ),
        leerplicht_buurdorp,
    )
    rijen = list(import_.afwijzingen.order_by("rij").values_list("veld", "waarde", "reden"))
    assert len(rijen) == 2
    assert _zonder_bsn(str(rijen[0]), buiten) == _zonder_bsn(str(rijen[1]), ONBEKEND_BSN)
    assert "Demodam" not in rijen[0][2]


def test_een_inschrijving_voor_een_onbekend_bsn_wacht_zoals_een_voor_de_leerling_van_een_ander(
    opzet: Opzet,
) -> None:
    # given a school that sends its own pupil-to-be (unknown) and somebody else's pupil
    school2 = _school2()
    vandaag = timezone.localdate().isoformat()
    anders = opzet.bsn("demodam_school1")
    import_ = importeer_bytes(
        "inschrijvingen",
        csv_bytes(
            INSCHRIJVINGKOP,
            f"{anders};{BRIN2};00;{vandaag};",
            f"{ONBEKEND_BSN};{BRIN2};00;{vandaag};",
        ),
        school2,
    )
    # then both wait, nothing is rejected, and the school's own list cannot tell them apart
    assert (import_.aantal_wachtend, import_.aantal_afgewezen, import_.aantal_nieuw) == (2, 0, 0)
    verzoeken = {v.identiteit: v for v in bevestigen.aangevraagde_inschrijvingen(school2)}
    assert set(verzoeken) == {f"bsn:{anders}", f"bsn:{ONBEKEND_BSN}"}
    assert verzoeken[f"bsn:{ONBEKEND_BSN}"].leerling_id is None
    # when Leerplicht imports that pupil, the waiting row names it and reaches Leerplicht
    leerplicht = opzet.medewerker(Rol.LEERPLICHTAMBTENAAR)
    importeer_bytes(
        "leerlingen",
        csv_bytes(
            "bsn;voornamen;achternaam;geboortedatum;woongemeente",
            f"{ONBEKEND_BSN};Nieuw;Kind;01-03-2014;Demodam",
        ),
        leerplicht,
    )
    nieuw = Leerling.objects.get(bsn=ONBEKEND_BSN)
    wachtend = bevestigen.te_bevestigen_inschrijvingen(leerplicht)
    assert {(v.leerling_id, v.reden) for v in wachtend} == {
        (nieuw.pk, InschrijvingTerBevestiging.Reden.ONBEKEND),
        (opzet.leerling("demodam_school1").pk, InschrijvingTerBevestiging.Reden.DUBBEL),
    }


def test_de_opdrachtregel_hoort_van_een_onbekend_bsn(opzet: Opzet) -> None:
    import_ = importeer_bytes(
        "inschrijvingen", csv_bytes(INSCHRIJVINGKOP, f"{ONBEKEND_BSN};{BRIN2};00;2025-08-01;"), None
    )
    assert (import_.aantal_afgewezen, import_.aantal_wachtend) == (1, 0)
    assert "geen leerling" in _redenen(import_)[0].lower()


def test_een_aangehouden_inschrijving_vervalt_als_de_school_haar_direct_kan_opslaan(
    opzet: Opzet,
) -> None:
    # given a dubbele inschrijving that waits
    school2 = _school2()
    leerling = opzet.leerling("demodam_school1")
    begin = timezone.localdate().isoformat()
    data = csv_bytes(INSCHRIJVINGKOP, f"{leerling.bsn};{BRIN2};00;{begin};")
    importeer_bytes("inschrijvingen", data, school2)
    # when the other school ends its enrolment and the school sends the row again
    Inschrijving.objects.filter(leerling=leerling, school=opzet.school1).update(
        einddatum=timezone.localdate() - timedelta(days=1)
    )
    opnieuw = importeer_bytes("inschrijvingen", data, school2)
    # then it is stored, and the request no longer waits for Leerplicht
    assert (opnieuw.aantal_nieuw, opnieuw.aantal_wachtend) == (1, 0)
    assert InschrijvingTerBevestiging.objects.get().status == Bevestiging.VERVALLEN
    assert (
        list(bevestigen.te_bevestigen_inschrijvingen(opzet.medewerker(Rol.LEERPLICHTAMBTENAAR)))
        == []
    )


def test_een_gemelde_verhuizing_vervalt_als_de_leerling_anders_is_verhuisd(
    opzet: Opzet, leerplicht_buurdorp: Medewerker
) -> None:
    slachtoffer = opzet.leerling("demodam_school1")
    importeer_bytes(
        "leerlingen", csv_bytes(LEERLINGKOP, _rij(slachtoffer, "Buurdorp")), leerplicht_buurdorp
    )
    # the command line (a BRP load) moves the pupil to another municipality
    importeer_bytes(
        "leerlingen", csv_bytes(LEERLINGKOP, _rij(slachtoffer, "Buurdorp", "Anders")), None
    )
    melding = Verhuismelding.objects.get()
    assert melding.status == Bevestiging.VERVALLEN
    # nobody can confirm the stale data over the newer
    with pytest.raises(Verhuismelding.DoesNotExist):
        bevestigen.haal_verhuismelding(opzet.medewerker(Rol.LEERPLICHTAMBTENAAR), melding.pk)
    assert Leerling.objects.get(pk=slachtoffer.pk).achternaam == "Anders"
