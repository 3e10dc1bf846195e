# SPDX-License-Identifier: EUPL-1.2
"""The writes of the relatie side (regie.services.relatie): inviting a parent or the pupil to
the portal, the one-time code, accepting, ending and withholding access. Every refusal is
tested, with the attacks of another family, a parent without gezag, a withheld parent and
staff who see the case but do not direct it; after a refusal nothing changed."""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import Any

from django.contrib.auth.hashers import check_password
from django.core import mail
from django.utils import timezone

import pytest
from pypdf import PdfReader

from binnenboord.notificaties.models import Notificatie
from binnenboord.regie.models import Brief, Casus, CasusGebeurtenis, Portaaltoegang
from binnenboord.regie.services import relatie as diensten
from binnenboord.regie.services.relatie import RelatieNietMogelijk
from binnenboord.registratie.models import Ouder
from binnenboord.toegang.models import Medewerker, Portaalgebruiker, Rol
from tests.factories import (
    MedewerkerFactory,
    OrganisatieFactory,
    OuderFactory,
    PortaalgebruikerFactory,
)
from tests.regie.factories import casussen
from tests.taken import DATABASE_BACKEND
from tests.wereld import Wereld

Status = Portaaltoegang.Status
Soort = CasusGebeurtenis.Soort


@pytest.fixture
def alle(wereld: Wereld) -> dict[str, Casus]:
    return casussen(wereld)


@pytest.fixture
def casus(alle: dict[str, Casus]) -> Casus:
    """Pupil of Demodam (14) at school 1, directed by school 1's staff member; the youth
    doctor takes part; Leerplicht of Demodam sees it."""
    return alle["demodam_school1"]


@pytest.fixture
def regisseur(casus: Casus) -> Medewerker:
    return casus.regisseur


@pytest.fixture
def moeder(casus: Casus) -> Ouder:
    return OuderFactory(
        leerling=casus.leerling, relatie=Ouder.Relatie.MOEDER, bsn="111222333", email="m@x.nl"
    )


@pytest.fixture
def vader(casus: Casus) -> Ouder:
    return OuderFactory(leerling=casus.leerling, relatie=Ouder.Relatie.VADER)


def _weigert(melding: str, functie: Any, **kwargs: Any) -> None:
    with pytest.raises(RelatieNietMogelijk, match=melding):
        functie(**kwargs)


def _gebeurtenissen(casus: Casus, soort: str) -> list[CasusGebeurtenis]:
    return list(casus.gebeurtenissen.filter(soort=soort))


# --- inviting ------------------------------------------------------------------------------------


def test_de_regisseur_nodigt_een_ouder_per_brief_uit_met_een_code_die_alleen_als_hash_bestaat(
    casus: Casus, regisseur: Medewerker, moeder: Ouder
) -> None:
    uitnodiging = diensten.nodig_uit(casus=casus, door=regisseur, ouder=moeder, via="brief")
    toegang = Portaaltoegang.objects.get(pk=uitnodiging.toegang.pk)
    # the code: three groups of four from the unambiguous alphabet
    groepen = uitnodiging.code.split("-")
    assert [len(g) for g in groepen] == [4, 4, 4]
    assert set("".join(groepen)) <= set(diensten.CODE_ALFABET)
    # stored only as hash and keyed look-up, never readable
    assert toegang.status == Status.UITGENODIGD
    assert (
        toegang.ouder == moeder and toegang.via == "brief" and toegang.uitgenodigd_door == regisseur
    )
    assert uitnodiging.code.replace("-", "") not in toegang.code_hash
    assert check_password(uitnodiging.code.replace("-", ""), toegang.code_hash)
    assert toegang.code_zoeksleutel == diensten.code_zoeksleutel(uitnodiging.code)
    assert len(toegang.code_zoeksleutel) == 64
    assert toegang.code_geldig_tot is not None
    assert (toegang.code_geldig_tot - timezone.now()).days in (29, 30)
    # the letter is for this parent and stored WITHOUT the code
    brief = uitnodiging.brief
    assert brief is not None
    assert brief.sjabloon == Brief.Sjabloon.PORTAAL_UITNODIGING
    assert brief.ouder == moeder and not brief.aan_leerling
    assert uitnodiging.code not in brief.tekst
    assert diensten.CODE_MASKER in brief.tekst
    # the history says who, how
    [rij] = _gebeurtenissen(casus, Soort.PORTAAL_UITGENODIGD)
    assert rij.gegevens == {
        "bericht": "portaal_uitgenodigd",
        "naam": str(moeder),
        "wie": "ouder",
        "via": "brief",
    }
    assert rij.wie == regisseur


