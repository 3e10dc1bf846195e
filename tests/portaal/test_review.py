# SPDX-License-Identifier: EUPL-1.2
"""Review attacks on the portal (docs/relatie.md, "Wie komt erin"): a person who was in a
case as one family member cannot take over the invitation of another member of the same
case, and a server where nobody can log in to the portal says so at start-up."""

from __future__ import annotations

from typing import Any

from django.core import checks, mail
from django.test import Client, override_settings
from django.urls import reverse

import pytest

from binnenboord.regie.models import Bericht, Correctieverzoek, Portaaltoegang
from binnenboord.regie.services import relatie
from binnenboord.toegang.models import Portaalgebruiker
from tests.factories import PortaaltoegangFactory
from tests.portaal.hulp import Gezin, gezin, log_in_portaal, nodig_uit, portaalgebruiker

pytestmark = pytest.mark.django_db


def _zonder_bsns(g: Gezin) -> None:
    """The register knows no BSN of the pupil nor of the mother (a common case: not every
    parent's BSN is imported)."""
    g.ouder.bsn = ""
    g.ouder.save(update_fields=["bsn"])
    g.leerling.bsn = None
    g.leerling.onderwijsnummer = "100000009"
    g.leerling.save(update_fields=["bsn", "onderwijsnummer"])


def test_een_ouder_met_een_beeindigde_toegang_neemt_de_uitnodiging_van_de_leerling_niet_over() -> (
    None
):
    g = gezin(leeftijd=17, actief=False)
    _zonder_bsns(g)
    moeder = portaalgebruiker(bsn="123456782", inlognaam=None)
    uitnodiging = nodig_uit(g, g.ouder)
    relatie.aanvaard(code=uitnodiging.code, gebruiker=moeder)
    relatie.beeindig_toegang(toegang=uitnodiging.toegang, door=g.regisseur, reden="op verzoek")

    voor_leerling = nodig_uit(g, None)
    with pytest.raises(relatie.RelatieNietMogelijk):
        relatie.aanvaard(code=voor_leerling.code, gebruiker=moeder)

    # the pupil's invitation is still open for the pupil
    toegang = Portaaltoegang.objects.get(pk=voor_leerling.toegang.pk)
    assert toegang.status == Portaaltoegang.Status.UITGENODIGD
    assert toegang.gebruiker_id is None


def test_een_leerling_met_een_beeindigde_toegang_neemt_de_uitnodiging_van_een_ouder_niet_over() -> (
    None
):
    g = gezin(leeftijd=15, actief=False)
    _zonder_bsns(g)
    kind = portaalgebruiker()
    uitnodiging = nodig_uit(g, None)
    relatie.aanvaard(code=uitnodiging.code, gebruiker=kind)
    relatie.beeindig_toegang(toegang=uitnodiging.toegang, door=g.regisseur, reden="kwijt")

    voor_moeder = nodig_uit(g, g.ouder)
    with pytest.raises(relatie.RelatieNietMogelijk):
        relatie.aanvaard(code=voor_moeder.code, gebruiker=kind)


def test_dezelfde_persoon_krijgt_na_een_beeindigde_toegang_weer_toegang_met_een_nieuwe_code() -> (
    None
):
    g = gezin(actief=False)
    _zonder_bsns(g)
    moeder = portaalgebruiker(bsn="123456782", inlognaam=None)
    eerste = nodig_uit(g, g.ouder)
    relatie.aanvaard(code=eerste.code, gebruiker=moeder)
    relatie.beeindig_toegang(toegang=eerste.toegang, door=g.regisseur, reden="opnieuw")

    tweede = nodig_uit(g, g.ouder)
    toegang = relatie.aanvaard(code=tweede.code, gebruiker=moeder)

    assert toegang.status == Portaaltoegang.Status.ACTIEF
    assert toegang.gebruiker_id == moeder.pk


def _ids() -> set[str | None]:
    return {bericht.id for bericht in checks.run_checks(tags=["portaal"])}


@override_settings(PORTAAL_INLOG_MET_CODE=False, PORTAAL_OIDC_RP_CLIENT_ID="")
def test_zonder_digid_en_zonder_code_inloggen_waarschuwt_de_systeemcontrole() -> None:
    assert "portaal.W001" in _ids()


@override_settings(PORTAAL_INLOG_MET_CODE=True, PORTAAL_OIDC_RP_CLIENT_ID="")
def test_met_code_inloggen_is_er_geen_waarschuwing() -> None:
    assert "portaal.W001" not in _ids()


@override_settings(
    PORTAAL_INLOG_MET_CODE=False,
    PORTAAL_OIDC_RP_CLIENT_ID="binnenboord",
    PORTAAL_OIDC_OP_TOKEN_ENDPOINT="https://digid.example/token",
)
def test_met_digid_is_er_geen_waarschuwing_maar_half_ingesteld_wel() -> None:
    assert "portaal.W001" not in _ids()
    # a client id and a token endpoint only: no authorization, user or JWKS endpoint
    assert "portaal.W002" in _ids()


@override_settings(
    PORTAAL_INLOG_MET_CODE=False,
    PORTAAL_OIDC_RP_CLIENT_ID="binnenboord",
    PORTAAL_OIDC_OP_AUTHORIZATION_ENDPOINT="https://digid.example/authorize",
    PORTAAL_OIDC_OP_TOKEN_ENDPOINT="https://digid.example/token",
    PORTAAL_OIDC_OP_USER_ENDPOINT="https://digid.example/userinfo",
    PORTAAL_OIDC_OP_JWKS_ENDPOINT="https://digid.example/jwks",
)
def test_met_volledig_ingestelde_digid_zijn_er_geen_waarschuwingen() -> None:
    assert not {"portaal.W001", "portaal.W002"} & _ids()


