# SPDX-License-Identifier: EUPL-1.2
"""The demo city: deterministic, valid, fictitious, and with the cases the signals look for."""

from __future__ import annotations

import random
import re
from datetime import date, timedelta
from io import StringIO

from django.core.management import call_command
from django.db.models import Sum

import pytest
from auditlog.context import disable_auditlog

from binnenboord.demo import generator
from binnenboord.demo.generator import (
    WACHTWOORD,
    bouw_demostad,
)
from binnenboord.demo.importpad import DemoImportMislukt
from binnenboord.kern.kalender import Schoolkalender
from binnenboord.registratie.models import (
    Import,
    Inschrijving,
    Leerling,
    Ouder,
    School,
    Verzuim,
    Vrijstelling,
)
from binnenboord.toegang.models import (
    Gemeente,
    Kernteam,
    Medewerker,
    Organisatie,
    Rol,
)

pytestmark = pytest.mark.django_db

PEILDATUM = date(2026, 3, 16)
GROOTTE = 300
SEED = 7


def _leeftijd(geboren: date, op: date) -> int:
    return op.year - geboren.year - ((op.month, op.day) < (geboren.month, geboren.day))


def _ingeschreven_op(leerling_id: int, dag: date) -> bool:
    return (
        Inschrijving.objects.filter(leerling_id=leerling_id, begindatum__lte=dag)
        .exclude(einddatum__lt=dag)
        .exists()
    )


def _vingerafdruk() -> tuple[object, ...]:
    leerlingen = sorted(
        (lln.bsn or "", lln.naam, lln.geboortedatum, lln.postcode) for lln in Leerling.objects.all()
    )
    inschrijvingen = sorted(
        Inschrijving.objects.values_list(
            "leerling__bsn", "school__brin", "begindatum", "einddatum"
        ).order_by()
    )
    verzuim = Verzuim.objects.aggregate(
        *(Sum(f"minuten_{soort}") for soort in ("ongeoorloofd", "luxe", "te_laat", "ziek"))
    )
    dagen = sorted(Verzuim.objects.values_list("leerling__bsn", "datum").order_by())
    ouders = sorted(Ouder.objects.values_list("leerling__bsn", "voornamen", "email").order_by())
    vrijstellingen = sorted(
        Vrijstelling.objects.values_list(
            "leerling__bsn", "artikel", "begindatum", "einddatum"
        ).order_by()
    )
    return leerlingen, inschrijvingen, verzuim, dagen, ouders, vrijstellingen


def _leeg_database() -> None:
    # without a change-history entry per deleted row: thousands of them were most of the time
    # of these tests, and the history is not what they test
    with disable_auditlog():
        for model in (
            Import,
            Vrijstelling,
            Verzuim,
            Inschrijving,
            Ouder,
            Leerling,
            Kernteam,
            School,
            Medewerker,
        ):
            model.objects.all().delete()
        Organisatie.objects.all().delete()
        # the municipalities of the Netherlands (migration 0004) stay; the demo's own (9000 and
        # up) go
        Gemeente.objects.filter(code__gte="9000").delete()


def test_dezelfde_seed_grootte_en_peildatum_bouwen_dezelfde_stad() -> None:
    # given a demo city built once and its fingerprint
    eerste = bouw_demostad(grootte=GROOTTE, seed=SEED, peildatum=PEILDATUM)
    afdruk = _vingerafdruk()
    # when the database is emptied and the city is built again
    _leeg_database()
    tweede = bouw_demostad(grootte=GROOTTE, seed=SEED, peildatum=PEILDATUM)
    # then every pupil, enrolment, parent, exemption and absence day is the same
    assert _vingerafdruk() == afdruk
    assert tweede == eerste


def test_een_andere_seed_bouwt_een_andere_stad() -> None:
    # given a city built with one seed
    bouw_demostad(grootte=GROOTTE, seed=SEED, peildatum=PEILDATUM)
    afdruk = _vingerafdruk()
    _leeg_database()
    # when it is built with another seed
    bouw_demostad(grootte=GROOTTE, seed=SEED + 1, peildatum=PEILDATUM)
    # then the pupils differ
    assert _vingerafdruk()[0] != afdruk[0]


