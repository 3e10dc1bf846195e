# SPDX-License-Identifier: EUPL-1.2
"""The staff forms that change with the family's own voice (docs/relatie.md, "De kant van de
professional"): the plan's views and agreement say they were noted by a professional, with
the family's own words from the portal beside them; an action can be the family's own; a
contact note can be for professionals only; a letter goes to a parent (with gezag, not
withheld) or the pupil and then shows in their portal. Every choice of a person is checked
against the stored rows: a parent of another case is refused."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from binnenboord.regie import services
from binnenboord.regie.forms.casus import ActieForm, PlanForm
from binnenboord.regie.models import (
    Actie,
    Brief,
    Casus,
    Contactmoment,
    Planreactie,
    Portaaltoegang,
    Verhaal,
)
from binnenboord.regie.services import CasusNietMogelijk
from binnenboord.regie.services import justitie as diensten
from binnenboord.registratie.models import Ouder
from binnenboord.toegang.models import Medewerker, Rol
from tests.factories import OuderFactory, PortaaltoegangFactory
from tests.portaal.hulp import log_in_portaal
from tests.regie.factories import open_casus
from tests.wereld import Wereld


@pytest.fixture
def lpa(wereld: Wereld) -> Medewerker:
    return wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]


@pytest.fixture
def casus(wereld: Wereld, lpa: Medewerker) -> Casus:
    """A Demodam pupil of 14, directed by Leerplicht."""
    return open_casus(wereld.leerlingen["demodam_school1"], lpa)


@pytest.fixture
def andere_casus(wereld: Wereld, lpa: Medewerker) -> Casus:
    """Another family's case that the same Leerplicht directs."""
    return open_casus(wereld.leerlingen["demodam_uitgeschreven"], lpa)


def _ouder(casus: Casus, **kwargs: Any) -> Ouder:
    ouder: Ouder = OuderFactory(leerling=casus.leerling, **kwargs)
    return ouder


def _pagina(client: Client, casus: Casus) -> str:
    antwoord = client.get(reverse("regie:casus", args=[casus.pk]))
    assert antwoord.status_code == 200
    return str(antwoord.content.decode())


# --- the plan: the professional's note, the family's own words beside it ------------------


def test_het_planformulier_zegt_dat_de_professional_de_visie_en_het_akkoord_noteert() -> None:
    velden = PlanForm().fields
    for veld in ("visie_ouders", "visie_leerling", "akkoord_ouders", "akkoord_leerling"):
        assert "genoteerd door de professional namens de" in str(velden[veld].label)
    assert "genoteerd door de professional" in str(velden["leerling_gehoord"].label)


def test_de_casuspagina_zet_de_eigen_woorden_uit_het_portaal_naast_de_notitie(
    client: Client, casus: Casus, lpa: Medewerker
) -> None:
    plan = services.sla_plan_op(
        casus=casus,
        door=lpa,
        basis_versie=0,
        doel="Terug naar school.",
        visie_ouders="Ouders willen rustig opbouwen.",
        akkoord_ouders=True,
    )
    ouder = _ouder(casus, voornamen="Fatma")
    toegang = PortaaltoegangFactory(casus=casus, ouder=ouder)
    Planreactie.objects.create(
        casus=casus, plan=plan, toegang=toegang, eens=False, toelichting="Twee uur is te veel."
    )
    Verhaal.objects.create(casus=casus, toegang=toegang, wat_wil_ik="Een kleinere klas.")
    # noted by a professional on the pupil's behalf: not the pupil's own words
    Verhaal.objects.create(casus=casus, door=lpa, wat_speelt="Genoteerd door de regisseur.")
    client.force_login(lpa)
    pagina = _pagina(client, casus)
    # the plan section ends where the next section with content begins (an empty one such as
    # Acties is folded into the line "Nog niet gebruikt" further down)
    plansectie = pagina[pagina.index('id="plan"') : pagina.index('id="ouders-en-leerling"')]
    assert "Visie van de ouders, genoteerd door de professional namens de ouders" in plansectie
    assert "De ouders zijn akkoord, genoteerd door de professional namens de ouders" in plansectie
    eigen = plansectie[plansectie.index('id="plan-eigen-woorden"') :]
    assert "In hun eigen woorden (portaal)" in eigen
    assert str(ouder) in eigen
    assert "niet eens" in eigen and "Twee uur is te veel." in eigen
    assert "Een kleinere klas." in eigen
    assert "Genoteerd door de regisseur." not in eigen
    assert 'data-stem="leerling"' not in eigen


def test_zonder_eigen_woorden_zegt_de_plansectie_dat_er_nog_niets_is(
    client: Client, casus: Casus, lpa: Medewerker
) -> None:
    services.sla_plan_op(casus=casus, door=lpa, basis_versie=0, doel="Terug naar school.")
    client.force_login(lpa)
    pagina = _pagina(client, casus)
    assert 'id="geen-eigen-woorden"' in pagina


# --- the family's own actions ---------------------------------------------------------------


