# SPDX-License-Identifier: EUPL-1.2
"""The demo on a working day: open cases of the last months spread over the phases, and work
that reaches each role's Vandaag (an action, a meeting's decision, an escalation, the early
Interventieteam). One demo city (1,500 pupils, peildatum today, a pilot district on the Utrecht
model) is built for the whole module and rolled back at its end."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from io import StringIO
from typing import Any

from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

import pytest

from binnenboord.demo.generator import VRIJ_SINDS_MAANDEN, _maanden_terug
from binnenboord.notificaties.models import Notificatie
from binnenboord.regie.beoordeling import beoordeel_in_bulk
from binnenboord.regie.models import (
    Actie,
    Casus,
    Escalatie,
    Mazlverwijzing,
    Overleg,
    Overlegreeks,
    Overlegsoort,
)
from binnenboord.registratie.models import Vrijstelling
from binnenboord.toegang.models import Kernteam, Medewerker, Organisatie, Rol

pytestmark = pytest.mark.django_db

PILOT = {"9999:9990-9991": "utrecht_kernpartners"}
# no open case of the demo is older than this (the cases of the year and of today)
MAANDEN = 12


@pytest.fixture(scope="module")
def peildatum(django_db_setup: None, django_db_blocker: Any) -> Iterator[date]:
    """The demo built with today as its peildatum; the city stays for the module's tests."""
    dag = timezone.localdate()
    with (
        django_db_blocker.unblock(),
        override_settings(AANPAK_PER_GEBIED=PILOT),
        transaction.atomic(),
    ):
        call_command("demo", grootte=1500, seed=2026, peildatum=dag, stdout=StringIO())
        yield dag
        transaction.set_rollback(True)


def _open() -> list[Casus]:
    return list(Casus.objects.filter(status=Casus.Status.OPEN).select_related("regisseur"))


def _vandaag_van(rol: str, toon: str = "") -> str:
    """The Vandaag page of the demo log-in `rol` (with the filter `toon`, else its default)."""
    client = Client()
    client.force_login(Medewerker.objects.get(username=rol))
    antwoord = client.get(reverse("web:vandaag"), {"toon": toon} if toon else {})
    assert antwoord.status_code == 200
    return antwoord.content.decode()


def _casussen_op(html: str) -> set[int]:
    return {int(pk) for pk in re.findall(r'href="/casussen/(\d+)/"', html)}


def test_geen_open_casus_loopt_al_jaren(peildatum: date) -> None:
    # given the open cases of the demo
    casussen = _open()
    assert casussen
    # then none started more than a year before the peildatum (not one since 2016)
    grens = _maanden_terug(peildatum, MAANDEN)
    assert min(c.start for c in casussen) >= grens
    # and their starts are spread over the last months, not all in one
    assert len({(c.start.year, c.start.month) for c in casussen}) >= 4


def test_open_casussen_staan_in_minstens_drie_fasen(peildatum: date) -> None:
    beoordelingen = beoordeel_in_bulk(_open(), peildatum)
    fasen = {b.fase.code for b in beoordelingen.values()}
    assert len(fasen) >= 3, fasen


def test_de_leerplichtambtenaar_heeft_een_handvol_casussen_waarvan_enkele_te_laat(
    peildatum: date,
) -> None:
    # given the open cases Leerplicht directs, as the models judge them today
    leerplicht = Medewerker.objects.get(username=Rol.LEERPLICHTAMBTENAAR)
    eigen = [c for c in _open() if c.regisseur_id == leerplicht.pk]
    beoordelingen = beoordeel_in_bulk(eigen, peildatum)
    te_laat = [
        pk for pk, b in beoordelingen.items() if any(s.status == "verlopen" for s in b.stappen)
    ]
    # then a handful, a few of them overdue, not a backlog of every case
    assert 5 <= len(eigen) <= 30
    assert 1 <= len(te_laat) <= len(eigen) // 2
    # and Vandaag shows her cases
    assert len(_casussen_op(_vandaag_van(Rol.LEERPLICHTAMBTENAAR)) & {c.pk for c in eigen}) >= 5


