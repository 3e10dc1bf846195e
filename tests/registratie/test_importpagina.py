# SPDX-License-Identifier: EUPL-1.2
"""The import page lists only the kinds of file the user may import, each with its columns and
the values a fixed column takes (soort, regio, artikel, hele_dag)."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse

import pytest

from binnenboord.registratie.models import Import, School, Vrijstelling
from binnenboord.toegang.models import Rol
from tests.wereld import Wereld

pytestmark = pytest.mark.django_db

KOLOMMEN = {
    "scholen": "brin, vestiging, naam, soort, gemeente, regio",
    "leerlingen": "bsn, voornamen, achternaam, geboortedatum, woongemeente",
    "inschrijvingen": "bsn, brin, vestiging, begindatum, einddatum",
    "verzuim": "bsn, brin, vestiging, datum, minuten, soort, hele_dag, reden_code",
    "vrijstellingen": "bsn, artikel, begindatum, einddatum",
}


def _formaten(html: str) -> str:
    return html.split('id="formaten"', 1)[1]


@pytest.mark.parametrize(
    "rol", [Rol.SCHOOLMEDEWERKER, Rol.LEERPLICHTAMBTENAAR, Rol.FUNCTIONEEL_BEHEERDER]
)
def test_alleen_de_soorten_die_de_gebruiker_mag_importeren(
    wereld: Wereld, client: Client, rol: str
) -> None:
    gebruiker = wereld.medewerkers[rol]
    client.force_login(gebruiker)
    html = client.get(reverse("registratie:imports")).content.decode()
    formaten = _formaten(html)

    mag = {s for s in Import.Soort.values if gebruiker.has_perm(f"registratie.import_{s}")}
    assert mag
    for soort, kolommen in KOLOMMEN.items():
        assert (f"<code>{kolommen}</code>" in formaten) is (soort in mag), (rol, soort)
    # the choice in the form offers the same kinds
    keuze = html.split('name="soort"', 1)[1].split("</select>", 1)[0]
    keuzes = set(re.findall(r'<option value="([a-z]+)"', keuze))
    assert keuzes == mag


def test_de_toegestane_waarden_van_soort_en_andere_vaste_kolommen_staan_erbij(
    wereld: Wereld, client: Client
) -> None:
    beheerder = wereld.medewerkers[Rol.FUNCTIONEEL_BEHEERDER]
    client.force_login(beheerder)
    formaten = _formaten(client.get(reverse("registratie:imports")).content.decode())

    verwacht = {
        "scholen": [("soort", ", ".join(School.Soort.values)), ("regio", "noord, midden, zuid")],
        "verzuim": [
            ("soort", "ongeoorloofd, luxe, te_laat, ziek, geoorloofd"),
            ("hele_dag", "ja, nee"),
        ],
        "vrijstellingen": [("artikel", ", ".join(Vrijstelling.Artikel.values))],
    }
    for soort, regels in verwacht.items():
        if not beheerder.has_perm(f"registratie.import_{soort}"):
            continue
        for kolom, waarden in regels:
            assert f"<code>{kolom}</code> is een van: <code>{waarden}</code>" in formaten, soort
