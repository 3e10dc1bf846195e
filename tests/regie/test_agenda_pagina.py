# SPDX-License-Identifier: EUPL-1.2
"""The pages of a published agenda (docs/samenwerken.md, "Agenda van een overleg"): the
meeting page shows its members the cases on the published agenda with a link; the item page
shows the summary, the plan and the question, never medical notes, contact reports or justice
content, writes the access log, and answers 404 before publication, after the decision, for
another meeting's item and for anyone who is not chair or member."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

import pytest

from binnenboord.notificaties.models import Notificatie
from binnenboord.regie import services
from binnenboord.regie.models import (
    Agendapunt,
    Casus,
    Deelnemer,
    MedischeInhoud,
    Overleg,
    Overlegsoort,
)
from binnenboord.regie.services import overleg as diensten
from binnenboord.regie.services.justitie import registreer_justitiestap
from binnenboord.toegang.models import Medewerker, Rol
from binnenboord.verantwoording.models import Inzage
from tests.factories import GemeenteFactory, LeerlingFactory, MedewerkerFactory, OrganisatieFactory
from tests.regie.factories import open_casus, school2_medewerker
from tests.tekst import noemt
from tests.wereld import Wereld

MEDISCH = "Diagnose-Zeldzaam-4417"
VERSLAG = "Verslag-Zeldzaam-2291"
JUSTITIE = "Justitie-Zeldzaam-8803"
DOEL = "Plandoel-Terug-naar-school"
VRAAG = "Vraag-Is-een-TLV-nodig"
ACTIE = "Actie-Gesprek-met-ouders"


@pytest.fixture
def casus_a(wereld: Wereld) -> Casus:
    """School 1's case with a plan, an open action, a contact report and a youth doctor's
    medical note."""
    m = wereld.medewerkers
    school = m[Rol.SCHOOLMEDEWERKER]
    casus = open_casus(wereld.leerlingen["demodam_school1"], school)
    services.sla_plan_op(casus=casus, door=school, basis_versie=0, doel=DOEL, afspraken="Elke week")
    services.voeg_actie_toe(
        casus=casus,
        door=school,
        wat=ACTIE,
        uiterlijk=timezone.localdate() + timedelta(days=7),
        wie_naam="Mentor",
    )
    services.registreer_contactmoment(
        casus=casus,
        door=school,
        soort="gesprek",
        datum=timezone.localdate(),
        verslag=VERSLAG,
    )
    # the youth doctor's notes are kept as MedischeInhoud, apart from the contact
    services.registreer_contactmoment(
        casus=casus,
        door=m[Rol.JEUGDARTS],
        soort="gesprek",
        datum=timezone.localdate(),
        verslag=MEDISCH,
    )
    assert MedischeInhoud.objects.filter(casus=casus, tekst=MEDISCH).exists()
    return casus


@pytest.fixture
def casus_b(wereld: Wereld) -> Casus:
    """Leerplicht's case with a step of the justice chain."""
    leerplicht = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    casus = open_casus(wereld.leerlingen["demodam_uitgeschreven"], leerplicht)
    registreer_justitiestap(
        casus=casus,
        door=leerplicht,
        soort="onderzoek_ouders",
        datum=timezone.localdate(),
        toelichting=JUSTITIE,
    )
    return casus


def _uvo(wereld: Wereld, *leden: Medewerker) -> Overleg:
    return diensten.plan_overleg(
        soort=Overlegsoort.UVO,
        datum=timezone.localdate(),
        door=wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR],
        leden=leden,
    )


