# SPDX-License-Identifier: EUPL-1.2
"""The case services: opening, one regisseur and its transfers, participants, the plan with
optimistic locking, actions, contacts and steps, closing with a passend aanbod, reopening."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.test import override_settings
from django.utils import timezone

import pytest

from binnenboord.gedeeld.models import GebeurtenisNietWijzigbaar
from binnenboord.regie import services
from binnenboord.regie.beoordeling import feiten_van
from binnenboord.regie.configuratie import aanpak_voor, controleer_aanpak
from binnenboord.regie.models import (
    Actie,
    Casus,
    CasusGebeurtenis,
    Contactmoment,
    PlanVanAanpak,
    RegieOverdracht,
)
from binnenboord.signalering.models import Melding, Signaal, SignaalGebeurtenis
from binnenboord.signalering.services.signaal import SignaalNietOpen
from binnenboord.toegang.models import Rol
from tests.regie.factories import open_casus, scholen, school2_medewerker, start_weken_terug
from tests.signalering.factories import SignaalFactory
from tests.wereld import Wereld

Soort = CasusGebeurtenis.Soort


def _soorten(casus: Casus) -> list[str]:
    return list(casus.gebeurtenissen.order_by("wanneer", "pk").values_list("soort", flat=True))


@pytest.fixture
def school(wereld: Wereld) -> object:
    return wereld.medewerkers[Rol.SCHOOLMEDEWERKER]


@pytest.fixture
def leerplicht(wereld: Wereld) -> object:
    return wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]


@pytest.fixture
def casus(wereld: Wereld, school: object) -> Casus:
    return open_casus(wereld.leerlingen["demodam_school1"], school, start=start_weken_terug(6))


# --- opening -------------------------------------------------------------------------------


def test_wie_een_casus_met_de_hand_opent_is_de_regisseur(wereld: Wereld, school: object) -> None:
    start = start_weken_terug(1)
    casus = services.open_casus(
        leerling=wereld.leerlingen["demodam_school1"], door=school, start=start
    )
    assert (casus.status, casus.regisseur, casus.start) == ("open", school, start)
    assert casus.aanpak == "amsterdam_drie_fasen"
    assert (casus.signaal, casus.melding) == (None, None)
    assert _soorten(casus) == [Soort.GEOPEND]


@override_settings(AANPAK_PER_GEBIED={"9998": "utrecht_kernpartners"})
def test_de_aanpak_volgt_de_woongemeente_van_de_leerling_en_blijft_bij_de_casus(
    wereld: Wereld, school: object
) -> None:
    # given Buurdorp (9998) runs the Utrecht model and the rest the default
    buurdorp = open_casus(wereld.leerlingen["buurdorp_school1"], school)
    demodam = open_casus(wereld.leerlingen["demodam_school1"], school)
    assert (buurdorp.aanpak, demodam.aanpak) == ("utrecht_kernpartners", "amsterdam_drie_fasen")
    # when the configuration changes later, the open case keeps its model
    with override_settings(AANPAK_PER_GEBIED={}):
        buurdorp.refresh_from_db()
        assert buurdorp.aanpak == "utrecht_kernpartners"
        assert aanpak_voor("9998") == "amsterdam_drie_fasen"


def test_een_leerling_heeft_ten_hoogste_een_open_casus(
    wereld: Wereld, school: object, casus: Casus
) -> None:
    # when a second case is opened by the service, it refuses
    with pytest.raises(services.CasusNietMogelijk, match="al een open casus"):
        open_casus(wereld.leerlingen["demodam_school1"], school)
    # and the database refuses it too, whatever writes it
    with pytest.raises(IntegrityError), transaction.atomic():
        Casus.objects.create(
            leerling=casus.leerling,
            aanpak=casus.aanpak,
            start=casus.start,
            regisseur=school,  # type: ignore[misc]
            geopend_door=school,  # type: ignore[misc]
        )
    assert Casus.objects.filter(leerling=casus.leerling).count() == 1


def test_een_casus_vanuit_een_signaal_handelt_het_signaal_af(
    wereld: Wereld, school: object
) -> None:
    school1, _ = scholen()
    signaal = SignaalFactory(leerling=wereld.leerlingen["demodam_school1"], school=school1)
    casus = services.open_casus(leerling=signaal.leerling, door=school, signaal=signaal)
    signaal.refresh_from_db()
    assert (signaal.status, signaal.afhandeling, signaal.afgehandeld_door) == (
        Signaal.Status.AFGEHANDELD,
        Signaal.Afhandeling.CASUS,
        school,
    )
    assert signaal.gebeurtenissen.filter(soort=SignaalGebeurtenis.Soort.CASUS_GEMAAKT).exists()
    # the case starts on the first day of the signal's episode
    assert (casus.signaal, casus.start) == (signaal, signaal.van)


def test_een_afgehandeld_signaal_opent_geen_casus(wereld: Wereld, school: object) -> None:
    school1, _ = scholen()
    signaal = SignaalFactory(
        leerling=wereld.leerlingen["demodam_school1"],
        school=school1,
        status=Signaal.Status.AFGEHANDELD,
        afhandeling=Signaal.Afhandeling.MELDING,
    )
    with pytest.raises(SignaalNietOpen):
        services.open_casus(leerling=signaal.leerling, door=school, signaal=signaal)
    assert not Casus.objects.exists()


def test_een_casus_vanuit_een_melding_begint_op_de_begindatum_van_het_verzuim(
    wereld: Wereld, school: object, leerplicht: object
) -> None:
    school1, _ = scholen()
    leerling = wereld.leerlingen["demodam_school1"]
    melding = Melding.objects.create(
        soort=Melding.Soort.VERZUIMMELDING,
        leerling=leerling,
        school=school1,
        gemeente=leerling.woongemeente,
        begindatum=date(2026, 9, 7),
        vermoedelijke_soort="zestien_uur",
        prioriteit="normaal",
        aangemaakt_door=school,
        verzonden_door=school,
        verzonden_op=timezone.now(),
    )
    casus = services.open_casus(leerling=leerling, door=leerplicht, melding=melding)
    assert (casus.melding, casus.start, casus.regisseur) == (melding, date(2026, 9, 7), leerplicht)


def test_een_beleidsmedewerker_kan_geen_regisseur_zijn(wereld: Wereld, school: object) -> None:
    with pytest.raises(services.CasusNietMogelijk):
        open_casus(
            wereld.leerlingen["demodam_school1"],
            school,
            regisseur=wereld.medewerkers[Rol.BELEIDSMEDEWERKER],
        )
    assert not Casus.objects.exists()


# --- regie ---------------------------------------------------------------------------------


def test_de_regie_wordt_overgedragen_met_datum_van_naar_en_reden(
    casus: Casus, school: object, leerplicht: object
) -> None:
    services.draag_regie_over(
        casus=casus, aan=leerplicht, door=school, reden="Na 4 weken", datum=date(2026, 11, 2)
    )
    casus.refresh_from_db()
    assert casus.regisseur == leerplicht
    overdracht = RegieOverdracht.objects.get(casus=casus)
    assert (overdracht.datum, overdracht.van, overdracht.naar, overdracht.reden) == (
        date(2026, 11, 2),
        school,
        leerplicht,
        "Na 4 weken",
    )
    assert overdracht.door == school
    # a transfer to Leerplicht is the Amsterdam step "regie_overgedragen" on its date
    gebeurtenis = casus.gebeurtenissen.get(soort=Soort.REGIE_OVERGEDRAGEN)
    assert (gebeurtenis.stap, gebeurtenis.datum) == ("regie_overgedragen", date(2026, 11, 2))


def test_de_casus_heeft_bij_elke_overdracht_precies_een_regisseur(
    wereld: Wereld, casus: Casus, school: object, leerplicht: object
) -> None:
    gezinswerker = wereld.medewerkers[Rol.GEZINSWERKER]
    keten = [leerplicht, gezinswerker, leerplicht]
    for naar in keten:
        services.draag_regie_over(casus=casus, aan=naar, door=school, reden="Beter geplaatst")
    casus.refresh_from_db()
    overdrachten = list(casus.overdrachten.order_by("geregistreerd_op", "pk"))
    # each transfer starts where the previous ended: one line of regisseurs, no gaps
    assert [o.van for o in overdrachten] == [school, leerplicht, gezinswerker]
    assert [o.naar for o in overdrachten] == keten
    assert casus.regisseur == keten[-1]
    assert Casus._meta.get_field("regisseur").null is False


@pytest.mark.parametrize("fout", ["zelfde", "geen_reden", "andere_school", "beleid"])
def test_een_onmogelijke_overdracht_verandert_niets(
    wereld: Wereld, casus: Casus, school: object, fout: str
) -> None:
    aan, reden = {
        "zelfde": (school, "Reden"),
        "geen_reden": (wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR], "  "),
        # school 2 may not see a pupil of school 1, so it cannot direct the case
        "andere_school": (school2_medewerker(), "Reden"),
        "beleid": (wereld.medewerkers[Rol.BELEIDSMEDEWERKER], "Reden"),
    }[fout]
    with pytest.raises(services.CasusNietMogelijk):
        services.draag_regie_over(casus=casus, aan=aan, door=school, reden=reden)
    casus.refresh_from_db()
    assert casus.regisseur == school
    assert not RegieOverdracht.objects.exists()
    assert _soorten(casus) == [Soort.GEOPEND]


# --- participants --------------------------------------------------------------------------


def test_ouders_en_leerling_nemen_deel_met_hun_visie(
    wereld: Wereld, casus: Casus, school: object
) -> None:
    from tests.factories import OuderFactory

    ouder = OuderFactory(leerling=casus.leerling)
    services.voeg_deelnemer_toe(
        casus=casus, door=school, soort="ouder", ouder=ouder, visie="Wil een andere school."
    )
    services.voeg_deelnemer_toe(casus=casus, door=school, soort="leerling", visie="Wil terug.")
    services.voeg_deelnemer_toe(
        casus=casus,
        door=school,
        soort="extern",
        naam="J. Jansen",
        organisatie="Zorgaanbieder",
        rol="casusverantwoordelijke zorg",
        casusverantwoordelijke_zorg=True,
    )
    assert [(d.soort, d.visie) for d in casus.deelnemers.order_by("pk")] == [
        ("ouder", "Wil een andere school."),
        ("leerling", "Wil terug."),
        ("extern", ""),
    ]
    # only one participant is the casusverantwoordelijke zorg
    with pytest.raises(services.CasusNietMogelijk):
        services.voeg_deelnemer_toe(
            casus=casus, door=school, soort="extern", naam="B", casusverantwoordelijke_zorg=True
        )
    assert casus.gebeurtenissen.filter(soort=Soort.DEELNEMER_TOEGEVOEGD).count() == 3


def test_een_professional_die_de_casus_niet_mag_zien_kan_niet_deelnemen(
    casus: Casus, school: object
) -> None:
    with pytest.raises(services.CasusNietMogelijk):
        services.voeg_deelnemer_toe(
            casus=casus, door=school, soort="professional", medewerker=school2_medewerker()
        )
    assert not casus.deelnemers.exists()


# --- the plan ------------------------------------------------------------------------------


def test_elke_keer_opslaan_van_het_plan_is_een_nieuwe_versie(casus: Casus, school: object) -> None:
    services.sla_plan_op(casus=casus, door=school, basis_versie=0, doel="Terug naar school")
    services.sla_plan_op(
        casus=casus,
        door=school,
        basis_versie=1,
        doel="Terug naar school, eerst halve dagen",
        visie_leerling="Halve dagen lukt",
        leerling_gehoord=True,
        akkoord_ouders=True,
    )
    versies = list(casus.planversies.order_by("versie"))
    assert [(p.versie, p.doel) for p in versies] == [
        (1, "Terug naar school"),
        (2, "Terug naar school, eerst halve dagen"),
    ]
    assert (versies[1].leerling_gehoord, versies[1].akkoord_ouders) == (True, True)
    # the first version is the model step plan_van_aanpak
    stappen = casus.gebeurtenissen.filter(stap="plan_van_aanpak")
    assert stappen.count() == 2
    assert feiten_van(casus).gebeurtenissen["plan_van_aanpak"] == timezone.localdate()


def test_opslaan_op_een_verouderde_versie_slaat_niets_op_en_zegt_dat_in_het_nederlands(
    casus: Casus, school: object, wereld: Wereld
) -> None:
    # given two people opened version 1; the other saves first
    services.sla_plan_op(casus=casus, door=school, basis_versie=0, doel="Doel 1")
    services.sla_plan_op(
        casus=casus, door=wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR], basis_versie=1, doel="B"
    )
    voor = (PlanVanAanpak.objects.count(), CasusGebeurtenis.objects.count())
    # when I save my change, still based on version 1
    with pytest.raises(services.PlanVerouderd) as fout:
        services.sla_plan_op(casus=casus, door=school, basis_versie=1, doel="Mijn versie")
    # then nothing is saved and the message says what happened, in Dutch
    assert str(fout.value) == (
        "Het plan van aanpak is intussen door iemand anders opgeslagen (nu versie 2). Uw "
        "wijziging is niet opgeslagen: bekijk de nieuwe versie en breng uw wijziging daarin "
        "opnieuw aan."
    )
    assert fout.value.huidige_versie == 2
    assert (PlanVanAanpak.objects.count(), CasusGebeurtenis.objects.count()) == voor
    assert casus.planversies.order_by("-versie").first().doel == "B"  # type: ignore[union-attr]


# --- actions, contacts, steps --------------------------------------------------------------


def test_een_actie_komt_bij_het_huidige_plan_en_wordt_afgerond(
    casus: Casus, school: object
) -> None:
    plan = services.sla_plan_op(casus=casus, door=school, basis_versie=0, doel="Doel")
    actie = services.voeg_actie_toe(
        casus=casus, door=school, wat="Huisbezoek plannen", uiterlijk=date(2026, 12, 1), wie=school
    )
    assert (actie.plan, actie.status, actie.uitvoerder) == (plan, "open", str(school))
    services.rond_actie_af(actie=actie, door=school, op=date(2026, 11, 20))
    actie.refresh_from_db()
    assert (actie.status, actie.gedaan_op) == (Actie.Status.GEDAAN, date(2026, 11, 20))
    with pytest.raises(services.CasusNietMogelijk):
        services.rond_actie_af(actie=actie, door=school)


def test_een_huisbezoek_legt_de_stap_huisbezoek_vast(casus: Casus, school: object) -> None:
    dag = timezone.localdate() - timedelta(days=3)
    services.registreer_contactmoment(
        casus=casus,
        door=school,
        soort=Contactmoment.Soort.HUISBEZOEK,
        datum=dag,
        verslag="Moeder en zoon thuis gesproken.",
        met=["ouders", "leerling"],
    )
    services.registreer_contactmoment(
        casus=casus, door=school, soort="telefoon", datum=dag, verslag="Gebeld."
    )
    assert feiten_van(casus).gebeurtenissen == {"huisbezoek": dag}
    assert casus.contactmomenten.count() == 2


def test_een_vastgelegde_stap_is_een_feit_met_zijn_vroegste_datum_en_tijdstip(
    casus: Casus, school: object, leerplicht: object
) -> None:
    vandaag = timezone.localdate()
    services.registreer_stap(casus=casus, door=school, stap="uvo", datum=vandaag)
    services.registreer_stap(
        casus=casus, door=school, stap="uvo", datum=vandaag - timedelta(days=7)
    )
    moment = timezone.make_aware(datetime.combine(vandaag, datetime.min.time())) + timedelta(
        hours=9
    )
    # only Leerplicht or a teammanager engages the Interventieteam (test_vroege_route.py)
    services.registreer_stap(
        casus=casus, door=leerplicht, stap="interventieteam", datum=vandaag, tijdstip=moment
    )
    feiten = feiten_van(casus)
    assert feiten.gebeurtenissen == {
        "uvo": vandaag - timedelta(days=7),
        "interventieteam": moment,
    }
    assert feiten.start == casus.start
    assert "vo" in feiten.kenmerken  # the school of the world is a VO school
    with pytest.raises(services.CasusNietMogelijk):
        services.registreer_stap(
            casus=casus, door=school, stap="uvo", datum=vandaag + timedelta(days=1)
        )


def test_de_historie_kan_niet_worden_gewijzigd(casus: Casus) -> None:
    gebeurtenis = casus.gebeurtenissen.get()
    gebeurtenis.toelichting = "anders"
    with pytest.raises(GebeurtenisNietWijzigbaar):
        gebeurtenis.save()
    with pytest.raises(GebeurtenisNietWijzigbaar):
        CasusGebeurtenis.objects.update(toelichting="anders")


# --- closing and reopening -----------------------------------------------------------------


def test_sluiten_met_een_passend_aanbod_geeft_de_doorlooptijd(casus: Casus, school: object) -> None:
    op = casus.start + timedelta(days=38)
    services.sluit_casus(
        casus=casus, door=school, passend_aanbod="andere_school", op=op, opmerking="Via SWV"
    )
    casus.refresh_from_db()
    assert (casus.status, casus.passend_aanbod, casus.passend_aanbod_op) == (
        "gesloten",
        "andere_school",
        op,
    )
    assert casus.doorlooptijd == 38 == (op - casus.start).days
    assert "38" in casus.gebeurtenissen.get(soort=Soort.GESLOTEN).tekst
    # a closed case takes no contacts, actions, plans or transfers
    with pytest.raises(services.CasusNietMogelijk, match="gesloten"):
        services.registreer_contactmoment(
            casus=casus, door=school, soort="gesprek", datum=op, verslag="x"
        )


def test_een_passend_aanbod_voor_de_start_wordt_geweigerd(casus: Casus, school: object) -> None:
    with pytest.raises(services.CasusNietMogelijk):
        services.sluit_casus(
            casus=casus,
            door=school,
            passend_aanbod="eigen_school",
            op=casus.start - timedelta(days=1),
        )
    casus.refresh_from_db()
    assert casus.is_open


def test_een_gesloten_casus_kan_heropend_worden_en_houdt_zijn_eerdere_uitkomst(
    casus: Casus, school: object
) -> None:
    services.sluit_casus(
        casus=casus, door=school, passend_aanbod="eigen_school", op=timezone.localdate()
    )
    services.heropen_casus(casus=casus, door=school, reden="Weer thuis sinds maandag")
    casus.refresh_from_db()
    assert (casus.status, casus.passend_aanbod, casus.passend_aanbod_op, casus.doorlooptijd) == (
        "open",
        "",
        None,
        None,
    )
    heropend = casus.gebeurtenissen.get(soort=Soort.HEROPEND)
    assert "Weer thuis sinds maandag" in heropend.tekst
    assert _soorten(casus) == [Soort.GEOPEND, Soort.GESLOTEN, Soort.HEROPEND]


def test_een_casus_wordt_niet_heropend_naast_een_andere_open_casus(
    wereld: Wereld, casus: Casus, school: object
) -> None:
    services.sluit_casus(
        casus=casus, door=school, passend_aanbod="eigen_school", op=timezone.localdate()
    )
    tweede = open_casus(casus.leerling, school)
    with pytest.raises(services.CasusNietMogelijk):
        services.heropen_casus(casus=casus, door=school, reden="Opnieuw")
    casus.refresh_from_db()
    assert (casus.status, tweede.status) == ("gesloten", "open")


# --- configuration -------------------------------------------------------------------------


def test_de_instellingen_van_de_aanpakken_worden_bij_het_starten_gecontroleerd() -> None:
    assert controleer_aanpak() == []
    with override_settings(
        AANPAK="rotterdam", AANPAK_PER_GEBIED={"0344": "utrecht", "abc": "utrecht_kernpartners"}
    ):
        meldingen = controleer_aanpak()
    assert {m.id for m in meldingen} == {"binnenboord.E002"}
    assert [m.msg for m in meldingen] == [
        "AANPAK: onbekende aanpak 'rotterdam' (kies uit amsterdam_drie_fasen, "
        "utrecht_kernpartners).",
        "AANPAK_PER_GEBIED['0344']: onbekende aanpak 'utrecht' (kies uit amsterdam_drie_fasen, "
        "utrecht_kernpartners).",
        "AANPAK_PER_GEBIED: 'abc' is geen CBS-code van vier cijfers, of een CBS-code met een "
        "postcodegebied (bijvoorbeeld '0363:1020-1039') of met scholen (bijvoorbeeld "
        "'0363:brin=12AB,34CD00').",
    ]
    with override_settings(AANPAK_PER_GEBIED={"0363:1039-1020": "utrecht_kernpartners"}):
        [melding] = controleer_aanpak()
    assert melding.msg == "AANPAK_PER_GEBIED: in '0363:1039-1020' komt 'van' na 'tot'."


@override_settings(
    AANPAK="utrecht_kernpartners",
    AANPAK_PER_GEBIED={"0363": "utrecht_kernpartners", "0363:1020-1039": "amsterdam_drie_fasen"},
)
@pytest.mark.django_db  # outside a configured area the municipality's own model is read
def test_een_proefwijk_heeft_een_eigen_aanpak_naast_de_rest_van_de_stad() -> None:
    # Amsterdam-Noord (postcodes 1020-1039) runs the pilot; the rest of Amsterdam does not
    assert aanpak_voor("0363", "1021 AB") == "amsterdam_drie_fasen"
    assert aanpak_voor("0363", "1039") == "amsterdam_drie_fasen"
    assert aanpak_voor("0363", "1040 AA") == "utrecht_kernpartners"
    assert aanpak_voor("0363", "") == "utrecht_kernpartners"
    # the postcode range belongs to its municipality only
    assert aanpak_voor("0344", "1021 AB") == "utrecht_kernpartners"
