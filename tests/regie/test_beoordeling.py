# SPDX-License-Identifier: EUPL-1.2
"""A stored case evaluated under its model (kern.aanpak) on a fixed peildatum: the facts come
from the case's history, the phase, the regisseur the model wants and the deadlines follow."""

from __future__ import annotations

from datetime import date

from django.test import override_settings
from django.utils.translation import gettext

import pytest

from binnenboord.regie import services
from binnenboord.regie.beoordeling import beoordeel_casus, feiten_van, kop_van, stapkeuzes
from binnenboord.regie.models import Casus
from binnenboord.toegang.models import Rol
from tests.regie.factories import open_casus
from tests.wereld import Wereld

# Monday 2 March 2026; phase 2 of Amsterdam from Monday 30 March (4 weeks).
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
    # what is left overdue: the first conversation of phase 1 (one week after the start)
    assert [s.stap.code for s in kop.te_laat] == ["gesprek_ouders"]
    # and the next deadline is the plan, four weeks after phase 2 began
    assert kop.volgende is not None
    assert (kop.volgende.stap.code, kop.volgende.termijn.verloopt_op) == (  # type: ignore[union-attr]
        "plan_van_aanpak",
        date(2026, 4, 27),
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
def test_een_utrechtse_vo_casus_gaat_na_acht_weken_naar_de_teammanagers(wereld: Wereld) -> None:
    casus = open_casus(
        wereld.leerlingen["demodam_school1"], wereld.medewerkers[Rol.SCHOOLMEDEWERKER], start=START
    )
    beoordeling = beoordeel_casus(casus, date(2026, 4, 27))  # 8 weeks
    assert (beoordeling.fase.code, beoordeling.regisseur) == ("teammanagers", Rol.TEAMMANAGER)
    assert beoordeling.escalatie == "teammanagers"
    # the steps a person can record follow the case's own model
    assert "actietafel" in dict(stapkeuzes(casus))
    assert "huisbezoek" not in dict(stapkeuzes(casus))


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
