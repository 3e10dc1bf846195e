# SPDX-License-Identifier: EUPL-1.2
"""The person pickers (gedeeld.zoekkeuze) and their search endpoints (web/keuzes.py).

- The referral's pupil search answers only the school's own pupils of today, for a
  consultation hour the school may refer to; another school and Leerplicht of another
  municipality get 404; every pupil it shows is in the access log, and only those.
- The staff search of the meeting forms offers the forms' own choice (no technical account).
- Without JavaScript the search button shows the form again with the matches and the other
  values as entered, saving nothing; a normal POST with a chosen id saves; an id outside the
  field's queryset is refused with a Dutch error naming the field.
- The widget shows surname first, at most 25 matches, nothing for fewer than 2 characters.
"""

from __future__ import annotations

import re
from datetime import date, time, timedelta
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from binnenboord.gedeeld.zoekkeuze import MAX_TREFFERS
from binnenboord.regie.forms.overleg import OverlegForm, VerwijzingForm
from binnenboord.regie.models import Overleg, Spreekuur, Verwijzing
from binnenboord.regie.selectors.casus import kiesbare_medewerkers
from binnenboord.regie.services import overleg as diensten
from binnenboord.registratie.models import Leerling, School
from binnenboord.toegang.models import Gemeente, Medewerker, Organisatie, Rol
from binnenboord.verantwoording.models import Inzage
from tests.factories import (
    InschrijvingFactory,
    LeerlingFactory,
    MedewerkerFactory,
    OrganisatieFactory,
)
from tests.regie.factories import open_casus
from tests.wereld import Wereld

VERWIJZING = "verwijzing-leerling"


def _spreekuur(wereld: Wereld) -> Spreekuur:
    return diensten.plan_spreekuur(
        school=School.objects.get(organisatie__naam="Het Baken"),
        leerplichtambtenaar=wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR],
        datum=timezone.localdate() + timedelta(days=7),
        begin=time(9, 0),
        einde=time(10, 0),
    )


def _leerling(wereld: Wereld, school: str, voornamen: str, achternaam: str) -> Leerling:
    leerling: Leerling = LeerlingFactory(
        voornamen=voornamen,
        achternaam=achternaam,
        geboortedatum=date(2014, 3, 12),
        woongemeente=wereld.leerplicht.gemeenten.get(),
    )
    InschrijvingFactory(leerling=leerling, school=School.objects.get(organisatie__naam=school))
    return leerling


def _client(gebruiker: Medewerker) -> Client:
    client = Client()
    client.force_login(gebruiker)
    return client


def _zoek(client: Client, spreekuur: Spreekuur, zoekterm: str, **extra: Any) -> Any:
    return client.get(
        reverse("web:zoek_verwijzing", args=[spreekuur.pk]),
        {f"{VERWIJZING}-zoekterm": zoekterm, **extra},
    )


def _waarden(antwoord: Any, naam: str) -> list[str]:
    """The values of the options named `naam` in the answer."""
    return re.findall(rf'name="{re.escape(naam)}" value="(\d+)"', antwoord.content.decode())


# --- the pupil search of the referral ----------------------------------------------------


def test_de_school_vindt_haar_eigen_leerling_met_achternaam_eerst_en_het_wordt_gelogd(
    wereld: Wereld,
) -> None:
    spreekuur = _spreekuur(wereld)
    eigen = _leerling(wereld, "Het Baken", "Piet", "Zoekbaarman")
    ander = _leerling(wereld, "De Vuurtoren", "Klaas", "Zoekbaarman")
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    antwoord = _zoek(_client(school), spreekuur, "zoekbaar")
    assert antwoord.status_code == 200
    inhoud = antwoord.content.decode()
    assert "Zoekbaarman, Piet (12-03-2014)" in inhoud
    assert _waarden(antwoord, VERWIJZING) == [str(eigen.pk)]
    assert "Klaas" not in inhoud and str(ander.pk) not in _waarden(antwoord, VERWIJZING)
    # the access log names exactly the pupil shown, as a search
    regels = Inzage.objects.filter(bron="web:zoek_verwijzing")
    assert list(regels.values_list("leerling_id", "handeling", "medewerker_id")) == [
        (eigen.pk, Inzage.Handeling.ZOEKEN, school.pk)
    ]


