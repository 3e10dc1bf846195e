# SPDX-License-Identifier: EUPL-1.2
"""The melding page: Leerplicht opens a case from a sent report (the report linked and taken
up as "in behandeling"), the school and another municipality cannot; the history names fields
by their Dutch label; art. 14 letters are only a hint beside the label."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from binnenboord.regie.models import Casus
from binnenboord.signalering.models import Melding, MeldingGebeurtenis, Signaal
from binnenboord.signalering.services.melding import (
    maak_thuiszittermelding,
    maak_verzuimmelding,
    verstuur_melding,
    wijzig_melding,
)
from binnenboord.toegang.models import Gemeente, Organisatie, Rol
from tests.factories import MedewerkerFactory, OrganisatieFactory
from tests.signalering.factories import SignaalFactory
from tests.wereld import Wereld

pytestmark = pytest.mark.django_db


@pytest.fixture
def melding(wereld: Wereld) -> Melding:
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    leerling = wereld.leerlingen["demodam_school1"]
    signaal: Signaal = SignaalFactory(
        leerling=leerling, school=leerling.inschrijvingen.get().school, gebeurtenis=True
    )
    concept = maak_verzuimmelding(signaal=signaal, door=school)
    wijzig_melding(
        melding=concept,
        door=school,
        gegevens={"vermoedelijke_reden": "Ziek thuis, niet gemeld", "prioriteit": "hoog"},
    )
    return verstuur_melding(melding=concept, door=school)


def _openknop(html: str) -> str | None:
    gevonden = re.search(r'href="([^"]*\?melding=\d+)"', html)
    return gevonden.group(1).replace("&amp;", "&") if gevonden else None


def test_leerplicht_opent_een_casus_vanuit_de_melding(
    wereld: Wereld, client: Client, melding: Melding
) -> None:
    leerplicht = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    client.force_login(leerplicht)
    pagina = client.get(reverse("meldingen:melding", args=[melding.pk])).content.decode()

    # the button leads to the case form for this pupil with the report linked
    url = _openknop(pagina)
    assert url == f"{reverse('regie:nieuw', args=[melding.leerling_id])}?melding={melding.pk}"
    formulier = client.get(url)
    assert formulier.status_code == 200
    assert f'name="melding" value="{melding.pk}"' in formulier.content.decode()

    antwoord = client.post(
        url,
        {
            "start": melding.begindatum.isoformat(),
            "regisseur": leerplicht.pk,
            "melding": melding.pk,
        },
    )
    casus = Casus.objects.get(leerling=melding.leerling)
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("regie:casus", args=[casus.pk])
    assert casus.melding == melding
    # the report is taken up: status "in behandeling", handled by her, in its history
    melding.refresh_from_db()
    assert (melding.status, melding.behandelaar) == (Melding.Status.IN_BEHANDELING, leerplicht)
    assert melding.gebeurtenissen.filter(soort=MeldingGebeurtenis.Soort.BEHANDELD).exists()

    # the melding page now links the case and offers no second one
    daarna = client.get(reverse("meldingen:melding", args=[melding.pk])).content.decode()
    assert _openknop(daarna) is None
    assert reverse("regie:casus", args=[casus.pk]) in daarna


def test_de_school_kan_geen_casus_vanuit_de_melding_openen(
    wereld: Wereld, client: Client, melding: Melding
) -> None:
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    client.force_login(school)
    pagina = client.get(reverse("meldingen:melding", args=[melding.pk]))
    assert pagina.status_code == 200
    assert _openknop(pagina.content.decode()) is None

    # not by typing the address either (the school may open a case by hand, not from a report)
    url = f"{reverse('regie:nieuw', args=[melding.leerling_id])}?melding={melding.pk}"
    assert client.get(url).status_code == 403
    post = client.post(
        url,
        {"start": timezone.localdate().isoformat(), "regisseur": school.pk, "melding": melding.pk},
    )
    assert post.status_code == 403
    assert not Casus.objects.exists()
    melding.refresh_from_db()
    assert melding.status == ""


def test_leerplicht_van_een_andere_gemeente_ziet_melding_noch_knop(
    wereld: Wereld, client: Client, melding: Melding
) -> None:
    buurdorp = Gemeente.objects.get(naam="Buurdorp")
    andere = MedewerkerFactory(
        rol=Rol.LEERPLICHTAMBTENAAR,
        organisatie=OrganisatieFactory(naam="Leerplicht Buurdorp", gemeenten=[buurdorp]),
    )
    client.force_login(andere)

    assert client.get(reverse("meldingen:melding", args=[melding.pk])).status_code == 404
    url = f"{reverse('regie:nieuw', args=[melding.leerling_id])}?melding={melding.pk}"
    assert client.get(url).status_code in (403, 404)
    assert client.post(url, {"start": "2026-01-05", "regisseur": andere.pk}).status_code in (
        403,
        404,
    )
    assert not Casus.objects.exists()


def test_het_samenwerkingsverband_ziet_een_thuiszittermelding_zonder_knop(
    wereld: Wereld, client: Client
) -> None:
    leerling = wereld.leerlingen["demodam_school1"]
    school = leerling.inschrijvingen.get().school
    school.samenwerkingsverband = Organisatie.objects.get(naam="SWV Demodam")
    school.save()
    thuis = maak_thuiszittermelding(
        leerling=leerling,
        door=wereld.medewerkers[Rol.SCHOOLMEDEWERKER],
        soort=Melding.Soort.THUISZITTER,
        omschrijving="Al drie weken thuis.",
    )

    client.force_login(wereld.medewerkers[Rol.SWV_CONSULENT])
    pagina = client.get(reverse("meldingen:melding", args=[thuis.pk]))
    assert pagina.status_code == 200
    assert _openknop(pagina.content.decode()) is None
    # while Leerplicht has it
    client.force_login(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    assert _openknop(client.get(reverse("meldingen:melding", args=[thuis.pk])).content.decode())


def test_de_historie_toont_veldlabels_en_geen_veldnamen(
    wereld: Wereld, client: Client, melding: Melding
) -> None:
    client.force_login(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    html = client.get(reverse("meldingen:melding", args=[melding.pk])).content.decode()
    historie = html.split('id="historie"', 1)[1] if 'id="historie"' in html else html

    assert "vermoedelijke_reden" not in html
    assert "prioriteit," not in historie
    assert "Vermoedelijke reden van het verzuim, Prioriteit" in historie


def test_de_labels_zijn_nederlands_met_het_artikel_als_hint(
    wereld: Wereld, client: Client, melding: Melding
) -> None:
    leerplicht = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    client.force_login(leerplicht)
    html = client.get(reverse("meldingen:melding", args=[melding.pk])).content.decode()

    # the detail page: the label first, the letter in a hint
    assert re.search(
        r"<dt>Vermoedelijke reden van het verzuim <small[^>]*>\(art\. 14 onder e\)", html
    )
    assert re.search(r"<dt>[a-p]\. ", html) is None
    # Leerplicht's form: plain labels, the article in the help text
    assert re.search(r'<label[^>]*for="id_status"[^>]*>Status', html)
    assert "m. Status" not in html
    assert "art. 14 onder m" in html

    # and the school's form for a draft
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    ander = wereld.leerlingen["buurdorp_school1"]
    signaal: Signaal = SignaalFactory(leerling=ander, school=melding.school, gebeurtenis=True)
    concept = maak_verzuimmelding(signaal=signaal, door=school)
    client.force_login(school)
    formulier = client.get(reverse("meldingen:wijzigen", args=[concept.pk])).content.decode()
    assert re.search(r'<label[^>]*for="id_begindatum"[^>]*>Begindatum verzuim', formulier)
    assert "art. 14 onder b" in formulier
    assert re.search(r"<label[^>]*>[b-p]\. ", formulier) is None
