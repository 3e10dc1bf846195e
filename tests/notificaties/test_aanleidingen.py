# SPDX-License-Identifier: EUPL-1.2
"""What notifies whom (issue 15, §4), besides the case events: a melding sent reaches exactly
the people who may see it (melding_scope), a reported move reaches the Leerplicht officers who
must confirm it. (An overdue deadline: tests/regie/test_termijnen.py.)"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

import pytest

from binnenboord.notificaties.models import Notificatie
from binnenboord.registratie.bevestigen import te_bevestigen_verhuismeldingen
from binnenboord.registratie.models import School, Verhuismelding
from binnenboord.signalering.models import Melding
from binnenboord.signalering.rules import melding_scope
from binnenboord.signalering.services.melding import (
    maak_thuiszittermelding,
    maak_verzuimmelding,
    verstuur_melding,
)
from binnenboord.toegang.models import Gemeente, Medewerker, Organisatie, Rol
from tests.factories import MedewerkerFactory, OrganisatieFactory
from tests.registratie.importeren.conftest import Opzet, csv_bytes, importeer_bytes
from tests.registratie.importeren.conftest import opzet as opzet
from tests.signalering.factories import SignaalFactory
from tests.wereld import Wereld


def _ontvangers(soort: str) -> set[str]:
    return set(
        Notificatie.objects.filter(soort=soort).values_list("ontvanger__username", flat=True)
    )


@pytest.fixture
def buitenstaanders(wereld: Wereld) -> dict[str, Medewerker]:
    """School 1 in SWV Demodam; people who may not see its meldingen, and one who may but
    whose account is inactive."""
    school1 = School.objects.get(organisatie__naam="Het Baken")
    school1.samenwerkingsverband = Organisatie.objects.get(naam="SWV Demodam")
    school1.save()
    leerplicht_demodam = wereld.leerplicht
    anders: dict[str, Any] = {
        "lpa_andere_gemeente": MedewerkerFactory(
            username="lpa_andere_gemeente",
            rol=Rol.LEERPLICHTAMBTENAAR,
            organisatie=OrganisatieFactory(gemeenten=[Gemeente.objects.get(code="9998")]),
        ),
        "swv_ander": MedewerkerFactory(
            username="swv_ander",
            rol=Rol.SWV_CONSULENT,
            organisatie=OrganisatieFactory(naam="SWV Elders", swv=True),
        ),
        "lpa_inactief": MedewerkerFactory(
            username="lpa_inactief",
            rol=Rol.LEERPLICHTAMBTENAAR,
            organisatie=leerplicht_demodam,
            is_active=False,
        ),
        "lpa_collega": MedewerkerFactory(
            username="lpa_collega", rol=Rol.LEERPLICHTAMBTENAAR, organisatie=leerplicht_demodam
        ),
    }
    return anders


def _wie_ziet(melding: Melding) -> set[str]:
    """Every active staff member to whom melding_scope shows the melding."""
    return {
        m.username
        for m in Medewerker.objects.filter(is_active=True).select_related("organisatie")
        if Melding.objects.filter(melding_scope(m), pk=melding.pk).exists()
    }


def test_een_thuiszittermelding_bereikt_precies_wie_hem_mag_zien(
    wereld: Wereld, buitenstaanders: dict[str, Medewerker]
) -> None:
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    melding = maak_thuiszittermelding(
        leerling=wereld.leerlingen["demodam_school1"],
        door=school,
        soort="thuiszitter",
        omschrijving="Thuis.",
    )
    ontvangers = _ontvangers("melding_ontvangen")
    # Leerplicht of her municipality (both officers) and the consultant of the school's SWV
    assert ontvangers == {Rol.LEERPLICHTAMBTENAAR, "lpa_collega", Rol.SWV_CONSULENT}
    # exactly who may see it, except the school that sent it
    assert ontvangers == _wie_ziet(melding) - {school.username}
    # nobody outside: another municipality, another SWV, an inactive account, the team
    # manager and policy officer of the same Leerplicht organisation, other roles
    assert not ontvangers & {*buitenstaanders, "lpa_inactief"} - {"lpa_collega"}
    assert not ontvangers & {Rol.TEAMMANAGER, Rol.BELEIDSMEDEWERKER, Rol.JEUGDARTS}
    [notificatie] = Notificatie.objects.filter(ontvanger__username=Rol.SWV_CONSULENT)
    assert notificatie.url == reverse("meldingen:melding", args=[melding.pk])
    assert notificatie.gegevens == {"melding": melding.pk, "melding_soort": "thuiszitter"}


def test_een_verzuimmelding_bereikt_leerplicht_pas_bij_versturen_en_het_swv_nooit(
    wereld: Wereld, buitenstaanders: dict[str, Medewerker]
) -> None:
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    signaal: Any = SignaalFactory(
        leerling=wereld.leerlingen["demodam_school1"],
        school=School.objects.get(organisatie__naam="Het Baken"),
        gebeurtenis=True,
    )
    concept = maak_verzuimmelding(signaal=signaal, door=school)
    # a draft reaches nobody
    assert not Notificatie.objects.exists()
    melding = verstuur_melding(melding=concept, door=school)
    ontvangers = _ontvangers("melding_ontvangen")
    assert ontvangers == {Rol.LEERPLICHTAMBTENAAR, "lpa_collega"}
    assert ontvangers == _wie_ziet(melding) - {school.username}
    assert Notificatie.objects.filter(gegevens__melding_soort="verzuimmelding").count() == 2


def test_een_melding_over_een_leerling_uit_een_andere_gemeente_bereikt_die_gemeente(
    wereld: Wereld, buitenstaanders: dict[str, Medewerker]
) -> None:
    # a pupil of school 1 who lives in Buurdorp: Leerplicht Buurdorp, not Demodam
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    melding = maak_thuiszittermelding(
        leerling=wereld.leerlingen["buurdorp_school1"],
        door=school,
        soort="dreigend_thuiszitter",
        omschrijving="Dreigt thuis te raken.",
    )
    ontvangers = _ontvangers("melding_ontvangen")
    assert ontvangers == {"lpa_andere_gemeente", Rol.SWV_CONSULENT}
    assert ontvangers == _wie_ziet(melding) - {school.username}


LEERLINGKOP = "bsn;voornamen;achternaam;geboortedatum;woongemeente;straat"


def test_een_gemelde_verhuizing_bereikt_de_leerplicht_die_haar_moet_bevestigen(
    opzet: Opzet,
) -> None:
    # given Leerplicht Buurdorp, which imports a pupil of Demodam as living in Buurdorp
    buurdorp = Gemeente.objects.get(naam="Buurdorp")
    melder: Any = MedewerkerFactory(
        username="lpa_buurdorp",
        rol=Rol.LEERPLICHTAMBTENAAR,
        organisatie=OrganisatieFactory(naam="Leerplicht Buurdorp", gemeenten=[buurdorp]),
    )
    collega: Any = MedewerkerFactory(
        username="lpa_collega",
        rol=Rol.LEERPLICHTAMBTENAAR,
        organisatie=opzet.medewerker(Rol.LEERPLICHTAMBTENAAR).organisatie,
    )
    leerling = opzet.leerling("demodam_school1")
    rij = f"{leerling.bsn};Nieuwe;{leerling.achternaam};01-01-2012;Buurdorp;Kaapstraat 1"
    importeer_bytes("leerlingen", csv_bytes(LEERLINGKOP, rij), melder)
    melding = Verhuismelding.objects.get(leerling=leerling)

    # then the officers of Demodam, where she lives now, are notified, with a link to decide
    notificaties = Notificatie.objects.filter(soort="verhuismelding")
    assert _ontvangers("verhuismelding") == {Rol.LEERPLICHTAMBTENAAR, collega.username}
    assert {n.url for n in notificaties} == {
        reverse("registratie:bevestig_verhuizing", args=[melding.pk])
    }
    assert {tuple(n.gegevens.items()) for n in notificaties} == {(("verhuismelding", melding.pk),)}
    # exactly those who see it among the moves to decide
    beslissers = {
        m.username
        for m in Medewerker.objects.select_related("organisatie")
        if te_bevestigen_verhuismeldingen(m).filter(pk=melding.pk).exists()
    }
    assert _ontvangers("verhuismelding") == beslissers
    assert melder.username not in beslissers

    # and importing the same row again notifies nobody a second time
    importeer_bytes("leerlingen", csv_bytes(LEERLINGKOP, rij), melder)
    assert notificaties.count() == 2
