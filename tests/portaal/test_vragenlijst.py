# SPDX-License-Identifier: EUPL-1.2
"""The questionnaire "werkt dit?" in the portal (docs/relatie.md, "Werkt dit?"): a 1–5 scale
per question as a real, labelled radio group and an open answer; only when it is open; once
per moment; a thank-you page."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from binnenboord.monitoring.terugkoppeling import vragen
from binnenboord.portaal.sessie import SESSIE_SLEUTEL
from binnenboord.regie import services
from binnenboord.regie.models import (
    Casus,
    Overleg,
    Overlegsoort,
    Overleguitnodiging,
    Portaaltoegang,
    Terugkoppeling,
)
from binnenboord.regie.services import relatie as diensten
from binnenboord.toegang.models import Medewerker, Portaalgebruiker, Rol
from tests.factories import OuderFactory, PortaaltoegangFactory
from tests.regie.factories import open_casus
from tests.wereld import Wereld


@dataclass
class Lijst:
    casus: Casus
    ouder: Portaaltoegang
    leerling: Portaaltoegang
    regisseur: Medewerker


def log_in(client: Client, gebruiker: Portaalgebruiker | None) -> None:
    assert gebruiker is not None
    sessie = client.session
    sessie[SESSIE_SLEUTEL] = gebruiker.pk
    sessie.save()


@pytest.fixture
def lijst(wereld: Wereld) -> Lijst:
    regisseur = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    leerling = wereld.leerlingen["demodam_school1"]
    casus = open_casus(leerling, regisseur)
    ouder = PortaaltoegangFactory(casus=casus, ouder=OuderFactory(leerling=leerling))
    kind = PortaaltoegangFactory(casus=casus, ouder=None)
    return Lijst(casus, ouder, kind, regisseur)


def _na_de_uvo(lijst: Lijst) -> None:
    """The parent was invited to the case's UVO, which took place yesterday."""
    uvo = Overleg.objects.create(
        soort=Overlegsoort.UVO,
        organisatie=lijst.regisseur.organisatie,
        datum=timezone.localdate() - timedelta(days=1),
        aangemaakt_door=lijst.regisseur,
    )
    Overleguitnodiging.objects.create(
        overleg=uvo, casus=lijst.casus, toegang=lijst.ouder, uitgenodigd_door=lijst.regisseur
    )


def _url(toegang: Portaaltoegang, moment: str = "na_uvo") -> str:
    return reverse("portaal:vragenlijst", args=[toegang.pk, moment])


def _alles(waarde: str) -> dict[str, str]:
    return {f"vraag_{code}": waarde for code, _tekst in vragen()}


def test_de_vragenlijst_is_er_pas_na_de_uvo(client: Client, lijst: Lijst) -> None:
    log_in(client, lijst.ouder.gebruiker)
    assert "na_uvo" not in diensten.open_vragenlijsten(lijst.ouder)
    assert client.get(_url(lijst.ouder)).status_code == 404
    assert client.post(_url(lijst.ouder), _alles("4")).status_code == 404
    assert not Terugkoppeling.objects.exists()
    _na_de_uvo(lijst)
    assert "na_uvo" in diensten.open_vragenlijsten(lijst.ouder)
    assert client.get(_url(lijst.ouder)).status_code == 200
    # a moment that does not exist
    assert client.get(_url(lijst.ouder, "morgen")).status_code == 404


def test_elke_vraag_is_een_benoemde_keuzegroep_van_1_tot_5(client: Client, lijst: Lijst) -> None:
    _na_de_uvo(lijst)
    log_in(client, lijst.ouder.gebruiker)
    html = client.get(_url(lijst.ouder)).content.decode()
    for code, tekst in vragen():
        groep = re.search(
            rf"<fieldset[^>]*>\s*<legend[^>]*>{re.escape(tekst)}</legend>(.*?)</fieldset>",
            html,
            re.S,
        )
        assert groep is not None, tekst
        knoppen = re.findall(rf'type="radio" name="vraag_{code}" value="(\d)"', groep.group(1))
        assert knoppen == ["1", "2", "3", "4", "5"]
        # each radio button has its own label
        ids = re.findall(r'<input[^>]*id="(id_vraag_[^"]+)"', groep.group(1))
        assert len(ids) == 5
        for id_ in ids:
            assert f'for="{id_}"' in groep.group(1)
    assert 'name="open_antwoord"' in html


