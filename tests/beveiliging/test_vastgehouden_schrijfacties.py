# SPDX-License-Identifier: EUPL-1.2
"""Issue 13 ("a write never widens who sees a child"), the held writes (Verhuismelding,
InschrijvingTerBevestiging), their confirmation and the case handover, as an attacker and a busy
municipality would find their edges: a handover accepted after the pupil moved on, a third
municipality's report, parents' contact data and newer corrections under a confirmation, pupils
known by education number only, a BSN taken meanwhile, a reporter who changes jobs, and BSNs
written with dots. Each test failed on the first version of the held writes (a review).

World: tests/wereld.py (Leerplicht Demodam serves Demodam; school 1 "Het Baken" in Demodam,
school 2 "De Vuurtoren" in Buurdorp) plus Leerplicht Buurdorp (B) and Leerplicht Verweg (C)."""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from datetime import date

from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

import pytest

from binnenboord.regie.models import Casus, Casusoverdracht
from binnenboord.regie.rules import casus_scope
from binnenboord.regie.services import CasusNietMogelijk, verhuizing
from binnenboord.registratie import bevestigen
from binnenboord.registratie.importeren.services import importeer
from binnenboord.registratie.models import (
    Bevestiging,
    Import,
    InschrijvingTerBevestiging,
    Leerling,
    School,
    Verhuismelding,
)
from binnenboord.toegang.models import Gemeente, Medewerker, Organisatie, Rol
from binnenboord.verantwoording.models import Inzage
from tests.factories import (
    GemeenteFactory,
    LeerlingFactory,
    MedewerkerFactory,
    OrganisatieFactory,
    OuderFactory,
    _bsn,
)
from tests.regie.factories import open_casus
from tests.wereld import Wereld

BRIN1 = "12AB"
LEERLINGKOP = (
    "bsn;onderwijsnummer;voornamen;achternaam;geboortedatum;woongemeente;straat;"
    "ouder1_voornamen;ouder1_achternaam;ouder1_telefoon;ouder1_email"
)
INSCHRIJVINGKOP = "bsn;onderwijsnummer;brin;vestiging;begindatum;einddatum"
VERZUIMKOP = "bsn;brin;vestiging;datum;minuten;soort"


def _onderwijsnummer(n: int) -> str:
    """The n-th valid onderwijsnummer (10xxxxxxx, weighted sum mod 11 == 5)."""
    from stdnum.nl import onderwijsnummer

    kandidaat = 100_000_000 + n * 97
    while not onderwijsnummer.is_valid(f"{kandidaat:09d}"):
        kandidaat += 1
    return f"{kandidaat:09d}"


@dataclass
class Opzet:
    wereld: Wereld
    a: Medewerker  # Leerplicht Demodam
    b: Medewerker  # Leerplicht Buurdorp
    c: Medewerker  # Leerplicht Verweg
    demodam: Gemeente
    buurdorp: Gemeente
    verweg: Gemeente
    school1: School

    @property
    def school1_medewerker(self) -> Medewerker:
        return self.wereld.medewerkers[Rol.SCHOOLMEDEWERKER]


@pytest.fixture
def o(wereld: Wereld) -> Opzet:
    translation.activate("nl")
    demodam = Gemeente.objects.get(code="9999")
    buurdorp = Gemeente.objects.get(code="9998")
    verweg = GemeenteFactory(code="9001", naam="Verweg")
    b = MedewerkerFactory(
        username="lpa_b",
        rol=Rol.LEERPLICHTAMBTENAAR,
        organisatie=OrganisatieFactory(naam="Leerplicht Buurdorp", gemeenten=[buurdorp]),
    )
    c = MedewerkerFactory(
        username="lpa_c",
        rol=Rol.LEERPLICHTAMBTENAAR,
        organisatie=OrganisatieFactory(naam="Leerplicht Verweg", gemeenten=[verweg]),
    )
    school1 = School.objects.get(organisatie__naam="Het Baken")
    School.objects.filter(pk=school1.pk).update(brin=BRIN1, vestiging="00")
    school1.refresh_from_db()
    return Opzet(
        wereld, wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR], b, c, demodam, buurdorp, verweg,
        school1,
    )  # fmt: skip


def _importeer(soort: str, door: Medewerker, *regels: str) -> Import:
    data = ("\n".join(regels) + "\n").encode()
    return importeer(soort=soort, bestand=io.BytesIO(data), bestandsnaam="r.csv", door=door)


