# SPDX-License-Identifier: EUPL-1.2
"""Odd periods (issue 13, finding 12): `/cijfers/?…&periode=0001-01-01..9999-12-31` raised
OverflowError (a 500) when the report computed the year before it. A period must lie in
1900..2100 and span at most 20 years; anything else is the form's Dutch error on the
dashboard and a CommandError naming the value for `binnenboord rapport`, never a 500."""

from __future__ import annotations

from datetime import date

from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

import pytest

from binnenboord.monitoring.rapport import OngeldigeInvoer, Periode, lees_periode
from binnenboord.toegang.models import Rol
from tests.wereld import Wereld

ABSURD = [
    "0001-01-01..9999-12-31",  # the reported 500: OverflowError in the year before
    "9999-12",  # the twelve months up to it end after 9999
    "9999",
    "1899-12-31..1900-01-31",  # before 1900
    "1850/1851",
    "2101-01",  # after 2100
    "2000-01..2020-02",  # longer than 20 years
    "0000-01",  # not a date at all
]


@pytest.mark.parametrize("tekst", ABSURD)
def test_een_absurde_periode_is_een_duidelijke_nederlandse_fout(tekst: str) -> None:
    with translation.override("nl"), pytest.raises(OngeldigeInvoer) as fout:
        lees_periode(tekst)
    assert tekst in str(fout.value)
    assert "periode" in str(fout.value)


def test_de_randen_zijn_nog_periodes() -> None:
    assert lees_periode("1900-01-01..1919-12-31") == Periode(date(1900, 1, 1), date(1919, 12, 31))
    assert lees_periode("2100-12") == Periode(date(2100, 12, 1), date(2100, 12, 31))
    # and the year before the earliest period can still be computed
    assert lees_periode("1900/1901").even_lang_ervoor().van == date(1899, 8, 1)


@pytest.mark.django_db
@pytest.mark.parametrize("tekst", ABSURD)
def test_het_dashboard_toont_de_formulierfout_geen_500(
    client: Client, wereld: Wereld, tekst: str
) -> None:
    client.force_login(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    for soort in ("maand", "jaar"):
        response = client.get(
            reverse("monitoring:dashboard"),
            {"soort": soort, "periode": tekst, "scope": "gemeente:9999"},
        )
        assert response.status_code == 200
        assert response.context["rapport"] is None
        assert tekst in response.context["form"].errors["periode"][0]


@pytest.mark.django_db
@pytest.mark.parametrize("naam", ["monitoring:export", "monitoring:lijst"])
def test_een_link_met_een_absurde_periode_wordt_niet_gevonden(
    client: Client, wereld: Wereld, naam: str
) -> None:
    client.force_login(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    response = client.get(
        reverse(naam),
        {
            "soort": "jaar",
            "periode": ABSURD[0],
            "scope": "gemeente:9999",
            "formaat": "json",
            "tabel": "categorie",
            "rij": "totaal",
            "kolom": "aantal",
        },
    )
    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("optie", ["--periode", "--basis"])
def test_het_commando_noemt_een_absurde_periode(wereld: Wereld, optie: str) -> None:
    argumenten = ["rapport", "jaar", "--scope", "gemeente:9999", "--formaat", "json"]
    with pytest.raises(CommandError, match=r"0001-01-01\.\.9999-12-31"):
        call_command(*argumenten, optie, ABSURD[0], "--uitvoer", "-")
