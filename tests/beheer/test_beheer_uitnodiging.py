# SPDX-License-Identifier: EUPL-1.2
"""Inviting a staff member: the account without a usable password, one e-mail sent by the
background task (after the commit, never in the request) with only the one-time log-in link
and the organisation's name, a link that works once; "opnieuw uitnodigen" gives a fresh link
and ends the old one; a role that does not fit the organisation is a Dutch error naming the
field; deactivating logs the account out everywhere."""

from __future__ import annotations

import re
from typing import Any

from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

import pytest
from auditlog.models import LogEntry

from binnenboord.toegang.models import Medewerker, Rol
from tests.beheer.regio import Regio, bouw_regio

NIEUW_WACHTWOORD = "Zeer-lang-en-uniek-2026!"


@pytest.fixture
def regio(db: None) -> Regio:
    return bouw_regio()


def _uitnodigen(client: Client, regio: Regio, **anders: Any) -> Any:
    gegevens = {
        "first_name": "Noor",
        "last_name": "Nieuwkomer",
        "email": "noor@example.org",
        "organisatie": regio.organisaties["Het Baken"].pk,
        "rol": Rol.SCHOOLMEDEWERKER,
        **anders,
    }
    return client.post(reverse("beheer:medewerker_nieuw"), gegevens)


def _link(bericht: Any) -> str:
    [link] = re.findall(r"https?://\S+", bericht.body)
    return link


def _kies_wachtwoord(link: str) -> int:
    """Opens the link in a fresh browser and chooses a password; the last answer's status."""
    browser = Client()
    pad = link.split("://", 1)[1].partition("/")[2]
    antwoord = browser.get("/" + pad, follow=True)
    if antwoord.status_code != 200:
        return antwoord.status_code
    return browser.post(
        antwoord.redirect_chain[-1][0],
        {"new_password1": NIEUW_WACHTWOORD, "new_password2": NIEUW_WACHTWOORD},
    ).status_code


