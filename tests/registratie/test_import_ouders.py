# SPDX-License-Identifier: EUPL-1.2
"""The pupils import sets a parent's gezag, BSN, address and shielding (docs/importeren.md,
"leerlingen"): a bad value rejects the row naming row, field and reason; an empty cell changes
nothing; gezag is only taken away, and a shielding only lifted, by an explicit nee; a
re-import never adds a parent twice."""

from __future__ import annotations

import io

from django.utils import translation

import pytest
from auditlog.models import LogEntry

from binnenboord.registratie.bevestigen import bevestig_verhuismelding, wijzigingen_van
from binnenboord.registratie.importeren.services import importeer
from binnenboord.registratie.models import Afwijzing, Import, Leerling, Ouder, Verhuismelding
from binnenboord.toegang.models import Rol
from tests.factories import MedewerkerFactory, OrganisatieFactory, OuderFactory, _bsn
from tests.wereld import Wereld

KOP = (
    "bsn;voornamen;achternaam;geboortedatum;woongemeente;ouder1_voornamen;ouder1_achternaam;"
    "ouder1_telefoon;ouder1_email;ouder1_gezag;ouder1_bsn;ouder1_straat;ouder1_huisnummer;"
    "ouder1_postcode;ouder1_woonplaats;ouder1_adres_afgeschermd"
)
OUDER_BSN = _bsn(515_151)


@pytest.fixture(autouse=True)
def nederlands() -> None:
    translation.activate("nl")


def _importeer(wereld: Wereld, *regels: str) -> Import:
    data = ("\n".join((KOP, *regels)) + "\n").encode()
    return importeer(
        soort="leerlingen",
        bestand=io.BytesIO(data),
        bestandsnaam="leerlingen.csv",
        door=wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR],
    )


def _rij(leerling: Leerling, ouder: str) -> str:
    return (
        f"{leerling.bsn};{leerling.voornamen};{leerling.achternaam};"
        f"{leerling.geboortedatum:%Y-%m-%d};Demodam;{ouder}"
    )


def _stand(ouder: Ouder) -> tuple[object, ...]:
    ouder.refresh_from_db()
    return (
        ouder.gezag,
        ouder.bsn,
        ouder.straat,
        ouder.huisnummer,
        ouder.postcode,
        ouder.woonplaats,
        ouder.adres_afgeschermd,
    )


def test_de_ouderkolommen_zetten_gezag_bsn_adres_en_afscherming(wereld: Wereld) -> None:
    # given a pupil of Demodam with a parent without gezag and without address
    leerling = wereld.leerlingen["demodam_school1"]
    ouder = OuderFactory(leerling=leerling, voornamen="Petra", achternaam="Vos", gezag=False)
    # when Leerplicht imports the parent's gezag, BSN, address and shielding
    import_ = _importeer(
        wereld,
        _rij(
            leerling,
            f"Petra;Vos;0612345678;petra@example.org;ja;{OUDER_BSN};Laan;3a;1234ab;Demodam;ja",
        ),
    )
    # then they are stored, the postcode as 1234 AB, and no parent is added
    assert import_.aantal_afgewezen == 0
    assert _stand(ouder) == (True, OUDER_BSN, "Laan", "3a", "1234 AB", "Demodam", True)
    assert leerling.ouders.count() == 1
    # and the change history has the change, with the BSN masked
    entry = LogEntry.objects.get_for_object(ouder).latest("pk")
    assert entry.changes["gezag"] == [False, True]
    assert entry.changes["adres_afgeschermd"] == [False, True]
    assert OUDER_BSN not in str(entry.changes)
    assert entry.additional_data["import"] == import_.pk