def test_de_pdf_van_de_uitnodiging_draagt_de_code_maar_alleen_bij_de_juiste_code(
    casus: Casus, regisseur: Medewerker, moeder: Ouder
) -> None:
    uitnodiging = diensten.nodig_uit(casus=casus, door=regisseur, ouder=moeder, via="brief")
    pdf = diensten.brief_met_code_als_pdf(uitnodiging)
    tekst = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert uitnodiging.code in tekst
    assert str(moeder) in tekst
    # a made-up code does not produce a letter
    vals = diensten.Uitnodiging(
        toegang=uitnodiging.toegang, code="AAAA-BBBB-CCCC", brief=uitnodiging.brief
    )
    _weigert("hoort niet", diensten.brief_met_code_als_pdf, uitnodiging=vals)
    # nor the old code after a new one
    diensten.nieuwe_code(toegang=uitnodiging.toegang, door=regisseur)
    _weigert("hoort niet", diensten.brief_met_code_als_pdf, uitnodiging=uitnodiging)


def test_de_brief_gaat_naar_het_eigen_adres_nooit_naar_het_afgeschermde_adres_van_de_ander(
    casus: Casus, regisseur: Medewerker, moeder: Ouder, vader: Ouder
) -> None:
    moeder.straat, moeder.huisnummer, moeder.postcode, moeder.woonplaats = (
        "Geheimstraat",
        "7",
        "1234 AB",
        "Verweg",
    )
    moeder.adres_afgeschermd = True
    moeder.save()
    leerling = casus.leerling
    leerling.straat, leerling.huisnummer, leerling.postcode, leerling.woonplaats = (
        "Geheimstraat",
        "7",
        "1234 AB",
        "Verweg",
    )
    leerling.adres_afgeschermd = True
    leerling.save()
    vader.straat, vader.huisnummer, vader.postcode, vader.woonplaats = (
        "Open laan",
        "1",
        "9999 ZZ",
        "Hier",
    )
    vader.save()
    brief = diensten.nodig_uit(casus=casus, door=regisseur, ouder=vader, via="brief").brief
    assert brief is not None
    assert "Open laan 1" in brief.tekst
    assert "Geheimstraat" not in brief.tekst and "Verweg" not in brief.tekst