def test_uitnodigen_stuurt_na_de_commit_precies_een_mail_met_alleen_de_link(
    regio: Regio, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(regio.beheerder)
    with django_capture_on_commit_callbacks(execute=False) as na_commit:
        antwoord = _uitnodigen(client, regio)
    # the request itself sent nothing: the task is queued once the transaction commits
    assert antwoord.status_code == 302
    assert mail.outbox == []
    assert len(na_commit) == 1
    nieuw = Medewerker.objects.get(email="noor@example.org")
    assert not nieuw.has_usable_password()
    assert nieuw.organisatie == regio.organisaties["Het Baken"] and nieuw.is_active

    na_commit[0]()
    assert len(mail.outbox) == 1
    bericht = mail.outbox[0]
    assert bericht.to == ["noor@example.org"]
    assert "Het Baken" in bericht.body
    assert _link(bericht).startswith("http")
    # nothing else about the person or any pupil
    assert "Nieuwkomer" not in bericht.body
    for leerling in regio.wereld.leerlingen.values():
        assert leerling.achternaam not in bericht.body


def test_de_link_werkt_een_keer(
    regio: Regio, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(regio.beheerder)
    with django_capture_on_commit_callbacks(execute=True):
        _uitnodigen(client, regio)
    link = _link(mail.outbox[0])
    assert _kies_wachtwoord(link) == 302  # chosen, on to two-step verification
    nieuw = Medewerker.objects.get(email="noor@example.org")
    assert nieuw.check_password(NIEUW_WACHTWOORD)
    assert _kies_wachtwoord(link) == 410


def test_opnieuw_uitnodigen_geeft_een_nieuwe_link_en_de_oude_werkt_niet_meer(
    regio: Regio, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(regio.beheerder)
    with django_capture_on_commit_callbacks(execute=True):
        _uitnodigen(client, regio)
    nieuw = Medewerker.objects.get(email="noor@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(reverse("beheer:medewerker_uitnodigen", args=[nieuw.pk]))
    assert antwoord.status_code == 302
    assert len(mail.outbox) == 2
    oud, vers = _link(mail.outbox[0]), _link(mail.outbox[1])
    assert oud != vers
    assert _kies_wachtwoord(oud) == 410
    assert _kies_wachtwoord(vers) == 302


def test_een_rol_die_niet_bij_de_organisatie_past_is_een_fout_die_het_veld_noemt(
    regio: Regio, client: Client
) -> None:
    client.force_login(regio.beheerder)
    with translation.override("nl"):
        antwoord = _uitnodigen(client, regio, rol=Rol.JEUGDARTS)
    assert antwoord.status_code == 400
    [fout] = antwoord.context["form"].errors["rol"]
    assert fout.startswith("Rol: ")
    assert "past niet bij" in fout
    assert fout in antwoord.content.decode().replace("&#x27;", "'")
    assert not Medewerker.objects.filter(email="noor@example.org").exists()
    assert mail.outbox == []


def test_functioneel_beheerder_alleen_in_de_eigen_organisatie(regio: Regio, client: Client) -> None:
    client.force_login(regio.beheerder)
    # another Leerplicht organisation is not in the region at all; in the own one it is fine
    antwoord = _uitnodigen(
        client,
        regio,
        organisatie=regio.organisaties["Leerplicht Buurdorp"].pk,
        rol=Rol.FUNCTIONEEL_BEHEERDER,
    )
    assert antwoord.status_code == 400
    assert "organisatie" in antwoord.context["form"].errors
    antwoord = _uitnodigen(
        client,
        regio,
        organisatie=regio.organisaties["Leerplicht Demodam"].pk,
        rol=Rol.FUNCTIONEEL_BEHEERDER,
    )
    assert antwoord.status_code == 302
    assert Medewerker.objects.get(email="noor@example.org").rol == Rol.FUNCTIONEEL_BEHEERDER


def test_een_bestaand_e_mailadres_wordt_geweigerd(regio: Regio, client: Client) -> None:
    Medewerker.objects.filter(pk=regio.medewerkers["lpa_buurdorp"].pk).update(
        email="noor@example.org"
    )
    client.force_login(regio.beheerder)
    antwoord = _uitnodigen(client, regio)
    assert antwoord.status_code == 400
    assert "email" in antwoord.context["form"].errors
    assert Medewerker.objects.filter(email="noor@example.org").count() == 1


def test_rol_en_organisatie_wijzigen_binnen_de_regio_staat_in_het_logboek(
    regio: Regio, client: Client
) -> None:
    school = regio.wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    client.force_login(regio.beheerder)
    antwoord = client.post(
        reverse("beheer:medewerker", args=[school.pk]),
        {
            "first_name": school.first_name,
            "last_name": school.last_name,
            "email": "verhuisd@example.org",
            "organisatie": regio.organisaties["SWV Demodam"].pk,
            "rol": Rol.SWV_CONSULENT,
        },
    )
    assert antwoord.status_code == 302
    school.refresh_from_db()
    assert school.organisatie == regio.organisaties["SWV Demodam"]
    assert school.rol == Rol.SWV_CONSULENT
    wijziging = LogEntry.objects.get_for_object(school).first()
    assert wijziging is not None and wijziging.actor == regio.beheerder
    assert {"organisatie", "rol", "email"} <= set(wijziging.changes_dict)
    # and the page shows it
    pagina = client.get(reverse("beheer:medewerker", args=[school.pk]))
    assert pagina.context["wijzigingen"][0] == wijziging
    assert "password" not in str(wijziging.changes_dict)


def test_deactiveren_logt_uit_en_heractiveren_zet_terug(regio: Regio, client: Client) -> None:
    school = regio.wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    zijn_browser = Client()
    zijn_browser.force_login(school)
    assert zijn_browser.get(reverse("web:vandaag")).status_code == 200
    client.force_login(regio.beheerder)
    assert (
        client.post(reverse("beheer:medewerker_deactiveren", args=[school.pk])).status_code == 302
    )
    school.refresh_from_db()
    assert not school.is_active
    antwoord = zijn_browser.get(reverse("web:vandaag"))
    assert antwoord.status_code == 302 and antwoord["Location"].startswith(reverse("login"))
    # never deleted: still in the list, as deactivated
    lijst = client.get(reverse("beheer:medewerkers"), {"actief": "nee"})
    assert [m.pk for m in lijst.context["pagina"]] == [school.pk]
    assert (
        client.post(reverse("beheer:medewerker_heractiveren", args=[school.pk])).status_code == 302
    )
    school.refresh_from_db()
    assert school.is_active