def test_een_lege_cel_verandert_niets(wereld: Wereld) -> None:
    # given a parent without gezag, with a BSN and a shielded address
    leerling = wereld.leerlingen["demodam_school1"]
    ouder = OuderFactory(
        leerling=leerling,
        voornamen="Petra",
        achternaam="Vos",
        gezag=False,
        bsn=OUDER_BSN,
        straat="Laan",
        huisnummer="3",
        postcode="1234 AB",
        woonplaats="Demodam",
        adres_afgeschermd=True,
    )
    voor = _stand(ouder)
    # when a file names the parent with empty gezag, BSN, address and shielding cells
    import_ = _importeer(wereld, _rij(leerling, "Petra;Vos;0611111111;;;;;;;;"))
    # then only the phone changed: no gezag given, no shielding lifted, nothing emptied
    assert import_.aantal_afgewezen == 0
    assert _stand(ouder) == voor
    assert ouder.telefoon == "0611111111"


def test_alleen_een_expliciete_nee_neemt_gezag_af_of_heft_de_afscherming_op(
    wereld: Wereld,
) -> None:
    leerling = wereld.leerlingen["demodam_school1"]
    ouder = OuderFactory(
        leerling=leerling, voornamen="Petra", achternaam="Vos", gezag=True, adres_afgeschermd=True
    )
    # when the file says nee (in capitals) for both
    _importeer(wereld, _rij(leerling, "Petra;Vos;;;NEE;;;;;;Nee"))
    # then gezag is taken away and the shielding lifted
    ouder.refresh_from_db()
    assert (ouder.gezag, ouder.adres_afgeschermd) == (False, False)


def test_een_foute_waarde_wijst_de_rij_af_met_rij_veld_en_reden_en_bewaart_de_goede(
    wereld: Wereld,
) -> None:
    # given two pupils of Demodam, each with a parent
    eerste = wereld.leerlingen["demodam_school1"]
    tweede = wereld.leerlingen["demodam_uitgeschreven"]
    fout = OuderFactory(leerling=eerste, voornamen="Petra", achternaam="Vos", gezag=False)
    goed = OuderFactory(leerling=tweede, voornamen="Jan", achternaam="Bos", gezag=False)
    voor = _stand(fout)
    # when one row has a bad gezag, BSN, postcode and shielding, and the other is valid
    import_ = _importeer(
        wereld,
        _rij(eerste, "Petra;Vos;;;misschien;123456789;Laan;3;12;Demodam;soms"),
        _rij(tweede, f"Jan;Bos;;;ja;{OUDER_BSN};;;;;"),
    )
    # then the bad row is rejected with every field and reason in Dutch
    assert (import_.aantal_afgewezen, import_.aantal_bijgewerkt) == (1, 1)
    afwijzing = Afwijzing.objects.get(bestandsimport=import_)
    assert afwijzing.rij == 2
    assert afwijzing.veld == ("ouder1_bsn, ouder1_postcode, ouder1_gezag, ouder1_adres_afgeschermd")
    assert afwijzing.reden == (
        "123456789 is geen geldig BSN (elfproef). 12 is geen geldige postcode. misschien is "
        "geen ja of nee. soms is geen ja of nee."
    )
    # and nothing of the bad row is stored, while the valid row is
    assert _stand(fout) == voor
    goed.refresh_from_db()
    assert (goed.gezag, goed.bsn) == (True, OUDER_BSN)


def test_namen_zonder_voornamen_of_achternaam_wijzen_de_rij_af(wereld: Wereld) -> None:
    # a row with only a parent's gezag cannot say whose gezag it is
    leerling = wereld.leerlingen["demodam_school1"]
    import_ = _importeer(wereld, _rij(leerling, ";;;;ja;;;;;;"))
    afwijzing = Afwijzing.objects.get(bestandsimport=import_)
    assert afwijzing.veld == "ouder1_voornamen, ouder1_achternaam"
    assert not leerling.ouders.exists()


