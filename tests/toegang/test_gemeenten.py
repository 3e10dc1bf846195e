# SPDX-License-Identifier: EUPL-1.2
"""The municipalities that migration 0004 ships (toegang/gemeentedata, docs/inrichten.md), the
herindelingen as successors, and the register an import resolves a code or name with."""

from __future__ import annotations

import csv
from datetime import date

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from binnenboord.toegang.gemeenten import (
    MAP,
    Gemeenteregister,
    Gemeenterij,
    herindelingen,
    huidige_gemeenten,
    werk_bij,
)
from binnenboord.toegang.models import Gemeente

pytestmark = pytest.mark.django_db


def _rijen(naam: str) -> list[dict[str, str]]:
    with (MAP / naam).open(encoding="utf-8", newline="") as bestand:
        return list(csv.DictReader(bestand, delimiter=";"))


def test_na_migrate_staat_elke_huidige_gemeente_uit_het_databestand_erin() -> None:
    huidig = _rijen("gemeenten.csv")
    # the shipped list: every current municipality once, 342 since 2023
    assert len(huidig) == len({r["code"] for r in huidig}) == 342
    opgeslagen = dict(
        Gemeente.objects.filter(opgeheven_op=None, code__lt="9000").values_list("code", "naam")
    )
    assert opgeslagen == {r["code"]: r["naam"] for r in huidig}


@pytest.mark.parametrize(
    ("code", "naam"),
    [
        ("0344", "Utrecht"),
        ("0363", "Amsterdam"),
        ("0599", "Rotterdam"),
        ("0518", "'s-Gravenhage"),
        ("0796", "'s-Hertogenbosch"),
        ("1980", "Dijk en Waard"),
        ("1982", "Land van Cuijk"),
        ("1991", "Maashorst"),
        ("1992", "Voorne aan Zee"),
        ("1979", "Eemsdelta"),
        ("0164", "Hengelo (O.)"),
    ],
)
def test_bekende_gemeenten_hebben_hun_cbs_code_en_naam(code: str, naam: str) -> None:
    gemeente = Gemeente.objects.get(code=code)
    assert (gemeente.naam, gemeente.opgeheven_op, gemeente.opvolger) == (naam, None, None)


@pytest.mark.parametrize(
    ("code", "naam", "datum", "opvolger"),
    [
        ("0457", "Weesp", date(2022, 3, 24), "0363"),
        ("0370", "Beemster", date(2022, 1, 1), "0439"),
        ("0398", "Heerhugowaard", date(2022, 1, 1), "1980"),
        ("0856", "Uden", date(2022, 1, 1), "1991"),
        ("0501", "Brielle", date(2023, 1, 1), "1992"),
        ("0003", "Appingedam", date(2021, 1, 1), "1979"),
        ("0393", "Haarlemmerliede en Spaarnwoude", date(2019, 1, 1), "0394"),
        ("0081", "Leeuwarderadeel", date(2018, 1, 1), "0080"),
    ],
)
def test_een_opgeheven_gemeente_houdt_haar_rij_met_datum_en_opvolger(
    code: str, naam: str, datum: date, opvolger: str
) -> None:
    gemeente = Gemeente.objects.select_related("opvolger").get(code=code)
    assert gemeente.naam == naam
    assert gemeente.opgeheven_op == datum
    assert gemeente.opvolger is not None and gemeente.opvolger.code == opvolger


def test_een_gesplitste_gemeente_is_opgeheven_zonder_opvolger() -> None:
    haaren = Gemeente.objects.get(code="0788")
    assert (haaren.naam, haaren.opgeheven_op, haaren.opvolger) == ("Haaren", date(2021, 1, 1), None)


def test_de_herindelingen_van_2018_tot_nu_staan_erin_en_wijzen_naar_huidige_gemeenten() -> None:
    rijen = herindelingen()
    jaren = {r.opgeheven_op.year for r in rijen if r.opgeheven_op}
    assert {2018, 2019, 2021, 2022, 2023} <= jaren
    huidig = {g.code for g in huidige_gemeenten()}
    assert all(r.opvolger in huidig for r in rijen if r.opvolger)
    assert not huidig & {r.code for r in rijen}


