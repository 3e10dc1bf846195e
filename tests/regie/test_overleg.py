# SPDX-License-Identifier: EUPL-1.2
"""Meetings and the Leerplichtspreekuur: the agenda proposed from the worklist on a fixed
calendar, the decision that moves the case's escalation, a recurring series, a referral with
its outcome, who may (and who is refused, with nothing changed), and the access log."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

import pytest

from binnenboord.regie import services
from binnenboord.regie.beoordeling import beoordeel_casus
from binnenboord.regie.models import (
    Actie,
    Agendapunt,
    Casus,
    CasusGebeurtenis,
    Overleg,
    Overlegsoort,
    Spreekuur,
    Verwijzing,
)
from binnenboord.regie.services import overleg as diensten
from binnenboord.registratie.models import School
from binnenboord.toegang.models import Rol
from binnenboord.verantwoording.models import Inzage
from tests.factories import GemeenteFactory, MedewerkerFactory, OrganisatieFactory
from tests.regie.factories import open_casus, school2_medewerker
from tests.tekst import noemt
from tests.wereld import Wereld

# Monday 2 March 2026: a Utrecht VO case reaches the teammanagers at 8 school weeks (4 May:
# the meivakantie of 25 April to 3 May does not count); an Amsterdam case enters phase 3, the
# Doorbraakoverleg, after 3 months (2 June).
START = date(2026, 3, 2)
TEAMMANAGERSOVERLEG = date(2026, 5, 5)
DOORBRAAKOVERLEG = date(2026, 6, 9)


@pytest.fixture
def utrecht(wereld: Wereld) -> Casus:
    return open_casus(
        wereld.leerlingen["demodam_school1"],
        wereld.medewerkers[Rol.SCHOOLMEDEWERKER],
        start=START,
        aanpak="utrecht_kernpartners",
    )


@pytest.fixture
def amsterdam(wereld: Wereld) -> Casus:
    return open_casus(
        wereld.leerlingen["demodam_uitgeschreven"],
        wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR],
        start=START,
        aanpak="amsterdam_drie_fasen",
    )


def _overleg(wereld: Wereld, soort: str, datum: date, **kwargs: Any) -> Overleg:
    return diensten.plan_overleg(
        soort=soort, datum=datum, door=wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR], **kwargs
    )


# --- the agenda from the worklist ----------------------------------------------------------


def test_het_teammanagersoverleg_krijgt_de_utrechtse_casus_na_acht_weken(
    wereld: Wereld, utrecht: Casus, amsterdam: Casus
) -> None:
    # given a teammanagersoverleg the day after the Utrecht case reached 8 weeks
    overleg = _overleg(wereld, Overlegsoort.TEAMMANAGERSOVERLEG, TEAMMANAGERSOVERLEG)
    # when Leerplicht asks for the agenda proposal
    voorstellen = diensten.stel_agenda_voor(
        overleg, gebruiker=wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    )
    # then only the Utrecht case is due, for the joint decision of the teammanagers
    assert [(v.casus, v.waarom, v.datum, v.te_laat) for v in voorstellen] == [
        (utrecht, "besluit_teammanagers", date(2026, 5, 18), False)
    ]


def test_het_doorbraakoverleg_krijgt_de_amsterdamse_casus_na_drie_maanden(
    wereld: Wereld, utrecht: Casus, amsterdam: Casus
) -> None:
    overleg = _overleg(wereld, Overlegsoort.DOORBRAAKOVERLEG, DOORBRAAKOVERLEG)
    voorstellen = diensten.stel_agenda_voor(
        overleg, gebruiker=wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    )
    assert [(v.casus, v.waarom, v.datum) for v in voorstellen] == [
        (amsterdam, "inbreng_doorbraakoverleg", date(2026, 6, 23))
    ]
    # and on a day before phase 3 nothing is due yet
    assert (
        diensten.stel_agenda_voor(
            overleg,
            gebruiker=wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR],
            peildatum=date(2026, 6, 1),
        )
        == []
    )


def test_de_casus_die_het_langst_te_laat_is_komt_eerst(wereld: Wereld, amsterdam: Casus) -> None:
    later = open_casus(
        wereld.leerlingen["demodam_school1"],
        wereld.medewerkers[Rol.SCHOOLMEDEWERKER],
        start=date(2026, 3, 16),
        aanpak="amsterdam_drie_fasen",
    )
    overleg = _overleg(wereld, Overlegsoort.DOORBRAAKOVERLEG, date(2026, 7, 14))
    voorstellen = diensten.stel_agenda_voor(
        overleg, gebruiker=wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    )
    assert [(v.casus, v.te_laat) for v in voorstellen] == [(amsterdam, True), (later, True)]


def test_het_vastleggen_van_het_besluit_brengt_de_escalatie_verder(
    wereld: Wereld, utrecht: Casus, amsterdam: Casus
) -> None:
    leerplicht = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    for casus, soort, datum, escalatie in (
        (utrecht, Overlegsoort.TEAMMANAGERSOVERLEG, TEAMMANAGERSOVERLEG, "teammanagers"),
        (amsterdam, Overlegsoort.DOORBRAAKOVERLEG, DOORBRAAKOVERLEG, "doorbraakoverleg"),
    ):
        # given the case on the agenda, its escalation due
        overleg = _overleg(wereld, soort, datum, aanvang=time(14, 0))
        assert beoordeel_casus(casus, datum).escalatie == escalatie
        (voorstel,) = diensten.stel_agenda_voor(overleg, gebruiker=leerplicht)
        punt = diensten.agendeer(
            overleg=overleg, casus=casus, door=leerplicht, waarom=voorstel.waarom
        )
        # when the meeting's decision is recorded, with a follow-up action
        diensten.leg_besluit_vast(
            agendapunt=punt,
            door=leerplicht,
            advies="Onderwijs-zorgarrangement",
            besluit="Plaatsing per 1 juni",
            acties=[
                diensten.Vervolgactie(
                    wat="Intake plannen", uiterlijk=date(2026, 7, 1), wie=leerplicht
                )
            ],
        )
        # then the escalation is no longer due and the meeting's step is done
        beoordeling = beoordeel_casus(casus, datum)
        assert beoordeling.escalatie is None
        assert {s.stap.code: s.status for s in beoordeling.stappen}[voorstel.waarom] == "gedaan"
        assert diensten.stel_agenda_voor(overleg, gebruiker=leerplicht) == []
        # and the action is the case's, linked to the agenda item; the history has it all
        actie = Actie.objects.get(casus=casus)
        assert list(punt.acties.all()) == [actie]
        stappen = CasusGebeurtenis.objects.filter(casus=casus).exclude(stap="")
        assert sorted(stappen.values_list("stap", flat=True)) == sorted(diensten.CODES[soort].alle)
        assert CasusGebeurtenis.objects.filter(casus=casus, soort="overleg").count() == 2


def test_een_aangehouden_casus_rondt_niets_af(wereld: Wereld, amsterdam: Casus) -> None:
    leerplicht = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    overleg = _overleg(wereld, Overlegsoort.DOORBRAAKOVERLEG, DOORBRAAKOVERLEG)
    punt = diensten.agendeer(overleg=overleg, casus=amsterdam, door=leerplicht)
    diensten.leg_besluit_vast(agendapunt=punt, door=leerplicht, aangehouden=True)
    assert beoordeel_casus(amsterdam, DOORBRAAKOVERLEG).escalatie == "doorbraakoverleg"
    with pytest.raises(diensten.OverlegNietMogelijk):
        diensten.leg_besluit_vast(agendapunt=punt, door=leerplicht, besluit="alsnog")


def test_een_reeks_plant_het_volgende_overleg_drie_weken_later(wereld: Wereld) -> None:
    leden = [wereld.medewerkers[Rol.JEUGDARTS], wereld.medewerkers[Rol.GEZINSWERKER]]
    eerste = _overleg(
        wereld, Overlegsoort.DOORBRAAKOVERLEG, DOORBRAAKOVERLEG, leden=leden, interval_weken=3
    )
    assert eerste.reeks is not None
    volgende = diensten.plan_volgend_overleg(
        reeks=eerste.reeks, door=wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    )
    assert (volgende.datum, volgende.soort, volgende.reeks) == (
        date(2026, 6, 30),
        Overlegsoort.DOORBRAAKOVERLEG,
        eerste.reeks,
    )
    assert set(volgende.leden.all()) == set(leden)


# --- the Leerplichtspreekuur ---------------------------------------------------------------


def _spreekuur(wereld: Wereld) -> Spreekuur:
    return diensten.plan_spreekuur(
        school=School.objects.get(organisatie__naam="Het Baken"),
        leerplichtambtenaar=wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR],
        datum=date(2026, 10, 6),
        begin=time(9, 0),
        einde=time(10, 0),
    )


def test_een_school_verwijst_een_leerling_en_de_leerplichtambtenaar_opent_een_casus(
    wereld: Wereld, client: Client
) -> None:
    # given a consultation hour at school 1, three slots of 20 minutes
    spreekuur = _spreekuur(wereld)
    assert spreekuur.tijdvakken() == [time(9, 0), time(9, 20), time(9, 40)]
    leerling = wereld.leerlingen["demodam_school1"]
    # when the school refers its pupil, before any case exists
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    antwoord = client.post(
        reverse("overleg:verwijs", args=[spreekuur.pk]),
        {
            "verwijzing-leerling": leerling.pk,
            "verwijzing-tijdvak": "09:20",
            "verwijzing-reden": "Vaak te laat",
        },
    )
    assert antwoord.status_code == 302
    verwijzing = Verwijzing.objects.get()
    assert (verwijzing.leerling, verwijzing.tijdvak) == (leerling, time(9, 20))
    assert not Casus.objects.exists()
    # and the officer records the outcome "case opened"
    client.force_login(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    antwoord = client.post(
        reverse("overleg:uitkomst", args=[spreekuur.pk, verwijzing.pk]),
        {
            f"uitkomst-{verwijzing.pk}-uitkomst_soort": "casus_geopend",
            f"uitkomst-{verwijzing.pk}-uitkomst": "Gesprek gevoerd",
        },
    )
    # then the pupil has a case, started on the day of the consultation hour
    assert antwoord.status_code == 302
    verwijzing.refresh_from_db()
    casus = Casus.objects.get()
    assert (verwijzing.casus, casus.leerling, casus.start) == (casus, leerling, date(2026, 10, 6))
    assert casus.regisseur == wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    # and the page showed the pupil, access-logged
    assert client.get(reverse("overleg:spreekuur", args=[spreekuur.pk])).status_code == 200
    assert Inzage.objects.filter(bron="regie:spreekuur", leerling=leerling).exists()


def test_een_school_verwijst_niet_naar_het_spreekuur_of_een_leerling_van_een_andere_school(
    wereld: Wereld, client: Client
) -> None:
    spreekuur = _spreekuur(wereld)
    vreemd = wereld.leerlingen["buurdorp_school2"]
    # school 2 does not see school 1's consultation hour at all
    client.force_login(school2_medewerker())
    assert client.get(reverse("overleg:spreekuur", args=[spreekuur.pk])).status_code == 404
    antwoord = client.post(
        reverse("overleg:verwijs", args=[spreekuur.pk]),
        {"verwijzing-leerling": vreemd.pk, "verwijzing-tijdvak": "09:00", "verwijzing-reden": "x"},
    )
    assert antwoord.status_code == 404
    # school 1 cannot refer school 2's pupil to its own hour
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    antwoord = client.post(
        reverse("overleg:verwijs", args=[spreekuur.pk]),
        {"verwijzing-leerling": vreemd.pk, "verwijzing-tijdvak": "09:00", "verwijzing-reden": "x"},
    )
    assert antwoord.status_code == 400
    with pytest.raises(diensten.OverlegNietMogelijk):
        diensten.verwijs(
            spreekuur=spreekuur,
            leerling=vreemd,
            door=wereld.medewerkers[Rol.SCHOOLMEDEWERKER],
            tijdvak=time(9, 0),
            reden="x",
        )
    assert not Verwijzing.objects.exists()


def test_alleen_de_leerplichtambtenaar_van_het_spreekuur_legt_de_uitkomst_vast(
    wereld: Wereld, client: Client
) -> None:
    spreekuur = _spreekuur(wereld)
    verwijzing = diensten.verwijs(
        spreekuur=spreekuur,
        leerling=wereld.leerlingen["demodam_school1"],
        door=wereld.medewerkers[Rol.SCHOOLMEDEWERKER],
        tijdvak=time(9, 0),
        reden="Preventief",
    )
    andere = MedewerkerFactory(rol=Rol.LEERPLICHTAMBTENAAR, organisatie=wereld.leerplicht)
    url = reverse("overleg:uitkomst", args=[spreekuur.pk, verwijzing.pk])
    data = {f"uitkomst-{verwijzing.pk}-uitkomst_soort": "advies"}
    for wie, status in (
        (andere, 404),
        (wereld.medewerkers[Rol.SCHOOLMEDEWERKER], 403),
        (wereld.medewerkers[Rol.BELEIDSMEDEWERKER], 404),
    ):
        client.force_login(wie)
        assert client.post(url, data).status_code == status
    verwijzing.refresh_from_db()
    assert verwijzing.uitkomst_soort == ""


# --- the screens and who may use them ------------------------------------------------------


def test_de_overlegschermen_antwoorden_per_rol(wereld: Wereld, client: Client) -> None:
    overleg = _overleg(wereld, Overlegsoort.UVO, date(2026, 5, 5))
    statussen = {}
    for rol, gebruiker in wereld.medewerkers.items():
        client.force_login(gebruiker)
        statussen[rol] = (
            client.get(reverse("overleg:overleggen")).status_code,
            client.get(reverse("overleg:nieuw")).status_code,
            client.get(reverse("overleg:overleg", args=[overleg.pk])).status_code,
        )
    # Leerplicht (officer and its team manager) plan and see; the other case roles list only
    # the meetings they sit in; policy staff and the administrator nothing
    casusrollen = set(Rol.values) - {Rol.BELEIDSMEDEWERKER, Rol.FUNCTIONEEL_BEHEERDER}
    leerplicht = {Rol.LEERPLICHTAMBTENAAR, Rol.TEAMMANAGER}
    assert statussen == {
        rol: (
            200 if rol in casusrollen else 403,
            200 if rol in leerplicht else 403,
            200 if rol in leerplicht else 404,
        )
        for rol in Rol.values
    }


def test_anonieme_bezoekers_gaan_naar_het_inloggen(wereld: Wereld, client: Client) -> None:
    overleg = _overleg(wereld, Overlegsoort.UVO, date(2026, 5, 5))
    spreekuur = _spreekuur(wereld)
    for url in (
        reverse("overleg:overleggen"),
        reverse("overleg:overleg", args=[overleg.pk]),
        reverse("overleg:spreekuren"),
        reverse("overleg:spreekuur", args=[spreekuur.pk]),
    ):
        antwoord = client.get(url)
        assert antwoord.status_code == 302
        assert antwoord["Location"].startswith(reverse("login"))
    antwoord = client.post(reverse("overleg:agenderen", args=[overleg.pk]), {})
    assert antwoord.status_code == 302
    assert not Agendapunt.objects.exists()


def test_een_lid_ziet_het_overleg_maar_niet_de_casussen_van_anderen(
    wereld: Wereld, client: Client, amsterdam: Casus
) -> None:
    # given a Doorbraakoverleg with the Amsterdam case, and the youth doctor as a member
    leerplicht = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    jeugdarts = wereld.medewerkers[Rol.JEUGDARTS]
    overleg = _overleg(wereld, Overlegsoort.DOORBRAAKOVERLEG, DOORBRAAKOVERLEG, leden=[jeugdarts])
    punt = diensten.agendeer(overleg=overleg, casus=amsterdam, door=leerplicht)
    # when the member opens the meeting
    client.force_login(jeugdarts)
    antwoord = client.get(reverse("overleg:overleg", args=[overleg.pk]))
    # then, while the agenda is not published, the item shows no name, only that the members
    # will see it once it is (docs/samenwerken.md, "Agenda van een overleg")
    assert antwoord.status_code == 200
    inhoud = antwoord.content.decode()
    assert not noemt(inhoud, amsterdam.leerling.achternaam)
    with translation.override("nl"):
        assert gettext("A case the members see once the agenda is published") in inhoud
    assert not Inzage.objects.filter(medewerker=jeugdarts, leerling=amsterdam.leerling).exists()
    # and a decision or removal is refused, nothing changed
    for url in (
        reverse("overleg:besluit", args=[overleg.pk, punt.pk]),
        reverse("overleg:van_agenda", args=[overleg.pk, punt.pk]),
    ):
        assert client.post(url, {f"besluit-{punt.pk}-besluit": "x"}).status_code == 403
    punt.refresh_from_db()
    assert (punt.status, punt.besluit) == (Agendapunt.Status.GEAGENDEERD, "")


def test_buitenstaanders_worden_geweigerd_en_er_verandert_niets(
    wereld: Wereld, client: Client, amsterdam: Casus
) -> None:
    leerplicht = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    overleg = _overleg(wereld, Overlegsoort.DOORBRAAKOVERLEG, DOORBRAAKOVERLEG)
    punt = diensten.agendeer(overleg=overleg, casus=amsterdam, door=leerplicht)
    buurdorp = GemeenteFactory(code="9997", naam="Overstad")
    andere_gemeente = MedewerkerFactory(
        rol=Rol.LEERPLICHTAMBTENAAR,
        organisatie=OrganisatieFactory(naam="Leerplicht Overstad", gemeenten=[buurdorp]),
    )
    stand = (Agendapunt.objects.count(), CasusGebeurtenis.objects.count(), Overleg.objects.count())
    for wie in (
        andere_gemeente,  # another municipality
        wereld.medewerkers[Rol.JEUGDARTS],  # not a member
        wereld.medewerkers[Rol.SCHOOLMEDEWERKER],  # a school, not a member
        wereld.medewerkers[Rol.BELEIDSMEDEWERKER],  # never
    ):
        client.force_login(wie)
        assert client.get(reverse("overleg:overleg", args=[overleg.pk])).status_code == 404
        assert (
            client.post(
                reverse("overleg:besluit", args=[overleg.pk, punt.pk]),
                {f"besluit-{punt.pk}-besluit": "x", f"besluit-{punt.pk}-uitkomst": "besproken"},
            ).status_code
            == 404
        )
        assert client.post(reverse("overleg:volgend", args=[overleg.pk])).status_code == 404
    assert stand == (
        Agendapunt.objects.count(),
        CasusGebeurtenis.objects.count(),
        Overleg.objects.count(),
    )


def test_de_overlegpagina_stelt_voor_agendeert_en_legt_vast_met_inzagelog(
    wereld: Wereld, client: Client, utrecht: Casus
) -> None:
    leerplicht = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    overleg = _overleg(wereld, Overlegsoort.TEAMMANAGERSOVERLEG, TEAMMANAGERSOVERLEG)
    client.force_login(leerplicht)
    # the page proposes the due case, and logs that it showed the pupil
    antwoord = client.get(reverse("overleg:overleg", args=[overleg.pk]))
    assert [v.casus for v in antwoord.context["voorstellen"]] == [utrecht]
    assert Inzage.objects.filter(
        bron="regie:overleg", leerling=utrecht.leerling, medewerker=leerplicht
    ).exists()
    # a person confirms it onto the agenda
    antwoord = client.post(
        reverse("overleg:agenderen", args=[overleg.pk]), {"agenderen-casussen": [utrecht.pk]}
    )
    assert antwoord.status_code == 302
    punt = Agendapunt.objects.get(overleg=overleg)
    assert (punt.casus, punt.waarom) == (utrecht, "besluit_teammanagers")
    # and records the decision
    antwoord = client.post(
        reverse("overleg:besluit", args=[overleg.pk, punt.pk]),
        {
            f"besluit-{punt.pk}-uitkomst": "besproken",
            f"besluit-{punt.pk}-besluit": "Plaatsing VSO",
        },
    )
    assert antwoord.status_code == 302
    assert beoordeel_casus(utrecht, TEAMMANAGERSOVERLEG).escalatie is None
    assert Inzage.objects.filter(
        bron="regie:besluit", casus_id=utrecht.pk, handeling=Inzage.Handeling.WIJZIGEN
    ).exists()
    # the case page shows the meeting
    antwoord = client.get(reverse("regie:casus", args=[utrecht.pk]))
    assert reverse("overleg:overleg", args=[overleg.pk]) in antwoord.content.decode()


def test_wie_plant_agendeert_geen_casus_die_hij_niet_ziet(wereld: Wereld, utrecht: Casus) -> None:
    overleg = diensten.plan_overleg(
        soort=Overlegsoort.TEAMMANAGERSOVERLEG,
        datum=TEAMMANAGERSOVERLEG,
        door=wereld.medewerkers[Rol.TEAMMANAGER],
    )
    jeugdarts = wereld.medewerkers[Rol.JEUGDARTS]
    with pytest.raises(services.CasusNietMogelijk):
        diensten.agendeer(overleg=overleg, casus=utrecht, door=jeugdarts)
    assert diensten.stel_agenda_voor(overleg, gebruiker=AnonymousUser()) == []
    assert not Agendapunt.objects.exists()