def test_invullen_slaat_de_antwoorden_op_en_bedankt(client: Client, lijst: Lijst) -> None:
    _na_de_uvo(lijst)
    log_in(client, lijst.leerling.gebruiker)
    antwoord = client.post(
        _url(lijst.leerling), {**_alles("5"), "open_antwoord": "  Fijn dat er iemand luisterde. "}
    )
    assert antwoord.status_code == 302
    assert antwoord["Location"] == _url(lijst.leerling)
    rij = Terugkoppeling.objects.get()
    assert (rij.toegang, rij.casus, rij.moment) == (lijst.leerling, lijst.casus, "na_uvo")
    assert rij.antwoorden == {code: 5 for code, _tekst in vragen()}
    assert rij.open_antwoord == "Fijn dat er iemand luisterde."
    bedankt = client.get(_url(lijst.leerling))
    assert bedankt.status_code == 200
    assert bedankt.context["bedankt"] is True
    assert "<form" not in bedankt.content.decode().split('id="inhoud"')[1].split("</main>")[0]


def test_een_tweede_keer_per_moment_kan_niet(client: Client, lijst: Lijst) -> None:
    _na_de_uvo(lijst)
    log_in(client, lijst.ouder.gebruiker)
    client.post(_url(lijst.ouder), _alles("3"))
    opnieuw = client.post(_url(lijst.ouder), _alles("1"))
    assert opnieuw.status_code == 200
    assert opnieuw.context["bedankt"] is True
    assert Terugkoppeling.objects.get().antwoorden == {code: 3 for code, _tekst in vragen()}
    assert "na_uvo" not in diensten.open_vragenlijsten(lijst.ouder)
    # the other parent or the pupil answers for themselves
    log_in(client, lijst.leerling.gebruiker)
    assert client.post(_url(lijst.leerling), _alles("2")).status_code == 302
    assert Terugkoppeling.objects.count() == 2


@pytest.mark.parametrize("waarde", ["", "0", "6", "drie", "4.5"])
def test_een_antwoord_buiten_1_tot_5_wordt_geweigerd(
    client: Client, lijst: Lijst, waarde: str
) -> None:
    _na_de_uvo(lijst)
    log_in(client, lijst.ouder.gebruiker)
    gegevens = _alles("4")
    eerste = next(iter(gegevens))
    gegevens[eerste] = waarde
    antwoord = client.post(_url(lijst.ouder), gegevens)
    assert antwoord.status_code == 200
    assert list(antwoord.context["form"].errors) == [eerste]
    assert not Terugkoppeling.objects.exists()


def test_een_vraag_overslaan_kan_niet(client: Client, lijst: Lijst) -> None:
    _na_de_uvo(lijst)
    log_in(client, lijst.ouder.gebruiker)
    gegevens = _alles("4")
    laatste = list(gegevens)[-1]
    del gegevens[laatste]
    antwoord = client.post(_url(lijst.ouder), gegevens)
    assert antwoord.status_code == 200
    assert list(antwoord.context["form"].errors) == [laatste]
    assert not Terugkoppeling.objects.exists()


def test_bij_de_afsluiting_een_eigen_vragenlijst(client: Client, lijst: Lijst) -> None:
    services.sluit_casus(
        casus=lijst.casus,
        door=lijst.regisseur,
        passend_aanbod=Casus.PassendAanbod.EIGEN_SCHOOL,
        op=timezone.localdate(),
    )
    log_in(client, lijst.ouder.gebruiker)
    assert diensten.open_vragenlijsten(Portaaltoegang.objects.get(pk=lijst.ouder.pk)) == [
        "afsluiting"
    ]
    assert client.post(_url(lijst.ouder, "afsluiting"), _alles("4")).status_code == 302
    assert Terugkoppeling.objects.get().moment == "afsluiting"


def test_een_ander_gezin_kan_de_vragenlijst_niet_invullen(
    client: Client, lijst: Lijst, wereld: Wereld
) -> None:
    _na_de_uvo(lijst)
    ander = wereld.leerlingen["buurdorp_school1"]
    vreemde = PortaaltoegangFactory(
        casus=open_casus(ander, lijst.regisseur), ouder=OuderFactory(leerling=ander)
    )
    log_in(client, vreemde.gebruiker)
    for doel in (lijst.ouder, lijst.leerling):
        assert client.get(_url(doel)).status_code == 404
        assert client.post(_url(doel), _alles("1")).status_code == 404
    assert not Terugkoppeling.objects.exists()


def test_een_beeindigde_toegang_of_een_medewerker_vult_niets_in(
    client: Client, lijst: Lijst
) -> None:
    _na_de_uvo(lijst)
    # a staff log-in is no portal session: to the portal's log-in page
    client.force_login(lijst.regisseur)
    antwoord = client.post(_url(lijst.ouder), _alles("4"))
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("portaal:inloggen")
    # an access the regisseur ended: not found
    client.logout()
    gebruiker = lijst.ouder.gebruiker
    Portaaltoegang.objects.filter(pk=lijst.ouder.pk).update(
        status=Portaaltoegang.Status.BEEINDIGD, beeindigd_op=timezone.now(), reden="Test."
    )
    log_in(client, gebruiker)
    assert client.get(_url(lijst.ouder)).status_code == 404
    assert client.post(_url(lijst.ouder), _alles("4")).status_code == 404
    assert not Terugkoppeling.objects.exists()