def test_de_lijst_opnieuw_laden_verandert_niets_en_verwijdert_niets() -> None:
    # given the migrated database plus the demo's and a test's own municipalities
    Gemeente.objects.create(code="9999", naam="Demodam")
    Gemeente.objects.create(code="9998", naam="Buurdorp")
    voor = set(Gemeente.objects.values_list("pk", "code", "naam", "opgeheven_op", "opvolger"))
    # when the data is loaded again, as the migration does
    with CaptureQueriesContext(connection) as vragen:
        verslag = werk_bij(Gemeente, huidige_gemeenten(), herindelingen())
    # then nothing changed or disappeared, in a handful of queries
    assert verslag.wijzigingen == 0 and verslag.fouten == []
    assert (
        set(Gemeente.objects.values_list("pk", "code", "naam", "opgeheven_op", "opvolger")) == voor
    )
    assert len(vragen) <= 5


def test_laden_in_een_lege_tabel_kost_een_paar_queries() -> None:
    Gemeente.objects.update(opvolger=None)
    Gemeente.objects.all().delete()
    with CaptureQueriesContext(connection) as vragen:
        verslag = werk_bij(Gemeente, huidige_gemeenten(), herindelingen())
    assert len(verslag.nieuw) == 342 + len(herindelingen())
    assert len(vragen) <= 6
    assert Gemeente.objects.get(code="0457").opvolger == Gemeente.objects.get(code="0363")


def test_een_naam_die_al_bij_een_andere_code_hoort_wordt_gemeld_en_niet_geforceerd() -> None:
    Gemeente.objects.create(code="9001", naam="Nieuwstad")
    verslag = werk_bij(Gemeente, [Gemeenterij("1999", "Nieuwstad")])
    assert verslag.nieuw == []
    assert verslag.fouten == ["Nieuwstad (1999): die naam hoort al bij CBS-code 9001."]
    assert not Gemeente.objects.filter(code="1999").exists()


def test_een_opvolger_die_terugleidt_wordt_geweigerd() -> None:
    # Amsterdam "ending" in Weesp, which ended in Amsterdam
    verslag = werk_bij(Gemeente, [], [Gemeenterij("0363", "", date(2030, 1, 1), "0457")])
    assert verslag.opgeheven == []
    assert verslag.fouten == ["Amsterdam (0363): opvolger 0457 leidt terug naar deze gemeente."]
    assert Gemeente.objects.get(code="0363").opgeheven_op is None


def test_het_register_volgt_een_opgeheven_gemeente_naar_haar_opvolger() -> None:
    register = Gemeenteregister(
        [
            (1, "0363", "Amsterdam", None, None),
            (2, "0457", "Weesp", date(2022, 3, 24), 1),
            (3, "0788", "Haaren", date(2021, 1, 1), None),
            (4, "0373", "Bergen (NH.)", None, None),
            (5, "0893", "Bergen (L.)", None, None),
            (6, "0164", "Hengelo (O.)", None, None),
        ]
    )
    weesp = register.zoek("weesp")
    assert weesp is not None and weesp.pk == 1 and weesp.opgevolgd is not None
    assert (weesp.opgevolgd.oud_code, weesp.opgevolgd.nieuw_naam) == ("0457", "Amsterdam")
    haaren = register.zoek("0788")
    assert haaren is not None and (haaren.pk, haaren.gesplitst) == (None, "Haaren (0788)")
    assert register.zoek("Bergen") is None
    hengelo = register.zoek("hengelo")
    assert hengelo is not None and hengelo.pk == 6
    amsterdam = register.zoek("GM0363")
    assert amsterdam is not None and (amsterdam.pk, amsterdam.opgevolgd) == (1, None)


@pytest.mark.django_db(transaction=True)
def test_na_een_flush_zijn_de_gemeenten_er_weer() -> None:
    # given the demo's municipality beside the shipped ones
    Gemeente.objects.create(code="9999", naam="Demodam")
    # when the database is flushed (as after a transactional test)
    call_command("flush", interactive=False, verbosity=0)
    # then the shipped municipalities are back, with their successors, and Demodam is gone
    assert Gemeente.objects.filter(opgeheven_op=None).count() == 342
    assert Gemeente.objects.get(code="0457").opvolger == Gemeente.objects.get(code="0363")
    assert not Gemeente.objects.filter(code="9999").exists()
