# SPDX-License-Identifier: EUPL-1.2
"""DigiD for the portal against a real OpenID Connect provider (the npm package oidc-provider,
started by the `oidc_provider` fixture; no mocked answer): our start view sends the browser to
the provider, the person logs in there with their BSN and consents, the provider sends the
browser back to our callback with a code, which our server exchanges for the tokens (PKCE,
an RS256 ID token checked against the provider's JWKS) and the BSN claim."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

import pytest

from binnenboord.portaal.sessie import SESSIE_SLEUTEL
from binnenboord.toegang.models import Portaalgebruiker
from tests.factories import WACHTWOORD, MedewerkerFactory, _bsn
from tests.portaal.hulp import gezin
from tests.portaal.oidc import Provider, log_in_bij_provider

pytestmark = pytest.mark.django_db

BSN = _bsn(777_001)


def _via_digid(client: Client, bsn: str) -> Any:
    """The whole round trip; returns our callback's answer."""
    begin = client.get(reverse("portaal:oidc_start"))
    assert begin.status_code == 302
    terug = log_in_bij_provider(begin["Location"], bsn)
    deel = urlsplit(terug)
    assert deel.path == reverse("portaal:oidc_callback")
    return client.get(deel.path, parse_qs(deel.query))


def test_de_startknop_stuurt_naar_de_provider_met_pkce_en_de_scope_bsn(
    client: Client, digid: Provider
) -> None:
    antwoord = client.get(reverse("portaal:oidc_start"))
    assert antwoord.status_code == 302
    url = urlsplit(antwoord["Location"])
    assert f"{url.scheme}://{url.netloc}{url.path}" == digid.configuratie["authorization_endpoint"]
    vraag = parse_qs(url.query)
    assert vraag["scope"] == ["openid bsn"]
    assert vraag["code_challenge_method"] == ["S256"]
    assert vraag["redirect_uri"] == ["http://testserver/portaal/digid/terug/"]
    assert vraag["state"] and vraag["nonce"]


def test_inloggen_met_digid_geeft_een_portaalsessie_voor_het_bsn(
    client: Client, digid: Provider
) -> None:
    # given a parent who has a portal account with her BSN already
    bestaand = Portaalgebruiker.objects.create(bsn=BSN, naam="Moeder")

    # when she logs in through the provider with that BSN
    antwoord = _via_digid(client, BSN)

    # then the portal session is hers, and she is on her way to the start page
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("portaal:start")
    assert client.session[SESSIE_SLEUTEL] == bestaand.pk
    bestaand.refresh_from_db()
    assert bestaand.laatst_ingelogd_op is not None
    assert Portaalgebruiker.objects.filter(bsn=BSN).count() == 1


def test_een_nieuw_bsn_krijgt_een_account_zonder_toegang_en_de_codepagina(
    client: Client, digid: Provider
) -> None:
    antwoord = _via_digid(client, BSN)

    gebruiker = Portaalgebruiker.objects.get(bsn=BSN)
    assert client.session[SESSIE_SLEUTEL] == gebruiker.pk
    assert gebruiker.inlognaam is None and gebruiker.wachtwoord == ""
    # without any access the start page asks for the invitation code
    start = client.get(antwoord["Location"])
    assert start.status_code == 302 and start["Location"] == reverse("portaal:code")
    assert client.get(reverse("portaal:code")).status_code == 200


def test_na_digid_aanvaardt_de_code_de_uitnodiging_van_dat_bsn(
    client: Client, digid: Provider
) -> None:
    from tests.portaal.hulp import nodig_uit

    g = gezin(actief=False)
    uitnodiging = nodig_uit(g, g.ouder)
    _via_digid(client, g.ouder.bsn or "")

    antwoord = client.post(reverse("portaal:code"), {"uitnodiging-code": uitnodiging.code})

    assert antwoord.status_code == 302
    uitnodiging.toegang.refresh_from_db()
    assert uitnodiging.toegang.status == "actief"
    assert uitnodiging.toegang.gebruiker == Portaalgebruiker.objects.get(bsn=g.ouder.bsn)


def test_een_ongeldig_bsn_in_de_claim_wordt_geweigerd(client: Client, digid: Provider) -> None:
    # 123456789 fails the eleven test
    antwoord = _via_digid(client, "123456789")

    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("portaal:inloggen") + "?mislukt=digid"
    assert SESSIE_SLEUTEL not in client.session
    assert not Portaalgebruiker.objects.exists()
    assert "DigiD" in client.get(antwoord["Location"]).content.decode()


def test_een_uitgezet_account_wordt_geweigerd(client: Client, digid: Provider) -> None:
    Portaalgebruiker.objects.create(bsn=BSN, is_actief=False)

    antwoord = _via_digid(client, BSN)

    assert antwoord["Location"] == reverse("portaal:inloggen") + "?mislukt=digid"
    assert SESSIE_SLEUTEL not in client.session
    assert Portaalgebruiker.objects.filter(bsn=BSN).count() == 1


def test_digid_geeft_nooit_een_medewerker_ook_niet_met_hetzelfde_nummer(
    client: Client, digid: Provider
) -> None:
    # a staff member whose username happens to be the BSN
    MedewerkerFactory(username=BSN)

    _via_digid(client, BSN)

    # the portal session, and no staff log-in: the staff pages still send to their log-in
    assert SESSIE_SLEUTEL in client.session
    assert SESSION_KEY not in client.session
    vandaag = client.get(reverse("web:vandaag"))
    assert vandaag.status_code == 302
    assert vandaag["Location"].startswith(reverse("login"))


def test_het_inlogformulier_van_medewerkers_logt_nooit_in_via_digid(
    client: Client, digid: Provider
) -> None:
    # given a portal user with a BSN and a code log-in
    gebruiker = Portaalgebruiker.objects.create(bsn=BSN, inlognaam="ABCDEFGH")
    gebruiker.set_wachtwoord(WACHTWOORD)
    gebruiker.save()

    # when someone types the BSN, or the code, and the password into the staff log-in form
    for naam in (BSN, "ABCDEFGH"):
        antwoord = client.post(reverse("login"), {"username": naam, "password": WACHTWOORD})
        # then nobody is logged in
        assert antwoord.status_code == 200
        assert SESSION_KEY not in client.session
        assert SESSIE_SLEUTEL not in client.session


def test_de_backend_antwoordt_alleen_de_eigen_callback(rf: Any, digid: Provider) -> None:
    from django.contrib.auth import authenticate
    from django.urls import resolve

    from binnenboord.portaal.oidc import PortaalOIDCBackend

    Portaalgebruiker.objects.create(bsn=BSN)
    verzoek = rf.get(reverse("login"))
    verzoek.resolver_match = resolve(reverse("login"))
    # a nonce and a code from anywhere but the callback: not even asked
    assert PortaalOIDCBackend().authenticate(verzoek, nonce="n", code_verifier="v") is None
    assert authenticate(verzoek, username=BSN, password="x") is None
    assert PortaalOIDCBackend().get_user(1) is None


def test_zonder_instellingen_is_er_geen_digid_knop(client: Client, settings: Any) -> None:
    settings.PORTAAL_OIDC_RP_CLIENT_ID = ""
    assert (
        reverse("portaal:oidc_start")
        not in client.get(reverse("portaal:inloggen")).content.decode()
    )


def test_met_instellingen_staat_de_digid_knop_er(client: Client, digid: Provider) -> None:
    assert reverse("portaal:oidc_start") in client.get(reverse("portaal:inloggen")).content.decode()
