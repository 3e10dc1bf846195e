# SPDX-License-Identifier: EUPL-1.2
"""A notification reaches a person, never the technical account of an API token (a system, not
a person: api.ApiToken.medewerker). Leerplicht's token account has the officer's role and
organisation, so every "Leerplicht of the municipality" recipient list would find it."""

from __future__ import annotations

from django.urls import reverse

from binnenboord.api.tokens import maak_token
from binnenboord.notificaties.models import Notificatie
from binnenboord.notificaties.services import notificeer
from binnenboord.registratie.models import School
from binnenboord.signalering.services.melding import maak_thuiszittermelding
from binnenboord.toegang.models import Organisatie, Rol
from tests.wereld import Wereld


def test_het_technische_account_van_een_token_krijgt_geen_notificatie(wereld: Wereld) -> None:
    lpa = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    token, _sleutel = maak_token(
        organisatie=wereld.leerplicht, naam="Zaaksysteem", scopes=["lezen"], door=None
    )
    technisch = token.medewerker
    assert (technisch.rol, technisch.organisatie_id, technisch.is_active) == (
        Rol.LEERPLICHTAMBTENAAR,
        wereld.leerplicht.pk,
        True,
    )
    notificeer([technisch, lpa], "escalatie", url=reverse("regie:casussen"), sleutel="x")
    assert set(Notificatie.objects.values_list("ontvanger_id", flat=True)) == {lpa.pk}
    # and so a stay-at-home report reaches Leerplicht's officers, not its token account
    School.objects.filter(organisatie__naam="Het Baken").update(
        samenwerkingsverband=Organisatie.objects.get(naam="SWV Demodam")
    )
    maak_thuiszittermelding(
        leerling=wereld.leerlingen["demodam_school1"],
        door=wereld.medewerkers[Rol.SCHOOLMEDEWERKER],
        soort="thuiszitter",
        omschrijving="Thuis.",
    )
    assert Notificatie.objects.filter(soort="melding_ontvangen", ontvanger=lpa).exists()
    assert not Notificatie.objects.filter(ontvanger=technisch).exists()
