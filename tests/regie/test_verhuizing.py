# SPDX-License-Identifier: EUPL-1.2
"""A pupil who moves (issue 13, "Moving house is a reported move, not an overwrite"): the
case belongs to its municipality; the receiving Leerplicht gets a case only through a
recorded handover with what the sending side chose, never the sending case itself. Another
municipality sees nothing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from binnenboord.regie import services
from binnenboord.regie.models import Casus, CasusGebeurtenis, Casusoverdracht
from binnenboord.regie.services import verhuizing as verhuizing
from binnenboord.registratie.bevestigen import bevestig_verhuismelding
from binnenboord.registratie.models import Gemeente, Verhuismelding
from binnenboord.registratie.signals import leerling_verhuisd
from binnenboord.toegang.models import Medewerker, Rol
from binnenboord.verantwoording.models import Inzage
from tests.factories import GemeenteFactory, MedewerkerFactory, OrganisatieFactory
from tests.regie.factories import open_casus
from tests.wereld import Wereld

MEDISCH = "diagnose depressie, medicatie fluoxetine"
NIET_MEE = "Actie-Blijft-Bij-A"


@dataclass
class Verhuizing:
    casus: Casus
    a: Medewerker  # Leerplicht Demodam, the case's municipality
    b: Medewerker  # Leerplicht Buurdorp, where the pupil moves to
    c: Medewerker  # Leerplicht of a third municipality
    buurdorp: Gemeente


@pytest.fixture
def v(wereld: Wereld) -> Verhuizing:
    m = wereld.medewerkers
    a = m[Rol.LEERPLICHTAMBTENAAR]
    buurdorp = Gemeente.objects.get(code="9998")
    b = MedewerkerFactory(
        rol=Rol.LEERPLICHTAMBTENAAR,
        organisatie=OrganisatieFactory(naam="Leerplicht Buurdorp", gemeenten=[buurdorp]),
    )
    c = MedewerkerFactory(
        rol=Rol.LEERPLICHTAMBTENAAR,
        organisatie=OrganisatieFactory(
            naam="Leerplicht Verweg", gemeenten=[GemeenteFactory(code="9001")]
        ),
    )
    casus = open_casus(wereld.leerlingen["demodam_school1"], a)
    services.voeg_deelnemer_toe(
        casus=casus, door=a, soort="professional", medewerker=m[Rol.JEUGDARTS]
    )
    services.sla_plan_op(casus=casus, door=a, basis_versie=0, doel="Plandoel-Overdracht")
    services.voeg_actie_toe(
        casus=casus, door=a, wat=NIET_MEE, wie_naam="Moeder", uiterlijk=timezone.localdate()
    )
    dag = timezone.localdate()
    services.registreer_contactmoment(
        casus=casus, door=a, soort="huisbezoek", datum=dag, verslag="Verslag-Mee"
    )
    services.registreer_contactmoment(
        casus=casus, door=m[Rol.JEUGDARTS], soort="gesprek", datum=dag, verslag=MEDISCH
    )
    return Verhuizing(casus, a, b, c, buurdorp)


def _verhuis(v: Verhuizing) -> None:
    """What registratie does when Leerplicht confirms the reported move."""
    leerling = v.casus.leerling
    van = leerling.woongemeente
    leerling.woongemeente = v.buurdorp
    leerling.save()
    leerling_verhuisd.send(
        sender=Verhuismelding,
        leerling=leerling,
        van_gemeente=van,
        naar_gemeente=v.buurdorp,
        door=v.a,
        verhuismelding=None,
    )


def _status(client: Client, wie: Medewerker, url: str) -> int:
    client.force_login(wie)
    return client.get(url).status_code


def _stuur(client: Client, v: Verhuizing, **keuze: str) -> Any:
    client.force_login(v.a)
    return client.post(
        reverse("regie:gemeenteoverdracht_versturen", args=[v.casus.pk]),
        {f"gemeenteoverdracht-{k}": w for k, w in keuze.items()},
    )


def test_een_casus_hoort_bij_de_gemeente_waarin_hij_werd_geopend(v: Verhuizing) -> None:
    assert v.casus.gemeente.code == "9999"
    _verhuis(v)
    v.casus.refresh_from_db()
    assert v.casus.gemeente.code == "9999"


def test_de_hele_overdracht_b_ziet_alleen_wat_is_overgedragen(
    v: Verhuizing, client: Client
) -> None:
    casus_url = reverse("regie:casus", args=[v.casus.pk])
    # before the move: A sees its case, B and C do not
    assert [_status(client, w, casus_url) for w in (v.a, v.b, v.c)] == [200, 404, 404]
    _verhuis(v)
    concept = Casusoverdracht.objects.get()
    assert (concept.status, concept.van_gemeente.code, concept.naar_gemeente) == (
        "concept",
        "9999",
        v.buurdorp,
    )
    # during: A still has its case and is asked to hand it over; B and C see nothing yet
    assert [_status(client, w, casus_url) for w in (v.a, v.b, v.c)] == [200, 404, 404]
    overdracht_url = reverse("regie:overdracht", args=[concept.pk])
    assert [_status(client, w, overdracht_url) for w in (v.a, v.b, v.c)] == [404, 404, 404]
    client.force_login(v.a)
    assert "Kies wat u overdraagt" in client.get(casus_url).content.decode()
    assert (
        reverse("regie:gemeenteoverdracht_versturen", args=[v.casus.pk])
        in client.get(reverse("web:vandaag")).content.decode()
    )
    client.force_login(v.b)
    assert v.casus.leerling.achternaam not in client.get(reverse("web:vandaag")).content.decode()
    assert v.casus.pk not in {c.pk for c in client.get(reverse("regie:casussen")).context["pagina"]}
    # A hands over the plan and the contact moments, not the actions
    antwoord = _stuur(client, v, plan="on", contactmomenten="on", samenvatting="Samenvatting-A")
    assert antwoord.status_code == 302
    v.casus.refresh_from_db()
    assert (v.casus.status, v.casus.passend_aanbod) == ("gesloten", "verhuisd")
    concept.refresh_from_db()
    assert concept.status == "verzonden"
    # after sending: B sees the handover in its worklist and on its page, only what was sent
    client.force_login(v.b)
    assert (
        reverse("regie:overdracht", args=[concept.pk])
        in client.get(reverse("web:vandaag")).content.decode()
    )
    pagina = client.get(overdracht_url).content.decode()
    for tekst in ("Plandoel-Overdracht", "Verslag-Mee", "Samenvatting-A"):
        assert tekst in pagina
    for tekst in (NIET_MEE, "fluoxetine", "depressie"):
        assert tekst not in pagina
    assert Inzage.objects.filter(bron="regie:overdracht", medewerker=v.b).count() == 1
    # and still never A's case; C sees neither
    assert [_status(client, w, casus_url) for w in (v.b, v.c)] == [404, 404]
    assert _status(client, v.c, overdracht_url) == 404
    # B accepts: a case of Buurdorp, directed by B, with the handed-over plan
    client.force_login(v.b)
    antwoord = client.post(reverse("regie:overdracht_aanvaarden", args=[concept.pk]))
    nieuw = Casus.objects.exclude(pk=v.casus.pk).get()
    assert antwoord.status_code == 302 and antwoord["Location"] == reverse(
        "regie:casus", args=[nieuw.pk]
    )
    assert (nieuw.gemeente, nieuw.regisseur, nieuw.status, nieuw.start) == (
        v.buurdorp,
        v.b,
        "open",
        v.casus.start,
    )
    assert nieuw.planversies.get().doel == "Plandoel-Overdracht"
    assert not nieuw.acties.exists()
    nieuw_pagina = client.get(reverse("regie:casus", args=[nieuw.pk])).content.decode()
    assert "Overgedragen door Leerplicht van Demodam" in nieuw_pagina
    for tekst in (NIET_MEE, "fluoxetine"):
        assert tekst not in nieuw_pagina
    # after: A keeps its closed case, B still never sees it, C sees neither case
    assert [_status(client, w, casus_url) for w in (v.a, v.b, v.c)] == [200, 404, 404]
    assert _status(client, v.c, reverse("regie:casus", args=[nieuw.pk])) == 404
    assert _status(client, v.a, reverse("regie:casus", args=[nieuw.pk])) == 404
    # recorded on both sides
    geschiedenis_a = [g.tekst for g in v.casus.gebeurtenissen.filter(soort="gemeenteoverdracht")]
    assert len(geschiedenis_a) == 3  # awaiting, sent, accepted
    assert "Buurdorp" in geschiedenis_a[1] and "plan, contactmomenten" in geschiedenis_a[1]
    assert any("Demodam" in g.tekst for g in nieuw.gebeurtenissen.filter(soort="geopend"))


def test_b_weigert_met_een_reden_a_leest_die_en_mag_heropenen(
    v: Verhuizing, client: Client
) -> None:
    _verhuis(v)
    verhuizing.verstuur_overdracht(casus=v.casus, door=v.a, plan=True)
    overdracht = Casusoverdracht.objects.get()
    client.force_login(v.b)
    url = reverse("regie:overdracht_weigeren", args=[overdracht.pk])
    assert client.post(url, {"weigeren-reden": ""}).status_code == 400
    assert client.post(url, {"weigeren-reden": "Woont hier niet"}).status_code == 302
    overdracht.refresh_from_db()
    assert (overdracht.status, overdracht.reden_weigering) == ("geweigerd", "Woont hier niet")
    assert any("Woont hier niet" in g.tekst for g in v.casus.gebeurtenissen.all())
    # a refused handover cannot be accepted after all
    with pytest.raises(services.CasusNietMogelijk, match="al behandeld"):
        verhuizing.aanvaard_overdracht(overdracht=overdracht, door=v.b)
    assert Casus.objects.count() == 1
    services.heropen_casus(casus=v.casus, door=v.a, reden="Overdracht geweigerd")
    v.casus.refresh_from_db()
    assert v.casus.is_open


def test_wie_mag_versturen_en_wie_mag_aanvaarden(
    wereld: Wereld, v: Verhuizing, client: Client
) -> None:
    url = reverse("regie:gemeenteoverdracht_versturen", args=[v.casus.pk])
    # no move yet: nothing to hand over
    assert _status(client, v.a, url) == 404
    _verhuis(v)
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]  # sees the case, neither director nor LP
    assert [_status(client, w, url) for w in (v.a, school, v.b, v.c)] == [200, 403, 404, 404]
    stand = (Casus.objects.filter(status="open").count(), CasusGebeurtenis.objects.count())
    for wie in (school, v.b, v.c):
        client.force_login(wie)
        assert client.post(url, {"gemeenteoverdracht-plan": "on"}).status_code in (403, 404)
    assert (Casus.objects.filter(status="open").count(), CasusGebeurtenis.objects.count()) == stand
    # nothing chosen and no summary: refused, nothing changes
    assert _stuur(client, v).status_code == 400
    assert Casusoverdracht.objects.get().status == "concept"
    assert _stuur(client, v, acties="on").status_code == 302
    overdracht = Casusoverdracht.objects.get()
    # only a leerplichtambtenaar of Buurdorp accepts: not A, C, a school or B's team manager
    teammanager_b = MedewerkerFactory(rol=Rol.TEAMMANAGER, organisatie=v.b.organisatie)
    aanvaarden = reverse("regie:overdracht_aanvaarden", args=[overdracht.pk])
    for wie in (v.a, v.c, school, teammanager_b):
        client.force_login(wie)
        assert client.post(aanvaarden).status_code == 404
    assert Casus.objects.count() == 1
    client.force_login(v.b)
    assert client.post(aanvaarden).status_code == 302
    # accepted once; a second time changes nothing
    assert client.post(aanvaarden).status_code == 302
    assert Casus.objects.count() == 2
    nieuw = Casus.objects.get(gemeente=v.buurdorp)
    assert list(nieuw.acties.values_list("wat", "wie_naam")) == [(NIET_MEE, "Moeder")]


def test_terugverhuizen_of_een_leerling_zonder_open_casus_vraagt_geen_overdracht(
    v: Verhuizing,
) -> None:
    leerling = v.casus.leerling
    leerling_verhuisd.send(
        sender=Verhuismelding,
        leerling=leerling,
        van_gemeente=v.buurdorp,
        naar_gemeente=v.casus.gemeente,
        door=v.a,
        verhuismelding=None,
    )
    assert not Casusoverdracht.objects.exists()
    _verhuis(v)
    # a second move before sending: the first concept lapses
    tweede = GemeenteFactory(code="9002")
    leerling_verhuisd.send(
        sender=Verhuismelding,
        leerling=leerling,
        van_gemeente=v.buurdorp,
        naar_gemeente=tweede,
        door=v.a,
        verhuismelding=None,
    )
    assert sorted(Casusoverdracht.objects.values_list("status", "naar_gemeente__code")) == [
        ("concept", "9002"),
        ("vervallen", "9998"),
    ]


def test_via_de_bevestigde_verhuismelding(v: Verhuizing, client: Client) -> None:
    leerling = v.casus.leerling
    melding = Verhuismelding.objects.create(
        leerling=leerling,
        van_gemeente=leerling.woongemeente,
        naar_gemeente=v.buurdorp,
        gegevens={"waarden": {"woongemeente_id": v.buurdorp.pk}, "ouders": []},
    )
    bevestig_verhuismelding(verhuismelding=melding, door=v.a)
    leerling.refresh_from_db()
    assert leerling.woongemeente == v.buurdorp
    assert Casusoverdracht.objects.get().status == "concept"
    # the move itself shows B nothing of A's case
    assert _status(client, v.b, reverse("regie:casus", args=[v.casus.pk])) == 404
