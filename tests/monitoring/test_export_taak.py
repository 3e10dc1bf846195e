# SPDX-License-Identifier: EUPL-1.2
"""Exports of the figures in the background (issue 18, item 8): the PDF and Excel button only
queues an export (monitoring.exporten); the task makes the file with the same builders, stores
it beside the export and notifies the asker; only the asker fetches it, while they may still
see that area; a failing export ends "mislukt" with a Dutch message; old exports are removed.
The world is tests/monitoring/test_views.py's (Demodam's figures over the last month)."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

import pytest
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook
from pypdf import PdfReader

from binnenboord.monitoring.exporten import maak, ruim_op
from binnenboord.monitoring.models import Export
from binnenboord.notificaties.models import Notificatie
from binnenboord.notificaties.teksten import zin
from binnenboord.toegang.models import Gemeente, Rol
from tests.factories import MedewerkerFactory, OrganisatieFactory
from tests.monitoring.exporthulp import export_bestand, vraag_export
from tests.monitoring.test_views import Stad, _als, _params, bouw_stad
from tests.taken import DATABASE_BACKEND, draai_worker
from tests.wereld import Wereld, bouw_wereld

pytestmark = pytest.mark.django_db


@pytest.fixture
def stad(wereld: Wereld) -> Stad:
    return bouw_stad(wereld)


def _tekst(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)


# --- asking: queued, not built in the request ------------------------------------------------


def test_de_knop_zet_de_export_in_de_wachtrij_zonder_het_bestand_te_maken(
    client: Client, stad: Stad, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    # given the real task queue (the database backend) and a policy officer of Demodam
    settings.TASKS = DATABASE_BACKEND
    _als(client, stad, Rol.BELEIDSMEDEWERKER)

    # when she presses the PDF button of the annual report
    response = vraag_export(
        client, _params(stad, soort="jaar", formaat="pdf"), django_capture_on_commit_callbacks
    )

    # then the request only queued an export and its task: no file was made
    export = Export.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("monitoring:exportstatus", args=[export.pk])
    assert (export.status, export.inhoud, export.formaat) == ("wachtrij", None, "pdf")
    assert export.parameters == {
        "soort": "jaar",
        "periode": stad.periode.code,
        "scope": "gemeente:9999",
    }
    [taak] = DBTaskResult.objects.all()
    assert taak.task_path == "binnenboord.monitoring.tasks.maak_export"
    assert taak.args_kwargs["args"] == [export.pk]
    assert taak.status == "READY"

    # and the export's page says it is being made, refreshes itself every 2 s and has a link
    with translation.override("nl"):
        pagina = client.get(response["Location"]).content.decode()
    assert "Uw export wordt gemaakt" in pagina
    assert 'hx-trigger="every 2s"' in pagina
    assert f'href="{response["Location"]}"' in pagina
    assert reverse("monitoring:exportbestand", args=[export.pk]) not in pagina
    # without JavaScript the page also refreshes itself
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in pagina
    # the file is not there yet
    assert client.get(reverse("monitoring:exportbestand", args=[export.pk])).status_code == 404

    # when the worker runs the task's body
    maak(export.pk)

    # then the page stops refreshing and offers the file
    with translation.override("nl"):
        klaar = client.get(response["Location"], headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in klaar
    assert reverse("monitoring:exportbestand", args=[export.pk]) in klaar
    assert "Download het PDF-bestand" in klaar


def test_een_oude_link_naar_de_pdf_toont_de_knop_en_maakt_niets(client: Client, stad: Stad) -> None:
    _als(client, stad, Rol.LEERPLICHTAMBTENAAR)
    with translation.override("nl"):
        response = client.get(reverse("monitoring:export"), _params(stad, formaat="pdf"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<form method="post"' in html
    assert "Maak een PDF-bestand" in html
    assert not Export.objects.exists()


def test_het_dashboard_vraagt_pdf_en_excel_met_een_post_knop(client: Client, stad: Stad) -> None:
    _als(client, stad, Rol.LEERPLICHTAMBTENAAR)
    html = client.get(reverse("monitoring:dashboard"), _params(stad)).content.decode()
    for formaat in ("pdf", "xlsx"):
        assert '<form method="post" action="/cijfers/export/?soort=maand&amp;periode=' in html
        assert f"formaat={formaat}" in html
    # CSV and JSON stay a direct download
    assert "download>" in html


def test_een_tweede_levering_van_de_taak_doet_niets(
    client: Client, stad: Stad, django_capture_on_commit_callbacks: Any
) -> None:
    _als(client, stad, Rol.LEERPLICHTAMBTENAAR)
    _antwoord, export = export_bestand(
        client, _params(stad, formaat="xlsx"), django_capture_on_commit_callbacks
    )
    klaar_op = export.klaar_op
    assert maak(export.pk) is None
    export.refresh_from_db()
    assert export.klaar_op == klaar_op
    assert Notificatie.objects.filter(soort="export_klaar").count() == 1


# --- the file --------------------------------------------------------------------------------


def test_de_pdf_van_het_jaarverslag_is_een_echte_pdf(
    client: Client, stad: Stad, django_capture_on_commit_callbacks: Any
) -> None:
    _als(client, stad, Rol.BELEIDSMEDEWERKER)
    with translation.override("nl"):
        response, export = export_bestand(
            client, _params(stad, soort="jaar", formaat="pdf"), django_capture_on_commit_callbacks
        )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{export.bestandsnaam}"'
    assert export.bestandsnaam.startswith("binnenboord-jaarverslag-gemeente-9999-")
    assert response.content.startswith(b"%PDF")
    tekst = _tekst(response.content)
    # in the asker's language (Dutch), naming the area, never its code
    assert "In één oogopslag" in tekst
    assert "Gemeente Demodam" in tekst
    assert "gemeente:9999" not in tekst
    assert export.taal == "nl"
    assert export.klaar_op is not None and export.klaar_op >= export.aangemaakt_op


def test_het_excelbestand_is_een_echte_werkmap(
    client: Client, stad: Stad, django_capture_on_commit_callbacks: Any
) -> None:
    _als(client, stad, Rol.LEERPLICHTAMBTENAAR)
    response, export = export_bestand(
        client, _params(stad, formaat="xlsx"), django_capture_on_commit_callbacks
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    boek = load_workbook(io.BytesIO(response.content))
    assert boek.worksheets[0].title == "Rapport"
    assert len(boek.worksheets) > 5
    waarden = [
        str(c) for blad in boek.worksheets for rij in blad.iter_rows(values_only=True) for c in rij
    ]
    # suppressed as every export: the 3 pupils in absolute absence show as "< 5"
    assert "< 5" in waarden
    assert export.bestandsnaam.endswith(".xlsx")


# --- who fetches it --------------------------------------------------------------------------


@pytest.fixture
def export_van_beleid(
    client: Client, stad: Stad, django_capture_on_commit_callbacks: Any
) -> Export:
    _als(client, stad, Rol.BELEIDSMEDEWERKER)
    _antwoord, export = export_bestand(
        client, _params(stad, formaat="xlsx"), django_capture_on_commit_callbacks
    )
    client.logout()
    return export


def _urls(export: Export) -> list[str]:
    return [
        reverse("monitoring:exportstatus", args=[export.pk]),
        reverse("monitoring:exportbestand", args=[export.pk]),
    ]


def test_de_vrager_haalt_zijn_export(client: Client, stad: Stad, export_van_beleid: Export) -> None:
    _als(client, stad, Rol.BELEIDSMEDEWERKER)
    assert [client.get(u).status_code for u in _urls(export_van_beleid)] == [200, 200]


def test_een_collega_van_dezelfde_gemeente_vindt_de_export_niet(
    client: Client, stad: Stad, export_van_beleid: Export
) -> None:
    # the team manager of Leerplicht Demodam may see Demodam's figures, not her export
    _als(client, stad, Rol.TEAMMANAGER)
    assert [client.get(u).status_code for u in _urls(export_van_beleid)] == [404, 404]


def test_beleid_van_een_andere_gemeente_vindt_de_export_niet(
    client: Client, stad: Stad, export_van_beleid: Export
) -> None:
    buurdorp = Gemeente.objects.get(code="9998")
    ander = MedewerkerFactory(
        rol=Rol.BELEIDSMEDEWERKER,
        organisatie=OrganisatieFactory(naam="Leerplicht Buurdorp", gemeenten=[buurdorp]),
    )
    client.force_login(ander)
    assert [client.get(u).status_code for u in _urls(export_van_beleid)] == [404, 404]


def test_een_school_vindt_de_export_niet(
    client: Client, stad: Stad, export_van_beleid: Export
) -> None:
    # a role without figures: not found, as every export URL answers anyone but its asker
    # (tests/web/test_aanvallen.py: an object URL answers an attacker as a missing id)
    _als(client, stad, Rol.SCHOOLMEDEWERKER)
    assert [client.get(u).status_code for u in _urls(export_van_beleid)] == [404, 404]
    # and the button that asks for one is forbidden to it
    params = _params(stad, formaat="pdf")
    assert client.post(f"{reverse('monitoring:export')}?{urlencode(params)}").status_code == 403
    assert Export.objects.count() == 1


def test_een_export_wordt_alleen_gelezen_nooit_gepost(
    client: Client, stad: Stad, export_van_beleid: Export
) -> None:
    _als(client, stad, Rol.BELEIDSMEDEWERKER)
    assert [client.post(u).status_code for u in _urls(export_van_beleid)] == [405, 405]


def test_anoniem_gaat_naar_het_inloggen(client: Client, export_van_beleid: Export) -> None:
    for url in _urls(export_van_beleid):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_wie_de_gemeente_niet_meer_ziet_haalt_ook_de_eigen_export_niet(
    client: Client, stad: Stad, export_van_beleid: Export
) -> None:
    # given the asker moved to the municipality of Buurdorp after asking
    vrager = _als(client, stad, Rol.BELEIDSMEDEWERKER)
    buurdorp = Gemeente.objects.get(code="9998")
    vrager.organisatie = OrganisatieFactory(naam="Leerplicht Buurdorp", gemeenten=[buurdorp])
    vrager.save()
    client.force_login(vrager)
    # then her own export of Demodam is not found any more
    assert [client.get(u).status_code for u in _urls(export_van_beleid)] == [404, 404]


def test_een_export_vragen_van_een_bereik_buiten_zicht_wordt_niet_gevonden(
    client: Client, stad: Stad, django_capture_on_commit_callbacks: Any
) -> None:
    _als(client, stad, Rol.BELEIDSMEDEWERKER)
    response = vraag_export(
        client, _params(stad, "gemeente:9998", formaat="pdf"), django_capture_on_commit_callbacks
    )
    assert response.status_code == 404
    assert not Export.objects.exists()


# --- the notification ------------------------------------------------------------------------


def test_de_vrager_krijgt_een_notificatie_met_de_link(
    client: Client, stad: Stad, export_van_beleid: Export
) -> None:
    vrager = stad.wereld.medewerkers[Rol.BELEIDSMEDEWERKER]
    [notificatie] = Notificatie.objects.filter(soort="export_klaar")
    assert notificatie.ontvanger == vrager
    assert notificatie.url == reverse("monitoring:exportstatus", args=[export_van_beleid.pk])
    with translation.override("nl"):
        assert zin(notificatie.soort, notificatie.gegevens) == (
            "Uw export van de cijfers (Excel) staat klaar om te downloaden."
        )
    # and nobody else is told
    assert not Notificatie.objects.exclude(ontvanger=vrager).filter(soort="export_klaar").exists()


# --- failing ---------------------------------------------------------------------------------


def test_wie_tussen_vragen_en_maken_het_recht_verliest_krijgt_een_mislukte_export(
    client: Client, stad: Stad, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    # given an export asked for and queued, and then the asker becomes a school employee
    settings.TASKS = DATABASE_BACKEND
    vrager = _als(client, stad, Rol.BELEIDSMEDEWERKER)
    with translation.override("nl"):
        vraag_export(client, _params(stad, formaat="pdf"), django_capture_on_commit_callbacks)
    export = Export.objects.get()
    vrager.organisatie = stad.school1.organisatie
    vrager.rol = Rol.SCHOOLMEDEWERKER
    vrager.save()

    # when the worker runs it
    maak(export.pk)

    # then it failed with a Dutch message, no file, and the asker is told
    export.refresh_from_db()
    assert export.status == "mislukt"
    assert export.inhoud is None
    assert (
        export.fout == "U mag de cijfers van dit gebied niet meer zien; er is geen bestand gemaakt."
    )
    notificatie = Notificatie.objects.get(soort="export_klaar", ontvanger=vrager)
    assert notificatie.gegevens["gelukt"] is False
    with translation.override("nl"):
        assert zin(notificatie.soort, notificatie.gegevens) == (
            "Uw export van de cijfers (PDF) kon niet worden gemaakt."
        )


def test_een_onleesbare_keuze_eindigt_mislukt_met_een_nederlandse_melding(
    client: Client, stad: Stad
) -> None:
    vrager = stad.wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    export = Export.objects.create(
        medewerker=vrager,
        formaat="pdf",
        parameters={"soort": "decennium", "scope": "gemeente:9999"},
        taal="nl",
    )
    maak(export.pk)
    export.refresh_from_db()
    assert export.status == "mislukt"
    assert export.fout == "De keuze van het rapport is niet meer te lezen."
    # the page shows it, as an alert, and no longer refreshes
    _als(client, stad, Rol.LEERPLICHTAMBTENAAR)
    with translation.override("nl"):
        pagina = client.get(reverse("monitoring:exportstatus", args=[export.pk])).content.decode()
    assert "De keuze van het rapport is niet meer te lezen." in pagina
    assert 'role="alert"' in pagina
    assert "hx-trigger" not in pagina
    assert client.get(reverse("monitoring:exportbestand", args=[export.pk])).status_code == 404


# --- retention -------------------------------------------------------------------------------


def test_oude_exporten_worden_met_hun_bestand_verwijderd(stad: Stad, settings: Any) -> None:
    settings.EXPORT_BEWAAR_UUR = 24
    vrager = stad.wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    oud = Export.objects.create(medewerker=vrager, formaat="pdf", inhoud=b"%PDF-oud")
    nieuw = Export.objects.create(medewerker=vrager, formaat="pdf", inhoud=b"%PDF-nieuw")
    Export.objects.filter(pk=oud.pk).update(aangemaakt_op=timezone.now() - timedelta(hours=25))
    Export.objects.filter(pk=nieuw.pk).update(aangemaakt_op=timezone.now() - timedelta(hours=23))
    assert ruim_op() == 1
    assert list(Export.objects.values_list("pk", flat=True)) == [nieuw.pk]
    # the nightly command does the same
    Export.objects.filter(pk=nieuw.pk).update(aangemaakt_op=timezone.now() - timedelta(hours=30))
    uit = io.StringIO()
    with translation.override("nl"):
        call_command("exporten", stdout=uit)
    assert not Export.objects.exists()
    assert "1 exporten" in uit.getvalue()


def test_een_nieuwe_export_ruimt_de_verlopen_op(
    client: Client, stad: Stad, django_capture_on_commit_callbacks: Any
) -> None:
    vrager = stad.wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    oud = Export.objects.create(medewerker=vrager, formaat="xlsx", inhoud=b"PK")
    Export.objects.filter(pk=oud.pk).update(aangemaakt_op=timezone.now() - timedelta(days=3))
    _als(client, stad, Rol.LEERPLICHTAMBTENAAR)
    _antwoord, export = export_bestand(
        client, _params(stad, formaat="xlsx"), django_capture_on_commit_callbacks
    )
    assert list(Export.objects.values_list("pk", flat=True)) == [export.pk]


# --- a real worker process -------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_een_echt_werkproces_maakt_de_pdf(client: Client, settings: Any) -> None:
    # given the real task queue and a leerplichtambtenaar who asks for the PDF
    settings.TASKS = DATABASE_BACKEND
    stad = bouw_stad(bouw_wereld())
    _als(client, stad, Rol.LEERPLICHTAMBTENAAR)
    with translation.override("nl"):
        response = client.post(
            f"{reverse('monitoring:export')}?{urlencode(_params(stad, formaat='pdf'))}"
        )
    export = Export.objects.get()
    assert response["Location"] == reverse("monitoring:exportstatus", args=[export.pk])
    assert export.status == "wachtrij"
    assert DBTaskResult.objects.get().task_path == "binnenboord.monitoring.tasks.maak_export"

    # when a real worker process runs one task
    worker = draai_worker(180)
    assert worker.returncode == 0, worker.stderr[-3000:]

    # then the export is ready, in Dutch, and its file is a real PDF of Demodam's figures
    export.refresh_from_db()
    assert export.status == "klaar", export.fout
    bestand = client.get(reverse("monitoring:exportbestand", args=[export.pk]))
    assert bestand.status_code == 200
    assert "Gemeente Demodam" in _tekst(bestand.content)
    assert "In één oogopslag" in _tekst(bestand.content)
    assert Notificatie.objects.filter(soort="export_klaar", ontvanger=export.medewerker).exists()