def test_het_commando_met_alleen_als_leeg_voegt_de_tweede_keer_niets_toe() -> None:
    # given a city built by the command
    eerste = StringIO()
    call_command(
        "demo", grootte=GROOTTE, seed=SEED, peildatum=PEILDATUM, alleen_als_leeg=True, stdout=eerste
    )
    aantallen = [m.objects.count() for m in (Leerling, Ouder, Inschrijving, Verzuim, Medewerker)]
    # when it runs again with --alleen-als-leeg
    tweede = StringIO()
    call_command("demo", "--alleen-als-leeg", "--grootte", "500", stdout=tweede)
    # then no row was added and the log-ins are shown again
    assert [m.objects.count() for m in (Leerling, Ouder, Inschrijving, Verzuim, Medewerker)] == (
        aantallen
    )
    assert aantallen[0] == GROOTTE
    for uitvoer in (eerste.getvalue(), tweede.getvalue()):
        for rol in Rol.values:
            assert rol in uitvoer
        assert WACHTWOORD in uitvoer
        assert "http://127.0.0.1:8000/" in uitvoer


def test_het_commando_weigert_zonder_alleen_als_leeg_twee_keer_te_bouwen() -> None:
    from django.core.management.base import CommandError

    call_command("demo", grootte=GROOTTE, seed=SEED, peildatum=PEILDATUM, stdout=StringIO())
    with pytest.raises(CommandError):
        call_command("demo", grootte=GROOTTE, seed=SEED, stdout=StringIO())
    assert Leerling.objects.count() == GROOTTE


def test_de_vrijstellingen_zijn_ongeveer_drie_op_duizend_en_meestal_art_5a() -> None:
    # given a large city, planned (no database: the planning is pure)
    lesdagen = Schoolkalender("noord").lesdagen(PEILDATUM - timedelta(days=364), PEILDATUM)
    kinderen, _plannen = generator._plan(random.Random(SEED), 30_000, PEILDATUM, lesdagen)
    # then about 0.3% of the pupils of compulsory age has one, most under art. 5 onder a
    artikelen = [k.vrijstelling.artikel for k in kinderen if k.vrijstelling is not None]
    leerplichtig = sum(1 for k in kinderen if k.leeftijd >= 5)
    assert 0.002 * leerplichtig <= len(artikelen) <= 0.004 * leerplichtig
    assert artikelen.count("5a") > len(artikelen) / 2


@pytest.fixture
def te_lange_redencode(monkeypatch: pytest.MonkeyPatch) -> None:
    """A generator that disagrees with the importer: a reason code over 50 characters."""
    monkeypatch.setitem(generator.CODE_PER_SOORT, "ziek", "Z" * 51)


@pytest.mark.usefixtures("te_lange_redencode")
def test_een_afgewezen_rij_stopt_de_demo_met_de_redenen_en_slaat_niets_op() -> None:
    # when the demo is built with a generator the importer does not agree with
    with pytest.raises(DemoImportMislukt) as fout:
        bouw_demostad(grootte=GROOTTE, seed=SEED, peildatum=PEILDATUM)
    # then the error names the rejected rows and why
    assert "reden_code" in str(fout.value)
    assert "rij " in str(fout.value)
    # and nothing of the city was stored, not even the imports
    assert not Leerling.objects.exists()
    assert not School.objects.exists()
    assert not Import.objects.exists()


@pytest.mark.usefixtures("te_lange_redencode")
def test_het_commando_meldt_een_afgewezen_rij_als_commandofout() -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="reden_code"):
        call_command("demo", grootte=GROOTTE, seed=SEED, peildatum=PEILDATUM, stdout=StringIO())


def test_het_commando_drukt_een_regel_per_import_af() -> None:
    # when the command builds the city
    uitvoer = StringIO()
    call_command("demo", grootte=GROOTTE, seed=SEED, peildatum=PEILDATUM, stdout=uitvoer)
    regels = uitvoer.getvalue().splitlines()
    # then each import has a line with its kind, its rows and what it stored
    # (the command line's five; two more by staff make the held writes of the demo)
    imports = list(Import.objects.filter(medewerker__isnull=True).order_by("pk"))
    assert len(imports) == 5
    for import_ in imports:
        soort = str(import_.get_soort_display())
        [regel] = [r for r in regels if r.startswith("Import ") and f" {soort}:" in r]
        assert re.findall(r"\d+", regel) == [str(import_.aantal_rijen), str(import_.aantal_nieuw)]