def _actie_post(client: Client, casus: Casus, **velden: str) -> Any:
    data = {
        "actie-wat": "Wekker zetten om zeven uur.",
        "actie-uiterlijk": f"{timezone.localdate() + timedelta(days=7):%Y-%m-%d}",
        **{f"actie-{k}": v for k, v in velden.items()},
    }
    return client.post(reverse("regie:actie", args=[casus.pk]), data)


def test_een_actie_gaat_naar_een_ouder_van_deze_leerling_als_eigen_actie(
    client: Client, casus: Casus, lpa: Medewerker
) -> None:
    ouder = _ouder(casus)
    client.force_login(lpa)
    antwoord = _actie_post(client, casus, ouder=str(ouder.pk))
    assert antwoord.status_code == 302
    actie = Actie.objects.get(casus=casus)
    assert (actie.ouder_id, actie.wie_id, actie.leerling_zelf) == (ouder.pk, None, False)
    assert actie.wie_naam == str(ouder)
    assert "eigen actie van de ouder, in het portaal" in _pagina(client, casus)


def test_een_actie_van_de_leerling_zelf(client: Client, casus: Casus, lpa: Medewerker) -> None:
    client.force_login(lpa)
    antwoord = _actie_post(client, casus, leerling_zelf="on")
    assert antwoord.status_code == 302
    actie = Actie.objects.get(casus=casus)
    assert actie.leerling_zelf and actie.ouder_id is None
    assert actie.wie_naam == casus.leerling.naam
    assert "eigen actie van de leerling, in het portaal" in _pagina(client, casus)


def test_een_ouder_van_een_andere_casus_krijgt_geen_actie(
    client: Client, casus: Casus, andere_casus: Casus, lpa: Medewerker
) -> None:
    vreemde = _ouder(andere_casus)
    client.force_login(lpa)
    antwoord = _actie_post(client, casus, ouder=str(vreemde.pk))
    assert antwoord.status_code == 400
    assert not Actie.objects.exists()
    # the service checks the stored row too, whatever the form offered
    with pytest.raises(CasusNietMogelijk, match="hoort niet bij de leerling"):
        services.voeg_actie_toe(
            casus=casus, door=lpa, wat="Iets", uiterlijk=timezone.localdate(), ouder=vreemde
        )
    assert not Actie.objects.exists()


def test_een_actie_heeft_een_uitvoerder_niet_twee(casus: Casus, lpa: Medewerker) -> None:
    ouder = _ouder(casus)
    form = ActieForm(
        {
            "actie-ouder": str(ouder.pk),
            "actie-leerling_zelf": "on",
            "actie-wat": "Samen ontbijten.",
            "actie-uiterlijk": f"{timezone.localdate():%Y-%m-%d}",
        },
        kandidaten=Medewerker.objects.none(),
        ouders=casus.leerling.ouders.all(),
    )
    assert not form.is_valid()
    assert "leerling_zelf" in form.errors
    with pytest.raises(CasusNietMogelijk, match="één uitvoerder"):
        services.voeg_actie_toe(
            casus=casus,
            door=lpa,
            wat="Samen ontbijten.",
            uiterlijk=timezone.localdate(),
            ouder=ouder,
            leerling_zelf=True,
        )


# --- contact moments for professionals only ---------------------------------------------


def test_een_contactmoment_alleen_voor_professionals_krijgt_een_markering(
    client: Client, casus: Casus, lpa: Medewerker
) -> None:
    client.force_login(lpa)
    formulier = client.get(reverse("regie:formulier", args=[casus.pk, "contact"]))
    assert "Alleen voor professionals (niet zichtbaar voor ouders en leerling)" in str(
        formulier.content.decode()
    )
    vandaag = f"{timezone.localdate():%Y-%m-%d}"
    for verslag, alleen in (("Moeder vertelde over thuis.", "on"), ("Gebeld over rooster.", "")):
        antwoord = client.post(
            reverse("regie:contactmoment", args=[casus.pk]),
            {
                "contact-soort": "telefoon",
                "contact-datum": vandaag,
                "contact-met": ["ouders"],
                "contact-verslag": verslag,
                "contact-alleen_professionals": alleen,
            },
        )
        assert antwoord.status_code == 302
    assert Contactmoment.objects.get(verslag="Moeder vertelde over thuis.").alleen_professionals
    assert not Contactmoment.objects.get(verslag="Gebeld over rooster.").alleen_professionals
    pagina = _pagina(client, casus)
    assert pagina.count("bb-alleen-professionals") == 1


# --- letters to a parent or the pupil ------------------------------------------------------


def _brief_post(client: Client, casus: Casus, **velden: str) -> Any:
    morgen = timezone.localdate() + timedelta(days=7)
    data = {
        "brief-sjabloon": "uitnodiging_gesprek",
        "brief-afspraak": f"{morgen:%Y-%m-%d}T10:30",
        "brief-aan": "",
        **{f"brief-{k}": v for k, v in velden.items()},
    }
    return client.post(reverse("regie:justitie_formulier", args=[casus.pk, "brief"]), data)


