# SPDX-License-Identifier: EUPL-1.2
"""A stored case evaluated under its model (kern.aanpak) on a fixed peildatum: the facts come
from the case's history, the pupil's school, age and signals, and its regisseur; the phase, the
regisseur the model wants and the deadlines follow."""

from __future__ import annotations

from datetime import date

from django.test import override_settings
from django.utils.translation import gettext

import pytest

from binnenboord.regie import services
from binnenboord.regie.beoordeling import (
    beoordeel_casus,
    feiten_van,
    kop_van,
    met_open_nazorg,
    stapkeuzes,
)
from binnenboord.regie.models import Casus
from binnenboord.registratie.models import Inschrijving, School
from binnenboord.signalering.models import Soort
from binnenboord.toegang.models import Rol
from tests.regie.factories import open_casus
from tests.signalering.factories import SignaalFactory
from tests.wereld import Wereld

# Monday 2 March 2026; phase 2 of Amsterdam from Monday 30 March (4 school weeks: no holiday
# week of region noord in between).
START = date(2026, 3, 2)
PEILDATUM = date(2026, 4, 13)


@pytest.fixture
def casus(wereld: Wereld) -> Casus:
    return open_casus(
        wereld.leerlingen["demodam_school1"], wereld.medewerkers[Rol.SCHOOLMEDEWERKER], start=START
    )


def _status(beoordeling: object, code: str) -> str:
    return next(s.status for s in beoordeling.stappen if s.stap.code == code)  # type: ignore[attr-defined]


def test_een_amsterdamse_casus_is_na_zes_weken_in_fase_twee_met_leerplicht_als_regisseur(
    casus: Casus,
) -> None:
    beoordeling = beoordeel_casus(casus, PEILDATUM)
    assert (beoordeling.fase.code, beoordeling.fase_sinds) == ("leerplicht", date(2026, 3, 30))
    assert beoordeling.regisseur == Rol.LEERPLICHTAMBTENAAR
    # the transfer was due 3 werkdagen after the phase began (Thursday 2 April) and is overdue
    assert _status(beoordeling, "regie_overgedragen") == "verlopen"
    assert _status(beoordeling, "huisbezoek") == "binnenkort"  # due 13 April, today


def test_de_gedane_stappen_van_de_casus_tellen_voor_de_aanpak(wereld: Wereld, casus: Casus) -> None:
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    leerplicht = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    services.draag_regie_over(
        casus=casus, aan=leerplicht, door=school, reden="4 weken", datum=date(2026, 3, 31)
    )
    services.registreer_contactmoment(
        casus=casus, door=leerplicht, soort="huisbezoek", datum=date(2026, 4, 10), verslag="."
    )
    beoordeling = beoordeel_casus(casus, PEILDATUM)
    assert _status(beoordeling, "regie_overgedragen") == "gedaan"
    assert _status(beoordeling, "huisbezoek") == "gedaan"
    kop = kop_van(casus, PEILDATUM)
    # nothing is overdue: the first conversation of phase 1 (one week after the start) lapsed
    # when phase 2 began, and the timeline says it was missed
    assert kop.te_laat == ()
    [gesprek] = [s for s in kop.beoordeling.stappen if s.stap.code == "gesprek_ouders"]
    assert (gesprek.status, gesprek.vervallen_op, gesprek.gemist) == (
        "vervallen",
        date(2026, 3, 30),
        True,
    )
    # and the next deadline is the plan, four weeks after phase 2 began: that is Koningsdag
    # (27 April), so the next werkdag
    assert kop.volgende is not None
    assert (kop.volgende.stap.code, kop.volgende.termijn.verloopt_op) == (  # type: ignore[union-attr]
        "plan_van_aanpak",
        date(2026, 4, 28),
    )
    assert kop.regisseur_volgens_model == str(Rol.LEERPLICHTAMBTENAAR.label)


def test_een_gezinswerker_met_de_regie_is_wat_de_aanpak_vraagt(
    wereld: Wereld, casus: Casus
) -> None:
    casus = services.draag_regie_over(
        casus=casus,
        aan=wereld.medewerkers[Rol.GEZINSWERKER],
        door=wereld.medewerkers[Rol.SCHOOLMEDEWERKER],
        reden="Gezinsmanager is beter geplaatst",
    )
    assert "gezinsmanager" in feiten_van(casus).kenmerken
    assert beoordeel_casus(casus, PEILDATUM).regisseur == Rol.GEZINSWERKER


