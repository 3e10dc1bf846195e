# SPDX-License-Identifier: EUPL-1.2
"""The backup drill of docs/beheer.md as a test: scripts/backup.sh dumps the (committed) test
database, scripts/restore.sh puts it into a fresh database, and every table comes back with the
same rows, the sequences where they were, and all migrations applied."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from binnenboord.regie import services as regie
from binnenboord.regie.models import Casus, CasusGebeurtenis, PlanVanAanpak
from binnenboord.registratie.models import Leerling, School, Verzuim
from binnenboord.signalering.models import Signaal
from binnenboord.toegang.models import Rol
from binnenboord.verantwoording.models import Inzage
from binnenboord.verantwoording.services import log_inzage
from tests.beheer import pg
from tests.factories import VerzuimFactory
from tests.pgcluster import pg_bin
from tests.regie.factories import casussen
from tests.signalering.factories import SignaalFactory
from tests.wereld import bouw_wereld

ROOT = Path(__file__).resolve().parents[2]
BACKUP = ROOT / "scripts" / "backup.sh"
RESTORE = ROOT / "scripts" / "restore.sh"
HERSTELD = "binnenboord_hersteld"


def _env(**extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "PG_BINDIR": str(Path(pg_bin("pg_dump")).parent),
        "DJANGO_SETTINGS_MODULE": "binnenboord.conf.dev",
        "BINNENBOORD": str(ROOT / ".venv" / "bin" / "binnenboord"),
        **extra,
    }


def _draai(*args: str | Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], env=_env(**env), capture_output=True, text=True, timeout=120
    )


def _bouw_kleine_stad() -> Casus:
    """Pupils, absence, signals, cases with a plan and history, and access-log entries."""
    wereld = bouw_wereld()
    school = School.objects.get(organisatie__naam="Het Baken")
    for leerling in wereld.leerlingen.values():
        for dag in (5, 6, 7):
            VerzuimFactory(
                leerling=leerling, school=school, datum=date(2026, 1, dag), minuten_ziek=300
            )
        SignaalFactory(leerling=leerling)
    per_leerling = casussen(wereld)
    casus = per_leerling["demodam_school1"]
    regie.sla_plan_op(casus=casus, door=casus.regisseur, basis_versie=0, doel="Terug naar school")
    regie.sla_plan_op(
        casus=casus, door=casus.regisseur, basis_versie=1, doel="Terug naar school, halve dagen"
    )
    log_inzage(
        gebruiker=wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR],
        handeling="bekijken",
        bron="registratie:leerling",
        leerlingen=list(wereld.leerlingen.values()),
    )
    return casus


@pytest.fixture
def hersteld() -> Iterator[str]:
    with pg.verbinding() as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {HERSTELD}")
        conn.execute(f"CREATE DATABASE {HERSTELD}")
    yield HERSTELD
    with pg.verbinding() as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {HERSTELD} WITH (FORCE)")


@pytest.mark.django_db(transaction=True)
def test_een_teruggezette_backup_bevat_elk_record(tmp_path: Path, hersteld: str) -> None:
    # given a small city, committed (a transactional test), with a case of two plan versions
    casus = _bouw_kleine_stad()
    bron = pg.instellingen()["NAME"]
    voor = pg.inhoud(bron)
    # when the backup script dumps it and the restore script puts it into an empty database
    gemaakt = _draai(BACKUP, tmp_path, DATABASE_URL=pg.url())
    assert gemaakt.returncode == 0, gemaakt.stderr
    (dump,) = tmp_path.glob("binnenboord-*.dump")
    teruggezet = _draai(RESTORE, dump, pg.url(hersteld))
    assert teruggezet.returncode == 0, teruggezet.stderr
    # then every table has the same rows (count and content), the sequences continue where
    # they were, and the restored database needs no migration
    na = pg.inhoud(hersteld)
    assert na == voor
    assert pg.volgnummers(hersteld) == pg.volgnummers(bron)
    assert "migraties: alle toegepast" in teruggezet.stdout
    assert teruggezet.stdout.splitlines()[-5:] == [
        f"leerlingen\t{Leerling.objects.count()}",
        f"verzuimdagen\t{Verzuim.objects.count()}",
        f"signalen\t{Signaal.objects.count()}",
        f"casussen\t{Casus.objects.count()}",
        f"inzagelog\t{Inzage.objects.count()}",
    ]
    # and the things that matter are really there: a spot check of rows in the restored copy
    assert voor["registratie_verzuim"][0] == 12
    assert voor["regie_casus"][0] == 4
    assert voor["verantwoording_inzage"][0] >= 4
    with pg.verbinding(hersteld) as conn:
        plannen = conn.execute(
            "SELECT versie, doel FROM regie_planvanaanpak WHERE casus_id = %s ORDER BY versie",
            [casus.pk],
        ).fetchall()
        gebeurtenissen = conn.execute(
            "SELECT count(*) FROM regie_casusgebeurtenis WHERE casus_id = %s", [casus.pk]
        ).fetchone()
    assert plannen == [(1, "Terug naar school"), (2, "Terug naar school, halve dagen")]
    assert plannen == list(
        PlanVanAanpak.objects.filter(casus=casus).order_by("versie").values_list("versie", "doel")
    )
    assert gebeurtenissen == (CasusGebeurtenis.objects.filter(casus=casus).count(),)


@pytest.mark.django_db(transaction=True)
def test_terugzetten_weigert_een_database_die_niet_leeg_is(tmp_path: Path) -> None:
    # given a backup of the test database
    bouw_wereld()
    assert _draai(BACKUP, tmp_path, DATABASE_URL=pg.url()).returncode == 0
    (dump,) = tmp_path.glob("binnenboord-*.dump")
    voor = pg.inhoud(pg.instellingen()["NAME"])
    # when it is restored over the live database
    uitkomst = _draai(RESTORE, dump, pg.url())
    # then the script refuses and the database is unchanged
    assert uitkomst.returncode == 1
    assert "niet leeg" in uitkomst.stderr
    assert pg.inhoud(pg.instellingen()["NAME"]) == voor


@pytest.mark.django_db(transaction=True)
def test_de_backup_bewaart_de_nieuwste_kopieen(tmp_path: Path) -> None:
    # given three older copies, and a half-written one of a run that broke off
    for oud in ("20261120-020000", "20261121-020000", "20261122-020000"):
        (tmp_path / f"binnenboord-{oud}.dump").write_bytes(b"oud")
    (tmp_path / ".binnenboord-20261123-020000.dump.onvolledig").write_bytes(b"half")
    # when a backup runs that keeps 2 copies
    uitkomst = _draai(BACKUP, tmp_path, DATABASE_URL=pg.url(), BEWAAR="2")
    # then the new copy and the newest old one remain
    assert uitkomst.returncode == 0, uitkomst.stderr
    namen = sorted(p.name for p in tmp_path.glob("binnenboord-*.dump"))
    assert len(namen) == 2
    assert namen[0] == "binnenboord-20261122-020000.dump"
    assert re.fullmatch(r"binnenboord-\d{8}-\d{6}\.dump", namen[1])
    assert namen[1] > namen[0]
    assert (tmp_path / namen[1]).read_bytes()[:5] == b"PGDMP"
