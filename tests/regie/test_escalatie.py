# SPDX-License-Identifier: EUPL-1.2
"""Escalation reaches the body (docs/samenwerken.md, "Escalatie"): when a person records the
escalation event of the case's model (or the body's meeting records it), the body's members
take part (grond "escalatie"), are notified, see the case in their "Escalaties" worklist and
the case is proposed for the body's next meeting; until a member or Leerplicht ends the
escalation or the case closes. Never medical content; every read and write is logged."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

import pytest

from binnenboord.notificaties.models import Notificatie
from binnenboord.regie import services
from binnenboord.regie.models import (
    Agendapunt,
    Casus,
    CasusGebeurtenis,
    Deelnemer,
    Escalatie,
    Overleg,
    Overlegsoort,
)
from binnenboord.regie.rules import escalatie_scope
from binnenboord.regie.selectors.casus import zichtbare_casussen
from binnenboord.regie.services import escalatie as dienst
from binnenboord.regie.services import overleg
from binnenboord.registratie.models import School
from binnenboord.toegang.models import Gemeente, Medewerker, Organisatie, Rol
from binnenboord.verantwoording.models import Inzage
from tests.factories import MedewerkerFactory, OrganisatieFactory
from tests.regie.factories import open_casus, school2_medewerker
from tests.wereld import Wereld

UTRECHT = "utrecht_kernpartners"


@dataclass
class Opzet:
    casus: Casus
    school: Medewerker
    lpa: Medewerker
    tm_leerplicht: Medewerker  # team manager of Leerplicht Demodam: sees the case already
    tm_swv: Medewerker  # team manager of the school's SWV: does not see it
    tm_buurdorp: Medewerker  # team manager of an organisation serving Buurdorp
    it: Medewerker  # intervention team serving Demodam
    it_buurdorp: Medewerker
    jeugdarts: Medewerker


@pytest.fixture
def opzet(wereld: Wereld) -> Opzet:
    m = wereld.medewerkers
    demodam = Gemeente.objects.get(code="9999")
    buurdorp = Gemeente.objects.get(code="9998")
    swv = Organisatie.objects.get(naam="SWV Demodam")
    School.objects.filter(organisatie__naam="Het Baken").update(samenwerkingsverband=swv)
    Organisatie.objects.get(naam="Interventieteam VO").gemeenten.set([demodam])
    casus = open_casus(
        wereld.leerlingen["demodam_school1"], m[Rol.SCHOOLMEDEWERKER], aanpak=UTRECHT
    )
    return Opzet(
        casus=casus,
        school=m[Rol.SCHOOLMEDEWERKER],
        lpa=m[Rol.LEERPLICHTAMBTENAAR],
        tm_leerplicht=m[Rol.TEAMMANAGER],
        tm_swv=MedewerkerFactory(rol=Rol.TEAMMANAGER, organisatie=swv),
        tm_buurdorp=MedewerkerFactory(
            rol=Rol.TEAMMANAGER, organisatie=OrganisatieFactory(swv=True, gemeenten=[buurdorp])
        ),
        it=m[Rol.INTERVENTIETEAMLID],
        it_buurdorp=MedewerkerFactory(
            rol=Rol.INTERVENTIETEAMLID,
            organisatie=OrganisatieFactory(interventieteam=True, gemeenten=[buurdorp]),
        ),
        jeugdarts=m[Rol.JEUGDARTS],
    )


def _escaleer(o: Opzet, stap: str = "teammanagers", door: Medewerker | None = None) -> None:
    services.registreer_stap(
        casus=o.casus, door=door or o.lpa, stap=stap, datum=timezone.localdate()
    )


def _zichtbaar(medewerker: Medewerker) -> set[int]:
    return set(zichtbare_casussen(medewerker).values_list("pk", flat=True))


def _lopend(medewerker: Medewerker) -> set[int]:
    return set(Escalatie.objects.filter(escalatie_scope(medewerker)).values_list("pk", flat=True))


def _sluit(o: Opzet) -> None:
    services.sluit_casus(
        casus=o.casus,
        door=o.school,
        passend_aanbod=Casus.PassendAanbod.ANDERE_SCHOOL,
        op=timezone.localdate(),
    )


# --- the body takes the case -------------------------------------------------------------------


def test_de_teammanagers_krijgen_de_casus_tot_de_escalatie_eindigt(opzet: Opzet) -> None:
    assert _zichtbaar(opzet.tm_swv) == set()
    # when Leerplicht records the escalation event "teammanagers" (no meeting planned)
    _escaleer(opzet)
    escalatie = Escalatie.objects.get(casus=opzet.casus)
    assert (escalatie.orgaan, escalatie.overleg, escalatie.bevestigd_door) == (
        "teammanagers",
        None,
        opzet.lpa,
    )
    # then the team managers serving the case's municipality or the school's SWV are the body:
    # the SWV's team manager takes part and sees exactly this case, Leerplicht's already did
    rij = Deelnemer.objects.get(casus=opzet.casus, medewerker=opzet.tm_swv)
    assert rij.grond == "escalatie"
    assert _zichtbaar(opzet.tm_swv) == {opzet.casus.pk}
    assert not Deelnemer.objects.filter(medewerker=opzet.tm_leerplicht).exists()
    # a team manager of another municipality is not in the body
    assert _zichtbaar(opzet.tm_buurdorp) == set()
    assert _lopend(opzet.tm_buurdorp) == set()
    # each member is notified once, without the pupil's name; the one who escalated is not
    ontvangers = set(
        Notificatie.objects.filter(soort="escalatie").values_list("ontvanger_id", flat=True)
    )
    assert ontvangers == {opzet.tm_swv.pk, opzet.tm_leerplicht.pk}
    notificatie = Notificatie.objects.get(ontvanger=opzet.tm_swv)
    assert notificatie.gegevens == {"casus": opzet.casus.pk, "orgaan": "teammanagers"}
    assert opzet.casus.leerling.achternaam not in str(notificatie.gegevens)
    # the history says so, with the members
    regel = opzet.casus.gebeurtenissen.get(soort=CasusGebeurtenis.Soort.ESCALATIE)
    assert str(opzet.tm_swv) in regel.gegevens["leden"]
    # the worklists: the members and Leerplicht of the municipality
    assert _lopend(opzet.tm_swv) == {escalatie.pk}
    assert _lopend(opzet.tm_leerplicht) == {escalatie.pk}
    assert _lopend(opzet.lpa) == {escalatie.pk}
    # when a member ends the escalation, the SWV's team manager no longer sees the case
    dienst.beeindig_escalatie(escalatie=escalatie, door=opzet.tm_swv, reden="Besluit genomen")
    rij.refresh_from_db()
    assert rij.beeindigd_op is not None
    assert _zichtbaar(opzet.tm_swv) == set()
    assert _lopend(opzet.tm_swv) == set()
    einde = opzet.casus.gebeurtenissen.get(soort=CasusGebeurtenis.Soort.ESCALATIE_BEEINDIGD)
    assert einde.toelichting == "Besluit genomen"
    with pytest.raises(services.CasusNietMogelijk):
        dienst.beeindig_escalatie(escalatie=escalatie, door=opzet.lpa, reden="Nog eens")


def test_het_interventieteam_houdt_de_casus_tot_die_sluit(opzet: Opzet) -> None:
    assert _zichtbaar(opzet.it) == set()
    _escaleer(opzet, "interventieteam")
    assert _zichtbaar(opzet.it) == {opzet.casus.pk}
    assert _zichtbaar(opzet.it_buurdorp) == set()
    assert opzet.it.has_perm("regie.add_evaluatie", opzet.casus)
    # closing the case ends the running escalation and the access
    _sluit(opzet)
    escalatie = Escalatie.objects.get(casus=opzet.casus)
    assert escalatie.beeindigd_op is not None
    assert escalatie.reden_einde == "De casus is gesloten."
    assert _zichtbaar(opzet.it) == set()
    assert Deelnemer.objects.get(medewerker=opzet.it).beeindigd_op is not None


def test_een_tweede_orgaan_houdt_zijn_leden_als_het_eerste_eindigt(opzet: Opzet) -> None:
    _escaleer(opzet, "teammanagers")
    _escaleer(opzet, "interventieteam")
    teammanagers = Escalatie.objects.get(orgaan="teammanagers")
    dienst.beeindig_escalatie(escalatie=teammanagers, door=opzet.lpa, reden="Klaar")
    assert _zichtbaar(opzet.tm_swv) == set()
    assert _zichtbaar(opzet.it) == {opzet.casus.pk}


def test_tweemaal_escaleren_geeft_een_escalatie_en_een_notificatie(opzet: Opzet) -> None:
    _escaleer(opzet)
    _escaleer(opzet)
    assert Escalatie.objects.filter(casus=opzet.casus).count() == 1
    assert Notificatie.objects.filter(ontvanger=opzet.tm_swv).count() == 1
    assert Deelnemer.objects.filter(medewerker=opzet.tm_swv).count() == 1


def test_een_lid_op_een_andere_grond_houdt_die(opzet: Opzet) -> None:
    services.voeg_deelnemer_toe(
        casus=opzet.casus, door=opzet.school, soort="professional", medewerker=opzet.tm_swv
    )
    _escaleer(opzet)
    dienst.beeindig_escalatie(
        escalatie=Escalatie.objects.get(casus=opzet.casus), door=opzet.lpa, reden="Klaar"
    )
    rij = Deelnemer.objects.get(medewerker=opzet.tm_swv)
    assert (rij.grond, rij.beeindigd_op) == ("toegevoegd", None)
    assert _zichtbaar(opzet.tm_swv) == {opzet.casus.pk}


def test_een_escalatie_buiten_de_aanpak_wordt_geweigerd(opzet: Opzet) -> None:
    with pytest.raises(services.CasusNietMogelijk):
        dienst.escaleer(
            opzet.casus, orgaan="doorbraakoverleg", door=opzet.lpa, datum=timezone.localdate()
        )
    assert not Escalatie.objects.exists()


# --- the body's next meeting ---------------------------------------------------------------------


def _jgz_teammanager() -> Medewerker:
    jgz = Organisatie.objects.get(naam="GGD Demodam")
    return MedewerkerFactory(rol=Rol.TEAMMANAGER, organisatie=jgz)


def test_de_casus_gaat_naar_het_volgende_overleg_en_de_leden_daarvan(opzet: Opzet) -> None:
    lid, voorzitter = _jgz_teammanager(), _jgz_teammanager()
    vandaag = timezone.localdate()
    bijeenkomst = overleg.plan_overleg(
        soort=Overlegsoort.TEAMMANAGERSOVERLEG,
        datum=vandaag + timedelta(days=7),
        door=opzet.lpa,
        leden=[lid],
        voorzitter=voorzitter,
    )
    # an earlier meeting of an organisation serving another municipality is not the body's
    lpa_buurdorp = MedewerkerFactory(
        rol=Rol.LEERPLICHTAMBTENAAR,
        organisatie=OrganisatieFactory(gemeenten=[Gemeente.objects.get(code="9998")]),
    )
    overleg.plan_overleg(
        soort=Overlegsoort.TEAMMANAGERSOVERLEG,
        datum=vandaag + timedelta(days=1),
        door=lpa_buurdorp,
        leden=[opzet.tm_buurdorp],
    )
    _escaleer(opzet)
    escalatie = Escalatie.objects.get(casus=opzet.casus)
    assert escalatie.overleg == bijeenkomst
    punt = Agendapunt.objects.get(casus=opzet.casus)
    assert (punt.overleg, punt.waarom) == (bijeenkomst, "teammanagers")
    # the meeting's chair and members are the body; the role rule is not used then
    assert _zichtbaar(lid) == {opzet.casus.pk}
    assert _zichtbaar(voorzitter) == {opzet.casus.pk}
    assert _zichtbaar(opzet.tm_swv) == set()
    assert _zichtbaar(opzet.tm_buurdorp) == set()
    assert _lopend(lid) == {escalatie.pk}
    assert Notificatie.objects.get(ontvanger=lid).gegevens == {
        "casus": opzet.casus.pk,
        "orgaan": "teammanagers",
        "overleg": bijeenkomst.pk,
        "datum": bijeenkomst.datum.isoformat(),
    }


def test_een_reeks_zonder_toekomstig_overleg_krijgt_het_volgende(opzet: Opzet) -> None:
    lid = _jgz_teammanager()
    vandaag = timezone.localdate()
    eerste = overleg.plan_overleg(
        soort=Overlegsoort.TEAMMANAGERSOVERLEG,
        datum=vandaag - timedelta(days=14),
        door=opzet.lpa,
        leden=[lid],
        interval_weken=3,
    )
    _escaleer(opzet)
    escalatie = Escalatie.objects.get(casus=opzet.casus)
    assert escalatie.overleg is not None
    assert escalatie.overleg.reeks_id == eerste.reeks_id
    assert escalatie.overleg.datum == vandaag + timedelta(days=7)
    assert _zichtbaar(lid) == {opzet.casus.pk}


def test_een_verlopen_reeks_plant_niets_maar_haar_leden_zijn_het_orgaan(opzet: Opzet) -> None:
    lid = _jgz_teammanager()
    overleg.plan_overleg(
        soort=Overlegsoort.TEAMMANAGERSOVERLEG,
        datum=timezone.localdate() - timedelta(days=70),
        door=opzet.lpa,
        leden=[lid],
        interval_weken=3,
    )
    aantal = Overleg.objects.count()
    _escaleer(opzet)
    assert Escalatie.objects.get(casus=opzet.casus).overleg is None
    assert Overleg.objects.count() == aantal
    assert _zichtbaar(lid) == {opzet.casus.pk}
    assert _zichtbaar(opzet.tm_swv) == set()


def test_het_besluit_van_het_teammanagersoverleg_escaleert_naar_zijn_leden(opzet: Opzet) -> None:
    lid = _jgz_teammanager()
    bijeenkomst = overleg.plan_overleg(
        soort=Overlegsoort.TEAMMANAGERSOVERLEG,
        datum=timezone.localdate(),
        door=opzet.lpa,
        leden=[lid],
    )
    punt = overleg.agendeer(overleg=bijeenkomst, casus=opzet.casus, door=opzet.lpa)
    overleg.leg_besluit_vast(agendapunt=punt, door=opzet.lpa, besluit="Andere school zoeken")
    escalatie = Escalatie.objects.get(casus=opzet.casus)
    assert (escalatie.orgaan, escalatie.overleg) == ("teammanagers", bijeenkomst)
    assert _zichtbaar(lid) == {opzet.casus.pk}


# --- the pages ----------------------------------------------------------------------------------


def test_de_werklijst_escalaties_toont_en_logt_de_casussen_van_het_orgaan(
    opzet: Opzet, client: Client
) -> None:
    _escaleer(opzet)
    client.force_login(opzet.tm_swv)
    antwoord = client.get(reverse("regie:escalaties"))
    inhoud = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert escape(opzet.casus.leerling.naam) in inhoud
    assert reverse("regie:casus", args=[opzet.casus.pk]) in inhoud
    assert Inzage.objects.filter(
        medewerker=opzet.tm_swv,
        bron="regie:escalaties",
        handeling="zoeken",
        leerling=opzet.casus.leerling,
    ).exists()
    # a team manager of another municipality sees none of it, the school may not open it
    client.force_login(opzet.tm_buurdorp)
    antwoord = client.get(reverse("regie:escalaties"))
    assert antwoord.status_code == 200
    assert escape(opzet.casus.leerling.naam) not in antwoord.content.decode()
    client.force_login(opzet.school)
    assert client.get(reverse("regie:escalaties")).status_code == 403


def test_een_lid_beeindigt_de_escalatie_en_wie_geen_lid_is_niet(
    opzet: Opzet, client: Client
) -> None:
    services.voeg_deelnemer_toe(
        casus=opzet.casus, door=opzet.school, soort="professional", medewerker=opzet.jeugdarts
    )
    _escaleer(opzet)
    escalatie = Escalatie.objects.get(casus=opzet.casus)
    url = reverse("regie:escalatie_beeindigen", args=[escalatie.pk])
    # the youth doctor sees the case but is not in the body: forbidden
    client.force_login(opzet.jeugdarts)
    assert client.post(url, {"reden": "Weg"}).status_code == 403
    # another school and another municipality do not see the case: not found
    for aanvaller in (school2_medewerker(), opzet.tm_buurdorp):
        client.force_login(aanvaller)
        assert client.post(url, {"reden": "Weg"}).status_code == 404
    escalatie.refresh_from_db()
    assert escalatie.is_lopend
    # a member ends it with a reason, logged as a change
    client.force_login(opzet.tm_swv)
    antwoord = client.post(url, {"reden": "Besluit genomen"})
    assert antwoord.status_code == 302
    escalatie.refresh_from_db()
    assert (escalatie.beeindigd_door, escalatie.reden_einde) == (opzet.tm_swv, "Besluit genomen")
    assert Inzage.objects.filter(
        medewerker=opzet.tm_swv, bron="regie:escalatie_beeindigen", handeling="wijzigen"
    ).exists()


def test_het_lid_ziet_de_casuspagina_zonder_medische_inhoud(opzet: Opzet, client: Client) -> None:
    services.voeg_deelnemer_toe(
        casus=opzet.casus, door=opzet.school, soort="professional", medewerker=opzet.jeugdarts
    )
    services.registreer_contactmoment(
        casus=opzet.casus,
        door=opzet.jeugdarts,
        soort="gesprek",
        datum=timezone.localdate(),
        verslag="Diagnose-Zeldzaam",
    )
    _escaleer(opzet)
    client.force_login(opzet.tm_swv)
    antwoord = client.get(reverse("regie:casus", args=[opzet.casus.pk]))
    inhoud = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "Diagnose-Zeldzaam" not in inhoud
    assert reverse("regie:escalatie_beeindigen", args=[Escalatie.objects.get().pk]) in inhoud
    assert not Inzage.objects.filter(medewerker=opzet.tm_swv, bron="regie:medisch").exists()
