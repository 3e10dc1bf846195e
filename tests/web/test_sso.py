# SPDX-License-Identifier: EUPL-1.2
"""Log-in with the own organisation against a real OpenID Connect provider (the npm package
oidc-provider, started by the `sso_provider` fixture; no mocked answer): our start view sends
the browser to the provider, the person logs in there and consents, the provider sends the
browser back to our callback with a code, which our server exchanges for the tokens (PKCE,
an RS256 ID token checked against the provider's JWKS) and the claims. The claim rules of
the connection give organisation and role; such a session skips our own TOTP step."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from binnenboord.toegang.models import Claimregel, Inlogkoppeling, Medewerker, Organisatie, Rol
from binnenboord.toegang.oidc import SESSIE_SSO
from tests.factories import WACHTWOORD, MedewerkerFactory
from tests.portaal.oidc import log_in_bij_provider
from tests.toegang.oidc import TERUG, SsoProvider
from tests.wereld import Wereld

pytestmark = pytest.mark.django_db

ENTREE_SCOPES = "openid email profile entree"


@pytest.fixture(autouse=True)
def verplicht(settings: Any) -> None:
    # the second step is switched on, as in production
    settings.TWEESTAPS_VERPLICHT = True


@pytest.fixture
def gemeente(sso_provider: SsoProvider, wereld: Wereld) -> Inlogkoppeling:
    """Demodam's Entra ID: the group says organisation and role."""
    koppeling = sso_provider.koppeling(wereld.leerplicht, naam="Gemeente Demodam", slug="demodam")
    Claimregel.objects.create(
        koppeling=koppeling,
        volgorde=10,
        claim="groups",
        waarde="lpa-demodam",
        organisatie=wereld.leerplicht,
        rol=Rol.LEERPLICHTAMBTENAAR,
    )
    Claimregel.objects.create(
        koppeling=koppeling,
        volgorde=20,
        claim="groups",
        waarde="leerplicht-leiding",
        organisatie=wereld.leerplicht,
        rol=Rol.TEAMMANAGER,
    )
    return koppeling


@pytest.fixture
def entree(sso_provider: SsoProvider, wereld: Wereld) -> Inlogkoppeling:
    """Entree Federatie for the schools: BRIN plus vestiging says the school."""
    koppeling = sso_provider.koppeling(
        wereld.leerplicht,
        naam="Entree Federatie",
        slug="entree",
        scopes=ENTREE_SCOPES,
        voorwaarde_claim="eduPersonAffiliation",
        voorwaarde_waarde="employee",
    )
    school = _school(wereld)
    Claimregel.objects.create(
        koppeling=koppeling,
        claim="nlEduPersonHomeOrganizationBranchId",
        waarde=f"{school.brin}{school.vestigingsnummer}",
        organisatie=school,
        rol=Rol.SCHOOLMEDEWERKER,
    )
    return koppeling


def _school(wereld: Wereld) -> Organisatie:
    """Het Baken, the school of the world's school staff member."""
    organisatie = wereld.medewerkers[Rol.SCHOOLMEDEWERKER].organisatie
    assert organisatie is not None
    return organisatie


def _via_organisatie(client: Client, koppeling: Inlogkoppeling, sub: str) -> Any:
    """The whole round trip; returns our callback's answer."""
    begin = client.get(reverse("web:sso_start", args=[koppeling.slug]))
    assert begin.status_code == 302
    terug = log_in_bij_provider(begin["Location"], sub, terug=TERUG)
    deel = urlsplit(terug)
    assert deel.path == reverse("web:sso_terug")
    return client.get(deel.path, parse_qs(deel.query))


def _bevestig_op_vandaag(client: Client, antwoord: Any) -> None:
    assert antwoord.status_code == 302, antwoord.content[:300]
    assert antwoord["Location"] == reverse("web:vandaag")
    vandaag = client.get(reverse("web:vandaag"))
    # no code step and no setup of an app: the provider did the multi-factor
    assert vandaag.status_code == 200
    assert not TOTPDevice.objects.exists()