def test_zoeken_op_geboortedatum_en_bsn_vindt_de_eigen_leerling(wereld: Wereld) -> None:
    spreekuur = _spreekuur(wereld)
    eigen = _leerling(wereld, "Het Baken", "Piet", "Datumman")
    client = _client(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    assert str(eigen.pk) in _waarden(_zoek(client, spreekuur, "12-03-2014"), VERWIJZING)
    assert _waarden(_zoek(client, spreekuur, eigen.bsn), VERWIJZING) == [str(eigen.pk)]


def test_een_te_korte_zoekterm_toont_niemand_en_logt_niemand(wereld: Wereld) -> None:
    spreekuur = _spreekuur(wereld)
    _leerling(wereld, "Het Baken", "Piet", "Zoekbaarman")
    antwoord = _zoek(_client(wereld.medewerkers[Rol.SCHOOLMEDEWERKER]), spreekuur, "z")
    assert antwoord.status_code == 200
    assert _waarden(antwoord, VERWIJZING) == []
    assert "Typ minstens 2 tekens." in antwoord.content.decode()
    assert not Inzage.objects.filter(bron="web:zoek_verwijzing", leerling__isnull=False).exists()


def test_hoogstens_25_treffers_en_de_vraag_om_meer_te_typen(wereld: Wereld) -> None:
    spreekuur = _spreekuur(wereld)
    for i in range(MAX_TREFFERS + 2):
        _leerling(wereld, "Het Baken", f"Kind{i}", "Veelvoud")
    antwoord = _zoek(_client(wereld.medewerkers[Rol.SCHOOLMEDEWERKER]), spreekuur, "veelvoud")
    assert len(_waarden(antwoord, VERWIJZING)) == MAX_TREFFERS
    assert "Meer dan 25 gevonden" in antwoord.content.decode()
    assert Inzage.objects.filter(bron="web:zoek_verwijzing").count() == MAX_TREFFERS


def test_de_gekozen_leerling_blijft_staan_bij_een_nieuwe_zoekterm(wereld: Wereld) -> None:
    spreekuur = _spreekuur(wereld)
    eerste = _leerling(wereld, "Het Baken", "Piet", "Eerstman")
    tweede = _leerling(wereld, "Het Baken", "Anna", "Tweedevrouw")
    client = _client(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    antwoord = _zoek(client, spreekuur, "tweede", **{VERWIJZING: eerste.pk})
    assert _waarden(antwoord, VERWIJZING) == [str(eerste.pk), str(tweede.pk)]
    assert re.search(rf'value="{eerste.pk}"[^>]*checked', antwoord.content.decode())
    assert not re.search(rf'value="{tweede.pk}"[^>]*checked', antwoord.content.decode())


@pytest.mark.parametrize("wie", ["andere_school", "andere_gemeente"])
def test_een_andere_school_of_gemeente_krijgt_niet_gevonden(wie: str, wereld: Wereld) -> None:
    spreekuur = _spreekuur(wereld)
    _leerling(wereld, "Het Baken", "Piet", "Zoekbaarman")
    if wie == "andere_school":
        # a school staff member of the other school (De Vuurtoren) in the same municipality
        gebruiker = MedewerkerFactory(
            rol=Rol.SCHOOLMEDEWERKER, organisatie=Organisatie.objects.get(naam="De Vuurtoren")
        )
    else:
        buurdorp = OrganisatieFactory(
            naam="Leerplicht Buurdorp", gemeenten=[Gemeente.objects.get(code="9998")]
        )
        gebruiker = MedewerkerFactory(rol=Rol.LEERPLICHTAMBTENAAR, organisatie=buurdorp)
    antwoord = _zoek(_client(gebruiker), spreekuur, "zoekbaar")
    assert antwoord.status_code == 404
    assert "Zoekbaarman" not in antwoord.content.decode()
    assert not Inzage.objects.filter(bron="web:zoek_verwijzing").exists()


def test_de_leerplichtambtenaar_ziet_het_spreekuur_maar_mag_niet_verwijzen(
    wereld: Wereld,
) -> None:
    spreekuur = _spreekuur(wereld)
    antwoord = _zoek(_client(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]), spreekuur, "zo")
    assert antwoord.status_code == 403


def test_de_pagina_toont_zonder_zoekterm_geen_leerlingen_van_de_school(wereld: Wereld) -> None:
    spreekuur = _spreekuur(wereld)
    _leerling(wereld, "Het Baken", "Piet", "Zoekbaarman")
    client = _client(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    antwoord = client.get(reverse("overleg:spreekuur", args=[spreekuur.pk]))
    inhoud = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "Zoekbaarman" not in inhoud
    # the picker: its search box, its no-JS button and the htmx search of this hour
    assert f'name="{VERWIJZING}-zoekterm"' in inhoud
    assert f'name="zoek-{VERWIJZING}"' in inhoud
    assert f'hx-get="{reverse("web:zoek_verwijzing", args=[spreekuur.pk])}"' in inhoud


# --- without JavaScript: the search button, then saving ------------------------------------


def test_zonder_javascript_toont_de_zoekknop_de_treffers_en_houdt_de_rest(
    wereld: Wereld,
) -> None:
    spreekuur = _spreekuur(wereld)
    eigen = _leerling(wereld, "Het Baken", "Piet", "Zoekbaarman")
    client = _client(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    antwoord = client.post(
        reverse("overleg:verwijs", args=[spreekuur.pk]),
        {
            f"{VERWIJZING}-zoekterm": "zoekbaar",
            f"zoek-{VERWIJZING}": "1",
            "verwijzing-tijdvak": "09:20",
            "verwijzing-reden": "Vaak te laat op maandag",
        },
    )
    assert antwoord.status_code == 200
    inhoud = antwoord.content.decode()
    assert _waarden(antwoord, VERWIJZING) == [str(eigen.pk)]
    assert "Vaak te laat op maandag" in inhoud
    assert 'value="09:20" selected' in inhoud
    assert 'class="bb-fout"' not in inhoud  # a search is no attempt to save: no errors
    assert not Verwijzing.objects.exists()
    assert list(
        Inzage.objects.filter(bron="regie:spreekuur").values_list("leerling_id", flat=True)
    ) == [eigen.pk]


def test_een_gekozen_leerling_wordt_verwezen(wereld: Wereld) -> None:
    spreekuur = _spreekuur(wereld)
    eigen = _leerling(wereld, "Het Baken", "Piet", "Zoekbaarman")
    client = _client(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    antwoord = client.post(
        reverse("overleg:verwijs", args=[spreekuur.pk]),
        {
            f"{VERWIJZING}-zoekterm": "zoekbaar",
            VERWIJZING: eigen.pk,
            "verwijzing-tijdvak": "09:20",
            "verwijzing-reden": "Vaak te laat",
        },
    )
    assert antwoord.status_code == 302
    assert list(Verwijzing.objects.values_list("leerling_id", "tijdvak")) == [
        (eigen.pk, time(9, 20))
    ]


def test_een_leerling_van_een_andere_school_wordt_geweigerd_met_de_naam_van_het_veld(
    wereld: Wereld,
) -> None:
    spreekuur = _spreekuur(wereld)
    ander = _leerling(wereld, "De Vuurtoren", "Klaas", "Anderman")
    client = _client(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    antwoord = client.post(
        reverse("overleg:verwijs", args=[spreekuur.pk]),
        {VERWIJZING: ander.pk, "verwijzing-tijdvak": "09:20", "verwijzing-reden": "x"},
    )
    assert antwoord.status_code == 400
    fouten = antwoord.context["verwijzen"].errors["leerling"]
    assert fouten == ["Leerling: kies uit de zoekresultaten; deze keuze is niet mogelijk."]
    assert "Anderman" not in antwoord.content.decode()
    assert not Verwijzing.objects.exists()


# --- the meeting: chair and members ------------------------------------------------------


def _lid(achternaam: str, rol: str = Rol.JEUGDARTS) -> Medewerker:
    lid: Medewerker = MedewerkerFactory(
        first_name="Jet",
        last_name=achternaam,
        rol=rol,
        organisatie=Organisatie.objects.get(naam="GGD Demodam"),
    )
    return lid


def test_de_medewerkerzoeker_toont_naam_rol_en_organisatie_als_vinkjes(wereld: Wereld) -> None:
    lid = _lid("Vergaderdijk")
    client = _client(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    antwoord = client.get(
        reverse("web:zoek_medewerker"),
        {"veld": "leden", "naam": "leden", "leden-zoekterm": "vergader"},
    )
    assert antwoord.status_code == 200
    inhoud = antwoord.content.decode()
    assert _waarden(antwoord, "leden") == [str(lid.pk)]
    assert 'type="checkbox"' in inhoud
    assert "Jet Vergaderdijk · Jeugdarts / jeugdverpleegkundige · GGD Demodam" in inhoud


def test_de_medewerkerzoeker_biedt_alleen_wat_het_formulier_biedt(wereld: Wereld) -> None:
    weg = _lid("Vergaderdijk")
    weg.is_active = False
    weg.save()
    beleid = _lid("Vergaderbeleid", Rol.BELEIDSMEDEWERKER)
    client = _client(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    antwoord = client.get(
        reverse("web:zoek_medewerker"),
        {"veld": "voorzitter", "naam": "voorzitter", "voorzitter-zoekterm": "vergader"},
    )
    assert _waarden(antwoord, "voorzitter") == []
    assert not kiesbare_medewerkers().filter(pk__in=[weg.pk, beleid.pk]).exists()


@pytest.mark.parametrize(
    "gegevens",
    [{}, {"veld": "leden"}, {"veld": "iets", "naam": "leden"}, {"veld": "leden", "naam": "a b"}],
)
def test_de_medewerkerzoeker_weigert_een_onbekende_zoekopdracht(
    gegevens: dict[str, str], wereld: Wereld
) -> None:
    antwoord = _client(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]).get(
        reverse("web:zoek_medewerker"), gegevens
    )
    assert antwoord.status_code == 400
    assert "Deze zoekopdracht bestaat niet." in antwoord.content.decode()


def test_de_beleidsmedewerker_mag_niet_zoeken(wereld: Wereld) -> None:
    antwoord = _client(wereld.medewerkers[Rol.BELEIDSMEDEWERKER]).get(
        reverse("web:zoek_medewerker"), {"veld": "leden", "naam": "leden"}
    )
    assert antwoord.status_code == 403


def test_zonder_javascript_zoekt_de_vergadering_leden_en_houdt_de_gekozenen(
    wereld: Wereld,
) -> None:
    eerste, tweede = _lid("Vergaderdijk"), _lid("Overlegveld")
    client = _client(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    antwoord = client.post(
        reverse("overleg:nieuw"),
        {
            "soort": "actietafel",
            "datum": "2027-01-11",
            "locatie": "Stadhuis kamer 3",
            "leden": [eerste.pk],
            "leden-zoekterm": "overleg",
            "zoek-leden": "1",
        },
    )
    assert antwoord.status_code == 200
    inhoud = antwoord.content.decode()
    assert _waarden(antwoord, "leden") == [str(eerste.pk), str(tweede.pk)]
    assert "Stadhuis kamer 3" in inhoud
    assert "Gekozen (vinkje weghalen om te verwijderen):" in inhoud
    assert not Overleg.objects.exists()


def test_de_gekozen_voorzitter_en_leden_worden_opgeslagen(wereld: Wereld) -> None:
    eerste, tweede = _lid("Vergaderdijk"), _lid("Overlegveld")
    client = _client(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    antwoord = client.post(
        reverse("overleg:nieuw"),
        {
            "soort": "actietafel",
            "datum": "2027-01-11",
            "voorzitter": eerste.pk,
            "leden": [eerste.pk, tweede.pk],
        },
    )
    assert antwoord.status_code == 302
    overleg = Overleg.objects.get()
    assert overleg.voorzitter == eerste
    assert set(overleg.leden.all()) == {eerste, tweede}


def test_een_lid_buiten_de_keuze_wordt_geweigerd_met_de_naam_van_het_veld(
    wereld: Wereld,
) -> None:
    beleid = _lid("Vergaderbeleid", Rol.BELEIDSMEDEWERKER)
    client = _client(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    antwoord = client.post(
        reverse("overleg:nieuw"),
        {"soort": "actietafel", "datum": "2027-01-11", "leden": [beleid.pk]},
    )
    assert antwoord.status_code == 400
    assert antwoord.context["form"].errors["leden"] == [
        "Leden: kies uit de zoekresultaten; deze keuze is niet mogelijk."
    ]
    assert not Overleg.objects.exists()


# --- the widget itself -------------------------------------------------------------------


def test_het_formulier_tekent_alleen_gekozen_en_treffers_nooit_de_hele_lijst(
    wereld: Wereld,
) -> None:
    _lid("Vergaderdijk")
    form = OverlegForm(kandidaten=kiesbare_medewerkers())
    html = str(form["leden"])
    assert 'type="checkbox"' not in html  # nothing searched, nothing chosen
    assert 'name="leden-zoekterm"' in html and 'name="zoek-leden"' in html
    assert kiesbare_medewerkers().count() > 5


def test_een_verwijzingsformulier_met_een_zoekterm_toont_de_treffers(wereld: Wereld) -> None:
    eigen = _leerling(wereld, "Het Baken", "Piet", "Berg")
    eigen.tussenvoegsel = "van den"
    eigen.save()
    form = VerwijzingForm(
        {f"{VERWIJZING}-zoekterm": "berg"},
        leerlingen=Leerling.objects.filter(pk=eigen.pk),
        tijdvakken=[time(9, 0)],
    )
    html = str(form["leerling"])
    assert "Berg, Piet van den (12-03-2014)" in html
    assert f'value="{eigen.pk}"' in html


# --- the case forms and opening a case ------------------------------------------------------


def test_de_casuszoeker_biedt_de_kandidaten_van_de_casus_en_logt_de_leerling(
    wereld: Wereld,
) -> None:
    leerling = wereld.leerlingen["demodam_school1"]
    casus = open_casus(leerling, wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    collega = MedewerkerFactory(
        first_name="Jet",
        last_name="Collegaveld",
        rol=Rol.LEERPLICHTAMBTENAAR,
        organisatie=wereld.leerplicht,
    )
    vreemde = MedewerkerFactory(
        first_name="Jet",
        last_name="Collegabuiten",
        rol=Rol.LEERPLICHTAMBTENAAR,
        organisatie=OrganisatieFactory(naam="Leerplicht Elders"),
    )
    client = _client(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    antwoord = client.get(
        reverse("web:zoek_casusmedewerker", args=[casus.pk, "overdracht"]),
        {"overdracht-naar-zoekterm": "collega"},
    )
    assert antwoord.status_code == 200
    assert _waarden(antwoord, "overdracht-naar") == [str(collega.pk)]
    assert str(vreemde.pk) not in antwoord.content.decode()
    assert Inzage.objects.filter(bron="web:zoek_casusmedewerker", leerling=leerling).exists()
    # an unknown form is no search
    onbekend = reverse("web:zoek_casusmedewerker", args=[casus.pk, "plan"])
    assert client.get(onbekend).status_code == 404


@pytest.mark.parametrize("url", ["web:zoek_casusmedewerker", "web:zoek_regisseur"])
def test_een_andere_school_krijgt_niet_gevonden_voor_casus_en_leerling(
    url: str, wereld: Wereld
) -> None:
    leerling = wereld.leerlingen["demodam_school1"]
    casus = open_casus(leerling, wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    anders = MedewerkerFactory(
        rol=Rol.SCHOOLMEDEWERKER, organisatie=Organisatie.objects.get(naam="De Vuurtoren")
    )
    args = [casus.pk, "deelnemer"] if url == "web:zoek_casusmedewerker" else [leerling.pk]
    antwoord = _client(anders).get(reverse(url, args=args), {"q": "jet"})
    assert antwoord.status_code == 404


def test_zonder_javascript_zoekt_de_overdracht_een_regisseur_en_slaat_niets_op(
    wereld: Wereld,
) -> None:
    lpa = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    casus = open_casus(wereld.leerlingen["demodam_school1"], lpa)
    collega = MedewerkerFactory(
        first_name="Jet",
        last_name="Collegaveld",
        rol=Rol.LEERPLICHTAMBTENAAR,
        organisatie=wereld.leerplicht,
    )
    client = _client(lpa)
    url = reverse("regie:overdragen", args=[casus.pk])
    antwoord = client.post(
        url,
        {
            "overdracht-naar-zoekterm": "collegav",
            "zoek-overdracht-naar": "1",
            "overdracht-reden": "Verhuisd naar team Noord",
        },
    )
    assert antwoord.status_code == 200
    assert _waarden(antwoord, "overdracht-naar") == [str(collega.pk)]
    assert "Verhuisd naar team Noord" in antwoord.content.decode()
    casus.refresh_from_db()
    assert casus.regisseur == lpa
    # then chosen and sent: the case has its new regisseur
    antwoord = client.post(
        url,
        {
            "overdracht-naar": collega.pk,
            "overdracht-datum": timezone.localdate().isoformat(),
            "overdracht-reden": "Verhuisd naar team Noord",
        },
    )
    assert antwoord.status_code == 302
    casus.refresh_from_db()
    assert casus.regisseur == collega
