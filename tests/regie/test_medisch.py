# SPDX-License-Identifier: EUPL-1.2
"""Medical content is the youth doctor's (issue 13, finding 9): what a youth doctor writes in
a contact or as the medical part of a MAZL advice is read only by youth doctors of the
writer's organisation; the short non-medical advice by the case director (and youth doctors).
The school, Leerplicht, the SWV, the family worker and a youth doctor of another JGZ do not
find the medical words on the case page, in the timeline, in the OPP export or in the API."""

from __future__ import annotations

import importlib
import io
from dataclasses import dataclass

from django.apps import apps
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest
from pypdf import PdfReader
from rest_framework.test import APIClient

from binnenboord.regie import services
from binnenboord.regie.models import (
    Casus,
    CasusGebeurtenis,
    Contactmoment,
    MazlAdvies,
    MedischeInhoud,
)
from binnenboord.toegang.models import Medewerker, Rol
from binnenboord.verantwoording.models import Inzage
from tests.factories import MedewerkerFactory, OrganisatieFactory
from tests.regie.factories import open_casus
from tests.wereld import Wereld

MEDISCH_CONTACT = "diagnose ADHD, medicatie methylfenidaat"
ADVIES_CONTACT = "kan twee uur per dag naar school"
MEDISCH_MAZL = "angststoornis, medicatie sertraline"
ADVIES_MAZL = "start met een uur per dag"
MEDISCH = (MEDISCH_CONTACT, MEDISCH_MAZL, "methylfenidaat", "sertraline", "ADHD")
ADVIES = (ADVIES_CONTACT, ADVIES_MAZL)


@dataclass
class Opzet:
    casus: Casus
    lezers: dict[str, Medewerker]


@pytest.fixture
def opzet(wereld: Wereld, client: Client) -> Opzet:
    """Leerplicht directs the case of a Demodam pupil at school 1; the youth doctor, a
    colleague of the same JGZ, a youth doctor of another JGZ, the SWV consultant and the
    family worker take part. The youth doctor records a contact and a MAZL advice through the
    forms."""
    m = wereld.medewerkers
    lpa = m[Rol.LEERPLICHTAMBTENAAR]
    casus = open_casus(wereld.leerlingen["demodam_school1"], lpa)
    collega = MedewerkerFactory(rol=Rol.JEUGDARTS, organisatie=m[Rol.JEUGDARTS].organisatie)
    elders = MedewerkerFactory(
        rol=Rol.JEUGDARTS, organisatie=OrganisatieFactory(naam="GGD Elders", jgz=True)
    )
    for deelnemer in (m[Rol.JEUGDARTS], collega, elders, m[Rol.SWV_CONSULENT], m[Rol.GEZINSWERKER]):
        services.voeg_deelnemer_toe(
            casus=casus, door=lpa, soort="professional", medewerker=deelnemer
        )
    services.sla_plan_op(casus=casus, door=lpa, basis_versie=0, doel="Terug naar school")
    client.force_login(m[Rol.JEUGDARTS])
    vandaag = timezone.localdate().isoformat()
    antwoord = client.post(
        reverse("regie:contactmoment", args=[casus.pk]),
        {
            "contact-soort": "gesprek",
            "contact-datum": vandaag,
            "contact-met": ["ouders"],
            "contact-verslag": MEDISCH_CONTACT,
            "contact-advies_regisseur": ADVIES_CONTACT,
        },
    )
    assert antwoord.status_code == 302
    antwoord = client.post(
        reverse("regie:justitie_formulier", args=[casus.pk, "mazl"]),
        {"mazl-datum": vandaag, "mazl-deelbaar_advies": ADVIES_MAZL, "mazl-medisch": MEDISCH_MAZL},
    )
    assert antwoord.status_code == 302
    client.logout()
    lezers = {
        "jeugdarts": m[Rol.JEUGDARTS],
        "jeugdarts_zelfde_jgz": collega,
        "jeugdarts_andere_jgz": elders,
        "regisseur_leerplicht": lpa,
        "teammanager_leerplicht": m[Rol.TEAMMANAGER],
        "school": m[Rol.SCHOOLMEDEWERKER],
        "swv": m[Rol.SWV_CONSULENT],
        "gezinswerker": m[Rol.GEZINSWERKER],
    }
    return Opzet(casus, lezers)