def test_de_startknop_stuurt_naar_de_provider_van_de_koppeling_met_pkce(
    client: Client, gemeente: Inlogkoppeling, sso_provider: SsoProvider
) -> None:
    antwoord = client.get(reverse("web:sso_start", args=["demodam"]))

    assert antwoord.status_code == 302
    url = urlsplit(antwoord["Location"])
    assert f"{url.scheme}://{url.netloc}{url.path}" == gemeente.autorisatie_url
    vraag = parse_qs(url.query)
    assert vraag["client_id"] == [gemeente.client_id]
    assert vraag["scope"] == ["openid email profile groups status"]
    assert vraag["code_challenge_method"] == ["S256"]
    assert vraag["redirect_uri"] == [f"http://testserver{TERUG}"]
    assert vraag["state"] and vraag["nonce"]


def test_een_schoolmedewerker_logt_in_via_entree_en_komt_zonder_code_op_vandaag(
    client: Client, entree: Inlogkoppeling, sso_provider: SsoProvider, wereld: Wereld
) -> None:
    # given a teacher of Het Baken known to Entree Federatie with the school's BRIN+vestiging
    school = _school(wereld)
    sso_provider.account(
        "entree-4711",
        email="j.visser@hetbaken.example",
        given_name="Janna",
        family_name="Visser",
        nlEduPersonHomeOrganizationBranchId=f"{school.brin}{school.vestigingsnummer}",
        eduPersonAffiliation=["employee"],
    )

    # when she logs in with Entree Federatie
    antwoord = _via_organisatie(client, entree, "entree-4711")

    # then she has an account of her school, as school staff, without a password
    medewerker = Medewerker.objects.get(inlogkoppeling=entree, inlogonderwerp="entree-4711")
    assert (medewerker.organisatie, medewerker.rol) == (school, Rol.SCHOOLMEDEWERKER)
    assert medewerker.username == "j.visser@hetbaken.example"
    assert (medewerker.first_name, medewerker.last_name) == ("Janna", "Visser")
    assert not medewerker.has_usable_password()
    assert client.session[SESSION_KEY] == str(medewerker.pk)
    # and she is on Vandaag without our code step
    _bevestig_op_vandaag(client, antwoord)


def test_een_leerling_van_de_school_komt_via_entree_niet_binnen(
    client: Client, entree: Inlogkoppeling, sso_provider: SsoProvider, wereld: Wereld
) -> None:
    # a pupil of Het Baken carries the school's BRIN+vestiging too, but is no employee
    school = _school(wereld)
    sso_provider.account(
        "entree-leerling",
        nlEduPersonHomeOrganizationBranchId=f"{school.brin}{school.vestigingsnummer}",
        eduPersonAffiliation=["student"],
    )

    antwoord = _via_organisatie(client, entree, "entree-leerling")

    assert antwoord["Location"] == reverse("web:sso_geweigerd")
    tekst = client.get(antwoord["Location"]).content.decode()
    assert "eduPersonAffiliation" in tekst and "student" in tekst
    assert not Medewerker.objects.filter(inlogonderwerp="entree-leerling").exists()
    assert SESSION_KEY not in client.session


def test_een_leerplichtambtenaar_logt_in_via_de_gemeente_met_de_juiste_rol(
    client: Client, gemeente: Inlogkoppeling, sso_provider: SsoProvider, wereld: Wereld
) -> None:
    sso_provider.account(
        "lpa-001",
        email="p.bakker@demodam.example",
        given_name="Pieter",
        family_name="Bakker",
        groups=["alle-medewerkers", "lpa-demodam"],
    )

    antwoord = _via_organisatie(client, gemeente, "lpa-001")

    medewerker = Medewerker.objects.get(inlogonderwerp="lpa-001")
    assert medewerker.organisatie == wereld.leerplicht
    assert medewerker.rol == Rol.LEERPLICHTAMBTENAAR
    assert medewerker.heeft_passende_rol
    _bevestig_op_vandaag(client, antwoord)
    # the session is verified for the API too
    api = client.get("/api/v1/scholen/")
    assert api.status_code == 200