def test_een_brief_aan_een_ouder_staat_op_naam_en_adres_van_die_ouder(
    client: Client, casus: Casus, lpa: Medewerker
) -> None:
    ouder = _ouder(
        casus, straat="Lindelaan", huisnummer="4", postcode="1234 AB", woonplaats="Demodam"
    )
    client.force_login(lpa)
    formulier = client.get(reverse("regie:justitie_formulier", args=[casus.pk, "brief"]))
    inhoud = str(formulier.content.decode())
    assert f'value="ouder:{ouder.pk}"' in inhoud and 'value="leerling"' in inhoud
    # the invitations with a code are made where the family is invited, not here
    assert 'value="portaal_uitnodiging"' not in inhoud
    antwoord = _brief_post(client, casus, ontvanger=f"ouder:{ouder.pk}")
    assert antwoord.status_code == 302
    brief = Brief.objects.get()
    assert (brief.ouder_id, brief.aan_leerling, brief.aan) == (ouder.pk, False, str(ouder))
    assert "Lindelaan 4" in brief.tekst and "1234 AB Demodam" in brief.tekst


def test_een_brief_aan_de_leerling(client: Client, casus: Casus, lpa: Medewerker) -> None:
    client.force_login(lpa)
    assert _brief_post(client, casus, ontvanger="leerling").status_code == 302
    brief = Brief.objects.get()
    assert brief.aan_leerling and brief.ouder_id is None
    assert brief.aan == casus.leerling.naam


def test_een_ouder_van_een_andere_casus_krijgt_geen_brief(
    client: Client, casus: Casus, andere_casus: Casus, lpa: Medewerker
) -> None:
    vreemde = _ouder(andere_casus, straat="Geheimstraat", huisnummer="9")
    client.force_login(lpa)
    antwoord = _brief_post(client, casus, ontvanger=f"ouder:{vreemde.pk}")
    assert antwoord.status_code == 400
    assert not Brief.objects.exists()
    morgen = timezone.now() + timedelta(days=7)
    with pytest.raises(CasusNietMogelijk, match="alleen naar een ouder van deze leerling"):
        diensten.maak_brief(
            casus=casus, door=lpa, sjabloon="uitnodiging_gesprek", afspraak=morgen, ouder=vreemde
        )
    assert not Brief.objects.exists()


@pytest.mark.parametrize("situatie", ["zonder_gezag", "ontzegd"])
def test_geen_brief_via_het_portaal_aan_een_ouder_zonder_gezag_of_met_ontzegde_toegang(
    client: Client, casus: Casus, lpa: Medewerker, situatie: str
) -> None:
    ouder = _ouder(casus, gezag=situatie != "zonder_gezag")
    if situatie == "ontzegd":
        PortaaltoegangFactory(casus=casus, ouder=ouder, ontzegd=True)
        assert Portaaltoegang.objects.get().status == "ontzegd"
    client.force_login(lpa)
    formulier = client.get(reverse("regie:justitie_formulier", args=[casus.pk, "brief"]))
    assert f'value="ouder:{ouder.pk}"' not in str(formulier.content.decode())
    assert _brief_post(client, casus, ontvanger=f"ouder:{ouder.pk}").status_code == 400
    with pytest.raises(CasusNietMogelijk):
        diensten.maak_brief(
            casus=casus,
            door=lpa,
            sjabloon="uitnodiging_gesprek",
            afspraak=timezone.now() + timedelta(days=7),
            ouder=ouder,
        )
    assert not Brief.objects.exists()


def test_een_brief_aan_iemand_anders_vraagt_een_naam(
    client: Client, casus: Casus, lpa: Medewerker
) -> None:
    client.force_login(lpa)
    assert _brief_post(client, casus).status_code == 400
    assert _brief_post(client, casus, aan="de ouders van de leerling").status_code == 302
    brief = Brief.objects.get()
    assert brief.ouder_id is None and not brief.aan_leerling


def test_de_brief_staat_in_het_portaal_van_die_ouder_en_niet_bij_de_andere(
    client: Client, casus: Casus, lpa: Medewerker
) -> None:
    moeder = _ouder(casus, relatie="moeder")
    vader = _ouder(casus, relatie="vader")
    van_moeder = PortaaltoegangFactory(casus=casus, ouder=moeder)
    van_vader = PortaaltoegangFactory(casus=casus, ouder=vader)
    client.force_login(lpa)
    assert _brief_post(client, casus, ontvanger=f"ouder:{moeder.pk}").status_code == 302
    brief = Brief.objects.get()
    pdf = reverse("portaal:brief_pdf", args=[van_moeder.pk, brief.pk])
    log_in_portaal(client, van_moeder.gebruiker)
    antwoord = client.get(reverse("portaal:brieven", args=[van_moeder.pk]))
    assert antwoord.status_code == 200 and pdf in antwoord.content.decode()
    log_in_portaal(client, van_vader.gebruiker)
    antwoord = client.get(reverse("portaal:brieven", args=[van_vader.pk]))
    assert antwoord.status_code == 200
    assert f"brieven/{brief.pk}/" not in antwoord.content.decode()
    assert (
        client.get(reverse("portaal:brief_pdf", args=[van_vader.pk, brief.pk])).status_code == 404
    )