@override_settings(AANPAK_PER_GEBIED={"9999": "utrecht_kernpartners"})
def test_een_utrechtse_vo_casus_wordt_na_acht_schoolweken_voorgelegd_aan_de_teammanagers(
    wereld: Wereld,
) -> None:
    casus = open_casus(
        wereld.leerlingen["demodam_school1"], wereld.medewerkers[Rol.SCHOOLMEDEWERKER], start=START
    )
    # 8 school weeks from 2 March: the meivakantie (week of 27 April) does not count, 4 May
    assert beoordeel_casus(casus, date(2026, 5, 3)).fase.code == "kernteam"
    beoordeling = beoordeel_casus(casus, date(2026, 5, 4))
    # the teammanagers decide; the regie stays with the school
    assert (beoordeling.fase.code, beoordeling.regisseur) == ("teammanagers", Rol.SCHOOLMEDEWERKER)
    assert beoordeling.escalatie == "teammanagers"
    # the steps a person can record follow the case's own model
    keuzes = dict(stapkeuzes(casus))
    assert "actietafel" in keuzes
    assert "huisbezoek" not in keuzes
    assert {"gezamenlijk_besluit", "interventieteam", "geen_perspectief", "nazorg"} <= set(keuzes)


@override_settings(AANPAK_PER_GEBIED={"9999": "utrecht_kernpartners"})
def test_een_gezamenlijk_besluit_en_de_vroege_route_uit_de_geschiedenis(wereld: Wereld) -> None:
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    casus = open_casus(wereld.leerlingen["demodam_school1"], school, start=START)
    services.registreer_stap(
        casus=casus, door=school, stap="gezamenlijk_besluit", datum=date(2026, 4, 20)
    )
    # 10 school weeks from 2 March: 18 May; with the joint decision no Interventieteam
    assert beoordeel_casus(casus, date(2026, 5, 20)).fase.code == "teammanagers"
    leerplicht = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    services.registreer_stap(
        casus=casus, door=leerplicht, stap="interventieteam", datum=date(2026, 5, 19)
    )
    beoordeling = beoordeel_casus(casus, date(2026, 5, 20))
    assert (beoordeling.fase.code, beoordeling.fase_sinds) == (
        "interventieteam",
        date(2026, 5, 19),
    )


def test_de_leerplichtambtenaar_die_de_casus_opende_hoeft_de_regie_niet_over_te_nemen(
    wereld: Wereld,
) -> None:
    leerplicht = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    casus = open_casus(wereld.leerlingen["demodam_school1"], leerplicht, start=START)
    assert feiten_van(casus).regisseur == Rol.LEERPLICHTAMBTENAAR
    kop = kop_van(casus, PEILDATUM)
    assert "regie_overgedragen" not in {s.stap.code for s in kop.te_laat}
    [overdracht] = [s for s in kop.beoordeling.stappen if s.stap.code == "regie_overgedragen"]
    assert (overdracht.status, overdracht.gedaan_op) == ("gedaan", START)


def test_een_casus_van_de_school_moet_de_regie_wel_overdragen(casus: Casus) -> None:
    assert feiten_van(casus).regisseur == Rol.SCHOOLMEDEWERKER
    assert "regie_overgedragen" in {s.stap.code for s in kop_van(casus, PEILDATUM).te_laat}


def test_ziekte_in_de_verzuimgegevens_vraagt_mazl_wat_de_casus_ook_opende(
    wereld: Wereld, casus: Casus
) -> None:
    leerling = wereld.leerlingen["demodam_school1"]
    assert "ziek" not in feiten_van(casus).kenmerken
    # a sickness signal from before the episode (more than 4 weeks before the start) does not
    # count
    SignaalFactory(
        leerling=leerling,
        soort=Soort.ZORGWEKKEND_ZIEKTEVERZUIM,
        begindatum=date(2026, 1, 20),
        datum=date(2026, 1, 30),
    )
    assert "ziek" not in feiten_van(casus, op=PEILDATUM).kenmerken
    # one in the episode does, though the case was opened by hand
    SignaalFactory(leerling=leerling, soort=Soort.ZORGWEKKEND_ZIEKTEVERZUIM, datum=date(2026, 2, 2))
    assert "ziek" in feiten_van(casus, op=PEILDATUM).kenmerken
    [mazl] = [s for s in beoordeel_casus(casus, PEILDATUM).stappen if s.stap.code == "mazl"]
    assert mazl.stap.rol == Rol.JEUGDARTS