def test_de_zorgcoordinator_ziet_de_actie_die_haar_is_toegewezen(peildatum: date) -> None:
    school = Medewerker.objects.get(username=Rol.SCHOOLMEDEWERKER)
    [actie] = Actie.objects.filter(wie=school, status=Actie.Status.OPEN)
    assert actie.uiterlijk >= peildatum
    assert actie.casus_id in _casussen_op(_vandaag_van(Rol.SCHOOLMEDEWERKER))
    assert Notificatie.objects.filter(ontvanger=school, soort="actie_toegewezen").exists()


def test_de_swv_consulent_heeft_de_actie_uit_het_besluit_van_de_uvo(peildatum: date) -> None:
    # given the SWV consultant's action: from a UVO that decided on it
    swv = Medewerker.objects.get(username=Rol.SWV_CONSULENT)
    [actie] = Actie.objects.filter(wie=swv, status=Actie.Status.OPEN)
    punt = actie.agendapunten.select_related("overleg").get()
    assert punt.overleg.soort == Overlegsoort.UVO
    assert punt.besluit
    # then the case is his to see through the action, and it is on his Vandaag
    assert actie.casus.deelnemers.filter(medewerker=swv, grond="actie").exists()
    assert actie.casus_id in _casussen_op(_vandaag_van(Rol.SWV_CONSULENT))
    assert Notificatie.objects.filter(ontvanger=swv, soort="actie_toegewezen").exists()


def test_de_teammanager_ziet_een_casus_die_aan_de_teammanagers_is_voorgelegd(
    peildatum: date,
) -> None:
    # given a running escalation to the teammanagers, on their next meeting
    escalatie = Escalatie.objects.filter(
        orgaan="teammanagers", beeindigd_op__isnull=True, overleg__isnull=False
    ).first()
    assert escalatie is not None
    assert escalatie.overleg is not None
    assert escalatie.overleg.soort == Overlegsoort.TEAMMANAGERSOVERLEG
    assert escalatie.overleg.datum >= peildatum
    # then the teammanager has it on Vandaag and was notified
    teammanager = Medewerker.objects.get(username=Rol.TEAMMANAGER)
    assert escalatie.casus_id in _casussen_op(_vandaag_van(Rol.TEAMMANAGER, "escalaties"))
    assert Notificatie.objects.filter(ontvanger=teammanager, soort="escalatie").exists()


def test_het_interventieteamlid_ziet_een_casus_van_de_vroege_route(peildatum: date) -> None:
    # given a case the Interventieteam took on early: within the first 8 weeks (still at the
    # kernteam by time), under the Utrecht model
    escalatie = Escalatie.objects.filter(
        orgaan="interventieteam", beeindigd_op__isnull=True, datum=peildatum
    ).first()
    assert escalatie is not None
    assert escalatie.casus.aanpak == "utrecht_kernpartners"
    assert (peildatum - escalatie.casus.start).days < 8 * 7
    # then the member takes part and has it on Vandaag
    lid = Medewerker.objects.get(username=Rol.INTERVENTIETEAMLID)
    assert escalatie.casus.deelnemers.filter(medewerker=lid, beeindigd_op__isnull=True).exists()
    assert escalatie.casus_id in _casussen_op(_vandaag_van(Rol.INTERVENTIETEAMLID))


def test_de_organen_bestaan_met_leden_en_een_volgend_overleg(peildatum: date) -> None:
    for soort in (
        Overlegsoort.TEAMMANAGERSOVERLEG,
        Overlegsoort.INTERVENTIETEAM,
        Overlegsoort.DOORBRAAKOVERLEG,
        Overlegsoort.UVO,
    ):
        reeks = Overlegreeks.objects.get(soort=soort)
        assert reeks.leden.exists()
        assert reeks.overleggen.filter(datum__gte=peildatum).exists()


