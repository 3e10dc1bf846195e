# SPDX-License-Identifier: EUPL-1.2
"""Assigned work reaches the assignee (docs/samenwerken.md, "Deelname en toegewezen werk"): an
action assigned to a professional who does not see the case makes that person a participant
(grond "actie") for as long as the case is open, with the participant's view (never medical
content), a history row and a notification. Who may be assigned is the case's candidate list;
the regisseur or Leerplicht ends a participation with a reason; the row stays, access ends."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from binnenboord.notificaties.models import Notificatie
from binnenboord.regie import services
from binnenboord.regie.models import Actie, Casus, CasusGebeurtenis, Deelnemer, Overlegsoort
from binnenboord.regie.selectors.casus import zichtbare_casussen
from binnenboord.regie.services import deelname, overleg
from binnenboord.registratie.models import School
from binnenboord.toegang.models import Kernteam, Medewerker, Organisatie, Rol
from binnenboord.verantwoording.models import Inzage
from tests.factories import MedewerkerFactory, OrganisatieFactory
from tests.regie.factories import casussen, open_casus, school2_medewerker
from tests.wereld import Wereld

MEDISCH = "Diagnose-Zeldzaam, medicatie methylfenidaat"


@dataclass
class Opzet:
    casus: Casus
    school: Medewerker
    lpa: Medewerker
    swv: Medewerker
    jeugdarts: Medewerker


@pytest.fixture
def opzet(wereld: Wereld) -> Opzet:
    """School 1 directs the case of a Demodam pupil; the SWV consultant is in school 1's
    kernteam (so a candidate for its actions) but does not see the case."""
    m = wereld.medewerkers
    Kernteam.objects.create(
        school=Organisatie.objects.get(naam="Het Baken"), swv_consulent=m[Rol.SWV_CONSULENT]
    )
    casus = open_casus(wereld.leerlingen["demodam_school1"], m[Rol.SCHOOLMEDEWERKER])
    return Opzet(
        casus=casus,
        school=m[Rol.SCHOOLMEDEWERKER],
        lpa=m[Rol.LEERPLICHTAMBTENAAR],
        swv=m[Rol.SWV_CONSULENT],
        jeugdarts=m[Rol.JEUGDARTS],
    )


def _actie(o: Opzet, wie: Medewerker, door: Medewerker | None = None, wat: str = "TLV") -> Actie:
    return services.voeg_actie_toe(
        casus=o.casus,
        door=door or o.school,
        wat=wat,
        uiterlijk=timezone.localdate() + timedelta(days=10),
        wie=wie,
    )


def _zichtbaar(medewerker: Medewerker) -> set[int]:
    return set(zichtbare_casussen(medewerker).values_list("pk", flat=True))


def _sluit(o: Opzet) -> None:
    services.sluit_casus(
        casus=o.casus,
        door=o.school,
        passend_aanbod=Casus.PassendAanbod.EIGEN_SCHOOL,
        op=timezone.localdate(),
    )


# --- access starts and ends --------------------------------------------------------------------


def test_een_actie_geeft_de_swv_consulent_de_casus_zolang_die_open_is(opzet: Opzet) -> None:
    assert _zichtbaar(opzet.swv) == set()
    # when the school assigns him an action
    actie = _actie(opzet, opzet.swv)
    # then he takes part on the grond "actie" and sees exactly this case
    rij = Deelnemer.objects.get(casus=opzet.casus, medewerker=opzet.swv)
    assert (rij.grond, rij.soort, rij.beeindigd_op) == ("actie", "professional", None)
    assert _zichtbaar(opzet.swv) == {opzet.casus.pk}
    assert opzet.swv.has_perm("regie.view_casus", opzet.casus)
    assert opzet.swv.has_perm("regie.add_actie", opzet.casus)
    # and the history says he takes part through the action
    regel = opzet.casus.gebeurtenissen.get(gegevens__bericht="deelnemer_via_actie")
    assert regel.soort == CasusGebeurtenis.Soort.DEELNEMER_TOEGEVOEGD
    assert regel.gegevens["wat"] == actie.wat
    # when the case closes, his access ends; the row stays for the history
    _sluit(opzet)
    assert _zichtbaar(opzet.swv) == set()
    assert not opzet.swv.has_perm("regie.view_casus", Casus.objects.get(pk=opzet.casus.pk))
    assert Deelnemer.objects.filter(casus=opzet.casus, medewerker=opzet.swv).exists()


def test_een_toegevoegde_deelnemer_houdt_een_gesloten_casus(opzet: Opzet) -> None:
    # the grond "toegevoegd" is as before: added by a person, until the participation ends
    services.voeg_deelnemer_toe(
        casus=opzet.casus, door=opzet.school, soort="professional", medewerker=opzet.swv
    )
    _sluit(opzet)
    assert _zichtbaar(opzet.swv) == {opzet.casus.pk}


def test_de_juiste_casussen_komen_terug_voor_elke_deelnemer(wereld: Wereld) -> None:
    # the small world's cases: each participant sees the open case they take part in, and the
    # intervention team member also the closed one (added by a person)
    c = casussen(wereld)
    m = wereld.medewerkers
    assert _zichtbaar(m[Rol.SWV_CONSULENT]) == {c["buurdorp_school1"].pk}
    assert _zichtbaar(m[Rol.JEUGDARTS]) == {c["demodam_school1"].pk}
    assert _zichtbaar(m[Rol.INTERVENTIETEAMLID]) == {c["demodam_uitgeschreven"].pk}
    # an ended participation gives nothing
    rij = Deelnemer.objects.get(casus=c["demodam_school1"], medewerker=m[Rol.JEUGDARTS])
    deelname.beeindig_deelname(deelnemer=rij, door=m[Rol.SCHOOLMEDEWERKER], reden="Klaar")
    assert _zichtbaar(m[Rol.JEUGDARTS]) == set()
    assert not m[Rol.JEUGDARTS].has_perm("regie.view_casus", c["demodam_school1"])


def test_wie_de_casus_al_ziet_wordt_geen_deelnemer_maar_wel_genotificeerd(opzet: Opzet) -> None:
    actie = _actie(opzet, opzet.lpa)
    assert not Deelnemer.objects.filter(casus=opzet.casus, medewerker=opzet.lpa).exists()
    notificatie = Notificatie.objects.get(ontvanger=opzet.lpa)
    assert notificatie.soort == "actie_toegewezen"
    assert notificatie.sleutel == f"actie:{actie.pk}"


def test_de_toegewezene_krijgt_een_notificatie_zonder_naam_van_de_leerling(opzet: Opzet) -> None:
    actie = _actie(opzet, opzet.swv)
    notificatie = Notificatie.objects.get(ontvanger=opzet.swv)
    assert notificatie.soort == "actie_toegewezen"
    assert notificatie.url == reverse("regie:casus", args=[opzet.casus.pk])
    assert notificatie.gegevens == {
        "casus": opzet.casus.pk,
        "actie": actie.pk,
        "uiterlijk": actie.uiterlijk.isoformat(),
    }
    leerling = opzet.casus.leerling
    assert leerling.achternaam not in str(notificatie.gegevens)
    # nobody else is notified, and the one who assigned it is not notified of their own act
    assert Notificatie.objects.count() == 1
    _actie(opzet, opzet.school)
    assert not Notificatie.objects.filter(ontvanger=opzet.school).exists()


def test_twee_acties_geven_een_deelnemer_en_twee_notificaties(opzet: Opzet) -> None:
    _actie(opzet, opzet.swv, wat="Een")
    _actie(opzet, opzet.swv, wat="Twee")
    assert Deelnemer.objects.filter(casus=opzet.casus, medewerker=opzet.swv).count() == 1
    assert opzet.casus.gebeurtenissen.filter(gegevens__bericht="deelnemer_via_actie").count() == 1
    assert Notificatie.objects.filter(ontvanger=opzet.swv).count() == 2


def test_een_nieuwe_actie_na_een_beeindigde_deelname_maakt_dezelfde_rij_weer_actief(
    opzet: Opzet,
) -> None:
    _actie(opzet, opzet.swv)
    rij = Deelnemer.objects.get(casus=opzet.casus, medewerker=opzet.swv)
    deelname.beeindig_deelname(deelnemer=rij, door=opzet.lpa, reden="Klaar")
    assert _zichtbaar(opzet.swv) == set()
    _actie(opzet, opzet.swv, wat="Toch nog iets")
    rij.refresh_from_db()
    assert (rij.grond, rij.beeindigd_op) == ("actie", None)
    assert Deelnemer.objects.filter(casus=opzet.casus, medewerker=opzet.swv).count() == 1
    assert _zichtbaar(opzet.swv) == {opzet.casus.pk}


def test_een_deelnemer_op_een_andere_grond_houdt_die_grond(opzet: Opzet) -> None:
    services.voeg_deelnemer_toe(
        casus=opzet.casus, door=opzet.school, soort="professional", medewerker=opzet.swv
    )
    _actie(opzet, opzet.swv)
    rij = Deelnemer.objects.get(casus=opzet.casus, medewerker=opzet.swv)
    assert rij.grond == "toegevoegd"


def test_een_vervolgactie_van_een_overleg_maakt_een_lid_deelnemer(opzet: Opzet) -> None:
    # a UVO of Leerplicht with the case on its agenda; a consultant of another SWV is a member
    # (not a candidate of the case otherwise)
    lid = MedewerkerFactory(
        rol=Rol.SWV_CONSULENT, organisatie=OrganisatieFactory(naam="SWV Elders", swv=True)
    )
    bijeenkomst = overleg.plan_overleg(
        soort=Overlegsoort.UVO, datum=timezone.localdate(), door=opzet.lpa, leden=[lid]
    )
    punt = overleg.agendeer(overleg=bijeenkomst, casus=opzet.casus, door=opzet.lpa)
    assert _zichtbaar(lid) == set()
    overleg.leg_besluit_vast(
        agendapunt=punt,
        door=opzet.lpa,
        besluit="TLV aanvragen",
        acties=[
            overleg.Vervolgactie(
                wat="TLV-aanvraag indienen",
                uiterlijk=timezone.localdate() + timedelta(days=14),
                wie=lid,
            )
        ],
    )
    assert Deelnemer.objects.get(casus=opzet.casus, medewerker=lid).grond == "actie"
    assert _zichtbaar(lid) == {opzet.casus.pk}
    assert Notificatie.objects.filter(ontvanger=lid, soort="actie_toegewezen").count() == 1


# --- who may be assigned -------------------------------------------------------------------------


@pytest.mark.parametrize("wie", ["swv_elders", "lpa_buurdorp", "school2"])
def test_een_actie_voor_iemand_buiten_de_kandidaten_wordt_geweigerd(opzet: Opzet, wie: str) -> None:
    buurdorp = School.objects.get(organisatie__naam="De Vuurtoren").gemeente
    buiten = {
        "swv_elders": lambda: MedewerkerFactory(
            rol=Rol.SWV_CONSULENT, organisatie=OrganisatieFactory(swv=True)
        ),
        "lpa_buurdorp": lambda: MedewerkerFactory(
            rol=Rol.LEERPLICHTAMBTENAAR, organisatie=OrganisatieFactory(gemeenten=[buurdorp])
        ),
        "school2": school2_medewerker,
    }[wie]()
    with pytest.raises(services.CasusNietMogelijk):
        _actie(opzet, buiten)
    # nothing was written: no action, no participant, no notification, no access
    assert not opzet.casus.acties.exists()
    assert not Deelnemer.objects.filter(medewerker=buiten).exists()
    assert not Notificatie.objects.exists()
    assert _zichtbaar(buiten) == set()


def test_het_actieformulier_weigert_iemand_buiten_de_kandidaten(
    opzet: Opzet, client: Client
) -> None:
    buiten = MedewerkerFactory(rol=Rol.SWV_CONSULENT, organisatie=OrganisatieFactory(swv=True))
    client.force_login(opzet.school)
    antwoord = client.post(
        reverse("regie:actie", args=[opzet.casus.pk]),
        {
            "actie-wie": buiten.pk,
            "actie-wat": "Iets",
            "actie-uiterlijk": timezone.localdate().isoformat(),
        },
    )
    assert antwoord.status_code == 400
    assert not opzet.casus.acties.exists()
    assert _zichtbaar(buiten) == set()


@pytest.mark.parametrize("aanvaller", ["school2", "lpa_buurdorp"])
def test_een_andere_school_of_gemeente_kan_geen_actie_in_de_casus_zetten(
    opzet: Opzet, client: Client, aanvaller: str
) -> None:
    buurdorp = School.objects.get(organisatie__naam="De Vuurtoren").gemeente
    wie = (
        school2_medewerker()
        if aanvaller == "school2"
        else MedewerkerFactory(
            rol=Rol.LEERPLICHTAMBTENAAR, organisatie=OrganisatieFactory(gemeenten=[buurdorp])
        )
    )
    client.force_login(wie)
    antwoord = client.post(
        reverse("regie:actie", args=[opzet.casus.pk]),
        {
            "actie-wie": wie.pk,
            "actie-wat": "Binnendringen",
            "actie-uiterlijk": timezone.localdate().isoformat(),
        },
    )
    assert antwoord.status_code == 404
    assert not opzet.casus.acties.exists()
    assert _zichtbaar(wie) == set()


# --- the participant's view: never medical content ---------------------------------------------


def test_de_swv_consulent_ziet_de_casuspagina_zonder_medische_inhoud(
    opzet: Opzet, client: Client
) -> None:
    # the youth doctor takes part and records a contact: her notes are medical
    services.voeg_deelnemer_toe(
        casus=opzet.casus, door=opzet.school, soort="professional", medewerker=opzet.jeugdarts
    )
    services.registreer_contactmoment(
        casus=opzet.casus,
        door=opzet.jeugdarts,
        soort="gesprek",
        datum=timezone.localdate(),
        verslag=MEDISCH,
    )
    _actie(opzet, opzet.swv, wat="TLV-aanvraag indienen")
    client.force_login(opzet.swv)
    url = reverse("regie:casus", args=[opzet.casus.pk])
    antwoord = client.get(url)
    inhoud = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "TLV-aanvraag indienen" in inhoud
    assert "Diagnose-Zeldzaam" not in inhoud and "methylfenidaat" not in inhoud
    # the read is in the access log, and no medical read
    assert Inzage.objects.filter(medewerker=opzet.swv, bron="regie:casus").exists()
    assert not Inzage.objects.filter(medewerker=opzet.swv, bron="regie:medisch").exists()
    # the youth doctor herself still reads it (the control that the notes are on the page)
    client.force_login(opzet.jeugdarts)
    assert "Diagnose-Zeldzaam" in client.get(url).content.decode()
    # when the case closes the consultant's access ends
    _sluit(opzet)
    client.force_login(opzet.swv)
    assert client.get(url).status_code == 404


# --- adding and ending by hand ------------------------------------------------------------------


def test_een_toegevoegde_deelnemer_wordt_genotificeerd(opzet: Opzet) -> None:
    deelnemer = services.voeg_deelnemer_toe(
        casus=opzet.casus, door=opzet.school, soort="professional", medewerker=opzet.swv
    )
    notificatie = Notificatie.objects.get(ontvanger=opzet.swv)
    assert notificatie.soort == "deelnemer_toegevoegd"
    assert notificatie.gegevens == {"casus": opzet.casus.pk}
    assert deelnemer.grond == "toegevoegd"


def test_een_beeindigde_deelnemer_kan_weer_worden_toegevoegd(opzet: Opzet) -> None:
    rij = services.voeg_deelnemer_toe(
        casus=opzet.casus, door=opzet.school, soort="professional", medewerker=opzet.swv
    )
    deelname.beeindig_deelname(deelnemer=rij, door=opzet.school, reden="Klaar")
    with pytest.raises(services.CasusNietMogelijk):
        deelname.beeindig_deelname(deelnemer=rij, door=opzet.school, reden="Nog eens")
    weer = services.voeg_deelnemer_toe(
        casus=opzet.casus, door=opzet.school, soort="professional", medewerker=opzet.swv
    )
    assert weer.pk == rij.pk and weer.beeindigd_op is None
    assert _zichtbaar(opzet.swv) == {opzet.casus.pk}
    assert Notificatie.objects.filter(ontvanger=opzet.swv).count() == 2


def test_de_regisseur_beeindigt_een_deelname_met_een_reden(opzet: Opzet, client: Client) -> None:
    rij = services.voeg_deelnemer_toe(
        casus=opzet.casus, door=opzet.school, soort="professional", medewerker=opzet.swv
    )
    url = reverse("regie:deelname_beeindigen", args=[opzet.casus.pk, rij.pk])
    client.force_login(opzet.school)
    # without a reason nothing ends
    client.post(url, {"reden": ""})
    rij.refresh_from_db()
    assert rij.beeindigd_op is None
    antwoord = client.post(url, {"reden": "Advies gegeven"})
    assert antwoord.status_code == 302
    rij.refresh_from_db()
    assert rij.beeindigd_op is not None
    regel = opzet.casus.gebeurtenissen.get(soort=CasusGebeurtenis.Soort.DEELNAME_BEEINDIGD)
    assert regel.toelichting == "Advies gegeven"
    assert Inzage.objects.filter(
        medewerker=opzet.school, bron="regie:deelname_beeindigen", handeling="wijzigen"
    ).exists()
    assert _zichtbaar(opzet.swv) == set()


def test_een_deelnemer_mag_geen_deelname_beeindigen(opzet: Opzet, client: Client) -> None:
    services.voeg_deelnemer_toe(
        casus=opzet.casus, door=opzet.school, soort="professional", medewerker=opzet.jeugdarts
    )
    rij = services.voeg_deelnemer_toe(
        casus=opzet.casus, door=opzet.school, soort="professional", medewerker=opzet.swv
    )
    url = reverse("regie:deelname_beeindigen", args=[opzet.casus.pk, rij.pk])
    client.force_login(opzet.jeugdarts)
    assert client.post(url, {"reden": "Weg ermee"}).status_code == 403
    client.force_login(school2_medewerker())
    assert client.post(url, {"reden": "Weg ermee"}).status_code == 404
    rij.refresh_from_db()
    assert rij.beeindigd_op is None


def test_een_deelnemer_van_een_andere_casus_is_niet_gevonden(
    opzet: Opzet, wereld: Wereld, client: Client
) -> None:
    ander = open_casus(wereld.leerlingen["buurdorp_school1"], opzet.school)
    rij = services.voeg_deelnemer_toe(
        casus=ander, door=opzet.school, soort="professional", medewerker=opzet.swv
    )
    client.force_login(opzet.school)
    url = reverse("regie:deelname_beeindigen", args=[opzet.casus.pk, rij.pk])
    assert client.post(url, {"reden": "Verkeerd"}).status_code == 404
    rij.refresh_from_db()
    assert rij.beeindigd_op is None