ZIET_MEDISCH = {"jeugdarts", "jeugdarts_zelfde_jgz"}
ZIET_ADVIES = {"jeugdarts", "jeugdarts_zelfde_jgz", "jeugdarts_andere_jgz", "regisseur_leerplicht"}


def _gevonden(tekst: str, woorden: tuple[str, ...]) -> set[str]:
    return {w for w in woorden if w in tekst}


def test_de_medische_woorden_staan_apart_niet_in_het_gedeelde_verslag(opzet: Opzet) -> None:
    contact = Contactmoment.objects.get()
    assert contact.verslag == ""
    assert contact.advies_regisseur == ADVIES_CONTACT
    assert contact.medisch.tekst == MEDISCH_CONTACT
    assert contact.medisch.organisatie == opzet.lezers["jeugdarts"].organisatie
    advies = MazlAdvies.objects.get()
    assert advies.deelbaar_advies == ADVIES_MAZL
    assert advies.medisch.tekst == MEDISCH_MAZL
    # the history names the contact and the advice, never their content
    geschiedenis = " ".join(
        f"{g.tekst} {g.toelichting} {g.gegevens}" for g in CasusGebeurtenis.objects.all()
    )
    assert _gevonden(geschiedenis, MEDISCH + ADVIES) == set()


def test_wie_de_medische_woorden_en_het_advies_op_de_casuspagina_leest(
    opzet: Opzet, client: Client
) -> None:
    gezien = {}
    for naam, lezer in opzet.lezers.items():
        client.force_login(lezer)
        antwoord = client.get(reverse("regie:casus", args=[opzet.casus.pk]))
        assert antwoord.status_code == 200, naam
        pagina = antwoord.content.decode()
        gezien[naam] = (_gevonden(pagina, MEDISCH), _gevonden(pagina, ADVIES))
    assert gezien == {
        naam: (
            set(MEDISCH) if naam in ZIET_MEDISCH else set(),
            set(ADVIES) if naam in ZIET_ADVIES else set(),
        )
        for naam in opzet.lezers
    }


def test_de_anderen_zien_dat_er_medische_inhoud_is_niet_welke(opzet: Opzet, client: Client) -> None:
    client.force_login(opzet.lezers["school"])
    pagina = client.get(reverse("regie:casus", args=[opzet.casus.pk])).content.decode()
    assert "alleen jeugdartsen lezen het" in pagina
    assert "alleen de regisseur en jeugdartsen lezen het" in pagina


def test_de_tijdlijn_toont_nooit_medische_woorden(opzet: Opzet, client: Client) -> None:
    for naam, lezer in opzet.lezers.items():
        client.force_login(lezer)
        for soort in ("contact", "stap", "casus"):
            antwoord = client.get(reverse("regie:casus", args=[opzet.casus.pk]), {"soort": soort})
            tijdlijn = "".join(str(i) for i in antwoord.context["tijdlijn"])
            assert _gevonden(tijdlijn, MEDISCH + ADVIES) == set(), (naam, soort)


def _pdf_tekst(pdf: bytes) -> str:
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def test_de_opp_export_bevat_geen_medische_woorden(opzet: Opzet, client: Client) -> None:
    for naam in ("school", "regisseur_leerplicht", "teammanager_leerplicht"):
        client.force_login(opzet.lezers[naam])
        antwoord = client.get(reverse("regie:opp_pdf", args=[opzet.casus.pk]))
        assert antwoord.status_code == 200, naam
        tekst = _pdf_tekst(antwoord.content)
        assert "Terug naar school" in tekst
        assert _gevonden(tekst, MEDISCH + ADVIES) == set(), naam


def test_de_api_bevat_geen_medische_woorden(opzet: Opzet) -> None:
    for naam, lezer in opzet.lezers.items():
        client = APIClient()
        client.force_login(lezer)
        for pad in (f"/api/v1/casussen/{opzet.casus.pk}/", "/api/v1/casussen/"):
            antwoord = client.get(pad)
            assert antwoord.status_code == 200, (naam, pad)
            assert _gevonden(antwoord.content.decode(), MEDISCH + ADVIES) == set(), naam


