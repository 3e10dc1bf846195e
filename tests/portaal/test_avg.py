# SPDX-License-Identifier: EUPL-1.2
"""The family's AVG rights in the portal (docs/relatie.md, "AVG-rechten"): the copy of what
is registered (page, PDF, JSON), who looked in the file, and a request to correct something.
What the copy holds, and above all what it never holds."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

import pytest
from pypdf import PdfReader

from binnenboord.notificaties.models import Notificatie
from binnenboord.portaal import avg
from binnenboord.portaal.sessie import SESSIE_SLEUTEL
from binnenboord.regie.models import (
    Casus,
    Contactmoment,
    Correctieverzoek,
    MedischeInhoud,
    Portaaltoegang,
    Verhaal,
)
from binnenboord.registratie.models import Ouder
from binnenboord.toegang.models import Medewerker, Portaalgebruiker, Rol
from binnenboord.verantwoording.models import Inzage
from binnenboord.verantwoording.services import log_inzage
from tests.factories import OuderFactory, PortaaltoegangFactory, VerzuimFactory
from tests.regie.factories import open_casus
from tests.signalering.factories import SignaalFactory
from tests.wereld import Wereld

GEHEIM = ("GEHEIM-VERSLAG", "ADVIES-VOOR-REGISSEUR", "MEDISCH-GEHEIM", "VADER-VERHAAL")


@dataclass
class Gezin:
    casus: Casus
    moeder: Ouder
    vader: Ouder
    moeder_toegang: Portaaltoegang
    vader_toegang: Portaaltoegang
    leerling_toegang: Portaaltoegang
    regisseur: Medewerker


def log_in(client: Client, gebruiker: Portaalgebruiker | None) -> None:
    assert gebruiker is not None
    sessie = client.session
    sessie[SESSIE_SLEUTEL] = gebruiker.pk
    sessie.save()


@pytest.fixture
def gezin(wereld: Wereld) -> Gezin:
    regisseur = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    leerling = wereld.leerlingen["demodam_school1"]
    leerling.straat, leerling.huisnummer, leerling.postcode = "Schuilhoekstraat", "7", "9991AA"
    leerling.adres_afgeschermd = True
    leerling.save()
    moeder = OuderFactory(
        leerling=leerling,
        voornamen="Mira",
        achternaam="Moeder",
        telefoon="0611111111",
        straat="Moederlaan",
        huisnummer="1",
    )
    vader = OuderFactory(
        leerling=leerling,
        relatie=Ouder.Relatie.VADER,
        voornamen="Vincent",
        achternaam="Vaderman",
        telefoon="0622222222",
        straat="Vaderweg",
        huisnummer="2",
    )
    casus = open_casus(leerling, regisseur)
    moeder_toegang = PortaaltoegangFactory(casus=casus, ouder=moeder)
    vader_toegang = PortaaltoegangFactory(casus=casus, ouder=vader)
    leerling_toegang = PortaaltoegangFactory(casus=casus, ouder=None)
    # what everyone may read, and what the family never reads
    Contactmoment.objects.create(
        casus=casus,
        soort="gesprek",
        datum=timezone.localdate(),
        met=["ouders"],
        verslag="GEDEELD-VERSLAG met moeder",
        door=regisseur,
    )
    apart = Contactmoment.objects.create(
        casus=casus,
        soort="telefoon",
        datum=timezone.localdate(),
        met=["zorg"],
        verslag="GEHEIM-VERSLAG over de thuissituatie",
        alleen_professionals=True,
        advies_regisseur="ADVIES-VOOR-REGISSEUR",
        door=regisseur,
    )
    jgz = Medewerker.objects.get(rol=Rol.JEUGDARTS)
    MedischeInhoud.objects.create(
        casus=casus,
        contactmoment=apart,
        tekst="MEDISCH-GEHEIM",
        organisatie=jgz.organisatie,
        door=jgz,
    )
    Verhaal.objects.create(casus=casus, toegang=moeder_toegang, wat_speelt="MOEDER-VERHAAL")
    Verhaal.objects.create(casus=casus, toegang=vader_toegang, wat_speelt="VADER-VERHAAL")
    VerzuimFactory(leerling=leerling, datum=date(2026, 10, 5), minuten_ongeoorloofd=120)
    VerzuimFactory(leerling=leerling, datum=date(2026, 10, 6), minuten_ongeoorloofd=60)
    SignaalFactory(leerling=leerling)
    return Gezin(casus, moeder, vader, moeder_toegang, vader_toegang, leerling_toegang, regisseur)


def _tekst(gegevens: Any) -> str:
    return json.dumps(gegevens, ensure_ascii=False)


# --- the copy --------------------------------------------------------------------------------


def test_de_kopie_van_een_ouder_bevat_het_eigen_en_nooit_het_afgeschermde(gezin: Gezin) -> None:
    kopie = avg.kopie(gezin.moeder_toegang)
    tekst = _tekst(kopie)
    # their own row, their own story, the shared notes, the absence per month
    assert kopie["uzelf"]["naam"] == "Mira Moeder"
    assert kopie["uzelf"]["telefoon"] == "0611111111"
    assert kopie["uzelf"]["adres"]["straat"] == "Moederlaan"
    assert [v["wat_speelt"] for v in kopie["verhalen"]] == ["MOEDER-VERHAAL"]
    assert "GEDEELD-VERSLAG met moeder" in tekst
    assert kopie["verzuim_per_maand"] == [
        {
            "maand": "2026-10",
            "minuten_ongeoorloofd": 180,
            "minuten_luxe": 0,
            "minuten_te_laat": 0,
            "minuten_ziek": 0,
            "minuten_geoorloofd": 0,
        }
    ]
    assert [s["soort"] for s in kopie["signalen"]] == ["langdurig_relatief_verzuim"]
    assert kopie["casus"]["regisseur"]["organisatie"] == "Leerplicht Demodam"
    # never: professional-only notes, the advice for the regisseur, medical content, the
    # other parent's story and data, the shielded address of the child
    for geheim in GEHEIM:
        assert geheim not in tekst
    for van_de_vader in ("Vaderman", "0622222222", "Vaderweg"):
        assert van_de_vader not in tekst
    assert kopie["leerling"]["adres"] is None
    assert "Schuilhoekstraat" not in tekst
    (apart,) = [c for c in kopie["contactmomenten"] if c["alleen_professionals"]]
    assert apart["verslag"] is None


def test_de_leerling_ziet_het_eigen_adres_en_niet_de_verhalen_van_de_ouders(gezin: Gezin) -> None:
    kopie = avg.kopie(gezin.leerling_toegang)
    tekst = _tekst(kopie)
    assert kopie["leerling"]["adres"]["straat"] == "Schuilhoekstraat"
    assert kopie["uzelf"]["soort"] == "leerling"
    assert kopie["verhalen"] == []
    for geheim in (*GEHEIM, "MOEDER-VERHAAL", "0611111111", "Moederlaan"):
        assert geheim not in tekst


def test_zonder_afscherming_ziet_een_ouder_het_adres_van_het_kind(gezin: Gezin) -> None:
    leerling = gezin.casus.leerling
    leerling.adres_afgeschermd = False
    leerling.save()
    kopie = avg.kopie(gezin.moeder_toegang)
    assert kopie["leerling"]["adres"]["straat"] == "Schuilhoekstraat"


SLEUTELS = {
    "gemaakt_op",
    "leerling",
    "uzelf",
    "portaalaccount",
    "inschrijvingen",
    "verzuim_per_maand",
    "signalen",
    "casus",
    "plannen",
    "acties",
    "contactmomenten",
    "overleggen",
    "uitnodigingen",
    "brieven",
    "verhalen",
    "reacties",
    "berichten",
    "correctieverzoeken",
    "vragenlijsten",
    "portaaltoegang",
}


def test_de_json_download_heeft_vaste_sleutels_en_staat_in_het_inzagelog(
    client: Client, gezin: Gezin
) -> None:
    log_in(client, gezin.moeder_toegang.gebruiker)
    antwoord = client.get(reverse("portaal:gegevens_json", args=[gezin.moeder_toegang.pk]))
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"].startswith("application/json")
    assert antwoord["Content-Disposition"].startswith("attachment;")
    gegevens = json.loads(antwoord.content)
    assert set(gegevens) == SLEUTELS
    assert set(gegevens["leerling"]) == {
        "naam",
        "voornamen",
        "tussenvoegsel",
        "achternaam",
        "geboortedatum",
        "bsn",
        "onderwijsnummer",
        "woongemeente",
        "adres",
        "adres_afgeschermd",
    }
    assert set(gegevens["contactmomenten"][0]) == {
        "datum",
        "soort",
        "met",
        "verslag",
        "alleen_professionals",
        "niet_bij",
    }
    for geheim in GEHEIM:
        assert geheim not in antwoord.content.decode()
    regel = Inzage.objects.get(bron="portaal:gegevens_json")
    assert regel.handeling == Inzage.Handeling.EXPORTEREN
    assert regel.leerling_id == gezin.casus.leerling_id
    assert regel.medewerker_id is None
    assert regel.gebruikersnaam == f"portaal:{gezin.moeder_toegang.gebruiker_id}"


def test_de_pdf_bevat_de_kopie_zonder_het_afgeschermde(client: Client, gezin: Gezin) -> None:
    log_in(client, gezin.moeder_toegang.gebruiker)
    antwoord = client.get(reverse("portaal:gegevens_pdf", args=[gezin.moeder_toegang.pk]))
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == "application/pdf"
    tekst = " ".join(
        pagina.extract_text() for pagina in PdfReader(io.BytesIO(antwoord.content)).pages
    )
    assert "MOEDER-VERHAAL" in tekst
    assert "GEDEELD-VERSLAG" in tekst
    assert "Mira Moeder" in tekst
    for geheim in (*GEHEIM, "Schuilhoekstraat", "Vaderman"):
        assert geheim not in tekst
    assert Inzage.objects.filter(
        bron="portaal:gegevens_pdf", handeling=Inzage.Handeling.EXPORTEREN
    ).exists()


def test_de_pagina_toont_de_kopie_en_staat_in_het_inzagelog(client: Client, gezin: Gezin) -> None:
    log_in(client, gezin.vader_toegang.gebruiker)
    antwoord = client.get(reverse("portaal:gegevens", args=[gezin.vader_toegang.pk]))
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "VADER-VERHAAL" in html
    for geheim in ("GEHEIM-VERSLAG", "ADVIES-VOOR-REGISSEUR", "MEDISCH-GEHEIM", "MOEDER-VERHAAL"):
        assert geheim not in html
    assert "Schuilhoekstraat" not in html
    assert "0611111111" not in html
    assert (
        Inzage.objects.filter(bron="portaal:gegevens", handeling=Inzage.Handeling.BEKIJKEN).count()
        == 1
    )


# --- who looked ------------------------------------------------------------------------------


def test_wie_keek_toont_organisatie_rol_en_moment_maar_niet_de_naam(
    client: Client, gezin: Gezin
) -> None:
    medewerker = gezin.regisseur
    medewerker.first_name, medewerker.last_name = "Karel", "Kijkgraag"
    medewerker.save()
    log_inzage(
        gebruiker=medewerker,
        handeling=Inzage.Handeling.BEKIJKEN,
        bron="regie:casus",
        leerlingen=[gezin.casus.leerling],
        casus_id=gezin.casus.pk,
    )
    log_in(client, gezin.moeder_toegang.gebruiker)
    antwoord = client.get(reverse("portaal:wie_keek", args=[gezin.moeder_toegang.pk]))
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    staf = Inzage.objects.get(bron="regie:casus")
    assert "Leerplicht Demodam" in html
    assert str(Rol.LEERPLICHTAMBTENAAR.label) in html
    assert f"{timezone.localtime(staf.tijdstip):%d-%m-%Y %H:%M}" in html
    for naam in ("Karel", "Kijkgraag", medewerker.username):
        assert naam not in html
    # the page is itself in the log, and read back on the next visit as "you"
    assert Inzage.objects.filter(bron="portaal:wie_keek").count() == 1
    regels = [avg.als_regel(i, gezin.moeder_toegang) for i in avg.inzagen(gezin.moeder_toegang)]
    assert [r["organisatie"] for r in regels][-1] == "Leerplicht Demodam"
    # the portal's own line: "you" for the person, "a parent" for the other parent
    eigen = Inzage.objects.get(bron="portaal:wie_keek")
    with translation.override("en"):
        assert avg.als_regel(eigen, gezin.moeder_toegang)["rol"] == "you"
        assert avg.als_regel(eigen, gezin.vader_toegang)["rol"] == "a parent"
        assert avg.als_regel(eigen, gezin.leerling_toegang)["rol"] == "a parent"


def test_wie_keek_is_gepagineerd_nieuwste_eerst(client: Client, gezin: Gezin) -> None:
    for _ in range(30):
        log_inzage(
            gebruiker=gezin.regisseur,
            handeling=Inzage.Handeling.BEKIJKEN,
            bron="regie:casus",
            leerlingen=[gezin.casus.leerling],
        )
    log_in(client, gezin.moeder_toegang.gebruiker)
    eerste = client.get(reverse("portaal:wie_keek", args=[gezin.moeder_toegang.pk]))
    tweede = client.get(reverse("portaal:wie_keek", args=[gezin.moeder_toegang.pk, 2]))
    assert len(eerste.context["regels"]) == 25
    assert len(tweede.context["regels"]) == 5  # 30 staff reads (the own reads are one line)
    assert eerste.context["regels"][0]["tijdstip"] >= tweede.context["regels"][0]["tijdstip"]
    volgende = reverse("portaal:wie_keek", args=[gezin.moeder_toegang.pk, 2])
    assert f'href="{volgende}"' in eerste.content.decode()
    # a page past the end shows the last one
    voorbij = client.get(reverse("portaal:wie_keek", args=[gezin.moeder_toegang.pk, 99]))
    assert voorbij.status_code == 200
    assert voorbij.context["pagina"].number == 2


# --- another family --------------------------------------------------------------------------

PAGINAS: list[tuple[str, tuple[str, ...]]] = [
    ("portaal:gegevens", ()),
    ("portaal:gegevens_pdf", ()),
    ("portaal:gegevens_json", ()),
    ("portaal:wie_keek", ()),
    ("portaal:correctie", ()),
    ("portaal:vragenlijst", ("na_uvo",)),
    ("portaal:vragenlijst", ("afsluiting",)),
]


@pytest.mark.parametrize(("naam", "extra"), PAGINAS)
def test_een_ander_gezin_krijgt_op_elke_pagina_404(
    client: Client, gezin: Gezin, wereld: Wereld, naam: str, extra: tuple[str, ...]
) -> None:
    ander_kind = wereld.leerlingen["buurdorp_school1"]
    andere_casus = open_casus(ander_kind, gezin.regisseur)
    vreemde = PortaaltoegangFactory(casus=andere_casus, ouder=OuderFactory(leerling=ander_kind))
    log_in(client, vreemde.gebruiker)
    # their own page answers (the questionnaire only when open: 404 is right there too)
    if naam != "portaal:vragenlijst":
        assert client.get(reverse(naam, args=[vreemde.pk, *extra])).status_code == 200
    for doel in (gezin.moeder_toegang, gezin.vader_toegang, gezin.leerling_toegang):
        assert client.get(reverse(naam, args=[doel.pk, *extra])).status_code == 404
        assert client.post(reverse(naam, args=[doel.pk, *extra]), {}).status_code in (404, 405)
    # nothing of the other family was logged as read
    assert not Inzage.objects.filter(
        leerling_id=gezin.casus.leerling_id, gebruikersnaam__startswith="portaal:"
    ).exists()


def test_een_ontzegde_ouder_komt_niet_bij_de_gegevens(client: Client, gezin: Gezin) -> None:
    gebruiker = gezin.vader_toegang.gebruiker
    Portaaltoegang.objects.filter(pk=gezin.vader_toegang.pk).update(
        status=Portaaltoegang.Status.BEEINDIGD, beeindigd_op=timezone.now(), reden="Test."
    )
    log_in(client, gebruiker)
    for naam in ("portaal:gegevens", "portaal:gegevens_json", "portaal:wie_keek"):
        assert client.get(reverse(naam, args=[gezin.vader_toegang.pk])).status_code == 404


def test_zonder_portaalsessie_naar_inloggen(client: Client, gezin: Gezin) -> None:
    antwoord = client.get(reverse("portaal:gegevens", args=[gezin.moeder_toegang.pk]))
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("portaal:inloggen")


# --- correction ------------------------------------------------------------------------------


def test_een_correctieverzoek_bereikt_de_regisseur(client: Client, gezin: Gezin) -> None:
    log_in(client, gezin.moeder_toegang.gebruiker)
    url = reverse("portaal:correctie", args=[gezin.moeder_toegang.pk])
    antwoord = client.post(url, {"wat": "Mijn telefoonnummer", "toelichting": "Het is 0633333333."})
    assert antwoord.status_code == 302
    verzoek = Correctieverzoek.objects.get()
    assert (verzoek.toegang, verzoek.casus, verzoek.wat) == (
        gezin.moeder_toegang,
        gezin.casus,
        "Mijn telefoonnummer",
    )
    assert Notificatie.objects.filter(
        ontvanger=gezin.regisseur, soort=Notificatie.Soort.CORRECTIEVERZOEK
    ).exists()
    # the list shows it, without an answer yet; the other parent does not see it
    pagina = client.get(antwoord["Location"])
    assert "Mijn telefoonnummer" in pagina.content.decode()
    assert [str(m) for m in pagina.context["messages"]] == [
        "Dank u. De regisseur heeft uw vraag gekregen."
    ]
    log_in(client, gezin.vader_toegang.gebruiker)
    vader = client.get(reverse("portaal:correctie", args=[gezin.vader_toegang.pk]))
    assert "Mijn telefoonnummer" not in vader.content.decode()


def test_het_antwoord_van_de_regisseur_staat_bij_het_verzoek(client: Client, gezin: Gezin) -> None:
    Correctieverzoek.objects.create(
        toegang=gezin.moeder_toegang,
        casus=gezin.casus,
        wat="Geboortedatum",
        toelichting="Het is 17 mei.",
        uitkomst=Correctieverzoek.Uitkomst.GECORRIGEERD,
        antwoord="Aangepast in het register.",
        afgehandeld_door=gezin.regisseur,
        afgehandeld_op=timezone.now(),
    )
    log_in(client, gezin.moeder_toegang.gebruiker)
    html = client.get(reverse("portaal:correctie", args=[gezin.moeder_toegang.pk])).content
    assert "Aangepast in het register." in html.decode()


@pytest.mark.parametrize(
    "invoer",
    [
        {"wat": "", "toelichting": "x"},
        {"wat": "x", "toelichting": "   "},
        {"wat": "x" * 301, "toelichting": "x"},
    ],
)
def test_een_onvolledig_correctieverzoek_wordt_niet_verstuurd(
    client: Client, gezin: Gezin, invoer: dict[str, str]
) -> None:
    log_in(client, gezin.moeder_toegang.gebruiker)
    antwoord = client.post(reverse("portaal:correctie", args=[gezin.moeder_toegang.pk]), invoer)
    assert antwoord.status_code == 200
    assert antwoord.context["form"].errors
    assert not Correctieverzoek.objects.exists()


def test_een_verslag_alleen_voor_wie_bij_het_contact_was(gezin: Gezin) -> None:
    """A contact note reaches the portal only for the side that took part (Contactmoment.met):
    a parent never reads a talk the pupil had alone, the pupil never a talk with the parents
    alone (docs/relatie.md, "Wat ouders en leerling nooit zien")."""
    for met, verslag in ((["leerling"], "ALLEEN-MET-DE-LEERLING"), (["ouders"], "ALLEEN-OUDERS")):
        Contactmoment.objects.create(
            casus=gezin.casus,
            soort="gesprek",
            datum=timezone.localdate(),
            met=met,
            verslag=verslag,
            door=gezin.casus.regisseur,
        )
    ouder, leerling = avg.kopie(gezin.moeder_toegang), avg.kopie(gezin.leerling_toegang)

    def verslagen(kopie: dict[str, Any]) -> set[str]:
        return {c["verslag"] for c in kopie["contactmomenten"] if c["verslag"]}

    assert "ALLEEN-OUDERS" in verslagen(ouder)
    assert "ALLEEN-MET-DE-LEERLING" not in verslagen(ouder)
    assert "ALLEEN-MET-DE-LEERLING" in verslagen(leerling)
    assert "ALLEEN-OUDERS" not in verslagen(leerling)
    # the contact itself is listed (date, kind, with whom), with the reason its notes are not
    niet_bij = [c for c in leerling["contactmomenten"] if c["met"] == ["ouders"]]
    assert niet_bij and all(c["niet_bij"] and c["verslag"] is None for c in niet_bij)