@override_settings(PORTAAL_OIDC_RP_CLIENT_ID="")
def test_zonder_digid_is_er_geen_waarschuwing_over_een_halve_digid() -> None:
    assert "portaal.W002" not in _ids()


def test_een_portaalformulier_zonder_csrf_token_wordt_geweigerd() -> None:
    g = gezin()
    assert g.ouder_toegang is not None
    client = log_in_portaal(Client(enforce_csrf_checks=True), g.ouder_gebruiker)

    antwoord = client.post(
        reverse("portaal:berichten", args=[g.ouder_toegang.pk]), {"tekst": "Hallo"}
    )

    assert antwoord.status_code == 403
    assert not Bericht.objects.exists()


def test_een_portaalpagina_mag_niet_in_een_frame_en_heeft_een_strikt_csp() -> None:
    g = gezin()
    assert g.ouder_toegang is not None
    client = log_in_portaal(Client(), g.ouder_gebruiker)

    antwoord = client.get(reverse("portaal:gegevens", args=[g.ouder_toegang.pk]))

    assert antwoord.status_code == 200
    assert antwoord["X-Frame-Options"] == "DENY"
    beleid = antwoord["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in beleid
    assert "'unsafe-inline'" not in beleid


def test_de_andere_ouder_ziet_het_adres_van_het_kind_niet_als_de_ouder_bij_wie_het_woont_is_afgeschermd() -> (  # noqa: E501
    None
):
    # the mother's address is shielded and the child lives with her; the register has not
    # (yet) marked the child's own address: it is the mother's, so the father never sees it
    g = gezin()
    g.leerling.straat, g.leerling.huisnummer = "Geheimstraat", "7"
    g.leerling.postcode, g.leerling.woonplaats = "9999 ZZ", "Demodam"
    g.leerling.adres_afgeschermd = False
    g.leerling.save()
    g.ouder_zonder_gezag.gezag = True
    g.ouder_zonder_gezag.save(update_fields=["gezag"])
    PortaaltoegangFactory(casus=g.casus, ouder=g.ouder_zonder_gezag, uitgenodigd_door=g.regisseur)
    vader = Portaaltoegang.objects.get(casus=g.casus, ouder=g.ouder_zonder_gezag)
    assert vader.gebruiker is not None
    client = log_in_portaal(Client(), vader.gebruiker)

    for naam in ("portaal:gegevens", "portaal:gegevens_json"):
        antwoord = client.get(reverse(naam, args=[vader.pk]))
        assert antwoord.status_code == 200
        assert b"Geheimstraat" not in antwoord.content
        assert b"9999 ZZ" not in antwoord.content

    # the mother and the pupil still see the pupil's address
    assert g.ouder_toegang is not None and g.leerling_toegang is not None
    for toegang in (g.ouder_toegang, g.leerling_toegang):
        assert toegang.gebruiker is not None
        eigen = log_in_portaal(Client(), toegang.gebruiker)
        antwoord = eigen.get(reverse("portaal:gegevens_json", args=[toegang.pk]))
        assert b"Geheimstraat" in antwoord.content


@override_settings(PORTAAL_OIDC_RP_CLIENT_ID="", PORTAAL_OIDC_OP_AUTHORIZATION_ENDPOINT="")
def test_zonder_digid_bestaat_de_digid_knop_niet_en_leidt_hij_nergens_heen() -> None:
    antwoord = Client().get(reverse("portaal:oidc_start"))

    assert antwoord.status_code == 404


def test_een_ouder_met_onthouden_toegang_krijgt_geen_mail_over_het_antwoord_op_een_correctie(
    django_capture_on_commit_callbacks: Any,
) -> None:
    g = gezin()
    assert g.ouder_toegang is not None
    Portaalgebruiker.objects.filter(pk=g.ouder_gebruiker.pk).update(
        email="moeder@example.nl", email_meldingen=True
    )
    verzoek = relatie.vraag_correctie(
        toegang=g.ouder_toegang, wat="Geboortedatum", toelichting="Klopt niet"
    )
    relatie.ontzeg_toegang(casus=g.casus, ouder=g.ouder, door=g.regisseur, reden="Veilig Thuis")

    with django_capture_on_commit_callbacks(execute=True):
        relatie.handel_correctie_af(
            verzoek=verzoek, door=g.regisseur, uitkomst="afgewezen", antwoord="Het klopt wel"
        )

    assert Correctieverzoek.objects.get(pk=verzoek.pk).uitkomst == "afgewezen"
    assert mail.outbox == []


def test_met_het_bsn_van_de_leerling_aanvaardt_niemand_de_uitnodiging_van_een_ouder() -> None:
    # the mother's BSN is not registered; the pupil's is: the pupil's DigiD log-in cannot
    # become "the mother" (and so give themselves a parent's view)
    g = gezin(leeftijd=17, actief=False)
    g.ouder.bsn = ""
    g.ouder.save(update_fields=["bsn"])
    assert g.leerling.bsn
    voor_moeder = nodig_uit(g, g.ouder)

    with pytest.raises(relatie.RelatieNietMogelijk):
        relatie.aanvaard(
            code=voor_moeder.code, gebruiker=portaalgebruiker(bsn=g.leerling.bsn, inlognaam=None)
        )