def _leerlingrij(
    leerling: Leerling,
    woongemeente: str,
    *,
    bsn: str | None = None,
    onderwijsnummer: str = "",
    geboortedatum: str = "17-05-2012",
    straat: str = "Nieuwstraat 1",
    ouder: tuple[str, str, str, str] = ("", "", "", ""),
) -> str:
    return ";".join(
        (
            bsn if bsn is not None else (leerling.bsn or ""),
            onderwijsnummer,
            leerling.voornamen,
            leerling.achternaam,
            geboortedatum,
            woongemeente,
            straat,
            *ouder,
        )
    )


def _meld_verhuizing(
    o: Opzet, door: Medewerker, leerling: Leerling, naar: str, **kw: str
) -> Import:
    import_ = _importeer("leerlingen", door, LEERLINGKOP, _leerlingrij(leerling, naar, **kw))  # type: ignore[arg-type]
    assert import_.aantal_wachtend == 1, list(import_.afwijzingen.values_list("reden", flat=True))
    return import_


# --- 1. a sent handover can be accepted after the pupil moved on ----------------------------


def test_een_verstuurde_overdracht_kan_niet_worden_aanvaard_als_de_leerling_er_niet_meer_woont(
    o: Opzet,
) -> None:
    # a pupil of Demodam with an open case moves to Buurdorp; Demodam confirms and hands over
    leerling = o.wereld.leerlingen["demodam_school1"]
    casus = open_casus(leerling, o.a)
    _meld_verhuizing(o, o.b, leerling, "Buurdorp")
    bevestigen.bevestig_verhuismelding(
        verhuismelding=bevestigen.haal_verhuismelding(o.a, Verhuismelding.objects.get().pk),
        door=o.a,
    )
    overdracht = verhuizing.verstuur_overdracht(casus=casus, door=o.a, samenvatting="Zie plan.")
    # before Buurdorp accepts, the pupil moves on to Verweg (Buurdorp itself confirms that)
    _meld_verhuizing(o, o.c, leerling, "Verweg")
    melding_c = Verhuismelding.objects.get(status=Bevestiging.OPEN)
    bevestigen.bevestig_verhuismelding(
        verhuismelding=bevestigen.haal_verhuismelding(o.b, melding_c.pk), door=o.b
    )
    leerling.refresh_from_db()
    assert leerling.woongemeente == o.verweg
    assert not o.b.has_perm("registratie.view_leerling", leerling)
    # Buurdorp no longer serves the pupil: accepting the old handover must not give it a case
    with contextlib.suppress(CasusNietMogelijk):
        verhuizing.aanvaard_overdracht(
            overdracht=Casusoverdracht.objects.get(pk=overdracht.pk), door=o.b
        )
    assert list(Casus.objects.filter(casus_scope(o.b), leerling=leerling)) == []


# --- 2. a third municipality's report replaces the open one -------------------------------


def test_een_verhuismelding_van_een_derde_gemeente_vervangt_de_open_verhuismelding_niet(
    o: Opzet,
) -> None:
    leerling = o.wereld.leerlingen["demodam_school1"]
    _meld_verhuizing(o, o.b, leerling, "Buurdorp", straat="Buurstraat 2")
    melding_b = Verhuismelding.objects.get()
    # Verweg reports the same pupil while Demodam has not decided yet
    _importeer("leerlingen", o.c, LEERLINGKOP,
               _leerlingrij(leerling, "Verweg", straat="Verwegstraat 3"))  # fmt: skip
    vers = Verhuismelding.objects.get(pk=melding_b.pk)
    # what Demodam saw (and may be confirming right now) is still Buurdorp's report, and
    # Buurdorp still sees the report it sent
    assert (vers.naar_gemeente_id, vers.gemeld_door_id, vers.gegevens["waarden"]["straat"]) == (
        o.buurdorp.pk,
        o.b.pk,
        "Buurstraat 2",
    )
    assert [m.pk for m in bevestigen.aangevraagde_verhuismeldingen(o.b)] == [melding_b.pk]


# --- 3. confirming a move changes parent contact data that the page never showed ----------


def test_de_bevestigingspagina_toont_de_oudergegevens_die_het_bevestigen_overschrijft(
    o: Opzet, client: Client
) -> None:
    leerling = o.wereld.leerlingen["demodam_school1"]
    OuderFactory(leerling=leerling, voornamen="Moeder", achternaam="Eigen", telefoon="0611111111",
                 email="moeder@example.org")  # fmt: skip
    _meld_verhuizing(
        o, o.b, leerling, "Buurdorp",
        ouder=("Moeder", "Eigen", "0699999999", "aanvaller@example.org"),  # type: ignore[arg-type]
    )  # fmt: skip
    client.force_login(o.a)
    pagina = client.get(reverse("registratie:bevestigen")).content.decode()
    # confirming the move replaces the mother's phone and e-mail with these: the decider must
    # see them before she confirms
    assert "0699999999" in pagina
    assert "aanvaller@example.org" in pagina