def test_de_eerste_passende_regel_wint_en_elke_inlog_leidt_de_rol_opnieuw_af(
    client: Client, gemeente: Inlogkoppeling, sso_provider: SsoProvider, wereld: Wereld
) -> None:
    # both groups match; volgorde 10 (leerplichtambtenaar) comes before 20 (teammanager)
    sso_provider.account("lpa-002", groups=["leerplicht-leiding", "lpa-demodam"])
    _via_organisatie(client, gemeente, "lpa-002")
    medewerker = Medewerker.objects.get(inlogonderwerp="lpa-002")
    assert medewerker.rol == Rol.LEERPLICHTAMBTENAAR
    assert medewerker.username == "demodam-lpa-002"  # no e-mail claim: slug and subject

    # the provider now has her only in the management group: the next log-in says so
    sso_provider.account("lpa-002", groups=["leerplicht-leiding"], email="nieuw@demodam.example")
    client.post(reverse("logout"))
    _bevestig_op_vandaag(client, _via_organisatie(client, gemeente, "lpa-002"))

    medewerker.refresh_from_db()
    assert medewerker.rol == Rol.TEAMMANAGER
    assert medewerker.email == "nieuw@demodam.example"
    assert Medewerker.objects.filter(inlogonderwerp="lpa-002").count() == 1


def test_een_onbekende_claim_wordt_geweigerd_met_een_duidelijke_pagina_en_geen_account(
    client: Client, gemeente: Inlogkoppeling, sso_provider: SsoProvider
) -> None:
    sso_provider.account("onbekend-1", email="x@demodam.example", groups=["parkeerbeheer"])
    aantal = Medewerker.objects.count()

    antwoord = _via_organisatie(client, gemeente, "onbekend-1")

    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("web:sso_geweigerd")
    pagina = client.get(antwoord["Location"])
    tekst = pagina.content.decode()
    assert pagina.status_code == 403
    assert "groups" in tekst and "parkeerbeheer" in tekst
    assert "functioneel beheerder" in tekst
    assert "Er is geen account gemaakt" in tekst
    assert Medewerker.objects.count() == aantal
    assert SESSION_KEY not in client.session


def test_een_account_dat_de_provider_uitzet_wordt_uitgezet(
    client: Client, gemeente: Inlogkoppeling, sso_provider: SsoProvider
) -> None:
    sso_provider.account("lpa-003", groups=["lpa-demodam"])
    _via_organisatie(client, gemeente, "lpa-003")
    medewerker = Medewerker.objects.get(inlogonderwerp="lpa-003")
    assert medewerker.is_active
    client.post(reverse("logout"))

    # the provider says the account is disabled
    sso_provider.account("lpa-003", groups=["lpa-demodam"], account_disabled=True)
    antwoord = _via_organisatie(client, gemeente, "lpa-003")

    medewerker.refresh_from_db()
    assert not medewerker.is_active
    assert antwoord["Location"] == reverse("web:sso_geweigerd")
    assert "uitgezet" in client.get(antwoord["Location"]).content.decode()
    assert SESSION_KEY not in client.session

    # and it stays off, also when the provider lets the person in again
    sso_provider.account("lpa-003", groups=["lpa-demodam"], account_disabled=False)
    _via_organisatie(client, gemeente, "lpa-003")
    medewerker.refresh_from_db()
    assert not medewerker.is_active
    assert SESSION_KEY not in client.session


def test_een_account_zonder_passende_regel_meer_wordt_uitgezet(
    client: Client, gemeente: Inlogkoppeling, sso_provider: SsoProvider
) -> None:
    sso_provider.account("lpa-004", groups=["lpa-demodam"])
    _via_organisatie(client, gemeente, "lpa-004")
    client.post(reverse("logout"))

    sso_provider.account("lpa-004", groups=["andere-afdeling"])
    antwoord = _via_organisatie(client, gemeente, "lpa-004")

    assert not Medewerker.objects.get(inlogonderwerp="lpa-004").is_active
    assert "uitgezet" in client.get(antwoord["Location"]).content.decode()


def test_een_nieuw_account_dat_de_provider_uitgezet_noemt_komt_er_niet(
    client: Client, gemeente: Inlogkoppeling, sso_provider: SsoProvider
) -> None:
    sso_provider.account("lpa-005", groups=["lpa-demodam"], account_disabled="true")

    antwoord = _via_organisatie(client, gemeente, "lpa-005")

    assert antwoord["Location"] == reverse("web:sso_geweigerd")
    assert not Medewerker.objects.filter(inlogonderwerp="lpa-005").exists()