def test_per_email_gaat_na_de_commit_een_mail_met_de_link_en_zonder_gegevens_van_de_leerling(
    casus: Casus, regisseur: Medewerker, moeder: Ouder, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        uitnodiging = diensten.nodig_uit(
            casus=casus, door=regisseur, ouder=moeder, via="email", email=" m@x.nl "
        )
    assert uitnodiging.brief is None
    assert uitnodiging.toegang.email == "m@x.nl"
    [bericht] = mail.outbox
    assert bericht.to == ["m@x.nl"]
    assert f"/portaal/inloggen/?code={uitnodiging.code}" in bericht.body
    leerling = casus.leerling
    for geheim in (leerling.voornamen, leerling.achternaam, leerling.bsn, str(moeder)):
        assert geheim not in bericht.body and geheim not in bericht.subject


def test_een_uitnodiging_per_email_vraagt_een_geldig_adres(
    casus: Casus, regisseur: Medewerker, moeder: Ouder
) -> None:
    _weigert(
        "e-mailadres", diensten.nodig_uit, casus=casus, door=regisseur, ouder=moeder, via="email"
    )
    _weigert(
        "klopt niet",
        diensten.nodig_uit,
        casus=casus,
        door=regisseur,
        ouder=moeder,
        via="email",
        email="geen-adres",
    )
    _weigert(
        "brief of per e-mail",
        diensten.nodig_uit,
        casus=casus,
        door=regisseur,
        ouder=moeder,
        via="sms",
    )
    assert not Portaaltoegang.objects.exists()


def test_de_leerling_wordt_uitgenodigd_vanaf_twaalf_jaar(
    casus: Casus, regisseur: Medewerker
) -> None:
    leerling = casus.leerling
    vandaag = timezone.localdate()
    leerling.geboortedatum = date(vandaag.year - 12, vandaag.month, 1) + timedelta(days=40)
    leerling.save()
    _weigert(
        "vanaf 12 jaar", diensten.nodig_uit, casus=casus, door=regisseur, ouder=None, via="brief"
    )
    leerling.geboortedatum = date(vandaag.year - 12, 1, 1) - timedelta(days=1)
    leerling.save()
    brief = diensten.nodig_uit(casus=casus, door=regisseur, ouder=None, via="brief").brief
    assert brief is not None and brief.aan_leerling and brief.ouder is None
    [rij] = _gebeurtenissen(casus, Soort.PORTAAL_UITGENODIGD)
    assert rij.gegevens["wie"] == "leerling"


@pytest.mark.parametrize(
    "wie",
    [Rol.JEUGDARTS, Rol.SWV_CONSULENT, Rol.GEZINSWERKER, "school_collega", "leerplicht_buurdorp"],
)
def test_alleen_de_regisseur_of_leerplicht_van_de_casus_nodigt_uit(
    wereld: Wereld, casus: Casus, moeder: Ouder, wie: str
) -> None:
    if wie == "school_collega":
        # sees the case (same school) but does not direct it
        door = MedewerkerFactory(rol=Rol.SCHOOLMEDEWERKER, organisatie=casus.regisseur.organisatie)
    elif wie == "leerplicht_buurdorp":
        buurdorp = wereld.leerlingen["buurdorp_school2"].woongemeente
        door = MedewerkerFactory(
            rol=Rol.LEERPLICHTAMBTENAAR, organisatie=OrganisatieFactory(gemeenten=[buurdorp])
        )
    else:
        door = wereld.medewerkers[wie]
    _weigert(
        "Alleen de regisseur", diensten.nodig_uit, casus=casus, door=door, ouder=moeder, via="brief"
    )
    assert not Portaaltoegang.objects.exists()
    # Leerplicht of the case's own municipality may
    leerplicht = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    assert diensten.nodig_uit(casus=casus, door=leerplicht, ouder=moeder, via="brief").toegang.pk


def test_geen_uitnodiging_voor_een_ouder_zonder_gezag_of_van_een_ander_gezin(
    alle: dict[str, Casus], casus: Casus, regisseur: Medewerker, moeder: Ouder
) -> None:
    moeder.gezag = False
    moeder.save()
    _weigert(
        "met gezag", diensten.nodig_uit, casus=casus, door=regisseur, ouder=moeder, via="brief"
    )
    ander = OuderFactory(leerling=alle["buurdorp_school1"].leerling)
    _weigert(
        "hoort niet bij", diensten.nodig_uit, casus=casus, door=regisseur, ouder=ander, via="brief"
    )
    assert not Portaaltoegang.objects.exists()


def test_geen_tweede_uitnodiging_en_geen_uitnodiging_voor_een_ouder_met_onthouden_toegang(
    casus: Casus, regisseur: Medewerker, moeder: Ouder, vader: Ouder
) -> None:
    diensten.nodig_uit(casus=casus, door=regisseur, ouder=moeder, via="brief")
    _weigert(
        "al uitgenodigd", diensten.nodig_uit, casus=casus, door=regisseur, ouder=moeder, via="brief"
    )
    diensten.ontzeg_toegang(casus=casus, ouder=vader, door=regisseur, reden="Veilig Thuis")
    _weigert("onthouden", diensten.nodig_uit, casus=casus, door=regisseur, ouder=vader, via="brief")
    assert Portaaltoegang.objects.filter(status=Status.UITGENODIGD).count() == 1


def test_een_gesloten_casus_nodigt_niet_uit(alle: dict[str, Casus]) -> None:
    casus = alle["demodam_uitgeschreven"]
    ouder = OuderFactory(leerling=casus.leerling)
    _weigert(
        "gesloten", diensten.nodig_uit, casus=casus, door=casus.regisseur, ouder=ouder, via="brief"
    )


# --- the code ----------------------------------------------------------------------------------


def test_de_code_vindt_de_uitnodiging_ook_zonder_streepjes_en_in_kleine_letters(
    casus: Casus, regisseur: Medewerker, moeder: Ouder
) -> None:
    uitnodiging = diensten.nodig_uit(casus=casus, door=regisseur, ouder=moeder, via="brief")
    code = uitnodiging.code
    assert diensten.uitnodiging_met_code(code) == uitnodiging.toegang
    assert diensten.uitnodiging_met_code(code.replace("-", " ").lower()) == uitnodiging.toegang
    assert diensten.uitnodiging_met_code(code[:-1] + ("A" if code[-1] != "A" else "B")) is None
    assert diensten.uitnodiging_met_code("") is None
    assert diensten.uitnodiging_met_code("x" * 5000) is None


def test_een_verlopen_of_vervangen_code_werkt_niet(
    casus: Casus, regisseur: Medewerker, moeder: Ouder
) -> None:
    eerste = diensten.nodig_uit(casus=casus, door=regisseur, ouder=moeder, via="brief")
    tweede = diensten.nieuwe_code(toegang=eerste.toegang, door=regisseur)
    assert tweede.code != eerste.code
    assert diensten.uitnodiging_met_code(eerste.code) is None
    assert diensten.uitnodiging_met_code(tweede.code) == eerste.toegang
    assert [r.gegevens["bericht"] for r in _gebeurtenissen(casus, Soort.PORTAAL_UITGENODIGD)] == [
        "portaal_uitgenodigd",
        "portaal_nieuwe_code",
    ]
    Portaaltoegang.objects.filter(pk=eerste.toegang.pk).update(
        code_geldig_tot=timezone.now() - timedelta(minutes=1)
    )
    assert diensten.uitnodiging_met_code(tweede.code) is None


def test_een_nieuwe_code_alleen_voor_een_open_uitnodiging_door_de_regisseur(
    wereld: Wereld, casus: Casus, regisseur: Medewerker, moeder: Ouder
) -> None:
    uitnodiging = diensten.nodig_uit(casus=casus, door=regisseur, ouder=moeder, via="brief")
    _weigert(
        "Alleen de regisseur",
        diensten.nieuwe_code,
        toegang=uitnodiging.toegang,
        door=wereld.medewerkers[Rol.JEUGDARTS],
    )
    diensten.aanvaard(code=uitnodiging.code, gebruiker=PortaalgebruikerFactory(bsn="111222333"))
    _weigert(
        "nog niet is aanvaard", diensten.nieuwe_code, toegang=uitnodiging.toegang, door=regisseur
    )


# --- accepting ---------------------------------------------------------------------------------


def test_aanvaarden_maakt_de_toegang_actief_wist_de_code_en_meldt_het_de_regisseur(
    casus: Casus, regisseur: Medewerker, moeder: Ouder
) -> None:
    uitnodiging = diensten.nodig_uit(casus=casus, door=regisseur, ouder=moeder, via="brief")
    gebruiker = PortaalgebruikerFactory(naam="", bsn="111222333")
    toegang = diensten.aanvaard(code=uitnodiging.code, gebruiker=gebruiker)
    toegang.refresh_from_db()
    assert toegang.status == Status.ACTIEF and toegang.gebruiker == gebruiker
    assert toegang.aanvaard_op is not None
    assert (toegang.code_hash, toegang.code_zoeksleutel, toegang.code_geldig_tot) == ("", "", None)
    gebruiker.refresh_from_db()
    assert gebruiker.naam == str(moeder)
    [rij] = _gebeurtenissen(casus, Soort.PORTAAL_AANVAARD)
    assert rij.wie is None and rij.gegevens["wie"] == "ouder"
    [melding] = Notificatie.objects.filter(ontvanger=regisseur, soort="portaal_reactie")
    assert melding.gegevens["casus"] == casus.pk
    # a spent code does not work twice
    _weigert(
        "werkt niet", diensten.aanvaard, code=uitnodiging.code, gebruiker=PortaalgebruikerFactory()
    )


def test_met_digid_moet_het_bsn_kloppen_als_het_bekend_is(
    casus: Casus, regisseur: Medewerker, moeder: Ouder, vader: Ouder
) -> None:
    uitnodiging = diensten.nodig_uit(casus=casus, door=regisseur, ouder=moeder, via="brief")
    _weigert(
        "iemand anders",
        diensten.aanvaard,
        code=uitnodiging.code,
        gebruiker=PortaalgebruikerFactory(bsn="999999990"),
    )
    assert Portaaltoegang.objects.get(pk=uitnodiging.toegang.pk).status == Status.UITGENODIGD
    # the father's BSN is unknown: any DigiD log-in that is not another known family member
    van_vader = diensten.nodig_uit(casus=casus, door=regisseur, ouder=vader, via="brief")
    _weigert(
        "iemand anders",
        diensten.aanvaard,
        code=van_vader.code,
        gebruiker=PortaalgebruikerFactory(bsn=moeder.bsn),
    )
    assert diensten.aanvaard(
        code=van_vader.code, gebruiker=PortaalgebruikerFactory(bsn="123456782")
    )


def test_een_ouder_met_onthouden_toegang_gebruikt_de_brief_van_de_leerling_niet(
    casus: Casus, regisseur: Medewerker, moeder: Ouder
) -> None:
    diensten.ontzeg_toegang(casus=casus, ouder=moeder, door=regisseur, reden="Veilig Thuis")
    voor_leerling = diensten.nodig_uit(casus=casus, door=regisseur, ouder=None, via="brief")
    _weigert(
        "iemand anders",
        diensten.aanvaard,
        code=voor_leerling.code,
        gebruiker=PortaalgebruikerFactory(bsn=moeder.bsn),
    )


def test_dezelfde_gebruiker_heeft_geen_twee_toegangen_in_een_casus(
    casus: Casus, regisseur: Medewerker, moeder: Ouder, vader: Ouder
) -> None:
    gebruiker = PortaalgebruikerFactory()
    eerste = diensten.nodig_uit(casus=casus, door=regisseur, ouder=moeder, via="brief")
    diensten.aanvaard(code=eerste.code, gebruiker=gebruiker)
    tweede = diensten.nodig_uit(casus=casus, door=regisseur, ouder=vader, via="brief")
    _weigert("al een toegang", diensten.aanvaard, code=tweede.code, gebruiker=gebruiker)


def test_een_ouder_die_het_gezag_verloor_kan_de_uitnodiging_niet_meer_aanvaarden(
    casus: Casus, regisseur: Medewerker, moeder: Ouder
) -> None:
    uitnodiging = diensten.nodig_uit(casus=casus, door=regisseur, ouder=moeder, via="brief")
    Ouder.objects.filter(pk=moeder.pk).update(gezag=False)
    _weigert(
        "met gezag", diensten.aanvaard, code=uitnodiging.code, gebruiker=PortaalgebruikerFactory()
    )


def test_een_uitgezet_account_aanvaardt_niet(
    casus: Casus, regisseur: Medewerker, moeder: Ouder
) -> None:
    uitnodiging = diensten.nodig_uit(casus=casus, door=regisseur, ouder=moeder, via="brief")
    gebruiker = PortaalgebruikerFactory(is_actief=False)
    _weigert("uitgezet", diensten.aanvaard, code=uitnodiging.code, gebruiker=gebruiker)
    assert isinstance(gebruiker, Portaalgebruiker)


def test_een_toegang_van_een_ander_gezin_met_deze_casus_erop_geplakt_wordt_geweigerd(
    alle: dict[str, Casus], casus: Casus, regisseur: Medewerker
) -> None:
    # another case of a pupil elsewhere whose access the form posts with this case attached
    andere = alle["buurdorp_school2"]
    vreemd = diensten.nodig_uit(
        casus=andere,
        door=andere.regisseur,
        ouder=OuderFactory(leerling=andere.leerling),
        via="brief",
    ).toegang
    vervalst = Portaaltoegang.objects.get(pk=vreemd.pk)
    vervalst.casus = casus
    _weigert("hoort niet bij deze casus", diensten.nieuwe_code, toegang=vervalst, door=regisseur)
    _weigert(
        "hoort niet bij deze casus",
        diensten.beeindig_toegang,
        toegang=vervalst,
        door=regisseur,
        reden="x",
    )
    _weigert(
        "hoort niet bij deze casus",
        diensten.stuur_bericht,
        toegang=vervalst,
        tekst="Hallo",
        door=regisseur,
    )
    vreemd.refresh_from_db()
    assert vreemd.status == Status.UITGENODIGD and not vreemd.berichten.exists()


def test_de_uitnodiging_per_email_is_een_taak_die_code_en_adres_verzegeld_bewaart(
    casus: Casus,
    regisseur: Medewerker,
    moeder: Ouder,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given the real task queue (the database backend)
    from django_tasks_db.models import DBTaskResult

    from binnenboord.notificaties.portaal import mail_uitnodiging_taak

    settings.TASKS = DATABASE_BACKEND
    with django_capture_on_commit_callbacks(execute=True):
        uitnodiging = diensten.nodig_uit(
            casus=casus, door=regisseur, ouder=moeder, via="email", email="m@x.nl"
        )
    # then nothing is mailed in the request: one task waits, and its row shows no code, no address
    assert mail.outbox == []
    [taak] = DBTaskResult.objects.all()
    assert taak.task_path == "binnenboord.notificaties.portaal.mail_uitnodiging_taak"
    rij = str(DBTaskResult.objects.filter(pk=taak.pk).values().get())
    assert uitnodiging.code not in rij and "m@x.nl" not in rij
    # and the worker's run of that task mails the code
    toegang_id, verzegeld = taak.args_kwargs["args"]
    assert mail_uitnodiging_taak.call(toegang_id, verzegeld) == 1
    [bericht] = mail.outbox
    assert bericht.to == ["m@x.nl"] and uitnodiging.code in bericht.body


def test_een_verzegelde_uitnodiging_met_een_verlopen_code_of_een_vreemd_zegel_verstuurt_niets() -> (
    None
):
    import json

    from binnenboord.notificaties import portaal

    def zegel(geldig_tot: timedelta) -> str:
        inhoud = {"email": "m@x.nl", "code": "ABCD-1234", "geldig_tot": ""}
        inhoud["geldig_tot"] = (timezone.now() + geldig_tot).isoformat()
        return portaal._sleutel().encrypt(json.dumps(inhoud).encode()).decode()

    assert portaal.mail_uitnodiging_taak.call(1, zegel(-timedelta(minutes=1))) == 0
    assert portaal.mail_uitnodiging_taak.call(1, "geen-zegel") == 0
    assert mail.outbox == []
    # the same seal with a code still valid is sent: the two refusals above are not by accident
    assert portaal.mail_uitnodiging_taak.call(1, zegel(timedelta(days=1))) == 1
    assert "ABCD-1234" in mail.outbox[0].body
