# SPDX-License-Identifier: EUPL-1.2
"""The demo city's way in: every kind that has an import format is written as a CSV file
(UTF-8, `;`) and read by the file import, exactly as a municipality's file would be. A rejected
row means the generator and the importer disagree, so it stops the demo with the reasons."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from django.utils.translation import gettext as _

from binnenboord.registratie.importeren.services import importeer
from binnenboord.registratie.models import Import

# How many rejected rows the error shows; the rest is in the Afwijzing rows of the import.
GETOONDE_AFWIJZINGEN = 5


class DemoImportMislukt(Exception):
    """An import of the demo city did not store every row."""


class Importpad:
    """Writes each kind as one CSV file in `map_` and imports it from the command line's scope
    (door=None); `bij_import` hears of every finished import."""

    def __init__(self, map_: Path, bij_import: Callable[[Import], None] | None = None) -> None:
        self.map = map_
        self.bij_import = bij_import

    def importeer(
        self, soort: str, kolommen: tuple[str, ...], rijen: Iterable[Mapping[str, str]]
    ) -> Import:
        pad = self.map / f"demo-{soort}.csv"
        schrijf_csv(pad, kolommen, rijen)
        import_ = importeer(soort=soort, bestand=pad, bestandsnaam=pad.name, door=None)
        controleer(import_)
        if self.bij_import is not None:
            self.bij_import(import_)
        return import_


def schrijf_csv(pad: Path, kolommen: tuple[str, ...], rijen: Iterable[Mapping[str, str]]) -> None:
    # extrasaction="raise": a key the header lacks is a bug here, not a silently lost value.
    with pad.open("w", encoding="utf-8", newline="") as bestand:
        schrijver = csv.DictWriter(bestand, fieldnames=kolommen, delimiter=";", restval="")
        schrijver.writeheader()
        schrijver.writerows(rijen)


def controleer(import_: Import) -> None:
    """Raises DemoImportMislukt unless the import finished and stored every row."""
    if import_.status == Import.Status.KLAAR and import_.aantal_afgewezen == 0:
        return
    redenen = [str(a) for a in import_.afwijzingen.order_by("rij")[:GETOONDE_AFWIJZINGEN]]
    if import_.melding:
        redenen.insert(0, import_.melding)
    raise DemoImportMislukt(
        _(
            "The %(soort)s import of the demo city ended with status %(status)s and "
            "%(afgewezen)d rejected rows: %(redenen)s"
        )
        % {
            "soort": import_.get_soort_display(),
            "status": import_.get_status_display(),
            "afgewezen": import_.aantal_afgewezen,
            "redenen": " | ".join(redenen),
        }
    )
