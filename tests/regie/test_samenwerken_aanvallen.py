# SPDX-License-Identifier: EUPL-1.2
"""Attacks on the collaboration writes of issue 15 ("a write never widens who sees a child"):
a meeting's agenda, its decision's follow-up actions and the escalation it records give access
to a case, so a case goes only before a meeting of an organisation serving the case's
municipality. The attacker: the SWV consultant who takes part in a case of Demodam and also
sits in a meeting of Leerplicht Buurdorp, and would put the case before that meeting."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from binnenboord.regie import services
from binnenboord.regie.models import Agendapunt, Casus, Deelnemer, Overleg, Overlegsoort
from binnenboord.regie.rules import agendapunt_scope
from binnenboord.regie.selectors.casus import zichtbare_casussen
from binnenboord.regie.services import escalatie as escalatiedienst
from binnenboord.regie.services import overleg as diensten
from binnenboord.registratie.models import School
from binnenboord.toegang.models import Gemeente, Medewerker, Organisatie, Rol
from tests.factories import MedewerkerFactory, OrganisatieFactory
from tests.regie.factories import open_casus
from tests.wereld import Wereld

UTRECHT = "utrecht_kernpartners"


@dataclass
class Opzet:
    casus: Casus
    lpa: Medewerker  # Leerplicht Demodam, owns the case
    swv: Medewerker  # takes part in the case, and sits in Buurdorp's meeting
    lpa_buurdorp: Medewerker
    tm_buurdorp: Medewerker
    overleg_buurdorp: Overleg


@pytest.fixture
def opzet(wereld: Wereld) -> Opzet:
    m = wereld.medewerkers
    buurdorp = Gemeente.objects.get(code="9998")
    leerplicht_buurdorp = OrganisatieFactory(naam="Leerplicht Buurdorp", gemeenten=[buurdorp])
    lpa_buurdorp = MedewerkerFactory(rol=Rol.LEERPLICHTAMBTENAAR, organisatie=leerplicht_buurdorp)
    tm_buurdorp = MedewerkerFactory(rol=Rol.TEAMMANAGER, organisatie=leerplicht_buurdorp)
    swv = m[Rol.SWV_CONSULENT]
    lpa = m[Rol.LEERPLICHTAMBTENAAR]
    casus = open_casus(wereld.leerlingen["demodam_school1"], lpa, aanpak=UTRECHT)
    services.voeg_deelnemer_toe(
        casus=casus, door=lpa, soort=Deelnemer.Soort.PROFESSIONAL, medewerker=swv
    )
    overleg = diensten.plan_overleg(
        soort=Overlegsoort.TEAMMANAGERSOVERLEG,
        datum=timezone.localdate(),
        door=lpa_buurdorp,
        voorzitter=lpa_buurdorp,
        leden=[swv, tm_buurdorp],
    )
    return Opzet(casus, lpa, swv, lpa_buurdorp, tm_buurdorp, overleg)


def _poging(stap: Callable[[], Any]) -> None:
    with contextlib.suppress(services.CasusNietMogelijk):
        stap()


def _buurdorp_ziet_niets(o: Opzet) -> None:
    for wie in (o.lpa_buurdorp, o.tm_buurdorp):
        assert not zichtbare_casussen(wie).filter(pk=o.casus.pk).exists()
        assert not Agendapunt.objects.filter(agendapunt_scope(wie), casus=o.casus).exists()
    assert not Deelnemer.objects.filter(
        casus=o.casus, medewerker__in=[o.lpa_buurdorp, o.tm_buurdorp]
    ).exists()


def test_een_deelnemer_agendeert_de_casus_niet_bij_een_overleg_van_een_andere_gemeente(
    opzet: Opzet,
) -> None:
    o = opzet
    # the consultant sees the case and, as a member, may change Buurdorp's meeting
    assert zichtbare_casussen(o.swv).filter(pk=o.casus.pk).exists()
    with pytest.raises(diensten.OverlegNietMogelijk, match="gemeente"):
        diensten.agendeer(overleg=o.overleg_buurdorp, casus=o.casus, door=o.swv)
    # and the whole chain (publish, decide with an action for Buurdorp, the escalation the
    # teammanagers' meeting records) gives Buurdorp nothing
    _poging(lambda: diensten.publiceer_agenda(o.overleg_buurdorp, o.swv))
    punt = Agendapunt.objects.filter(overleg=o.overleg_buurdorp, casus=o.casus).first()
    if punt is not None:
        _poging(
            lambda: diensten.leg_besluit_vast(
                agendapunt=punt,
                door=o.swv,
                besluit="akkoord",
                acties=[
                    diensten.Vervolgactie(
                        wat="bellen",
                        uiterlijk=timezone.localdate() + timedelta(days=7),
                        wie=o.lpa_buurdorp,
                    )
                ],
            )
        )
    _buurdorp_ziet_niets(o)
    assert not o.overleg_buurdorp.agendapunten.exists()


def test_een_overleg_van_een_andere_gemeente_geeft_geen_actie_en_geen_escalatie(
    opzet: Opzet,
) -> None:
    """Defence in depth: a case on such an agenda (as it was stored before this rule) makes
    neither its members assignable nor the body that takes the case."""
    o = opzet
    Agendapunt.objects.create(
        overleg=o.overleg_buurdorp, casus=o.casus, volgorde=1, toegevoegd_door=o.swv
    )
    with pytest.raises(services.CasusNietMogelijk):
        services.voeg_actie_toe(
            casus=o.casus,
            door=o.swv,
            wat="bellen",
            uiterlijk=timezone.localdate() + timedelta(days=7),
            wie=o.tm_buurdorp,
        )
    with pytest.raises(services.CasusNietMogelijk, match="gemeente"):
        escalatiedienst.escaleer(
            o.casus,
            orgaan="teammanagers",
            door=o.swv,
            datum=timezone.localdate(),
            overleg=o.overleg_buurdorp,
        )
    Agendapunt.objects.filter(overleg=o.overleg_buurdorp).delete()
    _buurdorp_ziet_niets(o)


def test_het_overleg_van_de_eigen_gemeente_agendeert_wel(opzet: Opzet) -> None:
    """The positive control: Demodam's own meeting takes the case, and its member who does not
    see the case yet can be given the follow-up action."""
    o = opzet
    lid = MedewerkerFactory(rol=Rol.TEAMMANAGER, organisatie=OrganisatieFactory(swv=True))
    eigen = diensten.plan_overleg(
        soort=Overlegsoort.TEAMMANAGERSOVERLEG,
        datum=timezone.localdate(),
        door=o.lpa,
        leden=[o.swv, lid],
    )
    punt = diensten.agendeer(overleg=eigen, casus=o.casus, door=o.swv)
    services.voeg_actie_toe(
        casus=o.casus,
        door=o.swv,
        wat="bellen",
        uiterlijk=timezone.localdate() + timedelta(days=7),
        wie=lid,
    )
    assert punt.overleg_id == eigen.pk
    assert zichtbare_casussen(lid).filter(pk=o.casus.pk).exists()


def test_een_lid_publiceert_geen_casus_die_het_zelf_niet_ziet(opzet: Opzet, client: Client) -> None:
    """Publishing shows every case on the agenda to every member: a member who does not see a
    case on it (here the youth doctor, whom Leerplicht made a member) cannot publish, neither
    by the service nor by a crafted POST, and the page offers no button."""
    o = opzet
    jeugdarts = Medewerker.objects.get(username=Rol.JEUGDARTS)
    eigen = diensten.plan_overleg(
        soort=Overlegsoort.UVO, datum=timezone.localdate(), door=o.lpa, leden=[jeugdarts, o.swv]
    )
    diensten.agendeer(overleg=eigen, casus=o.casus, door=o.lpa)
    assert not zichtbare_casussen(jeugdarts).filter(pk=o.casus.pk).exists()
    with pytest.raises(diensten.OverlegNietMogelijk, match="niet ziet"):
        diensten.publiceer_agenda(eigen, jeugdarts)
    client.force_login(jeugdarts)
    pagina = client.get(reverse("overleg:overleg", args=[eigen.pk]))
    assert reverse("overleg:publiceren", args=[eigen.pk]) not in pagina.content.decode()
    client.post(reverse("overleg:publiceren", args=[eigen.pk]))
    eigen.refresh_from_db()
    assert eigen.agenda_gepubliceerd_op is None
    assert not Agendapunt.objects.filter(agendapunt_scope(jeugdarts)).exists()
    # the positive control: the SWV consultant, who sees the case, publishes it
    diensten.publiceer_agenda(eigen, o.swv)
    assert Agendapunt.objects.filter(agendapunt_scope(jeugdarts), casus=o.casus).exists()


def test_de_leden_zien_een_gesloten_casus_niet_meer_op_de_agenda(
    opzet: Opzet, client: Client
) -> None:
    """A published agenda's members see a case until its outcome is recorded, and no longer
    than the case runs: a case closed before the meeting discussed it leaves their view (its
    item stays on the agenda, for the history), as an action's or a body's access does."""
    o = opzet
    jeugdarts = Medewerker.objects.get(username=Rol.JEUGDARTS)
    eigen = diensten.plan_overleg(
        soort=Overlegsoort.UVO, datum=timezone.localdate(), door=o.lpa, leden=[jeugdarts]
    )
    punt = diensten.agendeer(overleg=eigen, casus=o.casus, door=o.lpa)
    diensten.publiceer_agenda(eigen, o.lpa)
    url = reverse("overleg:agendapunt", args=[eigen.pk, punt.pk])
    client.force_login(jeugdarts)
    assert client.get(url).status_code == 200
    services.sluit_casus(
        casus=o.casus,
        door=o.lpa,
        passend_aanbod=Casus.PassendAanbod.ANDERE_SCHOOL,
        op=timezone.localdate(),
    )
    assert not Agendapunt.objects.filter(agendapunt_scope(jeugdarts)).exists()
    assert client.get(url).status_code == 404
    pagina = client.get(reverse("overleg:overleg", args=[eigen.pk])).content.decode()
    assert o.casus.leerling.achternaam not in pagina


def test_heropenen_geeft_een_actie_of_een_orgaan_de_casus_niet_terug(opzet: Opzet) -> None:
    """Access by an action ends when the case closes (docs/samenwerken.md): reopening the case
    later does not silently hand it back to everyone who once had an action in it."""
    o = opzet
    lid = MedewerkerFactory(rol=Rol.TEAMMANAGER, organisatie=OrganisatieFactory(swv=True))
    eigen = diensten.plan_overleg(
        soort=Overlegsoort.UVO, datum=timezone.localdate(), door=o.lpa, leden=[lid]
    )
    diensten.agendeer(overleg=eigen, casus=o.casus, door=o.lpa)
    services.voeg_actie_toe(
        casus=o.casus,
        door=o.lpa,
        wat="bellen",
        uiterlijk=timezone.localdate() + timedelta(days=7),
        wie=lid,
    )
    assert zichtbare_casussen(lid).filter(pk=o.casus.pk).exists()
    services.sluit_casus(
        casus=o.casus,
        door=o.lpa,
        passend_aanbod=Casus.PassendAanbod.ANDERE_SCHOOL,
        op=timezone.localdate(),
    )
    assert not zichtbare_casussen(lid).filter(pk=o.casus.pk).exists()
    services.heropen_casus(casus=o.casus, door=o.lpa, reden="het aanbod hield geen stand")
    assert not zichtbare_casussen(lid).filter(pk=o.casus.pk).exists()
    rij = Deelnemer.objects.get(casus=o.casus, medewerker=lid)
    assert rij.beeindigd_op is not None
    # who was added by a person keeps taking part
    assert zichtbare_casussen(o.swv).filter(pk=o.casus.pk).exists()


def test_een_lid_van_het_orgaan_met_een_open_actie_houdt_de_casus_als_de_escalatie_eindigt(
    wereld: Wereld,
) -> None:
    """A body's member who then gets an action takes part on one row (grond "escalatie"): the
    end of the escalation leaves them the case while their action is open, on the grond
    "actie" from then on (so it ends with the case); the other members lose it."""
    m = wereld.medewerkers
    swv = Organisatie.objects.get(naam="SWV Demodam")
    School.objects.filter(organisatie__naam="Het Baken").update(samenwerkingsverband=swv)
    tm_swv = MedewerkerFactory(rol=Rol.TEAMMANAGER, organisatie=swv)
    tm_swv2 = MedewerkerFactory(rol=Rol.TEAMMANAGER, organisatie=swv)
    lpa = m[Rol.LEERPLICHTAMBTENAAR]
    casus = open_casus(wereld.leerlingen["demodam_school1"], lpa, aanpak=UTRECHT)
    services.registreer_stap(casus=casus, door=lpa, stap="teammanagers", datum=timezone.localdate())
    assert zichtbare_casussen(tm_swv).filter(pk=casus.pk).exists()
    services.voeg_actie_toe(
        casus=casus,
        door=lpa,
        wat="TLV aanvragen",
        uiterlijk=timezone.localdate() + timedelta(days=14),
        wie=tm_swv,
    )
    [escalatie] = casus.escalaties.all()
    escalatiedienst.beeindig_escalatie(escalatie=escalatie, door=lpa, reden="besloten")
    assert zichtbare_casussen(tm_swv).filter(pk=casus.pk).exists()
    assert Deelnemer.objects.get(casus=casus, medewerker=tm_swv).grond == Deelnemer.Grond.ACTIE
    assert not zichtbare_casussen(tm_swv2).filter(pk=casus.pk).exists()
