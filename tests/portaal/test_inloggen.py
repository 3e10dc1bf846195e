# SPDX-License-Identifier: EUPL-1.2
"""Log-in to the portal with the invitation code and a password (the demo's way in, and where
DigiD is not configured): the first time activates the account and accepts the invitation,
afterwards the same code and the password log in. One message for a wrong code or password, a
limit on failed attempts, log-out, the portal and the staff side never in one session, the
start page per number of valid accesses, and the language switch."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from binnenboord.portaal.sessie import SESSIE_SLEUTEL
from binnenboord.regie.models import Portaaltoegang
from binnenboord.regie.services.relatie import normaliseer_code
from binnenboord.toegang.models import Portaalgebruiker
from tests.factories import WACHTWOORD, MedewerkerFactory, PortaaltoegangFactory
from tests.portaal.hulp import gezin, log_in_portaal, nodig_uit

pytestmark = pytest.mark.django_db

NIEUW = "mijn-eigen-lange-wachtwoord"
NIET_GELUKT = "Inloggen is niet gelukt. Kijk of de code en het wachtwoord goed zijn."
WERKT_NIET = "Deze code werkt niet."
INLOGGEN = reverse("portaal:inloggen")


def _activeer(
    client: Client, code: str, wachtwoord: str = NIEUW, opnieuw: str | None = None, **extra: Any
) -> Any:
    return client.post(
        INLOGGEN,
        {
            "actie": "activeren",
            "activeren-code": code,
            "activeren-wachtwoord": wachtwoord,
            "activeren-wachtwoord_opnieuw": wachtwoord if opnieuw is None else opnieuw,
        },
        **extra,
    )


def _log_in(client: Client, code: str, wachtwoord: str = NIEUW, **extra: Any) -> Any:
    return client.post(
        INLOGGEN,
        {"actie": "inloggen", "inloggen-code": code, "inloggen-wachtwoord": wachtwoord},
        **extra,
    )


def _tekst(antwoord: Any) -> str:
    return str(antwoord.content.decode())


# --- the first time -------------------------------------------------------------------------


def test_de_eerste_keer_maakt_de_code_een_account_en_aanvaardt_de_uitnodiging(
    client: Client,
) -> None:
    g = gezin(actief=False)
    uitnodiging = nodig_uit(g, g.ouder)

    antwoord = _activeer(client, uitnodiging.code)

    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("portaal:start")
    gebruiker = Portaalgebruiker.objects.get(inlognaam=normaliseer_code(uitnodiging.code))
    assert client.session[SESSIE_SLEUTEL] == gebruiker.pk
    # the password is stored as a hash only
    assert NIEUW not in gebruiker.wachtwoord and gebruiker.controleer_wachtwoord(NIEUW)
    toegang = Portaaltoegang.objects.get(pk=uitnodiging.toegang.pk)
    assert toegang.status == Portaaltoegang.Status.ACTIEF
    assert toegang.gebruiker == gebruiker
    # one valid access: the start page opens the case
    start = client.get(antwoord["Location"])
    assert start["Location"] == reverse("portaal:casus", args=[toegang.pk])


def test_daarna_logt_dezelfde_code_met_het_wachtwoord_in_ook_anders_getypt(
    client: Client,
) -> None:
    g = gezin(actief=False)
    code = nodig_uit(g, None).code
    _activeer(Client(), code)

    # typed in small letters, with spaces
    antwoord = _log_in(client, " " + code.lower().replace("-", " ") + " ")

    assert antwoord.status_code == 302
    gebruiker = Portaalgebruiker.objects.get(inlognaam=normaliseer_code(code))
    assert client.session[SESSIE_SLEUTEL] == gebruiker.pk
    assert gebruiker.laatst_ingelogd_op is not None


def test_de_wachtwoorden_moeten_gelijk_en_sterk_genoeg_zijn(client: Client) -> None:
    g = gezin(actief=False)
    uitnodiging = nodig_uit(g, g.ouder)

    anders = _activeer(client, uitnodiging.code, NIEUW, opnieuw=NIEUW + "x")
    kort = _activeer(client, uitnodiging.code, "kort")

    assert "niet hetzelfde" in _tekst(anders)
    assert anders.status_code == kort.status_code == 200
    assert not Portaalgebruiker.objects.exists()
    uitnodiging.toegang.refresh_from_db()
    assert uitnodiging.toegang.status == Portaaltoegang.Status.UITGENODIGD


def test_een_verlopen_code_werkt_niet(client: Client) -> None:
    g = gezin(actief=False)
    uitnodiging = nodig_uit(g, g.ouder)
    Portaaltoegang.objects.filter(pk=uitnodiging.toegang.pk).update(
        code_geldig_tot=timezone.now() - timedelta(minutes=1)
    )

    antwoord = _activeer(client, uitnodiging.code)

    assert antwoord.status_code == 200
    assert WERKT_NIET in _tekst(antwoord)
    assert not Portaalgebruiker.objects.exists()
    assert SESSIE_SLEUTEL not in client.session


def test_een_gebruikte_code_werkt_geen_tweede_keer(client: Client) -> None:
    g = gezin(actief=False)
    code = nodig_uit(g, g.ouder).code
    _activeer(Client(), code)

    antwoord = _activeer(client, code, "een-ander-lang-wachtwoord")

    assert WERKT_NIET in _tekst(antwoord)
    assert Portaalgebruiker.objects.count() == 1
    # and the first password still holds
    assert Portaalgebruiker.objects.get().controleer_wachtwoord(NIEUW)
    assert SESSIE_SLEUTEL not in client.session


def test_een_onbekende_code_geeft_geen_account(client: Client) -> None:
    antwoord = _activeer(client, "ABCD-EFGH-JKMN")
    assert WERKT_NIET in _tekst(antwoord)
    assert not Portaalgebruiker.objects.exists()


# --- logging in -------------------------------------------------------------------------------


def test_een_fout_wachtwoord_en_een_onbekende_code_geven_dezelfde_melding(
    client: Client,
) -> None:
    g = gezin()
    gebruiker = g.ouder_gebruiker

    fout_wachtwoord = _log_in(client, gebruiker.inlognaam or "", "niet-het-wachtwoord")
    onbekend = _log_in(client, "ZZZZ-ZZZZ-ZZZZ", WACHTWOORD)

    for antwoord in (fout_wachtwoord, onbekend):
        assert antwoord.status_code == 200
        assert NIET_GELUKT in _tekst(antwoord)
    assert SESSIE_SLEUTEL not in client.session


def test_een_uitgezet_account_logt_niet_in(client: Client) -> None:
    g = gezin()
    Portaalgebruiker.objects.filter(pk=g.ouder_gebruiker.pk).update(is_actief=False)

    antwoord = _log_in(client, g.ouder_gebruiker.inlognaam or "", WACHTWOORD)

    assert NIET_GELUKT in _tekst(antwoord)
    assert SESSIE_SLEUTEL not in client.session


def test_na_te_veel_mislukte_pogingen_weigert_het_formulier_ook_het_goede_wachtwoord(
    client: Client, settings: Any
) -> None:
    settings.AXES_FAILURE_LIMIT = 3
    g = gezin()
    code = g.ouder_gebruiker.inlognaam or ""
    for _ in range(3):
        assert _log_in(client, code, "fout", REMOTE_ADDR="10.1.1.1").status_code == 200

    geblokkeerd = _log_in(client, code, WACHTWOORD, REMOTE_ADDR="10.1.1.1")

    assert geblokkeerd.status_code == 429
    assert "te vaak" in _tekst(geblokkeerd)
    assert SESSIE_SLEUTEL not in client.session
    # another address is not blocked for this code, nor this address for another code
    assert _log_in(Client(), code, WACHTWOORD, REMOTE_ADDR="10.2.2.2").status_code == 302
    leerling = g.leerling_gebruiker.inlognaam or ""
    assert _log_in(Client(), leerling, WACHTWOORD, REMOTE_ADDR="10.1.1.1").status_code == 302


def test_ook_het_raden_van_codes_loopt_tegen_de_grens(client: Client, settings: Any) -> None:
    settings.AXES_FAILURE_LIMIT = 2
    # one address trying many codes: four times the limit in all
    for n in range(8):
        _activeer(client, f"AAAA-BBBB-{n:04d}", REMOTE_ADDR="10.3.3.3")
    g = gezin(actief=False)
    code = nodig_uit(g, g.ouder).code

    assert _activeer(client, code, REMOTE_ADDR="10.3.3.3").status_code == 429
    assert not Portaalgebruiker.objects.exists()
    assert _activeer(client, code, REMOTE_ADDR="10.4.4.4").status_code == 302


def test_zonder_inloggen_met_code_is_er_geen_formulier(client: Client, settings: Any) -> None:
    settings.PORTAAL_INLOG_MET_CODE = False
    g = gezin()

    pagina = client.get(INLOGGEN)
    antwoord = _log_in(client, g.ouder_gebruiker.inlognaam or "", WACHTWOORD)

    assert 'name="inloggen-code"' not in _tekst(pagina)
    assert antwoord.status_code == 404
    assert SESSIE_SLEUTEL not in client.session


# --- sessions ---------------------------------------------------------------------------------


def test_uitloggen_beeindigt_de_sessie_en_gaat_alleen_met_post(client: Client) -> None:
    g = gezin()
    log_in_portaal(client, g.ouder_gebruiker)

    assert client.get(reverse("portaal:uitloggen")).status_code == 405
    assert SESSIE_SLEUTEL in client.session
    antwoord = client.post(reverse("portaal:uitloggen"))

    assert antwoord["Location"] == INLOGGEN
    assert SESSIE_SLEUTEL not in client.session
    assert client.get(reverse("portaal:start"))["Location"] == INLOGGEN


def test_een_portaalpagina_zonder_sessie_stuurt_naar_het_portaalinloggen(client: Client) -> None:
    for naam in ("portaal:start", "portaal:code"):
        assert client.get(reverse(naam))["Location"] == INLOGGEN


def test_inloggen_in_het_portaal_beeindigt_de_medewerkersessie(client: Client) -> None:
    g = gezin()
    client.force_login(g.regisseur)
    assert SESSION_KEY in client.session
    oude_sessie = client.session.session_key

    _log_in(client, g.ouder_gebruiker.inlognaam or "", WACHTWOORD)

    assert SESSION_KEY not in client.session
    assert client.session[SESSIE_SLEUTEL] == g.ouder_gebruiker.pk
    # a new session id (no fixation), the old one is gone
    assert client.session.session_key != oude_sessie
    assert not Session.objects.filter(session_key=oude_sessie).exists()
    assert client.get(reverse("web:vandaag"))["Location"].startswith(reverse("login"))


def test_inloggen_als_medewerker_beeindigt_de_portaalsessie(client: Client) -> None:
    g = gezin()
    log_in_portaal(client, g.ouder_gebruiker)
    medewerker = MedewerkerFactory()

    antwoord = client.post(
        reverse("login"), {"username": medewerker.username, "password": WACHTWOORD}
    )

    assert antwoord.status_code == 302
    assert client.session[SESSION_KEY] == str(medewerker.pk)
    assert SESSIE_SLEUTEL not in client.session
    assert client.get(reverse("portaal:start"))["Location"] == INLOGGEN


def test_de_portaalsessie_verloopt_na_dezelfde_stilte_als_die_van_medewerkers(
    client: Client, settings: Any
) -> None:
    g = gezin()
    _log_in(client, g.ouder_gebruiker.inlognaam or "", WACHTWOORD)
    sleutel = client.session.session_key
    rij = Session.objects.get(session_key=sleutel)
    stilte = timedelta(minutes=settings.SESSION_IDLE_MINUTES)
    assert abs(rij.expire_date - (timezone.now() + stilte)) < timedelta(minutes=1)

    # every request moves the end on
    Session.objects.filter(pk=sleutel).update(expire_date=timezone.now() + timedelta(minutes=1))
    assert client.get(reverse("portaal:code")).status_code == 200
    assert Session.objects.get(pk=sleutel).expire_date > timezone.now() + stilte - timedelta(
        minutes=1
    )
    # and after the idle time the session is over
    Session.objects.filter(pk=sleutel).update(expire_date=timezone.now() - timedelta(seconds=1))
    assert client.get(reverse("portaal:code"))["Location"] == INLOGGEN


# --- the start page and the code page -------------------------------------------------------


def test_start_met_een_geldige_toegang_opent_de_casus(client: Client) -> None:
    g = gezin()
    log_in_portaal(client, g.ouder_gebruiker)

    antwoord = client.get(reverse("portaal:start"))

    assert antwoord["Location"] == reverse("portaal:casus", args=[g.ouder_toegang.pk])  # type: ignore[union-attr]


def test_start_met_meer_kinderen_toont_hun_voornamen(client: Client) -> None:
    eerste = gezin()
    tweede = gezin(regisseur=eerste.regisseur, actief=False)
    PortaaltoegangFactory(casus=tweede.casus, ouder=tweede.ouder, gebruiker=eerste.ouder_gebruiker)
    log_in_portaal(client, eerste.ouder_gebruiker)

    antwoord = client.get(reverse("portaal:start"))

    assert antwoord.status_code == 200
    tekst = _tekst(antwoord)
    for g in (eerste, tweede):
        assert g.leerling.voornamen.split()[0] in tekst
        assert g.leerling.achternaam not in tekst
    assert reverse("portaal:casus", args=[eerste.ouder_toegang.pk]) in tekst  # type: ignore[union-attr]


def test_start_zonder_geldige_toegang_zegt_waarom_en_biedt_de_code(client: Client) -> None:
    g = gezin()
    # the father has no gezag: his access gives nothing
    vader = PortaaltoegangFactory(casus=g.casus, ouder=g.ouder_zonder_gezag)
    log_in_portaal(client, vader.gebruiker)

    antwoord = client.get(reverse("portaal:start"))

    assert antwoord.status_code == 200
    tekst = _tekst(antwoord)
    assert "Alleen een ouder met gezag krijgt toegang." in tekst
    assert reverse("portaal:code") in tekst
    assert g.leerling.voornamen.split()[0] not in tekst
    assert reverse("portaal:casus", args=[vader.pk]) not in tekst


def test_start_zonder_enige_toegang_vraagt_de_code(client: Client) -> None:
    gebruiker = Portaalgebruiker.objects.create(inlognaam="LOSSEGEBRUIKER")
    log_in_portaal(client, gebruiker)

    assert client.get(reverse("portaal:start"))["Location"] == reverse("portaal:code")


def test_met_de_code_van_een_tweede_kind_komt_dat_kind_erbij(client: Client) -> None:
    eerste = gezin()
    tweede = gezin(regisseur=eerste.regisseur, actief=False)
    uitnodiging = nodig_uit(tweede, tweede.ouder)
    log_in_portaal(client, eerste.ouder_gebruiker)

    fout = client.post(reverse("portaal:code"), {"uitnodiging-code": "ZZZZ-ZZZZ-ZZZZ"})
    goed = client.post(reverse("portaal:code"), {"uitnodiging-code": uitnodiging.code})

    assert fout.status_code == 200 and WERKT_NIET in _tekst(fout)
    assert goed["Location"] == reverse("portaal:start")
    uitnodiging.toegang.refresh_from_db()
    assert uitnodiging.toegang.gebruiker == eerste.ouder_gebruiker
    assert client.get(reverse("portaal:start")).status_code == 200  # now two: the list


# --- the page itself --------------------------------------------------------------------------


def test_de_taalkeuze_werkt_in_het_portaal(client: Client) -> None:
    nederlands = client.get(INLOGGEN)
    assert '<html lang="nl">' in _tekst(nederlands)

    antwoord = client.post(reverse("set_language"), {"language": "en", "next": INLOGGEN})

    assert antwoord.status_code == 302 and antwoord["Location"] == INLOGGEN
    engels = client.get(INLOGGEN)
    assert '<html lang="en">' in _tekst(engels)
    assert "With your code and password" in _tekst(engels)


def test_de_inlogpagina_heeft_een_skiplink_labels_en_geen_inline_script_of_stijl(
    client: Client,
) -> None:
    tekst = _tekst(client.get(INLOGGEN))
    assert 'href="#inhoud"' in tekst and 'id="inhoud"' in tekst
    for veld in ("inloggen-code", "inloggen-wachtwoord", "activeren-code"):
        assert f'for="id_{veld}"' in tekst and f'id="id_{veld}"' in tekst
    assert "<script" not in tekst and "<style" not in tekst and "style=" not in tekst
    assert 'name="viewport"' in tekst
