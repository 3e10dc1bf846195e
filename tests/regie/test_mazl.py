# SPDX-License-Identifier: EUPL-1.2
"""MAZL referrals at service and rule level (docs/samenwerken.md, "MAZL"): the school refers a
pupil it sees to the youth doctor of its kernteam without opening a case; only that youth
doctor handles it; the advice reaches the school and completes an open case's step "mazl";
the medical notes stay with the youth doctors of the writer's organisation; the worrying
sickness signals of a kernteam's schools reach its youth doctor, and nothing else does."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any, cast

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from binnenboord.notificaties.models import Notificatie
from binnenboord.regie import services
from binnenboord.regie.models import Casus, CasusGebeurtenis, Mazlverwijzing, MedischeInhoud
from binnenboord.regie.rules import mazl_scope
from binnenboord.regie.services import mazl
from binnenboord.regie.services.mazl import VerwijzingNietMogelijk
from binnenboord.registratie.models import School
from binnenboord.signalering.models import Signaal, Soort
from binnenboord.signalering.rules import signaal_scope
from binnenboord.toegang.models import Kernteam, Medewerker, Organisatie, Rol
from tests.factories import (
    InschrijvingFactory,
    LeerlingFactory,
    MedewerkerFactory,
    OrganisatieFactory,
)
from tests.regie.factories import open_casus, school2_medewerker
from tests.signalering.factories import SignaalFactory
from tests.wereld import Wereld

MEDISCH = "Medisch-Uniek-migraine-en-sumatriptan"
ADVIES = "Kan twee uur per dag naar school"
REDEN = "Sinds oktober vaak ziek gemeld"


@dataclass
class Opzet:
    wereld: Wereld
    school: Medewerker  # staff of school 1 (Het Baken)
    jeugdarts: Medewerker  # youth doctor of school 1's kernteam (GGD Demodam)
    collega: Medewerker  # another youth doctor of GGD Demodam, not in the kernteam
    elders: Medewerker  # youth doctor of school 2's kernteam (GGD Elders)
    school1: School
    school2: School


@pytest.fixture
def o(wereld: Wereld) -> Opzet:
    """School 1's kernteam has the world's youth doctor (GGD Demodam), school 2's a youth
    doctor of GGD Elders; a colleague at GGD Demodam is in no kernteam."""
    m = wereld.medewerkers
    jeugdarts = m[Rol.JEUGDARTS]
    elders: Any = MedewerkerFactory(
        rol=Rol.JEUGDARTS, organisatie=OrganisatieFactory(naam="GGD Elders", jgz=True)
    )
    Kernteam.objects.create(school=Organisatie.objects.get(naam="Het Baken"), jeugdarts=jeugdarts)
    Kernteam.objects.create(school=Organisatie.objects.get(naam="De Vuurtoren"), jeugdarts=elders)
    return Opzet(
        wereld=wereld,
        school=m[Rol.SCHOOLMEDEWERKER],
        jeugdarts=jeugdarts,
        collega=cast(
            Medewerker, MedewerkerFactory(rol=Rol.JEUGDARTS, organisatie=jeugdarts.organisatie)
        ),
        elders=elders,
        school1=School.objects.get(organisatie__naam="Het Baken"),
        school2=School.objects.get(organisatie__naam="De Vuurtoren"),
    )


def _verwijs(o: Opzet, leerling: str = "demodam_school1", **kwargs: object) -> Mazlverwijzing:
    return mazl.verwijs_naar_jeugdarts(
        leerling=o.wereld.leerlingen[leerling],
        school=o.school1,
        reden=REDEN,
        door=o.school,
        **kwargs,  # type: ignore[arg-type]
    )


# --- the referral -----------------------------------------------------------------------------


def test_de_school_verwijst_naar_de_jeugdarts_van_haar_kernteam_zonder_casus(o: Opzet) -> None:
    verwijzing = _verwijs(o)
    assert verwijzing.jeugdarts == o.jeugdarts
    assert verwijzing.school == o.school1
    assert verwijzing.status == Mazlverwijzing.Status.NIEUW
    assert verwijzing.casus is None
    # no thuiszitter case is opened
    assert not Casus.objects.exists()
    # the youth doctor is notified, without the pupil's name
    melding = Notificatie.objects.get(ontvanger=o.jeugdarts, soort="mazl_verwijzing")
    assert melding.url == f"/mazl/{verwijzing.pk}/"
    assert melding.gegevens["verwijzing"] == verwijzing.pk
    leerling = o.wereld.leerlingen["demodam_school1"]
    assert leerling.achternaam not in str(melding.gegevens)
    assert leerling.voornamen not in str(melding.gegevens)
    assert not Notificatie.objects.filter(ontvanger=o.school).exists()


def test_zonder_jeugdarts_in_het_kernteam_wordt_niet_verwezen(o: Opzet) -> None:
    Kernteam.objects.filter(school__naam="Het Baken").update(jeugdarts=None)
    with pytest.raises(VerwijzingNietMogelijk, match="geen jeugdarts"):
        _verwijs(o)
    assert not Mazlverwijzing.objects.exists()


def test_een_inactieve_jeugdarts_krijgt_geen_verwijzing(o: Opzet) -> None:
    o.jeugdarts.is_active = False
    o.jeugdarts.save()
    assert mazl.jeugdarts_van(o.school1) is None
    with pytest.raises(VerwijzingNietMogelijk, match="geen jeugdarts"):
        _verwijs(o)


def test_een_andere_school_verwijst_geen_leerling_die_niet_de_hare_is(o: Opzet) -> None:
    leerling = o.wereld.leerlingen["demodam_school1"]
    aanvaller = school2_medewerker()
    for school in (o.school1, o.school2):
        with pytest.raises(VerwijzingNietMogelijk):
            mazl.verwijs_naar_jeugdarts(
                leerling=leerling, school=school, reden=REDEN, door=aanvaller
            )
    assert not Mazlverwijzing.objects.exists()


def test_alleen_de_school_verwijst(o: Opzet) -> None:
    leerling = o.wereld.leerlingen["demodam_school1"]
    for door in (o.wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR], o.jeugdarts):
        with pytest.raises(VerwijzingNietMogelijk):
            mazl.verwijs_naar_jeugdarts(leerling=leerling, school=o.school1, reden=REDEN, door=door)


def test_een_uitgeschreven_leerling_wordt_niet_verwezen(o: Opzet) -> None:
    with pytest.raises(VerwijzingNietMogelijk, match="niet ingeschreven"):
        _verwijs(o, "demodam_uitgeschreven")


def test_per_leerling_loopt_een_verwijzing_tegelijk(o: Opzet) -> None:
    eerste = _verwijs(o)
    with pytest.raises(VerwijzingNietMogelijk, match="loopt al"):
        _verwijs(o)
    mazl.stuur_advies(
        verwijzing=eerste, door=o.jeugdarts, consult_op=timezone.localdate(), advies=ADVIES
    )
    # after the advice the school can refer again
    assert _verwijs(o).pk != eerste.pk


def test_het_signaal_moet_zorgwekkend_ziekteverzuim_van_de_leerling_zijn(o: Opzet) -> None:
    leerling = o.wereld.leerlingen["demodam_school1"]
    vandaag = timezone.localdate()
    ander: Any = SignaalFactory(leerling=leerling, school=o.school1, datum=vandaag)
    with pytest.raises(VerwijzingNietMogelijk, match="zorgwekkend"):
        _verwijs(o, signaal=ander)
    van_een_ander: Any = SignaalFactory(
        leerling=o.wereld.leerlingen["buurdorp_school1"],
        school=o.school1,
        soort=Soort.ZORGWEKKEND_ZIEKTEVERZUIM,
        datum=vandaag,
    )
    with pytest.raises(VerwijzingNietMogelijk, match="zorgwekkend"):
        _verwijs(o, signaal=van_een_ander)
    eigen: Any = SignaalFactory(
        leerling=leerling, school=o.school1, soort=Soort.ZORGWEKKEND_ZIEKTEVERZUIM, datum=vandaag
    )
    assert _verwijs(o, signaal=eigen).signaal == eigen


# --- the youth doctor handles it ----------------------------------------------------------------


def test_alleen_de_verwezen_jeugdarts_behandelt_de_verwijzing(o: Opzet) -> None:
    verwijzing = _verwijs(o)
    vandaag = timezone.localdate()
    for door in (o.collega, o.elders, o.school):
        with pytest.raises(VerwijzingNietMogelijk, match="Alleen de jeugdarts"):
            mazl.plan_consult(verwijzing=verwijzing, door=door, consult_op=vandaag)
        with pytest.raises(VerwijzingNietMogelijk, match="Alleen de jeugdarts"):
            mazl.stuur_advies(verwijzing=verwijzing, door=door, consult_op=vandaag, advies="x")
        with pytest.raises(VerwijzingNietMogelijk, match="Alleen de jeugdarts"):
            mazl.leg_medisch_vast_bij_verwijzing(verwijzing=verwijzing, door=door, tekst="x")
    verwijzing.refresh_from_db()
    assert verwijzing.status == Mazlverwijzing.Status.NIEUW
    assert not MedischeInhoud.objects.exists()


def test_de_jeugdarts_plant_het_consult_en_stuurt_het_advies(o: Opzet) -> None:
    verwijzing = _verwijs(o)
    vandaag = timezone.localdate()
    mazl.plan_consult(verwijzing=verwijzing, door=o.jeugdarts, consult_op=vandaag + timedelta(7))
    verwijzing.refresh_from_db()
    assert verwijzing.status == Mazlverwijzing.Status.GEPLAND
    assert verwijzing.consult_op == vandaag + timedelta(7)
    # an advice after a consult that has not happened yet is refused
    with pytest.raises(VerwijzingNietMogelijk, match="toekomst"):
        mazl.stuur_advies(
            verwijzing=verwijzing, door=o.jeugdarts, consult_op=vandaag + timedelta(7), advies="x"
        )
    with pytest.raises(VerwijzingNietMogelijk, match="advies"):
        mazl.stuur_advies(verwijzing=verwijzing, door=o.jeugdarts, consult_op=vandaag, advies=" ")
    mazl.stuur_advies(verwijzing=verwijzing, door=o.jeugdarts, consult_op=vandaag, advies=ADVIES)
    verwijzing.refresh_from_db()
    assert verwijzing.status == Mazlverwijzing.Status.AFGEROND
    assert verwijzing.advies == ADVIES
    assert verwijzing.advies_op is not None
    assert verwijzing.afgehandeld_door == o.jeugdarts
    # the referring staff member is notified, without the pupil's name or the advice
    melding = Notificatie.objects.get(ontvanger=o.school, soort="mazl_advies")
    assert melding.url == f"/mazl/{verwijzing.pk}/"
    assert ADVIES not in str(melding.gegevens)
    # done is done
    with pytest.raises(VerwijzingNietMogelijk, match="afgerond"):
        mazl.plan_consult(verwijzing=verwijzing, door=o.jeugdarts, consult_op=vandaag)
    assert not o.jeugdarts.has_perm("regie.change_mazlverwijzing", verwijzing)


def test_niet_verschenen_ligt_niet_in_de_toekomst(o: Opzet) -> None:
    verwijzing = _verwijs(o)
    morgen = timezone.localdate() + timedelta(days=1)
    with pytest.raises(VerwijzingNietMogelijk, match="toekomst"):
        mazl.plan_consult(
            verwijzing=verwijzing,
            door=o.jeugdarts,
            consult_op=morgen,
            status=Mazlverwijzing.Status.NIET_VERSCHENEN,
        )
    mazl.plan_consult(
        verwijzing=verwijzing,
        door=o.jeugdarts,
        consult_op=timezone.localdate(),
        status=Mazlverwijzing.Status.NIET_VERSCHENEN,
    )
    verwijzing.refresh_from_db()
    assert verwijzing.status == Mazlverwijzing.Status.NIET_VERSCHENEN
    # a pupil who did not come can get a new appointment
    assert o.jeugdarts.has_perm("regie.change_mazlverwijzing", verwijzing)


def test_medische_aantekeningen_zonder_casus_alleen_voor_de_jeugdarts(o: Opzet) -> None:
    verwijzing = _verwijs(o)
    inhoud = mazl.leg_medisch_vast_bij_verwijzing(
        verwijzing=verwijzing, door=o.jeugdarts, tekst=MEDISCH
    )
    assert inhoud.casus is None
    assert inhoud.mazlverwijzing == verwijzing
    assert inhoud.organisatie_id == o.jeugdarts.organisatie_id
    # written again, the one note of the referral is replaced
    mazl.leg_medisch_vast_bij_verwijzing(verwijzing=verwijzing, door=o.jeugdarts, tekst="Nieuw")
    assert MedischeInhoud.objects.get(mazlverwijzing=verwijzing).tekst == "Nieuw"
    inhoud.refresh_from_db()
    m = o.wereld.medewerkers
    assert o.jeugdarts.has_perm("regie.view_medisch", inhoud)
    for lezer in (
        o.school,
        o.collega,  # same JGZ, but the referral is not addressed to them
        o.elders,
        m[Rol.LEERPLICHTAMBTENAAR],
        m[Rol.GEZINSWERKER],
        m[Rol.SWV_CONSULENT],
    ):
        assert not lezer.has_perm("regie.view_medisch", inhoud), lezer.rol


def test_medische_aantekeningen_van_een_andere_organisatie_blijven_dicht(o: Opzet) -> None:
    # the youth doctor moved to another JGZ: the notes stay with the organisation that wrote them
    verwijzing = _verwijs(o)
    inhoud = mazl.leg_medisch_vast_bij_verwijzing(
        verwijzing=verwijzing, door=o.jeugdarts, tekst=MEDISCH
    )
    o.jeugdarts.organisatie = o.elders.organisatie
    o.jeugdarts.save()
    assert not o.jeugdarts.has_perm("regie.view_medisch", inhoud)


# --- the case ----------------------------------------------------------------------------------


def test_een_verwijzing_tijdens_een_open_casus_hoort_bij_die_casus(o: Opzet) -> None:
    casus = open_casus(o.wereld.leerlingen["demodam_school1"], o.school)
    verwijzing = _verwijs(o)
    assert verwijzing.casus == casus
    gebeurtenis = CasusGebeurtenis.objects.get(casus=casus, soort=CasusGebeurtenis.Soort.MAZL)
    assert REDEN not in gebeurtenis.tekst


def test_het_advies_rondt_de_stap_mazl_van_de_casus_af_op_de_consultdatum(o: Opzet) -> None:
    casus = open_casus(
        o.wereld.leerlingen["demodam_school1"], o.school, aanpak="amsterdam_drie_fasen"
    )
    verwijzing = _verwijs(o)
    consult = timezone.localdate()
    mazl.stuur_advies(verwijzing=verwijzing, door=o.jeugdarts, consult_op=consult, advies=ADVIES)
    stap = CasusGebeurtenis.objects.get(casus=casus, stap="mazl")
    assert stap.soort == CasusGebeurtenis.Soort.STAP_GEDAAN
    assert stap.datum == consult
    assert ADVIES not in stap.tekst


def test_een_gesloten_casus_krijgt_het_advies_maar_niet_de_stap(o: Opzet) -> None:
    casus = open_casus(
        o.wereld.leerlingen["demodam_school1"], o.school, aanpak="amsterdam_drie_fasen"
    )
    verwijzing = _verwijs(o)
    services.sluit_casus(
        casus=casus, door=o.school, passend_aanbod="eigen_school", op=timezone.localdate()
    )
    mazl.stuur_advies(
        verwijzing=verwijzing, door=o.jeugdarts, consult_op=timezone.localdate(), advies=ADVIES
    )
    # a closed case gets the event, not the step
    assert not CasusGebeurtenis.objects.filter(casus=casus, stap="mazl").exists()
    assert CasusGebeurtenis.objects.filter(
        casus=casus, soort=CasusGebeurtenis.Soort.MAZL, gegevens__bericht="mazl_verwijzing_advies"
    ).exists()


def test_een_casus_geopend_terwijl_de_verwijzing_loopt_krijgt_het_advies_en_de_stap(
    o: Opzet,
) -> None:
    verwijzing = _verwijs(o)
    assert verwijzing.casus is None
    casus = open_casus(
        o.wereld.leerlingen["demodam_school1"], o.school, aanpak="amsterdam_drie_fasen"
    )
    consult = timezone.localdate()
    mazl.stuur_advies(verwijzing=verwijzing, door=o.jeugdarts, consult_op=consult, advies=ADVIES)
    verwijzing.refresh_from_db()
    assert verwijzing.casus == casus
    assert CasusGebeurtenis.objects.get(casus=casus, stap="mazl").datum == consult


# --- who sees which referral ------------------------------------------------------------------


def test_welke_verwijzingen_wie_ziet(o: Opzet) -> None:
    eigen = _verwijs(o)
    vuurtoren = mazl.verwijs_naar_jeugdarts(
        leerling=o.wereld.leerlingen["buurdorp_school2"],
        school=o.school2,
        reden=REDEN,
        door=school2_medewerker(),
    )
    m = o.wereld.medewerkers

    def ziet(wie: Medewerker) -> set[int]:
        return set(Mazlverwijzing.objects.filter(mazl_scope(wie)).values_list("pk", flat=True))

    assert ziet(o.jeugdarts) == {eigen.pk}
    assert ziet(o.elders) == {vuurtoren.pk}
    assert ziet(o.collega) == set()
    assert ziet(o.school) == {eigen.pk}
    assert ziet(school2_medewerker()) == {vuurtoren.pk}
    for niemand in (
        m[Rol.LEERPLICHTAMBTENAAR],
        m[Rol.GEZINSWERKER],
        m[Rol.SWV_CONSULENT],
        m[Rol.TEAMMANAGER],
        m[Rol.BELEIDSMEDEWERKER],
        m[Rol.FUNCTIONEEL_BEHEERDER],
    ):
        assert ziet(niemand) == set(), niemand.rol
    # the predicate agrees with the list
    assert o.school.has_perm("regie.view_mazlverwijzing", eigen)
    assert not o.school.has_perm("regie.view_mazlverwijzing", vuurtoren)
    assert not o.elders.has_perm("regie.view_mazlverwijzing", eigen)


def test_de_school_ziet_de_verwijzing_niet_meer_als_de_leerling_vertrekt(o: Opzet) -> None:
    verwijzing = _verwijs(o)
    leerling = o.wereld.leerlingen["demodam_school1"]
    leerling.inschrijvingen.update(einddatum=timezone.localdate() - timedelta(days=1))
    assert not o.school.has_perm("regie.view_mazlverwijzing", verwijzing)
    # the youth doctor still has the referral addressed to them
    assert o.jeugdarts.has_perm("regie.view_mazlverwijzing", verwijzing)


def test_de_jeugdarts_krijgt_het_leerlingdossier_niet(o: Opzet) -> None:
    verwijzing = _verwijs(o)
    leerling = verwijzing.leerling
    assert not o.jeugdarts.has_perm("registratie.view_leerling", leerling)


# --- worrying sickness signals reach the kernteam's youth doctor -----------------------------


def test_zorgwekkend_ziekteverzuim_bereikt_de_jeugdarts_van_het_kernteam(o: Opzet) -> None:
    ll = o.wereld.leerlingen
    dag = timezone.localdate() - timedelta(days=3)
    zz = Soort.ZORGWEKKEND_ZIEKTEVERZUIM

    def signaal(leerling: str, school: School, soort: str = zz, begin: int = 30) -> Signaal:
        gemaakt: Any = SignaalFactory(
            leerling=ll[leerling],
            school=school,
            soort=soort,
            datum=dag,
            begindatum=dag - timedelta(days=begin),
        )
        return cast(Signaal, gemaakt)

    eigen = signaal("demodam_school1", o.school1)
    ook_eigen = signaal("buurdorp_school1", o.school1)
    ander_soort = signaal("demodam_school1", o.school1, Soort.VERZUIM_16_UUR)
    langdurig = signaal("demodam_school1", o.school1, Soort.LANGDURIG_GEOORLOOFD_VERZUIM)
    andere_school = signaal("buurdorp_school2", o.school2)
    vertrokken = signaal("demodam_uitgeschreven", o.school1)
    # raised at the other school before the pupil came to school 1
    elders_gemeld = signaal("demodam_school1", o.school2, begin=60)
    nieuw = LeerlingFactory()
    InschrijvingFactory(leerling=nieuw, school=o.school1, begindatum=dag + timedelta(days=1))
    voor_inschrijving: Any = SignaalFactory(leerling=nieuw, school=o.school1, soort=zz, datum=dag)

    def ziet(wie: Medewerker) -> set[int]:
        return set(Signaal.objects.filter(signaal_scope(wie)).values_list("pk", flat=True))

    assert ziet(o.jeugdarts) == {eigen.pk, ook_eigen.pk}
    assert ziet(o.elders) == {andere_school.pk}
    assert ziet(o.collega) == set()
    # the school still sees its own signals of every kind
    assert {eigen.pk, ook_eigen.pk, ander_soort.pk, langdurig.pk} <= ziet(o.school)
    for niet in (ander_soort, langdurig, vertrokken, elders_gemeld, voor_inschrijving):
        assert not o.jeugdarts.has_perm("signalering.view_signaal", niet)
    assert o.jeugdarts.has_perm("signalering.view_signaal", eigen)
    # and the youth doctor does not handle signals: the school does
    assert not o.jeugdarts.has_perm("signalering.handle_signaal", eigen)


def test_de_signalen_van_de_jeugdarts_zijn_een_query(o: Opzet) -> None:
    SignaalFactory(
        leerling=o.wereld.leerlingen["demodam_school1"],
        school=o.school1,
        soort=Soort.ZORGWEKKEND_ZIEKTEVERZUIM,
        datum=timezone.localdate(),
    )
    filter_ = signaal_scope(o.jeugdarts)
    with CaptureQueriesContext(connection) as vragen:
        assert Signaal.objects.filter(filter_).count() == 1
    assert len(vragen) == 1
    assert "EXISTS" in vragen[0]["sql"]
