# SPDX-License-Identifier: EUPL-1.2
"""The importer's row-level entry point: rows given as Python mappings of column to value (as the
API sends them) are checked, stored and reported exactly as a file with the same rows, directly
and through the background worker, without being written as a file first."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

import pytest

from binnenboord.registratie.importeren.services import (
    RIJEN_KOP,
    importeer_rijen,
    verwerk_wachtrij,
    zet_in_wachtrij,
    zet_rijen_in_wachtrij,
)
from binnenboord.registratie.models import Afwijzing, Import, Importbestand, Inschrijving, Verzuim
from binnenboord.toegang.models import Rol
from tests.registratie.importeren.conftest import BRIN1, BRIN2, Opzet, importeer_bytes

pytestmark = pytest.mark.django_db
DATABASE_BACKEND = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
}


def _verzuimrijen(opzet: Opzet) -> list[dict[str, Any]]:
    a, b = opzet.bsn("demodam_school1"), opzet.bsn("buurdorp_school1")
    return [
        {"bsn": a, "brin": BRIN1, "vestiging": "00", "datum": "2026-01-05", "minuten": 50,
         "soort": "ongeoorloofd", "reden_code": " '=OG "},
        {"bsn": a, "brin": BRIN1, "vestiging": "00", "datum": "2026-01-06", "minuten": None,
         "soort": "ziek", "hele_dag": True},
        # a blank row: skipped, and the rows after it keep their numbers
        {"bsn": None, "brin": "", "vestiging": None, "datum": None, "soort": "  "},
        {"bsn": b, "brin": BRIN1, "vestiging": "0", "datum": "2026-01-07", "minuten": 120,
         "soort": "spijbelen", "hele_dag": False},
        {"bsn": "123", "brin": BRIN2, "vestiging": "00", "datum": "31-02-2026", "minuten": -5,
         "soort": "luxe"},
        {"bsn": b, "brin": BRIN2, "vestiging": "00", "datum": "2026-01-07", "minuten": 30,
         "soort": "te_laat", "hele_dag": "ja; echt"},
    ]  # fmt: skip


def _inschrijvingsrijen(opzet: Opzet) -> list[dict[str, Any]]:
    uitgeschreven = opzet.bsn("demodam_uitgeschreven")
    recent = (timezone.localdate() - timedelta(days=10)).isoformat()
    return [
        {"bsn": uitgeschreven, "brin": BRIN1, "vestiging": "00", "begindatum": recent},
        # reopens the enrolment that ended 200 days ago: waits for Leerplicht
        {"bsn": uitgeschreven, "brin": BRIN1, "vestiging": "00", "begindatum": "2020-08-01"},
        {"bsn": opzet.bsn("buurdorp_school2"), "brin": BRIN2, "vestiging": "00",
         "begindatum": "2026-01-05", "einddatum": "2025-01-05"},
        {"bsn": uitgeschreven, "brin": BRIN1, "vestiging": "00", "begindatum": "01-08-2020"},
    ]  # fmt: skip


def _als_csv(rijen: list[dict[str, Any]], kolommen: list[str]) -> bytes:
    """The same rows as a person would type them in a CSV file (the test's oracle)."""

    def cel(waarde: Any) -> str:
        if waarde is None:
            return ""
        if isinstance(waarde, bool):
            return "ja" if waarde else "nee"
        tekst = str(waarde)
        return '"' + tekst.replace('"', '""') + '"' if ";" in tekst else tekst

    regels = [";".join(kolommen)] + [";".join(cel(r.get(k)) for k in kolommen) for r in rijen]
    return ("\n".join(regels) + "\n").encode()


def _uitkomst(importeer: Callable[[], Import]) -> tuple[Any, ...]:
    """What an import reports and stores; rolled back afterwards, so the next one starts from
    the same database."""
    with transaction.atomic():
        import_ = importeer()
        uitkomst = (
            import_.status,
            import_.melding,
            import_.aantal_rijen,
            import_.aantal_nieuw,
            import_.aantal_bijgewerkt,
            import_.aantal_ongewijzigd,
            import_.aantal_wachtend,
            import_.aantal_afgewezen,
            list(
                Afwijzing.objects.filter(bestandsimport=import_)
                .order_by("rij", "pk")
                .values_list("rij", "veld", "waarde", "reden", "gegevens")
            ),
            sorted(
                Verzuim.objects.values_list(
                    "leerling__bsn", "datum", "minuten_ongeoorloofd", "minuten_ziek", "reden_code"
                )
            ),
            sorted(Inschrijving.objects.values_list("leerling__bsn", "school_id", "begindatum")),
        )
        transaction.set_rollback(True)
    return uitkomst


@pytest.mark.parametrize(
    ("soort", "maak_rijen", "kolommen"),
    [
        ("verzuim", _verzuimrijen,
         ["bsn", "brin", "vestiging", "datum", "minuten", "soort", "hele_dag", "reden_code"]),
        ("inschrijvingen", _inschrijvingsrijen,
         ["bsn", "brin", "vestiging", "begindatum", "einddatum"]),
    ],
)  # fmt: skip
def test_rijen_geven_hetzelfde_rapport_als_een_bestand_met_dezelfde_rijen(
    opzet: Opzet,
    soort: str,
    maak_rijen: Callable[[Opzet], list[dict[str, Any]]],
    kolommen: list[str],
) -> None:
    # given rows with good, blank, escaped and wrong values, as mappings and as a CSV file
    school = opzet.medewerker(Rol.SCHOOLMEDEWERKER)
    rijen = maak_rijen(opzet)

    # when school 1 imports the rows, and (from the same database) the file
    als_rijen = _uitkomst(
        lambda: importeer_rijen(soort=soort, rijen=rijen, bron="api", door=school)
    )
    als_bestand = _uitkomst(lambda: importeer_bytes(soort, _als_csv(rijen, kolommen), school))

    # then both report and store the same, row numbers included
    assert als_rijen == als_bestand
    status, _melding, aantal, nieuw, *_rest, afgewezen, _afw, verzuim, inschrijvingen = als_rijen
    assert status == "klaar"
    assert nieuw > 0 and afgewezen > 0
    assert aantal == len([r for r in rijen if any(str(w or "").strip() for w in r.values())])
    if soort == "verzuim":
        assert [a[0] for a in als_rijen[8]] == [5, 6, 7]
        assert (opzet.bsn("demodam_school1"), date(2026, 1, 5), 50, 0, "=OG") in verzuim
    else:
        # the second row waits for Leerplicht, its repetition is a duplicate
        assert als_rijen[6] == 1
        assert [a[0] for a in als_rijen[8]] == [4, 5]
        assert "rij 3" in als_rijen[8][1][3]
        assert (opzet.bsn("demodam_uitgeschreven"), opzet.school1.pk) in {
            i[:2] for i in inschrijvingen
        }


def test_een_kolom_die_het_formaat_niet_kent_weigert_alle_rijen(opzet: Opzet) -> None:
    rijen = [{**_verzuimrijen(opzet)[0], "opmerking": "x"}]
    import_ = importeer_rijen(soort="verzuim", rijen=rijen, bron="api", door=None)
    assert (import_.status, import_.aantal_rijen) == ("mislukt", 0)
    assert import_.melding.startswith("Onbekende kolom(men) in de kopregel: opmerking.")
    assert not Verzuim.objects.exists()


def test_rijen_in_de_wachtrij_worden_als_rijen_gelezen_en_een_bestand_nooit(
    opzet: Opzet, settings: Any
) -> None:
    settings.TASKS = DATABASE_BACKEND
    school = opzet.medewerker(Rol.SCHOOLMEDEWERKER)
    rijen = _verzuimrijen(opzet)
    direct = _uitkomst(
        lambda: importeer_rijen(soort="verzuim", rijen=rijen, bron="api", door=school)
    )

    # given the same rows queued for the worker
    wachtend = zet_rijen_in_wachtrij(soort="verzuim", rijen=rijen, bron="api", door=school)
    assert bytes(Importbestand.objects.get(bestandsimport=wachtend).inhoud).startswith(RIJEN_KOP)

    # when the worker runs it, then it reports and stores what the direct import did
    def verwerk() -> Import:
        verwerkt = verwerk_wachtrij(wachtend.pk)
        assert verwerkt is not None
        return verwerkt

    assert _uitkomst(verwerk) == direct

    # and a file that looks like stored rows is read as the file it is (and refused for it)
    nagemaakt = RIJEN_KOP + json.dumps(rijen).encode()
    bestand = zet_in_wachtrij(soort="verzuim", data=nagemaakt, bestandsnaam="x.csv", door=school)
    verwerkt = verwerk_wachtrij(bestand.pk)
    assert verwerkt is not None
    assert (verwerkt.status, verwerkt.aantal_rijen) == ("mislukt", 0)
    assert "binnenboord-rijen" in verwerkt.melding
    assert not Verzuim.objects.exists()
