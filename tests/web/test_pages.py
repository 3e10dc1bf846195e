# SPDX-License-Identifier: EUPL-1.2
"""Log-in, log-out, session expiry and the pages per role."""

from __future__ import annotations

from django.conf import settings
from django.test import Client
from django.urls import reverse

import pytest

from binnenboord.toegang.models import Rol
from tests.factories import WACHTWOORD, MedewerkerFactory
from tests.wereld import Wereld

PAGINAS = {
    "web:vandaag": set(Rol.values),
    "registratie:leerlingen": {Rol.SCHOOLMEDEWERKER, Rol.LEERPLICHTAMBTENAAR},
    "registratie:school": {Rol.SCHOOLMEDEWERKER},
    "signalering:signalen": {Rol.SCHOOLMEDEWERKER, Rol.LEERPLICHTAMBTENAAR},
    "meldingen:meldingen": {Rol.SCHOOLMEDEWERKER, Rol.LEERPLICHTAMBTENAAR, Rol.SWV_CONSULENT},
    "registratie:imports": {
        Rol.SCHOOLMEDEWERKER,
        Rol.LEERPLICHTAMBTENAAR,
        Rol.FUNCTIONEEL_BEHEERDER,
    },
    "monitoring:dashboard": {
        Rol.LEERPLICHTAMBTENAAR,
        Rol.BELEIDSMEDEWERKER,
        Rol.TEAMMANAGER,
        Rol.SWV_CONSULENT,
    },
    "verantwoording:inzagelog": {Rol.FUNCTIONEEL_BEHEERDER},
}


@pytest.mark.parametrize("url_naam", PAGINAS)
def test_de_paginas_antwoorden_per_rol(wereld: Wereld, client: Client, url_naam: str) -> None:
    statussen = {}
    for rol, gebruiker in wereld.medewerkers.items():
        client.force_login(gebruiker)
        statussen[rol] = client.get(reverse(url_naam)).status_code
    assert statussen == {rol: 200 if rol in PAGINAS[url_naam] else 403 for rol in Rol.values}


@pytest.mark.parametrize("url_naam", [*PAGINAS, "registratie:leerling"])
def test_anonieme_bezoekers_gaan_naar_het_inloggen(client: Client, url_naam: str) -> None:
    url = reverse(url_naam, args=[1]) if url_naam == "registratie:leerling" else reverse(url_naam)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_de_navigatie_toont_alleen_wat_de_rol_mag_openen(wereld: Wereld, client: Client) -> None:
    client.force_login(wereld.medewerkers[Rol.BELEIDSMEDEWERKER])
    html = client.get(reverse("web:vandaag")).content.decode()
    assert reverse("monitoring:dashboard") in html
    assert reverse("registratie:leerlingen") not in html
    assert reverse("verantwoording:inzagelog") not in html


@pytest.mark.django_db
def test_inloggen_en_uitloggen(client: Client) -> None:
    MedewerkerFactory(username="lpa", rol=Rol.LEERPLICHTAMBTENAAR)
    response = client.post(reverse("login"), {"username": "lpa", "password": WACHTWOORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("web:vandaag")
    assert client.get(reverse("web:vandaag")).status_code == 200

    client.post(reverse("logout"))
    assert client.get(reverse("web:vandaag")).status_code == 302


@pytest.mark.django_db
def test_een_fout_wachtwoord_geeft_een_nederlandse_fout_en_geen_sessie(client: Client) -> None:
    MedewerkerFactory(username="lpa", rol=Rol.LEERPLICHTAMBTENAAR)
    response = client.post(reverse("login"), {"username": "lpa", "password": "fout"})
    assert response.status_code == 200
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_de_sessie_verloopt_na_inactiviteit() -> None:
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_IDLE_MINUTES * 60 == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_wachtwoorden_worden_buiten_de_tests_gehasht_met_argon2() -> None:
    from binnenboord.conf import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


@pytest.mark.django_db
def test_de_interface_is_standaard_nederlands_en_op_verzoek_engels(client: Client) -> None:
    nl = client.get(reverse("login")).content.decode()
    assert '<html lang="nl">' in nl
    assert "Inloggen" in nl
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    en = client.get(reverse("login")).content.decode()
    assert '<html lang="en">' in en
    assert "Log in to Binnenboord" in en


def test_de_leerlingpagina_toont_leerplicht_het_dossier(wereld: Wereld, client: Client) -> None:
    leerling = wereld.leerlingen["demodam_uitgeschreven"]
    client.force_login(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    html = client.get(reverse("registratie:leerling", args=[leerling.pk])).content.decode()
    assert leerling.achternaam in html
    assert leerling.bsn in html
    assert "Demodam" in html


def test_bladeren_houdt_de_zoekterm(wereld: Wereld, client: Client) -> None:
    from tests.factories import InschrijvingFactory, LeerlingFactory

    school = wereld.leerlingen["demodam_school1"].inschrijvingen.get().school
    for _ in range(30):
        InschrijvingFactory(
            leerling=LeerlingFactory(achternaam="Zwaluwstaart", woongemeente=school.gemeente),
            school=school,
        )
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    html = client.get(reverse("registratie:leerlingen"), {"q": "Zwaluwstaart"}).content.decode()
    assert "?q=Zwaluwstaart&amp;pagina=2" in html
    tweede = client.get(reverse("registratie:leerlingen"), {"q": "Zwaluwstaart", "pagina": 2})
    assert len(tweede.context["pagina"]) == 5


def test_de_technische_admin_is_dicht_voor_elke_professionele_rol(
    wereld: Wereld, client: Client
) -> None:
    # The Django admin (/technisch-beheer/) is for technical staff accounts only; no role
    # opens it (the functional administrator works in /beheer/, binnenboord.beheer).
    for gebruiker in wereld.medewerkers.values():
        client.force_login(gebruiker)
        response = client.get("/technisch-beheer/")
        assert response.status_code == 302
        assert response["Location"].startswith("/technisch-beheer/login/")


def test_elke_pagina_heeft_een_korte_titel_die_de_pagina_noemt(
    wereld: Wereld, client: Client
) -> None:
    import re
    from html import unescape

    leerling = wereld.leerlingen["demodam_school1"]
    client.force_login(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    html = client.get(reverse("registratie:leerling", args=[leerling.pk])).content.decode()
    titel = re.search(r"<title>(.*?)</title>", html, re.S)
    assert titel is not None
    # the title is HTML: a surname such as "'s Gravensande" comes escaped (&#x27;)
    assert unescape(titel.group(1)) == f"{leerling.naam} · Binnenboord"