def test_het_lezen_van_medische_inhoud_is_een_eigen_inzageregel(
    opzet: Opzet, client: Client
) -> None:
    for naam in ("school", "regisseur_leerplicht", "jeugdarts_andere_jgz", "jeugdarts"):
        client.force_login(opzet.lezers[naam])
        client.get(reverse("regie:casus", args=[opzet.casus.pk]))
    medisch = Inzage.objects.filter(bron="regie:medisch")
    # the contact notes on the page and the MAZL section each write one
    assert {(i.medewerker_id, i.casus_id, i.handeling) for i in medisch} == {
        (opzet.lezers["jeugdarts"].pk, opzet.casus.pk, Inzage.Handeling.BEKIJKEN)
    }


def test_het_contactformulier_zegt_wie_wat_leest(opzet: Opzet, client: Client) -> None:
    url = reverse("regie:formulier", args=[opzet.casus.pk, "contact"])
    client.force_login(opzet.lezers["jeugdarts"])
    form = client.get(url).context["form"]
    assert str(form.fields["verslag"].label) == "Medisch verslag"
    assert "Alleen jeugdartsen van uw organisatie" in str(form.fields["verslag"].help_text)
    assert "Alleen de regisseur en jeugdartsen" in str(form.fields["advies_regisseur"].help_text)
    client.force_login(opzet.lezers["regisseur_leerplicht"])
    form = client.get(url).context["form"]
    assert "advies_regisseur" not in form.fields
    assert "Iedereen die de casus ziet" in str(form.fields["verslag"].help_text)
    client.force_login(opzet.lezers["jeugdarts"])
    form = client.get(reverse("regie:justitie_formulier", args=[opzet.casus.pk, "mazl"])).context[
        "form"
    ]
    assert "Alleen jeugdartsen van uw organisatie" in str(form.fields["medisch"].help_text)


def test_alleen_een_jeugdarts_geeft_advies_voor_de_regisseur(wereld: Wereld, opzet: Opzet) -> None:
    voor = (Contactmoment.objects.count(), MedischeInhoud.objects.count())
    with pytest.raises(services.CasusNietMogelijk, match="Alleen de jeugdarts"):
        services.registreer_contactmoment(
            casus=opzet.casus,
            door=wereld.medewerkers[Rol.SCHOOLMEDEWERKER],
            soort="gesprek",
            datum=timezone.localdate(),
            verslag="gesprek met de ouders",
            advies_regisseur="iets",
        )
    assert (Contactmoment.objects.count(), MedischeInhoud.objects.count()) == voor
    # a school's notes are shared notes, with no medical part
    contact = services.registreer_contactmoment(
        casus=opzet.casus,
        door=wereld.medewerkers[Rol.SCHOOLMEDEWERKER],
        soort="gesprek",
        datum=timezone.localdate(),
        verslag="gesprek met de ouders",
    )
    assert contact.verslag == "gesprek met de ouders"
    assert not MedischeInhoud.objects.filter(contactmoment=contact).exists()


def test_de_datamigratie_behandelt_bestaande_verslagen_van_een_jeugdarts_als_medisch(
    wereld: Wereld,
) -> None:
    m = wereld.medewerkers
    casus = open_casus(wereld.leerlingen["demodam_school1"], m[Rol.SCHOOLMEDEWERKER])
    dag = timezone.localdate()
    # contacts as they were stored before: the youth doctor's notes as shared notes
    van_arts = Contactmoment.objects.create(
        casus=casus, soort="gesprek", datum=dag, verslag=MEDISCH_CONTACT, door=m[Rol.JEUGDARTS]
    )
    van_school = Contactmoment.objects.create(
        casus=casus,
        soort="gesprek",
        datum=dag,
        verslag="thuis gesproken",
        door=m[Rol.SCHOOLMEDEWERKER],
    )
    migratie = importlib.import_module("binnenboord.regie.migrations.0006_medische_inhoud")
    migratie.medisch_apart(apps, None)
    van_arts.refresh_from_db()
    van_school.refresh_from_db()
    assert van_arts.verslag == ""
    assert van_arts.medisch.tekst == MEDISCH_CONTACT
    assert van_arts.medisch.organisatie == m[Rol.JEUGDARTS].organisatie
    assert van_school.verslag == "thuis gesproken"
    assert MedischeInhoud.objects.count() == 1