# --- 4. confirming a report puts stale data over newer data -------------------------------


def test_een_verhuizing_bevestigen_zet_de_gemelde_gegevens_niet_over_nieuwere_heen(
    o: Opzet,
) -> None:
    leerling = o.wereld.leerlingen["demodam_school1"]
    _meld_verhuizing(o, o.b, leerling, "Buurdorp", geboortedatum="17-05-2012")
    melding = Verhuismelding.objects.get()
    # afterwards Demodam corrects the date of birth from the BRP (the pupil still lives there)
    nieuw = _importeer("leerlingen", o.a, LEERLINGKOP,
                       _leerlingrij(leerling, "Demodam", geboortedatum="02-02-2013"))  # fmt: skip
    assert nieuw.aantal_bijgewerkt == 1
    # the report is stale now: it lapses, or confirming it keeps the newer date
    melding.refresh_from_db()
    if melding.status == Bevestiging.OPEN:
        bevestigen.bevestig_verhuismelding(verhuismelding=melding, door=o.a)
    leerling.refresh_from_db()
    assert leerling.geboortedatum == date(2013, 2, 2)


# --- 5. an onderwijsnummer-only pupil: a held enrolment nobody can ever decide -----------


def test_een_vastgehouden_inschrijving_bereikt_leerplicht_als_een_bekende_leerling_het_bsn_krijgt(
    o: Opzet,
) -> None:
    onr = _onderwijsnummer(11)
    bsn = _bsn(515_151)
    leerling = LeerlingFactory(bsn=None, onderwijsnummer=onr, woongemeente=o.demodam)
    # the school sends the pupil's BSN (the pupil is known by education number only)
    vandaag = f"{timezone.localdate():%Y-%m-%d}"
    import_ = _importeer("inschrijvingen", o.school1_medewerker, INSCHRIJVINGKOP,
                         f"{bsn};;{BRIN1};00;{vandaag};")  # fmt: skip
    assert import_.aantal_wachtend == 1
    # Leerplicht imports the BRP: the known pupil gets the BSN
    rij = _leerlingrij(leerling, "Demodam", bsn=bsn, onderwijsnummer=onr)
    bijgewerkt = _importeer("leerlingen", o.a, LEERLINGKOP, rij)
    assert bijgewerkt.aantal_bijgewerkt == 1
    assert Leerling.objects.get(pk=leerling.pk).bsn == bsn
    # the waiting enrolment now names the pupil, so that Leerplicht of Demodam can decide it
    verzoek = InschrijvingTerBevestiging.objects.get()
    assert (verzoek.status, verzoek.leerling_id) == (Bevestiging.OPEN, leerling.pk)
    assert [v.pk for v in bevestigen.te_bevestigen_inschrijvingen(o.a)] == [verzoek.pk]


def test_inschrijving_op_bsn_en_onderwijsnummer_van_een_bekende_leerling_wacht_niet_als_onbekend(
    o: Opzet,
) -> None:
    onr = _onderwijsnummer(12)
    bsn = _bsn(525_252)
    leerling = LeerlingFactory(bsn=None, onderwijsnummer=onr, woongemeente=o.demodam)
    vandaag = f"{timezone.localdate():%Y-%m-%d}"
    _importeer("inschrijvingen", o.school1_medewerker, INSCHRIJVINGKOP,
               f"{bsn};{onr};{BRIN1};00;{vandaag};")  # fmt: skip
    # the row names a pupil Binnenboord knows (by education number): it is either stored or
    # waits for Leerplicht of Demodam, never as "unknown" for a pupil nobody will import
    verzoek = InschrijvingTerBevestiging.objects.filter(status=Bevestiging.OPEN).first()
    if verzoek is not None:
        assert verzoek.leerling_id == leerling.pk
    else:
        assert leerling.inschrijvingen.filter(school=o.school1).exists()


# --- 6. a report that sets a BSN taken in the meantime: 500 on confirmation ---------------


