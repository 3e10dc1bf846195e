# SPDX-License-Identifier: EUPL-1.2
"""The demo's family in the portal: `binnenboord demo` prints the parent's and the pupil's
log-in (code and password) and the portal's address, and they work: the printed code and
password log in through the portal's own form. The case is a 14-year-old's, the mother has
gezag and a shielded address, the father has none; there is a plan with their actions, an
invitation to the UVO and a message from the regisseur."""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from typing import Any

from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from binnenboord.demo import relatie as demo
from binnenboord.kern.monitoring import leeftijd
from binnenboord.portaal.sessie import SESSIE_SLEUTEL
from binnenboord.regie.models import Bericht, Overleguitnodiging, Portaaltoegang
from binnenboord.regie.relatie import geldige_toegangen
from binnenboord.toegang.models import Portaalgebruiker

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def uitvoer(django_db_setup: None, django_db_blocker: Any) -> Iterator[str]:
    with django_db_blocker.unblock(), transaction.atomic():
        tekst = StringIO()
        call_command("demo", grootte=600, seed=2026, peildatum=timezone.localdate(), stdout=tekst)
        yield tekst.getvalue()
        transaction.set_rollback(True)


def _toegang(code: str) -> Portaaltoegang:
    gebruiker = Portaalgebruiker.objects.get(inlognaam=demo.relatie.normaliseer_code(code))
    return Portaaltoegang.objects.select_related("casus__leerling", "ouder").get(
        gebruiker=gebruiker
    )


def test_de_demo_drukt_de_inlog_van_ouder_en_leerling_af(uitvoer: str) -> None:
    for code in (demo.OUDER_CODE, demo.LEERLING_CODE):
        regel = next(r for r in uitvoer.splitlines() if code in r)
        assert demo.WACHTWOORD in regel
    assert "/portaal/inloggen/" in uitvoer


def test_met_de_afgedrukte_code_en_het_wachtwoord_logt_de_ouder_in(uitvoer: str) -> None:
    for code in (demo.OUDER_CODE, demo.LEERLING_CODE):
        client = Client()
        antwoord = client.post(
            reverse("portaal:inloggen"),
            {"actie": "inloggen", "inloggen-code": code, "inloggen-wachtwoord": demo.WACHTWOORD},
        )
        assert antwoord.status_code == 302
        gebruiker = Portaalgebruiker.objects.get(pk=client.session[SESSIE_SLEUTEL])
        # one valid access: straight to the case
        assert len(geldige_toegangen(gebruiker)) == 1
        start = client.get(reverse("portaal:start"))
        assert start["Location"] == reverse(
            "portaal:casus", args=[geldige_toegangen(gebruiker)[0].pk]
        )


def test_het_gezin_van_de_demo(uitvoer: str) -> None:
    ouder = _toegang(demo.OUDER_CODE)
    leerling = _toegang(demo.LEERLING_CODE)
    casus = ouder.casus
    # one case, a pupil of 14, the mother with gezag and a shielded address, a father without
    assert leerling.casus == casus and leerling.is_leerling
    assert leeftijd(casus.leerling.geboortedatum, timezone.localdate()) == demo.LEEFTIJD
    assert ouder.ouder is not None and ouder.ouder.gezag and ouder.ouder.adres_afgeschermd
    anderen = casus.leerling.ouders.exclude(pk=ouder.ouder.pk)
    assert anderen.count() == 1 and not anderen.get().gezag
    # a plan with an action of the mother and one of the pupil
    plan = casus.planversies.order_by("-versie").first()
    assert plan is not None
    assert casus.acties.filter(ouder=ouder.ouder).exists()
    assert casus.acties.filter(leerling_zelf=True).exists()
    # invited to the UVO, and a message from the regisseur
    uitnodiging = Overleguitnodiging.objects.get(toegang=ouder)
    assert uitnodiging.overleg.soort == "uvo" and uitnodiging.overleg.datum >= timezone.localdate()
    assert Bericht.objects.filter(toegang=ouder, door=casus.regisseur).exists()
    # the letters of the invitations are in the case
    assert casus.brieven.filter(ouder=ouder.ouder).exists()


def test_een_tweede_keer_demo_drukt_de_inlog_weer_af(uitvoer: str) -> None:
    tekst = StringIO()
    call_command("demo", alleen_als_leeg=True, stdout=tekst)
    assert demo.OUDER_CODE in tekst.getvalue() and demo.WACHTWOORD in tekst.getvalue()