def test_een_lokaal_account_met_dezelfde_naam_wordt_nooit_overgenomen(
    client: Client, gemeente: Inlogkoppeling, sso_provider: SsoProvider, wereld: Wereld
) -> None:
    lokaal = MedewerkerFactory(username="a.jansen@demodam.example", organisatie=wereld.leerplicht)
    sso_provider.account("lpa-006", email="A.Jansen@demodam.example", groups=["lpa-demodam"])

    antwoord = _via_organisatie(client, gemeente, "lpa-006")

    tekst = client.get(antwoord["Location"]).content.decode()
    assert "a.jansen@demodam.example" in tekst
    assert "wachtwoord" in tekst
    assert SESSION_KEY not in client.session
    lokaal.refresh_from_db()
    assert lokaal.inlogkoppeling is None and lokaal.check_password(WACHTWOORD)
    assert not Medewerker.objects.filter(inlogonderwerp="lpa-006").exists()


def test_een_tweede_account_met_dezelfde_e_mail_krijgt_een_eigen_naam(
    client: Client,
    gemeente: Inlogkoppeling,
    entree: Inlogkoppeling,
    sso_provider: SsoProvider,
    wereld: Wereld,
) -> None:
    # the same person through two connections: two accounts, neither takes the other over
    school = _school(wereld)
    sso_provider.account(
        "beide-1",
        email="k.smit@example.org",
        groups=["lpa-demodam"],
        eduPersonAffiliation=["employee"],
        nlEduPersonHomeOrganizationBranchId=f"{school.brin}{school.vestigingsnummer}",
    )
    _via_organisatie(client, gemeente, "beide-1")
    client.post(reverse("logout"))
    _via_organisatie(client, entree, "beide-1")

    namen = sorted(
        Medewerker.objects.filter(inlogonderwerp="beide-1").values_list("username", flat=True)
    )
    assert namen == ["k.smit@example.org", "k.smit@example.org-2"]


def test_een_wachtwoordinlog_van_een_lokaal_account_vraagt_nog_steeds_de_code(
    client: Client, gemeente: Inlogkoppeling, wereld: Wereld
) -> None:
    lokaal = MedewerkerFactory(organisatie=wereld.leerplicht)
    TOTPDevice.objects.create(user=lokaal, name="default", confirmed=True)

    antwoord = client.post(reverse("login"), {"username": lokaal.username, "password": WACHTWOORD})

    assert antwoord.status_code == 302
    assert SESSIE_SSO not in client.session
    vandaag = client.get(reverse("web:vandaag"))
    assert vandaag.status_code == 302
    assert vandaag["Location"].startswith(reverse("verificatie"))
    # and the API treats this session as anonymous
    assert client.get("/api/v1/scholen/").status_code in (401, 403)


def test_het_merk_van_de_organisatie_komt_nooit_uit_een_wachtwoordinlog(
    client: Client, gemeente: Inlogkoppeling, sso_provider: SsoProvider, wereld: Wereld
) -> None:
    # given a session that logged in through the organisation
    sso_provider.account("lpa-007", groups=["lpa-demodam"])
    _via_organisatie(client, gemeente, "lpa-007")
    sso = Medewerker.objects.get(inlogonderwerp="lpa-007")
    assert client.session[SESSIE_SSO] == gemeente.pk

    # an account made by the connection has no password to log in with
    sso.set_password(WACHTWOORD)  # not even if someone gave it one: the backend is checked
    sso.save()

    # when someone logs in with a password in that same browser, as the same account
    client.post(reverse("login"), {"username": sso.username, "password": WACHTWOORD})
    # then the session is a password session: the mark, if kept, no longer counts
    vandaag = client.get(reverse("web:vandaag"))
    assert vandaag.status_code == 302
    assert vandaag["Location"].startswith(reverse("two_factor:setup"))

    # and as a local account: the old session (and its mark) is gone
    lokaal = MedewerkerFactory(organisatie=wereld.leerplicht)
    client.post(reverse("login"), {"username": lokaal.username, "password": WACHTWOORD})
    assert client.session[SESSION_KEY] == str(lokaal.pk)
    assert SESSIE_SSO not in client.session
    assert client.get(reverse("web:vandaag")).status_code == 302

    # a mark written into a password session by hand counts for nothing either
    sessie = client.session
    sessie[SESSIE_SSO] = gemeente.pk
    sessie.save()
    lokaal.inlogkoppeling = gemeente
    lokaal.save()
    assert client.get(reverse("web:vandaag")).status_code == 302


