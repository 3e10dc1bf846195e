# SPDX-License-Identifier: EUPL-1.2
"""The notifications page (issue 15, §4): each user sees and marks only their own
notifications, newest first, unread marked, each sentence made when read in the reader's
language and naming no pupil; opening one marks it read and follows only a local link; the
header of every page shows the unread count for one cheap query; the e-mail choice is kept."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from binnenboord.notificaties.models import Notificatie, Notificatievoorkeur
from binnenboord.notificaties.services import notificeer
from binnenboord.toegang.models import Medewerker, Rol
from tests.wereld import Wereld

LIJST = reverse("notificaties:lijst")


def _lpa(wereld: Wereld) -> Medewerker:
    return wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]


def _school(wereld: Wereld) -> Medewerker:
    return wereld.medewerkers[Rol.SCHOOLMEDEWERKER]


def _notificeer(ontvanger: Medewerker, casus: int, *, minuten_geleden: int = 0) -> Notificatie:
    notificeer(
        [ontvanger],
        "deelnemer_toegevoegd",
        url=reverse("regie:casus", args=[casus]),
        gegevens={"casus": casus},
        sleutel=f"test:{casus}",
    )
    notificatie = Notificatie.objects.get(ontvanger=ontvanger, sleutel=f"test:{casus}")
    if minuten_geleden:
        notificatie.aangemaakt_op = timezone.now() - timedelta(minutes=minuten_geleden)
        notificatie.save(update_fields=["aangemaakt_op"])
    return notificatie


def _als(client: Client, medewerker: Medewerker) -> Client:
    client.force_login(medewerker)
    return client


def test_de_lijst_toont_alleen_eigen_notificaties_nieuwste_eerst_met_ongelezen_gemarkeerd(
    wereld: Wereld, client: Client
) -> None:
    lpa, school = _lpa(wereld), _school(wereld)
    oud = _notificeer(lpa, 7101, minuten_geleden=30)
    _notificeer(lpa, 7102)
    _notificeer(school, 7999)
    oud.gelezen_op = timezone.now()
    oud.save(update_fields=["gelezen_op"])

    inhoud = _als(client, lpa).get(LIJST).content.decode()

    # her own two, newest first, in Dutch; the unread one marked in text
    nieuw_op = inhoud.index("U bent toegevoegd aan casus 7102.")
    assert nieuw_op < inhoud.index("U bent toegevoegd aan casus 7101.")
    assert inhoud.count('<strong class="bb-notificatie__nieuw">Ongelezen</strong>') == 1
    # never another person's
    assert "7999" not in inhoud
    # the settings page is linked
    assert reverse("notificaties:voorkeur") in inhoud


def test_de_zin_wordt_gemaakt_in_de_taal_van_de_lezer(wereld: Wereld, client: Client) -> None:
    _notificeer(_lpa(wereld), 7103)
    client = _als(client, _lpa(wereld))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "You were added to case 7103." in client.get(LIJST).content.decode()


def test_openen_markeert_gelezen_en_gaat_naar_de_pagina_van_de_notificatie(
    wereld: Wereld, client: Client
) -> None:
    notificatie = _notificeer(_lpa(wereld), 7104)
    antwoord = _als(client, _lpa(wereld)).post(
        reverse("notificaties:openen", args=[notificatie.pk])
    )
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("regie:casus", args=[7104])
    notificatie.refresh_from_db()
    assert notificatie.gelezen_op is not None
    # opening is a POST: a GET (a link, a prefetch) marks nothing
    assert client.get(reverse("notificaties:openen", args=[notificatie.pk])).status_code == 405


def test_een_ander_opent_of_markeert_andermans_notificatie_niet(
    wereld: Wereld, client: Client
) -> None:
    van_lpa = _notificeer(_lpa(wereld), 7105)
    client = _als(client, _school(wereld))
    # opening her notification by its id: not found, and it stays unread
    antwoord = client.post(reverse("notificaties:openen", args=[van_lpa.pk]))
    assert antwoord.status_code == 404
    # "all read" marks only the school's own
    eigen = _notificeer(_school(wereld), 7106)
    assert client.post(reverse("notificaties:alles_gelezen")).status_code == 302
    van_lpa.refresh_from_db()
    eigen.refresh_from_db()
    assert van_lpa.gelezen_op is None
    assert eigen.gelezen_op is not None


@pytest.mark.parametrize(
    "url", ["https://kwaadwillend.example/", "//kwaadwillend.example/pad", "javascript:alert(1)"]
)
def test_openen_volgt_geen_link_buiten_binnenboord(
    wereld: Wereld, client: Client, url: str
) -> None:
    # notificeer refuses such a link; a row written otherwise is not followed either
    with pytest.raises(ValueError):
        notificeer([_lpa(wereld)], "verhuismelding", url=url)
    notificatie = Notificatie.objects.create(
        ontvanger=_lpa(wereld), soort="verhuismelding", url=url
    )
    antwoord = _als(client, _lpa(wereld)).post(
        reverse("notificaties:openen", args=[notificatie.pk])
    )
    assert antwoord["Location"] == LIJST


def _kop(inhoud: str) -> str:
    return inhoud.split('<header class="bb-kop">', 1)[1].split("</header>", 1)[0]


def test_de_kop_van_elke_pagina_toont_het_aantal_ongelezen(wereld: Wereld, client: Client) -> None:
    lpa = _lpa(wereld)
    client = _als(client, lpa)
    kop = _kop(client.get(reverse("web:vandaag")).content.decode())
    assert 'aria-label="Notificaties: 0 ongelezen"' in kop
    _notificeer(lpa, 7107)
    _notificeer(lpa, 7108)
    _notificeer(_school(wereld), 7109)
    for url in (reverse("web:vandaag"), reverse("regie:casussen"), LIJST):
        kop = _kop(client.get(url).content.decode())
        assert f'href="{LIJST}"' in kop, url
        assert 'aria-label="Notificaties: 2 ongelezen"' in kop, url
        assert "Notificaties <span" in kop
    client.post(reverse("notificaties:alles_gelezen"))
    kop = _kop(client.get(reverse("web:vandaag")).content.decode())
    assert 'aria-label="Notificaties: 0 ongelezen"' in kop


def _notificatiequeries(client: Client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    tabel = Notificatie._meta.db_table
    return [q["sql"] for q in queries.captured_queries if tabel in q["sql"]]


def test_het_aantal_in_de_kop_kost_een_query_hoeveel_notificaties_er_ook_zijn(
    wereld: Wereld, client: Client
) -> None:
    lpa = _lpa(wereld)
    client = _als(client, lpa)
    url = reverse("web:vandaag")
    _notificeer(lpa, 7110)
    [een] = _notificatiequeries(client, url)
    for casus in range(7111, 7131):
        _notificeer(lpa, casus)
    [nog_een] = _notificatiequeries(client, url)
    assert "COUNT(*)" in een
    assert een == nog_een


def test_de_keuze_voor_e_mail_wordt_bewaard(wereld: Wereld, client: Client) -> None:
    lpa = _lpa(wereld)
    client = _als(client, lpa)
    url = reverse("notificaties:voorkeur")
    pagina = client.get(url).content.decode()
    # none chosen: a daily digest
    assert re.search(r'value="dagelijks"[^>]* id="id_mail_1" checked', pagina)
    assert client.post(url, {"mail": "direct"})["Location"] == url
    assert Notificatievoorkeur.objects.get(medewerker=lpa).mail == "direct"
    # a value that is no choice is refused and changes nothing
    fout: Any = client.post(url, {"mail": "elk_uur"})
    assert fout.status_code == 200
    assert fout.context["form"].errors
    assert Notificatievoorkeur.objects.get(medewerker=lpa).mail == "direct"
    opnieuw = client.get(url).content.decode()
    assert re.search(r'value="direct"[^>]* id="id_mail_0" checked', opnieuw)
    # another person's choice is untouched
    assert not Notificatievoorkeur.objects.filter(medewerker=_school(wereld)).exists()
