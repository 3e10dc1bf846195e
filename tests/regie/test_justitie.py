# SPDX-License-Identifier: EUPL-1.2
"""The justice chain, letters, MAZL advice, exemptions, OPP and evaluation of a case: the
rules, the due dates, the PDFs, the access log, and who is refused (then nothing changed)."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

import pytest
from pypdf import PdfReader

from binnenboord.kern.leerplicht import verjaardag
from binnenboord.regie import services
from binnenboord.regie.models import (
    Brief,
    Casus,
    CasusGebeurtenis,
    Evaluatie,
    Justitiestap,
    MazlAdvies,
    OppKoppeling,
    Vrijstellingsadvies,
    Vrijstellingsverklaring,
)
from binnenboord.regie.selectors.justitie import vrijstellingen_van
from binnenboord.regie.services import CasusNietMogelijk
from binnenboord.regie.services import justitie as diensten
from binnenboord.registratie.models import Gemeente, Vrijstelling
from binnenboord.toegang.models import Rol
from binnenboord.verantwoording.models import Inzage
from tests.factories import (
    MedewerkerFactory,
    OrganisatieFactory,
    VerzuimFactory,
    VrijstellingFactory,
)
from tests.regie.factories import casussen, school2_medewerker
from tests.wereld import Wereld

Soort = Justitiestap.Soort


@pytest.fixture
def alle(wereld: Wereld) -> dict[str, Casus]:
    return casussen(wereld)


@pytest.fixture
def casus(alle: dict[str, Casus]) -> Casus:
    """Pupil of Demodam at school 1: Leerplicht sees it, the youth doctor takes part."""
    return alle["demodam_school1"]


@pytest.fixture
def lpa(wereld: Wereld) -> Any:
    return wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]


def _geboren(casus: Casus, geboortedatum: date) -> None:
    casus.leerling.geboortedatum = geboortedatum
    casus.leerling.save()


def _stand() -> tuple[int, ...]:
    return tuple(
        m.objects.count()
        for m in (
            Justitiestap,
            Brief,
            MazlAdvies,
            Vrijstellingsadvies,
            Vrijstellingsverklaring,
            OppKoppeling,
            Evaluatie,
            CasusGebeurtenis,
        )
    )


# --- justice rules -----------------------------------------------------------------------


def test_halt_wordt_op_11_geweigerd_mag_vanaf_12_en_maar_een_keer(casus: Casus, lpa: Any) -> None:
    vandaag = timezone.localdate()
    # given a youth who turns 12 tomorrow
    twaalf_jaar_geleden = vandaag - (verjaardag(vandaag, 12) - vandaag)
    _geboren(casus, twaalf_jaar_geleden + timedelta(days=1))
    voor = _stand()
    with pytest.raises(CasusNietMogelijk, match="12 tot 18 jaar"):
        diensten.registreer_justitiestap(
            casus=casus, door=lpa, soort=Soort.HALT_VERWIJZING, datum=vandaag, toestemming=True
        )
    assert _stand() == voor
    # when he turns 12 today, with 10 hours of unauthorised absence this school year
    _geboren(casus, twaalf_jaar_geleden)
    _ongeoorloofd(casus, 600)
    stap = diensten.registreer_justitiestap(
        casus=casus, door=lpa, soort=Soort.HALT_VERWIJZING, datum=vandaag, toestemming=True
    )
    assert stap.soort == Soort.HALT_VERWIJZING
    voor = _stand()
    with pytest.raises(CasusNietMogelijk, match="al eens naar Halt"):
        diensten.registreer_justitiestap(
            casus=casus, door=lpa, soort=Soort.HALT_VERWIJZING, datum=vandaag, toestemming=True
        )
    assert _stand() == voor


def _ongeoorloofd(casus: Casus, minuten: int, **extra: int) -> None:
    leerling = casus.leerling
    VerzuimFactory(
        leerling=leerling,
        school=leerling.inschrijvingen.get().school,
        datum=timezone.localdate(),
        minuten_ongeoorloofd=minuten,
        **extra,
    )


@pytest.mark.parametrize(
    ("minuten", "keer_te_laat", "mag"),
    [(539, 0, False), (540, 0, True), (0, 11, False), (0, 12, True)],
    ids=["halt_8h59_absent", "halt_9h_absent", "halt_11_times_late", "halt_12_times_late"],
)
def test_halt_is_er_voor_9_tot_60_uur_verzuim_of_12_tot_60_keer_te_laat(
    casus: Casus, lpa: Any, minuten: int, keer_te_laat: int, mag: bool
) -> None:
    # a referral on Monday 16 March 2026 of a youth of 14, counting school year 2025/26
    verwijzing = date(2026, 3, 16)
    _geboren(casus, date(2012, 1, 1))
    leerling = casus.leerling
    school = leerling.inschrijvingen.get().school
    if minuten:
        VerzuimFactory(
            leerling=leerling, school=school, datum=verwijzing, minuten_ongeoorloofd=minuten
        )
    for n in range(keer_te_laat):
        VerzuimFactory(
            leerling=leerling,
            school=school,
            datum=verwijzing - timedelta(days=n + 1),
            minuten_te_laat=10,
        )
    # late in the previous school year does not count
    VerzuimFactory(leerling=leerling, school=school, datum=date(2025, 7, 1), minuten_te_laat=10)
    if mag:
        diensten.registreer_justitiestap(
            casus=casus, door=lpa, soort=Soort.HALT_VERWIJZING, datum=verwijzing, toestemming=True
        )
        assert Justitiestap.objects.filter(soort=Soort.HALT_VERWIJZING).count() == 1
    else:
        with pytest.raises(CasusNietMogelijk, match="9 tot 60 uur"):
            diensten.registreer_justitiestap(
                casus=casus,
                door=lpa,
                soort=Soort.HALT_VERWIJZING,
                datum=verwijzing,
                toestemming=True,
            )
        assert not Justitiestap.objects.exists()


def test_halt_vraagt_toestemming_en_een_resultaat_volgt_op_een_verwijzing(
    casus: Casus, lpa: Any
) -> None:
    vandaag = timezone.localdate()
    _geboren(casus, vandaag.replace(year=vandaag.year - 14))
    with pytest.raises(CasusNietMogelijk, match="toestemming"):
        diensten.registreer_justitiestap(
            casus=casus, door=lpa, soort=Soort.HALT_VERWIJZING, datum=vandaag
        )
    with pytest.raises(CasusNietMogelijk, match="volgt op een Halt-verwijzing"):
        diensten.registreer_justitiestap(
            casus=casus, door=lpa, soort=Soort.HALT_RESULTAAT, datum=vandaag, uitkomst="positief"
        )
    assert not Justitiestap.objects.exists()


def test_een_waarschuwing_alleen_bij_een_eerste_luxe_verzuim_van_ten_hoogste_een_dag(
    casus: Casus, lpa: Any
) -> None:
    vandaag = timezone.localdate()
    leerling = casus.leerling
    school = leerling.inschrijvingen.get().school
    # no luxe verzuim at all: refused
    with pytest.raises(CasusNietMogelijk, match="geen luxe verzuim"):
        diensten.registreer_justitiestap(
            casus=casus, door=lpa, soort=Soort.WAARSCHUWING, datum=vandaag
        )
    # one day of luxe verzuim: allowed once
    VerzuimFactory(leerling=leerling, school=school, datum=date(2025, 11, 12), minuten_luxe=360)
    diensten.registreer_justitiestap(casus=casus, door=lpa, soort=Soort.WAARSCHUWING, datum=vandaag)
    with pytest.raises(CasusNietMogelijk, match="al een waarschuwing"):
        diensten.registreer_justitiestap(
            casus=casus, door=lpa, soort=Soort.WAARSCHUWING, datum=vandaag
        )


def test_geen_waarschuwing_bij_luxe_verzuim_van_meer_dan_een_dag(casus: Casus, lpa: Any) -> None:
    leerling = casus.leerling
    school = leerling.inschrijvingen.get().school
    for dag in (date(2025, 11, 12), date(2025, 11, 13)):
        VerzuimFactory(leerling=leerling, school=school, datum=dag, minuten_luxe=360)
    with pytest.raises(CasusNietMogelijk, match="ten hoogste één dag"):
        diensten.registreer_justitiestap(
            casus=casus, door=lpa, soort=Soort.WAARSCHUWING, datum=timezone.localdate()
        )
    assert not Justitiestap.objects.exists()


def test_een_proces_verbaal_tegen_eerder_veroordeelde_ouders_gaat_in_afschrift_naar_de_raad(
    casus: Casus, lpa: Any
) -> None:
    vandaag = timezone.localdate()
    pv = diensten.registreer_justitiestap(
        casus=casus,
        door=lpa,
        soort=Soort.PROCES_VERBAAL,
        datum=vandaag,
        ouders_eerder_veroordeeld=True,
    )
    zonder = diensten.registreer_justitiestap(
        casus=casus, door=lpa, soort=Soort.PROCES_VERBAAL, datum=vandaag
    )
    assert (pv.afschrift_raad, zonder.afschrift_raad) == (True, False)
    # the timeline says that a step was recorded, never which
    rijen = list(casus.gebeurtenissen.filter(datum=vandaag))
    with translation.override("nl"):
        verwacht = gettext("A step in the justice chain has been recorded.")
        teksten = {g.tekst for g in rijen}
    assert teksten == {verwacht}
    assert not any("proces" in t.lower() for t in teksten)
    assert not any("proces" in str(g.gegevens).lower() for g in rijen)


def test_justitiele_inhoud_alleen_voor_leerplicht_de_school_ziet_dat_er_een_stap_is(
    wereld: Wereld, client: Client, casus: Casus, lpa: Any
) -> None:
    diensten.registreer_justitiestap(
        casus=casus,
        door=lpa,
        soort=Soort.ONDERZOEK_OUDERS,
        datum=timezone.localdate(),
        toelichting="Vertrouwelijke toelichting",
    )
    client.force_login(lpa)
    pagina = client.get(reverse("regie:casus", args=[casus.pk])).content.decode()
    assert "Vertrouwelijke toelichting" in pagina
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    pagina = client.get(reverse("regie:casus", args=[casus.pk])).content.decode()
    assert "Vertrouwelijke toelichting" not in pagina
    assert 'id="justitie-bestaat"' in pagina


# --- MAZL advice -------------------------------------------------------------------------


def test_een_mazl_advies_houdt_de_medische_inhoud_apart_van_het_advies_voor_de_regisseur(
    wereld: Wereld, client: Client, casus: Casus
) -> None:
    # the medical part is a model of its own (MedischeInhoud), not a field of the advice
    velden = {f.name for f in MazlAdvies._meta.get_fields()}
    assert velden == {
        "id",
        "casus",
        "jeugdarts",
        "datum",
        "deelbaar_advies",
        "vastgelegd_op",
        "medisch",
    }
    jeugdarts = wereld.medewerkers[Rol.JEUGDARTS]
    client.force_login(jeugdarts)
    antwoord = client.post(
        reverse("regie:justitie_formulier", args=[casus.pk, "mazl"]),
        {"mazl-datum": timezone.localdate().isoformat(), "mazl-deelbaar_advies": "2 uur per dag"},
    )
    assert antwoord.status_code == 302
    assert MazlAdvies.objects.get().jeugdarts == jeugdarts
    assert Inzage.objects.filter(bron="regie:justitie_mazl", handeling="wijzigen").count() == 1
    # the short advice for the case director (school 1's staff here) and the youth doctor;
    # Leerplicht, who is not the director, sees that there is an advice
    for rol, ziet in (
        (Rol.SCHOOLMEDEWERKER, True),
        (Rol.JEUGDARTS, True),
        (Rol.LEERPLICHTAMBTENAAR, False),
    ):
        client.force_login(wereld.medewerkers[rol])
        pagina = client.get(reverse("regie:casus", args=[casus.pk])).content.decode()
        assert ("2 uur per dag" in pagina) is ziet, rol


def test_alleen_de_jeugdarts_legt_een_mazl_advies_vast(casus: Casus, lpa: Any) -> None:
    with pytest.raises(CasusNietMogelijk, match="jeugdarts"):
        diensten.leg_mazladvies_vast(
            casus=casus, door=lpa, datum=timezone.localdate(), deelbaar_advies="x"
        )


# --- exemptions --------------------------------------------------------------------------


def test_vrijstellingstermijnen_vernieuwing_voor_1_juli_en_herbeoordeling_5a(casus: Casus) -> None:
    leerling = casus.leerling
    VrijstellingFactory(
        leerling=leerling, artikel=Vrijstelling.Artikel.ART_5A, begindatum=date(2025, 8, 1)
    )
    VrijstellingFactory(
        leerling=leerling, artikel=Vrijstelling.Artikel.ART_5B, begindatum=date(2025, 9, 1)
    )
    VrijstellingFactory(
        leerling=leerling,
        artikel=Vrijstelling.Artikel.ART_15,
        begindatum=date(2025, 8, 1),
        einddatum=date(2026, 7, 31),
    )
    per_artikel = {v.vrijstelling.artikel: v for v in vrijstellingen_van(casus, date(2026, 3, 2))}
    vijf_a, vijf_b, vijftien = per_artikel["5a"], per_artikel["5b"], per_artikel["15"]
    assert vijf_a.vernieuwing is not None and vijf_a.vernieuwing.verloopt_op == date(2026, 6, 30)
    assert vijf_b.vernieuwing is not None and vijf_b.vernieuwing.verloopt_op == date(2026, 6, 30)
    assert vijftien.vernieuwing is None
    # re-assessment of art. 5 onder a: yearly by default, from the start
    assert vijf_a.herbeoordeling is not None
    assert vijf_a.herbeoordeling.verloopt_op == date(2026, 8, 1)
    assert vijf_b.herbeoordeling is None and vijftien.herbeoordeling is None
    # after 30 June the next renewal is next year's
    na = vrijstellingen_van(casus, date(2026, 7, 1))
    assert {v.vrijstelling.artikel: v.vernieuwing for v in na}["5a"].verloopt_op == date(  # type: ignore[union-attr]
        2027, 6, 30
    )


def test_nooit_schoolgeschikt_beeindigt_de_vernieuwing_en_verschuift_de_herbeoordeling(
    casus: Casus, lpa: Any, settings: Any
) -> None:
    settings.VRIJSTELLING_HERBEOORDELING_MAANDEN = 24
    vrijstelling = VrijstellingFactory(leerling=casus.leerling, begindatum=date(2025, 8, 1))
    diensten.leg_vrijstellingsverklaring_vast(
        casus=casus,
        door=lpa,
        vrijstelling=vrijstelling,
        datum=date(2025, 10, 1),
        deskundige="GGD-arts",
        nooit_schoolgeschikt=True,
    )
    (v,) = vrijstellingen_van(casus, date(2026, 3, 2))
    assert v.vernieuwing is None and v.nooit_schoolgeschikt
    assert v.herbeoordeling is not None and v.herbeoordeling.verloopt_op == date(2027, 10, 1)


def test_de_consulent_van_het_swv_adviseert_over_een_beroep_op_vrijstelling(
    wereld: Wereld, alle: dict[str, Casus]
) -> None:
    casus = alle["buurdorp_school1"]  # the SWV consultant takes part
    vrijstelling = VrijstellingFactory(leerling=casus.leerling)
    swv = wereld.medewerkers[Rol.SWV_CONSULENT]
    assert swv.has_perm("regie.add_vrijstellingsadvies", casus)
    advies = diensten.geef_vrijstellingsadvies(
        casus=casus, door=swv, vrijstelling=vrijstelling, advies="Deeltijd", datum=date(2025, 9, 1)
    )
    assert advies.swv_consulent == swv
    ander = VrijstellingFactory(leerling=alle["demodam_school1"].leerling)
    with pytest.raises(CasusNietMogelijk, match="niet bij de leerling"):
        diensten.geef_vrijstellingsadvies(
            casus=casus, door=swv, vrijstelling=ander, advies="x", datum=date(2025, 9, 1)
        )


# --- letters and OPP ---------------------------------------------------------------------


def _tekst_van(pdf: bytes) -> str:
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def test_een_brief_wordt_gemaakt_vastgelegd_en_als_pdf_gedownload_gelogd_als_export(
    client: Client, casus: Casus, lpa: Any
) -> None:
    client.force_login(lpa)
    morgen = timezone.localdate() + timedelta(days=7)
    antwoord = client.post(
        reverse("regie:justitie_formulier", args=[casus.pk, "brief"]),
        {
            "brief-sjabloon": "uitnodiging_gesprek",
            "brief-aan": "de ouders van de leerling",
            "brief-afspraak": f"{morgen:%Y-%m-%d}T10:30",
        },
    )
    assert antwoord.status_code == 302
    brief = Brief.objects.get()
    assert brief.casus == casus and brief.door == lpa
    assert casus.gebeurtenissen.filter(soort=CasusGebeurtenis.Soort.CONTACTMOMENT).count() == 1
    antwoord = client.get(reverse("regie:brief_pdf", args=[casus.pk, brief.pk]))
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == "application/pdf"
    assert antwoord.content.startswith(b"%PDF")
    tekst = _tekst_van(antwoord.content)
    assert casus.leerling.achternaam in tekst and "Leerplicht Demodam" in tekst
    log = Inzage.objects.get(bron="regie:brief_pdf")
    assert (log.handeling, log.leerling_id, log.casus_id) == (
        "exporteren",
        casus.leerling_id,
        casus.pk,
    )


def test_een_aankondiging_van_een_huisbezoek_legt_het_huisbezoek_niet_vast(
    casus: Casus, lpa: Any
) -> None:
    diensten.maak_brief(
        casus=casus,
        door=lpa,
        sjabloon=Brief.Sjabloon.AANKONDIGING_HUISBEZOEK,
        aan="Familie",
        afspraak=timezone.make_aware(
            datetime.combine(timezone.localdate() + timedelta(days=3), datetime.min.time())
        ),
    )
    assert not casus.gebeurtenissen.filter(stap="huisbezoek").exists()
    assert not casus.contactmomenten.exists()


def test_een_waarschuwingsbrief_volgt_op_een_vastgelegde_waarschuwing(
    casus: Casus, lpa: Any
) -> None:
    with pytest.raises(CasusNietMogelijk, match="waarschuwing"):
        diensten.maak_brief(casus=casus, door=lpa, sjabloon="waarschuwing", aan="Familie")
    assert not Brief.objects.exists()


def test_de_opp_export_bevat_het_plan_en_wordt_gelogd(
    wereld: Wereld, client: Client, casus: Casus
) -> None:
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    services.sla_plan_op(casus=casus, door=school, basis_versie=0, doel="Terug naar school")
    client.force_login(school)
    antwoord = client.post(
        reverse("regie:justitie_formulier", args=[casus.pk, "opp"]),
        {"opp-verwijzing": "OPP-2025-17", "opp-notitie": ""},
    )
    assert antwoord.status_code == 302
    assert OppKoppeling.objects.get().verwijzing == "OPP-2025-17"
    antwoord = client.get(reverse("regie:opp_pdf", args=[casus.pk]))
    assert antwoord.content.startswith(b"%PDF")
    tekst = _tekst_van(antwoord.content)
    assert "Terug naar school" in tekst and casus.leerling.achternaam in tekst
    assert Inzage.objects.filter(bron="regie:opp_pdf", handeling="exporteren").count() == 1


# --- evaluation --------------------------------------------------------------------------


def test_een_evaluatie_volgt_op_het_interventieteam_en_legt_de_stap_vast(
    wereld: Wereld, casus: Casus
) -> None:
    lid = wereld.medewerkers[Rol.INTERVENTIETEAMLID]
    services.voeg_deelnemer_toe(
        casus=casus, door=casus.regisseur, soort="professional", medewerker=lid
    )
    vandaag = timezone.localdate()
    velden = {
        "niveau": "casus",
        "wat_ging_goed": "Snel",
        "wat_kan_beter": "Eerder",
        "datum": vandaag,
    }
    with pytest.raises(CasusNietMogelijk, match="Interventieteam"):
        diensten.leg_evaluatie_vast(casus=casus, door=lid, **velden)
    # a teammanager engages the Interventieteam (only a teammanager or Leerplicht may)
    services.registreer_stap(
        casus=casus, door=wereld.medewerkers[Rol.TEAMMANAGER], stap="interventieteam", datum=vandaag
    )
    evaluatie = diensten.leg_evaluatie_vast(casus=casus, door=lid, **velden)
    assert evaluatie.niveau == Evaluatie.Niveau.CASUS
    stap = casus.gebeurtenissen.get(stap="evaluatie")
    assert (stap.soort, stap.datum, stap.wie) == ("stap_gedaan", vandaag, lid)


# --- who is refused ----------------------------------------------------------------------


def _buitenstaanders(wereld: Wereld) -> dict[str, Any]:
    buurdorp = Gemeente.objects.get(code="9998")
    return {
        "andere school": school2_medewerker(),
        "andere gemeente": MedewerkerFactory(
            rol=Rol.LEERPLICHTAMBTENAAR,
            organisatie=OrganisatieFactory(naam="Leerplicht Buurdorp", gemeenten=[buurdorp]),
        ),
        "niet betrokken": wereld.medewerkers[Rol.GEZINSWERKER],
        "beleid": wereld.medewerkers[Rol.BELEIDSMEDEWERKER],
    }


def test_buitenstaanders_worden_geweigerd_en_er_verandert_niets(
    wereld: Wereld, client: Client, casus: Casus, lpa: Any
) -> None:
    brief = diensten.maak_brief(
        casus=casus,
        door=lpa,
        sjabloon="uitnodiging_gesprek",
        aan="Ouders",
        afspraak=timezone.now() + timedelta(days=2),
    )
    voor = _stand()
    posts = {
        "justitie": {"justitie-soort": "onderzoek_ouders", "justitie-datum": "2025-11-12"},
        "mazl": {"mazl-datum": "2025-11-12", "mazl-deelbaar_advies": "x"},
        "opp": {"opp-verwijzing": "x"},
        "evaluatie": {"evaluatie-niveau": "casus"},
    }
    for naam, wie in _buitenstaanders(wereld).items():
        client.force_login(wie)
        for formulier, data in posts.items():
            url = reverse("regie:justitie_formulier", args=[casus.pk, formulier])
            assert client.post(url, data).status_code == 404, (naam, formulier)
        for url in (
            reverse("regie:brief_pdf", args=[casus.pk, brief.pk]),
            reverse("regie:opp_pdf", args=[casus.pk]),
        ):
            assert client.get(url).status_code == 404, (naam, url)
    client.logout()
    antwoord = client.get(reverse("regie:brief_pdf", args=[casus.pk, brief.pk]))
    assert antwoord.status_code == 302
    assert _stand() == voor
    assert not Inzage.objects.filter(handeling="exporteren").exists()
    assert not AnonymousUser().has_perm("regie.view_justitiestap", casus)


def test_kijkers_zonder_het_recht_krijgen_403_en_er_verandert_niets(
    wereld: Wereld, client: Client, casus: Casus, lpa: Any
) -> None:
    brief = diensten.maak_brief(
        casus=casus,
        door=lpa,
        sjabloon="uitnodiging_gesprek",
        aan="Ouders",
        afspraak=timezone.now() + timedelta(days=2),
    )
    voor = _stand()
    # the school sees the case, but records no justice step and downloads no letter;
    # the youth doctor takes part, but links no OPP
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    url = reverse("regie:justitie_formulier", args=[casus.pk, "justitie"])
    assert client.post(url, {"justitie-soort": "waarschuwing"}).status_code == 403
    assert client.get(reverse("regie:brief_pdf", args=[casus.pk, brief.pk])).status_code == 403
    client.force_login(wereld.medewerkers[Rol.JEUGDARTS])
    url = reverse("regie:justitie_formulier", args=[casus.pk, "opp"])
    assert client.post(url, {"opp-verwijzing": "x"}).status_code == 403
    assert _stand() == voor
