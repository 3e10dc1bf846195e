# SPDX-License-Identifier: EUPL-1.2
"""The figures of "werkt dit?" (docs/monitoring.md, "Terugkoppeling van ouders en
leerlingen"): per moment, parents and pupils apart, per model and question the number of
answers and the mean score; small cells suppressed like every other count; a municipality
counts its own cases only; the open answers never reach the figures."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest
from openpyxl import load_workbook

from binnenboord.monitoring import cijfers
from binnenboord.monitoring.exporteren import exporteer
from binnenboord.monitoring.rapport import Periode, Rapport, Scope
from binnenboord.monitoring.terugkoppeling import vragen
from binnenboord.regie.models import Casus, Portaaltoegang, Terugkoppeling
from binnenboord.toegang.models import Rol
from tests.factories import OuderFactory, PortaaltoegangFactory
from tests.regie.factories import open_casus
from tests.wereld import Wereld

OPEN = "OPEN-ANTWOORD-noemt-Jantje"


@dataclass
class Antwoorden:
    demodam: Casus
    periode: Periode
    codes: list[str]


def _vul_in(toegang: Portaaltoegang, moment: str, scores: dict[str, int], open_: str = "") -> None:
    Terugkoppeling.objects.create(
        toegang=toegang,
        casus=toegang.casus,
        moment=moment,
        antwoorden=scores,
        open_antwoord=open_,
    )


@pytest.fixture
def antwoorden(wereld: Wereld) -> Antwoorden:
    lpa = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    codes = [code for code, _tekst in vragen()]
    eerste = codes[0]
    # Demodam, case A: six parents and the pupil after the UVO
    a = open_casus(wereld.leerlingen["demodam_school1"], lpa)
    for score in (5, 4, 4, 3, 5, 3):
        toegang = PortaaltoegangFactory(casus=a, ouder=OuderFactory(leerling=a.leerling))
        _vul_in(toegang, "na_uvo", {c: (score if c == eerste else 4) for c in codes}, OPEN)
    _vul_in(PortaaltoegangFactory(casus=a), "na_uvo", dict.fromkeys(codes, 2), OPEN)
    # Demodam, case B: its pupil after the UVO
    b = open_casus(wereld.leerlingen["demodam_uitgeschreven"], lpa)
    _vul_in(PortaaltoegangFactory(casus=b), "na_uvo", dict.fromkeys(codes, 4))
    # Buurdorp: five parents, never in Demodam's figures
    c = open_casus(wereld.leerlingen["buurdorp_school1"], lpa)
    for _ in range(5):
        toegang = PortaaltoegangFactory(casus=c, ouder=OuderFactory(leerling=c.leerling))
        _vul_in(toegang, "na_uvo", dict.fromkeys(codes, 1))
    vandaag = timezone.localdate()
    return Antwoorden(a, Periode(vandaag.replace(day=1), vandaag), codes)


def _rapport(a: Antwoorden, gemeente: str = "9999") -> Rapport:
    return cijfers.maak_rapport("maand", a.periode, Scope("gemeente", gemeente))


def test_per_aanpak_en_vraag_het_aantal_en_het_gemiddelde_ouders_en_leerlingen_apart(
    antwoorden: Antwoorden,
) -> None:
    rapport = _rapport(antwoorden)
    rij = f"{antwoorden.demodam.aanpak}:{antwoorden.codes[0]}"
    ouders = rapport.tabel("terugkoppeling_na_uvo_ouder")
    leerlingen = rapport.tabel("terugkoppeling_na_uvo_leerling")
    assert ouders.cel(rij, "aantal").waarde == 6
    assert ouders.cel(rij, "gemiddeld").waarde == 4.0
    assert leerlingen.cel(rij, "aantal").waarde == 2
    assert leerlingen.cel(rij, "gemiddeld").waarde == 3.0
    # a row per question of the model; nothing at closing yet
    assert {r.sleutel for r in ouders.rijen} == {
        f"{antwoorden.demodam.aanpak}:{c}" for c in antwoorden.codes
    }
    assert rapport.tabel("terugkoppeling_afsluiting_ouder").rijen == ()


def test_een_kleine_cel_wordt_onderdrukt_en_een_grote_niet(antwoorden: Antwoorden) -> None:
    rapport = _rapport(antwoorden).onderdrukt()
    rij = f"{antwoorden.demodam.aanpak}:{antwoorden.codes[0]}"
    ouders = rapport.tabel("terugkoppeling_na_uvo_ouder")
    leerlingen = rapport.tabel("terugkoppeling_na_uvo_leerling")
    assert (ouders.cel(rij, "aantal").waarde, ouders.cel(rij, "gemiddeld").waarde) == (6, 4.0)
    # two pupils: the count is "< 5" and the mean over them is hidden too
    assert leerlingen.cel(rij, "aantal").onderdrukt
    assert leerlingen.cel(rij, "aantal").tekst == "< 5"
    assert leerlingen.cel(rij, "gemiddeld").onderdrukt
    assert leerlingen.cel(rij, "gemiddeld").waarde is None


def test_een_gemeente_telt_alleen_haar_eigen_casussen(antwoorden: Antwoorden) -> None:
    demodam = _rapport(antwoorden).tabel("terugkoppeling_na_uvo_ouder")
    assert {r.cellen[0].waarde for r in demodam.rijen} == {6}
    buurdorp = _rapport(antwoorden, "9998").tabel("terugkoppeling_na_uvo_ouder")
    assert {r.cellen[0].waarde for r in buurdorp.rijen} == {5}
    assert {r.cellen[1].waarde for r in buurdorp.rijen} == {1.0}


def test_de_exports_tonen_de_terugkoppeling_zonder_open_antwoorden(
    antwoorden: Antwoorden,
) -> None:
    rapport = _rapport(antwoorden)
    gegevens = json.loads(exporteer(rapport, "json"))
    (sectie,) = [s for s in gegevens["secties"] if s["sleutel"] == "terugkoppeling"]
    tabellen = {t["sleutel"]: t for t in sectie["tabellen"]}
    rij = f"{antwoorden.demodam.aanpak}:{antwoorden.codes[0]}"
    (leerlingrij,) = [
        r for r in tabellen["terugkoppeling_na_uvo_leerling"]["rijen"] if r["sleutel"] == rij
    ]
    assert leerlingrij["waarden"] == {"aantal": "< 5", "gemiddeld": "n < 5"}
    for formaat in ("json", "csv", "xlsx", "pdf"):
        assert OPEN.encode() not in exporteer(rapport, formaat)
    boek = load_workbook(io.BytesIO(exporteer(rapport, "xlsx")))
    inhoud = [str(c.value) for r in boek["Rapport"].iter_rows() for c in r if c.value]
    assert rapport.tabel("terugkoppeling_na_uvo_ouder").titel in inhoud


def test_beleid_ziet_alleen_onderdrukte_cijfers_van_de_eigen_gemeente(
    client: Client, antwoorden: Antwoorden, wereld: Wereld
) -> None:
    client.force_login(wereld.medewerkers[Rol.BELEIDSMEDEWERKER])
    url = reverse("monitoring:dashboard")
    parameters: dict[str, Any] = {"soort": "maand", "periode": antwoorden.periode.code}
    antwoord = client.get(url, {**parameters, "scope": "gemeente:9999"})
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert 'id="tabel-terugkoppeling-terugkoppeling_na_uvo_ouder"' in html
    assert OPEN not in html
    rapport = antwoord.context["rapport"]
    assert rapport.onderdrukking
    rij = f"{antwoorden.demodam.aanpak}:{antwoorden.codes[0]}"
    assert rapport.tabel("terugkoppeling_na_uvo_leerling").cel(rij, "aantal").onderdrukt
    # another municipality's figures: not found
    assert client.get(url, {**parameters, "scope": "gemeente:9998"}).status_code == 404