def test_verhuismelding_bevestigen_met_een_intussen_bezet_bsn_geeft_een_antwoord_geen_serverfout(
    o: Opzet,
) -> None:
    onr = _onderwijsnummer(13)
    bsn = _bsn(535_353)
    leerling = LeerlingFactory(bsn=None, onderwijsnummer=onr, woongemeente=o.demodam)
    _meld_verhuizing(o, o.b, leerling, "Buurdorp", bsn=bsn, onderwijsnummer=onr)
    melding = Verhuismelding.objects.get()
    # meanwhile Demodam imports another child with that BSN
    ander = _importeer("leerlingen", o.a, LEERLINGKOP,
                       f"{bsn};;Ander;Kind;01-01-2013;Demodam;Straat 1;;;;")  # fmt: skip
    assert ander.aantal_nieuw == 1
    client = Client(raise_request_exception=False)
    client.force_login(o.a)
    antwoord = client.post(
        reverse("registratie:bevestig_verhuizing", args=[melding.pk]),
        {"besluit": "bevestigen", "toelichting": ""},
    )
    assert antwoord.status_code == 302


# --- 7. reported moves follow the reporter's account to a new organisation ----------------


def test_gemelde_verhuizingen_blijven_bij_de_organisatie_die_ze_meldde(o: Opzet) -> None:
    leerling = o.wereld.leerlingen["demodam_school1"]
    _meld_verhuizing(o, o.b, leerling, "Buurdorp")
    melding = Verhuismelding.objects.get()
    collega_b = MedewerkerFactory(rol=Rol.LEERPLICHTAMBTENAAR, organisatie=o.b.organisatie)
    # the reporting officer changes jobs: her account moves to Leerplicht Verweg
    o.b.organisatie = Organisatie.objects.get(naam="Leerplicht Verweg")
    o.b.save()
    # the report (the BSN, Demodam's explanation) stays with Buurdorp, as an import does
    assert [m.pk for m in bevestigen.aangevraagde_verhuismeldingen(collega_b)] == [melding.pk]
    assert list(bevestigen.aangevraagde_verhuismeldingen(o.c)) == []


# --- 8. the access log misses pupils whose BSN a rejected row writes with dots -------------


def test_het_lezen_van_afgewezen_rijen_logt_een_leerling_wier_bsn_met_punten_is_geschreven(
    o: Opzet, client: Client
) -> None:
    leerling = o.wereld.leerlingen["demodam_school1"]
    assert leerling.bsn is not None
    met_punten = f"{leerling.bsn[:3]}.{leerling.bsn[3:6]}.{leerling.bsn[6:]}"
    # the importer reads this BSN (it normalises it); the row is rejected for its minutes
    import_ = _importeer("verzuim", o.school1_medewerker, VERZUIMKOP,
                         f"{met_punten};{BRIN1};00;2026-11-18;veel;ziek")  # fmt: skip
    assert import_.aantal_afgewezen == 1
    client.force_login(o.school1_medewerker)
    assert client.get(reverse("registratie:import", args=[import_.pk])).status_code == 200
    assert Inzage.objects.filter(
        medewerker=o.school1_medewerker, leerling=leerling, bron__startswith="registratie:import"
    ).exists()


def test_heropenen_na_een_vervallen_overdracht_biedt_een_overdracht_naar_waar_zij_woont(
    o: Opzet,
) -> None:
    # the first test's story: the pupil moved on to Verweg before Buurdorp accepted
    leerling = o.wereld.leerlingen["demodam_school1"]
    casus = open_casus(leerling, o.a)
    _meld_verhuizing(o, o.b, leerling, "Buurdorp")
    bevestigen.bevestig_verhuismelding(
        verhuismelding=bevestigen.haal_verhuismelding(o.a, Verhuismelding.objects.get().pk),
        door=o.a,
    )
    verzonden = verhuizing.verstuur_overdracht(casus=casus, door=o.a, samenvatting="Zie plan.")
    _meld_verhuizing(o, o.c, leerling, "Verweg")
    bevestigen.bevestig_verhuismelding(
        verhuismelding=Verhuismelding.objects.get(status=Bevestiging.OPEN), door=o.b
    )
    verzonden.refresh_from_db()
    assert verzonden.status == Casusoverdracht.Status.VERVALLEN
    # when Demodam reopens its closed case, it awaits a handover to Verweg
    from binnenboord.regie.services import heropen_casus

    heropen_casus(casus=Casus.objects.get(pk=casus.pk), door=o.a, reden="Overdracht vervallen")
    concept = verhuizing.concept_van(Casus.objects.get(pk=casus.pk))
    assert concept is not None
    assert (concept.van_gemeente, concept.naar_gemeente) == (o.demodam, o.verweg)