def test_elk_kernteam_heeft_een_jeugdarts(peildatum: date) -> None:
    scholen = Organisatie.objects.filter(soort=Organisatie.Soort.SCHOOL, school__isnull=False)
    assert Kernteam.objects.filter(jeugdarts__rol=Rol.JEUGDARTS).count() == scholen.count()


def test_de_leden_van_de_uvo_zien_de_gepubliceerde_agenda(peildatum: date) -> None:
    # given the next UVO, its agenda published with cases and their questions
    uvo = Overleg.objects.get(soort=Overlegsoort.UVO, reeks__isnull=False, datum__gte=peildatum)
    assert uvo.agenda_gepubliceerd_op is not None
    punten = list(uvo.agendapunten.all())
    assert len(punten) == 3
    assert all(p.vraag for p in punten)
    # then the youth doctor and the SWV consultant, members, are notified and see the cases
    for rol in (Rol.JEUGDARTS, Rol.SWV_CONSULENT):
        lid = Medewerker.objects.get(username=rol)
        assert uvo.leden.filter(pk=lid.pk).exists()
        assert Notificatie.objects.filter(ontvanger=lid, soort="agenda_gepubliceerd").exists()
        client = Client()
        client.force_login(lid)
        for punt in punten:
            antwoord = client.get(reverse("overleg:agendapunt", args=[uvo.pk, punt.pk]))
            assert antwoord.status_code == 200


def test_de_jeugdarts_heeft_mazl_verwijzingen_in_haar_inbox(peildatum: date) -> None:
    jeugdarts = Medewerker.objects.get(username=Rol.JEUGDARTS)
    verwijzingen = list(Mazlverwijzing.objects.filter(jeugdarts=jeugdarts, status="nieuw"))
    # then two, from the school, without a case, each on her Vandaag and notified
    assert len(verwijzingen) == 2
    html = _vandaag_van(Rol.JEUGDARTS)
    for verwijzing in verwijzingen:
        assert verwijzing.verwezen_door.username == Rol.SCHOOLMEDEWERKER
        assert reverse("mazl:verwijzing", args=[verwijzing.pk]) in html
    assert Notificatie.objects.filter(ontvanger=jeugdarts, soort="mazl_verwijzing").count() == 2


def test_leerplicht_ziet_een_vrijstelling_die_aan_herbeoordeling_toe_is(peildatum: date) -> None:
    # given the demo's art. 5 onder a exemption for good, since 11 months
    client = Client()
    client.force_login(Medewerker.objects.get(username=Rol.LEERPLICHTAMBTENAAR))
    antwoord = client.get(reverse("vrijstellingen:herbeoordeling"))
    # then its re-assessment is within the coming weeks: the worklist shows it
    assert antwoord.status_code == 200
    vrijstelling = Vrijstelling.objects.get(
        artikel="5a", begindatum=_maanden_terug(peildatum, VRIJ_SINDS_MAANDEN)
    )
    assert escape(vrijstelling.leerling.naam) in antwoord.content.decode()


def test_elke_rol_heeft_een_paar_ongelezen_notificaties_van_vandaag(peildatum: date) -> None:
    # the year's notifications are read; what is unread is today's work, a few per person
    for rol in (
        Rol.SCHOOLMEDEWERKER,
        Rol.SWV_CONSULENT,
        Rol.TEAMMANAGER,
        Rol.INTERVENTIETEAMLID,
        Rol.JEUGDARTS,
    ):
        ongelezen = Notificatie.objects.filter(
            ontvanger__username=rol, gelezen_op__isnull=True
        ).count()
        assert 1 <= ongelezen <= 5, (rol, ongelezen)
    assert (
        Notificatie.objects.filter(
            ontvanger__username=Rol.GEZINSWERKER, gelezen_op__isnull=True
        ).count()
        <= 5
    )