@pytest.fixture
def uvo(wereld: Wereld, casus_a: Casus, casus_b: Casus) -> Overleg:
    """A UVO of Leerplicht Demodam with the youth doctor and the SWV consultant as members,
    cases A and B on its agenda, A with a question."""
    m = wereld.medewerkers
    leerplicht = m[Rol.LEERPLICHTAMBTENAAR]
    overleg = _uvo(wereld, m[Rol.JEUGDARTS], m[Rol.SWV_CONSULENT])
    punt = diensten.agendeer(overleg=overleg, casus=casus_a, door=leerplicht)
    diensten.stel_vraag(agendapunt=punt, door=leerplicht, vraag=VRAAG)
    diensten.agendeer(overleg=overleg, casus=casus_b, door=leerplicht)
    return overleg


def _url(punt: Agendapunt, overleg: Overleg | None = None) -> str:
    return reverse("overleg:agendapunt", args=[(overleg or punt.overleg).pk, punt.pk])


def _inzagen(wie: Medewerker, casus: Casus, bron: str) -> int:
    return Inzage.objects.filter(medewerker=wie, leerling=casus.leerling, bron=bron).count()


# --- the meeting page --------------------------------------------------------------------------


def test_na_publicatie_ziet_een_lid_de_casussen_op_de_overlegpagina(
    wereld: Wereld, client: Client, uvo: Overleg, casus_a: Casus, casus_b: Casus
) -> None:
    swv = wereld.medewerkers[Rol.SWV_CONSULENT]
    client.force_login(swv)
    url = reverse("overleg:overleg", args=[uvo.pk])
    # before publication: no names
    inhoud = client.get(url).content.decode()
    assert not noemt(inhoud, casus_a.leerling.achternaam)
    # when Leerplicht publishes the agenda with the button
    client.force_login(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    assert client.post(reverse("overleg:publiceren", args=[uvo.pk])).status_code == 302
    # then the member sees both cases, each linked to its agenda item, and the question
    client.force_login(swv)
    antwoord = client.get(url)
    assert antwoord.status_code == 200
    inhoud = antwoord.content.decode()
    for casus in (casus_a, casus_b):
        punt = uvo.agendapunten.get(casus=casus)
        assert noemt(inhoud, casus.leerling.achternaam)
        assert f'href="{_url(punt)}"' in inhoud
        assert f'href="{reverse("regie:casus", args=[casus.pk])}"' not in inhoud
        # and the page's read of the names is in the access log
        assert _inzagen(swv, casus, "regie:overleg") == 1
    assert VRAAG in inhoud
    with translation.override("nl"):
        assert gettext("A case of another organisation") not in inhoud
    # and neither the medical note nor the justice content is on it
    assert MEDISCH not in inhoud
    assert JUSTITIE not in inhoud
    # and the member was notified
    assert Notificatie.objects.filter(ontvanger=swv, soort="agenda_gepubliceerd").count() == 1


# --- the agenda item page ----------------------------------------------------------------------


@pytest.mark.parametrize("rol", [Rol.JEUGDARTS, Rol.SWV_CONSULENT])
def test_een_lid_leest_samenvatting_plan_en_vraag_en_nooit_medisch_of_justitie(
    wereld: Wereld, client: Client, uvo: Overleg, casus_a: Casus, casus_b: Casus, rol: str
) -> None:
    lid = wereld.medewerkers[rol]
    diensten.publiceer_agenda(uvo, wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    client.force_login(lid)
    punt_a = uvo.agendapunten.get(casus=casus_a)
    # when the member opens case A's agenda item
    antwoord = client.get(_url(punt_a))
    # then the summary, the plan, its open action and the question are shown
    assert antwoord.status_code == 200
    inhoud = antwoord.content.decode()
    school = casus_a.leerling.inschrijvingen.get().school
    assert noemt(inhoud, casus_a.leerling.achternaam)
    for tekst in (DOEL, "Elke week", ACTIE, VRAAG, school.naam):
        assert tekst in inhoud, tekst
    assert noemt(inhoud, str(casus_a.regisseur))
    # and never the medical note or the contact report
    assert MEDISCH not in inhoud
    assert VERSLAG not in inhoud
    # and the read is in the access log, with the case
    rij = Inzage.objects.get(medewerker=lid, bron="regie:agendapunt")
    assert (rij.leerling_id, rij.casus_id, rij.handeling) == (
        casus_a.leerling_id,
        casus_a.pk,
        Inzage.Handeling.BEKIJKEN,
    )
    # case B's item shows no justice content
    inhoud_b = client.get(_url(uvo.agendapunten.get(casus=casus_b))).content.decode()
    assert noemt(inhoud_b, casus_b.leerling.achternaam)
    assert JUSTITIE not in inhoud_b
    assert Inzage.objects.filter(medewerker=lid, bron="regie:agendapunt").count() == 2
    # and reading does not make the member a participant nor open the case itself
    assert not Deelnemer.objects.filter(medewerker=lid).exists()
    assert client.get(reverse("regie:casus", args=[casus_a.pk])).status_code == 404


def test_voor_publicatie_en_na_het_besluit_is_het_punt_niet_te_vinden(
    wereld: Wereld, client: Client, uvo: Overleg, casus_a: Casus
) -> None:
    leerplicht = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    jeugdarts = wereld.medewerkers[Rol.JEUGDARTS]
    punt = uvo.agendapunten.get(casus=casus_a)
    client.force_login(jeugdarts)
    # before publication
    assert client.get(_url(punt)).status_code == 404
    # published
    diensten.publiceer_agenda(uvo, leerplicht)
    assert client.get(_url(punt)).status_code == 200
    # after the decision is recorded
    diensten.leg_besluit_vast(agendapunt=punt, door=leerplicht, besluit="Terug naar school")
    antwoord = client.get(_url(punt))
    assert antwoord.status_code == 404
    assert not noemt(antwoord.content.decode(), casus_a.leerling.achternaam)
    # and only the one read in between is in the log
    assert _inzagen(jeugdarts, casus_a, "regie:agendapunt") == 1
    # the meeting page no longer names the decided case for the member
    inhoud = client.get(reverse("overleg:overleg", args=[uvo.pk])).content.decode()
    assert not noemt(inhoud, casus_a.leerling.achternaam)


def test_aanvallen_op_een_agendapunt_krijgen_niet_gevonden(
    wereld: Wereld, client: Client, uvo: Overleg, casus_a: Casus
) -> None:
    m = wereld.medewerkers
    leerplicht = m[Rol.LEERPLICHTAMBTENAAR]
    diensten.publiceer_agenda(uvo, leerplicht)
    punt = uvo.agendapunten.get(casus=casus_a)
    # another meeting Y, published, with its own case, where the intervention team is member
    demodam = casus_a.leerling.woongemeente
    casus_y = open_casus(LeerlingFactory(woongemeente=demodam), leerplicht)
    overleg_y = _uvo(wereld, m[Rol.INTERVENTIETEAMLID])
    punt_y = diensten.agendeer(overleg=overleg_y, casus=casus_y, door=leerplicht)
    diensten.publiceer_agenda(overleg_y, leerplicht)
    overstad = GemeenteFactory(code="9997", naam="Overstad")
    andere_gemeente = MedewerkerFactory(
        rol=Rol.LEERPLICHTAMBTENAAR,
        organisatie=OrganisatieFactory(naam="Leerplicht Overstad", gemeenten=[overstad]),
    )
    pogingen: list[tuple[Medewerker, str]] = [
        # a member of X asks for Y's item through X's URL and through Y's
        (m[Rol.SWV_CONSULENT], _url(punt_y, uvo)),
        (m[Rol.SWV_CONSULENT], _url(punt_y)),
        # the member of Y asks for X's item
        (m[Rol.INTERVENTIETEAMLID], _url(punt)),
        (m[Rol.INTERVENTIETEAMLID], _url(punt, overleg_y)),
        # another school, Leerplicht of another municipality, the family worker, policy staff
        (school2_medewerker(), _url(punt)),
        (andere_gemeente, _url(punt)),
        (m[Rol.GEZINSWERKER], _url(punt)),
        (m[Rol.BELEIDSMEDEWERKER], _url(punt)),
        # the school that directs case A is no member: it has the case page, not this one
        (m[Rol.SCHOOLMEDEWERKER], _url(punt)),
        # Leerplicht sees the meeting and the case, but is no member or chair of it
        (leerplicht, _url(punt)),
        # an id that is not a number of an item
        (m[Rol.SWV_CONSULENT], reverse("overleg:agendapunt", args=[uvo.pk, 999999])),
    ]
    voor = Inzage.objects.count()
    for wie, url in pogingen:
        client.force_login(wie)
        antwoord = client.get(url)
        assert antwoord.status_code == 404, (wie, url)
        inhoud = antwoord.content.decode()
        assert not noemt(inhoud, casus_a.leerling.achternaam)
        assert not noemt(inhoud, casus_y.leerling.achternaam)
    assert Inzage.objects.count() == voor
    # and the rightful members do get them (the 404s above are not vacuous)
    client.force_login(m[Rol.SWV_CONSULENT])
    assert client.get(_url(punt)).status_code == 200
    client.force_login(m[Rol.INTERVENTIETEAMLID])
    assert client.get(_url(punt_y)).status_code == 200


def test_publiceren_en_de_vraag_door_een_buitenstaander_worden_geweigerd(
    wereld: Wereld, client: Client, uvo: Overleg, casus_a: Casus
) -> None:
    punt = uvo.agendapunten.get(casus=casus_a)
    for wie in (
        school2_medewerker(),
        wereld.medewerkers[Rol.GEZINSWERKER],
        wereld.medewerkers[Rol.BELEIDSMEDEWERKER],
    ):
        client.force_login(wie)
        assert client.post(reverse("overleg:publiceren", args=[uvo.pk])).status_code in (403, 404)
        assert client.post(
            reverse("overleg:vraag", args=[uvo.pk, punt.pk]),
            {f"vraag-{punt.pk}-vraag": "Overschreven"},
        ).status_code in (403, 404)
    uvo.refresh_from_db()
    punt.refresh_from_db()
    assert uvo.agenda_gepubliceerd_op is None
    assert punt.vraag == VRAAG
    assert not Notificatie.objects.exists()


def test_de_vraag_wordt_gesteld_op_de_overlegpagina(
    wereld: Wereld, client: Client, uvo: Overleg, casus_b: Casus
) -> None:
    leerplicht = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    punt = uvo.agendapunten.get(casus=casus_b)
    client.force_login(leerplicht)
    antwoord = client.post(
        reverse("overleg:vraag", args=[uvo.pk, punt.pk]),
        {f"vraag-{punt.pk}-vraag": "Welke school past?"},
    )
    assert antwoord.status_code == 302
    punt.refresh_from_db()
    assert punt.vraag == "Welke school past?"
    assert Inzage.objects.filter(
        medewerker=leerplicht, leerling=casus_b.leerling, bron="regie:vraag"
    ).exists()


def test_vandaag_toont_een_lid_de_gepubliceerde_agenda_van_deze_week(
    wereld: Wereld, client: Client, uvo: Overleg, casus_a: Casus, casus_b: Casus
) -> None:
    swv = wereld.medewerkers[Rol.SWV_CONSULENT]
    client.force_login(swv)
    # before publication the member's start page names no case of the meeting
    inhoud = client.get(reverse("web:vandaag")).content.decode()
    assert not noemt(inhoud, casus_a.leerling.achternaam)
    diensten.publiceer_agenda(uvo, wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    # after it, both cases, each linked to its agenda item, and logged as read
    inhoud = client.get(reverse("web:vandaag")).content.decode()
    for casus in (casus_a, casus_b):
        assert noemt(inhoud, casus.leerling.achternaam)
        assert f'href="{_url(uvo.agendapunten.get(casus=casus))}"' in inhoud
        assert _inzagen(swv, casus, "web:vandaag") == 1
