# SPDX-License-Identifier: EUPL-1.2
"""Meldingen: the verzuimmelding pre-filled from a 16-hour signal, sending, Leerplicht's
handling with its rules, the stay-at-home report in both inboxes at once, the inbox, the
exports and the access log."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pypdf
import pytest

from binnenboord.registratie.models import School
from binnenboord.signalering.exporteren import als_csv, onschadelijk
from binnenboord.signalering.models import (
    Melding,
    MeldingGebeurtenis,
    Signaal,
    SignaalGebeurtenis,
    Soort,
)
from binnenboord.signalering.services.melding import (
    maak_thuiszittermelding,
    maak_verzuimmelding,
    verstuur_melding,
)
from binnenboord.toegang.models import Organisatie, Rol
from binnenboord.verantwoording.models import Inzage
from tests.factories import (
    GemeenteFactory,
    InschrijvingFactory,
    LeerlingFactory,
    MedewerkerFactory,
    OrganisatieFactory,
    OuderFactory,
    VerzuimFactory,
)
from tests.signalering.factories import SignaalFactory
from tests.wereld import Wereld


def _scholen() -> tuple[School, School]:
    return (
        School.objects.get(organisatie__naam="Het Baken"),
        School.objects.get(organisatie__naam="De Vuurtoren"),
    )


@pytest.fixture
def swv(wereld: Wereld) -> Organisatie:
    """School 1 belongs to "SWV Demodam"; school 2 to another partnership."""
    school1, school2 = _scholen()
    eigen = Organisatie.objects.get(naam="SWV Demodam")
    school1.samenwerkingsverband = eigen
    school1.save()
    school2.samenwerkingsverband = OrganisatieFactory(naam="SWV Buurdorp", swv=True)
    school2.save()
    return eigen


@pytest.fixture
def signaal(wereld: Wereld) -> Signaal:
    school1, _ = _scholen()
    return SignaalFactory(
        leerling=wereld.leerlingen["demodam_school1"], school=school1, gebeurtenis=True
    )


def _verzuimmelding(wereld: Wereld, signaal: Signaal, *, verzonden: bool = True) -> Melding:
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    melding = maak_verzuimmelding(signaal=signaal, door=school)
    if verzonden:
        melding = verstuur_melding(melding=melding, door=school)
    return melding


def test_een_verzuimmelding_wordt_vooraf_ingevuld_uit_het_16_urensignaal(
    wereld: Wereld, client: Client, signaal: Signaal
) -> None:
    # given absence in and around the signal's window, a parent's phone and the user's email
    school1, school2 = _scholen()
    leerling = signaal.leerling
    OuderFactory(leerling=leerling, telefoon="06-12345678")
    VerzuimFactory(
        leerling=leerling, school=school1, datum=date(2025, 12, 10), minuten_ongeoorloofd=300
    )
    VerzuimFactory(leerling=leerling, school=school1, datum=date(2025, 12, 11), minuten_ziek=300)
    VerzuimFactory(
        leerling=leerling,
        school=school1,
        datum=date(2026, 1, 12),
        minuten_te_laat=45,
        minuten_luxe=15,
    )
    VerzuimFactory(
        leerling=leerling, school=school1, datum=date(2025, 12, 1), minuten_ongeoorloofd=300
    )
    # absence registered by another school does not belong in this school's report
    VerzuimFactory(
        leerling=leerling, school=school2, datum=date(2025, 12, 17), minuten_ongeoorloofd=300
    )
    gebruiker = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    gebruiker.first_name, gebruiker.last_name, gebruiker.email = "Anna", "Smit", "a.smit@school.nl"
    gebruiker.save()
    client.force_login(gebruiker)

    # when the school makes the melding from the signal
    response = client.post(reverse("meldingen:maak_verzuim", args=[signaal.pk]))

    # then a draft with art. 14 b–k from the data exists and the form opens
    melding = Melding.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("meldingen:wijzigen", args=[melding.pk])
    assert (melding.soort, melding.leerling, melding.school, melding.signaal) == (
        Melding.Soort.VERZUIMMELDING,
        leerling,
        school1,
        signaal,
    )
    assert (melding.begindatum, melding.einddatum) == (date(2025, 12, 8), date(2026, 1, 12))
    assert melding.vermoedelijke_soort == Melding.VermoedelijkeSoort.ZESTIEN_UUR
    assert melding.alle_lessen_gemist is False
    assert (melding.actie_gemeente_gewenst, melding.prioriteit) == (True, "normaal")
    assert melding.leslocatie == f"{school1.naam} ({school1.brin}{school1.vestiging})"
    assert (
        melding.contactpersoon_naam,
        melding.contactpersoon_functie,
        melding.contactpersoon_email,
    ) == ("Anna Smit", "Schoolmedewerker / zorgcoördinator", "a.smit@school.nl")
    assert melding.telefoon_leerling_ouder == "06-12345678"
    assert melding.verzuimspecificatie == [
        {"datum": "2025-12-10", "minuten": 300},
        {"datum": "2026-01-12", "minuten": 60},
    ]
    assert melding.gemeente == leerling.woongemeente
    assert melding.is_concept
    # and the signal is handled as a melding, with history on both sides
    signaal.refresh_from_db()
    assert (signaal.status, signaal.afhandeling, signaal.afgehandeld_door) == (
        Signaal.Status.AFGEHANDELD,
        Signaal.Afhandeling.MELDING,
        gebruiker,
    )
    assert SignaalGebeurtenis.objects.get(signaal=signaal).soort == "melding_gemaakt"
    assert list(melding.gebeurtenissen.values_list("soort", "wie")) == [
        ("aangemaakt", gebruiker.pk)
    ]
    assert Inzage.objects.filter(
        handeling=Inzage.Handeling.AANMAKEN, leerling=leerling, bron="meldingen:maak_verzuim"
    ).exists()
    # and the pre-filled form shows the data
    form = client.get(response["Location"])
    assert form.status_code == 200
    assert "Anna Smit" in form.content.decode()


def test_alle_lessen_gemist_als_elke_lesdag_van_het_venster_een_hele_dag_was(
    wereld: Wereld, signaal: Signaal
) -> None:
    school1, _ = _scholen()
    # Monday 12 and Tuesday 13 January 2026 are lesdagen (regio noord)
    signaal.van, signaal.tot = date(2026, 1, 12), date(2026, 1, 13)
    signaal.save()
    for dag in (12, 13):
        VerzuimFactory(
            leerling=signaal.leerling,
            school=school1,
            datum=date(2026, 1, dag),
            minuten_ongeoorloofd=330,
        )
    melding = maak_verzuimmelding(signaal=signaal, door=wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    assert melding.alle_lessen_gemist is True


def test_alleen_een_open_16_urensignaal_wordt_een_verzuimmelding(
    wereld: Wereld, client: Client, signaal: Signaal
) -> None:
    school1, _ = _scholen()
    ander = SignaalFactory(leerling=signaal.leerling, school=school1)  # langdurig relatief verzuim
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    client.post(reverse("meldingen:maak_verzuim", args=[ander.pk]))
    client.post(reverse("meldingen:maak_verzuim", args=[signaal.pk]))
    client.post(reverse("meldingen:maak_verzuim", args=[signaal.pk]))  # a second click
    assert Melding.objects.count() == 1
    assert Signaal.objects.get(pk=ander.pk).status == Signaal.Status.OPEN


def test_de_school_vult_aan_en_verstuurt_en_leerplicht_ziet_hem(
    wereld: Wereld, client: Client, signaal: Signaal
) -> None:
    melding = _verzuimmelding(wereld, signaal, verzonden=False)
    url = reverse("meldingen:melding", args=[melding.pk])
    client.force_login(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    assert client.get(url).status_code == 404  # a draft is the school's own

    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    gegevens = {
        "begindatum": "2025-12-08",
        "einddatum": "2026-01-12",
        "vermoedelijke_soort": "zestien_uur",
        "vermoedelijke_reden": "Problemen thuis",
        "ondernomen_actie": "Gesprek met ouders",
        "actie_gemeente_gewenst": "on",
        "prioriteit": "hoog",
        "leslocatie": "Het Baken",
        "contactpersoon_naam": "Anna Smit",
        "contactpersoon_functie": "Zorgcoördinator",
        "contactpersoon_telefoon": "030-1234567",
        "contactpersoon_email": "a.smit@school.nl",
        "telefoon_leerling_ouder": "06-12345678",
        "versturen": "1",
    }
    response = client.post(reverse("meldingen:wijzigen", args=[melding.pk]), gegevens)
    assert response.status_code == 302
    melding.refresh_from_db()
    assert (melding.prioriteit, melding.vermoedelijke_reden, melding.verzonden_door) == (
        "hoog",
        "Problemen thuis",
        wereld.medewerkers[Rol.SCHOOLMEDEWERKER],
    )
    assert list(melding.gebeurtenissen.values_list("soort", flat=True)) == [
        "aangemaakt",
        "gewijzigd",
        "verzonden",
    ]
    # a sent melding cannot be changed any more: the school sees it, so "forbidden"
    assert client.get(reverse("meldingen:wijzigen", args=[melding.pk])).status_code == 403

    client.force_login(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    assert client.get(url).status_code == 200
    inbox = client.get(reverse("meldingen:meldingen"))
    assert [m.pk for m in inbox.context["pagina"]] == [melding.pk]


def test_het_schoolformulier_toont_zijn_fouten_in_het_nederlands(
    wereld: Wereld, client: Client, signaal: Signaal
) -> None:
    melding = _verzuimmelding(wereld, signaal, verzonden=False)
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    response = client.post(
        reverse("meldingen:wijzigen", args=[melding.pk]),
        {
            "begindatum": "2026-01-12",
            "einddatum": "2025-12-08",
            "vermoedelijke_soort": "zestien_uur",
            "contactpersoon_naam": "Anna Smit",
            "versturen": "1",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "De einddatum kan niet voor de begindatum liggen." in html
    assert "Leg uit waarom geen actie van de gemeente nodig is." in html
    melding.refresh_from_db()
    assert melding.is_concept
    assert melding.einddatum == date(2026, 1, 12)


def test_leerplicht_behandelt_en_sluiten_vraagt_een_reden_in_het_nederlands(
    wereld: Wereld, client: Client, signaal: Signaal
) -> None:
    melding = _verzuimmelding(wereld, signaal)
    leerplicht = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    client.force_login(leerplicht)
    url = reverse("meldingen:behandelen", args=[melding.pk])

    # closing without a reason is refused, in Dutch, and changes nothing
    zonder = client.post(url, {"status": "afgesloten", "verzuimspecificatie": ""})
    assert zonder.status_code == 400
    assert "Kies een reden van afsluiting als de melding is afgesloten." in zonder.content.decode()
    melding.refresh_from_db()
    assert (melding.status, melding.behandelaar) == ("", None)

    # a bad day/hour line is refused too
    fout = client.post(url, {"status": "in_behandeling", "verzuimspecificatie": "gisteren"})
    assert fout.status_code == 400
    assert "Regel 1" in fout.content.decode()

    # taking it up assigns the officer and corrects the specification (art. 14 l)
    client.post(
        url,
        {
            "status": "in_behandeling",
            "verzuimspecificatie": "10-12-2025 5:00\n12-01-2026 1:30",
            "gemeente_contactpersoon_naam": "Piet Plicht",
        },
    )
    melding.refresh_from_db()
    assert (melding.status, melding.behandelaar) == ("in_behandeling", leerplicht)
    assert melding.verzuimspecificatie == [
        {"datum": "2025-12-10", "minuten": 300},
        {"datum": "2026-01-12", "minuten": 90},
    ]

    # closing with a reason
    client.post(
        url,
        {
            "status": "afgesloten",
            "reden_afsluiting": "terug_naar_school",
            "toelichting_afsluiting": "gezien",
            "opmerking_afsluiting": "Weer op school sinds maandag.",
            "verzuimspecificatie": "10-12-2025 5:00",
            "gemeente_contactpersoon_naam": "Piet Plicht",
        },
    )
    melding.refresh_from_db()
    assert (melding.status, melding.reden_afsluiting, melding.toelichting_afsluiting) == (
        "afgesloten",
        "terug_naar_school",
        "gezien",
    )
    assert melding.afgesloten_op is not None
    assert list(melding.gebeurtenissen.filter(soort="behandeld").values_list("wie", flat=True)) == [
        leerplicht.pk,
        leerplicht.pk,
    ]


def test_de_database_weigert_een_gesloten_melding_zonder_reden(
    wereld: Wereld, signaal: Signaal
) -> None:
    melding = _verzuimmelding(wereld, signaal)
    with pytest.raises(IntegrityError), transaction.atomic():
        Melding.objects.filter(pk=melding.pk).update(status="afgesloten")
    concept = _verzuimmelding(
        wereld,
        SignaalFactory(
            leerling=signaal.leerling,
            school=signaal.school,
            gebeurtenis=True,
            begindatum=date(2026, 2, 2),
        ),
        verzonden=False,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Melding.objects.filter(pk=concept.pk).update(status="in_behandeling")


def test_een_thuiszittermelding_bereikt_leerplicht_en_het_swv_tegelijk(
    wereld: Wereld, client: Client, swv: Organisatie
) -> None:
    leerling = wereld.leerlingen["demodam_school1"]
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    client.force_login(school)
    url = reverse("meldingen:thuiszitter", args=[leerling.pk])
    assert client.get(url).status_code == 200

    # a description is required
    leeg = client.post(url, {"soort": "dreigend_thuiszitter", "omschrijving": " "})
    assert leeg.status_code == 400
    assert not Melding.objects.exists()

    response = client.post(
        url, {"soort": "dreigend_thuiszitter", "omschrijving": "Sinds twee weken niet op school."}
    )
    melding = Melding.objects.get()
    assert response["Location"] == reverse("meldingen:melding", args=[melding.pk])
    assert (melding.samenwerkingsverband, melding.gemeente, melding.verzonden_door) == (
        swv,
        leerling.woongemeente,
        school,
    )
    # both inboxes show it at once
    for rol in (Rol.LEERPLICHTAMBTENAAR, Rol.SWV_CONSULENT):
        client.force_login(wereld.medewerkers[rol])
        inbox = client.get(reverse("meldingen:meldingen"))
        assert [m.pk for m in inbox.context["pagina"]] == [melding.pk], rol
        assert client.get(reverse("web:vandaag")).context["aantal_meldingen"] == 1


def test_een_thuiszittermelding_blijft_buiten_andere_bereiken(
    wereld: Wereld, client: Client, swv: Organisatie
) -> None:
    _, school2 = _scholen()
    melding = maak_thuiszittermelding(
        leerling=wereld.leerlingen["demodam_school1"],
        door=wereld.medewerkers[Rol.SCHOOLMEDEWERKER],
        soort="thuiszitter",
        omschrijving="Thuis sinds september.",
    )
    buurdorp = GemeenteFactory(code="9997", naam="Verweg")
    anderen = {
        "andere school": MedewerkerFactory(
            rol=Rol.SCHOOLMEDEWERKER, organisatie=school2.organisatie
        ),
        "andere gemeente": MedewerkerFactory(
            rol=Rol.LEERPLICHTAMBTENAAR, organisatie=OrganisatieFactory(gemeenten=[buurdorp])
        ),
        "ander swv": MedewerkerFactory(
            rol=Rol.SWV_CONSULENT, organisatie=school2.samenwerkingsverband
        ),
        "beleid": wereld.medewerkers[Rol.BELEIDSMEDEWERKER],
        "jeugdarts": wereld.medewerkers[Rol.JEUGDARTS],
    }
    for wie, gebruiker in anderen.items():
        client.force_login(gebruiker)
        assert client.get(reverse("meldingen:melding", args=[melding.pk])).status_code == 404, wie
        inbox = client.get(reverse("meldingen:meldingen"))
        assert inbox.status_code in (200, 403), wie
        if inbox.status_code == 200:
            assert list(inbox.context["pagina"]) == [], wie
    assert not Inzage.objects.filter(leerling=melding.leerling).exists()


def test_het_swv_ziet_geen_verzuimmelding_en_behandelt_zijn_deel(
    wereld: Wereld, client: Client, signaal: Signaal, swv: Organisatie
) -> None:
    verzuim = _verzuimmelding(wereld, signaal)
    thuis = maak_thuiszittermelding(
        leerling=wereld.leerlingen["buurdorp_school1"],
        door=wereld.medewerkers[Rol.SCHOOLMEDEWERKER],
        soort="dreigend_thuiszitter",
        omschrijving="Komt steeds minder.",
    )
    consulent = wereld.medewerkers[Rol.SWV_CONSULENT]
    client.force_login(consulent)
    assert client.get(reverse("meldingen:melding", args=[verzuim.pk])).status_code == 404
    assert [m.pk for m in client.get(reverse("meldingen:meldingen")).context["pagina"]] == [
        thuis.pk
    ]

    response = client.post(
        reverse("meldingen:swv", args=[thuis.pk]), {"swv_opmerking": "Consulent ingepland."}
    )
    assert response.status_code == 302
    thuis.refresh_from_db()
    assert (thuis.swv_behandelaar, thuis.swv_opmerking) == (consulent, "Consulent ingepland.")
    assert thuis.gebeurtenissen.filter(soort=MeldingGebeurtenis.Soort.SWV_BEHANDELD).count() == 1
    # the SWV sees the melding but cannot do Leerplicht's part (403); Leerplicht (Demodam)
    # does not see a Buurdorp pupil (404)
    assert (
        client.post(
            reverse("meldingen:behandelen", args=[thuis.pk]), {"status": "afgesloten"}
        ).status_code
        == 403
    )
    client.force_login(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    assert client.get(reverse("meldingen:melding", args=[thuis.pk])).status_code == 404


@pytest.mark.parametrize(
    "url_naam",
    ["melding", "wijzigen", "export_pdf", "export_json", "export_csv"],
)
def test_elke_meldingpagina_weigert_buitenstaanders_als_niet_gevonden(
    wereld: Wereld, client: Client, signaal: Signaal, url_naam: str
) -> None:
    melding = _verzuimmelding(wereld, signaal, verzonden=False)
    url = reverse(f"meldingen:{url_naam}", args=[melding.pk])
    assert client.get(url)["Location"].startswith(reverse("login"))
    _, school2 = _scholen()
    buiten = [
        MedewerkerFactory(rol=Rol.SCHOOLMEDEWERKER, organisatie=school2.organisatie),
        wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR],  # a draft
        wereld.medewerkers[Rol.BELEIDSMEDEWERKER],
        wereld.medewerkers[Rol.SWV_CONSULENT],
    ]
    for gebruiker in buiten:
        client.force_login(gebruiker)
        assert client.get(url).status_code == 404, gebruiker.rol
    assert not Inzage.objects.exists()


@pytest.mark.parametrize("url_naam", ["versturen", "behandelen", "swv"])
def test_elke_meldingactie_weigert_buitenstaanders_en_verandert_niets(
    wereld: Wereld, client: Client, signaal: Signaal, url_naam: str
) -> None:
    melding = _verzuimmelding(wereld, signaal, verzonden=False)
    url = reverse(f"meldingen:{url_naam}", args=[melding.pk])
    assert client.post(url)["Location"].startswith(reverse("login"))
    _, school2 = _scholen()
    for gebruiker in (
        MedewerkerFactory(rol=Rol.SCHOOLMEDEWERKER, organisatie=school2.organisatie),
        wereld.medewerkers[Rol.BELEIDSMEDEWERKER],
        wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR],
    ):
        client.force_login(gebruiker)
        assert client.post(url, {"status": "afgesloten"}).status_code == 404
    melding.refresh_from_db()
    assert melding.is_concept
    assert melding.gebeurtenissen.count() == 1


def test_maken_weigert_buitenstaanders(
    wereld: Wereld, client: Client, signaal: Signaal, swv: Organisatie
) -> None:
    leerling = wereld.leerlingen["demodam_school1"]
    maak = reverse("meldingen:maak_verzuim", args=[signaal.pk])
    thuis = reverse("meldingen:thuiszitter", args=[leerling.pk])
    assert client.post(maak)["Location"].startswith(reverse("login"))
    assert client.get(thuis)["Location"].startswith(reverse("login"))
    _, school2 = _scholen()
    for gebruiker in (
        MedewerkerFactory(rol=Rol.SCHOOLMEDEWERKER, organisatie=school2.organisatie),
        wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR],
        wereld.medewerkers[Rol.BELEIDSMEDEWERKER],
        wereld.medewerkers[Rol.SWV_CONSULENT],
    ):
        client.force_login(gebruiker)
        # what the user may not see is missing (404); what she sees but may not report, 403
        ziet_signaal = gebruiker.has_perm("signalering.view_signaal", signaal)
        ziet_leerling = gebruiker.has_perm("registratie.view_leerling", leerling)
        assert client.post(maak).status_code == (403 if ziet_signaal else 404), gebruiker.rol
        assert client.post(thuis, {"soort": "thuiszitter", "omschrijving": "x"}).status_code == (
            403 if ziet_leerling else 404
        ), gebruiker.rol
    assert not Melding.objects.exists()
    assert Signaal.objects.get(pk=signaal.pk).status == Signaal.Status.OPEN


def test_de_inbox_antwoordt_per_rol_en_filtert(
    wereld: Wereld, client: Client, signaal: Signaal, swv: Organisatie
) -> None:
    statussen = {}
    for rol, gebruiker in wereld.medewerkers.items():
        client.force_login(gebruiker)
        statussen[rol] = client.get(reverse("meldingen:meldingen")).status_code
    mag = {Rol.SCHOOLMEDEWERKER, Rol.LEERPLICHTAMBTENAAR, Rol.SWV_CONSULENT}
    assert statussen == {rol: 200 if rol in mag else 403 for rol in Rol.values}

    concept = _verzuimmelding(wereld, signaal, verzonden=False)
    thuis = maak_thuiszittermelding(
        leerling=wereld.leerlingen["buurdorp_school1"],
        door=wereld.medewerkers[Rol.SCHOOLMEDEWERKER],
        soort="thuiszitter",
        omschrijving="Thuis.",
    )
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    url = reverse("meldingen:meldingen")

    def pks(**filter_: str) -> list[int]:
        return [m.pk for m in client.get(url, filter_).context["pagina"]]

    assert pks() == [thuis.pk, concept.pk]  # newest first
    assert pks(stand="concept") == [concept.pk]
    assert pks(stand="verzonden") == [thuis.pk]
    assert pks(soort="verzuimmelding") == [concept.pk]
    assert pks(school=str(_scholen()[0].pk)) == [thuis.pk, concept.pk]
    assert pks(stand="afgesloten") == []
    gelogd = Inzage.objects.filter(bron="meldingen:meldingen", handeling=Inzage.Handeling.ZOEKEN)
    assert {thuis.leerling_id, concept.leerling_id} <= set(
        gelogd.values_list("leerling_id", flat=True)
    )


def test_de_pdf_export_is_een_pdf_met_de_naam_van_de_leerling_en_wordt_gelogd(
    wereld: Wereld, client: Client, signaal: Signaal
) -> None:
    melding = _verzuimmelding(wereld, signaal)
    client.force_login(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    response = client.get(reverse("meldingen:export_pdf", args=[melding.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    tekst = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(response.content)).pages)
    assert melding.leerling.achternaam in tekst
    regels = " ".join(tekst.split())  # a narrow label column wraps "art. 14 onder b"
    assert "Begindatum verzuim (art. 14 onder b)" in regels
    assert "08-12-2025" in tekst
    log = Inzage.objects.get(bron="meldingen:export_pdf")
    assert (log.handeling, log.leerling_id) == (Inzage.Handeling.EXPORTEREN, melding.leerling_id)


def test_de_json_export_heeft_art_14_per_letter(
    wereld: Wereld, client: Client, signaal: Signaal
) -> None:
    melding = _verzuimmelding(wereld, signaal)
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    response = client.get(reverse("meldingen:export_json", args=[melding.pk]))
    gegevens = json.loads(response.content)
    assert gegevens["soort"] == "verzuimmelding"
    assert gegevens["stand"] == "verzonden"
    assert gegevens["leerling"]["bsn"] == melding.leerling.bsn
    assert gegevens["art14"]["b_begindatum"] == "2025-12-08"
    assert gegevens["art14"]["d_vermoedelijke_soort"] == "zestien_uur"
    assert gegevens["art14"]["h_actie_gemeente_gewenst"] is True
    assert gegevens["art14"]["m_status"] == ""
    assert Inzage.objects.get(bron="meldingen:export_json").handeling == "exporteren"


def test_de_csv_export_maakt_formules_onschadelijk(
    wereld: Wereld, client: Client, signaal: Signaal
) -> None:
    melding = _verzuimmelding(wereld, signaal, verzonden=False)
    Melding.objects.filter(pk=melding.pk).update(
        vermoedelijke_reden='=HYPERLINK("http://x")',
        ondernomen_actie="+31 gebeld",
        contactpersoon_naam="@Anna",
        telefoon_leerling_ouder="-1",
    )
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    response = client.get(reverse("meldingen:export_csv", args=[melding.pk]))
    assert response.status_code == 200
    rijen = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rijen) == 1
    rij = rijen[0]
    assert rij["e_vermoedelijke_reden"] == '\'=HYPERLINK("http://x")'
    assert rij["g_ondernomen_actie"] == "'+31 gebeld"
    assert rij["j_contactpersoon_naam"] == "'@Anna"
    assert rij["k_telefoon_leerling_ouder"] == "'-1"
    assert rij["b_begindatum"] == "2025-12-08"
    assert rij["leerling_achternaam"] == melding.leerling.achternaam
    assert Inzage.objects.get(bron="meldingen:export_csv").handeling == "exporteren"
    assert onschadelijk("gewoon") == "gewoon"
    assert als_csv(Melding.objects.get(pk=melding.pk)).startswith(b"\xef\xbb\xbf")


def test_de_signaalpagina_en_leerlingpagina_bieden_de_meldingen_aan(
    wereld: Wereld, client: Client, signaal: Signaal
) -> None:
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    html = client.get(reverse("signalering:signaal", args=[signaal.pk])).content.decode()
    assert reverse("meldingen:maak_verzuim", args=[signaal.pk]) in html
    assert reverse("meldingen:thuiszitter", args=[signaal.leerling_id]) in html
    inbox = client.get(reverse("signalering:signalen")).content.decode()
    assert reverse("meldingen:maak_verzuim", args=[signaal.pk]) in inbox
    dossier = client.get(
        reverse("registratie:leerling", args=[signaal.leerling_id])
    ).content.decode()
    assert reverse("meldingen:thuiszitter", args=[signaal.leerling_id]) in dossier
    # Leerplicht may see the signal but does not report to itself
    client.force_login(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    html = client.get(reverse("signalering:signaal", args=[signaal.pk])).content.decode()
    assert reverse("meldingen:maak_verzuim", args=[signaal.pk]) not in html


def test_een_thuiszittermelding_vanuit_een_signaal_handelt_het_signaal_af(
    wereld: Wereld, client: Client, swv: Organisatie
) -> None:
    school1, _ = _scholen()
    leerling = wereld.leerlingen["demodam_school1"]
    signaal = SignaalFactory(
        leerling=leerling, school=school1, soort=Soort.LANGDURIG_RELATIEF_VERZUIM
    )
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    url = reverse("meldingen:thuiszitter", args=[leerling.pk])
    client.post(url, {"soort": "thuiszitter", "omschrijving": "Thuis.", "signaal": signaal.pk})
    melding = Melding.objects.get()
    assert melding.signaal == signaal
    assert Signaal.objects.get(pk=signaal.pk).afhandeling == Signaal.Afhandeling.MELDING


def test_een_school_zonder_samenwerkingsverband_kan_geen_thuiszittermelding_versturen(
    wereld: Wereld, client: Client
) -> None:
    leerling = wereld.leerlingen["demodam_school1"]
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    response = client.post(
        reverse("meldingen:thuiszitter", args=[leerling.pk]),
        {"soort": "thuiszitter", "omschrijving": "Thuis."},
    )
    assert response.status_code == 400
    assert "samenwerkingsverband" in response.content.decode()
    assert not Melding.objects.exists()


def test_het_aantal_queries_van_de_inbox_is_constant(
    wereld: Wereld, client: Client, swv: Organisatie
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    school1, _ = _scholen()
    schoolmedewerker = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    client.force_login(wereld.medewerkers[Rol.SWV_CONSULENT])
    url = reverse("meldingen:meldingen")

    def aantal() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    def nieuwe() -> None:
        leerling = LeerlingFactory()
        InschrijvingFactory(leerling=leerling, school=school1, begindatum=date(2024, 8, 1))
        maak_thuiszittermelding(
            leerling=leerling, door=schoolmedewerker, soort="thuiszitter", omschrijving="Thuis."
        )

    nieuwe()
    weinig = aantal()
    for _ in range(5):
        nieuwe()
    assert aantal() == weinig
    assert timezone.localdate() >= date(2024, 8, 1)