def test_een_herimport_verdubbelt_geen_ouder(wereld: Wereld) -> None:
    leerling = wereld.leerlingen["demodam_school1"]
    regel = _rij(leerling, f"Petra;Vos;;;ja;{OUDER_BSN};Laan;3;1234 AB;Demodam;nee")
    # when the same file is imported twice
    eerste = _importeer(wereld, regel)
    tweede = _importeer(wereld, regel)
    # then one parent was added, and the second import changed nothing
    assert (eerste.aantal_bijgewerkt, tweede.aantal_ongewijzigd) == (1, 1)
    assert list(leerling.ouders.values_list("voornamen", "bsn")) == [("Petra", OUDER_BSN)]
    # and a file with the names spelled otherwise but the same BSN finds the same parent
    _importeer(wereld, _rij(leerling, f"Petra Maria;Vos-de Wit;0622222222;;;{OUDER_BSN};;;;;"))
    assert list(leerling.ouders.values_list("voornamen", "telefoon")) == [("Petra", "0622222222")]


def test_een_ouder_van_een_leerling_van_een_andere_gemeente_verandert_niet(
    wereld: Wereld,
) -> None:
    # given a pupil of Buurdorp with a parent without gezag and a shielded address
    leerling = wereld.leerlingen["buurdorp_school1"]
    ouder = OuderFactory(
        leerling=leerling, voornamen="Petra", achternaam="Vos", gezag=False, adres_afgeschermd=True
    )
    voor = _stand(ouder)
    # when Leerplicht Demodam imports gezag and lifts the shielding for her
    import_ = _importeer(
        wereld,
        f"{leerling.bsn};{leerling.voornamen};{leerling.achternaam};"
        f"{leerling.geboortedatum:%Y-%m-%d};Buurdorp;Petra;Vos;;;ja;;;;;;nee",
    )
    # then the row is rejected and the parent is unchanged
    assert import_.aantal_afgewezen == 1
    assert _stand(ouder) == voor


def test_een_gemelde_verhuizing_wacht_ook_met_het_gezag_en_bevestigen_zet_het(
    wereld: Wereld,
) -> None:
    # given a Demodam pupil whose mother has no gezag, and Leerplicht of Buurdorp
    leerling = wereld.leerlingen["demodam_school1"]
    ouder = OuderFactory(leerling=leerling, voornamen="Petra", achternaam="Vos", gezag=False)
    buurdorp = wereld.leerlingen["buurdorp_school1"].woongemeente
    leerplicht_buurdorp = MedewerkerFactory(
        rol=Rol.LEERPLICHTAMBTENAAR,
        organisatie=OrganisatieFactory(naam="Leerplicht Buurdorp", gemeenten=[buurdorp]),
    )
    # when Leerplicht Buurdorp reports her move with the mother's gezag
    data = (
        KOP + "\n" + f"{leerling.bsn};{leerling.voornamen};{leerling.achternaam};"
        f"{leerling.geboortedatum:%Y-%m-%d};Buurdorp;Petra;Vos;;;ja;{OUDER_BSN};;;;;\n"
    ).encode()
    import_ = importeer(
        soort="leerlingen",
        bestand=io.BytesIO(data),
        bestandsnaam="verhuizing.csv",
        door=leerplicht_buurdorp,
    )
    # then the row waits and the mother is unchanged
    assert import_.aantal_wachtend == 1
    ouder.refresh_from_db()
    assert (ouder.gezag, ouder.bsn) == (False, "")
    # and Demodam's Leerplicht sees the parent's change before confirming
    melding = Verhuismelding.objects.get(leerling=leerling)
    regels = {w.veld: (w.oud, w.nieuw) for w in wijzigingen_van(melding)}
    assert "gezag: nee" in regels["Ouder Petra Vos"][0]
    assert "gezag: ja" in regels["Ouder Petra Vos"][1]
    # and confirming sets it
    bevestig_verhuismelding(
        verhuismelding=melding, door=wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    )
    ouder.refresh_from_db()
    assert (ouder.gezag, ouder.bsn) == (True, OUDER_BSN)
    assert leerling.ouders.count() == 1