def test_vso_en_een_niet_ingeschreven_leerling_van_vo_leeftijd_volgen_de_vo_route(
    wereld: Wereld, casus: Casus
) -> None:
    school = Inschrijving.objects.get(leerling=casus.leerling).school
    School.objects.filter(pk=school.pk).update(soort=School.Soort.VSO)
    assert "vo" in feiten_van(casus).kenmerken
    School.objects.filter(pk=school.pk).update(soort=School.Soort.PO)
    assert "vo" not in feiten_van(casus).kenmerken
    # not enrolled: the age decides (born 17-05-2012: 12 on 1 October 2024)
    uit = wereld.leerlingen["demodam_uitgeschreven"]
    zonder = open_casus(uit, wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    assert "vo" in feiten_van(zonder).kenmerken
    type(uit).objects.filter(pk=uit.pk).update(geboortedatum=date(2018, 5, 17))
    assert "vo" not in feiten_van(zonder).kenmerken


def test_een_gesloten_casus_houdt_zijn_fase_en_haalt_de_norm(wereld: Wereld, casus: Casus) -> None:
    casus = services.sluit_casus(
        casus=casus,
        door=wereld.medewerkers[Rol.SCHOOLMEDEWERKER],
        passend_aanbod="eigen_school",
        op=date(2026, 4, 20),
    )
    beoordeling = beoordeel_casus(casus, date(2026, 9, 1))
    assert beoordeling.afgesloten
    assert (beoordeling.fase.code, beoordeling.norm_status) == ("leerplicht", "gedaan")
    # back at school: the aftercare was due 6 weeks later (1 June) and is overdue
    [nazorg] = [s for s in beoordeling.stappen if s.stap.code == "nazorg"]
    assert nazorg.termijn is not None
    assert (nazorg.status, nazorg.termijn.verloopt_op) == ("verlopen", date(2026, 6, 1))
    assert "terug_op_school" in feiten_van(casus).kenmerken


def test_een_casus_gesloten_met_een_vrijstelling_heeft_geen_nazorg(
    wereld: Wereld, casus: Casus
) -> None:
    casus = services.sluit_casus(
        casus=casus,
        door=wereld.medewerkers[Rol.SCHOOLMEDEWERKER],
        passend_aanbod="zorgarrangement",
        op=date(2026, 4, 20),
    )
    beoordeling = beoordeel_casus(casus, date(2026, 9, 1))
    assert "nazorg" not in {s.stap.code for s in beoordeling.stappen}


def test_de_tot_nu_toe_ingegane_fasen_staan_op_de_tijdlijn(casus: Casus) -> None:
    kop = kop_van(casus, date(2026, 6, 8))  # more than three months after the start
    assert kop.fasen_ingegaan() == [
        ("Fase 1: de school heeft de regie", START),
        ("Fase 2: Leerplicht heeft de regie", date(2026, 3, 30)),
        ("Fase 3: het Doorbraakoverleg", date(2026, 6, 2)),
    ]
    # and the escalation due is named for a person, not by its code
    assert kop.beoordeling.escalatie == "doorbraakoverleg"
    assert kop.escalatie == gettext("Case brought to the Doorbraakoverleg")


def test_de_nazorg_van_gesloten_casussen_staat_klaar_voor_een_werklijst(
    wereld: Wereld, casus: Casus
) -> None:
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    casus = services.sluit_casus(
        casus=casus, door=school, passend_aanbod="eigen_school", op=date(2026, 4, 20)
    )
    alle = Casus.objects.all()
    # within the horizon, before the step is recorded
    assert list(met_open_nazorg(alle, date(2026, 6, 1))) == [casus]
    assert list(met_open_nazorg(alle, date(2026, 4, 19))) == []  # before it closed
    assert list(met_open_nazorg(alle, date(2026, 10, 20))) == []  # past the 26 weeks
    services.registreer_stap(casus=casus, door=school, stap="nazorg", datum=date(2026, 5, 28))
    assert list(met_open_nazorg(alle, date(2026, 6, 1))) == []