def test_het_inlogformulier_logt_nooit_in_via_de_koppeling(
    client: Client, gemeente: Inlogkoppeling, sso_provider: SsoProvider
) -> None:
    sso_provider.account("lpa-008", groups=["lpa-demodam"])
    _via_organisatie(client, gemeente, "lpa-008")
    sso = Medewerker.objects.get(inlogonderwerp="lpa-008")
    client.post(reverse("logout"))

    # the account has no usable password: no password opens it
    for wachtwoord in ("", "!", WACHTWOORD):
        client.post(reverse("login"), {"username": sso.username, "password": wachtwoord})
        assert SESSION_KEY not in client.session


def test_de_inlogpagina_toont_een_knop_per_actieve_koppeling(
    client: Client, gemeente: Inlogkoppeling, entree: Inlogkoppeling
) -> None:
    entree.actief = False
    entree.save()

    tekst = client.get(reverse("login")).content.decode()

    assert reverse("web:sso_start", args=["demodam"]) in tekst
    assert "Inloggen met Gemeente Demodam" in tekst
    assert reverse("web:sso_start", args=["entree"]) not in tekst
    # a switched-off connection cannot be started either
    assert client.get(reverse("web:sso_start", args=["entree"])).status_code == 404


def test_een_antwoord_zonder_gestarte_inlog_wordt_geweigerd(
    client: Client, gemeente: Inlogkoppeling
) -> None:
    antwoord = client.get(reverse("web:sso_terug"), {"code": "x", "state": "y"})

    assert antwoord["Location"] == reverse("web:sso_geweigerd")
    assert SESSION_KEY not in client.session
    assert client.get(antwoord["Location"]).status_code == 403


def test_de_volgende_pagina_na_de_inlog_is_de_gevraagde(
    client: Client, gemeente: Inlogkoppeling, sso_provider: SsoProvider
) -> None:
    sso_provider.account("lpa-009", groups=["lpa-demodam"])
    begin = client.get(reverse("web:sso_start", args=["demodam"]), {"next": "/leerlingen/"})
    terug = urlsplit(log_in_bij_provider(begin["Location"], "lpa-009", terug=TERUG))
    antwoord = client.get(terug.path, parse_qs(terug.query))
    assert antwoord["Location"] == "/leerlingen/"

    # and never another site
    client.post(reverse("logout"))
    begin = client.get(
        reverse("web:sso_start", args=["demodam"]), {"next": "https://kwaad.example/"}
    )
    terug = urlsplit(log_in_bij_provider(begin["Location"], "lpa-009", terug=TERUG))
    assert client.get(terug.path, parse_qs(terug.query))["Location"] == reverse("web:vandaag")


@pytest.mark.parametrize(
    "waarde", ["0001-01-01", "-1", "abc", "//kwaad.example/", "javascript:alert(1)", "x" * 10_000]
)
def test_een_vreemde_volgende_pagina_geeft_nooit_een_serverfout(
    client: Client, gemeente: Inlogkoppeling, waarde: str
) -> None:
    # the start page's only GET parameter, `next` (read by mozilla-django-oidc): an odd value
    # still starts the log-in, and only a path of this site is kept as the page to return to
    antwoord = client.get(reverse("web:sso_start", args=["demodam"]), {"next": waarde})

    assert antwoord.status_code == 302
    assert antwoord["Location"].startswith(gemeente.autorisatie_url)
    bewaard = client.session.get("oidc_login_next")
    # at most a path of this site: never another host or a script
    assert bewaard is None or bewaard == waarde
    assert bewaard is None or not bewaard.startswith(("//", "javascript:"))


def test_een_nul_teken_in_de_volgende_pagina_is_een_400(
    client: Client, gemeente: Inlogkoppeling
) -> None:
    antwoord = client.get(reverse("web:sso_start", args=["demodam"]), {"next": "\x00"})

    assert antwoord.status_code == 400


def test_een_uitgezette_koppeling_beeindigt_haar_sessies(
    client: Client, gemeente: Inlogkoppeling, sso_provider: SsoProvider
) -> None:
    sso_provider.account("lpa-010", groups=["lpa-demodam"])
    _bevestig_op_vandaag(client, _via_organisatie(client, gemeente, "lpa-010"))

    gemeente.actief = False
    gemeente.save()

    vandaag = client.get(reverse("web:vandaag"))
    assert vandaag.status_code == 302
    assert vandaag["Location"].startswith(reverse("login"))
